//! `cargo bench --bench build`: index build time and throughput (passages/s) for fathom's
//! Tantivy index and, as the peer, the FTS5 table (in memory, then `optimize`), each built
//! from scratch several times; medians reported. Corpora: `FATHOM_BENCH_SIZES` (default
//! `real,100k`; `1m` by hand).

use fathom_eval::Fts5Index;
use fathom_eval::bench::{Size, sizes_from_env};
use fathom_eval::latency::median_of;
use std::ops::ControlFlow;
use std::time::Instant;

fn main() {
    let manifest = &fathom_eval::repository();
    let real = fathom::corpus::load(&manifest.join("index")).expect("the corpus loads");
    let mut rows = Vec::new();
    for size in sizes_from_env("real,100k") {
        let corpus = size.corpus(&real);
        let n = corpus.passages.len();
        let runs = match size {
            Size::Real => 7,
            Size::Synthetic(m) if m >= 1_000_000 => 1,
            Size::Synthetic(_) => 3,
        };
        let mut tantivy_secs = Vec::new();
        let mut fts5_secs = Vec::new();
        for run in 0..runs {
            let dir = tempfile::tempdir().expect("temp dir");
            let started = Instant::now();
            fathom::search::build::build(&corpus, &dir.path().join("tantivy"), |_| {
                ControlFlow::Continue(())
            })
            .expect("the index builds");
            tantivy_secs.push(started.elapsed().as_secs_f64());
            drop(dir);
            let started = Instant::now();
            let fts5 = Fts5Index::in_memory(&corpus).expect("FTS5 builds");
            fts5_secs.push(started.elapsed().as_secs_f64());
            drop(fts5);
            eprintln!(
                "[{}] run {}: fathom {:.3} s, fts5 {:.3} s",
                size.label(),
                run + 1,
                tantivy_secs[run],
                fts5_secs[run]
            );
        }
        rows.push((
            size.label(),
            n,
            median_of(&tantivy_secs),
            median_of(&fts5_secs),
            runs,
        ));
    }
    println!("\nindex build (median of runs, from scratch)");
    println!(
        "{:<7} {:>9} {:>5}  {:>12} {:>14}  {:>12} {:>14}",
        "corpus", "passages", "runs", "fathom", "fathom p/s", "fts5", "fts5 p/s"
    );
    for (label, n, t, f, runs) in rows {
        println!(
            "{label:<7} {n:>9} {runs:>5}  {:>10.3} s {:>14.0}  {:>10.3} s {:>14.0}",
            t,
            n as f64 / t,
            f,
            n as f64 / f
        );
    }
}
