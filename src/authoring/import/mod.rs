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

use crate::authoring::{AUTHORING_EXTENSION, parse_written_date, write_notice};
use crate::bundle::Role;
use crate::document::{
    Block, DOCUMENT_FORMAT, DOCUMENT_FORMAT_VERSION, Document, Inline, LetterDate, Mask, Omission,
    OmissionKind, Source, WithheldBy,
};

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
    /// Something that looks like a mask or omission but was read as ordinary text (a bullet, a
    /// salutation, a template blank, prose about masking, a separator).
    NotWithheld,
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
    /// A short English explanation (who made it, why it was not read as a mask, …).
    pub note: String,
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
        "no letter found: each letter must start with its date (e.g. 2023年6月29日) and its \
         addressee (e.g. お客様各位) on lines of their own"
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

/// Imports the letters in `text` into a notice folder.
///
/// Fails when no letter is found, when text before the first letter would be lost, when a
/// letter has no title, or when the bundle id is not a valid identifier.
pub fn import_letters(text: &str, options: &ImportOptions) -> Result<ImportedFolder, ImportError> {
    let id = &options.bundle_id;
    if id.is_empty()
        || id.len() > 100
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err(ImportError::BadBundleId(id.clone()));
    }
    let (letters, detections) = read_letters(text)?;
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
        .unwrap_or_default();
    let metadata = Metadata {
        bundle_id: id.clone(),
        series: Series {
            id: id.clone(),
            sequence: 1,
        },
        issued_at: issued,
        issuer_name: firm.document.issuer.first().cloned().unwrap_or_default(),
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

/// A character of the input with its 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ch {
    c: char,
    line: usize,
    column: usize,
}

/// A run of non-blank lines.
#[derive(Debug, Clone)]
struct TextBlock {
    lines: Vec<Vec<Ch>>,
}

impl TextBlock {
    fn line(&self) -> usize {
        self.lines
            .first()
            .and_then(|l| l.first())
            .map_or(1, |ch| ch.line)
    }
    fn column(&self) -> usize {
        self.lines
            .first()
            .and_then(|l| l.first())
            .map_or(1, |ch| ch.column)
    }
    /// The block's text, lines joined as a paragraph.
    fn joined(&self) -> Vec<Ch> {
        let mut out: Vec<Ch> = Vec::new();
        for line in &self.lines {
            if let (Some(last), Some(first)) = (out.last().copied(), line.first())
                && !is_wide(last.c)
                && !is_wide(first.c)
            {
                out.push(Ch { c: ' ', ..last });
            }
            out.extend_from_slice(line);
        }
        out
    }
    fn text(&self) -> String {
        string(&self.joined())
    }
    fn single_line(&self) -> Option<String> {
        (self.lines.len() == 1).then(|| string(&self.lines[0]))
    }
}

fn string(chars: &[Ch]) -> String {
    chars.iter().map(|ch| ch.c).collect()
}

fn is_wide(c: char) -> bool {
    crate::authoring::is_east_asian(c)
}

fn text_blocks(text: &str) -> Vec<TextBlock> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut blocks = Vec::new();
    let mut current: Vec<Vec<Ch>> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let chars: Vec<Ch> = raw
            .chars()
            .enumerate()
            .map(|(column, c)| Ch {
                c,
                line: index + 1,
                column: column + 1,
            })
            .collect();
        let start = chars
            .iter()
            .position(|ch| !ch.c.is_whitespace())
            .unwrap_or(chars.len());
        let end = chars
            .iter()
            .rposition(|ch| !ch.c.is_whitespace())
            .map_or(start, |end| end + 1)
            .max(start);
        let trimmed = chars[start..end].to_vec();
        if trimmed.is_empty() {
            if !current.is_empty() {
                blocks.push(TextBlock {
                    lines: std::mem::take(&mut current),
                });
            }
        } else {
            current.push(trimmed);
        }
    }
    if !current.is_empty() {
        blocks.push(TextBlock { lines: current });
    }
    blocks
}

/// The date of a line that holds only a date (and perhaps its weekday).
fn date_line(block: &TextBlock) -> Option<String> {
    let line = block.single_line()?;
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

fn is_addressee(block: &TextBlock) -> bool {
    let Some(line) = block.single_line() else {
        return false;
    };
    line.chars().count() <= 40
        && !line.ends_with('。')
        && (["各位", "様", "御中", "殿"]
            .iter()
            .any(|ending| line.ends_with(ending))
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

const SALUTATIONS: [&str; 6] = ["拝啓", "前略", "謹啓", "冠省", "急啓", "拝復"];

fn read_letters(text: &str) -> Result<(Vec<ImportedLetter>, Vec<Detection>), ImportError> {
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
    if first_content > 0 {
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

fn detection(
    at: (usize, usize),
    kind: DetectionKind,
    text: &str,
    note: impl Into<String>,
) -> Detection {
    Detection {
        line: at.0,
        column: at.1,
        kind,
        text: text.to_owned(),
        document: None,
        note: note.into(),
    }
}

fn at(block: &TextBlock) -> (usize, usize) {
    (block.line(), block.column())
}

/// Who withheld things in one letter, as far as its text says.
#[derive(Debug, Clone, Copy)]
struct Attribution {
    masks: WithheldBy,
    omissions: WithheldBy,
}

fn attribution(caption: Option<&str>, body: &str) -> Attribution {
    let mut result = Attribution {
        masks: WithheldBy::NotStated,
        omissions: WithheldBy::NotStated,
    };
    if let Some(caption) = caption {
        if ["省略", "抜粋"].iter().any(|word| caption.contains(word)) {
            result.omissions = WithheldBy::Forwarder;
        }
        if ["黒塗り", "伏せ", "マスク", "非公開"]
            .iter()
            .any(|word| caption.contains(word))
        {
            result.masks = WithheldBy::Forwarder;
        }
    }
    for sentence in body.split('。') {
        let ours = ["弊社", "当社", "We ", "we "]
            .iter()
            .any(|word| sentence.contains(word));
        if !ours {
            continue;
        }
        if result.masks == WithheldBy::NotStated && explains_masking(sentence) {
            result.masks = WithheldBy::Author;
        }
        if result.omissions == WithheldBy::NotStated
            && [
                "省略しております",
                "省略しています",
                "省略いたしました",
                "省略しました",
            ]
            .iter()
            .any(|word| sentence.contains(word))
        {
            result.omissions = WithheldBy::Author;
        }
    }
    result
}

fn explains_masking(sentence: &str) -> bool {
    [
        "黒塗り",
        "墨塗り",
        "伏せ字",
        "伏字",
        "マスキング",
        "マスク",
        "非開示",
        "を示し",
        "を示す",
        "を表し",
        "表記",
        "記号",
        "denote",
        "indicate",
        "marked",
        "stands for",
        "means",
        "redaction",
    ]
    .iter()
    .any(|word| sentence.contains(word))
}

fn read_letter(
    caption: Option<&TextBlock>,
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
        format!(
            "a letter starts here, dated {}",
            date.as_ref().map_or("?", |date| date.iso.as_str())
        ),
    ));
    let addressee = addressee_block.text();
    detections.push(detection(
        at(addressee_block),
        DetectionKind::Addressee,
        &addressee,
        "addressee",
    ));

    let caption_text = caption.map(TextBlock::text);
    if let (Some(block), Some(text)) = (caption, &caption_text) {
        detections.push(detection(
            at(block),
            DetectionKind::Caption,
            text,
            "caption of a forwarded copy (kept as the document's source caption)",
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
        "title",
    ));
    let mut issuer = Vec::new();
    for block in issuer_blocks {
        for line in &block.lines {
            let text = string(line);
            detections.push(detection(
                (line[0].line, line[0].column),
                DetectionKind::Issuer,
                &text,
                "issuer",
            ));
            issuer.push(text);
        }
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
        heading: None,
        level_one: 0,
        level_two: 0,
        ids: Vec::new(),
    };
    let mut closing = None;
    for (index, block) in body_blocks.iter().enumerate() {
        let last = index + 1 == body_blocks.len();
        if last && block.single_line().as_deref() == Some("以上") {
            closing = Some("以上".to_owned());
            continue;
        }
        reader.block(block, index == 0);
    }

    let forwarded = caption_text.is_some();
    let role = if !forwarded && !*firm_seen {
        *firm_seen = true;
        Role::FirmNotice
    } else if title.contains("報告") {
        Role::Report
    } else {
        Role::VendorNotice
    };
    let source = caption_text.as_ref().map(|caption| Source {
        publisher: publisher_of(caption).or_else(|| issuer.first().cloned()),
        url: None,
        retrieved: None,
        caption: Some(caption.clone()),
    });
    let document = Document {
        format: DOCUMENT_FORMAT.to_owned(),
        format_version: DOCUMENT_FORMAT_VERSION,
        date,
        addressee: Some(addressee),
        issuer,
        title,
        source,
        body: reader.blocks,
        closing,
    };
    Ok((document, role))
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
        || trimmed.ends_with(['。', '．', '.', '!', '?', '！', '？'])
        || trimmed.contains('。')
        || trimmed.ends_with("ます")
        || heading_level(block).is_some()
        || omission_marker(trimmed).is_some()
        || list_items(block).is_some()
        || trimmed == "記"
        || trimmed == "以上"
}

/// The heading level a single short line implies: `1.`, `2．`, `第1章`, `■ 概要` → 1;
/// `(1)`, `（1）`, `1.1` → 2.
fn heading_level(block: &TextBlock) -> Option<u8> {
    let line = block.single_line()?;
    if line.chars().count() > 60 || line.ends_with(['。', '、']) {
        return None;
    }
    let ascii: String = line
        .chars()
        .map(crate::authoring::half_width_digit)
        .collect();
    let digits = ascii.bytes().take_while(u8::is_ascii_digit).count();
    let after = &ascii[digits..];
    if digits > 0 && digits <= 2 {
        let mut rest = after.chars();
        let next = rest.next();
        let following = rest.next();
        if next == Some('.') && following.is_some_and(|c| c.is_ascii_digit()) {
            return Some(2);
        }
        if matches!(next, Some('.' | '．' | ')' | '）'))
            && following.is_some_and(|c| c == ' ' || c == '\u{3000}' || !c.is_ascii_punctuation())
        {
            return Some(1);
        }
        return None;
    }
    if (ascii.starts_with('(') || ascii.starts_with('（'))
        && ascii.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        && ascii.chars().take(5).any(|c| c == ')' || c == '）')
    {
        return Some(2);
    }
    if ascii.starts_with('第')
        && ascii
            .chars()
            .take(6)
            .any(|c| matches!(c, '章' | '節' | '条'))
    {
        return Some(1);
    }
    let mut chars = ascii.chars();
    if let (Some(first), Some(second)) = (chars.next(), chars.next())
        && matches!(first, '■' | '●' | '◆' | '□' | '◇' | '○' | '▼' | '▶' | '【')
        && first != second
        && !matches!(second, '■' | '●' | '◆' | '□' | '◇' | '○')
    {
        return Some(1);
    }
    None
}

/// The items of a block whose every line starts with a bullet; `- ` and `* ` are dropped, other
/// bullets (・, ●) are kept as text.
fn list_items(block: &TextBlock) -> Option<Vec<Vec<Ch>>> {
    let mut items = Vec::new();
    for line in &block.lines {
        let text = string(line);
        let dropped = if text.starts_with("- ") || text.starts_with("* ") {
            2
        } else if text.starts_with(['・', '•'])
            || (block.lines.len() > 1
                && text.starts_with(['●', '■', '◆', '○', '□'])
                && !text.chars().nth(1).is_some_and(|c| "●■◆○□".contains(c)))
        {
            0
        } else {
            return None;
        };
        items.push(line[dropped..].to_vec());
    }
    Some(items)
}

/// The kind of a block-level omission marker: the whole line is 省略/中略/以下略/後略/略 (also
/// 前略 when bracketed), bare or wrapped in dashes or brackets.
fn omission_marker(line: &str) -> Option<OmissionKind> {
    let wrappers = |c: char| {
        matches!(
            c,
            '—' | '―'
                | '─'
                | '-'
                | '－'
                | '‐'
                | 'ー'
                | '~'
                | '〜'
                | '～'
                | '('
                | ')'
                | '（'
                | '）'
                | '【'
                | '】'
                | '［'
                | '］'
                | '['
                | ']'
                | '〈'
                | '〉'
                | '<'
                | '>'
                | '＜'
                | '＞'
                | '「'
                | '」'
                | '…'
                | '・'
        ) || c.is_whitespace()
    };
    let core = line.trim_matches(wrappers);
    let wrapped = core.len() != line.len();
    let kind = match core {
        "省略" | "以下、省略" => OmissionKind::Section,
        "中略" => OmissionKind::Middle,
        "以下略" | "以下省略" | "後略" => OmissionKind::Rest,
        "略" => OmissionKind::Unspecified,
        "前略" if wrapped => OmissionKind::Unspecified,
        _ => return None,
    };
    Some(kind)
}

struct BodyReader<'a> {
    blocks: Vec<Block>,
    detections: &'a mut Vec<Detection>,
    who: Attribution,
    template: bool,
    heading: Option<String>,
    level_one: usize,
    level_two: usize,
    ids: Vec<String>,
}

impl BodyReader<'_> {
    fn block(&mut self, block: &TextBlock, first: bool) {
        let text = block.text();
        if let Some(kind) = omission_marker(text.trim()) {
            self.omission(text.trim(), kind, at(block));
            return;
        }
        if block.single_line().as_deref() == Some("記") {
            self.blocks.push(Block::Centered {
                content: vec![Inline::text("記")],
            });
            return;
        }
        if let Some(level) = heading_level(block) {
            let id = if level == 1 {
                self.level_one += 1;
                self.level_two = 0;
                format!("s{}", self.level_one)
            } else {
                self.level_two += 1;
                format!("s{}-{}", self.level_one, self.level_two)
            };
            let mut id_unique = id.clone();
            let mut counter = 2;
            while self.ids.contains(&id_unique) {
                id_unique = format!("{id}-{counter}");
                counter += 1;
            }
            self.ids.push(id_unique.clone());
            self.detections.push(detection(
                at(block),
                DetectionKind::Heading,
                &text,
                format!("heading, level {level}, id {id_unique}"),
            ));
            let bullet = text.starts_with(['■', '●', '◆', '□', '◇', '○']);
            if bullet {
                self.detections.push(detection(
                    at(block),
                    DetectionKind::NotWithheld,
                    &text[..text.chars().next().map_or(0, char::len_utf8)],
                    "a single symbol opening a heading is a bullet, not a mask",
                ));
            }
            let content = self.inlines(&block.joined());
            self.heading = Some(id_unique.clone());
            self.blocks.push(Block::Heading {
                id: id_unique,
                level,
                content: flatten_paragraphs(content),
            });
            return;
        }
        if let Some(items) = list_items(block) {
            let mut list = Vec::new();
            for item in items {
                if item
                    .first()
                    .is_some_and(|ch| matches!(ch.c, '●' | '■' | '◆' | '○' | '□'))
                {
                    self.detections.push(detection(
                        (item[0].line, item[0].column),
                        DetectionKind::NotWithheld,
                        &item[0].c.to_string(),
                        "a single symbol opening a list item is a bullet, not a mask",
                    ));
                }
                list.push(flatten_paragraphs(self.inlines(&item)));
            }
            self.blocks.push(Block::List { items: list });
            return;
        }
        let chars = block.joined();
        let chars = chars.as_slice();
        if first
            && let Some(word) = SALUTATIONS.iter().find(|word| text.starts_with(**word))
            && *word == "前略"
        {
            self.detections.push(detection(
                at(block),
                DetectionKind::NotWithheld,
                word,
                "前略 opening a letter is a salutation, not an omission",
            ));
        }
        // A page break in the original: the previous paragraph stops mid-sentence and this
        // one carries on.
        if let Some(Block::Paragraph { .. }) = self.blocks.last()
            && self.previous_paragraph_is_open()
            && chars.first().is_some_and(|ch| is_continuation(ch.c))
        {
            self.detections.push(detection(
                at(block),
                DetectionKind::JoinedParagraph,
                &text.chars().take(12).collect::<String>(),
                "joined to the previous paragraph, which stops mid-sentence (a page break?)",
            ));
            if let Some(Block::Paragraph { content }) = self.blocks.pop() {
                let parts = self.inlines(chars);
                let mut merged = content;
                let mut parts = parts.into_iter();
                if let Some(Part::Inlines(first)) = parts.next() {
                    extend_inlines(&mut merged, first);
                }
                self.blocks.push(Block::Paragraph { content: merged });
                for part in parts {
                    self.push_part(part);
                }
                return;
            }
        }
        for part in self.inlines(chars) {
            self.push_part(part);
        }
    }

    fn previous_paragraph_is_open(&self) -> bool {
        let Some(Block::Paragraph { content }) = self.blocks.last() else {
            return false;
        };
        match content.last() {
            Some(Inline::Text { text }) => text.chars().last().is_some_and(|c| {
                !matches!(
                    c,
                    '。' | '．'
                        | '.'
                        | '！'
                        | '？'
                        | '!'
                        | '?'
                        | '」'
                        | '』'
                        | '）'
                        | ')'
                        | '：'
                        | ':'
                        | '、'
                ) && (c.is_alphanumeric())
            }),
            _ => false,
        }
    }

    fn push_part(&mut self, part: Part) {
        match part {
            Part::Inlines(content) if !content.is_empty() => {
                self.blocks.push(Block::Paragraph { content });
            }
            Part::Inlines(_) => {}
            Part::Omission(marker, kind, position) => self.omission(&marker, kind, position),
        }
    }

    fn omission(&mut self, marker: &str, kind: OmissionKind, position: (usize, usize)) {
        let who = self.who.omissions;
        self.detections.push(detection(
            position,
            DetectionKind::Omission,
            marker,
            format!(
                "omitted section, kind {}; omitted by: {}",
                kind_word(kind),
                who.describe()
            ),
        ));
        self.blocks.push(Block::Omission(Omission {
            kind,
            marker: marker.to_owned(),
            reason: None,
            omitted_by: who,
            under_heading: self.heading.clone(),
        }));
    }

    /// Reads masks and inline omission markers in a run of text.
    fn inlines(&mut self, chars: &[Ch]) -> Vec<Part> {
        let mut parts = vec![Part::Inlines(Vec::new())];
        let mut text = String::new();
        let mut index = 0;
        let whole = string(chars);
        let separator = chars.len() >= 3
            && chars
                .iter()
                .all(|ch| matches!(ch.c, '*' | '＊' | '×' | ' ' | '\u{3000}'));
        if separator {
            self.detections.push(detection(
                (chars[0].line, chars[0].column),
                DetectionKind::NotWithheld,
                &whole,
                "a line of stars or crosses is a separator, not a mask",
            ));
            push_text(&mut parts, whole);
            return parts;
        }
        while index < chars.len() {
            if let Some((length, found)) = self.withheld_at(chars, index) {
                let marker = string(&chars[index..index + length]);
                let position = (chars[index].line, chars[index].column);
                match found {
                    Found::Mask => {
                        push_text(&mut parts, std::mem::take(&mut text));
                        let who = self.who.masks;
                        self.detections.push(detection(
                            position,
                            DetectionKind::Mask,
                            &marker,
                            format!("masked field; masked by: {}", who.describe()),
                        ));
                        if let Some(Part::Inlines(inlines)) = parts.last_mut() {
                            inlines.push(Inline::Mask(Mask {
                                marker,
                                label: None,
                                reason: None,
                                masked_by: who,
                            }));
                        }
                    }
                    Found::Omission(kind) => {
                        push_text(&mut parts, std::mem::take(&mut text).trim_end().to_owned());
                        parts.push(Part::Omission(marker, kind, position));
                        parts.push(Part::Inlines(Vec::new()));
                        index += length;
                        while chars.get(index).is_some_and(|ch| ch.c.is_whitespace()) {
                            index += 1;
                        }
                        continue;
                    }
                    Found::LookAlike(note) => {
                        self.detections.push(detection(
                            position,
                            DetectionKind::NotWithheld,
                            &marker,
                            note,
                        ));
                        text.push_str(&marker);
                    }
                }
                index += length;
                continue;
            }
            text.push(chars[index].c);
            index += 1;
        }
        push_text(&mut parts, text);
        parts
    }

    /// Whether a mask or omission (or a look-alike worth reporting) starts at `index`.
    fn withheld_at(&self, chars: &[Ch], index: usize) -> Option<(usize, Found)> {
        let c = chars[index].c;
        let rest = string(&chars[index..chars.len().min(index + 40)]);
        let sentence = sentence_around(chars, index);
        // Runs of mask symbols.
        if matches!(c, '■' | '□' | '●' | '○' | '◆' | '＊' | '*' | '×' | '█') {
            let length = chars[index..].iter().take_while(|ch| ch.c == c).count();
            if length < 2 {
                return None;
            }
            if c == '*' && length == 2 {
                let after = string(&chars[index + 2..]);
                if chars.get(index + 2).is_some_and(|ch| !ch.c.is_whitespace())
                    && after.contains("**")
                {
                    return Some((2, Found::LookAlike("`**` marks emphasis, not a mask")));
                }
                if index >= 2 && string(&chars[..index]).contains("**") {
                    return Some((2, Found::LookAlike("`**` marks emphasis, not a mask")));
                }
            }
            if c == '○' && (self.template || template_context(chars, index, length)) {
                return Some((
                    length,
                    Found::LookAlike("○○ is a blank in a template, not a mask"),
                ));
            }
            if explains_masking(&sentence) {
                return Some((
                    length,
                    Found::LookAlike("the sentence is about masking; the symbols are an example"),
                ));
            }
            return Some((length, Found::Mask));
        }
        // [REDACTED], <REDACTED>, 【非公開】, …
        if let Some(close) = closing_bracket(c) {
            let inner_length = chars[index + 1..]
                .iter()
                .take(40)
                .position(|ch| ch.c == close)?;
            let inner = string(&chars[index + 1..index + 1 + inner_length]);
            let length = inner_length + 2;
            let upper = inner.to_uppercase();
            let word: String = upper
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let redaction = matches!(
                word.as_str(),
                "REDACTED" | "MASKED" | "WITHHELD" | "REMOVED"
            ) && upper[word.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == ':' || c == ' ');
            let undisclosed = inner.trim() == "非公開";
            let omission = omission_marker(&inner)
                .filter(|_| matches!(c, '(' | '（' | '【' | '［' | '[' | '〈' | '<' | '＜'));
            if let Some(kind) = omission {
                return Some((length, Found::Omission(kind)));
            }
            if redaction || undisclosed {
                if explains_masking(&sentence) {
                    return Some((
                        length,
                        Found::LookAlike("the sentence is about masking; the marker is an example"),
                    ));
                }
                return Some((length, Found::Mask));
            }
            return None;
        }
        // —中略—, ―省略― inside running text.
        if matches!(c, '—' | '―' | '─') {
            for core in ["中略", "省略", "以下略", "後略"] {
                let pattern_length = core.chars().count();
                let inner = chars[index..]
                    .iter()
                    .skip_while(|ch| ch.c == c)
                    .take(pattern_length)
                    .map(|ch| ch.c)
                    .collect::<String>();
                let dashes = chars[index..].iter().take_while(|ch| ch.c == c).count();
                let closing_dashes = chars
                    .get(index + dashes + pattern_length..)
                    .map_or(0, |tail| tail.iter().take_while(|ch| ch.c == c).count());
                if inner == core && closing_dashes > 0 {
                    let length = dashes + pattern_length + closing_dashes;
                    let kind = omission_marker(core).unwrap_or(OmissionKind::Unspecified);
                    return Some((length, Found::Omission(kind)));
                }
            }
            return None;
        }
        // 以下略 / 後略 closing a paragraph.
        for core in ["以下略", "以下省略", "後略"] {
            if rest.starts_with(core) {
                let length = core.chars().count();
                let tail = string(&chars[index + length..]);
                if tail.trim_matches(['。', ' ', '\u{3000}']).is_empty() {
                    let length = length + tail.trim_end().chars().count();
                    return Some((length, Found::Omission(OmissionKind::Rest)));
                }
            }
        }
        // 非公開 as a field's whole value: `サーバ名：非公開`.
        if rest.starts_with("非公開")
            && index > 0
            && matches!(chars[index - 1].c, '：' | ':')
            && chars
                .get(index + 3)
                .is_none_or(|ch| matches!(ch.c, '。' | '、' | ' ' | '\u{3000}' | '）' | ')'))
        {
            return Some((3, Found::Mask));
        }
        None
    }
}

fn kind_word(kind: OmissionKind) -> &'static str {
    match kind {
        OmissionKind::Section => "section",
        OmissionKind::Middle => "middle",
        OmissionKind::Rest => "rest",
        OmissionKind::Unspecified => "unspecified",
    }
}

#[derive(Debug)]
enum Found {
    Mask,
    Omission(OmissionKind),
    LookAlike(&'static str),
}

#[derive(Debug)]
enum Part {
    Inlines(Vec<Inline>),
    Omission(String, OmissionKind, (usize, usize)),
}

fn push_text(parts: &mut [Part], text: String) {
    if text.is_empty() {
        return;
    }
    if let Some(Part::Inlines(inlines)) = parts.last_mut() {
        extend_inlines(inlines, vec![Inline::text(text)]);
    }
}

fn extend_inlines(into: &mut Vec<Inline>, more: Vec<Inline>) {
    for inline in more {
        match (into.last_mut(), inline) {
            (Some(Inline::Text { text }), Inline::Text { text: more }) => text.push_str(&more),
            (_, inline) => into.push(inline),
        }
    }
}

/// Headings and list items are single blocks: inline omission markers in them stay text.
fn flatten_paragraphs(parts: Vec<Part>) -> Vec<Inline> {
    let mut out = Vec::new();
    for part in parts {
        match part {
            Part::Inlines(inlines) => extend_inlines(&mut out, inlines),
            Part::Omission(marker, ..) => extend_inlines(&mut out, vec![Inline::text(marker)]),
        }
    }
    out
}

fn closing_bracket(c: char) -> Option<char> {
    Some(match c {
        '[' => ']',
        '<' => '>',
        '［' => '］',
        '＜' => '＞',
        '【' => '】',
        '〈' => '〉',
        '(' => ')',
        '（' => '）',
        _ => return None,
    })
}

fn is_continuation(c: char) -> bool {
    matches!(c, 'ぁ'..='ゖ' | '、' | '。')
}

fn template_context(chars: &[Ch], index: usize, length: usize) -> bool {
    let after = string(&chars[index + length..chars.len().min(index + length + 4)]);
    let before = string(&chars[index.saturating_sub(4)..index]);
    const UNITS: [&str; 20] = [
        "様",
        "殿",
        "御中",
        "株式会社",
        "会社",
        "年",
        "月",
        "日",
        "円",
        "名",
        "県",
        "市",
        "区",
        "町",
        "村",
        "さん",
        "部",
        "課",
        "支店",
        "号",
    ];
    UNITS
        .iter()
        .any(|unit| after.starts_with(unit) || before.ends_with(unit))
}

fn sentence_around(chars: &[Ch], index: usize) -> String {
    let start = chars[..index]
        .iter()
        .rposition(|ch| matches!(ch.c, '。' | '.' | '！' | '？'))
        .map_or(0, |position| position + 1);
    let end = chars[index..]
        .iter()
        .position(|ch| matches!(ch.c, '。' | '！' | '？'))
        .map_or(chars.len(), |position| index + position);
    string(&chars[start..end])
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
        assert_eq!(document.addressee.as_deref(), Some("お客様各位"));
        assert_eq!(document.issuer, vec!["株式会社テスト".to_owned()]);
        assert_eq!(document.title, "お知らせ");
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
