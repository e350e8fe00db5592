//! `help`: what fathom covers, the commands for members, moderators and educators, and
//! example questions (each of which the corpus answers: a test keeps them honest).

use super::{Command, Fathom, Reply};

/// Questions shown by `/help`.
pub const EXAMPLE_QUESTIONS: &[&str] = &[
    "Is it lawful to attack shipwrecked survivors?",
    "What does Article 51 of the UN Charter allow?",
    "What happened in the September 2 strike?",
    "Did Congress authorize the strikes under the War Powers Resolution?",
    "Are cartel members combatants?",
];

impl Fathom {
    pub fn help_reply(&self) -> Reply {
        let mut reply = Reply::new(Command::Help, "How to use fathom", self.version());
        reply.intro = Some(format!(
            "fathom answers questions about the US strikes on alleged drug boats (2025–) and the \
law around them with sourced passages: a pinpoint citation, a short quote, a note and a link. \
Each passage is labelled (law, official statement, reported, alleged, analysis) so that an \
allegation is never mistaken for a fact. Sources: {} · passages: {}.",
            self.corpus.sources.len(),
            self.corpus.passages.len()
        ));
        reply.lines = vec![
            "**Everyone**".into(),
            "/ask: the best passages for a question (private first; \"Post publicly\" shares it)".into(),
            "/define: a glossary term · /source: a source's full card · /timeline: dated events".into(),
            "/answer: a past answer by the id in its footer · /topics: what fathom covers".into(),
            "/privacy: what is stored and for how long · /forget-me: delete what is stored about you".into(),
            "**Moderators** (Manage Messages)".into(),
            "/rebut: a sourced answer to a claim with numbered footnotes".into(),
            "Right-click a message → Apps → \"Find sources\" or \"Check citations\"".into(),
            "/check: are the legal references in a text in the corpus? · /stats: usage and content gaps".into(),
            "**Educators**".into(),
            "/study: a reading list on a topic, primary law first, downloadable as Markdown".into(),
            "/quiz question: a question with answer buttons · /quiz scores: this server's top 10".into(),
            "**Try asking**".into(),
        ];
        reply
            .lines
            .extend(EXAMPLE_QUESTIONS.iter().map(|q| format!("• {q}")));
        reply
    }
}
