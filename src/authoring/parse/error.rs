//! What can be wrong in an authoring source: [`SourceError`] (where) and [`SourceProblem`]
//! (what, with the values its message names). The English message of each problem is its
//! `Display`; the desktop app words the same values in other languages.

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
    /// A mask or omission marker holding an invisible character.
    #[error(
        "the marker holds the invisible character {code}; write the marker with visible characters only"
    )]
    InvisibleInMarker {
        /// Its code point (`U+FEFF`).
        code: String,
    },
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
    /// A mask or link inside `**…**`.
    #[error(
        "bold text `**…**` is plain text: it cannot hold a mask or a link; close the bold before \
         the `{{{{` or `[` and open it again after"
    )]
    MarkupInBold,
    /// A control character in a line of the letter's head.
    #[error(
        "this line of the letter's head holds the control character {code}, which would show as a \
         line break the letter does not have; remove it"
    )]
    ControlInHead {
        /// Its code point (`U+0000`).
        code: String,
    },
    /// A table row with another number of cells than the table's first row.
    #[error(
        "this table row has {found} cells where the table has {expected}; give every row the \
         same number of cells `| … | … |` (an empty cell is `|  |`; a `|` in a cell is `\\|`)"
    )]
    TableRowCells {
        /// The cells of the table's first row.
        expected: usize,
        /// The cells of this row.
        found: usize,
    },
    /// A table's `| --- |` line anywhere but right under its first row.
    #[error(
        "a line `| --- | --- |` marks the row above it as the table's header, so it can only be \
         a table's second line"
    )]
    TableRuleMisplaced,
    /// A table that is too large or too long in a cell.
    #[error("{0}")]
    BadTable(crate::document::TableProblem),
    /// A list item nested deeper than allowed.
    #[error(
        "this list item is nested more than {} levels deep; indent it less",
        crate::bundle::limits::MAX_LIST_DEPTH
    )]
    ListTooDeep,
    /// A note whose text is empty.
    #[error("a note needs its text after the mark, like `> ※1 出典は…`")]
    EmptyNote,
    /// `> ` without a note mark after it.
    #[error(
        "a note `> ` starts with its mark as the letter writes it: `> ※ …`, `> ※1 …`, \
         `> 注：…`, `> 注1：…` or `> （注）…`; to start a paragraph with `>`, write `\\>`"
    )]
    NoteWithoutMark,
    /// A line of the letter's head longer than the most a reader sets as one line.
    #[error(
        "this line of the letter's head is {chars} characters long; a title, addressee, issuer \
         line or caption may have at most {} characters — move the rest into the body",
        crate::bundle::limits::MAX_HEAD_LINE_CHARS
    )]
    HeadLineTooLong {
        /// How long it is.
        chars: usize,
    },
    /// A path in the folder that is, or passes through, a symbolic link.
    #[error(
        "{path:?}: {at:?} is a symbolic link; only files inside the notice folder are read, so \
         copy the file into the folder instead of linking to it"
    )]
    SymlinkRefused {
        /// The path, as `bundle.json` names it.
        path: String,
        /// The part of it that is a link.
        at: String,
    },
    /// A path in the folder that names a folder, device or pipe.
    #[error("{path:?} is not a regular file (a folder, device or pipe); name a file")]
    NotAFile {
        /// The path, as `bundle.json` names it.
        path: String,
    },
    /// A file too large to go into a bundle.
    #[error("{path:?} is larger than {limit} bytes, the most a bundle entry may hold")]
    FileTooLarge {
        /// The path, as `bundle.json` names it.
        path: String,
        /// The most bytes accepted.
        limit: u64,
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
    /// `bundle.json` says something a bundle may not (a bad id, a sequence of 0, an expiry
    /// before the issue time, hidden characters in the issuer's name, …): the same rules the
    /// reader applies to a manifest, checked before anything is signed.
    #[error("{0}")]
    InvalidMetadata(crate::bundle::ManifestError),
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
