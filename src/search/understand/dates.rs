//! Dates and date ranges in a question, in the ways people write them in chat: `sept 2`,
//! `2 sept`, `oct 14 2025`, `2025-09-02`, `jan 2026`, `in march`, `in 2026`, `2 de septiembre`,
//! `halloween`. A month or day without a year is placed within the corpus's span.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A span of days, both ends inclusive, as ISO dates (`2025-09-02`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpan {
    pub from: String,
    pub to: String,
}

impl DateSpan {
    /// Whether an ISO date (or a month, "2025-12") falls within the span, compared to the
    /// precision both have.
    pub fn contains(&self, date: &str) -> bool {
        let n = date.len().min(10);
        let cut = |d: &str| d.get(..n.min(d.len())).unwrap_or(d).to_string();
        cut(date) >= cut(&self.from) && cut(date) <= cut(&self.to)
    }
}

/// (spellings, month number): English and Spanish, with the usual abbreviations.
const MONTHS: &[(&[&str], u32)] = &[
    (&["january", "jan", "enero", "ene"], 1),
    (&["february", "feb", "febrero"], 2),
    (&["march", "mar", "marzo"], 3),
    (&["april", "apr", "abril", "abr"], 4),
    (&["may", "mayo"], 5),
    (&["june", "jun", "junio"], 6),
    (&["july", "jul", "julio"], 7),
    (&["august", "aug", "agosto", "ago"], 8),
    (&["september", "sept", "sep", "septiembre", "setiembre"], 9),
    (&["october", "oct", "octubre"], 10),
    (&["november", "nov", "noviembre"], 11),
    (&["december", "dec", "diciembre", "dic"], 12),
];

/// Days people name instead of a date.
const NAMED_DAYS: &[(&str, u32, u32)] = &[
    ("halloween", 10, 31),
    ("christmas", 12, 25),
    ("navidad", 12, 25),
    ("new year's eve", 12, 31),
    ("thanksgiving", 11, 27),
];

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().flat_map(|(n, _)| n.iter().copied()).collect();
    // Longest first, so `sept` is not read as `sep` + `t`.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(20\d\d)-(\d\d)(?:-(\d\d))?\b").unwrap_or_else(|e| panic!("dates: {e}"))
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_alternation();
    Regex::new(&format!(
        r"(?i)\b({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(20\d\d))?"
    ))
    .unwrap_or_else(|e| panic!("dates: {e}"))
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_alternation();
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?({m})\b\.?(?:,?\s+(?:de\s+|del\s+)?(20\d\d))?"
    ))
    .unwrap_or_else(|e| panic!("dates: {e}"))
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let m = month_alternation();
    Regex::new(&format!(
        r"(?i)\b(?:in\s+|en\s+|of\s+|de\s+)?({m})\b\.?(?:,?\s+(?:de\s+|del\s+)?(20\d\d))?"
    ))
    .unwrap_or_else(|e| panic!("dates: {e}"))
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(20\d\d)\b").unwrap_or_else(|e| panic!("dates: {e}")));

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS
        .iter()
        .find(|(names, _)| names.contains(&name.as_str()))
        .map(|(_, n)| *n)
}

fn days_in(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
        .map(|d| chrono::Datelike::day(&d))
        .unwrap_or(28)
}

/// A month narrowed to the part the words before it name: "early" (days 1-10), "mid" (11-20),
/// "late" or "end of" (21 to the end), in English and Spanish.
fn part_of_month(before: &str, month: DateSpan) -> DateSpan {
    let lead = crate::corpus::fold(&before.to_lowercase());
    let lead = lead
        .trim_end()
        .trim_end_matches(" of")
        .trim_end_matches(" de")
        .trim_end();
    let ends = |cues: &[&str]| cues.iter().any(|c| lead.ends_with(c));
    let (first, last) = if ends(&[
        "early",
        "beginning",
        "start",
        "principios",
        "inicios",
        "comienzos",
    ]) {
        (1, 10)
    } else if ends(&["mid", "middle", "mediados"]) {
        (11, 20)
    } else if ends(&["late", "end", "the end", "finales", "fines", "final"]) {
        (21, 31)
    } else {
        return month;
    };
    let ym = &month.from[..7];
    let last_day: u32 = month.to[8..10].parse().unwrap_or(28);
    DateSpan {
        from: format!("{ym}-{first:02}"),
        to: format!("{ym}-{:02}", last.min(last_day)),
    }
}

/// Reads dates out of questions, placing a date without a year within `[start, end]`.
#[derive(Debug, Clone)]
pub struct DateReader {
    /// The first and last year-month the corpus's events cover (`2025-02`, `2026-03`).
    pub start: (i32, u32),
    pub end: (i32, u32),
}

impl DateReader {
    /// The year a month without one most likely means: the latest year in which that month
    /// falls within the corpus's span, else the span's last year.
    fn year_for(&self, month: u32) -> i32 {
        (self.start.0..=self.end.0)
            .rev()
            .find(|&y| (y, month) >= self.start && (y, month) <= self.end)
            .unwrap_or(self.end.0)
    }

    fn day(&self, year: Option<i32>, month: u32, day: u32) -> Option<DateSpan> {
        let year = year.unwrap_or_else(|| self.year_for(month));
        let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
        let iso = date.format("%Y-%m-%d").to_string();
        Some(DateSpan {
            from: iso.clone(),
            to: iso,
        })
    }

    fn month(&self, year: Option<i32>, month: u32) -> DateSpan {
        let year = year.unwrap_or_else(|| self.year_for(month));
        DateSpan {
            from: format!("{year}-{month:02}-01"),
            to: format!("{year}-{month:02}-{:02}", days_in(year, month)),
        }
    }

    /// Every date or span the text names, in the order written.
    pub fn read(&self, text: &str) -> Vec<DateSpan> {
        let mut found: Vec<(usize, DateSpan)> = Vec::new();
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        let free = |taken: &[std::ops::Range<usize>], r: &std::ops::Range<usize>| {
            taken.iter().all(|t| r.end <= t.start || r.start >= t.end)
        };
        let year = |s: Option<regex::Match<'_>>| s.and_then(|m| m.as_str().parse::<i32>().ok());
        let push = |found: &mut Vec<(usize, DateSpan)>,
                    taken: &mut Vec<std::ops::Range<usize>>,
                    range: std::ops::Range<usize>,
                    span: Option<DateSpan>| {
            if let Some(span) = span {
                found.push((range.start, span));
                taken.push(range);
            }
        };
        for c in ISO.captures_iter(text) {
            let (Some(all), Some(y), Some(m)) = (c.get(0), year(c.get(1)), c.get(2)) else {
                continue;
            };
            let Ok(m) = m.as_str().parse::<u32>() else {
                continue;
            };
            let span = match c.get(3).and_then(|d| d.as_str().parse::<u32>().ok()) {
                Some(d) => self.day(Some(y), m, d),
                None => (1..=12).contains(&m).then(|| self.month(Some(y), m)),
            };
            push(&mut found, &mut taken, all.range(), span);
        }
        for c in MONTH_DAY.captures_iter(text) {
            let Some(all) = c.get(0).filter(|a| free(&taken, &a.range())) else {
                continue;
            };
            let (Some(m), Some(d)) = (month_number(&c[1]), c[2].parse::<u32>().ok()) else {
                continue;
            };
            push(
                &mut found,
                &mut taken,
                all.range(),
                self.day(year(c.get(3)), m, d),
            );
        }
        for c in DAY_MONTH.captures_iter(text) {
            let Some(all) = c.get(0).filter(|a| free(&taken, &a.range())) else {
                continue;
            };
            let (Some(m), Some(d)) = (month_number(&c[2]), c[1].parse::<u32>().ok()) else {
                continue;
            };
            push(
                &mut found,
                &mut taken,
                all.range(),
                self.day(year(c.get(3)), m, d),
            );
        }
        for c in MONTH_YEAR.captures_iter(text) {
            let Some(all) = c.get(0).filter(|a| free(&taken, &a.range())) else {
                continue;
            };
            let Some(m) = month_number(&c[1]) else {
                continue;
            };
            // A bare "may" or "mar" is too often a word: only with a year, or after "in".
            let lead = all.as_str().to_lowercase();
            let plain_word =
                ["may", "mar", "ago", "ene", "dic", "abr"].contains(&c[1].to_lowercase().as_str());
            let has_year = c.get(2).is_some();
            let introduced = lead.starts_with("in ") || lead.starts_with("en ");
            if !has_year && !introduced && (plain_word || c[1].len() < 4) {
                continue;
            }
            let month = self.month(year(c.get(2)), m);
            let before = &text[..all.start()];
            push(
                &mut found,
                &mut taken,
                all.range(),
                Some(part_of_month(before, month)),
            );
        }
        for c in YEAR.captures_iter(text) {
            let Some(all) = c.get(0).filter(|a| free(&taken, &a.range())) else {
                continue;
            };
            if let Some(y) = year(c.get(1)) {
                let span = DateSpan {
                    from: format!("{y}-01-01"),
                    to: format!("{y}-12-31"),
                };
                push(&mut found, &mut taken, all.range(), Some(span));
            }
        }
        let lower = text.to_lowercase();
        for (name, m, d) in NAMED_DAYS {
            if let Some(at) = lower.find(name) {
                push(
                    &mut found,
                    &mut taken,
                    at..at + name.len(),
                    self.day(None, *m, *d),
                );
            }
        }
        found.sort_by_key(|(at, _)| *at);
        found.into_iter().map(|(_, s)| s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> DateReader {
        DateReader {
            start: (2025, 2),
            end: (2026, 3),
        }
    }

    fn days(text: &str) -> Vec<(String, String)> {
        reader()
            .read(text)
            .into_iter()
            .map(|s| (s.from, s.to))
            .collect()
    }

    fn one(from: &str, to: &str) -> Vec<(String, String)> {
        vec![(from.into(), to.into())]
    }

    #[test]
    fn the_ways_people_write_dates() {
        assert_eq!(
            days("what happened on oct 14"),
            one("2025-10-14", "2025-10-14")
        );
        assert_eq!(
            days("wat happened sept 15"),
            one("2025-09-15", "2025-09-15")
        );
        assert_eq!(
            days("what went down jan 3 2026"),
            one("2026-01-03", "2026-01-03")
        );
        assert_eq!(
            days("dec 16 2025 what happened"),
            one("2025-12-16", "2025-12-16")
        );
        assert_eq!(
            days("anything in february 2026?"),
            one("2026-02-01", "2026-02-28")
        );
        assert_eq!(
            days("did anything happen in march"),
            one("2026-03-01", "2026-03-31")
        );
        assert_eq!(
            days("que paso el 2 de septiembre"),
            one("2025-09-02", "2025-09-02")
        );
        assert_eq!(days("2025-09-02"), one("2025-09-02", "2025-09-02"));
        assert_eq!(
            days("what happened on halloween lol"),
            one("2025-10-31", "2025-10-31")
        );
        assert_eq!(
            days("how many killed in 2026 so far"),
            one("2026-01-01", "2026-12-31")
        );
        assert!(days("may i ask something").is_empty());
        assert!(days("the sea of marmara").is_empty());
        assert!(days("").is_empty());
    }
}
