//! Rendering replies for Discord: every embed and every row of buttons fits Discord's limits,
//! for arbitrary corpus text and arbitrary queries (property tests), citations are never cut,
//! bold marks stay balanced; and real replies from the shipped corpus render as expected.

use fathom::app::{App, Logging};
use fathom::commands::{Caller, Command, Fathom, Footer, Item, Reply, Request, Suggestion};
use fathom::config::Config;
use fathom::corpus::{Scope, SourceKind, Status};
use fathom::discord::controls::{self, Shown};
use fathom::discord::limits;
use fathom::discord::render::{EmbedSpec, embed};
use fathom::search::Highlighted;
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Characters arbitrary text is drawn from: letters, spaces, Markdown, mentions, newlines,
/// multi-byte and astral characters.
const ALPHABET: &[char] = &[
    'a', 'b', 'e', 'o', 's', 't', 'x', 'K', ' ', ' ', ' ', '*', '*', '_', '`', '~', '|', '[', ']',
    '(', ')', '<', '>', '@', '#', ':', '\n', '\\', 'é', 'ß', '§', '—', '“', '💥', '𝐊', '\u{200B}',
];

/// Arbitrary text of up to `max` chars, generated from a seed (cheap, so cases stay fast).
fn any_text(max: usize) -> impl Strategy<Value = String> {
    (any::<u64>(), 0..max.max(1), 0u8..4).prop_map(|(seed, n, shape)| {
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        match shape {
            0 => "wörd ".repeat(n / 5 + 1),
            1 => "x".repeat(n),
            _ => (0..n)
                .map(|_| {
                    let r = next();
                    if r % 50 == 0 {
                        char::from_u32((r >> 8) as u32 % 0x10FFFF).unwrap_or('?')
                    } else {
                        ALPHABET[(r >> 8) as usize % ALPHABET.len()]
                    }
                })
                .collect(),
        }
    })
}

fn any_highlighted(max: usize) -> impl Strategy<Value = Highlighted> {
    (
        any_text(max),
        proptest::collection::vec((0usize..2000, 0usize..2000), 0..6),
    )
        .prop_map(|(text, raw)| {
            let marks = raw.into_iter().map(|(a, b)| a..b).collect();
            Highlighted { text, marks }
        })
}

fn any_item() -> impl Strategy<Value = Item> {
    (
        any_text(400),
        proptest::option::of(any_text(300)),
        proptest::option::of(any_highlighted(1500)),
        any_highlighted(1500),
        any_text(400),
        any_text(40),
        proptest::option::of(any_text(30)),
        0usize..6,
    )
        .prop_map(
            |(citation, heading, quote, note, url, date, as_of, k)| Item {
                passage_id: Some("p".into()),
                source_id: "s".into(),
                citation,
                kind: SourceKind::ALL[k],
                status: Status::ALL[k],
                scope: vec![Scope::ALL[k]],
                heading,
                quote,
                note,
                url,
                date,
                as_of,
                score: Some(1.0),
                side: None,
                publisher: None,
                section: None,
                event_id: None,
            },
        )
}

fn any_reply() -> impl Strategy<Value = Reply> {
    (
        prop_oneof![
            Just(Command::Ask),
            Just(Command::Rebut),
            Just(Command::Study),
            Just(Command::Stats),
            Just(Command::Timeline),
            Just(Command::Check)
        ],
        any_text(600),
        proptest::option::of(any_text(5000)),
        proptest::collection::vec(any_item(), 0..40),
        proptest::collection::vec(any_text(300), 0..40),
        proptest::option::of(any_text(7000)),
        proptest::collection::vec(any_text(120), 0..6),
        (0usize..100, any::<bool>(), any::<bool>()),
        proptest::option::of("[a-z0-9]{8}"),
    )
        .prop_map(
            |(
                command,
                title,
                intro,
                items,
                lines,
                paste,
                suggestions,
                (offset, has_more, is_error),
                answer_id,
            )| {
                let mut r = Reply::new(command, title, "v1");
                r.intro = intro;
                r.items = items;
                r.lines = lines;
                r.paste = paste;
                r.query = Some("q".into());
                r.offset = offset;
                r.has_more = has_more;
                r.suggestions = suggestions.into_iter().map(Suggestion::Question).collect();
                r.is_error = is_error;
                r.footer = Footer {
                    corpus_version: "v1".into(),
                    answer_id,
                    current_to: None,
                };
                r
            },
        )
}

/// Every rule Discord enforces on an embed, and ours on top (citations whole, bold balanced).
fn assert_fits(reply: &Reply, spec: &EmbedSpec) {
    let problems = spec.limit_problems();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(limits::len(&spec.title) > 0, "empty title");
    for f in &spec.fields {
        assert!(
            limits::bold_balanced(&f.value),
            "unbalanced bold: {}",
            f.value
        );
    }
    // A field shows its item's citation whole (in the name, or bold at the top of the value).
    if reply.paste.is_none() && reply.command != Command::Study && reply.items.len() <= 10 {
        let mut next = 0;
        for f in &spec.fields {
            let found = reply.items[next..].iter().position(|item| {
                let c = item.citation.trim();
                f.name.ends_with(c) || f.value.contains(&format!("**{}**", limits::escape(c)))
            });
            let Some(i) = found else {
                panic!("field {:?} carries no whole citation", f.name);
            };
            next += i + 1;
        }
    }
    // Paste-ready text: each line (a footnote) is shown whole or not at all.
    if reply.paste.is_some() {
        // What the embed shows: the short form of the paste-ready text.
        let paste = fathom::commands::rebuttal_text(reply, Some(limits::CONTENT_MAX));
        let lines: Vec<String> = paste.lines().map(limits::disarm_links).collect();
        for shown in spec.description.lines().filter(|l| !l.is_empty()) {
            let cut_short = lines
                .iter()
                .any(|l| l.len() > shown.len() && l.starts_with(shown));
            let whole = lines.iter().any(|l| l == shown);
            let elsewhere = reply
                .intro
                .as_deref()
                .is_some_and(|i| i.contains(shown.trim_end_matches('…')))
                || reply.lines.iter().any(|l| l.contains(shown))
                || reply.suggestions.iter().any(|l| {
                    let hint = fathom::discord::render::hint(l);
                    shown.contains(&hint) || hint.contains(shown.trim_end_matches('…'))
                });
            assert!(
                whole || !cut_short || elsewhere,
                "a cut footnote line: {shown:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_reply_fits_discord(reply in any_reply()) {
        let spec = embed(&reply);
        assert_fits(&reply, &spec);
        // And serenity accepts what we build from it.
        let json = serde_json::to_value(spec.to_builder()).unwrap();
        prop_assert!(json.get("title").is_some());
    }

    #[test]
    fn buttons_fit_discord(reply in any_reply(), owner in any::<u64>(), mention in proptest::option::of(any::<u64>()), private in any::<bool>()) {
        let shown = Shown { private, owner, mention };
        for out in [
            controls::ask(&reply, shown),
            controls::plain(&reply, shown),
            controls::rebuttal(&reply, shown, Some((owner, owner))),
            controls::study(&reply, shown),
            controls::timeline(&reply, shown),
        ] {
            prop_assert!(out.rows.len() <= limits::ROWS_MAX);
            for row in &out.rows {
                prop_assert!(!row.is_empty() && row.len() <= limits::BUTTONS_PER_ROW_MAX);
                for b in row {
                    prop_assert!(limits::len(&b.custom_id) <= limits::CUSTOM_ID_MAX, "{}", b.custom_id);
                    prop_assert!(!b.label.is_empty() && limits::len(&b.label) <= limits::BUTTON_LABEL_MAX);
                }
            }
        }
    }
}

/// fathom over the shipped corpus, with the index and database in a temp dir (built once).
fn fathom() -> Arc<Fathom> {
    static FATHOM: OnceLock<(App, tempfile::TempDir, tokio::runtime::Runtime)> = OnceLock::new();
    FATHOM
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let runtime = tokio::runtime::Runtime::new().unwrap();
            let env: HashMap<&str, String> = [
                (
                    "FATHOM_CORPUS_DIR",
                    concat!(env!("CARGO_MANIFEST_DIR"), "/index").to_string(),
                ),
                (
                    "FATHOM_INDEX_DIR",
                    dir.path().join("tantivy").display().to_string(),
                ),
                (
                    "DATABASE_URL",
                    format!("sqlite://{}/fathom.db?mode=rwc", dir.path().display()),
                ),
                ("FATHOM_USER_SALT", "test-salt".to_string()),
            ]
            .into_iter()
            .collect();
            let config = Config::from_lookup(|k| env.get(k).cloned()).unwrap();
            let app = runtime
                .block_on(App::open(&config, Logging::On, |_| {
                    std::ops::ControlFlow::Continue(())
                }))
                .unwrap();
            (app, dir, runtime)
        })
        .0
        .fathom()
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_query_on_the_real_corpus_fits_discord(query in any_text(300), offset in 0usize..12) {
        let fathom = fathom();
        for reply in [
            fathom.ask_reply(&query, 3, offset),
            fathom.rebut_reply(&query),
            fathom.check_reply(&query),
            fathom.study_reply(&query, None),
        ] {
            let spec = embed(&reply);
            assert_fits(&reply, &spec);
        }
    }
}

#[test]
fn every_source_card_and_reading_list_of_the_corpus_fits_discord() {
    let fathom = fathom();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let caller = Caller::cli();
    for source in &fathom.corpus.sources {
        let request = Request::Source {
            id: source.id.clone(),
        };
        let reply = rt.block_on(fathom.run(&caller, request));
        assert!(!reply.is_error, "{}", source.id);
        assert_fits(&reply, &embed(&reply));
    }
    for topic in &fathom.corpus.topics {
        let reply = fathom.study_reply(&topic.id, None);
        let spec = embed(&reply);
        assert_fits(&reply, &spec);
        assert!(spec.description.contains("**1. "), "{}", topic.id);
    }
    let timeline = fathom.timeline_reply(&Default::default(), 0, 5);
    assert_fits(&timeline, &embed(&timeline));
}

#[test]
fn an_answer_from_the_corpus_shows_citation_label_quote_and_link() {
    let fathom = fathom();
    let reply = fathom.ask_reply("Is it lawful to attack shipwrecked survivors?", 3, 0);
    let spec = embed(&reply);
    assert_eq!(spec.fields.len(), reply.items.len());
    assert!(!spec.fields.is_empty());
    for (field, item) in spec.fields.iter().zip(&reply.items) {
        assert!(field.name.ends_with(&item.citation), "{}", field.name);
        assert!(
            field.value.contains(&format!("*{}*", item.label())),
            "{}",
            field.value
        );
        assert!(
            field.value.contains(&format!("<{}>", item.url)),
            "{}",
            field.value
        );
    }
    assert!(
        spec.fields.iter().any(|f| f.value.contains("**")),
        "matched words are bold"
    );
    assert!(spec.footer.contains(&fathom.corpus.version));
}

#[test]
fn every_example_question_in_help_finds_passages() {
    let fathom = fathom();
    for q in fathom::commands::help::EXAMPLE_QUESTIONS {
        let reply = fathom.ask_reply(q, 3, 0);
        assert!(
            !reply.items.is_empty(),
            "/help suggests {q:?}, which finds nothing"
        );
    }
    let help = fathom.help_reply();
    assert_fits(&help, &embed(&help));
}

#[test]
fn privacy_says_how_long_rows_are_kept() {
    let fathom = fathom();
    let reply = fathom.privacy_reply();
    assert!(reply.intro.as_deref().unwrap().contains("after 90 days"));
    assert!(reply.lines.iter().any(|l| l.contains("salted hash")));
    assert_fits(&reply, &embed(&reply));
}
