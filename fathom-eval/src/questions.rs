//! The eval question set: `[[question]]` tables with the question as people type it (`q`), the
//! passage ids a good answer must include (`expect`, any one counts) and the corpus area it
//! covers. Loading checks that every expected id exists, so a renamed passage fails loudly
//! instead of counting as a silent miss.

use crate::EvalError;
use fathom::corpus::Corpus;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// One question of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question as a person would type it in chat.
    pub q: String,
    /// Passage ids a good answer includes; finding any one of them counts.
    pub expect: Vec<String>,
    /// The corpus area the question covers (an instrument, an event, an actor, ...).
    pub area: String,
    /// The line of the `[[question]]` table in the file.
    pub line: usize,
}

/// A loaded question set.
#[derive(Debug, Clone)]
pub struct QuestionSet {
    pub path: PathBuf,
    pub questions: Vec<Question>,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
struct RawQuestion {
    q: Option<String>,
    #[serde(default)]
    expect: Vec<String>,
    area: Option<String>,
}

impl QuestionSet {
    /// Reads the set at `path` and checks it against `corpus`.
    pub fn load(path: &Path, corpus: &Corpus) -> Result<QuestionSet, EvalError> {
        let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        QuestionSet::parse(path, &text, corpus)
    }

    /// Parses a set from `text` (named `path` in messages) and checks it against `corpus`.
    pub fn parse(path: &Path, text: &str, corpus: &Corpus) -> Result<QuestionSet, EvalError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| EvalError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut problems = Vec::new();
        let mut questions = Vec::new();
        for spanned in raw.question {
            let line = line_of(text, spanned.span().start);
            let raw = spanned.into_inner();
            let q = raw.q.unwrap_or_default();
            if q.trim().is_empty() {
                problems.push(format!(
                    "{}:{line}: the question has no `q`",
                    path.display()
                ));
                continue;
            }
            if raw.expect.is_empty() {
                problems.push(format!(
                    "{}:{line}: {q:?} expects no passage (`expect` needs at least one id)",
                    path.display()
                ));
            }
            for id in &raw.expect {
                if corpus.passage(id).is_none() {
                    problems.push(format!(
                        "{}:{line}: {q:?} expects {id:?}, which is not a passage id of the corpus",
                        path.display()
                    ));
                }
            }
            questions.push(Question {
                q,
                expect: raw.expect,
                area: raw.area.unwrap_or_else(|| "(none)".into()),
                line,
            });
        }
        if questions.is_empty() && problems.is_empty() {
            problems.push(format!("{}: no [[question]] tables", path.display()));
        }
        if !problems.is_empty() {
            return Err(EvalError::Invalid {
                path: path.to_path_buf(),
                problems,
            });
        }
        Ok(QuestionSet {
            path: path.to_path_buf(),
            questions,
        })
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// The questions as typed, in file order (the benchmarks' query set).
    pub fn texts(&self) -> Vec<String> {
        self.questions.iter().map(|q| q.q.clone()).collect()
    }
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at.min(text.len()))
        .map(|before| before.matches('\n').count() + 1)
        .unwrap_or(1)
}
