//! Cards: what a definition or a "who is" question gets before any passage — the glossary
//! entry as `define` shows it, or a profile built from `actors.toml` (who they are, each role
//! with its dates and the passage that states it) — and the passages they rest on.

use super::super::{ActorCard, Card, Fathom, RoleLine, Section, TermCard};
use super::compose::Entry;
use crate::corpus::{Actor, Term};

/// The most "also called" names a term card shows.
const ALSO: usize = 4;

impl Fathom {
    /// The glossary card of `term` and its grounding passages.
    pub(super) fn term_card(&self, term: &Term) -> (Card, Vec<Entry>) {
        let card = Card::Term(TermCard {
            id: term.id.clone(),
            name: term.term.clone(),
            definition: term.definition.clone(),
            also: readable_aliases(&term.term, &term.aliases),
        });
        (card, self.sources_of(&term.passages))
    }

    /// The profile of `actor` and the passages about them.
    pub(super) fn actor_card(&self, actor: &Actor) -> (Card, Vec<Entry>) {
        let roles = actor
            .roles
            .iter()
            .filter_map(|r| {
                let p = self.corpus.passage(&r.passage)?;
                Some(RoleLine {
                    title: r.title.clone(),
                    from: r.from.clone(),
                    to: r.to.clone(),
                    passage_id: p.id.clone(),
                    citation: self.corpus.citation(p),
                    url: self
                        .corpus
                        .source_of(p)
                        .map(|s| s.url.clone())
                        .unwrap_or_default(),
                })
            })
            .collect();
        let card = Card::Actor(ActorCard {
            id: actor.id.clone(),
            name: actor.name.clone(),
            summary: actor.summary.clone(),
            roles,
        });
        // The passages that state the roles on the card first (the newest role first), then
        // the ones about what they said and did.
        let mut ids: Vec<String> = Vec::new();
        let mut roles: Vec<&crate::corpus::Role> = actor.roles.iter().collect();
        roles.sort_by(|a, b| b.from.cmp(&a.from));
        for id in roles.iter().map(|r| &r.passage).chain(&actor.passages) {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        (card, self.sources_of(&ids))
    }

    fn sources_of(&self, ids: &[String]) -> Vec<Entry> {
        ids.iter()
            .filter_map(|id| self.corpus.passage_ordinal(id))
            .map(|ordinal| Entry::Passage {
                ordinal,
                score: None,
                section: Some(Section::Sources),
            })
            .collect()
    }
}

/// The names a reader would recognise: not pinpoint codes ("LOWM 5.9", "API 41") or short
/// abbreviations already in the name, at most `ALSO`.
/// Nor a piece or a plural of the name itself ("kinetic", "kinetic strikes" for "kinetic
/// strike"), nor a scrap of a quotation ("lethal, kinetic strikes").
fn readable_aliases(name: &str, aliases: &[String]) -> Vec<String> {
    let plain = |s: &str| crate::search::plain_words(s);
    let name = plain(name);
    let mut shown: Vec<String> = Vec::new();
    for a in aliases {
        let has_digit = a.chars().any(|c| c.is_ascii_digit());
        let shouting = a.len() <= 4 && a.chars().all(|c| c.is_ascii_lowercase());
        let p = plain(a);
        let of_the_name =
            name.contains(&p) || p == format!("{name}s") || p.trim_end_matches('s') == name;
        let seen = shown.iter().any(|s| plain(s) == p);
        if !has_digit && !shouting && !of_the_name && !a.contains(',') && !seen {
            shown.push(a.clone());
        }
    }
    shown.truncate(ALSO);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_scraps_are_not_shown_as_names() {
        let aliases: Vec<String> = [
            "out of combat",
            "hdc",
            "AP I 41",
            "API 41",
            "Rule 47",
            "defenceless",
            "out of the fight",
            "LOWM 5.9",
            "placed out of combat",
            "wholly disabled",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            readable_aliases("hors de combat", &aliases),
            [
                "out of combat",
                "defenceless",
                "out of the fight",
                "placed out of combat"
            ]
        );
        let kinetic: Vec<String> = [
            "kinetic",
            "lethal kinetic strike",
            "lethal, kinetic strikes",
            "kinetic strikes",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            readable_aliases("kinetic strike", &kinetic),
            ["lethal kinetic strike"]
        );
    }
}
