//! Two-phase search for large indexes. The full query (a dis-max per term over the fields,
//! plus constant-score concept clauses) ranks well, but tantivy scores every passage that holds
//! any query word: at a million passages, a question with common words ("law", "war", "kill")
//! walks posting lists of hundreds of thousands of passages and takes tens of milliseconds.
//! (A flat sum of term queries, which tantivy can prune with block-max WAND, was tried and was
//! slower still: at 40-odd term-field clauses, WAND bookkeeping costs more than it skips.)
//!
//! So, as with Lucene's "common terms" query: the rarer words of the question pick the
//! candidates, and the common words only help rank them. The first pass is the full query
//! without the common words; its top `depth` passages, and the passages of the concepts the
//! question names, are then scored by the full query. If every word is common, the rarest one
//! picks the candidates. Results are in the full query's order, ties broken by index order as
//! a one-pass search breaks them. A passage that holds only common words of the question can
//! be missed, which at this size is a passage that matches "is it legal to kill" and nothing
//! more specific.

use super::SearchError;
use super::stats::CrossFieldStats;
use std::collections::HashSet;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Score, Searcher, TERMINATED, Term};

/// When the two-phase search is used, how deep its first pass goes, and which words are
/// common.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rerank {
    /// Indexes with more passages than this are searched in two phases.
    pub above: u64,
    /// How many first-pass hits the full query re-scores (at least the page asked for).
    pub depth: usize,
    /// A word in more than this share of the passages is common.
    pub common: f64,
}

impl Default for Rerank {
    /// One phase for small corpora (the bundled one has hundreds of passages), where scoring
    /// everything takes well under a millisecond; two phases past 20,000 passages, re-scoring
    /// 50 candidates, with words in more than 3% of the passages common. Measured on the 1M
    /// synthetic corpus and on the real one forced into two phases (BENCHMARKS.md): re-scoring
    /// costs tens of microseconds a candidate at 1M, and depths of 100 and 200 were slower
    /// and no better; 1% lost real answers (recall@3 0.890), 5% and 10% were slower.
    fn default() -> Rerank {
        Rerank {
            above: 20_000,
            depth: 50,
            common: 0.03,
        }
    }
}

impl Rerank {
    /// The terms that pick the candidates, when an index of `docs` passages is searched in two
    /// phases: those in at most `common` of the passages, or if every term is common, the
    /// rarest one. None when one phase is the right search: a small index, or no common word
    /// to leave out.
    pub fn candidate_terms(
        &self,
        terms: &[String],
        stats: &CrossFieldStats<'_>,
        docs: u64,
    ) -> Option<Vec<String>> {
        if docs <= self.above {
            return None;
        }
        let cutoff = (docs as f64 * self.common).ceil() as u64;
        let mut picking: Vec<String> = terms
            .iter()
            .filter(|t| stats.doc_freq_of(t) <= cutoff)
            .cloned()
            .collect();
        if picking.is_empty() {
            picking.extend(
                terms
                    .iter()
                    .filter(|t| stats.doc_freq_of(t) > 0)
                    .min_by_key(|t| stats.doc_freq_of(t))
                    .cloned(),
            );
        }
        (!picking.is_empty() && picking.len() < terms.len()).then_some(picking)
    }
}

/// The passages with these ids (the concept passages), wherever they are in the index.
fn passages_with_ids(
    searcher: &Searcher,
    id_field: Field,
    ids: &[String],
) -> Result<HashSet<DocAddress>, SearchError> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = ids
        .iter()
        .map(|id| {
            let q = TermQuery::new(
                Term::from_field_text(id_field, id),
                IndexRecordOption::Basic,
            );
            (Occur::Should, Box::new(q) as Box<dyn Query>)
        })
        .collect();
    Ok(searcher.search(&BooleanQuery::new(clauses), &DocSetCollector)?)
}

/// The top `limit + 1` hits after `offset` of `full` (one more tells whether more follow): the
/// top `depth` of `first` (the full query over the candidate terms alone) and the concept
/// passages `concept_ids`, re-scored by `full`.
#[allow(clippy::too_many_arguments)]
pub fn search(
    searcher: &Searcher,
    full: &dyn Query,
    first: &dyn Query,
    stats: &CrossFieldStats<'_>,
    id_field: Field,
    concept_ids: &[String],
    depth: usize,
    limit: usize,
    offset: usize,
) -> Result<Vec<(Score, DocAddress)>, SearchError> {
    let wanted = offset + limit + 1;
    let first_hits = searcher.search_with_statistics_provider(
        first,
        &TopDocs::with_limit(depth.max(wanted)).order_by_score(),
        stats,
    )?;
    let mut candidates: Vec<DocAddress> = first_hits.into_iter().map(|(_, a)| a).collect();
    candidates.extend(passages_with_ids(searcher, id_field, concept_ids)?);
    candidates.sort();
    candidates.dedup();

    let weight = full.weight(EnableScoring::enabled_from_statistics_provider(
        stats, searcher,
    ))?;
    let mut scored = Vec::with_capacity(candidates.len());
    let mut i = 0;
    while i < candidates.len() {
        let segment_ord = candidates[i].segment_ord;
        let reader = searcher.segment_reader(segment_ord);
        let mut scorer = weight.scorer(reader, 1.0)?;
        while i < candidates.len() && candidates[i].segment_ord == segment_ord {
            let address = candidates[i];
            i += 1;
            // Candidates are in doc order, so the scorer only moves forward.
            let doc = if scorer.doc() < address.doc_id {
                scorer.seek(address.doc_id)
            } else {
                scorer.doc()
            };
            if doc == address.doc_id && doc != TERMINATED {
                scored.push((scorer.score(), address));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(scored.into_iter().skip(offset).take(limit + 1).collect())
}
