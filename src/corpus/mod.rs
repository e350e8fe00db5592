//! The corpus: sources, their passages, and the timeline, glossary, claims and quiz built on
//! them. This module owns the data model; `load` reads it from TOML and validates it.

mod load;
pub mod model;

pub use load::{CorpusError, MAX_QUOTE_CHARS, Problem, is_iso_date, load};
pub use model::*;

use std::collections::HashMap;

/// The whole validated corpus, with lookup tables by id.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub passages: Vec<Passage>,
    pub events: Vec<Event>,
    pub terms: Vec<Term>,
    pub claims: Vec<Claim>,
    pub quiz: Vec<QuizItem>,
    /// A short hash of the corpus content: shown in every reply's footer, stored with every
    /// logged answer, and beside the search index to tell when it is stale.
    pub version: String,
    source_index: HashMap<String, usize>,
    passage_index: HashMap<String, usize>,
}

impl Corpus {
    /// Assembles a corpus from parts that are already valid (the loader checks them; the
    /// synthetic benchmark corpus builds them directly).
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        topics: Vec<Topic>,
        sources: Vec<Source>,
        passages: Vec<Passage>,
        events: Vec<Event>,
        terms: Vec<Term>,
        claims: Vec<Claim>,
        quiz: Vec<QuizItem>,
        version: String,
    ) -> Corpus {
        let source_index = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let passage_index = passages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Corpus {
            topics,
            sources,
            passages,
            events,
            terms,
            claims,
            quiz,
            version,
            source_index,
            passage_index,
        }
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    pub fn passage(&self, id: &str) -> Option<&Passage> {
        self.passage_index.get(id).map(|&i| &self.passages[i])
    }

    /// The position of a passage in `passages` (the search index stores this ordinal).
    pub fn passage_ordinal(&self, id: &str) -> Option<usize> {
        self.passage_index.get(id).copied()
    }

    /// The source a passage belongs to. Every passage has one: the loader guarantees it.
    pub fn source_of(&self, passage: &Passage) -> Option<&Source> {
        self.source(&passage.source_id)
    }

    /// The pinpoint citation of a passage: `short, locator` (e.g. `GC II, Art. 12(1)`).
    pub fn citation(&self, passage: &Passage) -> String {
        match self.source_of(passage) {
            Some(source) => format!("{}, {}", source.short_name(), passage.locator),
            None => passage.locator.clone(),
        }
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn passages_of<'a>(&'a self, source_id: &'a str) -> impl Iterator<Item = &'a Passage> {
        self.passages
            .iter()
            .filter(move |p| p.source_id == source_id)
    }
}
