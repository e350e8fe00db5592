//! Settings: `.env` (via dotenvy) if present, then the environment. Every setting has a
//! default except the Discord token, which only `serve` needs.

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
    #[error("cannot create {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
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
    /// Salt for hashing user ids (`FATHOM_USER_SALT`; default: a random salt kept in
    /// `data/salt`, created on first run).
    pub user_salt: String,
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
        let user_salt = match get("FATHOM_USER_SALT") {
            Some(salt) => salt,
            None => persistent_salt(&data_dir(&database_url))?,
        };
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

/// The folder the database file lives in (`data` by default).
fn data_dir(database_url: &str) -> PathBuf {
    crate::store::sqlite_path(database_url)
        .and_then(|p| Path::new(&p).parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("data"))
}

/// A random salt kept in `<data>/salt`, created (mode 0600) on first use.
fn persistent_salt(dir: &Path) -> Result<String, ConfigError> {
    let path = dir.join("salt");
    if let Ok(salt) = std::fs::read_to_string(&path)
        && !salt.trim().is_empty()
    {
        return Ok(salt.trim().to_string());
    }
    std::fs::create_dir_all(dir).map_err(|source| ConfigError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let salt: String = (0..32)
        .map(|_| format!("{:02x}", rand::random::<u8>()))
        .collect();
    write_private(&path, &salt).map_err(|source| ConfigError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(salt)
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
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
        // The salt is created once and then reused.
        let again = Config::from_lookup(|k| env.get(k).cloned()).unwrap();
        assert_eq!(c.user_salt, again.user_salt);
        assert_eq!(c.user_salt.len(), 64);
        assert!(!format!("{c:?}").contains(&c.user_salt));
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
