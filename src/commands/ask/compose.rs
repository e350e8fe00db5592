//! Shaping an answer to its question. Search ranks passages by how well they match the words;
//! a good answer also depends on what was asked. From the ranked candidates (and, where they
//! lack it, the next ones down), each intent composes its own slate:
//!
//! - legality: the governing law, the administration's position, its critics', a key fact —
//!   each labelled — so that both sides appear by construction, not by the luck of wording;
//! - count: the newest running figure on what was counted, then the rest;
//! - event: the timeline entries of the date (or the events the question names) first;
//! - definition and person: the glossary entry or the profile's own passages first;
//! - a question about now ("so far", "latest", "still"): the newer of the close matches first.
//!
//! Everything else that matched follows, best first, so that "More" pages go on where the
//! slate stops.

use super::super::{Fathom, Section};
use crate::corpus::{Event, Passage, Side, Status};
use crate::search::Hit;
use crate::search::schema::passage_text;
use crate::search::understand::{Intent, Understanding};

/// How many ranked candidates a slate is composed from.
pub const CANDIDATES: usize = 60;
/// How far down the ranking a slate looks for a part its first candidates lack.
pub const DEEP: usize = 200;

/// One entry of a composed answer: a passage (with its score, if ranked) or a timeline event.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Passage {
        ordinal: usize,
        score: Option<f32>,
        section: Option<Section>,
    },
    Event {
        index: usize,
    },
}

impl Entry {
    fn passage(hit: &Hit, section: Option<Section>) -> Entry {
        Entry::Passage {
            ordinal: hit.ordinal,
            score: Some(hit.score),
            section,
        }
    }

    pub(super) fn ordinal(&self) -> Option<usize> {
        match self {
            Entry::Passage { ordinal, .. } => Some(*ordinal),
            Entry::Event { .. } => None,
        }
    }
}

impl Fathom {
    /// The whole ordered answer for a question: its slate, then the other candidates. `deep`
    /// gives the ranking further down, for a slate part the candidates lack.
    pub(super) fn compose(
        &self,
        u: &Understanding,
        question: &str,
        hits: &[Hit],
        deep: &dyn Fn() -> Vec<Hit>,
    ) -> Vec<Entry> {
        let slate = match u.intent {
            Intent::Legality => self.legality_slate(hits, deep),
            Intent::Count => self.count_slate(u, question, hits),
            Intent::Event => self.event_slate(u, question, hits),
            _ => Vec::new(),
        };
        let mut ordered = slate;
        let sectioned = !ordered.is_empty();
        let mut rest: Vec<&Hit> = hits.iter().collect();
        if u.recency {
            self.newest_first(&mut rest);
        }
        for hit in rest {
            if !ordered.iter().any(|e| e.ordinal() == Some(hit.ordinal)) {
                let section = sectioned.then_some(Section::More);
                ordered.push(Entry::passage(hit, section));
            }
        }
        ordered
    }

    /// The law, the administration's position, its critics', and a key fact.
    fn legality_slate(&self, hits: &[Hit], deep: &dyn Fn() -> Vec<Hit>) -> Vec<Entry> {
        let passage = |h: &Hit| self.corpus.passages.get(h.ordinal);
        let wanted: [(Section, &PassageTest); 4] = [
            (Section::Law, &|p| p.status == Status::Law),
            (Section::Administration, &|p| {
                p.side == Some(Side::Administration)
            }),
            (Section::Critics, &|p| p.side == Some(Side::Critics)),
            (Section::Facts, &|p| {
                p.side.is_none() && matches!(p.status, Status::Reported | Status::Official)
            }),
        ];
        let mut deeper: Option<Vec<Hit>> = None;
        let mut slate: Vec<Entry> = Vec::new();
        for (section, fits) in wanted {
            let taken = |h: &&Hit| !slate.iter().any(|e| e.ordinal() == Some(h.ordinal));
            let found = hits
                .iter()
                .filter(taken)
                .find(|h| passage(h).is_some_and(fits))
                .copied();
            let found = match (found, section) {
                (Some(h), _) => Some(h),
                // A key fact is a bonus; the law and both sides are looked for further down.
                (None, Section::Facts) => None,
                (None, _) => deeper
                    .get_or_insert_with(deep)
                    .iter()
                    .filter(taken)
                    .find(|h| passage(h).is_some_and(fits))
                    .copied(),
            };
            if let Some(h) = found {
                slate.push(Entry::passage(&h, Some(section)));
            }
        }
        slate
    }

    /// The newest running figure among the candidates (the newest overall when none of them
    /// gives one), then the other figures among them, newest first.
    fn count_slate(&self, u: &Understanding, question: &str, hits: &[Hit]) -> Vec<Entry> {
        let as_of = |o: usize| self.corpus.passages.get(o).and_then(|p| p.as_of.clone());
        // What is counted, without the numbers people guess ("like 30??") or dates.
        let asked = without_dates(question);
        // Figures that hold what the question counts ("survivors") first, each newest first.
        let mut figures: Vec<(&Hit, String, bool)> = hits
            .iter()
            .filter_map(|h| Some((h, as_of(h.ordinal)?)))
            .map(|(h, date)| {
                let text = self.passage_text_of(h.ordinal);
                let holds =
                    self.search.shares(&asked, &[text]).first().copied() >= Some(FIGURE_SHARE);
                (h, date, holds)
            })
            .collect();
        // A question about now ("rn", "so far") wants the newest whatever it holds.
        if u.recency {
            figures.sort_by(|a, b| b.1.cmp(&a.1));
        } else {
            figures.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| b.1.cmp(&a.1)));
        }
        let figure = |ordinal: usize| Entry::Passage {
            ordinal,
            score: None,
            section: Some(Section::Figures),
        };
        let mut slate: Vec<Entry> = Vec::new();
        if !u.entities.dates.is_empty() {
            // "the toll at the end of october": the figures of that time, newest first.
            let in_span = |d: &str| u.entities.dates.iter().any(|s| s.contains(d));
            slate.extend(
                self.figures_newest_first()
                    .into_iter()
                    .filter(|(_, d)| in_span(d))
                    .take(3)
                    .map(|(o, _)| figure(o)),
            );
            return slate;
        }
        // A figure far older than the newest one is out of date for "how many so far" — when
        // the newest figure counts what the question asks about (not "minutes between the
        // strikes" or "the caracas raid").
        let newest = self.figures_newest_first().into_iter().next();
        if let Some((o, newest_date)) = newest {
            let stale = figures
                .first()
                .is_none_or(|(_, date, _)| !within_weeks(date, &newest_date, 6));
            let text = self.passage_text_of(o);
            let counts_it =
                self.search.shares(&asked, &[text]).first().copied() >= Some(COUNT_SHARE);
            if stale && counts_it {
                slate.push(figure(o));
            }
        }
        for (h, _, _) in figures.into_iter().take(3) {
            if !slate.iter().any(|e| e.ordinal() == Some(h.ordinal)) {
                slate.push(Entry::passage(h, Some(Section::Figures)));
            }
        }
        slate
    }

    /// The searchable text of the passage at `ordinal` (empty if there is none).
    fn passage_text_of(&self, ordinal: usize) -> String {
        self.corpus
            .passages
            .get(ordinal)
            .map(|p| passage_text(&self.corpus, p).joined())
            .unwrap_or_default()
    }

    /// Every running figure (a passage with an `as_of` date), newest first.
    fn figures_newest_first(&self) -> Vec<(usize, String)> {
        let mut all: Vec<(usize, String)> = self
            .corpus
            .passages
            .iter()
            .enumerate()
            .filter_map(|(o, p)| Some((o, p.as_of.clone()?)))
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all
    }

    /// The timeline entries of the dates the question names (newest first if it asks about
    /// now), or else of what it describes ("the maduro raid", "the g7"), or of the days just
    /// before, on or after what it describes ("right after the maduro raid"); at most five.
    fn event_slate(&self, u: &Understanding, question: &str, hits: &[Hit]) -> Vec<Entry> {
        let mut found: Vec<(usize, &Event)> = if u.entities.dates.is_empty() {
            self.events_described(question, hits)
        } else {
            self.events_dated(u, question)
        };
        if u.recency {
            found.sort_by(|a, b| b.1.date.cmp(&a.1.date));
        }
        found
            .into_iter()
            .take(5)
            .map(|(index, _)| Entry::Event { index })
            .collect()
    }

    /// The events a question describes in words (by their titles and summaries, or else by
    /// the passages they cite among the question's best hits), best first; when it asks what
    /// came after, before or on the same day, the events of that window around the best one,
    /// in date order.
    fn events_described(&self, question: &str, hits: &[Hit]) -> Vec<(usize, &Event)> {
        let window = Window::asked(question);
        let described = window.map_or(question.to_string(), |_| Window::strip(question));
        let texts: Vec<String> = self
            .corpus
            .events
            .iter()
            .map(|e| format!("{}\n{}", e.title, e.summary))
            .collect();
        let shares = self.search.shares(&described, &texts);
        let mut ranked: Vec<(usize, f32)> = shares
            .into_iter()
            .enumerate()
            .filter(|(_, s)| *s >= MIN_EVENT_SHARE)
            .collect();
        if ranked.is_empty() {
            ranked = self.events_citing(hits);
        }
        // Best share first; among equals the earlier event (the "first strike" is the first).
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1).then_with(|| {
                self.corpus.events[a.0]
                    .date
                    .cmp(&self.corpus.events[b.0].date)
            })
        });
        let Some(&(anchor, best)) = ranked.first() else {
            return Vec::new();
        };
        let events = &self.corpus.events;
        if let Some(window) = window {
            let day = &events[anchor].date;
            let mut around: Vec<(usize, &Event)> = events
                .iter()
                .enumerate()
                .filter(|(i, e)| window.holds(day, &e.date, *i == anchor))
                .collect();
            around.sort_by(|a, b| a.1.date.cmp(&b.1.date).then_with(|| a.1.id.cmp(&b.1.id)));
            if !around.is_empty() {
                return around;
            }
        }
        ranked
            .into_iter()
            .take_while(|(_, s)| *s >= best * CLOSE_SHARE)
            .map(|(i, _)| (i, &events[i]))
            .collect()
    }

    /// The events in the dates a question names: those it also describes first ("what did the
    /// UN experts say in september"), then the rest in date order.
    fn events_dated(&self, u: &Understanding, question: &str) -> Vec<(usize, &Event)> {
        let mut found: Vec<(usize, &Event)> = self
            .corpus
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| u.entities.dates.iter().any(|d| d.contains(&e.date)))
            .collect();
        let texts: Vec<String> = found
            .iter()
            .map(|(_, e)| format!("{}\n{}", e.title, e.summary))
            .collect();
        let shares = self.search.shares(&without_dates(question), &texts);
        let described = |i: usize| shares.get(i).is_some_and(|s| *s >= MIN_DATED_SHARE);
        let mut keyed: Vec<(bool, (usize, &Event))> = found
            .drain(..)
            .enumerate()
            .map(|(i, f)| (described(i), f))
            .collect();
        keyed.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.1.date.cmp(&b.1.1.date))
                .then_with(|| a.1.1.id.cmp(&b.1.1.id))
        });
        keyed.into_iter().map(|(_, f)| f).collect()
    }

    /// The events that cite the best hits, in the hits' order, scored by rank.
    fn events_citing(&self, hits: &[Hit]) -> Vec<(usize, f32)> {
        let mut out: Vec<(usize, f32)> = Vec::new();
        for (rank, hit) in hits.iter().take(EVENT_HITS).enumerate() {
            let Some(p) = self.corpus.passages.get(hit.ordinal) else {
                continue;
            };
            for (i, e) in self.corpus.events.iter().enumerate() {
                if e.passages.contains(&p.id) && !out.iter().any(|(j, _)| *j == i) {
                    out.push((i, 1.0 - rank as f32 / EVENT_HITS as f32));
                }
            }
        }
        out
    }

    /// Close matches (within two thirds of the best score) newest first, the rest after.
    fn newest_first(&self, hits: &mut Vec<&Hit>) {
        let Some(best) = hits.first().map(|h| h.score) else {
            return;
        };
        let close = hits
            .iter()
            .take_while(|h| h.score >= best * 2.0 / 3.0)
            .count();
        let date = |h: &Hit| {
            self.corpus
                .passages
                .get(h.ordinal)
                .map(|p| p.as_of.clone().unwrap_or_else(|| self.corpus.date_of(p)))
                .unwrap_or_default()
        };
        hits[..close].sort_by_key(|h| std::cmp::Reverse(date(h)));
    }
}

/// Whether a passage belongs in a part of an answer.
type PassageTest = dyn Fn(&Passage) -> bool;

/// The least share of a question's words an event's title and summary must hold to be the
/// event it describes.
const MIN_EVENT_SHARE: f32 = 0.5;
/// The share of a dated question's words (the date's among them) an event in those dates
/// must hold to come before the others.
const MIN_DATED_SHARE: f32 = 0.5;
/// The share of a count question's words the newest running figure must hold for the
/// question to be asking for it.
const COUNT_SHARE: f32 = 0.3;
/// The share of a count question's words a figure must hold to come before newer figures
/// that do not ("how many survivors" → a figure that counts survivors).
const FIGURE_SHARE: f32 = 0.6;
/// Events within this share of the best one are described too.
const CLOSE_SHARE: f32 = 0.8;
/// How many of the best hits are read for the events that cite them.
const EVENT_HITS: usize = 10;
/// How many days "right after" and "just before" reach.
const WINDOW_DAYS: i64 = 7;

/// The days around an event a question asks about.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Window {
    After,
    Before,
    SameDay,
}

impl Window {
    /// The window a question asks about, if any ("right after", "the day", "en los dias
    /// despues").
    fn asked(question: &str) -> Option<Window> {
        let q = format!(" {} ", crate::search::plain_words(question));
        let has = |cues: &[&str]| cues.iter().any(|c| q.contains(&format!(" {c} ")));
        if has(&[
            "after",
            "following",
            "aftermath",
            "since",
            "despues",
            "tras",
        ]) {
            Some(Window::After)
        } else if has(&[
            "before",
            "leading up to",
            "lead up to",
            "run up to",
            "antes",
        ]) {
            Some(Window::Before)
        } else if has(&[
            "the day",
            "that day",
            "same day",
            "ese dia",
            "el dia",
            "mismo dia",
        ]) {
            Some(Window::SameDay)
        } else {
            None
        }
    }

    /// The question without the words that ask for a window, so what is left describes the
    /// event the window is around.
    fn strip(question: &str) -> String {
        const WINDOW_WORDS: &[&str] = &[
            "after",
            "following",
            "aftermath",
            "since",
            "before",
            "leading",
            "lead",
            "run",
            "up",
            "to",
            "day",
            "days",
            "week",
            "weeks",
            "few",
            "first few",
            "right",
            "just",
            "same",
            "that",
            "despues",
            "tras",
            "antes",
            "dia",
            "dias",
            "mismo",
            "ese",
            "semana",
            "semanas",
            "happened",
            "pasó",
            "paso",
            "dropped",
            "came",
            "out",
        ];
        crate::search::plain_words(question)
            .split(' ')
            .filter(|w| !WINDOW_WORDS.contains(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether an event on `date` is in the window around an event on `day` (`is_anchor`: it
    /// is that event).
    fn holds(self, day: &str, date: &str, is_anchor: bool) -> bool {
        let parse = |d: &str| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok();
        let (Some(d), Some(e)) = (parse(day), parse(date)) else {
            return false;
        };
        let days = (e - d).num_days();
        match self {
            Window::After => !is_anchor && (0..=WINDOW_DAYS).contains(&days),
            Window::Before => !is_anchor && (-WINDOW_DAYS..=0).contains(&days),
            Window::SameDay => days == 0,
        }
    }
}

/// A question without its words of time (months, years, "back in", "early"), which an event's
/// date answers rather than its text.
fn without_dates(question: &str) -> String {
    const TIME_WORDS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "setiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "back",
        "early",
        "late",
        "mid",
        "end",
        "beginning",
        "month",
        "year",
        "week",
        "day",
        "mes",
        "ano",
        "semana",
        "dia",
    ];
    crate::search::plain_words(question)
        .split(' ')
        .filter(|w| !TIME_WORDS.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether ISO date `date` is within `weeks` weeks before `newest`.
fn within_weeks(date: &str, newest: &str, weeks: i64) -> bool {
    let parse = |d: &str| chrono::NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok();
    match (parse(date), parse(newest)) {
        (Some(d), Some(n)) => (n - d).num_days() <= weeks * 7,
        _ => date >= newest,
    }
}
