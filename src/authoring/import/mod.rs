//! Import of plain-text letters: a text file holding one or more letters (as vendors send them,
//! or as copied from a PDF) becomes a notice folder in the authoring format.
//!
//! The import recognises each letter's date, addressee, issuer and title, its headings, lists,
//! 記 and 以上, and the masks and omissions the text shows. It attributes a mask or omission to
//! someone only when the text says who made it, and otherwise records "not stated". Every
//! decision a person should confirm — and every look-alike it deliberately did *not* read as a
//! mask or omission — is returned as a [`Detection`] with its line and column.
//!
//! Nothing is lost or invented: every character of a letter ends up in its document, and no
//! text is added (a letter without a title is refused rather than given one). This module is a
//! pure function of the text: it reads and writes no files and never prints.
//!
//! The text is read in layers, one file each: `text` cuts it into blocks of non-blank lines
//! whose characters remember their line and column; `letters` finds where each letter starts
//! and reads its head (date, addressee, caption, issuer, title); `blocks` reads the body block by
//! block (headings, lists, 記, omitted sections, paragraphs joined across page breaks);
//! `withheld` finds masks and omissions inside running text and the look-alikes that are not;
//! `attribution` decides from the letter's own words who withheld them. This file turns the
//! letters into the folder's files.

mod attribution;
mod blocks;
mod html;
mod letters;
mod text;
mod withheld;

use crate::authoring::{AUTHORING_EXTENSION, write_notice};
use crate::bundle::Role;
use crate::document::{Document, OmissionKind, WithheldBy};

use blocks::kind_word;
pub use html::{AddressFrom, Dropped};
use letters::read_letters;

/// What a detection is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetectionKind {
    /// Where a letter starts (its date).
    Letter,
    /// The line read as the addressee.
    Addressee,
    /// A line read as part of the issuer block.
    Issuer,
    /// The line read as the title.
    Title,
    /// The forwarding party's caption above a copied letter.
    Caption,
    /// A line read as a heading (with the id it was given).
    Heading,
    /// A masked field.
    Mask,
    /// An omitted section.
    Omission,
    /// Two blocks joined into one paragraph because the first stops mid-sentence (a page break
    /// in the original).
    JoinedParagraph,
    /// The sign-off of an English letter (`Sincerely,` and the signature lines below it).
    SignOff,
    /// A note (a line starting ※, ※1, 注：, （注）…).
    Note,
    /// What a saved web page says about itself (its address, when it was retrieved) and what
    /// of it was dropped (scripts, navigation …), for a person to confirm.
    Page,
    /// Something that looks like a mask or omission but was read as ordinary text (a bullet, a
    /// salutation, a template blank, prose about masking, a separator).
    NotWithheld,
}

/// What a [`Detection`] says about its text, with the values it names. The English wording is
/// this value's `Display`; front ends in other languages render the same values in their words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectionNote {
    /// A letter starts here, dated as read (`None`: the date could not be read).
    #[error("a letter starts here, dated {}", date.as_deref().unwrap_or("?"))]
    LetterStarts {
        /// The date as `YYYY-MM-DD`.
        date: Option<String>,
    },
    /// The addressee line.
    #[error("addressee")]
    Addressee,
    /// The caption of a forwarded copy.
    #[error("caption of a forwarded copy (kept as the document's source caption)")]
    Caption,
    /// The title line.
    #[error("title")]
    Title,
    /// A line of the issuer block.
    #[error("issuer")]
    Issuer,
    /// A letterhead line above the first letter's date, read as its issuer.
    #[error("letterhead above the date, kept as the issuer")]
    Letterhead,
    /// An omission marker inside a heading or list item, kept as text.
    #[error(
        "an omission marker inside a heading or list item is kept as text (an omitted section \
         is a block of its own); check it"
    )]
    OmissionInLine,
    /// A sign-off block, each line kept as a paragraph of its own.
    #[error("sign-off, each line kept as written")]
    SignOff,
    /// A heading, with its level and the id it was given.
    #[error("heading, level {level}, id {id}")]
    Heading {
        /// 2 or 3.
        level: u8,
        /// The heading id.
        id: String,
    },
    /// A masked field, and who masked it.
    #[error("masked field; masked by: {}", by.describe())]
    Masked {
        /// Who masked it, as far as the text says.
        by: WithheldBy,
    },
    /// An omitted section, its kind, and who omitted it.
    #[error("omitted section, kind {}; omitted by: {}", kind_word(*kind), by.describe())]
    Omitted {
        /// What kind of omission.
        kind: OmissionKind,
        /// Who omitted it, as far as the text says.
        by: WithheldBy,
    },
    /// Joined to the previous paragraph, which stops mid-sentence.
    #[error("joined to the previous paragraph, which stops mid-sentence (a page break?)")]
    JoinedParagraph,
    /// A symbol opening a heading, read as a bullet.
    #[error("a single symbol opening a heading is a bullet, not a mask")]
    BulletOpensHeading,
    /// A symbol opening a list item, read as a bullet.
    #[error("a single symbol opening a list item is a bullet, not a mask")]
    BulletOpensListItem,
    /// 前略 opening a letter, read as a salutation.
    #[error("前略 opening a letter is a salutation, not an omission")]
    Salutation,
    /// A line of stars or crosses, read as a separator.
    #[error("a line of stars or crosses is a separator, not a mask")]
    Separator,
    /// `**` around words, read as emphasis.
    #[error("`**` marks emphasis, not a mask")]
    Emphasis,
    /// ○○ in a template, read as a blank.
    #[error("○○ is a blank in a template, not a mask")]
    TemplateBlank,
    /// The page's address, and where it was found.
    #[error("the page's address, from {}; confirm it is where the notice was published", match from {
        AddressFrom::Canonical => "its canonical link",
        AddressFrom::SavedFrom => "the browser's \"saved from\" comment",
        AddressFrom::OpenGraph => "its og:url",
    })]
    PageAddress {
        /// Where it was found.
        from: AddressFrom,
    },
    /// The page names no address of its own.
    #[error("the page names no address of its own; add `url:` to the source by hand")]
    NoPageAddress,
    /// The date the page was retrieved, from the file's modification date.
    #[error(
        "retrieved on this date (the file's modification date); correct `retrieved:` if the page was saved earlier"
    )]
    Retrieved,
    /// The retrieval date is not known.
    #[error("the date the page was retrieved is not known; add `retrieved:` by hand")]
    NoRetrievalDate,
    /// Content of one kind dropped from the page.
    #[error("dropped {}: {count}", match what {
        Dropped::Scripts => "scripts",
        Dropped::Styles => "style sheets",
        Dropped::Navigation => "navigation blocks (site menu, header, footer, sidebar)",
        Dropped::Forms => "form controls",
        Dropped::Media => "images and other media",
        Dropped::Hidden => "hidden elements",
    })]
    Dropped {
        /// What.
        what: Dropped,
        /// How many elements.
        count: usize,
    },
    /// A table cell spanning several columns or rows, split into the cell and empty ones.
    #[error(
        "a table with merged cells: each merged cell became the cell and empty ones; check the table"
    )]
    MergedCells,
    /// A line starting with a note mark, read as a note.
    #[error("a note (※／注 line), set smaller under what it notes")]
    Note,
    /// The page has style Kairan does not read (an outside style sheet, rules it does not
    /// understand), which may hide or black out text.
    #[error(
        "the page has style Kairan does not read (an outside style sheet, rules it does not understand), which may hide, black out or show text otherwise than read here: compare the import with the page as shown"
    )]
    UnreadStyle,
    /// Invisible characters (zero-width spaces, soft hyphens, control characters) dropped.
    #[error(
        "dropped invisible characters (zero-width spaces, soft hyphens, control characters): {count}"
    )]
    InvisibleCharacters {
        /// How many.
        count: usize,
    },
    /// Text the page draws in the colour of its background (a redaction bar), read as a mask.
    #[error(
        "text the page blacks out with its style: read as a masked field; its words are not carried"
    )]
    BlackedOut,
    /// The page has no paragraph holding only its date.
    #[error(
        "no paragraph holding only the page's date was found; the folder is dated the day of the import: set `date:` in the source and `issued_at` in bundle.json"
    )]
    NoPageDate,
    /// Struck-through text (`<del>`, `<s>`) kept as ordinary text.
    #[error(
        "struck-through text (<del>, <s>) kept as ordinary text: mark it by hand if it must read as struck out"
    )]
    StruckText,
    /// The title taken from the page's `<title>`, for want of a heading.
    #[error("the page has no heading; its <title> was taken as the title")]
    TitleFromPageTitle,
    /// Mask symbols inside a sentence about masking, read as an example.
    #[error("the sentence is about masking; the symbols are an example")]
    ExampleSymbols,
    /// A bracketed marker inside a sentence about masking, read as an example.
    #[error("the sentence is about masking; the marker is an example")]
    ExampleMarker,
}

/// One decision of the import, for a person to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// 1-based line in the imported text.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// What was detected.
    pub kind: DetectionKind,
    /// The text it is about (for a mask: the marker).
    pub text: String,
    /// The source file (inside the folder) the detection ended up in, if any.
    pub document: Option<String>,
    /// What the import read it as, and why (who made it, why it was not read as a mask, …).
    pub note: DetectionNote,
}

/// One imported letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedLetter {
    /// The letter as a document.
    pub document: Document,
    /// Its role: the first letter that is not a forwarded copy is the firm's notice; copies are
    /// reports (when the title says 報告) or vendor notices.
    pub role: Role,
    /// The file stem for its source and bundle path (`firm-notice-2023-06-29`).
    pub name: String,
}

/// A file of the imported folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedFile {
    /// Path relative to the folder (`bundle.json`, `documents/….notice.md`).
    pub path: String,
    /// Its contents.
    pub text: String,
}

/// The result of an import: the folder's files and the detections to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedFolder {
    /// The letters, in the order of the text.
    pub letters: Vec<ImportedLetter>,
    /// `bundle.json` and one source per letter.
    pub files: Vec<ImportedFile>,
    /// Every detection, in the order of the text.
    pub detections: Vec<Detection>,
}

/// Settings for the folder an import produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The bundle id (and series id) to write into `bundle.json`; ASCII letters, digits, `.`,
    /// `_`, `-`.
    pub bundle_id: String,
}

/// Why a text could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No letter start (a date line next to an addressee line) was found.
    #[error(
        "no letter found: each letter must start with its date (e.g. 2023年6月29日 or June 3, \
         2025) and its addressee (e.g. お客様各位 or To our customers) on lines of their own"
    )]
    NoLetter,
    /// Text before the first letter that is not a caption; importing it would lose it.
    #[error(
        "line {line}: text before the first letter's date and addressee; move it into a letter \
         or remove it, then import again"
    )]
    TextBeforeFirstLetter {
        /// Where the text starts.
        line: usize,
    },
    /// A letter without a title line.
    #[error(
        "line {line}: the letter has no title between its addressee/issuer and its first \
         sentence; add the title on a line of its own and import again"
    )]
    NoTitle {
        /// Where the letter starts.
        line: usize,
    },
    /// A saved page whose elements nest deeper than any real page does.
    #[error(
        "the page's elements nest {depth} deep; a real page nests a few dozen deep, so this one is not read"
    )]
    PageTooDeep {
        /// How deep, as its tags say.
        depth: usize,
    },
    /// A saved page whose title is longer than a line of a letter's head may be.
    #[error(
        "line {line}: the page's title is {chars} characters long; a title may have at most 2000"
    )]
    TitleTooLong {
        /// Where it starts.
        line: usize,
        /// How long it is.
        chars: usize,
    },
    /// A page whose document would be larger than a bundle may carry.
    #[error(
        "the page's document would be {bytes} bytes, more than a bundle may carry (32 MiB); import a shorter page"
    )]
    DocumentTooLarge {
        /// Its size as stored.
        bytes: u64,
    },
    /// A saved page with neither a heading nor a `<title>`.
    #[error(
        "the page has neither a heading (<h1> …) nor a <title>; add one to the page, or copy its text into a plain-text letter"
    )]
    NoPageTitle,
    /// A table of a saved page that the document format cannot hold (too many columns or
    /// cells, a cell too long).
    #[error("line {line}: {problem}; shorten the table in the page, or copy its text instead")]
    BadTable {
        /// Where the table starts.
        line: usize,
        /// What is wrong.
        problem: crate::document::TableProblem,
    },
    /// The bundle id has characters a manifest does not allow.
    #[error("the bundle id {0:?} may only use ASCII letters, digits, `.`, `_` and `-`")]
    BadBundleId(String),
    /// A letter could not be written as a source (should not happen for imported text).
    #[error("line {line}: {message}")]
    Unrepresentable {
        /// Where the letter starts.
        line: usize,
        /// Why.
        message: String,
    },
}

/// A file to import, as read: a plain-text letter or a saved web page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportInput {
    /// Plain text holding one or more letters.
    Text(String),
    /// A saved web page (`.html`, `.htm`), with the day its file was last changed.
    Page {
        /// The page's HTML text.
        html: String,
        /// `YYYY-MM-DD`, if known.
        retrieved: Option<String>,
    },
}

/// Imports a file as read: the letters of a text, or a saved web page.
///
/// Fails as [`import_letters`] or [`import_page`] do.
pub fn import_input(
    input: &ImportInput,
    options: &ImportOptions,
) -> Result<ImportedFolder, ImportError> {
    match input {
        ImportInput::Text(text) => import_letters(text, options),
        ImportInput::Page { html, retrieved } => import_page(html, retrieved.as_deref(), options),
    }
}

/// Imports the letters in `text` into a notice folder.
///
/// Fails when no letter is found, when text before the first letter would be lost, when a
/// letter has no title, or when the bundle id is not a valid identifier.
pub fn import_letters(text: &str, options: &ImportOptions) -> Result<ImportedFolder, ImportError> {
    check_bundle_id(&options.bundle_id)?;
    let (letters, detections) = read_letters(text)?;
    folder_of(letters, detections, options)
}

/// Imports a saved web page (the HTML text of a `.html` file) into a notice folder holding one
/// document, the copy of the vendor's notice; `retrieved` is the day the page was saved
/// (`YYYY-MM-DD`, the file's modification date), if known.
///
/// Fails when the page has neither a heading nor a `<title>`, when a table is larger than a
/// document may hold, or when the bundle id is not a valid identifier.
pub fn import_page(
    html: &str,
    retrieved: Option<&str>,
    options: &ImportOptions,
) -> Result<ImportedFolder, ImportError> {
    check_bundle_id(&options.bundle_id)?;
    let (letter, detections) = html::read_page(html, retrieved)?;
    folder_of(vec![letter], detections, options)
}

fn check_bundle_id(id: &str) -> Result<(), ImportError> {
    if id.is_empty()
        || id.len() > 100
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err(ImportError::BadBundleId(id.to_owned()));
    }
    Ok(())
}

/// The folder's files for the imported letters: one source each and `bundle.json`.
fn folder_of(
    letters: Vec<ImportedLetter>,
    detections: Vec<Detection>,
    options: &ImportOptions,
) -> Result<ImportedFolder, ImportError> {
    let id = &options.bundle_id;
    let mut files = Vec::new();
    let mut entries = Vec::new();
    for letter in &letters {
        let source = format!("documents/{}{AUTHORING_EXTENSION}", letter.name);
        let text = write_notice(&letter.document, &|path| path.to_owned()).map_err(|error| {
            ImportError::Unrepresentable {
                line: 1,
                message: error.to_string(),
            }
        })?;
        files.push(ImportedFile {
            path: source.clone(),
            text,
        });
        entries.push(serde_json::json!({
            "file": format!("documents/{}.json", letter.name),
            "source": source,
            "role": role_name(letter.role),
        }));
    }
    let first = &letters[0].document;
    let firm = letters
        .iter()
        .find(|letter| letter.role == Role::FirmNotice)
        .unwrap_or(&letters[0]);
    let issued = firm
        .document
        .date
        .as_ref()
        .or(first.date.as_ref())
        .map(|date| format!("{}T00:00:00+09:00", date.iso))
        // A page without a date: the day of the import, for the firm to correct.
        .unwrap_or_else(|| format!("{}T00:00:00+09:00", jiff::Zoned::now().date()));
    let metadata = Metadata {
        bundle_id: id.clone(),
        series: Series {
            id: id.clone(),
            sequence: 1,
        },
        issued_at: issued,
        // Never a masked name: with a mask in the first issuer line, the firm fills it in.
        issuer_name: firm
            .document
            .issuer
            .first()
            .and_then(|line| letters::unmasked_text(line))
            .unwrap_or_default(),
        entries,
    };
    let mut bundle_json = serde_json::to_string_pretty(&metadata).unwrap_or_default();
    bundle_json.push('\n');
    files.insert(
        0,
        ImportedFile {
            path: super::SOURCE_METADATA.to_owned(),
            text: bundle_json,
        },
    );
    Ok(ImportedFolder {
        letters,
        files,
        detections,
    })
}

#[derive(serde::Serialize)]
struct Metadata {
    bundle_id: String,
    series: Series,
    issued_at: String,
    issuer_name: String,
    entries: Vec<serde_json::Value>,
}

#[derive(serde::Serialize)]
struct Series {
    id: String,
    sequence: u32,
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::FirmNotice => "firm_notice",
        Role::VendorNotice => "vendor_notice",
        Role::Report => "report",
        Role::Attachment => "attachment",
        Role::KeyRollover => "key_rollover",
    }
}

fn detection(
    at: (usize, usize),
    kind: DetectionKind,
    text: &str,
    note: DetectionNote,
) -> Detection {
    Detection {
        line: at.0,
        column: at.1,
        kind,
        text: text.to_owned(),
        document: None,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(body: &str) -> String {
        format!("2023年6月28日\n\nお客様各位\n\n株式会社テスト\n\nお知らせ\n\n{body}\n\n以上\n")
    }

    fn import(text: &str) -> ImportedFolder {
        import_letters(
            text,
            &ImportOptions {
                bundle_id: "test".into(),
            },
        )
        .unwrap()
    }

    #[test]
    fn letter_header_fields_are_recognised() {
        let folder = import(&letter("本文です。"));
        let document = &folder.letters[0].document;
        assert_eq!(document.date.as_ref().unwrap().iso, "2023-06-28");
        assert_eq!(document.addressee_text().as_deref(), Some("お客様各位"));
        assert_eq!(document.issuer_lines(), vec!["株式会社テスト".to_owned()]);
        assert_eq!(document.title_text(), "お知らせ");
        assert_eq!(document.closing.as_deref(), Some("以上"));
        assert_eq!(folder.letters[0].role, Role::FirmNotice);
    }

    #[test]
    fn a_letter_without_a_title_is_refused_rather_than_given_one() {
        let error = import_letters(
            "2023年6月28日\n\nお客様各位\n\n本文です。\n",
            &ImportOptions {
                bundle_id: "t".into(),
            },
        )
        .unwrap_err();
        assert_eq!(error, ImportError::NoTitle { line: 1 });
    }
}
