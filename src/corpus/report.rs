//! What `fathom index check` reports about a valid corpus beyond "it loads": its size, how many
//! law sources link to their official publisher, whether any link is on a forbidden host, the
//! balance of the analysis between the administration's case and its critics', how current the
//! corpus is, and how much of it exists in Spanish.

use super::{Corpus, HostClass, Side, Status};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub version: String,
    pub sources: usize,
    pub passages: usize,
    pub events: usize,
    pub terms: usize,
    pub claims: usize,
    pub quiz: usize,
    pub actors: usize,
    /// Sources with at least one `law` passage, and how many of them link an official host.
    pub law_sources: usize,
    pub law_sources_official: usize,
    /// Sources whose `url` is on a forbidden host (the loader refuses them, so 0).
    pub forbidden_urls: usize,
    /// Analysis passages, and those that make the administration's case / its critics'.
    pub analysis: usize,
    pub analysis_administration: usize,
    pub analysis_critics: usize,
    pub current_to: Option<String>,
    pub spanish: SpanishReport,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SpanishReport {
    pub lexicon_entries: usize,
    pub terms: usize,
    pub claims: usize,
    pub topics: usize,
    pub notes: usize,
    pub actors: usize,
}

impl Report {
    pub fn of(corpus: &Corpus) -> Report {
        let law_sources: Vec<_> = corpus
            .sources
            .iter()
            .filter(|s| corpus.passages_of(&s.id).any(|p| p.status == Status::Law))
            .collect();
        let analysis: Vec<_> = corpus
            .passages
            .iter()
            .filter(|p| p.status == Status::Analysis)
            .collect();
        let on_side = |side: Side| analysis.iter().filter(|p| p.side == Some(side)).count();
        let es = &corpus.spanish;
        Report {
            version: corpus.version.clone(),
            sources: corpus.sources.len(),
            passages: corpus.passages.len(),
            events: corpus.events.len(),
            terms: corpus.terms.len(),
            claims: corpus.claims.len(),
            quiz: corpus.quiz.len(),
            actors: corpus.actors.len(),
            law_sources: law_sources.len(),
            law_sources_official: law_sources
                .iter()
                .filter(|s| corpus.hosts.class(&s.url) == HostClass::Official)
                .count(),
            forbidden_urls: corpus
                .sources
                .iter()
                .filter(|s| corpus.hosts.class(&s.url) == HostClass::Forbidden)
                .count(),
            analysis: analysis.len(),
            analysis_administration: on_side(Side::Administration),
            analysis_critics: on_side(Side::Critics),
            current_to: corpus.current_to.clone(),
            spanish: SpanishReport {
                lexicon_entries: es.lexicon.len(),
                terms: es.terms.len(),
                claims: es.claims.len(),
                topics: es.topics.len(),
                notes: es.notes.len(),
                actors: es.actors.len(),
            },
        }
    }

    /// The report as lines of text.
    pub fn lines(&self) -> Vec<String> {
        let pct = |n: usize, of: usize| {
            if of == 0 {
                "-".to_string()
            } else {
                format!("{:.0}%", 100.0 * n as f64 / of as f64)
            }
        };
        let es = &self.spanish;
        vec![
            format!(
                "corpus {} is valid: {} sources, {} passages, {} events, {} terms, {} claims, {} quiz questions, {} actors",
                self.version,
                self.sources,
                self.passages,
                self.events,
                self.terms,
                self.claims,
                self.quiz,
                self.actors
            ),
            format!(
                "law sources linking their official publisher: {} of {} ({})",
                self.law_sources_official,
                self.law_sources,
                pct(self.law_sources_official, self.law_sources)
            ),
            format!("links on forbidden hosts: {}", self.forbidden_urls),
            format!(
                "analysis passages: {} — the administration's case {} ({}), its critics' {} ({})",
                self.analysis,
                self.analysis_administration,
                pct(self.analysis_administration, self.analysis),
                self.analysis_critics,
                pct(self.analysis_critics, self.analysis)
            ),
            format!(
                "current to: {}",
                self.current_to.as_deref().unwrap_or("(no dated event)")
            ),
            format!(
                "Spanish: {} lexicon entries; {} of {} terms, {} of {} claims, {} topics, {} actors, {} notes",
                es.lexicon_entries,
                es.terms,
                self.terms,
                es.claims,
                self.claims,
                es.topics,
                es.actors,
                es.notes
            ),
        ]
    }
}
