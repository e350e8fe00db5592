//! `Reply`: what every command returns — plain data that the terminal, JSON and Discord
//! renderers each turn into their own form. No transport types here.

use super::feedback::FeedbackOutcome;
use super::quiz::QuizQuestion;
use super::table::Command;
use crate::corpus::{Corpus, Passage, Scope, Side, SourceKind, Status};
use crate::search::{Correction, Highlighted};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Ends every reply that could be taken for advice.
pub const NOT_LEGAL_ADVICE: &str = "Not legal advice.";

/// One cited passage (or a timeline event, which cites its passage).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Item {
    pub passage_id: Option<String>,
    pub source_id: String,
    /// Pinpoint citation: `GC II, Art. 12(1)`.
    pub citation: String,
    pub kind: SourceKind,
    pub status: Status,
    pub scope: Vec<Scope>,
    /// A heading above the citation (a timeline event's date and title).
    pub heading: Option<String>,
    pub quote: Option<Highlighted>,
    pub note: Highlighted,
    pub url: String,
    pub date: String,
    pub as_of: Option<String>,
    pub score: Option<f32>,
    /// Whose position the passage states, where the two sides disagree.
    pub side: Option<Side>,
    /// The publisher (or, for law, the instrument's short name) shown on the label line.
    pub publisher: Option<String>,
}

impl Item {
    /// An item for a passage, with the query terms highlighted.
    pub fn from_passage(
        corpus: &Corpus,
        passage: &Passage,
        highlight: impl Fn(&str) -> Highlighted,
        score: Option<f32>,
    ) -> Item {
        let source = corpus.source_of(passage);
        Item {
            passage_id: Some(passage.id.clone()),
            source_id: passage.source_id.clone(),
            citation: corpus.citation(passage),
            kind: source.map(|s| s.kind).unwrap_or(SourceKind::Analysis),
            status: passage.status,
            scope: passage.scope.clone(),
            heading: None,
            quote: passage.quote.as_deref().map(&highlight),
            note: highlight(&passage.note),
            url: source.map(|s| s.url.clone()).unwrap_or_default(),
            date: corpus.date_of(passage),
            as_of: passage.as_of.clone(),
            score,
            side: passage.side,
            publisher: source.and_then(|s| s.publisher.clone()),
        }
    }

    /// The label readers see: "Law · IHL", "Reported · events".
    pub fn label(&self) -> String {
        let scopes: Vec<&str> = self.scope.iter().map(|s| s.label()).collect();
        if scopes.is_empty() {
            self.status.label().to_string()
        } else {
            format!("{} · {}", self.status.label(), scopes.join(", "))
        }
    }
}

/// The footer every reply carries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Footer {
    pub corpus_version: String,
    pub answer_id: Option<String>,
}

impl Footer {
    pub fn text(&self) -> String {
        match &self.answer_id {
            Some(id) => format!(
                "answer {id} · corpus {} · {NOT_LEGAL_ADVICE}",
                self.corpus_version
            ),
            None => format!("corpus {} · {NOT_LEGAL_ADVICE}", self.corpus_version),
        }
    }
}

/// Something to try next. Each transport writes it its own way: `fathom define quarter` in a
/// terminal, a clickable `</define:…>` mention in Discord.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum Suggestion {
    /// Another command, without arguments.
    Command(Command),
    /// A glossary term to look up.
    Term(String),
    /// A topic, by id.
    Topic(String),
    /// A source, by id.
    Source(String),
    /// A question to ask.
    Question(String),
}

/// What a few commands return beside the reply, for the transport to act on (not logged).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Extra {
    #[default]
    None,
    /// A quiz question to answer (its choices become buttons).
    Quiz(QuizQuestion),
    /// What became of a vote.
    Vote(FeedbackOutcome),
    /// The filter a timeline page was made with (its page buttons keep it).
    Timeline(super::timeline::Filter),
    /// The numbers behind a statistics reply.
    Stats(crate::store::Stats),
}

/// What a command produced.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reply {
    /// The command that produced it.
    pub command: Command,
    pub title: String,
    /// Text shown before the items: a definition, a review, a notice.
    pub intro: Option<String>,
    pub items: Vec<Item>,
    /// Plain lines after the items (statistics, "see also").
    pub lines: Vec<String>,
    /// Paste-ready text with numbered footnotes (`rebut`).
    pub paste: Option<String>,
    /// The query as typed, for search commands.
    pub query: Option<String>,
    pub corrections: Vec<Correction>,
    /// Position of the first item in the full result list, and whether more follow.
    pub offset: usize,
    pub has_more: bool,
    /// How many items the full list has, when known (timeline, sources, reading lists).
    pub total: Option<usize>,
    /// Things to try next.
    pub suggestions: Vec<Suggestion>,
    /// Whether the reply reports a problem with the request rather than an answer.
    pub is_error: bool,
    pub footer: Footer,
    #[serde(skip)]
    pub extra: Extra,
}

impl Reply {
    pub fn new(command: Command, title: impl Into<String>, corpus_version: &str) -> Reply {
        Reply {
            command,
            title: title.into(),
            intro: None,
            items: Vec::new(),
            lines: Vec::new(),
            paste: None,
            query: None,
            corrections: Vec::new(),
            offset: 0,
            has_more: false,
            total: None,
            suggestions: Vec::new(),
            is_error: false,
            footer: Footer {
                corpus_version: corpus_version.to_string(),
                answer_id: None,
            },
            extra: Extra::None,
        }
    }

    /// A polite reply to a request that cannot be answered as asked.
    pub fn problem(command: Command, message: impl Into<String>, corpus_version: &str) -> Reply {
        let mut reply = Reply::new(command, "Sorry, I can't do that", corpus_version);
        reply.intro = Some(message.into());
        reply.is_error = true;
        reply
    }

    pub fn passage_ids(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.items
            .iter()
            .filter_map(|i| i.passage_id.clone())
            .filter(|id| seen.insert(id.clone()))
            .collect()
    }

    /// "showing results for *proportionality*" when typo correction changed the query.
    pub fn correction_notice(&self) -> Option<String> {
        if self.corrections.is_empty() {
            return None;
        }
        let words: Vec<String> = self.corrections.iter().map(|c| c.to.clone()).collect();
        let from: Vec<String> = self.corrections.iter().map(|c| c.from.clone()).collect();
        Some(format!(
            "showing results for *{}* (you typed {})",
            words.join(" "),
            from.join(", ")
        ))
    }
}
