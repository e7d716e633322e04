//! The typesetter in a sealed room: a Typst [`World`] whose only source is Kairan's template,
//! whose only fonts are the program's own (BIZ UDGothic), and which can read no file and fetch
//! no package. The page data arrives as one string input (`sys.inputs.paper`).

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue as _, Str};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt as _, World};
use typst_layout::PagedDocument;

use super::PdfError;

const TEMPLATE: &str = include_str!("template.typ");
/// The benchmark's floor: paragraphs in the same font and page size, nothing else.
const PLAIN_TEMPLATE: &str = r#"#let paper = json(bytes(sys.inputs.paper))
#set text(font: "BIZ UDGothic", size: 10pt, lang: "ja", cjk-latin-spacing: none)
#set page(paper: "a4", margin: (top: 31mm, bottom: 36mm, x: 20mm))
#for p in paper.paragraphs { par(p) }
"#;
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/BIZUDGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/BIZUDGothic-Bold.ttf");

/// The program's fonts, read once.
static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    [REGULAR, BOLD]
        .into_iter()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect()
});

struct SealedWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    main: Source,
    today: Option<Datetime>,
}

impl SealedWorld {
    fn new(
        template: &str,
        paper_json: &str,
        today: jiff::civil::Date,
    ) -> Result<SealedWorld, PdfError> {
        let mut inputs = Dict::new();
        inputs.insert("paper".into(), Str::from(paper_json).into_value());
        let library = Library::builder().with_inputs(inputs).build();
        let path = VirtualPath::new("/kairan-page.typ")
            .map_err(|error| PdfError::Layout(format!("{error:?}")))?;
        let main_id = RootedPath::new(VirtualRoot::Project, path).intern();
        Ok(SealedWorld {
            library: LazyHash::new(library),
            book: LazyHash::new(FontBook::from_fonts(FONTS.iter())),
            main: Source::new(main_id, template.to_owned()),
            today: Datetime::from_ymd(
                i32::from(today.year()),
                u8::try_from(today.month()).unwrap_or(1),
                u8::try_from(today.day()).unwrap_or(1),
            ),
        })
    }
}

impl World for SealedWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Sets `paper_json` with the template and writes the PDF.
pub(super) fn pdf(paper_json: &str, checked_at: jiff::Timestamp) -> Result<Vec<u8>, PdfError> {
    pdf_with(TEMPLATE, paper_json, checked_at)
}

/// Sets `{"paragraphs": [...]}` as plain paragraphs: the benchmark's floor.
pub(super) fn plain_pdf(paper_json: &str) -> Result<Vec<u8>, PdfError> {
    pdf_with(PLAIN_TEMPLATE, paper_json, jiff::Timestamp::now())
}

fn pdf_with(
    template: &str,
    paper_json: &str,
    checked_at: jiff::Timestamp,
) -> Result<Vec<u8>, PdfError> {
    let today = checked_at
        .to_zoned(crate::time::readable::local_zone())
        .date();
    let world = SealedWorld::new(template, paper_json, today)?;
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| PdfError::Layout(describe(&errors)))?;
    let options = typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some("Kairan".to_owned())),
        ..typst_pdf::PdfOptions::default()
    };
    let pdf =
        typst_pdf::pdf(&document, &options).map_err(|errors| PdfError::Layout(describe(&errors)));
    // Typst memoises layouts across compilations; a viewer that prints now and then must not
    // keep every notice it ever printed in those caches.
    typst::comemo::evict(0);
    pdf
}
