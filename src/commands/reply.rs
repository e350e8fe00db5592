//! `Reply`: what every command returns — plain data that the terminal, JSON and Discord
//! renderers each turn into their own form. No transport types here.

use crate::corpus::{Corpus, Passage, Scope, SourceKind, Status};
use crate::search::{Correction, Highlighted};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Ends every reply.
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
            date: passage
                .date
                .clone()
                .or_else(|| source.map(|s| s.date.clone()))
                .unwrap_or_default(),
            as_of: passage.as_of.clone(),
            score,
        }
    }

    /// The label readers see: "Law · IHL", "Alleged · events".
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

/// What a command produced.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Reply {
    /// The command that produced it (`ask`, `define`, ...).
    pub command: String,
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
    /// Things to try next (glossary terms, commands).
    pub suggestions: Vec<String>,
    /// Whether the reply reports a problem with the request rather than an answer.
    pub is_error: bool,
    pub footer: Footer,
}

impl Reply {
    pub fn new(command: &str, title: impl Into<String>, corpus_version: &str) -> Reply {
        Reply {
            command: command.to_string(),
            title: title.into(),
            footer: Footer {
                corpus_version: corpus_version.to_string(),
                answer_id: None,
            },
            ..Reply::default()
        }
    }

    /// A polite reply to a request that cannot be answered as asked.
    pub fn problem(command: &str, message: impl Into<String>, corpus_version: &str) -> Reply {
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
