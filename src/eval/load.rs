//! The load driver: many `ask` calls through the commands layer (search, snippets, reply, and
//! the query log when it is on) from many concurrent tasks, each call timed. Used by the load
//! test, its benchmark and `fathom bench load`.
//!
//! Stopping is graceful: when `stop` is set, each task finishes the call it is in (so that
//! call is answered *and* queued for the log) and takes no new one; `drive` returns once every
//! task has ended, and only then may the caller drain the log with `LogWriter::finish`.

use super::latency::{Latencies, Summary};
use crate::commands::{Caller, DEFAULT_K, Fathom, Reply, Transport};
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// The full-size load test: 50,000 calls from 64 tasks.
pub const FULL_CALLS: usize = 50_000;
pub const FULL_TASKS: usize = 64;
/// The size CI runs (`--quick`).
pub const QUICK_CALLS: usize = 3_000;

/// Told about every answered call (e.g. to print its answer id).
pub type OnAnswer = Arc<dyn Fn(&Reply) + Send + Sync>;

/// What a load run did.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    /// Calls answered (all of them unless stopped early).
    pub answered: usize,
    pub tasks: usize,
    pub elapsed_s: f64,
    /// Answered calls per second.
    pub throughput: f64,
    pub latency: Summary,
}

/// The caller a load task poses as.
pub fn load_caller(task: usize) -> Caller {
    Caller {
        transport: Transport::Discord,
        user_id: format!("load-user-{task}"),
        guild_id: Some("load-guild".into()),
        channel_id: Some(format!("load-channel-{}", task % 8)),
    }
}

/// Runs `calls` asks (questions taken in turn from `questions`) from `tasks` concurrent tasks.
pub async fn drive(
    fathom: Arc<Fathom>,
    questions: Arc<Vec<String>>,
    calls: usize,
    tasks: usize,
    stop: Arc<AtomicBool>,
    on_answer: Option<OnAnswer>,
) -> LoadReport {
    let tasks = tasks.max(1);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut set = JoinSet::new();
    for task in 0..tasks {
        let fathom = fathom.clone();
        let questions = questions.clone();
        let next = next.clone();
        let stop = stop.clone();
        let on_answer = on_answer.clone();
        set.spawn(async move {
            let caller = load_caller(task);
            let mut latencies = Latencies::with_capacity(calls / tasks + 1);
            while !stop.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= calls || questions.is_empty() {
                    break;
                }
                let question = &questions[i % questions.len()];
                let t0 = Instant::now();
                let reply = fathom.ask(&caller, question, DEFAULT_K, 0).await;
                latencies.push(t0.elapsed());
                if let Some(on_answer) = &on_answer {
                    on_answer(&reply);
                }
                // Let the other tasks (and the log writer) in between calls.
                tokio::task::yield_now().await;
            }
            latencies
        });
    }
    let mut all = Latencies::with_capacity(calls);
    while let Some(done) = set.join_next().await {
        match done {
            Ok(latencies) => all.extend(latencies),
            Err(e) => tracing::error!("a load task failed: {e}"),
        }
    }
    let elapsed = started.elapsed();
    report(&all, tasks, elapsed)
}

fn report(all: &Latencies, tasks: usize, elapsed: Duration) -> LoadReport {
    let secs = elapsed.as_secs_f64().max(1e-9);
    LoadReport {
        answered: all.len(),
        tasks,
        elapsed_s: secs,
        throughput: all.len() as f64 / secs,
        latency: all.summary(),
    }
}
