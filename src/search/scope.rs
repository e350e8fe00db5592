//! How much of a question the corpus speaks to: the signal behind "nothing in fathom's sources
//! answers that". A question's meaningful words (chat filler and the words that only say what
//! kind of answer is wanted left out) are weighed by how rare each is in the corpus (idf), and
//! each is credited by how well the corpus knows it: fully when several passages use it, in
//! part when one or two mention it in passing, half when it was only reached by correcting a
//! typo, not at all when no passage holds it. "whats the capital of venezuela" is then mostly
//! "capital", a word one passage uses once, and "wtf is going on with the boats" is "boats".

/// Words that carry no topic in chat: filler, slang, intensifiers, and the words of a question
/// that say what kind of answer is wanted rather than what it is about ("latest", "total",
/// "explain"). English and Spanish, accent-folded and lowercased as typed.
const FILLER: &[&str] = &[
    // English chat
    "wtf",
    "ngl",
    "tbh",
    "imo",
    "imho",
    "idk",
    "idc",
    "lmao",
    "lmfao",
    "rofl",
    "bruh",
    "bro",
    "dude",
    "fr",
    "rn",
    "smh",
    "tho",
    "though",
    "literally",
    "basically",
    "honestly",
    "seriously",
    "totally",
    "vibe",
    "vibes",
    "nah",
    "yeah",
    "yea",
    "yep",
    "omg",
    "plz",
    "guess",
    "anyway",
    "anyways",
    "whatever",
    "kinda",
    "sorta",
    "gotta",
    "lemme",
    "hmm",
    "huh",
    "pls",
    "btw",
    "afaik",
    "iirc",
    "ik",
    "ya",
    "yo",
    "hi",
    "hello",
    "thanks",
    "thx",
    "ty",
    "go",
    "going",
    "goes",
    "gone",
    "happening",
    "happen",
    "happened",
    "happens",
    "deal",
    "wondering",
    "wonder",
    "curious",
    "confused",
    "lost",
    "track",
    "quick",
    "question",
    "real",
    "really",
    "actual",
    "actually",
    "exactly",
    "even",
    "also",
    "too",
    "very",
    "much",
    "many",
    "lot",
    "lots",
    "whole",
    "every",
    "each",
    "one",
    "ones",
    "thing",
    "things",
    "something",
    "anything",
    "everything",
    "nothing",
    "way",
    "kind",
    "sort",
    "type",
    "part",
    "bit",
    "someone",
    "somebody",
    "people",
    "ppl",
    "guy",
    "guys",
    "man",
    "want",
    "need",
    "know",
    "knows",
    "see",
    "look",
    "looking",
    "find",
    "mean",
    "means",
    "meaning",
    "explain",
    "explained",
    "tell",
    "telling",
    "help",
    "please",
    "okay",
    "ok",
    "sure",
    "right",
    "wrong",
    "good",
    "bad",
    "best",
    "better",
    "new",
    "latest",
    "recent",
    "recently",
    "lately",
    "now",
    "today",
    "currently",
    "current",
    "far",
    "total",
    "altogether",
    "overall",
    "number",
    "count",
    "figure",
    "figures",
    "stand",
    "define",
    "definition",
    "describe",
    "summary",
    "summarize",
    "tldr",
    "tl",
    "dr",
    "eli5",
    "details",
    "info",
    "information",
    "update",
    "updates",
    "news",
    "story",
    "whats",
    "wat",
    "wut",
    "waht",
    "abt",
    "bc",
    "cuz",
    "cause",
    "because",
    "w",
    "o",
    "r",
    "y",
    "n",
    "ok",
    "pretty",
    "super",
    "lowkey",
    "highkey",
    // Spanish chat
    "oye",
    "jaja",
    "jajaja",
    "xd",
    "pues",
    "bueno",
    "osea",
    "o sea",
    "weon",
    "wey",
    "pana",
    "parce",
    "che",
    "tipo",
    "onda",
    "nada",
    "algo",
    "todo",
    "todos",
    "cosa",
    "cosas",
    "gente",
    "alguien",
    "saber",
    "quiero",
    "necesito",
    "favor",
    "porfa",
    "gracias",
    "hola",
    "ultimo",
    "ultima",
    "ultimos",
    "ultimas",
    "ahora",
    "hoy",
    "actual",
    "actualmente",
    "total",
    "cifra",
    "numero",
    "cuantos",
    "cuantas",
    "significa",
    "explica",
    "explicame",
    "dime",
    "pasa",
    "paso",
    "pasando",
    "sucedio",
    "noticias",
    "info",
];

/// Whether a typed word (lowercased, accent-folded) carries no topic.
pub fn is_filler(word: &str) -> bool {
    FILLER.contains(&word)
}

/// The number of passages at which a word counts as fully known to the corpus; a word fewer
/// passages use is credited in proportion ("capital", used once, earns a third).
pub const WELL_KNOWN_AT: u64 = 3;

/// The credit a corrected word earns, as a share of the word it was corrected to: a typo fix
/// is a guess, and "anime" → "animal" should not make a question about cartoons in scope.
pub const CORRECTED_CREDIT: f32 = 0.5;

/// How much of a question's weighted vocabulary the corpus covers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Relevance {
    /// Distinct meaningful words, and how many of them any passage uses.
    pub words: usize,
    pub known: usize,
    /// The same, each word weighed by its rarity (idf) and credited by how well the corpus
    /// knows it (see the module comment).
    pub total_weight: f32,
    pub known_weight: f32,
    /// The largest share of the question's weight one of its top passages holds: how nearly a
    /// single passage speaks to the whole question rather than to one word of it.
    pub best_passage: f32,
}

impl Relevance {
    /// Adds one word: its weight (idf), the passages that use it, and whether it was reached
    /// only by correcting a typo.
    pub fn add(&mut self, weight: f32, passages: u64, corrected: bool) {
        self.words += 1;
        self.total_weight += weight;
        if passages == 0 {
            return;
        }
        self.known += 1;
        let known = (passages.min(WELL_KNOWN_AT) as f32) / WELL_KNOWN_AT as f32;
        let credit = if corrected {
            known * CORRECTED_CREDIT
        } else {
            known
        };
        self.known_weight += weight * credit;
    }

    /// The share of the question's weight the corpus covers (0 when it has no word).
    pub fn covered(&self) -> f32 {
        if self.total_weight > 0.0 {
            self.known_weight / self.total_weight
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_the_corpus_barely_uses_earns_part_credit() {
        let mut r = Relevance::default();
        r.add(2.0, 40, false);
        r.add(6.0, 1, false);
        assert_eq!(r.known, 2);
        assert!((r.covered() - (2.0 + 2.0) / 8.0).abs() < 1e-6);
    }

    #[test]
    fn unknown_and_corrected_words_count_against() {
        let mut r = Relevance::default();
        r.add(2.0, 10, true);
        r.add(7.0, 0, false);
        assert_eq!(r.known, 1);
        assert!((r.covered() - 1.0 / 9.0).abs() < 1e-6);
    }

    #[test]
    fn filler_is_not_topic() {
        assert!(is_filler("wtf") && is_filler("latest") && is_filler("cuantos"));
        assert!(!is_filler("strikes") && !is_filler("legal"));
    }
}
