//! Posting an answer for others to see: "Post publicly" (a copy in the channel, with a Dismiss
//! for the one who posted it) and "Post as reply" (a reply to the message "Find sources" ran on,
//! pinging only its author). Both wait their channel's turn.

use super::bot::{Bot, is_moderator};
use super::buttons::buttons_of;
use super::ids::Action;
use super::respond::{Button, Outgoing, notice};
use crate::commands::Caller;
use crate::commands::table::Event;
use serenity::all::{
    ButtonStyle, ComponentInteraction, Context, CreateEmbed, CreateInteractionResponse,
    CreateInteractionResponseMessage, UserId,
};

impl Bot {
    /// Posts a private answer in the channel: the same embeds, with a Dismiss button for the
    /// poster, the answer's feedback and "More" buttons, and the `mention:` user pinged.
    pub(super) async fn post_publicly(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        mention: Option<u64>,
    ) -> serenity::Result<()> {
        if let Err(note) = self.public_turn(comp.channel_id.get()) {
            self.fathom
                .record(who, Event::Refused, "post-publicly: channel cooldown")
                .await;
            let text = note.replace("so here is yours privately", "so please wait");
            return notice(ctx, comp, &text).await;
        }
        self.fathom
            .record(who, Event::PostedPublicly, &comp.message.id.to_string())
            .await;
        let out = public_copy(comp, mention);
        comp.create_response(&ctx.http, CreateInteractionResponse::Message(out.message()))
            .await
    }

    /// Replies to the message "Find sources" ran on, pinging only its author.
    pub(super) async fn post_reply(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        message: u64,
        author: u64,
    ) -> serenity::Result<()> {
        if !is_moderator(comp.member.as_ref()) {
            self.fathom
                .record(who, Event::Refused, "post-reply: not a moderator")
                .await;
            return notice(ctx, comp, "Posting a reply is for moderators.").await;
        }
        if let Err(note) = self.public_turn(comp.channel_id.get()) {
            self.fathom
                .record(who, Event::Refused, "post-reply: channel cooldown")
                .await;
            let text = note.replace("so here is yours privately", "so please wait");
            return notice(ctx, comp, &text).await;
        }
        let copy = public_copy(comp, None);
        let outgoing = Outgoing {
            reply_ping: true,
            ping: Some(UserId::new(author)),
            ..Outgoing::default()
        };
        let create = serenity::all::CreateMessage::new()
            .embeds(copy.embeds.clone())
            .components(copy.components())
            .allowed_mentions(outgoing.allowed_mentions())
            .reference_message((comp.channel_id, serenity::all::MessageId::new(message)));
        match comp.channel_id.send_message(&ctx.http, create).await {
            Ok(_) => {
                self.fathom
                    .record(who, Event::PostedReply, &message.to_string())
                    .await;
                let done = CreateInteractionResponseMessage::new()
                    .content("Posted as a reply.")
                    .components(Vec::new())
                    .allowed_mentions(Outgoing::default().allowed_mentions());
                comp.create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(done))
                    .await
            }
            Err(e) => {
                tracing::warn!("could not post a reply: {e}");
                self.fathom
                    .record(who, Event::PostedReply, &format!("{message}: failed"))
                    .await;
                notice(
                    ctx,
                    comp,
                    "I could not reply to that message: it may have been deleted, or I may not be \
                     allowed to send messages or read the history in this channel.",
                )
                .await
            }
        }
    }
}

/// What a public copy of the message a button is on looks like: its embeds as sent, its
/// "More" and feedback buttons, and a Dismiss for the one who posted it.
fn public_copy(comp: &ComponentInteraction, mention: Option<u64>) -> PublicCopy {
    let clicker = comp.user.id.get();
    let mut first = Vec::new();
    let mut votes = Vec::new();
    for b in buttons_of(&comp.message).into_iter().flatten() {
        match Action::decode(&b.custom_id) {
            Some(Action::More { .. }) => first.push(b),
            Some(Action::Feedback { .. }) => votes.push(Button {
                disabled: false,
                style: ButtonStyle::Secondary,
                ..b
            }),
            _ => {}
        }
    }
    first.extend(Button::new(
        &Action::Dismiss { owner: clicker },
        "Dismiss",
        ButtonStyle::Secondary,
    ));
    let rows = [first, votes]
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect();
    PublicCopy {
        embeds: comp
            .message
            .embeds
            .iter()
            .cloned()
            .map(CreateEmbed::from)
            .collect(),
        rows,
        mention: mention.and_then(|m| (m > 0).then(|| UserId::new(m))),
    }
}

/// A public copy of a message: its embeds as sent, and buttons for the public.
struct PublicCopy {
    embeds: Vec<CreateEmbed>,
    rows: Vec<Vec<Button>>,
    mention: Option<UserId>,
}

impl PublicCopy {
    fn components(&self) -> Vec<serenity::all::CreateActionRow> {
        Outgoing {
            rows: self.rows.clone(),
            ..Outgoing::default()
        }
        .components()
    }

    fn message(&self) -> CreateInteractionResponseMessage {
        let mut out = Outgoing {
            rows: self.rows.clone(),
            ping: self.mention,
            ..Outgoing::default()
        };
        if let Some(m) = self.mention {
            out.content = Some(format!("<@{m}>"));
        }
        let mut message = CreateInteractionResponseMessage::new()
            .embeds(self.embeds.clone())
            .components(out.components())
            .allowed_mentions(out.allowed_mentions());
        if let Some(c) = out.content {
            message = message.content(c);
        }
        message
    }
}
