//! The query log: one row per command with the right fields, user ids only as salted hashes,
//! answers reproducible by id, and answers that go on when the log cannot be written.

mod common;

use fathom::app::{App, Logging};
use fathom::commands::{Fathom, Request};
use fathom::search::SearchIndex;
use fathom::store::{QueryLog, Store};
use sqlx::Row;
use std::sync::Arc;

#[tokio::test]
async fn every_command_writes_one_row_with_the_right_fields() {
    let (app, dir) = common::open().await;
    let fathom = app.fathom().clone();
    let alice = common::caller("314159265358979323");
    let n = 12;
    let mut answer_ids = Vec::new();
    for i in 0..n {
        let reply = match i % 4 {
            0 => {
                fathom
                    .run(
                        &alice,
                        common::ask("is it legal to shoot shipwrecked survivors"),
                    )
                    .await
            }
            1 => fathom.run(&alice, common::define("hors de combat")).await,
            2 => {
                fathom
                    .run(
                        &alice,
                        common::rebut("drug smuggling is an armed attack on the US"),
                    )
                    .await
            }
            _ => {
                fathom
                    .run(
                        &alice,
                        Request::Timeline {
                            from: Some("2025-09-01".into()),
                            to: Some("2025-09-30".into()),
                            topic: None,
                            newest: false,
                            offset: 0,
                            limit: 5,
                        },
                    )
                    .await
            }
        };
        if let Some(id) = reply.footer.answer_id.clone() {
            answer_ids.push(id);
        }
    }
    let report = app.shutdown().await;
    assert_eq!(report.written, n);
    assert_eq!(report.lost, 0);

    let store = fathom.store().expect("database open");
    assert_eq!(store.log_len().await.unwrap(), n as i64);
    let rows = sqlx::query(
        "SELECT transport, guild_id, channel_id, user_hash, command, query, passage_ids, hit_count, latency_us, corpus_version, answer_id
         FROM query_log ORDER BY id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let first = &rows[0];
    assert_eq!(first.get::<String, _>("transport"), "discord");
    assert_eq!(first.get::<String, _>("guild_id"), "111111111111111111");
    assert_eq!(first.get::<String, _>("channel_id"), "222222222222222222");
    assert_eq!(first.get::<String, _>("command"), "ask");
    assert_eq!(
        first.get::<String, _>("query"),
        "is it legal to shoot shipwrecked survivors"
    );
    assert_eq!(first.get::<i64, _>("hit_count"), 3);
    let ids: Vec<String> = serde_json::from_str(&first.get::<String, _>("passage_ids")).unwrap();
    assert_eq!(ids.len(), 3);
    assert!(first.get::<i64, _>("latency_us") > 0);
    assert_eq!(
        first.get::<String, _>("corpus_version"),
        fathom.corpus.version
    );
    let hash = first.get::<String, _>("user_hash");
    assert_eq!(hash, fathom.user_hash(&alice));
    assert_ne!(hash, "314159265358979323");
    let commands: Vec<String> = rows.iter().map(|r| r.get("command")).collect();
    assert_eq!(&commands[..4], ["ask", "define", "rebut", "timeline"]);

    // Answers given an id can be reproduced exactly, from the log.
    assert!(!answer_ids.is_empty());
    let again = fathom
        .run(
            &alice,
            Request::Answer {
                id: answer_ids[0].clone(),
            },
        )
        .await;
    assert!(!again.is_error, "{:?}", again.intro);
    assert_eq!(again.items.len(), 3);
    assert_eq!(
        again.footer.answer_id.as_deref(),
        Some(answer_ids[0].as_str())
    );
    drop(dir);
}

#[tokio::test]
async fn the_raw_user_id_never_reaches_the_database_file() {
    let (app, dir) = common::open().await;
    let fathom = app.fathom().clone();
    let raw = "271828182845904523";
    let bob = common::caller(raw);
    for q in [
        "article 51",
        "who ordered the second strike",
        "hors de combat",
    ] {
        fathom.run(&bob, common::ask(q)).await;
    }
    fathom.run(&bob, common::define("quarter")).await;
    app.shutdown().await;
    fathom.store().unwrap().close().await;
    let mut seen_any = false;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        seen_any |= !bytes.is_empty();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(raw),
            "{} holds the raw user id",
            path.display()
        );
        assert!(
            !text.contains("test-salt"),
            "{} holds the salt",
            path.display()
        );
    }
    assert!(seen_any, "the database files were written");
}

#[tokio::test]
async fn forget_me_deletes_a_users_rows_and_votes() {
    let (app, _dir) = common::open().await;
    let fathom = app.fathom().clone();
    let carol = common::caller("carol-id");
    let dave = common::caller("dave-id");
    let reply = fathom.run(&carol, common::ask("quarter")).await;
    fathom.run(&dave, common::ask("quarter")).await;
    app.shutdown().await;
    let store = fathom.store().unwrap();
    let answer = reply.footer.answer_id.unwrap();
    assert!(
        store
            .record_feedback(&answer, &fathom.user_hash(&carol), "helpful")
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_feedback(&answer, &fathom.user_hash(&carol), "outdated")
            .await
            .unwrap(),
        "one vote per person"
    );
    store
        .record_quiz_answer("g", &fathom.user_hash(&carol), "carol", true)
        .await
        .unwrap();
    let gone = store.forget(&fathom.user_hash(&carol)).await.unwrap();
    assert_eq!((gone.queries, gone.feedback, gone.quiz_scores), (1, 1, 1));
    assert_eq!(store.log_len().await.unwrap(), 1, "dave's row stays");
}

#[tokio::test]
async fn answers_go_on_when_the_writer_is_killed() {
    let db_dir = tempfile::tempdir().unwrap();
    let config = common::config(db_dir.path());
    let corpus = Arc::new(fathom::corpus::load(&config.corpus_dir).unwrap());
    let search = SearchIndex::open_or_build(&corpus, &config.index_dir, |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let store = Store::open(&config.database_url).await.unwrap();
    let (log, writer) = QueryLog::start(Some(store.clone()), 16);
    let fathom = Fathom::new(corpus, search, Some(store), log, "salt".into());
    writer.abort();
    tokio::task::yield_now().await;
    let reply = fathom
        .run(&common::caller("x"), common::ask("shipwrecked survivors"))
        .await;
    assert_eq!(reply.items.len(), 3, "the answer is given without the log");
}

#[tokio::test]
async fn answers_go_on_when_the_database_is_closed_or_missing() {
    let db_dir = tempfile::tempdir().unwrap();
    let config = common::config(db_dir.path());
    let corpus = Arc::new(fathom::corpus::load(&config.corpus_dir).unwrap());
    let search = SearchIndex::open_or_build(&corpus, &config.index_dir, |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();

    // A database closed under the writer: answers still come, the loss is counted.
    let store = Store::open(&config.database_url).await.unwrap();
    store.close().await;
    let (log, writer) = QueryLog::start(Some(store.clone()), 16);
    let fathom = Fathom::new(corpus.clone(), search, Some(store), log, "salt".into());
    for _ in 0..5 {
        let reply = fathom
            .run(&common::caller("y"), common::ask("article 51"))
            .await;
        assert!(!reply.items.is_empty());
    }
    let report = writer.finish().await;
    assert_eq!(report.written, 0);
    assert_eq!(report.lost, 5);

    // A database that cannot be opened at all: App::open still answers.
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(bad.path().join("not-a-dir"), "x").unwrap();
    let mut config = common::config(bad.path());
    config.database_url = format!(
        "sqlite://{}/not-a-dir/fathom.db?mode=rwc",
        bad.path().display()
    );
    let app = App::open(
        &config,
        Logging::On,
        |_| std::ops::ControlFlow::Continue(()),
    )
    .await
    .unwrap();
    assert!(app.fathom().store().is_none());
    let reply = app
        .fathom()
        .run(&common::caller("z"), common::ask("hors de combat"))
        .await;
    assert!(!reply.items.is_empty());
    app.shutdown().await;
}

#[tokio::test]
async fn stats_report_usage_and_gaps() {
    let (app, _dir) = common::open().await;
    let fathom = app.fathom().clone();
    let u = common::caller("u");
    for q in ["article 51", "article 51", "zzqx qqqzz"] {
        fathom.run(&u, common::ask(q)).await;
    }
    // Look-ups (a glossary term, a source) are not content gaps, found or not.
    fathom.run(&u, common::define("hors de combat")).await;
    fathom
        .run(
            &u,
            Request::Source {
                id: "un-charter".into(),
            },
        )
        .await;
    app.shutdown().await;
    let stats = fathom
        .store()
        .unwrap()
        .stats(7, Some("111111111111111111"))
        .await
        .unwrap();
    assert_eq!(stats.total, 5);
    assert_eq!(
        stats.top_queries.first(),
        Some(&("article 51".to_string(), 2))
    );
    assert!(
        stats.gaps.iter().any(|(q, _)| q == "zzqx qqqzz"),
        "{:?}",
        stats.gaps
    );
    assert_eq!(
        stats.gaps,
        [("zzqx qqqzz".to_string(), 1)],
        "only the question that found nothing"
    );
    let other_guild = fathom.store().unwrap().stats(7, Some("999")).await.unwrap();
    assert_eq!(other_guild.total, 0);
}

#[tokio::test]
async fn old_rows_are_purged() {
    let (app, _dir) = common::open().await;
    let fathom = app.fathom().clone();
    fathom
        .run(&common::caller("old"), common::ask("quarter"))
        .await;
    app.shutdown().await;
    let store = fathom.store().unwrap();
    sqlx::query("UPDATE query_log SET ts = ts - 100 * 86400000")
        .execute(store.pool())
        .await
        .unwrap();
    let indexed = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM answer_index")
            .fetch_one(store.pool())
            .await
            .unwrap()
    };
    assert_eq!(indexed().await, 1, "indexed when the log closed");
    assert_eq!(store.purge_older_than(90).await.unwrap(), 1);
    assert_eq!(store.log_len().await.unwrap(), 0);
    assert_eq!(indexed().await, 0, "the purged answer's id went with it");
}

/// A logged answer keeps its ids and highlight ranges, not its passages' texts (those are saved
/// once per corpus version), and `answer` still shows it exactly as it was shown: also after
/// the corpus has changed.
#[tokio::test]
async fn answers_are_logged_compactly_and_reproduced_exactly_after_the_corpus_changes() {
    let (app, dir) = common::open().await;
    let fathom = app.fathom().clone();
    let alice = common::caller("271828182845904523");
    let shown = fathom
        .run(
            &alice,
            common::ask("is it legal to shoot shipwrecked survivors"),
        )
        .await;
    let id = shown.footer.answer_id.clone().expect("an answer id");
    assert_eq!(shown.items.len(), 3);
    drop(fathom);
    assert_eq!(app.shutdown().await.lost, 0);

    let store = Store::open(&common::config(dir.path()).database_url)
        .await
        .unwrap();
    let logged: Vec<u8> =
        sqlx::query_scalar("SELECT reply_packed FROM query_log WHERE answer_id = ?")
            .bind(&id)
            .fetch_one(store.pool())
            .await
            .unwrap();
    let logged = String::from_utf8_lossy(&logged);
    let full = serde_json::to_string(&shown).unwrap();
    for item in &shown.items {
        assert!(
            !logged.contains(&item.note.text),
            "the note of {:?} is logged in full: {logged}",
            item.passage_id
        );
    }
    assert!(
        logged.len() * 4 < full.len(),
        "logged {} bytes for a {}-byte reply",
        logged.len(),
        full.len()
    );

    // Every note is reworded and the corpus gets a new version; the answer is still the old one.
    let mut corpus = fathom::corpus::load(&common::corpus_dir()).unwrap();
    for p in &mut corpus.passages {
        p.note.push_str(" (revised)");
    }
    corpus.version = format!("{}-revised", corpus.version);
    let corpus = Arc::new(corpus);
    let search = SearchIndex::open_or_build(&corpus, &dir.path().join("revised"), |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let (log, writer) = QueryLog::start(Some(store.clone()), 64);
    let later = Fathom::new(corpus, search, Some(store), log, "test-salt".into());
    let again = later.run(&alice, Request::Answer { id: id.clone() }).await;
    assert!(!again.is_error, "{:?}", again.intro);
    assert_eq!(
        serde_json::to_value(&again.items).unwrap(),
        serde_json::to_value(&shown.items).unwrap(),
        "the answer as shown, with the notes of its own corpus version"
    );
    assert!(
        again.lines[0].contains("The corpus has changed since"),
        "{:?}",
        again.lines
    );
    // The new version's answers are packed against the new snapshot.
    let fresh = later
        .run(
            &alice,
            common::ask("is it legal to shoot shipwrecked survivors"),
        )
        .await;
    assert!(fresh.items[0].note.text.ends_with("(revised)"));
    drop(later);
    writer.finish().await;
}

/// Another writer holding the database (a long purge, another process) delays the log, never
/// the answers: on a single-threaded runtime, answers keep coming while the write lock is held
/// elsewhere (the log waits for the lock off the runtime's thread), and once it is released
/// every row is written.
#[tokio::test]
async fn a_database_locked_by_another_writer_delays_the_log_not_the_answers() {
    let (app, dir) = common::open().await;
    let fathom = app.fathom().clone();
    let db = dir.path().join("fathom.db");
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let erin = common::caller("erin-id");
    for _ in 0..10 {
        let reply = fathom.run(&erin, common::ask("article 51")).await;
        assert_eq!(reply.items.len(), 3);
        // Time for the writer to take up the rows and start waiting for the lock.
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    holder.execute_batch("COMMIT").unwrap();
    drop(fathom);
    let report = app.shutdown().await;
    assert_eq!((report.written, report.lost), (10, 0), "{report:?}");
}

/// Answer ids are not indexed as rows are written: a pass puts them into `answer_index` when
/// the log closes (and every `INDEX_EVERY` rows). Answers are found before the pass (the newest
/// rows are scanned), after it (through the index, rows from other writers too), never through a
/// stale index entry, and `forget-me` takes a user's entries out of the index.
#[tokio::test]
async fn answers_are_found_before_and_after_their_ids_are_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/fathom.db?mode=rwc", dir.path().display());
    let store = Store::open(&url).await.unwrap();
    let corpus = Arc::new(fathom::corpus::load(&common::corpus_dir()).unwrap());
    let index_dir = dir.path().join("tantivy");
    fathom::search::build::build(&corpus, &index_dir, |_| std::ops::ControlFlow::Continue(()))
        .unwrap();
    let open_fathom = |log: QueryLog| {
        let index = SearchIndex::open(&corpus, &index_dir).unwrap();
        Fathom::new(
            corpus.clone(),
            index,
            Some(store.clone()),
            log,
            "salt".into(),
        )
    };
    let count = |sql: &'static str| {
        let pool = store.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let frank = common::caller("frank-id");
    let grace = common::caller("grace-id");

    let (log, writer) = QueryLog::start(Some(store.clone()), 64);
    let fathom = open_fathom(log.clone());
    let mut ids = Vec::new();
    for (who, q) in [
        (&frank, "article 51"),
        (&grace, "hors de combat"),
        (&frank, "quarter"),
    ] {
        ids.push(
            fathom
                .run(who, common::ask(q))
                .await
                .footer
                .answer_id
                .unwrap(),
        );
    }
    log.wait_settled(3).await;
    assert_eq!(count("SELECT count(*) FROM answer_index").await, 0);
    for id in &ids {
        let found = store.answer(id).await.unwrap().expect("found by the scan");
        assert_eq!(&found.answer_id, id);
    }

    writer.finish().await;
    assert_eq!(count("SELECT count(*) FROM answer_index").await, 3);
    assert_eq!(
        count("SELECT indexed_through FROM answer_index_mark").await,
        count("SELECT max(id) FROM query_log").await,
        "every row is behind the mark, so lookups go through the index"
    );
    for id in &ids {
        assert!(store.answer(id).await.unwrap().is_some(), "{id} indexed");
    }

    // A second writer (another process, say) adds rows; its pass indexes them.
    let (log, writer) = QueryLog::start(Some(store.clone()), 64);
    let other = open_fathom(log.clone());
    let late = other
        .run(&grace, common::ask("war powers resolution"))
        .await;
    let late = late.footer.answer_id.unwrap();
    log.wait_settled(1).await;
    assert!(
        store.answer(&late).await.unwrap().is_some(),
        "found by the scan"
    );
    writer.finish().await;
    assert_eq!(count("SELECT count(*) FROM answer_index").await, 4);
    assert!(store.answer(&late).await.unwrap().is_some(), "indexed");

    // An index entry that points at a row with another id is never followed.
    sqlx::query("INSERT INTO answer_index (answer_id, log_id) VALUES ('zzzzzzzz', 1)")
        .execute(store.pool())
        .await
        .unwrap();
    assert!(store.answer("zzzzzzzz").await.unwrap().is_none());

    // forget-me deletes frank's rows and their index entries (and the stale one above).
    store.forget(&fathom.user_hash(&frank)).await.unwrap();
    assert_eq!(count("SELECT count(*) FROM answer_index").await, 2);
    assert!(store.answer(&ids[0]).await.unwrap().is_none());
    assert!(store.answer(&ids[1]).await.unwrap().is_some());
}
