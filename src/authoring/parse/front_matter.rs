//! The front matter of a source: the `key: value` lines between the opening and closing `---`,
//! read into a title, a letter date, the addressee, issuers and source fields, with an error for
//! every unknown, repeated, empty or unreadable field.

use super::{Parser, Position, SourceProblem, parse_written_date, split_key};
use crate::document::{LetterDate, Source};

pub(super) struct FrontMatter {
    pub(super) title: String,
    pub(super) date: Option<LetterDate>,
    pub(super) addressee: Option<String>,
    pub(super) issuer: Vec<String>,
    pub(super) source: Option<Source>,
}

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

        let mut title = None;
        let mut date_text: Option<(String, Position)> = None;
        let mut date_iso: Option<(String, Position)> = None;
        let mut addressee = None;
        let mut issuer = Vec::new();
        let mut source = Source {
            publisher: None,
            url: None,
            retrieved: None,
            caption: None,
        };
        for (index, line) in lines.iter().enumerate().take(end).skip(first + 1) {
            let position = at(index);
            let line = line.trim();
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
            let value = value.to_owned();
            let slot = match key {
                "title" => {
                    self.map.title = Some(position);
                    &mut title
                }
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
                "addressee" => {
                    self.map.addressee = Some(position);
                    &mut addressee
                }
                "issuer" => {
                    self.map.issuer.get_or_insert(position);
                    issuer.push(value);
                    continue;
                }
                "publisher" => &mut source.publisher,
                "url" => &mut source.url,
                "retrieved" => &mut source.retrieved,
                "caption" => &mut source.caption,
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
                self.error(
                    position,
                    SourceProblem::KeyTwice {
                        key: key.to_owned(),
                        only_issuer_repeats: true,
                    },
                );
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
        let Some(title) = title else {
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
