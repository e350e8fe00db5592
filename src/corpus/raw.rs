//! The shapes of the corpus files as written: every field optional and `Spanned` (so that a
//! missing or bad value is reported at its line), unknown fields refused (so that a misspelt
//! key is caught). `load` turns these into the model, checking each field.

use serde::Deserialize;
use toml::Spanned;

pub type Field<T> = Option<Spanned<T>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub source: Option<Spanned<Source>>,
    #[serde(default)]
    pub passage: Vec<Spanned<Passage>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Field<String>,
    pub title: Field<String>,
    pub short: Field<String>,
    pub kind: Field<String>,
    pub date: Field<String>,
    pub url: Field<String>,
    pub read_at: Field<String>,
    pub publisher: Field<String>,
    pub author: Field<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub verification: Field<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub id: Field<String>,
    pub locator: Field<String>,
    pub quote: Field<String>,
    pub note: Field<String>,
    pub topics: Field<Vec<String>>,
    pub status: Field<String>,
    pub scope: Field<Vec<String>>,
    pub as_of: Field<String>,
    pub date: Field<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub side: Field<String>,
    pub verification: Field<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topics {
    #[serde(default)]
    pub topic: Vec<Spanned<Topic>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: Field<String>,
    pub label: Field<String>,
    pub description: Field<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    #[serde(default)]
    pub event: Vec<Spanned<Event>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Field<String>,
    pub date: Field<String>,
    pub date_note: Field<String>,
    pub title: Field<String>,
    pub summary: Field<String>,
    pub status: Field<String>,
    pub topics: Field<Vec<String>>,
    pub passages: Field<Vec<String>>,
    pub sources: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub term: Vec<Spanned<Term>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: Field<String>,
    pub term: Field<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub definition: Field<String>,
    pub passages: Field<Vec<String>>,
    pub topics: Field<Vec<String>>,
    pub see_also: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    #[serde(default)]
    pub claim: Vec<Spanned<Claim>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: Field<String>,
    pub claim: Field<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    pub made_by: Field<String>,
    pub made_in: Field<String>,
    pub supports: Field<Vec<String>>,
    pub counters: Field<Vec<String>>,
    pub review: Field<String>,
    pub topics: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    #[serde(default)]
    pub question: Vec<Spanned<Question>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Field<String>,
    pub question: Field<String>,
    pub choices: Field<Vec<String>>,
    pub answer: Field<i64>,
    pub passage: Field<String>,
    pub explanation: Field<String>,
    pub topics: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actors {
    #[serde(default)]
    pub actor: Vec<Spanned<Actor>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: Field<String>,
    pub name: Field<String>,
    pub kind: Field<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub summary: Field<String>,
    #[serde(default)]
    pub role: Vec<Spanned<Role>>,
    pub passages: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: Field<String>,
    pub from: Field<String>,
    pub to: Field<String>,
    pub passage: Field<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hosts {
    pub official: Field<Vec<String>>,
    pub outlets: Field<Vec<String>>,
    pub forbidden: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    #[serde(default)]
    pub entry: Vec<Spanned<LexiconEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconEntry {
    pub es: Field<Vec<String>>,
    pub en: Field<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEs {
    #[serde(default)]
    pub term: Vec<Spanned<TermEs>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermEs {
    pub id: Field<String>,
    pub names: Field<Vec<String>>,
    pub definition: Field<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsEs {
    #[serde(default)]
    pub claim: Vec<Spanned<ClaimEs>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEs {
    pub id: Field<String>,
    pub wordings: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicsEs {
    #[serde(default)]
    pub topic: Vec<Spanned<TopicEs>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicEs {
    pub id: Field<String>,
    pub label: Field<String>,
    pub description: Field<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesEs {
    #[serde(default)]
    pub passage: Vec<Spanned<NoteEs>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteEs {
    pub id: Field<String>,
    pub note: Field<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorsEs {
    #[serde(default)]
    pub actor: Vec<Spanned<ActorEs>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEs {
    pub id: Field<String>,
    pub summary: Field<String>,
}
