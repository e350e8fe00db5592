//! The commands, transport-free: one method per command on `Fathom`, each taking typed
//! arguments and a `Caller` and returning a `Reply`. The CLI and the Discord layer only parse
//! arguments and render replies; everything a command does happens here, including logging.

mod answer;
pub mod archive;
mod ask;
pub mod check;
pub mod complete;
mod define;
pub mod feedback;
mod find_sources;
pub mod help;
mod more;
pub mod privacy;
pub mod quiz;
mod rebut;
mod record;
pub mod reply;
mod source;
mod stats;
mod study;
pub mod timeline;

pub use reply::{Footer, Item, NOT_LEGAL_ADVICE, Reply};

use crate::config::Config;
use crate::corpus::{self, Corpus, CorpusError};
use crate::search::{Highlighted, SearchError, SearchIndex};
use crate::store::{self, LogEntry, LogWriter, QueryLog, Store};
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Instant;

/// Where a call came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Cli,
    Discord,
}

impl Transport {
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Cli => "cli",
            Transport::Discord => "discord",
        }
    }
}

/// Who is calling, for the log (the user id is hashed before it is stored).
#[derive(Debug, Clone)]
pub struct Caller {
    pub transport: Transport,
    pub user_id: String,
    pub guild_id: Option<String>,
    pub channel_id: Option<String>,
}

impl Caller {
    /// The person at the terminal.
    pub fn cli() -> Caller {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "terminal".into());
        Caller {
            transport: Transport::Cli,
            user_id: format!("cli:{user}"),
            guild_id: None,
            channel_id: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FathomError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// The number of passages an answer shows by default.
pub const DEFAULT_K: usize = 3;
/// The most passages one answer may show.
pub const MAX_K: usize = 25;

/// fathom itself: the corpus, its index, the store and the query log.
pub struct Fathom {
    pub corpus: Arc<Corpus>,
    pub search: SearchIndex,
    store: Option<Store>,
    log: QueryLog,
    salt: String,
    /// This corpus version's passage texts, once they are saved in the store (see `archive`):
    /// settled once, at `open` or on the first logged answer; None if they could not be saved.
    snapshot: tokio::sync::OnceCell<Option<archive::Texts>>,
}

impl Fathom {
    pub fn new(
        corpus: Arc<Corpus>,
        search: SearchIndex,
        store: Option<Store>,
        log: QueryLog,
        salt: String,
    ) -> Fathom {
        Fathom {
            corpus,
            search,
            store,
            log,
            salt,
            snapshot: tokio::sync::OnceCell::new(),
        }
    }

    /// This corpus version's passage texts, saved in the store first if they are not there yet
    /// (once); None without a store or if they could not be saved (answers are then logged
    /// with their texts).
    async fn snapshot(&self) -> Option<&archive::Texts> {
        let store = self.store.as_ref()?;
        self.snapshot
            .get_or_init(|| async {
                let texts = archive::snapshot(&self.corpus);
                let rows: Vec<(String, String)> = texts
                    .iter()
                    .filter_map(|(id, t)| Some((id.clone(), serde_json::to_string(t).ok()?)))
                    .collect();
                match store.save_snapshot(&self.corpus.version, &rows).await {
                    Ok(_) => Some(texts),
                    Err(e) => {
                        tracing::warn!("could not save the corpus snapshot: {e}");
                        None
                    }
                }
            })
            .await
            .as_ref()
    }

    /// Loads the corpus, opens (or builds) the index and the database, purges log rows past
    /// the retention window, and starts the log writer. A database that cannot be opened is
    /// reported once and answers go on without a log.
    pub async fn open(
        config: &Config,
        on_build: impl FnMut(u64) -> ControlFlow<()>,
    ) -> Result<(Fathom, LogWriter), FathomError> {
        let corpus = Arc::new(corpus::load(&config.corpus_dir)?);
        let search = SearchIndex::open_or_build(&corpus, &config.index_dir, on_build)?;
        let store = match Store::open(&config.database_url).await {
            Ok(store) => {
                if let Err(e) = store.purge_older_than(config.log_retention_days).await {
                    tracing::warn!("could not purge old log rows: {e}");
                }
                Some(store)
            }
            Err(e) => {
                eprintln!(
                    "fathom: cannot open the query log at {} ({e}); answers continue without logging",
                    config.database_url
                );
                None
            }
        };
        let (log, writer) = QueryLog::start(store.clone(), 4096);
        let fathom = Fathom::new(corpus, search, store, log, config.user_salt.clone());
        fathom.snapshot().await;
        Ok((fathom, writer))
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn version(&self) -> &str {
        &self.corpus.version
    }

    /// The salted hash that stands for this caller in the database.
    pub fn user_hash(&self, caller: &Caller) -> String {
        store::hash_user(&self.salt, &caller.user_id)
    }

    /// Highlights `terms` in a text.
    fn highlighter<'a>(&'a self, terms: &'a HashSet<String>) -> impl Fn(&str) -> Highlighted + 'a {
        move |text| self.search.highlight(text, terms)
    }

    /// Gives the reply an answer id and logs the call (off the reply path).
    async fn finish(
        &self,
        caller: &Caller,
        command: &str,
        query: &str,
        mut reply: Reply,
        started: Instant,
        with_answer_id: bool,
    ) -> Reply {
        if with_answer_id && !reply.is_error {
            reply.footer.answer_id = Some(new_answer_id());
        }
        if !self.log.is_enabled() {
            return reply;
        }
        let top_score = reply
            .items
            .iter()
            .filter_map(|i| i.score)
            .fold(None, |best: Option<f64>, s| {
                Some(best.map_or(f64::from(s), |b| b.max(f64::from(s))))
            });
        let reply_packed = match &reply.footer.answer_id {
            None => None,
            Some(_) => {
                // Without a saved snapshot, nothing is left out.
                let none = archive::Texts::new();
                let texts = self.snapshot().await.unwrap_or(&none);
                archive::pack(&mut reply, texts)
            }
        };
        let entry = LogEntry {
            ts: store::now_ms(),
            transport: caller.transport.as_str().to_string(),
            guild_id: caller.guild_id.clone(),
            channel_id: caller.channel_id.clone(),
            user_hash: self.user_hash(caller),
            command: command.to_string(),
            query: query.chars().take(2_000).collect(),
            passage_ids: reply.passage_ids(),
            hit_count: reply.items.len(),
            top_score,
            latency_us: started.elapsed().as_micros() as u64,
            answer_id: reply.footer.answer_id.clone(),
            corpus_version: self.corpus.version.clone(),
            reply_packed,
        };
        self.log.record(entry).await;
        reply
    }

    /// The topics fathom covers.
    pub async fn topics(&self, caller: &Caller) -> Reply {
        let started = Instant::now();
        let mut reply = Reply::new("topics", "What fathom covers", self.version());
        reply.intro = Some(format!(
            "{} sources, {} passages, {} timeline events, {} glossary terms, {} claims reviewed.",
            self.corpus.sources.len(),
            self.corpus.passages.len(),
            self.corpus.events.len(),
            self.corpus.terms.len(),
            self.corpus.claims.len()
        ));
        for topic in &self.corpus.topics {
            let n = self
                .corpus
                .passages
                .iter()
                .filter(|p| p.topics.contains(&topic.id))
                .count();
            reply.lines.push(format!(
                "{} ({}, {n} passages): {}",
                topic.label, topic.id, topic.description
            ));
        }
        self.finish(caller, "topics", "", reply, started, false)
            .await
    }
}

/// A short, random answer id: 8 characters of `a-z0-9`.
pub fn new_answer_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..8)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Lowercase words of a text, for loose matching of names (terms, topics, claims).
pub(crate) fn normalise(text: &str) -> String {
    let expanded = crate::search::legal_refs::expand(text);
    expanded
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
