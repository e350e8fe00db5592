//! Who is calling, and through which transport: what the log records (the user id only as a
//! salted hash) and what a reply may depend on (the server, for quiz scores and statistics;
//! the Discord locale, for the language of the reply).

/// Where a call came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    Cli,
    /// The Discord gateway.
    Discord,
    /// Discord's outgoing webhooks (the HTTP interactions endpoint).
    Http,
}

impl Transport {
    /// As stored in the query log.
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Cli => "cli",
            Transport::Discord => "discord",
            Transport::Http => "http",
        }
    }
}

/// Who is calling, for the log (the user id is hashed before it is stored).
#[derive(Debug, Clone)]
pub struct Caller {
    pub transport: Transport,
    pub user_id: String,
    pub guild_id: Option<String>,
    pub channel_id: Option<String>,
    /// The Discord locale of the user (`es-419`, `en-US`), when known.
    pub locale: Option<String>,
}

impl Caller {
    /// The same call, with no one's hash in the log.
    pub fn anonymous(&self) -> Caller {
        Caller {
            user_id: "anonymous".into(),
            ..self.clone()
        }
    }

    /// The person at the terminal.
    pub fn cli() -> Caller {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "terminal".into());
        Caller {
            transport: Transport::Cli,
            user_id: format!("cli:{user}"),
            guild_id: None,
            channel_id: None,
            locale: None,
        }
    }
}
