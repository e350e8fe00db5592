//! Legal references and their many spellings. `art. 41`, `AP I 41`, `50 U.S.C. 1541`,
//! `common article 3`, `LOAC`: people write the same thing many ways. `canonical_tokens` maps each
//! spelling to one canonical token, and the same function runs over indexed text and over
//! queries, so that any spelling finds any other.

use regex::Regex;
use std::sync::LazyLock;

/// What a canonical token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// A legal instrument (`api`, `uncharter`): `check` recognises references to it.
    Instrument,
    /// Anything else: a concept, a body, an outlet, a spelling.
    Other,
}

use Names::{Instrument, Other};

/// (pattern, canonical replacement, what it names). Order matters: longer and more specific
/// forms come first, and each match is replaced by its canonical form before the next rule
/// runs, so that "non-international armed conflict" does not also count as "international
/// armed conflict".
const RULES: &[(&str, &str, Names)] = &[
    (concat!(r"\b", us_code!()), "usc", Other),
    (r"§+\s*", "section ", Other),
    (r"\bsecs?\.\s*(\d)", "section $1", Other),
    (
        r"\bnon[-\s]?international\s+armed\s+conflicts?\b|\bniacs?\b",
        "niac",
        Other,
    ),
    (
        r"\binternational\s+armed\s+conflicts?\b|\biacs?\b",
        "iac",
        Other,
    ),
    (
        r"\b(?:additional\s+)?protocol\s+(?:ii|2)\b|\bap\s?(?:ii|2)\b|\bapii\b",
        "apii",
        Instrument,
    ),
    (
        r"\b(?:additional\s+)?protocol\s+(?:i|1)\b|\bap\s?(?:i|1)\b|\bapi\b",
        "api",
        Instrument,
    ),
    (
        r"\bgeneva\s+convention\s+(?:ii|2)\b|\bsecond\s+geneva\s+convention\b|\bgc\s?(?:ii|2)\b",
        "gcii",
        Instrument,
    ),
    (common_article_3!(), "ca3", Other),
    (r"\bart(?:icle)?s?\.?\s*(\d+)", "article $1", Other),
    (r"\blaw\s+of\s+war\s+manual\b|\blowm\b", "lowm", Instrument),
    (
        r"\bwar\s+powers\s+(?:resolution|act)\b|\bwpr\b",
        "wpr",
        Instrument,
    ),
    (
        r"\blaws?\s+of\s+armed\s+conflicts?\b|\bloac\b|\binternational\s+humanitarian\s+law\b|\bihl\b|\blaws?\s+of\s+war\b",
        "ihl",
        Other,
    ),
    (
        r"\binternational\s+human\s+rights\s+law\b|\bihrl\b|\bhuman\s+rights\s+law\b",
        "ihrl",
        Other,
    ),
    (
        r"\bposse\s+comitatus(?:\s+act)?\b|\bpca\b",
        "possecomitatus",
        Instrument,
    ),
    (
        r"\bforeign\s+terrorist\s+organi[sz]ations?\b|\bftos?\b",
        "fto",
        Other,
    ),
    (
        r"\bmaritime\s+drug\s+law\s+enforcement\s+act\b|\bmdlea\b",
        "mdlea",
        Instrument,
    ),
    (
        r"\bconvention\s+on\s+the\s+law\s+of\s+the\s+sea\b|\bunclos\b|\blaw\s+of\s+the\s+sea\s+convention\b",
        "unclos",
        Instrument,
    ),
    (
        r"\binternational\s+covenant\s+on\s+civil\s+and\s+political\s+rights\b|\biccpr\b",
        "iccpr",
        Instrument,
    ),
    (
        r"\buniform\s+code\s+of\s+military\s+justice\b|\bucmj\b",
        "ucmj",
        Instrument,
    ),
    (
        r"\b(?:executive\s+order|e\.?o\.?)\s*12,?333\b",
        "eo12333",
        Instrument,
    ),
    (
        r"\bwar\s+crimes\s+act\b|\b18\s+usc\s+(?:section\s+)?2441\b",
        "warcrimesact",
        Instrument,
    ),
    (
        r"\bhors\s+de\s+combat\b|\bout\s+of\s+(?:the\s+)?combat\b",
        "horsdecombat",
        Other,
    ),
    (
        r"\bdouble[-\s]?tap(?:s|ped)?\b|\bsecond\s+strikes?\b|\bfollow[-\s]?(?:up|on)\s+strikes?\b|\bre-?strike\b",
        "doubletap",
        Other,
    ),
    (r"\bjus\s+ad\s+bellum\b", "jusadbellum", Other),
    (r"\bjus\s+in\s+bello\b", "jusinbello", Other),
    (
        r"\bun\s+charter\b|\bcharter\s+of\s+the\s+united\s+nations\b|\bu\.n\.\s+charter\b",
        "uncharter",
        Instrument,
    ),
    (
        r"\brome\s+statute\b|\bicc\s+statute\b",
        "romestatute",
        Instrument,
    ),
    (
        r"\bjoint\s+special\s+operations\s+command\b|\bjsoc\b",
        "jsoc",
        Other,
    ),
    (
        r"\bspecial\s+operations\s+command\b|\bsocom\b",
        "socom",
        Other,
    ),
    (r"\bsouthern\s+command\b|\bsouthcom\b", "southcom", Other),
    (r"\bjoint\s+task\s+force\b|\bjtf\b", "jtf", Other),
    (r"\boffice\s+of\s+legal\s+counsel\b|\bolc\b", "olc", Other),
    (
        r"\bauthori[sz]ation\s+for\s+(?:the\s+)?use\s+of\s+military\s+force\b|\baumf\b",
        "aumf",
        Instrument,
    ),
    (r"\btren\s+de\s+aragua\b|\btda\b", "trendearagua", Other),
    (r"\bcartel\s+de\s+los\s+soles\b", "cartelsoles", Other),
    (r"\bself[-\s]?defen[cs]e\b", "selfdefence", Other),
    (r"\bdefen[cs]es?\b", "defence", Other),
    (
        r"\bdepartment\s+of\s+(?:defen[cs]e|war)\b|\bpentagon\b|\bdod\b",
        "pentagon",
        Other,
    ),
    (
        r"\bsecretary\s+of\s+(?:defen[cs]e|war)\b|\bsecdef\b|\bsecwar\b",
        "secdef",
        Other,
    ),
    (
        r"\borgani[sz](e|ed|es|ing|ation|ations)\b",
        "organiz$1",
        Other,
    ),
    (
        r"\bauthori[sz](e|ed|es|ing|ation|ations)\b",
        "authoriz$1",
        Other,
    ),
    (r"\bsept?\.?\s+(\d{1,2})\b", "september $1", Other),
    (r"\bextra-?judicial\b", "extrajudicial", Other),
    (
        r"\b(?:take|took|taking|takes)\s+no\s+prisoners\b|\b(?:no|denial\s+of|without)\s+quarter\b",
        "noquarter",
        Other,
    ),
    (r"\bjust\s+security\b", "justsecurity", Other),
    (r"\bnew\s+york\s+times\b|\bnyt\b", "nytimes", Other),
    (r"\bwashington\s+post\b|\bwapo\b", "wapo", Other),
];

static COMPILED: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|(pattern, replacement, _)| {
            let re = Regex::new(&format!("(?i){pattern}")).unwrap_or_else(|e| {
                panic!("legal-reference rule {pattern:?} is not a valid regex: {e}")
            });
            (re, *replacement)
        })
        .collect()
});

/// Whether a canonical token (`api`, `uncharter`) names a legal instrument.
pub fn is_instrument(token: &str) -> bool {
    RULES
        .iter()
        .any(|(_, canonical, names)| *names == Instrument && *canonical == token)
}

/// The canonical forms found in `text`, space-separated (empty when there are none). Indexing
/// appends these to each field; querying appends them to the question.
pub fn canonical_tokens(text: &str) -> String {
    rewritten(text).1
}

/// `text` with each legal reference replaced by its canonical form ("the NIAC notice" → "the
/// niac notice"): the words around a reference kept.
pub fn rewrite(text: &str) -> String {
    rewritten(text).0
}

/// `text` rewritten (see `rewrite`), and the canonical forms found in it.
fn rewritten(text: &str) -> (String, String) {
    let mut work = text.to_string();
    let mut out = String::new();
    for (re, replacement) in COMPILED.iter() {
        if !re.is_match(&work) {
            continue;
        }
        for caps in re.captures_iter(&work) {
            let mut expanded = String::new();
            caps.expand(replacement, &mut expanded);
            out.push_str(expanded.trim());
            out.push(' ');
        }
        // Replace the matches by their canonical form, so later rules see "18 usc 2441" but no
        // rule sees the same words twice.
        work = re
            .replace_all(&work, |caps: &regex::Captures<'_>| {
                let mut expanded = String::from(" ");
                caps.expand(replacement, &mut expanded);
                expanded.push(' ');
                expanded
            })
            .into_owned();
    }
    (work, out.trim_end().to_string())
}

/// `text` followed by its canonical forms.
pub fn expand(text: &str) -> String {
    let extra = canonical_tokens(text);
    if extra.is_empty() {
        text.to_string()
    } else {
        format!("{text}\n{extra}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_meet() {
        assert_eq!(canonical_tokens("AP I 41"), "api");
        assert_eq!(
            canonical_tokens("Additional Protocol I, Article 41"),
            "api article 41"
        );
        assert_eq!(canonical_tokens("art. 41"), "article 41");
        assert_eq!(canonical_tokens("Art. 51"), "article 51");
        assert!(canonical_tokens("50 U.S.C. 1541").contains("usc"));
        assert!(canonical_tokens("50 USC 1541").contains("usc"));
        assert_eq!(canonical_tokens("common article 3"), "ca3");
        assert_eq!(canonical_tokens("Common Article 3"), "ca3");
        assert_eq!(canonical_tokens("AP II"), "apii");
        assert_eq!(canonical_tokens("LOAC"), "ihl");
        assert_eq!(canonical_tokens("the law of armed conflict"), "ihl");
        assert_eq!(
            canonical_tokens("a non-international armed conflict"),
            "niac"
        );
        assert_eq!(
            canonical_tokens("WPR"),
            canonical_tokens("War Powers Resolution")
        );
        assert_eq!(
            canonical_tokens("18 U.S.C. § 2441"),
            "usc section warcrimesact"
        );
        assert_eq!(
            canonical_tokens("double-tap"),
            canonical_tokens("second strike")
        );
    }

    #[test]
    fn idioms_and_outlets_meet_their_names() {
        assert_eq!(canonical_tokens("take no prisoners"), "noquarter");
        assert_eq!(canonical_tokens("no quarter will be given"), "noquarter");
        assert_eq!(canonical_tokens("Just Security"), "justsecurity");
        assert_eq!(
            canonical_tokens("NYT"),
            canonical_tokens("the New York Times")
        );
        assert_eq!(
            canonical_tokens("wapo"),
            canonical_tokens("Washington Post")
        );
    }

    #[test]
    fn plain_text_has_none() {
        assert_eq!(canonical_tokens("is it legal to shoot survivors"), "");
        assert_eq!(canonical_tokens(""), "");
    }

    #[test]
    fn hostile_text_is_fine() {
        let junk = "§§§ art. art. ((( \u{1F600} u.s.c. ".repeat(200);
        let _ = canonical_tokens(&junk);
    }
}
