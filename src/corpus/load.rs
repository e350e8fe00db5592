//! Reading the corpus folder: every file through `read` (one path for all of them), each entry
//! checked field by field into the model, every problem collected (not just the first), then
//! the references across files checked by the registry.

use super::file::File;
use super::hosts::{HostClass, HostPolicy};
use super::model::*;
use super::raw;
use super::registry::{CorpusError, Registry, Target};
use super::{Corpus, Parts};
use std::path::{Path, PathBuf};
use toml::Spanned;

pub use super::file::is_iso_date;

/// The longest quote a passage may carry (legal provisions are split into paragraphs).
pub const MAX_QUOTE_CHARS: usize = 600;

/// The most words a quote that is not law may carry: the words that matter, not the article.
pub const MAX_SHORT_QUOTE_WORDS: usize = 25;

/// Words in a note that speak to editors rather than readers: they belong in `verification`.
const EDITOR_REMARKS: &[&str] = &[
    "not verified",
    "was verified",
    "were verified",
    "verification",
    "reference pack",
    "this corpus",
    "was not read",
    "were not read",
    "not seen by",
    "date was not seen",
];

/// Reads and validates the corpus under `dir` (the `index/` folder).
pub fn load(dir: &Path) -> Result<Corpus, CorpusError> {
    let mut reg = Registry::default();
    let mut parts = Parts {
        hosts: read(&mut reg, &dir.join("hosts.toml"), hosts)?.unwrap_or_default(),
        ..Parts::default()
    };
    match read(&mut reg, &dir.join("topics.toml"), topics)? {
        Some(topics) => parts.topics = topics,
        None => reg.problem(
            &dir.join("topics.toml"),
            1,
            "missing topics.toml: the corpus needs its list of topics",
        ),
    }
    for path in source_files(dir)? {
        let stem = file_stem(&path);
        let hosts = &parts.hosts;
        if let Some(Some((source, passages))) =
            read(&mut reg, &path, |raw, f| source_file(raw, f, &stem, hosts))?
        {
            parts.sources.push(source);
            parts.passages.extend(passages);
        }
    }
    parts.events = read(&mut reg, &dir.join("timeline.toml"), timeline)?.unwrap_or_default();
    parts.terms = read(&mut reg, &dir.join("glossary.toml"), glossary)?.unwrap_or_default();
    parts.claims = read(&mut reg, &dir.join("claims.toml"), claims)?.unwrap_or_default();
    parts.quiz = read(&mut reg, &dir.join("quiz.toml"), quiz)?.unwrap_or_default();
    parts.actors = read(&mut reg, &dir.join("actors.toml"), actors)?.unwrap_or_default();
    parts.spanish = super::spanish::load(&mut reg, &dir.join("es"))?;
    let version = reg.finish()?;
    Ok(Corpus::new(parts, version))
}

/// Reads the file at `path` (if it exists), parses it as `R` and hands it to `build`; the
/// file's problems, declarations and references go to the registry. None when the file does
/// not exist or cannot be parsed.
pub(super) fn read<R: for<'de> serde::Deserialize<'de>, T>(
    reg: &mut Registry,
    path: &Path,
    build: impl FnOnce(R, &mut File) -> T,
) -> Result<Option<T>, CorpusError> {
    let Some(mut file) = reg.read(path)? else {
        return Ok(None);
    };
    let out = file.parse::<R>().map(|raw| build(raw, &mut file));
    reg.absorb(file);
    Ok(out)
}

fn source_files(dir: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    let sources_dir = dir.join("sources");
    let entries = std::fs::read_dir(&sources_dir).map_err(|source| CorpusError::Io {
        path: sources_dir.clone(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    Ok(paths)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string()
}

fn hosts(raw: raw::Hosts, f: &mut File) -> HostPolicy {
    let mut list = |field| f.list(field, 0).0;
    HostPolicy {
        official: list(raw.official),
        outlets: list(raw.outlets),
        forbidden: list(raw.forbidden),
    }
}

fn topics(raw: raw::Topics, f: &mut File) -> Vec<Topic> {
    let mut out = Vec::new();
    for t in raw.topic {
        let at = t.span().start;
        let t = t.into_inner();
        out.push(Topic {
            id: f.id(Target::Topic, "topic", at, t.id),
            label: f.required("topic", at, t.label, "label"),
            description: f.required("topic", at, t.description, "description"),
            aliases: t.aliases,
        });
    }
    out
}

/// A source file: its `[source]` and its passages. None when the `[source]` table is missing.
fn source_file(
    raw: raw::SourceFile,
    f: &mut File,
    stem: &str,
    hosts: &HostPolicy,
) -> Option<(Source, Vec<Passage>)> {
    let Some(raw_source) = raw.source else {
        f.problem(0, "missing the [source] table");
        return None;
    };
    let at = raw_source.span().start;
    let source = source(raw_source.into_inner(), f, at, stem, hosts);
    if raw.passage.is_empty() {
        f.problem(at, format!("source `{}` has no [[passage]]", source.id));
    }
    let passages = raw
        .passage
        .into_iter()
        .map(|p| passage(p, f, &source.id))
        .collect();
    Some((source, passages))
}

fn source(s: raw::Source, f: &mut File, at: usize, stem: &str, hosts: &HostPolicy) -> Source {
    let id_at = s.id.as_ref().map(|i| i.span().start).unwrap_or(at);
    let id = f.id(Target::Source, "source", at, s.id);
    if !id.is_empty() && id != stem {
        f.problem(
            id_at,
            format!("source id `{id}` must match the file name `{stem}.toml`"),
        );
    }
    let kinds = SourceKind::ALL.map(|k| k.as_str());
    let kind = f.one_of("source", at, s.kind, "kind", SourceKind::parse, &kinds);
    let url = f.url("source", s.url, "url", at, true);
    if let Some((url, offset)) = &url
        && hosts.class(url) == HostClass::Forbidden
    {
        f.problem(
            *offset,
            format!(
                "source: `url` {url} is on a host that may never be a source's url (hosts.toml \
                 `forbidden`): link the publisher's own page and keep this copy as `read_at`"
            ),
        );
    }
    Source {
        title: f.required("source", at, s.title, "title"),
        short: f.optional("source", s.short, "short"),
        kind: kind.unwrap_or(SourceKind::Analysis),
        date: f.date("source", at, s.date, "date"),
        url: url.map(|(u, _)| u).unwrap_or_default(),
        read_at: f
            .url("source", s.read_at, "read_at", at, false)
            .map(|(u, _)| u),
        publisher: f.optional("source", s.publisher, "publisher"),
        author: f.optional("source", s.author, "author"),
        aliases: s.aliases,
        verification: f.optional("source", s.verification, "verification"),
        id,
    }
}

fn passage(p: Spanned<raw::Passage>, f: &mut File, source_id: &str) -> Passage {
    let at = p.span().start;
    let p = p.into_inner();
    let id = f.id(Target::Passage, "passage", at, p.id);
    let what = if id.is_empty() {
        "passage".to_string()
    } else {
        format!("passage `{id}`")
    };
    let statuses = Status::ALL.map(|s| s.as_str());
    let status = f.one_of(&what, at, p.status, "status", Status::parse, &statuses);
    let status = status.unwrap_or(Status::Analysis);
    let quote = quote(f, &what, p.quote, status);
    let note_at = p.note.as_ref().map(|n| n.span().start).unwrap_or(at);
    let note = f.required(&what, at, p.note, "note");
    if let Some(remark) = editor_remark(&note) {
        f.problem(
            note_at,
            format!(
                "{what}: the note speaks to editors (\"{remark}\"): move that to `verification`"
            ),
        );
    }
    let (topics, topics_at) = f.non_empty(&what, at, p.topics, "topics");
    f.refer(topics_at, &what, Target::Topic, &topics);
    let side = match p.side {
        None => None,
        some => {
            let sides = Side::ALL.map(|s| s.as_str());
            f.one_of(&what, at, some, "side", Side::parse, &sides)
        }
    };
    Passage {
        locator: f.required(&what, at, p.locator, "locator"),
        quote,
        note,
        topics,
        status,
        scope: scope(f, &what, at, p.scope),
        as_of: f.optional_date(&what, p.as_of, "as_of"),
        date: f.optional_date(&what, p.date, "date"),
        aliases: p.aliases,
        side,
        verification: f.optional(&what, p.verification, "verification"),
        source_id: source_id.to_string(),
        id,
    }
}

/// A passage's quote: not blank, within `MAX_QUOTE_CHARS`, and short unless it is law.
fn quote(f: &mut File, what: &str, field: raw::Field<String>, status: Status) -> Option<String> {
    let q = field?;
    let offset = q.span().start;
    let q = q.into_inner();
    let chars = q.chars().count();
    let words = q.split_whitespace().count();
    if q.trim().is_empty() {
        f.problem(
            offset,
            format!("{what}: `quote` is empty (leave the key out when there is no quote)"),
        );
        None
    } else if chars > MAX_QUOTE_CHARS {
        f.problem(
            offset,
            format!("{what}: quote is {chars} characters, over the {MAX_QUOTE_CHARS} limit (split the provision)"),
        );
        None
    } else if status != Status::Law && words > MAX_SHORT_QUOTE_WORDS {
        f.problem(
            offset,
            format!("{what}: quote is {words} words; a quote that is not law keeps to the {MAX_SHORT_QUOTE_WORDS} words that matter"),
        );
        None
    } else {
        Some(q.trim().to_string())
    }
}

fn scope(f: &mut File, what: &str, at: usize, field: raw::Field<Vec<String>>) -> Vec<Scope> {
    let (names, scope_at) = f.non_empty(what, at, field, "scope");
    let mut scope = Vec::new();
    for name in names {
        match Scope::parse(&name) {
            Some(s) => scope.push(s),
            None => f.problem(
                scope_at,
                format!(
                    "{what}: unknown scope `{name}` (one of: {})",
                    Scope::ALL.map(|s| s.as_str()).join(", ")
                ),
            ),
        }
    }
    scope
}

/// The editors' remark in a note, if it has one.
fn editor_remark(note: &str) -> Option<&'static str> {
    let lower = note.to_lowercase();
    EDITOR_REMARKS
        .iter()
        .copied()
        .find(|r| lower.contains(r) && !lower.contains(&format!("independently {r}")))
}

fn timeline(raw: raw::Timeline, f: &mut File) -> Vec<Event> {
    let mut out = Vec::new();
    for e in raw.event {
        let at = e.span().start;
        let e = e.into_inner();
        let id = f.id(Target::Event, "event", at, e.id);
        let what = format!("event `{id}`");
        let statuses = Status::ALL.map(|s| s.as_str());
        let status = f.one_of(&what, at, e.status, "status", Status::parse, &statuses);
        let (topics, topics_at) = f.non_empty(&what, at, e.topics, "topics");
        let (passages, passages_at) = f.list(e.passages, at);
        let (sources, sources_at) = f.list(e.sources, at);
        if passages.is_empty() && sources.is_empty() {
            f.problem(
                at,
                format!("{what}: needs at least one reference in `passages` or `sources`"),
            );
        }
        f.refer(topics_at, &what, Target::Topic, &topics);
        f.refer(passages_at, &what, Target::Passage, &passages);
        f.refer(sources_at, &what, Target::Source, &sources);
        out.push(Event {
            date: f.date(&what, at, e.date, "date"),
            date_note: f.optional(&what, e.date_note, "date_note"),
            title: f.required(&what, at, e.title, "title"),
            summary: f.required(&what, at, e.summary, "summary"),
            status: status.unwrap_or(Status::Reported),
            topics,
            passages,
            sources,
            id,
        });
    }
    out
}

fn glossary(raw: raw::Glossary, f: &mut File) -> Vec<Term> {
    let mut out = Vec::new();
    for t in raw.term {
        let at = t.span().start;
        let t = t.into_inner();
        let id = f.id(Target::Term, "term", at, t.id);
        let what = format!("term `{id}`");
        let (passages, passages_at) = f.non_empty(&what, at, t.passages, "passages");
        let (topics, topics_at) = f.non_empty(&what, at, t.topics, "topics");
        let (see_also, see_at) = f.list(t.see_also, at);
        f.refer(passages_at, &what, Target::Passage, &passages);
        f.refer(topics_at, &what, Target::Topic, &topics);
        f.refer(see_at, &what, Target::Term, &see_also);
        out.push(Term {
            term: f.required(&what, at, t.term, "term"),
            aliases: t.aliases,
            definition: f.required(&what, at, t.definition, "definition"),
            passages,
            topics,
            see_also,
            id,
        });
    }
    out
}

fn claims(raw: raw::Claims, f: &mut File) -> Vec<Claim> {
    let mut out = Vec::new();
    for c in raw.claim {
        let at = c.span().start;
        let c = c.into_inner();
        let id = f.id(Target::Claim, "claim", at, c.id);
        let what = format!("claim `{id}`");
        let made_in_at = c.made_in.as_ref().map(|m| m.span().start).unwrap_or(at);
        let made_in = f.optional(&what, c.made_in, "made_in");
        let (supports, supports_at) = f.list(c.supports, at);
        let (counters, counters_at) = f.non_empty(&what, at, c.counters, "counters");
        let (topics, topics_at) = f.non_empty(&what, at, c.topics, "topics");
        if let Some(m) = &made_in {
            f.refer(made_in_at, &what, Target::Passage, std::slice::from_ref(m));
        }
        f.refer(supports_at, &what, Target::Passage, &supports);
        f.refer(counters_at, &what, Target::Passage, &counters);
        f.refer(topics_at, &what, Target::Topic, &topics);
        out.push(Claim {
            claim: f.required(&what, at, c.claim, "claim"),
            variants: c.variants,
            made_by: f.required(&what, at, c.made_by, "made_by"),
            made_in,
            supports,
            counters,
            review: f.required(&what, at, c.review, "review"),
            topics,
            id,
        });
    }
    out
}

fn quiz(raw: raw::Quiz, f: &mut File) -> Vec<QuizItem> {
    let mut out = Vec::new();
    for q in raw.question {
        let at = q.span().start;
        let q = q.into_inner();
        let id = f.id(Target::Question, "question", at, q.id);
        let what = format!("question `{id}`");
        let (choices, choices_at) = f.non_empty(&what, at, q.choices, "choices");
        if !choices.is_empty() && !(2..=5).contains(&choices.len()) {
            f.problem(
                choices_at,
                format!("{what}: needs 2 to 5 choices, has {}", choices.len()),
            );
        }
        let answer = answer(f, &what, at, q.answer, choices.len());
        let passage_at = q.passage.as_ref().map(|p| p.span().start).unwrap_or(at);
        let passage = f.required(&what, at, q.passage, "passage");
        if !passage.is_empty() {
            f.refer(
                passage_at,
                &what,
                Target::Passage,
                std::slice::from_ref(&passage),
            );
        }
        let (topics, topics_at) = f.non_empty(&what, at, q.topics, "topics");
        f.refer(topics_at, &what, Target::Topic, &topics);
        out.push(QuizItem {
            question: f.required(&what, at, q.question, "question"),
            choices,
            answer,
            passage,
            explanation: f.optional(&what, q.explanation, "explanation"),
            topics,
            id,
        });
    }
    out
}

/// A quiz answer: a 0-based index into the choices.
fn answer(f: &mut File, what: &str, at: usize, field: raw::Field<i64>, choices: usize) -> usize {
    let Some(a) = field else {
        f.problem(at, format!("{what}: missing required field `answer`"));
        return 0;
    };
    let value = *a.get_ref();
    if value < 0 || value as usize >= choices.max(1) {
        f.problem(
            a.span().start,
            format!("{what}: `answer` {value} is not an index into `choices` (0-based)"),
        );
        return 0;
    }
    value as usize
}

fn actors(raw: raw::Actors, f: &mut File) -> Vec<Actor> {
    let mut out = Vec::new();
    for a in raw.actor {
        let at = a.span().start;
        let a = a.into_inner();
        let id = f.id(Target::Actor, "actor", at, a.id);
        let what = format!("actor `{id}`");
        let kinds = ActorKind::ALL.map(|k| k.as_str());
        let kind = f.one_of(&what, at, a.kind, "kind", ActorKind::parse, &kinds);
        let roles = a.role.into_iter().map(|r| role(r, f, &what)).collect();
        let (passages, passages_at) = f.list(a.passages, at);
        f.refer(passages_at, &what, Target::Passage, &passages);
        out.push(Actor {
            name: f.required(&what, at, a.name, "name"),
            kind: kind.unwrap_or(ActorKind::Person),
            aliases: a.aliases,
            summary: f.required(&what, at, a.summary, "summary"),
            roles,
            passages,
            id,
        });
    }
    out
}

/// One role of an actor, sourced to a passage.
fn role(r: Spanned<raw::Role>, f: &mut File, what: &str) -> Role {
    let at = r.span().start;
    let r = r.into_inner();
    let passage_at = r.passage.as_ref().map(|p| p.span().start).unwrap_or(at);
    let passage = f.required(what, at, r.passage, "passage");
    if !passage.is_empty() {
        f.refer(
            passage_at,
            what,
            Target::Passage,
            std::slice::from_ref(&passage),
        );
    }
    Role {
        title: f.required(what, at, r.title, "title"),
        from: f.optional_date(what, r.from, "from"),
        to: f.optional_date(what, r.to, "to"),
        passage,
    }
}
