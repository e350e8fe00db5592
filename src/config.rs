//! Settings: `.env` (via dotenvy) if present, then the environment. Every setting has a
//! default except the Discord token, which only `serve` needs. Reading the settings has no side
//! effect: nothing is created until `App::open` opens the store.

use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} must be {expected}, got `{value}`")]
    Invalid {
        name: &'static str,
        expected: &'static str,
        value: String,
    },
}

#[derive(Clone)]
pub struct Config {
    /// Where the generated Tantivy index lives (`FATHOM_INDEX_DIR`, default `index/tantivy`).
    pub index_dir: PathBuf,
    /// The corpus folder (`FATHOM_CORPUS_DIR`, default `index`).
    pub corpus_dir: PathBuf,
    /// The query-log database (`DATABASE_URL`, default `sqlite://data/fathom.db?mode=rwc`).
    pub database_url: String,
    /// Salt for hashing user ids (`FATHOM_USER_SALT`; default: a random salt the store
    /// creates on first run and keeps in the database).
    pub user_salt: Option<String>,
    /// The bot token (`DISCORD_TOKEN`): only `serve` needs it. Never logged.
    pub discord_token: Option<String>,
    /// Register commands to this guild only (`DISCORD_GUILD_ID`), for instant updates.
    pub discord_guild_id: Option<u64>,
    /// Days a query-log row is kept (`FATHOM_LOG_RETENTION_DAYS`, default 90).
    pub log_retention_days: u32,
    /// Whether `/ask` answers privately unless told otherwise (`FATHOM_PRIVATE_BY_DEFAULT`, default true).
    pub private_by_default: bool,
    /// Per-user cooldown between commands (`FATHOM_USER_COOLDOWN_SECS`, default 3).
    pub user_cooldown: Duration,
    /// Per-channel cooldown between public posts (`FATHOM_CHANNEL_COOLDOWN_SECS`, default 10).
    pub channel_cooldown: Duration,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Hand-written so that the token and the salt can never end up in a log line.
        f.debug_struct("Config")
            .field("index_dir", &self.index_dir)
            .field("corpus_dir", &self.corpus_dir)
            .field("database_url", &self.database_url)
            .field("user_salt", &"<redacted>")
            .field(
                "discord_token",
                &self.discord_token.as_ref().map(|_| "<redacted>"),
            )
            .field("discord_guild_id", &self.discord_guild_id)
            .field("log_retention_days", &self.log_retention_days)
            .field("private_by_default", &self.private_by_default)
            .field("user_cooldown", &self.user_cooldown)
            .field("channel_cooldown", &self.channel_cooldown)
            .finish()
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/fathom.db?mode=rwc";

impl Config {
    /// Loads `.env` from the working directory (if any), then reads the environment.
    pub fn load() -> Result<Config, ConfigError> {
        let _ = dotenvy::dotenv();
        Config::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Builds the configuration from a lookup function (the environment, or a test's map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let corpus_dir = get("FATHOM_CORPUS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(default_corpus_dir);
        let index_dir = get("FATHOM_INDEX_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| corpus_dir.join("tantivy"));
        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        let user_salt = get("FATHOM_USER_SALT");
        let discord_guild_id = match get("DISCORD_GUILD_ID") {
            Some(v) => Some(v.trim().parse().map_err(|_| ConfigError::Invalid {
                name: "DISCORD_GUILD_ID",
                expected: "a numeric guild id",
                value: v,
            })?),
            None => None,
        };
        Ok(Config {
            index_dir,
            corpus_dir,
            database_url,
            user_salt,
            discord_token: get("DISCORD_TOKEN").map(|t| t.trim().to_string()),
            discord_guild_id,
            log_retention_days: number(&get, "FATHOM_LOG_RETENTION_DAYS", 90)?,
            private_by_default: boolean(&get, "FATHOM_PRIVATE_BY_DEFAULT", true)?,
            user_cooldown: Duration::from_secs(
                number(&get, "FATHOM_USER_COOLDOWN_SECS", 3)?.into(),
            ),
            channel_cooldown: Duration::from_secs(
                number(&get, "FATHOM_CHANNEL_COOLDOWN_SECS", 10)?.into(),
            ),
        })
    }
}

/// `index` in the working directory, or the corpus shipped beside the sources when run from
/// elsewhere.
fn default_corpus_dir() -> PathBuf {
    let local = PathBuf::from("index");
    if local.join("topics.toml").exists() {
        return local;
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("index");
    if shipped.join("topics.toml").exists() {
        shipped
    } else {
        local
    }
}

/// A database URL fit to print: any password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{path}")
        }
        None => url.to_string(),
    }
}

fn number(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: u32,
) -> Result<u32, ConfigError> {
    match get(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| ConfigError::Invalid {
            name,
            expected: "a whole number",
            value: v,
        }),
    }
}

fn boolean(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(name).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        Some(v) => Err(ConfigError::Invalid {
            name,
            expected: "true or false",
            value: v,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn defaults_and_overrides() {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}/x.db", dir.path().display());
        let env: HashMap<&str, String> = [("DATABASE_URL", db.clone())].into_iter().collect();
        let c = Config::from_lookup(|k| env.get(k).cloned()).unwrap();
        assert_eq!(c.database_url, db);
        assert_eq!(c.log_retention_days, 90);
        assert!(c.private_by_default);
        assert!(c.discord_token.is_none());
        assert!(c.user_salt.is_none());
        // Reading the settings creates nothing.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let salted = Config::from_lookup(|k| {
            (k == "FATHOM_USER_SALT")
                .then(|| "pepper".to_string())
                .or_else(|| env.get(k).cloned())
        })
        .unwrap();
        assert!(!format!("{salted:?}").contains("pepper"));
    }

    #[test]
    fn passwords_never_reach_a_printed_url() {
        assert_eq!(
            redact_url("postgres://fathom:s3cret@127.0.0.1:5432/fathom"),
            "postgres://fathom:***@127.0.0.1:5432/fathom"
        );
        assert_eq!(
            redact_url("sqlite://data/fathom.db"),
            "sqlite://data/fathom.db"
        );
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        let env: HashMap<&str, String> = [
            ("FATHOM_USER_SALT", "s".to_string()),
            ("FATHOM_LOG_RETENTION_DAYS", "ninety".to_string()),
        ]
        .into_iter()
        .collect();
        let err = Config::from_lookup(|k| env.get(k).cloned())
            .unwrap_err()
            .to_string();
        assert!(err.contains("FATHOM_LOG_RETENTION_DAYS"), "{err}");
    }
}
