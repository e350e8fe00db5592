//! `check`: the legal references in a text (from `search::citations`), each with what the
//! corpus says of it — found (with the passage), ambiguous (between which instruments), or not
//! in the corpus.

use super::{Command, Fathom, Item, Reply, Suggestion};
use crate::search::Highlighted;
use crate::search::citations::{Checked, RefTable, Verdict};

/// The most passages one check shows in full.
const MAX_ITEMS: usize = 10;

impl Fathom {
    /// Every legal reference in `text` with its verdict.
    pub fn check_refs(&self, text: &str) -> Vec<Checked> {
        let table = self.citations.get_or_init(|| RefTable::build(&self.corpus));
        table
            .refs_in(text)
            .into_iter()
            .map(|reference| Checked {
                verdict: table.verdict(&self.corpus, &reference),
                reference,
            })
            .collect()
    }

    pub fn check_reply(&self, text: &str) -> Reply {
        const EXAMPLES: &str =
            "`Article 51`, `AP I art. 41`, `50 U.S.C. 1541`, `Common Article 3`, `Rule 47`";
        if text.trim().is_empty() {
            return Reply::problem(
                Command::Check,
                format!(
                    "Paste the text whose citations you want checked, for example one citing {EXAMPLES}."
                ),
                self.version(),
            );
        }
        let checked = self.check_refs(text);
        let mut reply = Reply::new(Command::Check, "Citations checked", self.version());
        reply.query = Some(text.to_string());
        if checked.is_empty() {
            reply.intro = Some(format!(
                "I found no legal reference (such as {EXAMPLES}) in that text."
            ));
            reply.suggestions = vec![
                Suggestion::Command(Command::Rebut),
                Suggestion::Command(Command::Ask),
            ];
            return reply;
        }
        let (mut found, mut ambiguous, mut missing, mut invented) = (0, 0, 0, 0);
        for c in &checked {
            match &c.verdict {
                Verdict::Found { .. } => found += 1,
                Verdict::Ambiguous { .. } => ambiguous += 1,
                Verdict::NotFound { .. } => missing += 1,
                Verdict::NoSuchProvision { .. } => invented += 1,
            }
            let line = self.verdict_line(c, &mut reply);
            reply.lines.push(line);
        }
        let mut intro = format!(
            "{} legal reference{} found: {found} in the corpus, {ambiguous} ambiguous, {missing} not in the corpus",
            checked.len(),
            if checked.len() == 1 { "" } else { "s" }
        );
        if invented > 0 {
            intro.push_str(&format!(
                ", {invented} that do{} not exist",
                if invented == 1 { "es" } else { "" }
            ));
        }
        intro.push('.');
        reply.intro = Some(intro);
        reply
    }

    /// One line for a checked reference; the passage it found joins the reply's items.
    fn verdict_line(&self, c: &Checked, reply: &mut Reply) -> String {
        let written = c.reference.text.replace('`', "'");
        match &c.verdict {
            Verdict::Found { passages, exact } => {
                let first = passages.first().and_then(|id| self.corpus.passage(id));
                let citation = first.map(|p| self.corpus.citation(p)).unwrap_or_default();
                let mut line = format!("✅ `{written}`: in the corpus, {citation}");
                if !exact {
                    line.push_str(" (that subdivision is not quoted; this is the same provision)");
                }
                if passages.len() > 1 {
                    line.push_str(&format!(
                        " (+{} more passage{})",
                        passages.len() - 1,
                        if passages.len() == 2 { "" } else { "s" }
                    ));
                }
                if let Some(p) = first
                    && reply.items.len() < MAX_ITEMS
                    && !reply
                        .items
                        .iter()
                        .any(|i| i.passage_id.as_ref() == Some(&p.id))
                {
                    reply.items.push(Item::from_passage(
                        &self.corpus,
                        p,
                        |t: &str| Highlighted::plain(t),
                        None,
                    ));
                }
                line
            }
            Verdict::Ambiguous { options } => {
                let which: Vec<String> = options
                    .iter()
                    .map(|(_, id)| {
                        self.corpus
                            .passage(id)
                            .map(|p| self.corpus.citation(p))
                            .unwrap_or_else(|| id.clone())
                    })
                    .collect();
                format!(
                    "❓ `{written}`: ambiguous, say which instrument: {}",
                    which.join(" · ")
                )
            }
            Verdict::NoSuchProvision { says, .. } => {
                format!("🚫 `{written}`: does not exist ({says})")
            }
            Verdict::NotFound { instrument, has } => match instrument {
                Some(name) if !has.is_empty() => format!(
                    "❌ `{written}`: not in the corpus (of {name} it has {})",
                    has.join(", ")
                ),
                _ => format!("❌ `{written}`: not in the corpus"),
            },
        }
    }
}
