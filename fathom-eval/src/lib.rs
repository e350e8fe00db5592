//! fathom-eval, the measuring tools (kept out of the shipped library). Measuring fathom: answer quality (recall@1, recall@3 and MRR@10 over a hand-written question
//! set, for fathom and for an SQLite FTS5 baseline built from the same corpus), and the pieces
//! the benchmarks and the load test share: the FTS5 peer, a synthetic corpus generator, latency
//! statistics and the concurrent `ask` driver. Nothing here is on the reply path.

pub mod bench;
pub mod fts5;
pub mod intents;
pub mod latency;
pub mod load;
pub mod metrics;
pub mod questions;
pub mod run;
pub mod synth;

pub use fts5::{Fts5Hit, Fts5Index, Fts5Sqlx};
pub use latency::Latencies;
pub use metrics::{EngineReport, EvalReport, Miss, Ranker, evaluate};
pub use questions::{Question, QuestionSet};

use std::path::{Path, PathBuf};

/// Where the question set lives, relative to the repository.
pub const QUESTIONS_FILE: &str = "tests/eval/questions.toml";
/// The questions labelled by intent.
pub const INTENTS_FILE: &str = "tests/eval/intents.toml";

/// The thresholds the eval test holds fathom to.
pub const MIN_RECALL_AT_3: f64 = 0.90;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read the question set {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the question set {path} is not valid TOML: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("the question set {path} has {} problem(s):\n{}", .problems.len(), .problems.join("\n"))]
    Invalid {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("SQLite FTS5 baseline: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("SQLite FTS5 baseline (sqlx): {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Search(#[from] fathom::search::SearchError),
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The repository this crate lives in (the workspace root: the corpus and the eval sets).
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The question set to use when none is named: `tests/eval/questions.toml` in the working
/// directory, else the one in the repository this binary was built from.
pub fn default_questions_path() -> PathBuf {
    let local = PathBuf::from(QUESTIONS_FILE);
    if local.exists() {
        return local;
    }
    let shipped = repository().join(QUESTIONS_FILE);
    if shipped.exists() { shipped } else { local }
}

/// The `fathom` binary of this build (`target/<profile>/fathom`), built first if it is not
/// there: the benchmarks that start the product as a process measure it.
pub fn fathom_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    // target/<profile>/deps/<bench> → target/<profile>
    let profile_dir = exe
        .ancestors()
        .find(|p| p.file_name().is_some_and(|n| n == "deps"))
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| exe.parent().map(Path::to_path_buf).unwrap_or_default());
    let binary = profile_dir.join(format!("fathom{}", std::env::consts::EXE_SUFFIX));
    if !binary.exists() {
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        let mut build = std::process::Command::new(env!("CARGO"));
        build.args([
            "build",
            "-q",
            "-p",
            "fathom",
            "--bin",
            "fathom",
            "--manifest-path",
        ]);
        build.arg(repository().join("Cargo.toml"));
        if release {
            build.arg("--release");
        }
        let _ = build.status();
    }
    binary
}

/// A `fathom` process (the binary at `binary`) set up as a fresh deployment in `dir`: the corpus
/// from `corpus_dir`, its index in `dir/tantivy`, its database `dir/fathom.db`, run from `dir`.
/// Used by the benchmarks and the SIGTERM test, which run the real binary.
pub fn fathom_process(binary: &Path, corpus_dir: &Path, dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(binary);
    cmd.current_dir(dir)
        .env("FATHOM_CORPUS_DIR", corpus_dir)
        .env("FATHOM_INDEX_DIR", dir.join("tantivy"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.join("fathom.db").display()),
        )
        .env("FATHOM_USER_SALT", "bench");
    cmd
}
