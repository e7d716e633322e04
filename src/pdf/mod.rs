//! A bundle on paper: a PDF of every letter in reading order, with the verdict this computer
//! established on every page, and an optional circulation slip (回覧票) as its first page.
//!
//! The front ends only choose: the language, whether the reader chose "Show anyway", the slip's
//! fields and where the PDF goes. What the paper says about trust comes from the same
//! [`Assessment`] the viewer's banner and `kairan verify` render.
//!
//! Layout is Typst's (`typst` + `typst-pdf`, see `docs/performance.md` for why and at what
//! cost): `content` turns the bundle into plain data, one fixed template sets it, and the
//! typesetter gets no file, package or font besides the program's own (see `typeset`).

mod content;
mod typeset;
pub mod words;

use crate::bundle::OpenedBundle;
use crate::language::Language;
use crate::trust::Assessment;

/// What to print.
#[derive(Debug, Clone, Copy)]
pub struct PdfRequest<'a> {
    /// The opened bundle.
    pub bundle: &'a OpenedBundle,
    /// Its assessment: the verdict the paper states.
    pub assessment: &'a Assessment,
    /// The language of the paper's own words (the letters are printed as written).
    pub language: Language,
    /// The reader chose "Show anyway" for a bundle whose letters are otherwise not shown.
    pub show_anyway: bool,
    /// The circulation slip, if it is to be the first page.
    pub slip: Option<&'a Slip>,
    /// When this computer established the verdict.
    pub checked_at: jiff::Timestamp,
    /// The assessment's warnings, in `language`, as the front end words them (the viewer's
    /// banner lines, `kairan verify`'s caution lines): printed under the verdict on every page.
    pub cautions: &'a [String],
}

impl PdfRequest<'_> {
    /// Whether the letters are printed: the verdict shows them, or the reader chose "Show
    /// anyway".
    fn prints_letters(&self) -> bool {
        self.assessment.status.shows_contents() || self.show_anyway
    }
}

/// The circulation slip's fields the reader fills in. Everything else on the slip (subject,
/// sender, verdict, date of the notice) comes from the bundle and its assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slip {
    /// When the notice was received, as the reader writes it.
    pub received: String,
    /// By when it should be back (回覧期限), as the reader writes it; may be empty.
    pub deadline: String,
    /// Where it goes back to (戻り先); may be empty.
    pub return_to: String,
    /// Who it is passed to, in order (departments or names). Blank rows are added to fill the
    /// table.
    pub recipients: Vec<String>,
}

/// Why no PDF could be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The typesetter refused the page description. This is a fault of the program, not of
    /// the bundle: bundle text never reaches the typesetter as anything but text.
    #[error("the PDF could not be laid out: {0}")]
    Layout(String),
    /// The letters are longer than Kairan prints: laying out thousands of pages would take
    /// minutes and gigabytes.
    #[error(
        "the letters are too long to print ({bytes} bytes; Kairan prints at most {limit} bytes of letters, several hundred pages)"
    )]
    TooLong {
        /// The size of the letters to print.
        bytes: u64,
        /// [`MAX_PRINTED_BYTES`].
        limit: u64,
    },
    /// The letters hold more masked fields, omitted sections and links than Kairan prints.
    #[error(
        "the letters hold too many masked fields, omitted sections and links to print ({count}; Kairan prints at most {limit})"
    )]
    TooManyNotes {
        /// How many the letters hold.
        count: usize,
        /// [`MAX_PRINTED_NOTES`].
        limit: usize,
    },
}

/// The most letter text (the documents' stored size) Kairan lays out: about 400 pages of
/// plain Japanese. A notice is rarely a hundredth of it.
pub const MAX_PRINTED_BYTES: u64 = 2 * 1024 * 1024;

/// The most notes (masked fields, omitted sections and links) Kairan lays out: each is a
/// footnote or a frame, and they, not the text, make a long PDF slow. A notice has tens.
pub const MAX_PRINTED_NOTES: usize = 2_000;

/// The floor `benches/pdf.rs` compares [`render`] with: `paragraphs` set by the same engine in
/// the same font and page size as plain paragraphs, with no verdict strip, footer, notes, boxes
/// or letter layout. Not for printing notices: it states no verdict.
#[doc(hidden)]
pub fn plain_paragraphs_for_benchmark(paragraphs: &[String]) -> Result<Vec<u8>, PdfError> {
    let data = serde_json::json!({ "paragraphs": paragraphs }).to_string();
    typeset::plain_pdf(&data)
}

/// The PDF of `request`, as bytes.
///
/// Letters are printed only when the verdict shows them or the reader chose "Show anyway";
/// every page carries the verdict either way.
pub fn render(request: &PdfRequest<'_>) -> Result<Vec<u8>, PdfError> {
    if request.prints_letters() {
        let bytes: u64 = request
            .bundle
            .documents
            .iter()
            .map(|document| document.entry.size)
            .sum();
        if bytes > MAX_PRINTED_BYTES {
            return Err(PdfError::TooLong {
                bytes,
                limit: MAX_PRINTED_BYTES,
            });
        }
        let count: usize = request
            .bundle
            .documents
            .iter()
            .map(|document| {
                let document = &document.document;
                document.mask_count() + document.omission_count() + document.links().count()
            })
            .sum();
        if count > MAX_PRINTED_NOTES {
            return Err(PdfError::TooManyNotes {
                count,
                limit: MAX_PRINTED_NOTES,
            });
        }
    }
    let paper = content::Paper::new(request);
    let data =
        serde_json::to_string(&paper).map_err(|error| PdfError::Layout(error.to_string()))?;
    typeset::pdf(&data, request.checked_at)
}
