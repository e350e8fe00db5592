//! The query log under load: many concurrent `ask` calls through the commands layer write one
//! row each (none lost), and a SIGTERM in the middle of a run still leaves every answered query
//! in the log. CI runs the quick size; `FATHOM_LOAD_CALLS=50000 cargo test --release --test
//! load_log` runs the full one. Speed (throughput, p99, the on/off ratio) is reported by the
//! `load` benchmark, not asserted here.

use fathom::commands::Fathom;
use fathom::search::SearchIndex;
use fathom::store::{QueryLog, Store};
use fathom_eval::load::{FULL_TASKS, QUICK_CALLS, drive_all, sigterm_run};
use fathom_eval::run::load_queries;
use fathom_eval::{QUESTIONS_FILE, latency::format_us};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn manifest() -> PathBuf {
    fathom_eval::repository()
}

fn calls() -> usize {
    std::env::var("FATHOM_LOAD_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(QUICK_CALLS)
}

fn db_url(dir: &Path) -> String {
    format!("sqlite://{}/fathom.db?mode=rwc", dir.display())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_call_is_logged_and_the_log_off_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Arc::new(fathom::corpus::load(&manifest().join("index")).unwrap());
    let index_dir = dir.path().join("tantivy");
    let queries = Arc::new(load_queries(&manifest().join(QUESTIONS_FILE), &corpus));
    assert!(!queries.is_empty());
    let calls = calls();

    // Log on: a real SQLite file, the real batched writer.
    let store = Store::open(&db_url(dir.path())).await.unwrap();
    let (log, writer) = QueryLog::start(Some(store.clone()), 4096);
    let search =
        SearchIndex::open_or_build(&corpus, &index_dir, |_| std::ops::ControlFlow::Continue(()))
            .unwrap();
    let fathom = Arc::new(Fathom::new(
        corpus.clone(),
        search,
        Some(store.clone()),
        log,
        "load-salt".into(),
    ));
    let on = drive_all(fathom.clone(), queries.clone(), calls).await;
    drop(fathom);
    let written = writer.finish().await;
    assert_eq!(on.answered, calls);
    assert_eq!(written.written, calls as u64, "{written:?}");
    assert_eq!(written.lost, 0);
    assert_eq!(store.log_len().await.unwrap(), calls as i64);
    let distinct: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT answer_id) FROM query_log WHERE command = 'ask'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(distinct, calls as i64, "every call has its own answer id");
    let raw_ids: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM query_log WHERE user_hash LIKE 'load-user-%'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(raw_ids, 0, "user ids are stored hashed");

    // Log off: same calls, nothing written.
    let search = SearchIndex::open(&corpus, &index_dir).unwrap();
    let fathom = Arc::new(Fathom::new(
        corpus.clone(),
        search,
        None,
        QueryLog::disabled(),
        "load-salt".into(),
    ));
    let off = drive_all(fathom, queries, calls).await;
    assert_eq!(off.answered, calls);
    assert_eq!(store.log_len().await.unwrap(), calls as i64);
    println!(
        "{calls} asks from {FULL_TASKS} tasks: log on {:.0}/s p99 {}, log off {:.0}/s p99 {} (debug build; see BENCHMARKS.md for release numbers)",
        on.throughput,
        format_us(on.latency.p99_us),
        off.throughput,
        format_us(off.latency.p99_us)
    );
}

/// Runs the real `fathom` binary (`fathom bench load --print-answers`), sends it SIGTERM once
/// it has answered a few hundred questions, and checks that every answer it printed is in the
/// query log: SIGTERM goes through `cli::shutdown_signal`, the tasks finish the call they are
/// in, and the log is drained by `LogWriter::finish`, as for every command.
#[cfg(unix)]
#[test]
fn sigterm_mid_run_leaves_every_answered_query_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let report = sigterm_run(
        Path::new(env!("CARGO_BIN_EXE_fathom-eval")),
        &manifest().join("index"),
        &manifest().join(QUESTIONS_FILE),
        dir.path(),
        300,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!("{report:?}");
    assert_eq!(
        report.exit_code,
        Some(130),
        "interrupted runs exit with 130"
    );
    assert!(report.interrupted);
    assert!(report.printed >= 300);
    assert!(
        report.missing.is_empty(),
        "{} of {} answered queries are not in the log, e.g. {:?}",
        report.missing.len(),
        report.printed,
        &report.missing[..report.missing.len().min(5)]
    );
    assert_eq!(report.rows_lost, 0);
    assert!(report.answered >= report.printed as u64);
    assert_eq!(
        report.logged, report.rows_written,
        "the log holds what the writer wrote"
    );
    assert_eq!(
        report.logged, report.answered,
        "every call answered before the stop is logged"
    );
}
