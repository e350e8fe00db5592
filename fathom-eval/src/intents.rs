//! The intent eval: questions labelled by what they ask for (`tests/eval/intents.toml`, and its
//! Spanish sibling), each scored by what a good answer to that kind of question must hold:
//!
//! - legality: a law passage in the first 3 (law@3) and both the administration's position and
//!   its critics' in the first 5 (both-sides@5);
//! - count: the first passage is a running figure from the newest month of figures (latest@1);
//! - definition and person: the right card first (card@1);
//! - event: one of the events of that date in the first 3 (event@3);
//! - off-topic: no passages (precision and recall of refusing, with every in-scope question of
//!   the set, and of `questions.toml`, counting against wrongful refusals);
//! - claim: `rebut` matches the reviewed claim (or says none matches), and says when the
//!   statement is its opposite (claim accuracy).
//!
//! fathom is measured through `ask` and `rebut` as users get them; the FTS5 baseline, where a
//! measure applies to a plain ranking (law@3, both-sides@5, latest@1, refusing), on its top 5.

use crate::EvalError;
use crate::fts5::{Fts5Index, Fts5Ranker};
use crate::metrics::Ranker;
use fathom::commands::{Card, Fathom, Reply};
use fathom::corpus::{Corpus, Side, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One labelled question.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub q: String,
    pub intent: String,
    pub term: Option<String>,
    pub actor: Option<String>,
    #[serde(default)]
    pub events: Vec<String>,
    pub claim: Option<String>,
    #[serde(default)]
    pub opposite: bool,
}

#[derive(Deserialize)]
struct File {
    question: Vec<Labelled>,
}

/// Reads a labelled set.
pub fn load(path: &Path) -> Result<Vec<Labelled>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let file: File = toml::from_str(&text).map_err(|e| EvalError::Parse {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(file.question)
}

/// A measure over the questions it applies to: how many passed, of how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub passed: usize,
    pub of: usize,
}

impl Score {
    fn add(&mut self, passed: bool) {
        self.of += 1;
        self.passed += usize::from(passed);
    }

    pub fn rate(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.passed as f64 / self.of as f64
        }
    }
}

/// One engine's intent scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IntentReport {
    pub engine: String,
    /// The intent `ask` recognised, against the label (fathom only).
    pub intent_accuracy: Score,
    #[serde(rename = "law@3")]
    pub law_at_3: Score,
    #[serde(rename = "both_sides@5")]
    pub both_sides_at_5: Score,
    #[serde(rename = "latest@1")]
    pub latest_at_1: Score,
    #[serde(rename = "card@1")]
    pub card_at_1: Score,
    #[serde(rename = "event@3")]
    pub event_at_3: Score,
    /// Off-topic questions refused (recall), and refusals that were off-topic (precision).
    pub off_topic_recall: Score,
    pub off_topic_precision: Score,
    /// In-scope questions refused (must be none).
    pub wrongly_refused: Vec<String>,
    pub claim_accuracy: Score,
    /// What went wrong, question by question (fathom only).
    pub failures: Vec<String>,
}

/// Runs the labelled questions through fathom. `in_scope` are more in-scope questions (the
/// general eval set) that must not be refused.
pub fn evaluate_fathom(
    fathom: &Fathom,
    questions: &[Labelled],
    in_scope: &[String],
) -> IntentReport {
    let mut r = IntentReport {
        engine: "fathom".into(),
        ..IntentReport::default()
    };
    let newest = newest_figure(&fathom.corpus);
    for q in questions {
        if q.intent == "claim" {
            score_claim(fathom, q, &mut r);
            continue;
        }
        let reply = fathom.ask_reply(&q.q, 5, 0);
        let recognised = reply.understanding.as_ref().map(|u| u.intent.as_str());
        let off_topic = q.intent == "off-topic";
        if !off_topic {
            let ok = recognised == Some(q.intent.as_str());
            r.intent_accuracy.add(ok);
            if !ok {
                r.failures.push(format!(
                    "intent {:?} for {:?} ({})",
                    recognised, q.q, q.intent
                ));
            }
        }
        score_answer(&fathom.corpus, q, &reply, newest.as_deref(), &mut r);
    }
    for q in in_scope {
        let reply = fathom.ask_reply(q, 3, 0);
        if reply.out_of_scope {
            r.wrongly_refused.push(q.clone());
            r.off_topic_precision.add(false);
        }
    }
    r
}

/// The measures that apply to a plain ranking, for the FTS5 baseline (its top 5).
pub fn evaluate_fts5(corpus: &Corpus, index: &Fts5Index, questions: &[Labelled]) -> IntentReport {
    let ranker = Fts5Ranker { index, corpus };
    let mut r = IntentReport {
        engine: "fts5".into(),
        ..IntentReport::default()
    };
    let newest = newest_figure(corpus);
    for q in questions.iter().filter(|q| q.intent != "claim") {
        let ids = ranker.rank(&q.q, 5).unwrap_or_default();
        let mut reply = Reply::new(fathom::commands::Command::Ask, "", &corpus.version);
        let highlight = |t: &str| fathom::search::Highlighted::plain(t);
        reply.items = ids
            .iter()
            .filter_map(|id| corpus.passage(id))
            .map(|p| fathom::commands::Item::from_passage(corpus, p, highlight, None))
            .collect();
        reply.out_of_scope = reply.items.is_empty();
        let mut scored = q.clone();
        // A plain ranking has no cards and no timeline.
        scored.term = None;
        scored.actor = None;
        scored.events.clear();
        score_answer(corpus, &scored, &reply, newest.as_deref(), &mut r);
    }
    r.failures.clear();
    r
}

/// Scores one answer by its question's intent.
fn score_answer(
    corpus: &Corpus,
    q: &Labelled,
    reply: &Reply,
    newest: Option<&str>,
    r: &mut IntentReport,
) {
    let fail = |r: &mut IntentReport, what: &str| {
        r.failures
            .push(format!("{what}: {:?} → {:?}", q.q, reply.passage_ids()));
    };
    match q.intent.as_str() {
        "off-topic" => {
            r.off_topic_recall.add(reply.out_of_scope);
            if reply.out_of_scope {
                r.off_topic_precision.add(true);
            } else {
                fail(r, "not refused");
            }
        }
        _ if reply.out_of_scope => {
            r.wrongly_refused.push(q.q.clone());
            r.off_topic_precision.add(false);
        }
        "legality" => {
            let law = reply.items.iter().take(3).any(|i| i.status == Status::Law);
            let sides = |s: Side| reply.items.iter().take(5).any(|i| i.side == Some(s));
            let both = sides(Side::Administration) && sides(Side::Critics);
            r.law_at_3.add(law);
            r.both_sides_at_5.add(both);
            if !law || !both {
                fail(r, &format!("legality law={law} both={both}"));
            }
        }
        "count" => {
            let first = reply.items.first().and_then(|i| i.as_of.as_deref());
            let ok = matches!((first, newest), (Some(f), Some(n)) if within_a_month(f, n));
            r.latest_at_1.add(ok);
            if !ok {
                fail(r, "count not latest");
            }
        }
        "definition" | "person" => {
            let want = q.term.as_deref().or(q.actor.as_deref());
            let ok = match (&reply.card, want) {
                (Some(Card::Term(t)), Some(w)) => t.id == w,
                (Some(Card::Actor(a)), Some(w)) => a.id == w,
                (_, None) => return,
                _ => false,
            };
            r.card_at_1.add(ok);
            if !ok {
                let got = reply.card.as_ref().map(|c| c.id().to_string());
                r.failures
                    .push(format!("card {got:?} for {:?} (want {want:?})", q.q));
            }
        }
        "event" if !q.events.is_empty() => {
            let ok = reply
                .items
                .iter()
                .take(3)
                .any(|i| i.event_id.as_ref().is_some_and(|e| q.events.contains(e)));
            r.event_at_3.add(ok);
            if !ok {
                let got: Vec<_> = reply
                    .items
                    .iter()
                    .take(3)
                    .map(|i| i.event_id.clone())
                    .collect();
                r.failures.push(format!("events {got:?} for {:?}", q.q));
            }
        }
        _ => {}
    }
    let _ = corpus;
}

/// Scores `rebut` on a statement: the reviewed claim it matched (or none), and whether it saw
/// the statement as the claim's opposite.
fn score_claim(fathom: &Fathom, q: &Labelled, r: &mut IntentReport) {
    let reply = fathom.rebut_reply(&q.q);
    let got = reply.claim_match.as_ref();
    let want = q.claim.as_deref().filter(|c| *c != "none");
    let ok = match (got, want) {
        (None, None) => true,
        (Some(m), Some(w)) => m.claim_id == w && m.opposite == q.opposite,
        _ => false,
    };
    r.claim_accuracy.add(ok);
    if !ok {
        let got = got.map(|m| format!("{} opposite={} {:.2}", m.claim_id, m.opposite, m.score));
        r.failures.push(format!(
            "claim {got:?} for {:?} (want {want:?} opposite={})",
            q.q, q.opposite
        ));
    }
}

/// The newest `as_of` of any running figure in the corpus.
fn newest_figure(corpus: &Corpus) -> Option<String> {
    corpus.passages.iter().filter_map(|p| p.as_of.clone()).max()
}

/// Whether `date` is within 31 days before `newest` (ISO dates).
fn within_a_month(date: &str, newest: &str) -> bool {
    let parse = |d: &str| chrono::NaiveDate::parse_from_str(&d[..d.len().min(10)], "%Y-%m-%d").ok();
    match (parse(date), parse(newest)) {
        (Some(d), Some(n)) => (n - d).num_days() <= 31,
        _ => date >= newest,
    }
}

/// The report as text.
/// One measure of the report, read from it.
type Measure = fn(&IntentReport) -> Score;

pub fn render_text(reports: &[IntentReport], path: &str, questions: usize) -> String {
    let mut out = format!("fathom intents: {questions} labelled questions ({path})\n\n");
    out.push_str(&format!("{:<22}", "measure"));
    for r in reports {
        out.push_str(&format!("{:>14}", r.engine));
    }
    out.push('\n');
    let rows: [(&str, Measure); 9] = [
        ("intent accuracy", |r| r.intent_accuracy),
        ("law@3 (legality)", |r| r.law_at_3),
        ("both-sides@5", |r| r.both_sides_at_5),
        ("latest@1 (count)", |r| r.latest_at_1),
        ("card@1 (def/person)", |r| r.card_at_1),
        ("event@3", |r| r.event_at_3),
        ("off-topic recall", |r| r.off_topic_recall),
        ("off-topic precision", |r| r.off_topic_precision),
        ("claim accuracy", |r| r.claim_accuracy),
    ];
    for (name, get) in rows {
        out.push_str(&format!("{name:<22}"));
        for r in reports {
            let s = get(r);
            if s.of == 0 {
                out.push_str(&format!("{:>14}", "-"));
            } else {
                out.push_str(&format!("{:>8.3} {:>2}/{:<2}", s.rate(), s.passed, s.of));
            }
        }
        out.push('\n');
    }
    let mut by_kind: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for r in reports.iter().filter(|r| r.engine == "fathom") {
        for f in &r.failures {
            by_kind
                .entry(f.split(' ').next().unwrap_or(""))
                .or_default()
                .push(f);
        }
        if !r.wrongly_refused.is_empty() {
            out.push_str(&format!(
                "\nwrongly refused ({}):\n",
                r.wrongly_refused.len()
            ));
            for q in &r.wrongly_refused {
                out.push_str(&format!("  {q}\n"));
            }
        }
    }
    if !by_kind.is_empty() {
        out.push_str("\nfailures:\n");
        for (_, fs) in by_kind {
            for f in fs {
                out.push_str(&format!("  {f}\n"));
            }
        }
    }
    out
}
