//! The rows of the commands everyone may use.

use super::*;

pub const ASK: Spec = Spec {
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
};

pub const ANSWER: Spec = Spec {
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
};

pub const DEFINE: Spec = Spec {
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
};

pub const TIMELINE: Spec = Spec {
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
};

pub const SOURCE: Spec = Spec {
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
};

pub const SOURCES: Spec = Spec {
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
};

pub const TOPICS: Spec = row(
    Command::Topics,
    "topics",
    "What fathom covers",
    es("temas", "Lo que cubre fathom"),
);

pub const HELP: Spec = Spec {
    cooldown: false,
    ..row(
        Command::Help,
        "help",
        "How to use fathom, with example questions",
        es("ayuda", "Cómo usar fathom, con preguntas de ejemplo"),
    )
};

pub const PRIVACY: Spec = Spec {
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
};

pub const FORGET_ME: Spec = Spec {
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
};

pub const STUDY: Spec = Spec {
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
};

pub const QUIZ: Spec = Spec {
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
};

pub const QUIZ_SCORES: Spec = Spec {
    group: Some("quiz"),
    ..row(
        Command::QuizScores,
        "scores",
        "This server's top 10",
        es("puntuaciones", "Los 10 mejores de este servidor"),
    )
};

pub const QUIZ_ANSWER: Spec = Spec {
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
};
