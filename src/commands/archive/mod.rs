//! How an answer is kept in the query log so that `answer ID` can show it again exactly: the
//! reply as shown, minus the passage texts (citation, URL, quote, note) that the snapshot of
//! its corpus version already holds (`Store::save_snapshot`, written once per version). A
//! logged reply is then a few hundred bytes instead of several kilobytes, and it can still be
//! put back together after the corpus has changed. A text that differs from its passage's (or
//! an item that is not a passage) is kept in full.
//!
//! Packing runs on every logged answer, so it serializes the reply itself (its left-out texts
//! blanked for the moment) with one bit mask per item saying which texts were left out: no
//! intermediate tree, no copy of the reply. The form is postcard (compact binary, field order
//! instead of field names), which is about a third the size of the JSON and quicker to write:
//! every byte of a log row is written twice (WAL, then database). A packed row starts with
//! `FORMAT` (two bytes a row of the first format cannot start with); rows of the first format
//! (`v1`), and rows logged as JSON before that, are still read.
//!
//! Once this format has shipped, changing `Reply` or `Item` means freezing the shape as it was
//! (as `v1` is) and bumping `FORMAT`: postcard stores fields by position, not by name.

mod v1;

use super::Reply;
use super::reply::Item;
use crate::corpus::{Corpus, Passage};
use crate::search::Highlighted;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A passage's texts as a reply item shows them (before highlighting): what the snapshot
/// saves, as JSON, once per corpus version and passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageTexts {
    pub citation: String,
    pub url: String,
    pub quote: Option<String>,
    pub note: String,
}

impl PassageTexts {
    fn of(corpus: &Corpus, passage: &Passage) -> PassageTexts {
        let item = Item::from_passage(corpus, passage, |text: &str| Highlighted::plain(text), None);
        PassageTexts {
            citation: item.citation,
            url: item.url,
            quote: item.quote.map(|q| q.text),
            note: item.note.text,
        }
    }
}

/// Every passage's texts, by passage id: what is saved once per corpus version, and what a
/// reply is packed against.
pub type Texts = HashMap<String, PassageTexts>;

/// The texts of every passage of the corpus.
pub fn snapshot(corpus: &Corpus) -> Texts {
    corpus
        .passages
        .iter()
        .map(|p| (p.id.clone(), PassageTexts::of(corpus, p)))
        .collect()
}

/// The first bytes of a packed reply of this format. A row of the first format starts with the
/// length of its item list (at most a few dozen, so one byte below 0x80).
const FORMAT: [u8; 2] = [0xFA, 0x02];

/// Which of an item's texts were left out (bits of `Logged::elided`).
const CITATION: u8 = 1;
const URL: u8 = 2;
const QUOTE: u8 = 4;
const NOTE: u8 = 8;

/// A logged reply: the reply with its left-out texts blank, and per item which ones they are.
#[derive(Serialize)]
struct Logged<'a> {
    elided: &'a [u8],
    reply: &'a Reply,
}

#[derive(Deserialize)]
struct LoggedOwned {
    elided: Vec<u8>,
    reply: Reply,
}

/// Takes out of `item` the texts that equal its passage's `texts`, returning the mask of what
/// was taken and the taken strings (to put back after serializing).
fn take_texts(item: &mut Item, texts: &PassageTexts) -> (u8, [String; 4]) {
    let mut mask = 0;
    let mut taken: [String; 4] = Default::default();
    if item.citation == texts.citation {
        mask |= CITATION;
        taken[0] = std::mem::take(&mut item.citation);
    }
    if item.url == texts.url {
        mask |= URL;
        taken[1] = std::mem::take(&mut item.url);
    }
    if let (Some(quote), Some(text)) = (&mut item.quote, &texts.quote)
        && quote.text == *text
    {
        mask |= QUOTE;
        taken[2] = std::mem::take(&mut quote.text);
    }
    if item.note.text == texts.note {
        mask |= NOTE;
        taken[3] = std::mem::take(&mut item.note.text);
    }
    (mask, taken)
}

/// Puts back what `take_texts` took (or the snapshot's texts, which are equal).
fn put_texts(item: &mut Item, mask: u8, mut texts: [String; 4]) {
    if mask & CITATION != 0 {
        item.citation = std::mem::take(&mut texts[0]);
    }
    if mask & URL != 0 {
        item.url = std::mem::take(&mut texts[1]);
    }
    if mask & QUOTE != 0
        && let Some(quote) = &mut item.quote
    {
        quote.text = std::mem::take(&mut texts[2]);
    }
    if mask & NOTE != 0 {
        item.note.text = std::mem::take(&mut texts[3]);
    }
}

/// The reply as logged: each item's texts that equal its passage's `texts` (the snapshot of
/// the corpus the reply came from, saved in the store) are left out. The reply is blanked only
/// while it is serialized and is returned unchanged.
pub fn pack(reply: &mut Reply, texts: &Texts) -> Option<Vec<u8>> {
    let mut elided = Vec::with_capacity(reply.items.len());
    let mut taken = Vec::with_capacity(reply.items.len());
    for item in &mut reply.items {
        let snapshot = item.passage_id.as_ref().and_then(|id| texts.get(id));
        let (mask, strings) = match snapshot {
            Some(snapshot) => take_texts(item, snapshot),
            None => (0, Default::default()),
        };
        elided.push(mask);
        taken.push(strings);
    }
    // One allocation: a packed reply is a few hundred bytes.
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(&FORMAT);
    let logged = postcard::to_extend(
        &Logged {
            elided: &elided,
            reply,
        },
        out,
    );
    for ((item, mask), strings) in reply.items.iter_mut().zip(elided).zip(taken) {
        put_texts(item, mask, strings);
    }
    logged.ok()
}

/// Puts a packed reply back together. `texts` holds the snapshot texts (JSON) of its passages
/// as its corpus version had them, by passage id. None if it cannot be (a text is missing).
pub fn unpack(packed: &[u8], texts: &HashMap<String, String>) -> Option<Reply> {
    let (elided, mut reply) = match packed.strip_prefix(&FORMAT) {
        Some(current) => {
            let LoggedOwned { elided, reply } = postcard::from_bytes(current).ok()?;
            (elided, reply)
        }
        None => {
            let v1::LoggedV1 { elided, reply } = postcard::from_bytes(packed).ok()?;
            (elided, Reply::from(reply))
        }
    };
    for (item, mask) in reply.items.iter_mut().zip(elided) {
        if mask == 0 {
            continue;
        }
        let saved: PassageTexts = item
            .passage_id
            .as_ref()
            .and_then(|id| texts.get(id))
            .and_then(|t| serde_json::from_str(t).ok())?;
        if mask & QUOTE != 0 && saved.quote.is_none() {
            return None;
        }
        let quote = saved.quote.unwrap_or_default();
        put_texts(item, mask, [saved.citation, saved.url, quote, saved.note]);
    }
    Some(reply)
}

/// Puts back a reply logged as JSON (rows from before `reply_packed`): the reply's JSON with
/// the left-out fields missing, or, before that, the whole reply.
pub fn unpack_json(logged: &str, texts: &HashMap<String, String>) -> Option<Reply> {
    let mut value: Value = serde_json::from_str(logged).ok()?;
    for item in items_mut(&mut value) {
        let Some(saved) = item
            .get("passage_id")
            .and_then(Value::as_str)
            .and_then(|id| texts.get(id))
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
        else {
            continue;
        };
        for field in ["citation", "url"] {
            if !item.contains_key(field)
                && let Some(v) = saved.get(field)
            {
                item.insert(field.to_string(), v.clone());
            }
        }
        for field in ["quote", "note"] {
            if let Some(Value::Object(highlighted)) = item.get_mut(field)
                && !highlighted.contains_key("text")
                && let Some(v) = saved.get(field)
            {
                highlighted.insert("text".to_string(), v.clone());
            }
        }
    }
    serde_json::from_value::<v1::ReplyV1>(value)
        .ok()
        .map(Reply::from)
}

/// The items of a reply in JSON form.
fn items_mut(value: &mut Value) -> impl Iterator<Item = &mut Map<String, Value>> {
    value
        .get_mut("items")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("index");
        crate::corpus::load(&dir).expect("the bundled corpus loads")
    }

    fn saved(texts: &Texts) -> HashMap<String, String> {
        texts
            .iter()
            .map(|(id, t)| (id.clone(), serde_json::to_string(t).unwrap()))
            .collect()
    }

    fn reply_with(corpus: &Corpus, passages: &[usize]) -> Reply {
        let mut reply = Reply::new(crate::commands::Command::Ask, "t", &corpus.version);
        for &i in passages {
            let highlight = |text: &str| Highlighted {
                text: text.to_string(),
                marks: if text.len() > 6 {
                    vec![0..2, 4..6]
                } else {
                    Vec::new()
                },
            };
            let item = Item::from_passage(corpus, &corpus.passages[i], highlight, Some(1.5));
            reply.items.push(item);
        }
        reply
    }

    #[test]
    fn a_packed_reply_leaves_out_its_passage_texts_and_comes_back_equal() {
        let corpus = corpus();
        let texts = snapshot(&corpus);
        let mut reply = reply_with(&corpus, &[0, 5, 9]);
        let before = reply.clone();
        let logged = pack(&mut reply, &texts).unwrap();
        assert_eq!(reply, before, "packing leaves the reply as it was");
        assert_eq!(logged[..2], FORMAT);
        for item in &before.items {
            let logged = String::from_utf8_lossy(&logged);
            assert!(!logged.contains(&item.note.text), "{logged}");
            assert!(!logged.contains(&item.url), "{logged}");
        }
        assert_eq!(unpack(&logged, &saved(&texts)), Some(before));
    }

    #[test]
    fn changed_texts_and_items_without_a_passage_are_kept_in_full() {
        let corpus = corpus();
        let texts = snapshot(&corpus);
        let mut reply = reply_with(&corpus, &[1, 2]);
        reply.items[0].note.text = "edited note".into();
        reply.items[1].passage_id = None;
        let before = reply.clone();
        let logged = pack(&mut reply, &texts).unwrap();
        let text = String::from_utf8_lossy(&logged);
        assert!(text.contains("edited note"));
        assert!(text.contains(&before.items[1].note.text));
        assert_eq!(unpack(&logged, &saved(&texts)), Some(before));
    }

    #[test]
    fn a_missing_snapshot_text_means_the_reply_cannot_be_put_back() {
        let corpus = corpus();
        let texts = snapshot(&corpus);
        let mut reply = reply_with(&corpus, &[3]);
        let logged = pack(&mut reply, &texts).unwrap();
        assert_eq!(unpack(&logged, &HashMap::new()), None);
    }

    #[test]
    fn replies_logged_as_json_still_come_back() {
        let corpus = corpus();
        let texts = snapshot(&corpus);
        let reply = reply_with(&corpus, &[4, 7]);
        // The whole reply, as the first log kept it.
        let whole = serde_json::to_string(&reply).unwrap();
        assert_eq!(
            unpack_json(&whole, &HashMap::new()),
            Some(as_v1_kept_it(reply.clone()))
        );
        // The reply's JSON with the passage texts removed.
        let mut value = serde_json::to_value(&reply).unwrap();
        for item in items_mut(&mut value) {
            item.remove("citation");
            item.remove("url");
            if let Some(Value::Object(note)) = item.get_mut("note") {
                note.remove("text");
            }
        }
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(
            unpack_json(&compact, &saved(&texts)),
            Some(as_v1_kept_it(reply))
        );
    }

    /// What a reply looks like once read back from a row of the first format (which had no
    /// sides or publishers).
    fn as_v1_kept_it(mut reply: Reply) -> Reply {
        for item in &mut reply.items {
            item.side = None;
            item.publisher = None;
        }
        reply
    }

    #[test]
    fn rows_packed_in_the_first_format_still_come_back() {
        let corpus = corpus();
        let texts = snapshot(&corpus);
        let reply = as_v1_kept_it(reply_with(&corpus, &[2, 6]));
        let old = v1::LoggedV1 {
            elided: vec![0, 0],
            reply: v1::ReplyV1 {
                command: "ask".into(),
                title: reply.title.clone(),
                intro: None,
                items: reply
                    .items
                    .iter()
                    .map(|i| v1::ItemV1 {
                        passage_id: i.passage_id.clone(),
                        source_id: i.source_id.clone(),
                        citation: i.citation.clone(),
                        kind: i.kind,
                        status: i.status,
                        scope: i.scope.clone(),
                        heading: None,
                        quote: i.quote.clone(),
                        note: i.note.clone(),
                        url: i.url.clone(),
                        date: i.date.clone(),
                        as_of: i.as_of.clone(),
                        score: i.score,
                    })
                    .collect(),
                lines: vec![],
                paste: None,
                query: None,
                corrections: vec![],
                offset: 0,
                has_more: false,
                suggestions: vec!["/topics".into()],
                is_error: false,
                footer: v1::FooterV1 {
                    corpus_version: reply.footer.corpus_version.clone(),
                    answer_id: reply.footer.answer_id.clone(),
                },
            },
        };
        let bytes = postcard::to_allocvec(&old).unwrap();
        let back = unpack(&bytes, &saved(&texts)).unwrap();
        assert_eq!(back.items, reply.items);
        assert_eq!(
            back.suggestions,
            [crate::commands::Suggestion::Command(
                crate::commands::Command::Topics
            )]
        );
    }
}
