//! Typo tolerance. The vocabulary is every word of the corpus as written (lowercased, accents
//! folded). A query word of 5+ letters that the corpus does not contain is corrected to the
//! closest corpus word within 1 edit (2 edits for 9+ letters), the more frequent word winning
//! ties, so fathom can say "showing results for *proportionality*".

use crate::corpus::Corpus;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One corrected word of a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Default)]
pub struct Vocabulary {
    counts: HashMap<String, u32>,
    /// Words bucketed by length, for a quick scan of the candidates of one length band.
    by_len: HashMap<usize, Vec<Entry>>,
}

/// A vocabulary word with the set of characters it uses: one edit changes that set by at most
/// two characters, so most candidates are ruled out without computing a distance.
#[derive(Debug)]
struct Entry {
    word: String,
    letters: u64,
}

/// The characters of `word` as a bit set (a-z, 0-9, and one bit for anything else).
fn letters(word: &str) -> u64 {
    word.chars().fold(0u64, |set, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32),
            _ => 63,
        };
        set | (1u64 << bit)
    })
}

impl Vocabulary {
    pub fn from_corpus(corpus: &Corpus) -> Vocabulary {
        let mut vocab = Vocabulary::default();
        for p in &corpus.passages {
            vocab.add_text(&p.note);
            vocab.add_text(&p.locator);
            p.quote.iter().for_each(|q| vocab.add_text(q));
            p.aliases.iter().for_each(|a| vocab.add_text(a));
        }
        for s in &corpus.sources {
            vocab.add_text(&s.title);
            s.short.iter().for_each(|t| vocab.add_text(t));
            s.aliases.iter().for_each(|a| vocab.add_text(a));
            s.author.iter().for_each(|a| vocab.add_text(a));
            s.publisher.iter().for_each(|a| vocab.add_text(a));
        }
        for t in &corpus.terms {
            vocab.add_text(&t.term);
            t.aliases.iter().for_each(|a| vocab.add_text(a));
            vocab.add_text(&t.definition);
        }
        for t in &corpus.topics {
            vocab.add_text(&t.label);
        }
        vocab.index();
        vocab
    }

    /// Buckets the words by length (after all are added).
    fn index(&mut self) {
        self.by_len.clear();
        for word in self.counts.keys() {
            self.by_len
                .entry(word.chars().count())
                .or_default()
                .push(Entry {
                    word: word.clone(),
                    letters: letters(word),
                });
        }
    }

    fn add_text(&mut self, text: &str) {
        for word in words(text) {
            *self.counts.entry(word).or_default() += 1;
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The correction for one word, if it is long enough, unknown, and close to a known word.
    pub fn correct(&self, word: &str) -> Option<String> {
        let len = word.chars().count();
        if len < 5
            || self.contains(word)
            || !word.chars().all(|c| c.is_alphabetic())
            || super::schema::is_stop_word(word)
        {
            return None;
        }
        let max = if len >= 9 { 2 } else { 1 };
        let word_letters = letters(word);
        let mut best: Option<(usize, u32, &str)> = None;
        for candidate_len in len.saturating_sub(max)..=len + max {
            for entry in self.by_len.get(&candidate_len).into_iter().flatten() {
                if (entry.letters ^ word_letters).count_ones() as usize > 2 * max {
                    continue;
                }
                let candidate = &entry.word;
                let Some(d) = edit_distance(word, candidate, max) else {
                    continue;
                };
                let count = self.counts.get(candidate).copied().unwrap_or(0);
                let better = match best {
                    None => true,
                    Some((bd, bc, bw)) => {
                        (d, std::cmp::Reverse(count), candidate.as_str())
                            < (bd, std::cmp::Reverse(bc), bw)
                    }
                };
                if better {
                    best = Some((d, count, candidate));
                }
            }
        }
        best.map(|(_, _, w)| w.to_string())
    }

    /// Corrects every correctable word of `query`; returns the corrected query and what changed.
    pub fn correct_query(&self, query: &str) -> (String, Vec<Correction>) {
        let mut corrections = Vec::new();
        let mut out = String::with_capacity(query.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String, corrections: &mut Vec<Correction>| {
            if word.is_empty() {
                return;
            }
            let folded = fold(word);
            match self.correct(&folded) {
                Some(to) => {
                    corrections.push(Correction {
                        from: word.clone(),
                        to: to.clone(),
                    });
                    out.push_str(&to);
                }
                None => out.push_str(word),
            }
            word.clear();
        };
        for c in query.chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut out, &mut corrections);
                out.push(c);
            }
        }
        flush(&mut word, &mut out, &mut corrections);
        corrections.dedup();
        (out, corrections)
    }
}

/// The words of a text, lowercased and with common accents folded.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(fold)
}

pub fn fold(word: &str) -> String {
    crate::corpus::fold(word)
}

/// Optimal-string-alignment distance (a transposition counts as one edit), or `None` when it
/// exceeds `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(
            edit_distance("proportionality", "proportionality", 2),
            Some(0)
        );
        assert_eq!(
            edit_distance("propotionality", "proportionality", 2),
            Some(1)
        );
        assert_eq!(edit_distance("hegsteh", "hegseth", 1), Some(1));
        assert_eq!(edit_distance("abc", "xyz", 1), None);
    }

    #[test]
    fn corrects_only_long_unknown_words() {
        let mut v = Vocabulary::default();
        v.add_text("proportionality shipwrecked survivors hegseth");
        v.index();
        assert_eq!(
            v.correct("propotionality").as_deref(),
            Some("proportionality")
        );
        assert_eq!(v.correct("shipwreked").as_deref(), Some("shipwrecked"));
        assert_eq!(v.correct("survivors"), None);
        assert_eq!(v.correct("surv"), None);
        let (q, c) = v.correct_query("Hegsteh and the survivers?");
        assert_eq!(q, "hegseth and the survivors?");
        assert_eq!(c.len(), 2);
        // Stop words are never corrected, however close to a corpus word.
        v.add_text("thats");
        v.index();
        assert_eq!(v.correct("theres"), None);
    }
}
