//! `Request`: a command with its arguments, typed. Both transports hand in their options as a
//! transport-free `Options` list (the Discord layer from an interaction, the CLI from its
//! arguments), and `Request::parse` reads them by the table's option names, checking ranges
//! where a value enters (offsets, counts, days), so nothing downstream sees an absurd number.

use super::feedback::Vote;
use super::table::{self, Command, OptKind, Spec};

/// An option's value, as either transport gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Flag(bool),
    Int(i64),
    User(u64),
}

/// The options a command was called with, by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options(pub Vec<(String, Value)>);

impl Options {
    /// The options with `name` set to `value` (replacing any value it had).
    pub fn with(mut self, name: &str, value: Value) -> Options {
        self.0.retain(|(n, _)| n != name);
        self.0.push((name.to_string(), value));
        self
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// A text option, trimmed; None when absent or blank.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.get(name) {
            Some(Value::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(Value::Flag(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn user(&self, name: &str) -> Option<u64> {
        match self.get(name) {
            Some(Value::User(u)) => Some(*u),
            _ => None,
        }
    }

    fn int(&self, name: &str) -> Option<i64> {
        match self.get(name) {
            Some(Value::Int(i)) => Some(*i),
            Some(Value::Text(t)) => t.trim().parse().ok(),
            _ => None,
        }
    }
}

/// The language a reply is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }
}

/// Which language to answer in: fixed, or decided from the question (and the Discord locale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LangChoice {
    #[default]
    Auto,
    Fixed(Lang),
}

/// A command with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Ask {
        question: String,
        k: usize,
        offset: usize,
        lang: LangChoice,
    },
    /// The next page of a past answer, found again by its id.
    More {
        answer_id: String,
        offset: usize,
    },
    Answer {
        id: String,
    },
    Define {
        term: String,
        lang: LangChoice,
    },
    Timeline {
        from: Option<String>,
        to: Option<String>,
        topic: Option<String>,
        newest: bool,
        offset: usize,
        limit: usize,
    },
    Source {
        id: String,
    },
    Sources {
        query: Option<String>,
        offset: usize,
    },
    Topics,
    Help,
    Privacy,
    ForgetMe,
    Rebut {
        claim: String,
        lang: LangChoice,
    },
    Check {
        text: String,
    },
    Stats {
        days: u32,
    },
    FindSources {
        text: String,
    },
    CheckCitations {
        text: String,
    },
    Study {
        topic: String,
        limit: Option<usize>,
    },
    Quiz {
        topic: Option<String>,
    },
    QuizScores,
    QuizAnswer {
        id: String,
        choice: usize,
        display_name: String,
    },
    Feedback {
        answer_id: String,
        vote: Vote,
    },
}

/// Why options do not make a request: said to the person who typed them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl Request {
    pub fn command(&self) -> Command {
        match self {
            Request::Ask { .. } => Command::Ask,
            Request::More { .. } => Command::More,
            Request::Answer { .. } => Command::Answer,
            Request::Define { .. } => Command::Define,
            Request::Timeline { .. } => Command::Timeline,
            Request::Source { .. } => Command::Source,
            Request::Sources { .. } => Command::Sources,
            Request::Topics => Command::Topics,
            Request::Help => Command::Help,
            Request::Privacy => Command::Privacy,
            Request::ForgetMe => Command::ForgetMe,
            Request::Rebut { .. } => Command::Rebut,
            Request::Check { .. } => Command::Check,
            Request::Stats { .. } => Command::Stats,
            Request::FindSources { .. } => Command::FindSources,
            Request::CheckCitations { .. } => Command::CheckCitations,
            Request::Study { .. } => Command::Study,
            Request::Quiz { .. } => Command::Quiz,
            Request::QuizScores => Command::QuizScores,
            Request::QuizAnswer { .. } => Command::QuizAnswer,
            Request::Feedback { .. } => Command::Feedback,
        }
    }

    /// What the log keeps as the query: what was typed, or the arguments in short.
    pub fn log_query(&self) -> String {
        match self {
            Request::Ask { question, .. } => question.clone(),
            Request::More { answer_id, offset } => format!("{answer_id} @{offset}"),
            Request::Answer { id } | Request::Source { id } => id.clone(),
            Request::Define { term, .. } => term.clone(),
            Request::Timeline {
                from, to, topic, ..
            } => format!(
                "from={} to={} topic={}",
                from.as_deref().unwrap_or(""),
                to.as_deref().unwrap_or(""),
                topic.as_deref().unwrap_or("")
            ),
            Request::Sources { query, .. } => query.clone().unwrap_or_default(),
            Request::Rebut { claim, .. } => claim.clone(),
            Request::Check { text }
            | Request::FindSources { text }
            | Request::CheckCitations { text } => text.clone(),
            Request::Stats { days } => days.to_string(),
            Request::Study { topic, .. } => topic.clone(),
            Request::Quiz { topic } => topic.clone().unwrap_or_default(),
            Request::QuizAnswer { id, choice, .. } => format!("{id}: {choice}"),
            Request::Feedback { answer_id, vote } => format!("{answer_id}: {}", vote.as_str()),
            Request::Topics
            | Request::Help
            | Request::Privacy
            | Request::ForgetMe
            | Request::QuizScores => String::new(),
        }
    }

    /// The request a table row's options make. `text` is the message a message command was
    /// used on (it has no options).
    pub fn parse(
        spec: &Spec,
        options: &Options,
        text: Option<&str>,
    ) -> Result<Request, ParseError> {
        let o = Checked { spec, options };
        let required = |name: &str| o.text(name).unwrap_or_default();
        Ok(match spec.command {
            Command::Ask => Request::Ask {
                question: required(table::QUESTION),
                k: o.int(table::K)? as usize,
                offset: o.int(table::OFFSET)? as usize,
                lang: o.lang()?,
            },
            Command::Answer => Request::Answer {
                id: required(table::ID),
            },
            Command::Define => Request::Define {
                term: required(table::TERM),
                lang: o.lang()?,
            },
            Command::Timeline => Request::Timeline {
                from: o.text(table::FROM),
                to: o.text(table::TO),
                topic: o.text(table::TOPIC),
                newest: o.options.flag(table::NEWEST).unwrap_or(false),
                offset: o.int(table::OFFSET)? as usize,
                limit: o.int(table::LIMIT)? as usize,
            },
            Command::Source => Request::Source {
                id: required(table::ID),
            },
            Command::Sources => Request::Sources {
                query: o.text(table::QUERY),
                offset: o.int(table::OFFSET)? as usize,
            },
            Command::Topics => Request::Topics,
            Command::Help => Request::Help,
            Command::Privacy => Request::Privacy,
            Command::ForgetMe => Request::ForgetMe,
            Command::Rebut => Request::Rebut {
                claim: required(table::CLAIM),
                lang: o.lang()?,
            },
            Command::Check => Request::Check {
                text: required(table::TEXT),
            },
            Command::Stats => Request::Stats {
                days: o.int(table::DAYS)? as u32,
            },
            Command::FindSources => Request::FindSources {
                text: text.unwrap_or_default().to_string(),
            },
            Command::CheckCitations => Request::CheckCitations {
                text: text.unwrap_or_default().to_string(),
            },
            Command::Study => Request::Study {
                topic: required(table::TOPIC),
                limit: match o.options.flag(table::ALL) {
                    Some(true) => None,
                    _ => Some(o.int(table::LIMIT)? as usize),
                },
            },
            Command::Quiz => Request::Quiz {
                topic: o.text(table::TOPIC),
            },
            Command::QuizScores => Request::QuizScores,
            Command::QuizAnswer => Request::QuizAnswer {
                id: required(table::ID),
                choice: o.choice()?,
                display_name: String::new(),
            },
            Command::More | Command::Feedback | Command::Complete | Command::Reload => {
                return Err(ParseError(format!(
                    "`{}` is not called with options",
                    spec.command.as_str()
                )));
            }
        })
    }
}

/// A row's options, read against the row: an integer outside its declared range is an error
/// that says the range; an absent one is its default.
struct Checked<'a> {
    spec: &'a Spec,
    options: &'a Options,
}

impl Checked<'_> {
    fn text(&self, name: &str) -> Option<String> {
        self.options.text(name)
    }

    fn int(&self, name: &str) -> Result<i64, ParseError> {
        let Some(opt) = self.spec.options.iter().find(|o| o.name == name) else {
            return Ok(0);
        };
        let OptKind::Int { min, max, default } = opt.kind else {
            return Ok(0);
        };
        match self.options.int(name) {
            None if self.options.get(name).is_some() => Err(ParseError(format!(
                "`{name}` must be a whole number from {min} to {max}."
            ))),
            None => Ok(default),
            Some(v) if (min..=max).contains(&v) => Ok(v),
            Some(v) => Err(ParseError(format!(
                "`{name}` must be from {min} to {max}, not {v}."
            ))),
        }
    }

    fn lang(&self) -> Result<LangChoice, ParseError> {
        match self
            .text(table::LANG)
            .as_deref()
            .map(str::to_ascii_lowercase)
        {
            None => Ok(LangChoice::Auto),
            Some(l) if l == "auto" => Ok(LangChoice::Auto),
            Some(l) if l == "en" => Ok(LangChoice::Fixed(Lang::En)),
            Some(l) if l == "es" => Ok(LangChoice::Fixed(Lang::Es)),
            Some(other) => Err(ParseError(format!(
                "`lang` must be auto, en or es, not `{other}`."
            ))),
        }
    }

    /// A quiz answer: a letter (A, B, …) as index 0, 1, …
    fn choice(&self) -> Result<usize, ParseError> {
        let text = self.text(table::CHOICE).unwrap_or_default();
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => {
                Ok((c.to_ascii_uppercase() as u8 - b'A') as usize)
            }
            _ => Err(ParseError(
                "Give your answer as a letter: A, B, C, …".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::table::find;

    fn parse(name: &str, options: Options) -> Result<Request, ParseError> {
        Request::parse(find(None, name).unwrap(), &options, None)
    }

    #[test]
    fn options_become_a_typed_request_with_defaults() {
        let r = parse(
            "ask",
            Options::default().with("question", Value::Text("  is it legal ".into())),
        )
        .unwrap();
        assert_eq!(
            r,
            Request::Ask {
                question: "is it legal".into(),
                k: 3,
                offset: 0,
                lang: LangChoice::Auto
            }
        );
        assert_eq!(
            parse("stats", Options::default()).unwrap(),
            Request::Stats { days: 7 }
        );
    }

    #[test]
    fn numbers_out_of_range_are_refused_where_they_enter() {
        for (name, opt, v) in [
            ("ask", "offset", 5_000_000_000_000_i64),
            ("ask", "offset", -1),
            ("ask", "k", 0),
            ("ask", "k", 26),
            ("stats", "days", 0),
            ("timeline", "limit", 1_000_000),
        ] {
            let err = parse(name, Options::default().with(opt, Value::Int(v))).unwrap_err();
            assert!(err.0.contains(opt), "{err}");
        }
        let err = parse(
            "ask",
            Options::default().with("offset", Value::Text("99999999999999999999999".into())),
        )
        .unwrap_err();
        assert!(err.0.contains("whole number"), "{err}");
    }

    #[test]
    fn quiz_answers_are_letters() {
        let spec = find(Some("quiz"), "answer").unwrap();
        let ok = Request::parse(
            spec,
            &Options::default()
                .with("id", Value::Text("q1".into()))
                .with("choice", Value::Text("c".into())),
            None,
        )
        .unwrap();
        assert!(matches!(ok, Request::QuizAnswer { choice: 2, .. }));
        assert!(
            Request::parse(
                spec,
                &Options::default().with("choice", Value::Text("7".into())),
                None
            )
            .is_err()
        );
    }
}
