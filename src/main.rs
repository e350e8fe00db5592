//! The `fathom` binary: the command line (`cli`), over the `fathom` library. Only this binary
//! prints; the library reports through `tracing`, shown here on stderr (colour only on a
//! terminal).

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

/// mimalloc: an answer allocates a few hundred small blocks, and the log frees its rows on
/// another thread than the one that built them. It costs less CPU per answer than the system
/// allocator (measured in BENCHMARKS.md). Chosen by the binary, not imposed by the library.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
    match cli::run().await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fathom: {e:#}");
            ExitCode::from(2)
        }
    }
}
