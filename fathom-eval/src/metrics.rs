//! Scoring engines on the question set. For each question an engine returns its top 10 passage
//! ids; a question counts for recall@k when any expected id is among the first k, and adds
//! 1/rank of the first expected id within the top 10 to the MRR@10 sum. A miss is a question
//! with no expected id in the top 3 (what a chat answer shows by default).

use crate::EvalError;
use crate::questions::QuestionSet;
use fathom::commands::Fathom;
use serde::Serialize;
use std::collections::BTreeMap;

/// How deep MRR looks, and so how many ids an engine is asked for.
pub const MRR_DEPTH: usize = 10;
/// A question whose expected passages are all past this rank is a miss.
pub const MISS_DEPTH: usize = 3;

/// Something that ranks passages for a question.
pub trait Ranker {
    /// The engine's name in reports (`fathom`, `fts5`).
    fn name(&self) -> &'static str;
    /// The ids of the best `k` passages for `question`, best first.
    fn rank(&self, question: &str, k: usize) -> Result<Vec<String>, EvalError>;
}

/// fathom, measured exactly as `ask` answers (the commands layer, without logging).
impl Ranker for Fathom {
    fn name(&self) -> &'static str {
        "fathom"
    }

    fn rank(&self, question: &str, k: usize) -> Result<Vec<String>, EvalError> {
        Ok(self.ask_reply(question, k, 0).passage_ids())
    }
}

/// A question the engine did not answer in its top 3.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub question: String,
    pub expected: Vec<String>,
    /// The engine's top 3.
    pub got: Vec<String>,
}

/// One engine's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngineReport {
    pub engine: String,
    #[serde(rename = "recall@1")]
    pub recall_at_1: f64,
    #[serde(rename = "recall@3")]
    pub recall_at_3: f64,
    #[serde(rename = "mrr@10")]
    pub mrr_at_10: f64,
    pub misses: Vec<Miss>,
    /// recall@3 per area: (hits, questions). Shown in the text report only.
    #[serde(skip)]
    pub areas: BTreeMap<String, (usize, usize)>,
    /// The rank (1-based) of the first expected passage for each question, if in the top 10.
    #[serde(skip)]
    pub ranks: Vec<Option<usize>>,
}

/// The whole eval: `{"questions": N, "engines": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    pub questions: usize,
    pub engines: Vec<EngineReport>,
}

impl EvalReport {
    pub fn engine(&self, name: &str) -> Option<&EngineReport> {
        self.engines.iter().find(|e| e.engine == name)
    }
}

/// Runs every question of `set` through `engine`.
pub fn evaluate(engine: &dyn Ranker, set: &QuestionSet) -> Result<EngineReport, EvalError> {
    let mut ranks = Vec::with_capacity(set.len());
    let mut misses = Vec::new();
    let mut areas: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for question in &set.questions {
        let got = engine.rank(&question.q, MRR_DEPTH)?;
        let rank = first_rank(&got, &question.expect);
        let area = areas.entry(question.area.clone()).or_default();
        area.1 += 1;
        if rank.is_some_and(|r| r <= MISS_DEPTH) {
            area.0 += 1;
        } else {
            misses.push(Miss {
                question: question.q.clone(),
                expected: question.expect.clone(),
                got: got.iter().take(MISS_DEPTH).cloned().collect(),
            });
        }
        ranks.push(rank);
    }
    Ok(EngineReport {
        engine: engine.name().to_string(),
        recall_at_1: recall_at(&ranks, 1),
        recall_at_3: recall_at(&ranks, 3),
        mrr_at_10: mrr(&ranks, MRR_DEPTH),
        misses,
        areas,
        ranks,
    })
}

/// The 1-based rank of the first of `got` that is in `expected`.
pub fn first_rank(got: &[String], expected: &[String]) -> Option<usize> {
    got.iter()
        .position(|id| expected.iter().any(|e| e == id))
        .map(|i| i + 1)
}

/// The share of questions answered within the first `k`.
pub fn recall_at(ranks: &[Option<usize>], k: usize) -> f64 {
    if ranks.is_empty() {
        return 0.0;
    }
    let hits = ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count();
    hits as f64 / ranks.len() as f64
}

/// Mean reciprocal rank, counting ranks up to `depth`.
pub fn mrr(ranks: &[Option<usize>], depth: usize) -> f64 {
    if ranks.is_empty() {
        return 0.0;
    }
    let sum: f64 = ranks
        .iter()
        .filter_map(|r| r.filter(|&r| r <= depth))
        .map(|r| 1.0 / r as f64)
        .sum();
    sum / ranks.len() as f64
}

/// The report as terminal text: the metrics side by side, recall@3 per area, then the misses.
pub fn render_text(report: &EvalReport, questions_path: &str) -> String {
    let mut out = format!(
        "fathom eval: {} questions ({questions_path})\n\n",
        report.questions
    );
    let names: Vec<&str> = report.engines.iter().map(|e| e.engine.as_str()).collect();
    out.push_str(&format!("{:<10}", "metric"));
    for name in &names {
        out.push_str(&format!("{name:>10}"));
    }
    out.push('\n');
    for (row, label) in ["recall@1", "recall@3", "mrr@10"].into_iter().enumerate() {
        out.push_str(&format!("{label:<10}"));
        for engine in &report.engines {
            let value = [engine.recall_at_1, engine.recall_at_3, engine.mrr_at_10][row];
            out.push_str(&format!("{value:>10.3}"));
        }
        out.push('\n');
    }
    if let Some(first) = report.engines.first() {
        out.push_str("\nrecall@3 by area");
        for name in &names {
            out.push_str(&format!(" | {name}"));
        }
        out.push('\n');
        for area in first.areas.keys() {
            out.push_str(&format!("  {area:<28}"));
            for engine in &report.engines {
                let (hits, n) = engine.areas.get(area).copied().unwrap_or((0, 0));
                out.push_str(&format!(" {hits:>3}/{n:<3}"));
            }
            out.push('\n');
        }
    }
    for engine in &report.engines {
        out.push_str(&format!(
            "\nmisses of {} ({}; no expected passage in the top {MISS_DEPTH}):\n",
            engine.engine,
            engine.misses.len()
        ));
        for miss in &engine.misses {
            let got = if miss.got.is_empty() {
                "nothing".to_string()
            } else {
                miss.got.join(", ")
            };
            out.push_str(&format!(
                "  {:?}\n      expected {}\n      got      {got}\n",
                miss.question,
                miss.expected.join(" | ")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ranks_and_scores() {
        assert_eq!(
            first_rank(&ids(&["a", "b", "c"]), &ids(&["c", "b"])),
            Some(2)
        );
        assert_eq!(first_rank(&ids(&["a"]), &ids(&["z"])), None);
        let ranks = [Some(1), Some(3), None, Some(10), Some(2)];
        assert!((recall_at(&ranks, 1) - 0.2).abs() < 1e-9);
        assert!((recall_at(&ranks, 3) - 0.6).abs() < 1e-9);
        let expected_mrr = (1.0 + 1.0 / 3.0 + 0.1 + 0.5) / 5.0;
        assert!((mrr(&ranks, 10) - expected_mrr).abs() < 1e-9);
        assert!((mrr(&ranks, 3) - (1.0 + 1.0 / 3.0 + 0.5) / 5.0).abs() < 1e-9);
        assert_eq!(recall_at(&[], 3), 0.0);
    }

    #[test]
    fn json_has_the_documented_shape() {
        let report = EvalReport {
            questions: 1,
            engines: vec![EngineReport {
                engine: "fts5".into(),
                recall_at_1: 0.0,
                recall_at_3: 0.0,
                mrr_at_10: 0.0,
                misses: vec![Miss {
                    question: "whats art 51".into(),
                    expected: ids(&["x"]),
                    got: ids(&["y"]),
                }],
                areas: BTreeMap::new(),
                ranks: vec![None],
            }],
        };
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"questions": 1, "engines": [{"engine": "fts5", "recall@1": 0.0,
                "recall@3": 0.0, "mrr@10": 0.0,
                "misses": [{"question": "whats art 51", "expected": ["x"], "got": ["y"]}]}]})
        );
    }
}
