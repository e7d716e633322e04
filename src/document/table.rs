//! Tables of a letter (document format version 2): their shape, where each run of inline
//! content sits in them, and what makes one malformed.

use serde::{Deserialize, Serialize};

use super::Inline;

/// A table of a letter: a timeline (日時／内容), the items affected (①氏名 ②住所 …), a
/// contact block. Every row has as many cells as the table has columns; a cell is one line of
/// inline content, so a mask or a link may sit in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The table's caption as written (`表1 経緯`), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Vec<Inline>>,
    /// The header row's cells; empty when the table has no header row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<Vec<Inline>>,
    /// The rows, each a list of cells.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// Where a run of a table's inline content sits (see [`Table::place`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePlace {
    /// The caption.
    Caption,
    /// A cell: `row` 0 is the header row when the table has one.
    Cell {
        /// The row, counting the header row.
        row: usize,
        /// The column.
        column: usize,
        /// Whether the cell is a header cell.
        header: bool,
    },
}

impl Table {
    /// How many columns the table has.
    pub fn columns(&self) -> usize {
        if self.header.is_empty() {
            self.rows.first().map_or(0, Vec::len)
        } else {
            self.header.len()
        }
    }

    /// The table's runs in reading order: the caption, the header cells, then each row's.
    pub fn runs(&self) -> impl Iterator<Item = &[Inline]> {
        self.caption
            .as_deref()
            .into_iter()
            .chain(self.header.iter().map(Vec::as_slice))
            .chain(self.rows.iter().flatten().map(Vec::as_slice))
    }

    /// The runs to change in place, in the order of [`Table::runs`].
    pub fn runs_mut(&mut self) -> impl Iterator<Item = &mut Vec<Inline>> {
        self.caption
            .as_mut()
            .into_iter()
            .chain(self.header.iter_mut())
            .chain(self.rows.iter_mut().flatten())
    }

    /// Where the `index`th run of [`Table::runs`] sits.
    pub fn place(&self, index: usize) -> TablePlace {
        let index = match (&self.caption, index) {
            (Some(_), 0) => return TablePlace::Caption,
            (Some(_), index) => index - 1,
            (None, index) => index,
        };
        let columns = self.columns().max(1);
        TablePlace::Cell {
            row: index / columns,
            column: index % columns,
            header: !self.header.is_empty() && index < columns,
        }
    }

    /// What is wrong with the table's shape, if anything: no rows, no columns, too many
    /// columns or cells, rows of different lengths, a cell too long or holding a line break.
    pub fn problem(&self) -> Option<TableProblem> {
        use crate::bundle::limits::{MAX_CELL_CHARS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS};
        let columns = self.columns();
        if self.rows.is_empty() || columns == 0 {
            return Some(TableProblem::Empty);
        }
        if columns > MAX_TABLE_COLUMNS {
            return Some(TableProblem::TooManyColumns(columns));
        }
        let rows = self.rows.len() + usize::from(!self.header.is_empty());
        if rows.saturating_mul(columns) > MAX_TABLE_CELLS {
            return Some(TableProblem::TooManyCells { rows, columns });
        }
        if let Some(row) = self.rows.iter().position(|row| row.len() != columns) {
            return Some(TableProblem::RaggedRow {
                row: row + 1,
                cells: self.rows[row].len(),
                columns,
            });
        }
        let cells = self
            .caption
            .iter()
            .chain(&self.header)
            .chain(self.rows.iter().flatten());
        for cell in cells {
            let text = super::inline_text(cell);
            if text.chars().count() > MAX_CELL_CHARS {
                return Some(TableProblem::CellTooLong);
            }
            if text.chars().any(|c| c.is_control() && c != '\t') {
                return Some(TableProblem::ControlInCell);
            }
        }
        None
    }
}

/// What is wrong with a table's shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableProblem {
    /// No rows or no columns.
    #[error("a table needs at least one row (under its header row, if it has one) and one column")]
    Empty,
    /// More columns than [`MAX_TABLE_COLUMNS`](crate::bundle::limits::MAX_TABLE_COLUMNS).
    #[error("a table has {0} columns; at most {max} are allowed", max = crate::bundle::limits::MAX_TABLE_COLUMNS)]
    TooManyColumns(usize),
    /// More cells than [`MAX_TABLE_CELLS`](crate::bundle::limits::MAX_TABLE_CELLS).
    #[error("a table has {rows} rows of {columns} cells; at most {max} cells are allowed", max = crate::bundle::limits::MAX_TABLE_CELLS)]
    TooManyCells {
        /// Rows, the header row included.
        rows: usize,
        /// Columns.
        columns: usize,
    },
    /// A row with another number of cells than the table has columns.
    #[error("row {row} of a table has {cells} cells where the table has {columns} columns")]
    RaggedRow {
        /// The row, from 1, not counting the header row.
        row: usize,
        /// Its cells.
        cells: usize,
        /// The table's columns.
        columns: usize,
    },
    /// A cell longer than [`MAX_CELL_CHARS`](crate::bundle::limits::MAX_CELL_CHARS).
    #[error("a table cell holds more than {max} characters", max = crate::bundle::limits::MAX_CELL_CHARS)]
    CellTooLong,
    /// A cell holding a line break or another control character.
    #[error("a table cell holds a line break or another control character")]
    ControlInCell,
}
