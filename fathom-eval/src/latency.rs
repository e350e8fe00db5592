//! Latency statistics for the benchmarks and the load test: every call timed on its own, then
//! the median, the 99th percentile (nearest rank) and the mean.

use serde::Serialize;
use std::time::{Duration, Instant};

/// The timings of many calls.
#[derive(Debug, Clone, Default)]
pub struct Latencies {
    samples: Vec<Duration>,
}

/// A summary in microseconds, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub calls: usize,
    pub p50_us: f64,
    pub p99_us: f64,
    pub mean_us: f64,
    pub max_us: f64,
}

impl Latencies {
    pub fn with_capacity(n: usize) -> Latencies {
        Latencies {
            samples: Vec::with_capacity(n),
        }
    }

    pub fn push(&mut self, d: Duration) {
        self.samples.push(d);
    }

    pub fn extend(&mut self, other: Latencies) {
        self.samples.extend(other.samples);
    }

    /// Times `f` once and records it; returns what `f` returned.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        self.samples.push(started.elapsed());
        out
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// The `q`-quantile (0.0..=1.0) by nearest rank.
    pub fn quantile(&self, q: f64) -> Duration {
        if self.samples.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.samples.clone();
        sorted.sort_unstable();
        let rank = (q.clamp(0.0, 1.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    pub fn median(&self) -> Duration {
        self.quantile(0.5)
    }

    pub fn p99(&self) -> Duration {
        self.quantile(0.99)
    }

    pub fn mean(&self) -> Duration {
        if self.samples.is_empty() {
            return Duration::ZERO;
        }
        self.samples.iter().sum::<Duration>() / self.samples.len() as u32
    }

    pub fn summary(&self) -> Summary {
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        Summary {
            calls: self.samples.len(),
            p50_us: us(self.median()),
            p99_us: us(self.p99()),
            mean_us: us(self.mean()),
            max_us: us(self.quantile(1.0)),
        }
    }
}

/// The median of a few numbers (e.g. one figure from several runs).
pub fn median_of(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

/// Microseconds or milliseconds, whichever reads better.
pub fn format_us(us: f64) -> String {
    if us >= 10_000.0 {
        format!("{:.1} ms", us / 1000.0)
    } else if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.0} µs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let mut l = Latencies::default();
        for i in 1..=100 {
            l.push(Duration::from_micros(i));
        }
        assert_eq!(l.median(), Duration::from_micros(50));
        assert_eq!(l.p99(), Duration::from_micros(99));
        assert_eq!(l.quantile(1.0), Duration::from_micros(100));
        assert_eq!(l.quantile(0.0), Duration::from_micros(1));
        assert_eq!(Latencies::default().p99(), Duration::ZERO);
        assert_eq!(median_of(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median_of(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
