//! Marking the words of a text that matched a query. The ranges come from the same Tantivy
//! analyzer that indexed the text (so "survivors" marks "Survivor" and a typo-corrected word
//! marks its correction); renderers decide how a mark looks (bold in Discord, ANSI in a terminal).

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;
use tantivy::tokenizer::TextAnalyzer;

/// A text with byte ranges to emphasise. Ranges are sorted, disjoint and on char boundaries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Highlighted {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Highlighted {
    pub fn plain(text: impl Into<String>) -> Highlighted {
        Highlighted {
            text: text.into(),
            marks: Vec::new(),
        }
    }

    /// The text with each mark wrapped in `open`/`close`.
    pub fn render(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 4);
        let mut at = 0;
        for mark in &self.marks {
            // Marks may come back from the database: skip any that do not fit the text.
            let fits = at <= mark.start
                && mark.start < mark.end
                && mark.end <= self.text.len()
                && self.text.is_char_boundary(mark.start)
                && self.text.is_char_boundary(mark.end);
            if !fits {
                continue;
            }
            out.push_str(&self.text[at..mark.start]);
            out.push_str(open);
            out.push_str(&self.text[mark.clone()]);
            out.push_str(close);
            at = mark.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The words that are marked.
    pub fn marked_words(&self) -> Vec<&str> {
        self.marks
            .iter()
            .filter_map(|m| self.text.get(m.clone()))
            .collect()
    }
}

/// Marks every token of `text` whose analyzed form is one of `terms`. Adjacent marks separated
/// only by spaces are merged ("**hors de combat**" rather than three marks).
pub fn highlight(analyzer: &mut TextAnalyzer, text: &str, terms: &HashSet<String>) -> Highlighted {
    let mut marks: Vec<Range<usize>> = Vec::new();
    if !terms.is_empty() {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if !terms.contains(&token.text) {
                continue;
            }
            let range = token.offset_from..token.offset_to;
            if range.start >= range.end
                || range.end > text.len()
                || !text.is_char_boundary(range.start)
                || !text.is_char_boundary(range.end)
            {
                continue;
            }
            match marks.last_mut() {
                Some(last)
                    if text[last.end..range.start].chars().all(|c| c == ' ')
                        && last.end <= range.start =>
                {
                    last.end = range.end;
                }
                Some(last) if range.start < last.end => {}
                _ => marks.push(range),
            }
        }
    }
    Highlighted {
        text: text.to_string(),
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::schema::{analyzer, terms};

    fn query_terms(q: &str) -> HashSet<String> {
        terms(&mut analyzer(), q)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn marks_stemmed_matches() {
        let mut a = analyzer();
        let h = highlight(
            &mut a,
            "Survivors clung to the wreckage.",
            &query_terms("survivor"),
        );
        assert_eq!(h.marked_words(), vec!["Survivors"]);
        assert_eq!(h.render("**", "**"), "**Survivors** clung to the wreckage.");
    }

    #[test]
    fn merges_adjacent_words() {
        let mut a = analyzer();
        let h = highlight(
            &mut a,
            "persons hors de combat are protected",
            &query_terms("hors de combat"),
        );
        assert_eq!(h.render("[", "]"), "persons [hors de combat] are protected");
    }

    #[test]
    fn handles_non_ascii() {
        let mut a = analyzer();
        let h = highlight(
            &mut a,
            "Prosecutor v. Tadić — appeal",
            &query_terms("tadic"),
        );
        assert_eq!(h.marked_words(), vec!["Tadić"]);
    }
}
