//! `cargo bench --bench load`: the full load test. 50,000 `ask` calls through the commands
//! layer from 64 concurrent tasks with the SQLite query log on, and 50,000 with it off, in the
//! same process and interleaved in rounds (`load::compare`): throughput, p50 and p99, and the
//! on/off ratios, over 3 runs (medians). Every run must write all 50,000 rows. Then the
//! release binary is run with `fathom bench load`, SIGTERMed mid-run, and every answer it
//! printed must be in its log.
//!
//! `FATHOM_LOAD_CALLS`, `FATHOM_LOAD_ROUNDS` and `FATHOM_LOAD_RUNS` change the size, the
//! number of rounds per run and the number of runs.

use fathom::commands::Fathom;
use fathom::search::SearchIndex;
use fathom::store::{QueryLog, Store};
use fathom_eval::latency::{format_us, median_of};
use fathom_eval::load::{Comparison, FULL_CALLS, FULL_TASKS, LoadReport, compare, sigterm_run};
use fathom_eval::run::load_queries;
use fathom_eval::{QUESTIONS_FILE, default_questions_path};
use std::path::Path;
use std::sync::Arc;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One comparison: a log-on `Fathom` with a fresh database in `db` against a log-off one,
/// interleaved (`load::compare`); asserts that every log-on call was written.
async fn compare_once(
    corpus: &Arc<fathom::corpus::Corpus>,
    index_dir: &Path,
    queries: &Arc<Vec<String>>,
    calls: usize,
    rounds: usize,
    db: &Path,
) -> Comparison {
    let open = || SearchIndex::open(corpus, index_dir).expect("index opens");
    let store = Store::open(&format!("sqlite://{}/fathom.db?mode=rwc", db.display()))
        .await
        .expect("database opens");
    // The capacity `Fathom::open` uses.
    let (log, writer) = QueryLog::start(Some(store.clone()), 4096);
    let on = Arc::new(Fathom::new(
        corpus.clone(),
        open(),
        Some(store.clone()),
        log.clone(),
        "load".into(),
    ));
    let off = Arc::new(Fathom::new(
        corpus.clone(),
        open(),
        None,
        QueryLog::disabled(),
        "load".into(),
    ));
    let comparison = compare(on.clone(), &log, off, queries.clone(), calls, rounds).await;
    drop((on, log));
    let written = writer.finish().await;
    let rows = store.log_len().await.expect("count rows");
    assert_eq!(comparison.on.answered, calls);
    assert_eq!(comparison.off.answered, calls);
    assert_eq!(
        written.written, calls as u64,
        "every call is written: {written:?}"
    );
    assert_eq!(rows, calls as i64, "the log holds one row per call");
    store.close().await;
    comparison
}

/// The log-on or the log-off side of a comparison.
fn side(c: &Comparison, log_on: bool) -> &LoadReport {
    if log_on { &c.on } else { &c.off }
}

fn main() {
    let calls = env_number("FATHOM_LOAD_CALLS", FULL_CALLS);
    let runs = env_number("FATHOM_LOAD_RUNS", 3);
    let rounds = env_number("FATHOM_LOAD_ROUNDS", 10);
    let manifest = &fathom_eval::repository();
    let corpus = Arc::new(fathom::corpus::load(&manifest.join("index")).expect("corpus"));
    let queries = Arc::new(load_queries(&default_questions_path(), &corpus));
    let dir = tempfile::tempdir().expect("temp dir");
    let index_dir = dir.path().join("tantivy");
    fathom::search::build::build(&corpus, &index_dir, |_| std::ops::ControlFlow::Continue(()))
        .expect("index builds");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut all = Vec::new();
    for i in 0..runs {
        let db = tempfile::tempdir().expect("temp dir");
        let c = rt.block_on(compare_once(
            &corpus,
            &index_dir,
            &queries,
            calls,
            rounds,
            db.path(),
        ));
        for (label, r) in [("off", &c.off), ("on ", &c.on)] {
            eprintln!(
                "run {} log {label}: {:.0} asks/s, p50 {}, p99 {}",
                i + 1,
                r.throughput,
                format_us(r.latency.p50_us),
                format_us(r.latency.p99_us)
            );
        }
        eprintln!(
            "run {}: on/off throughput {:.3}, p99 {:.3}; CPU per call: off {:.0} µs, on {:.0} µs; \
             log catch-up after the rounds' last answers: {:.1} ms",
            i + 1,
            c.throughput_ratio(),
            c.p99_ratio(),
            c.off_cpu_us_per_call.unwrap_or(f64::NAN),
            c.on_cpu_us_per_call.unwrap_or(f64::NAN),
            c.on_catch_up.as_secs_f64() * 1e3
        );
        all.push(c);
    }
    let med = |f: fn(&Comparison) -> f64| median_of(&all.iter().map(f).collect::<Vec<_>>());
    println!(
        "\nload: {calls} asks with the log on and {calls} with it off, from {FULL_TASKS} tasks, \
         interleaved in {rounds} rounds; {runs} runs (medians); every run wrote all {calls} rows"
    );
    println!("{:<8} {:>12} {:>10} {:>10}", "log", "asks/s", "p50", "p99");
    for (label, log_on) in [("off", false), ("on", true)] {
        let side_med = |f: fn(&LoadReport) -> f64| {
            median_of(&all.iter().map(|c| f(side(c, log_on))).collect::<Vec<_>>())
        };
        println!(
            "{label:<8} {:>12.0} {:>10} {:>10}",
            side_med(|r| r.throughput),
            format_us(side_med(|r| r.latency.p50_us)),
            format_us(side_med(|r| r.latency.p99_us))
        );
    }
    println!(
        "on/off (median of the runs' ratios): throughput {:.3}, p99 {:.3} (target: within 10%)",
        med(Comparison::throughput_ratio),
        med(Comparison::p99_ratio)
    );

    let sig_dir = tempfile::tempdir().expect("temp dir");
    match sigterm_run(
        &fathom_eval::fathom_binary(),
        &manifest.join("index"),
        &manifest.join(QUESTIONS_FILE),
        sig_dir.path(),
        5_000,
    ) {
        Ok(r) => {
            println!(
                "SIGTERM after {} printed answers: {} answered, {} rows logged, {} printed answers missing from the log, exit code {:?}",
                r.printed,
                r.answered,
                r.logged,
                r.missing.len(),
                r.exit_code
            );
            assert!(
                r.missing.is_empty(),
                "answered queries missing from the log"
            );
            assert_eq!(r.logged, r.answered);
        }
        Err(e) => panic!("the SIGTERM run failed: {e}"),
    }
}
