//! Running the bot: the HTTP client (pointed at Discord, or at another base URL such as a test's
//! fake Discord on loopback), the gateway client, the daily purge of old log rows, and a clean
//! shutdown (the gateway closes; the caller then drains the query log).

use super::bot::{Bot, Handler, Settings};
use crate::commands::Fathom;
use crate::config::Config;
use serenity::all::{
    ClientBuilder, CreateAllowedMentions, GatewayIntents, Http, HttpBuilder, Permissions,
};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// No intents at all: interactions arrive without any, and no privileged intent (message
/// content, members, presence) is needed — a context-menu command receives its message.
pub const INTENTS: GatewayIntents = GatewayIntents::empty();

/// The permissions to invite the bot with: View Channels, Send Messages, Send Messages in
/// Threads, Embed Links, Attach Files (reading-list downloads), Read Message History ("Post as
/// reply").
pub const INVITE_PERMISSIONS: Permissions = Permissions::VIEW_CHANNEL
    .union(Permissions::SEND_MESSAGES)
    .union(Permissions::SEND_MESSAGES_IN_THREADS)
    .union(Permissions::EMBED_LINKS)
    .union(Permissions::ATTACH_FILES)
    .union(Permissions::READ_MESSAGE_HISTORY);

/// How often log rows past the retention window are purged.
pub const PURGE_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{}", setup_message())]
    NoToken,
    #[error(
        "the Discord API at {base} did not answer GET /api/v10/gateway ({source}); not connecting anywhere else"
    )]
    Gateway {
        base: String,
        source: serenity::Error,
    },
    #[error(
        "the Discord connection failed: {0}. If Discord rejected the token, reset it in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN"
    )]
    Client(#[from] serenity::Error),
}

/// What to do when there is no token: how to create the bot application, which intents (none
/// privileged) and permissions it needs, and how to invite it.
pub fn setup_message() -> String {
    format!(
        "DISCORD_TOKEN is not set, so fathom cannot connect to Discord.

To run fathom in your server:
  1. Open https://discord.com/developers/applications → New Application, and name it.
  2. Bot → Reset Token: copy the token into .env as DISCORD_TOKEN=... (or the environment).
     Privileged Gateway Intents: leave all three OFF; fathom needs none (no intents at all).
  3. Installation (or OAuth2 → URL Generator): scopes `bot` and `applications.commands`,
     bot permissions {} (View Channels, Send Messages, Send Messages in Threads, Embed Links,
     Attach Files, Read Message History). Invite URL:
     https://discord.com/oauth2/authorize?client_id=YOUR_APPLICATION_ID&scope=bot+applications.commands&permissions={}
  4. Optional: DISCORD_GUILD_ID=<your server id> registers the commands to that server only
     (instant updates while trying it out); without it they register globally.
  5. cargo run --release -- serve",
        INVITE_PERMISSIONS.bits(),
        INVITE_PERMISSIONS.bits()
    )
}

/// The HTTP client: Discord itself, or every REST call sent to `base` instead (with the
/// ratelimiter off: serenity's rate-limited path would ignore the base URL). Every message
/// defaults to pinging nobody.
pub fn discord_http(token: &str, base: Option<&str>) -> Http {
    let mut builder =
        HttpBuilder::new(token).default_allowed_mentions(CreateAllowedMentions::new());
    if let Some(base) = base {
        builder = builder
            .proxy(base.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    builder.build()
}

/// Runs the bot until `shutdown` resolves (or the gateway fails). `discord_base` points every
/// REST call at another base URL (a fake Discord in tests); `fathom serve` passes None. The
/// caller drains the query log afterwards (`LogWriter::finish`).
pub async fn serve(
    config: &Config,
    fathom: Arc<Fathom>,
    discord_base: Option<&str>,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ServeError> {
    let token = config
        .discord_token
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .ok_or(ServeError::NoToken)?;
    let http = discord_http(token, discord_base);
    if let Some(base) = discord_base {
        // serenity falls back to the real gateway when this call fails: refuse instead.
        http.get_gateway()
            .await
            .map_err(|source| ServeError::Gateway {
                base: base.to_string(),
                source,
            })?;
    }
    let settings = Settings {
        private_by_default: config.private_by_default,
        retention_days: config.log_retention_days,
        guild_id: config.discord_guild_id,
        user_cooldown: config.user_cooldown,
        channel_cooldown: config.channel_cooldown,
    };
    let bot = Arc::new(Bot::new(fathom.clone(), settings));
    let mut client = ClientBuilder::new_with_http(http, INTENTS)
        .event_handler(Handler { bot })
        .await?;
    let shards = client.shard_manager.clone();
    let purge = tokio::spawn(purge_daily(fathom, config.log_retention_days));
    let mut running = tokio::spawn(async move { client.start().await });
    let result = tokio::select! {
        ended = &mut running => Some(ended),
        _ = shutdown => None,
    };
    purge.abort();
    match result {
        Some(Ok(outcome)) => outcome.map_err(ServeError::from),
        Some(Err(join)) => {
            tracing::error!("the gateway task failed: {join}");
            Ok(())
        }
        None => {
            tracing::info!("shutting down: closing the gateway");
            shards.shutdown_all().await;
            match running.await {
                Ok(outcome) => outcome.map_err(ServeError::from),
                Err(join) => {
                    tracing::error!("the gateway task failed: {join}");
                    Ok(())
                }
            }
        }
    }
}

/// Purges log rows past the retention window once a day (start-up already purged once).
async fn purge_daily(fathom: Arc<Fathom>, days: u32) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    every.tick().await;
    loop {
        every.tick().await;
        if let Some(store) = fathom.store() {
            match store.purge_older_than(days).await {
                Ok(n) => tracing::info!("purged {n} log rows older than {days} days"),
                Err(e) => tracing::warn!("could not purge old log rows: {e}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invite_asks_for_exactly_these_permissions() {
        assert_eq!(INVITE_PERMISSIONS.bits(), 274_878_024_704);
        assert!(setup_message().contains("274878024704"));
        assert!(setup_message().contains("applications.commands"));
        assert!(INTENTS.is_empty());
    }
}
