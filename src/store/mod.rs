//! The SQLite store: the connection pool (WAL, busy timeout), the migrations in
//! `migrations/`, and the queries over the query log, feedback and quiz scores. Writing the log
//! happens off the reply path, in `log`.

pub mod log;
pub mod sink;
mod stats;

pub use log::{LogEntry, LogWriter, QueryLog, WriterReport};
pub use sink::LogSink;
pub use stats::{POOR_SCORE, Stats};

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("query log write failed: {0}")]
    Log(#[from] rusqlite::Error),
    #[error("the query log needs a database file (the database URL names none)")]
    NoFile,
    #[error("the database is closed")]
    Closed,
    #[error("the query log writer stopped: {0}")]
    Writer(String),
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
}

/// The salted hash stored in place of a user id: the raw id never reaches the database.
pub fn hash_user(salt: &str, user_id: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update([0]);
    h.update(user_id.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = h.finalize();
    let mut hex = String::with_capacity(32);
    for b in digest.iter().take(16) {
        hex.push(HEX[usize::from(b >> 4)] as char);
        hex.push(HEX[usize::from(b & 0xf)] as char);
    }
    hex
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A logged answer, as stored.
#[derive(Debug, Clone, Serialize)]
pub struct StoredAnswer {
    pub answer_id: String,
    pub ts: i64,
    pub command: String,
    pub query: String,
    pub passage_ids: Vec<String>,
    pub corpus_version: String,
    /// The reply, packed (see `commands::archive`); rows logged before kept it as JSON.
    pub reply_packed: Option<Vec<u8>>,
    pub reply_json: Option<String>,
}

/// What `/forget-me` deleted.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Forgotten {
    pub queries: u64,
    pub feedback: u64,
    pub quiz_scores: u64,
}

/// A row of the quiz leaderboard.
#[derive(Debug, Clone, Serialize)]
pub struct QuizScore {
    pub display_name: String,
    pub correct: i64,
    pub answered: i64,
}

/// Drops the `answer_index` entries of log rows that have been deleted.
const PRUNE_ANSWER_INDEX: &str =
    "DELETE FROM answer_index WHERE log_id NOT IN (SELECT id FROM query_log)";

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    /// The database file (None for an in-memory database).
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and applies the migrations.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let path = sqlite_path(url).map(PathBuf::from);
        if let Some(parent) = path.as_deref().and_then(Path::parent)
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Folder {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store { pool, path })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The database file, if it is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Saves the passage texts of one corpus version (`(passage id, texts JSON)`), unless that
    /// version is saved already. Returns whether it had to write.
    pub async fn save_snapshot(
        &self,
        corpus_version: &str,
        passages: &[(String, String)],
    ) -> Result<bool, StoreError> {
        let saved: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM passage_snapshot WHERE corpus_version = ?")
                .bind(corpus_version)
                .fetch_one(&self.pool)
                .await?;
        if saved as usize >= passages.len() {
            return Ok(false);
        }
        let mut tx = self.pool.begin().await?;
        for (passage_id, texts) in passages {
            sqlx::query(
                "INSERT OR IGNORE INTO passage_snapshot (corpus_version, passage_id, texts)
                 VALUES (?, ?, ?)",
            )
            .bind(corpus_version)
            .bind(passage_id)
            .bind(texts)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The saved texts (JSON) of these passages as `corpus_version` had them, by passage id.
    pub async fn snapshot(
        &self,
        corpus_version: &str,
        passage_ids: &[String],
    ) -> Result<HashMap<String, String>, StoreError> {
        let mut out = HashMap::new();
        for id in passage_ids {
            let texts: Option<String> = sqlx::query_scalar(
                "SELECT texts FROM passage_snapshot WHERE corpus_version = ? AND passage_id = ?",
            )
            .bind(corpus_version)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
            if let Some(texts) = texts {
                out.insert(id.clone(), texts);
            }
        }
        Ok(out)
    }

    /// A logged answer by its id: through `answer_index`, or among the newest rows, which the
    /// log writer has not indexed yet. Should two answers share an id, the older one.
    pub async fn answer(&self, answer_id: &str) -> Result<Option<StoredAnswer>, StoreError> {
        let row = sqlx::query(
            "SELECT answer_id, ts, command, query, passage_ids, corpus_version, reply_packed,
             reply_json FROM query_log WHERE id IN (
                 SELECT log_id FROM answer_index WHERE answer_id = ?1
                 UNION ALL
                 SELECT id FROM query_log
                 WHERE id > coalesce((SELECT indexed_through FROM answer_index_mark), 0)
                   AND answer_id = ?1)
             AND answer_id = ?1
             ORDER BY id LIMIT 1",
        )
        .bind(answer_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| StoredAnswer {
            answer_id: r.get(0),
            ts: r.get(1),
            command: r.get(2),
            query: r.get(3),
            passage_ids: serde_json::from_str(&r.get::<String, _>(4)).unwrap_or_default(),
            corpus_version: r.get(5),
            reply_packed: r.get(6),
            reply_json: r.get(7),
        }))
    }

    /// Records a vote; returns false if this person already voted on this answer.
    pub async fn record_feedback(
        &self,
        answer_id: &str,
        user_hash: &str,
        vote: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO feedback (answer_id, user_hash, vote, ts) VALUES (?, ?, ?, ?)
             ON CONFLICT (answer_id, user_hash) DO NOTHING",
        )
        .bind(answer_id)
        .bind(user_hash)
        .bind(vote)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Counts a quiz answer for a user in a guild.
    pub async fn record_quiz_answer(
        &self,
        guild_id: &str,
        user_hash: &str,
        display_name: &str,
        correct: bool,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO quiz_scores (guild_id, user_hash, display_name, correct, answered, updated_ts)
             VALUES (?, ?, ?, ?, 1, ?)
             ON CONFLICT (guild_id, user_hash) DO UPDATE SET
                display_name = excluded.display_name,
                correct = correct + excluded.correct,
                answered = answered + 1,
                updated_ts = excluded.updated_ts",
        )
        .bind(guild_id)
        .bind(user_hash)
        .bind(display_name)
        .bind(i64::from(correct))
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The guild's best quiz scores.
    pub async fn quiz_top(&self, guild_id: &str, limit: u32) -> Result<Vec<QuizScore>, StoreError> {
        let rows = sqlx::query(
            "SELECT display_name, correct, answered FROM quiz_scores WHERE guild_id = ?
             ORDER BY correct DESC, answered ASC, display_name LIMIT ?",
        )
        .bind(guild_id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| QuizScore {
                display_name: r.get(0),
                correct: r.get(1),
                answered: r.get(2),
            })
            .collect())
    }

    /// Deletes everything stored about one user.
    pub async fn forget(&self, user_hash: &str) -> Result<Forgotten, StoreError> {
        let mut tx = self.pool.begin().await?;
        let queries = sqlx::query("DELETE FROM query_log WHERE user_hash = ?")
            .bind(user_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let feedback = sqlx::query("DELETE FROM feedback WHERE user_hash = ?")
            .bind(user_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let quiz_scores = sqlx::query("DELETE FROM quiz_scores WHERE user_hash = ?")
            .bind(user_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if queries > 0 {
            sqlx::query(PRUNE_ANSWER_INDEX).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Forgotten {
            queries,
            feedback,
            quiz_scores,
        })
    }

    /// Deletes log rows and votes older than `days` days; returns how many rows went.
    pub async fn purge_older_than(&self, days: u32) -> Result<u64, StoreError> {
        let cutoff = now_ms() - i64::from(days) * 86_400_000;
        let mut tx = self.pool.begin().await?;
        let a = sqlx::query("DELETE FROM query_log WHERE ts < ?")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let b = sqlx::query("DELETE FROM feedback WHERE ts < ?")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        // Start-up runs this: the index is only gone through when rows went.
        if a > 0 {
            sqlx::query(PRUNE_ANSWER_INDEX).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(a + b)
    }

    /// The salt for hashing user ids: kept in the database, so that every process sharing it
    /// hashes alike; created by the first process to ask. A deployment whose salt was kept in
    /// a `salt` file beside the database (before December 2026) keeps it.
    pub async fn user_salt(&self) -> Result<String, StoreError> {
        if let Some(salt) = self.meta("user_salt").await? {
            return Ok(salt);
        }
        let legacy = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(|dir| dir.join("salt"))
            .and_then(|file| std::fs::read_to_string(file).ok())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let candidate = legacy.unwrap_or_else(crate::app::random_salt);
        // Two first runs at once: the first insert wins and both read it back.
        sqlx::query("INSERT INTO fathom_meta (key, value) VALUES ('user_salt', ?) ON CONFLICT (key) DO NOTHING")
            .bind(&candidate)
            .execute(&self.pool)
            .await?;
        Ok(self.meta("user_salt").await?.unwrap_or(candidate))
    }

    async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT value FROM fathom_meta WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// How many rows the query log holds.
    pub async fn log_len(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM query_log")
            .fetch_one(&self.pool)
            .await?)
    }
}

/// The file path of a `sqlite://path?...` URL (None for in-memory databases).
pub fn sqlite_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        None
    } else {
        Some(path.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_hash_is_the_first_half_of_sha256_of_salt_nul_id_in_hex() {
        // Stored hashes must not change: `forget-me` finds a user's rows by them.
        assert_eq!(
            hash_user("test-salt", "271828182845904523"),
            "336f4f51f4d6ce196b0f7383eefe4d20"
        );
    }
}
