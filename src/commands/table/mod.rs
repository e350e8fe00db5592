//! The command table: every command fathom has, in one place — its name, what it does, its
//! options, who may use it, whether a cooldown applies, where it is offered (terminal, Discord
//! or both) and its Spanish name. The CLI builds its subcommands from this table, the Discord
//! layer registers its slash and message commands from it and parses interactions through it,
//! and `Request::parse` turns either one's options into a typed request. Adding a command
//! means a row here, a `Request` variant with its handler, and a renderer.

use super::complete::Completing;

/// Every command, and every interaction that runs one (a "More" page, a vote, a quiz answer,
/// an autocomplete) — as logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Command {
    Ask,
    More,
    Answer,
    Define,
    Timeline,
    Source,
    Sources,
    Topics,
    Help,
    Privacy,
    ForgetMe,
    Rebut,
    Check,
    Stats,
    FindSources,
    CheckCitations,
    Study,
    Quiz,
    QuizScores,
    QuizAnswer,
    Feedback,
    Complete,
    Reload,
}

impl Command {
    /// As stored in the query log.
    pub fn as_str(self) -> &'static str {
        match self {
            Command::Ask => "ask",
            Command::More => "more",
            Command::Answer => "answer",
            Command::Define => "define",
            Command::Timeline => "timeline",
            Command::Source => "source",
            Command::Sources => "sources",
            Command::Topics => "topics",
            Command::Help => "help",
            Command::Privacy => "privacy",
            Command::ForgetMe => "forget-me",
            Command::Rebut => "rebut",
            Command::Check => "check",
            Command::Stats => "stats",
            Command::FindSources => "find-sources",
            Command::CheckCitations => "check-citations",
            Command::Study => "study",
            Command::Quiz => "quiz",
            Command::QuizScores => "quiz-scores",
            Command::QuizAnswer => "quiz-answer",
            Command::Feedback => "feedback",
            Command::Complete => "complete",
            Command::Reload => "reload",
        }
    }

    /// The table row of a command people call by name (None for interactions such as a vote).
    pub fn spec(self) -> Option<&'static Spec> {
        TABLE.iter().find(|s| s.command == self)
    }

    /// Whether its replies get an answer id (reproduced by `answer ID`, voted on, paged).
    pub fn has_answer_id(self) -> bool {
        self == Command::More || self.spec().is_some_and(|s| s.answer_id)
    }

    /// Whether the command searches for an answer to what was typed (its queries count in the
    /// statistics' top queries and content gaps).
    pub fn is_search(self) -> bool {
        matches!(
            self,
            Command::Ask | Command::More | Command::Rebut | Command::FindSources
        )
    }
}

/// An interaction logged that runs no command of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// Refused: not a moderator, a cooldown, not the owner.
    Refused,
    Dismissed,
    PostedPublicly,
    PostedReply,
    /// A button from an older version.
    UnknownButton,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Refused => "refused",
            Event::Dismissed => "dismiss",
            Event::PostedPublicly => "post-publicly",
            Event::PostedReply => "post-reply",
            Event::UnknownButton => "button",
        }
    }
}

/// What a log row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Logged {
    Command(Command),
    Event(Event),
}

impl Logged {
    pub fn as_str(self) -> &'static str {
        match self {
            Logged::Command(c) => c.as_str(),
            Logged::Event(e) => e.as_str(),
        }
    }
}

/// Where a command or option is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Both,
    Cli,
    Discord,
}

impl On {
    pub fn cli(self) -> bool {
        matches!(self, On::Both | On::Cli)
    }
    pub fn discord(self) -> bool {
        matches!(self, On::Both | On::Discord)
    }
}

/// How a command is called in Discord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `/name`, or `/group name` when the row has a group.
    Slash,
    /// Right-click a message → Apps → name.
    Message,
}

/// The Spanish name and description (Discord shows them to `es-ES` and `es-419` users).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Es {
    pub name: &'static str,
    pub description: &'static str,
}

/// The type of an option's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptKind {
    Text {
        max: u16,
    },
    Flag,
    Int {
        min: i64,
        max: i64,
        default: i64,
    },
    User,
    /// One of fixed values.
    Choice(&'static [&'static str]),
}

/// One option of a command.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    pub name: &'static str,
    pub kind: OptKind,
    pub description: &'static str,
    pub required: bool,
    /// In the terminal: given as the words after the command (`fathom ask is it legal`).
    pub positional: bool,
    pub complete: Option<Completing>,
    pub on: On,
    pub es: Es,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub command: Command,
    /// The name people type (`ask`), or a message command's menu label (`Find sources`).
    pub name: &'static str,
    /// The parent of a subcommand (`quiz` for `quiz question`).
    pub group: Option<&'static str>,
    pub kind: Kind,
    pub description: &'static str,
    pub options: &'static [Opt],
    /// Only moderators (Manage Messages) may use it.
    pub moderator: bool,
    /// The per-user cooldown applies.
    pub cooldown: bool,
    /// The reply gets an answer id (it can be reproduced with `answer ID` and voted on).
    pub answer_id: bool,
    pub on: On,
    pub es: Es,
}

mod rows;

pub use rows::*;

/// The row named `name` (in its group, if any): what an interaction or a subcommand names.
pub fn find(group: Option<&str>, name: &str) -> Option<&'static Spec> {
    TABLE.iter().find(|s| s.group == group && s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_within_a_group_and_fit_discord() {
        let mut seen = HashSet::new();
        for s in TABLE {
            assert!(seen.insert((s.group, s.name)), "{} twice", s.name);
            assert!(s.description.chars().count() <= 100, "{}", s.name);
            assert!(s.es.description.chars().count() <= 100, "{}", s.name);
            if s.kind == Kind::Slash {
                for name in [s.name, s.es.name] {
                    assert!(
                        name.len() <= 32
                            && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                        "{name}"
                    );
                }
            }
            let mut options = HashSet::new();
            for o in s.options {
                assert!(
                    options.insert(o.name),
                    "{}: option {} twice",
                    s.name,
                    o.name
                );
                assert!(o.description.chars().count() <= 100, "{}", o.name);
                assert!(o.es.description.chars().count() <= 100, "{}", o.name);
                assert!(
                    o.es.name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-'),
                    "{}",
                    o.es.name
                );
            }
        }
    }

    #[test]
    fn every_command_a_person_calls_has_one_row() {
        for s in TABLE {
            assert_eq!(s.command.spec().map(|x| x.name), Some(s.name));
        }
        assert!(Command::Feedback.spec().is_none());
        assert_eq!(
            find(Some("quiz"), "scores").unwrap().command,
            Command::QuizScores
        );
        assert!(find(None, "scores").is_none());
    }
}
