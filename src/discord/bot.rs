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
use std::sync::Arc;
use std::time::Duration;

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
        }
    }

    async fn register(&self, http: &Http) {
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
                // Shown whatever the log level: the one line that says the bot is up.
                eprintln!("fathom: {n} commands registered for {scope}; serving (Ctrl-C stops)");
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
pub fn caller(user: &User, guild: Option<GuildId>, channel: ChannelId) -> Caller {
    Caller {
        transport: Transport::Discord,
        user_id: user.id.get().to_string(),
        guild_id: guild.map(|g| g.get().to_string()),
        channel_id: Some(channel.get().to_string()),
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
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(
            "connected to Discord as {} ({} guilds)",
            ready.user.name,
            ready.guilds.len()
        );
        self.bot.register(&ctx.http).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
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
