//! How many articles (or rules, or principles) the instruments people cite have, so that a
//! reference past the end ("Geneva Convention Art. 999", "AP I Art. 200") is told it does not
//! exist instead of being answered with the nearest provision. Counts are of the instruments'
//! official texts, read on the publishers' own tables of contents (ICRC treaty database for
//! the Geneva Conventions, their Protocols and the Hague texts, un.org for the Charter,
//! UNCLOS and the ICCPR, the ICC for the Rome Statute, the ICRC Customary IHL Database for its
//! rules, OHCHR for the Basic Principles).

use super::PinKind;

/// An instrument and the number of its last provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// How fathom names it in a reply ("the Geneva Conventions", "AP I").
    pub label: &'static str,
    /// What its provisions are called (articles, rules, principles).
    pub unit: &'static str,
    pub last: u32,
    /// For a set of instruments, the longest of them (the Geneva Conventions: GC IV).
    pub longest: Option<&'static str>,
    /// Its names as `plain_words` writes them, and its canonical tokens (`api`).
    names: &'static [&'static str],
}

const EXTENTS: &[Extent] = &[
    Extent {
        label: "the Geneva Conventions",
        unit: "article",
        last: 159,
        longest: Some("GC IV"),
        names: &[
            "geneva convention",
            "geneva conventions",
            "the geneva conventions",
            "the geneva convention",
            "gcs",
        ],
    },
    Extent {
        label: "GC I",
        unit: "article",
        last: 64,
        longest: None,
        names: &[
            "gc i",
            "gci",
            "gc 1",
            "first geneva convention",
            "geneva convention i",
            "geneva convention 1",
        ],
    },
    Extent {
        label: "GC II",
        unit: "article",
        last: 63,
        longest: None,
        names: &[
            "gc ii",
            "gcii",
            "gc 2",
            "second geneva convention",
            "geneva convention ii",
            "geneva convention 2",
        ],
    },
    Extent {
        label: "GC III",
        unit: "article",
        last: 143,
        longest: None,
        names: &[
            "gc iii",
            "gciii",
            "gc 3",
            "third geneva convention",
            "geneva convention iii",
            "geneva convention 3",
        ],
    },
    Extent {
        label: "GC IV",
        unit: "article",
        last: 159,
        longest: None,
        names: &[
            "gc iv",
            "gciv",
            "gc 4",
            "fourth geneva convention",
            "geneva convention iv",
            "geneva convention 4",
        ],
    },
    Extent {
        label: "AP I",
        unit: "article",
        last: 102,
        longest: None,
        names: &[
            "ap i",
            "api",
            "additional protocol i",
            "protocol i",
            "ap 1",
            "protocol 1",
        ],
    },
    Extent {
        label: "AP II",
        unit: "article",
        last: 28,
        longest: None,
        names: &[
            "ap ii",
            "apii",
            "additional protocol ii",
            "protocol ii",
            "ap 2",
            "protocol 2",
        ],
    },
    Extent {
        label: "the UN Charter",
        unit: "article",
        last: 111,
        longest: None,
        names: &[
            "un charter",
            "uncharter",
            "charter",
            "the charter",
            "united nations charter",
            "charter of the united nations",
        ],
    },
    Extent {
        label: "UNCLOS",
        unit: "article",
        last: 320,
        longest: None,
        names: &[
            "unclos",
            "law of the sea convention",
            "convention on the law of the sea",
        ],
    },
    Extent {
        label: "the Rome Statute",
        unit: "article",
        last: 128,
        longest: None,
        names: &["rome statute", "the rome statute", "icc statute"],
    },
    Extent {
        label: "the ICCPR",
        unit: "article",
        last: 53,
        longest: None,
        names: &["iccpr", "the iccpr"],
    },
    Extent {
        label: "the Hague Regulations (1907)",
        unit: "article",
        last: 56,
        longest: None,
        names: &["hague regulations", "the hague regulations", "hague regs"],
    },
    Extent {
        label: "Hague Convention X (1907)",
        unit: "article",
        last: 28,
        longest: None,
        names: &["hague x", "hague convention x", "hague convention 10"],
    },
    Extent {
        label: "ICRC Customary IHL",
        unit: "rule",
        last: 161,
        longest: None,
        names: &["icrc customary ihl", "customary ihl", "icrc study", "cihl"],
    },
    Extent {
        label: "the UN Basic Principles (1990)",
        unit: "principle",
        last: 26,
        longest: None,
        names: &["un basic principles", "basic principles"],
    },
];

/// The extent of the instrument a reference names, by its name as written (normalised) or its
/// canonical token.
pub fn extent_of(name: &str) -> Option<&'static Extent> {
    EXTENTS.iter().find(|e| e.names.contains(&name))
}

impl Extent {
    /// What is said of a provision past the end ("AP I has no Article 200: it has 102
    /// articles").
    pub fn says_no(&self, number: &str) -> String {
        let unit = self.unit;
        let named = format!("{}{} {number}", unit[..1].to_uppercase(), &unit[1..]);
        match self.longest {
            Some(longest) => format!(
                "{} have no {named}: the longest of them, {longest}, has {} {unit}s",
                self.label, self.last
            ),
            None => format!(
                "{} has no {named}: it has {} {unit}s",
                self.label, self.last
            ),
        }
    }
}

/// Whether any instrument of the table goes by `name`.
pub fn is_known(name: &str) -> bool {
    extent_of(name).is_some()
}

/// Whether a pinpoint is past the end of `extent` (only plain numbers count: "Art. 8bis" or a
/// Roman numeral is left alone).
pub fn beyond(extent: &Extent, kind: PinKind, number: &str) -> bool {
    let counts = match extent.unit {
        "rule" => matches!(kind, PinKind::Rule | PinKind::Number),
        "principle" => matches!(kind, PinKind::Principle | PinKind::Number),
        _ => matches!(kind, PinKind::Article | PinKind::Number),
    };
    counts
        && number
            .parse::<u32>()
            .is_ok_and(|n| n == 0 || n > extent.last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_end_is_beyond_and_within_is_not() {
        let gc = extent_of("geneva convention").unwrap();
        assert!(beyond(gc, PinKind::Article, "999"));
        assert!(!beyond(gc, PinKind::Article, "12"));
        let api = extent_of("api").unwrap();
        assert!(beyond(api, PinKind::Article, "200"));
        assert!(!beyond(api, PinKind::Article, "41"));
        assert!(!beyond(api, PinKind::Article, "8bis"));
        assert!(!beyond(
            extent_of("customary ihl").unwrap(),
            PinKind::Article,
            "999"
        ));
        assert_eq!(
            gc.says_no("999"),
            "the Geneva Conventions have no Article 999: the longest of them, GC IV, has 159 articles"
        );
        assert_eq!(
            api.says_no("200"),
            "AP I has no Article 200: it has 102 articles"
        );
    }
}
