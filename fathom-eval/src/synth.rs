//! The synthetic corpus for the scale benchmarks (100k and 1M passages), generated from the real
//! corpus with a fixed seed so that every run indexes and queries the same text.
//!
//! The generator:
//! 1. keeps every real passage first and unchanged (ordinals `0..n`), so real questions still
//!    have their real answers, now buried among many look-alikes;
//! 2. adds passages `n..target`; passage `j` copies the metadata of a real passage drawn at
//!    random (its source, locator, topics, status, scope, dates; no aliases), and gets a new
//!    note and quote of the same number of words as the template's, stitched from random runs
//!    of 4–12 consecutive words of random real notes (resp. quotes). Word frequencies, field
//!    lengths and most adjacent word pairs therefore follow the real corpus, so posting lists
//!    grow with the corpus the way real ones would;
//! 3. draws everything from SplitMix64 seeded with `seed` (a fixed, documented generator, not
//!    `rand`'s `StdRng`, whose algorithm may change between versions).
//!
//! A synthetic passage's id is `<source-id>-syn-<j>` and its locator ends in `(synthetic j)`.
//! The corpus version is the real one plus `+synth-<target>-<seed>`, so an index built from it
//! is cached and reused until the real corpus changes.

use fathom::corpus::{Corpus, Parts, Passage};

/// The seed the benchmarks use.
pub const DEFAULT_SEED: u64 = 0x0F47_4011_2025_0902;

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and fixed.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// A corpus of `target` passages: the real ones, then synthetic ones (see the module docs).
/// With `target` at most the real size, the real corpus is returned unchanged.
pub fn synthesize(real: &Corpus, target: usize, seed: u64) -> Corpus {
    let n = real.passages.len();
    if target <= n || n == 0 {
        return real.clone();
    }
    let notes: Vec<Vec<&str>> = real
        .passages
        .iter()
        .map(|p| p.note.split_whitespace().collect())
        .filter(|w: &Vec<&str>| !w.is_empty())
        .collect();
    let quotes: Vec<Vec<&str>> = real
        .passages
        .iter()
        .filter_map(|p| p.quote.as_deref())
        .map(|q| q.split_whitespace().collect())
        .filter(|w: &Vec<&str>| !w.is_empty())
        .collect();
    let mut rng = SplitMix64::new(seed);
    let mut passages = Vec::with_capacity(target);
    passages.extend(real.passages.iter().cloned());
    for j in n..target {
        let template = &real.passages[rng.below(n)];
        let note = stitch(&notes, template.note.split_whitespace().count(), &mut rng);
        let quote = template.quote.as_deref().map(|q| {
            let pool = if quotes.is_empty() { &notes } else { &quotes };
            let text = stitch(pool, q.split_whitespace().count(), &mut rng);
            fathom::search::truncate_chars(&text, fathom::corpus::MAX_QUOTE_CHARS)
        });
        passages.push(Passage {
            id: format!("{}-syn-{j}", template.source_id),
            source_id: template.source_id.clone(),
            locator: format!("{} (synthetic {j})", template.locator),
            quote,
            note,
            topics: template.topics.clone(),
            status: template.status,
            scope: template.scope.clone(),
            as_of: template.as_of.clone(),
            date: template.date.clone(),
            aliases: Vec::new(),
            side: template.side,
            verification: None,
        });
    }
    Corpus::new(
        Parts {
            topics: real.topics.clone(),
            sources: real.sources.clone(),
            passages,
            events: real.events.clone(),
            terms: real.terms.clone(),
            claims: real.claims.clone(),
            quiz: real.quiz.clone(),
            actors: real.actors.clone(),
            spanish: real.spanish.clone(),
            hosts: real.hosts.clone(),
        },
        format!("{}+synth-{target}-{seed:016x}", real.version),
    )
}

/// `words` words made of runs of 4–12 consecutive words from random texts of `pool`.
fn stitch(pool: &[Vec<&str>], words: usize, rng: &mut SplitMix64) -> String {
    let words = words.max(1);
    let mut out: Vec<&str> = Vec::with_capacity(words + 12);
    while out.len() < words {
        let text = &pool[rng.below(pool.len())];
        let start = rng.below(text.len());
        let run = 4 + rng.below(9);
        out.extend(text.iter().skip(start).take(run));
    }
    out.truncate(words);
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use fathom::corpus::{Scope, Source, SourceKind, Status, Topic};

    fn tiny() -> Corpus {
        let source = Source {
            id: "s".into(),
            title: "A source".into(),
            short: None,
            kind: SourceKind::News,
            date: "2025-09-02".into(),
            url: "https://example.org".into(),
            publisher: None,
            author: None,
            read_at: None,
            aliases: vec![],
            verification: None,
        };
        let passage = |i: usize, note: &str| Passage {
            id: format!("s-{i}"),
            source_id: "s".into(),
            locator: format!("para. {i}"),
            quote: i
                .is_multiple_of(2)
                .then(|| "the quoted words of the source here".to_string()),
            note: note.into(),
            topics: vec!["t".into()],
            status: Status::Reported,
            scope: vec![Scope::Events],
            as_of: None,
            date: None,
            aliases: vec!["alias".into()],
            side: None,
            verification: None,
        };
        Corpus::new(
            Parts {
                topics: vec![Topic {
                    id: "t".into(),
                    label: "T".into(),
                    description: "d".into(),
                    aliases: vec![],
                }],
                sources: vec![source],
                passages: vec![
                    passage(0, "survivors clung to the wreck after the first strike"),
                    passage(1, "a second strike killed the two survivors on the boat"),
                    passage(2, "the admiral said the order was lawful"),
                ],
                ..Parts::default()
            },
            "v1".into(),
        )
    }

    #[test]
    fn same_seed_same_corpus() {
        let real = tiny();
        let a = synthesize(&real, 50, 7);
        let b = synthesize(&real, 50, 7);
        let c = synthesize(&real, 50, 8);
        assert_eq!(a.passages.len(), 50);
        let notes = |c: &Corpus| {
            c.passages
                .iter()
                .map(|p| p.note.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(notes(&a), notes(&b));
        assert_ne!(notes(&a), notes(&c));
        assert_ne!(a.version, c.version);
        // The real passages come first, unchanged.
        for (x, y) in real.passages.iter().zip(&a.passages) {
            assert_eq!(x.id, y.id);
            assert_eq!(x.note, y.note);
        }
        // Synthetic passages have unique ids, real vocabulary, and no aliases.
        let ids: std::collections::HashSet<_> = a.passages.iter().map(|p| &p.id).collect();
        assert_eq!(ids.len(), 50);
        let vocab: std::collections::HashSet<&str> = real
            .passages
            .iter()
            .flat_map(|p| p.note.split_whitespace())
            .collect();
        for p in &a.passages[3..] {
            assert!(p.aliases.is_empty());
            assert!(
                p.note.split_whitespace().all(|w| vocab.contains(w)),
                "{}",
                p.note
            );
            assert!(a.passage(&p.id).is_some());
        }
        assert_eq!(synthesize(&real, 2, 7).passages.len(), 3);
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = SplitMix64::new(1);
        for n in [1, 2, 3, 435, 1_000_000] {
            for _ in 0..1000 {
                assert!(r.below(n) < n);
            }
        }
    }
}
