//! `fathom index check` (every problem as `file:line: problem`, or the corpus report) and
//! `fathom index build` (an atomic rebuild, with a progress bar).

use super::print::{say, warn};
use clap::ArgMatches;
use fathom::config::Config;
use fathom::corpus::{self, CorpusError};
use fathom::search::build;
use indicatif::{ProgressBar, ProgressStyle};
use std::ops::ControlFlow;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(matches: &ArgMatches, config: &Config, json: bool) -> anyhow::Result<ExitCode> {
    let building = matches.subcommand_name() == Some("build");
    let corpus = match corpus::load(&config.corpus_dir) {
        Ok(corpus) => corpus,
        Err(CorpusError::Invalid(problems)) => {
            for p in &problems {
                say(&p.to_string());
            }
            warn(&format!(
                "{} problem(s) in the corpus at {}",
                problems.len(),
                config.corpus_dir.display()
            ));
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    if !building {
        {
            let report = corpus::report::Report::of(&corpus);
            if json {
                say(&serde_json::to_string_pretty(&report)?);
            } else {
                for line in report.lines() {
                    say(&line);
                }
            }
        }
    } else {
        {
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
