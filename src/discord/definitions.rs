//! The application commands fathom registers, built from the command table: a slash command
//! per row (rows of a group become its subcommands), a message command per message row, each
//! option with its type, limits and autocomplete, English and Spanish (`es-ES`, `es-419`)
//! names and descriptions. Moderator commands carry `default_member_permissions =
//! MANAGE_MESSAGES` (and are checked again when used).

use crate::commands::table::{self, GROUPS, Kind, Opt, OptKind, Spec, TABLE};
use serenity::all::{
    CommandOptionType, CommandType, CreateCommand, CreateCommandOption, InteractionContext,
    Permissions,
};

/// What a moderator needs.
pub const MODERATOR: Permissions = Permissions::MANAGE_MESSAGES;

/// The locales Spanish names and descriptions are given for.
const SPANISH: [&str; 2] = ["es-ES", "es-419"];

/// Every command, as registered.
pub fn all() -> Vec<CreateCommand> {
    let mut out = Vec::new();
    for spec in TABLE.iter().filter(|s| s.on.discord() && s.group.is_none()) {
        out.push(command(spec));
    }
    for (group, description, es) in GROUPS {
        let subs: Vec<&Spec> = TABLE
            .iter()
            .filter(|s| s.on.discord() && s.group == Some(group))
            .collect();
        let mut parent = localized(CreateCommand::new(*group).description(*description), *es);
        for spec in &subs {
            parent = parent.add_option(subcommand(spec));
        }
        if subs.iter().any(|s| s.moderator) {
            parent = moderator(parent);
        }
        out.push(parent);
    }
    out
}

fn localized(mut c: CreateCommand, es: table::Es) -> CreateCommand {
    for locale in SPANISH {
        c = c
            .name_localized(locale, es.name)
            .description_localized(locale, es.description);
    }
    c
}

fn moderator(command: CreateCommand) -> CreateCommand {
    command
        .default_member_permissions(MODERATOR)
        .contexts(vec![InteractionContext::Guild])
}

fn command(spec: &Spec) -> CreateCommand {
    let mut c = CreateCommand::new(spec.name);
    c = match spec.kind {
        Kind::Message => {
            let mut c = c.kind(CommandType::Message);
            for locale in SPANISH {
                c = c.name_localized(locale, spec.es.name);
            }
            c
        }
        Kind::Slash => {
            let mut c = localized(c.description(spec.description), spec.es);
            for o in spec.options.iter().filter(|o| o.on.discord()) {
                c = c.add_option(option(o));
            }
            c
        }
    };
    if spec.moderator { moderator(c) } else { c }
}

fn subcommand(spec: &Spec) -> CreateCommandOption {
    let mut sub =
        CreateCommandOption::new(CommandOptionType::SubCommand, spec.name, spec.description);
    for locale in SPANISH {
        sub = sub
            .name_localized(locale, spec.es.name)
            .description_localized(locale, spec.es.description);
    }
    for o in spec.options.iter().filter(|o| o.on.discord()) {
        sub = sub.add_sub_option(option(o));
    }
    sub
}

fn option(o: &Opt) -> CreateCommandOption {
    let kind = match o.kind {
        OptKind::Text { .. } | OptKind::Choice(_) => CommandOptionType::String,
        OptKind::Flag => CommandOptionType::Boolean,
        OptKind::Int { .. } => CommandOptionType::Integer,
        OptKind::User => CommandOptionType::User,
    };
    let mut c = CreateCommandOption::new(kind, o.name, o.description).required(o.required);
    for locale in SPANISH {
        c = c
            .name_localized(locale, o.es.name)
            .description_localized(locale, o.es.description);
    }
    c = match o.kind {
        OptKind::Text { max } => c.max_length(max),
        OptKind::Int { min, max, .. } => c.min_int_value(min as u64).max_int_value(max as u64),
        OptKind::Choice(values) => values.iter().fold(c, |c, v| c.add_string_choice(*v, *v)),
        OptKind::Flag | OptKind::User => c,
    };
    if o.complete.is_some() {
        c = c.set_autocomplete(true);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_discord_command_is_registered_once_with_spanish_names() {
        let json = serde_json::to_value(all()).unwrap();
        let names: Vec<&str> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        for expected in [
            "ask",
            "rebut",
            "quiz",
            "Find sources",
            "Check citations",
            "help",
        ] {
            assert_eq!(
                names.iter().filter(|n| **n == expected).count(),
                1,
                "{names:?}"
            );
        }
        assert!(!names.contains(&"sources"), "a terminal-only command");
        for c in json.as_array().unwrap() {
            assert!(c["name_localizations"]["es-419"].is_string(), "{c}");
            for o in c["options"].as_array().into_iter().flatten() {
                assert!(o["name_localizations"]["es-ES"].is_string(), "{o}");
                assert_ne!(o["name"], "offset", "a terminal-only option: {c}");
            }
        }
        let rebut = &json[names.iter().position(|n| *n == "rebut").unwrap()];
        assert_eq!(rebut["default_member_permissions"], "8192");
    }
}
