//! `timeline`: the dated events between two dates, optionally on one topic, oldest first, a
//! page at a time. Each event cites the passage (or source) that states it.

use super::{Command, Fathom, Item, Reply, Suggestion};
use crate::corpus::{Event, SourceKind, is_iso_date};
use crate::search::Highlighted;

/// Events per page in Discord.
pub const TIMELINE_PAGE: usize = 5;

/// Which events a timeline shows, and in what order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub topic: Option<String>,
    /// Newest first (oldest first otherwise).
    pub newest: bool,
}

impl Fathom {
    pub fn timeline_reply(&self, filter: &Filter, offset: usize, limit: usize) -> Reply {
        let limit = if limit == 0 {
            TIMELINE_PAGE
        } else {
            limit.min(100)
        };
        let clean = |d: &Option<String>| {
            d.as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string)
        };
        let (from, to) = (clean(&filter.from), clean(&filter.to));
        for (name, d) in [("from", &from), ("to", &to)] {
            if let Some(d) = d
                && !is_iso_date(d)
            {
                return Reply::problem(
                    Command::Timeline,
                    format!(
                        "`{name}` must be a date like 2025-09-02 (or 2025-09), not \"{}\".",
                        d.chars().take(40).collect::<String>()
                    ),
                    self.version(),
                );
            }
        }
        let topic_id = match filter
            .topic
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => None,
            Some(t) => match self.find_topic(t) {
                Some(found) => Some(found.id.clone()),
                None => return self.no_such_topic(Command::Timeline, t),
            },
        };
        let events = self.events_in(
            from.as_deref(),
            to.as_deref(),
            topic_id.as_deref(),
            filter.newest,
        );
        let mut title = String::from("Timeline");
        if let Some(t) = topic_id.as_ref().and_then(|t| self.corpus.topic(t)) {
            title.push_str(&format!(": {}", t.label));
        }
        let mut reply = Reply::new(Command::Timeline, title, self.version());
        let total = events.len();
        reply.offset = offset;
        reply.total = Some(total);
        reply.has_more = offset.saturating_add(limit) < total;
        reply.intro = Some(if total == 0 {
            "No events in that range.".into()
        } else {
            format!(
                "Events {}–{} of {total}{}{}{}.",
                offset.saturating_add(1).min(total),
                offset.saturating_add(limit).min(total),
                from.as_ref()
                    .map(|f| format!(", from {f}"))
                    .unwrap_or_default(),
                to.as_ref().map(|t| format!(", to {t}")).unwrap_or_default(),
                if filter.newest { ", newest first" } else { "" },
            )
        });
        for event in events.into_iter().skip(offset).take(limit) {
            reply.items.push(self.event_item(event));
        }
        reply.extra = super::Extra::Timeline(Filter {
            from,
            to,
            topic: topic_id,
            newest: filter.newest,
        });
        reply
    }

    /// The events between two dates (inclusive, at each date's precision), on a topic, in date
    /// order (newest first if asked).
    fn events_in(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        topic: Option<&str>,
        newest: bool,
    ) -> Vec<&Event> {
        let mut events: Vec<&Event> = self
            .corpus
            .events
            .iter()
            .filter(|e| from.is_none_or(|f| date_at_least(&e.date, f)))
            .filter(|e| to.is_none_or(|t| date_at_most(&e.date, t)))
            .filter(|e| topic.is_none_or(|t| e.topics.iter().any(|x| x == t)))
            .collect();
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        if newest {
            events.reverse();
        }
        events
    }

    /// The reply to a topic that does not exist, suggesting the topics that do.
    pub(super) fn no_such_topic(&self, command: Command, typed: &str) -> Reply {
        let mut reply = Reply::problem(
            command,
            format!(
                "There is no topic \"{}\". Pick one of these:",
                typed.chars().take(60).collect::<String>()
            ),
            self.version(),
        );
        reply.suggestions = self
            .corpus
            .topics
            .iter()
            .map(|t| Suggestion::Topic(t.id.clone()))
            .collect();
        reply
    }

    pub(super) fn event_item(&self, event: &Event) -> Item {
        let mut heading = format!("{} — {}", event.date, event.title);
        if let Some(note) = &event.date_note {
            heading.push_str(&format!(" ({note})"));
        }
        let passage = event
            .passages
            .first()
            .and_then(|id| self.corpus.passage(id));
        let source = passage
            .and_then(|p| self.corpus.source_of(p))
            .or_else(|| event.sources.first().and_then(|id| self.corpus.source(id)));
        Item {
            passage_id: passage.map(|p| p.id.clone()),
            source_id: source.map(|s| s.id.clone()).unwrap_or_default(),
            citation: match (passage, source) {
                (Some(p), _) => self.corpus.citation(p),
                (None, Some(s)) => s.short_name().to_string(),
                (None, None) => String::new(),
            },
            kind: source.map(|s| s.kind).unwrap_or(SourceKind::News),
            status: event.status,
            scope: passage.map(|p| p.scope.clone()).unwrap_or_default(),
            heading: Some(heading),
            quote: None,
            note: Highlighted::plain(event.summary.clone()),
            url: source.map(|s| s.url.clone()).unwrap_or_default(),
            date: event.date.clone(),
            as_of: None,
            score: None,
            side: None,
            publisher: source.and_then(|s| s.publisher.clone()),
            section: Some(super::Section::Timeline),
            event_id: Some(event.id.clone()),
        }
    }
}

/// Whether `date` (YYYY, YYYY-MM or YYYY-MM-DD) can fall on or after `bound`.
fn date_at_least(date: &str, bound: &str) -> bool {
    let n = date.len().min(bound.len());
    date[..n] >= bound[..n]
}

/// Whether `date` can fall on or before `bound`.
fn date_at_most(date: &str, bound: &str) -> bool {
    let n = date.len().min(bound.len());
    date[..n] <= bound[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_compare_by_their_precision() {
        assert!(date_at_least("2025-09-02", "2025-09"));
        assert!(date_at_most("2025-09-02", "2025-09"));
        assert!(!date_at_least("2025-08-31", "2025-09-01"));
        assert!(date_at_least("2025-09", "2025-09-15"));
        assert!(date_at_most("2026-01-03", "2026"));
    }
}
