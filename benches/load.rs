//! `cargo bench --bench load`: the full load test. 50,000 `ask` calls through the commands
//! layer from 64 concurrent tasks, with the SQLite query log on and off (runs alternate; 3 of
//! each, medians reported): throughput, p50 and p99, and the on/off ratios. Every log-on run
//! must write all 50,000 rows. Then the release binary is run with `fathom bench load`,
//! SIGTERMed mid-run, and every answer it printed must be in its log.
//!
//! `FATHOM_LOAD_CALLS` and `FATHOM_LOAD_RUNS` change the size and the number of runs.

use fathom::commands::Fathom;
use fathom::eval::command::load_queries;
use fathom::eval::latency::{format_us, median_of};
use fathom::eval::load::{FULL_CALLS, FULL_TASKS, LoadReport, drive_all, sigterm_run};
use fathom::eval::{QUESTIONS_FILE, default_questions_path};
use fathom::search::SearchIndex;
use fathom::store::{QueryLog, Store};
use std::path::Path;
use std::sync::Arc;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn run(
    corpus: &Arc<fathom::corpus::Corpus>,
    index_dir: &Path,
    queries: &Arc<Vec<String>>,
    calls: usize,
    db: Option<&Path>,
) -> LoadReport {
    let search = SearchIndex::open(corpus, index_dir).expect("index opens");
    let (store, log, writer) = match db {
        Some(dir) => {
            let store = Store::open(&format!("sqlite://{}/fathom.db?mode=rwc", dir.display()))
                .await
                .expect("database opens");
            // The capacity `Fathom::open` uses.
            let (log, writer) = QueryLog::start(Some(store.clone()), 4096);
            (Some(store), log, Some(writer))
        }
        None => (None, QueryLog::disabled(), None),
    };
    let fathom = Arc::new(Fathom::new(
        corpus.clone(),
        search,
        store.clone(),
        log,
        "load".into(),
    ));
    let report = drive_all(fathom.clone(), queries.clone(), calls).await;
    drop(fathom);
    if let (Some(writer), Some(store)) = (writer, store) {
        let written = writer.finish().await;
        let rows = store.log_len().await.expect("count rows");
        assert_eq!(report.answered, calls);
        assert_eq!(
            written.written, calls as u64,
            "every call is written: {written:?}"
        );
        assert_eq!(rows, calls as i64, "the log holds one row per call");
        store.close().await;
    }
    report
}

fn main() {
    let calls = env_number("FATHOM_LOAD_CALLS", FULL_CALLS);
    let runs = env_number("FATHOM_LOAD_RUNS", 3);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
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
    let mut on = Vec::new();
    let mut off = Vec::new();
    for i in 0..runs {
        let db = tempfile::tempdir().expect("temp dir");
        let order = if i % 2 == 0 {
            [false, true]
        } else {
            [true, false]
        };
        for log_on in order {
            let report = rt.block_on(run(
                &corpus,
                &index_dir,
                &queries,
                calls,
                log_on.then_some(db.path()),
            ));
            eprintln!(
                "run {} log {}: {:.0} asks/s, p50 {}, p99 {}",
                i + 1,
                if log_on { "on " } else { "off" },
                report.throughput,
                format_us(report.latency.p50_us),
                format_us(report.latency.p99_us)
            );
            if log_on {
                on.push(report)
            } else {
                off.push(report)
            }
        }
    }
    let med = |v: &[LoadReport], f: fn(&LoadReport) -> f64| {
        median_of(&v.iter().map(f).collect::<Vec<_>>())
    };
    let (on_tp, off_tp) = (med(&on, |r| r.throughput), med(&off, |r| r.throughput));
    let (on_p50, off_p50) = (
        med(&on, |r| r.latency.p50_us),
        med(&off, |r| r.latency.p50_us),
    );
    let (on_p99, off_p99) = (
        med(&on, |r| r.latency.p99_us),
        med(&off, |r| r.latency.p99_us),
    );
    println!(
        "\nload: {calls} asks from {FULL_TASKS} tasks, {runs} runs each (medians); every log-on run wrote all {calls} rows"
    );
    println!("{:<8} {:>12} {:>10} {:>10}", "log", "asks/s", "p50", "p99");
    println!(
        "{:<8} {:>12.0} {:>10} {:>10}",
        "off",
        off_tp,
        format_us(off_p50),
        format_us(off_p99)
    );
    println!(
        "{:<8} {:>12.0} {:>10} {:>10}",
        "on",
        on_tp,
        format_us(on_p50),
        format_us(on_p99)
    );
    println!(
        "on/off: throughput {:.3}, p99 {:.3} (target: within 10%)",
        on_tp / off_tp,
        on_p99 / off_p99
    );

    let sig_dir = tempfile::tempdir().expect("temp dir");
    match sigterm_run(
        Path::new(env!("CARGO_BIN_EXE_fathom")),
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
