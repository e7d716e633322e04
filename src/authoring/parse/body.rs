//! The body of a source, line by line: each line is classified (heading, list item, table
//! row, centred line, closing, omission, note, or text), paragraph lines are joined, list
//! items are grouped by how deeply they are indented and table rows into tables, and each
//! block is recorded in the source map where it starts.

use super::{Located, Parser, Position, SourceProblem};
use crate::document::{Block, Inline, Omission, OmissionKind, Table};

/// A list item as read: how deep it nests, its text, where it starts.
struct ListLine {
    depth: u8,
    text: Vec<Located>,
    at: Position,
}

/// The lines of a table as read, before they are split into cells.
#[derive(Default)]
struct TableLines {
    caption: Option<(Vec<Located>, Position)>,
    rows: Vec<(Vec<Located>, Position)>,
}

impl Parser<'_> {
    /// Parses the body lines; `offset` is the index of the first one in the file.
    pub(super) fn body(&mut self, lines: &[&str], offset: usize) -> (Vec<Block>, Option<String>) {
        let mut blocks = Vec::new();
        let mut paragraph: Vec<Vec<Located>> = Vec::new();
        let mut list: Vec<ListLine> = Vec::new();
        // The indentation of each open level of the list, outermost first.
        let mut indents: Vec<usize> = Vec::new();
        let mut table = TableLines::default();
        let mut paragraph_start = Position::default();
        let mut closing: Option<(String, Position)> = None;
        let mut heading_ids: Vec<String> = Vec::new();
        let mut current_heading: Option<String> = None;

        for (index, raw) in lines.iter().enumerate() {
            let line_number = offset + index + 1;
            let chars = located(raw, line_number);
            let trimmed = trim_ascii(&chars);
            let mut kind = classify(trimmed);
            // `表：…` right above a table row is the table's caption.
            if kind == LineKind::Text
                && caption_text(trimmed).is_some()
                && lines.get(index + 1).is_some_and(|next| {
                    classify(trim_ascii(&located(next, line_number + 1))) == LineKind::TableRow
                })
            {
                kind = LineKind::TableCaption;
            }
            if !matches!(kind, LineKind::Text) && !paragraph.is_empty() {
                let content = self.inlines(&join_lines(&paragraph));
                self.push_block(&mut blocks, Block::Paragraph { content }, paragraph_start);
                paragraph.clear();
            }
            if !matches!(kind, LineKind::ListItem) && !list.is_empty() {
                self.push_lists(&mut blocks, &list);
                list.clear();
                indents.clear();
            }
            if kind != LineKind::TableRow && !table.rows.is_empty() {
                self.push_table(&mut blocks, std::mem::take(&mut table));
            }
            if kind != LineKind::Blank
                && let Some((_, at)) = &closing
            {
                let at = *at;
                self.error(at, SourceProblem::ClosingNotLast);
                closing = None;
            }
            let start = trimmed.first().map(|(_, at)| *at).unwrap_or(Position {
                line: line_number,
                column: 1,
            });
            match kind {
                LineKind::Blank => {}
                LineKind::Text => {
                    if paragraph.is_empty() {
                        paragraph_start = start;
                    }
                    paragraph.push(trimmed.to_vec());
                }
                LineKind::ListItem => {
                    let indent: usize = chars
                        .iter()
                        .take_while(|(c, _)| matches!(c, ' ' | '\t'))
                        .map(|(c, _)| if *c == '\t' { 4 } else { 1 })
                        .sum();
                    while indents.last().is_some_and(|&open| open > indent) {
                        indents.pop();
                    }
                    if indents.last().is_none_or(|&open| open < indent) {
                        indents.push(indent);
                    }
                    let depth = indents.len() - 1;
                    if depth > usize::from(crate::bundle::limits::MAX_LIST_DEPTH) {
                        self.error(start, SourceProblem::ListTooDeep);
                        indents.pop();
                        continue;
                    }
                    let item = trim_ascii(trimmed.get(2..).unwrap_or(&[]));
                    if item.is_empty() {
                        self.error(start, SourceProblem::EmptyListItem);
                    }
                    list.push(ListLine {
                        depth: depth as u8,
                        text: item.to_vec(),
                        at: start,
                    });
                }
                LineKind::TableCaption => {
                    let skip = caption_text(trimmed).unwrap_or(0);
                    table.caption = Some((trim_cell(&trimmed[skip..]).to_vec(), start));
                }
                LineKind::TableRow => table.rows.push((trimmed.to_vec(), start)),
                LineKind::Heading(hashes) => {
                    if let Some(block) = self.heading(trimmed, hashes, start, &mut heading_ids) {
                        if let Block::Heading { id, .. } = &block {
                            current_heading = Some(id.clone());
                        }
                        self.push_block(&mut blocks, block, start);
                    }
                }
                LineKind::Centered => {
                    let inner = trim_ascii(&trimmed[2..trimmed.len() - 2]);
                    if inner.is_empty() {
                        self.error(start, SourceProblem::EmptyCentredLine);
                    }
                    let content = self.inlines(inner);
                    self.push_block(&mut blocks, Block::Centered { content }, start);
                }
                LineKind::Closing => {
                    let inner = trim_ascii(&trimmed[2..]);
                    let content = self.inlines(inner);
                    match content.as_slice() {
                        [Inline::Text { text }] => {
                            let text_at = inner.first().map_or(start, |(_, at)| *at);
                            self.no_control_in_line(text, text_at);
                            closing = Some((text.clone(), start));
                        }
                        _ => self.error(start, SourceProblem::MarkupInClosing),
                    }
                }
                LineKind::Note => {
                    // `> ※1 …`: the mark as written, then the note's text (a space after the
                    // mark belongs to the text, so that nothing the letter has is lost).
                    let spaced = matches!(trimmed.get(1), Some((' ' | '\u{3000}', _)));
                    let rest = trimmed.get(2..).filter(|_| spaced).unwrap_or(&[]);
                    let text: String = rest.iter().map(|(c, _)| *c).collect();
                    match crate::document::note_marker(&text) {
                        Some(length) => {
                            let marker = text.chars().take(length).collect();
                            let content = self.inlines(&rest[length..]);
                            if crate::document::inline_text(&content).trim().is_empty() {
                                self.error(start, SourceProblem::EmptyNote);
                            }
                            self.push_block(&mut blocks, Block::Note { marker, content }, start);
                        }
                        None => self.error(start, SourceProblem::NoteWithoutMark),
                    }
                }
                LineKind::Omission => {
                    let inner = &trimmed[2..trimmed.len() - 2];
                    if let Some(omission) = self.omission(inner, start, current_heading.as_deref())
                    {
                        self.push_block(&mut blocks, Block::Omission(omission), start);
                    }
                }
            }
        }
        if !paragraph.is_empty() {
            let content = self.inlines(&join_lines(&paragraph));
            self.push_block(&mut blocks, Block::Paragraph { content }, paragraph_start);
        }
        if !list.is_empty() {
            self.push_lists(&mut blocks, &list);
        }
        if !table.rows.is_empty() {
            self.push_table(&mut blocks, table);
        }
        for block in &blocks {
            if let Block::Omission(Omission {
                under_heading: Some(id),
                ..
            }) = block
                && !heading_ids.contains(id)
            {
                let at = self.map.front_matter_end;
                self.error(at, SourceProblem::UnknownUnder { id: id.clone() });
            }
        }
        (blocks, closing.map(|(text, _)| text))
    }

    fn push_block(&mut self, blocks: &mut Vec<Block>, block: Block, at: Position) {
        blocks.push(block);
        self.map.blocks.push(at);
    }

    /// Pushes a list's items as list blocks, one for each run of items at the same depth (a
    /// nested list follows the item it belongs to).
    fn push_lists(&mut self, blocks: &mut Vec<Block>, list: &[ListLine]) {
        for run in list.chunk_by(|a, b| a.depth == b.depth) {
            let items = run.iter().map(|item| self.inlines(&item.text)).collect();
            let block = Block::List {
                items,
                depth: run[0].depth,
            };
            self.push_block(blocks, block, run[0].at);
        }
    }

    /// Splits a table's rows into cells and pushes it: a `| --- |` line under the first row
    /// makes that row the header.
    fn push_table(&mut self, blocks: &mut Vec<Block>, lines: TableLines) {
        // The table starts at its caption line, if it has one.
        let start = lines
            .caption
            .as_ref()
            .map_or(lines.rows[0].1, |(_, at)| *at);
        let mut rows: Vec<(Vec<&[Located]>, Position)> = lines
            .rows
            .iter()
            .map(|(line, at)| (split_cells(line), *at))
            .collect();
        let has_header = rows.len() > 1 && is_rule(&rows[1].0);
        let columns = rows[0].0.len();
        let mut ok = true;
        for (index, (cells, at)) in rows.iter().enumerate() {
            if is_rule(cells) && !(has_header && index == 1) {
                self.error(*at, SourceProblem::TableRuleMisplaced);
                ok = false;
            } else if cells.len() != columns {
                self.error(
                    *at,
                    SourceProblem::TableRowCells {
                        expected: columns,
                        found: cells.len(),
                    },
                );
                ok = false;
            }
        }
        let caption = lines.caption.map(|(caption, _)| self.inlines(&caption));
        let mut cells_of = |cells: &[&[Located]]| -> Vec<Vec<Inline>> {
            cells
                .iter()
                .map(|cell| self.inlines(trim_cell(cell)))
                .collect()
        };
        let header = if has_header {
            let header = cells_of(&rows[0].0);
            rows.drain(..2);
            header
        } else {
            Vec::new()
        };
        let rows = rows.iter().map(|(cells, _)| cells_of(cells)).collect();
        let table = Table {
            caption,
            header,
            rows,
        };
        if !ok {
            return;
        }
        match table.problem() {
            Some(problem) => self.error(start, SourceProblem::BadTable(problem)),
            None => self.push_block(blocks, Block::Table(table), start),
        }
    }

    fn heading(
        &mut self,
        line: &[Located],
        hashes: usize,
        start: Position,
        ids: &mut Vec<String>,
    ) -> Option<Block> {
        let level = match hashes {
            2 => 1,
            3 => 2,
            1 => {
                self.error(start, SourceProblem::TitleHeading);
                return None;
            }
            _ => {
                self.error(start, SourceProblem::HeadingLevel);
                return None;
            }
        };
        let rest = trim_ascii(&line[hashes..]);
        let rest = trim_ideographic_start(rest);
        let text: String = rest.iter().map(|(c, _)| c).collect();
        let Some(open) = text.rfind("{#").filter(|_| text.ends_with('}')) else {
            self.error(start, SourceProblem::HeadingWithoutId);
            return None;
        };
        let open_chars = text[..open].chars().count();
        let id: String = text[open + 2..text.len() - 1].to_owned();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            let at = rest.get(open_chars).map(|(_, at)| *at).unwrap_or(start);
            self.error(at, SourceProblem::BadHeadingId { id });
            return None;
        }
        if ids.contains(&id) {
            self.error(start, SourceProblem::DuplicateHeadingId { id });
            return None;
        }
        ids.push(id.clone());
        let content_chars = trim_ascii(&rest[..open_chars]);
        if content_chars.is_empty() {
            self.error(start, SourceProblem::HeadingWithoutText);
            return None;
        }
        let content = self.inlines(content_chars);
        Some(Block::Heading { id, level, content })
    }

    fn omission(
        &mut self,
        inner: &[Located],
        start: Position,
        heading: Option<&str>,
    ) -> Option<Omission> {
        let attributes = self.attributes(inner, start, &["kind", "reason", "by", "under"])?;
        let marker = attributes.marker;
        let kind = match attributes.values.get("kind") {
            Some(kind) => match kind.as_str() {
                "section" => OmissionKind::Section,
                "middle" => OmissionKind::Middle,
                "rest" => OmissionKind::Rest,
                "unspecified" => OmissionKind::Unspecified,
                other => {
                    self.error(
                        start,
                        SourceProblem::UnknownOmissionKind {
                            kind: other.to_owned(),
                        },
                    );
                    return None;
                }
            },
            None => match omission_kind_of(&marker) {
                Some(kind) => kind,
                None => {
                    self.error(start, SourceProblem::OmissionKindUnclear { marker });
                    return None;
                }
            },
        };
        let omitted_by = self.withheld_by(attributes.values.get("by"), start)?;
        let under_heading = match attributes.values.get("under").map(String::as_str) {
            Some("-") => None,
            Some(id) => Some(id.to_owned()),
            None => heading.map(str::to_owned),
        };
        Some(Omission {
            kind,
            marker,
            reason: attributes.values.get("reason").cloned(),
            omitted_by,
            under_heading,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Text,
    ListItem,
    Heading(usize),
    Centered,
    Closing,
    Omission,
    Note,
    TableRow,
    TableCaption,
}

fn classify(line: &[Located]) -> LineKind {
    let starts = |prefix: &str| {
        line.len() >= prefix.chars().count()
            && prefix.chars().zip(line.iter()).all(|(a, (b, _))| a == *b)
    };
    let ends = |suffix: &str| {
        let n = suffix.chars().count();
        line.len() >= n
            && suffix
                .chars()
                .zip(line[line.len() - n..].iter())
                .all(|(a, (b, _))| a == *b)
    };
    if line.is_empty() {
        return LineKind::Blank;
    }
    if starts("##") {
        return LineKind::Heading(line.iter().take_while(|(c, _)| *c == '#').count());
    }
    if starts("# ") || starts("#\u{3000}") {
        return LineKind::Heading(1);
    }
    if starts("->") {
        if line.len() >= 4 && ends("<-") {
            return LineKind::Centered;
        }
        return LineKind::Closing;
    }
    if starts("- ") || starts("-\u{3000}") {
        return LineKind::ListItem;
    }
    if starts(">") {
        return LineKind::Note;
    }
    if starts("|") || starts("｜") {
        return LineKind::TableRow;
    }
    if line.len() >= 4 && starts("[[") && ends("]]") {
        return LineKind::Omission;
    }
    LineKind::Text
}

/// The omission kind a marker's wording implies: 中略 → middle, 以下略/後略 → rest,
/// 省略 → section, other 略 → unspecified.
pub(crate) fn omission_kind_of(marker: &str) -> Option<OmissionKind> {
    if marker.contains("中略") {
        Some(OmissionKind::Middle)
    } else if marker.contains("以下略") || marker.contains("以下省略") || marker.contains("後略")
    {
        Some(OmissionKind::Rest)
    } else if marker.contains("省略") {
        Some(OmissionKind::Section)
    } else if marker.contains('略') {
        Some(OmissionKind::Unspecified)
    } else {
        None
    }
}

/// Where a table caption's text starts, if the line is one (`表：…` or `表:…` with text
/// after the colon).
fn caption_text(line: &[Located]) -> Option<usize> {
    match line {
        [('表', _), ('：' | ':', _), rest @ ..] if !trim_cell(rest).is_empty() => Some(2),
        _ => None,
    }
}

/// A table row's cells: the text between its bars `|` or `｜`, a bar escaped (`\|`) or inside
/// a mask `{{…}}` or a link's `[text](target)` being text. The bar that ends a row is
/// optional.
fn split_cells(line: &[Located]) -> Vec<&[Located]> {
    let is_bar = |c: char| c == '|' || c == '｜';
    let mut cells = Vec::new();
    let mut start = 1;
    let mut index = 1;
    while index < line.len() {
        let c = line[index].0;
        let next = line.get(index + 1).map(|(c, _)| *c);
        if c == '\\' && next.is_some_and(super::escapable) {
            index += 2;
        } else if c == '{' && next == Some('{') {
            index =
                super::inline::find_pair(line, index + 2, '}').map_or(line.len(), |end| end + 2);
        } else if c == '[' {
            index = super::inline::link_extent(line, index).map_or(index + 1, |(_, end)| end + 1);
        } else if is_bar(c) {
            cells.push(&line[start..index]);
            start = index + 1;
            index += 1;
        } else {
            index += 1;
        }
    }
    let last = &line[start.min(line.len())..];
    if !trim_cell(last).is_empty() || !line.last().is_some_and(|(c, _)| is_bar(*c)) {
        cells.push(last);
    }
    cells
}

/// A cell's text without the spaces around it (ASCII or ideographic).
fn trim_cell(cell: &[Located]) -> &[Located] {
    let blank = |c: &char| matches!(c, ' ' | '\t' | '\u{3000}');
    let start = cell
        .iter()
        .position(|(c, _)| !blank(c))
        .unwrap_or(cell.len());
    let end = cell
        .iter()
        .rposition(|(c, _)| !blank(c))
        .map_or(start, |end| end + 1);
    &cell[start..end.max(start)]
}

/// Whether a row's cells are all rules (`---`, `:--:`, `ーーー`): the line under a header.
fn is_rule(cells: &[&[Located]]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|cell| {
            let text: String = trim_cell(cell).iter().map(|(c, _)| *c).collect();
            let dashes = text.strip_prefix(':').unwrap_or(&text);
            let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
            // Three dashes at least: a lone `ー` or `-` is a cell meaning "none".
            dashes.chars().count() >= 3
                && dashes
                    .chars()
                    .all(|c| matches!(c, '-' | 'ー' | '－' | '―' | '—'))
        })
}

fn located(line: &str, line_number: usize) -> Vec<Located> {
    line.chars()
        .enumerate()
        .map(|(index, c)| {
            (
                c,
                Position {
                    line: line_number,
                    column: index + 1,
                },
            )
        })
        .collect()
}

fn trim_ascii(chars: &[Located]) -> &[Located] {
    let start = chars
        .iter()
        .position(|(c, _)| !matches!(c, ' ' | '\t'))
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|(c, _)| !matches!(c, ' ' | '\t'))
        .map_or(start, |end| end + 1);
    &chars[start..end.max(start)]
}

fn trim_ideographic_start(chars: &[Located]) -> &[Located] {
    let start = chars
        .iter()
        .position(|(c, _)| *c != '\u{3000}')
        .unwrap_or(chars.len());
    &chars[start..]
}

/// Joins the lines of a paragraph: directly when either side of the break is an East Asian
/// character, with one space otherwise.
fn join_lines(lines: &[Vec<Located>]) -> Vec<Located> {
    let mut out: Vec<Located> = Vec::new();
    for line in lines {
        if let (Some(&(last, at)), Some(&(first, _))) = (out.last(), line.first())
            && !is_east_asian(last)
            && !is_east_asian(first)
        {
            out.push((' ', at));
        }
        out.extend_from_slice(line);
    }
    out
}

/// Whether `c` is a Japanese, Chinese or Korean character or full-width form, across which
/// line breaks join without a space.
pub(crate) fn is_east_asian(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}
