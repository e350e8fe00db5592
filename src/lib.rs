//! fathom: sourced answers about the 2025– US strikes on alleged drug boats and the law around
//! them. The library holds everything; the `fathom` binary is a thin CLI over it.
//!
//! Data flows one way: `corpus` (TOML, validated) → `search` (Tantivy) → `commands`
//! (transport-free, returns `Reply`) → a renderer (`render` for terminal/JSON/Markdown,
//! `discord` for embeds). `store` logs every call to SQLite, off the reply path.

pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod discord;
pub mod eval;
pub mod render;
pub mod search;
pub mod store;

/// mimalloc: an answer allocates a few hundred small blocks, and the log frees its rows on
/// another thread than the one that built them. It costs less CPU per answer than the system
/// allocator (measured in BENCHMARKS.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
