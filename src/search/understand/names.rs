//! Finding names in a question: glossary terms and actors (people and bodies), by their names
//! and aliases as the search analyzer sees them (so "Hegseth's" finds "Hegseth" and "the
//! defense secretary" finds "Defense Secretary"), longest name first.

use std::collections::HashMap;

/// Names (as analyzed tokens) of things with ids, indexed by their first token.
#[derive(Debug, Default)]
pub struct NameTable {
    names: Vec<(Vec<String>, usize)>,
    by_first: HashMap<String, Vec<usize>>,
    ids: Vec<String>,
}

impl NameTable {
    /// Adds `name` (already analyzed into tokens) for the thing `id`.
    pub fn add(&mut self, id: &str, tokens: Vec<String>) {
        if tokens.is_empty() {
            return;
        }
        let index = match self.ids.iter().position(|i| i == id) {
            Some(i) => i,
            None => {
                self.ids.push(id.to_string());
                self.ids.len() - 1
            }
        };
        if self.names.iter().any(|(t, i)| *i == index && *t == tokens) {
            return;
        }
        self.by_first
            .entry(tokens[0].clone())
            .or_default()
            .push(self.names.len());
        self.names.push((tokens, index));
    }

    /// The ids named in `words` (analyzed tokens, in order), each once, in the order they are
    /// named; where names overlap, the longest wins.
    pub fn find(&self, words: &[String]) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut at = 0;
        while at < words.len() {
            let longest = self
                .by_first
                .get(&words[at])
                .into_iter()
                .flatten()
                .map(|&n| &self.names[n])
                .filter(|(tokens, _)| words[at..].starts_with(tokens))
                .max_by_key(|(tokens, _)| tokens.len());
            match longest {
                Some((tokens, index)) => {
                    let id = &self.ids[*index];
                    if !found.contains(id) {
                        found.push(id.clone());
                    }
                    at += tokens.len();
                }
                None => at += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_longest_name_wins_and_each_id_once() {
        let mut n = NameTable::default();
        n.add("southcom", t("southcom"));
        n.add("donovan", t("southcom command"));
        n.add("hegseth", t("hegseth"));
        assert_eq!(n.find(&t("who is the southcom command now")), ["donovan"]);
        assert_eq!(n.find(&t("hegseth said hegseth")), ["hegseth"]);
        assert!(n.find(&t("nothing here")).is_empty());
    }
}
