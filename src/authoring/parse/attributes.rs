//! The `marker | key: value | …` syntax inside masks (`{{…}}`) and omissions (`[[…]]`): the
//! marker, then attributes from a fixed list of keys, with `by:` naming who withheld the text.

use super::{Located, Parser, Position, SourceProblem, escapable, split_key};
use crate::document::WithheldBy;

impl Parser<'_> {
    pub(super) fn withheld_by(
        &mut self,
        value: Option<&String>,
        at: Position,
    ) -> Option<WithheldBy> {
        match value.map(String::as_str) {
            None | Some("not_stated") => Some(WithheldBy::NotStated),
            Some("author") => Some(WithheldBy::Author),
            Some("forwarder") => Some(WithheldBy::Forwarder),
            Some(other) => {
                self.error(
                    at,
                    SourceProblem::UnknownBy {
                        value: other.to_owned(),
                    },
                );
                None
            }
        }
    }

    /// Splits `marker | key: value | …` (escapes honoured) and checks the keys.
    pub(super) fn attributes(
        &mut self,
        inner: &[Located],
        start: Position,
        known: &'static [&'static str],
    ) -> Option<Attributes> {
        let mut parts: Vec<String> = vec![String::new()];
        let mut index = 0;
        while let Some((c, _)) = inner.get(index) {
            match c {
                '\\' if inner
                    .get(index + 1)
                    .is_some_and(|(next, _)| escapable(*next)) =>
                {
                    if let Some(part) = parts.last_mut() {
                        part.push(inner[index + 1].0);
                    }
                    index += 2;
                    continue;
                }
                '|' | '｜' => parts.push(String::new()),
                c => {
                    if let Some(part) = parts.last_mut() {
                        part.push(*c);
                    }
                }
            }
            index += 1;
        }
        let marker = parts[0].trim().to_owned();
        if marker.is_empty() {
            self.error(start, SourceProblem::EmptyMarker);
            return None;
        }
        // A marker must show all it holds: an invisible character in it (a zero-width space, a
        // byte order mark) could make two markers look alike.
        if let Some(hidden) = marker.chars().find(|c| crate::escape::is_hidden(*c)) {
            self.error(
                start,
                SourceProblem::InvisibleInMarker {
                    code: format!("U+{:04X}", u32::from(hidden)),
                },
            );
            return None;
        }
        let mut values = std::collections::BTreeMap::new();
        for part in &parts[1..] {
            let Some((key, value)) = split_key(part.trim()) else {
                self.error(
                    start,
                    SourceProblem::NotAttribute {
                        found: part.trim().to_owned(),
                        known,
                    },
                );
                return None;
            };
            if !known.contains(&key) {
                self.error(
                    start,
                    SourceProblem::UnknownAttribute {
                        key: key.to_owned(),
                        known,
                    },
                );
                return None;
            }
            if value.is_empty() {
                self.error(
                    start,
                    SourceProblem::EmptyAttribute {
                        key: key.to_owned(),
                    },
                );
                return None;
            }
            if values.insert(key.to_owned(), value.to_owned()).is_some() {
                self.error(
                    start,
                    SourceProblem::AttributeTwice {
                        key: key.to_owned(),
                    },
                );
                return None;
            }
        }
        Some(Attributes { marker, values })
    }
}

pub(super) struct Attributes {
    pub(super) marker: String,
    pub(super) values: std::collections::BTreeMap<String, String>,
}
