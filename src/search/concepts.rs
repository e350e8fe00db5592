//! Glossary- and claims-aware ranking. The glossary names the terms people use ("double tap",
//! "hors de combat", "NIAC") and grounds each in passages; the claims file lists what people
//! say in chat ("the cartels attacked us") with the passages that support and counter it. A
//! question that names a term, or says a claim in near enough the same words, lifts those
//! passages: they join the query as extra clauses with a fixed score, so they compete with the
//! text matches instead of replacing them.

use crate::corpus::Corpus;
use std::collections::{HashMap, HashSet};
use tantivy::tokenizer::TextAnalyzer;

/// One way of naming a glossary term, analyzed.
#[derive(Debug)]
struct Name {
    tokens: Vec<String>,
    term: usize,
}

/// One phrasing of a claim, analyzed.
#[derive(Debug)]
struct Phrasing {
    tokens: HashSet<String>,
    claim: usize,
}

/// The passages a concept lifts, in the order the corpus lists them.
#[derive(Debug)]
struct Target {
    passages: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Concepts {
    names: Vec<Name>,
    /// Names by their first word, so a question only checks the names its words start.
    names_by_first: HashMap<String, Vec<usize>>,
    terms: Vec<Target>,
    phrasings: Vec<Phrasing>,
    /// Phrasings by each of their words, to count shared words without a scan.
    phrasings_by_word: HashMap<String, Vec<usize>>,
    claims: Vec<Target>,
}

/// Score added to a passage grounded in a glossary term the question names.
pub const TERM_BOOST: f32 = 3.0;
/// Score added to a passage of a claim the question states (times how much of it is stated).
pub const CLAIM_BOOST: f32 = 6.0;
/// A claim counts as stated when this share of its words is in the question.
pub const CLAIM_COVERAGE: f32 = 0.6;
/// Each further passage a concept lists gets this much of the one before (the files list the
/// most direct passage first: the law, then officials, then reporting, then analysis).
pub const RANK_DECAY: f32 = 0.9;

impl Concepts {
    pub fn from_corpus(corpus: &Corpus, analyzer: &mut TextAnalyzer) -> Concepts {
        let mut c = Concepts::default();
        for (i, term) in corpus.terms.iter().enumerate() {
            let mut seen = HashSet::new();
            for name in term.names() {
                let tokens = analyze(analyzer, &name);
                if !tokens.is_empty() && seen.insert(tokens.clone()) {
                    c.names_by_first
                        .entry(tokens[0].clone())
                        .or_default()
                        .push(c.names.len());
                    c.names.push(Name { tokens, term: i });
                }
            }
            c.terms.push(Target {
                passages: term.passages.clone(),
            });
        }
        for (i, claim) in corpus.claims.iter().enumerate() {
            for text in claim.wordings() {
                let tokens: HashSet<String> = analyze(analyzer, text).into_iter().collect();
                if tokens.len() >= 2 {
                    for token in &tokens {
                        c.phrasings_by_word
                            .entry(token.clone())
                            .or_default()
                            .push(c.phrasings.len());
                    }
                    c.phrasings.push(Phrasing { tokens, claim: i });
                }
            }
            c.claims.push(Target {
                passages: claim
                    .cited_passages()
                    .into_iter()
                    .map(String::from)
                    .collect(),
            });
        }
        c
    }

    /// The passages to lift for a question given as its analyzed words in order, with the
    /// score each gets (the highest when several concepts name the same passage).
    pub fn boosts(&self, words: &[String]) -> Vec<(String, f32)> {
        let mut out: HashMap<&'_ str, f32> = HashMap::new();
        fn lift<'a>(out: &mut HashMap<&'a str, f32>, target: &'a Target, score: f32) {
            for (rank, id) in target.passages.iter().enumerate() {
                let s = score * RANK_DECAY.powi(rank as i32);
                let e = out.entry(id.as_str()).or_insert(0.0);
                *e = e.max(s);
            }
        }
        let mut named = HashSet::new();
        for (at, word) in words.iter().enumerate() {
            for &n in self.names_by_first.get(word).into_iter().flatten() {
                let name = &self.names[n];
                if !named.contains(&name.term) && words[at..].starts_with(&name.tokens) {
                    named.insert(name.term);
                    lift(&mut out, &self.terms[name.term], TERM_BOOST);
                }
            }
        }
        let distinct: HashSet<&String> = words.iter().collect();
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in distinct {
            for &p in self.phrasings_by_word.get(word).into_iter().flatten() {
                *shared.entry(p).or_default() += 1;
            }
        }
        let mut best: HashMap<usize, f32> = HashMap::new();
        for (p, n) in shared {
            let phrasing = &self.phrasings[p];
            let coverage = n as f32 / phrasing.tokens.len() as f32;
            if n >= 2 && coverage >= CLAIM_COVERAGE {
                let e = best.entry(phrasing.claim).or_insert(0.0);
                *e = e.max(coverage);
            }
        }
        for (claim, coverage) in best {
            lift(&mut out, &self.claims[claim], CLAIM_BOOST * coverage);
        }
        let mut v: Vec<(String, f32)> = out.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }
}

/// The analyzed words of `text`, in order.
fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    super::schema::terms(analyzer, text)
        .into_iter()
        .map(|(_, word)| word)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Claim, Term};
    use crate::search::schema::analyzer;

    fn corpus() -> Corpus {
        let term = Term {
            id: "double-tap".into(),
            term: "double tap (follow-up strike)".into(),
            aliases: vec!["second strike".into()],
            definition: "A second strike on the same target.".into(),
            passages: vec!["p-law".into(), "p-news".into()],
            topics: vec![],
            see_also: vec![],
        };
        let claim = Claim {
            id: "armed-attack".into(),
            claim: "Drug smuggling is an armed attack on the United States".into(),
            variants: vec!["the cartels attacked us".into()],
            made_by: "someone".into(),
            made_in: Some("p-made".into()),
            supports: vec![],
            counters: vec!["p-counter".into()],
            review: "r".into(),
            topics: vec![],
        };
        Corpus::new(
            crate::corpus::Parts {
                terms: vec![term],
                claims: vec![claim],
                ..Default::default()
            },
            "v".into(),
        )
    }

    fn boosts(q: &str) -> Vec<(String, f32)> {
        let mut a = analyzer();
        let concepts = Concepts::from_corpus(&corpus(), &mut a);
        let words: Vec<String> = crate::search::schema::terms(&mut a, q)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        concepts.boosts(&words)
    }

    #[test]
    fn a_named_term_lifts_its_passages_in_order() {
        for q in [
            "whats a double tap",
            "was the follow-up strike legal",
            "Second strikes?",
        ] {
            let b = boosts(q);
            assert_eq!(b.len(), 2, "{q}: {b:?}");
            assert_eq!(b[0].0, "p-law");
            assert!(b[0].1 > b[1].1);
        }
        // Words of a name that are not next to each other do not name it.
        assert!(boosts("a double strike and a tap").is_empty());
        assert!(boosts("strike").is_empty());
    }

    #[test]
    fn a_stated_claim_lifts_where_it_is_made_and_countered() {
        let b = boosts("did the cartels attack us?");
        let ids: Vec<&str> = b.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["p-made", "p-counter"]);
        // One shared word is not the claim.
        assert!(boosts("us").is_empty());
        assert!(boosts("cartels").is_empty());
    }
}
