//! fathom: sourced answers about the 2025– US strikes on alleged drug boats and the law around
//! them. The library holds everything a Discord bot and a command line need; the `fathom`
//! binary is the command line over it, and the measuring tools live in `fathom-eval`.
//!
//! # Layout
//!
//! Data flows one way:
//!
//! - `corpus`: the TOML corpus (sources, passages, timeline, glossary, claims, quiz, actors,
//!   the Spanish layer), validated with `file:line` problems.
//! - `search`: the Tantivy index of the passages, query building, ranking, typo correction,
//!   highlighting, and legal references in free text.
//! - `commands`: the command table, typed `Request`s, and `Fathom::run`, which answers one with
//!   a transport-free `Reply` and logs the call.
//! - `store`: the query log (batched, off the reply path), votes and quiz scores.
//! - `render` (terminal text, Markdown, JSON) and `discord` (embeds and buttons, the gateway)
//!   turn a `Reply` into what each transport shows.
//! - `app` opens and shuts fathom down; `shutdown` owns the signals; `config` reads settings.

pub mod app;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod discord;
pub mod render;
pub mod search;
pub mod shutdown;
pub mod store;
