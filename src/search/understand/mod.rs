//! Query understanding: what kind of question this is (its intent) and what it names (glossary
//! terms, people and bodies, dates, legal references), so that an answer can be shaped to the
//! question — the law and both positions for "is it legal", the newest figure for "how many",
//! the definition for "what is", the profile for "who is", the timeline for a date.
//!
//! Deterministic and explainable: intents come from cue words (English and Spanish, below),
//! names from the corpus's own glossary and actors, dates from `dates`. No model, no download.

pub mod dates;
mod names;

pub use dates::DateSpan;

use crate::corpus::{Actor, Corpus};
use crate::search::legal_refs;
use dates::DateReader;
use names::NameTable;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Intent {
    /// Whether something is legal, a crime, allowed.
    Legality,
    /// What a term means.
    Definition,
    /// Who someone is.
    Person,
    /// How many: deaths, strikes, boats, survivors; whether it is still going on.
    Count,
    /// What happened on a date or at an event.
    Event,
    /// A statement rather than a question (what `rebut` answers).
    Claim,
    General,
}

impl Intent {
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Legality => "legality",
            Intent::Definition => "definition",
            Intent::Person => "person",
            Intent::Count => "count",
            Intent::Event => "event",
            Intent::Claim => "claim",
            Intent::General => "general",
        }
    }
}

/// What a question names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    /// Glossary term ids.
    pub terms: Vec<String>,
    /// Actor ids (people and bodies).
    pub actors: Vec<String>,
    pub dates: Vec<DateSpan>,
    /// Canonical legal-reference tokens (`uncharter`, `article 51`).
    pub legal_refs: Vec<String>,
}

impl Entities {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.actors.is_empty()
            && self.dates.is_empty()
            && self.legal_refs.is_empty()
    }
}

/// A question, understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Understanding {
    pub intent: Intent,
    pub entities: Entities,
    /// The question asks about now: the newest first ("so far", "latest", "still").
    pub recency: bool,
}

// Cue words, matched as whole words (or phrases) of the lowercased, accent-folded question.
const PERSON_CUES: &[&str] = &[
    "who is",
    "who's",
    "whos",
    "who was",
    "who are",
    "who were",
    "who even is",
    "is who",
    "who exactly",
    "which admiral",
    "which general",
    "which senator",
    "which official",
    "quien es",
    "quien era",
    "quienes son",
    "quien fue",
];
/// "who runs X": a role rather than a name.
const ROLE_VERBS: &[&str] = &[
    "who runs",
    "who ran",
    "who was running",
    "who is running",
    "whos running",
    "who's running",
    "whos in charge",
    "who's in charge",
    "who leads",
    "who led",
    "who heads",
    "who headed",
    "who is in charge",
    "who was in charge",
    "who commands",
    "who commanded",
    "quien dirige",
    "quien manda",
];
const DEFINITION_CUES: &[&str] = &[
    "what is",
    "what's",
    "whats",
    "wtf is",
    "what are",
    "what does",
    "what do",
    "meaning",
    "what counts as",
    "what is that",
    "whats that",
    "mean",
    "means",
    "define",
    "definition",
    "explain",
    "stand for",
    "stands for",
    "= ?",
    "que es",
    "que son",
    "que significa",
    "significado",
    "que quiere decir",
    "definir",
    "define",
    "explica",
];
const COUNT_CUES: &[&str] = &[
    "how many",
    "how much",
    "death toll",
    "toll",
    "body count",
    "tally",
    "number of",
    "count",
    "total",
    "so far",
    "still going",
    "still doing",
    "still happening",
    "still striking",
    "still on",
    "wind it down",
    "did it stop",
    "stopped",
    "any new",
    "lately",
    "latest",
    "cuantos",
    "cuantas",
    "cuanta",
    "cifra",
    "balance",
    "hasta ahora",
    "todavia",
    "siguen",
];
/// Count cues that name a figure: they make "what's the X tally" a count, not a definition.
const COUNT_NOUNS: &[&str] = &[
    "how many",
    "how much",
    "death toll",
    "toll",
    "body count",
    "tally",
    "number of",
    "cuantos",
    "cuantas",
    "cifra",
];
const LEGALITY_CUES: &[&str] = &[
    "legal",
    "legally",
    "lawful",
    "unlawful",
    "illegal",
    "illegally",
    "allowed",
    "permitted",
    "permissible",
    "war crime",
    "war crimes",
    "murder",
    "crime",
    "criminal",
    "violate",
    "violates",
    "violation",
    "breach",
    "break the law",
    "breaking the law",
    "against the law",
    "law wise",
    "legal basis",
    "justified",
    "justify",
    "constitutional",
    "unconstitutional",
    "charged",
    "prosecuted",
    "need congress",
    "authorized",
    "authorize",
    "can they",
    "can the",
    "can he",
    "can the us",
    "is it ok",
    "ok under",
    "say no",
    "refuse",
    "extrajudicial",
    "due process",
    "self defense",
    "self-defense",
    "self defence",
    "ilegal",
    "licito",
    "ilicito",
    "crimen",
    "asesinato",
    "viola",
    "violan",
    "permitido",
    "pueden",
    "puede",
    "derecho a",
];
const EVENT_CUES: &[&str] = &[
    "what happened",
    "wat happened",
    "what went down",
    "anything happen",
    "anything big",
    "anything in",
    "whats the deal with",
    "what was going on",
    "what did the",
    "go down",
    "que paso",
    "que sucedio",
    "que hubo",
];
const RECENCY_CUES: &[&str] = &[
    "now",
    "so far",
    "latest",
    "still",
    "recent",
    "recently",
    "lately",
    "rn",
    "right now",
    "currently",
    "current",
    "this month",
    "this week",
    "these days",
    "anymore",
    "any new",
    "today",
    "ahora",
    "hasta ahora",
    "ultimo",
    "ultima",
    "ultimos",
    "todavia",
    "aun",
    "recientes",
    "actual",
];
/// Words that make a message a question rather than a statement, when it starts with them.
const QUESTION_STARTS: &[&str] = &[
    "what", "whats", "what's", "who", "whos", "who's", "when", "where", "why", "how", "is", "are",
    "was", "were", "do", "does", "did", "can", "could", "should", "would", "will", "has", "have",
    "any", "anything", "which", "wait", "so", "explain", "define", "tell", "que", "quien",
    "cuando", "donde", "por", "como", "cuantos", "cuantas", "es", "son", "hay", "dime", "explica",
];
/// Words that say a question is about the past: the role someone held then.
const PAST_CUES: &[&str] = &[
    "was",
    "were",
    "quit",
    "resigned",
    "retired",
    "stepped down",
    "former",
    "used to",
    "when the strikes started",
    "at the time",
    "back then",
    "fue",
    "era",
];

/// Reads questions against one corpus.
pub struct Understander {
    terms: NameTable,
    actors: NameTable,
    /// Per actor: the analyzed tokens of each role title and each title-like alias.
    roles: Vec<(String, Vec<RoleWords>)>,
    /// Actors that are bodies (SOUTHCOM, the UN), not people.
    bodies: std::collections::HashSet<String>,
    dates: DateReader,
    analyzer: TextAnalyzer,
    /// The campaign's first day (the first strike), for "when the strikes started".
    started: String,
}

/// The words of one of an actor's roles, with its dates.
#[derive(Debug, Clone)]
struct RoleWords {
    words: Vec<String>,
    from: Option<String>,
    to: Option<String>,
}

impl Understander {
    pub fn new(corpus: &Corpus, analyzer: TextAnalyzer) -> Understander {
        let mut u = Understander {
            terms: NameTable::default(),
            actors: NameTable::default(),
            roles: Vec::new(),
            bodies: corpus
                .actors
                .iter()
                .filter(|a| a.kind != crate::corpus::ActorKind::Person)
                .map(|a| a.id.clone())
                .collect(),
            dates: date_reader(corpus),
            analyzer,
            started: first_strike(corpus),
        };
        for term in &corpus.terms {
            let spanish = corpus.spanish.terms.get(&term.id);
            let names = term
                .names()
                .into_iter()
                .chain(std::iter::once(term.id.replace('-', " ")))
                .chain(spanish.into_iter().flat_map(|s| s.names.iter().cloned()));
            for name in names {
                let (tokens, canonical) = (u.tokens(&name), u.canonical(&name));
                u.terms.add(&term.id, tokens);
                u.terms.add(&term.id, canonical);
            }
        }
        for actor in &corpus.actors {
            u.add_actor(actor);
        }
        u
    }

    fn add_actor(&mut self, actor: &Actor) {
        let name_tokens = self.tokens(&actor.name);
        let mut roles: Vec<RoleWords> = actor
            .roles
            .iter()
            .map(|r| RoleWords {
                words: self.tokens(&r.title),
                from: r.from.clone(),
                to: r.to.clone(),
            })
            .collect();
        for name in actor.names() {
            let tokens = self.tokens(name);
            // An alias that shares a word with the name names the person; one that does not
            // ("the defense secretary") describes a role, which a question may mean at
            // another time than now.
            if name == &actor.name || tokens.iter().any(|t| name_tokens.contains(t)) {
                self.actors.add(&actor.id, tokens);
            } else {
                let (from, to) = current_role(actor);
                roles.push(RoleWords {
                    words: tokens,
                    from,
                    to,
                });
            }
        }
        self.roles.push((actor.id.clone(), roles));
    }

    /// The analyzed tokens of `text`.
    fn tokens(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer.clone();
        super::schema::terms(&mut analyzer, text)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    /// The analyzed tokens of `text` with its legal references in canonical form ("posse
    /// comitatus" → one token), the words around them kept.
    fn canonical(&self, text: &str) -> Vec<String> {
        self.tokens(&legal_refs::rewrite(text))
    }

    /// What `question` asks for and names.
    pub fn understand(&self, question: &str) -> Understanding {
        let folded = fold_words(question);
        let words = self.tokens(question);
        let canonical = self.canonical(question);
        let found = |table: &NameTable| {
            let mut ids = table.find(&words);
            for id in table.find(&canonical) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            ids
        };
        let mut entities = Entities {
            terms: found(&self.terms),
            actors: found(&self.actors),
            dates: self.dates.read(question),
            legal_refs: legal_refs::canonical_tokens(question)
                .split(' ')
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect(),
        };
        let intent = self.intent(&folded, question, &entities);
        // "who runs southcom": a person by role comes before the body the role is in.
        if intent == Intent::Person && entities.actors.iter().all(|a| self.bodies.contains(a)) {
            let by_role = self.by_role(&folded, &words);
            entities.actors.retain(|a| !by_role.contains(a));
            entities.actors.splice(0..0, by_role);
        }
        Understanding {
            intent,
            recency: has_any(&folded, RECENCY_CUES),
            entities,
        }
    }

    fn intent(&self, folded: &str, raw: &str, e: &Entities) -> Intent {
        let ends_with_who = folded.trim_end_matches([' ', '?']).ends_with(" who");
        let asks_who = has_any(folded, PERSON_CUES) || has_any(folded, ROLE_VERBS) || ends_with_who;
        let role_word = folded.contains(" role") || folded.contains("have to do with");
        if asks_who || (role_word && !e.actors.is_empty()) {
            return Intent::Person;
        }
        // "why don't the tolls match" asks for reasons; "count as shipwrecked" for a meaning.
        let asks_why = folded.starts_with("why ") || folded.starts_with("por que ");
        let counting = has_any(folded, COUNT_CUES)
            && !has_any(
                folded,
                &[
                    "legal",
                    "lawful",
                    "ilegal",
                    "count as",
                    "counts as",
                    "cuenta como",
                ],
            )
            && !asks_why;
        let defining = has_any(folded, DEFINITION_CUES) || (is_just_a_name(folded) && !counting);
        // "whats southcom's tally": a figure is asked for, not what SOUTHCOM is.
        let asks_figure = counting && has_any(folded, COUNT_NOUNS);
        if !e.terms.is_empty() && defining && !asks_figure {
            return Intent::Definition;
        }
        if counting {
            return Intent::Count;
        }
        let breaks_law = has_any(
            folded,
            &[
                "break", "broke", "breaking", "breaks", "violate", "violated",
            ],
        ) && has_any(
            folded,
            &["law", "laws", "charter", "convention", "conventions"],
        );
        if has_any(folded, LEGALITY_CUES) || breaks_law {
            return Intent::Legality;
        }
        if !e.dates.is_empty() || has_any(folded, EVENT_CUES) {
            return Intent::Event;
        }
        if !is_question(folded, raw) {
            return Intent::Claim;
        }
        Intent::General
    }

    /// The actors a "who is the X" question describes by role: those whose role (or title
    /// alias) it names best, at the time it asks about.
    fn by_role(&self, folded: &str, words: &[String]) -> Vec<String> {
        let mut asked: Vec<String> = words.to_vec();
        if has_any(folded, ROLE_VERBS) {
            asked.extend(["command", "head", "chair", "lead"].map(String::from));
        }
        let mut best: Vec<(f32, &str, &RoleWords)> = Vec::new();
        for (id, roles) in &self.roles {
            for role in roles {
                let content: Vec<&String> = role
                    .words
                    .iter()
                    .filter(|w| !GENERIC.contains(&w.as_str()))
                    .collect();
                if content.is_empty() {
                    continue;
                }
                let shared = content.iter().filter(|w| asked.contains(w)).count();
                let cover = shared as f32 / content.len() as f32;
                if shared >= 1 && (cover >= 0.6 || shared >= 2) {
                    best.push((cover, id, role));
                }
            }
        }
        if best.is_empty() {
            return Vec::new();
        }
        let past = has_any(folded, PAST_CUES);
        let at_start = folded.contains("strikes started") || folded.contains("at the start");
        let fits = |r: &RoleWords| -> u8 {
            if at_start {
                u8::from(active_on(r, &self.started))
            } else if past {
                u8::from(r.to.is_some())
            } else {
                u8::from(r.to.is_none())
            }
        };
        best.sort_by(|a, b| {
            (fits(b.2), b.0, b.2.from.as_deref())
                .partial_cmp(&(fits(a.2), a.0, a.2.from.as_deref()))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.1.cmp(b.1))
        });
        vec![best[0].1.to_string()]
    }
}

/// Role words that say nothing of which role ("us", "the").
const GENERIC: &[&str] = &["us", "u", "s", "former", "act"];

/// The dates of an actor's current role: of the roles without an end, the latest begun; else
/// the last.
fn current_role(actor: &Actor) -> (Option<String>, Option<String>) {
    actor
        .roles
        .iter()
        .filter(|r| r.to.is_none())
        .max_by(|a, b| a.from.cmp(&b.from))
        .or(actor.roles.last())
        .map(|r| (r.from.clone(), r.to.clone()))
        .unwrap_or((None, None))
}

/// Whether a role was held on `day` (dates compare at the precision the role gives).
fn active_on(role: &RoleWords, day: &str) -> bool {
    let at = |bound: &str| &day[..bound.len().min(day.len())];
    let starts = role.from.as_deref().is_none_or(|f| f <= at(f));
    let ends = role.to.as_deref().is_none_or(|t| t >= at(t));
    starts && ends
}

/// The corpus's span of event dates, for dates written without a year.
fn date_reader(corpus: &Corpus) -> DateReader {
    let ym = |d: &str| -> Option<(i32, u32)> {
        Some((d.get(0..4)?.parse().ok()?, d.get(5..7)?.parse().ok()?))
    };
    let mut months = corpus.events.iter().filter_map(|e| ym(&e.date));
    let first = months.clone().min().unwrap_or((2025, 9));
    let last = corpus
        .current_to
        .as_deref()
        .and_then(ym)
        .or(months.next_back())
        .unwrap_or(first);
    DateReader {
        start: first,
        end: last,
    }
}

/// The date of the campaign's first strike: the earliest event on the strikes topic.
fn first_strike(corpus: &Corpus) -> String {
    corpus
        .events
        .iter()
        .filter(|e| e.topics.iter().any(|t| t == "strikes") && e.date.len() == 10)
        .map(|e| e.date.clone())
        .min()
        .unwrap_or_else(|| "2025-09-02".into())
}

/// The question's words, lowercased, accents folded, punctuation (but apostrophes, `=` and
/// `?`) turned to spaces, single-spaced, with a space at each end for whole-word matching.
fn fold_words(text: &str) -> String {
    let folded = crate::corpus::fold(text);
    let spaced: String = folded
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' || c == '=' || c == '-' {
                c.to_string()
            } else if c == '?' {
                " ? ".to_string()
            } else {
                " ".to_string()
            }
        })
        .collect();
    format!(
        " {} ",
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// Whether any cue occurs as whole words.
fn has_any(folded: &str, cues: &[&str]) -> bool {
    cues.iter().any(|cue| folded.contains(&format!(" {cue} ")))
}

/// A message that is only a name (and a question mark): "mdlea?", "hors de combat??".
fn is_just_a_name(folded: &str) -> bool {
    folded
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
        <= 4
}

fn is_question(folded: &str, raw: &str) -> bool {
    raw.contains('?')
        || folded
            .split_whitespace()
            .next()
            .is_some_and(|w| QUESTION_STARTS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_whole_words() {
        let f = fold_words("Who's running SOUTHCOM now?");
        assert!(has_any(&f, &["who's"]));
        assert!(has_any(&f, &["now"]));
        assert!(!has_any(&fold_words("snowfall"), &["now"]));
        assert!(has_any(&fold_words("¿Quién es Hegseth?"), &["quien es"]));
    }

    #[test]
    fn statements_are_not_questions() {
        assert!(!is_question(
            &fold_words("the un approved the strikes"),
            "the un approved the strikes"
        ));
        assert!(is_question(&fold_words("legal??"), "legal??"));
        assert!(is_question(&fold_words("is it legal"), "is it legal"));
    }
}
