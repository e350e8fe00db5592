//! `answer`: reproduces a past answer exactly as it was shown, from the query log, and says
//! when the corpus has changed since (and which cited passages no longer exist).

use super::{Command, Fathom, Reply, archive};

impl Fathom {
    pub(super) async fn answer_reply(&self, id: &str) -> Reply {
        let id = id.trim().to_lowercase();
        if id.is_empty() || id.len() > 32 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Reply::problem(
                Command::Answer,
                "An answer id is the short code in an answer's footer, like `k3v9x2pq`.",
                self.version(),
            );
        }
        let Some(store) = self.store() else {
            return Reply::problem(
                Command::Answer,
                "The answer log is not available right now.",
                self.version(),
            );
        };
        let stored = match store.answer(&id).await {
            Ok(Some(stored)) => stored,
            Ok(None) => {
                return Reply::problem(
                    Command::Answer,
                    format!(
                        "No answer has the id `{id}` (answers are kept for the retention period)."
                    ),
                    self.version(),
                );
            }
            Err(e) => {
                tracing::error!("answer lookup failed: {e}");
                return Reply::problem(
                    Command::Answer,
                    "Sorry, the answer log could not be read just now.",
                    self.version(),
                );
            }
        };
        let texts = store
            .snapshot(&stored.corpus_version, &stored.passage_ids)
            .await
            .unwrap_or_else(|e| {
                tracing::error!("snapshot lookup failed: {e}");
                Default::default()
            });
        let unpacked = match (&stored.reply_packed, &stored.reply_json) {
            (Some(packed), _) => archive::unpack(packed, &texts),
            (None, Some(json)) => archive::unpack_json(json, &texts),
            (None, None) => None,
        };
        let Some(mut reply) = unpacked else {
            return Reply::problem(
                Command::Answer,
                format!("Answer `{id}` was logged without its content."),
                self.version(),
            );
        };
        let when = chrono::DateTime::from_timestamp_millis(stored.ts)
            .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        let mut notice = format!(
            "Answer `{id}` as given on {when} (corpus {}).",
            stored.corpus_version
        );
        if stored.corpus_version != self.corpus.version {
            notice.push_str(&format!(
                " The corpus has changed since (now {}).",
                self.corpus.version
            ));
            let gone: Vec<&str> = stored
                .passage_ids
                .iter()
                .filter(|p| self.corpus.passage(p).is_none())
                .map(String::as_str)
                .collect();
            if !gone.is_empty() {
                notice.push_str(&format!(" No longer in the corpus: {}.", gone.join(", ")));
            }
        }
        reply.lines.insert(0, notice);
        reply
    }
}
