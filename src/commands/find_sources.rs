//! `find_sources`: the sourced rebuttal of a message's text (the "Find sources" message
//! command): the same answer as `rebut`, logged as `find-sources` so that statistics can tell
//! the two apart.

use super::{Caller, Fathom, Reply};
use std::time::Instant;

impl Fathom {
    pub async fn find_sources(&self, caller: &Caller, message_text: &str) -> Reply {
        let started = Instant::now();
        let reply = if message_text.trim().is_empty() {
            Reply::problem(
                "find-sources",
                "That message has no text to find sources for (only images, embeds or stickers).",
                self.version(),
            )
        } else {
            let mut reply = self.rebut_reply(message_text);
            reply.command = "find-sources".into();
            reply
        };
        self.finish(caller, "find-sources", message_text, reply, started, true)
            .await
    }
}
