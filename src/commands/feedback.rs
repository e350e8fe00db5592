//! `feedback`: a vote on an answer (helpful, not helpful, wrong source, outdated), one per
//! person per answer, stored next to the query log.

use super::{Caller, Command, Extra, Fathom, Reply};

/// A vote on an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vote {
    Helpful,
    NotHelpful,
    WrongSource,
    Outdated,
}

impl Vote {
    pub const ALL: [Vote; 4] = [
        Vote::Helpful,
        Vote::NotHelpful,
        Vote::WrongSource,
        Vote::Outdated,
    ];

    /// As stored (and carried in button ids).
    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Helpful => "helpful",
            Vote::NotHelpful => "not-helpful",
            Vote::WrongSource => "wrong-source",
            Vote::Outdated => "outdated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Vote::Helpful => "Helpful",
            Vote::NotHelpful => "Not helpful",
            Vote::WrongSource => "Wrong source",
            Vote::Outdated => "Outdated",
        }
    }

    pub fn parse(s: &str) -> Option<Vote> {
        Vote::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What happened to a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackOutcome {
    Recorded,
    /// This person had already voted on this answer; the first vote stands.
    AlreadyVoted,
    /// The request was not a valid vote, or the database could not take it.
    NotRecorded,
}

/// Whether a string looks like an answer id (the footer's short code).
pub fn is_answer_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 32 && id.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Fathom {
    /// Records the caller's vote on answer `answer_id`; the outcome is in `extra`.
    pub(super) async fn feedback_reply(
        &self,
        caller: &Caller,
        answer_id: &str,
        vote: Vote,
    ) -> Reply {
        let (outcome, mut reply) = self.vote(caller, answer_id, vote).await;
        reply.extra = Extra::Vote(outcome);
        reply
    }

    async fn vote(&self, caller: &Caller, answer_id: &str, vote: Vote) -> (FeedbackOutcome, Reply) {
        let problem = |text: &str| {
            (
                FeedbackOutcome::NotRecorded,
                Reply::problem(Command::Feedback, text, self.version()),
            )
        };
        if !is_answer_id(answer_id) {
            return problem("That is not an answer id.");
        }
        let Some(store) = self.store() else {
            return problem("Thanks, but votes cannot be saved right now.");
        };
        match store
            .record_feedback(answer_id, &self.user_hash(caller), vote.as_str())
            .await
        {
            Ok(true) => {
                let mut reply = Reply::new(Command::Feedback, "Thanks", self.version());
                reply.intro = Some(format!(
                    "Your vote ({}) on answer `{answer_id}` is recorded. Votes help find weak or outdated sources.",
                    vote.label()
                ));
                (FeedbackOutcome::Recorded, reply)
            }
            Ok(false) => {
                let mut reply = Reply::new(Command::Feedback, "Already voted", self.version());
                reply.intro = Some(format!(
                    "You have already voted on answer `{answer_id}`; your first vote stands."
                ));
                (FeedbackOutcome::AlreadyVoted, reply)
            }
            Err(e) => {
                tracing::error!("could not record feedback: {e}");
                problem("Sorry, your vote could not be saved just now.")
            }
        }
    }
}
