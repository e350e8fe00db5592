//! The `fathom` binary, run as a process: zero-configuration answers, the exact JSON shape of
//! `ask --json`, and `index check` listing every problem of a bad corpus.

mod common;

use fathom::render::AskJson;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `fathom` in a fresh working directory with the shipped corpus and everything else at
/// its defaults (so the index and database are created there on first run).
fn fathom(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FATHOM_CORPUS_DIR", common::corpus_dir())
        .env("FATHOM_INDEX_DIR", dir.join("tantivy"))
        .output()
        .expect("the fathom binary runs")
}

#[test]
fn ask_json_has_exactly_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let out = fathom(
        dir.path(),
        &[
            "ask",
            "--json",
            "-k",
            "5",
            "Is it lawful to attack shipwrecked survivors?",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "answer_id",
            "card",
            "corrections",
            "current_to",
            "entities",
            "hits",
            "intent",
            "notice",
            "out_of_scope",
            "query"
        ]
    );
    assert_eq!(value["intent"], "legality");
    assert!(value["current_to"].as_str().is_some_and(|d| d.len() == 10));
    assert!(value["answer_id"].as_str().is_some_and(|id| id.len() == 8));
    let hits = value["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    for hit in hits {
        let mut keys: Vec<&str> = hit
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "citation",
                "date",
                "kind",
                "note",
                "passage_id",
                "quote",
                "score",
                "section",
                "source_id",
                "status",
                "url"
            ]
        );
    }
    let parsed: AskJson = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        parsed.query,
        "Is it lawful to attack shipwrecked survivors?"
    );
    // A legality answer is built in sections: the law within the first three, then both
    // positions.
    let sections: Vec<&str> = parsed
        .hits
        .iter()
        .filter_map(|h| h.section.as_deref())
        .collect();
    assert!(
        sections[..3.min(sections.len())].contains(&"law"),
        "{sections:?}"
    );
    assert!(
        sections.contains(&"administration") && sections.contains(&"critics"),
        "{sections:?}"
    );
    // Zero configuration: the database (which keeps the salt) was created in the working
    // directory.
    assert!(dir.path().join("data/fathom.db").exists());
    let db = rusqlite::Connection::open(dir.path().join("data/fathom.db")).unwrap();
    let salt: String = db
        .query_row(
            "SELECT value FROM fathom_meta WHERE key = 'user_salt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(salt.len(), 64);
    assert!(dir.path().join("tantivy/fathom.version").exists());
}

#[test]
fn text_answers_end_with_the_footer_and_are_logged() {
    let dir = tempfile::tempdir().unwrap();
    let out = fathom(
        dir.path(),
        &["ask", "who", "ordered", "the", "second", "strike?"],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Not legal advice."), "{text}");
    let answer_id = text
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("answer "))
        .and_then(|l| l.split_whitespace().next())
        .expect("the footer carries the answer id")
        .to_string();
    // The answer can be reproduced by id from a later process.
    let again = fathom(dir.path(), &["answer", &answer_id]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let again = String::from_utf8_lossy(&again.stdout);
    assert!(
        again.contains(&format!("Answer `{answer_id}` as given on")),
        "{again}"
    );
    let stats = fathom(dir.path(), &["stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["total"], 2, "{stats}");
    assert_eq!(stats["days"], 7, "{stats}");
}

#[test]
fn index_check_lists_every_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("sources")).unwrap();
    std::fs::write(
        corpus.join("topics.toml"),
        "[[topic]]\nid = \"t\"\nlabel = \"T\"\ndescription = \"d\"\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("sources/a.toml"),
        "[source]\nid = \"a\"\ntitle = \"A\"\nkind = \"blog\"\ndate = \"2025-02-30\"\nurl = \"https://example.org\"\n\n[[passage]]\nid = \"a-1\"\nlocator = \"p. 1\"\nnote = \"n\"\ntopics = [\"t\"]\nstatus = \"law\"\nscope = [\"ihl\"]\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("timeline.toml"),
        "[[event]]\nid = \"e\"\ndate = \"2025-09-02\"\ntitle = \"t\"\nsummary = \"s\"\nstatus = \"official\"\ntopics = [\"t\"]\npassages = [\"missing\"]\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(["index", "check"])
        .current_dir(dir.path())
        .env("FATHOM_CORPUS_DIR", &corpus)
        .env("FATHOM_INDEX_DIR", dir.path().join("tantivy"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/db.sqlite", dir.path().display()),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].ends_with("sources/a.toml:4: source: unknown kind `blog` (one of: treaty, statute, case, manual, official, un, news, analysis, ngo, study, filing)"), "{}", lines[0]);
    assert!(
        lines[1].contains("sources/a.toml:5: source: bad date `2025-02-30`"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("timeline.toml:8: event `e`: unknown passage `missing`"),
        "{}",
        lines[2]
    );
}

#[test]
fn index_check_passes_on_the_shipped_corpus_and_build_reports_throughput() {
    let dir = tempfile::tempdir().unwrap();
    let out = fathom(dir.path(), &["index", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("is valid"));
    let out = fathom(dir.path(), &["index", "build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("passages/s"));
}

#[test]
fn bad_arguments_get_a_clear_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = fathom(dir.path(), &["timeline", "--from", "last tuesday"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("must be a date like 2025-09-02"));
    let out = fathom(dir.path(), &["source", "no-such-source"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("There is no source"));
    for out in [
        &fathom(dir.path(), &["timeline", "--from", "x"]),
        &fathom(dir.path(), &["ask", "((("]),
    ] {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// Runs `fathom` with `stdin` as its standard input.
fn fathom_with_stdin(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FATHOM_CORPUS_DIR", common::corpus_dir())
        .env("FATHOM_INDEX_DIR", dir.join("tantivy"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The commands the bot has are in the terminal too, each with its options.
#[test]
fn the_command_line_mirrors_the_bot() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    // check, from standard input.
    let out = fathom_with_stdin(
        d,
        &["check", "-"],
        "Under Article 51 and AP I art. 41(2)...",
    );
    assert!(out.status.success(), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("✅ `Article 51`"), "{text}");
    assert!(
        text.contains("(source un-charter-art-51, passage"),
        "{text}"
    );

    // sources: search by words of a title or publisher; source by a passage id or a title; did
    // you mean.
    let text = stdout(&fathom(d, &["sources", "war", "powers"]));
    assert!(text.contains("war-powers-resolution-1541"), "{text}");
    let text = stdout(&fathom(d, &["source", "un-charter-art-51-report"]));
    assert!(text.starts_with("Charter of the United Nations"), "{text}");
    let out = fathom(d, &["source", "un-chartr-art-51"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("fathom source un-charter-art-51"),
        "{}",
        stdout(&out)
    );

    // Numbers are checked where they enter.
    for args in [
        &["ask", "--offset", "5000000000000", "survivors"][..],
        &["stats", "--days", "0"],
        &["ask", "-k", "26", "survivors"],
    ] {
        let out = fathom(d, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stdout(&out).contains("must be"),
            "{args:?}: {}",
            stdout(&out)
        );
    }

    // Hints are in the terminal's syntax; a "more" hint says how to get more.
    let text = stdout(&fathom(d, &["ask", "zzqx", "qqqzz"]));
    assert!(
        text.contains("Try: ") && text.contains("fathom topics"),
        "{text}"
    );
    assert!(!text.contains("/topics"), "{text}");
    let text = stdout(&fathom(d, &["ask", "survivors"]));
    assert!(text.contains("(more: add --offset 3)"), "{text}");

    // study: a short list by default, all of it on request; topics by alias.
    let short = stdout(&fathom(d, &["study", "self", "defence"]));
    assert!(short.starts_with("Reading list: Use of force"), "{short}");
    assert!(short.contains("(the full list: add --all)"), "{short}");
    let full = stdout(&fathom(d, &["study", "self defence", "--all"]));
    assert!(full.len() > short.len());

    // timeline, newest first.
    let text = stdout(&fathom(
        d,
        &["--json", "timeline", "--newest", "--limit", "3"],
    ));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let dates: Vec<&str> = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 3);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    // quiz: a question with its id, an answer, the scores.
    let text = stdout(&fathom_with_stdin(d, &["quiz", "question"], ""));
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("(answer with: fathom quiz answer "))
        .and_then(|l| l.split_whitespace().next())
        .expect("the question says how to answer it")
        .to_string();
    let text = stdout(&fathom(d, &["quiz", "answer", &id, "a"]));
    assert!(
        text.starts_with("Correct!") || text.starts_with("Not quite"),
        "{text}"
    );
    let text = stdout(&fathom(d, &["quiz", "scores"]));
    assert!(
        text.contains("1 correct of 1") || text.contains("0 correct of 1"),
        "{text}"
    );
}
