//! `cargo bench --bench serve_idle`: the resident memory of the bot while it serves. The real
//! `serve` (the function `fathom serve` calls, with the shipped corpus, its index and a SQLite
//! query log in a temp dir) runs against the fake Discord on loopback (`tests/fake_discord`)
//! in this process. Resident memory (`VmRSS` in `/proc/self/status`) is sampled:
//!
//! - before anything of fathom is loaded (runtime and fake Discord only: the floor),
//! - idle after start-up (gateway READY, commands registered), over 5 s,
//! - idle again after 200 `/ask` interactions.
//!
//! fathom's share is the sampled value minus the floor; the whole process is reported too, as
//! an upper bound (it also holds the fake server and its record of every call). Linux only.

#[path = "../../tests/fake_discord/mod.rs"]
mod fake_discord;

use fake_discord::{Fake, Serving, config, fixture};
use serde_json::json;
use std::time::Duration;

const ASKS: usize = 200;
const SAMPLES: usize = 20;
const SAMPLE_EVERY: Duration = Duration::from_millis(250);

/// The process's resident memory in KiB, from `/proc/self/status`.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The median of `SAMPLES` readings, `SAMPLE_EVERY` apart.
async fn sampled_rss_kib() -> u64 {
    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        tokio::time::sleep(SAMPLE_EVERY).await;
        samples.extend(rss_kib());
    }
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or(0)
}

fn mb(kib: u64) -> String {
    format!("{:.1} MB", kib as f64 / 1024.0)
}

#[tokio::main]
async fn main() {
    if rss_kib().is_none() {
        eprintln!("serve_idle: /proc/self/status is not readable here (Linux only); skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let config = config(dir.path(), &[("FATHOM_USER_COOLDOWN_SECS", "0")]);
    // The index is built first, by the `fathom` binary in its own process (so that nothing of
    // the build stays in this one): `serve` then only opens it, as `fathom serve` does on every
    // start but the first.
    let built = fathom_eval::fathom_process(
        &fathom_eval::fathom_binary(),
        &config.corpus_dir,
        dir.path(),
    )
    .args(["index", "build"])
    .stdout(std::process::Stdio::null())
    .status()
    .expect("fathom index build runs");
    assert!(built.success(), "fathom index build failed: {built}");
    let fake = Fake::start().await;
    let floor = sampled_rss_kib().await;

    let Serving { app, stop, served } = fake.serve(config).await;
    let engine = app.fathom().clone();
    fake.wait_for("the command registration", |c| c.method == "PUT")
        .await;
    let idle = sampled_rss_kib().await;

    let questions =
        fathom_eval::run::load_queries(&fathom_eval::default_questions_path(), &engine.corpus);
    for i in 0..ASKS {
        let mut frame = fixture("interaction_ask.json");
        let id = fake.next_id();
        frame["d"]["id"] = json!(id);
        frame["d"]["token"] = json!(format!("token-{id}"));
        frame["d"]["data"]["options"] =
            json!([{"name": "question", "type": 3, "value": questions[i % questions.len()]}]);
        fake.dispatch(frame);
        fake.callback(&id).await;
    }
    let after_asks = sampled_rss_kib().await;

    let _ = stop.send(());
    let _ = served.await;
    drop(engine);
    let report = app.shutdown().await;
    fake.server.abort();

    println!("\nresident memory of `serve` (real corpus, fake Discord on loopback)");
    println!(
        "  floor (runtime + fake Discord, before fathom): {}",
        mb(floor)
    );
    println!(
        "  idle after start-up: {} (whole process {})",
        mb(idle.saturating_sub(floor)),
        mb(idle)
    );
    println!(
        "  idle after {ASKS} /ask: {} (whole process {}); {} log rows written",
        mb(after_asks.saturating_sub(floor)),
        mb(after_asks),
        report.written
    );
}
