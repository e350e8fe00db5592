//! `rebut`: a sourced answer to a claim, ready to paste, with numbered footnotes. The claim is
//! matched against the reviewed claims of `claims.toml` first (its review, then the passages
//! that counter and support it); a claim not reviewed there falls back to search.

use super::{Command, Fathom, Item, Reply};
use crate::corpus::{Claim, Passage};
use std::collections::HashSet;

/// How many countering and supporting passages a rebuttal cites.
const MAX_COUNTERS: usize = 4;
const MAX_SUPPORTS: usize = 2;

/// The share of a reviewed claim's words that must appear in the text for it to match.
const CLAIM_MATCH: f64 = 0.5;

impl Fathom {
    pub fn rebut_reply(&self, text: &str) -> Reply {
        if text.trim().is_empty() {
            return Reply::problem(
                Command::Rebut,
                "Which claim? Paste the claim you want sources for.",
                self.version(),
            );
        }
        match self.match_claim(text) {
            Some(claim) => self.reviewed(claim, text),
            None => self.searched(text),
        }
    }

    /// The reviewed claim `text` makes, if any: the one whose wording (or a variant) shares
    /// the largest share of its words with the text.
    pub fn match_claim(&self, text: &str) -> Option<&Claim> {
        let stems = |s: &str| -> HashSet<String> {
            self.search
                .query_terms(s)
                .0
                .into_iter()
                .map(|(_, t)| t)
                .collect()
        };
        let asked = stems(text);
        if asked.is_empty() {
            return None;
        }
        let mut best: Option<(f64, &Claim)> = None;
        for claim in &self.corpus.claims {
            for wording in std::iter::once(&claim.claim).chain(claim.variants.iter()) {
                let own = stems(wording);
                if own.is_empty() {
                    continue;
                }
                let shared = own.intersection(&asked).count();
                let score = shared as f64 / own.len() as f64;
                if shared >= 2.min(own.len())
                    && score >= CLAIM_MATCH
                    && best.is_none_or(|(b, _)| score > b)
                {
                    best = Some((score, claim));
                }
            }
        }
        best.map(|(_, c)| c)
    }

    fn reviewed(&self, claim: &Claim, text: &str) -> Reply {
        let mut reply = Reply::new(
            Command::Rebut,
            format!("Claim: \"{}\"", claim.claim),
            self.version(),
        );
        reply.query = Some(text.to_string());
        let terms: HashSet<String> = HashSet::new();
        let highlight = self.highlighter(&terms);
        // Short enough to paste into a chat: the first counter-passages (the law comes first in
        // claims.toml) and the first passages cited in support.
        let counters: Vec<&Passage> = claim
            .counters
            .iter()
            .filter_map(|id| self.corpus.passage(id))
            .take(MAX_COUNTERS)
            .collect();
        let supports: Vec<&Passage> = claim
            .supports
            .iter()
            .filter_map(|id| self.corpus.passage(id))
            .take(MAX_SUPPORTS)
            .collect();
        for p in counters.iter().chain(supports.iter()) {
            reply
                .items
                .push(Item::from_passage(&self.corpus, p, &highlight, None));
        }
        let n_counters = counters.len();
        let marks = |range: std::ops::Range<usize>| -> String {
            range
                .map(|i| format!("[{}]", i + 1))
                .collect::<Vec<_>>()
                .join("")
        };
        let mut paste = format!(
            "**Claim:** \"{}\" (made by: {})\n",
            claim.claim, claim.made_by
        );
        paste.push_str(&format!(
            "**What the sources say:** {} {}\n",
            claim.review,
            marks(0..n_counters)
        ));
        if !supports.is_empty() {
            paste.push_str(&format!(
                "**Cited in support of the claim:** {}\n",
                marks(n_counters..n_counters + supports.len())
            ));
        }
        paste.push('\n');
        paste.push_str(&footnotes(&reply.items));
        reply.intro = Some(claim.review.clone());
        reply
            .lines
            .push(format!("Claim made by: {}", claim.made_by));
        reply.paste = Some(paste);
        reply
    }

    fn searched(&self, text: &str) -> Reply {
        let mut reply = self.ask_reply(text, 3, 0);
        reply.command = Command::Rebut;
        reply.title = format!(
            "Sources on: \"{}\"",
            text.trim().chars().take(150).collect::<String>()
        );
        if reply.items.is_empty() {
            return reply;
        }
        let mut paste = format!(
            "**On the claim** \"{}\", the sources say:\n",
            text.trim().chars().take(300).collect::<String>()
        );
        for (i, item) in reply.items.iter().enumerate() {
            paste.push_str(&format!(
                "- {} [{}]\n",
                first_sentence(&item.note.text),
                i + 1
            ));
        }
        paste.push('\n');
        paste.push_str(&footnotes(&reply.items));
        reply.lines.push(
            "This claim is not in the reviewed-claims list; these are the closest passages.".into(),
        );
        reply.paste = Some(paste);
        reply
    }
}

/// `[1] GC II, Art. 12(1) (Law) — "quote…" <url>` lines. Quotes longer than 160 characters are
/// cut at a word boundary with an ellipsis.
pub fn footnotes(items: &[Item]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        out.push_str(&format!(
            "[{}] {} ({})",
            i + 1,
            item.citation,
            item.status.label()
        ));
        if let Some(q) = &item.quote {
            out.push_str(&format!(" — \"{}\"", shorten(&q.text, 160)));
        }
        out.push_str(&format!(" <{}>\n", item.url));
    }
    out.push_str(super::NOT_LEGAL_ADVICE);
    out
}

fn first_sentence(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|(i, c)| *c == '.' && text[i + 1..].starts_with(' '))
        .map(|(i, _)| i + 1)
        .unwrap_or(text.len());
    shorten(&text[..end], 300)
}

/// At most `max` chars, cut at a space, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}
