//! Slash and message commands: parse the options, check permissions and cooldowns, call the
//! command on `Fathom`, and send the rendered reply with its buttons.

use super::bot::{Bot, caller, is_moderator};
use super::controls::{self, Shown};
use super::cooldown::seconds;
use super::definitions::{CHECK_CITATIONS, FIND_SOURCES, MODERATOR_COMMANDS};
use super::respond::{Mode, Outgoing, answer, notice};
use crate::commands::timeline::TIMELINE_PAGE;
use crate::commands::{Caller, DEFAULT_K};
use serenity::all::{
    CommandInteraction, CommandType, Context, ResolvedOption, ResolvedTarget, ResolvedValue,
};

/// Commands not subject to the per-user cooldown (privacy rights and help are never refused).
const NO_COOLDOWN: &[&str] = &["help", "privacy", "forget-me"];

fn string<'a>(options: &[ResolvedOption<'a>], name: &str) -> Option<&'a str> {
    options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match o.value {
            ResolvedValue::String(s) => Some(s),
            _ => None,
        })
}

fn boolean(options: &[ResolvedOption<'_>], name: &str) -> Option<bool> {
    options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match o.value {
            ResolvedValue::Boolean(b) => Some(b),
            _ => None,
        })
}

fn integer(options: &[ResolvedOption<'_>], name: &str) -> Option<i64> {
    options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match o.value {
            ResolvedValue::Integer(i) => Some(i),
            _ => None,
        })
}

fn user(options: &[ResolvedOption<'_>], name: &str) -> Option<u64> {
    options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match &o.value {
            ResolvedValue::User(u, _) => Some(u.id.get()),
            _ => None,
        })
}

impl Bot {
    /// Whether a post in this channel is allowed now; otherwise the notice explaining why the
    /// answer comes privately instead.
    pub fn public_turn(&self, channel: u64) -> Result<(), String> {
        self.channels.take(channel).map_err(|left| {
            format!(
                "This channel just had a public answer, so here is yours privately (public posts \
                 are spaced out; you can post it in {}).",
                seconds(left)
            )
        })
    }

    pub async fn command(&self, ctx: &Context, cmd: &CommandInteraction) -> serenity::Result<()> {
        let name = cmd.data.name.as_str();
        let who = caller(&cmd.user, cmd.guild_id, cmd.channel_id);
        if MODERATOR_COMMANDS.contains(&name) && !is_moderator(cmd.member.as_deref()) {
            self.fathom
                .record(&who, "refused", &format!("{name}: not a moderator"))
                .await;
            let text = if cmd.guild_id.is_none() {
                "This command works in a server, for its moderators."
            } else {
                "This command is for moderators: it needs the Manage Messages permission."
            };
            return notice(ctx, cmd, text).await;
        }
        if !NO_COOLDOWN.contains(&name)
            && let Err(left) = self.users.take(cmd.user.id.get())
        {
            self.fathom
                .record(&who, "refused", &format!("{name}: cooldown"))
                .await;
            let text = format!(
                "Please wait {} before your next command (a short pause keeps fathom quick for everyone).",
                seconds(left)
            );
            return notice(ctx, cmd, &text).await;
        }
        if cmd.data.kind == CommandType::Message {
            return self.message_command(ctx, cmd, &who).await;
        }
        let options = cmd.data.options();
        let owner = cmd.user.id.get();
        let private = |o: &[ResolvedOption<'_>]| {
            boolean(o, "private").unwrap_or(self.settings.private_by_default)
        };
        let fathom = &self.fathom;
        match name {
            "ask" => {
                let question = string(&options, "question").unwrap_or_default();
                let mention = user(&options, "mention");
                let (private, turn) = self.visibility(private(&options), cmd);
                answer(ctx, cmd, mode(private), async {
                    let reply = fathom.ask(&who, question, DEFAULT_K, 0).await;
                    let shown = Shown {
                        private,
                        owner,
                        mention,
                    };
                    let mut out = controls::ask(&reply, shown);
                    if let Some(m) = mention {
                        if private {
                            out = out.prepend(&format!(
                                "For <@{m}>: they are notified when you post this publicly."
                            ));
                        } else {
                            out = out.prepend(&format!("<@{m}>"));
                            out.ping = Some(m.into());
                        }
                    }
                    with_turn(out, turn)
                })
                .await
            }
            "answer" => {
                let id = string(&options, "id").unwrap_or_default();
                answer(ctx, cmd, Mode::Private, async {
                    let reply = fathom.answer(&who, id).await;
                    controls::plain(&reply, shown_private(owner))
                })
                .await
            }
            "define" => {
                let term = string(&options, "term").unwrap_or_default();
                answer(ctx, cmd, Mode::Private, async {
                    let reply = fathom.define(&who, term).await;
                    controls::plain(&reply, shown_private(owner))
                })
                .await
            }
            "source" => {
                let id = string(&options, "id").unwrap_or_default();
                answer(ctx, cmd, Mode::Private, async {
                    let reply = fathom.source(&who, id).await;
                    controls::plain(&reply, shown_private(owner))
                })
                .await
            }
            "timeline" => {
                let from = string(&options, "from").unwrap_or_default();
                let to = string(&options, "to").unwrap_or_default();
                let topic = string(&options, "topic").unwrap_or_default();
                // In-memory and quick: the reply is ready before deciding where it goes (a
                // problem with the request is only ever shown to the one who made it).
                let reply = fathom
                    .timeline(&who, Some(from), Some(to), Some(topic), 0, TIMELINE_PAGE)
                    .await;
                let (private, turn) = self.visibility(private(&options) || reply.is_error, cmd);
                let shown = Shown {
                    private,
                    owner,
                    mention: None,
                };
                let out = with_turn(controls::timeline(&reply, shown, from, to, topic), turn);
                answer(ctx, cmd, mode(private), async { out }).await
            }
            "topics" => {
                answer(ctx, cmd, Mode::Private, async {
                    controls::plain(&fathom.topics(&who).await, shown_private(owner))
                })
                .await
            }
            "help" => {
                answer(ctx, cmd, Mode::Private, async {
                    controls::plain(&fathom.help(&who).await, shown_private(owner))
                })
                .await
            }
            "privacy" => {
                let days = self.settings.retention_days;
                answer(ctx, cmd, Mode::Private, async {
                    Outgoing::reply(&fathom.privacy(&who, days).await)
                })
                .await
            }
            "forget-me" => {
                answer(ctx, cmd, Mode::Private, async {
                    Outgoing::reply(&fathom.forget_me(&who).await)
                })
                .await
            }
            "rebut" => {
                let claim = string(&options, "claim").unwrap_or_default();
                answer(ctx, cmd, Mode::Private, async {
                    let reply = fathom.rebut(&who, claim).await;
                    controls::rebuttal(&reply, shown_private(owner), None)
                })
                .await
            }
            "check" => {
                let text = string(&options, "text").unwrap_or_default();
                answer(ctx, cmd, Mode::Private, async {
                    controls::plain(&fathom.check(&who, text).await, shown_private(owner))
                })
                .await
            }
            "stats" => {
                let days = integer(&options, "days").unwrap_or(7).clamp(1, 365) as u32;
                answer(ctx, cmd, Mode::Private, async {
                    Outgoing::reply(&fathom.stats(&who, days).await)
                })
                .await
            }
            "study" => {
                let topic = string(&options, "topic").unwrap_or_default();
                let reply = fathom.study(&who, topic).await;
                let (private, turn) = self.visibility(private(&options) || reply.is_error, cmd);
                let shown = Shown {
                    private,
                    owner,
                    mention: None,
                };
                let out = with_turn(controls::study(&reply, shown), turn);
                answer(ctx, cmd, mode(private), async { out }).await
            }
            "quiz" => self.quiz(ctx, cmd, &who, &options).await,
            _ => {
                tracing::warn!("unknown command {name:?}");
                notice(
                    ctx,
                    cmd,
                    "I don't know that command (it may be from an older version of fathom). Try /help.",
                )
                .await
            }
        }
    }

    /// Whether an answer that asks to be public may be: public answers wait their channel's
    /// turn, and come privately (with a note) when the channel just had one.
    fn visibility(&self, private: bool, cmd: &CommandInteraction) -> (bool, Option<String>) {
        if private {
            return (true, None);
        }
        match self.public_turn(cmd.channel_id.get()) {
            Ok(()) => (false, None),
            Err(note) => (true, Some(note)),
        }
    }

    async fn quiz(
        &self,
        ctx: &Context,
        cmd: &CommandInteraction,
        who: &Caller,
        options: &[ResolvedOption<'_>],
    ) -> serenity::Result<()> {
        let fathom = &self.fathom;
        let owner = cmd.user.id.get();
        match options.first().map(|o| (o.name, &o.value)) {
            Some(("scores", _)) => {
                answer(ctx, cmd, Mode::Private, async {
                    controls::plain(&fathom.quiz_scores(who).await, shown_private(owner))
                })
                .await
            }
            Some(("question", ResolvedValue::SubCommand(sub))) => {
                let topic = string(sub, "topic");
                let prompt = fathom.quiz(who, topic).await;
                let (private, turn) = self.visibility(prompt.reply.is_error, cmd);
                let out = controls::quiz(&prompt.reply, prompt.question.as_ref(), owner);
                answer(ctx, cmd, mode(private), async { with_turn(out, turn) }).await
            }
            _ => notice(ctx, cmd, "Use /quiz question or /quiz scores.").await,
        }
    }

    async fn message_command(
        &self,
        ctx: &Context,
        cmd: &CommandInteraction,
        who: &Caller,
    ) -> serenity::Result<()> {
        let Some(ResolvedTarget::Message(message)) = cmd.data.target() else {
            return notice(ctx, cmd, "I could not read that message.").await;
        };
        let text = message.content.clone();
        let owner = cmd.user.id.get();
        let fathom = &self.fathom;
        match cmd.data.name.as_str() {
            FIND_SOURCES => {
                let target = (message.id.get(), message.author.id.get());
                answer(ctx, cmd, Mode::Private, async {
                    let reply = fathom.find_sources(who, &text).await;
                    controls::rebuttal(&reply, shown_private(owner), Some(target))
                })
                .await
            }
            CHECK_CITATIONS => {
                answer(ctx, cmd, Mode::Private, async {
                    controls::plain(&fathom.check(who, &text).await, shown_private(owner))
                })
                .await
            }
            other => {
                tracing::warn!("unknown message command {other:?}");
                notice(ctx, cmd, "I don't know that command. Try /help.").await
            }
        }
    }
}

fn mode(private: bool) -> Mode {
    if private { Mode::Private } else { Mode::Public }
}

fn shown_private(owner: u64) -> Shown {
    Shown {
        private: true,
        owner,
        mention: None,
    }
}

fn with_turn(out: Outgoing, turn: Option<String>) -> Outgoing {
    match turn {
        Some(note) => out.prepend(&note),
        None => out,
    }
}
