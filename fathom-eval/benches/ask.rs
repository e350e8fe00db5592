//! `cargo bench --bench ask`: `ask` end to end (parse → search → snippets → Reply, as the
//! commands layer runs it, log switched off) against the SQLite FTS5 peer (query + bm25 +
//! `highlight()`), through rusqlite and through sqlx, on the same questions (the eval set) and
//! the same corpora, in the same process.
//!
//! Corpora: `FATHOM_BENCH_SIZES` (default `real,100k`; add `1m` by hand, e.g.
//! `FATHOM_BENCH_SIZES=1m cargo bench --bench ask`). Each call is timed on its own (median and
//! p99 over whole rounds of the question set: up to 5,000 calls or 20 s per engine, at least one
//! round), then criterion measures the same calls. Results also go to
//! `target/fathom-bench/ask-<size>.json`.

use criterion::Criterion;
use fathom::commands::{Caller, Fathom, Request, Transport};
use fathom::store::QueryLog;
use fathom_eval::bench::{Prepared, prepare, sizes_from_env};
use fathom_eval::fts5::Fts5Sqlx;
use fathom_eval::latency::{Latencies, Summary, format_us};
use fathom_eval::run::load_queries;
use fathom_eval::{Fts5Index, default_questions_path};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Per engine and corpus, whole rounds of the question set are timed until this many calls
/// or this much time (but at least one round).
const TIMED_CALLS: usize = 5_000;
const TIME_BUDGET: Duration = Duration::from_secs(20);

struct Engines {
    fathom: Fathom,
    fts5: Fts5Index,
    sqlx: Fts5Sqlx,
    caller: Caller,
}

fn fathom_ask(rt: &tokio::runtime::Runtime, e: &Engines, q: &str) -> usize {
    let request = Request::Ask {
        question: q.to_string(),
        k: 3,
        offset: 0,
        lang: Default::default(),
    };
    rt.block_on(e.fathom.run(&e.caller, request)).items.len()
}

fn fathom_search(e: &Engines, q: &str) -> usize {
    e.fathom
        .search
        .search(q, 3, 0)
        .map(|o| o.hits.len())
        .unwrap_or(0)
}

fn fts5_ask(e: &Engines, q: &str) -> usize {
    // The peer of a Reply: the highlighted passages plus their citations.
    let answers = e.fts5.ask(q, 3).unwrap_or_default();
    answers
        .iter()
        .filter_map(|a| e.fathom.corpus.passages.get(a.ordinal))
        .map(|p| e.fathom.corpus.citation(p).len())
        .sum()
}

fn sqlx_ask(rt: &tokio::runtime::Runtime, e: &Engines, q: &str) -> usize {
    let answers = rt.block_on(e.sqlx.ask(q, 3)).unwrap_or_default();
    answers
        .iter()
        .filter_map(|a| e.fathom.corpus.passages.get(a.ordinal))
        .map(|p| e.fathom.corpus.citation(p).len())
        .sum()
}

const ENGINES: [&str; 4] = [
    "fathom ask",
    "fathom search only",
    "fts5 rusqlite",
    "fts5 sqlx",
];

fn call(rt: &tokio::runtime::Runtime, e: &Engines, engine: usize, q: &str) -> usize {
    match engine {
        0 => fathom_ask(rt, e, q),
        1 => fathom_search(e, q),
        2 => fts5_ask(e, q),
        _ => sqlx_ask(rt, e, q),
    }
}

fn main() {
    let manifest = &fathom_eval::repository();
    let real = fathom::corpus::load(&manifest.join("index")).expect("the corpus loads");
    let queries = load_queries(&default_questions_path(), &real);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut tables = Vec::new();
    for size in sizes_from_env("real,100k") {
        let Prepared {
            corpus,
            search,
            fts5,
            fts5_path,
            ..
        } = prepare(&real, size, |m| eprintln!("[{}] {m}", size.label())).expect("prepare");
        let passages = corpus.passages.len();
        let sqlx = rt.block_on(Fts5Sqlx::open(&fts5_path)).expect("sqlx opens");
        let engines = Engines {
            fathom: Fathom::new(corpus, search, None, QueryLog::disabled(), "bench".into()),
            fts5,
            sqlx,
            caller: Caller {
                transport: Transport::Discord,
                user_id: "bench".into(),
                guild_id: None,
                channel_id: None,
                locale: None,
            },
        };
        // Per-call timings: after a warm-up round, whole rounds of the question set per engine.
        let mut timings: Vec<Latencies> = Vec::new();
        let mut rounds = Vec::new();
        for (engine, name) in ENGINES.iter().enumerate() {
            for q in &queries {
                black_box(call(&rt, &engines, engine, q)); // warm-up
            }
            let mut latencies = Latencies::default();
            let started = Instant::now();
            let mut n = 0;
            while n == 0 || (latencies.len() < TIMED_CALLS && started.elapsed() < TIME_BUDGET) {
                for q in &queries {
                    latencies.time(|| black_box(call(&rt, &engines, engine, q)));
                }
                n += 1;
            }
            eprintln!(
                "[{}] {name}: {n} round(s), p50 {}",
                size.label(),
                format_us(latencies.summary().p50_us)
            );
            rounds.push(n);
            timings.push(latencies);
        }
        let summaries: Vec<Summary> = timings.iter().map(Latencies::summary).collect();
        tables.push((size.label(), passages, summaries.clone()));
        let json = serde_json::json!({
            "corpus": size.label(), "passages": passages, "queries": queries.len(),
            "engines": ENGINES.iter().zip(&summaries).zip(&rounds).map(|((name, s), r)| serde_json::json!({"engine": name, "rounds": r, "latency": s})).collect::<Vec<_>>(),
        });
        let out = fathom_eval::bench::cache_dir().join(format!("ask-{}.json", size.label()));
        let _ = std::fs::write(
            &out,
            serde_json::to_string_pretty(&json).unwrap_or_default(),
        );

        // criterion, on the same calls (each iteration asks the next question of the set).
        let mut group = criterion.benchmark_group(format!("ask/{}", size.label()));
        if passages >= 1_000_000 {
            group.sample_size(10);
        } else if passages >= 10_000 {
            group.sample_size(20);
        }
        for (engine, name) in ENGINES.iter().enumerate() {
            let mut i = 0usize;
            group.bench_function(name.replace(' ', "-"), |b| {
                b.iter(|| {
                    i = i.wrapping_add(1);
                    black_box(call(&rt, &engines, engine, &queries[i % queries.len()]))
                })
            });
        }
        group.finish();
        rt.block_on(engines.sqlx.close());
    }
    criterion.final_summary();

    println!(
        "\nask latency per call ({} questions; median and p99 over every call)",
        queries.len()
    );
    println!(
        "{:<7} {:>9}  {:<19} {:>10} {:>10}  {:>15}",
        "corpus", "passages", "engine", "p50", "p99", "p50 vs fathom"
    );
    for (label, passages, summaries) in &tables {
        let ours = summaries[0].p50_us;
        for (name, s) in ENGINES.iter().zip(summaries) {
            println!(
                "{label:<7} {passages:>9}  {name:<19} {:>10} {:>10}  {:>14.1}×",
                format_us(s.p50_us),
                format_us(s.p99_us),
                s.p50_us / ours.max(1e-9)
            );
        }
    }
}
