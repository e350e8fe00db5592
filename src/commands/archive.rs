//! How an answer is kept in the query log so that `answer ID` can show it again exactly: the
//! reply as shown, minus the passage texts (citation, quote, note, URL) that the snapshot of
//! its corpus version already holds (`Store::save_snapshot`, written once per version). A
//! logged reply is then a few hundred bytes instead of several kilobytes, and it can still be
//! put back together after the corpus has changed. A text that differs from its passage's (or
//! an item that is not a passage) is kept in full.

use super::Reply;
use super::reply::Item;
use crate::corpus::{Corpus, Passage};
use crate::search::Highlighted;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Item fields that are plain strings taken from the passage.
const STRING_FIELDS: [&str; 2] = ["citation", "url"];
/// Item fields that are highlighted passage text (`{"text", "marks"}`): the text is left out,
/// the highlight ranges stay.
const HIGHLIGHTED_FIELDS: [&str; 2] = ["quote", "note"];

/// A passage's texts as a reply item shows them (before highlighting).
fn passage_texts(corpus: &Corpus, passage: &Passage) -> Value {
    let item = Item::from_passage(corpus, passage, |text: &str| Highlighted::plain(text), None);
    json!({
        "citation": item.citation,
        "url": item.url,
        "quote": item.quote.map(|q| q.text),
        "note": item.note.text,
    })
}

/// Every passage's texts, by passage id: what is saved once per corpus version, and what a
/// reply is packed against.
pub type Texts = HashMap<String, Value>;

/// The texts of every passage of the corpus.
pub fn snapshot(corpus: &Corpus) -> Texts {
    corpus
        .passages
        .iter()
        .map(|p| (p.id.clone(), passage_texts(corpus, p)))
        .collect()
}

/// The reply as logged: each item's texts that equal its passage's `texts` (the snapshot of
/// the corpus the reply came from, saved in the store) are left out.
pub fn pack(reply: &Reply, texts: &Texts) -> Option<String> {
    let mut value = serde_json::to_value(reply).ok()?;
    for item in items_mut(&mut value) {
        let Some(texts) = item
            .get("passage_id")
            .and_then(Value::as_str)
            .and_then(|id| texts.get(id))
        else {
            continue;
        };
        for field in STRING_FIELDS {
            if item.get(field).is_some_and(|v| Some(v) == texts.get(field)) {
                item.remove(field);
            }
        }
        for field in HIGHLIGHTED_FIELDS {
            let same = texts
                .get(field)
                .filter(|t| t.is_string())
                .is_some_and(|t| item.get(field).and_then(|h| h.get("text")) == Some(t));
            if same && let Some(Value::Object(highlighted)) = item.get_mut(field) {
                highlighted.remove("text");
            }
        }
    }
    serde_json::to_string(&value).ok()
}

/// Puts a logged reply back together. `texts` holds the snapshot texts (JSON) of its passages
/// as its corpus version had them, by passage id. None if it cannot be (a text is missing).
pub fn unpack(logged: &str, texts: &HashMap<String, String>) -> Option<Reply> {
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
        for field in STRING_FIELDS {
            if !item.contains_key(field)
                && let Some(v) = saved.get(field)
            {
                item.insert(field.to_string(), v.clone());
            }
        }
        for field in HIGHLIGHTED_FIELDS {
            if let Some(Value::Object(highlighted)) = item.get_mut(field)
                && !highlighted.contains_key("text")
                && let Some(v) = saved.get(field)
            {
                highlighted.insert("text".to_string(), v.clone());
            }
        }
    }
    serde_json::from_value(value).ok()
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
