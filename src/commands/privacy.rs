//! `privacy` and `forget_me`: what fathom stores about the people who use it and for how long
//! (from the retention setting), and deleting one person's rows from the query log, the
//! feedback votes and the quiz scores.

use super::{Caller, Command, Fathom, Reply};
use std::time::Duration;

/// How long after `/forget-me` a second pass deletes rows that were still queued for the log.
pub const FORGET_SECOND_PASS: Duration = Duration::from_secs(5);

impl Fathom {
    pub fn privacy_reply(&self) -> Reply {
        let retention_days = self.settings.retention_days;
        let mut reply = Reply::new(Command::Privacy, "What fathom stores", self.version());
        reply.intro = Some(format!(
            "fathom keeps a log of the questions it answers, to reproduce answers (/answer) and to \
find gaps in its sources. Log rows and feedback votes are deleted after {retention_days} days \
(at start-up and then daily). /forget-me deletes yours at once."
        ));
        reply.lines = vec![
            "Stored for each command: the command and what you typed, the server and channel ids, \
the passages shown and the answer itself, the time and how long it took."
                .into(),
            "You appear only as a salted hash of your user id: the raw id is never stored, and the \
hash cannot be turned back into it."
                .into(),
            "Feedback buttons store your vote (helpful, not helpful, wrong source, outdated) with \
the answer id and the same hash."
                .into(),
            "Quiz scores store, per server, the hash, your display name (shown on the \
leaderboard) and your counts; they are kept until you run /forget-me."
                .into(),
            "Nothing is shared with anyone. Message contents are read only when you run \"Find \
sources\" or \"Check citations\" on a message, and then only that message."
                .into(),
        ];
        reply
    }

    /// Deletes everything stored about the caller, and says how many rows went. A second
    /// pass a few seconds later catches rows that were still on their way to the database,
    /// including this call's own.
    pub(super) async fn forget_me_reply(&self, caller: &Caller) -> Reply {
        let hash = self.user_hash(caller);
        match self.store() {
            None => Reply::problem(
                Command::ForgetMe,
                "The database is not available right now, so nothing could be deleted. Please try again later.",
                self.version(),
            ),
            Some(store) => match store.forget(&hash).await {
                Err(e) => {
                    tracing::error!("forget-me failed: {e}");
                    Reply::problem(
                        Command::ForgetMe,
                        "Sorry, your data could not be deleted just now. Please try again later.",
                        self.version(),
                    )
                }
                Ok(gone) => {
                    let later = store.clone();
                    let hash = hash.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(FORGET_SECOND_PASS).await;
                        if let Err(e) = later.forget(&hash).await {
                            tracing::warn!("forget-me second pass failed: {e}");
                        }
                    });
                    let mut reply = Reply::new(Command::ForgetMe, "Forgotten", self.version());
                    reply.intro = Some(format!(
                        "Deleted {} logged quer{}, {} feedback vote{} and {} quiz score{}.",
                        gone.queries,
                        if gone.queries == 1 { "y" } else { "ies" },
                        gone.feedback,
                        if gone.feedback == 1 { "" } else { "s" },
                        gone.quiz_scores,
                        if gone.quiz_scores == 1 { "" } else { "s" },
                    ));
                    reply
                }
            },
        }
    }
}
