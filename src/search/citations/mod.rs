//! Legal references in free text (`Article 51`, `AP I art. 41`, `50 U.S.C. 1541`, `Common
//! Article 3`, `Rule 47`, `18 USC 2441`, `§5.9`, `UNCLOS 98`): recognising the pinpoints and the
//! instrument named next to each (`table`), and saying for each whether the corpus holds it
//! (with the passage), whether it is ambiguous (between which instruments), or whether it is
//! not in the corpus (and what of that instrument the corpus does hold).
//!
//! Instruments are recognised by the short names and aliases of the corpus's own primary-law
//! sources and by the canonical spellings of `legal_refs` (the same patterns, from
//! `patterns`); pinpoints by the passages' locators: a new source teaches the recogniser its
//! names without a code change.

mod articles;
mod table;

pub use table::RefTable;

use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// The most references one check reports.
pub const MAX_REFS: usize = 20;
/// The most words an instrument name is looked for over.
pub(super) const MAX_NAME_WORDS: usize = 7;
/// The most candidate pinpoints (and bare numbers) one text is searched for.
pub(super) const MAX_NUMBERS: usize = 100;
/// How far before or after a pinpoint its instrument's name is looked for.
pub(super) const WINDOW_BYTES: usize = 120;

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
    pub(super) fn names(&self, passage: &Pin) -> bool {
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
    /// No such provision exists: the instrument has fewer. `says` tells the user so ("AP I has
    /// no Article 200: it has 102 articles").
    NoSuchProvision { instrument: String, says: String },
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

static US_CODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)\b(\d{1,2})\s*",
        us_code!(),
        r"\s*(?:§+\s*|\bsec(?:tion|s)?\.?\s*)?(\d{1,6}[a-z]?)\b",
        sub!()
    ))
});
static COMMON_ARTICLE_3: LazyLock<Regex> =
    LazyLock::new(|| regex(concat!(r"(?i)(?:", common_article_3!(), ")", sub!())));
static ARTICLE_ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?i:art(?:icle)?\.?)\s+([IVX]{1,4})\b(?:,?\s*(?:§+\s*|(?i:sec(?:tion)?\.?)\s*)(\d{1,2}))?(?:,?\s*(?i:cl(?:ause)?\.?)\s*(\d{1,2}))?",
    )
});
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)\barts?(?:icles?)?\.?\s*(\d{1,4}[a-z]?)\b",
        sub!()
    ))
});
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i)(?:§+\s*|\bsec(?:tion)?s?\.?\s+)(\d{1,6}(?:\.\d{1,3})*)\b",
        sub!()
    ))
});
static RULE: LazyLock<Regex> =
    LazyLock::new(|| regex(concat!(r"(?i)\brules?\s+(\d{1,3})\b", sub!())));
static PRINCIPLE: LazyLock<Regex> =
    LazyLock::new(|| regex(concat!(r"(?i)\bprinciples?\s+(\d{1,2})\b", sub!())));
/// A short number (not a year) that may follow an instrument's name.
pub(super) static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(concat!(r"\b(\d{1,3}(?:\.\d{1,3})*)\b", sub!())));
static SUB_PART: LazyLock<Regex> = LazyLock::new(|| regex(r"\(([0-9a-zA-Z]{1,5})\)"));
/// A trailing short number on a name (`UCMJ 92` → `UCMJ`).
static TRAILING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\s+\d{1,3}(?:\.\d{1,3})*(?:\([0-9a-zA-Z]{1,5}\))*\s*$"));
static TRAILING_PARENS: LazyLock<Regex> = LazyLock::new(|| regex(r"\s*\([^)]*\)\s*$"));

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|e| panic!("citations: the pattern {pattern:?} is not a valid regex: {e}"))
}

pub(super) fn subs(text: &str) -> Vec<String> {
    SUB_PART
        .captures_iter(text)
        .map(|c| c[1].to_lowercase())
        .collect()
}

/// The pinpoints written in `text`, with their byte spans, in text order. Later patterns do
/// not claim text an earlier one matched (`18 U.S.C. § 2441` is one US Code reference, not also
/// a section).
pub(super) fn pinpoints(text: &str) -> Vec<(std::ops::Range<usize>, Pin)> {
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

/// The name of the instrument a short name stands for (`UCMJ Art. 92` → `UCMJ`,
/// `DoD Law of War Manual (June 2015)` → `DoD Law of War Manual`).
pub(super) fn instrument_name(short: &str) -> String {
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
    if crate::search::plain_words(&name).is_empty() {
        short.trim().to_string()
    } else {
        name
    }
}

/// A name usable to recognise an instrument in text: no pinpoint in it; a trailing short
/// number dropped (`UNCLOS 98` → `UNCLOS`).
pub(super) fn usable_name(name: &str) -> Option<String> {
    if !pinpoints(name).is_empty() {
        return None;
    }
    let name = TRAILING_NUMBER.replace(name, "").to_string();
    let n = crate::search::plain_words(&name);
    (n.chars().count() >= 2).then_some(n)
}

/// Sorts `Art. 8` before `Art. 40` before `Art. 110`.
pub(super) fn natural_key(text: &str) -> (String, u64, String) {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let prefix: String = text.chars().take_while(|c| !c.is_ascii_digit()).collect();
    (prefix, digits.parse().unwrap_or(0), text.to_string())
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
