//! The languages Kairan speaks. The library needs them too (a PDF states its verdict in the
//! reader's language); the viewer's strings for each language live in `ui::i18n`.

use serde::{Deserialize, Serialize};

/// A language Kairan speaks (the viewer, the PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// 日本語.
    Japanese,
    /// English.
    English,
}

impl Language {
    /// The language of the system locale: Japanese when the first set of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` starts with `ja`, English otherwise.
    pub fn from_environment() -> Self {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        Self::from_locale(locale.as_deref())
    }

    /// The language for a POSIX locale name such as `ja_JP.UTF-8`.
    pub fn from_locale(locale: Option<&str>) -> Self {
        match locale {
            Some(locale) if locale.to_ascii_lowercase().starts_with("ja") => Language::Japanese,
            _ => Language::English,
        }
    }

    /// The language's own name, the same in every UI language.
    pub fn name(self) -> &'static str {
        match self {
            Language::Japanese => "日本語",
            Language::English => "English",
        }
    }

    /// The other language, for the one-click switch.
    pub fn other(self) -> Self {
        match self {
            Language::Japanese => Language::English,
            Language::English => Language::Japanese,
        }
    }
}

/// Replaces each `{name}` in `template` with its value, in one pass over the template: a value
/// is never read as a template itself (a bundle's text may hold `{organisation}`). A
/// placeholder with no value is left as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(candidate, _)| *candidate == name)
                .map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
