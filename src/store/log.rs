//! The query log writer. Replies hand a `LogEntry` to a bounded channel and move on; one
//! writer task drains the channel and inserts whatever has queued up in one transaction,
//! through its own connection (`LogSink`), at most one batch per `LINGER` unless batches fill
//! up; every `INDEX_EVERY` rows it indexes the new rows' answer ids in one pass. On shutdown
//! the writer drains what is left (and indexes it), so nothing answered goes unlogged. If the database fails, answers go on: the
//! failure is reported once on stderr and rows are counted as lost.

use super::sink::INDEX_EVERY;
use super::{LogSink, Store, StoreError};
use crate::commands::{Logged, Transport};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use tokio::sync::{Notify, mpsc, watch};
use tokio::task::JoinHandle;

/// The most rows written in one transaction.
pub const BATCH: usize = 512;

/// How long a batch gathers (group commit): the writer writes at most one batch per `LINGER`
/// unless batches fill up, so no row waits much longer than this. An idle writer sleeps until
/// the next row.
pub const LINGER: std::time::Duration = std::time::Duration::from_millis(20);

/// One command call, as logged.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub ts: i64,
    pub transport: Transport,
    pub guild_id: Option<String>,
    pub channel_id: Option<String>,
    /// Salted hash of the user id (see `store::hash_user`).
    pub user_hash: String,
    pub command: Logged,
    pub query: String,
    pub passage_ids: Vec<String>,
    pub hit_count: usize,
    pub top_score: Option<f64>,
    pub latency_us: u64,
    pub answer_id: Option<String>,
    pub corpus_version: String,
    /// The reply as shown, packed (see `commands::archive`), for answers with an id.
    pub reply_packed: Option<Vec<u8>>,
}

/// What the writer did, reported when it stops.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriterReport {
    pub written: u64,
    pub lost: u64,
}

#[derive(Default)]
struct Counters {
    written: AtomicU64,
    lost: AtomicU64,
    reported: AtomicBool,
}

/// The sending side: cheap to clone, shared by every command.
#[derive(Clone)]
pub struct QueryLog {
    tx: Option<mpsc::Sender<LogEntry>>,
    counters: Arc<Counters>,
    /// Tells the writer to write what it has without waiting for more (see `wait_settled`).
    flush: Arc<Notify>,
}

/// The writer task; `finish` drains the channel and waits for the last batch.
pub struct LogWriter {
    shutdown: watch::Sender<bool>,
    handle: JoinHandle<()>,
    counters: Arc<Counters>,
}

impl QueryLog {
    /// Starts the writer. With no store (the database could not be opened) entries are counted
    /// as lost and dropped, and answers are unaffected.
    pub fn start(store: Option<Store>, capacity: usize) -> (QueryLog, LogWriter) {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        let (shutdown, shutdown_rx) = watch::channel(false);
        let counters = Arc::new(Counters::default());
        let flush = Arc::new(Notify::new());
        let handle = tokio::spawn(run(store, rx, shutdown_rx, counters.clone(), flush.clone()));
        (
            QueryLog {
                tx: Some(tx),
                counters: counters.clone(),
                flush,
            },
            LogWriter {
                shutdown,
                handle,
                counters,
            },
        )
    }

    /// A log that records nothing (used when logging is switched off).
    pub fn disabled() -> QueryLog {
        QueryLog {
            tx: None,
            counters: Arc::new(Counters::default()),
            flush: Arc::new(Notify::new()),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.tx.is_some()
    }

    /// Queues an entry. Returns at once unless the queue is full, in which case it waits for
    /// room (backpressure rather than loss).
    pub async fn record(&self, entry: LogEntry) {
        let Some(tx) = &self.tx else { return };
        match tx.try_send(entry) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(entry)) => {
                if tx.send(entry).await.is_err() {
                    self.counters.lost.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {
                self.counters.lost.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Rows the writer has finished with so far: written or lost.
    pub fn settled(&self) -> u64 {
        self.counters.written.load(Ordering::Relaxed) + self.counters.lost.load(Ordering::Relaxed)
    }

    /// Has the writer write what it holds at once, then waits until it has finished with
    /// `rows` rows in all (polling every millisecond; for measurements that must not leave log
    /// work behind them). A disabled log has nothing to wait for.
    pub async fn wait_settled(&self, rows: u64) {
        while self.is_enabled() && self.settled() < rows {
            // Each time round: a batch begun before the last rows came may have taken the
            // last call.
            self.flush.notify_one();
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
    }
}

impl LogWriter {
    /// Stops the writer after it has written everything queued so far.
    pub async fn finish(self) -> WriterReport {
        let _ = self.shutdown.send(true);
        if let Err(e) = self.handle.await {
            tracing::error!("the query-log writer stopped abnormally: {e}");
        }
        WriterReport {
            written: self.counters.written.load(Ordering::Relaxed),
            lost: self.counters.lost.load(Ordering::Relaxed),
        }
    }

    /// Stops the writer at once, dropping whatever is queued (used by tests that simulate a
    /// crashed writer).
    pub fn abort(self) {
        self.handle.abort();
    }
}

async fn run(
    store: Option<Store>,
    mut rx: mpsc::Receiver<LogEntry>,
    mut shutdown: watch::Receiver<bool>,
    counters: Arc<Counters>,
    flush: Arc<Notify>,
) {
    // None: the database never opened (reported when it failed), or the log's connection to
    // it could not be opened (reported here). Rows are then counted as lost.
    let mut sink = store.and_then(|store| {
        LogSink::open(&store)
            .map_err(|e| report_once(&counters, &e))
            .ok()
    });
    let mut batch = Vec::with_capacity(BATCH);
    let mut closing = shutdown.clone();
    // When the batch being gathered began to gather (the last write's start, or its first row
    // after a quiet spell): it is written a `LINGER` after, or sooner if it is full.
    let mut gathering_since = tokio::time::Instant::now();
    // Rows written since the answer ids were last indexed.
    let mut unindexed = 0;
    loop {
        fill(&mut rx, &mut batch);
        if batch.is_empty() {
            tokio::select! {
                biased;
                received = rx.recv() => {
                    let Some(first) = received else { break };
                    batch.push(first);
                    gathering_since = tokio::time::Instant::now();
                }
                // Also when the `LogWriter` was dropped without `finish` (an error, at once).
                _ = closed(&mut shutdown) => break,
            }
        }
        // Let the batch gather (one transaction per row would cost far more than the rows),
        // unless it is full, asked to flush, or the log is closing.
        if batch.len() < BATCH {
            tokio::select! {
                _ = tokio::time::sleep_until(gathering_since + LINGER) => {}
                _ = flush.notified() => {}
                _ = closed(&mut closing) => {}
            }
            fill(&mut rx, &mut batch);
        }
        gathering_since = tokio::time::Instant::now();
        unindexed += write(&mut sink, &mut batch, &counters).await;
        if unindexed >= INDEX_EVERY {
            index(&mut sink, &counters).await;
            unindexed = 0;
        }
        if is_closing(&shutdown) {
            break;
        }
    }
    // Closing: nothing new is taken, and everything queued is written.
    rx.close();
    while let Some(entry) = rx.recv().await {
        batch.push(entry);
        if batch.len() >= BATCH {
            unindexed += write(&mut sink, &mut batch, &counters).await;
        }
    }
    unindexed += write(&mut sink, &mut batch, &counters).await;
    if unindexed > 0 {
        index(&mut sink, &counters).await;
    }
}

/// Moves queued rows into `batch`, up to `BATCH`, without waiting.
fn fill(rx: &mut mpsc::Receiver<LogEntry>, batch: &mut Vec<LogEntry>) {
    while batch.len() < BATCH {
        match rx.try_recv() {
            Ok(entry) => batch.push(entry),
            Err(_) => break,
        }
    }
}

/// Whether the log is closing (see `closed`), without waiting.
fn is_closing(shutdown: &watch::Receiver<bool>) -> bool {
    *shutdown.borrow() || shutdown.has_changed().is_err()
}

/// Resolves once the log is closing: `LogWriter::finish` was called, or the `LogWriter` is gone.
async fn closed(shutdown: &mut watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await.map(|_| ());
}

/// Writes the batch and empties it; without a sink, the rows are lost. Returns how many rows
/// were written.
async fn write(sink: &mut Option<LogSink>, batch: &mut Vec<LogEntry>, counters: &Counters) -> u64 {
    if batch.is_empty() {
        return 0;
    }
    let n = batch.len() as u64;
    let Some(open) = sink.take() else {
        counters.lost.fetch_add(n, Ordering::Relaxed);
        batch.clear();
        return 0;
    };
    let (open, result) = open.insert(batch).await;
    *sink = open;
    batch.clear();
    match result {
        Ok(()) => {
            counters.written.fetch_add(n, Ordering::Relaxed);
            n
        }
        Err(e) => {
            counters.lost.fetch_add(n, Ordering::Relaxed);
            report_once(counters, &e);
            0
        }
    }
}

/// Indexes the answer ids of the rows written so far. A failure loses nothing: the rows stay
/// findable by a scan, and the next pass takes them.
async fn index(sink: &mut Option<LogSink>, counters: &Counters) {
    let Some(open) = sink.take() else { return };
    let (open, result) = open.index_answers().await;
    *sink = open;
    if let Err(e) = result {
        report_once(counters, &e);
    }
}

/// Says once that the log cannot be written; answers go on.
fn report_once(counters: &Counters, e: &StoreError) {
    if !counters.reported.swap(true, Ordering::Relaxed) {
        tracing::warn!("the query log could not be written ({e}); answers continue without it");
    }
}
