//! `Reply`: what every command returns — plain data that the terminal, JSON and Discord
//! renderers each turn into their own form. No transport types here.

use super::feedback::FeedbackOutcome;
use super::quiz::QuizQuestion;
use super::table::Command;
use crate::corpus::{Corpus, Passage, Scope, Side, SourceKind, Status};
use crate::search::understand::Understanding;
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
    /// The part of a composed answer the item belongs to ("The law", "Its critics").
    pub section: Option<Section>,
    /// For a timeline entry, the event's id.
    pub event_id: Option<String>,
}

/// The parts of an answer shaped by its question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// The governing law.
    Law,
    /// The US administration's position and its defenders'.
    Administration,
    /// Its critics' position.
    Critics,
    /// What happened, as reported or officially stated.
    Facts,
    /// Running figures, newest first.
    Figures,
    /// Timeline entries.
    Timeline,
    /// The passages a glossary entry or a profile rests on.
    Sources,
    /// What the supporters of a reviewed claim cite.
    Supports,
    /// What the critics of a reviewed claim cite.
    Counters,
    /// Everything else that matched, best first.
    More,
}

impl Section {
    /// The section's name in JSON ("law", "administration", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Law => "law",
            Section::Administration => "administration",
            Section::Critics => "critics",
            Section::Facts => "facts",
            Section::Figures => "figures",
            Section::Timeline => "timeline",
            Section::Sources => "sources",
            Section::Supports => "supports",
            Section::Counters => "counters",
            Section::More => "more",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            Section::Law => "The law",
            Section::Administration => "The administration's position",
            Section::Critics => "Its critics",
            Section::Facts => "Key facts",
            Section::Figures => "The latest figures",
            Section::Timeline => "On the timeline",
            Section::Sources => "Sources",
            Section::Supports => "What supporters cite",
            Section::Counters => "What critics cite",
            Section::More => "Also relevant",
        }
    }
}

/// A card shown before the passages: a glossary entry, or a person's or body's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Card {
    Term(TermCard),
    Actor(ActorCard),
}

impl Card {
    pub fn id(&self) -> &str {
        match self {
            Card::Term(t) => &t.id,
            Card::Actor(a) => &a.id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermCard {
    pub id: String,
    pub name: String,
    pub definition: String,
    /// A few of the other names it goes by.
    pub also: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorCard {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub roles: Vec<RoleLine>,
}

/// One role on a profile, with the passage that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleLine {
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub passage_id: String,
    pub citation: String,
    pub url: String,
}

impl RoleLine {
    /// ", since Jan 2026", ", Nov 2024 to 12 Dec 2025", or nothing.
    pub fn dates(&self) -> String {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => format!(", {f} to {t}"),
            (Some(f), None) => format!(", since {f}"),
            (None, Some(t)) => format!(", until {t}"),
            (None, None) => String::new(),
        }
    }
}

/// The reviewed claim a statement was matched to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimMatch {
    pub claim_id: String,
    /// How closely the statement says the claim (0 to 1).
    pub score: f32,
    /// The statement says the opposite of the reviewed claim.
    pub opposite: bool,
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
            section: None,
            event_id: None,
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
    /// The date of the corpus's newest dated event or figure: how current the answer is.
    pub current_to: Option<String>,
}

impl Footer {
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(id) = &self.answer_id {
            parts.push(format!("answer {id}"));
        }
        if let Some(day) = &self.current_to {
            parts.push(format!("sources to {day}"));
        }
        parts.push(format!("corpus {}", self.corpus_version));
        parts.push(NOT_LEGAL_ADVICE.to_string());
        parts.join(" · ")
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
    /// What the question asked for and named (`ask`, `rebut`).
    pub understanding: Option<Understanding>,
    /// A glossary entry or a profile, shown before the passages.
    pub card: Option<Card>,
    /// Nothing in the corpus answers the question: no passages are shown.
    pub out_of_scope: bool,
    /// The reviewed claim a statement matched (`rebut`).
    pub claim_match: Option<ClaimMatch>,
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
            understanding: None,
            card: None,
            out_of_scope: false,
            claim_match: None,
            footer: Footer {
                corpus_version: corpus_version.to_string(),
                answer_id: None,
                current_to: None,
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
