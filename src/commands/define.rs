//! `define`: a glossary entry with the passages that ground it. Terms are found by name, by
//! alias (`API 41`, `LOAC`), by prefix, and finally by the words of their definitions.

use super::{Command, Fathom, Item, Reply, Suggestion, normalise};
use crate::corpus::Term;
use crate::search::typo::words;
use std::collections::HashSet;

impl Fathom {
    pub(super) fn define_reply(&self, text: &str) -> Reply {
        if text.trim().is_empty() {
            let mut reply = Reply::problem(
                Command::Define,
                "Which term? For example: hors de combat",
                self.version(),
            );
            reply.suggestions = self
                .corpus
                .terms
                .iter()
                .take(5)
                .map(|t| Suggestion::Term(t.term.clone()))
                .collect();
            return reply;
        }
        let Some(term) = self.find_term(text) else {
            let mut reply = Reply::problem(
                Command::Define,
                format!(
                    "The glossary has no entry for \"{}\".",
                    text.trim().chars().take(100).collect::<String>()
                ),
                self.version(),
            );
            reply.suggestions = self
                .related_terms(text, 3)
                .into_iter()
                .map(Suggestion::Term)
                .collect();
            return reply;
        };
        let mut reply = Reply::new(Command::Define, term.term.clone(), self.version());
        reply.intro = Some(term.definition.clone());
        let highlight_terms: HashSet<String> = HashSet::new();
        let highlight = self.highlighter(&highlight_terms);
        for id in &term.passages {
            if let Some(p) = self.corpus.passage(id) {
                reply
                    .items
                    .push(Item::from_passage(&self.corpus, p, &highlight, None));
            }
        }
        if !term.aliases.is_empty() {
            reply
                .lines
                .push(format!("Also called: {}", term.aliases.join(", ")));
        }
        let see_also: Vec<&str> = term
            .see_also
            .iter()
            .filter_map(|id| self.corpus.terms.iter().find(|t| &t.id == id))
            .map(|t| t.term.as_str())
            .collect();
        if !see_also.is_empty() {
            reply
                .lines
                .push(format!("See also: {}", see_also.join(", ")));
        }
        reply
    }

    /// The glossary term `text` names: exact name or alias, then a name starting with it, then
    /// the term sharing the most words with it.
    pub fn find_term(&self, text: &str) -> Option<&Term> {
        let wanted = normalise(text);
        if wanted.is_empty() {
            return None;
        }
        let names = |t: &Term| {
            t.names()
                .into_iter()
                .chain(std::iter::once(t.id.replace('-', " ")))
                .map(|n| normalise(&n))
                .collect::<Vec<_>>()
        };
        let terms = &self.corpus.terms;
        if let Some(t) = terms.iter().find(|t| names(t).contains(&wanted)) {
            return Some(t);
        }
        if let Some(t) = terms
            .iter()
            .find(|t| names(t).iter().any(|n| n.starts_with(&wanted)))
        {
            return Some(t);
        }
        let asked: HashSet<String> = words(text).collect();
        terms
            .iter()
            .map(|t| {
                let name_words: HashSet<String> = words(&names(t).join(" ")).collect();
                (name_words.intersection(&asked).count(), t)
            })
            .filter(|(shared, _)| *shared > 0)
            .max_by_key(|(shared, _)| *shared)
            .map(|(_, t)| t)
    }
}
