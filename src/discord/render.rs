//! `Reply` → an embed, within Discord's limits. The embed is first built as plain data
//! (`EmbedSpec`, testable without Discord) and then turned into serenity's builder.
//!
//! Passages become fields: the pinpoint citation as the field's (bold) name, then the
//! kind/status label and scope, the quote with matched words in bold, the note, the date and
//! the link in `<…>`. Long replies shrink field by field, then lose their last fields (the
//! footer says how many), and text is cut on word or char boundaries — a citation or a
//! footnote line is shown whole or not at all.

use super::limits::{self, cut, len};
use crate::commands::{Card, Command, Item, Reply, Suggestion};
use serenity::all::{CreateEmbed, CreateEmbedFooter};

/// The embed of a reply, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedSpec {
    pub title: String,
    pub description: String,
    pub fields: Vec<FieldSpec>,
    pub footer: String,
    pub colour: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: String,
    pub value: String,
}

const BLUE: u32 = 0x2B6CB0;
const GREY: u32 = 0x99AAB5;
const GREEN: u32 = 0x2F855A;
const RED: u32 = 0xC53030;
/// Items beyond this many are listed one line each rather than as fields.
const MAX_ITEM_FIELDS: usize = 10;
/// A field value is not shrunk below this while fields can still be dropped instead.
const MIN_FIELD_BUDGET: usize = 300;
/// Zero-width space: Discord rejects empty field names and values.
const BLANK: &str = "\u{200B}";

impl EmbedSpec {
    /// The chars Discord counts against the 6,000 limit.
    pub fn total_chars(&self) -> usize {
        len(&self.title)
            + len(&self.description)
            + len(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| len(&f.name) + len(&f.value))
                .sum::<usize>()
    }

    /// Every limit this embed breaks (empty when it fits).
    pub fn limit_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut check = |what: &str, n: usize, max: usize| {
            if n > max {
                problems.push(format!("{what}: {n} > {max}"));
            }
        };
        check("title", len(&self.title), limits::TITLE_MAX);
        check(
            "description",
            len(&self.description),
            limits::DESCRIPTION_MAX,
        );
        check("footer", len(&self.footer), limits::FOOTER_MAX);
        check("fields", self.fields.len(), limits::FIELDS_MAX);
        check("total", self.total_chars(), limits::EMBED_TOTAL_MAX);
        for f in &self.fields {
            check("field name", len(&f.name), limits::FIELD_NAME_MAX);
            check("field value", len(&f.value), limits::FIELD_VALUE_MAX);
            if f.name.trim().is_empty() || f.value.trim().is_empty() {
                check("empty field", 1, 0);
            }
        }
        problems
    }

    pub fn to_builder(&self) -> CreateEmbed {
        let mut embed = CreateEmbed::new()
            .title(self.title.clone())
            .colour(self.colour)
            .footer(CreateEmbedFooter::new(self.footer.clone()));
        if !self.description.is_empty() {
            embed = embed.description(self.description.clone());
        }
        for f in &self.fields {
            embed = embed.field(f.name.clone(), f.value.clone(), false);
        }
        embed
    }
}

/// How the items of a reply are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One field per item.
    Fields,
    /// One line per item in the description (reading lists, long source cards).
    Lines,
    /// The paste-ready text (with its footnotes) stands for the items.
    Paste,
}

/// A part of the description.
enum Block {
    /// Prose: may be cut at a word.
    Prose(String),
    /// Lines shown whole or not at all (footnotes, citations).
    Lines(Vec<String>),
    /// A code block of whole lines (statistics: user text shown literally).
    Code(Vec<String>),
}

/// The embed for a reply.
pub fn embed(reply: &Reply) -> EmbedSpec {
    let layout = if reply.paste.is_some() {
        Layout::Paste
    } else if reply.command == Command::Study || reply.items.len() > MAX_ITEM_FIELDS {
        Layout::Lines
    } else {
        Layout::Fields
    };
    let title = cut(
        &limits::disarm_links(if reply.title.trim().is_empty() {
            "fathom"
        } else {
            reply.title.trim()
        }),
        limits::TITLE_MAX,
    );
    let colour = colour(reply);
    let mut field_budget = limits::FIELD_VALUE_MAX;
    let mut max_fields = if layout == Layout::Fields {
        reply.items.len().min(limits::FIELDS_MAX)
    } else {
        0
    };
    let mut description_budget = limits::DESCRIPTION_MAX;
    loop {
        let mut fields = Vec::new();
        let mut shown = 0;
        let mut section = None;
        for (i, item) in reply.items.iter().take(max_fields).enumerate() {
            if let Some(mut field) = item_field(reply.offset + i + 1, item, field_budget) {
                // The first item of each part of a sectioned answer names the part.
                if item.section.is_some() && item.section != section {
                    section = item.section;
                    if let Some(s) = section {
                        field.name = cut(
                            &format!("{} · {}", s.heading(), field.name),
                            limits::FIELD_NAME_MAX,
                        );
                    }
                }
                fields.push(field);
                shown += 1;
            }
        }
        let (description, listed) = description(reply, layout, description_budget);
        let omitted = match layout {
            Layout::Fields => reply.items.len() - shown,
            Layout::Lines => reply.items.len() - listed,
            Layout::Paste => 0,
        };
        let footer_text = reply.footer.text();
        let footer = if omitted > 0 {
            format!("{omitted} more not shown · {footer_text}")
        } else {
            footer_text
        };
        let spec = EmbedSpec {
            title: title.clone(),
            description,
            fields,
            footer: cut(&footer, limits::FOOTER_MAX),
            colour,
        };
        if spec.total_chars() <= limits::EMBED_TOTAL_MAX {
            return spec;
        }
        if field_budget > MIN_FIELD_BUDGET && !spec.fields.is_empty() {
            field_budget = (field_budget * 3 / 4).max(MIN_FIELD_BUDGET);
        } else if max_fields > 0 {
            max_fields -= 1;
        } else if field_budget > 64 && !spec.fields.is_empty() {
            field_budget /= 2;
        } else {
            description_budget = description_budget * 3 / 4;
        }
    }
}

fn colour(reply: &Reply) -> u32 {
    if reply.is_error {
        GREY
    } else if reply.command == Command::QuizAnswer {
        if reply.title.starts_with("Correct") {
            GREEN
        } else {
            RED
        }
    } else {
        BLUE
    }
}

/// The field of one item, or None when its citation cannot be shown whole.
fn item_field(n: usize, item: &Item, budget: usize) -> Option<FieldSpec> {
    let citation = item.citation.trim();
    let numbered = format!("{n}. {citation}");
    let (name, mut lead) = match &item.heading {
        Some(heading) => (
            cut(&format!("{n}. {}", heading.trim()), limits::FIELD_NAME_MAX),
            Some(format!("**{}**", limits::escape(citation))),
        ),
        None if len(&numbered) <= limits::FIELD_NAME_MAX => (numbered, None),
        None => (
            format!("{n}."),
            Some(format!("**{}**", limits::escape(citation))),
        ),
    };
    if citation.is_empty() {
        lead = None;
    }
    let budget = budget.min(limits::FIELD_VALUE_MAX);
    let mut header = format!("*{}* · {}", item.label(), item.kind.label());
    if !item.date.trim().is_empty() {
        header.push_str(&format!(" · {}", limits::escape(item.date.trim())));
    }
    if let Some(as_of) = &item.as_of {
        header.push_str(&format!(
            " · figures as of {}",
            limits::escape(as_of.trim())
        ));
    }
    let link = link(&item.url);
    // Parts in order of priority: the citation (when not in the name), the link, the label;
    // then the quote and the note share what is left.
    let mut fixed: Vec<String> = Vec::new();
    if let Some(lead) = &lead {
        if len(lead) > budget {
            return None;
        }
        fixed.push(lead.clone());
    }
    let fixed_len = |parts: &[String]| parts.iter().map(|p| len(p) + 1).sum::<usize>();
    let header = cut(&header, budget.saturating_sub(fixed_len(&fixed)).min(200));
    if !header.is_empty() {
        fixed.push(header);
    }
    let link = link.filter(|l| fixed_len(&fixed) + len(l) < budget);
    let mut used = fixed_len(&fixed) + link.as_ref().map_or(0, |l| len(l) + 1);
    let mut room = budget.saturating_sub(used);
    // "> “" and "”" around the quote, and a newline after each part.
    let quote_cost = item
        .quote
        .as_ref()
        .map_or(0, |q| len(&limits::highlighted(q, usize::MAX)) + 5);
    let note_cost = len(&limits::highlighted(&item.note, usize::MAX)) + 1;
    let mut quote = None;
    if let Some(q) = &item.quote
        && room > 16
    {
        let share = if quote_cost + note_cost <= room {
            quote_cost
        } else {
            quote_cost.min((room * 3 / 5).max(room.saturating_sub(note_cost)))
        };
        let text = limits::highlighted(q, share.saturating_sub(5));
        if !text.is_empty() {
            let rendered = format!("> “{}”", text.replace('\n', " "));
            used += len(&rendered) + 1;
            quote = Some(rendered);
        }
        room = budget.saturating_sub(used);
    }
    let note = if room > 12 {
        let text = limits::highlighted(&item.note, room.saturating_sub(1));
        (!text.trim().is_empty()).then_some(text)
    } else {
        None
    };
    let mut parts = fixed;
    parts.extend(quote);
    parts.extend(note);
    parts.extend(link);
    let value = parts.join("\n");
    let value = if value.trim().is_empty() {
        BLANK.to_string()
    } else {
        value
    };
    Some(FieldSpec { name, value })
}

/// A glossary entry or a profile: the name in bold and what it is, then (for a profile) one
/// line per role with its dates.
fn card_block(card: &Card) -> Block {
    match card {
        Card::Term(t) => {
            let mut text = format!(
                "**{}**: {}",
                limits::escape(&t.name),
                limits::disarm_links(&t.definition)
            );
            if !t.also.is_empty() {
                text.push_str(&format!(
                    " *Also called: {}.*",
                    limits::escape(&t.also.join(", "))
                ));
            }
            Block::Prose(text)
        }
        Card::Actor(a) => {
            let mut lines = vec![format!(
                "**{}**: {}",
                limits::escape(&a.name),
                limits::disarm_links(&a.summary)
            )];
            lines.extend(a.roles.iter().map(|r| {
                format!(
                    "• {}{}",
                    limits::escape(&r.title),
                    limits::escape(&r.dates())
                )
            }));
            Block::Lines(lines)
        }
    }
}

/// One line for an item in a list: `**3. GC II, Art. 12(1)** · Law · IHL · 1949-08-12 · <url>`.
fn item_line(n: usize, item: &Item) -> String {
    let mut line = match &item.heading {
        Some(h) => format!(
            "**{n}. {}** · {}",
            limits::escape(h.trim()),
            limits::escape(item.citation.trim())
        ),
        None => format!("**{n}. {}**", limits::escape(item.citation.trim())),
    };
    line.push_str(&format!(" · {}", item.label()));
    if !item.date.trim().is_empty() {
        line.push_str(&format!(" · {}", limits::escape(item.date.trim())));
    }
    if let Some(link) = link(&item.url) {
        line.push_str(&format!(" · {link}"));
    }
    line
}

/// A source's URL as a link without a preview (`<https://…>`), if it is a plain http(s) URL.
fn link(url: &str) -> Option<String> {
    let url = url.trim();
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > 8
        && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>')
        && !url.contains("**");
    plain.then(|| format!("<{url}>"))
}

/// A suggestion as Discord shows it: a command to run, or a term, topic or question to try.
pub fn hint(suggestion: &Suggestion) -> String {
    match suggestion {
        Suggestion::Command(c) => match c.spec() {
            Some(spec) => match spec.group {
                Some(group) => format!("/{group} {}", spec.name),
                None => format!("/{}", spec.name),
            },
            None => format!("/{}", c.as_str()),
        },
        Suggestion::Term(t) => format!("/define {t}"),
        Suggestion::Topic(t) => format!("/study {t}"),
        Suggestion::Source(s) => format!("/source {s}"),
        Suggestion::Question(q) => format!("/ask {q}"),
    }
}

/// The description, within `budget` chars, and how many item lines it lists.
fn description(reply: &Reply, layout: Layout, budget: usize) -> (String, usize) {
    // Each block, and whether it is the list of items.
    let mut blocks: Vec<(Block, bool)> = Vec::new();
    // A paste-ready text holds the intro (a rebuttal's review) and "Claim made by" itself.
    let pasted = layout == Layout::Paste;
    if let Some(intro) = reply
        .intro
        .as_deref()
        .filter(|i| !i.trim().is_empty() && !pasted)
    {
        blocks.push((Block::Prose(limits::disarm_links(intro.trim())), false));
    }
    if let Some(card) = &reply.card {
        blocks.push((card_block(card), false));
    }
    match layout {
        Layout::Paste => {
            if reply.paste.is_some() {
                // The short form, which fits one message: a moderator can paste it as is.
                let paste = crate::commands::rebuttal_text(reply, Some(limits::CONTENT_MAX));
                let lines = paste.lines().map(limits::disarm_links).collect();
                blocks.push((Block::Lines(lines), false));
            }
        }
        Layout::Lines => {
            let lines = reply
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| item_line(reply.offset + i + 1, item))
                .collect();
            blocks.push((Block::Lines(lines), true));
        }
        Layout::Fields => {}
    }
    if !reply.lines.is_empty() && !pasted {
        let lines: Vec<String> = reply
            .lines
            .iter()
            .map(|l| limits::disarm_links(l))
            .collect();
        let block = if reply.command == Command::Stats {
            Block::Code(lines)
        } else {
            Block::Lines(lines)
        };
        blocks.push((block, false));
    }
    if !reply.suggestions.is_empty() && !pasted {
        let hints: Vec<String> = reply.suggestions.iter().map(hint).collect();
        let text = format!("Try: {}", hints.join(" · "));
        blocks.push((Block::Prose(limits::disarm_links(&text)), false));
    }
    let mut out = String::new();
    let mut listed = 0;
    let mut full = false;
    let sep = |out: &String| if out.is_empty() { 0 } else { 2 };
    for (block, is_items) in &blocks {
        if full {
            break;
        }
        match block {
            Block::Prose(text) => {
                let room = budget.saturating_sub(len(&out) + sep(&out));
                if room < 2 {
                    full = true;
                    continue;
                }
                let text = cut(text, room);
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                out.push_str(&text);
            }
            Block::Lines(lines) | Block::Code(lines) => {
                let code = matches!(block, Block::Code(_));
                let (open, close) = if code { ("```\n", "\n```") } else { ("", "") };
                let mut part = String::new();
                for line in lines {
                    let line = if code {
                        line.replace("```", "'''")
                    } else {
                        line.clone()
                    };
                    let needed = len(&out)
                        + sep(&out)
                        + len(open)
                        + len(&part)
                        + usize::from(!part.is_empty())
                        + len(&line)
                        + len(close)
                        + 2; // room for a closing "…" line
                    if needed > budget {
                        full = true;
                        break;
                    }
                    if !part.is_empty() {
                        part.push('\n');
                    }
                    part.push_str(&line);
                    if *is_items {
                        listed += 1;
                    }
                }
                if !part.is_empty() {
                    if !out.is_empty() {
                        out.push_str("\n\n");
                    }
                    out.push_str(open);
                    out.push_str(&part);
                    out.push_str(close);
                }
                if full && len(&out) + 2 <= budget {
                    out.push_str("\n…");
                }
            }
        }
    }
    (out, listed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Footer;
    use crate::corpus::{Scope, SourceKind, Status};
    use crate::search::Highlighted;

    fn item(citation: &str, quote: &str, note: &str) -> Item {
        Item {
            passage_id: Some("p".into()),
            source_id: "s".into(),
            citation: citation.into(),
            kind: SourceKind::Treaty,
            status: Status::Law,
            scope: vec![Scope::Ihl],
            heading: None,
            quote: Some(Highlighted {
                text: quote.into(),
                marks: std::iter::once(0..7).collect(),
            }),
            note: Highlighted::plain(note),
            url: "https://example.org/gc-ii".into(),
            date: "1949-08-12".into(),
            as_of: None,
            score: Some(4.0),
            side: None,
            publisher: None,
            section: None,
            event_id: None,
        }
    }

    fn reply(items: Vec<Item>) -> Reply {
        let mut r = Reply::new(
            Command::Ask,
            "is it legal to shoot survivors? @everyone",
            "abc123",
        );
        r.items = items;
        r.footer = Footer {
            corpus_version: "abc123".into(),
            answer_id: Some("k3v9x2pq".into()),
            current_to: None,
        };
        r
    }

    #[test]
    fn a_passage_becomes_a_field_with_citation_label_quote_note_and_link() {
        let spec = embed(&reply(vec![item(
            "GC II, Art. 12(1)",
            "Members of the armed forces",
            "The core rule.",
        )]));
        assert_eq!(spec.fields.len(), 1);
        let f = &spec.fields[0];
        assert_eq!(f.name, "1. GC II, Art. 12(1)");
        assert!(
            f.value.contains("*Law · IHL* · Treaty · 1949-08-12"),
            "{}",
            f.value
        );
        assert!(
            f.value.contains("> “**Members** of the armed forces”"),
            "{}",
            f.value
        );
        assert!(f.value.contains("The core rule."));
        assert!(f.value.ends_with("<https://example.org/gc-ii>"));
        assert!(spec.footer.contains("k3v9x2pq") && spec.footer.contains("abc123"));
        assert!(spec.footer.contains("Not legal advice"));
        assert!(spec.limit_problems().is_empty());
    }

    #[test]
    fn long_passages_shrink_to_fit_and_keep_citations_whole() {
        let long = "word ".repeat(400);
        let items: Vec<Item> = (0..25)
            .map(|i| item(&format!("Instrument {i}, Art. {i}(1)"), &long, &long))
            .collect();
        let spec = embed(&reply(items));
        assert!(
            spec.limit_problems().is_empty(),
            "{:?}",
            spec.limit_problems()
        );
        assert!(spec.total_chars() <= 6000);
        for (i, f) in spec.fields.iter().enumerate() {
            assert_eq!(f.name, format!("{}. Instrument {i}, Art. {i}(1)", i + 1));
            assert!(f.value.contains("<https://example.org/gc-ii>"));
        }
    }

    #[test]
    fn a_citation_too_long_for_a_name_moves_into_the_value() {
        let citation = "C".repeat(300);
        let spec = embed(&reply(vec![item(&citation, "q", "n")]));
        assert_eq!(spec.fields[0].name, "1.");
        assert!(spec.fields[0].value.starts_with(&format!("**{citation}**")));
    }

    #[test]
    fn a_rebuttal_shows_its_short_form_in_whole_footnotes() {
        let quote = "q ".repeat(100);
        let items: Vec<Item> = (0..12)
            .map(|_| item("GC II, Art. 12", &quote, "n"))
            .collect();
        let mut r = reply(items);
        r.command = Command::Rebut;
        r.intro = Some("First sentence of the review. ".repeat(30));
        r.paste = Some(crate::commands::rebuttal_text(&r, None));
        assert!(len(r.paste.as_deref().unwrap()) > limits::CONTENT_MAX);
        let spec = embed(&r);
        assert!(spec.limit_problems().is_empty());
        assert!(
            len(&spec.description) <= limits::CONTENT_MAX,
            "{}",
            len(&spec.description)
        );
        for line in spec.description.lines().filter(|l| l.starts_with('[')) {
            assert!(line.ends_with('>'), "a footnote cut short: {line}");
        }
        assert_eq!(
            spec.description
                .matches(crate::commands::NOT_LEGAL_ADVICE)
                .count(),
            1
        );
    }

    #[test]
    fn stats_lines_are_a_code_block() {
        let mut r = reply(vec![]);
        r.command = Command::Stats;
        r.lines = vec!["Top queries:".into(), "    3  **bold** ```x".into()];
        let spec = embed(&r);
        assert!(spec.description.starts_with("```\n"));
        assert!(spec.description.ends_with("\n```"));
        assert!(!spec.description[3..spec.description.len() - 3].contains("```"));
    }
}
