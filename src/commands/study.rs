//! `study`: a reading list on one topic for a study group — primary law first, then official
//! statements, then reporting, then analysis; oldest first within each group.

use super::{Caller, Fathom, Item, Reply};
use crate::corpus::Passage;
use crate::search::Highlighted;
use std::time::Instant;

impl Fathom {
    pub async fn study(&self, caller: &Caller, topic: &str) -> Reply {
        let started = Instant::now();
        let reply = self.study_reply(topic);
        self.finish(caller, "study", topic, reply, started, false)
            .await
    }

    pub fn study_reply(&self, text: &str) -> Reply {
        let Some(topic) = self.find_topic(text) else {
            let mut reply = Reply::problem(
                "study",
                format!(
                    "There is no topic \"{}\". Pick one of the topics below.",
                    text.trim().chars().take(60).collect::<String>()
                ),
                self.version(),
            );
            reply.suggestions = self.corpus.topics.iter().map(|t| t.id.clone()).collect();
            return reply;
        };
        let mut passages: Vec<&Passage> = self
            .corpus
            .passages
            .iter()
            .filter(|p| p.topics.contains(&topic.id))
            .collect();
        let date = |p: &Passage| {
            p.date
                .clone()
                .or_else(|| self.corpus.source_of(p).map(|s| s.date.clone()))
                .unwrap_or_default()
        };
        passages.sort_by(|a, b| {
            a.status
                .reading_order()
                .cmp(&b.status.reading_order())
                .then_with(|| date(a).cmp(&date(b)))
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut reply = Reply::new(
            "study",
            format!("Reading list: {}", topic.label),
            self.version(),
        );
        reply.intro = Some(format!(
            "{} Primary law first, then official statements, then reporting, then analysis.",
            topic.description
        ));
        reply.query = Some(topic.id.clone());
        for p in passages {
            reply.items.push(Item::from_passage(
                &self.corpus,
                p,
                |t: &str| Highlighted::plain(t),
                None,
            ));
        }
        reply
    }
}
