//! The corpus data model: what a source, a passage, an event, a term, a claim and a quiz item
//! are, and the closed vocabularies (kind, status, scope) with their human labels.

use serde::{Deserialize, Serialize};

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Treaty,
    Statute,
    Case,
    Manual,
    Official,
    Un,
    News,
    Analysis,
    Ngo,
}

impl SourceKind {
    pub const ALL: [SourceKind; 9] = [
        SourceKind::Treaty,
        SourceKind::Statute,
        SourceKind::Case,
        SourceKind::Manual,
        SourceKind::Official,
        SourceKind::Un,
        SourceKind::News,
        SourceKind::Analysis,
        SourceKind::Ngo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Treaty => "treaty",
            SourceKind::Statute => "statute",
            SourceKind::Case => "case",
            SourceKind::Manual => "manual",
            SourceKind::Official => "official",
            SourceKind::Un => "un",
            SourceKind::News => "news",
            SourceKind::Analysis => "analysis",
            SourceKind::Ngo => "ngo",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Treaty => "Treaty",
            SourceKind::Statute => "Statute",
            SourceKind::Case => "Case law",
            SourceKind::Manual => "Military manual",
            SourceKind::Official => "Official document",
            SourceKind::Un => "UN document",
            SourceKind::News => "News report",
            SourceKind::Analysis => "Expert analysis",
            SourceKind::Ngo => "NGO report",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Primary law: what a reading list puts first.
    pub fn is_primary_law(self) -> bool {
        matches!(
            self,
            SourceKind::Treaty | SourceKind::Statute | SourceKind::Case | SourceKind::Manual
        )
    }
}

/// What a passage is: law, an official statement, a report, an allegation, analysis, or a
/// point on which accounts conflict. An allegation is never shown as fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Law,
    Official,
    Reported,
    Alleged,
    Analysis,
    Disputed,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Law,
        Status::Official,
        Status::Reported,
        Status::Alleged,
        Status::Analysis,
        Status::Disputed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Law => "law",
            Status::Official => "official",
            Status::Reported => "reported",
            Status::Alleged => "alleged",
            Status::Analysis => "analysis",
            Status::Disputed => "disputed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Law => "Law",
            Status::Official => "Official statement",
            Status::Reported => "Reported",
            Status::Alleged => "Alleged",
            Status::Analysis => "Analysis",
            Status::Disputed => "Disputed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Reading-list order: primary law first, then official statements, then reporting, then
    /// analysis.
    pub fn reading_order(self) -> u8 {
        match self {
            Status::Law => 0,
            Status::Official => 1,
            Status::Reported | Status::Alleged | Status::Disputed => 2,
            Status::Analysis => 3,
        }
    }
}

/// Which body of law (or the facts) a passage speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    #[serde(rename = "jus-ad-bellum")]
    JusAdBellum,
    #[serde(rename = "ihl")]
    Ihl,
    #[serde(rename = "ihrl")]
    Ihrl,
    #[serde(rename = "law-of-the-sea")]
    LawOfTheSea,
    #[serde(rename = "us-law")]
    UsLaw,
    #[serde(rename = "events")]
    Events,
}

impl Scope {
    pub const ALL: [Scope; 6] = [
        Scope::JusAdBellum,
        Scope::Ihl,
        Scope::Ihrl,
        Scope::LawOfTheSea,
        Scope::UsLaw,
        Scope::Events,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::JusAdBellum => "jus-ad-bellum",
            Scope::Ihl => "ihl",
            Scope::Ihrl => "ihrl",
            Scope::LawOfTheSea => "law-of-the-sea",
            Scope::UsLaw => "us-law",
            Scope::Events => "events",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scope::JusAdBellum => "jus ad bellum",
            Scope::Ihl => "IHL",
            Scope::Ihrl => "human rights",
            Scope::LawOfTheSea => "law of the sea",
            Scope::UsLaw => "US law",
            Scope::Events => "events",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A topic from `topics.toml`.
#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub description: String,
}

/// A document passages are taken from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub short: Option<String>,
    pub kind: SourceKind,
    pub date: String,
    pub url: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub archive_url: Option<String>,
    pub aliases: Vec<String>,
}

impl Source {
    /// The name used in citations.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.title)
    }
}

/// One citable piece of a source: a pinpoint, a short verbatim quote, a note in our words.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    pub id: String,
    pub source_id: String,
    pub locator: String,
    pub quote: Option<String>,
    pub note: String,
    pub topics: Vec<String>,
    pub status: Status,
    pub scope: Vec<Scope>,
    pub as_of: Option<String>,
    pub date: Option<String>,
    pub aliases: Vec<String>,
}

/// A dated event of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: String,
    pub date: String,
    pub date_note: Option<String>,
    pub title: String,
    pub summary: String,
    pub status: Status,
    pub topics: Vec<String>,
    pub passages: Vec<String>,
    pub sources: Vec<String>,
}

/// A glossary term.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: String,
    pub passages: Vec<String>,
    pub topics: Vec<String>,
    pub see_also: Vec<String>,
}

impl Term {
    /// Every name the term goes by: its name (for "quarter (no quarter)" also "quarter" and
    /// "no quarter"), then its aliases.
    pub fn names(&self) -> Vec<String> {
        let mut names = vec![self.term.clone()];
        if let Some((head, rest)) = self.term.split_once('(') {
            names.push(head.trim().to_string());
            names.push(rest.trim_end_matches(')').trim().to_string());
        }
        names.extend(self.aliases.iter().cloned());
        names
    }
}

/// A claim that circulates in chat, kept apart from its review (after ClaimReview).
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub id: String,
    pub claim: String,
    pub variants: Vec<String>,
    pub made_by: String,
    pub made_in: Option<String>,
    pub supports: Vec<String>,
    pub counters: Vec<String>,
    pub review: String,
    pub topics: Vec<String>,
}

impl Claim {
    /// The ways the claim is put: the claim, then its variants.
    pub fn wordings(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.claim).chain(&self.variants)
    }

    /// The passages the claim cites, each once: where it was made, then what counters it,
    /// then what supports it.
    pub fn cited_passages(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for id in self
            .made_in
            .iter()
            .chain(&self.counters)
            .chain(&self.supports)
        {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        ids
    }
}

/// A study-group question settled by a passage.
#[derive(Debug, Clone, Serialize)]
pub struct QuizItem {
    pub id: String,
    pub question: String,
    pub choices: Vec<String>,
    pub answer: usize,
    pub passage: String,
    pub explanation: Option<String>,
    pub topics: Vec<String>,
}
