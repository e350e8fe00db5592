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

const fn opt(name: &'static str, kind: OptKind, description: &'static str, es: Es) -> Opt {
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

const fn es(name: &'static str, description: &'static str) -> Es {
    Es { name, description }
}

/// The main text of a command: required, and the words after the command in a terminal.
const fn words(name: &'static str, max: u16, description: &'static str, es: Es) -> Opt {
    Opt {
        required: true,
        positional: true,
        ..opt(name, OptKind::Text { max }, description, es)
    }
}

const fn completed(mut o: Opt, what: Completing) -> Opt {
    o.complete = Some(what);
    o
}

const fn only(mut o: Opt, on: On) -> Opt {
    o.on = on;
    o
}

const PRIVATE_OPT: Opt = only(
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

const OFFSET_OPT: Opt = only(
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

const LANG_OPT: Opt = only(
    opt(
        LANG,
        OptKind::Choice(&["auto", "en", "es"]),
        "Language of the reply: auto (from the question), en or es",
        es("idioma", "Idioma de la respuesta: auto, en o es"),
    ),
    On::Cli,
);

const fn row(command: Command, name: &'static str, description: &'static str, es: Es) -> Spec {
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

/// Every command people call by name.
pub const TABLE: &[Spec] = &[
    Spec {
        answer_id: true,
        options: &[
            words(
                QUESTION,
                1000,
                "Your question, in your own words",
                es("pregunta", "Tu pregunta, con tus palabras"),
            ),
            PRIVATE_OPT,
            only(
                opt(
                    MENTION,
                    OptKind::User,
                    "Address the answer to someone (only they are notified)",
                    es(
                        "mencionar",
                        "Dirigir la respuesta a alguien (solo esa persona recibe aviso)",
                    ),
                ),
                On::Discord,
            ),
            only(
                opt(
                    K,
                    OptKind::Int {
                        min: 1,
                        max: 25,
                        default: 3,
                    },
                    "How many passages to show",
                    es("cuantos", "Cuántos pasajes mostrar"),
                ),
                On::Cli,
            ),
            OFFSET_OPT,
            LANG_OPT,
        ],
        ..row(
            Command::Ask,
            "ask",
            "The best sourced passages for a question",
            es(
                "preguntar",
                "Los mejores pasajes con fuentes para una pregunta",
            ),
        )
    },
    Spec {
        options: &[words(
            ID,
            32,
            "The answer id, like k3v9x2pq",
            es("id", "El id de la respuesta, como k3v9x2pq"),
        )],
        ..row(
            Command::Answer,
            "answer",
            "Show a past answer again, by the id in its footer",
            es(
                "respuesta",
                "Volver a mostrar una respuesta por el id de su pie",
            ),
        )
    },
    Spec {
        options: &[
            completed(
                words(
                    TERM,
                    100,
                    "The term (aliases work: LOAC, API 41)",
                    es("termino", "El término (valen alias: DIH, PA I 41)"),
                ),
                Completing::Term,
            ),
            LANG_OPT,
        ],
        ..row(
            Command::Define,
            "define",
            "A glossary term with its supporting passages",
            es(
                "definir",
                "Un término del glosario con sus pasajes de apoyo",
            ),
        )
    },
    Spec {
        options: &[
            opt(
                FROM,
                OptKind::Text { max: 10 },
                "First date: 2025-09-02, 2025-09 or 2025",
                es("desde", "Primera fecha: 2025-09-02, 2025-09 o 2025"),
            ),
            opt(
                TO,
                OptKind::Text { max: 10 },
                "Last date",
                es("hasta", "Última fecha"),
            ),
            completed(
                opt(
                    TOPIC,
                    OptKind::Text { max: 100 },
                    "Only events on this topic",
                    es("tema", "Solo hechos de este tema"),
                ),
                Completing::Topic,
            ),
            opt(
                NEWEST,
                OptKind::Flag,
                "Newest first",
                es("recientes", "Los más recientes primero"),
            ),
            PRIVATE_OPT,
            OFFSET_OPT,
            only(
                opt(
                    LIMIT,
                    OptKind::Int {
                        min: 1,
                        max: 100,
                        default: 20,
                    },
                    "Events to show",
                    es("limite", "Cuántos hechos mostrar"),
                ),
                On::Cli,
            ),
        ],
        ..row(
            Command::Timeline,
            "timeline",
            "Dated events of the campaign",
            es("cronologia", "Los hechos fechados de la campaña"),
        )
    },
    Spec {
        options: &[completed(
            words(
                ID,
                100,
                "The source: its id, a passage id or its title (type to search)",
                es("id", "La fuente: su id, el id de un pasaje o su título"),
            ),
            Completing::Source,
        )],
        ..row(
            Command::Source,
            "source",
            "A source's full card: title, publisher, date, kind, link, passages",
            es(
                "fuente",
                "La ficha de una fuente: título, editor, fecha, tipo, enlace, pasajes",
            ),
        )
    },
    Spec {
        options: &[
            Opt {
                required: false,
                ..words(
                    QUERY,
                    200,
                    "Words of a title, publisher, author or id (none: list all)",
                    es("buscar", "Palabras del título, editor, autor o id"),
                )
            },
            OFFSET_OPT,
        ],
        on: On::Cli,
        ..row(
            Command::Sources,
            "sources",
            "List the sources, or search them by title, publisher, author or id",
            es("fuentes", "Listar o buscar las fuentes"),
        )
    },
    row(
        Command::Topics,
        "topics",
        "What fathom covers",
        es("temas", "Lo que cubre fathom"),
    ),
    Spec {
        cooldown: false,
        ..row(
            Command::Help,
            "help",
            "How to use fathom, with example questions",
            es("ayuda", "Cómo usar fathom, con preguntas de ejemplo"),
        )
    },
    Spec {
        cooldown: false,
        ..row(
            Command::Privacy,
            "privacy",
            "What fathom stores about you, and for how long",
            es(
                "privacidad",
                "Qué guarda fathom sobre ti y por cuánto tiempo",
            ),
        )
    },
    Spec {
        cooldown: false,
        ..row(
            Command::ForgetMe,
            "forget-me",
            "Delete your logged questions, feedback votes and quiz scores",
            es(
                "olvidarme",
                "Borrar tus preguntas registradas, tus votos y tus puntos",
            ),
        )
    },
    Spec {
        moderator: true,
        answer_id: true,
        options: &[
            words(
                CLAIM,
                1500,
                "The claim, as made",
                es("afirmacion", "La afirmación, tal como se hizo"),
            ),
            LANG_OPT,
        ],
        ..row(
            Command::Rebut,
            "rebut",
            "A sourced rebuttal of a claim with numbered footnotes (moderators)",
            es(
                "refutar",
                "Una respuesta con fuentes a una afirmación (moderadores)",
            ),
        )
    },
    Spec {
        moderator: true,
        options: &[words(
            TEXT,
            2000,
            "Text citing Article 51, 50 U.S.C. 1541, ... (in a terminal, - reads standard input)",
            es(
                "texto",
                "Texto que cita el artículo 51, 50 U.S.C. 1541, ...",
            ),
        )],
        ..row(
            Command::Check,
            "check",
            "Are the legal references in a text in the corpus? (moderators)",
            es(
                "verificar",
                "¿Están en el corpus las referencias legales de un texto? (moderadores)",
            ),
        )
    },
    Spec {
        moderator: true,
        options: &[opt(
            DAYS,
            OptKind::Int {
                min: 1,
                max: 365,
                default: 7,
            },
            "How many days back (default 7)",
            es("dias", "Cuántos días atrás (7 por defecto)"),
        )],
        ..row(
            Command::Stats,
            "stats",
            "Usage, top queries, content gaps and feedback (moderators)",
            es(
                "estadisticas",
                "Uso, preguntas frecuentes, vacíos y votos (moderadores)",
            ),
        )
    },
    Spec {
        kind: Kind::Message,
        moderator: true,
        answer_id: true,
        on: On::Discord,
        ..row(
            Command::FindSources,
            "Find sources",
            "Sources on a message's claims",
            es("Buscar fuentes", "Fuentes sobre lo que afirma un mensaje"),
        )
    },
    Spec {
        kind: Kind::Message,
        moderator: true,
        on: On::Discord,
        ..row(
            Command::CheckCitations,
            "Check citations",
            "Are a message's legal references in the corpus?",
            es(
                "Verificar citas",
                "¿Están en el corpus las referencias legales de un mensaje?",
            ),
        )
    },
    Spec {
        options: &[
            completed(
                words(TOPIC, 100, "The topic", es("tema", "El tema")),
                Completing::Topic,
            ),
            PRIVATE_OPT,
            only(
                opt(
                    LIMIT,
                    OptKind::Int {
                        min: 1,
                        max: 500,
                        default: 12,
                    },
                    "How many items (primary law first)",
                    es("limite", "Cuántos elementos (primero la ley)"),
                ),
                On::Cli,
            ),
            only(
                opt(
                    ALL,
                    OptKind::Flag,
                    "The full list",
                    es("todo", "La lista completa"),
                ),
                On::Cli,
            ),
            only(
                opt(
                    MARKDOWN,
                    OptKind::Flag,
                    "Print the list as Markdown",
                    es("markdown", "Imprimir la lista en Markdown"),
                ),
                On::Cli,
            ),
        ],
        ..row(
            Command::Study,
            "study",
            "A reading list on a topic for a study group, primary law first",
            es(
                "estudiar",
                "Una lista de lectura sobre un tema, primero la ley",
            ),
        )
    },
    Spec {
        group: Some("quiz"),
        options: &[completed(
            opt(
                TOPIC,
                OptKind::Text { max: 100 },
                "Only questions on this topic",
                es("tema", "Solo preguntas de este tema"),
            ),
            Completing::Topic,
        )],
        ..row(
            Command::Quiz,
            "question",
            "A quiz question with answer buttons",
            es("pregunta", "Una pregunta con botones de respuesta"),
        )
    },
    Spec {
        group: Some("quiz"),
        ..row(
            Command::QuizScores,
            "scores",
            "This server's top 10",
            es("puntuaciones", "Los 10 mejores de este servidor"),
        )
    },
    Spec {
        group: Some("quiz"),
        on: On::Cli,
        options: &[
            words(
                ID,
                64,
                "The question id (shown with the question)",
                es("id", "El id de la pregunta"),
            ),
            Opt {
                positional: true,
                ..opt(
                    CHOICE,
                    OptKind::Text { max: 1 },
                    "Your answer: A, B, C, ...",
                    es("opcion", "Tu respuesta: A, B, C, ..."),
                )
            },
        ],
        ..row(
            Command::QuizAnswer,
            "answer",
            "Answer a quiz question",
            es("responder", "Responder una pregunta"),
        )
    },
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
