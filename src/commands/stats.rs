//! `stats`: usage for moderators — queries per day, top queries, content gaps (questions with
//! no or weak hits) and feedback counts.

use super::{Caller, Fathom, Reply};
use std::time::Instant;

impl Fathom {
    pub async fn stats(&self, caller: &Caller, days: u32) -> Reply {
        let started = Instant::now();
        let days = days.clamp(1, 3650);
        let reply = match self.store() {
            None => Reply::problem(
                "stats",
                "The query log is not available right now, so there are no statistics.",
                self.version(),
            ),
            Some(store) => match store.stats(days, caller.guild_id.as_deref()).await {
                Err(e) => {
                    tracing::error!("stats query failed: {e}");
                    Reply::problem(
                        "stats",
                        "Sorry, the statistics could not be read just now.",
                        self.version(),
                    )
                }
                Ok(stats) => {
                    let mut reply =
                        Reply::new("stats", format!("Usage, last {days} days"), self.version());
                    reply.intro = Some(format!("{} queries.", stats.total));
                    let section =
                        |reply: &mut Reply, title: &str, rows: &[(String, i64)], empty: &str| {
                            reply.lines.push(format!("{title}:"));
                            if rows.is_empty() {
                                reply.lines.push(format!("  {empty}"));
                            }
                            for (k, n) in rows {
                                reply.lines.push(format!("  {n:>5}  {k}"));
                            }
                        };
                    section(&mut reply, "Queries per day", &stats.per_day, "none");
                    section(&mut reply, "Top queries", &stats.top_queries, "none");
                    section(
                        &mut reply,
                        "Content gaps (no or weak hits)",
                        &stats.gaps,
                        "none: every query found good passages",
                    );
                    section(&mut reply, "Feedback", &stats.feedback, "no votes yet");
                    reply
                }
            },
        };
        self.finish(caller, "stats", &days.to_string(), reply, started, false)
            .await
    }
}
