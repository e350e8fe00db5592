//! The Discord bot: serenity glue only. It registers the commands, parses interactions, checks
//! permissions and cooldowns, and renders `Reply` into embeds and buttons within Discord's
//! limits; everything a command does happens in `commands`.

mod bot;
mod buttons;
pub mod controls;
mod cooldown;
pub mod definitions;
pub mod ids;
pub mod limits;
pub mod render;
pub mod respond;
mod serve;
mod slash;

pub use bot::{APOLOGY, Settings};
pub use serve::{
    INTENTS, INVITE_PERMISSIONS, PURGE_EVERY, ServeError, discord_http, serve, setup_message,
};
