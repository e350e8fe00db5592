//! The reply as logged before December 2026 (postcard and JSON rows): a frozen copy of that
//! shape, read so that `answer ID` still shows answers logged by earlier versions. Never
//! change these types: rows in existing databases are in this exact shape.

use crate::commands::reply::{Footer, Item, Reply, Suggestion};
use crate::commands::table::Command;
use crate::corpus::{Scope, SourceKind, Status};
use crate::search::{Correction, Highlighted};
use serde::Deserialize;

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct LoggedV1 {
    pub elided: Vec<u8>,
    pub reply: ReplyV1,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ItemV1 {
    pub passage_id: Option<String>,
    pub source_id: String,
    pub citation: String,
    pub kind: SourceKind,
    pub status: Status,
    pub scope: Vec<Scope>,
    pub heading: Option<String>,
    pub quote: Option<Highlighted>,
    pub note: Highlighted,
    pub url: String,
    pub date: String,
    pub as_of: Option<String>,
    pub score: Option<f32>,
}

/// The footer as it was.
#[derive(Deserialize, Clone)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct FooterV1 {
    pub corpus_version: String,
    pub answer_id: Option<String>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ReplyV1 {
    pub command: String,
    pub title: String,
    pub intro: Option<String>,
    pub items: Vec<ItemV1>,
    pub lines: Vec<String>,
    pub paste: Option<String>,
    pub query: Option<String>,
    pub corrections: Vec<Correction>,
    pub offset: usize,
    pub has_more: bool,
    pub suggestions: Vec<String>,
    pub is_error: bool,
    pub footer: FooterV1,
}

impl From<ItemV1> for Item {
    fn from(i: ItemV1) -> Item {
        Item {
            passage_id: i.passage_id,
            source_id: i.source_id,
            citation: i.citation,
            kind: i.kind,
            status: i.status,
            scope: i.scope,
            heading: i.heading,
            quote: i.quote,
            note: i.note,
            url: i.url,
            date: i.date,
            as_of: i.as_of,
            score: i.score,
            side: None,
            publisher: None,
            section: None,
            event_id: None,
        }
    }
}

impl From<ReplyV1> for Reply {
    fn from(r: ReplyV1) -> Reply {
        let command = match r.command.as_str() {
            "rebut" => Command::Rebut,
            "find-sources" => Command::FindSources,
            _ => Command::Ask,
        };
        let mut reply = Reply::new(command, r.title, &r.footer.corpus_version);
        reply.intro = r.intro;
        reply.items = r.items.into_iter().map(Item::from).collect();
        reply.lines = r.lines;
        reply.paste = r.paste;
        reply.query = r.query;
        reply.corrections = r.corrections;
        reply.offset = r.offset;
        reply.has_more = r.has_more;
        reply.suggestions = r
            .suggestions
            .into_iter()
            .map(|s| match s.as_str() {
                "/topics" => Suggestion::Command(Command::Topics),
                "/help" => Suggestion::Command(Command::Help),
                _ => Suggestion::Term(s),
            })
            .collect();
        reply.is_error = r.is_error;
        reply.footer = Footer {
            corpus_version: r.footer.corpus_version,
            answer_id: r.footer.answer_id,
            current_to: None,
        };
        reply
    }
}
