//! The command line, built from the command table: one subcommand per row offered in the
//! terminal (`quiz question`, `quiz scores`, `quiz answer` under their group), each option as
//! the table declares it — the main text as the words after the command, flags, numbers and
//! choices as `--name` — plus the terminal's own commands (`serve`, `index`, `eval`, `bench`).
//! Parsed arguments go back through the table into the transport-free `Options`.

use clap::{Arg, ArgAction, ArgMatches, Command as Clap};
use fathom::commands::table::{self, GROUPS, OptKind, Spec, TABLE};
use fathom::commands::{Options, Value};

pub const JSON: &str = "json";

/// The whole command line.
pub fn command() -> Clap {
    let mut cli = Clap::new("fathom")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Sourced answers about the US strikes on alleged drug boats (2025–) and the law around them.")
        .long_about(
            "fathom answers questions about the US military campaign of lethal strikes on alleged \
drug-trafficking boats and the law around it (law of armed conflict, use of force, human rights, US \
law) with sourced passages: a pinpoint citation, a short quote, a note, a link. The corpus, index and \
query log are created on first run; no configuration is needed. Not legal advice.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        // `fathom help` is the table's own help command; `fathom COMMAND --help` shows options.
        .disable_help_subcommand(true)
        .arg(
            Arg::new(JSON)
                .long(JSON)
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Print JSON instead of text"),
        );
    for spec in TABLE.iter().filter(|s| s.on.cli() && s.group.is_none()) {
        cli = cli.subcommand(subcommand(spec));
    }
    for (group, about, _) in GROUPS {
        let mut parent = Clap::new(*group).about(*about).subcommand_required(true);
        for spec in TABLE
            .iter()
            .filter(|s| s.on.cli() && s.group == Some(group))
        {
            parent = parent.subcommand(subcommand(spec));
        }
        cli = cli.subcommand(parent);
    }
    cli.subcommand(Clap::new("serve").about(
        "Run the Discord bot (needs DISCORD_TOKEN: run it without one for the setup steps)",
    ))
    .subcommand(
        Clap::new("index")
            .about("Build or check the search index and corpus")
            .subcommand_required(true)
            .subcommand(
                Clap::new("build")
                    .about("Rebuild the search index from the corpus (atomically), with a progress bar"),
            )
            .subcommand(Clap::new("check").about(
                "Validate the corpus: every problem as file:line: problem, or a report of its links, balance and currency",
            )),
    )
    .subcommand(forwarded(
        "eval",
        "Measure answer quality, for fathom and an SQLite FTS5 baseline (runs fathom-eval)",
    ))
    .subcommand(forwarded(
        "bench",
        "Load tests and measurements, see BENCHMARKS.md (runs fathom-eval)",
    ))
}

/// A subcommand whose arguments go to the measuring tools as they are.
fn forwarded(name: &'static str, about: &'static str) -> Clap {
    Clap::new(name).about(about).arg(
        Arg::new("args")
            .num_args(0..)
            .trailing_var_arg(true)
            .allow_hyphen_values(true),
    )
}

fn subcommand(spec: &Spec) -> Clap {
    let mut sub = Clap::new(spec.name).about(spec.description);
    let positionals = spec.options.iter().filter(|o| o.positional).count();
    for o in spec.options.iter().filter(|o| o.on.cli()) {
        let mut arg = Arg::new(o.name).help(o.description);
        if o.positional {
            arg = arg
                .value_name(o.name.to_uppercase())
                .required(o.required)
                // One positional takes all the words; several take one each.
                .num_args(if positionals == 1 {
                    clap::builder::ValueRange::new(1..)
                } else {
                    clap::builder::ValueRange::new(1..=1)
                });
        } else {
            arg = arg.long(o.name);
            arg = match o.kind {
                OptKind::Flag => arg.action(ArgAction::SetTrue),
                OptKind::Int { default, .. } => arg
                    .value_parser(clap::value_parser!(i64))
                    .allow_negative_numbers(true)
                    .default_value(default.to_string()),
                OptKind::Choice(values) => arg.value_parser(values.to_vec()),
                OptKind::Text { .. } | OptKind::User => arg,
            };
            if o.name == table::K {
                arg = arg.short('k');
            }
        }
        sub = sub.arg(arg);
    }
    sub
}

/// The options of a table row, from its parsed arguments.
pub fn options(spec: &Spec, matches: &ArgMatches) -> Options {
    let mut out = Options::default();
    for o in spec.options.iter().filter(|o| o.on.cli()) {
        let value = if o.positional {
            matches
                .get_many::<String>(o.name)
                .map(|words| Value::Text(words.cloned().collect::<Vec<_>>().join(" ")))
        } else {
            match o.kind {
                OptKind::Flag => Some(Value::Flag(matches.get_flag(o.name))),
                OptKind::Int { .. } => matches.get_one::<i64>(o.name).map(|i| Value::Int(*i)),
                OptKind::Text { .. } | OptKind::Choice(_) | OptKind::User => matches
                    .get_one::<String>(o.name)
                    .map(|t| Value::Text(t.clone())),
            }
        };
        if let Some(value) = value {
            out = out.with(o.name, value);
        }
    }
    out
}

/// The table row a parsed command line names, with its arguments.
pub fn row(matches: &ArgMatches) -> Option<(&'static Spec, &ArgMatches)> {
    let (name, sub) = matches.subcommand()?;
    if let Some(spec) = table::find(None, name).filter(|s| s.on.cli()) {
        return Some((spec, sub));
    }
    let (inner, args) = sub.subcommand()?;
    table::find(Some(name), inner)
        .filter(|s| s.on.cli())
        .map(|spec| (spec, args))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> ArgMatches {
        command()
            .try_get_matches_from(std::iter::once("fathom").chain(args.iter().copied()))
            .unwrap()
    }

    #[test]
    fn the_command_line_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn words_flags_and_numbers_become_options() {
        let m = parse(&["ask", "-k", "5", "is", "it", "legal"]);
        let (spec, args) = row(&m).unwrap();
        let o = options(spec, args);
        assert_eq!(o.text("question").as_deref(), Some("is it legal"));
        let m = parse(&["quiz", "answer", "q-1", "b"]);
        let (spec, args) = row(&m).unwrap();
        assert_eq!(spec.command, fathom::commands::Command::QuizAnswer);
        assert_eq!(options(spec, args).text("choice").as_deref(), Some("b"));
        assert!(row(&parse(&["serve"])).is_none());
    }

    #[test]
    fn discord_only_commands_are_not_offered() {
        let names: Vec<String> = command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        assert!(names.contains(&"check".to_string()));
        assert!(!names.iter().any(|n| n.contains(' ')), "{names:?}");
    }
}
