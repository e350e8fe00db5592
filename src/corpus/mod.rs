//! The corpus: sources, their passages, and the timeline, glossary, claims, quiz, actors and
//! Spanish layer built on them. This module owns the data model (`model`); reading it from
//! TOML goes `raw` (the file shapes) → `file` (one file's fields, checked, with line numbers)
//! → `load` (every file, then the references across them, via `registry`).

mod file;
pub mod hosts;
mod load;
pub mod model;
mod raw;
mod registry;
pub mod report;
mod spanish;

pub use hosts::{HostClass, HostPolicy, host_of};
pub use load::{MAX_QUOTE_CHARS, MAX_SHORT_QUOTE_WORDS, is_iso_date, load};
pub use model::*;
pub use registry::{CorpusError, Problem};

use std::collections::HashMap;

/// Everything a corpus holds, before the lookup tables are built.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    pub topics: Vec<Topic>,
    pub sources: Vec<Source>,
    pub passages: Vec<Passage>,
    pub events: Vec<Event>,
    pub terms: Vec<Term>,
    pub claims: Vec<Claim>,
    pub quiz: Vec<QuizItem>,
    pub actors: Vec<Actor>,
    pub spanish: Spanish,
    pub hosts: HostPolicy,
}

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
    pub actors: Vec<Actor>,
    pub spanish: Spanish,
    pub hosts: HostPolicy,
    /// A short hash of the corpus content: stored with every logged answer, and beside the
    /// search index to tell when it is stale.
    pub version: String,
    /// The date of the newest dated event or running figure: how current the corpus is.
    pub current_to: Option<String>,
    source_index: HashMap<String, usize>,
    passage_index: HashMap<String, usize>,
}

impl Corpus {
    /// Assembles a corpus from parts that are already valid (the loader checks them; the
    /// synthetic benchmark corpus builds them directly).
    pub fn new(parts: Parts, version: String) -> Corpus {
        let source_index = parts
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let passage_index = parts
            .passages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let current_to = current_to(&parts.events, &parts.passages);
        Corpus {
            topics: parts.topics,
            sources: parts.sources,
            passages: parts.passages,
            events: parts.events,
            terms: parts.terms,
            claims: parts.claims,
            quiz: parts.quiz,
            actors: parts.actors,
            spanish: parts.spanish,
            hosts: parts.hosts,
            version,
            current_to,
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

    /// The date a passage speaks for: its own, else its source's.
    pub fn date_of(&self, passage: &Passage) -> String {
        passage
            .date
            .clone()
            .or_else(|| self.source_of(passage).map(|s| s.date.clone()))
            .unwrap_or_default()
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn passages_of<'a>(&'a self, source_id: &'a str) -> impl Iterator<Item = &'a Passage> {
        self.passages
            .iter()
            .filter(move |p| p.source_id == source_id)
    }
}

/// The newest full date among the events and the running figures (`as_of`).
fn current_to(events: &[Event], passages: &[Passage]) -> Option<String> {
    events
        .iter()
        .map(|e| e.date.as_str())
        .chain(passages.iter().filter_map(|p| p.as_of.as_deref()))
        .filter(|d| d.len() == 10)
        .max()
        .map(str::to_string)
}

/// Lowercase, with accents folded (`Náufragos` → `naufragos`, `Tadić` → `tadic`): how names and
/// phrases are compared whatever way they are typed.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ć' | 'č' | 'ç' => 'c',
            'š' => 's',
            'ž' => 'z',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}
