//! The spellings of a legal reference that both `legal_refs` (which brings them to one
//! canonical token, for search) and `citations` (which reads their pinpoints, for `check`)
//! recognise: written once here, as macros so each module can splice them into its own
//! regular expressions with `concat!`.

/// `U.S.C.`, `USC`, `U.S.C.A.`: the letters must end the abbreviation, so "us could" is not one.
macro_rules! us_code {
    () => {
        r"u\.?\s?s\.?\s?c(?:\.?\s?a)?(?:\.|\b)"
    };
}

/// Common Article 3 of the Geneva Conventions: `Common Article 3`, `common art. 3`, `CA3`.
macro_rules! common_article_3 {
    () => {
        r"\bcommon\s+art(?:icle|\.)?\s*3\b|\bca\s?3\b|\barticle\s+3\s+common\b"
    };
}

/// The subdivisions after a pinpoint: `(2)(c)(i)`.
macro_rules! sub {
    () => {
        r"((?:\s?\([0-9a-zA-Z]{1,5}\))*)"
    };
}
