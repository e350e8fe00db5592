//! Search over the passages: the Tantivy index (schema, atomic build, opening), turning any
//! user string into a query that cannot fail, ranking, typo correction and highlighting.

pub mod build;
pub mod highlight;
pub mod legal_refs;
pub mod schema;
pub mod typo;

pub use highlight::{Highlighted, highlight};
pub use typo::Correction;

use crate::corpus::Corpus;
use schema::{ANALYZER, Fields};
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, Term};
use typo::Vocabulary;

/// The most query words that count; the rest of a very long message is ignored.
pub const MAX_QUERY_TERMS: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("cannot use the index folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the index build was interrupted; the previous index is unchanged")]
    Interrupted,
}

impl SearchError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> SearchError {
        SearchError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> Self {
        SearchError::Tantivy(e.into())
    }
}

/// One ranked passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position of the passage in `corpus.passages`.
    pub ordinal: usize,
    pub score: f32,
}

/// What a search found, and what it did to the query on the way.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    /// Whether more hits exist past the ones returned.
    pub has_more: bool,
    /// The analyzed query terms, for highlighting.
    pub terms: HashSet<String>,
    /// Words corrected for typos (tried only when the query as typed found nothing).
    pub corrections: Vec<Correction>,
}

/// An open index, ready to answer queries.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
    vocabulary: Vocabulary,
}

impl SearchIndex {
    /// Opens the index at `dir`, building it first if it is missing, broken or stale.
    /// `on_build` is told when a build starts (with the passage count) and about its progress.
    pub fn open_or_build(
        corpus: &Corpus,
        dir: &Path,
        on_build: impl FnMut(u64) -> ControlFlow<()>,
    ) -> Result<SearchIndex, SearchError> {
        if build::is_current(dir, corpus)
            && let Ok(index) = SearchIndex::open(corpus, dir)
        {
            return Ok(index);
        }
        tracing::info!(dir = %dir.display(), passages = corpus.passages.len(), "building the search index");
        build::build(corpus, dir, on_build)?;
        SearchIndex::open(corpus, dir)
    }

    /// Opens an existing index (no staleness check).
    pub fn open(corpus: &Corpus, dir: &Path) -> Result<SearchIndex, SearchError> {
        let index = Index::open_in_dir(dir)?;
        index.tokenizers().register(ANALYZER, schema::analyzer());
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            reader,
            fields,
            analyzer: schema::analyzer(),
            vocabulary: Vocabulary::from_corpus(corpus),
        })
    }

    /// Searches for `question`, skipping `offset` hits and returning at most `limit`. Never
    /// fails on what a user types: any string gives hits or an empty outcome.
    ///
    /// Words of 5+ letters that the corpus does not contain are corrected to the closest corpus
    /// word first (an unknown word can only add noise); if the corrected query finds nothing,
    /// the question is searched as typed. The corrections are reported either way.
    pub fn search(
        &self,
        question: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Outcome, SearchError> {
        let (corrected, corrections) = self.vocabulary.correct_query(question);
        if corrections.is_empty() {
            return self.run(question, limit, offset);
        }
        let mut outcome = self.run(&corrected, limit, offset)?;
        if outcome.hits.is_empty() {
            let as_typed = self.run(question, limit, offset)?;
            if !as_typed.hits.is_empty() {
                return Ok(as_typed);
            }
        }
        outcome.corrections = corrections;
        Ok(outcome)
    }

    fn run(&self, question: &str, limit: usize, offset: usize) -> Result<Outcome, SearchError> {
        let (query, terms) = self.build_query(question);
        let Some(query) = query else {
            return Ok(Outcome {
                terms,
                ..Outcome::default()
            });
        };
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(limit.max(1) + 1)
                .and_offset(offset)
                .order_by_score(),
        )?;
        let has_more = top.len() > limit;
        let mut hits = Vec::with_capacity(limit);
        for (score, address) in top.into_iter().take(limit) {
            let segment = searcher.segment_reader(address.segment_ord);
            let column = segment.fast_fields().u64("ordinal")?;
            if let Some(ordinal) = column.first(address.doc_id) {
                hits.push(Hit {
                    ordinal: ordinal as usize,
                    score,
                });
            }
        }
        Ok(Outcome {
            hits,
            has_more,
            terms,
            corrections: Vec::new(),
        })
    }

    /// The analyzed terms of a question as typed, then those of its legal-reference expansions.
    pub fn query_terms(&self, question: &str) -> (Vec<(usize, String)>, Vec<String>) {
        let mut analyzer = self.analyzer.clone();
        let question = truncate_chars(question, 2_000);
        let typed = schema::terms(&mut analyzer, &question);
        let canonical = schema::terms(&mut analyzer, &legal_refs::canonical_tokens(&question))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        (typed, canonical)
    }

    /// A query built directly from terms (no query syntax, so nothing a user types can make it
    /// fail): each term in each field with the field's boost, plus adjacent pairs as phrases.
    fn build_query(&self, question: &str) -> (Option<Box<dyn Query>>, HashSet<String>) {
        let (typed, canonical) = self.query_terms(question);
        let mut seen = HashSet::new();
        let mut unique: Vec<String> = Vec::new();
        for term in typed.iter().map(|(_, t)| t).chain(canonical.iter()) {
            if seen.insert(term.clone()) && unique.len() < MAX_QUERY_TERMS {
                unique.push(term.clone());
            }
        }
        if unique.is_empty() {
            return (None, seen);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in &unique {
            for (field, boost) in self.fields.weighted() {
                let q = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
        }
        // Adjacent words of the question as typed (a stop word between them allowed) as phrases.
        let pairs: Vec<_> = typed
            .iter()
            .zip(typed.iter().skip(1))
            .filter(|((p1, _), (p2, _))| p2 > p1 && p2 - p1 <= 2)
            .take(MAX_QUERY_TERMS)
            .collect();
        for ((p1, t1), (p2, t2)) in pairs {
            for (field, boost) in self.fields.phrase_fields() {
                let phrase = PhraseQuery::new_with_offset(vec![
                    (0, Term::from_field_text(field, t1)),
                    (p2 - p1, Term::from_field_text(field, t2)),
                ]);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(phrase), boost)),
                ));
            }
        }
        (Some(Box::new(BooleanQuery::new(clauses))), seen)
    }

    /// Highlights the query terms in `text`.
    pub fn highlight(&self, text: &str, terms: &HashSet<String>) -> Highlighted {
        let mut analyzer = self.analyzer.clone();
        highlight(&mut analyzer, text, terms)
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The number of passages in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// At most `max` chars of `s`, cut on a char boundary.
pub fn truncate_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

impl From<std::io::Error> for SearchError {
    fn from(e: std::io::Error) -> Self {
        SearchError::Io {
            path: PathBuf::new(),
            source: e,
        }
    }
}
