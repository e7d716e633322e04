//! What goes on the paper, as plain data: the verdict strip and footer from the [`Assessment`],
//! the circulation slip, and each letter's parts (from [`crate::document::letter`], the same
//! parts the viewer draws) with the notes for masks, omissions and links.
//!
//! Every string taken from the bundle is made visible here ([`crate::escape`]) and travels to
//! the template as a JSON string value; the template places it as text and never evaluates it.

use serde::Serialize;

use super::words::{self, PaperWords};
use super::{PdfRequest, Slip};
use crate::bundle::{OpenedBundle, Verdict};
use crate::document::letter::{self, PartStyle, Span};
use crate::document::{Block, Document, LinkTarget, Mask, Omission, inline_text};
use crate::escape::{one_line, visible};

mod verdict;

use crate::language::{Language, fill};
use crate::trust::Status;
use verdict::{Strip, footer, strip};

/// The longest a value from the bundle is quoted in a note, in characters.
const NOTE_VALUE_CHARS: usize = 2_000;
/// The longest a name or id is quoted in the verdict strip, the footer and the slip, so that a
/// bundle cannot push the verdict off the page with a long claimed name.
const NAME_CHARS: usize = 60;

/// The whole paper, serialised for the template.
#[derive(Debug, Serialize)]
pub(super) struct Paper {
    title: String,
    words: WordsOut,
    strip: Strip,
    footer: Vec<String>,
    copy_note: &'static str,
    notice: Option<&'static str>,
    slip: Option<SlipOut>,
    documents: Vec<DocumentOut>,
}

#[derive(Debug, Serialize)]
struct WordsOut {
    code: &'static str,
    page: &'static str,
}

#[derive(Debug, Serialize)]
struct SlipOut {
    title: &'static str,
    rows: Vec<(&'static str, String)>,
    columns: [&'static str; 4],
    recipients: Vec<String>,
    instructions: &'static str,
}

#[derive(Debug, Serialize)]
struct DocumentOut {
    role: &'static str,
    about: Vec<String>,
    altered: Option<&'static str>,
    parts: Vec<PartOut>,
}

#[derive(Debug, Default, Serialize)]
struct PartOut {
    style: &'static str,
    spans: Vec<SpanOut>,
    marker: Option<String>,
    note: Vec<String>,
    /// A list item's depth.
    depth: u8,
    /// A table's columns, whether its first row is a header, and its cells row by row.
    columns: usize,
    header: bool,
    cells: Vec<Vec<SpanOut>>,
}

#[derive(Debug, Serialize)]
struct SpanOut {
    kind: &'static str,
    text: String,
    note: Option<String>,
}

/// The fewest rows the slip's table has, so that names can be written in by hand.
const SLIP_MIN_ROWS: usize = 6;

impl Paper {
    /// Everything the template prints for `request`.
    pub(super) fn new(request: &PdfRequest<'_>) -> Paper {
        let language = request.language;
        let words = PaperWords::of(language);
        let bundle = request.bundle;
        let status = request.assessment.status;
        let prints_letters = request.prints_letters();
        // "Shown anyway" is said in the strip, on every page.
        let notice = (!prints_letters).then_some(words.contents_withheld);
        let documents = if prints_letters {
            bundle
                .documents
                .iter()
                .map(|document| document_out(bundle, document, request, words))
                .collect()
        } else {
            Vec::new()
        };
        Paper {
            // A title read from a file that is not shown is not printed anywhere, metadata
            // included.
            title: if status.shows_contents() {
                first_title(bundle)
            } else if prints_letters {
                format!("{}{}", words.unverified_title, first_title(bundle))
            } else {
                status.headline(request.language).to_owned()
            },
            words: WordsOut {
                code: words.code,
                page: words.page,
            },
            strip: strip(request, words),
            footer: footer(request, words),
            copy_note: words.copy_note,
            notice,
            slip: request
                .slip
                .map(|slip| slip_out(request, slip, words, prints_letters)),
            documents,
        }
    }
}

/// The title of the bundle's first document (the firm's notice), for the PDF's metadata.
fn first_title(bundle: &OpenedBundle) -> String {
    bundle
        .documents
        .first()
        .map(|document| crate::escape::elided(&document.document.title_text(), TITLE_CHARS))
        .unwrap_or_else(|| crate::escape::elided(&bundle.manifest.bundle_id, TITLE_CHARS))
}

/// The longest the PDF's title (its metadata, what viewers show in their title bar) gets.
const TITLE_CHARS: usize = 200;

/// A value from the bundle inside the program's sentence: on one line, in 「」, at most
/// `max_chars` characters. Its own corner brackets become 『』, as Japanese writes a quotation
/// inside a quotation, so that it can neither close the quotation and go on as the program's
/// words nor read as escape codes.
fn quoted_up_to(text: &str, max_chars: usize) -> String {
    let inner: String = crate::escape::elided(text, max_chars)
        .chars()
        .map(|c| match c {
            '「' => '『',
            '」' => '』',
            other => other,
        })
        .collect();
    format!("「{inner}」")
}

/// A warning as the viewer words it, with the quotation marks its values carried (which the
/// viewer writes as `\u{300C}` so that they cannot close its quotation) written as nested
/// quotation marks instead: 『』 inside 「」, ‘’ inside “”. Only values carry such codes, so
/// none of these can close the program's own quotation.
fn nested_quotes(text: &str) -> String {
    [
        ("\\u{300C}", "『"),
        ("\\u{300D}", "』"),
        ("\\u{300E}", "『"),
        ("\\u{300F}", "』"),
        ("\\u{201C}", "‘"),
        ("\\u{201D}", "’"),
        ("\\u{0022}", "\""),
    ]
    .iter()
    .fold(text.to_owned(), |text, (code, mark)| {
        text.replace(code, mark)
    })
}

/// [`quoted_up_to`] for a value shown whole in a note (a reason), still bounded.
fn quoted(text: &str) -> String {
    quoted_up_to(text, NOTE_VALUE_CHARS)
}

/// [`quoted_up_to`] for a name or id in the strip, the footer or the slip.
fn quoted_name(text: &str) -> String {
    quoted_up_to(text, NAME_CHARS)
}

fn slip_out(
    request: &PdfRequest<'_>,
    slip: &Slip,
    words: &PaperWords,
    prints_letters: bool,
) -> SlipOut {
    let bundle = request.bundle;
    let first = bundle.documents.first().filter(|_| prints_letters);
    let marked = if request.assessment.status.shows_contents() {
        ""
    } else {
        words.unverified_title
    };
    let subject = match first {
        Some(document) => format!(
            "{marked}{}",
            crate::escape::elided(&document.document.title_text(), TITLE_CHARS)
        ),
        None if prints_letters => String::new(),
        None => words.not_printed.to_owned(),
    };
    let issued = match first {
        Some(document) => match &document.document.date {
            Some(date) => one_line(&date.text).into_owned(),
            None => words.not_stated.to_owned(),
        },
        None => words.not_printed.to_owned(),
    };
    // The reader's own name for a trusted key, or plainly that none can be named: the
    // verdict row below says why.
    let sender = match request.assessment.signer() {
        Some(signer)
            if !signer.public_key.is_demo()
                && matches!(
                    request.assessment.status,
                    Status::Verified | Status::VerifiedWithCaution | Status::Alarm
                ) =>
        {
            crate::escape::elided(&signer.name, NAME_CHARS)
        }
        _ => words.sender_not_established.to_owned(),
    };
    let verdict = format!(
        "{} {}",
        words::status_mark(request.assessment.status),
        request.assessment.status.headline(request.language)
    );
    let mut recipients: Vec<String> = slip
        .recipients
        .iter()
        .map(|name| one_line(name.trim()).into_owned())
        .filter(|name| !name.is_empty())
        .collect();
    while recipients.len() < SLIP_MIN_ROWS {
        recipients.push(String::new());
    }
    SlipOut {
        title: words.slip_title,
        rows: vec![
            (words.slip_subject, subject),
            (words.slip_sender, sender),
            (words.slip_verdict, verdict),
            (words.slip_issued, issued),
            (words.slip_received, one_line(&slip.received).into_owned()),
            (words.slip_deadline, one_line(&slip.deadline).into_owned()),
            (words.slip_return_to, one_line(&slip.return_to).into_owned()),
        ],
        columns: [
            words.slip_recipient,
            words.slip_seal,
            words.slip_date,
            words.slip_remarks,
        ],
        recipients,
        instructions: words.slip_instructions,
    }
}

fn document_out(
    bundle: &OpenedBundle,
    document: &crate::bundle::BundleDocument,
    request: &PdfRequest<'_>,
    words: &PaperWords,
) -> DocumentOut {
    let language = request.language;
    let altered = match &bundle.verdict {
        Verdict::Tampered { entry, .. } if *entry == document.entry.path => {
            Some(words.altered_document)
        }
        _ => None,
    };
    let mut about = Vec::new();
    if let Some(source) = &document.document.source {
        let stated = |value: &Option<String>| match value {
            Some(value) => quoted(value),
            None => words.not_stated.to_owned(),
        };
        about.push(format!(
            "{}{}",
            words.source_publisher,
            stated(&source.publisher)
        ));
        about.push(format!("{}{}", words.source_url, stated(&source.url)));
        about.push(format!(
            "{}{}",
            words.source_retrieved,
            stated(&source.retrieved)
        ));
    }
    let mut parts: Vec<PartOut> = Vec::new();
    let mut table_block = None;
    for part in letter::parts(&document.document) {
        let spans = || -> Vec<SpanOut> {
            part.spans
                .iter()
                .map(|span| span_out(bundle, span, words, language))
                .collect()
        };
        let block = match part.key {
            letter::PartKey::Block { block, .. } => Some(block),
            _ => None,
        };
        // A table's cells are gathered into one part, which the template sets as a table.
        if let PartStyle::TableCell {
            row,
            columns,
            header,
            ..
        } = part.style
        {
            if table_block != block || parts.last().is_none_or(|last| last.style != "table") {
                parts.push(PartOut {
                    style: "table",
                    columns,
                    header: header && row == 0,
                    ..PartOut::default()
                });
            }
            table_block = block;
            if let Some(table) = parts.last_mut() {
                table.cells.push(spans());
            }
            continue;
        }
        table_block = None;
        let style = style_name(part.style);
        parts.push(match part.omission {
            Some((_, omission)) => PartOut {
                style,
                marker: Some(one_line(&omission.marker).into_owned()),
                note: omission_note(omission, words, language),
                ..PartOut::default()
            },
            None => PartOut {
                style,
                spans: spans(),
                depth: match part.style {
                    PartStyle::ListItem(depth) => depth,
                    _ => 0,
                },
                ..PartOut::default()
            },
        });
    }
    DocumentOut {
        role: words::role_name(document.entry.role, language),
        about,
        altered,
        parts,
    }
}

fn style_name(style: PartStyle) -> &'static str {
    match style {
        PartStyle::Caption => "caption",
        PartStyle::Date => "date",
        PartStyle::Addressee => "addressee",
        PartStyle::Issuer => "issuer",
        PartStyle::Title => "title",
        PartStyle::Heading(1) => "heading1",
        PartStyle::Heading(_) => "heading2",
        PartStyle::Paragraph => "paragraph",
        PartStyle::Centered => "centered",
        PartStyle::ListItem(_) => "list_item",
        PartStyle::TableCaption => "table_caption",
        PartStyle::TableCell { .. } => "table",
        PartStyle::Omission => "omission",
        PartStyle::Note => "note",
        PartStyle::Closing => "closing",
    }
}

fn span_out(
    bundle: &OpenedBundle,
    span: &Span<'_>,
    words: &PaperWords,
    language: Language,
) -> SpanOut {
    match span {
        Span::Text(text) => SpanOut {
            kind: "text",
            text: visible(text).into_owned(),
            note: None,
        },
        Span::Strong(text) => SpanOut {
            kind: "strong",
            text: visible(text).into_owned(),
            note: None,
        },
        Span::Mask { mask, .. } => SpanOut {
            kind: "mask",
            text: one_line(&mask.marker).into_owned(),
            note: Some(mask_note(mask, words, language)),
        },
        Span::Link { target, text } => SpanOut {
            kind: "link",
            text: visible(text).into_owned(),
            note: Some(format!(
                "{}{}",
                words.link_to,
                link_target(bundle, target, words)
            )),
        },
    }
}

fn stated_or_not(value: Option<&str>, words: &PaperWords) -> String {
    match value {
        Some(value) => quoted(value),
        None => words.not_stated.to_owned(),
    }
}

fn mask_note(mask: &Mask, words: &PaperWords, language: Language) -> String {
    format!(
        "{}　{}{}　{}{}　{}{}",
        words.mask_note,
        words.what,
        stated_or_not(mask.label.as_deref(), words),
        words.reason,
        stated_or_not(mask.reason.as_deref(), words),
        words.by,
        words::withheld_by(mask.masked_by, language)
    )
}

fn omission_note(omission: &Omission, words: &PaperWords, language: Language) -> Vec<String> {
    vec![
        words::omission_kind(omission.kind, language).to_owned(),
        format!(
            "{}{}　{}{}",
            words.reason,
            stated_or_not(omission.reason.as_deref(), words),
            words.omitted_by,
            words::withheld_by(omission.omitted_by, language)
        ),
    ]
}

/// Where a link goes, in words: the address, or the document and heading in this file.
fn link_target(bundle: &OpenedBundle, target: &LinkTarget, words: &PaperWords) -> String {
    match target {
        LinkTarget::External { url } => one_line(url).into_owned(),
        LinkTarget::Document { path, heading } => {
            let Some(document) = bundle.document(path) else {
                return words.link_missing.to_owned();
            };
            let title = quoted(&document.document.title_text());
            match heading
                .as_deref()
                .and_then(|id| heading_text(&document.document, id))
            {
                Some(heading) => fill(
                    words.link_in_bundle,
                    &[("document", &title), ("heading", &quoted(&heading))],
                ),
                None => fill(words.link_to_document, &[("document", &title)]),
            }
        }
    }
}

/// The text of the heading with anchor `id` (masks as their markers).
fn heading_text(document: &Document, id: &str) -> Option<String> {
    document.body.iter().find_map(|block| match block {
        Block::Heading {
            id: heading_id,
            content,
            ..
        } if heading_id == id => Some(inline_text(content)),
        _ => None,
    })
}
