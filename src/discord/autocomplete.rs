//! Autocomplete: the table says which option completes what (glossary terms, topics,
//! sources); the choices come from `commands::complete`, within Discord's limits.

use super::bot::{Bot, caller};
use super::limits::{self, cut};
use super::slash::resolve;
use serenity::all::{
    AutocompleteChoice, CommandInteraction, Context, CreateAutocompleteResponse,
    CreateInteractionResponse,
};

impl Bot {
    pub async fn autocomplete(
        &self,
        ctx: &Context,
        ac: &CommandInteraction,
    ) -> serenity::Result<()> {
        let who = caller(&ac.user, ac.guild_id, ac.channel_id, &ac.locale);
        let focused = ac.data.autocomplete();
        let what = match (resolve(ac), &focused) {
            (Some((spec, _)), Some(f)) => spec
                .options
                .iter()
                .find(|o| o.name == f.name)
                .and_then(|o| o.complete),
            _ => None,
        };
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
