//! The front matter of a source: the `key: value` lines between the opening and closing `---`,
//! read into a title, a letter date, the addressee, issuers and source fields, with an error for
//! every unknown, repeated, empty or unreadable field.
//!
//! The letter's head — `title:`, `addressee:`, each `issuer:` and `caption:` — is inline text
//! like the body, so a mask or a link may sit there (`issuer: {{●●●● | label: 社名}}株式会社`).
//! Those values are read after the other fields, in reading order (caption, addressee, issuer
//! lines, title), so that masks and links are numbered as the reader meets them.

use super::{Located, Parser, Position, SourceProblem, parse_written_date, split_key};
use crate::document::{Inline, LetterDate, Source};

pub(super) struct FrontMatter {
    pub(super) title: Vec<Inline>,
    pub(super) date: Option<LetterDate>,
    pub(super) addressee: Option<Vec<Inline>>,
    pub(super) issuer: Vec<Vec<Inline>>,
    pub(super) source: Option<Source>,
}

/// A head value as written, with where its first character is.
type HeadValue = (String, Position);

impl Parser<'_> {
    /// Parses the front matter; returns it (if usable) and the index of the first body line.
    pub(super) fn front_matter(&mut self, lines: &[&str]) -> (Option<FrontMatter>, usize) {
        let first = lines
            .iter()
            .position(|line| !line.trim().is_empty())
            .unwrap_or(0);
        let at = |index: usize| Position {
            line: index + 1,
            column: 1,
        };
        if lines.get(first).map(|line| line.trim_end()) != Some("---") {
            self.error(at(first), SourceProblem::NoFrontMatter);
            return (None, lines.len());
        }
        let Some(end) = lines
            .iter()
            .enumerate()
            .skip(first + 1)
            .find(|(_, line)| line.trim_end() == "---")
            .map(|(index, _)| index)
        else {
            self.error(at(first), SourceProblem::FrontMatterNotClosed);
            return (None, lines.len());
        };
        self.map.front_matter_end = at(end);

        let mut title: Option<HeadValue> = None;
        let mut date_text: Option<(String, Position)> = None;
        let mut date_iso: Option<(String, Position)> = None;
        let mut addressee: Option<HeadValue> = None;
        let mut issuer: Vec<HeadValue> = Vec::new();
        let mut caption: Option<HeadValue> = None;
        let mut source = Source {
            publisher: None,
            url: None,
            retrieved: None,
            caption: None,
        };
        for (index, raw) in lines.iter().enumerate().take(end).skip(first + 1) {
            let position = at(index);
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            let Some((key, value)) = split_key(line) else {
                self.error(
                    position,
                    SourceProblem::NotKeyValue {
                        line: line.to_owned(),
                    },
                );
                continue;
            };
            if value.is_empty() {
                self.error(
                    position,
                    SourceProblem::EmptyValue {
                        key: key.to_owned(),
                    },
                );
                continue;
            }
            // Where the value starts in the line, for masks and links in the head.
            let value_offset = value.as_ptr() as usize - raw.as_ptr() as usize;
            let value_at = Position {
                line: index + 1,
                column: raw[..value_offset].chars().count() + 1,
            };
            let head = (value.to_owned(), value_at);
            let value = value.to_owned();
            let head_slot = match key {
                "title" => {
                    self.map.title = Some(position);
                    Some(&mut title)
                }
                "addressee" => {
                    self.map.addressee = Some(position);
                    Some(&mut addressee)
                }
                "caption" => Some(&mut caption),
                _ => None,
            };
            if let Some(slot) = head_slot {
                if slot.is_some() {
                    self.key_twice(position, key);
                }
                *slot = Some(head);
                continue;
            }
            let slot = match key {
                "date" => {
                    if date_text.is_some() {
                        self.error(
                            position,
                            SourceProblem::KeyTwice {
                                key: "date".into(),
                                only_issuer_repeats: false,
                            },
                        );
                    }
                    self.map.date = Some(position);
                    self.no_control_in_line(&value, value_at);
                    date_text = Some((value, position));
                    continue;
                }
                "date-iso" => {
                    if date_iso.is_some() {
                        self.error(
                            position,
                            SourceProblem::KeyTwice {
                                key: "date-iso".into(),
                                only_issuer_repeats: false,
                            },
                        );
                    }
                    date_iso = Some((value, position));
                    continue;
                }
                "issuer" => {
                    self.map.issuer.get_or_insert(position);
                    issuer.push(head);
                    continue;
                }
                "publisher" => &mut source.publisher,
                "url" => &mut source.url,
                "retrieved" => &mut source.retrieved,
                other => {
                    self.error(
                        position,
                        SourceProblem::UnknownKey {
                            key: other.to_owned(),
                        },
                    );
                    continue;
                }
            };
            if slot.is_some() {
                self.key_twice(position, key);
            }
            *slot = Some(value);
        }
        if let Some(retrieved) = &source.retrieved
            && jiff::civil::Date::strptime("%Y-%m-%d", retrieved).is_err()
        {
            self.error(
                at(end),
                SourceProblem::BadRetrieved {
                    value: retrieved.clone(),
                },
            );
        }
        let date = self.letter_date(date_text, date_iso.as_ref(), at(end));
        // The head, in reading order.
        source.caption = caption.map(|value| self.head_runs(&value));
        let addressee = addressee.map(|value| self.head_runs(&value));
        let issuer = issuer.iter().map(|value| self.head_runs(value)).collect();
        let Some(title) = title.map(|value| self.head_runs(&value)) else {
            self.error(at(end), SourceProblem::NoTitle);
            return (None, end + 1);
        };
        let has_source = source.publisher.is_some()
            || source.url.is_some()
            || source.retrieved.is_some()
            || source.caption.is_some();
        let front = FrontMatter {
            title,
            date,
            addressee,
            issuer,
            source: has_source.then_some(source),
        };
        (Some(front), end + 1)
    }

    /// `key:` given a second time (only `issuer:` may repeat).
    fn key_twice(&mut self, position: Position, key: &str) {
        self.error(
            position,
            SourceProblem::KeyTwice {
                key: key.to_owned(),
                only_issuer_repeats: true,
            },
        );
    }

    /// A head value read as inline text, masks and links recorded where they stand.
    fn head_runs(&mut self, (value, at): &HeadValue) -> Vec<Inline> {
        self.no_control_in_line(value, *at);
        let chars = value.chars().count();
        if chars > crate::bundle::limits::MAX_HEAD_LINE_CHARS {
            self.error(*at, SourceProblem::HeadLineTooLong { chars });
        }
        let located: Vec<Located> = value
            .chars()
            .enumerate()
            .map(|(index, c)| {
                (
                    c,
                    Position {
                        line: at.line,
                        column: at.column + index,
                    },
                )
            })
            .collect();
        self.inlines(&located)
    }

    fn letter_date(
        &mut self,
        text: Option<(String, Position)>,
        iso: Option<&(String, Position)>,
        end: Position,
    ) -> Option<LetterDate> {
        let explicit = match iso {
            Some((value, position)) => {
                if jiff::civil::Date::strptime("%Y-%m-%d", value).is_ok() && value.len() == 10 {
                    Some(value.clone())
                } else {
                    self.error(
                        *position,
                        SourceProblem::BadDateIso {
                            value: value.clone(),
                        },
                    );
                    return None;
                }
            }
            None => None,
        };
        let Some((text, position)) = text else {
            if iso.is_some() {
                self.error(end, SourceProblem::DateIsoWithoutDate);
            }
            return None;
        };
        let derived = parse_written_date(&text);
        match (explicit, derived) {
            (Some(explicit), Some(derived)) if explicit != derived => {
                self.error(
                    position,
                    SourceProblem::DatesDisagree {
                        text: text.clone(),
                        derived,
                        explicit,
                    },
                );
                None
            }
            (Some(iso), _) | (None, Some(iso)) => Some(LetterDate { iso, text }),
            (None, None) => {
                self.error(position, SourceProblem::UnreadableDate { text });
                None
            }
        }
    }
}
