//! `ask`: the answer to a question in the user's own words. The question is understood first
//! (its intent and what it names), searched, and the answer shaped to it (`compose`): a card
//! for a definition or a person (`cards`), the law and both positions for a legality question,
//! the newest figure for a count, the timeline for a date. A question the corpus does not
//! answer gets no passages, said plainly (`scope`). A "More" page of a past answer finds its
//! question again in the query log and goes on where the first page stopped.

mod cards;
mod compose;
mod scope;

pub use scope::{MIN_COVERED, WHAT_IT_COVERS, lacks_relevance};

use super::{Command, DEFAULT_K, Fathom, Item, MAX_K, Reply, Suggestion};
use crate::search::Outcome;
use crate::search::understand::{Intent, Understanding};
use compose::{CANDIDATES, DEEP, Entry};
use std::collections::HashSet;

impl Fathom {
    /// Up to `k` passages for `question`, starting at `offset`.
    pub fn ask_reply(&self, question: &str, k: usize, offset: usize) -> Reply {
        let k = if k == 0 { DEFAULT_K } else { k.min(MAX_K) };
        let question_shown: String = question.trim().chars().take(200).collect();
        let mut reply = Reply::new(Command::Ask, question_shown, self.version());
        reply.query = Some(question.to_string());
        reply.offset = offset;
        reply.footer.current_to = self.corpus.current_to.clone();
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
        let understanding = self.search.understand(question);
        reply.understanding = Some(understanding.clone());
        if let Some(says) = self.nonexistent_provision(question) {
            return self.no_such_provision(reply, says);
        }
        let outcome = self.ranked(question, offset.saturating_add(k + 1).max(CANDIDATES));
        if offset == 0 && self.out_of_scope(question, &understanding, &outcome) {
            return self.not_covered(reply);
        }
        reply.corrections = outcome.corrections.clone();
        let (card, entries) = self.answer_entries(&understanding, question, &outcome);
        if offset == 0 {
            reply.card = card;
        }
        reply.has_more = entries.len() > offset.saturating_add(k) || outcome.has_more;
        let highlight = self.highlighter(&outcome.terms);
        for entry in entries.iter().skip(offset).take(k) {
            if let Some(item) = self.item(entry, &highlight) {
                reply.items.push(item);
            }
        }
        if reply.items.is_empty() && reply.card.is_none() {
            self.nothing_found(&mut reply, question);
        } else {
            reply.intro = reply.correction_notice();
        }
        reply
    }

    /// The ranked passages for a question, `limit` deep (an empty ranking if search fails).
    fn ranked(&self, question: &str, limit: usize) -> Outcome {
        match self.search.search(question, limit, 0) {
            Ok(outcome) => outcome,
            Err(e) => {
                tracing::error!("search failed: {e}");
                Outcome::default()
            }
        }
    }

    /// The card (for a definition or a person) and every entry of the answer, in order.
    fn answer_entries(
        &self,
        u: &Understanding,
        question: &str,
        outcome: &Outcome,
    ) -> (Option<super::Card>, Vec<Entry>) {
        let deep = || self.ranked(question, DEEP).hits;
        // "AP I 41": the provision cited is the first passage, after any card.
        let cited = self.cited_provisions(question);
        let card = match u.intent {
            Intent::Definition => u
                .entities
                .terms
                .first()
                .and_then(|id| self.corpus.term(id))
                .map(|t| self.term_card(t)),
            Intent::Person => u
                .entities
                .actors
                .first()
                .and_then(|id| self.corpus.actor(id))
                .map(|a| self.actor_card(a)),
            _ => None,
        };
        let composed = self.compose(u, question, &outcome.hits, &deep);
        let (card, first) = match card {
            Some((card, first)) => (Some(card), first),
            None => (None, Vec::new()),
        };
        let mut entries: Vec<Entry> = Vec::new();
        let mut shown: HashSet<Option<usize>> = HashSet::new();
        for e in cited.into_iter().chain(first).chain(composed) {
            if shown.insert(entry_ordinal(&e)) || entry_ordinal(&e).is_none() {
                entries.push(e);
            }
        }
        (card, entries)
    }

    /// The item an entry shows.
    fn item(
        &self,
        entry: &Entry,
        highlight: &impl Fn(&str) -> crate::search::Highlighted,
    ) -> Option<Item> {
        match entry {
            Entry::Passage {
                ordinal,
                score,
                section,
            } => {
                let p = self.corpus.passages.get(*ordinal)?;
                let mut item = Item::from_passage(&self.corpus, p, highlight, *score);
                item.section = *section;
                Some(item)
            }
            Entry::Event { index } => self.corpus.events.get(*index).map(|e| self.event_item(e)),
        }
    }

    /// The passages of the provisions a question cites by number ("AP I 41", "article 51"),
    /// when the corpus holds them exactly.
    fn cited_provisions(&self, question: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        for c in self.check_refs(question) {
            if let crate::search::citations::Verdict::Found { passages, .. } = c.verdict
                && let Some(ordinal) = passages
                    .first()
                    .and_then(|id| self.corpus.passage_ordinal(id))
                && !out.iter().any(|e: &Entry| e.ordinal() == Some(ordinal))
            {
                out.push(Entry::Passage {
                    ordinal,
                    score: None,
                    section: None,
                });
            }
        }
        out
    }

    /// What a question's first reference to a provision that does not exist is told ("AP I has
    /// no Article 200: it has 102 articles"), if it has one.
    fn nonexistent_provision(&self, question: &str) -> Option<String> {
        self.check_refs(question)
            .into_iter()
            .find_map(|c| match c.verdict {
                crate::search::citations::Verdict::NoSuchProvision { says, .. } => Some(says),
                _ => None,
            })
    }

    /// The reply to a question about a provision that does not exist: said plainly, with no
    /// passages (the nearest article would look like an answer).
    fn no_such_provision(&self, mut reply: Reply, says: String) -> Reply {
        reply.title = "No such provision".into();
        let mut says = says;
        if let Some(first) = says.get(..1) {
            says = format!("{}{}", first.to_uppercase(), &says[1..]);
        }
        reply.intro = Some(format!(
            "{says}. Check the citation: `check` verifies every reference in a text."
        ));
        reply.suggestions = vec![
            Suggestion::Command(Command::Check),
            Suggestion::Command(Command::Topics),
        ];
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
    pub(crate) async fn question_of(&self, answer_id: &str) -> Result<String, Reply> {
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

fn entry_ordinal(e: &Entry) -> Option<usize> {
    match e {
        Entry::Passage { ordinal, .. } => Some(*ordinal),
        Entry::Event { .. } => None,
    }
}
