//! The host policy (`hosts.toml`): which hosts publish law and governments' words, which are
//! outlets, and which may never be the page a source sends a reader to.

use serde::Serialize;

/// How a URL's host is classed by the corpus's host policy (`hosts.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HostClass {
    /// The official publisher of a text (a treaty depositary, a government, a court, the UN).
    Official,
    /// A news outlet or publication publishing its own work.
    Outlet,
    /// A document-sharing, bookmarking, forum, scraper or spam site: never a source's `url`.
    Forbidden,
    /// Not listed.
    Other,
}

/// The host policy: which hosts are official publishers, which are outlets, and which may never
/// be a source's `url`. A host matches a listed domain or any subdomain of it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct HostPolicy {
    pub official: Vec<String>,
    pub outlets: Vec<String>,
    pub forbidden: Vec<String>,
}

impl HostPolicy {
    pub fn class(&self, url: &str) -> HostClass {
        let Some(host) = host_of(url) else {
            return HostClass::Other;
        };
        let listed = |domains: &[String]| {
            domains.iter().any(|d| {
                let d = d.trim().to_ascii_lowercase();
                host == d || host.ends_with(&format!(".{d}"))
            })
        };
        if listed(&self.forbidden) {
            HostClass::Forbidden
        } else if listed(&self.official) {
            HostClass::Official
        } else if listed(&self.outlets) {
            HostClass::Outlet
        } else {
            HostClass::Other
        }
    }
}

/// The lowercased host of an http(s) URL, without a port or a `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}
