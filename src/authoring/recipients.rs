//! The client list for sending one notice to many clients: a small CSV file with a header row
//! naming a `recipient` column (the client's name as the bundle will address it) and an
//! optional `id` column (a short ASCII name for the bundle id and file name).
//!
//! Each row is parsed on its own, so one bad row is reported without stopping the rest.

use sha2::Digest as _;

/// One good row of the client list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientRow {
    /// The 1-based line of the row in the file.
    pub line: usize,
    /// The client's name, as the manifest's recipient.
    pub recipient: String,
    /// The short name for the bundle id and file name, if the row gives one.
    pub id: Option<String>,
}

/// Why a row (or the whole list) cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct RecipientRowError {
    /// The 1-based line in the file (1 for a problem with the header).
    pub line: usize,
    /// What is wrong.
    pub problem: RowProblem,
}

/// What is wrong with a line of a client list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    /// The file holds no line at all.
    #[error("the client list is empty; its first line must be a header such as `recipient,id`")]
    EmptyList,
    /// A header and no client under it.
    #[error("the client list has a header but no clients; list one client per line under it")]
    NoClients,
    /// The header names no `recipient` column.
    #[error(
        "the header {header:?} has no `recipient` column; write a first line such as `recipient,id`"
    )]
    NoRecipientColumn {
        /// The header's fields.
        header: Vec<String>,
    },
    /// A quoted field is never closed.
    #[error("a quoted field is never closed")]
    UnclosedQuote,
    /// A `"` in the middle of an unquoted field.
    #[error("a stray `\"` inside a field")]
    StrayQuote,
    /// Not as many fields as the header.
    #[error("has {found} fields, the header has {expected}")]
    FieldCount {
        /// Fields on this line.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// The recipient field is empty.
    #[error("the recipient is empty")]
    EmptyRecipient,
    /// An `id` with characters a bundle id cannot hold, or too long.
    #[error(
        "the id {id:?} may only use ASCII letters, digits, `.`, `_` and `-`, must start with a letter or digit, and may be at most 64 long"
    )]
    BadId {
        /// The id.
        id: String,
    },
    /// An `id` an earlier row already uses (letter case aside: on Windows and macOS file names
    /// that differ only in case name the same file).
    #[error("the id {id:?} is used by an earlier row")]
    RepeatedId {
        /// The id.
        id: String,
    },
    /// A row without an `id` whose bundle would get the same file name as an earlier row's
    /// (the same recipient twice, or an earlier `id` equal to the name made from this one).
    #[error(
        "its bundle would be named like an earlier row's (…-{id}.kairan); give this row an `id` of its own"
    )]
    SameFileName {
        /// The id made from the recipient.
        id: String,
    },
}

/// Parses a client list. The outer `Err` is for a list without a usable header; each row is
/// then `Ok` or its own `Err` (wrong number of fields, empty recipient, an `id` with
/// characters other than ASCII letters, digits, `.`, `_`, `-`, or a repeated `id`).
///
/// Fails when the first line does not name a `recipient` column.
pub fn parse_recipients(
    text: &str,
) -> Result<Vec<Result<RecipientRow, RecipientRowError>>, RecipientRowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = records(text).into_iter();
    let header = match records.next() {
        Some((_, Ok(fields))) => fields,
        Some((line, Err(problem))) => return Err(RecipientRowError { line, problem }),
        None => {
            return Err(RecipientRowError {
                line: 1,
                problem: RowProblem::EmptyList,
            });
        }
    };
    let column = |name: &str| header.iter().position(|field| field.trim() == name);
    let Some(recipient_column) = column("recipient") else {
        return Err(RecipientRowError {
            line: 1,
            problem: RowProblem::NoRecipientColumn { header },
        });
    };
    let id_column = column("id");
    let mut seen_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for (line, record) in records {
        let row = record.and_then(|fields| {
            if fields.len() != header.len() {
                return Err(RowProblem::FieldCount {
                    found: fields.len(),
                    expected: header.len(),
                });
            }
            let recipient = fields[recipient_column].trim().to_owned();
            if recipient.is_empty() {
                return Err(RowProblem::EmptyRecipient);
            }
            let id = id_column
                .map(|index| fields[index].trim().to_owned())
                .filter(|id| !id.is_empty());
            if let Some(id) = &id
                && (id.len() > 64
                    || !id.starts_with(|c: char| c.is_ascii_alphanumeric())
                    || !id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')))
            {
                return Err(RowProblem::BadId { id: id.clone() });
            }
            // Two rows must never write the same file: compared as a case-insensitive disk
            // would compare their names.
            let file_id = row_file_id(&recipient, id.as_deref());
            if !seen_ids.insert(file_id.to_ascii_lowercase()) {
                return Err(match &id {
                    Some(id) => RowProblem::RepeatedId { id: id.clone() },
                    None => RowProblem::SameFileName { id: file_id },
                });
            }
            Ok(RecipientRow {
                line,
                recipient,
                id,
            })
        });
        rows.push(row.map_err(|problem| RecipientRowError { line, problem }));
    }
    if rows.is_empty() {
        return Err(RecipientRowError {
            line: 2,
            problem: RowProblem::NoClients,
        });
    }
    Ok(rows)
}

/// The bundle id for one client: `BASE-ID` with the row's id, or `BASE-` and the first twelve
/// hex digits of the SHA-256 of the recipient's name, so the same list always gives the same
/// ids.
pub fn recipient_bundle_id(base: &str, row: &RecipientRow) -> String {
    format!("{base}-{}", row_file_id(&row.recipient, row.id.as_deref()))
}

/// What follows the base in a client's bundle id and file name: the row's `id`, or the first
/// twelve hex digits of the SHA-256 of the recipient's name.
fn row_file_id(recipient: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => id.to_owned(),
        None => {
            let digest = sha2::Sha256::digest(recipient.as_bytes());
            digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
        }
    }
}

/// Splits CSV text into records (RFC 4180 quoting); blank lines are skipped.
fn records(text: &str) -> Vec<(usize, Result<Vec<String>, RowProblem>)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        let mut problem = None;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    problem = Some(RowProblem::UnclosedQuote);
                }
                break;
            };
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                ('"', true) => quoted = false,
                ('"', false) if field.is_empty() && !was_quoted => {
                    quoted = true;
                    was_quoted = true;
                }
                ('"', false) => {
                    problem.get_or_insert(RowProblem::StrayQuote);
                }
                (',', false) => {
                    fields.push(std::mem::take(&mut field));
                    was_quoted = false;
                }
                ('\r', false) => {}
                ('\n', false) => {
                    line += 1;
                    break;
                }
                ('\n', true) => {
                    line += 1;
                    field.push('\n');
                }
                (c, _) => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() == 1 && fields[0].trim().is_empty() && problem.is_none() {
            continue;
        }
        out.push((start, problem.map_or(Ok(fields), Err)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_parsed_and_bad_rows_reported_without_stopping() {
        let rows = parse_recipients(
            "recipient,id\n株式会社A,a\n\"株式会社B, 本社\",b\n,c\n株式会社D,a\n株式会社E,\n株式会社F,f,x\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0].as_ref().unwrap().recipient, "株式会社A");
        assert_eq!(rows[1].as_ref().unwrap().recipient, "株式会社B, 本社");
        assert_eq!(
            rows[2].as_ref().unwrap_err().problem,
            RowProblem::EmptyRecipient
        );
        assert_eq!(
            rows[3].as_ref().unwrap_err().problem,
            RowProblem::RepeatedId { id: "a".into() }
        );
        assert_eq!(rows[4].as_ref().unwrap().id, None);
        assert_eq!(rows[5].as_ref().unwrap_err().line, 7);
    }

    #[test]
    fn bundle_ids_are_derived_deterministically() {
        let row = RecipientRow {
            line: 2,
            recipient: "株式会社A".into(),
            id: None,
        };
        let id = recipient_bundle_id("notice", &row);
        assert_eq!(id, recipient_bundle_id("notice", &row.clone()));
        assert_eq!(id.len(), "notice-".len() + 12);
        let other = RecipientRow {
            recipient: "株式会社B".into(),
            ..row
        };
        assert_ne!(id, recipient_bundle_id("notice", &other));
    }

    #[test]
    fn no_two_rows_can_write_the_same_file() {
        let made = row_file_id("Empty", None);
        let rows = parse_recipients(&format!(
            "recipient,id\nEmpty,\nOther,{made}\nSame,\nSame,\nUpper,C1\nLower,c1\nDots,..\n"
        ))
        .unwrap();
        let problems: Vec<Option<RowProblem>> = rows
            .iter()
            .map(|row| row.as_ref().err().map(|error| error.problem.clone()))
            .collect();
        assert_eq!(
            problems,
            vec![
                None,
                Some(RowProblem::RepeatedId { id: made }),
                None,
                Some(RowProblem::SameFileName {
                    id: row_file_id("Same", None)
                }),
                None,
                Some(RowProblem::RepeatedId { id: "c1".into() }),
                Some(RowProblem::BadId { id: "..".into() }),
            ]
        );
    }

    #[test]
    fn a_list_without_a_recipient_column_is_refused() {
        assert!(parse_recipients("name,id\nA,a\n").is_err());
        assert!(parse_recipients("").is_err());
        assert_eq!(
            parse_recipients("recipient,id\n\n").unwrap_err().problem,
            RowProblem::NoClients
        );
    }
}
