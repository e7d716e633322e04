//! The JSON forms of a document, strict (unknown and duplicate keys refused at every level):
//!
//! - **version 1**: the letter's head (addressee, issuer lines, title, a copy's caption) is
//!   plain strings;
//! - **version 2**: the head is inline content like the body (`[{"type":"text",…},
//!   {"type":"mask",…}]`), so masks and links may appear there.
//!
//! Both read into the one [`Document`]. A document is written in the lowest version that can
//! carry it, so that a letter with nothing new is stored byte for byte as before (the sample
//! bundle is reproduced by `pack`) and readers that know only version 1 still open it.

use serde::{Deserialize, Serialize};

use super::model::{
    Block, DOCUMENT_FORMAT, DOCUMENT_FORMAT_VERSION, Document, DocumentError, Inline, LetterDate,
    Source,
};

/// The two keys that say which form the rest is in; other keys are read by the form itself.
#[derive(Deserialize)]
struct Header {
    format: String,
    format_version: u32,
}

/// Version 1: the head as strings.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentV1 {
    format: String,
    format_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<LetterDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    addressee: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    issuer: Vec<String>,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<SourceV1>,
    body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closing: Option<String>,
}

/// Version 1's provenance: the caption as a string.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceV1 {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retrieved: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
}

/// Version 2: the head as inline content.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentV2 {
    format: String,
    format_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<LetterDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    addressee: Option<Vec<Inline>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    issuer: Vec<Vec<Inline>>,
    title: Vec<Inline>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<Source>,
    body: Vec<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closing: Option<String>,
}

/// Reads either form.
pub(super) fn read(bytes: &[u8]) -> Result<Document, DocumentError> {
    let header: Header = serde_json::from_slice(bytes)?;
    if header.format != DOCUMENT_FORMAT {
        return Err(DocumentError::WrongFormat {
            found: header.format,
        });
    }
    match header.format_version {
        1 => {
            let v1: DocumentV1 = serde_json::from_slice(bytes)?;
            if let Some(what) = only_in_version_2(&v1.body) {
                return Err(DocumentError::NeedsVersion2(what));
            }
            Ok(Document {
                date: v1.date,
                addressee: v1.addressee.map(|text| runs_of(&text)),
                issuer: v1.issuer.iter().map(|line| runs_of(line)).collect(),
                title: runs_of(&v1.title),
                source: v1.source.map(|source| Source {
                    publisher: source.publisher,
                    url: source.url,
                    retrieved: source.retrieved,
                    caption: source.caption.map(|text| runs_of(&text)),
                }),
                body: v1.body,
                closing: v1.closing,
            })
        }
        DOCUMENT_FORMAT_VERSION => {
            let v2: DocumentV2 = serde_json::from_slice(bytes)?;
            Ok(Document {
                date: v2.date,
                addressee: v2.addressee,
                issuer: v2.issuer,
                title: v2.title,
                source: v2.source,
                body: v2.body,
                closing: v2.closing,
            })
        }
        found => Err(DocumentError::UnsupportedVersion { found }),
    }
}

/// Writes the lowest form that carries `document`, pretty-printed with a final newline.
pub(super) fn write(document: &Document) -> Vec<u8> {
    let written = match as_version_1(document) {
        Some(v1) => serde_json::to_vec_pretty(&v1),
        None => serde_json::to_vec_pretty(&DocumentV2 {
            format: DOCUMENT_FORMAT.to_owned(),
            format_version: DOCUMENT_FORMAT_VERSION,
            date: document.date.clone(),
            addressee: document.addressee.clone(),
            issuer: document.issuer.clone(),
            title: document.title.clone(),
            source: document.source.clone(),
            body: document.body.clone(),
            closing: document.closing.clone(),
        }),
    };
    let mut bytes = written.unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// What in `body` only version 2 can carry, if anything: a note, a table, a nested list or
/// bold text.
fn only_in_version_2(body: &[Block]) -> Option<&'static str> {
    body.iter().find_map(|block| match block {
        Block::Note { .. } => Some("a note"),
        Block::Table(_) => Some("a table"),
        Block::List { depth, .. } if *depth > 0 => Some("a nested list"),
        _ => block
            .runs()
            .iter()
            .flat_map(|run| run.iter())
            .any(|inline| matches!(inline, Inline::Strong { .. }))
            .then_some("bold text"),
    })
}

/// The version 1 form of `document`, if every line of its head is plain text and the body
/// holds nothing only version 2 can carry.
fn as_version_1(document: &Document) -> Option<DocumentV1> {
    if only_in_version_2(&document.body).is_some() {
        return None;
    }
    let source = match &document.source {
        Some(source) => Some(SourceV1 {
            publisher: source.publisher.clone(),
            url: source.url.clone(),
            retrieved: source.retrieved.clone(),
            caption: match &source.caption {
                Some(caption) => Some(plain(caption)?),
                None => None,
            },
        }),
        None => None,
    };
    let addressee = match &document.addressee {
        Some(addressee) => Some(plain(addressee)?),
        None => None,
    };
    let issuer = document
        .issuer
        .iter()
        .map(|line| plain(line))
        .collect::<Option<Vec<String>>>()?;
    Some(DocumentV1 {
        format: DOCUMENT_FORMAT.to_owned(),
        format_version: 1,
        date: document.date.clone(),
        addressee,
        issuer,
        title: plain(&document.title)?,
        source,
        body: document.body.clone(),
        closing: document.closing.clone(),
    })
}

/// A version 1 string as inline content: nothing for an empty string, one text run otherwise.
fn runs_of(text: &str) -> Vec<Inline> {
    Inline::line(text)
}

/// The version 1 string for inline content that [`runs_of`] gives back unchanged: nothing, or
/// one non-empty text run.
fn plain(runs: &[Inline]) -> Option<String> {
    match runs {
        [] => Some(String::new()),
        [Inline::Text { text }] if !text.is_empty() => Some(text.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Mask, WithheldBy};

    fn head_mask() -> Document {
        Document {
            issuer: vec![vec![
                Inline::Mask(Mask {
                    marker: "●●●●".into(),
                    label: Some("社名".into()),
                    reason: None,
                    masked_by: WithheldBy::Author,
                }),
                Inline::text("株式会社"),
            ]],
            title: vec![Inline::text("お知らせ")],
            ..Document::default()
        }
    }

    #[test]
    fn a_plain_head_is_written_as_version_1_and_a_masked_one_as_version_2() {
        let plain = Document {
            title: vec![Inline::text("お知らせ")],
            ..Document::default()
        };
        let json = String::from_utf8(plain.to_json()).unwrap();
        assert!(json.contains("\"format_version\": 1"), "{json}");
        assert!(json.contains("\"title\": \"お知らせ\""), "{json}");
        assert_eq!(Document::from_json(json.as_bytes()).unwrap(), plain);

        let masked = head_mask();
        let json = String::from_utf8(masked.to_json()).unwrap();
        assert!(json.contains("\"format_version\": 2"), "{json}");
        assert_eq!(Document::from_json(json.as_bytes()).unwrap(), masked);
        assert_eq!(masked.mask_count(), 1, "a mask in the head counts");
    }

    #[test]
    fn each_version_refuses_the_others_head() {
        let v1_with_runs = r#"{"format":"kairan-document","format_version":1,
            "title":[{"type":"text","text":"t"}],"body":[]}"#;
        assert!(Document::from_json(v1_with_runs.as_bytes()).is_err());
        let v2_with_string = r#"{"format":"kairan-document","format_version":2,
            "title":"t","body":[]}"#;
        assert!(Document::from_json(v2_with_string.as_bytes()).is_err());
        let v2_unknown = r#"{"format":"kairan-document","format_version":2,
            "title":[],"body":[],"hidden":1}"#;
        assert!(Document::from_json(v2_unknown.as_bytes()).is_err());
        let twice = r#"{"format":"kairan-document","format_version":2,"format_version":1,
            "title":[],"body":[]}"#;
        assert!(Document::from_json(twice.as_bytes()).is_err());
    }

    #[test]
    fn a_control_character_in_a_head_run_is_refused() {
        let json = r#"{"format":"kairan-document","format_version":2,
            "title":[{"type":"text","text":"a\nb"}],"body":[]}"#;
        assert!(matches!(
            Document::from_json(json.as_bytes()),
            Err(DocumentError::ControlInLine("title"))
        ));
    }
}
