//! The Discord bot: serenity glue only. It registers the commands, parses interactions, checks
//! permissions and cooldowns, and renders `Reply` into embeds and buttons within Discord's
//! limits; everything a command does happens in `commands`.

mod autocomplete;
mod bot;
mod buttons;
pub mod controls;
mod cooldown;
pub mod definitions;
pub mod ids;
pub mod limits;
mod posting;
pub mod render;
pub mod respond;
mod serve;
pub mod slash;

pub use bot::{APOLOGY, OnReady, Settings};
pub use serve::{
    CLOSE_GATEWAY_WITHIN, Endpoint, INTENTS, INVITE_PERMISSIONS, ServeError, discord_http, serve,
    setup_message,
};
