//! `stats`: usage for moderators — queries per day, top queries, content gaps (questions with
//! no or weak hits) and feedback counts.

use super::{Caller, Command, Fathom, Reply};

impl Fathom {
    pub(super) async fn stats_reply(&self, caller: &Caller, days: u32) -> Reply {
        let days = days.clamp(1, 3650);
        match self.store() {
            None => Reply::problem(
                Command::Stats,
                "The query log is not available right now, so there are no statistics.",
                self.version(),
            ),
            Some(store) => match store.stats(days, caller.guild_id.as_deref()).await {
                Err(e) => {
                    tracing::error!("stats query failed: {e}");
                    Reply::problem(
                        Command::Stats,
                        "Sorry, the statistics could not be read just now.",
                        self.version(),
                    )
                }
                Ok(stats) => {
                    let window = if days == 1 {
                        "last day".to_string()
                    } else {
                        format!("last {days} days")
                    };
                    let mut reply =
                        Reply::new(Command::Stats, format!("Usage, {window}"), self.version());
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
                        "Content gaps (questions with no or only weak passages)",
                        &stats.gaps,
                        "none: every query found good passages",
                    );
                    section(&mut reply, "Feedback", &stats.feedback, "no votes yet");
                    reply.extra = super::Extra::Stats(stats);
                    reply
                }
            },
        }
    }
}
