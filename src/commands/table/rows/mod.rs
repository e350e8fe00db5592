//! The rows of the command table: every command's name, description, options, access and
//! Spanish names. Option names are constants, shared with `Request::parse`.

mod members;
mod moderators;

pub use members::*;
pub use moderators::*;

use super::{Command, Es, Kind, On, Opt, OptKind, Spec};
use crate::commands::complete::Completing;

// Option names shared by the table and `Request::parse`.
pub const QUESTION: &str = "question";
pub const PRIVATE: &str = "private";
pub const MENTION: &str = "mention";
pub const K: &str = "k";
pub const OFFSET: &str = "offset";
pub const ID: &str = "id";
pub const TERM: &str = "term";
pub const FROM: &str = "from";
pub const TO: &str = "to";
pub const TOPIC: &str = "topic";
pub const NEWEST: &str = "newest";
pub const LIMIT: &str = "limit";
pub const QUERY: &str = "query";
pub const CLAIM: &str = "claim";
pub const TEXT: &str = "text";
pub const DAYS: &str = "days";
pub const ALL: &str = "all";
pub const MARKDOWN: &str = "markdown";
pub const CHOICE: &str = "choice";
pub const LANG: &str = "lang";

/// The most a page may skip: more than any list fathom has, far below any overflow.
pub const MAX_OFFSET: i64 = 10_000;

pub(super) const fn opt(
    name: &'static str,
    kind: OptKind,
    description: &'static str,
    es: Es,
) -> Opt {
    Opt {
        name,
        kind,
        description,
        required: false,
        positional: false,
        complete: None,
        on: On::Both,
        es,
    }
}

pub(super) const fn es(name: &'static str, description: &'static str) -> Es {
    Es { name, description }
}

/// The main text of a command: required, and the words after the command in a terminal.
pub(super) const fn words(name: &'static str, max: u16, description: &'static str, es: Es) -> Opt {
    Opt {
        required: true,
        positional: true,
        ..opt(name, OptKind::Text { max }, description, es)
    }
}

pub(super) const fn completed(mut o: Opt, what: Completing) -> Opt {
    o.complete = Some(what);
    o
}

pub(super) const fn only(mut o: Opt, on: On) -> Opt {
    o.on = on;
    o
}

pub(super) const PRIVATE_OPT: Opt = only(
    opt(
        PRIVATE,
        OptKind::Flag,
        "Only you see the answer (you can post it afterwards)",
        es(
            "privado",
            "Solo tú ves la respuesta (puedes publicarla después)",
        ),
    ),
    On::Discord,
);

pub(super) const OFFSET_OPT: Opt = only(
    opt(
        OFFSET,
        OptKind::Int {
            min: 0,
            max: MAX_OFFSET,
            default: 0,
        },
        "Skip this many results (to page through them)",
        es("desde-resultado", "Saltar este número de resultados"),
    ),
    On::Cli,
);

pub(super) const LANG_OPT: Opt = only(
    opt(
        LANG,
        OptKind::Choice(&["auto", "en", "es"]),
        "Language of the reply: auto (from the question), en or es",
        es("idioma", "Idioma de la respuesta: auto, en o es"),
    ),
    On::Cli,
);

pub(super) const fn row(
    command: Command,
    name: &'static str,
    description: &'static str,
    es: Es,
) -> Spec {
    Spec {
        command,
        name,
        group: None,
        kind: Kind::Slash,
        description,
        options: &[],
        moderator: false,
        cooldown: true,
        answer_id: false,
        on: On::Both,
        es,
    }
}

/// Every command people call by name, in the order help lists them.
pub const TABLE: &[Spec] = &[
    ASK,
    ANSWER,
    DEFINE,
    TIMELINE,
    SOURCE,
    SOURCES,
    TOPICS,
    HELP,
    PRIVACY,
    FORGET_ME,
    REBUT,
    CHECK,
    STATS,
    FIND_SOURCES,
    CHECK_CITATIONS,
    STUDY,
    QUIZ,
    QUIZ_SCORES,
    QUIZ_ANSWER,
];

/// The group a subcommand belongs to, with its description (Discord and the CLI show it).
pub const GROUPS: &[(&str, &str, Es)] = &[(
    "quiz",
    "Quiz questions settled by a source, and this server's scores",
    es(
        "quiz",
        "Preguntas resueltas por una fuente, y los puntos del servidor",
    ),
)];
