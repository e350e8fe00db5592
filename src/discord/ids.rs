//! Button ids (`custom_id`, at most 100 chars) that carry all the state a button needs, so
//! that buttons keep working after a restart without any in-memory session table.
//!
//! `m:<offset>:q:<query>`   More, the question inline when it fits
//! `m:<offset>:a:<answer>`  More, the question looked up from the query log by answer id
//! `pub:<user|->`           Post publicly (pinging the `/ask mention:` user, if any)
//! `rp:<message>:<author>`  Post as reply to a message (pinging only its author)
//! `dis:<owner>`            Dismiss (the owner or a moderator)
//! `fb:<answer>:<vote>`     Feedback
//! `tl:<offset>:<from>:<to>:<topic>`  Timeline page, oldest first (`tln:`: newest first)
//! `qz:<owner>:<choice>:<question>`   Quiz answer
//! `md:<topic>`             Download a reading list as Markdown

use super::limits::CUSTOM_ID_MAX;
use crate::commands::feedback::Vote;

/// What a button does, with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    More {
        offset: usize,
        query: QueryRef,
    },
    PostPublicly {
        mention: Option<u64>,
    },
    PostReply {
        message: u64,
        author: u64,
    },
    Dismiss {
        owner: u64,
    },
    Feedback {
        answer_id: String,
        vote: Vote,
    },
    Timeline {
        offset: usize,
        from: String,
        to: String,
        topic: String,
        newest: bool,
    },
    Quiz {
        owner: u64,
        choice: usize,
        question: String,
    },
    StudyMarkdown {
        topic: String,
    },
    /// The whole of a rebuttal whose short form is shown.
    FullRebuttal {
        answer_id: String,
    },
}

/// How "More" finds its question again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryRef {
    Inline(String),
    Answer(String),
}

impl Action {
    /// The custom_id, or None when the state does not fit in 100 chars.
    pub fn encode(&self) -> Option<String> {
        let id = match self {
            Action::More { offset, query } => match query {
                QueryRef::Inline(q) => format!("m:{offset}:q:{q}"),
                QueryRef::Answer(a) => format!("m:{offset}:a:{a}"),
            },
            Action::PostPublicly { mention } => match mention {
                Some(u) => format!("pub:{u}"),
                None => "pub:-".into(),
            },
            Action::PostReply { message, author } => format!("rp:{message}:{author}"),
            Action::Dismiss { owner } => format!("dis:{owner}"),
            Action::FullRebuttal { answer_id } => format!("full:{answer_id}"),
            Action::Feedback { answer_id, vote } => format!("fb:{answer_id}:{}", vote.as_str()),
            Action::Timeline {
                offset,
                from,
                to,
                topic,
                newest,
            } => {
                if [from, to, topic].iter().any(|s| s.contains(':')) {
                    return None;
                }
                let kind = if *newest { "tln" } else { "tl" };
                format!("{kind}:{offset}:{from}:{to}:{topic}")
            }
            Action::Quiz {
                owner,
                choice,
                question,
            } => format!("qz:{owner}:{choice}:{question}"),
            Action::StudyMarkdown { topic } => format!("md:{topic}"),
        };
        (id.chars().count() <= CUSTOM_ID_MAX).then_some(id)
    }

    pub fn decode(id: &str) -> Option<Action> {
        let (kind, rest) = id.split_once(':')?;
        // Discord ids (users, messages) are never 0.
        let number = |s: &str| s.parse::<u64>().ok().filter(|n| *n > 0);
        match kind {
            "m" => {
                let mut parts = rest.splitn(3, ':');
                let offset = offset(parts.next()?)?;
                let how = parts.next()?;
                let value = parts.next()?.to_string();
                let query = match how {
                    "q" => QueryRef::Inline(value),
                    "a" => QueryRef::Answer(value),
                    _ => return None,
                };
                Some(Action::More { offset, query })
            }
            "pub" => Some(Action::PostPublicly {
                mention: if rest == "-" {
                    None
                } else {
                    Some(number(rest)?)
                },
            }),
            "rp" => {
                let (message, author) = rest.split_once(':')?;
                Some(Action::PostReply {
                    message: number(message)?,
                    author: number(author)?,
                })
            }
            "dis" => Some(Action::Dismiss {
                owner: number(rest)?,
            }),
            "full" => Some(Action::FullRebuttal {
                answer_id: rest.to_string(),
            })
            .filter(|_| crate::commands::feedback::is_answer_id(rest)),
            "fb" => {
                let (answer_id, vote) = rest.split_once(':')?;
                Some(Action::Feedback {
                    answer_id: answer_id.to_string(),
                    vote: Vote::parse(vote)?,
                })
            }
            "tl" | "tln" => {
                let mut parts = rest.splitn(4, ':');
                Some(Action::Timeline {
                    offset: offset(parts.next()?)?,
                    from: parts.next()?.to_string(),
                    to: parts.next()?.to_string(),
                    topic: parts.next()?.to_string(),
                    newest: kind == "tln",
                })
            }
            "qz" => {
                let mut parts = rest.splitn(3, ':');
                Some(Action::Quiz {
                    owner: number(parts.next()?)?,
                    choice: parts.next()?.parse().ok()?,
                    question: parts.next()?.to_string(),
                })
            }
            "md" => Some(Action::StudyMarkdown {
                topic: rest.to_string(),
            }),
            _ => None,
        }
    }
}

/// A page offset from a button id: at most `MAX_OFFSET` (a forged id cannot ask for an
/// absurd page).
fn offset(text: &str) -> Option<usize> {
    text.parse::<usize>()
        .ok()
        .filter(|o| *o <= crate::commands::table::MAX_OFFSET as usize)
}

/// The "More" action for a question: inline when it fits, else by answer id.
pub fn more(offset: usize, query: &str, answer_id: Option<&str>) -> Option<Action> {
    let inline = Action::More {
        offset,
        query: QueryRef::Inline(query.to_string()),
    };
    if inline.encode().is_some() {
        return Some(inline);
    }
    answer_id.map(|a| Action::More {
        offset,
        query: QueryRef::Answer(a.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trips() {
        let actions = [
            Action::More {
                offset: 3,
                query: QueryRef::Inline("is it legal: to shoot survivors?".into()),
            },
            Action::More {
                offset: 6,
                query: QueryRef::Answer("k3v9x2pq".into()),
            },
            Action::PostPublicly { mention: None },
            Action::PostPublicly {
                mention: Some(80351110224678912),
            },
            Action::PostReply {
                message: 1_300_000_000_000_000_000,
                author: 80351110224678912,
            },
            Action::Dismiss { owner: 1 },
            Action::Feedback {
                answer_id: "k3v9x2pq".into(),
                vote: Vote::WrongSource,
            },
            Action::Timeline {
                offset: 5,
                from: "2025-09".into(),
                to: "".into(),
                topic: "strikes".into(),
                newest: true,
            },
            Action::Quiz {
                owner: 42,
                choice: 2,
                question: "quiz-q-1".into(),
            },
            Action::StudyMarkdown {
                topic: "survivors".into(),
            },
        ];
        for a in actions {
            let id = a.encode().unwrap();
            assert!(id.len() <= 100);
            assert_eq!(Action::decode(&id), Some(a), "{id}");
        }
    }

    #[test]
    fn long_questions_go_by_answer_id() {
        let long = "why ".repeat(40);
        assert_eq!(
            more(3, &long, Some("abc")),
            Some(Action::More {
                offset: 3,
                query: QueryRef::Answer("abc".into())
            })
        );
        assert_eq!(more(3, &long, None), None);
    }

    #[test]
    fn junk_is_not_an_action() {
        for junk in [
            "",
            "x",
            "m:",
            "m:a:q:x",
            "fb:abc:maybe",
            "pub:bob",
            "rp:1",
            "qz:1:x:y",
            "pub:0",
            "dis:0",
            "m:18446744073709551615:q:survivors",
            "m:10001:q:survivors",
            "tl:99999999999:::",
        ] {
            assert_eq!(Action::decode(junk), None, "{junk}");
        }
    }

    proptest! {
        #[test]
        fn inline_more_round_trips_or_falls_back(q in "\\PC{0,150}", offset in 0usize..10_000) {
            match more(offset, &q, Some("k3v9x2pq")) {
                Some(a) => {
                    let id = a.encode().expect("more() only returns what fits");
                    prop_assert!(id.chars().count() <= 100);
                    prop_assert_eq!(Action::decode(&id), Some(a));
                }
                None => prop_assert!(false, "an answer id always fits"),
            }
        }

        #[test]
        fn decode_never_panics(s in "\\PC{0,120}") {
            let _ = Action::decode(&s);
        }
    }
}
