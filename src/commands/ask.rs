//! `ask`: the best passages for a question, with matched words highlighted; on no hit, says so
//! and suggests where to look instead. A "More" page of a past answer finds its question again
//! in the query log.

use super::{Command, DEFAULT_K, Fathom, Item, MAX_K, Reply, Suggestion};
use crate::search::Outcome;
use std::collections::HashSet;

impl Fathom {
    /// Up to `k` passages for `question`, starting at `offset`.
    pub fn ask_reply(&self, question: &str, k: usize, offset: usize) -> Reply {
        let k = if k == 0 { DEFAULT_K } else { k.min(MAX_K) };
        let question_shown: String = question.trim().chars().take(200).collect();
        let mut reply = Reply::new(Command::Ask, question_shown, self.version());
        reply.query = Some(question.to_string());
        reply.offset = offset;
        if question.trim().is_empty() {
            reply.title = "Ask me something".into();
            reply.intro = Some(
                "Ask a question in your own words, for example: \"Is it lawful to attack shipwrecked survivors?\""
                    .into(),
            );
            reply.suggestions = vec![
                Suggestion::Command(Command::Topics),
                Suggestion::Command(Command::Help),
            ];
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
            self.nothing_found(&mut reply, question);
        } else {
            reply.intro = reply.correction_notice();
        }
        reply
    }

    /// Says that nothing answers the question, and where to look instead.
    fn nothing_found(&self, reply: &mut Reply, question: &str) {
        if reply.offset > 0 {
            reply.intro = Some("No more passages for this question.".into());
            return;
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
        intro.push_str(" Try other words, browse the topics, or look up a term.");
        reply.intro = Some(intro);
        reply.suggestions = self
            .related_terms(question, 2)
            .into_iter()
            .map(Suggestion::Term)
            .collect();
        reply.suggestions.push(Suggestion::Command(Command::Topics));
    }

    /// The page of `DEFAULT_K` passages starting at `offset` for the question of a past answer.
    pub async fn more_reply(&self, answer_id: &str, offset: usize) -> Reply {
        match self.question_of(answer_id).await {
            Ok(question) => {
                let mut reply = self.ask_reply(&question, DEFAULT_K, offset);
                reply.command = Command::More;
                reply
            }
            Err(problem) => problem,
        }
    }

    /// The question answer `answer_id` was given for, from the query log.
    async fn question_of(&self, answer_id: &str) -> Result<String, Reply> {
        let problem = |text: &str| Reply::problem(Command::More, text, self.version());
        let gone = "That answer is no longer in the log (answers are kept for the retention \
                    period). Ask again.";
        if !super::feedback::is_answer_id(answer_id) {
            return Err(problem(gone));
        }
        let Some(store) = self.store() else {
            return Err(problem(
                "The answer log is not available right now, so I cannot find the question again. Ask again.",
            ));
        };
        match store.answer(answer_id).await {
            Ok(Some(stored)) if !stored.query.trim().is_empty() => Ok(stored.query),
            Ok(_) => Err(problem(gone)),
            Err(e) => {
                tracing::error!("answer lookup failed: {e}");
                Err(problem("Sorry, the answer log could not be read just now."))
            }
        }
    }

    /// Glossary terms whose name or definition shares the most words with `text` (none when
    /// nothing is shared).
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
            .filter(|(shared, _)| *shared > 0)
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored
            .into_iter()
            .take(n)
            .map(|(_, t)| t.to_string())
            .collect()
    }
}
