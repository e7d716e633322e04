//! Where each letter of the text starts (its date next to its addressee, perhaps under a
//! forwarding caption), and each letter's head: date, addressee, caption, issuer lines and title,
//! up to the first block that starts the body. The body itself is left to `blocks`.
//!
//! English letters are read with the same rules and their own words: a date such as
//! `June 3, 2025`, an addressee such as `To our customers` or `Dear Customer,`, a letterhead
//! above the date (kept as the issuer), `Dear …,` opening the body, and a sign-off
//! (`Sincerely,` and the signature lines below it) kept a line at a time.

use super::DetectionNote;
use super::attribution::attribution;
use super::blocks::{BodyReader, heading_level, list_items, omission_marker};
use super::text::{Ch, TextBlock, at, string, text_blocks};
use super::{Detection, DetectionKind, ImportError, ImportedLetter, detection};
use crate::authoring::{AUTHORING_EXTENSION, parse_english_date, parse_written_date};
use crate::bundle::Role;
use crate::document::{Document, Inline, LetterDate, Source, inline_text};

/// The date of a line that holds only a date (and perhaps its weekday).
pub(super) fn date_line(block: &TextBlock) -> Option<String> {
    let line = block.single_line()?;
    let dated = ["Date:", "DATE:", "Date：", "日付：", "日付:"]
        .iter()
        .find_map(|label| line.strip_prefix(label))
        .map(str::trim);
    if let Some(iso) = parse_english_date(dated.unwrap_or(&line)) {
        return Some(iso);
    }
    if let Some(dated) = dated {
        return parse_written_date(dated);
    }
    let mut core = line.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if core.ends_with(close)
            && let Some(start) = core.rfind(open)
            && core[start..].chars().count() <= 4
        {
            core = core[..start].trim_end();
        }
    }
    let plain = core.ends_with('日')
        || core
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'));
    if !plain || core.chars().count() > 14 {
        return None;
    }
    parse_written_date(core)
}

pub(super) fn is_addressee(block: &TextBlock) -> bool {
    let Some(line) = block.single_line() else {
        return false;
    };
    let lower = line.to_lowercase();
    if ["to ", "to: ", "dear "]
        .iter()
        .any(|opening| lower.starts_with(opening))
    {
        return line.chars().count() <= 60 && !line.ends_with(['.', '!', '?']);
    }
    let bare = line.strip_suffix('へ').unwrap_or(&line);
    line.chars().count() <= 40
        && !line.ends_with('。')
        && (["各位", "様", "御中", "殿"]
            .iter()
            .any(|ending| bare.ends_with(ending))
            || line.contains("各位"))
}

fn is_caption(block: &TextBlock) -> bool {
    let Some(line) = block.single_line() else {
        return false;
    };
    let dashed = |c: char| matches!(c, '—' | '―' | '─' | '-' | '－' | '【' | '】' | '〔' | '〕');
    !line.ends_with('。')
        && line.chars().count() <= 80
        && (line.starts_with(dashed) && line.ends_with(dashed) || line.contains("参考"))
}

pub(super) const SALUTATIONS: [&str; 6] = ["拝啓", "前略", "謹啓", "冠省", "急啓", "拝復"];

pub(super) fn read_letters(
    text: &str,
) -> Result<(Vec<ImportedLetter>, Vec<Detection>), ImportError> {
    let blocks = text_blocks(text);
    let mut starts = Vec::new();
    let mut index = 0;
    while index + 1 < blocks.len() {
        let date_first = date_line(&blocks[index]).is_some() && is_addressee(&blocks[index + 1]);
        let addressee_first =
            is_addressee(&blocks[index]) && date_line(&blocks[index + 1]).is_some();
        if date_first || addressee_first {
            starts.push(index);
            index += 2;
        } else {
            index += 1;
        }
    }
    if starts.is_empty() {
        return Err(ImportError::NoLetter);
    }
    // A caption sits right before its letter's start.
    let mut ranges = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let previous_end = if n == 0 { 0 } else { starts[n - 1] + 2 };
        let caption = (start > previous_end && is_caption(&blocks[start - 1])).then(|| start - 1);
        ranges.push((caption, start));
    }
    let first_content = ranges[0].0.unwrap_or(ranges[0].1);
    let letterhead = &blocks[..first_content];
    if !letterhead.is_empty() && (ranges[0].0.is_some() || !is_letterhead(letterhead)) {
        return Err(ImportError::TextBeforeFirstLetter {
            line: blocks[0].line(),
        });
    }
    let mut letters = Vec::new();
    let mut detections = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut firm_seen = false;
    for (n, &(caption, start)) in ranges.iter().enumerate() {
        let end = ranges
            .get(n + 1)
            .map_or(blocks.len(), |(caption, start)| caption.unwrap_or(*start));
        let caption = caption.map(|index| &blocks[index]);
        let mut letter_detections = Vec::new();
        let (document, role) = read_letter(
            caption,
            if n == 0 { letterhead } else { &[] },
            &blocks[start..end],
            &mut letter_detections,
            &mut firm_seen,
        )?;
        let base = match role {
            Role::FirmNotice => "firm-notice",
            Role::Report => "vendor-report",
            _ => "vendor-notice",
        };
        let date = document
            .date
            .as_ref()
            .map_or_else(|| format!("{}", n + 1), |date| date.iso.clone());
        let mut name = format!("{base}-{date}");
        let mut counter = 2;
        while names.contains(&name) {
            name = format!("{base}-{date}-{counter}");
            counter += 1;
        }
        names.push(name.clone());
        let path = format!("documents/{name}{AUTHORING_EXTENSION}");
        for detection in &mut letter_detections {
            detection.document = Some(path.clone());
        }
        detections.append(&mut letter_detections);
        letters.push(ImportedLetter {
            document,
            role,
            name,
        });
    }
    Ok((letters, detections))
}

/// Whether the blocks above the first letter's date are a letterhead (a company's name and
/// address): a few short lines, none a sentence.
fn is_letterhead(blocks: &[TextBlock]) -> bool {
    let lines: Vec<String> = blocks
        .iter()
        .flat_map(|block| block.lines.iter().map(|line| string(line)))
        .collect();
    lines.len() <= 8
        && lines.iter().all(|line| {
            line.chars().count() <= 80
                && !line.contains('。')
                && !line.trim_end().ends_with(['!', '?', '！', '？'])
                && line.split_whitespace().count() <= 10
        })
}

/// The complimentary close that opens an English sign-off block.
fn is_sign_off(block: &TextBlock) -> bool {
    let Some(first) = block.lines.first() else {
        return false;
    };
    let first = string(first).trim().to_lowercase();
    [
        "sincerely,",
        "sincerely yours,",
        "yours sincerely,",
        "yours faithfully,",
        "yours truly,",
        "best regards,",
        "kind regards,",
        "warm regards,",
        "regards,",
        "respectfully,",
        "with our apologies,",
        "with apologies,",
        "thank you,",
        "best,",
    ]
    .contains(&first.as_str())
}

fn read_letter(
    caption: Option<&TextBlock>,
    letterhead: &[TextBlock],
    blocks: &[TextBlock],
    detections: &mut Vec<Detection>,
    firm_seen: &mut bool,
) -> Result<(Document, Role), ImportError> {
    let letter_line = blocks[0].line();
    let (date_block, addressee_block) = if date_line(&blocks[0]).is_some() {
        (&blocks[0], &blocks[1])
    } else {
        (&blocks[1], &blocks[0])
    };
    let date_text = date_block.text();
    let date = date_line(date_block).map(|iso| LetterDate {
        iso: iso.clone(),
        text: date_text.clone(),
    });
    detections.push(detection(
        at(date_block),
        DetectionKind::Letter,
        &date_text,
        DetectionNote::LetterStarts {
            date: date.as_ref().map(|date| date.iso.clone()),
        },
    ));
    let addressee = addressee_block.text();
    detections.push(detection(
        at(addressee_block),
        DetectionKind::Addressee,
        &addressee,
        DetectionNote::Addressee,
    ));

    let caption_text = caption.map(TextBlock::text);
    if let (Some(block), Some(text)) = (caption, &caption_text) {
        detections.push(detection(
            at(block),
            DetectionKind::Caption,
            text,
            DetectionNote::Caption,
        ));
    }

    // Header: issuer lines and the title, up to the first body block.
    let rest = &blocks[2..];
    let body_start = rest.iter().position(starts_body).unwrap_or(rest.len());
    let header = &rest[..body_start];
    let Some((title_block, issuer_blocks)) = header.split_last() else {
        return Err(ImportError::NoTitle { line: letter_line });
    };
    let title = title_block.text();
    detections.push(detection(
        at(title_block),
        DetectionKind::Title,
        &title,
        DetectionNote::Title,
    ));
    let letterhead_lines = letterhead.iter().flat_map(|block| &block.lines);
    let issuer_lines = issuer_blocks.iter().flat_map(|block| &block.lines);
    let issuer_lines: Vec<(&Vec<Ch>, DetectionNote)> = letterhead_lines
        .map(|line| (line, DetectionNote::Letterhead))
        .chain(issuer_lines.map(|line| (line, DetectionNote::Issuer)))
        .collect();
    for (line, note) in &issuer_lines {
        detections.push(detection(
            (line[0].line, line[0].column),
            DetectionKind::Issuer,
            &string(line),
            note.clone(),
        ));
    }
    let body_blocks = &rest[body_start..];
    let body_text: String = body_blocks.iter().map(TextBlock::text).collect();
    let who = attribution(caption_text.as_deref(), &body_text);
    let template = ["記入例", "雛形", "ひな形", "テンプレート", "様式"]
        .iter()
        .any(|word| body_text.contains(word));

    let mut reader = BodyReader {
        blocks: Vec::new(),
        detections,
        who,
        template,
        join_paragraphs: true,
        heading: None,
        level_one: 0,
        level_two: 0,
        ids: Vec::new(),
    };
    // The head is read as running text too, so that ●●●●株式会社 in an issuer line is a mask
    // there, in reading order: caption, addressee, issuer lines, title.
    let caption_runs = caption.map(|block| reader.head_runs(&block.joined()));
    let addressee_runs = reader.head_runs(&addressee_block.joined());
    let issuer: Vec<Vec<Inline>> = issuer_lines
        .iter()
        .map(|(line, _)| reader.head_runs(line))
        .collect();
    let title_runs = reader.head_runs(&title_block.joined());
    let mut closing = None;
    for (index, block) in body_blocks.iter().enumerate() {
        let last = index + 1 == body_blocks.len();
        if last && block.single_line().as_deref() == Some("以上") {
            closing = Some("以上".to_owned());
            continue;
        }
        if is_sign_off(block) {
            reader.detections.push(detection(
                at(block),
                DetectionKind::SignOff,
                &block.text(),
                DetectionNote::SignOff,
            ));
            for line in &block.lines {
                let single = TextBlock {
                    lines: vec![line.clone()],
                };
                reader.block(&single, false);
            }
            continue;
        }
        reader.block(block, index == 0);
    }

    let forwarded = caption_text.is_some();
    let role = if !forwarded && !*firm_seen {
        *firm_seen = true;
        Role::FirmNotice
    } else if title.contains("報告") || title.to_lowercase().contains("report") {
        Role::Report
    } else {
        Role::VendorNotice
    };
    // The publisher is read from the caption or the first issuer line only where no mask
    // stands: a masked name must never reach a plain field.
    let caption_unmasked = caption_runs.as_deref().and_then(unmasked_text);
    let source = caption_text.as_ref().map(|_| Source {
        publisher: caption_unmasked
            .as_deref()
            .and_then(publisher_of)
            .or_else(|| issuer.first().and_then(|line| unmasked_text(line))),
        url: None,
        retrieved: None,
        caption: caption_runs,
    });
    let document = Document {
        date,
        addressee: Some(addressee_runs),
        issuer,
        title: title_runs,
        source,
        body: reader.blocks,
        closing,
    };
    Ok((document, role))
}

/// The text of a run of inline content that holds no mask (nor anything else but text and
/// links); `None` if a mask stands in it.
pub(super) fn unmasked_text(runs: &[Inline]) -> Option<String> {
    runs.iter()
        .all(|inline| !matches!(inline, Inline::Mask(_)))
        .then(|| inline_text(runs))
}

/// The publisher a caption names: `—ご参考 株式会社Xからのお知らせ—` → `株式会社X`.
fn publisher_of(caption: &str) -> Option<String> {
    let inner = caption.trim_matches(|c: char| {
        matches!(c, '—' | '―' | '─' | '-' | '－' | '【' | '】' | '〔' | '〕') || c.is_whitespace()
    });
    let inner = inner
        .strip_prefix("ご参考")
        .or_else(|| inner.strip_prefix("参考"))
        .unwrap_or(inner)
        .trim_start_matches([' ', '\u{3000}', '：', ':']);
    let end = inner.find("からの").or_else(|| inner.find("より"))?;
    let name = inner[..end].trim();
    (!name.is_empty()).then(|| name.to_owned())
}

fn starts_body(block: &TextBlock) -> bool {
    let text = block.text();
    let trimmed = text.trim_end();
    SALUTATIONS.iter().any(|word| trimmed.starts_with(word))
        || (trimmed.starts_with("Dear ") && trimmed.ends_with([',', ':']))
        || is_sign_off(block)
        || trimmed.ends_with(['。', '．', '.', '!', '?', '！', '？'])
        || trimmed.contains('。')
        || trimmed.ends_with("ます")
        || heading_level(block).is_some()
        || omission_marker(trimmed).is_some()
        || list_items(block).is_some()
        || trimmed == "記"
        || trimmed == "以上"
}
