//! Cross-field term statistics for BM25. Tantivy weighs a term by how rare it is *in each
//! field*, so a word that fills the notes ("strike") but is rare in citations scores as if it
//! were a rare word whenever it shows up in a source's short name ("A Dishonorable Strike"),
//! and one long source's name drowns the passages that actually discuss the question. Here a
//! query term's document frequency is the largest it has in any searched field, so every field
//! weighs a word by how common it is in the corpus, as SQLite FTS5 and BM25F do.

use super::schema::Fields;
use std::collections::HashMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// What does not change while an index is open: the documents, and the tokens of each field
/// (BM25's average field length). Computed once when the index opens.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    docs: u64,
    tokens: HashMap<Field, u64>,
}

impl Totals {
    pub fn new(searcher: &Searcher, fields: &Fields) -> Totals {
        Totals {
            docs: searcher.total_num_docs().unwrap_or(0),
            tokens: fields
                .weighted()
                .iter()
                .map(|(field, _)| (*field, searcher.total_num_tokens(*field).unwrap_or(0)))
                .collect(),
        }
    }
}

pub struct CrossFieldStats<'a> {
    searcher: &'a Searcher,
    totals: &'a Totals,
    doc_freq: HashMap<String, u64>,
    /// For each term, the searched fields that contain it, with their boosts.
    present: HashMap<String, Vec<(Field, f32)>>,
}

impl<'a> CrossFieldStats<'a> {
    /// Statistics for a query made of `terms` (analyzed words): one dictionary lookup per term
    /// and field, which also tells which fields are worth querying at all.
    pub fn new<'t>(
        searcher: &'a Searcher,
        totals: &'a Totals,
        fields: &Fields,
        terms: impl IntoIterator<Item = &'t String>,
    ) -> CrossFieldStats<'a> {
        let mut doc_freq = HashMap::new();
        let mut present = HashMap::new();
        for term in terms {
            if doc_freq.contains_key(term) {
                continue;
            }
            let mut most = 0;
            let mut with: Vec<(Field, f32)> = Vec::new();
            for (field, boost) in fields.weighted() {
                let n = searcher
                    .doc_freq(&Term::from_field_text(field, term))
                    .unwrap_or(0);
                if n > 0 && boost > 0.0 {
                    with.push((field, boost));
                }
                most = most.max(n);
            }
            doc_freq.insert(term.clone(), most);
            present.insert(term.clone(), with);
        }
        CrossFieldStats {
            searcher,
            totals,
            doc_freq,
            present,
        }
    }

    /// The number of passages that hold `term` (in the field where it is most common).
    pub fn doc_freq_of(&self, term: &str) -> u64 {
        self.doc_freq.get(term).copied().unwrap_or(0)
    }

    /// The fields (with their boosts) that contain `term`.
    pub fn fields_of(&self, term: &str) -> &[(Field, f32)] {
        self.present.get(term).map(Vec::as_slice).unwrap_or(&[])
    }
}

impl Bm25StatisticsProvider for CrossFieldStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.totals.tokens.get(&field) {
            Some(n) => Ok(*n),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.totals.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(n) = term.value().as_str().and_then(|t| self.doc_freq.get(t)) {
            return Ok(*n);
        }
        self.searcher.doc_freq(term)
    }
}
