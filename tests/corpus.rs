//! The corpus loader: the shipped corpus is valid and meets the corpus rules; each kind of
//! problem in a small bad corpus is reported with the right file and line, all at once.

mod common;

use fathom::corpus::{
    self, CorpusError, HostClass, MAX_QUOTE_CHARS, Problem, Side, SourceKind, Status,
};
use std::collections::HashSet;
use std::path::Path;

const TOPICS: &str = r#"
[[topic]]
id = "survivors"
label = "Survivors"
description = "The shipwrecked."
"#;

const GOOD_SOURCE: &str = r#"[source]
id = "rule-47"
title = "Customary IHL Rule 47"
short = "CIHL"
kind = "manual"
date = "2005"
url = "https://ihl-databases.icrc.org/customary-ihl/eng/docs/v1_rul_rule47"

[[passage]]
id = "rule-47-text"
locator = "Rule 47"
quote = "Attacking persons who are recognized as hors de combat is prohibited."
note = "Customary law forbids attacking people out of the fight."
topics = ["survivors"]
status = "law"
scope = ["ihl"]
"#;

/// Writes a corpus folder with the given files (path relative to the folder → content).
fn corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn problems(dir: &Path) -> Vec<Problem> {
    match corpus::load(dir) {
        Err(CorpusError::Invalid(p)) => p,
        Err(e) => panic!("expected validation problems, got {e}"),
        Ok(_) => panic!("expected validation problems, the corpus loaded"),
    }
}

/// Asserts that exactly one problem mentions `needle`, in `file` at `line`.
fn assert_problem(all: &[Problem], file: &str, line: usize, needle: &str) {
    let found: Vec<&Problem> = all.iter().filter(|p| p.message.contains(needle)).collect();
    assert_eq!(
        found.len(),
        1,
        "one problem with {needle:?} expected in {all:#?}"
    );
    let p = found[0];
    assert!(p.file.ends_with(file), "{p} should be in {file}");
    assert_eq!(p.line, line, "{p} should be on line {line}");
    assert!(p.to_string().starts_with(&p.file.display().to_string()));
    assert!(p.to_string().contains(&format!(":{line}: ")), "{p}");
}

#[test]
fn a_small_good_corpus_loads() {
    let dir = corpus(&[
        ("topics.toml", TOPICS),
        ("sources/rule-47.toml", GOOD_SOURCE),
    ]);
    let c = corpus::load(dir.path()).unwrap();
    assert_eq!(c.sources.len(), 1);
    assert_eq!(c.passages.len(), 1);
    let p = c.passage("rule-47-text").unwrap();
    assert_eq!(c.citation(p), "CIHL, Rule 47");
    assert_eq!(p.status, Status::Law);
    assert_eq!(c.source("rule-47").unwrap().kind, SourceKind::Manual);
    assert_eq!(c.version.len(), 10);
}

#[test]
fn the_version_changes_with_the_content() {
    let a = corpus(&[
        ("topics.toml", TOPICS),
        ("sources/rule-47.toml", GOOD_SOURCE),
    ]);
    let b = corpus(&[
        ("topics.toml", TOPICS),
        (
            "sources/rule-47.toml",
            &GOOD_SOURCE.replace("out of the fight", "hors de combat"),
        ),
    ]);
    let va = corpus::load(a.path()).unwrap().version;
    let vb = corpus::load(b.path()).unwrap().version;
    assert_ne!(va, vb);
    assert_eq!(va, corpus::load(a.path()).unwrap().version);
}

#[test]
fn every_problem_is_reported_with_file_and_line() {
    // One file with many problems; the line numbers below are those of this text.
    let bad_source = r#"[source]
id = "bad"
title = "A bad source"
kind = "blog"
date = "2 Sept 2025"
url = "www.example.org/page"

[[passage]]
id = "bad-one"
locator = "p. 1"
quote = ""
note = "An empty quote."
topics = ["survivors"]
status = "rumour"
scope = ["ihl"]

[[passage]]
id = "bad-two"
quote = "short"
note = "No locator."
topics = ["nowhere"]
status = "reported"
scope = ["events"]

[[passage]]
id = "bad-one"
locator = "p. 3"
quote = "QUOTE"
note = "A duplicate id and an over-long quote."
topics = ["survivors"]
status = "law"
scope = ["ihl"]
as_of = "2025-13-01"
"#
    .replace("QUOTE", &"x".repeat(MAX_QUOTE_CHARS + 1));
    let timeline = r#"
[[event]]
id = "e1"
date = "2025-09-02"
title = "An event"
summary = "It happened."
status = "official"
topics = ["survivors"]
passages = ["no-such-passage"]

[[event]]
id = "e2"
date = "2025-09-03"
title = "An event without a reference"
summary = "Unsourced."
status = "reported"
topics = ["survivors"]
"#;
    let claims = r#"
[[claim]]
id = "c1"
claim = "A claim with no counter-passages"
made_by = "Someone"
supports = ["rule-47-text"]
counters = []
review = "..."
topics = ["survivors"]
"#;
    let dir = corpus(&[
        ("topics.toml", TOPICS),
        ("sources/rule-47.toml", GOOD_SOURCE),
        ("sources/bad.toml", &bad_source),
        ("timeline.toml", timeline),
        ("claims.toml", claims),
    ]);
    let all = problems(dir.path());
    assert_problem(&all, "sources/bad.toml", 4, "unknown kind `blog`");
    assert_problem(&all, "sources/bad.toml", 5, "bad date `2 Sept 2025`");
    assert_problem(&all, "sources/bad.toml", 6, "must be an http(s) URL");
    assert_problem(&all, "sources/bad.toml", 11, "`quote` is empty");
    assert_problem(&all, "sources/bad.toml", 14, "unknown status `rumour`");
    assert_problem(
        &all,
        "sources/bad.toml",
        17,
        "missing required field `locator`",
    );
    assert_problem(&all, "sources/bad.toml", 21, "unknown topic `nowhere`");
    assert_problem(
        &all,
        "sources/bad.toml",
        26,
        "duplicate passage id `bad-one`",
    );
    assert_problem(&all, "sources/bad.toml", 28, "over the 600 limit");
    assert_problem(&all, "sources/bad.toml", 33, "bad date `2025-13-01`");
    assert_problem(
        &all,
        "timeline.toml",
        9,
        "unknown passage `no-such-passage`",
    );
    assert_problem(&all, "timeline.toml", 11, "needs at least one reference");
    assert_problem(
        &all,
        "claims.toml",
        7,
        "`counters` needs at least one entry",
    );
    assert_eq!(all.len(), 13, "exactly the planted problems: {all:#?}");
}

#[test]
fn broken_toml_names_the_line() {
    let dir = corpus(&[
        ("topics.toml", TOPICS),
        ("sources/rule-47.toml", GOOD_SOURCE),
        (
            "sources/broken.toml",
            "[source]\nid = \"broken\"\ntitle = \"unterminated\n",
        ),
    ]);
    let all = problems(dir.path());
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].file.ends_with("sources/broken.toml"));
    assert_eq!(all[0].line, 3);
    assert!(all[0].message.contains("invalid TOML"));
}

#[test]
fn a_misspelt_field_is_caught() {
    let dir = corpus(&[
        ("topics.toml", TOPICS),
        (
            "sources/rule-47.toml",
            &GOOD_SOURCE.replace("quote =", "qoute ="),
        ),
    ]);
    let all = problems(dir.path());
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].message.contains("qoute"), "{}", all[0]);
    assert_eq!(all[0].line, 12);
}

#[test]
fn a_source_id_must_match_its_file() {
    let dir = corpus(&[("topics.toml", TOPICS), ("sources/other.toml", GOOD_SOURCE)]);
    let all = problems(dir.path());
    assert_problem(&all, "sources/other.toml", 2, "must match the file name");
}

/// The rules the shipped corpus must keep (issue: the corpus; DESIGN.md corpus rules).
#[test]
fn the_shipped_corpus_is_valid_and_keeps_the_rules() {
    let c = match corpus::load(&common::corpus_dir()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let source_ids: HashSet<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
    for p in &c.passages {
        assert!(
            source_ids.contains(p.source_id.as_str()),
            "passage {} has no source",
            p.id
        );
        if let Some(q) = &p.quote {
            assert!(
                q.chars().count() <= MAX_QUOTE_CHARS,
                "quote of {} is too long",
                p.id
            );
        }
        if p.status != Status::Law
            && let Some(q) = &p.quote
        {
            let words = q.split_whitespace().count();
            assert!(
                words <= 25,
                "non-law quote of {} has {words} words (max 25)",
                p.id
            );
        }
    }
    for claim in &c.claims {
        assert!(
            !claim.counters.is_empty(),
            "claim {} has no counter-passages",
            claim.id
        );
    }
    for event in &c.events {
        assert!(
            !event.passages.is_empty() || !event.sources.is_empty(),
            "event {} has no reference",
            event.id
        );
    }
    for s in &c.sources {
        assert!(
            s.url.starts_with("http://") || s.url.starts_with("https://"),
            "{}",
            s.id
        );
    }
}

/// The shipped corpus, loaded (a failure prints every problem).
fn shipped() -> corpus::Corpus {
    match corpus::load(&common::corpus_dir()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

/// Law links the official publisher: the share of law sources whose `url` is on an official host
/// of `hosts.toml` (the share `fathom index check` prints) stays at 75% or more.
#[test]
fn law_sources_mostly_link_their_official_publisher() {
    let c = shipped();
    let report = corpus::report::Report::of(&c);
    assert!(report.law_sources > 0, "no law source at all");
    let share = report.law_sources_official as f64 / report.law_sources as f64;
    let not_official: Vec<&str> = c
        .sources
        .iter()
        .filter(|s| c.passages_of(&s.id).any(|p| p.status == Status::Law))
        .filter(|s| c.hosts.class(&s.url) != HostClass::Official)
        .map(|s| s.url.as_str())
        .collect();
    assert!(
        share >= 0.75,
        "only {} of {} law sources ({:.0}%) link an official host; not official: {not_official:#?}",
        report.law_sources_official,
        report.law_sources,
        100.0 * share
    );
    // The report line says the same numbers.
    let line = format!(
        "law sources linking their official publisher: {} of {}",
        report.law_sources_official, report.law_sources
    );
    assert!(
        report.lines().iter().any(|l| l.starts_with(&line)),
        "{:#?}",
        report.lines()
    );
}

/// No source sends a reader to a forbidden host (the list read from `hosts.toml` through the
/// library), and a `read_at` is always another page than the `url` it stands beside.
#[test]
fn no_source_url_is_on_a_forbidden_host_and_read_at_is_another_page() {
    let c = shipped();
    assert!(
        !c.hosts.forbidden.is_empty(),
        "hosts.toml lists no forbidden host: the check below would prove nothing"
    );
    assert!(
        c.hosts
            .forbidden
            .iter()
            .all(|d| c.hosts.class(&format!("https://{d}/x")) == HostClass::Forbidden),
        "a listed forbidden domain is not classed as forbidden"
    );
    for s in &c.sources {
        assert_ne!(
            c.hosts.class(&s.url),
            HostClass::Forbidden,
            "source {} links {} (host {:?}), a forbidden host",
            s.id,
            s.url,
            corpus::host_of(&s.url)
        );
        if let Some(read_at) = &s.read_at {
            let same = |a: &str, b: &str| {
                a.trim_end_matches('/')
                    .eq_ignore_ascii_case(b.trim_end_matches('/'))
            };
            assert!(
                !same(read_at, &s.url),
                "source {}: `read_at` repeats the `url` {}; leave `read_at` out when the page read is the page linked",
                s.id,
                s.url
            );
            assert!(
                read_at.starts_with("http://") || read_at.starts_with("https://"),
                "source {}: `read_at` {read_at} is not an http(s) URL",
                s.id
            );
        }
    }
    assert_eq!(corpus::report::Report::of(&c).forbidden_urls, 0);
}

/// `side` says whose case a passage makes: never on law (the text itself) nor on a disputed
/// point (whose note names each side); and analysis is not one-sided: both cases are made.
#[test]
fn sides_are_taken_only_where_a_position_is_stated() {
    let c = shipped();
    for p in &c.passages {
        if let Some(side) = p.side {
            assert!(
                !matches!(p.status, Status::Law | Status::Disputed),
                "passage {} is {} but takes the {} side",
                p.id,
                p.status.as_str(),
                side.as_str()
            );
            assert!(Side::ALL.contains(&side));
        }
    }
    let report = corpus::report::Report::of(&c);
    assert!(
        report.analysis_administration > 0 && report.analysis_critics > 0,
        "analysis makes only one side's case: {} for the administration, {} for its critics",
        report.analysis_administration,
        report.analysis_critics
    );
}

/// A `side` other than `administration` or `critics` is refused, with its file and line.
#[test]
fn an_unknown_side_is_refused_with_file_and_line() {
    let source = GOOD_SOURCE.replace(
        "status = \"law\"\n",
        "status = \"law\"\nside = \"neutral\"\n",
    );
    let dir = corpus(&[("topics.toml", TOPICS), ("sources/rule-47.toml", &source)]);
    let all = problems(dir.path());
    assert_problem(&all, "sources/rule-47.toml", 16, "unknown side `neutral`");
    assert_eq!(all.len(), 1, "{all:#?}");
}

/// A note that speaks to editors about checking ("was not verified") is refused, with its file and
/// line; the same words are accepted in `verification`, which readers never see.
#[test]
fn a_note_about_verification_is_refused_with_file_and_line() {
    let note = "note = \"Customary law forbids attacking people out of the fight; the wording was not verified.\"";
    let bad = GOOD_SOURCE.replace(
        "note = \"Customary law forbids attacking people out of the fight.\"",
        note,
    );
    assert_ne!(bad, GOOD_SOURCE);
    let dir = corpus(&[("topics.toml", TOPICS), ("sources/rule-47.toml", &bad)]);
    let all = problems(dir.path());
    assert_problem(
        &all,
        "sources/rule-47.toml",
        13,
        "the note speaks to editors",
    );
    assert!(all[0].message.contains("not verified"), "{}", all[0]);
    assert_eq!(all.len(), 1, "{all:#?}");

    let moved = GOOD_SOURCE.replace(
        "status = \"law\"\n",
        "status = \"law\"\nverification = \"The wording was not verified.\"\n",
    );
    let dir = corpus(&[("topics.toml", TOPICS), ("sources/rule-47.toml", &moved)]);
    let c = corpus::load(dir.path()).unwrap();
    let p = c.passage("rule-47-text").unwrap();
    assert_eq!(
        p.verification.as_deref(),
        Some("The wording was not verified.")
    );
}

/// A source `url` on a forbidden host is refused, with its file and line; the policy is the one in
/// the corpus folder's `hosts.toml`.
#[test]
fn a_url_on_a_forbidden_host_is_refused_with_file_and_line() {
    let hosts = "official = [\"icrc.org\"]\noutlets = []\nforbidden = [\"scribd.com\"]\n";
    let source = GOOD_SOURCE.replace(
        "url = \"https://ihl-databases.icrc.org/customary-ihl/eng/docs/v1_rul_rule47\"",
        "url = \"https://www.scribd.com/document/1/rule-47\"",
    );
    let dir = corpus(&[
        ("topics.toml", TOPICS),
        ("hosts.toml", hosts),
        ("sources/rule-47.toml", &source),
    ]);
    let all = problems(dir.path());
    assert_problem(
        &all,
        "sources/rule-47.toml",
        7,
        "may never be a source's url",
    );
    assert_eq!(all.len(), 1, "{all:#?}");

    let dir = corpus(&[
        ("topics.toml", TOPICS),
        ("hosts.toml", hosts),
        ("sources/rule-47.toml", GOOD_SOURCE),
    ]);
    let c = corpus::load(dir.path()).unwrap();
    assert_eq!(c.hosts.class(&c.sources[0].url), HostClass::Official);
}
