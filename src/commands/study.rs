//! `study`: a reading list on one topic for a study group — primary law first, then official
//! statements, then reporting, then analysis; oldest first within each group. A short list by
//! default (what a group can read in a session); the full list on request.

use super::{Command, Fathom, Item, Reply};
use crate::corpus::Passage;
use crate::search::Highlighted;

impl Fathom {
    /// The reading list on `text`, its first `limit` items (all of them with None).
    pub fn study_reply(&self, text: &str, limit: Option<usize>) -> Reply {
        let Some(topic) = self.find_topic(text) else {
            return self.no_such_topic(Command::Study, text);
        };
        let mut passages: Vec<&Passage> = self
            .corpus
            .passages
            .iter()
            .filter(|p| p.topics.contains(&topic.id))
            .collect();
        passages.sort_by(|a, b| {
            a.status
                .reading_order()
                .cmp(&b.status.reading_order())
                .then_with(|| self.corpus.date_of(a).cmp(&self.corpus.date_of(b)))
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut reply = Reply::new(
            Command::Study,
            format!("Reading list: {}", topic.label),
            self.version(),
        );
        reply.intro = Some(format!(
            "{} Primary law first, then official statements, then reporting, then analysis.",
            topic.description
        ));
        reply.query = Some(topic.id.clone());
        reply.total = Some(passages.len());
        let shown = limit.unwrap_or(usize::MAX);
        reply.has_more = passages.len() > shown;
        for p in passages.into_iter().take(shown) {
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
