//! `find_sources`: the sourced answer to a message's text (the "Find sources" message command):
//! the same answer as `rebut`, logged as `find-sources` so that statistics can tell the two
//! apart.

use super::{Command, Fathom, Reply};

impl Fathom {
    pub(super) fn find_sources_reply(&self, message_text: &str) -> Reply {
        if message_text.trim().is_empty() {
            return Reply::problem(
                Command::FindSources,
                "That message has no text to find sources for (only images, embeds or stickers).",
                self.version(),
            );
        }
        let mut reply = self.rebut_reply(message_text);
        reply.command = Command::FindSources;
        reply
    }
}
