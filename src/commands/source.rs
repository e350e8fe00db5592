//! `source`: the full card of one source — title, publisher, author, date, kind, URL and every
//! passage taken from it.

use super::{Caller, Fathom, Item, Reply, normalise};
use crate::search::Highlighted;
use std::time::Instant;

impl Fathom {
    pub async fn source(&self, caller: &Caller, id: &str) -> Reply {
        let started = Instant::now();
        let reply = self.source_reply(id);
        self.finish(caller, "source", id, reply, started, false)
            .await
    }

    fn source_reply(&self, id: &str) -> Reply {
        let wanted = id.trim().to_lowercase();
        let source = self.corpus.source(&wanted).or_else(|| {
            // Accept the title or short name too ("UN Charter").
            let n = normalise(id);
            self.corpus
                .sources
                .iter()
                .find(|s| normalise(&s.title) == n || normalise(s.short_name()) == n)
        });
        let Some(source) = source else {
            let mut reply = Reply::problem(
                "source",
                format!(
                    "There is no source with the id `{}`.",
                    id.trim().chars().take(100).collect::<String>()
                ),
                self.version(),
            );
            reply.suggestions = self.source_suggestions(id, 5);
            return reply;
        };
        let mut reply = Reply::new("source", source.title.clone(), self.version());
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
        lines.push(format!("URL: {}", source.url));
        if let Some(a) = &source.read_at {
            lines.push(format!("Read at: {a}"));
        }
        lines.push(format!(
            "Cite as: {} (id `{}`)",
            source.short_name(),
            source.id
        ));
        reply.intro = Some(lines.join("\n"));
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

    /// Source ids that look like `text`: exact, then prefix, then containing it.
    pub fn source_suggestions(&self, text: &str, n: usize) -> Vec<String> {
        let t = text.trim().to_lowercase();
        let mut ranked: Vec<(u8, &str)> = self
            .corpus
            .sources
            .iter()
            .filter_map(|s| {
                let title = s.title.to_lowercase();
                let rank = if s.id == t {
                    0
                } else if s.id.starts_with(&t) || title.starts_with(&t) {
                    1
                } else if s.id.contains(&t) || title.contains(&t) {
                    2
                } else {
                    return None;
                };
                Some((rank, s.id.as_str()))
            })
            .collect();
        ranked.sort();
        ranked
            .into_iter()
            .take(n)
            .map(|(_, id)| id.to_string())
            .collect()
    }
}
