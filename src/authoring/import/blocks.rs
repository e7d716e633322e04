//! A letter's body, block by block: the shapes a block can have (a numbered or bulleted heading,
//! a list, 記, a line that is only an omission marker, a paragraph) and the reader that turns
//! them into document blocks, joining a paragraph that a page break cut in two.

use super::DetectionNote;
use super::attribution::Attribution;
use super::letters::SALUTATIONS;
use super::text::{Ch, TextBlock, at, string};
use super::{Detection, DetectionKind, detection};
use crate::document::{Block, Inline, Omission, OmissionKind};

/// The heading level a single short line implies: `1.`, `2．`, `第1章`, `■ 概要` → 1;
/// `(1)`, `（1）`, `1.1` → 2.
pub(super) fn heading_level(block: &TextBlock) -> Option<u8> {
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
pub(super) fn list_items(block: &TextBlock) -> Option<Vec<Vec<Ch>>> {
    let mut items = Vec::new();
    for line in &block.lines {
        let text = string(line);
        // `* * * * *` is a separator (read by `inlines`), not a list of stars.
        if text
            .chars()
            .all(|c| matches!(c, '*' | '＊' | ' ' | '\u{3000}'))
        {
            return None;
        }
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
pub(super) fn omission_marker(line: &str) -> Option<OmissionKind> {
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
    let bracketed = [
        ('[', ']'),
        ('(', ')'),
        ('［', '］'),
        ('（', '）'),
        ('<', '>'),
        ('〈', '〉'),
    ]
    .iter()
    .any(|(open, close)| line.starts_with(*open) && line.ends_with(*close));
    let kind = match core {
        "省略" | "以下、省略" => OmissionKind::Section,
        "中略" => OmissionKind::Middle,
        "以下略" | "以下省略" | "後略" => OmissionKind::Rest,
        "略" => OmissionKind::Unspecified,
        "前略" if wrapped => OmissionKind::Unspecified,
        // [...] and […] (… is trimmed as a wrapper, so nothing is left of the latter).
        "" | "..." | ". . ." if bracketed && (line.contains('…') || line.contains('.')) => {
            OmissionKind::Unspecified
        }
        _ if bracketed => english_omission(core)?,
        _ => return None,
    };
    Some(kind)
}

/// The kind of an English omission marker, the words inside its brackets: `omitted`,
/// `remainder omitted`, `text omitted`, `snip` (any case). Words in running prose are never
/// passed here: only a bracketed marker is.
fn english_omission(core: &str) -> Option<OmissionKind> {
    let words: Vec<String> = core
        .split_whitespace()
        .map(|word| word.trim_matches(['.', ',']).to_lowercase())
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    Some(match words.as_slice() {
        ["omitted"] | ["omission"] | ["snip"] | ["snipped"] => OmissionKind::Unspecified,
        ["remainder" | "rest", "omitted"]
        | ["the", "remainder" | "rest", "omitted"]
        | [
            "remainder" | "rest",
            "of",
            "the",
            "letter" | "notice" | "text",
            "omitted",
        ] => OmissionKind::Rest,
        [
            "text" | "section" | "content" | "details" | "paragraph" | "paragraphs",
            "omitted",
        ]
        | ["omitted", "section" | "text" | "content"] => OmissionKind::Section,
        ["middle" | "intervening" | "part", "omitted"] => OmissionKind::Middle,
        _ => return None,
    })
}

/// Reads one letter's body into blocks, recording a detection for every decision; its reading
/// of running text (`inlines`) is in `withheld`.
pub(super) struct BodyReader<'a> {
    pub(super) blocks: Vec<Block>,
    pub(super) detections: &'a mut Vec<Detection>,
    pub(super) who: Attribution,
    pub(super) template: bool,
    /// Whether a paragraph that stops mid-sentence is joined to the next (a page break in
    /// plain text; a web page's paragraphs are its own).
    pub(super) join_paragraphs: bool,
    pub(super) heading: Option<String>,
    pub(super) level_one: usize,
    pub(super) level_two: usize,
    pub(super) ids: Vec<String>,
}

impl BodyReader<'_> {
    pub(super) fn block(&mut self, block: &TextBlock, first: bool) {
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
        if self.notes(block) {
            return;
        }
        if let Some(level) = heading_level(block) {
            self.heading_block(&block.joined(), level);
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
                        DetectionNote::BulletOpensListItem,
                    ));
                }
                let parts = self.inlines(&item);
                list.push(self.flatten_paragraphs(parts));
            }
            self.blocks.push(Block::List {
                items: list,
                depth: 0,
            });
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
                DetectionNote::Salutation,
            ));
        }
        // A page break in the original: the previous paragraph stops mid-sentence and this
        // one carries on.
        if let Some(Block::Paragraph { .. }) = self.blocks.last()
            && self.join_paragraphs
            && self.previous_paragraph_is_open()
            && chars.first().is_some_and(|ch| is_continuation(ch.c))
        {
            self.detections.push(detection(
                at(block),
                DetectionKind::JoinedParagraph,
                &text.chars().take(12).collect::<String>(),
                DetectionNote::JoinedParagraph,
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

    /// Reads a block whose every line starts with a note mark (`※`, `※1`, `注：`, `（注）`)
    /// followed by text as one note per line; whether it did.
    fn notes(&mut self, block: &TextBlock) -> bool {
        let marks: Vec<usize> = block
            .lines
            .iter()
            .filter_map(|line| {
                let text = string(line);
                crate::document::note_marker(&text)
                    .filter(|&mark| line[mark..].iter().any(|ch| !ch.c.is_whitespace()))
            })
            .collect();
        if marks.len() != block.lines.len() || marks.is_empty() {
            return false;
        }
        for (line, mark) in block.lines.iter().zip(marks) {
            let marker = string(&line[..mark]);
            self.detections.push(detection(
                (line[0].line, line[0].column),
                DetectionKind::Note,
                &marker,
                DetectionNote::Note,
            ));
            let parts = self.inlines(&line[mark..]);
            let content = self.flatten_paragraphs(parts);
            self.blocks.push(Block::Note { marker, content });
        }
        true
    }

    /// Pushes a heading of `level` (1 or 2) read from `chars`, with an id numbered like the
    /// letter's sections (`s1`, `s1-1`).
    pub(super) fn heading_block(&mut self, chars: &[Ch], level: u8) {
        let text = string(chars);
        let position = chars.first().map_or((1, 1), |ch| (ch.line, ch.column));
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
            position,
            DetectionKind::Heading,
            &text,
            DetectionNote::Heading {
                level,
                id: id_unique.clone(),
            },
        ));
        // A single symbol opening a heading (■ 概要) is a bullet; a run of them (■■■■について)
        // is a mask, reported as one.
        let mut first_two = text.chars();
        let bullet = first_two
            .next()
            .is_some_and(|c| matches!(c, '■' | '●' | '◆' | '□' | '◇' | '○'))
            && first_two.next() != text.chars().next();
        if bullet {
            self.detections.push(detection(
                position,
                DetectionKind::NotWithheld,
                &text[..text.chars().next().map_or(0, char::len_utf8)],
                DetectionNote::BulletOpensHeading,
            ));
        }
        let parts = self.inlines(chars);
        let content = self.flatten_paragraphs(parts);
        self.heading = Some(id_unique.clone());
        self.blocks.push(Block::Heading {
            id: id_unique,
            level,
            content,
        });
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
            DetectionNote::Omitted { kind, by: who },
        ));
        self.blocks.push(Block::Omission(Omission {
            kind,
            marker: marker.to_owned(),
            reason: None,
            omitted_by: who,
            under_heading: self.heading.clone(),
        }));
    }
}

pub(super) fn kind_word(kind: OmissionKind) -> &'static str {
    match kind {
        OmissionKind::Section => "section",
        OmissionKind::Middle => "middle",
        OmissionKind::Rest => "rest",
        OmissionKind::Unspecified => "unspecified",
    }
}

#[derive(Debug)]
pub(super) enum Part {
    Inlines(Vec<Inline>),
    Omission(String, OmissionKind, (usize, usize)),
}

/// Appends runs, joining text to text and bold to bold (two bold runs in a row are one: a
/// source cannot write them apart).
pub(super) fn extend_inlines(into: &mut Vec<Inline>, more: Vec<Inline>) {
    for inline in more {
        match (into.last_mut(), inline) {
            (Some(Inline::Text { text }), Inline::Text { text: more })
            | (Some(Inline::Strong { text }), Inline::Strong { text: more }) => {
                text.push_str(&more);
            }
            (_, inline) => into.push(inline),
        }
    }
}

/// Headings and list items are single blocks: inline omission markers in them stay text.
impl BodyReader<'_> {
    /// A line of the letter's head (or a block of several lines) as one run of inline text:
    /// masks in it are masks, an omission marker stays text and is reported.
    pub(super) fn head_runs(&mut self, chars: &[Ch]) -> Vec<Inline> {
        let parts = self.inlines(chars);
        self.flatten_paragraphs(parts)
    }

    /// The parts of a heading or list item as one run: an omission marker there cannot be a
    /// block of its own, so it stays as text and is reported for a person to look at.
    fn flatten_paragraphs(&mut self, parts: Vec<Part>) -> Vec<Inline> {
        let mut out = Vec::new();
        for part in parts {
            match part {
                Part::Inlines(inlines) => extend_inlines(&mut out, inlines),
                Part::Omission(marker, _, position) => {
                    self.detections.push(detection(
                        position,
                        DetectionKind::NotWithheld,
                        &marker,
                        DetectionNote::OmissionInLine,
                    ));
                    extend_inlines(&mut out, vec![Inline::text(marker)]);
                }
            }
        }
        out
    }
}

fn is_continuation(c: char) -> bool {
    matches!(c, 'ぁ'..='ゖ' | '、' | '。')
}
