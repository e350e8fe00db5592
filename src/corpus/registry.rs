//! What the loader learns as it reads the files: every problem (as `file:line: what is wrong`),
//! every id declared, and every reference to check once all files are read; and the hash of
//! everything read, which is the corpus version.

use super::file::File;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with the corpus, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read the corpus at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the corpus has {} problem(s):\n{}", .0.len(), list(.0))]
    Invalid(Vec<Problem>),
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Passage,
    Source,
    Topic,
    Term,
    Claim,
    Actor,
    Event,
    Question,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Passage => "passage",
            Target::Source => "source",
            Target::Topic => "topic",
            Target::Term => "glossary term",
            Target::Claim => "claim",
            Target::Actor => "actor",
            Target::Event => "event",
            Target::Question => "question",
        }
    }
}

/// A reference to check once every file has been read.
struct Reference {
    file: PathBuf,
    line: usize,
    what: String,
    target: Target,
    id: String,
}

/// Collects what every file declares, then checks ids and references across files.
#[derive(Default)]
pub struct Registry {
    problems: Vec<Problem>,
    references: Vec<Reference>,
    ids: HashMap<(Target, String), (PathBuf, usize)>,
    /// Files that could not be parsed: references into what they would have declared are not
    /// checked (they would only repeat the parse error as "unknown passage" lines).
    unparsed: usize,
    hasher: Sha256,
}

impl Registry {
    /// Reads a file of the corpus (None if it does not exist). A file that is not UTF-8 is a
    /// problem at the line of its first bad byte.
    pub fn read(&mut self, path: &Path) -> Result<Option<File>, CorpusError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(CorpusError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        self.hasher.update(
            path.file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or_default(),
        );
        self.hasher.update([0]);
        self.hasher.update(&bytes);
        self.hasher.update([0]);
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(File::new(path, text))),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..valid]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                self.problems.push(Problem {
                    file: path.to_path_buf(),
                    line,
                    message: "the file is not valid UTF-8 (save it as UTF-8)".into(),
                });
                self.unparsed += 1;
                Ok(None)
            }
        }
    }

    /// Takes a file's problems, declarations and references once it has been read.
    pub fn absorb(&mut self, file: File) {
        let parts = file.finish();
        if !parts.parsed {
            self.unparsed += 1;
        }
        self.problems.extend(parts.problems);
        for (target, id, line) in parts.declared {
            self.declare(target, &id, &parts.path, line);
        }
        for (line, what, target, ids) in parts.refs {
            for id in ids {
                self.references.push(Reference {
                    file: parts.path.clone(),
                    line,
                    what: what.clone(),
                    target,
                    id,
                });
            }
        }
    }

    /// A problem found outside any one file's reading (a whole-corpus rule).
    pub fn problem(&mut self, file: &Path, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    fn declare(&mut self, target: Target, id: &str, file: &Path, line: usize) {
        if id.is_empty() {
            return;
        }
        let key = (target, id.to_string());
        if let Some((first_file, first_line)) = self.ids.get(&key) {
            self.problems.push(Problem {
                file: file.to_path_buf(),
                line,
                message: format!(
                    "duplicate {} id `{id}` (first defined at {}:{first_line})",
                    target.name(),
                    first_file.display()
                ),
            });
        } else {
            self.ids.insert(key, (file.to_path_buf(), line));
        }
    }

    /// Checks every reference, then returns the corpus version, or every problem found (sorted
    /// by file and line, TOML errors first).
    pub fn finish(mut self) -> Result<String, CorpusError> {
        let known: HashSet<(Target, &str)> =
            self.ids.keys().map(|(t, id)| (*t, id.as_str())).collect();
        let mut dangling = Vec::new();
        for r in &self.references {
            if !known.contains(&(r.target, r.id.as_str())) {
                dangling.push(Problem {
                    file: r.file.clone(),
                    line: r.line,
                    message: format!("{}: unknown {} `{}`", r.what, r.target.name(), r.id),
                });
            }
        }
        if self.unparsed == 0 {
            self.problems.extend(dangling);
        } else if !dangling.is_empty() {
            self.problems.push(Problem {
                file: PathBuf::from("(corpus)"),
                line: 0,
                message: format!(
                    "{} reference(s) across files not checked: fix the file(s) that could not be read first",
                    dangling.len()
                ),
            });
        }
        if !self.problems.is_empty() {
            let mut problems = std::mem::take(&mut self.problems);
            problems.sort_by(|a, b| {
                let toml = |p: &Problem| !p.message.starts_with("invalid TOML");
                (toml(a), &a.file, a.line).cmp(&(toml(b), &b.file, b.line))
            });
            problems.dedup();
            return Err(CorpusError::Invalid(problems));
        }
        let digest = self.hasher.finalize();
        Ok(digest.iter().take(5).map(|b| format!("{b:02x}")).collect())
    }
}
