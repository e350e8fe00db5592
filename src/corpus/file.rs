//! One TOML file being read: its text (for line numbers), and what reading it found — problems,
//! the ids it declares, the references it makes. The field checks (required, optional, dates,
//! URLs, closed vocabularies) live here so every loader reports them the same way.

use super::raw::Field;
use super::registry::{Problem, Target};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub struct File {
    path: PathBuf,
    text: String,
    problems: Vec<Problem>,
    /// (byte offset, what refers, target, ids)
    refs: Vec<(usize, String, Target, Vec<String>)>,
    /// (target, id, byte offset)
    declared: Vec<(Target, String, usize)>,
    parsed: bool,
}

/// What a read file leaves behind, with offsets turned into lines.
pub struct Finished {
    pub path: PathBuf,
    pub problems: Vec<Problem>,
    pub refs: Vec<(usize, String, Target, Vec<String>)>,
    pub declared: Vec<(Target, String, usize)>,
    pub parsed: bool,
}

impl File {
    pub fn new(path: &Path, text: String) -> File {
        File {
            path: path.to_path_buf(),
            text,
            problems: Vec::new(),
            refs: Vec::new(),
            declared: Vec::new(),
            parsed: true,
        }
    }

    pub fn finish(self) -> Finished {
        let line = |at: usize| line_of(&self.text, at);
        Finished {
            refs: self
                .refs
                .iter()
                .map(|(at, what, t, ids)| (line(*at), what.clone(), *t, ids.clone()))
                .collect(),
            declared: self
                .declared
                .iter()
                .map(|(t, id, at)| (*t, id.clone(), line(*at)))
                .collect(),
            path: self.path,
            problems: self.problems,
            parsed: self.parsed,
        }
    }

    pub fn problem(&mut self, offset: usize, message: impl Into<String>) {
        let line = line_of(&self.text, offset);
        self.problems.push(Problem {
            file: self.path.clone(),
            line,
            message: message.into(),
        });
    }

    /// The whole file as `T`; a syntax or shape error is one problem at its line.
    pub fn parse<T: for<'de> Deserialize<'de>>(&mut self) -> Option<T> {
        match toml::from_str::<T>(&self.text) {
            Ok(value) => Some(value),
            Err(err) => {
                let offset = err.span().map(|s| s.start).unwrap_or(0);
                let message = format!("invalid TOML: {}", err.message().trim());
                self.problem(offset, message);
                self.parsed = false;
                None
            }
        }
    }

    /// Records that this file declares `id` (at `at`).
    pub fn declare(&mut self, target: Target, id: &str, at: usize) {
        self.declared.push((target, id.to_string(), at));
    }

    /// Records references to `ids`, made at `at` by `what`.
    pub fn refer(&mut self, at: usize, what: &str, target: Target, ids: &[String]) {
        if !ids.is_empty() {
            self.refs.push((at, what.to_string(), target, ids.to_vec()));
        }
    }

    /// A required string field: present and not blank.
    pub fn required(&mut self, what: &str, at: usize, field: Field<String>, name: &str) -> String {
        match field {
            Some(v) if !v.get_ref().trim().is_empty() => v.into_inner(),
            Some(v) => {
                self.problem(v.span().start, format!("{what}: `{name}` is empty"));
                String::new()
            }
            None => {
                self.problem(at, format!("{what}: missing required field `{name}`"));
                String::new()
            }
        }
    }

    /// An optional string field: absent is fine, present must not be blank.
    pub fn optional(&mut self, what: &str, field: Field<String>, name: &str) -> Option<String> {
        let v = field?;
        if v.get_ref().trim().is_empty() {
            self.problem(v.span().start, format!("{what}: `{name}` is empty"));
            return None;
        }
        Some(v.into_inner())
    }

    /// The id of an entry (required, kebab-case), declared as `target`.
    pub fn id(&mut self, target: Target, what: &str, at: usize, field: Field<String>) -> String {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let id = self.required(what, at, field, "id");
        if !id.is_empty() && !is_kebab(&id) {
            self.problem(
                offset,
                format!("{what}: id `{id}` must be lowercase kebab-case (a-z, 0-9, -)"),
            );
        }
        self.declare(target, &id, offset);
        id
    }

    /// The id of an entry that refers to an entry declared elsewhere (a translation).
    pub fn id_of(&mut self, target: Target, what: &str, at: usize, field: Field<String>) -> String {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let id = self.required(what, at, field, "id");
        self.refer(offset, what, target, std::slice::from_ref(&id));
        id
    }

    pub fn date(&mut self, what: &str, at: usize, field: Field<String>, name: &str) -> String {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let value = self.required(what, at, field, name);
        if !value.is_empty() && !is_iso_date(&value) {
            self.bad_date(offset, what, &value, name);
        }
        value
    }

    pub fn optional_date(
        &mut self,
        what: &str,
        field: Field<String>,
        name: &str,
    ) -> Option<String> {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(0);
        let value = self.optional(what, field, name)?;
        if !is_iso_date(&value) {
            self.bad_date(offset, what, &value, name);
        }
        Some(value)
    }

    fn bad_date(&mut self, offset: usize, what: &str, value: &str, name: &str) {
        self.problem(
            offset,
            format!("{what}: bad date `{value}` in `{name}` (use YYYY-MM-DD, YYYY-MM or YYYY)"),
        );
    }

    /// A URL field: http(s), no spaces. Returns it with its offset.
    pub fn url(
        &mut self,
        what: &str,
        field: Field<String>,
        name: &str,
        at: usize,
        required: bool,
    ) -> Option<(String, usize)> {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let value = if required {
            Some(self.required(what, at, field, name)).filter(|v| !v.is_empty())
        } else {
            self.optional(what, field, name)
        }?;
        if !is_http_url(&value) {
            self.problem(
                offset,
                format!("{what}: `{name}` must be an http(s) URL, got `{value}`"),
            );
        }
        Some((value, offset))
    }

    /// A value of a closed vocabulary (`parse` recognises it; `all` lists the allowed values).
    pub fn one_of<T>(
        &mut self,
        what: &str,
        at: usize,
        field: Field<String>,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        all: &[&str],
    ) -> Option<T> {
        let offset = field.as_ref().map(|f| f.span().start).unwrap_or(at);
        let value = self.required(what, at, field, name);
        if value.is_empty() {
            return None;
        }
        let parsed = parse(&value);
        if parsed.is_none() {
            self.problem(
                offset,
                format!(
                    "{what}: unknown {name} `{value}` (one of: {})",
                    all.join(", ")
                ),
            );
        }
        parsed
    }

    /// A list that must hold at least one entry; returns it with its offset.
    pub fn non_empty(
        &mut self,
        what: &str,
        at: usize,
        field: Field<Vec<String>>,
        name: &str,
    ) -> (Vec<String>, usize) {
        match field {
            Some(v) if !v.get_ref().is_empty() => {
                let offset = v.span().start;
                (v.into_inner(), offset)
            }
            Some(v) => {
                self.problem(
                    v.span().start,
                    format!("{what}: `{name}` needs at least one entry"),
                );
                (Vec::new(), v.span().start)
            }
            None => {
                self.problem(at, format!("{what}: missing required field `{name}`"));
                (Vec::new(), at)
            }
        }
    }

    /// An optional list; returns it with its offset (`at` when absent).
    pub fn list(&mut self, field: Field<Vec<String>>, at: usize) -> (Vec<String>, usize) {
        match field {
            Some(v) => {
                let offset = v.span().start;
                (v.into_inner(), offset)
            }
            None => (Vec::new(), at),
        }
    }
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    let end = at.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `YYYY-MM-DD` (a real calendar day), `YYYY-MM` or `YYYY`.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2025-09-02"));
        assert!(is_iso_date("2025-09"));
        assert!(is_iso_date("1837"));
        assert!(!is_iso_date("2025-02-30"));
        assert!(!is_iso_date("2025-13"));
        assert!(!is_iso_date("2 Sept 2025"));
        assert!(!is_iso_date("2025-9-2"));
    }

    #[test]
    fn urls() {
        assert!(is_http_url("https://www.justsecurity.org/120296/x/"));
        assert!(is_http_url("http://example.org"));
        assert!(!is_http_url("ftp://example.org"));
        assert!(!is_http_url("www.example.org"));
        assert!(!is_http_url("https://"));
    }

    #[test]
    fn kebab() {
        assert!(is_kebab("un-charter-art-51"));
        assert!(!is_kebab("UN-charter"));
        assert!(!is_kebab("un_charter"));
        assert!(!is_kebab("-x"));
    }
}
