//! A fake Discord on loopback: one axum server on 127.0.0.1:0 serves the REST API (reached
//! through serenity's `HttpBuilder::proxy`, ratelimiter off) and a ws:// gateway (HELLO,
//! IDENTIFY, READY, heartbeat ACKs, dispatches), recording every request. Shared by the end-to-end
//! tests (`tests/discord_e2e.rs`) and the idle-memory benchmark (`benches/serve_idle.rs`); each
//! uses a part of it. Also the configuration of a test deployment against it.
#![allow(dead_code)]

/// The bot application's id (the fixtures' READY names it).
pub const APP: &str = "1300000000000000001";
/// The channel messages are posted in.
pub const CHANNEL: &str = "1300000000000000600";
/// The bot token the fake accepts.
pub const TOKEN: &str = "fake-bot-token";
/// The user-id salt of the test deployment.
pub const SALT: &str = "e2e-salt";

/// The configuration of a test deployment against the fake: the shipped corpus, the index and
/// the database in `dir`, the fake's token; `extra` sets or overrides variables.
pub fn config(dir: &std::path::Path, extra: &[(&str, &str)]) -> fathom::config::Config {
    // The corpus of the repository, whether this file is compiled into the product's tests
    // or the measuring tools' benches (a folder deeper).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = [root.join("index"), root.join("../index")]
        .into_iter()
        .find(|c| c.join("topics.toml").exists())
        .unwrap_or_else(|| root.join("index"));
    let mut env: std::collections::HashMap<String, String> = [
        ("FATHOM_CORPUS_DIR", corpus.display().to_string()),
        (
            "FATHOM_INDEX_DIR",
            dir.join("tantivy").display().to_string(),
        ),
        (
            "DATABASE_URL",
            format!("sqlite://{}/fathom.db?mode=rwc", dir.display()),
        ),
        ("FATHOM_USER_SALT", SALT.to_string()),
        ("DISCORD_TOKEN", TOKEN.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (k, v) in extra {
        env.insert(k.to_string(), v.to_string());
    }
    fathom::config::Config::from_lookup(|k| env.get(k).cloned())
        .expect("the test configuration is valid")
}

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request as AxumRequest, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// One REST call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub at: Instant,
}

pub struct Shared {
    calls: Mutex<Vec<Call>>,
    changed: watch::Sender<u64>,
    gateway: Mutex<Option<mpsc::UnboundedSender<String>>>,
    seq: AtomicU64,
    next_id: AtomicU64,
    port: OnceLock<u16>,
    pub gateway_closed: AtomicU64,
    pub heartbeats: AtomicU64,
    pub sessions: AtomicU64,
}

pub struct Fake {
    pub base: String,
    pub port: u16,
    pub shared: Arc<Shared>,
    pub server: tokio::task::JoinHandle<()>,
}

/// The real `serve` running against a fake, over a fathom opened as `fathom serve` opens it.
pub struct Serving {
    pub app: fathom::app::App,
    /// Send to stop `serve` the way Ctrl-C does.
    pub stop: tokio::sync::oneshot::Sender<()>,
    pub served: tokio::task::JoinHandle<Result<(), fathom::discord::ServeError>>,
}

impl Fake {
    /// Opens fathom with `config` and starts the real `serve` against this fake.
    pub async fn serve(&self, config: fathom::config::Config) -> Serving {
        let app = fathom::app::App::open(&config, fathom::app::Logging::On, |_| {
            std::ops::ControlFlow::Continue(())
        })
        .await
        .expect("fathom opens");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let endpoint = fathom::discord::Endpoint::Base(self.base.clone());
        let engine = app.fathom().clone();
        let served = tokio::spawn(async move {
            fathom::discord::serve(&config, engine, endpoint, Arc::new(|_, _| {}), async {
                let _ = stopped.await;
                fathom::shutdown::Stop::Interrupt
            })
            .await
        });
        Serving { app, stop, served }
    }

    pub async fn start() -> Fake {
        let (changed, _) = watch::channel(0);
        let shared = Arc::new(Shared {
            calls: Mutex::new(Vec::new()),
            changed,
            gateway: Mutex::new(None),
            seq: AtomicU64::new(1),
            next_id: AtomicU64::new(1_300_000_000_000_005_000),
            port: OnceLock::new(),
            gateway_closed: AtomicU64::new(0),
            heartbeats: AtomicU64::new(0),
            sessions: AtomicU64::new(0),
        });
        let app = Router::new()
            .route("/gw", get(upgrade))
            .fallback(rest)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        shared.port.set(port).unwrap();
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Fake {
            base: format!("http://127.0.0.1:{port}"),
            port,
            shared,
            server,
        }
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.lock().unwrap().clone()
    }

    /// Waits (at most 20 s) for a call matching `what`.
    pub async fn wait_for(&self, label: &str, what: impl Fn(&Call) -> bool) -> Call {
        let mut changed = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(c) = self.calls().into_iter().find(|c| what(c)) {
                return c;
            }
            let wait = tokio::time::timeout_at(deadline, changed.changed()).await;
            if wait.is_err() {
                let seen: Vec<String> = self
                    .calls()
                    .iter()
                    .map(|c| format!("{} {}", c.method, c.path))
                    .collect();
                panic!("timed out waiting for {label}; the bot called: {seen:#?}");
            }
        }
    }

    /// The interaction callback for an interaction id.
    pub async fn callback(&self, interaction_id: &str) -> Call {
        let prefix = format!("/api/v10/interactions/{interaction_id}/");
        self.wait_for(&format!("the callback of {interaction_id}"), |c| {
            c.method == "POST" && c.path.starts_with(&prefix) && c.path.ends_with("/callback")
        })
        .await
    }

    /// Sends a dispatch over the gateway (the bot must have identified).
    pub fn dispatch(&self, mut frame: Value) {
        frame["s"] = json!(self.shared.seq.fetch_add(1, Ordering::SeqCst) + 1);
        let gateway = self.shared.gateway.lock().unwrap();
        let tx = gateway.as_ref().expect("the bot has not identified yet");
        tx.send(frame.to_string())
            .expect("the gateway session is gone");
    }

    /// A fresh snowflake for interaction ids and tokens.
    pub fn next_id(&self) -> String {
        self.shared
            .next_id
            .fetch_add(1, Ordering::SeqCst)
            .to_string()
    }
}

fn record(shared: &Shared, method: &Method, path: &str, body: Value) {
    shared.calls.lock().unwrap().push(Call {
        method: method.to_string(),
        path: path.to_string(),
        body,
        at: Instant::now(),
    });
    shared.changed.send_modify(|n| *n += 1);
}

/// JSON bodies, and the `payload_json` part of multipart bodies (attachments).
fn parse_body(headers: &HeaderMap, bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    let multipart = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    if multipart {
        let mut out = json!({"multipart": true});
        if let Some(at) = text.find("name=\"payload_json\"") {
            let rest = &text[at..];
            if let Some(start) = rest.find("\r\n\r\n") {
                let rest = &rest[start + 4..];
                let end = rest.find("\r\n--").unwrap_or(rest.len());
                out["payload_json"] = serde_json::from_str(&rest[..end]).unwrap_or(Value::Null);
            }
        }
        out["file_names"] = json!(
            text.match_indices("filename=\"")
                .map(|(i, _)| text[i + 10..].split('"').next().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        );
        out["raw"] = json!(text);
        return out;
    }
    serde_json::from_slice(bytes).unwrap_or(Value::Null)
}

fn message(id: String, channel: &str, body: &Value) -> Value {
    let payload = body.get("payload_json").unwrap_or(body);
    json!({
        "id": id,
        "channel_id": channel,
        "author": {"id": APP, "username": "fathom", "discriminator": "0", "avatar": null, "bot": true},
        "content": payload.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-01-10T12:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": payload.get("embeds").cloned().unwrap_or(json!([])),
        "components": payload.get("components").cloned().unwrap_or(json!([])),
        "pinned": false,
        "type": 0,
        "flags": payload.get("flags").cloned().unwrap_or(json!(0)),
    })
}

async fn rest(State(shared): State<Arc<Shared>>, request: AxumRequest) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let headers = request.headers().clone();
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), 16 << 20)
        .await
        .unwrap_or_default();
    let body = parse_body(&headers, &bytes);
    record(&shared, &method, &path, body.clone());
    let port = *shared.port.get().unwrap();
    let parts: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let id = || shared.next_id.fetch_add(1, Ordering::SeqCst).to_string();
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => {
            axum::Json(json!({"url": format!("ws://127.0.0.1:{port}/gw")})).into_response()
        }
        ("PUT", ["applications", app, "commands"])
        | ("PUT", ["applications", app, "guilds", _, "commands"]) => {
            let echoed: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut c| {
                    c["id"] = json!(id());
                    c["application_id"] = json!(app);
                    c["version"] = json!("1");
                    if c.get("type").is_none() {
                        c["type"] = json!(1);
                    }
                    if c.get("description").is_none() {
                        c["description"] = json!("");
                    }
                    c
                })
                .collect();
            axum::Json(Value::Array(echoed)).into_response()
        }
        // A token containing "fail-once" fails its first callback (an internal error).
        ("POST", ["interactions", _, token, "callback"])
            if token.contains("fail-once")
                && shared
                    .calls
                    .lock()
                    .unwrap()
                    .iter()
                    .filter(|c| c.path == path)
                    .count()
                    == 1 =>
        {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                axum::Json(json!({"message": "500: Internal Server Error", "code": 0})),
            )
                .into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", ["webhooks", _, _, "messages", _]) => {
            axum::Json(message(id(), CHANNEL, &body)).into_response()
        }
        ("POST", ["webhooks", _, _]) => axum::Json(message(id(), CHANNEL, &body)).into_response(),
        ("POST", ["channels", channel, "messages"]) => {
            axum::Json(message(id(), channel, &body)).into_response()
        }
        ("DELETE", ["channels", _, "messages", _]) => StatusCode::NO_CONTENT.into_response(),
        ("DELETE", ["webhooks", _, _, "messages", _]) => StatusCode::NO_CONTENT.into_response(),
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"message": "404: Not Found", "code": 0})),
        )
            .into_response(),
    }
}

async fn upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| session(socket, shared))
}

/// A gateway or interaction payload from `tests/fixtures/discord/`.
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/discord/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

async fn session(mut socket: WebSocket, shared: Arc<Shared>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    shared.sessions.fetch_add(1, Ordering::SeqCst);
    // A short heartbeat interval, so that the ACK path is exercised during the test.
    let mut hello = fixture("hello.json");
    hello["d"]["heartbeat_interval"] = json!(250);
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let text = match incoming {
                    Some(Ok(Message::Text(t))) => t.to_string(),
                    Some(Ok(Message::Binary(_) | Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                };
                let frame: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                match frame["op"].as_u64() {
                    Some(1) => {
                        shared.heartbeats.fetch_add(1, Ordering::SeqCst);
                        let _ = socket.send(Message::Text(json!({"op": 11}).to_string().into())).await;
                    }
                    Some(2) => {
                        let port = *shared.port.get().unwrap();
                        let mut ready = fixture("ready.json");
                        ready["d"]["resume_gateway_url"] = json!(format!("ws://127.0.0.1:{port}/gw"));
                        ready["s"] = json!(shared.seq.fetch_add(1, Ordering::SeqCst));
                        // Open the session for dispatches before READY goes out: the bot may
                        // act on READY (register its commands) and a test dispatch at once.
                        // Dispatches queue in `rx` and are sent after READY, in this loop.
                        *shared.gateway.lock().unwrap() = Some(tx.clone());
                        shared.changed.send_modify(|n| *n += 1);
                        if socket.send(Message::Text(ready.to_string().into())).await.is_err() {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            out = rx.recv() => {
                let Some(text) = out else { break };
                if socket.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
        }
    }
    shared.gateway.lock().unwrap().take();
    shared.gateway_closed.fetch_add(1, Ordering::SeqCst);
    shared.changed.send_modify(|n| *n += 1);
}
