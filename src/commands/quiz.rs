//! `quiz`: a study-group question (optionally on one topic) with lettered choices; checking an
//! answer reveals the correct choice with the passage that settles it and counts the score
//! per user per guild; `quiz_scores` is a guild's top ten.

use super::{Caller, Command, Extra, Fathom, Item, Reply, Suggestion};
use crate::corpus::QuizItem;
use crate::search::Highlighted;

/// How many rows the leaderboard shows.
pub const LEADERBOARD: u32 = 10;

/// A question as shown, without its answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QuizQuestion {
    pub id: String,
    pub question: String,
    pub choices: Vec<String>,
}

/// Whose scores a caller's answers count towards: their server's, or, at the terminal, the
/// terminal's own table.
fn score_table(caller: &Caller) -> Option<&str> {
    match caller.transport {
        super::Transport::Cli => Some("terminal"),
        _ => caller.guild_id.as_deref(),
    }
}

/// `A`, `B`, ... for a choice index.
pub fn choice_letter(index: usize) -> char {
    (b'A' + (index.min(25)) as u8) as char
}

impl Fathom {
    /// The question `pick(n)` chooses among the `n` candidates.
    pub fn quiz_reply(&self, topic: Option<&str>, pick: impl FnOnce(usize) -> usize) -> Reply {
        if self.corpus.quiz.is_empty() {
            return Reply::problem(
                Command::Quiz,
                "The quiz has no questions yet (they live in index/quiz.toml).",
                self.version(),
            );
        }
        let topic = topic.map(str::trim).filter(|t| !t.is_empty());
        let (label, candidates): (Option<String>, Vec<&QuizItem>) = match topic {
            None => (None, self.corpus.quiz.iter().collect()),
            Some(t) => {
                let Some(found) = self.find_topic(t) else {
                    let mut reply = self.no_such_topic(Command::Quiz, t);
                    reply.suggestions = self.quiz_topics();
                    return reply;
                };
                let on_topic = self
                    .corpus
                    .quiz
                    .iter()
                    .filter(|q| q.topics.contains(&found.id))
                    .collect();
                (Some(found.label.clone()), on_topic)
            }
        };
        if candidates.is_empty() {
            let mut reply = Reply::problem(
                Command::Quiz,
                format!(
                    "No quiz question is filed under {} yet. Try one of the topics below, or no topic.",
                    label.unwrap_or_default()
                ),
                self.version(),
            );
            reply.suggestions = self.quiz_topics();
            return reply;
        }
        let item = candidates[pick(candidates.len()).min(candidates.len() - 1)];
        let title = match &label {
            Some(l) => format!("Quiz: {l}"),
            None => "Quiz".to_string(),
        };
        let mut reply = Reply::new(Command::Quiz, title, self.version());
        reply.intro = Some(item.question.clone());
        reply.query = Some(item.id.clone());
        reply.lines = item
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {c}", choice_letter(i)))
            .collect();
        reply.extra = Extra::Quiz(QuizQuestion {
            id: item.id.clone(),
            question: item.question.clone(),
            choices: item.choices.clone(),
        });
        reply
    }

    /// Topic ids that have at least one question.
    fn quiz_topics(&self) -> Vec<Suggestion> {
        let mut ids: Vec<Suggestion> = Vec::new();
        for q in &self.corpus.quiz {
            for t in &q.topics {
                let topic = Suggestion::Topic(t.clone());
                if !ids.contains(&topic) {
                    ids.push(topic);
                }
            }
        }
        ids
    }

    /// Checks `choice` for question `id`, counts it for the caller in their guild (shown on
    /// the leaderboard as `display_name`), and reveals the answer with its source.
    pub(super) async fn quiz_answer_reply(
        &self,
        caller: &Caller,
        id: &str,
        choice: usize,
        display_name: &str,
    ) -> Reply {
        let Some(item) = self.corpus.quiz.iter().find(|q| q.id == id) else {
            let mut reply = Reply::problem(
                Command::QuizAnswer,
                "That question is not in the quiz (any more). Start a new one.",
                self.version(),
            );
            reply.suggestions = vec![Suggestion::Command(Command::Quiz)];
            return reply;
        };
        let correct = choice == item.answer;
        let mut reply = Reply::new(
            Command::QuizAnswer,
            if correct { "Correct!" } else { "Not quite" },
            self.version(),
        );
        let right = item.choices.get(item.answer).cloned().unwrap_or_default();
        let mut intro = format!(
            "{}\n\nThe answer is **{}. {right}**.",
            item.question,
            choice_letter(item.answer)
        );
        if !correct && let Some(given) = item.choices.get(choice) {
            intro.push_str(&format!(
                " You answered {}. {given}.",
                choice_letter(choice)
            ));
        }
        if let Some(e) = &item.explanation {
            intro.push_str(&format!("\n\n{e}"));
        }
        reply.intro = Some(intro);
        if let Some(p) = self.corpus.passage(&item.passage) {
            reply.items.push(Item::from_passage(
                &self.corpus,
                p,
                |t: &str| Highlighted::plain(t),
                None,
            ));
        }
        if let (Some(store), Some(guild)) = (self.store(), score_table(caller)) {
            let name: String = display_name.trim().chars().take(64).collect();
            if let Err(e) = store
                .record_quiz_answer(guild, &self.user_hash(caller), &name, correct)
                .await
            {
                tracing::error!("could not record a quiz answer: {e}");
                reply
                    .lines
                    .push("(Your score could not be saved just now.)".into());
            }
        }
        reply
    }

    /// The caller's guild's best quiz scores.
    pub(super) async fn quiz_scores_reply(&self, caller: &Caller) -> Reply {
        match (self.store(), score_table(caller)) {
            (_, None) => Reply::problem(
                Command::QuizScores,
                "Quiz scores are kept per server: run this in a server.",
                self.version(),
            ),
            (None, _) => Reply::problem(
                Command::QuizScores,
                "The score table is not available right now.",
                self.version(),
            ),
            (Some(store), Some(guild)) => match store.quiz_top(guild, LEADERBOARD).await {
                Err(e) => {
                    tracing::error!("could not read quiz scores: {e}");
                    Reply::problem(
                        Command::QuizScores,
                        "Sorry, the scores could not be read just now.",
                        self.version(),
                    )
                }
                Ok(rows) => {
                    let mut reply = Reply::new(Command::QuizScores, "Quiz: top 10", self.version());
                    if rows.is_empty() {
                        reply.intro =
                            Some("Nobody has answered a quiz question here yet: try /quiz.".into());
                    }
                    for (i, row) in rows.iter().enumerate() {
                        reply.lines.push(format!(
                            "{}. {}: {} correct of {}",
                            i + 1,
                            row.display_name,
                            row.correct,
                            row.answered
                        ));
                    }
                    reply
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::{Request, Transport};
    use crate::corpus::QuizItem;
    use crate::search::SearchIndex;
    use crate::store::{QueryLog, Store};
    use std::sync::Arc;

    /// The shipped corpus with two quiz questions added, over a real index and database.
    async fn fathom(dir: &std::path::Path) -> (Fathom, crate::store::LogWriter) {
        let mut corpus =
            crate::corpus::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("index"))
                .unwrap();
        let passage = corpus.passages[0].clone();
        corpus.quiz.clear();
        for (i, topic) in ["survivors", "war-powers"].into_iter().enumerate() {
            corpus.quiz.push(QuizItem {
                id: format!("q-{i}"),
                question: format!("Question {i}?"),
                choices: vec!["yes".into(), "no".into(), "it depends".into()],
                answer: 1,
                passage: passage.id.clone(),
                explanation: Some("Because the passage says so.".into()),
                topics: vec![topic.into()],
            });
        }
        let search = SearchIndex::open_or_build(&corpus, &dir.join("tantivy"), |_| {
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
        let store = Store::open(&format!("sqlite://{}/q.db?mode=rwc", dir.display()))
            .await
            .unwrap();
        let (log, writer) = QueryLog::start(Some(store.clone()), 64);
        (
            Fathom::new(Arc::new(corpus), search, Some(store), log, "salt".into()),
            writer,
        )
    }

    fn caller(user: &str) -> Caller {
        Caller {
            transport: Transport::Discord,
            user_id: user.into(),
            guild_id: Some("g1".into()),
            channel_id: Some("c1".into()),
            locale: None,
        }
    }

    #[tokio::test]
    async fn a_question_an_answer_and_the_leaderboard() {
        let dir = tempfile::tempdir().unwrap();
        let (fathom, writer) = fathom(dir.path()).await;
        let prompt = fathom.quiz_reply(Some("war powers"), |_| 0);
        let Extra::Quiz(q) = &prompt.extra else {
            panic!("a question on war powers")
        };
        assert_eq!(q.id, "q-1");
        assert_eq!(prompt.lines, ["A. yes", "B. no", "C. it depends"]);
        let unknown = fathom.quiz_reply(Some("no such topic"), |_| 0);
        assert!(unknown.is_error && unknown.extra == Extra::None);
        let empty = fathom.quiz_reply(Some("orders"), |_| 0);
        assert!(empty.is_error);
        assert_eq!(
            empty.suggestions,
            [
                Suggestion::Topic("survivors".into()),
                Suggestion::Topic("war-powers".into())
            ]
        );

        let fathom = &fathom;
        let answer = |user: &'static str, id: &'static str, choice, name: &'static str| async move {
            fathom
                .run(
                    &caller(user),
                    Request::QuizAnswer {
                        id: id.into(),
                        choice,
                        display_name: name.into(),
                    },
                )
                .await
        };
        let right = answer("u1", "q-1", 1, "Ann").await;
        assert_eq!(right.title, "Correct!");
        assert!(right.intro.unwrap().contains("**B. no**"));
        assert_eq!(right.items.len(), 1, "the passage that settles it");
        let wrong = answer("u2", "q-1", 0, "Ben").await;
        assert_eq!(wrong.title, "Not quite");
        assert!(wrong.intro.unwrap().contains("You answered A. yes"));
        answer("u2", "q-0", 1, "Ben").await;
        let gone = answer("u2", "q-9", 0, "Ben").await;
        assert!(gone.is_error);

        let board = fathom.run(&caller("u1"), Request::QuizScores).await;
        assert_eq!(
            board.lines,
            ["1. Ann: 1 correct of 1", "2. Ben: 1 correct of 2"]
        );
        let elsewhere = Caller {
            guild_id: None,
            ..caller("u1")
        };
        assert!(fathom.run(&elsewhere, Request::QuizScores).await.is_error);
        writer.finish().await;
    }
}
