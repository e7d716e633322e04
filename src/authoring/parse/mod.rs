//! Parsing one authoring source into a [`Document`] plus a [`SourceMap`] that remembers where
//! each part came from, so that errors and pre-send findings can name a line and column.
//!
//! The parser collects every error it can find instead of stopping at the first, and never
//! panics on any input.
//!
//! One `Parser` reads a source in layers, one file each: `front_matter` (the fields between
//! the `---` lines, with `written_date` for the letter's date), `body` (line by line: headings,
//! paragraphs, lists, centred lines, the closing, omissions) and `inline` (escapes, masks and
//! links inside a line). `attributes` reads the `marker | key: value` syntax that masks and
//! omissions share; `error` says what can be wrong.

mod attributes;
mod body;
mod error;
mod front_matter;
mod inline;
mod written_date;

pub(crate) use body::{is_east_asian, omission_kind_of};
pub use error::{FRONT_KEY_LIST, SourceError, SourceProblem};
pub(crate) use written_date::half_width_digit;
pub(crate) use written_date::parse_english_date;
pub use written_date::parse_written_date;

use crate::document::Document;

/// At most this many errors are reported for one file; after that the rest are noise.
const MAX_ERRORS: usize = 50;

/// A place in a source file: 1-based line and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters (not bytes), from 1.
    pub column: usize,
}

/// Where the parts of a compiled document sit in its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// The `title:` line.
    pub title: Option<Position>,
    /// The `date:` line.
    pub date: Option<Position>,
    /// The `addressee:` line.
    pub addressee: Option<Position>,
    /// The first `issuer:` line.
    pub issuer: Option<Position>,
    /// The end of the front matter, where missing fields would go.
    pub front_matter_end: Position,
    /// One position per body block, in order (for omissions: the `[[`).
    pub blocks: Vec<Position>,
    /// One position per masked field, in reading order (the `{{`).
    pub masks: Vec<Position>,
    /// One position per link, in reading order (the `[`).
    pub links: Vec<Position>,
}

/// A parsed source: the document and where its parts came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedNotice {
    /// The document. Links to other documents hold the name as written (`doc:NAME`), or an
    /// empty path for `doc:#heading`; [`super::LinkTable`] resolves them to bundle paths.
    pub document: Document,
    /// Where its parts are in the source.
    pub map: SourceMap,
}

/// Parses an authoring source. `file` names the source in error messages.
///
/// Fails with every error found (up to a limit): missing or malformed front matter, unknown
/// keys, an unreadable date, headings without an `{#id}`, duplicate ids, unclosed `{{`/`[[`,
/// unknown attributes, unknown link schemes, a closing that is not the last line.
pub fn parse_notice(text: &str, file: &str) -> Result<ParsedNotice, Vec<SourceError>> {
    let mut parser = Parser {
        file,
        errors: Vec::new(),
        map: SourceMap::default(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    let (front, body_start) = parser.front_matter(&lines);
    let body_lines = lines.get(body_start..).unwrap_or(&[]);
    let (body, closing) = parser.body(body_lines, body_start);
    if !parser.errors.is_empty() {
        // In the order of the file (the head's values are read after the other fields).
        parser
            .errors
            .sort_by_key(|error| (error.line, error.column));
        parser.errors.truncate(MAX_ERRORS);
        return Err(parser.errors);
    }
    let Some(front) = front else {
        return Err(parser.errors);
    };
    let document = Document {
        date: front.date,
        addressee: front.addressee,
        issuer: front.issuer,
        title: front.title,
        source: front.source,
        body,
        closing,
    };
    Ok(ParsedNotice {
        document,
        map: parser.map,
    })
}

/// One parse under way: the file name for messages, the errors so far, the map being filled.
/// Its methods live beside the part of the source they read.
struct Parser<'a> {
    file: &'a str,
    errors: Vec<SourceError>,
    map: SourceMap,
}

/// A character of the body with where it came from.
type Located = (char, Position);

impl Parser<'_> {
    fn error(&mut self, at: Position, problem: SourceProblem) {
        if self.errors.len() <= MAX_ERRORS {
            self.errors.push(SourceError {
                file: self.file.to_owned(),
                line: at.line,
                column: at.column.max(1),
                problem,
            });
        }
    }
}

/// Characters that a backslash escapes: ASCII punctuation and the full-width bar.
impl Parser<'_> {
    /// Reports a control character (other than a tab) in a line of the letter's head (a
    /// front-matter value, the closing), which a reader would draw as a line break the
    /// letter does not have.
    fn no_control_in_line(&mut self, value: &str, at: Position) {
        if let Some((index, c)) = value
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && *c != '\t')
        {
            let at = Position {
                line: at.line,
                column: at.column + index,
            };
            self.error(
                at,
                SourceProblem::ControlInHead {
                    code: format!("U+{:04X}", u32::from(c)),
                },
            );
        }
    }
}

pub(crate) fn escapable(c: char) -> bool {
    c.is_ascii_punctuation() || c == '｜'
}

/// Splits `key: value` (ASCII or full-width colon) into a lower-case key and a trimmed value.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let (key, value) = match (text.find(':'), text.find('：')) {
        (Some(a), Some(b)) if b < a => (&text[..b], &text[b + '：'.len_utf8()..]),
        (Some(a), _) => (&text[..a], &text[a + 1..]),
        (None, Some(b)) => (&text[..b], &text[b + '：'.len_utf8()..]),
        (None, None) => return None,
    };
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
    {
        return None;
    }
    Some((key, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Inline, LinkTarget, Mask, Omission, OmissionKind, WithheldBy};

    fn parse(body: &str) -> Result<ParsedNotice, Vec<SourceError>> {
        parse_notice(
            &format!("---\ntitle: 報告\ndate: 2023年6月28日\n---\n{body}"),
            "t.notice.md",
        )
    }

    #[test]
    fn masks_take_marker_label_reason_and_who() {
        let parsed =
            parse("{{■■■■ | label: サーバ名 | reason: 厳秘 | by: author}}サーバ\n").unwrap();
        let Block::Paragraph { content } = &parsed.document.body[0] else {
            panic!("not a paragraph")
        };
        assert_eq!(
            content[0],
            Inline::Mask(Mask {
                marker: "■■■■".into(),
                label: Some("サーバ名".into()),
                reason: Some("厳秘".into()),
                masked_by: WithheldBy::Author,
            })
        );
        assert_eq!(content[1], Inline::text("サーバ"));
        assert_eq!(parsed.map.masks, vec![Position { line: 5, column: 1 }]);
    }

    #[test]
    fn full_width_bar_and_colon_separate_attributes() {
        let parsed = parse("{{■■ ｜ reason：社内情報 ｜ by：forwarder}}\n").unwrap();
        let Block::Paragraph { content } = &parsed.document.body[0] else {
            panic!("not a paragraph")
        };
        let Inline::Mask(mask) = &content[0] else {
            panic!("not a mask")
        };
        assert_eq!(mask.reason.as_deref(), Some("社内情報"));
        assert_eq!(mask.masked_by, WithheldBy::Forwarder);
    }

    #[test]
    fn omissions_infer_their_kind_and_sit_under_the_last_heading() {
        let parsed = parse("## 1. 概要 {#s1}\n\n[[—中略— | by: forwarder]]\n").unwrap();
        assert_eq!(
            parsed.document.body[1],
            Block::Omission(Omission {
                kind: OmissionKind::Middle,
                marker: "—中略—".into(),
                reason: None,
                omitted_by: WithheldBy::Forwarder,
                under_heading: Some("s1".into()),
            })
        );
    }

    #[test]
    fn paragraph_lines_join_without_a_space_between_japanese_and_with_one_between_latin() {
        let parsed = parse("日本語の\n文章 and\nEnglish\n").unwrap();
        assert_eq!(
            parsed.document.body[0],
            Block::Paragraph {
                content: vec![Inline::text("日本語の文章 and English")]
            }
        );
    }

    #[test]
    fn links_point_at_documents_headings_and_addresses() {
        let parsed =
            parse("[報告](doc:report#s6)と[ここ](doc:#s1)と[外](https://example.jp/a_(b))\n")
                .unwrap();
        let links: Vec<_> = parsed
            .document
            .links()
            .map(|(target, _)| target.clone())
            .collect();
        assert_eq!(
            links,
            vec![
                LinkTarget::Document {
                    path: "report".into(),
                    heading: Some("s6".into())
                },
                LinkTarget::Document {
                    path: String::new(),
                    heading: Some("s1".into())
                },
                LinkTarget::External {
                    url: "https://example.jp/a_(b)".into()
                },
            ]
        );
    }

    #[test]
    fn escapes_keep_syntax_characters_literal() {
        let parsed = parse("\\## 見出しではない \\{{x\\}} \\[a](b)\n").unwrap();
        assert_eq!(
            parsed.document.body[0],
            Block::Paragraph {
                content: vec![Inline::text("## 見出しではない {{x}} [a](b)")]
            }
        );
    }

    #[test]
    fn the_closing_must_be_the_last_line() {
        let errors = parse("-> 以上\n\n本文\n").unwrap_err();
        assert!(
            errors[0].problem.to_string().contains("last line"),
            "{errors:?}"
        );
        let parsed = parse("本文\n\n-> 以上\n").unwrap();
        assert_eq!(parsed.document.closing.as_deref(), Some("以上"));
    }

    #[test]
    fn errors_come_in_the_order_of_the_file() {
        // The head's values are read after the other fields, title last.
        let errors = parse_notice(
            "---\ntitle: {{■■\naddressee: {{■■\n---\n\n本文\n",
            "n.notice.md",
        )
        .unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|error| error.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let errors = parse("本文{{■■ | colour: red}}\n\n## 見出し\n").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (5, 3));
        assert!(
            errors[0]
                .problem
                .to_string()
                .contains("unknown key `colour`")
        );
        assert_eq!(errors[1].line, 7);
        assert!(
            errors[1]
                .to_string()
                .starts_with("t.notice.md:7:1: a heading needs an id")
        );
    }

    #[test]
    fn missing_front_matter_is_explained() {
        let errors = parse_notice("本文だけ\n", "x").unwrap_err();
        assert!(errors[0].problem.to_string().contains("front matter"));
    }

    #[test]
    fn hostile_input_never_panics() {
        for text in [
            "",
            "---",
            "---\n---",
            "---\ntitle: a\n---\n{{",
            "---\ntitle: a\n---\n[[]]",
            "---\ntitle: a\n---\n[a](",
            "---\ntitle: a\n---\n## {#}",
            "---\ntitle: a\n---\n->",
            "---\ntitle: a\n---\n-> <-",
            "---\ntitle: a\n---\n[[\\]]",
            "---\ntitle: a\n---\n{{\\}}",
        ] {
            let _ = parse_notice(text, "x");
        }
    }
}
