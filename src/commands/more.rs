//! `more`: the next page of a past answer. A "More" button carries the question itself when it
//! fits, or only the answer id; then the question is found again in the query log.

use super::{Caller, DEFAULT_K, Fathom, Reply};

impl Fathom {
    /// The question answer `answer_id` was given for, from the query log.
    pub async fn question_of(&self, answer_id: &str) -> Result<String, Reply> {
        let gone = || {
            Reply::problem(
                "ask",
                "That answer is no longer in the log (answers are kept for the retention period). Ask again with /ask.",
                self.version(),
            )
        };
        if !super::feedback::is_answer_id(answer_id) {
            return Err(gone());
        }
        let Some(store) = self.store() else {
            return Err(Reply::problem(
                "ask",
                "The answer log is not available right now, so I cannot find the question again. Ask again with /ask.",
                self.version(),
            ));
        };
        match store.answer(answer_id).await {
            Ok(Some(stored)) if !stored.query.trim().is_empty() => Ok(stored.query),
            Ok(_) => Err(gone()),
            Err(e) => {
                tracing::error!("answer lookup failed: {e}");
                Err(Reply::problem(
                    "ask",
                    "Sorry, the answer log could not be read just now.",
                    self.version(),
                ))
            }
        }
    }

    /// The page of `DEFAULT_K` passages starting at `offset` for the question of a past answer.
    pub async fn more_of(&self, caller: &Caller, answer_id: &str, offset: usize) -> Reply {
        match self.question_of(answer_id).await {
            Ok(question) => self.ask(caller, &question, DEFAULT_K, offset).await,
            Err(problem) => {
                self.record(caller, "more", &format!("{answer_id}: not found"))
                    .await;
                problem
            }
        }
    }
}
