//! The application commands fathom registers: slash commands for members, moderators and
//! educators, and two message context-menu commands. Moderator commands carry
//! `default_member_permissions = MANAGE_MESSAGES` (and are checked again when used).

use serenity::all::{
    CommandOptionType, CommandType, CreateCommand, CreateCommandOption, InteractionContext,
    Permissions,
};

/// What a moderator needs.
pub const MODERATOR: Permissions = Permissions::MANAGE_MESSAGES;

pub const FIND_SOURCES: &str = "Find sources";
pub const CHECK_CITATIONS: &str = "Check citations";

/// Names of the commands only moderators may use.
pub const MODERATOR_COMMANDS: &[&str] = &["rebut", "check", "stats", FIND_SOURCES, CHECK_CITATIONS];

fn text(name: &str, description: &str, max: u16) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, name, description).max_length(max)
}

fn private() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::Boolean,
        "private",
        "Only you see the answer (you can post it afterwards)",
    )
}

fn moderator(command: CreateCommand) -> CreateCommand {
    command
        .default_member_permissions(MODERATOR)
        .contexts(vec![InteractionContext::Guild])
}

/// Every command, as registered.
pub fn all() -> Vec<CreateCommand> {
    vec![
        CreateCommand::new("ask")
            .description("The best sourced passages for a question")
            .add_option(text("question", "Your question, in your own words", 1000).required(true))
            .add_option(private())
            .add_option(CreateCommandOption::new(
                CommandOptionType::User,
                "mention",
                "Address the answer to someone (only they are notified)",
            )),
        CreateCommand::new("answer")
            .description("Show a past answer again, by the id in its footer")
            .add_option(text("id", "The answer id, like k3v9x2pq", 32).required(true)),
        CreateCommand::new("define")
            .description("A glossary term with its supporting passages")
            .add_option(
                text("term", "The term (aliases work: LOAC, API 41)", 100)
                    .required(true)
                    .set_autocomplete(true),
            ),
        CreateCommand::new("timeline")
            .description("Dated events of the campaign, oldest first")
            .add_option(text("from", "First date: 2025-09-02, 2025-09 or 2025", 10))
            .add_option(text("to", "Last date", 10))
            .add_option(text("topic", "Only events on this topic", 100).set_autocomplete(true))
            .add_option(private()),
        CreateCommand::new("source")
            .description("A source's full card: title, publisher, date, kind, link, passages")
            .add_option(
                text("id", "The source (type to search)", 100)
                    .required(true)
                    .set_autocomplete(true),
            ),
        CreateCommand::new("topics").description("What fathom covers"),
        CreateCommand::new("help").description("How to use fathom, with example questions"),
        CreateCommand::new("privacy").description("What fathom stores about you, and for how long"),
        CreateCommand::new("forget-me")
            .description("Delete your logged questions, feedback votes and quiz scores"),
        moderator(
            CreateCommand::new("rebut")
                .description("A sourced rebuttal of a claim with numbered footnotes (moderators)")
                .add_option(text("claim", "The claim, as made", 1500).required(true)),
        ),
        moderator(
            CreateCommand::new("check")
                .description("Are the legal references in a text in the corpus? (moderators)")
                .add_option(
                    text("text", "Text citing Article 51, 50 U.S.C. 1541, ...", 2000)
                        .required(true),
                ),
        ),
        moderator(
            CreateCommand::new("stats")
                .description("Usage, top queries, content gaps and feedback (moderators)")
                .add_option(
                    CreateCommandOption::new(
                        CommandOptionType::Integer,
                        "days",
                        "How many days back (default 7)",
                    )
                    .min_int_value(1)
                    .max_int_value(365),
                ),
        ),
        moderator(CreateCommand::new(FIND_SOURCES).kind(CommandType::Message)),
        moderator(CreateCommand::new(CHECK_CITATIONS).kind(CommandType::Message)),
        CreateCommand::new("study")
            .description("A reading list on a topic for a study group, primary law first")
            .add_option(
                text("topic", "The topic", 100)
                    .required(true)
                    .set_autocomplete(true),
            )
            .add_option(private()),
        CreateCommand::new("quiz")
            .description("Quiz questions settled by a source, and this server's scores")
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    "question",
                    "A question with answer buttons",
                )
                .add_sub_option(
                    text("topic", "Only questions on this topic", 100).set_autocomplete(true),
                ),
            )
            .add_option(CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "scores",
                "This server's top 10",
            )),
    ]
}
