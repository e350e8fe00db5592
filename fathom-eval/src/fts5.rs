//! The SQLite FTS5 baseline: what someone would build with the full-text search already in the
//! stack. One FTS5 row per passage with the same seven fields fathom indexes (citation with the
//! passage's and source's aliases, source title, topics, tags, quote, note, kind), tokenized with
//! `porter unicode61 remove_diacritics 2`, ranked by bm25 with fathom's field weights.
//!
//! What it does *not* get is fathom's own query work: no legal-reference canonicalisation, no
//! concepts field (glossary names and claim wordings) or concept boosts, no per-term dis-max over
//! fields, no typo correction. Its query is the question's words, minus the same stop words
//! fathom drops, each quoted (so nothing typed is FTS5 syntax) and joined with OR.
//!
//! The peer runs through rusqlite (no async layer) and through sqlx (the layer fathom's store
//! uses), on the same SQLite library, with a 128 MB page cache and 128 MB of mmap.

use crate::EvalError;
use fathom::corpus::{Corpus, Passage};
use fathom::search::schema::{self, Fields};
use rusqlite::{Connection, OpenFlags, params};
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The FTS5 table's columns, in order (bm25 weights are given in this order).
pub const COLUMNS: [&str; 7] = [
    "citation", "title", "topics", "tags", "quote", "note", "kind",
];
/// `PRAGMA cache_size` for the peer: negative means KiB, so 128 MiB.
pub const CACHE_SIZE_KIB: i64 = 128 * 1024;
/// `PRAGMA mmap_size` for the peer: 128 MiB.
pub const MMAP_SIZE: i64 = 128 * 1024 * 1024;
/// The most query words used, as in fathom.
const MAX_WORDS: usize = fathom::search::MAX_QUERY_TERMS;

const SEARCH_SQL: &str =
    "SELECT rowid, rank FROM passages WHERE passages MATCH ?1 ORDER BY rank LIMIT ?2";
const ASK_SQL: &str = "SELECT rowid, rank, highlight(passages, 4, '**', '**'), \
     highlight(passages, 5, '**', '**') FROM passages WHERE passages MATCH ?1 ORDER BY rank LIMIT ?2";

/// One ranked passage. `score` is FTS5's rank (bm25, lower is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fts5Hit {
    pub ordinal: usize,
    pub score: f64,
}

/// One passage of an FTS5 answer, with the query words marked `**like this**` by FTS5's
/// `highlight()`: the peer of fathom's snippets.
#[derive(Debug, Clone, PartialEq)]
pub struct Fts5Answer {
    pub ordinal: usize,
    pub score: f64,
    pub quote: Option<String>,
    pub note: String,
}

/// The baseline over rusqlite.
pub struct Fts5Index {
    conn: Connection,
}

impl Fts5Index {
    /// Builds the baseline for `corpus` in an in-memory database (what `fathom eval` uses).
    pub fn in_memory(corpus: &Corpus) -> Result<Fts5Index, EvalError> {
        let mut conn = Connection::open_in_memory()?;
        tune(&conn)?;
        fill(&mut conn, corpus)?;
        Ok(Fts5Index { conn })
    }

    /// Builds the baseline into the file `path` (written beside it, then renamed into place).
    pub fn create(corpus: &Corpus, path: &Path) -> Result<(), EvalError> {
        let staging = PathBuf::from(format!(
            "{}.building-{}",
            path.display(),
            std::process::id()
        ));
        let _ = std::fs::remove_file(&staging);
        {
            let mut conn = Connection::open(&staging)?;
            conn.pragma_update(None, "journal_mode", "OFF")?;
            conn.pragma_update(None, "synchronous", "OFF")?;
            tune(&conn)?;
            fill(&mut conn, corpus)?;
            conn.execute_batch(&format!(
                "CREATE TABLE fathom_meta (version TEXT NOT NULL); \
                 INSERT INTO fathom_meta VALUES ('{}');",
                layout(corpus).replace('\'', "''")
            ))?;
        }
        std::fs::rename(&staging, path).map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Opens (building first if missing or built from another corpus) the baseline file `path`.
    pub fn open_or_create(corpus: &Corpus, path: &Path) -> Result<Fts5Index, EvalError> {
        if built_version(path) != Some(layout(corpus)) {
            Fts5Index::create(corpus, path)?;
        }
        Fts5Index::open(path)
    }

    /// Opens an existing baseline file read-only.
    pub fn open(path: &Path) -> Result<Fts5Index, EvalError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        tune(&conn)?;
        Ok(Fts5Index { conn })
    }

    /// The best `limit` passages for `question` (ordinals into `corpus.passages`).
    pub fn search(&self, question: &str, limit: usize) -> Result<Vec<Fts5Hit>, EvalError> {
        let Some(expr) = match_expression(question) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(SEARCH_SQL)?;
        let rows = stmt.query_map(params![expr, limit as i64], |row| {
            Ok(Fts5Hit {
                ordinal: row.get::<_, i64>(0)? as usize,
                score: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The peer of fathom's `ask`: the best `limit` passages with the query words highlighted.
    pub fn ask(&self, question: &str, limit: usize) -> Result<Vec<Fts5Answer>, EvalError> {
        let Some(expr) = match_expression(question) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(ASK_SQL)?;
        let rows = stmt.query_map(params![expr, limit as i64], |row| {
            Ok(Fts5Answer {
                ordinal: row.get::<_, i64>(0)? as usize,
                score: row.get(1)?,
                quote: row.get(2)?,
                note: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The baseline as an eval engine.
pub struct Fts5Ranker<'a> {
    pub index: &'a Fts5Index,
    pub corpus: &'a Corpus,
}

impl super::Ranker for Fts5Ranker<'_> {
    fn name(&self) -> &'static str {
        "fts5"
    }

    fn rank(&self, question: &str, k: usize) -> Result<Vec<String>, EvalError> {
        Ok(self
            .index
            .search(question, k)?
            .into_iter()
            .filter_map(|hit| self.corpus.passages.get(hit.ordinal))
            .map(|p| p.id.clone())
            .collect())
    }
}

/// The same baseline file queried through sqlx (one connection, so calls run one at a time as
/// they do through rusqlite).
pub struct Fts5Sqlx {
    pool: SqlitePool,
}

impl Fts5Sqlx {
    pub async fn open(path: &Path) -> Result<Fts5Sqlx, EvalError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .pragma("cache_size", format!("-{CACHE_SIZE_KIB}"))
            .pragma("mmap_size", MMAP_SIZE.to_string());
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .connect_with(options)
            .await?;
        Ok(Fts5Sqlx { pool })
    }

    pub async fn ask(&self, question: &str, limit: usize) -> Result<Vec<Fts5Answer>, EvalError> {
        let Some(expr) = match_expression(question) else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(ASK_SQL)
            .bind(expr)
            .bind(limit as i64)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Fts5Answer {
                    ordinal: row.try_get::<i64, _>(0)? as usize,
                    score: row.try_get(1)?,
                    quote: row.try_get(2)?,
                    note: row.try_get(3)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(EvalError::from)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The FTS5 query for a question: its words minus fathom's stop words, each quoted, joined
/// with OR. `None` when no word is left.
pub fn match_expression(question: &str) -> Option<String> {
    let question = fathom::search::truncate_chars(question, 2_000);
    let mut analyzer = schema::analyzer();
    let mut stream = analyzer.token_stream(&question);
    let mut seen = HashSet::new();
    let mut words = Vec::new();
    while let Some(token) = stream.next() {
        let Some(word) = question.get(token.offset_from..token.offset_to) else {
            continue;
        };
        let word = word.to_lowercase();
        if seen.insert(word.clone()) {
            words.push(format!("\"{}\"", word.replace('"', "\"\"")));
        }
        if words.len() >= MAX_WORDS {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" OR "))
}

/// The text of each column for one passage: the same text fathom indexes
/// (`schema::passage_text`), without fathom's legal-reference canonical tokens.
pub fn columns(corpus: &Corpus, p: &Passage) -> [String; 7] {
    let t = schema::passage_text(corpus, p);
    [
        t.citation,
        t.title,
        t.topics,
        t.tags,
        t.quote.unwrap_or_default(),
        t.note,
        t.kind,
    ]
}

/// `bm25(...)` with fathom's field weights, in the table's column order.
pub fn rank_function() -> String {
    let schema = schema::schema();
    let weights: Vec<String> = match Fields::from_schema(&schema) {
        Ok(fields) => COLUMNS
            .iter()
            .map(|name| {
                fields
                    .weighted()
                    .iter()
                    .find(|(f, _)| schema.get_field_name(*f) == *name)
                    .map(|(_, w)| format!("{w:.2}"))
                    .unwrap_or_else(|| "1.0".into())
            })
            .collect(),
        Err(_) => COLUMNS.iter().map(|_| "1.0".to_string()).collect(),
    };
    format!("bm25({})", weights.join(", "))
}

/// What a baseline file was built from: the corpus version, the columns and the ranking.
fn layout(corpus: &Corpus) -> String {
    format!(
        "{}; columns {}; rank {}",
        corpus.version,
        COLUMNS.join(","),
        rank_function()
    )
}

/// The layout recorded in a baseline file, if it is one.
fn built_version(path: &Path) -> Option<String> {
    if !path.exists() {
        return None;
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT version FROM fathom_meta", [], |r| r.get(0))
        .ok()
}

fn tune(conn: &Connection) -> Result<(), EvalError> {
    // Both pragmas may answer with a row (or, in memory, none): run them as a batch.
    conn.execute_batch(&format!(
        "PRAGMA cache_size = -{CACHE_SIZE_KIB}; PRAGMA mmap_size = {MMAP_SIZE};"
    ))?;
    Ok(())
}

fn fill(conn: &mut Connection, corpus: &Corpus) -> Result<(), EvalError> {
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE passages USING fts5({}, tokenize = 'porter unicode61 remove_diacritics 2');",
        COLUMNS.join(", ")
    ))?;
    conn.execute(
        "INSERT INTO passages(passages, rank) VALUES ('rank', ?1)",
        [rank_function()],
    )?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(&format!(
            "INSERT INTO passages(rowid, {}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            COLUMNS.join(", ")
        ))?;
        for (ordinal, p) in corpus.passages.iter().enumerate() {
            let [citation, title, topics, tags, quote, note, kind] = columns(corpus, p);
            insert.execute(params![
                ordinal as i64,
                citation,
                title,
                topics,
                tags,
                quote,
                note,
                kind
            ])?;
        }
    }
    tx.commit()?;
    conn.execute_batch("INSERT INTO passages(passages) VALUES ('optimize');")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_expressions_quote_every_word() {
        assert_eq!(
            match_expression("whats art 51").as_deref(),
            Some("\"art\" OR \"51\"")
        );
        assert_eq!(
            match_expression("Is it legal to shoot SURVIVORS?").as_deref(),
            Some("\"legal\" OR \"shoot\" OR \"survivors\"")
        );
        assert_eq!(match_expression("the of a"), None);
        assert_eq!(match_expression(""), None);
        // FTS5 syntax typed by a user is only words.
        let e = match_expression("NEAR(\"x\" y) AND -z* ^col:").unwrap();
        assert!(
            e.split(" OR ")
                .all(|w| w.starts_with('"') && w.ends_with('"')),
            "{e}"
        );
    }

    #[test]
    fn rank_function_uses_fathoms_weights() {
        let f = rank_function();
        assert!(f.starts_with("bm25(") && f.ends_with(')'), "{f}");
        assert_eq!(f.matches(',').count(), COLUMNS.len() - 1, "{f}");
    }
}
