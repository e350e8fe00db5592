//! The `fathom` binary: parses the command line and hands over to `fathom::cli`.

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = fathom::cli::Cli::parse();
    match fathom::cli::run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fathom: {e:#}");
            ExitCode::from(2)
        }
    }
}
