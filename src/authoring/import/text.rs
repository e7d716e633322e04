//! The imported text as blocks of non-blank lines, each character with its 1-based line and
//! column, so that every detection can point back into the text.

/// A character of the input with its 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ch {
    pub(super) c: char,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// A run of non-blank lines.
#[derive(Debug, Clone)]
pub(super) struct TextBlock {
    pub(super) lines: Vec<Vec<Ch>>,
}

impl TextBlock {
    pub(super) fn line(&self) -> usize {
        self.lines
            .first()
            .and_then(|l| l.first())
            .map_or(1, |ch| ch.line)
    }
    pub(super) fn column(&self) -> usize {
        self.lines
            .first()
            .and_then(|l| l.first())
            .map_or(1, |ch| ch.column)
    }
    /// The block's text, lines joined as a paragraph.
    pub(super) fn joined(&self) -> Vec<Ch> {
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
    pub(super) fn text(&self) -> String {
        string(&self.joined())
    }
    pub(super) fn single_line(&self) -> Option<String> {
        (self.lines.len() == 1).then(|| string(&self.lines[0]))
    }
}

pub(super) fn string(chars: &[Ch]) -> String {
    chars.iter().map(|ch| ch.c).collect()
}

fn is_wide(c: char) -> bool {
    crate::authoring::is_east_asian(c)
}

pub(super) fn text_blocks(text: &str) -> Vec<TextBlock> {
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
        let trimmed = trimmed(&chars).to_vec();
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

/// `chars` without the spaces at either end.
pub(super) fn trimmed(chars: &[Ch]) -> &[Ch] {
    let start = chars
        .iter()
        .position(|ch| !ch.c.is_whitespace())
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|ch| !ch.c.is_whitespace())
        .map_or(start, |end| end + 1);
    &chars[start..end.max(start)]
}

pub(super) fn at(block: &TextBlock) -> (usize, usize) {
    (block.line(), block.column())
}
