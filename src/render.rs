//! Rendering a `Reply` for places other than Discord: terminal text, Markdown (for pasting and
//! for the study-list download) and the JSON shape of `ask --json`.

use crate::commands::table::{self, Command};
use crate::commands::{Card, Item, NOT_LEGAL_ADVICE, Reply, Suggestion};
use crate::search::Correction;
use serde::Serialize;

/// How matched words are marked in terminal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// ANSI bold, for a terminal.
    Ansi,
    /// No marks, for pipes and files.
    None,
}

impl Emphasis {
    fn marks(self) -> (&'static str, &'static str) {
        match self {
            Emphasis::Ansi => ("\x1b[1m", "\x1b[0m"),
            Emphasis::None => ("", ""),
        }
    }
}

/// Terminal text: numbered items with citation, label, quote, note, date and link.
pub fn text(reply: &Reply, emphasis: Emphasis) -> String {
    let (open, close) = emphasis.marks();
    let mut out = String::new();
    out.push_str(&format!("{open}{}{close}\n", reply.title));
    // A paste-ready text already carries the intro (a rebuttal's review).
    if let Some(intro) = reply.intro.as_ref().filter(|_| reply.paste.is_none()) {
        out.push_str(&format!("{}\n", intro.replace('*', "")));
    }
    if let Some(paste) = &reply.paste {
        out.push('\n');
        out.push_str(&paste.replace("**", ""));
        out.push('\n');
    } else {
        if let Some(card) = &reply.card {
            out.push('\n');
            out.push_str(&card_text(card, open, close));
        }
        let mut section = None;
        for (i, item) in reply.items.iter().enumerate() {
            if item.section.is_some() && item.section != section {
                section = item.section;
                if let Some(s) = section {
                    out.push_str(&format!("\n{open}{}{close}\n", s.heading()));
                }
            }
            out.push('\n');
            out.push_str(&item_text(reply.offset + i + 1, item, open, close));
        }
    }
    // A line the paste-ready text already holds ("Claim made by") is not printed twice.
    let lines: Vec<&String> = reply
        .lines
        .iter()
        .filter(|l| reply.paste.as_ref().is_none_or(|p| !p.contains(l.as_str())))
        .collect();
    if !lines.is_empty() {
        out.push('\n');
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    if reply.has_more {
        out.push_str(&more_hint(reply));
    }
    if !reply.suggestions.is_empty() {
        let hints: Vec<String> = reply.suggestions.iter().map(cli_hint).collect();
        out.push_str(&format!("\nTry: {}\n", hints.join(" · ")));
    }
    let mut footer = reply.footer.text();
    if reply
        .paste
        .as_ref()
        .is_some_and(|p| p.contains(NOT_LEGAL_ADVICE))
    {
        footer = footer.replace(&format!(" · {NOT_LEGAL_ADVICE}"), "");
    }
    out.push_str(&format!("\n{footer}\n"));
    out
}

/// How to see the next items, in the terminal's words.
fn more_hint(reply: &Reply) -> String {
    let next = reply.offset + reply.items.len().max(reply.lines.len());
    let pages = reply.command.spec().is_some_and(|s| {
        s.options
            .iter()
            .any(|o| o.name == table::OFFSET && o.on.cli())
    });
    match (reply.command, pages) {
        (Command::Study, _) => "\n(the full list: add --all)\n".to_string(),
        (_, true) => format!("\n(more: add --offset {next})\n"),
        _ => String::new(),
    }
}

/// A suggestion as a terminal command.
pub fn cli_hint(suggestion: &Suggestion) -> String {
    let quoted = |t: &str| {
        if t.contains(char::is_whitespace) {
            format!("\"{t}\"")
        } else {
            t.to_string()
        }
    };
    match suggestion {
        Suggestion::Command(c) => match c.spec() {
            Some(spec) => match spec.group {
                Some(group) => format!("fathom {group} {}", spec.name),
                None => format!("fathom {}", spec.name),
            },
            None => format!("fathom {}", c.as_str()),
        },
        Suggestion::Term(t) => format!("fathom define {}", quoted(t)),
        Suggestion::Topic(t) => format!("fathom study {t}"),
        Suggestion::Source(s) => format!("fathom source {s}"),
        Suggestion::Question(q) => format!("fathom ask {}", quoted(q)),
    }
}

/// A glossary entry or a profile, before the passages.
fn card_text(card: &Card, open: &str, close: &str) -> String {
    match card {
        Card::Term(t) => {
            let mut out = format!("{open}{}{close}\n{}\n", t.name, t.definition);
            if !t.also.is_empty() {
                out.push_str(&format!("Also called: {}\n", t.also.join(", ")));
            }
            out
        }
        Card::Actor(a) => {
            let mut out = format!("{open}{}{close}\n{}\n", a.name, a.summary);
            for r in &a.roles {
                out.push_str(&format!("- {}{} ({})\n", r.title, r.dates(), r.citation));
            }
            out
        }
    }
}

fn item_text(n: usize, item: &Item, open: &str, close: &str) -> String {
    let mut out = String::new();
    if let Some(h) = &item.heading {
        out.push_str(&format!(
            "{n}. {h}\n   {}  [{}]\n",
            item.citation,
            item.label()
        ));
    } else {
        out.push_str(&format!("{n}. {}  [{}]\n", item.citation, item.label()));
    }
    if let Some(id) = &item.passage_id {
        out.push_str(&format!("   (source {}, passage {id})\n", item.source_id));
    } else if !item.source_id.is_empty() {
        out.push_str(&format!("   (source {})\n", item.source_id));
    }
    if let Some(q) = &item.quote {
        out.push_str(&format!("   \"{}\"\n", q.render(open, close)));
    }
    out.push_str(&format!("   {}\n", item.note.render(open, close)));
    let mut meta = item.date.clone();
    if let Some(as_of) = &item.as_of {
        meta.push_str(&format!(" (figures as of {as_of})"));
    }
    out.push_str(&format!("   {meta} · {}\n", item.url));
    out
}

/// Markdown: a heading, the intro, one bullet per item with a link. Used for the study-list
/// download and anywhere a reply is pasted into a document.
pub fn markdown(reply: &Reply) -> String {
    let mut out = format!("# {}\n\n", reply.title);
    if let Some(intro) = &reply.intro {
        out.push_str(&format!("{intro}\n\n"));
    }
    if let Some(paste) = &reply.paste {
        out.push_str(paste);
        out.push_str("\n\n");
    } else {
        let mut group = None;
        for item in &reply.items {
            let this = item.status.reading_order();
            if reply.command == Command::Study && group != Some(this) {
                let name = match this {
                    0 => "Primary law",
                    1 => "Official statements",
                    2 => "Reporting",
                    _ => "Analysis",
                };
                out.push_str(&format!("## {name}\n\n"));
                group = Some(this);
            }
            out.push_str(&format!(
                "- **{}** ({}; {})",
                item.citation,
                item.label(),
                item.date
            ));
            if let Some(q) = &item.quote {
                out.push_str(&format!(" — \"{}\"", q.render("**", "**")));
            }
            out.push_str(&format!(
                "\n  {} <{}>\n",
                item.note.render("**", "**"),
                item.url
            ));
        }
        out.push('\n');
    }
    for line in &reply.lines {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str(&format!("\n_{}_\n", reply.footer.text()));
    if !out.contains(NOT_LEGAL_ADVICE) {
        out.push_str(NOT_LEGAL_ADVICE);
    }
    out
}

/// The JSON of `ask --json`: `{"query", "answer_id", "corrections", "intent", "entities",
/// "current_to", "out_of_scope", "card", "hits": [{passage_id, source_id, citation, kind,
/// status, url, date, quote, note, score, section}]}`, hits in the answer's order.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct AskJson {
    pub query: String,
    pub answer_id: Option<String>,
    pub corrections: Vec<Correction>,
    /// What the question asks for: legality, definition, person, count, event, claim or
    /// general.
    pub intent: Option<String>,
    /// What it names: glossary terms, actors, dates and legal references.
    pub entities: Option<crate::search::understand::Entities>,
    /// The date of the corpus's newest dated event or figure.
    pub current_to: Option<String>,
    /// True when nothing in the corpus answers the question (then `hits` is empty).
    #[serde(default)]
    pub out_of_scope: bool,
    /// The glossary entry or profile the answer opens with.
    pub card: Option<crate::commands::Card>,
    /// What the answer says before its passages, if anything: why there are none (out of
    /// scope, a provision that does not exist), or a spelling correction.
    #[serde(default)]
    pub notice: Option<String>,
    pub hits: Vec<AskHit>,
}

#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct AskHit {
    pub passage_id: String,
    pub source_id: String,
    pub citation: String,
    pub kind: String,
    pub status: String,
    pub url: String,
    pub date: String,
    pub quote: Option<String>,
    pub note: String,
    pub score: f32,
    /// The part of the answer the passage is in ("law", "administration", "critics",
    /// "facts", "figures", "timeline"), when the answer has parts.
    #[serde(default)]
    pub section: Option<String>,
}

pub fn ask_json(reply: &Reply) -> AskJson {
    AskJson {
        query: reply.query.clone().unwrap_or_default(),
        answer_id: reply.footer.answer_id.clone(),
        corrections: reply.corrections.clone(),
        intent: reply
            .understanding
            .as_ref()
            .map(|u| u.intent.as_str().to_string()),
        entities: reply.understanding.as_ref().map(|u| u.entities.clone()),
        current_to: reply.footer.current_to.clone(),
        out_of_scope: reply.out_of_scope,
        card: reply.card.clone(),
        notice: reply.intro.clone(),
        hits: reply
            .items
            .iter()
            .map(|i| AskHit {
                passage_id: i.passage_id.clone().unwrap_or_default(),
                source_id: i.source_id.clone(),
                citation: i.citation.clone(),
                kind: i.kind.as_str().to_string(),
                status: i.status.as_str().to_string(),
                url: i.url.clone(),
                date: i.date.clone(),
                quote: i.quote.as_ref().map(|q| q.text.clone()),
                note: i.note.text.clone(),
                score: i.score.unwrap_or(0.0),
                section: i.section.map(|s| s.as_str().to_string()),
            })
            .collect(),
    }
}
