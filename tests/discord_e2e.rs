//! End to end against a fake Discord on loopback: one axum server on 127.0.0.1:0 serves the
//! REST API (reached through serenity's `HttpBuilder::proxy`, ratelimiter off) and a ws://
//! gateway (HELLO, IDENTIFY, READY, heartbeat ACKs, dispatches). The real `serve` — the
//! function `fathom serve` calls — runs against it with the shipped corpus, the index and the
//! SQLite query log in a temp dir. Nothing leaves 127.0.0.1: the first assertion is that the
//! gateway URL the client gets is the fake's.

use fathom::commands::Fathom;
use fathom::store::hash_user;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

const GUILD: &str = "1300000000000000500";
const ALICE: &str = "1300000000000000701";
const MODERATOR: &str = "1300000000000000702";
const BOB: &str = "1300000000000000703";

/// The fake Discord: REST and gateway on one loopback port, recording every request.
mod fake_discord;
use fake_discord as fake;
use fake_discord::{APP, CHANNEL, SALT, TOKEN, config, fixture};

/// A running bot: the fake, the engine, the serve task and its stop switch.
struct Running {
    fake: fake::Fake,
    fathom: Arc<Fathom>,
    app: fathom::app::App,
    stop: tokio::sync::oneshot::Sender<()>,
    served: tokio::task::JoinHandle<Result<(), fathom::discord::ServeError>>,
    dir: tempfile::TempDir,
}

async fn start(extra: &[(&str, &str)]) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let fake = fake::Fake::start().await;
    // First: the client's gateway URL is the fake's, so nothing can reach the real Discord.
    let http = fathom::discord::discord_http(TOKEN, Some(&fake.base));
    let gateway = http
        .get_gateway()
        .await
        .expect("the fake answers GET /gateway");
    assert_eq!(gateway.url, format!("ws://127.0.0.1:{}/gw", fake.port));
    let fake::Serving { app, stop, served } = fake.serve(config(dir.path(), extra)).await;
    Running {
        fake,
        fathom: app.fathom().clone(),
        app,
        stop,
        served,
        dir,
    }
}

impl Running {
    /// Polls `done` until it holds (for what happens on its own time: heartbeats, log rows).
    async fn wait_until(&self, what: &str, done: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The query log's rows so far, read from the database file.
    fn rows(&self) -> Vec<LogRow> {
        rows(&self.dir.path().join("fathom.db"))
    }

    /// Stops the bot the way Ctrl-C does, drains the log, and returns the database path.
    async fn stop(self) -> (std::path::PathBuf, tempfile::TempDir, Duration) {
        let started = Instant::now();
        self.stop.send(()).unwrap();
        let served = tokio::time::timeout(Duration::from_secs(15), self.served)
            .await
            .expect("serve returns after shutdown")
            .unwrap();
        assert!(served.is_ok(), "serve ended with {served:?}");
        let took = started.elapsed();
        self.fake
            .wait_for("the gateway to close", |_| {
                self.fake
                    .shared
                    .gateway_closed
                    .load(std::sync::atomic::Ordering::SeqCst)
                    > 0
            })
            .await;
        drop(self.fathom);
        let report = self.app.shutdown().await;
        assert_eq!(report.lost, 0, "no log row lost");
        self.fake.server.abort();
        (self.dir.path().join("fathom.db"), self.dir, took)
    }
}

/// An interaction fixture with a fresh id and token, optionally patched.
fn interaction(fake: &fake::Fake, name: &str, patch: impl FnOnce(&mut Value)) -> (Value, String) {
    let mut frame = fixture(name);
    let id = fake.next_id();
    frame["d"]["id"] = json!(id);
    frame["d"]["token"] = json!(format!("token-{id}"));
    patch(&mut frame["d"]);
    (frame, id)
}

fn no_pings() -> Value {
    json!({"parse": [], "users": [], "roles": []})
}

fn custom_ids(data: &Value) -> Vec<String> {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect()
}

/// The message a button belongs to, as Discord would send it: the bot's own callback data.
fn message_from(data: &Value, id: &str, flags: u64) -> Value {
    let mut m = fixture("interaction_more_button.json")["d"]["message"].clone();
    m["id"] = json!(id);
    m["flags"] = json!(flags);
    let mut embeds = data["embeds"].clone();
    for e in embeds.as_array_mut().into_iter().flatten() {
        e["type"] = json!("rich");
    }
    m["embeds"] = embeds;
    m["components"] = data["components"].clone();
    m
}

/// A query-log row: transport, user hash, guild, channel, command, query, answer id.
type LogRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
);

/// The query log, read from the SQLite file itself.
fn rows(db: &std::path::Path) -> Vec<LogRow> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT transport, user_hash, guild_id, channel_id, command, query, answer_id
             FROM query_log ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_answers_through_a_fake_discord_end_to_end() {
    let bot = start(&[
        ("FATHOM_USER_COOLDOWN_SECS", "0"),
        ("FATHOM_CHANNEL_COOLDOWN_SECS", "0"),
    ])
    .await;
    let fake = &bot.fake;

    // The command set, registered globally.
    let put = fake
        .wait_for("the command registration", |c| c.method == "PUT")
        .await;
    assert_eq!(put.path, format!("/api/v10/applications/{APP}/commands"));
    let commands: HashMap<String, Value> = put
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c.clone()))
        .collect();
    let mut names: Vec<&str> = commands.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Check citations",
            "Find sources",
            "answer",
            "ask",
            "check",
            "define",
            "forget-me",
            "help",
            "privacy",
            "quiz",
            "rebut",
            "source",
            "stats",
            "study",
            "timeline",
            "topics"
        ]
    );
    let ask = &commands["ask"]["options"];
    assert_eq!(ask[0]["name"], "question");
    assert_eq!(ask[0]["type"], 3);
    assert_eq!(ask[0]["required"], true);
    assert_eq!(
        (ask[1]["name"].as_str(), ask[1]["type"].as_u64()),
        (Some("private"), Some(5))
    );
    assert_eq!(
        (ask[2]["name"].as_str(), ask[2]["type"].as_u64()),
        (Some("mention"), Some(6))
    );
    for (name, option) in [
        ("define", "term"),
        ("source", "id"),
        ("study", "topic"),
        ("timeline", "topic"),
    ] {
        let opt = commands[name]["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == option)
            .unwrap();
        assert_eq!(opt["autocomplete"], true, "{name} {option}");
    }
    let manage_messages = "8192";
    for moderator in ["rebut", "check", "stats", "Find sources", "Check citations"] {
        assert_eq!(
            commands[moderator]["default_member_permissions"], manage_messages,
            "{moderator}"
        );
    }
    for member in ["ask", "define", "timeline", "study", "quiz", "forget-me"] {
        assert!(
            commands[member]["default_member_permissions"].is_null(),
            "{member}"
        );
    }
    assert_eq!(commands["Find sources"]["type"], 3);
    assert_eq!(commands["Check citations"]["type"], 3);
    let quiz: Vec<&str> = commands["quiz"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(quiz, ["question", "scores"]);

    // /ask, private by default, with "@everyone" and a role mention in the question.
    let question = "@everyone is it lawful to shoot shipwrecked survivors? <@&1300000000000000555>";
    let expected = bot.fathom.ask_reply(question, 3, 0);
    assert!(expected.items.len() == 3 && expected.has_more);
    let (frame, ask_id) = interaction(fake, "interaction_ask.json", |_| {});
    let sent = Instant::now();
    fake.dispatch(frame);
    let callback = fake.callback(&ask_id).await;
    let round_trip = callback.at.duration_since(sent);
    assert_eq!(callback.body["type"], 4, "CHANNEL_MESSAGE_WITH_SOURCE");
    let data = &callback.body["data"];
    assert_eq!(data["flags"], 64, "private by default");
    assert_eq!(data["allowed_mentions"], no_pings());
    let embed = &data["embeds"][0];
    assert!(embed["title"].as_str().unwrap().contains("@everyone"));
    // A legality question is answered in labelled parts: the law, then both positions.
    let names: Vec<&str> = (0..3)
        .map(|i| embed["fields"][i]["name"].as_str().unwrap())
        .collect();
    assert!(names[0].starts_with("The law · "), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("The administration's position · ")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.starts_with("Its critics · ")),
        "{names:?}"
    );
    for (i, item) in expected.items.iter().enumerate() {
        assert!(
            names[i].ends_with(&format!("{}. {}", i + 1, item.citation)),
            "{}",
            names[i]
        );
        assert!(
            embed["fields"][i]["value"]
                .as_str()
                .unwrap()
                .contains(&format!("<{}>", item.url))
        );
    }
    let footer = embed["footer"]["text"].as_str().unwrap();
    assert!(footer.contains(&bot.fathom.corpus.version) && footer.contains("Not legal advice"));
    let answer_id = footer.split_whitespace().nth(1).unwrap().to_string();
    let ids = custom_ids(data);
    assert_eq!(ids[0], format!("m:3:q:{question}"));
    assert!(ids.contains(&"pub:-".to_string()));
    assert!(ids.contains(&format!("dis:{ALICE}")));
    assert!(ids.contains(&format!("fb:{answer_id}:helpful")));
    let ask_message = message_from(data, "1300000000000000801", 64);

    // "More": the next page replaces the private answer.
    let (frame, more_id) = interaction(fake, "interaction_more_button.json", |d| {
        d["data"]["custom_id"] = json!(ids[0]);
        d["message"] = ask_message.clone();
    });
    fake.dispatch(frame);
    let callback = fake.callback(&more_id).await;
    assert_eq!(callback.body["type"], 7, "UPDATE_MESSAGE");
    let page2 = bot.fathom.ask_reply(question, 3, 3);
    let fields = &callback.body["data"]["embeds"][0]["fields"];
    let name = fields[0]["name"].as_str().unwrap();
    assert!(
        name.ends_with(&format!("4. {}", page2.items[0].citation)),
        "{name}"
    );
    assert_eq!(callback.body["data"]["allowed_mentions"], no_pings());

    // A feedback button (type 3): recorded once, buttons disabled.
    let helpful = format!("fb:{answer_id}:helpful");
    for press in 0..2 {
        let (frame, id) = interaction(fake, "interaction_feedback_button.json", |d| {
            d["data"]["custom_id"] = json!(helpful);
            d["message"] = ask_message.clone();
        });
        fake.dispatch(frame);
        let callback = fake.callback(&id).await;
        assert_eq!(callback.body["type"], 7);
        let buttons: Vec<Value> = callback.body["data"]["components"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["components"].as_array().cloned().unwrap())
            .filter(|b| b["custom_id"].as_str().unwrap().starts_with("fb:"))
            .collect();
        assert_eq!(buttons.len(), 4);
        assert!(
            buttons.iter().all(|b| b["disabled"] == true),
            "press {press}"
        );
        if press == 0 {
            assert_eq!(buttons[0]["style"], 3, "the vote is marked");
        }
    }

    // A public answer addressed to Bob: only Bob may be pinged.
    let (frame, public_id) = interaction(fake, "interaction_ask_public.json", |_| {});
    fake.dispatch(frame);
    let callback = fake.callback(&public_id).await;
    let data = &callback.body["data"];
    assert!(
        data.get("flags")
            .is_none_or(|f| f.as_u64().unwrap_or(0) & 64 == 0),
        "public"
    );
    assert_eq!(data["content"], format!("<@{BOB}>"));
    assert_eq!(
        data["allowed_mentions"],
        json!({"parse": [], "users": [BOB], "roles": []})
    );
    assert!(
        data["embeds"][0]["fields"][0]["name"]
            .as_str()
            .unwrap()
            .contains("UN Charter, Art. 51")
    );

    // A member's /stats is refused; a moderator's is answered.
    let (frame, refused_id) = interaction(fake, "interaction_stats_member.json", |_| {});
    fake.dispatch(frame);
    let callback = fake.callback(&refused_id).await;
    assert_eq!(callback.body["data"]["flags"], 64);
    assert!(
        callback.body["data"]["content"]
            .as_str()
            .unwrap()
            .contains("moderators")
    );
    assert!(
        callback.body["data"]["embeds"]
            .as_array()
            .is_none_or(|e| e.is_empty())
    );
    let (frame, stats_id) = interaction(fake, "interaction_stats_moderator.json", |_| {});
    fake.dispatch(frame);
    let callback = fake.callback(&stats_id).await;
    assert_eq!(
        callback.body["data"]["embeds"][0]["title"],
        "Usage, last 7 days"
    );

    // "Find sources" on a message, then "Post as reply": replies to that message, pinging only
    // its author.
    let (frame, find_id) = interaction(fake, "interaction_find_sources.json", |_| {});
    fake.dispatch(frame);
    let callback = fake.callback(&find_id).await;
    let data = &callback.body["data"];
    assert_eq!(data["flags"], 64);
    assert_eq!(data["allowed_mentions"], no_pings());
    let description = data["embeds"][0]["description"].as_str().unwrap();
    assert!(description.contains("[1]"), "footnotes: {description}");
    let reply_button = "rp:1300000000000000900:1300000000000000703".to_string();
    assert!(custom_ids(data).contains(&reply_button));
    let find_message = message_from(data, "1300000000000000802", 64);
    let (frame, reply_id) = interaction(fake, "interaction_post_reply_button.json", |d| {
        d["message"] = find_message.clone();
    });
    fake.dispatch(frame);
    let posted = fake
        .wait_for("the reply in the channel", |c| {
            c.method == "POST" && c.path == format!("/api/v10/channels/{CHANNEL}/messages")
        })
        .await;
    assert_eq!(
        posted.body["message_reference"]["message_id"],
        "1300000000000000900"
    );
    assert_eq!(
        posted.body["allowed_mentions"],
        json!({"parse": [], "users": [BOB], "roles": [], "replied_user": true})
    );
    assert_eq!(posted.body["embeds"][0]["description"], description);
    let callback = fake.callback(&reply_id).await;
    assert_eq!(callback.body["type"], 7);

    // "Check citations" on a message.
    let (frame, check_id) = interaction(fake, "interaction_check_citations.json", |_| {});
    fake.dispatch(frame);
    let callback = fake.callback(&check_id).await;
    let description = callback.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap();
    assert!(description.contains("✅ `Article 51`"), "{description}");
    assert!(description.contains("❓ `Article 8`"), "{description}");
    assert!(description.contains("❌ `Article 99`"), "{description}");

    // Autocomplete (type 4): ranked, labelled, within Discord's limits.
    let (frame, auto_id) = interaction(fake, "interaction_autocomplete_source.json", |_| {});
    fake.dispatch(frame);
    let callback = fake.callback(&auto_id).await;
    assert_eq!(
        callback.body["type"], 8,
        "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT"
    );
    let choices = callback.body["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);
    assert!(
        choices
            .iter()
            .all(|c| c["name"].as_str().unwrap().chars().count() <= 100)
    );
    assert!(choices.iter().any(|c| c["value"] == "un-charter-art-51"));
    assert!(
        choices[0]["name"]
            .as_str()
            .unwrap()
            .starts_with("UN Charter")
    );

    // "Post publicly" on the private answer: the same embed in the channel, with More, the
    // poster's Dismiss and the feedback buttons.
    let (frame, post_id) = interaction(fake, "interaction_more_button.json", |d| {
        d["data"]["custom_id"] = json!("pub:-");
        d["message"] = ask_message.clone();
    });
    fake.dispatch(frame);
    let callback = fake.callback(&post_id).await;
    assert_eq!(callback.body["type"], 4);
    let data = &callback.body["data"];
    assert!(data.get("flags").is_none_or(|f| f == 0), "public");
    assert_eq!(data["allowed_mentions"], no_pings());
    assert_eq!(data["embeds"][0]["footer"]["text"], footer);
    let ids = custom_ids(data);
    assert_eq!(ids[0], format!("m:3:q:{question}"));
    assert!(ids.contains(&format!("dis:{ALICE}")) && ids.contains(&helpful));
    assert!(!ids.iter().any(|i| i.starts_with("pub:")));
    let public_message = message_from(data, "1300000000000000803", 0);

    // "Dismiss" on the public answer: refused for Bob, done for Alice: the message is deleted
    // through the interaction's own webhook (which works where fathom is only user-installed),
    // never with the bot's channel permissions.
    for (user, permissions) in [(BOB, "277096025153"), (ALICE, "277096025153")] {
        let (frame, id) = interaction(fake, "interaction_more_button.json", |d| {
            d["data"]["custom_id"] = json!(format!("dis:{ALICE}"));
            d["message"] = public_message.clone();
            d["member"]["user"]["id"] = json!(user);
            d["member"]["permissions"] = json!(permissions);
        });
        fake.dispatch(frame);
        let callback = fake.callback(&id).await;
        if user == BOB {
            assert!(
                callback.body["data"]["content"]
                    .as_str()
                    .unwrap()
                    .contains("Only the person who asked")
            );
        } else {
            assert_eq!(callback.body["type"], 6, "DEFERRED_UPDATE_MESSAGE");
            fake.wait_for("the deletion", |c| {
                c.method == "DELETE"
                    && c.path == format!("/api/v10/webhooks/{APP}/token-{id}/messages/@original")
            })
            .await;
            assert!(
                !fake
                    .calls()
                    .iter()
                    .any(|c| c.method == "DELETE" && c.path.contains("/channels/")),
                "no deletion with the bot's own permissions"
            );
        }
    }

    // /study, then "Download as Markdown": the reading list as a .md attachment.
    let (frame, study_id) = interaction(fake, "interaction_ask.json", |d| {
        d["data"] = json!({"id": "1300000000000000206", "name": "study", "type": 1,
            "options": [{"name": "topic", "type": 3, "value": "survivors"}]});
    });
    fake.dispatch(frame);
    let callback = fake.callback(&study_id).await;
    let data = &callback.body["data"];
    assert!(
        data["embeds"][0]["title"]
            .as_str()
            .unwrap()
            .starts_with("Reading list")
    );
    assert!(custom_ids(data).contains(&"md:survivors".to_string()));
    let (frame, download_id) = interaction(fake, "interaction_more_button.json", |d| {
        d["data"]["custom_id"] = json!("md:survivors");
        d["message"] = message_from(data, "1300000000000000804", 64);
    });
    fake.dispatch(frame);
    let callback = fake.callback(&download_id).await;
    assert_eq!(callback.body["multipart"], true);
    assert_eq!(
        callback.body["file_names"],
        json!(["reading-list-survivors.md"])
    );
    assert!(
        callback.body["raw"]
            .as_str()
            .unwrap()
            .contains("## Primary law")
    );
    assert_eq!(
        callback.body["payload_json"]["data"]["allowed_mentions"],
        no_pings()
    );

    // /quiz question: a public question with one button per choice; only the asker answers;
    // the answer reveals the right choice and counts the score.
    let (frame, quiz_id) = interaction(fake, "interaction_ask.json", |d| {
        d["data"] = json!({"id": "1300000000000000207", "name": "quiz", "type": 1,
            "options": [{"name": "question", "type": 1,
                "options": [{"name": "topic", "type": 3, "value": "survivors"}]}]});
    });
    fake.dispatch(frame);
    let callback = fake.callback(&quiz_id).await;
    let data = callback.body["data"].clone();
    assert!(data.get("flags").is_none_or(|f| f == 0), "a quiz is public");
    let choices = custom_ids(&data);
    assert!(
        choices.len() >= 2
            && choices
                .iter()
                .all(|c| c.starts_with(&format!("qz:{ALICE}:")))
    );
    let question_id = choices[0].splitn(4, ':').nth(3).unwrap().to_string();
    let item = bot
        .fathom
        .corpus
        .quiz
        .iter()
        .find(|q| q.id == question_id)
        .unwrap();
    assert!(item.topics.contains(&"survivors".to_string()));
    let quiz_message = message_from(&data, "1300000000000000805", 0);
    for user in [BOB, ALICE] {
        let (frame, id) = interaction(fake, "interaction_more_button.json", |d| {
            d["data"]["custom_id"] = json!(choices[0]);
            d["message"] = quiz_message.clone();
            d["member"]["user"]["id"] = json!(user);
        });
        fake.dispatch(frame);
        let callback = fake.callback(&id).await;
        if user == BOB {
            assert_eq!(callback.body["data"]["flags"], 64);
            assert!(
                callback.body["data"]["content"]
                    .as_str()
                    .unwrap()
                    .contains("Start your own")
            );
            continue;
        }
        assert_eq!(callback.body["type"], 7);
        let title = callback.body["data"]["embeds"][0]["title"]
            .as_str()
            .unwrap();
        assert_eq!(
            title,
            if item.answer == 0 {
                "Correct!"
            } else {
                "Not quite"
            }
        );
        let buttons: Vec<Value> = callback.body["data"]["components"][0]["components"]
            .as_array()
            .unwrap()
            .clone();
        assert!(buttons.iter().all(|b| b["disabled"] == true));
        assert_eq!(
            buttons[item.answer]["style"], 3,
            "the right choice is green"
        );
    }

    // Autocomplete on a glossary term.
    let (frame, term_id) = interaction(fake, "interaction_autocomplete_source.json", |d| {
        d["data"]["name"] = json!("define");
        d["data"]["options"] =
            json!([{"name": "term", "type": 3, "value": "hors", "focused": true}]);
    });
    fake.dispatch(frame);
    let callback = fake.callback(&term_id).await;
    let choices = callback.body["data"]["choices"].as_array().unwrap();
    assert!(
        choices.iter().any(|c| c["value"] == "hors de combat"),
        "{choices:?}"
    );

    // An internal error (Discord answers the first callback with a 500): the user gets a short
    // apology, never the error.
    let (frame, failing_id) = interaction(fake, "interaction_ask.json", |d| {
        d["token"] = json!("token-fail-once");
        d["member"]["user"]["id"] = json!(BOB);
    });
    fake.dispatch(frame);
    let path = format!("/api/v10/interactions/{failing_id}/token-fail-once/callback");
    let apology = fake
        .wait_for("the apology", |c| {
            c.path == path && c.body["data"]["content"] == fathom::discord::APOLOGY
        })
        .await;
    assert_eq!(apology.body["data"]["flags"], 64);
    assert_eq!(apology.body["data"]["allowed_mentions"], no_pings());

    // Measured, not asserted: /ask round trips through the fake, against the same search run
    // in-process (the peer that shows what the Discord layer and loopback add).
    let mut through_discord = Vec::new();
    let mut in_process = Vec::new();
    for _ in 0..15 {
        let (frame, id) = interaction(fake, "interaction_ask.json", |_| {});
        let sent = Instant::now();
        fake.dispatch(frame);
        let callback = fake.callback(&id).await;
        through_discord.push(callback.at.duration_since(sent));
        let started = Instant::now();
        let _ = bot.fathom.ask_reply(question, 3, 0);
        in_process.push(started.elapsed());
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    let (wire, local) = (median(&mut through_discord), median(&mut in_process));
    println!(
        "e2e: /ask median over 15: {wire:.1} ms dispatch → callback (max {:.1} ms), {local:.1} ms for the search in-process ({:.1}x)",
        through_discord.last().unwrap().as_secs_f64() * 1000.0,
        wire / local.max(1e-9)
    );

    println!(
        "e2e: /ask round trip (dispatch → callback) {:.1} ms; {} heartbeats",
        round_trip.as_secs_f64() * 1000.0,
        fake.shared
            .heartbeats
            .load(std::sync::atomic::Ordering::SeqCst)
    );

    // Shut down like Ctrl-C: the gateway closes, the log drains; then read the real file.
    // First a heartbeat (every 250 ms here), however quickly the answers came.
    bot.wait_until("a heartbeat", || {
        fake.shared
            .heartbeats
            .load(std::sync::atomic::Ordering::SeqCst)
            > 0
    })
    .await;
    assert_eq!(
        fake.shared
            .sessions
            .load(std::sync::atomic::Ordering::SeqCst),
        1,
        "one gateway session: heartbeats acknowledged, no reconnects"
    );
    let (db, _dir, took) = bot.stop().await;
    println!("e2e: shutdown took {:.0} ms", took.as_secs_f64() * 1000.0);
    let rows = rows(&db);
    let commands: Vec<&str> = rows.iter().map(|r| r.4.as_str()).collect();
    for expected in [
        "ask",
        "feedback",
        "refused",
        "stats",
        "find-sources",
        "post-reply",
        "check-citations",
        "complete",
        "post-publicly",
        "dismiss",
        "study",
    ] {
        assert!(
            commands.contains(&expected),
            "no {expected} row in {commands:?}"
        );
    }
    assert_eq!(
        commands.iter().filter(|c| **c == "ask").count(),
        19,
        "{commands:?}"
    );
    assert_eq!(commands.iter().filter(|c| **c == "feedback").count(), 2);
    for (transport, user_hash, guild, channel, command, query, _) in &rows {
        assert_eq!(transport, "discord");
        assert_eq!(guild.as_deref(), Some(GUILD));
        assert_eq!(channel.as_deref(), Some(CHANNEL));
        assert!(
            !user_hash.contains("13000000"),
            "raw user id stored for {command}"
        );
        if command == "refused" && query.starts_with("stats") {
            assert_eq!(user_hash, &hash_user(SALT, ALICE));
            assert_eq!(query, "stats: not a moderator");
        }
    }
    let ask_row = rows.iter().find(|r| r.4 == "ask").unwrap();
    assert_eq!(ask_row.5, question);
    assert_eq!(ask_row.6.as_deref(), Some(answer_id.as_str()));
    assert_eq!(ask_row.1, hash_user(SALT, ALICE));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let votes: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM feedback WHERE answer_id = ?",
            [&answer_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(votes, 1, "one vote per person");
    let scores: (String, i64) = conn
        .query_row(
            "SELECT guild_id, answered FROM quiz_scores WHERE user_hash = ?",
            [hash_user(SALT, ALICE)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(scores, (GUILD.to_string(), 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_registration_and_cooldowns() {
    let bot = start(&[
        ("DISCORD_GUILD_ID", GUILD),
        ("FATHOM_USER_COOLDOWN_SECS", "30"),
        ("FATHOM_CHANNEL_COOLDOWN_SECS", "30"),
    ])
    .await;
    let fake = &bot.fake;
    let put = fake
        .wait_for("the command registration", |c| c.method == "PUT")
        .await;
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APP}/guilds/{GUILD}/commands")
    );

    // The same user twice in a row: the second is told, privately, to wait.
    let mut callbacks = Vec::new();
    for _ in 0..2 {
        let (frame, id) = interaction(fake, "interaction_ask.json", |_| {});
        fake.dispatch(frame);
        callbacks.push(fake.callback(&id).await);
    }
    assert!(callbacks[0].body["data"]["embeds"][0]["fields"].is_array());
    let second = &callbacks[1].body["data"];
    assert_eq!(second["flags"], 64);
    assert!(
        second["content"]
            .as_str()
            .unwrap()
            .starts_with("Please wait"),
        "{second}"
    );

    // Two different people asking publicly in one channel: the second answer comes privately.
    let mut public = Vec::new();
    for user in [MODERATOR, BOB] {
        let (frame, id) = interaction(fake, "interaction_ask_public.json", |d| {
            d["member"]["user"]["id"] = json!(user);
        });
        fake.dispatch(frame);
        public.push(fake.callback(&id).await);
    }
    assert!(public[0].body["data"].get("flags").is_none_or(|f| f == 0));
    let second = &public[1].body["data"];
    assert_eq!(second["flags"], 64);
    assert!(
        second["content"]
            .as_str()
            .unwrap()
            .contains("just had a public answer")
    );
    assert_eq!(
        second["allowed_mentions"],
        no_pings(),
        "a private answer pings nobody"
    );

    // /forget-me is never held back by the cooldown, and deletes Alice's rows: once they are
    // in the log (rows still queued are deleted by its second pass, later).
    bot.wait_until("the four rows so far in the log", || bot.rows().len() >= 4)
        .await;
    let (frame, forget_id) = interaction(fake, "interaction_ask.json", |d| {
        d["data"] = json!({"id": "1300000000000000208", "name": "forget-me", "type": 1});
    });
    fake.dispatch(frame);
    let callback = fake.callback(&forget_id).await;
    let said = callback.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap();
    assert!(said.starts_with("Deleted 2 logged queries"), "{said}");

    let (db, _dir, _) = bot.stop().await;
    let rows = rows(&db);
    let refused: Vec<&str> = rows
        .iter()
        .filter(|r| r.4 == "refused")
        .map(|r| r.5.as_str())
        .collect();
    assert!(
        refused.is_empty(),
        "Alice's cooldown refusal went with her rows: {refused:?}"
    );
    assert!(!rows.iter().any(|r| r.1 == hash_user(SALT, ALICE)));
    assert!(
        rows.iter()
            .any(|r| r.4 == "forget-me" && r.1 == hash_user(SALT, "anonymous"))
    );
    assert_eq!(
        rows.iter().filter(|r| r.4 == "ask").count(),
        2,
        "the public answers stay"
    );
}

#[tokio::test]
async fn serve_without_a_token_explains_how_to_set_up_the_bot() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path(), &[]);
    config.discord_token = None;
    let app = fathom::app::App::open(&config, fathom::app::Logging::On, |_| {
        std::ops::ControlFlow::Continue(())
    })
    .await
    .unwrap();
    let err = fathom::discord::serve(
        &config,
        app.fathom().clone(),
        fathom::discord::Endpoint::Discord,
        Arc::new(|_, _| {}),
        std::future::pending(),
    )
    .await
    .unwrap_err()
    .to_string();
    app.shutdown().await;
    for needed in [
        "DISCORD_TOKEN",
        "discord.com/developers/applications",
        "Privileged Gateway Intents",
        "applications.commands",
        "274878024704",
        "cargo run --release -- serve",
    ] {
        assert!(err.contains(needed), "{needed} missing from: {err}");
    }
}

#[test]
fn fathom_serve_without_a_token_exits_with_the_setup_steps() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_fathom"))
        .arg("serve")
        .current_dir(dir.path())
        .env_remove("DISCORD_TOKEN")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/x.db?mode=rwc", dir.path().display()),
        )
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("DISCORD_TOKEN is not set"), "{stderr}");
    assert!(stderr.contains("applications.commands"), "{stderr}");
}
