//! Reading the corpus from TOML and validating it. Every problem is reported as
//! `file:line: what is wrong`, and all of them are collected, not just the first.

use super::Corpus;
use super::model::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The longest quote a passage may carry (legal provisions are split into paragraphs).
pub const MAX_QUOTE_CHARS: usize = 600;

/// One thing wrong with the corpus, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read the corpus at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the corpus has {} problem(s):\n{}", .0.len(), list(.0))]
    Invalid(Vec<Problem>),
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

type Field<T> = Option<Spanned<T>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSourceFile {
    source: Option<Spanned<RawSource>>,
    #[serde(default)]
    passage: Vec<Spanned<RawPassage>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Field<String>,
    title: Field<String>,
    short: Field<String>,
    kind: Field<String>,
    date: Field<String>,
    url: Field<String>,
    publisher: Field<String>,
    author: Field<String>,
    archive_url: Field<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPassage {
    id: Field<String>,
    locator: Field<String>,
    quote: Field<String>,
    note: Field<String>,
    topics: Field<Vec<String>>,
    status: Field<String>,
    scope: Field<Vec<String>>,
    as_of: Field<String>,
    date: Field<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopics {
    #[serde(default)]
    topic: Vec<Spanned<RawTopic>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: Field<String>,
    label: Field<String>,
    description: Field<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeline {
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Field<String>,
    date: Field<String>,
    date_note: Field<String>,
    title: Field<String>,
    summary: Field<String>,
    status: Field<String>,
    topics: Field<Vec<String>>,
    passages: Field<Vec<String>>,
    sources: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default)]
    term: Vec<Spanned<RawTerm>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: Field<String>,
    term: Field<String>,
    #[serde(default)]
    aliases: Vec<String>,
    definition: Field<String>,
    passages: Field<Vec<String>>,
    topics: Field<Vec<String>>,
    see_also: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaims {
    #[serde(default)]
    claim: Vec<Spanned<RawClaim>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: Field<String>,
    claim: Field<String>,
    #[serde(default)]
    variants: Vec<String>,
    made_by: Field<String>,
    made_in: Field<String>,
    supports: Field<Vec<String>>,
    counters: Field<Vec<String>>,
    review: Field<String>,
    topics: Field<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Field<String>,
    question: Field<String>,
    choices: Field<Vec<String>>,
    answer: Field<i64>,
    passage: Field<String>,
    explanation: Field<String>,
    topics: Field<Vec<String>>,
}

/// One TOML file being read: its path, text and the problems found in it.
struct File<'a> {
    path: PathBuf,
    text: String,
    problems: &'a mut Vec<Problem>,
}

impl File<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn problem(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.line(offset);
        self.problems.push(Problem {
            file: self.path.clone(),
            line,
            message: message.into(),
        });
    }

    fn parse<T: for<'de> Deserialize<'de>>(&mut self) -> Option<T> {
        match toml::from_str::<T>(&self.text) {
            Ok(value) => Some(value),
            Err(err) => {
                let offset = err.span().map(|s| s.start).unwrap_or(0);
                let message = format!("invalid TOML: {}", err.message().trim());
                self.problem(offset, message);
                None
            }
        }
    }

    /// A required string field: present and not blank.
    fn required(&mut self, what: &str, at: usize, field: Field<String>, name: &str) -> String {
        match field {
            Some(v) if !v.get_ref().trim().is_empty() => v.into_inner(),
            Some(v) => {
                self.problem(v.span().start, format!("{what}: `{name}` is empty"));
                String::new()
            }
            None => {
                self.problem(at, format!("{what}: missing required field `{name}`"));
                String::new()
            }
        }
    }

    /// An optional string field: absent is fine, present must not be blank.
    fn optional(&mut self, what: &str, field: Field<String>, name: &str) -> Option<String> {
        let v = field?;
        if v.get_ref().trim().is_empty() {
            self.problem(v.span().start, format!("{what}: `{name}` is empty"));
            return None;
        }
        Some(v.into_inner())
    }

    fn id(&mut self, what: &str, at: usize, field: Field<String>) -> (String, usize) {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let id = self.required(what, at, field, "id");
        if !id.is_empty() && !is_kebab(&id) {
            self.problem(
                offset,
                format!("{what}: id `{id}` must be lowercase kebab-case (a-z, 0-9, -)"),
            );
        }
        (id, offset)
    }

    fn date(&mut self, what: &str, at: usize, field: Field<String>, name: &str) -> String {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let value = self.required(what, at, field, name);
        if !value.is_empty() && !is_iso_date(&value) {
            self.problem(
                offset,
                format!("{what}: bad date `{value}` in `{name}` (use YYYY-MM-DD, YYYY-MM or YYYY)"),
            );
        }
        value
    }

    fn optional_date(&mut self, what: &str, field: Field<String>, name: &str) -> Option<String> {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(0);
        let value = self.optional(what, field, name)?;
        if !is_iso_date(&value) {
            self.problem(
                offset,
                format!("{what}: bad date `{value}` in `{name}` (use YYYY-MM-DD, YYYY-MM or YYYY)"),
            );
        }
        Some(value)
    }

    fn url(
        &mut self,
        what: &str,
        field: Field<String>,
        name: &str,
        at: usize,
        required: bool,
    ) -> Option<String> {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let value = if required {
            Some(self.required(what, at, field, name)).filter(|v| !v.is_empty())
        } else {
            self.optional(what, field, name)
        }?;
        if !is_http_url(&value) {
            self.problem(
                offset,
                format!("{what}: `{name}` must be an http(s) URL, got `{value}`"),
            );
        }
        Some(value)
    }

    fn status(&mut self, what: &str, at: usize, field: Field<String>) -> Status {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let value = self.required(what, at, field, "status");
        match Status::parse(&value) {
            Some(s) => s,
            None => {
                if !value.is_empty() {
                    self.problem(
                        offset,
                        format!(
                            "{what}: unknown status `{value}` (one of: {})",
                            Status::ALL.map(|s| s.as_str()).join(", ")
                        ),
                    );
                }
                Status::Analysis
            }
        }
    }

    /// A list that must hold at least one entry.
    fn non_empty(
        &mut self,
        what: &str,
        at: usize,
        field: Field<Vec<String>>,
        name: &str,
    ) -> (Vec<String>, usize) {
        match field {
            Some(v) if !v.get_ref().is_empty() => {
                let offset = v.span().start;
                (v.into_inner(), offset)
            }
            Some(v) => {
                self.problem(
                    v.span().start,
                    format!("{what}: `{name}` needs at least one entry"),
                );
                (Vec::new(), v.span().start)
            }
            None => {
                self.problem(at, format!("{what}: missing required field `{name}`"));
                (Vec::new(), at)
            }
        }
    }

    fn list(&mut self, field: Field<Vec<String>>, at: usize) -> (Vec<String>, usize) {
        match field {
            Some(v) => {
                let offset = v.span().start;
                (v.into_inner(), offset)
            }
            None => (Vec::new(), at),
        }
    }
}

/// A reference to check once every file has been read.
struct Reference {
    file: PathBuf,
    line: usize,
    what: String,
    target: Target,
    id: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Passage,
    Source,
    Topic,
    Term,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Passage => "passage",
            Target::Source => "source",
            Target::Topic => "topic",
            Target::Term => "glossary term",
        }
    }
}

/// Collects what every file declares, then checks ids and references across files.
#[derive(Default)]
struct Registry {
    problems: Vec<Problem>,
    references: Vec<Reference>,
    ids: HashMap<(&'static str, String), (PathBuf, usize)>,
    hasher: Sha256,
}

impl Registry {
    fn read(&mut self, path: &Path) -> Result<Option<String>, CorpusError> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                self.hasher.update(
                    path.file_name()
                        .map(|n| n.as_encoded_bytes())
                        .unwrap_or_default(),
                );
                self.hasher.update([0]);
                self.hasher.update(text.as_bytes());
                self.hasher.update([0]);
                Ok(Some(text))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(CorpusError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    fn declare(&mut self, kind: &'static str, id: &str, file: &Path, line: usize) {
        if id.is_empty() {
            return;
        }
        let key = (kind, id.to_string());
        if let Some((first_file, first_line)) = self.ids.get(&key) {
            self.problems.push(Problem {
                file: file.to_path_buf(),
                line,
                message: format!(
                    "duplicate {kind} id `{id}` (first defined at {}:{first_line})",
                    first_file.display()
                ),
            });
        } else {
            self.ids.insert(key, (file.to_path_buf(), line));
        }
    }

    fn refer(&mut self, file: &Path, line: usize, what: &str, target: Target, ids: &[String]) {
        for id in ids {
            self.references.push(Reference {
                file: file.to_path_buf(),
                line,
                what: what.to_string(),
                target,
                id: id.clone(),
            });
        }
    }
}

/// Reads and validates the corpus under `dir` (the `index/` folder).
pub fn load(dir: &Path) -> Result<Corpus, CorpusError> {
    let mut reg = Registry::default();

    let topics = load_topics(dir, &mut reg)?;
    let (sources, passages) = load_sources(dir, &mut reg)?;
    let events = load_timeline(dir, &mut reg)?;
    let terms = load_glossary(dir, &mut reg)?;
    let claims = load_claims(dir, &mut reg)?;
    let quiz = load_quiz(dir, &mut reg)?;

    let known: HashMap<Target, HashSet<&str>> = [
        (
            Target::Passage,
            passages.iter().map(|p| p.id.as_str()).collect(),
        ),
        (
            Target::Source,
            sources.iter().map(|s| s.id.as_str()).collect(),
        ),
        (
            Target::Topic,
            topics.iter().map(|t| t.id.as_str()).collect(),
        ),
        (Target::Term, terms.iter().map(|t| t.id.as_str()).collect()),
    ]
    .into_iter()
    .collect();
    for r in &reg.references {
        if !known[&r.target].contains(r.id.as_str()) {
            reg.problems.push(Problem {
                file: r.file.clone(),
                line: r.line,
                message: format!("{}: unknown {} `{}`", r.what, r.target.name(), r.id),
            });
        }
    }

    if !reg.problems.is_empty() {
        let mut problems = std::mem::take(&mut reg.problems);
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        problems.dedup();
        return Err(CorpusError::Invalid(problems));
    }
    let digest = reg.hasher.finalize();
    let version: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    Ok(Corpus::from_parts(
        topics, sources, passages, events, terms, claims, quiz, version,
    ))
}

fn load_topics(dir: &Path, reg: &mut Registry) -> Result<Vec<Topic>, CorpusError> {
    let path = dir.join("topics.toml");
    let Some(text) = reg.read(&path)? else {
        reg.problems.push(Problem {
            file: path,
            line: 1,
            message: "missing topics.toml: the corpus needs its list of topics".into(),
        });
        return Ok(Vec::new());
    };
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut declared = Vec::new();
    {
        let mut f = File {
            path: path.clone(),
            text,
            problems: &mut problems,
        };
        if let Some(raw) = f.parse::<RawTopics>() {
            for t in raw.topic {
                let at = t.span().start;
                let t = t.into_inner();
                let (id, line_at) = f.id("topic", at, t.id);
                let label = f.required("topic", at, t.label, "label");
                let description = f.required("topic", at, t.description, "description");
                declared.push((id.clone(), f.line(line_at)));
                out.push(Topic {
                    id,
                    label,
                    description,
                });
            }
        }
    }
    reg.problems.extend(problems);
    for (id, line) in declared {
        reg.declare("topic", &id, &path, line);
    }
    Ok(out)
}

fn load_sources(
    dir: &Path,
    reg: &mut Registry,
) -> Result<(Vec<Source>, Vec<Passage>), CorpusError> {
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

    let mut sources = Vec::new();
    let mut passages = Vec::new();
    for path in paths {
        let Some(text) = reg.read(&path)? else {
            continue;
        };
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let mut problems = Vec::new();
        let mut declared: Vec<(&'static str, String, usize)> = Vec::new();
        let mut refs: Vec<(usize, String, Target, Vec<String>)> = Vec::new();
        {
            let mut f = File {
                path: path.clone(),
                text,
                problems: &mut problems,
            };
            let Some(raw) = f.parse::<RawSourceFile>() else {
                reg.problems.extend(problems);
                continue;
            };
            let Some(raw_source) = raw.source else {
                f.problem(0, "missing the [source] table");
                reg.problems.extend(problems);
                continue;
            };
            let at = raw_source.span().start;
            let s = raw_source.into_inner();
            let (id, id_at) = f.id("source", at, s.id);
            if !id.is_empty() && id != stem {
                f.problem(
                    id_at,
                    format!("source id `{id}` must match the file name `{stem}.toml`"),
                );
            }
            declared.push(("source", id.clone(), f.line(id_at)));
            let title = f.required("source", at, s.title, "title");
            let short = f.optional("source", s.short, "short");
            let kind_at = s.kind.as_ref().map(|k| k.span().start).unwrap_or(at);
            let kind_text = f.required("source", at, s.kind, "kind");
            let kind = match SourceKind::parse(&kind_text) {
                Some(k) => k,
                None => {
                    if !kind_text.is_empty() {
                        f.problem(
                            kind_at,
                            format!(
                                "source: unknown kind `{kind_text}` (one of: {})",
                                SourceKind::ALL.map(|k| k.as_str()).join(", ")
                            ),
                        );
                    }
                    SourceKind::Analysis
                }
            };
            let date = f.date("source", at, s.date, "date");
            let url = f.url("source", s.url, "url", at, true).unwrap_or_default();
            let publisher = f.optional("source", s.publisher, "publisher");
            let author = f.optional("source", s.author, "author");
            let archive_url = f.url("source", s.archive_url, "archive_url", at, false);
            let source_id = id.clone();
            sources.push(Source {
                id,
                title,
                short,
                kind,
                date,
                url,
                publisher,
                author,
                archive_url,
                aliases: s.aliases,
            });

            if raw.passage.is_empty() {
                f.problem(at, format!("source `{source_id}` has no [[passage]]"));
            }
            for p in raw.passage {
                let at = p.span().start;
                let p = p.into_inner();
                let (id, id_at) = f.id("passage", at, p.id);
                let what = if id.is_empty() {
                    "passage".to_string()
                } else {
                    format!("passage `{id}`")
                };
                declared.push(("passage", id.clone(), f.line(id_at)));
                let locator = f.required(&what, at, p.locator, "locator");
                let quote = match p.quote {
                    Some(q) => {
                        let offset = q.span().start;
                        let q = q.into_inner();
                        let chars = q.chars().count();
                        if q.trim().is_empty() {
                            f.problem(offset, format!("{what}: `quote` is empty (leave the key out when there is no quote)"));
                            None
                        } else if chars > MAX_QUOTE_CHARS {
                            f.problem(offset, format!("{what}: quote is {chars} characters, over the {MAX_QUOTE_CHARS} limit (split the provision)"));
                            None
                        } else {
                            Some(q.trim().to_string())
                        }
                    }
                    None => None,
                };
                let note = f.required(&what, at, p.note, "note");
                let (topics, topics_at) = f.non_empty(&what, at, p.topics, "topics");
                refs.push((topics_at, what.clone(), Target::Topic, topics.clone()));
                let status = f.status(&what, at, p.status);
                let (scope_names, scope_at) = f.non_empty(&what, at, p.scope, "scope");
                let mut scope = Vec::new();
                for name in scope_names {
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
                let as_of = f.optional_date(&what, p.as_of, "as_of");
                let date = f.optional_date(&what, p.date, "date");
                passages.push(Passage {
                    id,
                    source_id: source_id.clone(),
                    locator,
                    quote,
                    note,
                    topics,
                    status,
                    scope,
                    as_of,
                    date,
                    aliases: p.aliases,
                });
            }
            let lines: Vec<_> = refs.iter().map(|(at, ..)| f.line(*at)).collect();
            for ((_, what, target, ids), line) in refs.drain(..).zip(lines) {
                reg.refer(&path, line, &what, target, &ids);
            }
        }
        reg.problems.extend(problems);
        for (kind, id, line) in declared {
            reg.declare(kind, &id, &path, line);
        }
    }
    Ok((sources, passages))
}

/// Reads one of the optional top-level files (timeline, glossary, claims, quiz) and hands each
/// parsed file to `build`, which records problems, references and declarations.
fn with_file<R: for<'de> Deserialize<'de>, T>(
    dir: &Path,
    name: &str,
    reg: &mut Registry,
    build: impl FnOnce(
        R,
        &mut File<'_>,
        &mut Vec<(usize, String, Target, Vec<String>)>,
        &mut Vec<(&'static str, String, usize)>,
    ) -> Vec<T>,
) -> Result<Vec<T>, CorpusError> {
    let path = dir.join(name);
    let Some(text) = reg.read(&path)? else {
        return Ok(Vec::new());
    };
    let mut problems = Vec::new();
    let mut refs = Vec::new();
    let mut declared = Vec::new();
    let out;
    let ref_lines: Vec<usize>;
    {
        let mut f = File {
            path: path.clone(),
            text,
            problems: &mut problems,
        };
        out = match f.parse::<R>() {
            Some(raw) => build(raw, &mut f, &mut refs, &mut declared),
            None => Vec::new(),
        };
        ref_lines = refs.iter().map(|(at, ..)| f.line(*at)).collect();
        for d in declared.iter_mut() {
            d.2 = f.line(d.2);
        }
    }
    reg.problems.extend(problems);
    for ((_, what, target, ids), line) in refs.into_iter().zip(ref_lines) {
        reg.refer(&path, line, &what, target, &ids);
    }
    for (kind, id, line) in declared {
        reg.declare(kind, &id, &path, line);
    }
    Ok(out)
}

fn load_timeline(dir: &Path, reg: &mut Registry) -> Result<Vec<Event>, CorpusError> {
    with_file(
        dir,
        "timeline.toml",
        reg,
        |raw: RawTimeline, f, refs, declared| {
            let mut out = Vec::new();
            for e in raw.event {
                let at = e.span().start;
                let e = e.into_inner();
                let (id, id_at) = f.id("event", at, e.id);
                let what = format!("event `{id}`");
                declared.push(("event", id.clone(), id_at));
                let date = f.date(&what, at, e.date, "date");
                let date_note = f.optional(&what, e.date_note, "date_note");
                let title = f.required(&what, at, e.title, "title");
                let summary = f.required(&what, at, e.summary, "summary");
                let status = f.status(&what, at, e.status);
                let (topics, topics_at) = f.non_empty(&what, at, e.topics, "topics");
                let (passages, passages_at) = f.list(e.passages, at);
                let (sources, sources_at) = f.list(e.sources, at);
                if passages.is_empty() && sources.is_empty() {
                    f.problem(
                        at,
                        format!("{what}: needs at least one reference in `passages` or `sources`"),
                    );
                }
                refs.push((topics_at, what.clone(), Target::Topic, topics.clone()));
                refs.push((passages_at, what.clone(), Target::Passage, passages.clone()));
                refs.push((sources_at, what.clone(), Target::Source, sources.clone()));
                out.push(Event {
                    id,
                    date,
                    date_note,
                    title,
                    summary,
                    status,
                    topics,
                    passages,
                    sources,
                });
            }
            out
        },
    )
}

fn load_glossary(dir: &Path, reg: &mut Registry) -> Result<Vec<Term>, CorpusError> {
    with_file(
        dir,
        "glossary.toml",
        reg,
        |raw: RawGlossary, f, refs, declared| {
            let mut out = Vec::new();
            for t in raw.term {
                let at = t.span().start;
                let t = t.into_inner();
                let (id, id_at) = f.id("term", at, t.id);
                let what = format!("term `{id}`");
                declared.push(("term", id.clone(), id_at));
                let term = f.required(&what, at, t.term, "term");
                let definition = f.required(&what, at, t.definition, "definition");
                let (passages, passages_at) = f.non_empty(&what, at, t.passages, "passages");
                let (topics, topics_at) = f.non_empty(&what, at, t.topics, "topics");
                let (see_also, see_at) = f.list(t.see_also, at);
                refs.push((passages_at, what.clone(), Target::Passage, passages.clone()));
                refs.push((topics_at, what.clone(), Target::Topic, topics.clone()));
                refs.push((see_at, what.clone(), Target::Term, see_also.clone()));
                out.push(Term {
                    id,
                    term,
                    aliases: t.aliases,
                    definition,
                    passages,
                    topics,
                    see_also,
                });
            }
            out
        },
    )
}

fn load_claims(dir: &Path, reg: &mut Registry) -> Result<Vec<Claim>, CorpusError> {
    with_file(
        dir,
        "claims.toml",
        reg,
        |raw: RawClaims, f, refs, declared| {
            let mut out = Vec::new();
            for c in raw.claim {
                let at = c.span().start;
                let c = c.into_inner();
                let (id, id_at) = f.id("claim", at, c.id);
                let what = format!("claim `{id}`");
                declared.push(("claim", id.clone(), id_at));
                let claim = f.required(&what, at, c.claim, "claim");
                let made_by = f.required(&what, at, c.made_by, "made_by");
                let made_in_at = c.made_in.as_ref().map(|m| m.span().start).unwrap_or(at);
                let made_in = f.optional(&what, c.made_in, "made_in");
                let (supports, supports_at) = f.list(c.supports, at);
                let (counters, counters_at) = f.non_empty(&what, at, c.counters, "counters");
                let review = f.required(&what, at, c.review, "review");
                let (topics, topics_at) = f.non_empty(&what, at, c.topics, "topics");
                if let Some(m) = &made_in {
                    refs.push((made_in_at, what.clone(), Target::Passage, vec![m.clone()]));
                }
                refs.push((supports_at, what.clone(), Target::Passage, supports.clone()));
                refs.push((counters_at, what.clone(), Target::Passage, counters.clone()));
                refs.push((topics_at, what.clone(), Target::Topic, topics.clone()));
                out.push(Claim {
                    id,
                    claim,
                    variants: c.variants,
                    made_by,
                    made_in,
                    supports,
                    counters,
                    review,
                    topics,
                });
            }
            out
        },
    )
}

fn load_quiz(dir: &Path, reg: &mut Registry) -> Result<Vec<QuizItem>, CorpusError> {
    with_file(dir, "quiz.toml", reg, |raw: RawQuiz, f, refs, declared| {
        let mut out = Vec::new();
        for q in raw.question {
            let at = q.span().start;
            let q = q.into_inner();
            let (id, id_at) = f.id("question", at, q.id);
            let what = format!("question `{id}`");
            declared.push(("question", id.clone(), id_at));
            let question = f.required(&what, at, q.question, "question");
            let (choices, choices_at) = f.non_empty(&what, at, q.choices, "choices");
            if !choices.is_empty() && !(2..=5).contains(&choices.len()) {
                f.problem(
                    choices_at,
                    format!("{what}: needs 2 to 5 choices, has {}", choices.len()),
                );
            }
            let answer = match q.answer {
                Some(a) => {
                    let value = *a.get_ref();
                    if value < 0 || value as usize >= choices.len().max(1) {
                        f.problem(
                            a.span().start,
                            format!(
                                "{what}: `answer` {value} is not an index into `choices` (0-based)"
                            ),
                        );
                        0
                    } else {
                        value as usize
                    }
                }
                None => {
                    f.problem(at, format!("{what}: missing required field `answer`"));
                    0
                }
            };
            let passage_at = q.passage.as_ref().map(|p| p.span().start).unwrap_or(at);
            let passage = f.required(&what, at, q.passage, "passage");
            let explanation = f.optional(&what, q.explanation, "explanation");
            let (topics, topics_at) = f.non_empty(&what, at, q.topics, "topics");
            if !passage.is_empty() {
                refs.push((
                    passage_at,
                    what.clone(),
                    Target::Passage,
                    vec![passage.clone()],
                ));
            }
            refs.push((topics_at, what.clone(), Target::Topic, topics.clone()));
            out.push(QuizItem {
                id,
                question,
                choices,
                answer,
                passage,
                explanation,
                topics,
            });
        }
        out
    })
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `YYYY-MM-DD` (a real calendar day), `YYYY-MM` or `YYYY`.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2025-09-02"));
        assert!(is_iso_date("2025-09"));
        assert!(is_iso_date("1837"));
        assert!(!is_iso_date("2025-02-30"));
        assert!(!is_iso_date("2025-13"));
        assert!(!is_iso_date("2 Sept 2025"));
        assert!(!is_iso_date("2025-9-2"));
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://www.justsecurity.org/120296/x/"));
        assert!(is_http_url("http://example.org"));
        assert!(!is_http_url("ftp://example.org"));
        assert!(!is_http_url("www.example.org"));
        assert!(!is_http_url("https://"));
    }

    #[test]
    fn kebab() {
        assert!(is_kebab("un-charter-art-51"));
        assert!(!is_kebab("UN-charter"));
        assert!(!is_kebab("un_charter"));
        assert!(!is_kebab("-x"));
    }
}
