//! Links in a document: where one points, and which addresses may be handed to the system's
//! opener or must be shown with a warning first.

use serde::{Deserialize, Serialize};

/// Where a link points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LinkTarget {
    /// Another document of the same bundle, by its path in the bundle.
    Document {
        /// The target's bundle path.
        path: String,
        /// A heading `id` in the target, if the link points inside it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        heading: Option<String>,
    },
    /// An address outside the bundle.
    External {
        /// The full address.
        url: String,
    },
}

impl LinkTarget {
    /// Whether Kairan may hand this link to the system's opener: a link inside the bundle, or
    /// an address for which [`opens_externally`] holds.
    pub fn opens(&self) -> bool {
        match self {
            LinkTarget::Document { .. } => true,
            LinkTarget::External { url } => opens_externally(url),
        }
    }
}

/// Whether an address may be handed to the system's opener: `https:` or `http:` with a host,
/// or `mailto:`, with no spaces, backslashes, control or invisible characters. Anything else
/// (`javascript:`, `file:`, `data:`, `smb:`, UNC and bare paths …) is shown as text only.
pub fn opens_externally(url: &str) -> bool {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c == '\\' || crate::escape::is_hidden(c))
    {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" | "http" => rest
            .strip_prefix("//")
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .is_some_and(|host| !host.is_empty()),
        "mailto" => !rest.is_empty(),
        _ => false,
    }
}

/// Whether a web address's authority (between `//` and the path) has a user part or letters
/// outside ASCII, which can make it look like another site's (`https://www.аррӏе.com/` in
/// Cyrillic, `https://www.example.jp@evil.example/`). Such a link still opens after the reader
/// confirms, but never without saying so.
pub fn disguised_host(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // A label written in punycode (`xn--80ak6aa92e`) is how a browser shows letters outside
    // ASCII that it does not trust: the same disguise, spelt another way.
    let punycode = authority.split(['.', '@', ':']).any(|label| {
        label
            .get(..4)
            .is_some_and(|start| start.eq_ignore_ascii_case("xn--"))
    });
    authority.contains('@') || !authority.is_ascii() || punycode
}

/// The host an `http`/`https` address goes to (after any `user@`, without the port), as
/// written; none for other addresses.
pub fn link_host(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => host,
    };
    (!host.is_empty()).then_some(host)
}
