//! Search over the passages: the Tantivy index (schema, atomic build, opening), turning any
//! user string into a query that cannot fail, ranking, typo correction and highlighting; and
//! reading legal references in free text (`legal_refs` for search, `citations` for `check`,
//! both from the spellings in `patterns`).

#[macro_use]
mod patterns;

pub mod build;
pub mod citations;
pub mod claims;
pub mod concepts;
pub mod highlight;
pub mod legal_refs;
pub mod rerank;
pub mod schema;
pub mod scope;
pub mod stats;
pub mod synonyms;
pub mod typo;
pub mod understand;

pub use highlight::{Highlighted, highlight};
pub use scope::Relevance;
pub use typo::Correction;

use crate::corpus::Corpus;
use schema::{ANALYZER, Fields};
use stats::{CrossFieldStats, Totals};
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, Term};
use typo::Vocabulary;

/// The most query words that count; the rest of a very long message is ignored.
pub const MAX_QUERY_TERMS: usize = 32;

/// How much a term's matches in its other fields add to its best field's score.
pub const TIE_BREAKER: f32 = 0.3;

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
    concepts: concepts::Concepts,
    totals: Totals,
    rerank: rerank::Rerank,
    understander: understand::Understander,
    claims: claims::ClaimMatcher,
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
        let totals = Totals::new(&reader.searcher(), &fields);
        let searcher = reader.searcher();
        let weight = |t: &str| word_weight(&searcher, &fields, t);
        let understander = understand::Understander::new(corpus, schema::analyzer());
        let claims = claims::ClaimMatcher::new(corpus, &mut schema::analyzer(), &weight, &|text| {
            understander.understand(text).entities.actors
        });
        Ok(SearchIndex {
            claims,
            understander,
            reader,
            totals,
            fields,
            analyzer: schema::analyzer(),
            vocabulary: Vocabulary::from_corpus(corpus),
            concepts: concepts::Concepts::from_corpus(corpus, &mut schema::analyzer()),
            rerank: rerank::Rerank::default(),
        })
    }

    /// Sets when searches run in two phases and how deep the first goes (see `rerank`).
    pub fn with_rerank(mut self, rerank: rerank::Rerank) -> SearchIndex {
        self.rerank = rerank;
        self
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
        let (typed, canonical) = self.query_terms(question);
        let mut terms = HashSet::new();
        let mut unique: Vec<String> = Vec::new();
        for term in typed.iter().map(|(_, t)| t).chain(canonical.iter()) {
            if terms.insert(term.clone()) && unique.len() < MAX_QUERY_TERMS {
                unique.push(term.clone());
            }
        }
        let searcher = self.reader.searcher();
        let stats = CrossFieldStats::new(&searcher, &self.totals, &self.fields, &unique);
        let words: Vec<String> = typed.into_iter().map(|(_, t)| t).collect();
        let boosts = self.concepts.boosts(&words);
        let Some(query) = self.build_query(&unique, &boosts, &stats) else {
            return Ok(Outcome {
                terms,
                ..Outcome::default()
            });
        };
        let limit = limit.max(1);
        // Large indexes: the rarer words pick candidates for the full query (see `rerank`).
        let first_pass = self
            .rerank
            .candidate_terms(&unique, &stats, searcher.num_docs())
            .and_then(|picking| self.build_query(&picking, &[], &stats));
        let top = match first_pass {
            Some(first) => {
                let ids: Vec<String> = boosts.into_iter().map(|(id, _)| id).collect();
                rerank::search(
                    &searcher,
                    query.as_ref(),
                    first.as_ref(),
                    &stats,
                    self.fields.passage_id,
                    &ids,
                    self.rerank.depth,
                    limit,
                    offset,
                )?
            }
            None => {
                let collector = TopDocs::with_limit(limit + 1)
                    .and_offset(offset)
                    .order_by_score();
                searcher.search_with_statistics_provider(&query, &collector, &stats)?
            }
        };
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
    /// fail). Each term counts once per passage: its best field with that field's boost, plus
    /// `TIE_BREAKER` of its other fields (a dis-max), so a word repeated in a source's title,
    /// short name and aliases does not count three times; fields that lack the term are left
    /// out. Passages of the glossary terms and claims the question names (`boosts`, from
    /// `Concepts::boosts`) are added with a fixed score.
    fn build_query(
        &self,
        terms: &[String],
        boosts: &[(String, f32)],
        stats: &CrossFieldStats<'_>,
    ) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in terms {
            let per_field: Vec<Box<dyn Query>> = stats
                .fields_of(term)
                .iter()
                .map(|&(field, boost)| {
                    let q = TermQuery::new(
                        Term::from_field_text(field, term),
                        IndexRecordOption::WithFreqs,
                    );
                    Box::new(BoostQuery::new(Box::new(q), boost)) as Box<dyn Query>
                })
                .collect();
            if !per_field.is_empty() {
                clauses.push((
                    Occur::Should,
                    Box::new(DisjunctionMaxQuery::with_tie_breaker(
                        per_field,
                        TIE_BREAKER,
                    )),
                ));
            }
        }
        for (passage_id, score) in boosts {
            let q = TermQuery::new(
                Term::from_field_text(self.fields.passage_id, passage_id),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(q), *score)),
            ));
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    /// Highlights the query terms in `text`.
    pub fn highlight(&self, text: &str, terms: &HashSet<String>) -> Highlighted {
        let mut analyzer = self.analyzer.clone();
        highlight(&mut analyzer, text, terms)
    }

    /// How much of a question the corpus speaks to (see `scope`): its meaningful words, each
    /// weighed by its rarity and credited by how well the corpus knows it, and the share of
    /// them the best of `passages` (the texts of its top-ranked passages) holds.
    pub fn relevance(&self, question: &str, passages: &[String]) -> Relevance {
        let searcher = self.reader.searcher();
        let mut r = Relevance::default();
        let words = self.meaningful_words(question);
        for (term, corrected) in &words {
            let weight = word_weight(&searcher, &self.fields, term);
            r.add(weight, doc_freq(&searcher, &self.fields, term), *corrected);
        }
        r.best_passage = self
            .shares(question, passages)
            .into_iter()
            .fold(0.0, f32::max);
        r
    }

    /// For each text, the share of the question's meaningful words (weighed by rarity) it
    /// holds: 1 when it holds them all.
    pub fn shares(&self, question: &str, texts: &[String]) -> Vec<f32> {
        let searcher = self.reader.searcher();
        let words: Vec<(String, f32)> = self
            .meaningful_words(question)
            .into_iter()
            .map(|(t, _)| {
                let w = word_weight(&searcher, &self.fields, &t);
                (t, w)
            })
            .collect();
        let total: f32 = words.iter().map(|(_, w)| w).sum();
        texts
            .iter()
            .map(|text| {
                if total == 0.0 {
                    return 0.0;
                }
                let held = self.analyzed(text);
                words
                    .iter()
                    .filter(|(t, _)| held.contains(t))
                    .map(|(_, w)| w)
                    .sum::<f32>()
                    / total
            })
            .collect()
    }

    /// The distinct analyzed words of a question that carry its topic (filler left out), each
    /// typo-corrected when the corpus does not know it, and whether it was.
    fn meaningful_words(&self, question: &str) -> Vec<(String, bool)> {
        let question = truncate_chars(question, 2_000);
        let mut analyzer = self.analyzer.clone();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for word in question
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(typo::fold)
            .filter(|w| !scope::is_filler(w))
        {
            let correction = self.vocabulary.correct(&word);
            let corrected = correction.is_some();
            let word = correction.unwrap_or(word);
            for (_, term) in schema::terms(&mut analyzer, &word) {
                if seen.insert(term.clone()) {
                    out.push((term, corrected));
                }
            }
        }
        out
    }

    /// The analyzed words of a text.
    pub fn analyzed(&self, text: &str) -> HashSet<String> {
        let mut analyzer = self.analyzer.clone();
        schema::terms(&mut analyzer, &truncate_chars(text, 20_000))
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    /// Every reviewed claim `text` shares words with, with its wording score (see `claims`);
    /// a claim about other people or bodies than the ones `text` names is not among them.
    pub fn claim_wordings(&self, text: &str) -> Vec<claims::Matched> {
        let searcher = self.reader.searcher();
        let weight = |t: &str| word_weight(&searcher, &self.fields, t);
        let text = truncate_chars(text, 2_000);
        let named = self.understander.understand(&text).entities.actors;
        self.claims
            .each(&text, &mut self.analyzer.clone(), &weight)
            .into_iter()
            .filter(|m| self.claims.about_them(m.claim, &named, &text))
            .collect()
    }

    /// What a question asks for and names (see `understand`).
    pub fn understand(&self, question: &str) -> understand::Understanding {
        self.understander
            .understand(&truncate_chars(question, 2_000))
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

/// How much an analyzed word says: its idf over the passages (in the field where it is most
/// common); a word no passage holds weighs as the rarest, and a little more.
fn word_weight(searcher: &tantivy::Searcher, fields: &Fields, term: &str) -> f32 {
    let n = searcher.num_docs().max(1) as f32;
    let df = doc_freq(searcher, fields, term);
    if df == 0 {
        (n + 1.0).ln() + 1.0
    } else {
        (n / df as f32).ln() + 1.0
    }
}

/// How many passages hold an analyzed word (in the field where it is most common).
fn doc_freq(searcher: &tantivy::Searcher, fields: &Fields, term: &str) -> u64 {
    fields
        .weighted()
        .iter()
        .map(|(f, _)| {
            searcher
                .doc_freq(&Term::from_field_text(*f, term))
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// Lowercase words joined by single spaces; punctuation separates words.
pub fn plain_words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
