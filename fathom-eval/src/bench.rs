//! What the benchmarks share: the corpus sizes they run at (`FATHOM_BENCH_SIZES`), and the
//! cache of indexes built for them under `target/fathom-bench/` (a synthetic 1M-passage index
//! takes minutes to build, so it is built once and reused until the corpus changes).

use crate::EvalError;
use crate::fts5::Fts5Index;
use crate::synth::{DEFAULT_SEED, synthesize};
use fathom::corpus::Corpus;
use fathom::search::SearchIndex;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A corpus size a benchmark runs at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// The corpus in `index/`, as shipped.
    Real,
    /// A synthetic corpus of this many passages (see `synth`).
    Synthetic(usize),
}

impl Size {
    /// `real`, `100k`, `1m`, or a plain number of passages.
    pub fn parse(s: &str) -> Option<Size> {
        let s = s.trim().to_ascii_lowercase();
        if s == "real" {
            return Some(Size::Real);
        }
        let (digits, factor) = if let Some(d) = s.strip_suffix('k') {
            (d, 1_000)
        } else if let Some(d) = s.strip_suffix('m') {
            (d, 1_000_000)
        } else {
            (s.as_str(), 1)
        };
        digits
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .map(|n| Size::Synthetic(n * factor))
    }

    pub fn label(self) -> String {
        match self {
            Size::Real => "real".into(),
            Size::Synthetic(n) if n % 1_000_000 == 0 => format!("{}m", n / 1_000_000),
            Size::Synthetic(n) if n % 1_000 == 0 => format!("{}k", n / 1_000),
            Size::Synthetic(n) => n.to_string(),
        }
    }

    /// The corpus at this size.
    pub fn corpus(self, real: &Corpus) -> Corpus {
        match self {
            Size::Real => real.clone(),
            Size::Synthetic(n) => synthesize(real, n, DEFAULT_SEED),
        }
    }
}

/// The sizes named by `FATHOM_BENCH_SIZES` (comma-separated), else `default`.
pub fn sizes_from_env(default: &str) -> Vec<Size> {
    let spec = std::env::var("FATHOM_BENCH_SIZES").unwrap_or_else(|_| default.to_string());
    spec.split(',').filter_map(Size::parse).collect()
}

/// `target/fathom-bench` (or under `CARGO_TARGET_DIR`).
pub fn cache_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::repository().join("target"));
    target.join("fathom-bench")
}

/// A corpus with its fathom index and FTS5 file, ready to query.
pub struct Prepared {
    pub size: Size,
    pub corpus: Arc<Corpus>,
    pub search: SearchIndex,
    pub fts5_path: PathBuf,
    pub fts5: Fts5Index,
    /// How long generating the synthetic corpus took.
    pub generated_in: Duration,
}

/// Generates the corpus for `size` and opens its cached indexes (building them if missing or
/// stale). `say` is told what is happening (long steps at 1M).
pub fn prepare(real: &Corpus, size: Size, say: impl Fn(&str)) -> Result<Prepared, EvalError> {
    let dir = cache_dir();
    std::fs::create_dir_all(&dir).map_err(|source| EvalError::Io {
        path: dir.clone(),
        source,
    })?;
    let label = size.label();
    let started = Instant::now();
    if let Size::Synthetic(n) = size {
        say(&format!("generating the synthetic corpus of {n} passages"));
    }
    let corpus = Arc::new(size.corpus(real));
    let generated_in = started.elapsed();
    let index_dir = dir.join(format!("{label}.tantivy"));
    if !fathom::search::build::is_current(&index_dir, &corpus) {
        say(&format!(
            "building the fathom index of {} passages (cached in {})",
            corpus.passages.len(),
            index_dir.display()
        ));
    }
    let search = SearchIndex::open_or_build(&corpus, &index_dir, |_| ControlFlow::Continue(()))?;
    let fts5_path = dir.join(format!("{label}.fts5.db"));
    say(&format!(
        "opening the FTS5 baseline at {} (built if missing)",
        fts5_path.display()
    ));
    let fts5 = Fts5Index::open_or_create(&corpus, &fts5_path)?;
    Ok(Prepared {
        size,
        corpus,
        search,
        fts5_path,
        fts5,
        generated_in,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(Size::parse("real"), Some(Size::Real));
        assert_eq!(Size::parse("100k"), Some(Size::Synthetic(100_000)));
        assert_eq!(Size::parse("1M"), Some(Size::Synthetic(1_000_000)));
        assert_eq!(Size::parse("2500"), Some(Size::Synthetic(2500)));
        assert_eq!(Size::parse("lots"), None);
        assert_eq!(Size::parse("0"), None);
        assert_eq!(Size::Synthetic(100_000).label(), "100k");
        assert_eq!(Size::Synthetic(1_000_000).label(), "1m");
    }
}
