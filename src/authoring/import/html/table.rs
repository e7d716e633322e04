//! A page's tables read into rows of cells: the caption, a top row of header cells, and cells
//! that span columns or rows leaving empty cells where they span, so that every cell stays in
//! its column.

use ego_tree::NodeRef;
use scraper::Node;

use super::walk::{PageBlock, Run, Walker};

impl Walker<'_> {
    /// Reads a table: its caption and rows of `th`/`td` cells (a row of `th` only at the top
    /// is the header); a cell spanning columns or rows leaves empty cells where it spans, so
    /// that every cell stays in its column.
    pub(super) fn table(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        let mut caption = None;
        // Rows in the order of the page with the row group each belongs to (a cell spans
        // rows only within its group), not those of a table inside a cell.
        let mut found_rows = Vec::new();
        for child in node.children() {
            let Node::Element(element) = child.value() else {
                continue;
            };
            match element.name() {
                "tr" => found_rows.push((child, node.id())),
                "thead" | "tbody" | "tfoot" => found_rows.extend(
                    child
                        .children()
                        .filter(
                            |row| matches!(row.value(), Node::Element(row) if row.name() == "tr"),
                        )
                        .map(|row| (row, child.id())),
                ),
                "caption" => caption = Some(child),
                _ => {}
            }
        }
        self.in_cell += 1;
        if let Some(caption) = caption {
            self.children(caption, depth);
        }
        let caption = Some(std::mem::take(&mut self.current)).filter(Run::has_text);
        let mut rows: Vec<(Vec<Run>, bool)> = Vec::new();
        let mut merged = false;
        // For each column, how many more rows a cell from above still covers.
        let mut spanned: Vec<usize> = Vec::new();
        let most = crate::bundle::limits::MAX_TABLE_COLUMNS + 1;
        let mut group = None;
        for (row, row_group) in found_rows {
            if group != Some(row_group) {
                spanned.clear();
                group = Some(row_group);
            }
            let mut cells: Vec<Run> = Vec::new();
            let mut all_header = true;
            let mut column = 0;
            for cell in row.children() {
                let Node::Element(element) = cell.value() else {
                    continue;
                };
                if !matches!(element.name(), "td" | "th") {
                    continue;
                }
                skip_spanned(&mut spanned, &mut cells, &mut column);
                all_header &= element.name() == "th";
                self.children(cell, depth + 1);
                cells.push(std::mem::take(&mut self.current));
                // As browsers read it: the leading digits (`2.9` is 2), `0` to the end of the
                // row group.
                let span = |name: &str| {
                    let digits: String = element
                        .attr(name)
                        .unwrap_or("1")
                        .trim()
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    match digits.parse::<usize>() {
                        Ok(0) if name == "rowspan" => most * 1000,
                        Ok(span) => span.clamp(1, most * 1000),
                        Err(_) => 1,
                    }
                };
                let (columns, down) = (span("colspan").min(most), span("rowspan"));
                merged |= columns > 1 || down > 1;
                for spanned_column in column..column + columns {
                    if spanned.len() <= spanned_column {
                        spanned.resize(spanned_column + 1, 0);
                    }
                    spanned[spanned_column] = down - 1;
                }
                for _ in 1..columns {
                    cells.push(Run::default());
                }
                column += columns;
            }
            skip_spanned(&mut spanned, &mut cells, &mut column);
            if !cells.is_empty() {
                rows.push((cells, all_header));
            }
        }
        self.in_cell -= 1;
        if !rows.is_empty() {
            self.blocks.push(PageBlock::Table {
                caption,
                rows,
                merged,
            });
        } else if let Some(caption) = caption {
            // A caption of a table without rows is still text the page shows.
            self.blocks.push(PageBlock::Text(caption));
        }
    }
}

/// Puts an empty cell in each column from `column` on that a cell above still spans.
fn skip_spanned(spanned: &mut [usize], cells: &mut Vec<Run>, column: &mut usize) {
    while spanned.get(*column).is_some_and(|rows| *rows > 0) {
        spanned[*column] -= 1;
        cells.push(Run::default());
        *column += 1;
    }
}
