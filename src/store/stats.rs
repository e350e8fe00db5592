//! Usage statistics from the query log: calls per day, top queries, content gaps (questions
//! that found nothing, or only weak passages) and feedback votes, over a window of days.

use super::{Store, StoreError, now_ms};
use serde::Serialize;
use sqlx::Row;

/// Usage over a window of days.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    pub days: u32,
    pub total: i64,
    pub per_day: Vec<(String, i64)>,
    pub top_queries: Vec<(String, i64)>,
    /// Queries with no hit or only weak hits: content gaps.
    pub gaps: Vec<(String, i64)>,
    pub feedback: Vec<(String, i64)>,
}

/// A best score below this counts as a poor answer in the content-gap report.
pub const POOR_SCORE: f64 = 3.0;

impl Store {
    /// Usage over the last `days` days, optionally for one guild.
    pub async fn stats(&self, days: u32, guild_id: Option<&str>) -> Result<Stats, StoreError> {
        let since = now_ms() - i64::from(days) * 86_400_000;
        let guild = guild_id.map(str::to_string);
        // Bookkeeping rows (autocomplete keystrokes, refusals, button presses, posting and
        // dismissing answers) are logged too, but they are not queries.
        let filter = "ts >= ? AND (? IS NULL OR guild_id = ?) AND command NOT IN \
                      ('complete', 'refused', 'dismiss', 'post-publicly', 'post-reply', 'feedback', 'button')";
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM query_log WHERE {filter}"
        )))
        .bind(since)
        .bind(&guild)
        .bind(&guild)
        .fetch_one(&self.pool)
        .await?;
        let pairs = |sql: String| {
            let guild = guild.clone();
            async move {
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(since)
                    .bind(&guild)
                    .bind(&guild)
                    .fetch_all(&self.pool)
                    .await?;
                Ok::<_, StoreError>(
                    rows.into_iter()
                        .map(|r| (r.get::<String, _>(0), r.get::<i64, _>(1)))
                        .collect::<Vec<_>>(),
                )
            }
        };
        let per_day = pairs(format!(
            "SELECT date(ts / 1000, 'unixepoch') AS day, COUNT(*) FROM query_log WHERE {filter}
             GROUP BY day ORDER BY day"
        ))
        .await?;
        let search_commands = "command IN ('ask', 'rebut', 'define', 'study', 'find-sources')";
        let top_queries = pairs(format!(
            "SELECT lower(trim(query)) AS q, COUNT(*) AS n FROM query_log
             WHERE {filter} AND {search_commands} AND q != ''
             GROUP BY q ORDER BY n DESC, q LIMIT 10"
        ))
        .await?;
        // Content gaps: questions that found nothing, or only weakly matching passages (a
        // reviewed claim's rebuttal has no score and is not a gap; neither is a look-up).
        let gaps = pairs(format!(
            "SELECT lower(trim(query)) AS q, COUNT(*) AS n FROM query_log
             WHERE {filter} AND command IN ('ask', 'rebut', 'find-sources') AND q != ''
               AND (hit_count = 0 OR (top_score IS NOT NULL AND top_score < {POOR_SCORE}))
             GROUP BY q ORDER BY n DESC, q LIMIT 10"
        ))
        .await?;
        let feedback = sqlx::query(
            "SELECT f.vote, COUNT(*) FROM feedback f
             WHERE f.ts >= ? AND (? IS NULL OR f.answer_id IN
                 (SELECT answer_id FROM query_log WHERE guild_id = ? AND answer_id IS NOT NULL))
             GROUP BY f.vote ORDER BY f.vote",
        )
        .bind(since)
        .bind(&guild)
        .bind(&guild)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| (r.get::<String, _>(0), r.get::<i64, _>(1)))
        .collect();
        Ok(Stats {
            days,
            total,
            per_day,
            top_queries,
            gaps,
            feedback,
        })
    }
}
