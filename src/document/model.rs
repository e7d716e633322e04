//! The document types. Their JSON forms (version 1, whose letter head is plain strings, and
//! version 2, whose head is inline content like the body) live in `json`;
//! [`Document::from_json`] is the only way in from bytes.

use serde::{Deserialize, Serialize};

use super::link::LinkTarget;
use super::table::{Table, TableProblem};

/// The `format` value every document carries.
pub const DOCUMENT_FORMAT: &str = "kairan-document";
/// The newest document format version this build reads and writes. Version 1 documents are
/// read as well, and a document is written as version 1 whenever version 1 can carry it.
pub const DOCUMENT_FORMAT_VERSION: u32 = 2;

/// One letter: a firm notice, a vendor notice or a report. The letter's head (addressee,
/// issuer lines, title, a copy's caption) is inline content like the body, so that a mask or a
/// link may sit there (an issuer written as ●●●●株式会社); the format version is a property of
/// the JSON form, not of the letter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The date the letter bears, if it bears one.
    pub date: Option<LetterDate>,
    /// Who the letter is addressed to, as written (e.g. `お客様 各位`).
    pub addressee: Option<Vec<Inline>>,
    /// The issuer block as written, one entry per line (company, then e.g. representative).
    pub issuer: Vec<Vec<Inline>>,
    /// The letter's title.
    pub title: Vec<Inline>,
    /// Where a forwarded copy came from; `None` for the bundle author's own letters.
    pub source: Option<Source>,
    /// The letter's body in reading order.
    pub body: Vec<Block>,
    /// The closing word as written (`以上`), if the letter has one.
    pub closing: Option<String>,
}

/// A letter's date: the ISO form for checks, the written form for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterDate {
    /// `YYYY-MM-DD`.
    pub iso: String,
    /// The date exactly as the letter writes it (e.g. `2023年6月29日`).
    pub text: String,
}

/// Provenance of a document copied from someone else (a vendor's notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who published the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where the original was published, if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the copy was retrieved (`YYYY-MM-DD`), if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<String>,
    /// The forwarding party's caption placed above the copy (e.g. `—ご参考 …—`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Vec<Inline>>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A section heading; `id` is the anchor links point at.
    Heading {
        /// Anchor, unique within the document.
        id: String,
        /// 1 for a section, 2 for a subsection.
        level: u8,
        /// The heading text.
        content: Vec<Inline>,
    },
    /// A paragraph of running text.
    Paragraph {
        /// The paragraph text.
        content: Vec<Inline>,
    },
    /// A list; each item is one line of inline text, its mark (・, ①, 1.) kept as written.
    List {
        /// The items in order.
        items: Vec<Vec<Inline>>,
        /// How deep the list nests: 0 for a list of its own, 1 for a list under the item just
        /// before it, and so on up to [`MAX_LIST_DEPTH`](crate::bundle::limits::MAX_LIST_DEPTH)
        /// (document format version 2 only when not 0). A nested list follows the item it
        /// belongs to, so a list with sub-items is a run of list blocks.
        #[serde(default, skip_serializing_if = "is_zero")]
        depth: u8,
    },
    /// A table (document format version 2 only).
    Table(Table),
    /// A centred line such as `記`.
    Centered {
        /// The line's text.
        content: Vec<Inline>,
    },
    /// Withheld sections.
    Omission(Omission),
    /// A note (注／※ line), set smaller under what it notes (document format version 2 only).
    Note {
        /// Its mark as written: `※`, `※1`, `注：`, `注1：`, `（注）` ….
        marker: String,
        /// Its text.
        content: Vec<Inline>,
    },
}

fn is_zero(depth: &u8) -> bool {
    *depth == 0
}

/// The length in characters of the note mark a line starts with, if it starts with one (a
/// number of up to three digits, or the mark is not one): `※`
/// (with a number, `※1`), `注` with a number perhaps and `：` `:` `）` `)`, or `（注）`/`(注1)`.
/// 注意 and ※ inside a line are not marks.
pub fn note_marker(text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    // A note's number has at most three digits (※1, 注12：): a mark, not a line of digits.
    let digits = |from: usize| {
        chars[from.min(chars.len())..]
            .iter()
            .take(4)
            .take_while(|&&c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            .count()
    };
    if (1..=2).any(|from| digits(from) > 3) {
        return None;
    }
    match chars.first()? {
        '※' => Some(1 + digits(1)),
        '注' => {
            let end = 1 + digits(1);
            matches!(chars.get(end), Some('：' | ':' | '）' | ')')).then_some(end + 1)
        }
        '（' | '(' => {
            let close = if chars[0] == '（' { '）' } else { ')' };
            (chars.get(1) == Some(&'注'))
                .then(|| 2 + digits(2))
                .filter(|&end| chars.get(end) == Some(&close))
                .map(|end| end + 1)
        }
        _ => None,
    }
}

/// A run of inline content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// Withheld text.
    Mask(Mask),
    /// Text the letter sets in bold (document format version 2 only).
    Strong {
        /// The text.
        text: String,
    },
    /// Text that points elsewhere.
    Link {
        /// Where the link goes.
        target: LinkTarget,
        /// The link's visible text.
        text: String,
    },
}

/// An inline span standing for text that was withheld. The hidden text is never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mask {
    /// What to display in place of the hidden text (e.g. `■■■■`).
    pub marker: String,
    /// What kind of thing is hidden (e.g. `サーバ名`), if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Why it is hidden, if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who hid it.
    pub masked_by: WithheldBy,
}

/// A block standing for withheld sections of a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Omission {
    /// What kind of omission the marker signals.
    pub kind: OmissionKind,
    /// The marker as written (e.g. `—省略—`).
    pub marker: String,
    /// Why it was omitted, if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who omitted it.
    pub omitted_by: WithheldBy,
    /// The `id` of the heading the omission sits under, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_heading: Option<String>,
}

/// The kinds of omission marker met in Japanese notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OmissionKind {
    /// A whole section left out (省略).
    Section,
    /// Part of a section left out, text continuing after it (中略).
    Middle,
    /// Everything after this point left out (以下略, 後略).
    Rest,
    /// An unspecified abbreviation ((略)).
    Unspecified,
}

/// Who withheld a mask or omission, only as far as the text supports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithheldBy {
    /// The letter's original author.
    Author,
    /// The party that forwarded the letter (e.g. the firm passing on a vendor's report).
    Forwarder,
    /// The text does not say.
    NotStated,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The bytes are not a document of the supported form.
    #[error("not a valid Kairan document: {0}")]
    Json(#[from] serde_json::Error),
    /// The `format` field names something else.
    #[error("not a Kairan document (format is {found:?}, expected {DOCUMENT_FORMAT:?})")]
    WrongFormat {
        /// The value found.
        found: String,
    },
    /// The document is from a newer or unknown version of the format.
    #[error(
        "document format version {found} is not supported (this Kairan reads versions 1 to {DOCUMENT_FORMAT_VERSION}); update Kairan"
    )]
    UnsupportedVersion {
        /// The version found.
        found: u32,
    },
    /// Two headings share an anchor.
    #[error("two headings share the id {0:?}")]
    DuplicateHeadingId(String),
    /// A mask or omission whose marker is empty, blank, or holds invisible characters: the
    /// reader could not see where something was withheld.
    #[error("a masked field or omitted section has an empty or invisible marker \"{0}\"")]
    InvisibleMarker(String),
    /// A line of the letter's head (date, addressee, issuer, title, closing) holds a line
    /// break or another control character: drawn as it is, it would add lines the letter
    /// does not have.
    #[error("the letter's {0} contains a line break or another control character")]
    ControlInLine(&'static str),
    /// A note whose mark is not a note mark (※, ※1, 注：, （注）…) or whose text is empty.
    #[error(
        "a note's mark {0:?} is not one a letter writes (※, ※1, 注：, 注1：, （注）), or its text is empty"
    )]
    BadNote(String),
    /// A table whose shape is wrong (see [`Table::problem`]).
    #[error("{0}")]
    BadTable(TableProblem),
    /// A nested list deeper than allowed, or one that does not follow a list one level up.
    #[error(
        "a list nested {0} deep does not follow a list one level up, or nests deeper than {max}",
        max = crate::bundle::limits::MAX_LIST_DEPTH
    )]
    BadListDepth(u8),
    /// Bold text that is empty or holds a line break or another control character.
    #[error("bold text is empty or holds a line break or another control character")]
    BadBold,
    /// A version 1 document holding what only version 2 can carry.
    #[error("the document says format_version 1 but holds {0}, which needs format_version 2")]
    NeedsVersion2(&'static str),
    /// A line of the letter's head longer than
    /// [`MAX_HEAD_LINE_CHARS`](crate::bundle::limits::MAX_HEAD_LINE_CHARS).
    #[error(
        "the letter's {field} is {chars} characters long; a line of the letter's head may have at most {} characters",
        crate::bundle::limits::MAX_HEAD_LINE_CHARS
    )]
    HeadLineTooLong {
        /// Which line.
        field: &'static str,
        /// How long it is.
        chars: usize,
    },
}

impl Document {
    /// Parses a document from one of its strict JSON forms (version 1 or 2).
    ///
    /// Fails on malformed JSON, unknown or duplicate keys, another format or version, and
    /// duplicate heading ids.
    pub fn from_json(bytes: &[u8]) -> Result<Self, DocumentError> {
        let document = super::json::read(bytes)?;
        let mut seen = std::collections::HashSet::new();
        for id in document.heading_ids() {
            if !seen.insert(id) {
                return Err(DocumentError::DuplicateHeadingId(id.to_owned()));
            }
        }
        for (field, line) in document.head_lines() {
            let chars = line.chars().count();
            if chars > crate::bundle::limits::MAX_HEAD_LINE_CHARS {
                return Err(DocumentError::HeadLineTooLong { field, chars });
            }
            // A tab is a character like any other (letters copied from PDFs have them); a line
            // break or another control character would add lines the letter does not have.
            if line.chars().any(|c| c.is_control() && c != '\t') {
                return Err(DocumentError::ControlInLine(field));
            }
        }
        for block in &document.body {
            if let Block::Note { marker, content } = block
                && (note_marker(marker) != Some(marker.chars().count())
                    || super::inline_text(content).trim().is_empty())
            {
                return Err(DocumentError::BadNote(
                    crate::escape::one_line(marker).into_owned(),
                ));
            }
        }
        let mut previous_depth: Option<u8> = None;
        for block in &document.body {
            match block {
                Block::Table(table) => {
                    if let Some(problem) = table.problem() {
                        return Err(DocumentError::BadTable(problem));
                    }
                }
                Block::List { depth, .. } => {
                    let follows = *depth == 0 || previous_depth.is_some_and(|up| up + 1 >= *depth);
                    if !follows || *depth > crate::bundle::limits::MAX_LIST_DEPTH {
                        return Err(DocumentError::BadListDepth(*depth));
                    }
                }
                _ => {}
            }
            // A nested list belongs to the last item of the list before it: an empty list has
            // none.
            previous_depth = match block {
                Block::List { depth, items } if !items.is_empty() => Some(*depth),
                _ => None,
            };
        }
        let bad_bold = document.inlines().any(|inline| {
            matches!(inline, Inline::Strong { text }
                if text.trim().is_empty() || text.chars().any(|c| c.is_control() && c != '\t'))
        });
        if bad_bold {
            return Err(DocumentError::BadBold);
        }
        for item in super::withheld_items(&document) {
            let marker = match item.kind {
                super::WithheldKind::Mask(mask) => &mask.marker,
                super::WithheldKind::Omission(omission) => &omission.marker,
            };
            let shows_something = marker
                .chars()
                .any(|c| !c.is_whitespace() && !crate::escape::is_hidden(c));
            if !shows_something || crate::escape::has_hidden(marker) {
                return Err(DocumentError::InvisibleMarker(
                    crate::escape::one_line(marker).into_owned(),
                ));
            }
        }
        Ok(document)
    }

    /// The document's JSON form, as stored in a bundle (pretty-printed, UTF-8, trailing
    /// newline): version 1 when version 1 can carry it, so that a letter without anything new
    /// is stored exactly as before and older readers can open it; version 2 otherwise.
    pub fn to_json(&self) -> Vec<u8> {
        super::json::write(self)
    }

    /// Each line of the letter's head as shown (masks as their marker), with its field's name:
    /// the lines that must stay one line each.
    fn head_lines(&self) -> Vec<(&'static str, String)> {
        let mut lines = Vec::new();
        if let Some(date) = &self.date {
            lines.push(("date", date.text.clone()));
        }
        if let Some(addressee) = &self.addressee {
            lines.push(("addressee", super::inline_text(addressee)));
        }
        lines.push(("title", super::inline_text(&self.title)));
        if let Some(closing) = &self.closing {
            lines.push(("closing", closing.clone()));
        }
        for line in &self.issuer {
            lines.push(("issuer", super::inline_text(line)));
        }
        if let Some(caption) = self.caption() {
            lines.push(("caption", super::inline_text(caption)));
        }
        lines
    }

    /// The title as shown (masks as their marker), for window titles, lists and file names.
    pub fn title_text(&self) -> String {
        super::inline_text(&self.title)
    }

    /// The addressee as shown (masks as their marker), if the letter names one.
    pub fn addressee_text(&self) -> Option<String> {
        self.addressee.as_deref().map(super::inline_text)
    }

    /// The issuer lines as shown (masks as their marker).
    pub fn issuer_lines(&self) -> Vec<String> {
        self.issuer
            .iter()
            .map(|line| super::inline_text(line))
            .collect()
    }

    /// The forwarding party's caption above a copy, if there is one.
    pub fn caption(&self) -> Option<&[Inline]> {
        self.source
            .as_ref()
            .and_then(|source| source.caption.as_deref())
    }

    /// The runs of the letter's head in reading order, to change in place.
    pub fn head_runs_mut(&mut self) -> impl Iterator<Item = &mut Vec<Inline>> {
        let caption = self
            .source
            .as_mut()
            .and_then(|source| source.caption.as_mut());
        caption
            .into_iter()
            .chain(self.addressee.as_mut())
            .chain(self.issuer.iter_mut())
            .chain(std::iter::once(&mut self.title))
    }

    /// The runs of the letter's head in reading order: caption, addressee, issuer lines, title.
    pub fn head_runs(&self) -> impl Iterator<Item = &[Inline]> {
        self.caption()
            .into_iter()
            .chain(self.addressee.as_deref())
            .chain(self.issuer.iter().map(Vec::as_slice))
            .chain(std::iter::once(self.title.as_slice()))
    }

    /// The anchors of all headings, in order.
    pub fn heading_ids(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|block| match block {
            Block::Heading { id, .. } => Some(id.as_str()),
            _ => None,
        })
    }

    /// Every inline run of the document in reading order: the head's (caption, addressee,
    /// issuer lines, title), then the body's.
    pub fn inlines(&self) -> impl Iterator<Item = &Inline> {
        let body = self
            .body
            .iter()
            .flat_map(|block| block.runs().into_iter().flatten());
        self.head_runs().flatten().chain(body)
    }

    /// How many masked fields the document holds.
    pub fn mask_count(&self) -> usize {
        self.inlines()
            .filter(|inline| matches!(inline, Inline::Mask(_)))
            .count()
    }

    /// How many omitted sections the document holds.
    pub fn omission_count(&self) -> usize {
        self.body
            .iter()
            .filter(|block| matches!(block, Block::Omission(_)))
            .count()
    }

    /// Every link of the document in reading order.
    pub fn links(&self) -> impl Iterator<Item = (&LinkTarget, &str)> {
        self.inlines().filter_map(|inline| match inline {
            Inline::Link { target, text } => Some((target, text.as_str())),
            _ => None,
        })
    }
}

impl Block {
    /// The block's runs of inline content: one for a heading, paragraph, centred line or
    /// note, one per item for a list, the caption and each cell for a table (in the order of
    /// [`Table::runs`]), none for an omission.
    pub fn runs(&self) -> Vec<&[Inline]> {
        match self {
            Block::Heading { content, .. }
            | Block::Paragraph { content }
            | Block::Centered { content }
            | Block::Note { content, .. } => vec![content.as_slice()],
            Block::List { items, .. } => items.iter().map(Vec::as_slice).collect(),
            Block::Table(table) => table.runs().collect(),
            Block::Omission(_) => Vec::new(),
        }
    }

    /// The block's text, each run written by `run_text`: a list's items and a table's caption
    /// and rows one per line (a row's cells joined by ` ｜ `), a note with its mark, an
    /// omission as its marker.
    pub fn text_with(&self, run_text: impl Fn(&[Inline]) -> String) -> String {
        match self {
            Block::Heading { content, .. }
            | Block::Paragraph { content }
            | Block::Centered { content } => run_text(content),
            Block::List { items, .. } => items
                .iter()
                .map(|item| run_text(item))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table(table) => {
                let row = |cells: &[Vec<Inline>]| {
                    cells
                        .iter()
                        .map(|cell| run_text(cell))
                        .collect::<Vec<_>>()
                        .join(" ｜ ")
                };
                let caption = table.caption.as_deref().map(&run_text);
                let header = (!table.header.is_empty()).then(|| row(&table.header));
                caption
                    .into_iter()
                    .chain(header)
                    .chain(table.rows.iter().map(|cells| row(cells)))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Block::Note { marker, content } => format!("{marker}{}", run_text(content)),
            Block::Omission(omission) => omission.marker.clone(),
        }
    }

    /// The block's runs of inline content, to change in place, in the order of
    /// [`Block::runs`].
    pub fn runs_mut(&mut self) -> Vec<&mut Vec<Inline>> {
        match self {
            Block::Heading { content, .. }
            | Block::Paragraph { content }
            | Block::Centered { content }
            | Block::Note { content, .. } => vec![content],
            Block::List { items, .. } => items.iter_mut().collect(),
            Block::Table(table) => table.runs_mut().collect(),
            Block::Omission(_) => Vec::new(),
        }
    }
}

impl Inline {
    /// A plain text run.
    pub fn text(text: impl Into<String>) -> Self {
        Inline::Text { text: text.into() }
    }

    /// A line of plain text as inline content (a title, an issuer line): one text run, or
    /// nothing for an empty string.
    pub fn line(text: impl Into<String>) -> Vec<Inline> {
        let text = text.into();
        if text.is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text { text }]
        }
    }
}

impl WithheldBy {
    /// A short English description, for the CLI and logs.
    pub fn describe(self) -> &'static str {
        match self {
            WithheldBy::Author => "the original author",
            WithheldBy::Forwarder => "the forwarding party",
            WithheldBy::NotStated => "not stated",
        }
    }
}

#[cfg(test)]
mod tests;
