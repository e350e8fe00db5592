//! `topics`: what fathom covers, topic by topic, and how current it is; and finding a topic
//! from what people type — its id, label or aliases, a prefix, a word of it, or a close
//! spelling ("self defence", "sept 2", "double tap", "survivers").

use super::{Command, Fathom, Reply, normalise};
use crate::corpus::Topic;
use crate::search::typo::edit_distance;

impl Fathom {
    pub(super) fn topics_reply(&self) -> Reply {
        let c = &self.corpus;
        let mut reply = Reply::new(Command::Topics, "What fathom covers", self.version());
        let current = c
            .current_to
            .as_deref()
            .map(|d| format!(" Sources run to {d}."))
            .unwrap_or_default();
        reply.intro = Some(format!(
            "{} sources, {} passages, {} timeline events, {} glossary terms, {} claims reviewed.{current}",
            c.sources.len(),
            c.passages.len(),
            c.events.len(),
            c.terms.len(),
            c.claims.len()
        ));
        for topic in &c.topics {
            let n = c
                .passages
                .iter()
                .filter(|p| p.topics.contains(&topic.id))
                .count();
            reply.lines.push(format!(
                "{} ({}, {n} passages): {}",
                topic.label, topic.id, topic.description
            ));
        }
        reply
    }

    /// The topic `text` names, by id, label or alias (in English or Spanish), then by prefix,
    /// then by a name holding all its words, then by a close spelling.
    pub fn find_topic(&self, text: &str) -> Option<&Topic> {
        let wanted = normalise(text);
        if wanted.is_empty() {
            return None;
        }
        let topics = &self.corpus.topics;
        let named: Vec<(&Topic, Vec<String>)> =
            topics.iter().map(|t| (t, self.topic_names(t))).collect();
        let find = |test: &dyn Fn(&str) -> bool| {
            named
                .iter()
                .find(|(_, names)| names.iter().any(|n| test(n)))
                .map(|(t, _)| *t)
        };
        let words: Vec<&str> = wanted.split(' ').collect();
        find(&|n| n == wanted)
            .or_else(|| find(&|n| n.starts_with(&wanted)))
            .or_else(|| find(&|n| words.iter().all(|w| n.split(' ').any(|x| x.starts_with(w)))))
            .or_else(|| find(&|n| edit_distance(&wanted, n, 2).is_some()))
    }

    /// Every name of a topic, normalised: id, label, aliases, Spanish label and aliases.
    fn topic_names(&self, t: &Topic) -> Vec<String> {
        let es = self.corpus.spanish.topics.get(&t.id);
        std::iter::once(t.id.replace('-', " "))
            .chain(std::iter::once(t.label.clone()))
            .chain(t.aliases.iter().cloned())
            .chain(
                es.into_iter().flat_map(|e| {
                    std::iter::once(e.label.clone()).chain(e.aliases.iter().cloned())
                }),
            )
            .map(|n| normalise(&n))
            .collect()
    }
}
