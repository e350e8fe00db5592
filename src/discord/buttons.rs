//! Button presses and autocomplete. A button's custom_id carries its state (see `ids`); what
//! a press needs beyond that comes from the message the button is on (its embeds, its other
//! buttons) or from the query log — never from memory, so buttons survive a restart.

use super::bot::{Bot, caller, is_moderator};
use super::controls::{self, Shown};
use super::ids::{Action, QueryRef};
use super::limits::{self, cut};
use super::respond::{Button, Mode, Outgoing, answer, notice};
use crate::commands::complete::Completing;
use crate::commands::feedback::FeedbackOutcome;
use crate::commands::timeline::TIMELINE_PAGE;
use crate::commands::{Caller, DEFAULT_K};
use serenity::all::{
    ActionRowComponent, AutocompleteChoice, ButtonKind, ButtonStyle, CommandInteraction,
    ComponentInteraction, Context, CreateAutocompleteResponse, CreateEmbed,
    CreateInteractionResponse, CreateInteractionResponseMessage, Message, MessageFlags, UserId,
};

/// The buttons of a message, as sent.
fn buttons_of(message: &Message) -> Vec<Vec<Button>> {
    message
        .components
        .iter()
        .map(|row| {
            row.components
                .iter()
                .filter_map(|c| match c {
                    ActionRowComponent::Button(b) => match &b.data {
                        ButtonKind::NonLink { custom_id, style } => Some(Button {
                            custom_id: custom_id.clone(),
                            label: b.label.clone().unwrap_or_default(),
                            style: *style,
                            disabled: b.disabled,
                        }),
                        _ => None,
                    },
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .filter(|row: &Vec<Button>| !row.is_empty())
        .collect()
}

fn is_private(message: &Message) -> bool {
    message
        .flags
        .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL))
}

/// The display name shown on the quiz leaderboard.
fn display_name(comp: &ComponentInteraction) -> String {
    comp.member
        .as_ref()
        .and_then(|m| m.nick.clone())
        .or_else(|| comp.user.global_name.clone())
        .unwrap_or_else(|| comp.user.name.clone())
}

impl Bot {
    pub async fn component(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
    ) -> serenity::Result<()> {
        let who = caller(&comp.user, comp.guild_id, comp.channel_id);
        let Some(action) = Action::decode(&comp.data.custom_id) else {
            self.fathom
                .record(&who, "button", &format!("unknown: {}", comp.data.custom_id))
                .await;
            return notice(
                ctx,
                comp,
                "This button is from an older version of fathom and no longer works. Run the command again.",
            )
            .await;
        };
        let clicker = comp.user.id.get();
        let fathom = &self.fathom;
        match action {
            Action::More { offset, query } => {
                if let Err(left) = self.users.take(clicker) {
                    fathom.record(&who, "refused", "more: cooldown").await;
                    let text = format!(
                        "Please wait {} before the next page.",
                        super::cooldown::seconds(left)
                    );
                    return notice(ctx, comp, &text).await;
                }
                // The next page replaces a private answer; a public one stays as it is and the
                // clicker gets the next page privately.
                let in_place = is_private(&comp.message);
                let mention = buttons_of(&comp.message).iter().flatten().find_map(|b| {
                    match Action::decode(&b.custom_id) {
                        Some(Action::PostPublicly { mention }) => mention,
                        _ => None,
                    }
                });
                let mode = if in_place {
                    Mode::Update
                } else {
                    Mode::Private
                };
                answer(ctx, comp, mode, async {
                    let reply = match &query {
                        QueryRef::Inline(q) => fathom.ask(&who, q, DEFAULT_K, offset).await,
                        QueryRef::Answer(id) => fathom.more_of(&who, id, offset).await,
                    };
                    let shown = Shown {
                        private: true,
                        owner: clicker,
                        mention,
                    };
                    controls::ask(&reply, shown)
                })
                .await
            }
            Action::PostPublicly { mention } => self.post_publicly(ctx, comp, &who, mention).await,
            Action::PostReply { message, author } => {
                self.post_reply(ctx, comp, &who, message, author).await
            }
            Action::Dismiss { owner } => {
                if clicker != owner && !is_moderator(comp.member.as_ref()) {
                    fathom
                        .record(&who, "refused", "dismiss: not the owner")
                        .await;
                    return notice(
                        ctx,
                        comp,
                        "Only the person who asked, or a moderator, can dismiss this answer.",
                    )
                    .await;
                }
                fathom
                    .record(&who, "dismiss", &comp.message.id.to_string())
                    .await;
                if is_private(&comp.message) {
                    let cleared = CreateInteractionResponseMessage::new()
                        .content("Dismissed.")
                        .embeds(Vec::new())
                        .components(Vec::new())
                        .allowed_mentions(Outgoing::default().allowed_mentions());
                    comp.create_response(
                        &ctx.http,
                        CreateInteractionResponse::UpdateMessage(cleared),
                    )
                    .await
                } else {
                    comp.create_response(&ctx.http, CreateInteractionResponse::Acknowledge)
                        .await?;
                    ctx.http
                        .delete_message(comp.channel_id, comp.message.id, Some("dismissed"))
                        .await
                }
            }
            Action::Feedback { answer_id, vote } => {
                let (outcome, reply) = fathom.feedback(&who, &answer_id, vote).await;
                if is_private(&comp.message) && outcome != FeedbackOutcome::NotRecorded {
                    // Disable the vote buttons; mark the vote that counts.
                    let rows: Vec<Vec<Button>> = buttons_of(&comp.message)
                        .into_iter()
                        .map(|row| {
                            row.into_iter()
                                .map(|mut b| {
                                    if let Some(Action::Feedback { vote: v, .. }) =
                                        Action::decode(&b.custom_id)
                                    {
                                        b.disabled = true;
                                        if v == vote && outcome == FeedbackOutcome::Recorded {
                                            b.style = ButtonStyle::Success;
                                        }
                                    }
                                    b
                                })
                                .collect()
                        })
                        .collect();
                    let out = Outgoing {
                        rows,
                        ..Outgoing::default()
                    };
                    let update = CreateInteractionResponseMessage::new()
                        .components(out.components())
                        .allowed_mentions(out.allowed_mentions());
                    comp.create_response(
                        &ctx.http,
                        CreateInteractionResponse::UpdateMessage(update),
                    )
                    .await
                } else {
                    answer(ctx, comp, Mode::Private, async { Outgoing::reply(&reply) }).await
                }
            }
            Action::Timeline {
                offset,
                from,
                to,
                topic,
            } => {
                let private = is_private(&comp.message);
                answer(ctx, comp, Mode::Update, async {
                    let reply = fathom
                        .timeline(
                            &who,
                            Some(&from),
                            Some(&to),
                            Some(&topic),
                            offset,
                            TIMELINE_PAGE,
                        )
                        .await;
                    let owner = buttons_of(&comp.message)
                        .iter()
                        .flatten()
                        .find_map(|b| match Action::decode(&b.custom_id) {
                            Some(Action::Dismiss { owner }) => Some(owner),
                            _ => None,
                        })
                        .unwrap_or(clicker);
                    let shown = Shown {
                        private,
                        owner,
                        mention: None,
                    };
                    controls::timeline(&reply, shown, &from, &to, &topic)
                })
                .await
            }
            Action::Quiz {
                owner,
                choice,
                question,
            } => {
                if clicker != owner {
                    fathom.record(&who, "refused", "quiz: not the owner").await;
                    return notice(
                        ctx,
                        comp,
                        &format!(
                            "This question is <@{owner}>'s. Start your own with /quiz question."
                        ),
                    )
                    .await;
                }
                let name = display_name(comp);
                let rows = buttons_of(&comp.message);
                answer(ctx, comp, Mode::Update, async {
                    let reply = fathom.quiz_answer(&who, &question, choice, &name).await;
                    let correct = fathom
                        .corpus
                        .quiz
                        .iter()
                        .find(|q| q.id == question)
                        .map(|q| q.answer);
                    let mut out = Outgoing::reply(&reply);
                    out.rows = controls::quiz_revealed(&rows, choice, correct);
                    out
                })
                .await
            }
            Action::StudyMarkdown { topic } => {
                answer(ctx, comp, Mode::Private, async {
                    let reply = fathom.study(&who, &topic).await;
                    if reply.is_error {
                        return Outgoing::reply(&reply);
                    }
                    let name: String = topic
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .take(60)
                        .collect();
                    let mut out = Outgoing::text("The reading list as Markdown:");
                    out.file = Some((
                        format!("reading-list-{name}.md"),
                        crate::render::markdown(&reply).into_bytes(),
                    ));
                    out
                })
                .await
            }
        }
    }

    /// Posts a private answer in the channel: the same embeds, with a Dismiss button for the
    /// poster, the answer's feedback and "More" buttons, and the `mention:` user pinged.
    async fn post_publicly(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        mention: Option<u64>,
    ) -> serenity::Result<()> {
        if let Err(note) = self.public_turn(comp.channel_id.get()) {
            self.fathom
                .record(who, "refused", "post-publicly: channel cooldown")
                .await;
            return notice(
                ctx,
                comp,
                &note.replace("so here is yours privately", "so please wait"),
            )
            .await;
        }
        self.fathom
            .record(who, "post-publicly", &comp.message.id.to_string())
            .await;
        let out = self.public_copy(comp, mention);
        comp.create_response(&ctx.http, CreateInteractionResponse::Message(out.message()))
            .await
    }

    /// What a public copy of the message a button is on looks like.
    fn public_copy(&self, comp: &ComponentInteraction, mention: Option<u64>) -> PublicCopy {
        let clicker = comp.user.id.get();
        let mut rows: Vec<Vec<Button>> = Vec::new();
        let mut first = Vec::new();
        for b in buttons_of(&comp.message).into_iter().flatten() {
            match Action::decode(&b.custom_id) {
                Some(Action::More { .. }) => first.push(b),
                Some(Action::Feedback { .. }) => {
                    if rows.is_empty() {
                        rows.push(Vec::new());
                    }
                    rows[0].push(Button {
                        disabled: false,
                        style: ButtonStyle::Secondary,
                        ..b
                    });
                }
                _ => {}
            }
        }
        if let Some(dismiss) = Button::new(
            &Action::Dismiss { owner: clicker },
            "Dismiss",
            ButtonStyle::Secondary,
        ) {
            first.push(dismiss);
        }
        rows.insert(0, first);
        PublicCopy {
            embeds: comp
                .message
                .embeds
                .iter()
                .cloned()
                .map(CreateEmbed::from)
                .collect(),
            rows,
            mention: mention.map(UserId::new),
        }
    }

    /// Replies to the message "Find sources" ran on, pinging only its author.
    async fn post_reply(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        message: u64,
        author: u64,
    ) -> serenity::Result<()> {
        if !is_moderator(comp.member.as_ref()) {
            self.fathom
                .record(who, "refused", "post-reply: not a moderator")
                .await;
            return notice(ctx, comp, "Posting a reply is for moderators.").await;
        }
        if let Err(note) = self.public_turn(comp.channel_id.get()) {
            self.fathom
                .record(who, "refused", "post-reply: channel cooldown")
                .await;
            return notice(
                ctx,
                comp,
                &note.replace("so here is yours privately", "so please wait"),
            )
            .await;
        }
        let copy = self.public_copy(comp, None);
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
                    .record(who, "post-reply", &message.to_string())
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
                    .record(who, "post-reply", &format!("{message}: failed"))
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

    pub async fn autocomplete(
        &self,
        ctx: &Context,
        ac: &CommandInteraction,
    ) -> serenity::Result<()> {
        let who = caller(&ac.user, ac.guild_id, ac.channel_id);
        let focused = ac.data.autocomplete();
        let what = focused
            .as_ref()
            .and_then(|f| match (ac.data.name.as_str(), f.name) {
                ("define", "term") => Some(Completing::Term),
                ("source", "id") => Some(Completing::Source),
                ("timeline" | "study" | "quiz", "topic") => Some(Completing::Topic),
                _ => None,
            });
        let mut response = CreateAutocompleteResponse::new();
        if let (Some(what), Some(focused)) = (what, focused) {
            let choices = self
                .fathom
                .complete(&who, what, focused.value, limits::CHOICES_MAX)
                .await;
            let choices: Vec<AutocompleteChoice> = choices
                .into_iter()
                .filter(|c| limits::len(&c.value) <= limits::CHOICE_VALUE_MAX)
                .take(limits::CHOICES_MAX)
                .map(|c| AutocompleteChoice::new(cut(&c.label, limits::CHOICE_NAME_MAX), c.value))
                .collect();
            response = response.set_choices(choices);
        }
        ac.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(response))
            .await
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
