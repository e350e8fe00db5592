//! `check`: finds the legal references in a text (`Article 51`, `AP I art. 41`, `50 U.S.C.
//! 1541`, `Common Article 3`, `Rule 47`, `18 USC 2441`, `§5.9`, `UNCLOS 98`) and says for each
//! whether the corpus holds it (with the passage), whether it is ambiguous (and between which
//! instruments), or whether it is not in the corpus.
//!
//! Instruments are recognised by the short names and aliases of the corpus's own primary-law
//! sources (and the canonical spellings of `search::legal_refs`), and pinpoints by the
//! passages' locators: a new source teaches `check` its names without a code change.

use super::{Caller, Fathom, Item, Reply};
use crate::corpus::{Corpus, SourceKind};
use crate::search::Highlighted;
use crate::search::legal_refs::canonical_tokens;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Instant;

/// The most references one check reports.
pub const MAX_REFS: usize = 20;
/// The most passages one check shows in full.
const MAX_ITEMS: usize = 10;
/// The most words an instrument name is looked for over.
const MAX_NAME_WORDS: usize = 7;
/// The most candidate pinpoints (and bare numbers) one text is searched for.
const MAX_NUMBERS: usize = 100;
/// How far before or after a pinpoint its instrument's name is looked for.
const WINDOW_BYTES: usize = 120;

/// What kind of pinpoint a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PinKind {
    /// `Art. 41`, `Article I` (the number may be a Roman numeral).
    Article,
    /// `§5.9`, `section 2441`.
    Section,
    /// `Rule 47` (ICRC customary IHL).
    Rule,
    /// `Principle 9` (UN Basic Principles).
    Principle,
    /// `50 U.S.C. 1541`: the title is part of the kind.
    UsCode(u32),
    /// `Common Article 3`.
    CommonArticle3,
    /// A bare number right after an instrument's name (`AP I 41`, `UNCLOS 98`, `LOWM 5.9`).
    Number,
}

/// A pinpoint: `Art. 8(2)(c)` is `Article`, `8`, `["2", "c"]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pin {
    pub kind: PinKind,
    pub number: String,
    pub sub: Vec<String>,
}

impl Pin {
    /// How the pinpoint is written in a citation.
    pub fn display(&self) -> String {
        let sub: String = self.sub.iter().map(|s| format!("({s})")).collect();
        match self.kind {
            PinKind::Article => format!("Art. {}{sub}", self.number),
            PinKind::Section => format!("§{}{sub}", self.number),
            PinKind::Rule => format!("Rule {}{sub}", self.number),
            PinKind::Principle => format!("Principle {}{sub}", self.number),
            PinKind::UsCode(title) => format!("{title} U.S.C. {}{sub}", self.number),
            PinKind::CommonArticle3 => format!("Common Art. 3{sub}"),
            PinKind::Number => format!("{}{sub}", self.number),
        }
    }

    /// Whether a pinpoint written by a user names the same provision as a passage's pinpoint
    /// (ignoring subdivisions, which only rank the candidates).
    fn names(&self, passage: &Pin) -> bool {
        if !self.number.eq_ignore_ascii_case(&passage.number) {
            return false;
        }
        match (self.kind, passage.kind) {
            (PinKind::Number, k) => matches!(
                k,
                PinKind::Article | PinKind::Section | PinKind::Rule | PinKind::Principle
            ),
            (PinKind::Section, PinKind::UsCode(_)) => true,
            (a, b) => a == b,
        }
    }
}

/// One reference found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct LegalRef {
    /// As written.
    pub text: String,
    pub pin: Pin,
    /// The instrument named next to it (`AP I`), if any: its display name and groups.
    pub instrument: Option<(String, BTreeSet<usize>)>,
}

/// What the corpus says about one reference.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The corpus holds it: passage ids, best first. `exact` is false when the user named a
    /// subdivision the corpus does not quote (the passages are then of the same provision).
    Found { passages: Vec<String>, exact: bool },
    /// Several instruments have such a provision: (instrument, a passage id) for each.
    Ambiguous { options: Vec<(String, String)> },
    /// Not in the corpus. When the instrument is known, what the corpus does hold of it.
    NotFound {
        instrument: Option<String>,
        has: Vec<String>,
    },
}

/// A reference and its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub reference: LegalRef,
    pub verdict: Verdict,
}

/// An instrument: the sources that share a short name (`AP I` has one file per article).
#[derive(Debug)]
struct Group {
    label: String,
}

/// A pinpoint a passage answers to. Strong: from its locator; weak: from its aliases or its
/// source's title and aliases.
#[derive(Debug)]
struct Entry {
    ordinal: usize,
    group: usize,
    pin: Pin,
    strong: bool,
}

/// Every pinpoint the corpus's primary-law passages answer to, and the names of their
/// instruments. Built once per corpus version.
#[derive(Debug)]
pub struct RefTable {
    version: String,
    groups: Vec<Group>,
    entries: Vec<Entry>,
    /// Normalised instrument name → groups.
    names: HashMap<String, BTreeSet<usize>>,
    /// Canonical legal-reference token (`api`, `uncharter`) → groups.
    canonical: HashMap<String, BTreeSet<usize>>,
}

/// The canonical tokens of `search::legal_refs` that name an instrument (and not a concept).
const INSTRUMENT_TOKENS: &[&str] = &[
    "api",
    "apii",
    "gcii",
    "uncharter",
    "unclos",
    "iccpr",
    "romestatute",
    "ucmj",
    "wpr",
    "possecomitatus",
    "mdlea",
    "eo12333",
    "warcrimesact",
    "lowm",
    "aumf",
];

const SUB: &str = r"((?:\s?\([0-9a-zA-Z]{1,5}\))*)";

static US_CODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(\d{{1,2}})\s*u\.?\s?s\.?\s?c\.?(?:\s?a\b\.?)?\s*(?:§+\s*|\bsec(?:tion|s)?\.?\s*)?(\d{{1,6}}[a-z]?)\b{SUB}"
    ))
});
static COMMON_ARTICLE_3: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:\bcommon\s+art(?:icle|\.)?\s*3\b|\bca\s?3\b|\barticle\s+3\s+common\b){SUB}"
    ))
});
static ARTICLE_ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?i:art(?:icle)?\.?)\s+([IVX]{1,4})\b(?:,?\s*(?:§+\s*|(?i:sec(?:tion)?\.?)\s*)(\d{1,2}))?(?:,?\s*(?i:cl(?:ause)?\.?)\s*(\d{1,2}))?",
    )
});
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\barts?(?:icles?)?\.?\s*(\d{{1,4}}[a-z]?)\b{SUB}"
    ))
});
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:§+\s*|\bsec(?:tion)?s?\.?\s+)(\d{{1,6}}(?:\.\d{{1,3}})*)\b{SUB}"
    ))
});
static RULE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?i)\brules?\s+(\d{{1,3}})\b{SUB}")));
static PRINCIPLE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?i)\bprinciples?\s+(\d{{1,2}})\b{SUB}")));
/// A short number (not a year) that may follow an instrument's name.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"\b(\d{{1,3}}(?:\.\d{{1,3}})*)\b{SUB}")));
static SUB_PART: LazyLock<Regex> = LazyLock::new(|| regex(r"\(([0-9a-zA-Z]{1,5})\)"));
/// A trailing short number on a name (`UCMJ 92` → `UCMJ`).
static TRAILING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\s+\d{1,3}(?:\.\d{1,3})*(?:\([0-9a-zA-Z]{1,5}\))*\s*$"));
static TRAILING_PARENS: LazyLock<Regex> = LazyLock::new(|| regex(r"\s*\([^)]*\)\s*$"));

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|e| panic!("check: the pattern {pattern:?} is not a valid regex: {e}"))
}

fn subs(text: &str) -> Vec<String> {
    SUB_PART
        .captures_iter(text)
        .map(|c| c[1].to_lowercase())
        .collect()
}

/// The pinpoints written in `text`, with their byte spans, in text order. Later patterns do
/// not claim text an earlier one matched (`18 U.S.C. § 2441` is one US Code reference, not also
/// a section).
fn pinpoints(text: &str) -> Vec<(std::ops::Range<usize>, Pin)> {
    let mut found: Vec<(std::ops::Range<usize>, Pin)> = Vec::new();
    let free = |found: &[(std::ops::Range<usize>, Pin)], r: &std::ops::Range<usize>| {
        found
            .iter()
            .all(|(f, _)| r.end <= f.start || r.start >= f.end)
    };
    for c in US_CODE.captures_iter(text) {
        let (Some(all), Ok(title)) = (c.get(0), c[1].parse::<u32>()) else {
            continue;
        };
        let pin = Pin {
            kind: PinKind::UsCode(title),
            number: c[2].to_lowercase(),
            sub: subs(c.get(3).map_or("", |m| m.as_str())),
        };
        found.push((all.range(), pin));
    }
    for c in COMMON_ARTICLE_3.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        if free(&found, &all.range()) {
            let pin = Pin {
                kind: PinKind::CommonArticle3,
                number: "3".into(),
                sub: subs(c.get(1).map_or("", |m| m.as_str())),
            };
            found.push((all.range(), pin));
        }
    }
    for c in ARTICLE_ROMAN.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        if free(&found, &all.range()) {
            let sub = [c.get(2), c.get(3)]
                .into_iter()
                .flatten()
                .map(|m| m.as_str().to_string())
                .collect();
            let pin = Pin {
                kind: PinKind::Article,
                number: c[1].to_string(),
                sub,
            };
            found.push((all.range(), pin));
        }
    }
    let simple: [(&Regex, PinKind); 4] = [
        (&ARTICLE, PinKind::Article),
        (&SECTION, PinKind::Section),
        (&RULE, PinKind::Rule),
        (&PRINCIPLE, PinKind::Principle),
    ];
    for (re, kind) in simple {
        for c in re.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            if free(&found, &all.range()) {
                let pin = Pin {
                    kind,
                    number: c[1].to_lowercase(),
                    sub: subs(c.get(2).map_or("", |m| m.as_str())),
                };
                found.push((all.range(), pin));
            }
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

/// Lowercase words joined by single spaces; punctuation separates words.
fn norm(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a source is primary law (or a UN text): only these hold citable pinpoints.
fn is_law(kind: SourceKind) -> bool {
    kind.is_primary_law() || kind == SourceKind::Un
}

/// The name of the instrument a short name stands for (`UCMJ Art. 92` → `UCMJ`,
/// `DoD Law of War Manual (June 2015)` → `DoD Law of War Manual`).
fn instrument_name(short: &str) -> String {
    let mut name = short.to_string();
    for (range, _) in pinpoints(short).into_iter().rev() {
        name.replace_range(range, "");
    }
    let name = TRAILING_PARENS.replace(&name, "").to_string();
    let name = name
        .trim()
        .trim_end_matches([',', ';', ':'])
        .trim()
        .to_string();
    if norm(&name).is_empty() {
        short.trim().to_string()
    } else {
        name
    }
}

/// A name usable to recognise an instrument in text: no pinpoint in it; a trailing short
/// number dropped (`UNCLOS 98` → `UNCLOS`).
fn usable_name(name: &str) -> Option<String> {
    if !pinpoints(name).is_empty() {
        return None;
    }
    let name = TRAILING_NUMBER.replace(name, "").to_string();
    let n = norm(&name);
    (n.chars().count() >= 2).then_some(n)
}

impl RefTable {
    pub fn build(corpus: &Corpus) -> RefTable {
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of_name: HashMap<String, usize> = HashMap::new();
        let mut names: HashMap<String, BTreeSet<usize>> = HashMap::new();
        let mut canonical: HashMap<String, BTreeSet<usize>> = HashMap::new();
        let mut source_group: HashMap<&str, usize> = HashMap::new();
        for source in corpus.sources.iter().filter(|s| is_law(s.kind)) {
            let label = instrument_name(source.short_name());
            let key = norm(&label);
            let group = *group_of_name.entry(key).or_insert_with(|| {
                groups.push(Group {
                    label: label.clone(),
                });
                groups.len() - 1
            });
            source_group.insert(source.id.as_str(), group);
            let all_names = std::iter::once(source.short_name())
                .chain(std::iter::once(label.as_str()))
                .chain(source.aliases.iter().map(String::as_str));
            for name in all_names {
                if let Some(n) = usable_name(name) {
                    names.entry(n).or_default().insert(group);
                }
                let canon = canonical_tokens(name);
                if INSTRUMENT_TOKENS.contains(&canon.as_str()) {
                    canonical.entry(canon).or_default().insert(group);
                }
            }
        }
        let mut table = RefTable {
            version: corpus.version.clone(),
            groups,
            entries: Vec::new(),
            names,
            canonical,
        };
        for (ordinal, passage) in corpus.passages.iter().enumerate() {
            let Some(&group) = source_group.get(passage.source_id.as_str()) else {
                continue;
            };
            let mut add = |pin: Pin, strong: bool| {
                table.entries.push(Entry {
                    ordinal,
                    group,
                    pin,
                    strong,
                });
            };
            for (_, pin) in pinpoints(&passage.locator) {
                add(pin, true);
            }
            let source = corpus.source_of(passage);
            let weak_texts = passage
                .aliases
                .iter()
                .map(String::as_str)
                .chain(source.map(|s| s.title.as_str()))
                .chain(
                    source
                        .into_iter()
                        .flat_map(|s| s.aliases.iter().map(String::as_str)),
                );
            let mut weak: Vec<Pin> = Vec::new();
            for text in weak_texts {
                weak.extend(pinpoints(text).into_iter().map(|(_, pin)| pin));
            }
            for pin in weak {
                add(pin, false);
            }
        }
        // Aliases such as `UNCLOS 98` name a pinpoint by number after the instrument.
        let mut numbered = Vec::new();
        for (ordinal, passage) in corpus.passages.iter().enumerate() {
            let Some(&group) = source_group.get(passage.source_id.as_str()) else {
                continue;
            };
            for alias in &passage.aliases {
                for r in table.refs_in(alias) {
                    if r.pin.kind == PinKind::Number {
                        numbered.push(Entry {
                            ordinal,
                            group,
                            pin: Pin {
                                kind: PinKind::Article,
                                ..r.pin
                            },
                            strong: false,
                        });
                    }
                }
            }
        }
        table.entries.extend(numbered);
        table
    }

    /// The table for this corpus, built on first use and kept until the corpus changes.
    pub fn for_corpus(corpus: &Corpus) -> Arc<RefTable> {
        static CACHE: LazyLock<Mutex<Option<Arc<RefTable>>>> = LazyLock::new(|| Mutex::new(None));
        let mut cache = CACHE
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(table) = cache.as_ref()
            && table.version == corpus.version
            && !corpus.version.is_empty()
        {
            return table.clone();
        }
        let table = Arc::new(RefTable::build(corpus));
        *cache = Some(table.clone());
        table
    }

    /// The groups a run of words names: by a name of the corpus, or by a canonical spelling
    /// (`Protocol 1` → `api`) to which both the run's first and last words are needed, so that
    /// `charter AP I` or `and AP I` is not taken for a name.
    fn lookup(&self, words: &[&str]) -> Option<(String, BTreeSet<usize>)> {
        let joined = words.join(" ");
        if let Some(groups) = self.names.get(&joined) {
            return Some((joined, groups.clone()));
        }
        let last_is_number = words
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
        if last_is_number || words.is_empty() {
            return None;
        }
        let canon = canonical_tokens(&joined);
        if !INSTRUMENT_TOKENS.contains(&canon.as_str()) {
            return None;
        }
        let without_first = canonical_tokens(&words[1..].join(" "));
        let without_last = canonical_tokens(&words[..words.len() - 1].join(" "));
        if without_first == canon || without_last == canon {
            return None;
        }
        self.canonical
            .get(&canon)
            .map(|groups| (joined, groups.clone()))
    }

    /// The instrument named right before byte `at` (`AP I art. 41`, `the UN Charter's Art. 51`).
    fn instrument_before(&self, text: &str, at: usize) -> Option<(String, BTreeSet<usize>)> {
        // Names are a few words long: look at most this far back.
        let mut from = at.saturating_sub(WINDOW_BYTES);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..at];
        let cut = before
            .rfind(|c: char| ";:!?\n()[]\"“”".contains(c))
            .map(|i| i + 1)
            .unwrap_or(0);
        let cut = before[cut..]
            .rfind(". ")
            .map(|i| cut + i + 2)
            .unwrap_or(cut);
        let mut window = before[cut..].trim_end();
        for suffix in ["'s", "’s"] {
            if let Some(w) = window.strip_suffix(suffix) {
                window = w;
            }
        }
        // The name must touch the pinpoint: `GC II 12, Article 6` names no instrument for
        // Article 6.
        if !window
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            return None;
        }
        let normalised = norm(window);
        let words: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
        for k in (1..=MAX_NAME_WORDS.min(words.len())).rev() {
            if let Some(found) = self.lookup(&words[words.len() - k..]) {
                return Some(found);
            }
        }
        None
    }

    /// The instrument named right after byte `at` (`Article 51 of the UN Charter`,
    /// `Article 6 ICCPR`).
    fn instrument_after(&self, text: &str, at: usize) -> Option<(String, BTreeSet<usize>)> {
        let mut to = (at + WINDOW_BYTES).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let after = &text[at..to];
        let end = after
            .find(|c: char| ";:!?\n()[]\"“”,".contains(c))
            .unwrap_or(after.len());
        let end = after[..end].find(". ").unwrap_or(end);
        let normalised = norm(&after[..end]);
        let mut words: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
        if matches!(words.first(), Some(&("of" | "in" | "under"))) {
            words.remove(0);
            if words.first() == Some(&"the") {
                words.remove(0);
            }
        }
        for k in (1..=MAX_NAME_WORDS.min(words.len())).rev() {
            if let Some(found) = self.lookup(&words[..k]) {
                return Some(found);
            }
        }
        None
    }

    /// The legal references written in `text`, at most `MAX_REFS`, each once.
    pub fn refs_in(&self, text: &str) -> Vec<LegalRef> {
        let mut found: Vec<(std::ops::Range<usize>, LegalRef)> = Vec::new();
        for (range, pin) in pinpoints(text).into_iter().take(MAX_NUMBERS) {
            let instrument = self
                .instrument_before(text, range.start)
                .or_else(|| self.instrument_after(text, range.end));
            let written = text[range.clone()].trim().to_string();
            found.push((
                range,
                LegalRef {
                    text: written,
                    pin,
                    instrument,
                },
            ));
        }
        // `AP I 41`, `UNCLOS 98(1)`: a short number right after an instrument's name.
        // Bounded work on hostile text: at most this many bare numbers are looked at.
        for c in NUMBER.captures_iter(text).take(MAX_NUMBERS) {
            let Some(all) = c.get(0) else { continue };
            let range = all.range();
            if found
                .iter()
                .any(|(f, _)| range.start < f.end && range.end > f.start)
            {
                continue;
            }
            let before = &text[..range.start];
            let trimmed = before.trim_end();
            // A space between the name and the number, and no punctuation.
            if trimmed.len() == before.len()
                || !trimmed
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some((name, groups)) = self.instrument_before(text, trimmed.len()) else {
                continue;
            };
            let lowest = trimmed.len().saturating_sub(160);
            let Some(start) = (lowest..trimmed.len())
                .rev()
                .find(|&i| text.is_char_boundary(i) && norm(&text[i..trimmed.len()]) == name)
            else {
                continue;
            };
            found.push((
                start..range.end,
                LegalRef {
                    text: text[start..range.end].trim().to_string(),
                    pin: Pin {
                        kind: PinKind::Number,
                        number: c[1].to_lowercase(),
                        sub: subs(c.get(2).map_or("", |m| m.as_str())),
                    },
                    instrument: Some((name, groups)),
                },
            ));
        }
        found.sort_by_key(|(r, _)| r.start);
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| {
                let key = (r.pin.clone(), r.instrument.as_ref().map(|(_, g)| g.clone()));
                seen.insert(key)
            })
            .take(MAX_REFS)
            .collect()
    }

    /// What the corpus holds for one reference.
    pub fn verdict(&self, corpus: &Corpus, r: &LegalRef) -> Verdict {
        let in_instrument = |e: &&Entry| {
            r.instrument
                .as_ref()
                .is_none_or(|(_, groups)| groups.contains(&e.group))
        };
        let matching: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| r.pin.names(&e.pin))
            .filter(in_instrument)
            .collect();
        let strong: Vec<&Entry> = matching.iter().copied().filter(|e| e.strong).collect();
        let candidates = if strong.is_empty() { matching } else { strong };
        if candidates.is_empty() {
            let instrument = r.instrument.as_ref().map(|(name, groups)| {
                groups
                    .iter()
                    .filter_map(|g| self.groups.get(*g))
                    .map(|g| g.label.clone())
                    .next()
                    .unwrap_or_else(|| name.clone())
            });
            let has = match &r.instrument {
                Some((_, groups)) => {
                    let pins: BTreeSet<String> = self
                        .entries
                        .iter()
                        .filter(|e| e.strong && groups.contains(&e.group))
                        .map(|e| {
                            Pin {
                                sub: Vec::new(),
                                ..e.pin.clone()
                            }
                            .display()
                        })
                        .collect();
                    let mut has: Vec<String> = pins.into_iter().collect();
                    has.sort_by_key(|p| natural_key(p));
                    has.truncate(12);
                    has
                }
                None => Vec::new(),
            };
            return Verdict::NotFound { instrument, has };
        }
        let groups: BTreeSet<usize> = candidates.iter().map(|e| e.group).collect();
        if groups.len() > 1 {
            let options = groups
                .into_iter()
                .filter_map(|g| {
                    let best = candidates.iter().find(|e| e.group == g)?;
                    let label = self.groups.get(g)?.label.clone();
                    let passage = corpus.passages.get(best.ordinal)?;
                    Some((label, passage.id.clone()))
                })
                .collect();
            return Verdict::Ambiguous { options };
        }
        let with_sub: Vec<&&Entry> = candidates
            .iter()
            .filter(|e| !r.pin.sub.is_empty() && e.pin.sub.starts_with(&r.pin.sub))
            .collect();
        let exact = r.pin.sub.is_empty() || !with_sub.is_empty();
        let mut ranked: Vec<(&Vec<String>, usize)> = if with_sub.is_empty() {
            candidates.iter().map(|e| (&e.pin.sub, e.ordinal)).collect()
        } else {
            with_sub.iter().map(|e| (&e.pin.sub, e.ordinal)).collect()
        };
        // The provision's opening first, then its subdivisions in order.
        ranked.sort();
        let ranked = ranked.into_iter().map(|(_, ordinal)| ordinal);
        let mut passages: Vec<String> = Vec::new();
        for ordinal in ranked {
            if let Some(p) = corpus.passages.get(ordinal)
                && !passages.contains(&p.id)
            {
                passages.push(p.id.clone());
            }
        }
        Verdict::Found { passages, exact }
    }
}

/// Sorts `Art. 8` before `Art. 40` before `Art. 110`.
fn natural_key(text: &str) -> (String, u64, String) {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let prefix: String = text.chars().take_while(|c| !c.is_ascii_digit()).collect();
    (prefix, digits.parse().unwrap_or(0), text.to_string())
}

impl Fathom {
    pub async fn check(&self, caller: &Caller, text: &str) -> Reply {
        let started = Instant::now();
        let reply = self.check_reply(text);
        self.finish(caller, "check", text, reply, started, false)
            .await
    }

    /// Every legal reference in `text` with its verdict.
    pub fn check_refs(&self, text: &str) -> Vec<Checked> {
        let table = RefTable::for_corpus(&self.corpus);
        table
            .refs_in(text)
            .into_iter()
            .map(|reference| Checked {
                verdict: table.verdict(&self.corpus, &reference),
                reference,
            })
            .collect()
    }

    pub fn check_reply(&self, text: &str) -> Reply {
        const EXAMPLES: &str =
            "`Article 51`, `AP I art. 41`, `50 U.S.C. 1541`, `Common Article 3`, `Rule 47`";
        if text.trim().is_empty() {
            return Reply::problem(
                "check",
                format!(
                    "Paste the text whose citations you want checked, for example one citing {EXAMPLES}."
                ),
                self.version(),
            );
        }
        let checked = self.check_refs(text);
        let mut reply = Reply::new("check", "Citations checked", self.version());
        reply.query = Some(text.to_string());
        if checked.is_empty() {
            reply.intro = Some(format!(
                "I found no legal reference (such as {EXAMPLES}) in that text."
            ));
            reply.suggestions = vec!["/rebut".into(), "/ask".into()];
            return reply;
        }
        let (mut found, mut ambiguous, mut missing) = (0, 0, 0);
        for c in &checked {
            let written = c.reference.text.replace('`', "'");
            let line = match &c.verdict {
                Verdict::Found { passages, exact } => {
                    found += 1;
                    let first = passages.first().and_then(|id| self.corpus.passage(id));
                    let citation = first.map(|p| self.corpus.citation(p)).unwrap_or_default();
                    let mut line = format!("✅ `{written}`: in the corpus, {citation}");
                    if !exact {
                        line.push_str(
                            " (that subdivision is not quoted; this is the same provision)",
                        );
                    }
                    if passages.len() > 1 {
                        line.push_str(&format!(
                            " (+{} more passage{})",
                            passages.len() - 1,
                            if passages.len() == 2 { "" } else { "s" }
                        ));
                    }
                    if let Some(p) = first
                        && reply.items.len() < MAX_ITEMS
                        && !reply
                            .items
                            .iter()
                            .any(|i| i.passage_id.as_ref() == Some(&p.id))
                    {
                        reply.items.push(Item::from_passage(
                            &self.corpus,
                            p,
                            |t: &str| Highlighted::plain(t),
                            None,
                        ));
                    }
                    line
                }
                Verdict::Ambiguous { options } => {
                    ambiguous += 1;
                    let which: Vec<String> = options
                        .iter()
                        .map(|(_, id)| {
                            self.corpus
                                .passage(id)
                                .map(|p| self.corpus.citation(p))
                                .unwrap_or_else(|| id.clone())
                        })
                        .collect();
                    format!(
                        "❓ `{written}`: ambiguous, say which instrument: {}",
                        which.join(" · ")
                    )
                }
                Verdict::NotFound { instrument, has } => {
                    missing += 1;
                    match instrument {
                        Some(name) if !has.is_empty() => format!(
                            "❌ `{written}`: not in the corpus (of {name} it has {})",
                            has.join(", ")
                        ),
                        _ => format!("❌ `{written}`: not in the corpus"),
                    }
                }
            };
            reply.lines.push(line);
        }
        reply.intro = Some(format!(
            "{} legal reference{} found: {found} in the corpus, {ambiguous} ambiguous, {missing} not in the corpus.",
            checked.len(),
            if checked.len() == 1 { "" } else { "s" }
        ));
        reply
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pins(text: &str) -> Vec<Pin> {
        pinpoints(text).into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn pinpoints_in_their_many_spellings() {
        let p = pins("Art. 8(2)(c)(i)");
        assert_eq!(p[0].kind, PinKind::Article);
        assert_eq!(p[0].number, "8");
        assert_eq!(p[0].sub, vec!["2", "c", "i"]);
        let p = pins("18 U.S.C. § 2441(d)(1)");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].kind, PinKind::UsCode(18));
        assert_eq!(p[0].number, "2441");
        assert_eq!(p[0].sub, vec!["d", "1"]);
        assert_eq!(pins("50 USC 1541")[0].kind, PinKind::UsCode(50));
        assert_eq!(pins("Common Article 3")[0].kind, PinKind::CommonArticle3);
        assert_eq!(pins("CA3(1)(a)")[0].sub, vec!["1", "a"]);
        assert_eq!(pins("Rule 47(b)")[0].kind, PinKind::Rule);
        assert_eq!(pins("§5.9.4")[0].number, "5.9.4");
        let p = pins("Art. I, §8, cl. 11");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].number, "I");
        assert_eq!(p[0].sub, vec!["8", "11"]);
        assert!(pins("the artillery fired 5 rounds in 2025").is_empty());
        assert!(pins("").is_empty());
    }

    #[test]
    fn names_of_instruments() {
        assert_eq!(instrument_name("UCMJ Art. 92"), "UCMJ");
        assert_eq!(
            instrument_name("DoD Law of War Manual (June 2015)"),
            "DoD Law of War Manual"
        );
        assert_eq!(instrument_name("10 U.S.C. 124"), "10 U.S.C. 124");
        assert_eq!(usable_name("UNCLOS 98").as_deref(), Some("unclos"));
        assert_eq!(usable_name("EO 12333").as_deref(), Some("eo 12333"));
        assert_eq!(usable_name("Article 98"), None);
    }

    #[test]
    fn hostile_text_is_fine() {
        let junk = "Art. §§ (((( 18 U.S.C. art art. 99999999 \u{1F600} AP I ".repeat(300);
        let _ = pins(&junk);
        assert!(natural_key("").1 == 0);
    }
}

#[cfg(test)]
mod corpus_tests {
    use super::*;

    fn corpus() -> Corpus {
        crate::corpus::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("index"))
            .expect("the shipped corpus loads")
    }

    fn verdicts(text: &str) -> Vec<(String, Verdict)> {
        let corpus = corpus();
        let table = RefTable::build(&corpus);
        table
            .refs_in(text)
            .into_iter()
            .map(|r| {
                let v = table.verdict(&corpus, &r);
                (r.text, v)
            })
            .collect()
    }

    fn found(v: &Verdict) -> Vec<String> {
        match v {
            Verdict::Found { passages, .. } => passages.clone(),
            other => panic!("expected found, got {other:?}"),
        }
    }

    #[test]
    fn references_found_ambiguous_and_missing_in_the_shipped_corpus() {
        let v = verdicts(
            "Under Article 51 and Art. 2(4) of the UN Charter, AP I art. 41(2), 50 U.S.C. 1541, \
             Common Article 3, Rule 47, 18 USC 2441, Article 17, UNCLOS 98(2), UNCLOS Article 99, \
             GC II 12, Article 6 ICCPR, Art. I, §8, cl. 11 and Hague Regulations Art. 23(c).",
        );
        let by_text: HashMap<&str, &Verdict> = v.iter().map(|(t, v)| (t.as_str(), v)).collect();
        let first = |t: &str| found(by_text[t])[0].clone();
        assert_eq!(first("Article 51"), "un-charter-art-51");
        assert_eq!(first("Art. 2(4)"), "un-charter-art-2-4");
        assert_eq!(first("art. 41(2)"), "ap-i-art-41-2");
        assert_eq!(first("50 U.S.C. 1541"), "war-powers-resolution-1541-c");
        assert!(first("Common Article 3").starts_with("common-article-3"));
        assert_eq!(first("Rule 47"), "icrc-cihl-rule-47");
        assert_eq!(first("18 USC 2441"), "war-crimes-act-18-usc-2441-a");
        assert_eq!(first("UNCLOS 98(2)"), "unclos-art-98-2");
        assert_eq!(first("GC II 12"), "gc-ii-art-12");
        assert_eq!(first("Article 6"), "iccpr-art-6-1");
        assert_eq!(first("Art. I, §8, cl. 11"), "us-constitution-art-i-s8-cl11");
        assert_eq!(first("Art. 23(c)"), "hague-regulations-art-23-c");
        match by_text["Article 17"] {
            Verdict::Ambiguous { options } => assert!(options.len() >= 2, "{options:?}"),
            other => panic!("Article 17 should be ambiguous, got {other:?}"),
        }
        match by_text["Article 99"] {
            Verdict::NotFound { instrument, has } => {
                assert_eq!(instrument.as_deref(), Some("UNCLOS"));
                assert!(has.contains(&"Art. 98".to_string()), "{has:?}");
            }
            other => panic!("UNCLOS Article 99 is not in the corpus, got {other:?}"),
        }
    }

    #[test]
    fn a_name_not_touching_the_pinpoint_is_not_its_instrument() {
        let v = verdicts("GC II 12, Article 6 of the ICCPR; see also LOWM 5.9, section 2441");
        let texts: Vec<&str> = v.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["GC II 12", "Article 6", "LOWM 5.9", "section 2441"]);
        assert_eq!(found(&v[1].1)[0], "iccpr-art-6-1");
        assert!(found(&v[3].1)[0].starts_with("war-crimes-act-18-usc-2441"));
    }

    #[test]
    fn a_name_after_a_conjunction_belongs_to_the_next_reference() {
        let v = verdicts("Under Article 51 and AP I art. 41, and Protocol 1 Article 40");
        assert_eq!(found(&v[0].1)[0], "un-charter-art-51");
        assert_eq!(found(&v[1].1)[0], "ap-i-art-41");
        assert_eq!(found(&v[2].1)[0], "ap-i-art-40");
    }

    #[test]
    fn plain_text_has_no_references() {
        assert!(verdicts("is it legal to shoot survivors in 2025? 11 were killed").is_empty());
    }
}
