//! The gateway event handler: registers the commands when the bot is ready and routes every
//! interaction (slash and message commands, autocomplete, buttons) to its handler. Each
//! interaction runs in its own task: an error or a panic is logged with `tracing` and the user
//! gets a short apology, never a stack trace.

use super::cooldown::Cooldown;
use super::definitions::{self, MODERATOR};
use super::respond::Outgoing;
use crate::commands::{Caller, Fathom, Transport};
use serenity::all::{
    ChannelId, Command, Context, CreateAutocompleteResponse, CreateInteractionResponse,
    EventHandler, GuildId, Http, Interaction, Member, Permissions, Ready, User,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Told once the commands are registered: how many, and for which scope.
pub type OnReady = Arc<dyn Fn(usize, &str) + Send + Sync>;

/// How long an interaction id is remembered, so that one Discord delivers twice is answered
/// (and logged) once. Discord gives an interaction 15 minutes at most.
const SEEN_FOR: Duration = Duration::from_secs(15 * 60);

/// The deployment settings the bot needs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub private_by_default: bool,
    pub retention_days: u32,
    pub guild_id: Option<u64>,
    pub user_cooldown: Duration,
    pub channel_cooldown: Duration,
}

/// fathom in Discord: the engine, the settings and the cooldowns.
pub struct Bot {
    pub fathom: Arc<Fathom>,
    pub settings: Settings,
    pub users: Cooldown,
    pub channels: Cooldown,
    /// Interaction ids already taken, with when.
    seen: Mutex<HashMap<u64, Instant>>,
}

pub const APOLOGY: &str =
    "Sorry, something went wrong on my side. It has been logged; please try again in a moment.";

impl Bot {
    pub fn new(fathom: Arc<Fathom>, settings: Settings) -> Bot {
        Bot {
            users: Cooldown::new(settings.user_cooldown),
            channels: Cooldown::new(settings.channel_cooldown),
            fathom,
            settings,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Whether this interaction id is new (and now taken); false for a redelivery.
    pub fn first_delivery(&self, id: u64) -> bool {
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > 10_000 {
            seen.retain(|_, at| now.duration_since(*at) < SEEN_FOR);
        }
        match seen.get(&id) {
            Some(at) if now.duration_since(*at) < SEEN_FOR => false,
            _ => {
                seen.insert(id, now);
                true
            }
        }
    }

    async fn register(&self, http: &Http, on_ready: &OnReady) {
        let commands = definitions::all();
        let result = match self.settings.guild_id {
            Some(guild) => GuildId::new(guild)
                .set_commands(http, commands)
                .await
                .map(|c| (c.len(), format!("guild {guild}"))),
            None => Command::set_global_commands(http, commands)
                .await
                .map(|c| (c.len(), "all guilds".to_string())),
        };
        match result {
            Ok((n, scope)) => {
                tracing::info!("{n} commands registered for {scope}");
                on_ready(n, &scope);
            }
            Err(e) => tracing::error!(
                "could not register the commands: {e} (is the bot invited with the applications.commands scope?)"
            ),
        }
    }

    async fn dispatch(
        self: Arc<Self>,
        ctx: Context,
        interaction: Interaction,
    ) -> serenity::Result<()> {
        match interaction {
            Interaction::Command(cmd) => self.command(&ctx, &cmd).await,
            Interaction::Autocomplete(ac) => self.autocomplete(&ctx, &ac).await,
            Interaction::Component(comp) => self.component(&ctx, &comp).await,
            _ => Ok(()),
        }
    }
}

/// Who is calling, for the log (Fathom hashes the user id).
pub fn caller(user: &User, guild: Option<GuildId>, channel: ChannelId, locale: &str) -> Caller {
    Caller {
        transport: Transport::Discord,
        user_id: user.id.get().to_string(),
        guild_id: guild.map(|g| g.get().to_string()),
        channel_id: Some(channel.get().to_string()),
        locale: (!locale.is_empty()).then(|| locale.to_string()),
    }
}

/// Whether the member may use moderator commands, from the permissions Discord resolved for
/// this interaction (server-side check; `default_member_permissions` only hides commands).
pub fn is_moderator(member: Option<&Member>) -> bool {
    member
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.contains(MODERATOR) || p.contains(Permissions::ADMINISTRATOR))
}

/// The serenity event handler.
pub struct Handler {
    pub bot: Arc<Bot>,
    pub on_ready: OnReady,
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(
            "connected to Discord as {} ({} guilds)",
            ready.user.name,
            ready.guilds.len()
        );
        self.bot.register(&ctx.http, &self.on_ready).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        if !self.bot.first_delivery(interaction.id().get()) {
            tracing::info!(interaction = %interaction.id(), "delivered again; answered already");
            return;
        }
        let bot = self.bot.clone();
        let http = ctx.http.clone();
        let copy = interaction.clone();
        let outcome = tokio::spawn(bot.dispatch(ctx, interaction)).await;
        let failure = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(e)) => format!("{e}"),
            Err(join) if join.is_panic() => "the handler panicked".to_string(),
            Err(join) => format!("the handler was cancelled: {join}"),
        };
        tracing::error!(
            interaction = %copy.id(),
            kind = ?copy.kind(),
            "interaction failed: {failure}"
        );
        apologise(&http, &copy).await;
    }
}

/// Tells the user something went wrong: as the response if none was sent yet, otherwise as a
/// follow-up.
async fn apologise(http: &Http, interaction: &Interaction) {
    let out = Outgoing::text(APOLOGY);
    let response = CreateInteractionResponse::Message(out.message().ephemeral(true));
    let sent = match interaction {
        Interaction::Command(c) => match c.create_response(http, response).await {
            Ok(()) => Ok(()),
            Err(_) => c
                .create_followup(http, out.followup(true))
                .await
                .map(|_| ()),
        },
        Interaction::Component(c) => match c.create_response(http, response).await {
            Ok(()) => Ok(()),
            Err(_) => c
                .create_followup(http, out.followup(true))
                .await
                .map(|_| ()),
        },
        Interaction::Autocomplete(a) => {
            a.create_response(
                http,
                CreateInteractionResponse::Autocomplete(CreateAutocompleteResponse::new()),
            )
            .await
        }
        _ => Ok(()),
    };
    if let Err(e) = sent {
        tracing::warn!("could not send the apology either: {e}");
    }
}
