//! The `fathom` command line: clap subcommands that mirror the slash commands, plus `index`
//! (build, check). Each subcommand parses its arguments, calls `commands`, and renders the
//! reply as terminal text or JSON.

use crate::commands::{Caller, DEFAULT_K, Fathom, Reply};
use crate::config::Config;
use crate::corpus::{self, CorpusError};
use crate::render::{self, Emphasis};
use crate::search::build;
use anyhow::Context;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(
    name = "fathom",
    version,
    about = "Sourced answers about the US strikes on alleged drug boats (2025–) and the law around them.",
    long_about = "fathom answers questions about the US military campaign of lethal strikes on alleged \
drug-trafficking boats and the law around it (law of armed conflict, use of force, human rights, US \
law) with sourced passages: a pinpoint citation, a short quote, a note, a link. The corpus, index and \
query log are created on first run; no configuration is needed. Not legal advice."
)]
pub struct Cli {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Answer a question with the best sourced passages.
    Ask {
        /// The question, in your own words.
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
        /// How many passages to show.
        #[arg(short, long, default_value_t = DEFAULT_K)]
        k: usize,
        /// Skip this many passages (to page through results).
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// Show a source: title, publisher, date, kind, URL and all its passages.
    Source {
        /// The source id (see `fathom topics` or the files in index/sources/).
        id: String,
    },
    /// Define a glossary term (aliases work: `define LOAC`, `define "API 41"`).
    Define {
        #[arg(required = true, num_args = 1..)]
        term: Vec<String>,
    },
    /// Dated events, oldest first.
    Timeline {
        /// First date (YYYY-MM-DD, YYYY-MM or YYYY).
        #[arg(long)]
        from: Option<String>,
        /// Last date.
        #[arg(long)]
        to: Option<String>,
        /// Only events on this topic (id or label).
        #[arg(long)]
        topic: Option<String>,
        /// Skip this many events.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Events to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// A sourced rebuttal of a claim, with numbered footnotes, ready to paste.
    Rebut {
        #[arg(required = true, num_args = 1..)]
        claim: Vec<String>,
    },
    /// A reading list on a topic: primary law first.
    Study {
        /// Topic id or label (see `fathom topics`).
        #[arg(required = true, num_args = 1..)]
        topic: Vec<String>,
        /// Print the list as Markdown.
        #[arg(long)]
        markdown: bool,
    },
    /// The topics fathom covers.
    Topics,
    /// Usage statistics from the query log.
    Stats {
        /// How many days back.
        #[arg(long, default_value_t = 7)]
        days: u32,
    },
    /// Reproduce a past answer by its id (shown in every answer's footer).
    Answer { id: String },
    /// Run the Discord bot (needs DISCORD_TOKEN: run it without one for the setup steps).
    Serve,
    /// Build or check the search index and corpus.
    Index {
        #[command(subcommand)]
        action: IndexAction,
    },
    /// Measure answer quality: recall@1, recall@3, MRR@10 and the misses, for fathom and for an
    /// SQLite FTS5 baseline built from the same corpus.
    Eval(crate::eval::command::EvalArgs),
    /// Load tests and measurements (see BENCHMARKS.md).
    Bench {
        #[command(subcommand)]
        action: crate::eval::command::BenchAction,
    },
}

#[derive(Subcommand, Debug)]
pub enum IndexAction {
    /// Rebuild the search index from the corpus (atomically), with a progress bar.
    Build,
    /// Validate the corpus and list every problem as file:line: problem.
    Check,
}

/// Runs the CLI; returns the process exit code.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = Config::load().context("reading the configuration")?;
    if let Command::Index { action } = &cli.command {
        return index(action, &config, cli.json);
    }
    if let Command::Serve = &cli.command {
        return serve(&config).await;
    }
    if let Command::Eval(args) = &cli.command {
        return crate::eval::command::eval(&config, args, cli.json);
    }
    if let Command::Bench { action } = &cli.command {
        return crate::eval::command::bench(&config, action, cli.json).await;
    }
    let (fathom, writer) = Fathom::open(&config, build_progress())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let caller = Caller::cli();
    let reply = tokio::select! {
        reply = dispatch(&fathom, &caller, &cli.command) => Some(reply),
        _ = shutdown_signal() => None,
    };
    // Drain the query log before exiting, on success and on Ctrl-C/SIGTERM alike.
    drop(fathom);
    writer.finish().await;
    let Some(reply) = reply else {
        eprintln!("fathom: interrupted");
        return Ok(ExitCode::from(130));
    };
    print_reply(&cli, &reply)?;
    Ok(if reply.is_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

async fn dispatch(fathom: &Fathom, caller: &Caller, command: &Command) -> Reply {
    match command {
        Command::Ask {
            question,
            k,
            offset,
        } => fathom.ask(caller, &question.join(" "), *k, *offset).await,
        Command::Source { id } => fathom.source(caller, id).await,
        Command::Define { term } => fathom.define(caller, &term.join(" ")).await,
        Command::Timeline {
            from,
            to,
            topic,
            offset,
            limit,
        } => {
            fathom
                .timeline(
                    caller,
                    from.as_deref(),
                    to.as_deref(),
                    topic.as_deref(),
                    *offset,
                    *limit,
                )
                .await
        }
        Command::Rebut { claim } => fathom.rebut(caller, &claim.join(" ")).await,
        Command::Study { topic, .. } => fathom.study(caller, &topic.join(" ")).await,
        Command::Topics => fathom.topics(caller).await,
        Command::Stats { days } => fathom.stats(caller, *days).await,
        Command::Answer { id } => fathom.answer(caller, id).await,
        Command::Index { .. } | Command::Eval(_) | Command::Bench { .. } | Command::Serve => {
            unreachable!("handled before the engine opens")
        }
    }
}

fn print_reply(cli: &Cli, reply: &Reply) -> anyhow::Result<()> {
    let out = if cli.json {
        match &cli.command {
            Command::Ask { question, .. } => {
                serde_json::to_string_pretty(&render::ask_json(&question.join(" "), reply))?
            }
            _ => serde_json::to_string_pretty(reply)?,
        }
    } else if matches!(cli.command, Command::Study { markdown: true, .. }) {
        render::markdown(reply)
    } else {
        let emphasis = if std::io::stdout().is_terminal() {
            Emphasis::Ansi
        } else {
            Emphasis::None
        };
        render::text(reply, emphasis)
    };
    say(out.trim_end());
    Ok(())
}

fn index(action: &IndexAction, config: &Config, json: bool) -> anyhow::Result<ExitCode> {
    let corpus = match corpus::load(&config.corpus_dir) {
        Ok(corpus) => corpus,
        Err(CorpusError::Invalid(problems)) => {
            for p in &problems {
                say(&p.to_string());
            }
            eprintln!(
                "fathom: {} problem(s) in the corpus at {}",
                problems.len(),
                config.corpus_dir.display()
            );
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    match action {
        IndexAction::Check => {
            let report = corpus::report::Report::of(&corpus);
            if json {
                say(&serde_json::to_string_pretty(&report)?);
            } else {
                for line in report.lines() {
                    say(&line);
                }
            }
        }
        IndexAction::Build => {
            let started = Instant::now();
            let bar = ProgressBar::new(corpus.passages.len() as u64);
            bar.set_style(
                ProgressStyle::with_template("{spinner} indexing {bar:40} {pos}/{len} passages")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            build::build(&corpus, &config.index_dir, |n| {
                bar.set_position(n);
                ControlFlow::Continue(())
            })?;
            bar.finish_and_clear();
            let secs = started.elapsed().as_secs_f64();
            say(&format!(
                "built the index of {} passages at {} in {:.2} s ({:.0} passages/s), corpus {}",
                corpus.passages.len(),
                config.index_dir.display(),
                secs,
                corpus.passages.len() as f64 / secs.max(1e-9),
                corpus.version
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a line to stdout. A closed pipe (`fathom ask ... | head`) ends the output quietly
/// instead of panicking.
fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}")
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("fathom: cannot write the output: {e}");
    }
}

/// A progress bar for a first-run index build (drawn only on a terminal).
fn build_progress() -> impl FnMut(u64) -> ControlFlow<()> {
    let mut bar: Option<ProgressBar> = None;
    move |n| {
        let bar = bar.get_or_insert_with(|| {
            let b = ProgressBar::new_spinner();
            b.set_message("building the search index (first run)");
            b
        });
        bar.set_position(n);
        ControlFlow::Continue(())
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// `fathom serve`: the Discord bot until Ctrl-C/SIGTERM, then the query log drains. Without a
/// token it explains how to create the bot application and exits.
async fn serve(config: &Config) -> anyhow::Result<ExitCode> {
    if config.discord_token.is_none() {
        eprintln!("fathom: {}", crate::discord::setup_message());
        return Ok(ExitCode::from(2));
    }
    let (fathom, writer) = Fathom::open(config, build_progress())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let fathom = std::sync::Arc::new(fathom);
    let served = crate::discord::serve(config, fathom.clone(), None, shutdown_signal()).await;
    drop(fathom);
    let report = writer.finish().await;
    eprintln!(
        "fathom: stopped; query log drained ({} rows written this run, {} lost)",
        report.written, report.lost
    );
    served?;
    Ok(ExitCode::SUCCESS)
}
