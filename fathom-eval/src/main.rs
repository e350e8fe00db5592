//! `fathom-eval`: the measuring tools. `eval` measures answer quality (recall, MRR, and the
//! per-intent measures) for fathom and an SQLite FTS5 baseline; `bench load` drives many
//! concurrent `ask` calls through the commands layer with the query log on or off. `fathom
//! eval` and `fathom bench` forward here.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use fathom::app::{App, Logging};
use fathom::config::Config;
use fathom_eval::latency::format_us;
use fathom_eval::load::{self, FULL_CALLS, FULL_TASKS, LoadReport, OnAnswer, QUICK_CALLS};
use fathom_eval::metrics;
use fathom_eval::run::{Engine, evaluate, load_queries};
use fathom_eval::{QuestionSet, default_questions_path};
use serde::Serialize;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(name = "fathom-eval", version, about = "fathom's measuring tools")]
struct Cli {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Tool,
}

#[derive(Subcommand, Debug)]
enum Tool {
    /// Answer quality: recall@1, recall@3, MRR@10 and the misses, for fathom and an SQLite FTS5
    /// baseline built from the same corpus.
    Eval(EvalArgs),
    /// Load tests and measurements (see BENCHMARKS.md).
    Bench {
        #[command(subcommand)]
        action: BenchAction,
    },
}

#[derive(Debug, Args)]
struct EvalArgs {
    /// Measure one engine only (default: both, side by side).
    #[arg(long, value_enum)]
    engine: Option<Engine>,
    /// The question set (default: tests/eval/questions.toml).
    #[arg(long, value_name = "FILE")]
    questions: Option<PathBuf>,
    /// The questions labelled by intent (default: tests/eval/intents.toml).
    #[arg(long, value_name = "FILE")]
    intents: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum BenchAction {
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

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
    let cli = Cli::parse();
    let result = async {
        let config = Config::load().context("reading the configuration")?;
        match &cli.command {
            Tool::Eval(args) => eval(&config, args, cli.json).await,
            Tool::Bench { action } => bench(&config, action, cli.json).await,
        }
    }
    .await;
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fathom-eval: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `eval`.
async fn eval(config: &Config, args: &EvalArgs, json: bool) -> anyhow::Result<ExitCode> {
    let app = App::open(config, Logging::Off, |_| ControlFlow::Continue(()))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let fathom = app.fathom().clone();
    let path = args
        .questions
        .clone()
        .unwrap_or_else(default_questions_path);
    let set = QuestionSet::load(&path, &fathom.corpus)?;
    let engines = match args.engine {
        Some(one) => vec![one],
        None => vec![Engine::Fathom, Engine::Fts5],
    };
    let report = evaluate(&fathom, &set, &engines)?;
    let intents_path = args
        .intents
        .clone()
        .unwrap_or_else(|| fathom_eval::repository().join(fathom_eval::INTENTS_FILE));
    let labelled = fathom_eval::intents::load(&intents_path)?;
    let in_scope = set.texts();
    let mut by_intent = vec![fathom_eval::intents::evaluate_fathom(
        &fathom, &labelled, &in_scope,
    )];
    if engines.contains(&Engine::Fts5) {
        let index = fathom_eval::Fts5Index::in_memory(&fathom.corpus)?;
        by_intent.push(fathom_eval::intents::evaluate_fts5(
            &fathom.corpus,
            &index,
            &labelled,
        ));
    }
    if json {
        let both = serde_json::json!({"questions": report, "intents": by_intent});
        println!("{}", serde_json::to_string_pretty(&both)?);
    } else {
        print!(
            "{}",
            metrics::render_text(&report, &path.display().to_string())
        );
        println!();
        print!(
            "{}",
            fathom_eval::intents::render_text(
                &by_intent,
                &intents_path.display().to_string(),
                labelled.len()
            )
        );
    }
    drop(fathom);
    app.shutdown().await;
    Ok(ExitCode::SUCCESS)
}

/// What `bench load` prints at the end.
#[derive(Debug, Serialize)]
struct LoadSummary {
    #[serde(flatten)]
    run: LoadReport,
    log: &'static str,
    rows_written: u64,
    rows_lost: u64,
    interrupted: bool,
}

/// `bench load`.
async fn bench(config: &Config, action: &BenchAction, json: bool) -> anyhow::Result<ExitCode> {
    let BenchAction::Load {
        calls,
        tasks,
        quick,
        no_log,
        print_answers,
        questions,
    } = action;
    let calls = if *quick { QUICK_CALLS } else { *calls };
    let logging = if *no_log { Logging::Off } else { Logging::On };
    let app = App::open(config, logging, |_| ControlFlow::Continue(()))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let path = questions.clone().unwrap_or_else(default_questions_path);
    let queries = Arc::new(load_queries(&path, &app.fathom().corpus));
    let on_answer: Option<OnAnswer> = print_answers.then(|| {
        Arc::new(|reply: &fathom::commands::Reply| {
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
            fathom::shutdown::requested().await;
            stop.store(true, Ordering::Relaxed);
        }
    });
    let run = load::drive(
        app.fathom().clone(),
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
    let written = app.shutdown().await;
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
