//! Sending: an `Outgoing` message (text, embeds, buttons, an optional file) turned into each of
//! serenity's builders — always with explicit `allowed_mentions` (empty unless one user may be
//! pinged) — and answering an interaction within Discord's 3-second deadline (deferring first
//! when the work takes longer).

use super::ids::Action;
use super::limits::{self, cut};
use super::render::{self, EmbedSpec};
use crate::commands::Reply;
use serenity::all::{
    ButtonStyle, CommandInteraction, ComponentInteraction, CreateActionRow, CreateAllowedMentions,
    CreateAttachment, CreateButton, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse, Http, UserId,
};
use std::future::Future;
use std::time::Duration;

/// Work that has not finished after this long is answered with a deferral first.
pub const DEFER_AFTER: Duration = Duration::from_millis(1500);

/// One button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
    pub disabled: bool,
}

impl Button {
    /// A button for an action, or None when its state does not fit a custom_id.
    pub fn new(action: &Action, label: &str, style: ButtonStyle) -> Option<Button> {
        Some(Button {
            custom_id: action.encode()?,
            label: cut(label, limits::BUTTON_LABEL_MAX),
            style,
            disabled: false,
        })
    }

    fn builder(&self) -> CreateButton {
        CreateButton::new(self.custom_id.clone())
            .label(self.label.clone())
            .style(self.style)
            .disabled(self.disabled)
    }
}

/// A message to send.
#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    pub content: Option<String>,
    pub embeds: Vec<EmbedSpec>,
    pub rows: Vec<Vec<Button>>,
    /// The one user who may be pinged (`/ask mention:`).
    pub ping: Option<UserId>,
    /// Whether replying to a message may ping its author ("Post as reply").
    pub reply_ping: bool,
    pub file: Option<(String, Vec<u8>)>,
}

impl Outgoing {
    /// A reply rendered as one embed.
    pub fn reply(reply: &Reply) -> Outgoing {
        Outgoing {
            embeds: vec![render::embed(reply)],
            ..Outgoing::default()
        }
    }

    /// Plain text.
    pub fn text(text: &str) -> Outgoing {
        Outgoing {
            content: Some(text.to_string()),
            ..Outgoing::default()
        }
    }

    /// Adds a row of buttons (empty rows and rows past Discord's five are dropped, and a row
    /// holds at most five buttons).
    pub fn row(mut self, buttons: Vec<Option<Button>>) -> Outgoing {
        let buttons: Vec<Button> = buttons
            .into_iter()
            .flatten()
            .take(limits::BUTTONS_PER_ROW_MAX)
            .collect();
        if !buttons.is_empty() && self.rows.len() < limits::ROWS_MAX {
            self.rows.push(buttons);
        }
        self
    }

    /// Puts `text` before the content.
    pub fn prepend(mut self, text: &str) -> Outgoing {
        self.content = Some(match self.content.take() {
            Some(c) => format!("{text}\n{c}"),
            None => text.to_string(),
        });
        self
    }

    pub fn allowed_mentions(&self) -> CreateAllowedMentions {
        let mut mentions = CreateAllowedMentions::new();
        if let Some(user) = self.ping {
            mentions = mentions.users([user]);
        }
        if self.reply_ping {
            mentions = mentions.replied_user(true);
        }
        mentions
    }

    fn content(&self) -> Option<String> {
        self.content
            .as_ref()
            .map(|c| cut(&limits::disarm_links(c), limits::CONTENT_MAX))
    }

    fn embeds(&self) -> Vec<serenity::all::CreateEmbed> {
        self.embeds
            .iter()
            .take(limits::EMBEDS_MAX)
            .map(EmbedSpec::to_builder)
            .collect()
    }

    pub fn components(&self) -> Vec<CreateActionRow> {
        self.rows
            .iter()
            .take(limits::ROWS_MAX)
            .map(|row| CreateActionRow::Buttons(row.iter().map(Button::builder).collect()))
            .collect()
    }

    fn attachment(&self) -> Option<CreateAttachment> {
        self.file
            .as_ref()
            .map(|(name, bytes)| CreateAttachment::bytes(bytes.clone(), name.clone()))
    }

    pub fn message(&self) -> CreateInteractionResponseMessage {
        let mut m = CreateInteractionResponseMessage::new()
            .embeds(self.embeds())
            .components(self.components())
            .allowed_mentions(self.allowed_mentions());
        if let Some(c) = self.content() {
            m = m.content(c);
        }
        if let Some(file) = self.attachment() {
            m = m.add_file(file);
        }
        m
    }

    pub fn edit(&self) -> EditInteractionResponse {
        let mut m = EditInteractionResponse::new()
            .embeds(self.embeds())
            .components(self.components())
            .allowed_mentions(self.allowed_mentions());
        if let Some(c) = self.content() {
            m = m.content(c);
        }
        if let Some(file) = self.attachment() {
            m = m.new_attachment(file);
        }
        m
    }

    pub fn followup(&self, ephemeral: bool) -> CreateInteractionResponseFollowup {
        let mut m = CreateInteractionResponseFollowup::new()
            .embeds(self.embeds())
            .components(self.components())
            .allowed_mentions(self.allowed_mentions())
            .ephemeral(ephemeral);
        if let Some(c) = self.content() {
            m = m.content(c);
        }
        if let Some(file) = self.attachment() {
            m = m.add_file(file);
        }
        m
    }

    pub fn channel_message(&self) -> CreateMessage {
        let mut m = CreateMessage::new()
            .embeds(self.embeds())
            .components(self.components())
            .allowed_mentions(self.allowed_mentions());
        if let Some(c) = self.content() {
            m = m.content(c);
        }
        m
    }
}

/// The two kinds of interaction that get message responses.
pub trait Respondable: Sync {
    fn respond(
        &self,
        http: &Http,
        response: CreateInteractionResponse,
    ) -> impl Future<Output = serenity::Result<()>> + Send;
    fn edit(
        &self,
        http: &Http,
        edit: EditInteractionResponse,
    ) -> impl Future<Output = serenity::Result<()>> + Send;
}

impl Respondable for CommandInteraction {
    async fn respond(
        &self,
        http: &Http,
        response: CreateInteractionResponse,
    ) -> serenity::Result<()> {
        self.create_response(http, response).await
    }
    async fn edit(&self, http: &Http, edit: EditInteractionResponse) -> serenity::Result<()> {
        self.edit_response(http, edit).await.map(|_| ())
    }
}

impl Respondable for ComponentInteraction {
    async fn respond(
        &self,
        http: &Http,
        response: CreateInteractionResponse,
    ) -> serenity::Result<()> {
        self.create_response(http, response).await
    }
    async fn edit(&self, http: &Http, edit: EditInteractionResponse) -> serenity::Result<()> {
        self.edit_response(http, edit).await.map(|_| ())
    }
}

/// How an interaction is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A new message, seen only by the user.
    Private,
    /// A new message in the channel.
    Public,
    /// Replace the message the button belongs to.
    Update,
}

/// Answers an interaction with what `work` produces: at once if it is ready within
/// `DEFER_AFTER`, otherwise with a deferral first and an edit when it is ready.
pub async fn answer<H, I, F>(ctx: &H, interaction: &I, mode: Mode, work: F) -> serenity::Result<()>
where
    H: AsRef<Http>,
    I: Respondable,
    F: Future<Output = Outgoing>,
{
    answer_within(DEFER_AFTER, ctx.as_ref(), interaction, mode, work).await
}

async fn answer_within<I, F>(
    defer_after: Duration,
    http: &Http,
    interaction: &I,
    mode: Mode,
    work: F,
) -> serenity::Result<()>
where
    I: Respondable,
    F: Future<Output = Outgoing>,
{
    let work = std::pin::pin!(work);
    let mut work = work;
    tokio::select! {
        out = &mut work => {
            let message = out.message();
            let response = match mode {
                Mode::Private => CreateInteractionResponse::Message(message.ephemeral(true)),
                Mode::Public => CreateInteractionResponse::Message(message),
                Mode::Update => CreateInteractionResponse::UpdateMessage(message),
            };
            interaction.respond(http, response).await
        }
        _ = tokio::time::sleep(defer_after) => {
            let deferral = match mode {
                Mode::Private => CreateInteractionResponse::Defer(
                    CreateInteractionResponseMessage::new().ephemeral(true),
                ),
                Mode::Public => CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new()),
                Mode::Update => CreateInteractionResponse::Acknowledge,
            };
            interaction.respond(http, deferral).await?;
            let out = work.await;
            interaction.edit(http, out.edit()).await
        }
    }
}

/// A short private notice (a refusal, a cooldown, a problem the user can fix).
pub async fn notice<H: AsRef<Http>, I: Respondable>(
    ctx: &H,
    interaction: &I,
    text: &str,
) -> serenity::Result<()> {
    let out = Outgoing::text(text);
    interaction
        .respond(
            ctx.as_ref(),
            CreateInteractionResponse::Message(out.message().ephemeral(true)),
        )
        .await
}

/// A labelled button style for feedback and navigation.
pub fn secondary(action: &Action, label: &str) -> Option<Button> {
    Button::new(action, label, ButtonStyle::Secondary)
}

pub fn primary(action: &Action, label: &str) -> Option<Button> {
    Button::new(action, label, ButtonStyle::Primary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    const SHORT: Duration = Duration::from_millis(50);

    /// An interaction that records how it was answered.
    #[derive(Default)]
    struct Recorder {
        sent: Mutex<Vec<String>>,
    }

    impl Respondable for Recorder {
        async fn respond(
            &self,
            _: &Http,
            response: CreateInteractionResponse,
        ) -> serenity::Result<()> {
            let json = serde_json::to_value(&response).unwrap();
            self.sent
                .lock()
                .unwrap()
                .push(format!("respond {}", json["type"]));
            Ok(())
        }
        async fn edit(&self, _: &Http, edit: EditInteractionResponse) -> serenity::Result<()> {
            let json = serde_json::to_value(&edit).unwrap();
            self.sent
                .lock()
                .unwrap()
                .push(format!("edit {}", json["allowed_mentions"]));
            Ok(())
        }
    }

    #[tokio::test]
    async fn quick_work_is_answered_at_once() {
        let http = Http::new("t");
        let rec = Recorder::default();
        answer_within(SHORT, &http, &rec, Mode::Private, async {
            Outgoing::text("hi")
        })
        .await
        .unwrap();
        assert_eq!(*rec.sent.lock().unwrap(), ["respond 4"]);
    }

    #[tokio::test]
    async fn slow_work_is_deferred_then_edited_in() {
        let http = Http::new("t");
        let rec = Recorder::default();
        answer_within(SHORT, &http, &rec, Mode::Private, async {
            tokio::time::sleep(SHORT * 2).await;
            Outgoing::text("late")
        })
        .await
        .unwrap();
        assert_eq!(
            *rec.sent.lock().unwrap(),
            [
                "respond 5".to_string(),
                r#"edit {"parse":[],"roles":[],"users":[]}"#.to_string()
            ]
        );
        let rec = Recorder::default();
        answer_within(SHORT, &http, &rec, Mode::Update, async {
            tokio::time::sleep(SHORT * 2).await;
            Outgoing::text("late")
        })
        .await
        .unwrap();
        assert_eq!(rec.sent.lock().unwrap()[0], "respond 6");
    }
}
