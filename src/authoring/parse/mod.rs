//! Parsing one authoring source into a [`Document`] plus a [`SourceMap`] that remembers where
//! each part came from, so that errors and pre-send findings can name a line and column.
//!
//! The parser collects every error it can find instead of stopping at the first, and never
//! panics on any input.

use crate::document::{
    Block, DOCUMENT_FORMAT, DOCUMENT_FORMAT_VERSION, Document, Inline, LetterDate, LinkTarget,
    Mask, Omission, OmissionKind, Source, WithheldBy,
};

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

/// A mistake in a source file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {problem}")]
pub struct SourceError {
    /// The file, as named in `bundle.json` (or as given to the parser).
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// What is wrong; its `Display` says how to fix it, in English.
    pub problem: SourceProblem,
}

/// The front-matter keys, as the messages list them.
pub const FRONT_KEY_LIST: &str =
    "title, date, date-iso, addressee, issuer, publisher, url, retrieved, caption";

/// What is wrong in a source file, with the values the message names. The English message is
/// the `Display`; other languages render the same values in their own words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceProblem {
    /// The text does not start with `---`.
    #[error(
        "a notice source starts with its front matter: a line `---`, then `title: …`, `date: …` \
         and the other fields, then `---` again"
    )]
    NoFrontMatter,
    /// No closing `---`.
    #[error("the front matter is not closed: add a line `---` after its last field")]
    FrontMatterNotClosed,
    /// A front-matter line without `key: value`.
    #[error(
        "expected `key: value` in the front matter, found {line:?}; keys are {FRONT_KEY_LIST}, \
         (see docs/authoring.md)"
    )]
    NotKeyValue {
        /// The line.
        line: String,
    },
    /// A front-matter key without a value.
    #[error("`{key}:` has no value; fill it in or remove the line")]
    EmptyValue {
        /// The key.
        key: String,
    },
    /// A front-matter key given twice.
    #[error("`{key}:` is given twice; keep one{}", if *.only_issuer_repeats { " (only `issuer:` may repeat)" } else { "" })]
    KeyTwice {
        /// The key.
        key: String,
        /// Whether the message adds that only `issuer:` may repeat.
        only_issuer_repeats: bool,
    },
    /// An unknown front-matter key.
    #[error("unknown front-matter key `{key}`; keys are {FRONT_KEY_LIST}, (see docs/authoring.md)")]
    UnknownKey {
        /// The key.
        key: String,
    },
    /// `retrieved:` is not a date.
    #[error("`retrieved: {value}` is not a date; write it as YYYY-MM-DD")]
    BadRetrieved {
        /// The value.
        value: String,
    },
    /// No `title:`.
    #[error("the front matter has no `title:`; add the letter's title")]
    NoTitle,
    /// `date-iso:` is not a date.
    #[error("`date-iso: {value}` is not a date; write it as YYYY-MM-DD")]
    BadDateIso {
        /// The value.
        value: String,
    },
    /// `date-iso:` without `date:`.
    #[error("`date-iso:` needs a `date:` with the date as the letter writes it")]
    DateIsoWithoutDate,
    /// `date:` and `date-iso:` disagree.
    #[error("`date: {text}` reads as {derived}, but `date-iso:` says {explicit}")]
    DatesDisagree {
        /// The written date.
        text: String,
        /// What it reads as.
        derived: String,
        /// What `date-iso:` says.
        explicit: String,
    },
    /// A written date that cannot be read.
    #[error(
        "cannot read the date {text:?}; write it like 2023年6月29日, 令和5年6月29日 or \
         2023-06-29, or add `date-iso: YYYY-MM-DD`"
    )]
    UnreadableDate {
        /// The written date.
        text: String,
    },
    /// A closing line that is not the last line.
    #[error(
        "a right-aligned line `-> …` is the closing (以上) and must be the letter's last line; \
         write `-> … <-` for a centred line"
    )]
    ClosingNotLast,
    /// `- ` with nothing after it.
    #[error("an empty list item; write text after `- `")]
    EmptyListItem,
    /// `-> <-` with nothing between.
    #[error("an empty centred line; write text between -> and <-")]
    EmptyCentredLine,
    /// Masks or links in the closing.
    #[error("the closing (`-> 以上`) is plain text: no masks or links")]
    MarkupInClosing,
    /// An omission under a heading id that does not exist.
    #[error("an omission says `under: {id}`, but no heading has the id {id:?}")]
    UnknownUnder {
        /// The id.
        id: String,
    },
    /// A `# ` heading.
    #[error(
        "`# ` is not used: the title goes in the front matter; write `## ` for a section heading \
         and `### ` for a subsection"
    )]
    TitleHeading,
    /// `####` or deeper.
    #[error("headings have two levels: `## ` for a section, `### ` for a subsection")]
    HeadingLevel,
    /// A heading without `{#id}`.
    #[error("a heading needs an id for links at its end, like `## 1. 発生事象 {{#s1}}`")]
    HeadingWithoutId,
    /// A heading id with other characters.
    #[error("heading id {id:?} may only use ASCII letters, digits, `-` and `_` (like s1)")]
    BadHeadingId {
        /// The id.
        id: String,
    },
    /// Two headings with one id.
    #[error("two headings share the id {id:?}; ids must be unique")]
    DuplicateHeadingId {
        /// The id.
        id: String,
    },
    /// A heading that is only its id.
    #[error("the heading has no text before its {{#id}}")]
    HeadingWithoutText,
    /// `kind:` with an unknown value.
    #[error("unknown omission kind {kind:?}; use section, middle, rest or unspecified")]
    UnknownOmissionKind {
        /// The value.
        kind: String,
    },
    /// An omission whose marker does not tell its kind.
    #[error(
        "cannot tell what kind of omission {marker:?} is; add `| kind: section` (or middle, \
         rest, unspecified)"
    )]
    OmissionKindUnclear {
        /// The marker.
        marker: String,
    },
    /// `by:` with an unknown value.
    #[error(
        "`by: {value}` is not known; use author (the letter's writer), forwarder (whoever passes \
         it on) or not_stated"
    )]
    UnknownBy {
        /// The value.
        value: String,
    },
    /// A mask or omission with an empty marker.
    #[error("the marker is empty: write what readers see first, like {{{{■■■■}}}} or [[—省略—]]")]
    EmptyMarker,
    /// An attribute without `key: value`.
    #[error("expected `key: value` after `|`, found {found:?}; keys here are {}", .known.join(", "))]
    NotAttribute {
        /// What was found.
        found: String,
        /// The keys allowed here.
        known: &'static [&'static str],
    },
    /// An unknown attribute.
    #[error("unknown key `{key}`; keys here are {}", .known.join(", "))]
    UnknownAttribute {
        /// The key.
        key: String,
        /// The keys allowed here.
        known: &'static [&'static str],
    },
    /// An attribute without a value.
    #[error("`{key}:` has no value; fill it in or remove it")]
    EmptyAttribute {
        /// The key.
        key: String,
    },
    /// An attribute given twice.
    #[error("`{key}:` is given twice")]
    AttributeTwice {
        /// The key.
        key: String,
    },
    /// `{{` never closed.
    #[error(
        "`{{{{` opens a mask that is never closed; end it with `}}}}` (or write `\\{{` for a literal brace)"
    )]
    UnclosedMask,
    /// `{{` not closed before the next `{{`.
    #[error("`{{{{` opens a mask that is never closed before the next `{{{{`; end it with `}}}}`")]
    MaskNotClosedBeforeNext,
    /// `}}` without `{{`.
    #[error("`}}}}` without a matching `{{{{`; write `\\}}` for a literal brace")]
    UnmatchedMaskClose,
    /// A mask inside a link's text.
    #[error("a link's text cannot hold a mask; put the mask outside the link")]
    MaskInLink,
    /// A link with no visible text.
    #[error("a link needs visible text: [text](doc:name)")]
    LinkWithoutText,
    /// `doc:name#` with nothing after `#`.
    #[error("the link target {target:?} has an empty #heading")]
    EmptyLinkHeading {
        /// The target.
        target: String,
    },
    /// `doc:` alone.
    #[error("`doc:` needs a document name or a #heading")]
    EmptyDocLink,
    /// A target that is neither `doc:` nor an allowed address.
    #[error(
        "link target {target:?} is neither `doc:name#heading` nor an https://, http:// or \
         mailto: address"
    )]
    UnknownLinkTarget {
        /// The target.
        target: String,
    },
    /// `bundle.json` could not be read.
    #[error("cannot read the folder's metadata: {reason}")]
    UnreadableMetadata {
        /// What kind of failure.
        kind: std::io::ErrorKind,
        /// The operating system's words.
        reason: String,
    },
    /// `bundle.json` is malformed.
    #[error("{reason}")]
    BadMetadata {
        /// The JSON parser's words.
        reason: String,
    },
    /// A source path that leaves the folder.
    #[error("{path:?} must be a path inside the folder")]
    PathOutsideFolder {
        /// The path.
        path: String,
    },
    /// A name in `bundle.json` that cannot be a path inside a bundle.
    #[error("{path:?} cannot be a name inside a bundle: {problem}")]
    BadPath {
        /// The name.
        path: String,
        /// What is wrong with it.
        problem: crate::bundle::NameProblem,
    },
    /// An attachment given a `source`, which only documents have.
    #[error("{path}: only documents have a \"source\"; attachments are packed as they are")]
    SourceForAttachment {
        /// The entry.
        path: String,
    },
    /// An attachment without a media type.
    #[error("{path}: attachments need a \"media_type\" in bundle.json")]
    MissingMediaType {
        /// The entry.
        path: String,
    },
    /// A source file could not be read.
    #[error("cannot read it: {reason}")]
    UnreadableSource {
        /// What kind of failure.
        kind: std::io::ErrorKind,
        /// The operating system's words.
        reason: String,
    },
    /// A source that is not UTF-8 text.
    #[error("not UTF-8 text ({reason}); save it as UTF-8")]
    NotUtf8 {
        /// Where the bytes stop being UTF-8.
        reason: String,
    },
    /// A JSON document is not a valid Kairan document.
    #[error("{reason}")]
    BadJsonDocument {
        /// The reader's words.
        reason: String,
    },
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
        parser.errors.truncate(MAX_ERRORS);
        return Err(parser.errors);
    }
    let Some(front) = front else {
        return Err(parser.errors);
    };
    let document = Document {
        format: DOCUMENT_FORMAT.to_owned(),
        format_version: DOCUMENT_FORMAT_VERSION,
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

struct FrontMatter {
    title: String,
    date: Option<LetterDate>,
    addressee: Option<String>,
    issuer: Vec<String>,
    source: Option<Source>,
}

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

    /// Parses the front matter; returns it (if usable) and the index of the first body line.
    fn front_matter(&mut self, lines: &[&str]) -> (Option<FrontMatter>, usize) {
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

    /// Parses the body lines; `offset` is the index of the first one in the file.
    fn body(&mut self, lines: &[&str], offset: usize) -> (Vec<Block>, Option<String>) {
        let mut blocks = Vec::new();
        let mut paragraph: Vec<Vec<Located>> = Vec::new();
        let mut list: Vec<Vec<Located>> = Vec::new();
        let mut list_start = Position::default();
        let mut paragraph_start = Position::default();
        let mut closing: Option<(String, Position)> = None;
        let mut heading_ids: Vec<String> = Vec::new();
        let mut current_heading: Option<String> = None;

        for (index, raw) in lines.iter().enumerate() {
            let line_number = offset + index + 1;
            let chars = located(raw, line_number);
            let trimmed = trim_ascii(&chars);
            let kind = classify(trimmed);
            if !matches!(kind, LineKind::Text) && !paragraph.is_empty() {
                let content = self.inlines(&join_lines(&paragraph));
                self.push_block(&mut blocks, Block::Paragraph { content }, paragraph_start);
                paragraph.clear();
            }
            if !matches!(kind, LineKind::ListItem) && !list.is_empty() {
                let items = list.iter().map(|item| self.inlines(item)).collect();
                self.push_block(&mut blocks, Block::List { items }, list_start);
                list.clear();
            }
            if kind != LineKind::Blank
                && let Some((_, at)) = &closing
            {
                let at = *at;
                self.error(at, SourceProblem::ClosingNotLast);
                closing = None;
            }
            let start = trimmed.first().map(|(_, at)| *at).unwrap_or(Position {
                line: line_number,
                column: 1,
            });
            match kind {
                LineKind::Blank => {}
                LineKind::Text => {
                    if paragraph.is_empty() {
                        paragraph_start = start;
                    }
                    paragraph.push(trimmed.to_vec());
                }
                LineKind::ListItem => {
                    if list.is_empty() {
                        list_start = start;
                    }
                    let item = trim_ascii(trimmed.get(2..).unwrap_or(&[]));
                    if item.is_empty() {
                        self.error(start, SourceProblem::EmptyListItem);
                    }
                    list.push(item.to_vec());
                }
                LineKind::Heading(hashes) => {
                    if let Some(block) = self.heading(trimmed, hashes, start, &mut heading_ids) {
                        if let Block::Heading { id, .. } = &block {
                            current_heading = Some(id.clone());
                        }
                        self.push_block(&mut blocks, block, start);
                    }
                }
                LineKind::Centered => {
                    let inner = trim_ascii(&trimmed[2..trimmed.len() - 2]);
                    if inner.is_empty() {
                        self.error(start, SourceProblem::EmptyCentredLine);
                    }
                    let content = self.inlines(inner);
                    self.push_block(&mut blocks, Block::Centered { content }, start);
                }
                LineKind::Closing => {
                    let inner = trim_ascii(&trimmed[2..]);
                    let content = self.inlines(inner);
                    match content.as_slice() {
                        [Inline::Text { text }] => closing = Some((text.clone(), start)),
                        _ => self.error(start, SourceProblem::MarkupInClosing),
                    }
                }
                LineKind::Omission => {
                    let inner = &trimmed[2..trimmed.len() - 2];
                    if let Some(omission) = self.omission(inner, start, current_heading.as_deref())
                    {
                        self.push_block(&mut blocks, Block::Omission(omission), start);
                    }
                }
            }
        }
        if !paragraph.is_empty() {
            let content = self.inlines(&join_lines(&paragraph));
            self.push_block(&mut blocks, Block::Paragraph { content }, paragraph_start);
        }
        if !list.is_empty() {
            let items = list.iter().map(|item| self.inlines(item)).collect();
            self.push_block(&mut blocks, Block::List { items }, list_start);
        }
        for block in &blocks {
            if let Block::Omission(Omission {
                under_heading: Some(id),
                ..
            }) = block
                && !heading_ids.contains(id)
            {
                let at = self.map.front_matter_end;
                self.error(at, SourceProblem::UnknownUnder { id: id.clone() });
            }
        }
        (blocks, closing.map(|(text, _)| text))
    }

    fn push_block(&mut self, blocks: &mut Vec<Block>, block: Block, at: Position) {
        blocks.push(block);
        self.map.blocks.push(at);
    }

    fn heading(
        &mut self,
        line: &[Located],
        hashes: usize,
        start: Position,
        ids: &mut Vec<String>,
    ) -> Option<Block> {
        let level = match hashes {
            2 => 1,
            3 => 2,
            1 => {
                self.error(start, SourceProblem::TitleHeading);
                return None;
            }
            _ => {
                self.error(start, SourceProblem::HeadingLevel);
                return None;
            }
        };
        let rest = trim_ascii(&line[hashes..]);
        let rest = trim_ideographic_start(rest);
        let text: String = rest.iter().map(|(c, _)| c).collect();
        let Some(open) = text.rfind("{#").filter(|_| text.ends_with('}')) else {
            self.error(start, SourceProblem::HeadingWithoutId);
            return None;
        };
        let open_chars = text[..open].chars().count();
        let id: String = text[open + 2..text.len() - 1].to_owned();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            let at = rest.get(open_chars).map(|(_, at)| *at).unwrap_or(start);
            self.error(at, SourceProblem::BadHeadingId { id });
            return None;
        }
        if ids.contains(&id) {
            self.error(start, SourceProblem::DuplicateHeadingId { id });
            return None;
        }
        ids.push(id.clone());
        let content_chars = trim_ascii(&rest[..open_chars]);
        if content_chars.is_empty() {
            self.error(start, SourceProblem::HeadingWithoutText);
            return None;
        }
        let content = self.inlines(content_chars);
        Some(Block::Heading { id, level, content })
    }

    fn omission(
        &mut self,
        inner: &[Located],
        start: Position,
        heading: Option<&str>,
    ) -> Option<Omission> {
        let attributes = self.attributes(inner, start, &["kind", "reason", "by", "under"])?;
        let marker = attributes.marker;
        let kind = match attributes.values.get("kind") {
            Some(kind) => match kind.as_str() {
                "section" => OmissionKind::Section,
                "middle" => OmissionKind::Middle,
                "rest" => OmissionKind::Rest,
                "unspecified" => OmissionKind::Unspecified,
                other => {
                    self.error(
                        start,
                        SourceProblem::UnknownOmissionKind {
                            kind: other.to_owned(),
                        },
                    );
                    return None;
                }
            },
            None => match omission_kind_of(&marker) {
                Some(kind) => kind,
                None => {
                    self.error(start, SourceProblem::OmissionKindUnclear { marker });
                    return None;
                }
            },
        };
        let omitted_by = self.withheld_by(attributes.values.get("by"), start)?;
        let under_heading = match attributes.values.get("under").map(String::as_str) {
            Some("-") => None,
            Some(id) => Some(id.to_owned()),
            None => heading.map(str::to_owned),
        };
        Some(Omission {
            kind,
            marker,
            reason: attributes.values.get("reason").cloned(),
            omitted_by,
            under_heading,
        })
    }

    fn withheld_by(&mut self, value: Option<&String>, at: Position) -> Option<WithheldBy> {
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
    fn attributes(
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

    /// Parses inline text: escapes, `{{masks}}`, `[links](…)`.
    fn inlines(&mut self, chars: &[Located]) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        let mut text = String::new();
        let mut index = 0;
        while let Some(&(c, at)) = chars.get(index) {
            let next = chars.get(index + 1).map(|(c, _)| *c);
            match (c, next) {
                ('\\', Some(next)) if escapable(next) => {
                    text.push(next);
                    index += 2;
                }
                ('{', Some('{')) => {
                    let Some(end) = find_pair(chars, index + 2, '}') else {
                        self.error(at, SourceProblem::UnclosedMask);
                        return out;
                    };
                    flush_text(&mut out, &mut text);
                    let inner = &chars[index + 2..end];
                    if inner
                        .windows(2)
                        .any(|pair| pair[0].0 == '{' && pair[1].0 == '{')
                    {
                        self.error(at, SourceProblem::MaskNotClosedBeforeNext);
                        index = end + 2;
                        continue;
                    }
                    if let Some(mask) = self.mask(inner, at) {
                        out.push(Inline::Mask(mask));
                    }
                    self.map.masks.push(at);
                    index = end + 2;
                }
                ('}', Some('}')) => {
                    self.error(at, SourceProblem::UnmatchedMaskClose);
                    index += 2;
                }
                ('[', _) => match link_extent(chars, index) {
                    Some((text_end, target_end)) => {
                        flush_text(&mut out, &mut text);
                        if let Some(link) = self.link(
                            &chars[index + 1..text_end],
                            &chars[text_end + 2..target_end],
                            at,
                        ) {
                            out.push(link);
                        }
                        self.map.links.push(at);
                        index = target_end + 1;
                    }
                    None => {
                        text.push('[');
                        index += 1;
                    }
                },
                _ => {
                    text.push(c);
                    index += 1;
                }
            }
        }
        flush_text(&mut out, &mut text);
        out
    }

    fn mask(&mut self, inner: &[Located], at: Position) -> Option<Mask> {
        let attributes = self.attributes(inner, at, &["label", "reason", "by"])?;
        let masked_by = self.withheld_by(attributes.values.get("by"), at)?;
        Some(Mask {
            marker: attributes.marker,
            label: attributes.values.get("label").cloned(),
            reason: attributes.values.get("reason").cloned(),
            masked_by,
        })
    }

    fn link(&mut self, text: &[Located], target: &[Located], at: Position) -> Option<Inline> {
        let mut visible = String::new();
        let mut index = 0;
        while let Some((c, _)) = text.get(index) {
            if *c == '\\'
                && text
                    .get(index + 1)
                    .is_some_and(|(next, _)| escapable(*next))
            {
                visible.push(text[index + 1].0);
                index += 2;
                continue;
            }
            if *c == '{' && text.get(index + 1).is_some_and(|(next, _)| *next == '{') {
                self.error(at, SourceProblem::MaskInLink);
                return None;
            }
            visible.push(*c);
            index += 1;
        }
        if visible.trim().is_empty() {
            self.error(at, SourceProblem::LinkWithoutText);
            return None;
        }
        let target: String = target.iter().map(|(c, _)| c).collect();
        let target = target.trim();
        let link_target = if let Some(rest) = target.strip_prefix("doc:") {
            let (path, heading) = match rest.split_once('#') {
                Some((path, heading)) => (path, Some(heading)),
                None => (rest, None),
            };
            if heading == Some("") {
                self.error(
                    at,
                    SourceProblem::EmptyLinkHeading {
                        target: target.to_owned(),
                    },
                );
                return None;
            }
            if path.is_empty() && heading.is_none() {
                self.error(at, SourceProblem::EmptyDocLink);
                return None;
            }
            LinkTarget::Document {
                path: path.to_owned(),
                heading: heading.map(str::to_owned),
            }
        } else if ["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| target.starts_with(scheme))
            && !target.chars().any(char::is_whitespace)
        {
            LinkTarget::External {
                url: target.to_owned(),
            }
        } else {
            self.error(
                at,
                SourceProblem::UnknownLinkTarget {
                    target: target.to_owned(),
                },
            );
            return None;
        };
        Some(Inline::Link {
            target: link_target,
            text: visible,
        })
    }
}

struct Attributes {
    marker: String,
    values: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Text,
    ListItem,
    Heading(usize),
    Centered,
    Closing,
    Omission,
}

fn classify(line: &[Located]) -> LineKind {
    let starts = |prefix: &str| {
        line.len() >= prefix.chars().count()
            && prefix.chars().zip(line.iter()).all(|(a, (b, _))| a == *b)
    };
    let ends = |suffix: &str| {
        let n = suffix.chars().count();
        line.len() >= n
            && suffix
                .chars()
                .zip(line[line.len() - n..].iter())
                .all(|(a, (b, _))| a == *b)
    };
    if line.is_empty() {
        return LineKind::Blank;
    }
    if starts("##") {
        return LineKind::Heading(line.iter().take_while(|(c, _)| *c == '#').count());
    }
    if starts("# ") || starts("#\u{3000}") {
        return LineKind::Heading(1);
    }
    if starts("->") {
        if line.len() >= 4 && ends("<-") {
            return LineKind::Centered;
        }
        return LineKind::Closing;
    }
    if starts("- ") || starts("-\u{3000}") {
        return LineKind::ListItem;
    }
    if line.len() >= 4 && starts("[[") && ends("]]") {
        return LineKind::Omission;
    }
    LineKind::Text
}

/// Reads the ISO date out of a date as a Japanese letter writes it: `2023年6月29日`,
/// `令和5年6月29日` (also 平成, 昭和, 元年), `2023-06-29`, `2023/6/29`, `2023.6.29`, with
/// full-width digits allowed and anything after the day (such as `（木）`) ignored.
/// Returns `None` when the text is not such a date or the date does not exist.
pub fn parse_written_date(text: &str) -> Option<String> {
    let text: String = text.trim().chars().map(half_width_digit).collect();
    let (base, rest) = [("令和", 2018), ("平成", 1988), ("昭和", 1925)]
        .iter()
        .find_map(|(era, base)| text.strip_prefix(era).map(|rest| (Some(*base), rest)))
        .unwrap_or((None, text.as_str()));
    let (year, rest) = match base {
        Some(base) => {
            let (year, rest) = match rest.strip_prefix('元') {
                Some(rest) => (1, rest),
                None => leading_number(rest)?,
            };
            (base + year, rest.strip_prefix('年')?)
        }
        None => {
            let (year, rest) = leading_number(rest)?;
            if !(1000..=9999).contains(&year) {
                return None;
            }
            let rest = rest
                .strip_prefix('年')
                .or_else(|| rest.strip_prefix('-'))
                .or_else(|| rest.strip_prefix('/'))
                .or_else(|| rest.strip_prefix('.'))?;
            (year, rest)
        }
    };
    let (month, rest) = leading_number(rest)?;
    let rest = rest
        .strip_prefix('月')
        .or_else(|| rest.strip_prefix('-'))
        .or_else(|| rest.strip_prefix('/'))
        .or_else(|| rest.strip_prefix('.'))?;
    let (day, rest) = leading_number(rest)?;
    let rest = rest.strip_prefix('日').unwrap_or(rest);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let date = jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    Some(date.strftime("%Y-%m-%d").to_string())
}

fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// Maps full-width digits to ASCII, leaving everything else alone.
pub(crate) fn half_width_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// The omission kind a marker's wording implies: 中略 → middle, 以下略/後略 → rest,
/// 省略 → section, other 略 → unspecified.
pub(crate) fn omission_kind_of(marker: &str) -> Option<OmissionKind> {
    if marker.contains("中略") {
        Some(OmissionKind::Middle)
    } else if marker.contains("以下略") || marker.contains("以下省略") || marker.contains("後略")
    {
        Some(OmissionKind::Rest)
    } else if marker.contains("省略") {
        Some(OmissionKind::Section)
    } else if marker.contains('略') {
        Some(OmissionKind::Unspecified)
    } else {
        None
    }
}

/// Characters that a backslash escapes: ASCII punctuation and the full-width bar.
pub(crate) fn escapable(c: char) -> bool {
    c.is_ascii_punctuation() || c == '｜'
}

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

fn located(line: &str, line_number: usize) -> Vec<Located> {
    line.chars()
        .enumerate()
        .map(|(index, c)| {
            (
                c,
                Position {
                    line: line_number,
                    column: index + 1,
                },
            )
        })
        .collect()
}

fn trim_ascii(chars: &[Located]) -> &[Located] {
    let start = chars
        .iter()
        .position(|(c, _)| !matches!(c, ' ' | '\t'))
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|(c, _)| !matches!(c, ' ' | '\t'))
        .map_or(start, |end| end + 1);
    &chars[start..end.max(start)]
}

fn trim_ideographic_start(chars: &[Located]) -> &[Located] {
    let start = chars
        .iter()
        .position(|(c, _)| *c != '\u{3000}')
        .unwrap_or(chars.len());
    &chars[start..]
}

/// Joins the lines of a paragraph: directly when either side of the break is an East Asian
/// character, with one space otherwise.
fn join_lines(lines: &[Vec<Located>]) -> Vec<Located> {
    let mut out: Vec<Located> = Vec::new();
    for line in lines {
        if let (Some(&(last, at)), Some(&(first, _))) = (out.last(), line.first())
            && !is_east_asian(last)
            && !is_east_asian(first)
        {
            out.push((' ', at));
        }
        out.extend_from_slice(line);
    }
    out
}

/// Whether `c` is a Japanese, Chinese or Korean character or full-width form, across which
/// line breaks join without a space.
pub(crate) fn is_east_asian(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Finds `close close` (e.g. `}}`) from `from`, skipping escaped characters.
fn find_pair(chars: &[Located], from: usize, close: char) -> Option<usize> {
    let mut index = from;
    while index + 1 < chars.len() {
        let c = chars[index].0;
        if c == '\\' && escapable(chars[index + 1].0) {
            index += 2;
            continue;
        }
        if c == close && chars[index + 1].0 == close {
            return Some(index);
        }
        index += 1;
    }
    None
}

/// For `[text](target)` starting at `open`: the index of `]` and of the closing `)`.
fn link_extent(chars: &[Located], open: usize) -> Option<(usize, usize)> {
    let mut index = open + 1;
    let text_end = loop {
        let (c, _) = chars.get(index)?;
        match c {
            '\\' => index += 2,
            ']' => break index,
            '[' => return None,
            _ => index += 1,
        }
    };
    if chars.get(text_end + 1).map(|(c, _)| *c) != Some('(') {
        return None;
    }
    let mut depth = 0usize;
    let mut index = text_end + 2;
    loop {
        let (c, _) = chars.get(index)?;
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some((text_end, index)),
            ')' => depth -= 1,
            _ => {}
        }
        index += 1;
    }
}

fn flush_text(out: &mut Vec<Inline>, text: &mut String) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text { text: previous }) = out.last_mut() {
        previous.push_str(text);
    } else {
        out.push(Inline::text(std::mem::take(text)));
    }
    text.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<ParsedNotice, Vec<SourceError>> {
        parse_notice(
            &format!("---\ntitle: 報告\ndate: 2023年6月28日\n---\n{body}"),
            "t.notice.md",
        )
    }

    #[test]
    fn written_dates_are_read_in_each_supported_form() {
        assert_eq!(
            parse_written_date("2023年6月29日").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(
            parse_written_date("令和5年6月29日（木）").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(
            parse_written_date("令和元年5月1日").as_deref(),
            Some("2019-05-01")
        );
        assert_eq!(
            parse_written_date("２０２３年６月２９日").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(
            parse_written_date("2023/6/29").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(parse_written_date("2023年2月30日"), None);
        assert_eq!(parse_written_date("お客様各位"), None);
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
