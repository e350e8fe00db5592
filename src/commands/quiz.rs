//! `quiz`: a study-group question (optionally on one topic) with lettered choices; checking an
//! answer reveals the correct choice with the passage that settles it and counts the score
//! per user per guild; `quiz_scores` is a guild's top ten.

use super::{Caller, Fathom, Item, Reply};
use crate::corpus::QuizItem;
use crate::search::Highlighted;
use std::time::Instant;

/// How many rows the leaderboard shows.
pub const LEADERBOARD: u32 = 10;

/// A question as shown, without its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizQuestion {
    pub id: String,
    pub question: String,
    pub choices: Vec<String>,
}

/// What `quiz` produced: the reply, and the question when there is one to answer.
#[derive(Debug, Clone)]
pub struct QuizPrompt {
    pub reply: Reply,
    pub question: Option<QuizQuestion>,
}

/// `A`, `B`, ... for a choice index.
pub fn choice_letter(index: usize) -> char {
    (b'A' + (index.min(25)) as u8) as char
}

impl Fathom {
    /// A random question, on `topic` if given.
    pub async fn quiz(&self, caller: &Caller, topic: Option<&str>) -> QuizPrompt {
        let started = Instant::now();
        let prompt = self.quiz_prompt(topic, |n| rand::random_range(0..n));
        let query = prompt
            .question
            .as_ref()
            .map(|q| q.id.clone())
            .unwrap_or_else(|| topic.unwrap_or("").to_string());
        let reply = self
            .finish(caller, "quiz", &query, prompt.reply, started, false)
            .await;
        QuizPrompt {
            reply,
            question: prompt.question,
        }
    }

    /// The question `pick(n)` chooses among the `n` candidates.
    pub fn quiz_prompt(
        &self,
        topic: Option<&str>,
        pick: impl FnOnce(usize) -> usize,
    ) -> QuizPrompt {
        let none = |reply| QuizPrompt {
            reply,
            question: None,
        };
        if self.corpus.quiz.is_empty() {
            return none(Reply::problem(
                "quiz",
                "The quiz has no questions yet (they live in index/quiz.toml).",
                self.version(),
            ));
        }
        let topic = topic.map(str::trim).filter(|t| !t.is_empty());
        let (label, candidates): (Option<String>, Vec<&QuizItem>) = match topic {
            None => (None, self.corpus.quiz.iter().collect()),
            Some(t) => {
                let Some(found) = self.find_topic(t) else {
                    let mut reply = Reply::problem(
                        "quiz",
                        format!(
                            "There is no topic \"{}\".",
                            t.chars().take(60).collect::<String>()
                        ),
                        self.version(),
                    );
                    reply.suggestions = self.quiz_topics();
                    return none(reply);
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
                "quiz",
                format!(
                    "No quiz question is filed under {} yet. Try one of the topics below, or no topic.",
                    label.unwrap_or_default()
                ),
                self.version(),
            );
            reply.suggestions = self.quiz_topics();
            return none(reply);
        }
        let item = candidates[pick(candidates.len()).min(candidates.len() - 1)];
        let title = match &label {
            Some(l) => format!("Quiz: {l}"),
            None => "Quiz".to_string(),
        };
        let mut reply = Reply::new("quiz", title, self.version());
        reply.intro = Some(item.question.clone());
        reply.query = Some(item.id.clone());
        reply.lines = item
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {c}", choice_letter(i)))
            .collect();
        QuizPrompt {
            reply,
            question: Some(QuizQuestion {
                id: item.id.clone(),
                question: item.question.clone(),
                choices: item.choices.clone(),
            }),
        }
    }

    /// Topic ids that have at least one question.
    fn quiz_topics(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for q in &self.corpus.quiz {
            for t in &q.topics {
                if !ids.contains(t) {
                    ids.push(t.clone());
                }
            }
        }
        ids
    }

    /// Checks `choice` for question `id`, counts it for the caller in their guild (shown on
    /// the leaderboard as `display_name`), and reveals the answer with its source.
    pub async fn quiz_answer(
        &self,
        caller: &Caller,
        id: &str,
        choice: usize,
        display_name: &str,
    ) -> Reply {
        let started = Instant::now();
        let Some(item) = self.corpus.quiz.iter().find(|q| q.id == id) else {
            let reply = Reply::problem(
                "quiz-answer",
                "That question is no longer in the quiz. Start a new one with /quiz.",
                self.version(),
            );
            return self
                .finish(caller, "quiz-answer", id, reply, started, false)
                .await;
        };
        let correct = choice == item.answer;
        let mut reply = Reply::new(
            "quiz-answer",
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
        if let (Some(store), Some(guild)) = (self.store(), caller.guild_id.as_deref()) {
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
        let query = format!("{id}={}", choice_letter(choice));
        self.finish(caller, "quiz-answer", &query, reply, started, false)
            .await
    }

    /// The caller's guild's best quiz scores.
    pub async fn quiz_scores(&self, caller: &Caller) -> Reply {
        let started = Instant::now();
        let reply = match (self.store(), caller.guild_id.as_deref()) {
            (_, None) => Reply::problem(
                "quiz-scores",
                "Quiz scores are kept per server: run this in a server.",
                self.version(),
            ),
            (None, _) => Reply::problem(
                "quiz-scores",
                "The score table is not available right now.",
                self.version(),
            ),
            (Some(store), Some(guild)) => match store.quiz_top(guild, LEADERBOARD).await {
                Err(e) => {
                    tracing::error!("could not read quiz scores: {e}");
                    Reply::problem(
                        "quiz-scores",
                        "Sorry, the scores could not be read just now.",
                        self.version(),
                    )
                }
                Ok(rows) => {
                    let mut reply = Reply::new("quiz-scores", "Quiz: top 10", self.version());
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
        };
        self.finish(caller, "quiz-scores", "", reply, started, false)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Transport;
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
        }
    }

    #[tokio::test]
    async fn a_question_an_answer_and_the_leaderboard() {
        let dir = tempfile::tempdir().unwrap();
        let (fathom, writer) = fathom(dir.path()).await;
        let prompt = fathom.quiz_prompt(Some("war powers"), |_| 0);
        let q = prompt.question.expect("a question on war powers");
        assert_eq!(q.id, "q-1");
        assert_eq!(prompt.reply.lines, ["A. yes", "B. no", "C. it depends"]);
        let unknown = fathom.quiz_prompt(Some("no such topic"), |_| 0);
        assert!(unknown.reply.is_error && unknown.question.is_none());
        let empty = fathom.quiz_prompt(Some("orders"), |_| 0);
        assert!(empty.reply.is_error);
        assert_eq!(empty.reply.suggestions, ["survivors", "war-powers"]);

        let right = fathom.quiz_answer(&caller("u1"), "q-1", 1, "Ann").await;
        assert_eq!(right.title, "Correct!");
        assert!(right.intro.unwrap().contains("**B. no**"));
        assert_eq!(right.items.len(), 1, "the passage that settles it");
        let wrong = fathom.quiz_answer(&caller("u2"), "q-1", 0, "Ben").await;
        assert_eq!(wrong.title, "Not quite");
        assert!(wrong.intro.unwrap().contains("You answered A. yes"));
        fathom.quiz_answer(&caller("u2"), "q-0", 1, "Ben").await;
        let gone = fathom.quiz_answer(&caller("u2"), "q-9", 0, "Ben").await;
        assert!(gone.is_error);

        let board = fathom.quiz_scores(&caller("u1")).await;
        assert_eq!(
            board.lines,
            ["1. Ann: 1 correct of 1", "2. Ben: 1 correct of 2"]
        );
        let elsewhere = Caller {
            guild_id: None,
            ..caller("u1")
        };
        assert!(fathom.quiz_scores(&elsewhere).await.is_error);
        drop(fathom);
        writer.finish().await;
    }
}
