//! The Spanish layer of the corpus, in `index/es/`: the lexicon that carries a Spanish question
//! to the corpus's English words (`lexicon.toml`), and hand-written Spanish for what fathom
//! shows of the corpus — glossary names and definitions, claim wordings, topic names, actors'
//! summaries and the notes of the passages Spanish speakers see most. Each entry names the id
//! of what it translates; an unknown id is a problem like any dangling reference.

use super::file::File;
use super::load::read;
use super::model::{LexiconEntry, Spanish, TermEs, TopicEs};
use super::raw;
use super::registry::{CorpusError, Registry, Target};
use std::collections::HashMap;
use std::path::Path;

pub fn load(reg: &mut Registry, dir: &Path) -> Result<Spanish, CorpusError> {
    Ok(Spanish {
        lexicon: read(reg, &dir.join("lexicon.toml"), lexicon)?.unwrap_or_default(),
        terms: read(reg, &dir.join("glossary.toml"), terms)?.unwrap_or_default(),
        claims: read(reg, &dir.join("claims.toml"), claims)?.unwrap_or_default(),
        topics: read(reg, &dir.join("topics.toml"), topics)?.unwrap_or_default(),
        notes: read(reg, &dir.join("notes.toml"), notes)?.unwrap_or_default(),
        actors: read(reg, &dir.join("actors.toml"), actors)?.unwrap_or_default(),
    })
}

fn lexicon(raw: raw::Lexicon, f: &mut File) -> Vec<LexiconEntry> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in raw.entry {
        let at = e.span().start;
        let e = e.into_inner();
        let what = "lexicon entry";
        let (es, es_at) = f.non_empty(what, at, e.es, "es");
        let en = f.required(what, at, e.en, "en");
        for phrase in &es {
            let key = super::fold(phrase);
            if key.trim().is_empty() {
                f.problem(es_at, format!("{what}: an empty Spanish phrase"));
            } else if !seen.insert(key) {
                f.problem(
                    es_at,
                    format!(
                        "{what}: the Spanish phrase `{phrase}` is listed twice (accents aside)"
                    ),
                );
            }
        }
        out.push(LexiconEntry { es, en });
    }
    out
}

fn terms(raw: raw::GlossaryEs, f: &mut File) -> HashMap<String, TermEs> {
    let mut out = HashMap::new();
    for t in raw.term {
        let at = t.span().start;
        let t = t.into_inner();
        let id = f.id_of(Target::Term, "Spanish term", at, t.id);
        let what = format!("Spanish term `{id}`");
        let (names, _) = f.non_empty(&what, at, t.names, "names");
        let definition = f.required(&what, at, t.definition, "definition");
        out.insert(id, TermEs { names, definition });
    }
    out
}

fn claims(raw: raw::ClaimsEs, f: &mut File) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    for c in raw.claim {
        let at = c.span().start;
        let c = c.into_inner();
        let id = f.id_of(Target::Claim, "Spanish claim", at, c.id);
        let what = format!("Spanish claim `{id}`");
        let (wordings, _) = f.non_empty(&what, at, c.wordings, "wordings");
        out.insert(id, wordings);
    }
    out
}

fn topics(raw: raw::TopicsEs, f: &mut File) -> HashMap<String, TopicEs> {
    let mut out = HashMap::new();
    for t in raw.topic {
        let at = t.span().start;
        let t = t.into_inner();
        let id = f.id_of(Target::Topic, "Spanish topic", at, t.id);
        let what = format!("Spanish topic `{id}`");
        let topic = TopicEs {
            label: f.required(&what, at, t.label, "label"),
            description: f.required(&what, at, t.description, "description"),
            aliases: t.aliases,
        };
        out.insert(id, topic);
    }
    out
}

fn notes(raw: raw::NotesEs, f: &mut File) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for n in raw.passage {
        let at = n.span().start;
        let n = n.into_inner();
        let id = f.id_of(Target::Passage, "Spanish note", at, n.id);
        let note = f.required(&format!("Spanish note `{id}`"), at, n.note, "note");
        out.insert(id, note);
    }
    out
}

fn actors(raw: raw::ActorsEs, f: &mut File) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for a in raw.actor {
        let at = a.span().start;
        let a = a.into_inner();
        let id = f.id_of(Target::Actor, "Spanish actor", at, a.id);
        let summary = f.required(&format!("Spanish actor `{id}`"), at, a.summary, "summary");
        out.insert(id, summary);
    }
    out
}
