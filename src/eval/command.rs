//! The `fathom eval` and `fathom bench` subcommands: their arguments, the runs they start, and
//! what they print. `cli` only routes to these.

use super::fts5::{Fts5Index, Fts5Ranker};
use super::latency::format_us;
use super::load::{self, FULL_CALLS, FULL_TASKS, LoadReport, OnAnswer, QUICK_CALLS};
use super::metrics::{self, EvalReport, Ranker};
use super::{EvalError, QuestionSet};
use crate::commands::Fathom;
use crate::config::Config;
use crate::corpus::{self, Corpus};
use crate::search::SearchIndex;
use crate::store::QueryLog;
use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// An engine `fathom eval` can measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Engine {
    /// fathom's own search, through `ask`.
    Fathom,
    /// SQLite FTS5 (bm25) over the same corpus, in memory.
    Fts5,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Measure one engine only (default: both, side by side).
    #[arg(long, value_enum)]
    pub engine: Option<Engine>,
    /// The question set (default: tests/eval/questions.toml).
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BenchAction {
    /// The load test: `ask` through the commands layer from many concurrent tasks, with the
    /// query log on (or off with --no-log). Ctrl-C/SIGTERM stops it and drains the log.
    Load {
        /// How many `ask` calls.
        #[arg(long, default_value_t = FULL_CALLS)]
        calls: usize,
        /// How many concurrent tasks.
        #[arg(long, default_value_t = FULL_TASKS)]
        tasks: usize,
        /// The CI size (3,000 calls).
        #[arg(long)]
        quick: bool,
        /// Run with the query log switched off.
        #[arg(long)]
        no_log: bool,
        /// Print `answered <answer-id>` for every answered call, as it is answered.
        #[arg(long)]
        print_answers: bool,
        /// The questions asked, in turn (default: tests/eval/questions.toml).
        #[arg(long, value_name = "FILE")]
        questions: Option<PathBuf>,
    },
}

/// Loads the corpus and opens (building if needed) its index: a `Fathom` without a query log.
pub fn open_unlogged(config: &Config) -> anyhow::Result<Fathom> {
    let corpus = Arc::new(
        corpus::load(&config.corpus_dir)
            .with_context(|| format!("loading the corpus at {}", config.corpus_dir.display()))?,
    );
    let search =
        SearchIndex::open_or_build(&corpus, &config.index_dir, |_| ControlFlow::Continue(()))?;
    Ok(Fathom::new(
        corpus,
        search,
        None,
        QueryLog::disabled(),
        config.user_salt.clone(),
    ))
}

/// Measures `engines` on `set`: fathom through `ask_reply`, FTS5 over an in-memory table built
/// from the same corpus.
pub fn evaluate(
    fathom: &Fathom,
    set: &QuestionSet,
    engines: &[Engine],
) -> Result<EvalReport, EvalError> {
    let mut reports = Vec::new();
    for engine in engines {
        let report = match engine {
            Engine::Fathom => metrics::evaluate(fathom as &dyn Ranker, set)?,
            Engine::Fts5 => {
                let index = Fts5Index::in_memory(&fathom.corpus)?;
                let ranker = Fts5Ranker {
                    index: &index,
                    corpus: &fathom.corpus,
                };
                metrics::evaluate(&ranker, set)?
            }
        };
        reports.push(report);
    }
    Ok(EvalReport {
        questions: set.len(),
        engines: reports,
    })
}

/// `fathom eval`.
pub fn eval(config: &Config, args: &EvalArgs, json: bool) -> anyhow::Result<ExitCode> {
    let fathom = open_unlogged(config)?;
    let path = args
        .questions
        .clone()
        .unwrap_or_else(super::default_questions_path);
    let set = QuestionSet::load(&path, &fathom.corpus)?;
    let engines = match args.engine {
        Some(one) => vec![one],
        None => vec![Engine::Fathom, Engine::Fts5],
    };
    let report = evaluate(&fathom, &set, &engines)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!(
            "{}",
            metrics::render_text(&report, &path.display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The questions a load run asks: the eval set's questions as typed (read leniently: the ids
/// they expect do not matter here), else the corpus's quiz questions and claims.
pub fn load_queries(path: &Path, corpus: &Corpus) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        question: Vec<Q>,
    }
    #[derive(serde::Deserialize)]
    struct Q {
        q: String,
    }
    let from_file = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| toml::from_str::<File>(&text).ok())
        .map(|f| f.question.into_iter().map(|q| q.q).collect::<Vec<_>>())
        .unwrap_or_default();
    if !from_file.is_empty() {
        return from_file;
    }
    corpus
        .quiz
        .iter()
        .map(|q| q.question.clone())
        .chain(corpus.claims.iter().map(|c| c.claim.clone()))
        .chain(corpus.terms.iter().map(|t| format!("what is {}", t.term)))
        .chain(corpus.topics.iter().map(|t| t.label.clone()))
        .collect()
}

/// What `fathom bench load` prints at the end.
#[derive(Debug, Serialize)]
struct LoadSummary {
    #[serde(flatten)]
    run: LoadReport,
    log: &'static str,
    rows_written: u64,
    rows_lost: u64,
    interrupted: bool,
}

/// `fathom bench ...`.
pub async fn bench(config: &Config, action: &BenchAction, json: bool) -> anyhow::Result<ExitCode> {
    match action {
        BenchAction::Load {
            calls,
            tasks,
            quick,
            no_log,
            print_answers,
            questions,
        } => {
            let calls = if *quick { QUICK_CALLS } else { *calls };
            let (fathom, writer) = if *no_log {
                (open_unlogged(config)?, None)
            } else {
                let (fathom, writer) = Fathom::open(config, |_| ControlFlow::Continue(()))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                (fathom, Some(writer))
            };
            let path = questions
                .clone()
                .unwrap_or_else(super::default_questions_path);
            let queries = Arc::new(load_queries(&path, &fathom.corpus));
            let fathom = Arc::new(fathom);
            let on_answer: Option<OnAnswer> = print_answers.then(|| {
                Arc::new(|reply: &crate::commands::Reply| {
                    let id = reply.footer.answer_id.as_deref().unwrap_or("-");
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "answered {id}");
                    let _ = out.flush();
                }) as OnAnswer
            });
            let stop = Arc::new(AtomicBool::new(false));
            let signal = tokio::spawn({
                let stop = stop.clone();
                async move {
                    crate::cli::shutdown_signal().await;
                    stop.store(true, Ordering::Relaxed);
                }
            });
            let run = load::drive(
                fathom.clone(),
                queries,
                calls,
                *tasks,
                stop.clone(),
                on_answer,
            )
            .await;
            signal.abort();
            let interrupted = stop.load(Ordering::Relaxed);
            // Every task has ended: drain the log, exactly as every other command does.
            drop(fathom);
            let written = match writer {
                Some(writer) => writer.finish().await,
                None => Default::default(),
            };
            let summary = LoadSummary {
                run,
                log: if *no_log { "off" } else { "on" },
                rows_written: written.written,
                rows_lost: written.lost,
                interrupted,
            };
            if json {
                println!("{}", serde_json::to_string(&summary)?);
            } else {
                println!(
                    "load test: {} {} asks from {} tasks in {:.2} s: {:.0} asks/s, p50 {}, p99 {}; query log {}: {} rows written, {} lost",
                    if interrupted {
                        "interrupted after"
                    } else {
                        "answered"
                    },
                    summary.run.answered,
                    summary.run.tasks,
                    summary.run.elapsed_s,
                    summary.run.throughput,
                    format_us(summary.run.latency.p50_us),
                    format_us(summary.run.latency.p99_us),
                    summary.log,
                    summary.rows_written,
                    summary.rows_lost
                );
            }
            Ok(if interrupted {
                ExitCode::from(130)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
