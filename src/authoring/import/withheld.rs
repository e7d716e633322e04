//! Masks and omissions inside running text: runs of mask symbols, `[REDACTED]`-style markers,
//! `—中略—` and `以下略`, `：非公開` — and the look-alikes that are read as ordinary text
//! (emphasis, template blanks, separators, sentences about masking), each reported as a detection.

use super::DetectionNote;
use super::attribution::explains_masking;
use super::blocks::{BodyReader, Part, extend_inlines, omission_marker};
use super::text::{Ch, string};
use super::{DetectionKind, detection};
use crate::document::{Inline, Mask, OmissionKind};

impl BodyReader<'_> {
    /// Reads masks and inline omission markers in a run of text.
    pub(super) fn inlines(&mut self, chars: &[Ch]) -> Vec<Part> {
        let mut parts = vec![Part::Inlines(Vec::new())];
        let mut text = String::new();
        let mut index = 0;
        let mut line = LineFacts::new(chars);
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
                DetectionNote::Separator,
            ));
            push_text(&mut parts, whole);
            return parts;
        }
        while index < chars.len() {
            if let Some((length, found)) = self.withheld_at(&mut line, index) {
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
                            DetectionNote::Masked { by: who },
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

    /// Whether a mask or omission (or a look-alike worth reporting) starts at `index`. Every
    /// test looks at a bounded stretch of text or at facts `line` worked out once, so reading a
    /// line is linear in its length however long it is.
    fn withheld_at(&self, line: &mut LineFacts, index: usize) -> Option<(usize, Found)> {
        let chars = line.chars;
        let c = chars[index].c;
        let rest = string(&chars[index..chars.len().min(index + 40)]);
        // Runs of mask symbols.
        if matches!(c, '■' | '□' | '●' | '○' | '◆' | '＊' | '*' | '×' | '█') {
            let length = chars[index..].iter().take_while(|ch| ch.c == c).count();
            if length < 2 {
                return None;
            }
            if c == '*' && length == 2 {
                if chars.get(index + 2).is_some_and(|ch| !ch.c.is_whitespace())
                    && line.last_double_star.is_some_and(|pair| pair >= index + 2)
                {
                    return Some((2, Found::LookAlike(DetectionNote::Emphasis)));
                }
                if line.first_double_star.is_some_and(|pair| pair + 1 < index) {
                    return Some((2, Found::LookAlike(DetectionNote::Emphasis)));
                }
            }
            if c == '○' && (self.template || template_context(chars, index, length)) {
                return Some((length, Found::LookAlike(DetectionNote::TemplateBlank)));
            }
            if line.sentence_explains_masking(index) {
                return Some((length, Found::LookAlike(DetectionNote::ExampleSymbols)));
            }
            return Some((length, Found::Mask));
        }
        // XXXX standing for a name or number: four or more X as a word of its own — not XXX
        // (thirty, as in Super Bowl XXX), XXL, the X of 10X, a file name's passwd.XXXXXX or
        // XXXX-large.
        let joins_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_');
        if matches!(c, 'X' | 'Ｘ') && (index == 0 || !joins_word(chars[index - 1].c)) {
            let length = chars[index..].iter().take_while(|ch| ch.c == c).count();
            let after = chars.get(index + length).map(|ch| ch.c);
            let glued_after = after.is_some_and(|next| {
                next.is_ascii_alphanumeric()
                    || (matches!(next, '-' | '_' | '.')
                        && chars
                            .get(index + length + 1)
                            .is_some_and(|ch| ch.c.is_ascii_alphanumeric()))
            });
            if length < 4 || glued_after {
                return None;
            }
            if self.template {
                return Some((length, Found::LookAlike(DetectionNote::TemplateBlank)));
            }
            if line.sentence_explains_masking(index) {
                return Some((length, Found::LookAlike(DetectionNote::ExampleSymbols)));
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
            let bracketed: String = format!("{c}{inner}{close}");
            // f(...) and list[...] are code, not an elision.
            let glued =
                matches!(c, '(' | '[') && index > 0 && chars[index - 1].c.is_ascii_alphanumeric();
            let omission = omission_marker(&bracketed).filter(|_| {
                !glued && matches!(c, '(' | '（' | '【' | '［' | '[' | '〈' | '<' | '＜')
            });
            if let Some(kind) = omission {
                return Some((length, Found::Omission(kind)));
            }
            if redaction || undisclosed {
                if line.sentence_explains_masking(index) {
                    return Some((length, Found::LookAlike(DetectionNote::ExampleMarker)));
                }
                return Some((length, Found::Mask));
            }
            return None;
        }
        // —中略—, ―省略― inside running text.
        // A marker starts at the first dash of a run; looking again inside a long run of dashes
        // would make a line of dashes quadratic.
        if matches!(c, '—' | '―' | '─') {
            if index > 0 && chars[index - 1].c == c {
                return None;
            }
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
                let tail = &chars[index + length..];
                if tail
                    .iter()
                    .all(|ch| matches!(ch.c, '。' | ' ' | '\u{3000}'))
                {
                    let kept = tail.iter().rposition(|ch| !ch.c.is_whitespace());
                    let length = length + kept.map_or(0, |last| last + 1);
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

#[derive(Debug)]
enum Found {
    Mask,
    Omission(OmissionKind),
    LookAlike(DetectionNote),
}

fn push_text(parts: &mut [Part], text: String) {
    if text.is_empty() {
        return;
    }
    if let Some(Part::Inlines(inlines)) = parts.last_mut() {
        extend_inlines(inlines, vec![Inline::text(text)]);
    }
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

/// What the reading of one run of text needs to know about all of it, worked out once: where
/// each character's sentence starts and ends, where `**` first and last occurs, and (as asked)
/// whether a sentence explains masking.
struct LineFacts<'a> {
    chars: &'a [Ch],
    /// For each character, the index where its sentence starts (after `。` `.` `！` `？`).
    sentence_starts: Vec<usize>,
    /// For each character, the index where its sentence ends (at `。` `！` `？`, or the end).
    sentence_ends: Vec<usize>,
    first_double_star: Option<usize>,
    last_double_star: Option<usize>,
    /// Sentences already looked at, by start, and whether they explain masking.
    explained: std::collections::HashMap<usize, bool>,
}

impl<'a> LineFacts<'a> {
    fn new(chars: &'a [Ch]) -> Self {
        let mut sentence_starts = Vec::with_capacity(chars.len());
        let mut start = 0;
        for (index, ch) in chars.iter().enumerate() {
            sentence_starts.push(start);
            if matches!(ch.c, '。' | '.' | '！' | '？') {
                start = index + 1;
            }
        }
        let mut sentence_ends = vec![chars.len(); chars.len()];
        let mut end = chars.len();
        for (index, ch) in chars.iter().enumerate().rev() {
            if matches!(ch.c, '。' | '！' | '？') {
                end = index;
            }
            sentence_ends[index] = end;
        }
        let double_star = |pair: &[Ch]| pair[0].c == '*' && pair[1].c == '*';
        Self {
            chars,
            sentence_starts,
            sentence_ends,
            first_double_star: chars.windows(2).position(double_star),
            last_double_star: chars.windows(2).rposition(double_star),
            explained: std::collections::HashMap::new(),
        }
    }

    /// Whether the sentence around `index` talks about masking (so symbols in it are examples,
    /// not masks). Each sentence is read once.
    fn sentence_explains_masking(&mut self, index: usize) -> bool {
        let start = self.sentence_starts[index];
        let end = self.sentence_ends[index].max(start);
        let chars = self.chars;
        *self
            .explained
            .entry(start)
            .or_insert_with(|| explains_masking(&string(&chars[start..end])))
    }
}
