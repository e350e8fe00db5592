//! Opening, running and shutting down fathom: `App::open` loads the corpus, opens (or builds)
//! the index, opens the store (whose failure only turns the log off), starts the log writer and
//! the retention task; `App::shutdown` stops the task and drains the log. The CLI, `serve` and
//! the measuring tools all start and stop through here.

use crate::commands::{Fathom, Settings};
use crate::config::Config;
use crate::corpus::{self, CorpusError};
use crate::search::{SearchError, SearchIndex};
use crate::store::{LogWriter, QueryLog, Store, WriterReport};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How often log rows past the retention window are purged (the first purge runs at open).
pub const PURGE_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// How long shutdown lets a purge under way finish before it is abandoned (SQLite rolls it
/// back; the next start purges again).
const PURGE_GRACE: Duration = Duration::from_secs(1);

/// How many log rows may wait for the writer before answers wait for room.
const LOG_QUEUE: usize = 4096;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// Whether calls are logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logging {
    On,
    /// No store, no log (measurements of the search alone).
    Off,
}

/// A running fathom: the engine, and what must be stopped with it.
pub struct App {
    fathom: Arc<Fathom>,
    writer: Option<LogWriter>,
    retention: Option<Retention>,
}

/// The retention task, and how to tell it to stop.
struct Retention {
    stop: tokio::sync::watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl App {
    /// Opens fathom as `config` describes. `on_build` is told about a first-run index build.
    pub async fn open(
        config: &Config,
        logging: Logging,
        on_build: impl FnMut(u64) -> ControlFlow<()>,
    ) -> Result<App, AppError> {
        let corpus = Arc::new(corpus::load(&config.corpus_dir)?);
        let search = SearchIndex::open_or_build(&corpus, &config.index_dir, on_build)?;
        let store = match logging {
            Logging::Off => None,
            Logging::On => open_store(config).await,
        };
        let salt = match (&config.user_salt, &store) {
            (Some(salt), _) => salt.clone(),
            (None, Some(store)) => store.user_salt().await.unwrap_or_else(|e| {
                tracing::warn!(
                    "could not read the salt from the database ({e}); using one for this run only"
                );
                random_salt()
            }),
            // Nothing is stored, so nothing needs to match later.
            (None, None) => random_salt(),
        };
        let (log, writer) = match logging {
            Logging::On => {
                let (log, writer) = QueryLog::start(store.clone(), LOG_QUEUE);
                (log, Some(writer))
            }
            Logging::Off => (QueryLog::disabled(), None),
        };
        let settings = Settings {
            retention_days: config.log_retention_days,
        };
        let fathom =
            Arc::new(Fathom::new(corpus, search, store.clone(), log, salt).with_settings(settings));
        fathom.snapshot().await;
        let retention = store.map(|store| {
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let task = tokio::spawn(retain(store, config.log_retention_days, stopped));
            Retention { stop, task }
        });
        Ok(App {
            fathom,
            writer,
            retention,
        })
    }

    pub fn fathom(&self) -> &Arc<Fathom> {
        &self.fathom
    }

    /// Stops the retention task and drains the query log; reports what the log wrote.
    pub async fn shutdown(self) -> WriterReport {
        let App {
            fathom,
            writer,
            retention,
        } = self;
        drop(fathom);
        if let Some(Retention { stop, mut task }) = retention {
            let _ = stop.send(true);
            if tokio::time::timeout(PURGE_GRACE, &mut task).await.is_err() {
                task.abort();
            }
        }
        match writer {
            Some(writer) => writer.finish().await,
            None => WriterReport::default(),
        }
    }
}

/// The store, or None (reported once) if it cannot be opened: answers go on without a log.
async fn open_store(config: &Config) -> Option<Store> {
    match Store::open(&config.database_url).await {
        Ok(store) => Some(store),
        Err(e) => {
            tracing::warn!(
                "cannot open the query log at {} ({e}); answers continue without logging",
                crate::config::redact_url(&config.database_url)
            );
            None
        }
    }
}

/// Purges log rows past the retention window now, then once a day, until told to stop (a
/// purge under way is finished first).
async fn retain(store: Store, days: u32, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    loop {
        tokio::select! {
            _ = every.tick() => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        match store.purge_older_than(days).await {
            Ok(n) => tracing::info!("purged {n} log rows older than {days} days"),
            Err(e) => tracing::warn!("could not purge old log rows: {e}"),
        }
    }
}

/// A random salt: 32 bytes in hex.
pub fn random_salt() -> String {
    (0..32)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect()
}
