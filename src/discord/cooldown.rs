//! Cooldowns: one per user between commands, one per channel between public posts, so that
//! one person cannot hammer the bot and four people asking the same thing do not flood a
//! channel. Kept in memory: a restart forgets them, which only ever lets one more call through.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Past this many keys, expired entries are swept out.
const SWEEP_AT: usize = 10_000;

/// Last-use times per key, with a fixed wait.
pub struct Cooldown {
    wait: Duration,
    last: Mutex<HashMap<u64, Instant>>,
}

impl Cooldown {
    pub fn new(wait: Duration) -> Cooldown {
        Cooldown {
            wait,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Takes the key's turn if it is free; otherwise returns how long is left.
    pub fn take(&self, key: u64) -> Result<(), Duration> {
        self.take_at(key, Instant::now())
    }

    fn take_at(&self, key: u64, now: Instant) -> Result<(), Duration> {
        if self.wait.is_zero() {
            return Ok(());
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(&at) = last.get(&key) {
            let since = now.saturating_duration_since(at);
            if since < self.wait {
                return Err(self.wait - since);
            }
        }
        if last.len() >= SWEEP_AT {
            let wait = self.wait;
            last.retain(|_, at| now.saturating_duration_since(*at) < wait);
        }
        last.insert(key, now);
        Ok(())
    }
}

/// "3 seconds", "1 second".
pub fn seconds(left: Duration) -> String {
    let s = left.as_secs_f64().ceil().max(1.0) as u64;
    format!("{s} second{}", if s == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_waits_its_turn() {
        let c = Cooldown::new(Duration::from_secs(3));
        let t0 = Instant::now();
        assert!(c.take_at(1, t0).is_ok());
        let left = c.take_at(1, t0 + Duration::from_secs(1)).unwrap_err();
        assert_eq!(left, Duration::from_secs(2));
        assert!(c.take_at(2, t0 + Duration::from_secs(1)).is_ok());
        assert!(c.take_at(1, t0 + Duration::from_secs(3)).is_ok());
        assert_eq!(seconds(Duration::from_millis(1200)), "2 seconds");
        assert_eq!(seconds(Duration::from_millis(10)), "1 second");
    }

    #[test]
    fn zero_wait_never_blocks() {
        let c = Cooldown::new(Duration::ZERO);
        assert!(c.take(1).is_ok());
        assert!(c.take(1).is_ok());
    }

    #[test]
    fn old_entries_are_swept() {
        let c = Cooldown::new(Duration::from_secs(1));
        let t0 = Instant::now();
        for k in 0..SWEEP_AT as u64 {
            c.take_at(k, t0).unwrap();
        }
        c.take_at(u64::MAX, t0 + Duration::from_secs(2)).unwrap();
        assert_eq!(c.last.lock().unwrap().len(), 1);
    }
}
