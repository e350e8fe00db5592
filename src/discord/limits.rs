//! Discord's limits on what a message may carry, and text helpers that keep within them:
//! cutting on char (and, where possible, word) boundaries, escaping Markdown, rendering
//! highlighted text with balanced bold marks.

use crate::search::Highlighted;

pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 4096;
pub const FIELD_NAME_MAX: usize = 256;
pub const FIELD_VALUE_MAX: usize = 1024;
pub const FOOTER_MAX: usize = 2048;
pub const FIELDS_MAX: usize = 25;
/// Title, description, field names and values, and footer of all a message's embeds together.
pub const EMBED_TOTAL_MAX: usize = 6000;
pub const EMBEDS_MAX: usize = 10;
pub const CONTENT_MAX: usize = 2000;
pub const ROWS_MAX: usize = 5;
pub const BUTTONS_PER_ROW_MAX: usize = 5;
pub const CUSTOM_ID_MAX: usize = 100;
pub const BUTTON_LABEL_MAX: usize = 80;
pub const CHOICES_MAX: usize = 25;
pub const CHOICE_NAME_MAX: usize = 100;
pub const CHOICE_VALUE_MAX: usize = 100;

const ELLIPSIS: char = '…';

/// The number of chars (Unicode scalar values, as Discord counts them).
pub fn len(text: &str) -> usize {
    text.chars().count()
}

/// At most `max` chars: cut at the last space of the allowed part when that keeps at least
/// half of it, otherwise at a char boundary, and end with "…" when cut.
pub fn cut(text: &str, max: usize) -> String {
    if len(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let keep: String = text.chars().take(max - 1).collect();
    let at_space = keep
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .filter(|&i| len(&keep[..i]) >= (max - 1) / 2);
    let kept = match at_space {
        Some(i) => &keep[..i],
        None => keep.as_str(),
    };
    let mut out = kept.trim_end().to_string();
    // Never end on a lone escape backslash: it would escape the ellipsis.
    while out.ends_with('\\') {
        out.pop();
    }
    out.push(ELLIPSIS);
    out
}

/// Whether `c` must be escaped to show literally in Discord Markdown.
fn is_markdown(c: char) -> bool {
    matches!(c, '\\' | '*' | '_' | '~' | '`' | '|')
}

/// `text` with Markdown characters escaped and masked links (`[x](y)`) disarmed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_markdown(c) {
            out.push('\\');
        }
        out.push(c);
    }
    disarm_links(&out)
}

/// Breaks `[label](url)` so that text from a user can never show as a disguised link.
pub fn disarm_links(text: &str) -> String {
    text.replace("](", "]\u{200B}(")
}

/// Renders highlighted text as Markdown (marked words in bold, everything else escaped) in at
/// most `max` chars. A cut ends at a word boundary where possible, closes an open bold mark and
/// ends with "…".
pub fn highlighted(h: &Highlighted, max: usize) -> String {
    // Split into (segment, bold) pieces, skipping marks that do not fit the text.
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for mark in &h.marks {
        let fits = at <= mark.start
            && mark.start < mark.end
            && mark.end <= h.text.len()
            && h.text.is_char_boundary(mark.start)
            && h.text.is_char_boundary(mark.end);
        if !fits {
            continue;
        }
        if at < mark.start {
            pieces.push((&h.text[at..mark.start], false));
        }
        pieces.push((&h.text[mark.clone()], true));
        at = mark.end;
    }
    if at < h.text.len() {
        pieces.push((&h.text[at..], false));
    }
    let full: usize = pieces
        .iter()
        .map(|(t, bold)| escaped_len(t) + if *bold { 4 } else { 0 })
        .sum();
    if full <= max {
        let mut out = String::new();
        for (t, bold) in pieces {
            push_piece(&mut out, t, bold);
        }
        return out;
    }
    if max == 0 {
        return String::new();
    }
    // Cut: room for the ellipsis, and for closing marks.
    let budget = max - 1;
    let mut out = String::new();
    let mut used = 0;
    for (t, bold) in pieces {
        let extra = if bold { 4 } else { 0 };
        let cost = escaped_len(t) + extra;
        if used + cost <= budget {
            push_piece(&mut out, t, bold);
            used += cost;
            continue;
        }
        // Part of this piece fits.
        let room = budget.saturating_sub(used + extra);
        let mut taken = 0;
        let mut end = 0;
        let mut last_space = None;
        for (i, c) in t.char_indices() {
            let w = if is_markdown(c) { 2 } else { 1 };
            if taken + w > room {
                break;
            }
            taken += w;
            end = i + c.len_utf8();
            if c.is_whitespace() {
                last_space = Some(i);
            }
        }
        let cut_at = match last_space {
            Some(i) if i > 0 => i,
            _ if used > 0 => 0,
            _ => end,
        };
        let part = t[..cut_at].trim_end();
        if !part.is_empty() {
            push_piece(&mut out, part, bold);
        }
        break;
    }
    let mut out = out.trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

fn escaped_len(text: &str) -> usize {
    text.chars()
        .map(|c| if is_markdown(c) { 2 } else { 1 })
        .sum()
}

fn push_piece(out: &mut String, text: &str, bold: bool) {
    let escaped = escape(text);
    if bold && !text.trim().is_empty() {
        out.push_str("**");
        out.push_str(&escaped);
        out.push_str("**");
    } else {
        out.push_str(&escaped);
    }
}

/// Bold marks (`**`) outside escapes come in pairs.
pub fn bold_balanced(text: &str) -> bool {
    let mut count = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                count += 1;
            }
            _ => {}
        }
    }
    count % 2 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_on_words_and_chars() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("the quick brown fox", 12), "the quick…");
        assert_eq!(cut("ééééééééé", 4), "ééé…");
        assert_eq!(len(&cut(&"x".repeat(5000), 256)), 256);
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn escapes_markdown_and_links() {
        assert_eq!(escape("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape("[free](https://x)"), "[free]\u{200B}(https://x)");
    }

    #[test]
    fn highlighted_keeps_bold_balanced_when_cut() {
        let text = "persons hors de combat shall not be attacked";
        let h = Highlighted {
            text: text.into(),
            marks: std::iter::once(8..22).collect(),
        };
        assert_eq!(
            highlighted(&h, 100),
            "persons **hors de combat** shall not be attacked"
        );
        for max in 0..60 {
            let out = highlighted(&h, max);
            assert!(len(&out) <= max, "{max}: {out}");
            assert!(bold_balanced(&out), "{max}: {out}");
        }
    }

    #[test]
    fn broken_marks_are_ignored() {
        let h = Highlighted {
            text: "héllo".into(),
            #[allow(clippy::reversed_empty_ranges)]
            marks: vec![1..2, 4..2, 0..99],
        };
        assert_eq!(highlighted(&h, 100), "héllo");
    }
}

/// `text` in pieces of at most `max` chars, split between lines (a line longer than `max` is
/// split between words where it can): for a text longer than one message.
pub fn pieces(text: &str, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let mut line = line.to_string();
        while len(&line) > max {
            let head = cut_at_word(&line, max);
            line = line[head.len()..].trim_start().to_string();
            flush(&mut out, &mut current);
            out.push(head);
        }
        if len(&current) + len(&line) + 1 > max {
            flush(&mut out, &mut current);
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    flush(&mut out, &mut current);
    out
}

fn flush(out: &mut Vec<String>, current: &mut String) {
    if !current.trim().is_empty() {
        out.push(std::mem::take(current));
    }
    current.clear();
}

/// The longest start of `text` within `max` chars that ends at a space, else at `max`.
fn cut_at_word(text: &str, max: usize) -> String {
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    match head.rfind(' ') {
        Some(i) if i > 0 => head[..i].to_string(),
        _ => head.to_string(),
    }
}

#[cfg(test)]
mod pieces_tests {
    use super::*;

    #[test]
    fn pieces_fit_and_keep_every_word() {
        let text = format!("{}\nshort line\n{}", "word ".repeat(700), "x".repeat(2500));
        let parts = pieces(&text, 2000);
        assert!(parts.iter().all(|p| len(p) <= 2000));
        let words = |s: &str| s.split_whitespace().map(|w| w.len()).sum::<usize>();
        assert_eq!(parts.iter().map(|p| words(p)).sum::<usize>(), words(&text));
    }
}
