//! Building the index: first use builds it, a changed corpus rebuilds it, and a build that is
//! interrupted leaves the previous index in place and usable.

mod common;

use fathom::corpus;
use fathom::search::{SearchError, SearchIndex, build};
use std::ops::ControlFlow;
use std::path::Path;

fn copy_corpus(to: &Path) {
    let from = common::corpus_dir();
    std::fs::create_dir_all(to.join("sources")).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
    for entry in std::fs::read_dir(from.join("sources")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, to.join("sources").join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn an_interrupted_build_leaves_the_previous_index_usable() {
    let work = tempfile::tempdir().unwrap();
    let corpus_dir = work.path().join("index");
    copy_corpus(&corpus_dir);
    let index_dir = corpus_dir.join("tantivy");

    let v1 = corpus::load(&corpus_dir).unwrap();
    let first = SearchIndex::open_or_build(&v1, &index_dir, |_| ControlFlow::Continue(())).unwrap();
    let before = first.search("shipwrecked survivors", 3, 0).unwrap().hits;
    assert_eq!(before.len(), 3);
    assert!(build::is_current(&index_dir, &v1));
    drop(first);

    // Change the corpus, then interrupt the rebuild half-way.
    let extra = std::fs::read_to_string(corpus_dir.join("sources/un-charter-art-51.toml")).unwrap();
    std::fs::write(
        corpus_dir.join("sources/un-charter-art-51.toml"),
        extra.replacen("note = \"", "note = \"Changed. ", 1),
    )
    .unwrap();
    let v2 = corpus::load(&corpus_dir).unwrap();
    assert_ne!(v1.version, v2.version);
    let half = v2.passages.len() as u64 / 2;
    let err = build::build(&v2, &index_dir, |n| {
        if n >= half {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert!(matches!(err, Err(SearchError::Interrupted)), "{err:?}");

    // The old index is still there, still answers, and still says it is the old one.
    assert!(build::is_current(&index_dir, &v1));
    let reopened = SearchIndex::open(&v1, &index_dir).unwrap();
    assert_eq!(
        reopened.search("shipwrecked survivors", 3, 0).unwrap().hits,
        before
    );
    // No half-built folder is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(&corpus_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tantivy-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The next open sees the stale index and rebuilds it.
    let fresh = SearchIndex::open_or_build(&v2, &index_dir, |_| ControlFlow::Continue(())).unwrap();
    assert!(build::is_current(&index_dir, &v2));
    assert_eq!(fresh.len(), v2.passages.len() as u64);
}

#[test]
fn a_broken_index_folder_is_rebuilt() {
    let work = tempfile::tempdir().unwrap();
    let corpus = corpus::load(&common::corpus_dir()).unwrap();
    let index_dir = work.path().join("tantivy");
    std::fs::create_dir_all(&index_dir).unwrap();
    std::fs::write(index_dir.join("meta.json"), "{ not json").unwrap();
    std::fs::write(
        index_dir.join(build::VERSION_FILE),
        build::expected_version(&corpus),
    )
    .unwrap();
    let index =
        SearchIndex::open_or_build(&corpus, &index_dir, |_| ControlFlow::Continue(())).unwrap();
    assert_eq!(index.len(), corpus.passages.len() as u64);
    assert!(!index.search("article 51", 3, 0).unwrap().hits.is_empty());
}

#[test]
fn two_builders_at_once_both_end_with_a_good_index() {
    let work = tempfile::tempdir().unwrap();
    let corpus = std::sync::Arc::new(corpus::load(&common::corpus_dir()).unwrap());
    let index_dir = work.path().join("tantivy");
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (c, d) = (corpus.clone(), index_dir.clone());
            std::thread::spawn(move || {
                SearchIndex::open_or_build(&c, &d, |_| ControlFlow::Continue(())).map(|i| i.len())
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap(), corpus.passages.len() as u64);
    }
}
