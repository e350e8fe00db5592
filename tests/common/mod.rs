//! Shared set-up for the integration tests: a real `Fathom` over the shipped corpus, with its
//! Tantivy index and SQLite database in temporary folders.

#![allow(dead_code)]

use fathom::app::{App, Logging};
use fathom::commands::{Caller, Transport};
use fathom::config::Config;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The corpus shipped in the repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("index")
}

/// One index per test binary, built on first use (tests open it read-only).
pub fn shared_index_dir() -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
        .path()
        .join("tantivy")
}

/// A configuration pointing at the shipped corpus, the shared index and a database in `db_dir`.
pub fn config(db_dir: &Path) -> Config {
    let vars: HashMap<&str, String> = [
        ("FATHOM_CORPUS_DIR", corpus_dir().display().to_string()),
        ("FATHOM_INDEX_DIR", shared_index_dir().display().to_string()),
        (
            "DATABASE_URL",
            format!("sqlite://{}/fathom.db?mode=rwc", db_dir.display()),
        ),
        ("FATHOM_USER_SALT", "test-salt".to_string()),
    ]
    .into_iter()
    .collect();
    Config::from_lookup(|k| vars.get(k).cloned()).expect("test config")
}

/// A real fathom over the shipped corpus with a fresh database. Keep the `TempDir` alive;
/// `App::shutdown` drains the log.
pub async fn open() -> (App, tempfile::TempDir) {
    let db_dir = tempfile::tempdir().expect("temp dir");
    let app = App::open(&config(db_dir.path()), Logging::On, |_| {
        std::ops::ControlFlow::Continue(())
    })
    .await
    .expect("fathom opens over the shipped corpus");
    (app, db_dir)
}

pub fn caller(user: &str) -> Caller {
    Caller {
        transport: Transport::Discord,
        user_id: user.to_string(),
        guild_id: Some("111111111111111111".into()),
        channel_id: Some("222222222222222222".into()),
        locale: None,
    }
}

/// `ask` for `question` (3 passages, from the first).
pub fn ask(question: &str) -> fathom::commands::Request {
    fathom::commands::Request::Ask {
        question: question.to_string(),
        k: 3,
        offset: 0,
        lang: Default::default(),
    }
}

/// `define` for `term`.
pub fn define(term: &str) -> fathom::commands::Request {
    fathom::commands::Request::Define {
        term: term.to_string(),
        lang: Default::default(),
    }
}

/// `rebut` for `claim`.
pub fn rebut(claim: &str) -> fathom::commands::Request {
    fathom::commands::Request::Rebut {
        claim: claim.to_string(),
        lang: Default::default(),
    }
}
