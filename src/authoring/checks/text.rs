//! The source text itself, line by line (not the compiled document, so that nothing a
//! compiler drops escapes the check): invisible, bidirectional and control characters, also as
//! `\uXXXX` escapes in JSON sources; words mixing Latin and Cyrillic or Greek letters; and, from
//! `personal_data`, e-mail addresses and numbers that look like personal data.

use super::personal_data::personal_data_in_line;
use super::{Finding, FindingDetail, HiddenKind, Severity, Sink};
use crate::authoring::{CompiledDocument, Position};

pub(super) fn check_text(compiled: &CompiledDocument, out: &mut Vec<Finding>) {
    let mut sink = Sink {
        file: &compiled.source_path,
        out,
    };
    let json = compiled.source_path.ends_with(".json");
    for (index, line) in compiled.source_text.split('\n').enumerate() {
        // A Windows line end is a line end, not a hidden character in the text.
        let line = line.strip_suffix('\r').unwrap_or(line);
        let chars: Vec<char> = line.chars().collect();
        let at = |column: usize| Position {
            line: index + 1,
            column: column + 1,
        };
        for (column, &c) in chars.iter().enumerate() {
            if index == 0 && column == 0 && c == '\u{feff}' {
                continue;
            }
            if let Some(kind) = invisible(c) {
                sink.push(
                    at(column),
                    Severity::Error,
                    FindingDetail::Hidden { character: c, kind },
                );
            }
        }
        if json {
            for (column, c) in json_escapes(&chars) {
                if let Some(kind) = invisible(c) {
                    sink.push(
                        at(column),
                        Severity::Error,
                        FindingDetail::Hidden { character: c, kind },
                    );
                }
            }
        }
        for (column, word) in mixed_script_words(&chars) {
            sink.push(
                at(column),
                Severity::Warning,
                FindingDetail::MixedScript { word },
            );
        }
        for (column, severity, detail) in personal_data_in_line(line) {
            sink.push(at(column), severity, detail);
        }
    }
}

/// Invisible and bidirectional control characters, and control characters (such as the
/// escape that starts a terminal command) other than tab.
fn invisible(c: char) -> Option<HiddenKind> {
    let code = c as u32;
    match code {
        0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C => {
            Some(HiddenKind::BidiControl)
        }
        0x200B..=0x200D | 0x2060..=0x2064 | 0xFEFF | 0x00AD | 0x180E | 0x034F => {
            Some(HiddenKind::ZeroWidth)
        }
        // Tabs lay out text; variation selectors choose a glyph form (異体字) in letter text.
        0xFE00..=0xFE0F | 0xE0100..=0xE01EF => None,
        _ if c == '\t' => None,
        _ if c.is_control() => Some(HiddenKind::Control),
        _ if crate::escape::is_hidden(c) => Some(HiddenKind::Invisible),
        _ => None,
    }
}

/// `\uXXXX` escapes in a JSON line, decoded, with their columns.
fn json_escapes(chars: &[char]) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut index = 0;
    while index + 6 <= chars.len() {
        if chars[index] == '\\' && chars[index + 1] == '\\' {
            index += 2;
            continue;
        }
        if chars[index] == '\\' && chars[index + 1] == 'u' {
            let hex: String = chars[index + 2..index + 6].iter().collect();
            if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                out.push((index, c));
            }
            index += 6;
            continue;
        }
        index += 1;
    }
    out
}

fn mixed_script_words(chars: &[char]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if !chars[index].is_alphabetic() || crate::authoring::is_east_asian(chars[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len()
            && chars[index].is_alphabetic()
            && !crate::authoring::is_east_asian(chars[index])
        {
            index += 1;
        }
        let word = &chars[start..index];
        let latin = word.iter().any(char::is_ascii_alphabetic);
        let lookalike = word.iter().any(|&c| matches!(c as u32, 0x0370..=0x04FF));
        if latin && lookalike {
            out.push((start, word.iter().collect()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_latin_and_cyrillic_words_are_confusable() {
        let chars: Vec<char> = "see аpple.com and apple".chars().collect();
        assert_eq!(mixed_script_words(&chars), vec![(4, "аpple".to_owned())]);
    }
}
