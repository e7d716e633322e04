//! A letter's tables laid out for the viewer: columns as wide as their content while the table
//! fits the text column, shared fairly when it does not, and one part per cell, each as tall
//! as its row so that the parts stay in reading order from top to bottom.

use std::sync::Arc;

use egui::{Galley, Pos2, Rect, Vec2};

use super::BODY_SIZE;
use super::Palette;
use super::layout::{CellFrame, LaidPart, interactive_spans, look, text_galley};
use crate::document::letter::{self, PartStyle};

/// The padding inside a table cell.
const CELL_PADDING: Vec2 = Vec2::new(7.0, 4.0);

/// Lays out the cells of one table (row by row, `columns` to a row) from the top left of
/// `area` within its width, pushing one part per cell; each cell's box is as tall as its row,
/// so the parts stay in reading order from top to bottom. Returns the table's bottom.
pub(super) fn lay_table(
    ui: &egui::Ui,
    cells: &[letter::Part<'_>],
    columns: usize,
    area: Rect,
    palette: Palette,
    out: &mut Vec<LaidPart>,
) -> f32 {
    let columns = columns.max(1);
    let pad = 2.0 * CELL_PADDING.x;
    // Each column as wide as its widest cell unwrapped, as long as the table fits; otherwise
    // narrow columns keep their width and the wide ones share the rest equally.
    let mut natural = vec![0.0_f32; columns];
    for (index, cell) in cells.iter().enumerate() {
        let look = look(cell.style, palette);
        let width = text_galley(ui, cell, &look, f32::INFINITY, palette)
            .size()
            .x;
        let column = index % columns;
        natural[column] = natural[column].max(width.ceil() + pad);
    }
    // No column narrower than two characters, unless the table has too many columns for that.
    let least = (2.0 * BODY_SIZE + pad).min(area.width() / columns as f32);
    let widths = share_widths(&natural, area.width(), least);
    let mut y = area.top();
    for row in cells.chunks(columns) {
        let galleys: Vec<Arc<Galley>> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| {
                let look = look(cell.style, palette);
                text_galley(ui, cell, &look, width - pad, palette)
            })
            .collect();
        let height = galleys
            .iter()
            .map(|galley| galley.size().y)
            .fold(0.0, f32::max)
            + 2.0 * CELL_PADDING.y;
        let mut x = area.left();
        for ((cell, galley), width) in row.iter().zip(galleys).zip(&widths) {
            let rect = Rect::from_min_size(Pos2::new(x, y), Vec2::new(*width, height));
            let galley_pos = rect.min + CELL_PADDING;
            let header = matches!(cell.style, PartStyle::TableCell { header: true, .. });
            out.push(LaidPart {
                key: cell.key,
                rect,
                spans: interactive_spans(cell, &galley, galley_pos),
                masks: super::layout::mask_ranges(cell),
                galley_pos,
                galley,
                omission: None,
                frame: Some(if header {
                    CellFrame::Header
                } else {
                    CellFrame::Cell
                }),
                chars: cell.text().chars().count(),
                text: cell.text(),
            });
            x += width;
        }
        y += height;
    }
    y
}

/// Column widths for columns that would like `natural` widths within `available`, the table
/// spanning the text column as a letter's table does: when they fit, the widest column takes
/// the room left over; otherwise the narrow ones keep theirs and the rest share what is left
/// equally, none narrower than `least`.
fn share_widths(natural: &[f32], available: f32, least: f32) -> Vec<f32> {
    let total = natural.iter().sum::<f32>();
    if total <= available {
        let mut widths = natural.to_vec();
        if let Some(widest) = (0..widths.len()).max_by(|a, b| widths[*a].total_cmp(&widths[*b])) {
            widths[widest] += available - total;
        }
        return widths;
    }
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by(|a, b| natural[*a].total_cmp(&natural[*b]));
    let mut widths = vec![0.0; natural.len()];
    let mut left = available;
    for (placed, &column) in order.iter().enumerate() {
        let share = left / (natural.len() - placed) as f32;
        widths[column] = natural[column].min(share).max(least);
        left -= widths[column];
    }
    widths
}
