//! What is sent, not how it was typed: the personal-data checks run a second time on the text
//! the bundle will carry — each paragraph with its source lines joined, every header field,
//! every mask's label and reason, every omission's reason, all after NFKC (so full-width digits,
//! U+3000 and `＠` read as what they are, and `\u0031` escapes in JSON sources are already
//! decoded) — and on the attachments that are text. A number the line-by-line check of the
//! source already reported is not reported twice; one it could not see (broken across two
//! lines, say) is reported at the start of the paragraph that holds it.
//!
//! Attachments that are text are read as UTF-8, UTF-16 (with or without a byte-order mark),
//! ISO-2022-JP or Shift_JIS, with JSON `\u0031` escapes and XML/HTML `&#49;` references decoded
//! before the checks run. Attachments that are not text, or text in another encoding, are named
//! in a note: nobody should believe a PDF was checked when it was not. Every attachment is
//! checked, key rollovers included: `bundle.json` only claims what a file is.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization as _;

use super::personal_data::personal_data_in_line;
use super::{Finding, FindingCode, FindingDetail, NotScanned, Severity, Sink, start};
use crate::authoring::{CompiledAttachment, CompiledDocument, Position, SourceMetadata};
use crate::document::{Block, Inline};

/// Checks the compiled text of one document; `source_findings` are what the source check
/// already reported for it.
pub(super) fn check_sent(
    compiled: &CompiledDocument,
    source_findings: &[Finding],
    out: &mut Vec<Finding>,
) {
    let mut reported: HashSet<(FindingCode, String)> = source_findings
        .iter()
        .filter_map(|finding| same_data(&finding.detail))
        .collect();
    let mut sink = Sink {
        file: &compiled.source_path,
        out,
    };
    for (at, text) in sent_text(compiled) {
        let normalised: String = text.nfkc().collect();
        for line in normalised.split('\n') {
            for (_, severity, detail) in personal_data_in_line(line) {
                if let Some(key) = same_data(&detail)
                    && reported.insert(key)
                {
                    sink.push(at, severity, detail);
                }
            }
        }
    }
}

/// Checks the values of `bundle.json` that go into every bundle's manifest: the bundle and
/// series ids, the issuer's name and the recipient. Findings point at the top of the file.
pub(super) fn check_metadata(metadata: &SourceMetadata, out: &mut Vec<Finding>) {
    let mut sink = Sink {
        file: crate::authoring::SOURCE_METADATA,
        out,
    };
    let values = [
        Some(&metadata.bundle_id),
        Some(&metadata.series.id),
        Some(&metadata.issuer_name),
        metadata.recipient.as_ref(),
    ];
    for value in values.into_iter().flatten() {
        let normalised: String = value.nfkc().collect();
        for (_, severity, detail) in personal_data_in_line(&normalised) {
            sink.push(start(), severity, detail);
        }
    }
}

/// Checks every attachment that is text, line by line; names the others in a note.
pub(super) fn check_attachments(attachments: &[CompiledAttachment], out: &mut Vec<Finding>) {
    for attachment in attachments {
        let mut sink = Sink {
            file: &attachment.bundle_path,
            out,
        };
        let media_type = attachment.media_type.clone();
        if !is_text(&attachment.media_type) {
            sink.push(
                start(),
                Severity::Note,
                FindingDetail::AttachmentNotScanned {
                    media_type,
                    why: NotScanned::NotText,
                },
            );
            continue;
        }
        let Some(text) = decode(&attachment.bytes) else {
            sink.push(
                start(),
                Severity::Note,
                FindingDetail::AttachmentNotScanned {
                    media_type,
                    why: NotScanned::UnknownEncoding,
                },
            );
            continue;
        };
        for (index, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line = decode_references(line);
            for (column, severity, detail) in personal_data_in_line(&line) {
                let at = Position {
                    line: index + 1,
                    column: column + 1,
                };
                sink.push(at, severity, detail);
            }
        }
    }
}

/// What makes two findings about the same piece of data: the check and the value, digits only
/// for numbers and in lower case for addresses.
fn same_data(detail: &FindingDetail) -> Option<(FindingCode, String)> {
    let value = match detail {
        FindingDetail::IndividualNumber { number }
        | FindingDetail::PensionNumber { number }
        | FindingDetail::EmploymentInsuranceNumber { number }
        | FindingDetail::BankAccount { number }
        | FindingDetail::PhoneNumber { number } => number
            .chars()
            .map(crate::authoring::half_width_digit)
            .filter(char::is_ascii_digit)
            .collect(),
        FindingDetail::EmailAddress { address } => {
            address.nfkc().collect::<String>().to_lowercase()
        }
        _ => return None,
    };
    Some((detail.code(), value))
}

/// Every piece of text the document will carry, with where it starts in the source. A mask
/// ends a line, so that digits on either side of one never join into a number.
fn sent_text(compiled: &CompiledDocument) -> Vec<(Position, String)> {
    let document = &compiled.document;
    let map = &compiled.map;
    let at = |position: Option<Position>| position.unwrap_or_else(start);
    let mut out = Vec::new();
    if let Some(source) = &document.source {
        if let Some(caption) = &source.caption {
            out.push((start(), line_of(caption)));
        }
        for field in [&source.publisher, &source.url].into_iter().flatten() {
            out.push((start(), field.clone()));
        }
    }
    if let Some(date) = &document.date {
        out.push((at(map.date), date.text.clone()));
    }
    if let Some(addressee) = &document.addressee {
        out.push((at(map.addressee), line_of(addressee)));
    }
    if !document.issuer.is_empty() {
        let lines: Vec<String> = document.issuer.iter().map(|line| line_of(line)).collect();
        out.push((at(map.issuer), lines.join("\n")));
    }
    out.push((at(map.title), line_of(&document.title)));
    for (index, block) in document.body.iter().enumerate() {
        let block_at = at(map.blocks.get(index).copied());
        let text = match block {
            Block::Omission(omission) => [Some(&omission.marker), omission.reason.as_ref()]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
            _ => block.text_with(line_of),
        };
        out.push((block_at, text));
    }
    let masks = document.inlines().filter_map(|inline| match inline {
        Inline::Mask(mask) => Some(mask),
        _ => None,
    });
    for (index, mask) in masks.enumerate() {
        let mask_at = at(map.masks.get(index).copied());
        for field in [&mask.label, &mask.reason].into_iter().flatten() {
            out.push((mask_at, field.clone()));
        }
    }
    if let Some(closing) = &document.closing {
        out.push((start(), closing.clone()));
    }
    out
}

/// A run of inlines as sent: text and link text as they are, each mask as a line break.
fn line_of(content: &[Inline]) -> String {
    content
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } | Inline::Strong { text } | Inline::Link { text, .. } => {
                text.as_str()
            }
            Inline::Mask(_) => "\n",
        })
        .collect()
}

/// Whether a media type (`text/csv; charset=shift_jis`) is text the checks can read.
fn is_text(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xml"
                | "application/csv"
                | "application/x-csv"
                | "application/x-ndjson"
                | "application/yaml"
                | "application/vnd.kairan.minisign-signature"
        )
}

/// A line with JSON `\uXXXX` escapes and XML/HTML numeric references (`&#49;`, `&#x31;`)
/// replaced by the characters they stand for; anything else is left as it is.
fn decode_references(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut index = 0;
    while index < chars.len() {
        let rest = &chars[index..];
        if rest.len() >= 6 && rest[0] == '\\' && rest[1] == 'u' {
            let hex: String = rest[2..6].iter().collect();
            if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                out.push(c);
                index += 6;
                continue;
            }
        }
        if rest.len() >= 4 && rest[0] == '&' && rest[1] == '#' {
            let hex = matches!(rest[2], 'x' | 'X');
            let digits_start = if hex { 3 } else { 2 };
            let digits: String = rest[digits_start..]
                .iter()
                .take(8)
                .take_while(|c| c.is_ascii_hexdigit())
                .collect();
            let end = digits_start + digits.chars().count();
            let value = u32::from_str_radix(&digits, if hex { 16 } else { 10 }).ok();
            if rest.get(end) == Some(&';')
                && let Some(c) = value.and_then(char::from_u32)
            {
                out.push(c);
                index += end + 1;
                continue;
            }
        }
        out.push(chars[index]);
        index += 1;
    }
    out
}

/// Text in the encodings Japanese offices use: UTF-16 (by its byte-order mark, or by the zero
/// bytes ASCII leaves in it), UTF-8 (with or without a mark), ISO-2022-JP (by its escape
/// sequences, which UTF-8 would take as plain ASCII) or Shift_JIS (as Japanese spreadsheets save
/// CSV). `None` if it is none of them.
fn decode(bytes: &[u8]) -> Option<String> {
    let strict = |encoding: &'static encoding_rs::Encoding, bytes: &[u8]| {
        encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(std::borrow::Cow::into_owned)
    };
    if let Some((encoding, mark)) = encoding_rs::Encoding::for_bom(bytes) {
        return strict(encoding, &bytes[mark..]);
    }
    if bytes.contains(&0) {
        let zeros_at = |parity: usize| {
            bytes
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&byte| byte == 0)
                .count()
        };
        let encoding = if zeros_at(1) >= zeros_at(0) {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        return strict(encoding, bytes);
    }
    if bytes.contains(&0x1B) {
        return strict(encoding_rs::ISO_2022_JP, bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_owned());
    }
    strict(encoding_rs::SHIFT_JIS, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_media_types_are_told_from_others() {
        for text in [
            "text/csv",
            "text/plain; charset=shift_jis",
            "application/json",
            "application/ld+json",
            "TEXT/CSV",
        ] {
            assert!(is_text(text), "{text}");
        }
        for other in ["application/pdf", "image/png", "application/vnd.ms-excel"] {
            assert!(!is_text(other), "{other}");
        }
    }

    #[test]
    fn attachments_decode_as_utf8_or_shift_jis() {
        assert_eq!(decode("氏名,番号".as_bytes()).as_deref(), Some("氏名,番号"));
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xE6\xB0\x8F").as_deref(),
            Some("氏"),
            "a byte-order mark is dropped"
        );
        let (shift_jis, _, _) = encoding_rs::SHIFT_JIS.encode("氏名,番号");
        assert_eq!(decode(&shift_jis).as_deref(), Some("氏名,番号"));
        assert_eq!(decode(&[0xFD, 0xFD, 0x80]), None);
        let utf16: Vec<u8> = "番号 123"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&utf16).as_deref(),
            Some("番号 123"),
            "UTF-16 without a mark"
        );
        let (jis, _, _) = encoding_rs::ISO_2022_JP.encode("番号 123");
        assert_eq!(decode(&jis).as_deref(), Some("番号 123"));
    }

    #[test]
    fn escapes_and_references_are_decoded_before_the_checks() {
        assert_eq!(
            decode_references("\\u0031\\u0032&#51;&#x34;&#X35;"),
            "12345"
        );
        assert_eq!(
            decode_references("&#;&#xZZ;\\uZZZZ &amp;"),
            "&#;&#xZZ;\\uZZZZ &amp;"
        );
    }
}
