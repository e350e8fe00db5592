//! The Tantivy schema fathom indexes passages with, the text analyzer shared by indexing,
//! querying and highlighting, and the mapping from a `Passage` to a Tantivy document.

use crate::corpus::{Corpus, Passage, Status};
use crate::search::legal_refs;
use std::collections::{HashMap, HashSet};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};

/// Bumped whenever the schema or the analysis changes, so existing indexes get rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

/// The name the analyzer is registered under in the index.
pub const ANALYZER: &str = "fathom_en";

/// Words that carry no meaning in a question ("what did they say about it", "is anyone even
/// saying..."). Kept short on purpose: "no", "not" and "against" matter in this domain ("no
/// quarter").
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "if", "in", "into",
    "is", "it", "its", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "were", "will", "with", "what", "whats", "whos", "hows", "wheres",
    "thats", "theres", "which", "who", "whom", "how", "why", "when", "where", "do", "does", "did",
    "can", "could", "would", "should", "so", "wait", "i", "me", "my", "we", "you", "your", "he",
    "she", "him", "her", "his", "them", "about", "actually", "really", "just", "any", "some",
    "there", "here", "has", "have", "had", "get", "got", "tell", "say", "said", "says", "pls",
    "please", "hey", "lol", "like", "thing", "stuff", "ok", "okay", "even", "think", "anyone",
    "someone", "anybody", "still", "ever", "saying", "guys", "ppl", "yall", "gonna", "wanna",
    "know", "u", "ur", "im", "dont", "doesnt", "isnt", "wasnt", "s", "t",
];

/// Whether `word` (lowercased) is a stop word: dropped from queries and the index, and never
/// "corrected" as a typo.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The analyzer: split on non-alphanumerics, fold accents (Tadić → tadic), lowercase, drop stop
/// words, English stemming.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The fields of a passage document.
#[derive(Clone, Copy)]
pub struct Fields {
    pub passage_id: Field,
    pub ordinal: Field,
    pub citation: Field,
    pub title: Field,
    pub topics: Field,
    pub tags: Field,
    pub quote: Field,
    pub note: Field,
    pub kind: Field,
    pub concepts: Field,
}

impl Fields {
    /// Every searched field with its boost, tuned on the eval set (see BENCHMARKS.md): the
    /// pinpoint citation (and the names people give a legal text) and the tags a passage is
    /// known by count most, then the note and the concepts (glossary names and claim wordings
    /// grounded in the passage), then the quote and topics. The source's title counts least:
    /// it is the same for every passage of a source, so a long source drowns the others if its
    /// title weighs much. The FTS5 baseline uses the same weights for the fields it has.
    pub fn weighted(&self) -> [(Field, f32); 8] {
        [
            (self.citation, 2.0),
            (self.tags, 2.0),
            (self.topics, 1.0),
            (self.title, 0.5),
            (self.quote, 1.0),
            (self.note, 1.5),
            (self.kind, 0.25),
            (self.concepts, 1.0),
        ]
    }

    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            passage_id: schema.get_field("passage_id")?,
            ordinal: schema.get_field("ordinal")?,
            citation: schema.get_field("citation")?,
            title: schema.get_field("title")?,
            topics: schema.get_field("topics")?,
            tags: schema.get_field("tags")?,
            quote: schema.get_field("quote")?,
            note: schema.get_field("note")?,
            kind: schema.get_field("kind")?,
            concepts: schema.get_field("concepts")?,
        })
    }
}

pub fn schema() -> Schema {
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut builder = Schema::builder();
    builder.add_text_field("passage_id", STRING | STORED);
    builder.add_u64_field("ordinal", FAST | STORED);
    for name in [
        "citation", "title", "topics", "tags", "quote", "note", "kind", "concepts",
    ] {
        builder.add_text_field(name, text.clone());
    }
    builder.build()
}

/// The searchable text of one passage, field by field, before legal-reference expansion. The
/// FTS5 baseline indexes the same text, so both engines see the same words.
#[derive(Debug, Clone, Default)]
pub struct PassageText {
    pub citation: String,
    pub title: String,
    pub topics: String,
    pub tags: String,
    pub quote: Option<String>,
    pub note: String,
    pub kind: String,
}

impl PassageText {
    /// Every field's text, one after another.
    pub fn joined(&self) -> String {
        [&self.citation, &self.title, &self.topics, &self.tags]
            .into_iter()
            .chain(self.quote.as_ref())
            .chain([&self.note, &self.kind])
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn passage_text(corpus: &Corpus, p: &Passage) -> PassageText {
    // Aliases of a legal text are names of that text ("art 51"): they count as its citation.
    // Aliases of other passages are what the passage is about: they count as tags, so a
    // commentary tagged "Article 51" does not outrank Article 51 itself.
    let is_law = p.status == Status::Law;
    let mut t = PassageText {
        citation: corpus.citation(p),
        quote: p.quote.clone(),
        note: p.note.clone(),
        kind: format!("{} {}", p.status.label(), p.status.as_str()),
        ..PassageText::default()
    };
    for alias in &p.aliases {
        let target = if is_law { &mut t.citation } else { &mut t.tags };
        target.push('\n');
        target.push_str(alias);
    }
    for scope in &p.scope {
        t.kind.push(' ');
        t.kind.push_str(scope.label());
    }
    if let Some(source) = corpus.source_of(p) {
        t.title.push_str(&source.title);
        for part in [&source.short, &source.publisher, &source.author]
            .into_iter()
            .flatten()
        {
            t.title.push('\n');
            t.title.push_str(part);
        }
        for alias in &source.aliases {
            let target = if is_law {
                &mut t.citation
            } else {
                &mut t.title
            };
            target.push('\n');
            target.push_str(alias);
        }
        t.kind.push(' ');
        t.kind.push_str(source.kind.label());
    }
    for id in &p.topics {
        t.topics.push_str(id);
        t.topics.push('\n');
        if let Some(topic) = corpus.topic(id) {
            t.topics.push_str(&topic.label);
            t.topics.push('\n');
        }
    }
    t
}

/// For each passage, the names of the glossary terms grounded in it and the wordings of the
/// claims it is cited for (made in, supporting, countering): what people call what the passage
/// is about. Indexed in the `concepts` field, so "police" finds UN Basic Principle 9 through
/// the glossary's "police rules" even though the principle says "law enforcement officials".
pub fn concept_texts(corpus: &Corpus) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    let mut added: HashSet<(String, String)> = HashSet::new();
    let mut add = |id: &str, key: &str, text: &str| {
        if added.insert((id.to_string(), key.to_string())) {
            let e = out.entry(id.to_string()).or_default();
            e.push_str(text);
            e.push('\n');
        }
    };
    for term in &corpus.terms {
        let names = term.names().join("\n");
        for id in &term.passages {
            add(id, &term.id, &names);
        }
    }
    for claim in &corpus.claims {
        let wordings: Vec<&str> = claim.wordings().map(String::as_str).collect();
        let text = wordings.join("\n");
        for id in claim.cited_passages() {
            add(id, &claim.id, &text);
        }
    }
    out
}

/// The document for one passage. `ordinal` is its position in `corpus.passages`; `concepts`
/// comes from `concept_texts`.
pub fn document(
    corpus: &Corpus,
    fields: &Fields,
    ordinal: usize,
    p: &Passage,
    concepts: &HashMap<String, String>,
) -> TantivyDocument {
    let t = passage_text(corpus, p);
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.passage_id, &p.id);
    doc.add_u64(fields.ordinal, ordinal as u64);
    doc.add_text(fields.citation, legal_refs::expand(&t.citation));
    doc.add_text(fields.title, legal_refs::expand(&t.title));
    doc.add_text(fields.topics, legal_refs::expand(&t.topics));
    doc.add_text(fields.tags, legal_refs::expand(&t.tags));
    if let Some(quote) = &t.quote {
        doc.add_text(fields.quote, legal_refs::expand(quote));
    }
    doc.add_text(fields.note, legal_refs::expand(&t.note));
    doc.add_text(fields.kind, t.kind);
    if let Some(names) = concepts.get(&p.id) {
        doc.add_text(fields.concepts, legal_refs::expand(names));
    }
    doc
}

/// The analyzed terms of `text`, with their positions.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}
