//! The load driver: many `ask` calls through the commands layer (search, snippets, reply, and
//! the query log when it is on) from many concurrent tasks, each call timed. Used by the load
//! test, its benchmark and `fathom bench load`.
//!
//! Stopping is graceful: when `stop` is set, each task finishes the call it is in (so that
//! call is answered *and* queued for the log) and takes no new one; `drive` returns once every
//! task has ended, and only then may the caller drain the log with `LogWriter::finish`.

use crate::latency::{Latencies, Summary};
use fathom::commands::{Caller, DEFAULT_K, Fathom, Reply, Request, Transport};
use fathom::store::QueryLog;
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
        locale: None,
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
    let started = Instant::now();
    let all = run_tasks(fathom, questions, 0..calls, tasks, stop, on_answer).await;
    report(&all, tasks, started.elapsed())
}

/// Asks the questions numbered `calls` (taken in turn from `questions`) from `tasks`
/// concurrent tasks; the latency of each call.
async fn run_tasks(
    fathom: Arc<Fathom>,
    questions: Arc<Vec<String>>,
    calls: std::ops::Range<usize>,
    tasks: usize,
    stop: Arc<AtomicBool>,
    on_answer: Option<OnAnswer>,
) -> Latencies {
    let next = Arc::new(AtomicUsize::new(calls.start));
    let per_task = calls.len() / tasks + 1;
    let mut set = JoinSet::new();
    for task in 0..tasks {
        let fathom = fathom.clone();
        let questions = questions.clone();
        let next = next.clone();
        let stop = stop.clone();
        let on_answer = on_answer.clone();
        let end = calls.end;
        set.spawn(async move {
            let caller = load_caller(task);
            let mut latencies = Latencies::with_capacity(per_task);
            while !stop.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end || questions.is_empty() {
                    break;
                }
                let question = &questions[i % questions.len()];
                let t0 = Instant::now();
                let request = Request::Ask {
                    question: question.clone(),
                    k: DEFAULT_K,
                    offset: 0,
                    lang: Default::default(),
                };
                let reply = fathom.run(&caller, request).await;
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
    let mut all = Latencies::with_capacity(calls.len());
    while let Some(done) = set.join_next().await {
        match done {
            Ok(latencies) => all.extend(latencies),
            Err(e) => tracing::error!("a load task failed: {e}"),
        }
    }
    all
}

/// The log-on run against the log-off run.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub on: LoadReport,
    pub off: LoadReport,
    pub rounds: usize,
    /// CPU time (user + system) the whole process used per call during each mode's rounds,
    /// in µs (Linux only): what the log costs, less exposed to a shared host's noise than
    /// wall time.
    pub on_cpu_us_per_call: Option<f64>,
    pub off_cpu_us_per_call: Option<f64>,
    /// Of the log-on time, how long the writer took to finish after each round's last answer
    /// (summed over the rounds): log work the answers left behind.
    pub on_catch_up: Duration,
}

impl Comparison {
    /// Log-on throughput over log-off throughput.
    pub fn throughput_ratio(&self) -> f64 {
        self.on.throughput / self.off.throughput.max(1e-9)
    }

    /// Log-on p99 over log-off p99.
    pub fn p99_ratio(&self) -> f64 {
        self.on.latency.p99_us / self.off.latency.p99_us.max(1e-9)
    }
}

/// `calls` asks with the log on (`on`, whose log is `log`) against `calls` asks with it off
/// (`off`), from `FULL_TASKS` tasks, interleaved: `rounds` rounds, each asking the same
/// `calls / rounds` questions of both (which goes first alternates), so that both meet the
/// same machine, which on a shared host changes speed from one second to the next. A log-on
/// round's clock runs until the writer has written (or lost) every row of the round, so the
/// writing it caused is not left to slow the next round down.
pub async fn compare(
    on: Arc<Fathom>,
    log: &QueryLog,
    off: Arc<Fathom>,
    questions: Arc<Vec<String>>,
    calls: usize,
    rounds: usize,
) -> Comparison {
    let rounds = rounds.clamp(1, calls.max(1));
    let never = Arc::new(AtomicBool::new(false));
    let (mut on_side, mut off_side) = (Side::new(calls), Side::new(calls));
    let mut on_catch_up = Duration::ZERO;
    let mut logged = log.settled();
    for round in 0..rounds {
        let range = round * calls / rounds..(round + 1) * calls / rounds;
        let on_first = round % 2 == 1;
        for log_on in [on_first, !on_first] {
            let fathom = if log_on { on.clone() } else { off.clone() };
            let cpu_before = process_cpu_s();
            let started = Instant::now();
            let latencies = run_tasks(
                fathom,
                questions.clone(),
                range.clone(),
                FULL_TASKS,
                never.clone(),
                None,
            )
            .await;
            if log_on {
                logged += latencies.len() as u64;
                let answered = Instant::now();
                log.wait_settled(logged).await;
                on_catch_up += answered.elapsed();
            }
            let side = if log_on { &mut on_side } else { &mut off_side };
            side.add(latencies, started.elapsed(), cpu_before);
        }
    }
    Comparison {
        on_cpu_us_per_call: on_side.cpu_us_per_call(),
        off_cpu_us_per_call: off_side.cpu_us_per_call(),
        on: on_side.report(),
        off: off_side.report(),
        rounds,
        on_catch_up,
    }
}

/// What one side of a comparison (log on or off) adds up over its rounds.
struct Side {
    latencies: Latencies,
    time: Duration,
    /// CPU seconds used during the side's rounds (None where it cannot be read).
    cpu: Option<f64>,
}

impl Side {
    fn new(calls: usize) -> Side {
        Side {
            latencies: Latencies::with_capacity(calls),
            time: Duration::ZERO,
            cpu: Some(0.0),
        }
    }

    /// Adds a round that took `time` and began when the process had used `cpu_before`.
    fn add(&mut self, latencies: Latencies, time: Duration, cpu_before: Option<f64>) {
        self.latencies.extend(latencies);
        self.time += time;
        self.cpu = add_cpu(self.cpu, cpu_before);
    }

    fn cpu_us_per_call(&self) -> Option<f64> {
        let calls = self.latencies.len().max(1) as f64;
        self.cpu.map(|s| s * 1e6 / calls)
    }

    fn report(&self) -> LoadReport {
        report(&self.latencies, FULL_TASKS, self.time)
    }
}

/// Adds the CPU time used since `before` to `total`.
fn add_cpu(total: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(total? + process_cpu_s()? - before?)
}

/// CPU time (user + system) used by this process so far, in seconds (Linux: /proc/self/stat).
fn process_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second).
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

/// `drive` with `FULL_TASKS` tasks, to the last call, telling nobody of the answers.
pub async fn drive_all(
    fathom: Arc<Fathom>,
    questions: Arc<Vec<String>>,
    calls: usize,
) -> LoadReport {
    drive(
        fathom,
        questions,
        calls,
        FULL_TASKS,
        Arc::new(AtomicBool::new(false)),
        None,
    )
    .await
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

/// What a SIGTERM run of the real binary showed.
#[derive(Debug, Clone, Serialize)]
pub struct SigtermReport {
    /// Answer ids the child printed before it exited (each printed after its `ask` returned).
    pub printed: usize,
    /// Calls the child says it answered.
    pub answered: u64,
    /// Rows in the query log afterwards.
    pub logged: u64,
    /// Rows the writer says it wrote, and lost.
    pub rows_written: u64,
    pub rows_lost: u64,
    /// Printed answer ids that are not in the log (must be empty).
    pub missing: Vec<String>,
    pub exit_code: Option<i32>,
    pub interrupted: bool,
}

/// Runs `binary bench load --print-answers` (the real `fathom` binary) with its index and
/// database in `dir`, sends it SIGTERM (with `kill`) once it has printed `after` answers, and
/// compares what it answered with what its query log holds.
#[cfg(unix)]
pub fn sigterm_run(
    binary: &std::path::Path,
    corpus_dir: &std::path::Path,
    questions: &std::path::Path,
    dir: &std::path::Path,
    after: usize,
) -> Result<SigtermReport, String> {
    use std::collections::HashSet;
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let db = dir.join("fathom.db");
    let mut child = super::fathom_process(binary, corpus_dir, dir)
        .args(["--json", "bench", "load", "--calls", "1000000000"])
        .args([
            "--tasks",
            &FULL_TASKS.to_string(),
            "--print-answers",
            "--questions",
        ])
        .arg(questions)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let pid = child.id();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut printed: Vec<String> = Vec::new();
    let mut summary = None;
    let mut signalled = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if let Some(id) = line.strip_prefix("answered ") {
            printed.push(id.to_string());
        } else if line.starts_with('{') {
            summary = Some(line);
        }
        if !signalled && printed.len() >= after {
            let status = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()
                .map_err(|e| format!("cannot run kill: {e}"))?;
            if !status.success() {
                return Err(format!("kill -TERM {pid} failed"));
            }
            signalled = true;
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !signalled {
        return Err(format!(
            "the child ended ({status}) before it printed {after} answers"
        ));
    }
    let summary: serde_json::Value = serde_json::from_str(
        &summary.ok_or_else(|| format!("no summary line from the child ({status})"))?,
    )
    .map_err(|e| e.to_string())?;
    let conn = rusqlite::Connection::open(&db).map_err(|e| e.to_string())?;
    let mut stmt = conn
        .prepare("SELECT answer_id FROM query_log WHERE command = 'ask'")
        .map_err(|e| e.to_string())?;
    let logged: HashSet<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| e.to_string())?
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let number = |key: &str| summary[key].as_u64().unwrap_or(0);
    Ok(SigtermReport {
        printed: printed.len(),
        answered: number("answered"),
        logged: logged.len() as u64,
        rows_written: number("rows_written"),
        rows_lost: number("rows_lost"),
        missing: printed
            .into_iter()
            .filter(|id| !logged.contains(id))
            .collect(),
        exit_code: status.code(),
        interrupted: summary["interrupted"].as_bool().unwrap_or(false),
    })
}
