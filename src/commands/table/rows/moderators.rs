//! The rows of the commands only moderators may use.

use super::*;

pub const REBUT: Spec = Spec {
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
};

pub const CHECK: Spec = Spec {
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
};

pub const STATS: Spec = Spec {
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
};

pub const FIND_SOURCES: Spec = Spec {
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
};

pub const CHECK_CITATIONS: Spec = Spec {
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
};
