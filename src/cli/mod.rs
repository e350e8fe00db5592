//! The `fathom` command line: every command of the table (the same ones Discord has), plus
//! `serve`, `index` and the measuring tools. Each call parses its arguments into a `Request`,
//! opens fathom (`App`), prints the reply, and only then drains the query log.

mod args;
mod index;
mod print;

use anyhow::Context;
use fathom::app::{App, Logging};
use fathom::commands::{Caller, Command, Extra, Reply, Request, table};
use fathom::config::Config;
use fathom::shutdown;
use indicatif::ProgressBar;
use print::Format;
use std::io::{IsTerminal, Read};
use std::ops::ControlFlow;
use std::process::ExitCode;

/// The most a `check -` reads from standard input.
const MAX_STDIN: u64 = 1 << 20;

/// Runs the command line; returns the process exit code.
pub async fn run() -> anyhow::Result<ExitCode> {
    let matches = args::command().get_matches();
    let json = matches.get_flag(args::JSON);
    let config = Config::load().context("reading the configuration")?;
    match matches.subcommand() {
        Some(("serve", _)) => serve(&config).await,
        Some(("index", m)) => index::run(m, &config, json),
        Some((tool @ ("eval" | "bench"), m)) => forward(tool, m),
        _ => {
            let (spec, args) = args::row(&matches).context("no such command")?;
            table_command(spec, args, &config, json).await
        }
    }
}

/// A command of the table: parse, answer, print, drain the log.
async fn table_command(
    spec: &'static table::Spec,
    args: &clap::ArgMatches,
    config: &Config,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let mut options = args::options(spec, args);
    if spec.command == Command::Check && options.text(table::TEXT).as_deref() == Some("-") {
        let mut text = String::new();
        std::io::stdin()
            .take(MAX_STDIN)
            .read_to_string(&mut text)
            .context("reading the text to check from standard input")?;
        options = options.with(table::TEXT, fathom::commands::Value::Text(text));
    }
    let request = Request::parse(spec, &options, None);
    let format = if json {
        Format::Json
    } else if options.flag(table::MARKDOWN) == Some(true) {
        Format::Markdown
    } else {
        Format::Text
    };
    let app = App::open(config, Logging::On, build_progress())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let caller = Caller::cli();
    let answered = tokio::select! {
        reply = answer(&app, &caller, spec.command, request) => Some(reply),
        _ = shutdown::requested() => None,
    };
    // The answer first; the log drains after it is on screen.
    let code = match &answered {
        Some(reply) => {
            print::reply(reply, format)?;
            if let Extra::Quiz(q) = &reply.extra
                && !json
            {
                if std::io::stdin().is_terminal() {
                    quiz_turn(&app, &caller, &q.id, q.choices.len()).await?;
                } else {
                    print::say(&format!("\n(answer with: fathom quiz answer {} A)", q.id));
                }
            }
            if reply.is_error { 1 } else { 0 }
        }
        None => {
            print::warn("interrupted");
            130
        }
    };
    app.shutdown().await;
    Ok(ExitCode::from(code))
}

/// The reply to a parsed request, or to the problem with it.
async fn answer(
    app: &App,
    caller: &Caller,
    command: Command,
    request: Result<Request, fathom::commands::ParseError>,
) -> Reply {
    match request {
        Ok(Request::QuizAnswer { id, choice, .. }) => {
            let display_name = caller.user_id.trim_start_matches("cli:").to_string();
            let request = Request::QuizAnswer {
                id,
                choice,
                display_name,
            };
            app.fathom().run(caller, request).await
        }
        Ok(request) => app.fathom().run(caller, request).await,
        Err(problem) => app.fathom().refuse(caller, command, &problem).await,
    }
}

/// At a terminal, a quiz question waits for an answer (Enter skips it).
async fn quiz_turn(app: &App, caller: &Caller, id: &str, choices: usize) -> anyhow::Result<()> {
    let last = (b'A' + choices.saturating_sub(1).min(25) as u8) as char;
    eprint!("Your answer (A–{last}, Enter to skip): ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let letter = line.trim();
    if letter.is_empty() {
        return Ok(());
    }
    let Some(spec) = table::find(Some("quiz"), "answer") else {
        return Ok(());
    };
    let options = fathom::commands::Options::default()
        .with(table::ID, fathom::commands::Value::Text(id.to_string()))
        .with(
            table::CHOICE,
            fathom::commands::Value::Text(letter.to_string()),
        );
    let request = Request::parse(spec, &options, None);
    let reply = answer(app, caller, Command::QuizAnswer, request).await;
    println!();
    print::reply(&reply, Format::Text)
}

/// `fathom serve`: the Discord bot until Ctrl-C or SIGTERM, then the log drains. Without a
/// token it explains how to set the bot up.
async fn serve(config: &Config) -> anyhow::Result<ExitCode> {
    if config.discord_token.is_none() {
        print::warn(&fathom::discord::setup_message());
        return Ok(ExitCode::from(2));
    }
    let app = App::open(config, Logging::On, build_progress())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let on_ready: fathom::discord::OnReady = std::sync::Arc::new(|commands, scope| {
        print::warn(&format!(
            "{commands} commands registered for {scope}; serving (Ctrl-C stops)"
        ));
    });
    let served = fathom::discord::serve(
        config,
        app.fathom().clone(),
        fathom::discord::Endpoint::Discord,
        on_ready,
        shutdown::requested(),
    )
    .await;
    let report = app.shutdown().await;
    print::warn(&format!(
        "stopped; query log drained ({} rows written this run, {} lost)",
        report.written, report.lost
    ));
    served?;
    Ok(ExitCode::SUCCESS)
}

/// `fathom eval` and `fathom bench` run the measuring tools (`fathom-eval`, built beside
/// `fathom`; from a source tree under `cargo run`, cargo builds it first).
fn forward(tool: &str, matches: &clap::ArgMatches) -> anyhow::Result<ExitCode> {
    let rest: Vec<String> = matches
        .get_many::<String>("args")
        .map(|a| a.cloned().collect())
        .unwrap_or_default();
    let mut argv = vec![tool.to_string()];
    argv.extend(rest);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| {
            Some(
                exe.parent()?
                    .join(format!("fathom-eval{}", std::env::consts::EXE_SUFFIX)),
            )
        })
        .filter(|p| p.exists());
    let mut command = match (beside, std::env::var_os("CARGO")) {
        (Some(binary), _) => std::process::Command::new(binary),
        (None, Some(cargo)) => {
            let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
            let mut c = std::process::Command::new(cargo);
            c.args([
                "run",
                "--release",
                "-q",
                "-p",
                "fathom-eval",
                "--manifest-path",
            ])
            .arg(manifest)
            .arg("--");
            c
        }
        (None, None) => anyhow::bail!(
            "`fathom {tool}` runs the measuring tools, which are not built here: run `cargo run --release -p fathom-eval -- {tool} …` from the source tree"
        ),
    };
    let status = command
        .args(&argv)
        .status()
        .context("running fathom-eval")?;
    Ok(ExitCode::from(
        status.code().unwrap_or(1).clamp(0, 255) as u8
    ))
}

/// A progress spinner for a first-run index build (drawn only on a terminal).
pub fn build_progress() -> impl FnMut(u64) -> ControlFlow<()> {
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
