//! Slash and message commands: find the table row an interaction names, check it (moderators,
//! cooldowns), read its options into a `Request`, run it, and send the reply with the buttons
//! its command has — privately or in the channel, as the command and the person chose.

use super::bot::{Bot, caller, is_moderator};
use super::controls::{self, Shown};
use super::cooldown::seconds;
use super::respond::{Mode, Outgoing, answer, notice};
use crate::commands::table::{self, Command, Event, Kind, Spec};
use crate::commands::{Caller, Options, Reply, Request, Value};
use serenity::all::{
    CommandInteraction, Context, Embed, Message, ResolvedOption, ResolvedTarget, ResolvedValue,
};

/// The table row an interaction names, with its options (a subcommand's, for a group).
pub fn resolve(cmd: &CommandInteraction) -> Option<(&'static Spec, Options)> {
    let name = cmd.data.name.as_str();
    let options = cmd.data.options();
    if let Some(spec) = table::TABLE
        .iter()
        .find(|s| s.on.discord() && s.group.is_none() && s.name == name)
    {
        return Some((spec, read(&options)));
    }
    match options.first().map(|o| (o.name, &o.value)) {
        Some((sub, ResolvedValue::SubCommand(inner))) => {
            let spec = table::find(Some(name), sub).filter(|s| s.on.discord())?;
            Some((spec, read(inner)))
        }
        _ => None,
    }
}

/// Discord's options as the transport-free kind.
fn read(options: &[ResolvedOption<'_>]) -> Options {
    let mut out = Options::default();
    for o in options {
        let value = match &o.value {
            ResolvedValue::String(s) => Value::Text((*s).to_string()),
            ResolvedValue::Boolean(b) => Value::Flag(*b),
            ResolvedValue::Integer(i) => Value::Int(*i),
            ResolvedValue::User(u, _) => Value::User(u.id.get()),
            _ => continue,
        };
        out = out.with(o.name, value);
    }
    out
}

/// The text a message command reads: the message's own text and its embeds', or, for a
/// forwarded message, the forwarded message's.
pub fn message_text(message: &Message) -> String {
    let mut parts: Vec<String> = vec![message.content.clone()];
    parts.extend(message.embeds.iter().map(embed_text));
    for snapshot in &message.message_snapshots {
        parts.push(snapshot.content.clone());
        parts.extend(snapshot.embeds.iter().map(embed_text));
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn embed_text(embed: &Embed) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(embed.title.as_deref());
    parts.extend(embed.description.as_deref());
    for f in &embed.fields {
        parts.push(&f.name);
        parts.push(&f.value);
    }
    parts.join("\n")
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
        let who = caller(&cmd.user, cmd.guild_id, cmd.channel_id, &cmd.locale);
        let Some((spec, options)) = resolve(cmd) else {
            tracing::warn!("unknown command {:?}", cmd.data.name);
            return notice(
                ctx,
                cmd,
                "I don't know that command (it may be from an older version of fathom). Try /help.",
            )
            .await;
        };
        if let Err(refusal) = self.admit(cmd, spec, &who).await {
            return notice(ctx, cmd, &refusal).await;
        }
        let target = match (spec.kind, cmd.data.target()) {
            (Kind::Message, Some(ResolvedTarget::Message(m))) => Some(m),
            (Kind::Message, _) => return notice(ctx, cmd, "I could not read that message.").await,
            _ => None,
        };
        let text = target.map(message_text);
        let request = match Request::parse(spec, &options, text.as_deref()) {
            Ok(request) => request,
            Err(problem) => {
                let reply = self.fathom.refuse(&who, spec.command, &problem).await;
                let out = controls::plain(&reply, Shown::private(cmd.user.id.get()));
                return answer(ctx, cmd, Mode::Private, async { out }).await;
            }
        };
        let target = target.map(|m| (m.id.get(), m.author.id.get()));
        self.run(ctx, cmd, &who, spec, request, &options, target)
            .await
    }

    /// Checks that the caller may run the command now: moderators only where the table says
    /// so, and the per-user cooldown. Refusals are logged.
    async fn admit(
        &self,
        cmd: &CommandInteraction,
        spec: &Spec,
        who: &Caller,
    ) -> Result<(), String> {
        if spec.moderator && !is_moderator(cmd.member.as_deref()) {
            self.fathom
                .record(
                    who,
                    Event::Refused,
                    &format!("{}: not a moderator", spec.name),
                )
                .await;
            return Err(if cmd.guild_id.is_none() {
                "This command works in a server, for its moderators.".into()
            } else {
                "This command is for moderators: it needs the Manage Messages permission.".into()
            });
        }
        if spec.cooldown
            && let Err(left) = self.users.take(cmd.user.id.get())
        {
            self.fathom
                .record(who, Event::Refused, &format!("{}: cooldown", spec.name))
                .await;
            return Err(format!(
                "Please wait {} before your next command (a short pause keeps fathom quick for everyone).",
                seconds(left)
            ));
        }
        Ok(())
    }

    /// Runs the request and sends the reply where it belongs, with its command's buttons.
    #[allow(clippy::too_many_arguments)]
    async fn run(
        &self,
        ctx: &Context,
        cmd: &CommandInteraction,
        who: &Caller,
        spec: &Spec,
        request: Request,
        options: &Options,
        target: Option<(u64, u64)>,
    ) -> serenity::Result<()> {
        let owner = cmd.user.id.get();
        let asked_private = options
            .flag(table::PRIVATE)
            .unwrap_or(self.settings.private_by_default);
        let fathom = &self.fathom;
        match spec.command {
            Command::Ask => {
                let mention = options.user(table::MENTION);
                let (private, turn) = self.visibility(asked_private, cmd);
                answer(ctx, cmd, mode(private), async {
                    let reply = fathom.run(who, request).await;
                    let shown = Shown {
                        private,
                        owner,
                        mention,
                    };
                    with_turn(addressed(controls::ask(&reply, shown), shown), turn)
                })
                .await
            }
            // Quick, in memory: the reply is ready before deciding where it goes (a problem
            // with the request is only ever shown to the one who made it).
            Command::Timeline | Command::Study | Command::Quiz => {
                let reply = fathom.run(who, request).await;
                let public_by_default = spec.command == Command::Quiz;
                let wants_private = (asked_private && !public_by_default) || reply.is_error;
                let (private, turn) = self.visibility(wants_private, cmd);
                let out = with_turn(
                    present(
                        &reply,
                        Shown {
                            private,
                            owner,
                            mention: None,
                        },
                        None,
                    ),
                    turn,
                );
                answer(ctx, cmd, mode(private), async { out }).await
            }
            _ => {
                answer(ctx, cmd, Mode::Private, async {
                    let reply = fathom.run(who, request).await;
                    present(&reply, Shown::private(owner), target)
                })
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
}

/// A reply with the buttons of its command. `target` is the message a message command was used
/// on (its id and author).
pub fn present(reply: &Reply, shown: Shown, target: Option<(u64, u64)>) -> Outgoing {
    match reply.command {
        Command::Ask | Command::More => controls::ask(reply, shown),
        Command::Rebut | Command::FindSources => controls::rebuttal(reply, shown, target),
        Command::Timeline => controls::timeline(reply, shown),
        Command::Study => controls::study(reply, shown),
        Command::Quiz => controls::quiz(reply, shown.owner),
        Command::Privacy | Command::ForgetMe | Command::Stats | Command::Feedback => {
            Outgoing::reply(reply)
        }
        _ => controls::plain(reply, shown),
    }
}

/// An answer addressed to someone (`/ask mention:`): named in a private answer (notified when
/// it is posted), pinged in a public one.
fn addressed(out: Outgoing, shown: Shown) -> Outgoing {
    match shown.mention {
        Some(m) if shown.private => out.prepend(&format!(
            "For <@{m}>: they are notified when you post this publicly."
        )),
        Some(m) => {
            let mut out = out.prepend(&format!("<@{m}>"));
            out.ping = Some(m.into());
            out
        }
        None => out,
    }
}

fn mode(private: bool) -> Mode {
    if private { Mode::Private } else { Mode::Public }
}

fn with_turn(out: Outgoing, turn: Option<String>) -> Outgoing {
    match turn {
        Some(note) => out.prepend(&note),
        None => out,
    }
}
