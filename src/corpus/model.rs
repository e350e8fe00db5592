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
    /// A scholarly legal study or commentary (the ICRC customary-law study, its commentaries).
    Study,
    /// A court filing or petition by a party (a lawsuit, a FOIA complaint, an IACHR petition).
    Filing,
}

impl SourceKind {
    pub const ALL: [SourceKind; 11] = [
        SourceKind::Treaty,
        SourceKind::Statute,
        SourceKind::Case,
        SourceKind::Manual,
        SourceKind::Official,
        SourceKind::Un,
        SourceKind::News,
        SourceKind::Analysis,
        SourceKind::Ngo,
        SourceKind::Study,
        SourceKind::Filing,
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
            SourceKind::Study => "study",
            SourceKind::Filing => "filing",
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
            SourceKind::Study => "Legal study",
            SourceKind::Filing => "Court filing",
        }
    }

    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Primary law: what a reading list puts first.
    pub fn is_primary_law(self) -> bool {
        matches!(
            self,
            SourceKind::Treaty
                | SourceKind::Statute
                | SourceKind::Case
                | SourceKind::Manual
                | SourceKind::Study
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
    /// Other names people type for the topic ("self defence", "double tap").
    pub aliases: Vec<String>,
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
    /// The copy that was actually read to check the words, when it is not `url` (a mirror, a
    /// syndicated copy, an archive). Shown beside `url`, never instead of it.
    pub read_at: Option<String>,
    pub aliases: Vec<String>,
    /// Editors' remarks on how the source was checked: never shown to users.
    pub verification: Option<String>,
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
    /// Whose position the passage states or argues, where the administration and its critics
    /// disagree (None for law, facts and neutral reporting).
    pub side: Option<Side>,
    /// Editors' remarks on how the passage was checked: never shown to users.
    pub verification: Option<String>,
}

/// The two sides of the dispute over the strikes' legality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The US administration's position and those who defend it.
    Administration,
    /// Those who contest it: UN bodies, other governments, NGOs, scholars, families.
    Critics,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Administration, Side::Critics];

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Administration => "administration",
            Side::Critics => "critics",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|k| k.as_str() == s)
    }
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

/// Whether an actor is a person or a body (an agency, a command, a cartel, a UN office).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Body,
}

impl ActorKind {
    pub const ALL: [ActorKind; 2] = [ActorKind::Person, ActorKind::Body];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Body => "body",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A person or body who appears in the corpus (`actors.toml`): who they are, in the project's
/// words, and each role they held, sourced to a passage.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Other names people type: surnames, nicknames, titles ("hegseth", "the secdef").
    pub aliases: Vec<String>,
    /// One or two sentences: who this is and why they matter here.
    pub summary: String,
    pub roles: Vec<Role>,
    /// Passages about what they said or did, the most telling first.
    pub passages: Vec<String>,
}

impl Actor {
    /// Every name the actor goes by: the name, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(&self.aliases)
    }
}

/// One role an actor held, with dates where a source gives them.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The passage that states the role.
    pub passage: String,
}

/// One entry of the Spanish lexicon: Spanish words and phrases people type, and the English
/// words the corpus uses for the same thing.
#[derive(Debug, Clone, Serialize)]
pub struct LexiconEntry {
    pub es: Vec<String>,
    pub en: String,
}

/// The Spanish names and definition of a glossary term.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TermEs {
    pub names: Vec<String>,
    pub definition: String,
}

/// The Spanish label, description and other names of a topic.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TopicEs {
    pub label: String,
    pub description: String,
    pub aliases: Vec<String>,
}

/// What the corpus says in Spanish (`index/es/`): the lexicon that carries Spanish questions to
/// the English corpus, and hand-written Spanish for the glossary, the claims, the topics, the
/// actors' roles and the notes of the passages Spanish speakers see most. Quotes are never
/// translated.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Spanish {
    pub lexicon: Vec<LexiconEntry>,
    /// By glossary term id.
    pub terms: std::collections::HashMap<String, TermEs>,
    /// Spanish wordings of a claim, by claim id.
    pub claims: std::collections::HashMap<String, Vec<String>>,
    /// By topic id.
    pub topics: std::collections::HashMap<String, TopicEs>,
    /// Spanish notes, by passage id.
    pub notes: std::collections::HashMap<String, String>,
    /// Spanish summaries of actors, by actor id.
    pub actors: std::collections::HashMap<String, String>,
}
