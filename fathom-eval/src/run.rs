//! What the measuring tools run: answer quality for an engine over a question set, and the
//! questions a load run asks.

use crate::fts5::{Fts5Index, Fts5Ranker};
use crate::metrics::{self, EvalReport};
use crate::{EvalError, QuestionSet};
use fathom::commands::Fathom;
use fathom::corpus::Corpus;
use std::path::Path;

/// An engine `fathom eval` can measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// fathom's own search, through `ask`.
    Fathom,
    /// SQLite FTS5 (bm25) over the same corpus, in memory.
    Fts5,
}

/// Measures `engines` on `set`: fathom through `ask_reply`, FTS5 over an in-memory table built
/// from the same corpus.
pub fn evaluate(
    fathom: &Fathom,
    set: &QuestionSet,
    engines: &[Engine],
) -> Result<EvalReport, EvalError> {
    let mut reports = Vec::new();
    for engine in engines {
        let report = match engine {
            Engine::Fathom => metrics::evaluate(fathom as &dyn metrics::Ranker, set)?,
            Engine::Fts5 => {
                let index = Fts5Index::in_memory(&fathom.corpus)?;
                let ranker = Fts5Ranker {
                    index: &index,
                    corpus: &fathom.corpus,
                };
                metrics::evaluate(&ranker, set)?
            }
        };
        reports.push(report);
    }
    Ok(EvalReport {
        questions: set.len(),
        engines: reports,
    })
}

/// The questions a load run asks: the eval set's questions as typed (read leniently: the ids
/// they expect do not matter here), else the corpus's quiz questions and claims.
pub fn load_queries(path: &Path, corpus: &Corpus) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        question: Vec<Q>,
    }
    #[derive(serde::Deserialize)]
    struct Q {
        q: String,
    }
    let from_file = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| toml::from_str::<File>(&text).ok())
        .map(|f| f.question.into_iter().map(|q| q.q).collect::<Vec<_>>())
        .unwrap_or_default();
    if !from_file.is_empty() {
        return from_file;
    }
    corpus
        .quiz
        .iter()
        .map(|q| q.question.clone())
        .chain(corpus.claims.iter().map(|c| c.claim.clone()))
        .chain(corpus.terms.iter().map(|t| format!("what is {}", t.term)))
        .chain(corpus.topics.iter().map(|t| t.label.clone()))
        .collect()
}
