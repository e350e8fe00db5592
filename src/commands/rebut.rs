//! `rebut`: a sourced answer to a claim, ready to paste, with numbered footnotes. The statement
//! is matched against the reviewed claims of `claims.toml` (`search::claims`); only a match
//! above `MIN_CLAIM_MATCH` is answered with that claim's review, its law, what its supporters
//! cite and what its critics cite — and the reply says how close the match is, and when the
//! statement is the claim's opposite. Below it, the reply says no reviewed claim matches and
//! gives the closest sources, or nothing when the corpus does not speak to it at all.

use super::{ClaimMatch, Command, Fathom, Item, Reply, Section};
use crate::corpus::{Claim, Passage, Status};
use crate::search::Highlighted;

/// The score (see `search::claims`) a statement needs to count as saying a reviewed claim. Set
/// from the labelled statements: below it, most matches were a shared word or two of a
/// different claim (BENCHMARKS.md, "Claim matching").
pub const MIN_CLAIM_MATCH: f32 = 0.4;

/// The least share of a statement the claim's wordings must account for: below it the
/// statement says something else that merely shares a topic ("Congress gave the pilots
/// medals" is not "Congress voted to authorise the strikes").
pub const MIN_EXPLAINED: f32 = 0.2;

/// The evidence a claim is credited with however little a search for the statement finds its
/// passages: search misses paraphrases, so it may lift a match but not veto one.
const EVIDENCE_FLOOR: f32 = 0.2;

/// How many passages a rebuttal cites of each part: the law, what the claim's supporters cite,
/// what its critics cite (passages a review names someone from are added to these).
const LAW: usize = 2;
const SUPPORTS: usize = 2;
const COUNTERS: usize = 3;

impl Fathom {
    pub fn rebut_reply(&self, text: &str) -> Reply {
        if text.trim().is_empty() {
            return Reply::problem(
                Command::Rebut,
                "Which claim? Paste the claim you want sources for.",
                self.version(),
            );
        }
        let matched = self
            .match_claim(text)
            .filter(|m| m.score >= MIN_CLAIM_MATCH)
            .and_then(|m| Some((self.corpus.claims.get(m.claim)?, m)));
        let mut reply = match matched {
            Some((claim, m)) => self.reviewed(claim, m.score, m.opposite, text),
            None => self.searched(text),
        };
        reply.footer.current_to = self.corpus.current_to.clone();
        reply
    }

    fn reviewed(&self, claim: &Claim, score: f32, opposite: bool, text: &str) -> Reply {
        let percent = (score * 100.0).round().min(100.0);
        let title = if opposite {
            format!(
                "Says the opposite of a reviewed claim (match {percent:.0}%): \"{}\"",
                claim.claim
            )
        } else {
            format!(
                "Closest reviewed claim (match {percent:.0}%): \"{}\"",
                claim.claim
            )
        };
        let mut reply = Reply::new(Command::Rebut, title, self.version());
        reply.query = Some(text.to_string());
        reply.claim_match = Some(ClaimMatch {
            claim_id: claim.id.clone(),
            score,
            opposite,
        });
        reply.intro = Some(claim.review.clone());
        reply
            .lines
            .push(format!("Claim made by: {}", claim.made_by));
        for (p, section) in self.cited(claim) {
            let mut item =
                Item::from_passage(&self.corpus, p, |t: &str| Highlighted::plain(t), None);
            item.section = Some(section);
            reply.items.push(item);
        }
        reply.paste = Some(paste(&reply, None));
        reply
    }

    /// The passages a rebuttal cites, each with its part: the law among the counters, what the
    /// claim's supporters cite, what its critics cite; then any passage needed so that every
    /// person or outlet the review names is footnoted.
    fn cited(&self, claim: &Claim) -> Vec<(&Passage, Section)> {
        let passages = |ids: &[String]| -> Vec<&Passage> {
            ids.iter()
                .filter_map(|id| self.corpus.passage(id))
                .collect()
        };
        let counters = passages(&claim.counters);
        let supports = passages(&claim.supports);
        let mut out: Vec<(&Passage, Section)> = Vec::new();
        fn add<'a>(p: &'a Passage, s: Section, out: &mut Vec<(&'a Passage, Section)>) {
            if !out.iter().any(|(q, _)| q.id == p.id) {
                out.push((p, s));
            }
        }
        let is_law = |p: &&&Passage| p.status == Status::Law;
        for p in counters.iter().filter(is_law).take(LAW) {
            add(p, Section::Law, &mut out);
        }
        for p in supports
            .iter()
            .filter(|p| p.status != Status::Law)
            .take(SUPPORTS)
        {
            add(p, Section::Supports, &mut out);
        }
        for p in counters
            .iter()
            .filter(|p| p.status != Status::Law)
            .take(COUNTERS)
        {
            add(p, Section::Counters, &mut out);
        }
        for name in self.names_in(&claim.review) {
            if out.iter().any(|(p, _)| self.mentions(p, &name)) {
                continue;
            }
            let in_counters = counters.iter().find(|p| self.mentions(p, &name));
            let found = in_counters.map(|p| (*p, Section::Counters)).or_else(|| {
                supports
                    .iter()
                    .find(|p| self.mentions(p, &name))
                    .map(|p| (*p, Section::Supports))
            });
            if let Some((p, s)) = found {
                add(p, s, &mut out);
            }
        }
        out
    }

    /// The reviewed claim `text` most likely says, scored on two grounds that fail in
    /// different ways: the wording (words shared with how the claim is put, weighed by rarity,
    /// paraphrases folded by `search::synonyms`) and the evidence (whether a search for `text`
    /// finds the passages the claim cites). The score is their geometric mean, the evidence
    /// floored at `EVIDENCE_FLOOR`; a claim that accounts for less than `MIN_EXPLAINED` of the
    /// statement is not a candidate.
    pub fn match_claim(&self, text: &str) -> Option<crate::search::claims::Matched> {
        let evidence = self.claim_evidence(text);
        self.search
            .claim_wordings(text)
            .into_iter()
            .filter(|m| m.explained >= MIN_EXPLAINED)
            .map(|mut m| {
                let e = evidence
                    .iter()
                    .find(|(c, _)| *c == m.claim)
                    .map_or(0.0, |(_, e)| *e);
                m.score = (m.score * e.max(EVIDENCE_FLOOR)).sqrt();
                m
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }

    /// How strongly the passages a search finds for `text` are the ones a reviewed claim cites
    /// (made in, supports, counters): per claim, the rank-weighted share of the top 10.
    pub fn claim_evidence(&self, text: &str) -> Vec<(usize, f32)> {
        let hits = match self.search.search(text, 10, 0) {
            Ok(o) => o.hits,
            Err(_) => return Vec::new(),
        };
        let total: f32 = (0..10).map(|r| 1.0 / (r as f32 + 1.0)).sum();
        let mut scores: Vec<(usize, f32)> = Vec::new();
        for (i, claim) in self.corpus.claims.iter().enumerate() {
            let cited = claim.cited_passages();
            let score: f32 = hits
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    self.corpus
                        .passages
                        .get(h.ordinal)
                        .is_some_and(|p| cited.contains(&p.id.as_str()))
                })
                .map(|(r, _)| 1.0 / (r as f32 + 1.0))
                .sum();
            if score > 0.0 {
                scores.push((i, score / total));
            }
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1));
        scores
    }

    /// The people and outlets a text names: actors (by surname) and the authors and
    /// publishers of sources.
    pub fn names_in(&self, text: &str) -> Vec<String> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .map(crate::corpus::fold)
            .collect();
        let mut names: Vec<String> = Vec::new();
        let consider = |name: &str, names: &mut Vec<String>| {
            let key = crate::corpus::fold(name);
            if key.len() >= 4 && words.contains(&key) && !names.contains(&key) {
                names.push(key);
            }
        };
        for a in self
            .corpus
            .actors
            .iter()
            .filter(|a| a.kind == crate::corpus::ActorKind::Person)
        {
            if let Some(surname) = a.name.split_whitespace().last() {
                consider(surname, &mut names);
            }
        }
        for s in &self.corpus.sources {
            for author in s.author.iter().flat_map(|a| a.split([',', '&'])) {
                if let Some(surname) = author.split_whitespace().last() {
                    consider(surname, &mut names);
                }
            }
        }
        names
    }

    /// Whether a passage is by, or about what was said by, `name` (folded).
    pub fn mentions(&self, p: &Passage, name: &str) -> bool {
        let source = self.corpus.source_of(p);
        let fields = [
            source.and_then(|s| s.author.as_deref()),
            source.and_then(|s| s.publisher.as_deref()),
            source.map(|s| s.title.as_str()),
            Some(p.note.as_str()),
        ];
        fields
            .into_iter()
            .flatten()
            .any(|f| crate::corpus::fold(f).contains(name))
    }

    /// The whole of a rebuttal given earlier (the Discord reply shows a short form): the
    /// statement is read again from the query log by the answer's id and rebutted anew.
    pub async fn full_rebuttal(&self, answer_id: &str) -> Reply {
        match self.question_of(answer_id).await {
            Ok(statement) => self.rebut_reply(&statement),
            Err(mut problem) => {
                problem.command = Command::Rebut;
                problem
            }
        }
    }

    fn searched(&self, text: &str) -> Reply {
        let mut reply = self.ask_reply(text, 3, 0);
        reply.command = Command::Rebut;
        reply.card = None;
        let shown: String = text.trim().chars().take(150).collect();
        reply.title = format!("No reviewed claim matches: \"{shown}\"");
        if reply.out_of_scope || reply.items.is_empty() {
            reply.intro = Some(
                "No reviewed claim matches this, and nothing in fathom's sources speaks to it."
                    .into(),
            );
            reply.items.clear();
            return reply;
        }
        reply.intro = Some(
            "No reviewed claim matches this statement. These are the closest sources; read \
             them before answering it."
                .into(),
        );
        if let Some(m) = self.match_claim(text)
            && let Some(claim) = self.corpus.claims.get(m.claim)
        {
            reply.lines.push(format!(
                "Closest reviewed claim (match {:.0}%, too far to answer with): \"{}\"",
                m.score * 100.0,
                claim.claim
            ));
        }
        reply.paste = Some(paste(&reply, None));
        reply
    }
}

/// The paste-ready text: the review (or the closest sources' first sentences), who made the
/// claim, then numbered footnotes, then the disclaimer. With `max` chars it is made to fit in
/// stages, each kept only as far as needed: footnotes lose their quotes (every source stays
/// cited, so everyone the review names keeps a footnote), then whole sentences of the review
/// go from the end (at least one stays), then whole footnotes from the end (at least two
/// stay). Sentences and footnotes are never cut, and the disclaimer is never dropped.
pub fn paste(reply: &Reply, max: Option<usize>) -> String {
    let mut head: Vec<String> = Vec::new();
    if let Some(review) = &reply.intro {
        head.extend(sentences(review));
    }
    let made_by = reply
        .lines
        .iter()
        .find(|l| l.starts_with("Claim made by"))
        .cloned();
    let full: Vec<String> = reply
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| footnote(i + 1, item, true))
        .collect();
    let compact: Vec<String> = reply
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| footnote(i + 1, item, false))
        .collect();
    let build = |head: &[String], notes: &[String]| {
        let mut out = head.join(" ");
        if !notes.is_empty() {
            let marks: String = (1..=notes.len()).map(|i| format!("[{i}]")).collect();
            out.push_str(&format!(" {marks}"));
        }
        if let Some(m) = &made_by {
            out.push_str(&format!("\n{m}"));
        }
        out.push_str("\n\n");
        for n in notes {
            out.push_str(n);
            out.push('\n');
        }
        out.push_str(super::NOT_LEGAL_ADVICE);
        out
    };
    let fits = |text: &str| max.is_none_or(|m| text.chars().count() <= m);
    let text = build(&head, &full);
    if fits(&text) {
        return text;
    }
    let mut notes = compact;
    let mut head_n = head.len();
    let mut text = build(&head[..head_n], &notes);
    while !fits(&text) && head_n > 1 {
        head_n -= 1;
        text = build(&head[..head_n], &notes);
    }
    while !fits(&text) && notes.len() > 2 {
        notes.pop();
        text = build(&head[..head_n], &notes);
    }
    text
}

/// `[1] GC II, Art. 12(1) (Law) — "quote…" <url>`, quotes cut at a word; without the quote
/// when `quoted` is false.
pub fn footnote(n: usize, item: &Item, quoted: bool) -> String {
    let mut out = format!("[{n}] {} ({})", item.citation, item.status.label());
    if let Some(q) = item.quote.as_ref().filter(|_| quoted) {
        out.push_str(&format!(" — \"{}\"", shorten(&q.text, 160)));
    }
    out.push_str(&format!(" <{}>", item.url));
    out
}

/// The sentences of a text, whole.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?')
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
            && !ends_with_abbreviation(&current);
        if ends {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Whether a sentence so far ends in an abbreviation ("Adm.", "U.S.", "Gen."), not a full stop.
fn ends_with_abbreviation(text: &str) -> bool {
    let last = text.trim_end_matches('.').rsplit(' ').next().unwrap_or("");
    [
        "Adm", "Gen", "Sen", "Rep", "Sec", "Col", "Lt", "Mr", "Ms", "Dr", "St", "Art", "para",
        "paras", "v", "vs", "No", "al", "U.S", "U.N", "e.g", "i.e", "Jan", "Feb", "Mar", "Apr",
        "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
    ]
    .contains(&last)
        || (last.len() == 1 && last.chars().all(|c| c.is_ascii_uppercase()))
}

/// At most `max` chars, cut at a space, with "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_whole_and_abbreviations_do_not_end_them() {
        assert_eq!(
            sentences("Adm. Bradley directed it. Critics disagree! Do they?"),
            ["Adm. Bradley directed it.", "Critics disagree!", "Do they?"]
        );
        assert_eq!(sentences("No full stop"), ["No full stop"]);
        assert_eq!(
            sentences("The U.S. says so. Art. 51 applies."),
            ["The U.S. says so.", "Art. 51 applies."]
        );
    }
}
