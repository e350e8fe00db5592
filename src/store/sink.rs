//! Where the log writer puts its rows: its own SQLite connection to the store's database file
//! (rusqlite, one prepared INSERT, one transaction per batch). A row costs about half the CPU
//! it costs through the async pool, and the log writes a row for every call.
//!
//! A batch is written in three steps. Taking the write lock (which may wait for another writer)
//! runs on the blocking pool. The rows then go into the transaction on the runtime's own
//! threads, 128 at a time between yields: that is CPU work in SQLite's page cache, and done this
//! way the log is one more small task among the answers instead of a thread that the OS lets
//! preempt a busy runtime thread (on a small machine that stalled every answer queued behind
//! it). The commit, which writes files and may wait on the disk (and now and then copies the
//! WAL into the database), runs on the blocking pool.
//!
//! Answer ids are random, so the rows are not indexed by them as they are written (that put
//! each row on its own page of the index); every `INDEX_EVERY` rows, and when the log closes,
//! the new rows' answer ids go into `answer_index` in one sorted pass (`index_answers`), which
//! touches each page of that index at most once. `Store::answer` scans the rows not yet indexed.

use super::{LogEntry, Store, StoreError};
use rusqlite::{Connection, params};
use std::time::Duration;

const INSERT: &str =
    "INSERT INTO query_log (ts, transport, guild_id, channel_id, user_hash, command,
     query, passage_ids, hit_count, top_score, latency_us, answer_id, corpus_version, reply_packed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// Copies the answer ids of the rows past the mark into `answer_index`, in key order, and moves
/// the mark to the newest row. Inside the write lock, so no row can come in between.
const INDEX_ANSWERS: &str = "
    INSERT OR IGNORE INTO answer_index (answer_id, log_id)
        SELECT answer_id, id FROM query_log
        WHERE id > coalesce((SELECT indexed_through FROM answer_index_mark), 0)
          AND answer_id IS NOT NULL
        ORDER BY answer_id;
    INSERT OR REPLACE INTO answer_index_mark (one, indexed_through)
        SELECT 1, coalesce(max(id), 0) FROM query_log;";

/// How many rows the writer writes between two passes of `index_answers`, and so about the
/// most rows an answer lookup scans (more only while several processes log at once, or after
/// one was killed before its pass: the next pass, by any of them, takes those rows too).
pub const INDEX_EVERY: u64 = 10_000;

/// WAL pages after which a commit of the log copies the WAL into the database (SQLite's
/// default is 1,000). The log rewrites its newest pages in batch after batch; fewer, larger
/// checkpoints copy each of them once instead of many times, at the price of a WAL file of up
/// to about 16 MB.
const CHECKPOINT_PAGES: i64 = 4_000;

/// Rows inserted between two yields to the runtime: a few answers' worth of time. Fewer would
/// starve the writer: each yield puts it behind every task that is waiting, and at 64 busy
/// tasks it fell behind and made answers wait for room in the queue.
pub const ROWS_PER_SLICE: usize = 128;

/// The log writer's connection to the store's database.
pub struct LogSink {
    conn: Connection,
    /// The store it writes for: once the store is closed, so is the log.
    store: Store,
}

impl LogSink {
    /// Opens a connection to `store`'s database file (the store has applied the migrations).
    pub fn open(store: &Store) -> Result<LogSink, StoreError> {
        let path = store.path().ok_or(StoreError::NoFile)?;
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "wal_autocheckpoint", CHECKPOINT_PAGES)?;
        Ok(LogSink {
            conn,
            store: store.clone(),
        })
    }

    /// Inserts `entries` in one transaction. Gives the sink back with the outcome, unless it
    /// was lost (a blocking step panicked or the runtime is shutting down).
    pub async fn insert(self, entries: &[LogEntry]) -> (Option<LogSink>, Result<(), StoreError>) {
        if self.store.pool().is_closed() {
            return (Some(self), Err(StoreError::Closed));
        }
        // Taking the write lock can wait for another writer (a purge, a vote): on the blocking
        // pool, so that no runtime thread waits with it.
        let (sink, begun) = self
            .blocking(|conn| conn.execute_batch("BEGIN IMMEDIATE"))
            .await;
        let Some(sink) = sink else {
            return (None, begun);
        };
        if begun.is_err() {
            return (Some(sink), begun);
        }
        for slice in entries.chunks(ROWS_PER_SLICE) {
            if let Err(e) = sink.insert_slice(slice) {
                let _ = sink.conn.execute_batch("ROLLBACK");
                return (Some(sink), Err(e));
            }
            tokio::task::yield_now().await;
        }
        sink.blocking(|conn| end_transaction(conn, Ok(()))).await
    }

    /// Puts the answer ids of the rows written since the last pass (by any process) into
    /// `answer_index`, in one transaction on the blocking pool.
    pub async fn index_answers(self) -> (Option<LogSink>, Result<(), StoreError>) {
        if self.store.pool().is_closed() {
            return (Some(self), Err(StoreError::Closed));
        }
        self.blocking(|conn| {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            end_transaction(conn, conn.execute_batch(INDEX_ANSWERS))
        })
        .await
    }

    /// Runs `step` on the connection on the blocking pool.
    async fn blocking(
        self,
        step: impl FnOnce(&Connection) -> rusqlite::Result<()> + Send + 'static,
    ) -> (Option<LogSink>, Result<(), StoreError>) {
        let done = tokio::task::spawn_blocking(move || {
            let result = step(&self.conn);
            (self, result)
        })
        .await;
        match done {
            Ok((sink, result)) => (Some(sink), result.map_err(StoreError::from)),
            Err(e) => (None, Err(StoreError::Writer(e.to_string()))),
        }
    }

    fn insert_slice(&self, entries: &[LogEntry]) -> Result<(), StoreError> {
        let mut insert = self.conn.prepare_cached(INSERT)?;
        for e in entries {
            let passage_ids = serde_json::to_string(&e.passage_ids).unwrap_or_else(|_| "[]".into());
            insert.execute(params![
                e.ts,
                e.transport.as_str(),
                e.guild_id,
                e.channel_id,
                e.user_hash,
                e.command.as_str(),
                e.query,
                passage_ids,
                e.hit_count as i64,
                e.top_score,
                e.latency_us as i64,
                e.answer_id,
                e.corpus_version,
                e.reply_packed,
            ])?;
        }
        Ok(())
    }
}

/// Commits the open transaction if its work `done` succeeded and the commit does; otherwise
/// rolls it back, so that the connection is never left inside a transaction.
fn end_transaction(conn: &Connection, done: rusqlite::Result<()>) -> rusqlite::Result<()> {
    let ended = done.and_then(|()| conn.execute_batch("COMMIT"));
    if ended.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    ended
}
