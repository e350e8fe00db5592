//! `source`: the full card of one source — title, publisher, author, date, kind, its link (and
//! the copy that was read, when that is another page) and every passage taken from it. The
//! source is named by its id, by one of its passages' ids, or by its title or short name;
//! anything else gets "did you mean" suggestions. `sources`: the list of sources, or those
//! whose title, publisher, author or id match some words.

use super::{Command, Fathom, Item, Reply, Suggestion, normalise};
use crate::corpus::Source;
use crate::search::Highlighted;
use crate::search::typo::edit_distance;

/// Sources per page of `sources`.
pub const SOURCES_PAGE: usize = 25;

impl Fathom {
    pub(super) fn source_reply(&self, id: &str) -> Reply {
        let Some(source) = self.find_source(id) else {
            let shown: String = id.trim().chars().take(100).collect();
            let mut reply = Reply::problem(
                Command::Source,
                format!("There is no source `{shown}` (by id, passage id or title)."),
                self.version(),
            );
            reply.suggestions = self
                .source_suggestions(id, 5)
                .into_iter()
                .map(Suggestion::Source)
                .collect();
            if !reply.suggestions.is_empty() {
                reply.intro = reply
                    .intro
                    .map(|i| format!("{i} Did you mean one of these?"));
            }
            return reply;
        };
        let mut reply = Reply::new(Command::Source, source.title.clone(), self.version());
        reply.intro = Some(card(source).join("\n"));
        reply.query = Some(source.id.clone());
        for p in self.corpus.passages_of(&source.id) {
            reply.items.push(Item::from_passage(
                &self.corpus,
                p,
                |t: &str| Highlighted::plain(t),
                None,
            ));
        }
        reply
    }

    /// The source `text` names: its id, the id of one of its passages, or its title or short
    /// name (case and punctuation aside).
    pub fn find_source(&self, text: &str) -> Option<&Source> {
        let wanted = text.trim().to_lowercase();
        if let Some(s) = self.corpus.source(&wanted) {
            return Some(s);
        }
        if let Some(p) = self.corpus.passage(&wanted) {
            return self.corpus.source_of(p);
        }
        let n = normalise(text);
        self.corpus
            .sources
            .iter()
            .find(|s| normalise(&s.title) == n || normalise(s.short_name()) == n)
    }

    /// Source ids that look like `text`: exact, then prefix, then containing it (in the id,
    /// title, publisher or author), then within two edits of the id.
    pub fn source_suggestions(&self, text: &str, n: usize) -> Vec<String> {
        let t = text.trim().to_lowercase();
        if t.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, &str)> = self
            .corpus
            .sources
            .iter()
            .filter_map(|s| Some((source_rank(s, &t)?, s.id.as_str())))
            .collect();
        ranked.sort();
        ranked
            .into_iter()
            .take(n)
            .map(|(_, id)| id.to_string())
            .collect()
    }

    pub(super) fn sources_reply(&self, query: Option<&str>, offset: usize) -> Reply {
        let mut matching: Vec<(u8, &Source)> = match query.map(|q| q.trim().to_lowercase()) {
            None => self.corpus.sources.iter().map(|s| (0, s)).collect(),
            Some(q) => self
                .corpus
                .sources
                .iter()
                .filter_map(|s| Some((all_words_rank(s, &q)?, s)))
                .collect(),
        };
        matching.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let title = match query {
            Some(q) => format!(
                "Sources matching \"{}\"",
                q.chars().take(80).collect::<String>()
            ),
            None => "Sources".to_string(),
        };
        let mut reply = Reply::new(Command::Sources, title, self.version());
        reply.offset = offset;
        reply.total = Some(matching.len());
        reply.has_more = offset + SOURCES_PAGE < matching.len();
        reply.intro = Some(if matching.is_empty() {
            "No source matches those words.".to_string()
        } else {
            format!(
                "{}–{} of {}.",
                (offset + 1).min(matching.len()),
                (offset + SOURCES_PAGE).min(matching.len()),
                matching.len()
            )
        });
        reply.lines = matching
            .iter()
            .skip(offset)
            .take(SOURCES_PAGE)
            .map(|(_, s)| {
                let by = s.publisher.as_deref().or(s.author.as_deref()).unwrap_or("");
                format!(
                    "{} — {} ({}; {}, {})",
                    s.id,
                    s.short_name(),
                    by,
                    s.kind.label(),
                    s.date
                )
            })
            .collect();
        reply
    }
}

/// The lines of a source card.
fn card(source: &Source) -> Vec<String> {
    let mut lines = vec![
        format!("Kind: {}", source.kind.label()),
        format!("Date: {}", source.date),
    ];
    if let Some(p) = &source.publisher {
        lines.push(format!("Publisher: {p}"));
    }
    if let Some(a) = &source.author {
        lines.push(format!("Author: {a}"));
    }
    lines.push(format!("Link: {}", source.url));
    if let Some(read) = &source.read_at {
        lines.push(format!("Read at: {read}"));
    }
    lines.push(format!(
        "Cite as: {} (id `{}`)",
        source.short_name(),
        source.id
    ));
    lines
}

/// How closely a source's names match `t` (lower is closer), or None.
fn source_rank(s: &Source, t: &str) -> Option<u8> {
    let title = s.title.to_lowercase();
    let others = [
        s.publisher.as_deref(),
        s.author.as_deref(),
        s.short.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::to_lowercase)
    .collect::<Vec<_>>()
    .join(" ");
    if s.id == t {
        Some(0)
    } else if s.id.starts_with(t) || title.starts_with(t) {
        Some(1)
    } else if s.id.contains(t) || title.contains(t) || others.contains(t) {
        Some(2)
    } else if edit_distance(t, &s.id, 2).is_some() {
        Some(3)
    } else {
        None
    }
}

/// A source matches a search when every word is in its id, title, short name, publisher or
/// author; ranked by where the first word is found.
fn all_words_rank(s: &Source, query: &str) -> Option<u8> {
    let haystack = [
        Some(s.id.as_str()),
        Some(s.title.as_str()),
        s.short.as_deref(),
        s.publisher.as_deref(),
        s.author.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(crate::corpus::fold)
    .collect::<Vec<_>>()
    .join(" ");
    let words: Vec<String> = query.split_whitespace().map(crate::corpus::fold).collect();
    if words.is_empty() || !words.iter().all(|w| haystack.contains(w.as_str())) {
        return None;
    }
    source_rank(s, query).or(Some(4))
}
