//! Every gateway payload the fake Discord sends (tests/fixtures/discord/*.json) deserialises
//! with serenity's own model types. A payload missing a required field would otherwise be
//! dropped silently by the client and the end-to-end test would merely time out; here it fails
//! loudly, naming the field.

use serenity::all::{CommandType, Interaction, InteractionType};
use serenity::model::event::{Event, GatewayEvent};
use std::path::PathBuf;

fn fixtures() -> Vec<(String, serde_json::Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/discord");
    let mut out: Vec<(String, serde_json::Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), value)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_fixture_deserialises_as_a_gateway_event() {
    let all = fixtures();
    assert!(all.len() >= 10, "fixtures missing: {}", all.len());
    for (name, value) in all {
        if name.starts_with("interaction_") {
            // Deserialised alone first: serenity's error then names the missing field (inside a
            // gateway frame the same payload silently becomes an unknown event).
            let d = value.get("d").cloned().unwrap_or_default();
            serde_json::from_value::<Interaction>(d)
                .unwrap_or_else(|e| panic!("{name}: serenity rejects the interaction: {e}"));
        }
        let event: GatewayEvent = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("{name}: serenity rejects it: {e}"));
        match (name.as_str(), event) {
            ("hello.json", GatewayEvent::Hello(interval)) => assert!(interval > 0),
            ("ready.json", GatewayEvent::Dispatch(_, Event::Ready(ready))) => {
                assert_eq!(
                    ready.ready.application.id.get(),
                    1300000000000000001,
                    "serenity takes the application id from READY"
                );
            }
            (n, GatewayEvent::Dispatch(seq, Event::InteractionCreate(e)))
                if n.starts_with("interaction_") =>
            {
                assert!(seq > 1, "{n}: dispatches come after READY");
                check_interaction(n, &e.interaction);
            }
            (n, other) => panic!("{n}: unexpected event {other:?}"),
        }
    }
}

fn check_interaction(name: &str, interaction: &Interaction) {
    match interaction {
        Interaction::Command(c) => {
            assert_eq!(interaction.kind(), InteractionType::Command, "{name}");
            assert!(
                c.member.as_ref().is_some_and(|m| m.permissions.is_some()),
                "{name}: member permissions"
            );
            if c.data.kind == CommandType::Message {
                assert!(
                    c.data.target().is_some(),
                    "{name}: the target message resolves"
                );
            }
        }
        Interaction::Autocomplete(a) => {
            assert!(a.data.autocomplete().is_some(), "{name}: a focused option");
        }
        Interaction::Component(c) => {
            assert!(!c.data.custom_id.is_empty(), "{name}");
            assert!(
                !c.message.components.is_empty(),
                "{name}: the message's buttons"
            );
            assert!(c.message.flags.is_some(), "{name}: the message's flags");
        }
        other => panic!("{name}: unexpected interaction {:?}", other.kind()),
    }
}
