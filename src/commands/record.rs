//! `record`: logs an interaction that runs no command of its own (posting an answer publicly,
//! dismissing it, a refusal for lack of permission or a cooldown), so that every interaction
//! is in the query log.

use super::{Caller, Fathom, Reply};
use std::time::Instant;

impl Fathom {
    /// Logs `command` with `detail` for the caller.
    pub async fn record(&self, caller: &Caller, command: &str, detail: &str) {
        let started = Instant::now();
        let reply = Reply::new(command, "", self.version());
        self.finish(caller, command, detail, reply, started, false)
            .await;
    }
}
