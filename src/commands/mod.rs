//! The commands, transport-free. `table` lists them; a transport turns what a person typed
//! into a `Request` and calls `Fathom::run`, which answers it with a `Reply` (plain data each
//! transport renders) and logs the call. One file per command holds its handler. No serenity
//! type, no terminal and no clap here.

mod answer;
pub mod archive;
pub mod ask;
pub mod caller;
mod check;
pub mod complete;
mod define;
pub mod feedback;
mod find_sources;
pub mod help;
pub mod privacy;
pub mod quiz;
mod rebut;
pub use rebut::paste as rebuttal_text;
pub mod reply;
pub mod request;
mod source;
mod stats;
mod study;
pub mod table;
pub mod timeline;
mod topics;

pub use ask::{MIN_COVERED, WHAT_IT_COVERS, lacks_relevance};
pub use caller::{Caller, Transport};
pub use reply::{
    ActorCard, Card, ClaimMatch, Extra, Footer, Item, NOT_LEGAL_ADVICE, Reply, RoleLine, Section,
    Suggestion, TermCard,
};
pub use request::{Lang, LangChoice, Options, ParseError, Request, Value};
pub use table::{Command, Event, Logged};

use crate::corpus::Corpus;
use crate::search::{Highlighted, SearchIndex};
use crate::store::{self, LogEntry, QueryLog, Store};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

/// The number of passages an answer shows by default.
pub const DEFAULT_K: usize = 3;
/// The most passages one answer may show.
pub const MAX_K: usize = 25;

/// What a deployment decides about its answers.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Days a log row is kept (said by `privacy`).
    pub retention_days: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { retention_days: 90 }
    }
}

/// fathom itself: the corpus, its index, the store and the query log.
pub struct Fathom {
    pub corpus: Arc<Corpus>,
    pub search: SearchIndex,
    store: Option<Store>,
    log: QueryLog,
    salt: String,
    settings: Settings,
    /// This corpus version's passage texts, once they are saved in the store (see `archive`):
    /// settled once, at open or on the first logged answer; None if they could not be saved.
    snapshot: tokio::sync::OnceCell<Option<archive::Texts>>,
    /// The corpus's legal references, for `check`: built on first use.
    citations: std::sync::OnceLock<crate::search::citations::RefTable>,
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
            settings: Settings::default(),
            snapshot: tokio::sync::OnceCell::new(),
            citations: std::sync::OnceLock::new(),
        }
    }

    pub fn with_settings(mut self, settings: Settings) -> Fathom {
        self.settings = settings;
        self
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

    /// Answers a request and logs the call (off the reply path).
    pub async fn run(&self, caller: &Caller, request: Request) -> Reply {
        let started = Instant::now();
        let command = request.command();
        let query = request.log_query();
        let reply = self.reply_to(caller, request).await;
        // Whoever asks to be forgotten is not logged as having asked.
        let logged_as = match command {
            Command::ForgetMe => caller.anonymous(),
            _ => caller.clone(),
        };
        self.finish(&logged_as, Logged::Command(command), &query, reply, started)
            .await
    }

    /// The reply to a request: each command's handler.
    async fn reply_to(&self, caller: &Caller, request: Request) -> Reply {
        match request {
            Request::Ask {
                question,
                k,
                offset,
                lang: _,
            } => self.ask_reply(&question, k, offset),
            Request::More { answer_id, offset } => self.more_reply(&answer_id, offset).await,
            Request::Answer { id } => self.answer_reply(&id).await,
            Request::Define { term, lang: _ } => self.define_reply(&term),
            Request::Timeline {
                from,
                to,
                topic,
                newest,
                offset,
                limit,
            } => self.timeline_reply(
                &timeline::Filter {
                    from,
                    to,
                    topic,
                    newest,
                },
                offset,
                limit,
            ),
            Request::Source { id } => self.source_reply(&id),
            Request::Sources { query, offset } => self.sources_reply(query.as_deref(), offset),
            Request::Topics => self.topics_reply(),
            Request::Help => self.help_reply(),
            Request::Privacy => self.privacy_reply(),
            Request::ForgetMe => self.forget_me_reply(caller).await,
            Request::Rebut { claim, lang: _ } => self.rebut_reply(&claim),
            Request::Check { text } | Request::CheckCitations { text } => self.check_reply(&text),
            Request::Stats { days } => self.stats_reply(caller, days).await,
            Request::FindSources { text } => self.find_sources_reply(&text),
            Request::Study { topic, limit } => self.study_reply(&topic, limit),
            Request::Quiz { topic } => {
                self.quiz_reply(topic.as_deref(), |n| rand::random_range(0..n))
            }
            Request::QuizScores => self.quiz_scores_reply(caller).await,
            Request::QuizAnswer {
                id,
                choice,
                display_name,
            } => {
                self.quiz_answer_reply(caller, &id, choice, &display_name)
                    .await
            }
            Request::Feedback { answer_id, vote } => {
                self.feedback_reply(caller, &answer_id, vote).await
            }
        }
    }

    /// Logs an interaction that runs no command of its own (posting an answer, dismissing it,
    /// a refusal), so that every interaction is in the query log.
    pub async fn record(&self, caller: &Caller, event: Event, detail: &str) {
        let started = Instant::now();
        if self.log.is_enabled() {
            let entry = self.log_entry(caller, Logged::Event(event), detail, None, started);
            self.log.record(entry).await;
        }
    }

    /// A reply to a request that could not be made (bad options), logged like any other.
    pub async fn refuse(&self, caller: &Caller, command: Command, problem: &ParseError) -> Reply {
        let started = Instant::now();
        let reply = Reply::problem(command, problem.0.clone(), self.version());
        self.finish(caller, Logged::Command(command), "", reply, started)
            .await
    }

    /// This corpus version's passage texts, saved in the store first if they are not there yet
    /// (once); None without a store or if they could not be saved (answers are then logged
    /// with their texts).
    pub async fn snapshot(&self) -> Option<&archive::Texts> {
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

    /// Highlights `terms` in a text.
    fn highlighter<'a>(&'a self, terms: &'a HashSet<String>) -> impl Fn(&str) -> Highlighted + 'a {
        move |text| self.search.highlight(text, terms)
    }

    /// Gives the reply an answer id (for the commands that have one) and logs the call.
    async fn finish(
        &self,
        caller: &Caller,
        logged: Logged,
        query: &str,
        mut reply: Reply,
        started: Instant,
    ) -> Reply {
        let with_answer_id = matches!(logged, Logged::Command(c) if c.has_answer_id());
        if with_answer_id && !reply.is_error {
            reply.footer.answer_id = Some(new_answer_id());
        }
        // Every answer says how current its sources are.
        if reply.footer.current_to.is_none() {
            reply.footer.current_to = self.corpus.current_to.clone();
        }
        if !self.log.is_enabled() {
            return reply;
        }
        let reply_packed = match &reply.footer.answer_id {
            None => None,
            Some(_) => {
                // Without a saved snapshot, nothing is left out.
                let none = archive::Texts::new();
                let texts = self.snapshot().await.unwrap_or(&none);
                archive::pack(&mut reply, texts)
            }
        };
        let mut entry = self.log_entry(caller, logged, query, Some(&reply), started);
        entry.reply_packed = reply_packed;
        self.log.record(entry).await;
        reply
    }

    /// The log row of a call (without the packed reply).
    fn log_entry(
        &self,
        caller: &Caller,
        logged: Logged,
        query: &str,
        reply: Option<&Reply>,
        started: Instant,
    ) -> LogEntry {
        let top_score = reply
            .into_iter()
            .flat_map(|r| &r.items)
            .filter_map(|i| i.score)
            .map(f64::from)
            .reduce(f64::max);
        LogEntry {
            ts: store::now_ms(),
            transport: caller.transport,
            guild_id: caller.guild_id.clone(),
            channel_id: caller.channel_id.clone(),
            user_hash: self.user_hash(caller),
            command: logged,
            query: query.chars().take(2_000).collect(),
            passage_ids: reply.map(Reply::passage_ids).unwrap_or_default(),
            hit_count: reply.map_or(0, |r| r.items.len()),
            top_score,
            latency_us: started.elapsed().as_micros() as u64,
            answer_id: reply.and_then(|r| r.footer.answer_id.clone()),
            corpus_version: self.corpus.version.clone(),
            reply_packed: None,
        }
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
    crate::search::plain_words(&crate::search::legal_refs::expand(text))
}
