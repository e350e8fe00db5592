//! Prints how fathom reads labelled questions (relevance, claim scores): a tuning aid.
use fathom::app::{App, Logging};
use fathom::config::Config;

#[tokio::main]
async fn main() {
    let config = Config::load().unwrap();
    let app = App::open(&config, Logging::Off, |_| {
        std::ops::ControlFlow::Continue(())
    })
    .await
    .unwrap();
    let f = app.fathom();
    let what = std::env::args().nth(1).unwrap_or_default();
    let file = std::env::args().nth(2).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    for q in v["question"].as_array().unwrap() {
        let s = q["q"].as_str().unwrap();
        let label = q
            .get("intent")
            .or_else(|| q.get("scope"))
            .and_then(|i| i.as_str())
            .unwrap_or("in");
        match what.as_str() {
            "scope" => {
                let u = f.search.understand(s);
                let hits = f.search.search(s, 5, 0).map(|o| o.hits).unwrap_or_default();
                let texts: Vec<String> = hits
                    .iter()
                    .map(|h| {
                        fathom::search::schema::passage_text(
                            &f.corpus,
                            &f.corpus.passages[h.ordinal],
                        )
                        .joined()
                    })
                    .collect();
                let r = f.search.relevance(s, &texts);
                let best = r.best_passage;
                let low = if fathom::commands::lacks_relevance(&r) {
                    "OUT"
                } else {
                    ""
                };
                println!(
                    "{:.2} best={best:.2} {}/{} {:<10} {:<10} {:?} {s} {low:?}",
                    r.covered(),
                    r.known,
                    r.words,
                    label,
                    u.intent.as_str(),
                    (
                        u.entities.terms.len(),
                        u.entities.actors.len(),
                        u.entities.legal_refs.clone(),
                        u.entities.dates.len()
                    )
                );
            }
            "claims" if label == "claim" => {
                let m = f.match_claim(s);
                let want = q.get("claim").and_then(|c| c.as_str()).unwrap_or("");
                let got = m.map(|m| {
                    (
                        f.corpus.claims[m.claim].id.clone(),
                        m.score,
                        m.opposite,
                        m.explained,
                    )
                });
                let ok = got.as_ref().map(|g| g.0.as_str()) == Some(want);
                let ev = f.claim_evidence(s);
                let evs: Vec<String> = ev
                    .iter()
                    .take(2)
                    .map(|(c, x)| format!("{}:{:.2}", f.corpus.claims[*c].id, x))
                    .collect();
                let eok = ev.first().map(|(c, _)| f.corpus.claims[*c].id.as_str()) == Some(want);
                println!(
                    "{} {} {:?} ev={:?} want={want} {s}",
                    if ok { "OK " } else { "BAD" },
                    if eok { "EOK" } else { "EBAD" },
                    got,
                    evs
                );
            }
            "claimgrid" if label == "claim" => {
                let want = q.get("claim").and_then(|c| c.as_str()).unwrap_or("");
                let opp = q.get("opposite").and_then(|c| c.as_bool()).unwrap_or(false);
                let ev = f.claim_evidence(s);
                let rows: Vec<serde_json::Value> = f.search.claim_wordings(s).iter().map(|m| {
                    let e = ev.iter().find(|(c, _)| *c == m.claim).map_or(0.0, |(_, e)| *e);
                    serde_json::json!({"claim": f.corpus.claims[m.claim].id, "f": m.score, "p": m.explained, "e": e, "opp": m.opposite})
                }).collect();
                println!(
                    "{}",
                    serde_json::json!({"q": s, "want": want, "opp": opp, "rows": rows})
                );
            }
            _ => {}
        }
    }
}
