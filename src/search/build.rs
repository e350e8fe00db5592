//! Building the index from the corpus, atomically: the new index is written into a sibling
//! folder and swapped in only once it is complete, so a crash mid-build leaves the previous
//! index (or none, which is rebuilt) — never a broken one. A version file beside the index
//! holds the corpus hash, so a changed corpus triggers a rebuild.

use super::SearchError;
use super::schema::{self, ANALYZER, Fields, SCHEMA_VERSION};
use crate::corpus::Corpus;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use tantivy::Index;
use tantivy::indexer::NoMergePolicy;

/// The file beside the index segments that says which corpus they were built from.
pub const VERSION_FILE: &str = "fathom.version";

/// What the version file of an index built from `corpus` contains.
pub fn expected_version(corpus: &Corpus) -> String {
    format!("schema {SCHEMA_VERSION}; corpus {}", corpus.version)
}

/// Whether the index at `dir` was built from this corpus with this schema.
pub fn is_current(dir: &Path, corpus: &Corpus) -> bool {
    std::fs::read_to_string(dir.join(VERSION_FILE))
        .map(|v| v.trim() == expected_version(corpus))
        .unwrap_or(false)
}

/// Builds the index for `corpus` and swaps it in at `dir`. `progress` is called with the
/// number of passages added so far; returning `ControlFlow::Break` abandons the build (the
/// previous index stays in place).
pub fn build(
    corpus: &Corpus,
    dir: &Path,
    mut progress: impl FnMut(u64) -> ControlFlow<()>,
) -> Result<(), SearchError> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| SearchError::io(parent, e))?;
    remove_stale_builds(parent, dir);

    let staging = sibling(dir, "build");
    std::fs::create_dir_all(&staging).map_err(|e| SearchError::io(&staging, e))?;
    let result = write_index(corpus, &staging, &mut progress);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_in(&staging, dir)
}

fn write_index(
    corpus: &Corpus,
    staging: &Path,
    progress: &mut impl FnMut(u64) -> ControlFlow<()>,
) -> Result<(), SearchError> {
    let index = Index::create_in_dir(staging, schema::schema())?;
    index.tokenizers().register(ANALYZER, schema::analyzer());
    let fields = Fields::from_schema(&index.schema())?;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get().min(4))
        .unwrap_or(1);
    let mut writer = index
        .writer_with_num_threads::<tantivy::TantivyDocument>(threads, threads * 64 * 1024 * 1024)?;
    // One segment in the end (merged below): every query pays per segment, and the index is
    // read-only once built.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let concepts = schema::concept_texts(corpus);
    for (ordinal, passage) in corpus.passages.iter().enumerate() {
        writer.add_document(schema::document(
            corpus, &fields, ordinal, passage, &concepts,
        ))?;
        let done = ordinal as u64 + 1;
        if (done.is_multiple_of(256) || done == corpus.passages.len() as u64)
            && progress(done).is_break()
        {
            return Err(SearchError::Interrupted);
        }
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    std::fs::write(staging.join(VERSION_FILE), expected_version(corpus))
        .map_err(|e| SearchError::io(staging, e))?;
    Ok(())
}

/// Moves the finished index at `staging` to `dir`. The old index is first moved aside, then
/// removed; if another process swapped in an index for the same corpus meanwhile, ours is
/// dropped and theirs kept.
fn swap_in(staging: &Path, dir: &Path) -> Result<(), SearchError> {
    let old = sibling(dir, "old");
    let had_old = match std::fs::rename(dir, &old) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(SearchError::io(dir, e)),
    };
    if let Err(e) = std::fs::rename(staging, dir) {
        let _ = std::fs::remove_dir_all(staging);
        if dir.join(VERSION_FILE).exists() {
            // Another process won the race; its index is as good as ours.
            if had_old {
                let _ = std::fs::remove_dir_all(&old);
            }
            return Ok(());
        }
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        return Err(SearchError::io(dir, e));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// A sibling folder of `dir` unique to this process and moment: `.tantivy-build-1234-5678`.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    dir.with_file_name(format!(".{name}-{what}-{}-{nanos}", std::process::id()))
}

/// Removes leftovers of builds that crashed (older than ten minutes, so a build running in
/// another process right now is left alone).
fn remove_stale_builds(parent: &Path, dir: &Path) {
    let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefixes = [format!(".{name}-build-"), format!(".{name}-old-")];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(600));
        if old_enough {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
