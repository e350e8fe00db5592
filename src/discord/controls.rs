//! The buttons under each kind of answer: "More", "Post publicly", "Dismiss", feedback, timeline
//! pages, quiz choices, the reading-list download. Every button's state is in its custom_id.

use super::ids::{self, Action};
use super::respond::{Button, Outgoing, primary, secondary};
use crate::commands::feedback::Vote;
use crate::commands::quiz::choice_letter;
use crate::commands::timeline::TIMELINE_PAGE;
use crate::commands::{DEFAULT_K, Extra, Reply};
use serenity::all::ButtonStyle;

/// Where an answer is shown, and to whom it belongs.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub private: bool,
    /// Who asked: may dismiss the answer.
    pub owner: u64,
    /// Who the answer is addressed to (`/ask mention:`).
    pub mention: Option<u64>,
}

impl Shown {
    /// Shown only to `owner`, addressed to no one.
    pub fn private(owner: u64) -> Shown {
        Shown {
            private: true,
            owner,
            mention: None,
        }
    }
}

fn dismiss(owner: u64) -> Option<Button> {
    secondary(&Action::Dismiss { owner }, "Dismiss")
}

fn post(shown: Shown, label: &str) -> Option<Button> {
    (shown.private).then(|| {
        primary(
            &Action::PostPublicly {
                mention: shown.mention,
            },
            label,
        )
    })?
}

/// The feedback row for an answer with an id and passages.
pub fn feedback_row(reply: &Reply) -> Vec<Option<Button>> {
    let Some(answer_id) = reply.footer.answer_id.as_deref() else {
        return Vec::new();
    };
    if reply.items.is_empty() || reply.is_error {
        return Vec::new();
    }
    Vote::ALL
        .iter()
        .map(|&vote| {
            secondary(
                &Action::Feedback {
                    answer_id: answer_id.to_string(),
                    vote,
                },
                vote.label(),
            )
        })
        .collect()
}

/// `/ask` (and its next pages): More, Post publicly, Dismiss; then feedback.
pub fn ask(reply: &Reply, shown: Shown) -> Outgoing {
    let more = (reply.has_more && !reply.items.is_empty())
        .then(|| {
            let query = reply.query.as_deref().unwrap_or_default();
            let next = reply.offset + reply.items.len().max(DEFAULT_K);
            ids::more(next, query, reply.footer.answer_id.as_deref())
        })
        .flatten()
        .and_then(|a| primary(&a, "More"));
    let post = if reply.is_error {
        None
    } else {
        post(shown, "Post publicly")
    };
    Outgoing::reply(reply)
        .row(vec![more, post, dismiss(shown.owner)])
        .row(feedback_row(reply))
}

/// Answers with nothing to page: Post publicly (when private) and Dismiss.
pub fn plain(reply: &Reply, shown: Shown) -> Outgoing {
    let post = if reply.is_error {
        None
    } else {
        post(shown, "Post publicly")
    };
    Outgoing::reply(reply).row(vec![post, dismiss(shown.owner)])
}

/// `/rebut` and "Find sources": Post in channel (or Post as reply), Dismiss, feedback.
pub fn rebuttal(reply: &Reply, shown: Shown, reply_to: Option<(u64, u64)>) -> Outgoing {
    let publish = if reply.is_error || reply.items.is_empty() {
        None
    } else {
        match reply_to {
            Some((message, author)) => {
                primary(&Action::PostReply { message, author }, "Post as reply")
            }
            None => post(shown, "Post in channel"),
        }
    };
    // The reply shows the short form; the whole is a click away.
    let full = reply
        .footer
        .answer_id
        .as_ref()
        .filter(|_| !reply.is_error && reply.paste.is_some())
        .filter(|_| {
            let whole = crate::commands::rebuttal_text(reply, None);
            super::limits::len(&whole) > super::limits::CONTENT_MAX
        })
        .and_then(|id| {
            secondary(
                &Action::FullRebuttal {
                    answer_id: id.clone(),
                },
                "Full rebuttal",
            )
        });
    Outgoing::reply(reply)
        .row(vec![publish, full, dismiss(shown.owner)])
        .row(feedback_row(reply))
}

/// `/timeline`: Previous and Next pages, Post publicly, Dismiss.
pub fn timeline(reply: &Reply, shown: Shown) -> Outgoing {
    let filter = match &reply.extra {
        Extra::Timeline(filter) => filter.clone(),
        _ => Default::default(),
    };
    let page = |offset: usize, label: &str| {
        secondary(
            &Action::Timeline {
                offset,
                from: filter.from.clone().unwrap_or_default(),
                to: filter.to.clone().unwrap_or_default(),
                topic: filter.topic.clone().unwrap_or_default(),
                newest: filter.newest,
            },
            label,
        )
    };
    let previous = (reply.offset > 0 && !reply.is_error)
        .then(|| page(reply.offset.saturating_sub(TIMELINE_PAGE), "Previous"))
        .flatten();
    let next = (reply.has_more && !reply.is_error)
        .then(|| page(reply.offset + TIMELINE_PAGE, "Next"))
        .flatten();
    let post = if reply.is_error {
        None
    } else {
        post(shown, "Post publicly")
    };
    Outgoing::reply(reply).row(vec![previous, next, post, dismiss(shown.owner)])
}

/// `/study`: Download as Markdown, Post publicly, Dismiss.
pub fn study(reply: &Reply, shown: Shown) -> Outgoing {
    let download = match (&reply.query, reply.is_error) {
        (Some(topic), false) => secondary(
            &Action::StudyMarkdown {
                topic: topic.clone(),
            },
            "Download as Markdown",
        ),
        _ => None,
    };
    let post = if reply.is_error {
        None
    } else {
        post(shown, "Post publicly")
    };
    Outgoing::reply(reply).row(vec![download, post, dismiss(shown.owner)])
}

/// A quiz question: one button per choice, for the person who asked for it.
pub fn quiz(reply: &Reply, owner: u64) -> Outgoing {
    let mut out = Outgoing::reply(reply);
    if let Extra::Quiz(q) = &reply.extra {
        let buttons = q
            .choices
            .iter()
            .enumerate()
            .map(|(i, _)| {
                primary(
                    &Action::Quiz {
                        owner,
                        choice: i,
                        question: q.id.clone(),
                    },
                    &choice_letter(i).to_string(),
                )
            })
            .collect();
        out = out.row(buttons);
    }
    out
}

/// The quiz buttons after an answer: all disabled, the right one green, a wrong pick red.
pub fn quiz_revealed(
    rows: &[Vec<Button>],
    chosen: usize,
    correct: Option<usize>,
) -> Vec<Vec<Button>> {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|b| {
                    let mut b = b.clone();
                    b.disabled = true;
                    if let Some(Action::Quiz { choice, .. }) = Action::decode(&b.custom_id) {
                        b.style = if Some(choice) == correct {
                            ButtonStyle::Success
                        } else if choice == chosen {
                            ButtonStyle::Danger
                        } else {
                            ButtonStyle::Secondary
                        };
                    }
                    b
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Footer;
    use crate::discord::limits;

    fn answer(has_more: bool) -> Reply {
        let item = crate::commands::Item {
            passage_id: Some("p".into()),
            source_id: "s".into(),
            citation: "GC II, Art. 12(1)".into(),
            kind: crate::corpus::SourceKind::Treaty,
            status: crate::corpus::Status::Law,
            scope: vec![],
            heading: None,
            quote: None,
            note: crate::search::Highlighted::plain("n"),
            url: "https://x.org".into(),
            date: "1949".into(),
            as_of: None,
            score: None,
            side: None,
            publisher: None,
            section: None,
            event_id: None,
        };
        let mut reply = Reply::new(crate::commands::Command::Ask, "q", "v");
        reply.query = Some("shipwrecked survivors".into());
        reply.items = vec![item.clone(), item.clone(), item];
        reply.has_more = has_more;
        reply.footer = Footer {
            corpus_version: "v".into(),
            answer_id: Some("k3v9x2pq".into()),
            current_to: None,
        };
        reply
    }

    #[test]
    fn a_private_answer_has_more_post_dismiss_and_feedback() {
        let out = ask(
            &answer(true),
            Shown {
                private: true,
                owner: 7,
                mention: Some(9),
            },
        );
        let ids: Vec<Vec<&str>> = out
            .rows
            .iter()
            .map(|r| r.iter().map(|b| b.custom_id.as_str()).collect())
            .collect();
        assert_eq!(
            ids,
            vec![
                vec!["m:3:q:shipwrecked survivors", "pub:9", "dis:7"],
                vec![
                    "fb:k3v9x2pq:helpful",
                    "fb:k3v9x2pq:not-helpful",
                    "fb:k3v9x2pq:wrong-source",
                    "fb:k3v9x2pq:outdated"
                ],
            ]
        );
        assert!(out.rows.len() <= limits::ROWS_MAX);
    }

    #[test]
    fn a_public_answer_has_no_post_button() {
        let out = ask(
            &answer(false),
            Shown {
                private: false,
                owner: 7,
                mention: None,
            },
        );
        assert_eq!(out.rows[0].len(), 1);
        assert_eq!(out.rows[0][0].custom_id, "dis:7");
    }
}
