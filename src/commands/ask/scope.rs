//! Saying plainly when the corpus does not answer a question. An answer made of passages that
//! share one word with the question ("good pasta recipe" → a passage on Petro) is worse than
//! none: it looks like a source. So a question is answered only when it names something the
//! corpus knows (a glossary term, a person or body, a legal reference, a date it covers) or
//! when enough of its meaningful words — weighed by how rare each is in the corpus, so that an
//! unknown word counts heavily and "law" or "people" little — are words the corpus uses.

use super::super::{Command, Fathom, Reply, Suggestion};
use crate::search::schema::passage_text;
use crate::search::understand::{Intent, Understanding};
use crate::search::{Outcome, Relevance};

/// The share of a question's weighted vocabulary the corpus must cover for it to be answered
/// (when it names nothing the corpus knows). Set from the labelled questions of
/// `tests/eval/scope.toml`, with no in-scope question of the eval sets refused: see
/// BENCHMARKS.md ("Out of scope").
pub const MIN_COVERED: f32 = 0.5;
/// Below this share of vocabulary covered, one passage must hold `MIN_SPECIFIC` of the
/// question's weight: words the corpus knows only scattered across passages ("best boat for
/// fishing in florida") are not an answer.
pub const COVERED_ALONE: f32 = 0.65;
pub const MIN_SPECIFIC: f32 = 0.5;
/// A question one top passage holds all but a sliver of is in scope whatever else it says
/// ("what does france think about the strikes": France is in one passage, on the strikes).
pub const HELD_WHOLE: f32 = 0.9;
/// How many top-ranked passages are read for `MIN_SPECIFIC`.
const SPECIFIC_AMONG: usize = 5;

/// Whether a question's relevance says the corpus does not speak to it.
pub fn lacks_relevance(r: &Relevance) -> bool {
    let covered = r.covered();
    if r.best_passage >= HELD_WHOLE {
        return false;
    }
    r.known == 0
        || covered < MIN_COVERED
        || (covered < COVERED_ALONE && r.best_passage < MIN_SPECIFIC)
}

/// Questions the out-of-scope reply offers instead (each one the corpus answers: a test
/// checks).
pub const WHAT_IT_COVERS: &[&str] = &[
    "Is it legal to attack shipwrecked survivors?",
    "How many people have the boat strikes killed so far?",
    "Who is Adm. Frank Bradley?",
];

impl Fathom {
    /// Whether nothing in the corpus answers the question: it names nothing the corpus knows,
    /// is not a statement of a reviewed claim, and its words are either mostly unknown to the
    /// corpus or, when only somewhat known, held by no one top passage together.
    pub(super) fn out_of_scope(&self, question: &str, u: &Understanding, ranked: &Outcome) -> bool {
        let e = &u.entities;
        let names_something =
            !e.terms.is_empty() || !e.actors.is_empty() || !e.legal_refs.is_empty();
        let covered_date = e.dates.iter().any(|d| self.within_corpus(&d.from));
        if names_something || covered_date {
            return false;
        }
        if u.intent == Intent::Claim && self.match_claim(question).is_some() {
            return false;
        }
        let texts: Vec<String> = ranked
            .hits
            .iter()
            .take(SPECIFIC_AMONG)
            .filter_map(|h| self.corpus.passages.get(h.ordinal))
            .map(|p| passage_text(&self.corpus, p).joined())
            .collect();
        let r = self.search.relevance(question, &texts);
        lacks_relevance(&r)
    }

    /// Whether a date falls within the span of the corpus's events.
    fn within_corpus(&self, day: &str) -> bool {
        let first = self.corpus.events.iter().map(|e| e.date.as_str()).min();
        let last = self.corpus.current_to.as_deref();
        match (first, last) {
            (Some(f), Some(l)) => day >= f && day[..l.len().min(day.len())] <= *l,
            _ => false,
        }
    }

    /// The reply to a question the corpus does not answer: no passages, what fathom covers
    /// and questions it does answer. Logged with no hits, so statistics list it as a gap.
    pub(super) fn not_covered(&self, mut reply: Reply) -> Reply {
        reply.title = "No sourced answer".into();
        reply.out_of_scope = true;
        reply.intro = Some(format!(
            "Nothing in fathom's sources answers that. fathom covers the US strikes on alleged \
             drug boats since September 2025 and the law around them: the law of armed \
             conflict, the use of force, human rights, US war powers and criminal law{}.",
            self.corpus
                .current_to
                .as_deref()
                .map(|d| format!(" (sources to {d})"))
                .unwrap_or_default()
        ));
        reply.suggestions = WHAT_IT_COVERS
            .iter()
            .map(|q| Suggestion::Question(q.to_string()))
            .chain(std::iter::once(Suggestion::Command(Command::Topics)))
            .collect();
        reply
    }
}
