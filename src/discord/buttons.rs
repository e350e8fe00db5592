//! Button presses. A button's custom_id carries its state (see `ids`); what a press needs
//! beyond that comes from the message the button is on (its embeds, its other buttons) or from
//! the query log — never from memory, so buttons survive a restart. One method per action.

use super::bot::{Bot, caller, is_moderator};
use super::controls::{self, Shown};
use super::ids::{Action, QueryRef};
use super::respond::{Button, Mode, Outgoing, answer, notice};
use super::slash::present;
use crate::commands::feedback::{FeedbackOutcome, Vote};
use crate::commands::table::Event;
use crate::commands::timeline::TIMELINE_PAGE;
use crate::commands::{Caller, DEFAULT_K, Extra, Request};
use serenity::all::{
    ActionRowComponent, ButtonKind, ButtonStyle, ComponentInteraction, Context,
    CreateInteractionResponse, CreateInteractionResponseMessage, EditInteractionResponse, Message,
    MessageFlags,
};

/// The buttons of a message, as sent.
pub fn buttons_of(message: &Message) -> Vec<Vec<Button>> {
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

/// The first action of the message's buttons that `pick` accepts.
fn find_action<T>(message: &Message, pick: impl Fn(Action) -> Option<T>) -> Option<T> {
    buttons_of(message)
        .iter()
        .flatten()
        .find_map(|b| Action::decode(&b.custom_id).and_then(&pick))
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
        let who = caller(&comp.user, comp.guild_id, comp.channel_id, &comp.locale);
        let Some(action) = Action::decode(&comp.data.custom_id) else {
            self.fathom
                .record(&who, Event::UnknownButton, &comp.data.custom_id)
                .await;
            return notice(
                ctx,
                comp,
                "This button is from an older version of fathom and no longer works. Run the command again.",
            )
            .await;
        };
        match action {
            Action::More { offset, query } => self.more(ctx, comp, &who, offset, query).await,
            Action::PostPublicly { mention } => self.post_publicly(ctx, comp, &who, mention).await,
            Action::PostReply { message, author } => {
                self.post_reply(ctx, comp, &who, message, author).await
            }
            Action::Dismiss { owner } => self.dismiss(ctx, comp, &who, owner).await,
            Action::Feedback { answer_id, vote } => {
                self.vote(ctx, comp, &who, answer_id, vote).await
            }
            Action::Timeline {
                offset,
                from,
                to,
                topic,
                newest,
            } => {
                let request = Request::Timeline {
                    from: Some(from),
                    to: Some(to),
                    topic: Some(topic),
                    newest,
                    offset,
                    limit: TIMELINE_PAGE,
                };
                self.page(ctx, comp, &who, request).await
            }
            Action::Quiz {
                owner,
                choice,
                question,
            } => {
                self.quiz_answer(ctx, comp, &who, owner, choice, question)
                    .await
            }
            Action::StudyMarkdown { topic } => self.study_markdown(ctx, comp, &who, topic).await,
            Action::FullRebuttal { answer_id } => self.full_rebuttal(ctx, comp, answer_id).await,
        }
    }

    /// The whole of a rebuttal whose short form is shown, privately to the clicker, in as many
    /// messages as it takes (each within Discord's 2,000 characters).
    async fn full_rebuttal(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        answer_id: String,
    ) -> serenity::Result<()> {
        let reply = self.fathom.full_rebuttal(&answer_id).await;
        if reply.is_error {
            let text = reply
                .intro
                .as_deref()
                .unwrap_or("That rebuttal is no longer available.");
            return notice(ctx, comp, text).await;
        }
        let text = crate::commands::rebuttal_text(&reply, None);
        let mut pieces = super::limits::pieces(&text, super::limits::CONTENT_MAX).into_iter();
        let Some(first) = pieces.next() else {
            return notice(ctx, comp, "That rebuttal is empty.").await;
        };
        notice(ctx, comp, &first).await?;
        for piece in pieces {
            comp.create_followup(&ctx.http, Outgoing::text(&piece).followup(true))
                .await?;
        }
        Ok(())
    }

    /// The next page of an answer: in place on a private answer; privately to the clicker on
    /// a public one.
    async fn more(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        offset: usize,
        query: QueryRef,
    ) -> serenity::Result<()> {
        let clicker = comp.user.id.get();
        if let Err(left) = self.users.take(clicker) {
            self.fathom
                .record(who, Event::Refused, "more: cooldown")
                .await;
            let text = format!(
                "Please wait {} before the next page.",
                super::cooldown::seconds(left)
            );
            return notice(ctx, comp, &text).await;
        }
        let mention = find_action(&comp.message, |a| match a {
            Action::PostPublicly { mention } => mention,
            _ => None,
        });
        let mode = if is_private(&comp.message) {
            Mode::Update
        } else {
            Mode::Private
        };
        let request = match query {
            QueryRef::Inline(question) => Request::Ask {
                question,
                k: DEFAULT_K,
                offset,
                lang: Default::default(),
            },
            QueryRef::Answer(answer_id) => Request::More { answer_id, offset },
        };
        answer(ctx, comp, mode, async {
            let reply = self.fathom.run(who, request).await;
            let shown = Shown {
                private: true,
                owner: clicker,
                mention,
            };
            controls::ask(&reply, shown)
        })
        .await
    }

    /// Another page of a list (the timeline), in place.
    async fn page(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        request: Request,
    ) -> serenity::Result<()> {
        let private = is_private(&comp.message);
        let owner = find_action(&comp.message, |a| match a {
            Action::Dismiss { owner } => Some(owner),
            _ => None,
        })
        .unwrap_or(comp.user.id.get());
        answer(ctx, comp, Mode::Update, async {
            let reply = self.fathom.run(who, request).await;
            let shown = Shown {
                private,
                owner,
                mention: None,
            };
            present(&reply, shown, None)
        })
        .await
    }

    /// Removes an answer (its owner or a moderator). The message is deleted through the
    /// interaction itself, which works wherever fathom can answer (also where it is only
    /// installed by a user); failing that, it is emptied.
    async fn dismiss(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        owner: u64,
    ) -> serenity::Result<()> {
        if comp.user.id.get() != owner && !is_moderator(comp.member.as_ref()) {
            self.fathom
                .record(who, Event::Refused, "dismiss: not the owner")
                .await;
            return notice(
                ctx,
                comp,
                "Only the person who asked, or a moderator, can dismiss this answer.",
            )
            .await;
        }
        self.fathom
            .record(who, Event::Dismissed, &comp.message.id.to_string())
            .await;
        comp.create_response(&ctx.http, CreateInteractionResponse::Acknowledge)
            .await?;
        if let Err(e) = comp.delete_response(&ctx.http).await {
            tracing::info!("could not delete a dismissed answer ({e}); emptying it instead");
            let cleared = EditInteractionResponse::new()
                .content("Dismissed.")
                .embeds(Vec::new())
                .components(Vec::new())
                .allowed_mentions(Outgoing::default().allowed_mentions());
            comp.edit_response(&ctx.http, cleared).await?;
        }
        Ok(())
    }

    /// A vote: on a private answer the vote buttons are disabled and the vote marked; on a
    /// public one, the voter is told privately.
    async fn vote(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        answer_id: String,
        vote: Vote,
    ) -> serenity::Result<()> {
        let reply = self
            .fathom
            .run(who, Request::Feedback { answer_id, vote })
            .await;
        let outcome = match reply.extra {
            Extra::Vote(outcome) => outcome,
            _ => FeedbackOutcome::NotRecorded,
        };
        if !is_private(&comp.message) || outcome == FeedbackOutcome::NotRecorded {
            return answer(ctx, comp, Mode::Private, async { Outgoing::reply(&reply) }).await;
        }
        let rows: Vec<Vec<Button>> = buttons_of(&comp.message)
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|mut b| {
                        if let Some(Action::Feedback { vote: v, .. }) = Action::decode(&b.custom_id)
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
        comp.create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(update))
            .await
    }

    /// A quiz answer, by the person the question was for: the buttons show the right answer.
    async fn quiz_answer(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        owner: u64,
        choice: usize,
        question: String,
    ) -> serenity::Result<()> {
        if comp.user.id.get() != owner {
            self.fathom
                .record(who, Event::Refused, "quiz: not the owner")
                .await;
            let text =
                format!("This question is <@{owner}>'s. Start your own with /quiz question.");
            return notice(ctx, comp, &text).await;
        }
        let rows = buttons_of(&comp.message);
        let correct = self
            .fathom
            .corpus
            .quiz
            .iter()
            .find(|q| q.id == question)
            .map(|q| q.answer);
        let request = Request::QuizAnswer {
            id: question,
            choice,
            display_name: display_name(comp),
        };
        answer(ctx, comp, Mode::Update, async {
            let reply = self.fathom.run(who, request).await;
            let mut out = Outgoing::reply(&reply);
            out.rows = controls::quiz_revealed(&rows, choice, correct);
            out
        })
        .await
    }

    /// A reading list as a Markdown file, privately.
    async fn study_markdown(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        who: &Caller,
        topic: String,
    ) -> serenity::Result<()> {
        let request = Request::Study {
            topic: topic.clone(),
            limit: None,
        };
        answer(ctx, comp, Mode::Private, async {
            let reply = self.fathom.run(who, request).await;
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
