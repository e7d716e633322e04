//! Where the page's text stands in the HTML file: each character found in the markup, ahead of
//! the last one found (tags skipped), so that every detection can point into the file.

/// Follows the text through the file, so that each character gets the line and column where
/// it stands (markup skipped).
pub(super) struct Locator<'a> {
    source: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        Locator {
            source,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// Where the text read last stands.
    pub(super) fn here(&self) -> (usize, usize) {
        (self.line, self.column.saturating_sub(1).max(1))
    }

    /// Where `c` stands, looking up to `window` characters of the file ahead (outside tags);
    /// the last position when it is not there (a character reference, a parser's repair).
    pub(super) fn find(&mut self, c: char, window: usize) -> (usize, usize) {
        let (mut offset, mut line, mut column) = (self.offset, self.line, self.column);
        let mut in_tag = false;
        let mut after_cr = false;
        for (seen, found) in self.source[self.offset..].chars().enumerate() {
            if seen > window {
                break;
            }
            // A character reference (`&mdash;`, `&#12354;`) stands for the character read.
            let reference = !in_tag
                && found == '&'
                && c != '&'
                && self.source[offset + 1..]
                    .char_indices()
                    .take(12)
                    .find(|(_, next)| !(next.is_ascii_alphanumeric() || *next == '#'))
                    .is_some_and(|(at, next)| next == ';' && at > 0);
            if reference {
                let end = self.source[offset..]
                    .find(';')
                    .map_or(offset, |end| offset + end + 1);
                self.offset = end;
                self.line = line;
                self.column = column + (end - offset);
                return (line, column);
            }
            if !in_tag && found == c {
                self.offset = offset + found.len_utf8();
                self.line = line;
                self.column = column + 1;
                return (line, column);
            }
            match found {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ => {}
            }
            offset += found.len_utf8();
            if found == '\n' && after_cr {
                // The second half of CR LF: the line was counted at the CR.
            } else if found == '\n' || found == '\r' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
            after_cr = found == '\r';
        }
        self.here()
    }

    /// Where the next `<name` tag stands, moving past it (for elements of the page's head,
    /// which the walk does not read).
    pub(super) fn next_tag(&mut self, name: &str) -> (usize, usize) {
        match self.tag_offset(name) {
            Some(offset) => {
                self.advance_to(offset);
                let at = (self.line, self.column);
                self.advance_to(offset + 1);
                at
            }
            None => self.here(),
        }
    }

    /// The byte offset of the next `<name` tag (any case) within 64 KiB of the text read last.
    fn tag_offset(&self, name: &str) -> Option<usize> {
        let rest = &self.source.as_bytes()[self.offset..];
        let rest = &rest[..rest.len().min(1 << 16)];
        let name = name.as_bytes();
        rest.windows(name.len() + 1)
            .position(|window| window[0] == b'<' && window[1..].eq_ignore_ascii_case(name))
            .map(|at| self.offset + at)
    }

    /// Moves to `offset` (a byte offset at a character boundary), counting lines on the way.
    pub(super) fn advance_to(&mut self, offset: usize) {
        let Some(skipped) = self.source.get(self.offset..offset) else {
            return;
        };
        let mut after_cr = false;
        for c in skipped.chars() {
            if c == '\n' && after_cr {
            } else if c == '\n' || c == '\r' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
            after_cr = c == '\r';
        }
        self.offset = offset;
    }

    /// Where `needle` first stands from the start of the file, or line 1.
    pub(super) fn position_of(source: &str, needle: &str) -> (usize, usize) {
        let mut probe = Locator::new(source);
        match source.find(needle) {
            Some(offset) => {
                probe.advance_to(offset);
                (probe.line, probe.column)
            }
            None => (1, 1),
        }
    }
}
