//! `cargo bench --bench cold_start`: `fathom ask` as a fresh process with the index already
//! built (what a terminal user waits for): the release binary is run 30 times with a question
//! from the eval set; the wall time of each run is measured from spawn to exit. The first run
//! (which also creates the SQLite file and runs its migrations) is reported apart. As a floor,
//! `fathom --version` (process start only) is timed the same way. The peak resident memory of
//! the `fathom ask` processes (getrusage of the children) is reported too: such a process holds
//! what `serve` holds when idle (corpus, index, database pool, log writer) minus the gateway.

use fathom_eval::latency::{Latencies, format_us};
use fathom_eval::run::load_queries;
use fathom_eval::{default_questions_path, fathom_process};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const RUNS: usize = 30;

fn fathom(dir: &Path) -> Command {
    let mut cmd = fathom_process(
        &fathom_eval::fathom_binary(),
        &fathom_eval::repository().join("index"),
        dir,
    );
    cmd.stdout(Stdio::null()).stderr(Stdio::inherit());
    cmd
}

fn timed(mut cmd: Command) -> std::time::Duration {
    let started = Instant::now();
    let status = cmd.status().expect("fathom runs");
    let took = started.elapsed();
    assert!(status.success(), "fathom failed: {status}");
    took
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let real =
        fathom::corpus::load(&fathom_eval::repository().join("index")).expect("the corpus loads");
    let queries = load_queries(&default_questions_path(), &real);
    let mut build = fathom(dir.path());
    build.args(["index", "build"]);
    let build_time = timed(build);

    let mut first = fathom(dir.path());
    first.args(["ask", &queries[0]]);
    let first = timed(first);

    let mut version = Latencies::default();
    let mut ask = Latencies::default();
    let mut peak_rss_kib = Vec::new();
    for i in 0..RUNS {
        let mut v = fathom(dir.path());
        v.arg("--version");
        version.push(timed(v));
        let mut a = fathom(dir.path());
        a.arg("ask").arg(&queries[(i + 1) % queries.len()]);
        let (took, rss) = timed_with_rss(a);
        ask.push(took);
        peak_rss_kib.extend(rss);
    }
    let us = |d: std::time::Duration| d.as_secs_f64() * 1e6;
    println!("\ncold start of the release binary ({RUNS} runs each; index already built)");
    println!(
        "  `fathom index build` (real corpus, whole process): {}",
        format_us(us(build_time))
    );
    println!(
        "  first `fathom ask` (creates the database): {}",
        format_us(us(first))
    );
    let a = ask.summary();
    let v = version.summary();
    println!(
        "  `fathom ask \"...\"`: p50 {}, p99 {}, max {}",
        format_us(a.p50_us),
        format_us(a.p99_us),
        format_us(a.max_us)
    );
    println!(
        "  `fathom --version` (process floor): p50 {}, p99 {}",
        format_us(v.p50_us),
        format_us(v.p99_us)
    );
    if !peak_rss_kib.is_empty() {
        let max = peak_rss_kib.iter().copied().max().unwrap_or(0);
        let mut sorted = peak_rss_kib.clone();
        sorted.sort_unstable();
        println!(
            "  peak resident memory of a `fathom ask` process: median {:.1} MB, max {:.1} MB",
            sorted[sorted.len() / 2] as f64 / 1024.0,
            max as f64 / 1024.0
        );
    }
}

/// Runs `cmd` to its end; returns its wall time and its peak resident memory in KiB (from
/// `wait4`, so only this child counts).
#[cfg(unix)]
fn timed_with_rss(mut cmd: Command) -> (std::time::Duration, Option<i64>) {
    let started = Instant::now();
    // Waited for below with wait4 (std's wait() cannot report the child's resource usage).
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().expect("fathom runs");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: wait4 writes only into the two zeroed out-parameters we pass; the child is ours
    // and is not waited for anywhere else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = started.elapsed();
    assert!(
        waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "fathom failed (status {status})"
    );
    (took, Some(usage.ru_maxrss))
}

#[cfg(not(unix))]
fn timed_with_rss(cmd: Command) -> (std::time::Duration, Option<i64>) {
    (timed(cmd), None)
}
