//! Printing: a reply as terminal text (bold on a terminal, plain in a pipe), Markdown or JSON;
//! control characters from what was typed neutralised before they reach a terminal; a closed
//! pipe (`fathom ask … | head`) ending the output quietly.

use fathom::commands::{Command, Extra, Reply};
use fathom::render::{self, Emphasis};
use std::io::{IsTerminal, Write};

/// How a reply is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// Prints a line to stdout.
pub fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}")
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        let _ = writeln!(std::io::stderr(), "fathom: cannot write the output: {e}");
    }
}

/// Prints a line to stderr.
pub fn warn(text: &str) {
    let _ = writeln!(std::io::stderr(), "fathom: {}", neutralise(text));
}

/// Prints a reply.
pub fn reply(reply: &Reply, format: Format) -> anyhow::Result<()> {
    let out = match format {
        Format::Json => json(reply)?,
        Format::Markdown => render::markdown(reply),
        Format::Text => {
            let emphasis = if std::io::stdout().is_terminal() {
                Emphasis::Ansi
            } else {
                Emphasis::None
            };
            render::text(&clean(reply), emphasis)
        }
    };
    say(out.trim_end());
    Ok(())
}

/// The JSON of a reply: `ask`'s documented shape; statistics as numbers; else the reply.
fn json(reply: &Reply) -> anyhow::Result<String> {
    Ok(match (&reply.command, &reply.extra) {
        (Command::Ask | Command::More, _) => {
            serde_json::to_string_pretty(&render::ask_json(reply))?
        }
        (Command::Stats, Extra::Stats(stats)) => serde_json::to_string_pretty(stats)?,
        _ => serde_json::to_string_pretty(reply)?,
    })
}

/// The reply with control characters in its texts made visible (`␛` for ESC), so that a
/// question cannot move the cursor, clear the screen or change a terminal's colours.
fn clean(reply: &Reply) -> Reply {
    let mut r = reply.clone();
    r.title = neutralise(&r.title);
    r.intro = r.intro.as_deref().map(neutralise);
    r.paste = r.paste.as_deref().map(neutralise);
    r.query = r.query.as_deref().map(neutralise);
    r.lines = r.lines.iter().map(|l| neutralise(l)).collect();
    r
}

/// Control characters (but newlines and tabs) replaced by their visible symbols.
pub fn neutralise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{7f}' => '␡',
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
            c if ('\u{80}'..='\u{9f}').contains(&c) => '�',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        assert_eq!(neutralise("a\x1b[2Jb\x07\n"), "a␛[2Jb␇\n");
        assert_eq!(neutralise("\u{9b}31m"), "�31m");
        assert_eq!(neutralise("plain, ñ, ✓"), "plain, ñ, ✓");
    }
}
