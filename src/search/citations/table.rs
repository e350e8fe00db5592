//! The table of every pinpoint the corpus's primary-law passages answer to, and the names of
//! their instruments: built once per corpus (it is a field of `Fathom`, built on first use),
//! then asked for the references in a text and the verdict on each.

use super::*;
use crate::corpus::{Corpus, SourceKind, Status};
use crate::search::legal_refs::{canonical_tokens, is_instrument};
use crate::search::plain_words as norm;
use std::collections::HashMap;

/// An instrument: the sources that share a short name (`AP I` has one file per article).
#[derive(Debug)]
struct Group {
    label: String,
}

/// A pinpoint a passage answers to. Strong: from its locator; weak: from its aliases or its
/// source's title and aliases.
#[derive(Debug)]
struct Entry {
    ordinal: usize,
    group: usize,
    pin: Pin,
    strong: bool,
    /// From an alias that is nothing but this pinpoint (`Article 51` on the UN Charter): the
    /// editors' word that a bare reference means this instrument when several have one. 2 on
    /// the source (the instrument is called that), 1 on a passage, 0 otherwise.
    bare: u8,
}

/// Every pinpoint the corpus's primary-law passages answer to, and the names of their
/// instruments. Built once per corpus version.
#[derive(Debug)]
pub struct RefTable {
    groups: Vec<Group>,
    entries: Vec<Entry>,
    /// Normalised instrument name → groups.
    names: HashMap<String, BTreeSet<usize>>,
    /// Canonical legal-reference token (`api`, `uncharter`) → groups.
    canonical: HashMap<String, BTreeSet<usize>>,
}

/// Whether a source is primary law (or a UN text): only these hold citable pinpoints.
fn is_law(kind: SourceKind) -> bool {
    kind.is_primary_law() || kind == SourceKind::Un
}

impl RefTable {
    /// The instruments of the corpus (its primary-law and UN sources, grouped by short name)
    /// and every name they go by; and the group of each source.
    fn instruments(corpus: &Corpus) -> (RefTable, HashMap<&str, usize>) {
        let mut table = RefTable {
            groups: Vec::new(),
            entries: Vec::new(),
            names: HashMap::new(),
            canonical: HashMap::new(),
        };
        let mut group_of_name: HashMap<String, usize> = HashMap::new();
        let mut source_group: HashMap<&str, usize> = HashMap::new();
        for source in corpus.sources.iter().filter(|s| is_law(s.kind)) {
            let label = instrument_name(source.short_name());
            let group = *group_of_name.entry(norm(&label)).or_insert_with(|| {
                table.groups.push(Group {
                    label: label.clone(),
                });
                table.groups.len() - 1
            });
            source_group.insert(source.id.as_str(), group);
            let all_names = std::iter::once(source.short_name())
                .chain(std::iter::once(label.as_str()))
                .chain(source.aliases.iter().map(String::as_str));
            for name in all_names {
                if let Some(n) = usable_name(name) {
                    table.names.entry(n).or_default().insert(group);
                }
                let canon = canonical_tokens(name);
                if is_instrument(&canon) {
                    table.canonical.entry(canon).or_default().insert(group);
                }
            }
        }
        (table, source_group)
    }

    pub fn build(corpus: &Corpus) -> RefTable {
        let (mut table, source_group) = RefTable::instruments(corpus);
        for (ordinal, passage) in corpus.passages.iter().enumerate() {
            let Some(&group) = source_group.get(passage.source_id.as_str()) else {
                continue;
            };
            // The provisions themselves, not commentary on them (an ICRC practice page that
            // discusses Common Article 3 is not Common Article 3).
            let is_un = corpus
                .source_of(passage)
                .is_some_and(|s| s.kind == SourceKind::Un);
            if passage.status != Status::Law && !is_un {
                continue;
            }
            let mut add = |pin: Pin, strong: bool, bare: u8| {
                table.entries.push(Entry {
                    ordinal,
                    group,
                    pin,
                    strong,
                    bare,
                });
            };
            for (_, pin) in pinpoints(&passage.locator) {
                add(pin, true, 0);
            }
            let source = corpus.source_of(passage);
            let weak_texts = passage
                .aliases
                .iter()
                .map(|a| (a.as_str(), 1))
                .chain(source.map(|s| (s.title.as_str(), 2)))
                .chain(
                    source
                        .into_iter()
                        .flat_map(|s| s.aliases.iter().map(|a| (a.as_str(), 2))),
                );
            let mut weak: Vec<(Pin, u8)> = Vec::new();
            for (text, rank) in weak_texts {
                let pins = pinpoints(text);
                let bare = pins.len() == 1 && text[pins[0].0.clone()].trim() == text.trim();
                weak.extend(
                    pins.into_iter()
                        .map(|(_, pin)| (pin, if bare { rank } else { 0 })),
                );
            }
            for (pin, bare) in weak {
                add(pin, false, bare);
            }
        }
        // Aliases such as `UNCLOS 98` name a pinpoint by number after the instrument.
        let mut numbered = Vec::new();
        for (ordinal, passage) in corpus.passages.iter().enumerate() {
            let Some(&group) = source_group.get(passage.source_id.as_str()) else {
                continue;
            };
            for alias in &passage.aliases {
                for r in table.refs_in(alias) {
                    if r.pin.kind == PinKind::Number {
                        numbered.push(Entry {
                            ordinal,
                            group,
                            pin: Pin {
                                kind: PinKind::Article,
                                ..r.pin
                            },
                            strong: false,
                            bare: 0,
                        });
                    }
                }
            }
        }
        table.entries.extend(numbered);
        table
    }

    /// The groups a run of words names: by a name of the corpus, or by a canonical spelling
    /// (`Protocol 1` → `api`) to which both the run's first and last words are needed, so that
    /// `charter AP I` or `and AP I` is not taken for a name.
    fn lookup(&self, words: &[&str]) -> Option<(String, BTreeSet<usize>)> {
        let joined = words.join(" ");
        if let Some(groups) = self.names.get(&joined) {
            return Some((joined, groups.clone()));
        }
        // An instrument the corpus does not quote but whose extent is known ("the Geneva
        // Conventions"): named, with no passages.
        if articles::is_known(&joined) && !self.canonical.contains_key(&canonical_tokens(&joined)) {
            return Some((joined, BTreeSet::new()));
        }
        let last_is_number = words
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
        if last_is_number || words.is_empty() {
            return None;
        }
        let canon = canonical_tokens(&joined);
        if !is_instrument(&canon) {
            return None;
        }
        let without_first = canonical_tokens(&words[1..].join(" "));
        let without_last = canonical_tokens(&words[..words.len() - 1].join(" "));
        if without_first == canon || without_last == canon {
            return None;
        }
        self.canonical
            .get(&canon)
            .map(|groups| (joined, groups.clone()))
    }

    /// The instrument named right before byte `at` (`AP I art. 41`, `the UN Charter's Art. 51`).
    fn instrument_before(&self, text: &str, at: usize) -> Option<(String, BTreeSet<usize>)> {
        // Names are a few words long: look at most this far back.
        let mut from = at.saturating_sub(WINDOW_BYTES);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..at];
        let cut = before
            .rfind(|c: char| ";:!?\n()[]\"“”".contains(c))
            .map(|i| i + 1)
            .unwrap_or(0);
        let cut = before[cut..]
            .rfind(". ")
            .map(|i| cut + i + 2)
            .unwrap_or(cut);
        let mut window = before[cut..].trim_end();
        for suffix in ["'s", "’s"] {
            if let Some(w) = window.strip_suffix(suffix) {
                window = w;
            }
        }
        // The name must touch the pinpoint: `GC II 12, Article 6` names no instrument for
        // Article 6.
        if !window
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            return None;
        }
        let normalised = norm(window);
        let words: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
        for k in (1..=MAX_NAME_WORDS.min(words.len())).rev() {
            if let Some(found) = self.lookup(&words[words.len() - k..]) {
                return Some(found);
            }
        }
        None
    }

    /// The instrument named right after byte `at` (`Article 51 of the UN Charter`,
    /// `Article 6 ICCPR`).
    fn instrument_after(&self, text: &str, at: usize) -> Option<(String, BTreeSet<usize>)> {
        let mut to = (at + WINDOW_BYTES).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let after = &text[at..to];
        let end = after
            .find(|c: char| ";:!?\n()[]\"“”,".contains(c))
            .unwrap_or(after.len());
        let end = after[..end].find(". ").unwrap_or(end);
        let normalised = norm(&after[..end]);
        let mut words: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
        if matches!(words.first(), Some(&("of" | "in" | "under"))) {
            words.remove(0);
            if words.first() == Some(&"the") {
                words.remove(0);
            }
        }
        for k in (1..=MAX_NAME_WORDS.min(words.len())).rev() {
            if let Some(found) = self.lookup(&words[..k]) {
                return Some(found);
            }
        }
        None
    }

    /// The legal references written in `text`, at most `MAX_REFS`, each once.
    pub fn refs_in(&self, text: &str) -> Vec<LegalRef> {
        let mut found: Vec<(std::ops::Range<usize>, LegalRef)> = Vec::new();
        for (range, pin) in pinpoints(text).into_iter().take(MAX_NUMBERS) {
            let instrument = self
                .instrument_before(text, range.start)
                .or_else(|| self.instrument_after(text, range.end));
            let written = text[range.clone()].trim().to_string();
            found.push((
                range,
                LegalRef {
                    text: written,
                    pin,
                    instrument,
                },
            ));
        }
        // `AP I 41`, `UNCLOS 98(1)`: a short number right after an instrument's name.
        // Bounded work on hostile text: at most this many bare numbers are looked at.
        for c in NUMBER.captures_iter(text).take(MAX_NUMBERS) {
            let Some(all) = c.get(0) else { continue };
            let range = all.range();
            if found
                .iter()
                .any(|(f, _)| range.start < f.end && range.end > f.start)
            {
                continue;
            }
            let before = &text[..range.start];
            let trimmed = before.trim_end();
            // A space between the name and the number, and no punctuation.
            if trimmed.len() == before.len()
                || !trimmed
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some((name, groups)) = self.instrument_before(text, trimmed.len()) else {
                continue;
            };
            let lowest = trimmed.len().saturating_sub(160);
            let Some(start) = (lowest..trimmed.len())
                .rev()
                .find(|&i| text.is_char_boundary(i) && norm(&text[i..trimmed.len()]) == name)
            else {
                continue;
            };
            found.push((
                start..range.end,
                LegalRef {
                    text: text[start..range.end].trim().to_string(),
                    pin: Pin {
                        kind: PinKind::Number,
                        number: c[1].to_lowercase(),
                        sub: subs(c.get(2).map_or("", |m| m.as_str())),
                    },
                    instrument: Some((name, groups)),
                },
            ));
        }
        found.sort_by_key(|(r, _)| r.start);
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| {
                let key = (r.pin.clone(), r.instrument.as_ref().map(|(_, g)| g.clone()));
                seen.insert(key)
            })
            .take(MAX_REFS)
            .collect()
    }

    /// What the corpus holds for one reference.
    pub fn verdict(&self, corpus: &Corpus, r: &LegalRef) -> Verdict {
        if let Some(extent) = self.extent(r)
            && articles::beyond(extent, r.pin.kind, &r.pin.number)
        {
            return Verdict::NoSuchProvision {
                instrument: extent.label.to_string(),
                says: extent.says_no(&r.pin.number),
            };
        }
        let in_instrument = |e: &&Entry| {
            r.instrument
                .as_ref()
                .is_none_or(|(_, groups)| groups.contains(&e.group))
        };
        let matching: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| r.pin.names(&e.pin))
            .filter(in_instrument)
            .collect();
        let strong: Vec<&Entry> = matching.iter().copied().filter(|e| e.strong).collect();
        let mut candidates = if strong.is_empty() { matching } else { strong };
        if candidates.is_empty() {
            return self.not_found(r);
        }
        let mut groups: BTreeSet<usize> = candidates.iter().map(|e| e.group).collect();
        if groups.len() > 1
            && r.instrument.is_none()
            && let Some(default) = self.default_group(r, &groups)
        {
            candidates.retain(|e| e.group == default);
            groups = BTreeSet::from([default]);
        }
        if groups.len() > 1 {
            let options = groups
                .into_iter()
                .filter_map(|g| {
                    let best = candidates.iter().find(|e| e.group == g)?;
                    let label = self.groups.get(g)?.label.clone();
                    let passage = corpus.passages.get(best.ordinal)?;
                    Some((label, passage.id.clone()))
                })
                .collect();
            return Verdict::Ambiguous { options };
        }
        found(corpus, r, &candidates)
    }

    /// How far the instrument a reference names goes: by the name written, its canonical
    /// token, or the label of the corpus's instrument it was matched to.
    fn extent(&self, r: &LegalRef) -> Option<&'static articles::Extent> {
        let (name, groups) = r.instrument.as_ref()?;
        articles::extent_of(name)
            .or_else(|| articles::extent_of(&canonical_tokens(name)))
            .or_else(|| {
                groups
                    .iter()
                    .filter_map(|g| self.groups.get(*g))
                    .find_map(|g| articles::extent_of(&norm(&g.label)))
            })
    }

    /// The one instrument among `groups` whose editors marked the bare pinpoint as its own
    /// (an alias that is just `Article 51`; an instrument's own alias counts over a passage's),
    /// if exactly one did.
    fn default_group(&self, r: &LegalRef, groups: &BTreeSet<usize>) -> Option<usize> {
        let marks: Vec<(u8, usize)> = self
            .entries
            .iter()
            .filter(|e| e.bare > 0 && groups.contains(&e.group))
            .filter(|e| r.pin.names(&e.pin) && e.pin.sub == r.pin.sub)
            .map(|e| (e.bare, e.group))
            .collect();
        let best = marks.iter().map(|(rank, _)| *rank).max()?;
        let marked: BTreeSet<usize> = marks
            .into_iter()
            .filter(|(rank, _)| *rank == best)
            .map(|(_, g)| g)
            .collect();
        (marked.len() == 1)
            .then(|| marked.into_iter().next())
            .flatten()
    }

    /// Not in the corpus: and, when the instrument is known, what the corpus holds of it.
    fn not_found(&self, r: &LegalRef) -> Verdict {
        let instrument = r.instrument.as_ref().map(|(name, groups)| {
            groups
                .iter()
                .filter_map(|g| self.groups.get(*g))
                .map(|g| g.label.clone())
                .next()
                .unwrap_or_else(|| name.clone())
        });
        let has = match &r.instrument {
            Some((_, groups)) => {
                let pins: BTreeSet<String> = self
                    .entries
                    .iter()
                    .filter(|e| e.strong && groups.contains(&e.group))
                    .map(|e| {
                        Pin {
                            sub: Vec::new(),
                            ..e.pin.clone()
                        }
                        .display()
                    })
                    .collect();
                let mut has: Vec<String> = pins.into_iter().collect();
                has.sort_by_key(|p| natural_key(p));
                has.truncate(12);
                has
            }
            None => Vec::new(),
        };
        Verdict::NotFound { instrument, has }
    }
}

/// Found in one instrument: its passages, the provision's opening first, then the
/// subdivisions in order (those the reference names, if the corpus quotes them).
fn found(corpus: &Corpus, r: &LegalRef, candidates: &[&Entry]) -> Verdict {
    let with_sub: Vec<&&Entry> = candidates
        .iter()
        .filter(|e| !r.pin.sub.is_empty() && e.pin.sub.starts_with(&r.pin.sub))
        .collect();
    let exact = r.pin.sub.is_empty() || !with_sub.is_empty();
    let mut ranked: Vec<(&Vec<String>, usize)> = if with_sub.is_empty() {
        candidates.iter().map(|e| (&e.pin.sub, e.ordinal)).collect()
    } else {
        with_sub.iter().map(|e| (&e.pin.sub, e.ordinal)).collect()
    };
    ranked.sort();
    let mut passages: Vec<String> = Vec::new();
    for (_, ordinal) in ranked {
        if let Some(p) = corpus.passages.get(ordinal)
            && !passages.contains(&p.id)
        {
            passages.push(p.id.clone());
        }
    }
    Verdict::Found { passages, exact }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        crate::corpus::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("index"))
            .expect("the shipped corpus loads")
    }

    fn verdicts(text: &str) -> Vec<(String, Verdict)> {
        let corpus = corpus();
        let table = RefTable::build(&corpus);
        table
            .refs_in(text)
            .into_iter()
            .map(|r| {
                let v = table.verdict(&corpus, &r);
                (r.text, v)
            })
            .collect()
    }

    fn found(v: &Verdict) -> Vec<String> {
        match v {
            Verdict::Found { passages, .. } => passages.clone(),
            other => panic!("expected found, got {other:?}"),
        }
    }

    #[test]
    fn references_found_ambiguous_and_missing_in_the_shipped_corpus() {
        let v = verdicts(
            "Under Article 51 and Art. 2(4) of the UN Charter, AP I art. 41(2), 50 U.S.C. 1541, \
             Common Article 3, Rule 47, 18 USC 2441, Article 8, Article 17, UNCLOS 98(2), UNCLOS Article 99, \
             GC II 12, Article 6 ICCPR, Art. I, §8, cl. 11 and Hague Regulations Art. 23(c).",
        );
        let by_text: HashMap<&str, &Verdict> = v.iter().map(|(t, v)| (t.as_str(), v)).collect();
        let first = |t: &str| found(by_text[t])[0].clone();
        assert_eq!(first("Article 51"), "un-charter-art-51");
        assert_eq!(first("Art. 2(4)"), "un-charter-art-2-4");
        assert_eq!(first("art. 41(2)"), "ap-i-art-41-2");
        assert_eq!(first("50 U.S.C. 1541"), "war-powers-resolution-1541-c");
        assert!(first("Common Article 3").starts_with("common-article-3"));
        assert_eq!(first("Rule 47"), "icrc-cihl-rule-47");
        assert_eq!(first("18 USC 2441"), "war-crimes-act-18-usc-2441-a");
        assert_eq!(first("UNCLOS 98(2)"), "unclos-art-98-2");
        assert_eq!(first("GC II 12"), "gc-ii-art-12");
        assert_eq!(first("Article 6"), "iccpr-art-6-1");
        assert_eq!(first("Art. I, §8, cl. 11"), "us-constitution-art-i-s8-cl11");
        assert_eq!(first("Art. 23(c)"), "hague-regulations-art-23-c");
        match by_text["Article 8"] {
            Verdict::Ambiguous { options } => assert!(options.len() >= 2, "{options:?}"),
            other => panic!("Article 8 should be ambiguous, got {other:?}"),
        }
        // Several instruments have an Article 17, but the editors gave the 1988 Convention's the
        // bare name: that is what a bare "Article 17" means here.
        assert!(first("Article 17").starts_with("drug-trafficking-convention-1988-art-17"));
        match by_text["Article 99"] {
            Verdict::NotFound { instrument, has } => {
                assert_eq!(instrument.as_deref(), Some("UNCLOS"));
                assert!(has.contains(&"Art. 98".to_string()), "{has:?}");
            }
            other => panic!("UNCLOS Article 99 is not in the corpus, got {other:?}"),
        }
    }

    #[test]
    fn a_name_not_touching_the_pinpoint_is_not_its_instrument() {
        let v = verdicts("GC II 12, Article 6 of the ICCPR; see also LOWM 5.9, section 2441");
        let texts: Vec<&str> = v.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["GC II 12", "Article 6", "LOWM 5.9", "section 2441"]);
        assert_eq!(found(&v[1].1)[0], "iccpr-art-6-1");
        assert!(found(&v[3].1)[0].starts_with("war-crimes-act-18-usc-2441"));
    }

    #[test]
    fn a_name_after_a_conjunction_belongs_to_the_next_reference() {
        let v = verdicts("Under Article 51 and AP I art. 41, and Protocol 1 Article 40");
        assert_eq!(found(&v[0].1)[0], "un-charter-art-51");
        assert_eq!(found(&v[1].1)[0], "ap-i-art-41");
        assert_eq!(found(&v[2].1)[0], "ap-i-art-40");
    }

    #[test]
    fn plain_text_has_no_references() {
        assert!(verdicts("is it legal to shoot survivors in 2025? 11 were killed").is_empty());
    }
}
