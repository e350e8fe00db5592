//! `ask`: the best passages for a question, with matched words highlighted; on no hit, says so
//! and suggests where to look instead.

use super::{Caller, DEFAULT_K, Fathom, Item, MAX_K, Reply};
use crate::search::Outcome;
use std::collections::HashSet;
use std::time::Instant;

impl Fathom {
    /// Answers `question` with up to `k` passages, starting at `offset` (for "More").
    pub async fn ask(&self, caller: &Caller, question: &str, k: usize, offset: usize) -> Reply {
        let started = Instant::now();
        let reply = self.ask_reply(question, k, offset);
        self.finish(caller, "ask", question, reply, started, true)
            .await
    }

    /// The reply to `ask`, without logging (shared with the Discord "More" button and `eval`).
    pub fn ask_reply(&self, question: &str, k: usize, offset: usize) -> Reply {
        let k = if k == 0 { DEFAULT_K } else { k.min(MAX_K) };
        let question_shown: String = question.trim().chars().take(200).collect();
        let mut reply = Reply::new("ask", question_shown.clone(), self.version());
        reply.query = Some(question.to_string());
        reply.offset = offset;
        if question.trim().is_empty() {
            reply.title = "Ask me something".into();
            reply.intro = Some(
                "Ask a question in your own words, for example: \"Is it lawful to attack shipwrecked survivors?\""
                    .into(),
            );
            reply.suggestions = vec!["/topics".into(), "/help".into()];
            return reply;
        }
        let outcome = match self.search.search(question, k, offset) {
            Ok(outcome) => outcome,
            Err(e) => {
                tracing::error!("search failed: {e}");
                Outcome::default()
            }
        };
        reply.corrections = outcome.corrections.clone();
        reply.has_more = outcome.has_more;
        let highlight = self.highlighter(&outcome.terms);
        for hit in &outcome.hits {
            if let Some(p) = self.corpus.passages.get(hit.ordinal) {
                reply.items.push(Item::from_passage(
                    &self.corpus,
                    p,
                    &highlight,
                    Some(hit.score),
                ));
            }
        }
        if reply.items.is_empty() {
            if offset > 0 {
                reply.intro = Some("No more passages for this question.".into());
                return reply;
            }
            let mut intro = String::from("I found no passage for that question.");
            if !reply.corrections.is_empty() {
                let tried: Vec<String> = reply
                    .corrections
                    .iter()
                    .map(|c| format!("{} → {}", c.from, c.to))
                    .collect();
                intro.push_str(&format!(
                    " I also tried correcting typos ({}).",
                    tried.join(", ")
                ));
            }
            intro.push_str(" Try other words, browse /topics, or look up a term:");
            reply.intro = Some(intro);
            reply.suggestions = self.related_terms(question, 2);
            reply.suggestions.push("/topics".into());
        } else {
            reply.intro = reply.correction_notice();
        }
        reply
    }

    /// Glossary terms whose name or definition shares the most words with `text` (the first
    /// terms of the glossary when nothing is shared).
    pub fn related_terms(&self, text: &str, n: usize) -> Vec<String> {
        let words: HashSet<String> = crate::search::typo::words(text).collect();
        let mut scored: Vec<(usize, &str)> = self
            .corpus
            .terms
            .iter()
            .map(|t| {
                let shared = crate::search::typo::words(&format!(
                    "{} {} {}",
                    t.term,
                    t.aliases.join(" "),
                    t.definition
                ))
                .filter(|w| words.contains(w))
                .collect::<HashSet<_>>()
                .len();
                (shared, t.term.as_str())
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored
            .into_iter()
            .take(n)
            .map(|(_, t)| t.to_string())
            .collect()
    }
}
