//! Matching a statement to a reviewed claim (`claims.toml`, and its Spanish wordings), with a
//! score a moderator can weigh and an eye for negation.
//!
//! The score is an F-measure of shared words, each weighed by how rare it is in the corpus
//! (idf): how much of the claim's wording the statement says, and how much of the statement is
//! the claim. "The UN approved the strikes" shares only "strikes" with "Congress voted to
//! authorise the boat strikes", a common word, so it scores low. A statement that negates the
//! claim ("Hegseth never ordered anything" against "Hegseth ordered them to kill everybody")
//! shares its words but not its sense: negations are counted, and an odd difference between the
//! statement and the wording marks it as the claim's opposite. A long message is matched
//! sentence by sentence, and its best sentence counts.

use crate::corpus::Corpus;
use tantivy::tokenizer::TextAnalyzer;

/// Words that negate what follows (English and Spanish; contractions as people type them).
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "cannot", "no one",
    "didnt", "didn't", "doesnt", "doesn't", "dont", "don't", "isnt", "isn't", "wasnt", "wasn't",
    "arent", "aren't", "werent", "weren't", "wont", "won't", "cant", "can't", "couldnt",
    "couldn't", "hasnt", "hasn't", "havent", "haven't", "hadnt", "hadn't", "aint", "ain't",
    "nunca", "nadie", "jamas", "ningun", "ninguno", "ninguna", "tampoco",
];

/// Words that call a statement false as a whole ("wapo made that up"): they make it the
/// opposite of what it says once, however many negations it also holds ("Hegseth never said
/// that, it's fake" denies one thing twice).
const FALSITY: &[&str] = &[
    "fake",
    "made up",
    "made that up",
    "made it up",
    "lie",
    "lies",
    "lied",
    "lying",
    "false",
    "myth",
    "hoax",
    "bs",
    "bullshit",
    "fabricated",
    "mentira",
    "falso",
    "invento",
    "inventaron",
];

/// Institutions a claim is about, as `synonyms::normalize` writes them: a statement about one
/// is not a claim about another ("the UN approved" is not "Congress approved").
const PARTIES: &[&str] = &[
    "congress",
    "un",
    "securitycouncil",
    "icc",
    "nato",
    "senate",
    "pentagon",
    "white house",
    "supreme court",
];

/// "no" + these is a thing said, not a negation ("no survivors" means "kill everybody").
const NO_PHRASES: &[&str] = &[
    "no survivors",
    "no quarter",
    "no witnesses",
    "no prisoners",
    "no one left",
    "no trial",
    "no due process",
    "no flag",
    "no country claims",
    "no nationality",
    "no rights",
    "no sobrevivientes",
    "no dejar sobrevivientes",
];

/// One way a claim is put, analyzed.
#[derive(Debug)]
struct Wording {
    claim: usize,
    tokens: Vec<String>,
    negated: bool,
}

/// The reviewed claim a statement says, how closely, and whether it says the opposite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matched {
    /// Position of the claim in `corpus.claims`.
    pub claim: usize,
    pub score: f32,
    pub opposite: bool,
    /// The share of the statement's weight the claim's wordings account for: low when the
    /// statement says something the claim does not ("congress gave the pilots medals").
    pub explained: f32,
}

#[derive(Debug, Default)]
pub struct ClaimMatcher {
    wordings: Vec<Wording>,
    /// Per claim, every word of all its wordings: what a statement of it may say.
    vocabulary: Vec<std::collections::HashSet<String>>,
    /// Per claim, the people and bodies its wordings name (actor ids).
    actors: Vec<std::collections::HashSet<String>>,
    /// The weight (idf) of every word of every wording, worked out once.
    weights: std::collections::HashMap<String, f32>,
}

impl ClaimMatcher {
    /// The wordings of every claim, with the weight `weight` gives each of their words.
    pub fn new(
        corpus: &Corpus,
        analyzer: &mut TextAnalyzer,
        weight: &dyn Fn(&str) -> f32,
        actors_named: &dyn Fn(&str) -> Vec<String>,
    ) -> ClaimMatcher {
        let mut wordings = Vec::new();
        let mut actors = vec![std::collections::HashSet::new(); corpus.claims.len()];
        for (i, claim) in corpus.claims.iter().enumerate() {
            let spanish = corpus.spanish.claims.get(&claim.id);
            let texts = claim.wordings().chain(spanish.into_iter().flatten());
            // A wording of two statements ("…; interdiction doesn't work") is two wordings.
            for text in texts.flat_map(|t| t.split(';')) {
                actors[i].extend(actors_named(text));
                actors[i].extend(parties(text));
                let tokens = tokens(analyzer, text);
                if !tokens.is_empty() {
                    wordings.push(Wording {
                        claim: i,
                        tokens,
                        negated: negated(text),
                    });
                }
            }
        }
        let weights = wordings
            .iter()
            .flat_map(|w: &Wording| w.tokens.iter())
            .map(|t| (t.clone(), weight(t).powi(2)))
            .collect();
        let mut vocabulary = vec![std::collections::HashSet::new(); corpus.claims.len()];
        for w in &wordings {
            vocabulary[w.claim].extend(w.tokens.iter().cloned());
        }
        ClaimMatcher {
            wordings,
            vocabulary,
            actors,
            weights,
        }
    }

    /// Whether a statement that names `named` (actor ids) can be saying claim `claim`: unless
    /// both name people or bodies and none in common ("the UN approved the strikes" is not
    /// "Congress voted to authorise the strikes").
    pub fn about_them(&self, claim: usize, named: &[String], text: &str) -> bool {
        let theirs = &self.actors[claim];
        let mut named: Vec<String> = named.to_vec();
        named.extend(parties(text));
        named.is_empty() || theirs.is_empty() || named.iter().any(|a| theirs.contains(a))
    }

    /// A word's weight: known from the wordings, or from `weight`.
    fn weight_of(&self, token: &str, weight: &dyn Fn(&str) -> f32) -> f32 {
        self.weights
            .get(token)
            .copied()
            .unwrap_or_else(|| weight(token).powi(2))
    }

    /// The best-matching claim for `text`, whatever its score; `weight` gives a word's idf.
    pub fn best(
        &self,
        text: &str,
        analyzer: &mut TextAnalyzer,
        weight: &dyn Fn(&str) -> f32,
    ) -> Option<Matched> {
        self.each(text, analyzer, weight)
            .into_iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }

    /// Every claim `text` shares words with, each with its best wording's score.
    pub fn each(
        &self,
        text: &str,
        analyzer: &mut TextAnalyzer,
        weight: &dyn Fn(&str) -> f32,
    ) -> Vec<Matched> {
        let mut best: Vec<Matched> = Vec::new();
        for sentence in sentences(text) {
            let said = tokens(analyzer, sentence);
            if said.is_empty() {
                continue;
            }
            let denied = negated(sentence);
            let said_weight: f32 = said.iter().map(|t| self.weight_of(t, weight)).sum();
            for w in &self.wordings {
                let shared: f32 = w
                    .tokens
                    .iter()
                    .filter(|t| said.contains(t))
                    .map(|t| self.weights.get(t.as_str()).copied().unwrap_or(1.0))
                    .sum::<f32>();
                if shared == 0.0 {
                    continue;
                }
                let wording_weight: f32 = w
                    .tokens
                    .iter()
                    .map(|t| self.weights.get(t.as_str()).copied().unwrap_or(1.0))
                    .sum();
                // Precision over all the claim's wordings (a statement may mix two of them);
                // recall over this one.
                let explained: f32 = said
                    .iter()
                    .filter(|t| self.vocabulary[w.claim].contains(*t))
                    .map(|t| self.weight_of(t, weight))
                    .sum();
                let (p, r) = (explained / said_weight, shared / wording_weight);
                let score = 2.0 * p * r / (p + r);
                let matched = Matched {
                    claim: w.claim,
                    score,
                    explained: p,
                    opposite: denied != w.negated,
                };
                match best.iter_mut().find(|b| b.claim == w.claim) {
                    Some(b) if score > b.score => *b = matched,
                    Some(_) => {}
                    None => best.push(matched),
                }
            }
        }
        best
    }
}

/// The institutions (`PARTIES`) a text names.
fn parties(text: &str) -> Vec<String> {
    let said = format!(" {} ", super::synonyms::normalize(text));
    PARTIES
        .iter()
        .filter(|p| said.contains(&format!(" {p} ")))
        .map(|p| p.to_string())
        .collect()
}

/// The distinct analyzed words of a text, without its negations (counted apart).
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let said: String = super::synonyms::normalize(&super::legal_refs::expand(text))
        .split(' ')
        .filter(|w| !super::scope::is_filler(w))
        .collect::<Vec<_>>()
        .join(" ");
    for (_, t) in super::schema::terms(analyzer, &said) {
        if !out.contains(&t) && !NEGATIONS.contains(&t.as_str()) && !FALSITY.contains(&t.as_str()) {
            out.push(t);
        }
    }
    out
}

/// Whether a text denies what it says: an odd number of negations (outside the "no X" phrases
/// that are things said), or words that call it false (see `FALSITY`).
fn negated(text: &str) -> bool {
    let mut folded = format!(
        " {} ",
        crate::corpus::fold(&text.to_lowercase())
            .replace(['.', ',', '!', '?', ';', ':', '"'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    for phrase in NO_PHRASES {
        folded = folded.replace(&format!(" {phrase} "), " ");
    }
    let count = |words: &[&str]| -> usize {
        words
            .iter()
            .map(|n| folded.matches(&format!(" {n} ")).count())
            .sum()
    };
    count(NEGATIONS) % 2 == 1 || count(FALSITY) > 0
}

/// The sentences of a message, and the message whole (a claim may span two sentences).
fn sentences(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split(['.', '!', '?', '\n', ';'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 2)
        .take(40)
        .collect();
    if out.len() != 1 {
        out.push(text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negations_are_counted_but_not_things_said() {
        assert!(!negated("Hegseth ordered them to kill everybody"));
        assert!(negated(
            "hegseth never said to kill everyone, wapo made that up"
        ));
        assert!(!negated("hegseth told them no survivors"));
        assert!(!negated("Nobody was killed who wasn't a trafficker"));
        assert!(negated("el congreso nunca autorizo esto"));
        assert!(negated("he didn't"));
    }

    #[test]
    fn a_message_is_read_sentence_by_sentence() {
        assert_eq!(
            sentences("one two. three four"),
            ["one two", "three four", "one two. three four"]
        );
        assert_eq!(sentences("just one claim here"), ["just one claim here"]);
    }
}
