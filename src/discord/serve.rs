//! Running the bot: the HTTP client (pointed at Discord, or at another base URL such as a test's
//! fake Discord on loopback), the gateway client, and a clean shutdown in every state —
//! connected, connecting, reconnecting: the gateway is asked to close and given a few seconds,
//! then dropped (the caller then drains the query log).

use super::bot::{Bot, Handler, OnReady, Settings};
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

/// How long the gateway may take to close cleanly once shutdown is asked for. Past this (no
/// route to Discord, a shard stuck reconnecting) it is dropped.
pub const CLOSE_GATEWAY_WITHIN: Duration = Duration::from_secs(3);

/// Where the bot connects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// Discord itself.
    Discord,
    /// Every REST call sent to this base URL (a fake Discord on loopback in tests).
    Base(String),
}

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

/// Runs the bot until `shutdown` resolves (or the gateway fails). `on_ready` is told when the
/// commands are registered. The caller drains the query log afterwards.
pub async fn serve(
    config: &Config,
    fathom: Arc<Fathom>,
    endpoint: Endpoint,
    on_ready: OnReady,
    shutdown: impl Future<Output = crate::shutdown::Stop>,
) -> Result<(), ServeError> {
    let token = config
        .discord_token
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .ok_or(ServeError::NoToken)?;
    let base = match &endpoint {
        Endpoint::Discord => None,
        Endpoint::Base(base) => Some(base.as_str()),
    };
    let http = discord_http(token, base);
    if let Some(base) = base {
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
    let bot = Arc::new(Bot::new(fathom, settings));
    let mut client = ClientBuilder::new_with_http(http, INTENTS)
        .event_handler(Handler { bot, on_ready })
        .await?;
    let shards = client.shard_manager.clone();
    let mut running = tokio::spawn(async move { client.start().await });
    let result = tokio::select! {
        ended = &mut running => Some(ended),
        _ = shutdown => None,
    };
    match result {
        Some(Ok(outcome)) => outcome.map_err(ServeError::from),
        Some(Err(join)) => {
            tracing::error!("the gateway task failed: {join}");
            Ok(())
        }
        None => {
            tracing::info!("shutting down: closing the gateway");
            let close = async {
                shards.shutdown_all().await;
                (&mut running).await
            };
            match tokio::time::timeout(CLOSE_GATEWAY_WITHIN, close).await {
                Ok(Ok(outcome)) => outcome.map_err(ServeError::from),
                Ok(Err(join)) => {
                    tracing::error!("the gateway task failed: {join}");
                    Ok(())
                }
                Err(_) => {
                    tracing::warn!(
                        "the gateway did not close within {CLOSE_GATEWAY_WITHIN:?}; stopping without it"
                    );
                    running.abort();
                    Ok(())
                }
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
