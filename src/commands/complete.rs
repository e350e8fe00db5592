//! Completions for what people type into a command's option (glossary terms, topics,
//! sources): ranked exact match first, then prefix, then a word starting with it, then a match
//! anywhere in the text; each labelled with what it is.

use super::{Caller, Command, Fathom, Logged, Reply};
use std::time::Instant;

/// What is being completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completing {
    Term,
    Topic,
    Source,
}

impl Completing {
    pub fn as_str(self) -> &'static str {
        match self {
            Completing::Term => "term",
            Completing::Topic => "topic",
            Completing::Source => "source",
        }
    }
}

/// One suggestion: `label` is shown, `value` is what the command receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub value: String,
}

/// How well `typed` matches `names` (lower is better), or None. `content` is searched last.
fn rank(typed: &str, names: &[String], content: &str) -> Option<u8> {
    if typed.is_empty() {
        return Some(3);
    }
    if names.iter().any(|n| n == typed) {
        return Some(0);
    }
    if names.iter().any(|n| n.starts_with(typed)) {
        return Some(1);
    }
    if names
        .iter()
        .any(|n| n.split(' ').any(|w| w.starts_with(typed)))
    {
        return Some(2);
    }
    if names.iter().any(|n| n.contains(typed)) || content.contains(typed) {
        return Some(3);
    }
    None
}

fn lower(text: &str) -> String {
    text.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Fathom {
    /// Up to `max` suggestions for `typed`, logged like any other call.
    pub async fn complete(
        &self,
        caller: &Caller,
        what: Completing,
        typed: &str,
        max: usize,
    ) -> Vec<Choice> {
        let started = Instant::now();
        let choices = self.completions(what, typed, max);
        let mut reply = Reply::new(Command::Complete, what.as_str(), self.version());
        reply.lines = choices.iter().map(|c| c.value.clone()).collect();
        let query = format!("{}: {}", what.as_str(), typed);
        self.finish(
            caller,
            Logged::Command(Command::Complete),
            &query,
            reply,
            started,
        )
        .await;
        choices
    }

    pub fn completions(&self, what: Completing, typed: &str, max: usize) -> Vec<Choice> {
        let typed = lower(typed.trim());
        let typed: String = typed.chars().take(100).collect();
        let mut ranked = match what {
            Completing::Term => self.term_choices(&typed),
            Completing::Topic => self.topic_choices(&typed),
            Completing::Source => self.source_choices(&typed),
        };
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        ranked.into_iter().take(max).map(|(_, _, c)| c).collect()
    }

    /// Glossary terms by name, alias (English or Spanish) or definition.
    fn term_choices(&self, typed: &str) -> Vec<(u8, usize, Choice)> {
        self.corpus
            .terms
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let spanish = self.corpus.spanish.terms.get(&t.id);
                let names: Vec<String> = std::iter::once(&t.term)
                    .chain(t.aliases.iter())
                    .chain(spanish.into_iter().flat_map(|s| s.names.iter()))
                    .map(|n| lower(n))
                    .collect();
                let r = rank(typed, &names, &lower(&t.definition))?;
                let mut label = format!("{} (glossary)", t.term);
                let also = t
                    .aliases
                    .iter()
                    .chain(spanish.into_iter().flat_map(|s| s.names.iter()))
                    .find(|a| lower(a).starts_with(typed));
                if r > 0
                    && !typed.is_empty()
                    && let Some(alias) = also
                {
                    label = format!("{} (glossary; also \"{alias}\")", t.term);
                }
                let value = t.term.clone();
                Some((r, i, Choice { label, value }))
            })
            .collect()
    }

    /// Topics by label, id, aliases (English or Spanish) or description.
    fn topic_choices(&self, typed: &str) -> Vec<(u8, usize, Choice)> {
        self.corpus
            .topics
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let spanish = self.corpus.spanish.topics.get(&t.id);
                let names: Vec<String> = [t.label.clone(), t.id.replace('-', " "), t.id.clone()]
                    .into_iter()
                    .chain(t.aliases.iter().cloned())
                    .chain(spanish.into_iter().flat_map(|s| {
                        std::iter::once(s.label.clone()).chain(s.aliases.iter().cloned())
                    }))
                    .map(|n| lower(&n))
                    .collect();
                let r = rank(typed, &names, &lower(&t.description))?;
                let n = self
                    .corpus
                    .passages
                    .iter()
                    .filter(|p| p.topics.contains(&t.id))
                    .count();
                let label = format!("{} (topic, {n} passages)", t.label);
                Some((
                    r,
                    i,
                    Choice {
                        label,
                        value: t.id.clone(),
                    },
                ))
            })
            .collect()
    }

    /// Sources by id, title, short name or aliases; then publisher and author.
    fn source_choices(&self, typed: &str) -> Vec<(u8, usize, Choice)> {
        self.corpus
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let names: Vec<String> = [&s.id, &s.title]
                    .into_iter()
                    .chain(s.short.iter())
                    .chain(s.aliases.iter())
                    .map(|n| lower(n))
                    .collect();
                let content = lower(&format!(
                    "{} {}",
                    s.publisher.as_deref().unwrap_or(""),
                    s.author.as_deref().unwrap_or("")
                ));
                let r = rank(typed, &names, &content)?;
                let label = format!("{} ({}, {})", s.short_name(), s.kind.label(), s.date);
                Some((
                    r,
                    i,
                    Choice {
                        label,
                        value: s.id.clone(),
                    },
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_order() {
        let names = vec!["hors de combat".to_string(), "hdc".to_string()];
        assert_eq!(rank("hdc", &names, ""), Some(0));
        assert_eq!(rank("hors", &names, ""), Some(1));
        assert_eq!(rank("comb", &names, ""), Some(2));
        assert_eq!(rank("mbat", &names, ""), Some(3));
        assert_eq!(rank("shipwreck", &names, "the shipwrecked"), Some(3));
        assert_eq!(rank("zzz", &names, ""), None);
    }
}
