//! Where a text selection ([`crate::ui::viewer::selection::TextSelection`]) is on a laid-out
//! letter, and how the pointer and the keyboard move it: the place under the pointer, a row up
//! or down (into the next or previous part at a part's edge), the start or end of a row, and
//! the rectangles a selection is shaded on. A mask is selected whole or not at all.
//!
//! The selection itself is plain state ([`crate::ui::viewer::selection`]); this module only
//! knows geometry, so a selection runs across every part of a letter whatever the pane's
//! width.

use egui::text::CCursor;
use egui::{Pos2, Rect, Vec2};

use super::layout::{DocumentLayout, LaidPart};
use crate::ui::viewer::selection::{PartExtent, TextPoint, TextSelection, step};

/// The extents of a layout's parts, in reading order.
pub fn extents(layout: &DocumentLayout) -> Vec<PartExtent> {
    layout.parts.iter().map(LaidPart::extent).collect()
}

impl LaidPart {
    /// How long the part is for selecting.
    pub fn extent(&self) -> PartExtent {
        PartExtent {
            chars: self.chars,
            whole_only: self.omission.is_some(),
        }
    }

    /// `offset` moved out of any mask it falls inside: to the mask's end when `forward`, to
    /// its start when not, to the nearer edge when `None`. A mask is selected whole or not at
    /// all, so copying never takes part of a marker.
    pub fn outside_masks(&self, offset: usize, forward: Option<bool>) -> usize {
        let inside = self
            .masks
            .iter()
            .find(|mask| mask.start < offset && offset < mask.end);
        match (inside, forward) {
            (None, _) => offset,
            (Some(mask), Some(true)) => mask.end,
            (Some(mask), Some(false)) => mask.start,
            (Some(mask), None) if offset - mask.start < mask.end - offset => mask.start,
            (Some(mask), None) => mask.end,
        }
    }

    /// The place in this part nearest to `pos` (document coordinates).
    fn point_at(&self, index: usize, pos: Pos2) -> TextPoint {
        let offset = if self.omission.is_some() {
            if pos.x < self.rect.center().x {
                0
            } else {
                self.chars
            }
        } else {
            self.galley
                .cursor_from_pos(pos - self.galley_pos)
                .index
                .0
                .min(self.chars)
        };
        TextPoint::new(index, offset)
    }

    /// The caret's rectangle before character `offset`, in document coordinates.
    fn caret_rect(&self, offset: usize) -> Rect {
        if self.omission.is_some() {
            let x = if offset == 0 {
                self.rect.left()
            } else {
                self.rect.right()
            };
            return Rect::from_x_y_ranges(x..=x, self.rect.y_range());
        }
        self.galley
            .pos_from_cursor(CCursor::new(offset))
            .translate(self.galley_pos.to_vec2())
    }
}

/// The place nearest to `pos` (document coordinates): in the part under it, or, between parts,
/// at the start of the part below (the end of the last part below the letter).
pub fn point_at(layout: &DocumentLayout, pos: Pos2) -> Option<TextPoint> {
    let parts = &layout.parts;
    let last = parts.len().checked_sub(1)?;
    let first_below = parts.partition_point(|part| part.rect.bottom() < pos.y);
    if first_below > last {
        return Some(TextPoint::new(last, parts[last].chars));
    }
    if parts[first_below].rect.top() > pos.y {
        return Some(TextPoint::new(first_below, 0));
    }
    // Table cells of one row share the height: take the one across from the pointer.
    let row = parts[first_below..]
        .iter()
        .take_while(|part| part.rect.top() <= pos.y)
        .enumerate()
        .filter(|(_, part)| part.rect.y_range().contains(pos.y))
        .min_by(|(_, a), (_, b)| {
            let distance = |part: &LaidPart| (part.rect.x_range().clamp(pos.x) - pos.x).abs();
            distance(a).total_cmp(&distance(b))
        })
        .map_or(first_below, |(offset, _)| first_below + offset);
    Some(parts[row].point_at(row, pos))
}

/// The caret's rectangle at `point`, in document coordinates.
pub fn caret_rect(layout: &DocumentLayout, point: TextPoint) -> Option<Rect> {
    let part = layout.parts.get(point.part)?;
    Some(part.caret_rect(point.offset.min(part.chars)))
}

/// How the keyboard moves the focus of a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One character back.
    Left,
    /// One character on.
    Right,
    /// One row up (into the part above from a part's first row).
    Up,
    /// One row down (into the part below from a part's last row).
    Down,
    /// To the start of the row.
    RowStart,
    /// To the end of the row.
    RowEnd,
    /// To the start of the letter.
    DocumentStart,
    /// To the end of the letter.
    DocumentEnd,
}

/// Where `point` goes on `movement`. Up and Down aim at `column` (a document x) when given:
/// the x the caret had before a run of Up and Down presses, so that a shorter, centred or
/// right-aligned row passed on the way does not shift it.
pub fn moved(
    layout: &DocumentLayout,
    point: TextPoint,
    movement: Move,
    column: Option<f32>,
) -> TextPoint {
    let moved = moved_within_masks(layout, point, movement, column);
    let forward = match movement {
        Move::Left => Some(false),
        Move::Right => Some(true),
        _ => None,
    };
    match layout.parts.get(moved.part) {
        Some(part) => TextPoint::new(moved.part, part.outside_masks(moved.offset, forward)),
        None => moved,
    }
}

/// Where `point` goes on `movement`, before it is moved out of a mask.
fn moved_within_masks(
    layout: &DocumentLayout,
    point: TextPoint,
    movement: Move,
    column: Option<f32>,
) -> TextPoint {
    let parts = &layout.parts;
    let Some(part) = parts.get(point.part) else {
        return point;
    };
    let offset = point.offset.min(part.chars);
    let cursor = CCursor::new(offset);
    match movement {
        Move::Left | Move::Right => step(
            TextPoint::new(point.part, offset),
            movement == Move::Right,
            &extents(layout),
        ),
        Move::Up | Move::Down => {
            let down = movement == Move::Down;
            let here = part.caret_rect(offset);
            let column = column.unwrap_or(here.center().x);
            if part.omission.is_none() {
                let row_of = |cursor: CCursor| part.galley.layout_from_cursor(cursor).row;
                let x = column - part.galley_pos.x;
                let (next, _) = if down {
                    part.galley.cursor_down_one_row(&cursor, Some(x))
                } else {
                    part.galley.cursor_up_one_row(&cursor, Some(x))
                };
                if row_of(next) != row_of(cursor) {
                    return TextPoint::new(point.part, next.index.0.min(part.chars));
                }
            }
            // From a part's first or last row, into the next part across from the caret.
            let neighbour = if down {
                point.part + 1
            } else {
                match point.part.checked_sub(1) {
                    Some(previous) => previous,
                    None => return TextPoint::new(0, 0),
                }
            };
            let Some(next) = parts.get(neighbour) else {
                return TextPoint::new(point.part, part.chars);
            };
            let y = if down {
                next.rect.top() + 1.0
            } else {
                next.rect.bottom() - 1.0
            };
            let target = Pos2::new(column, y);
            if next.omission.is_some() {
                TextPoint::new(neighbour, if down { next.chars } else { 0 })
            } else {
                let row_y = if down {
                    next.galley
                        .rows
                        .first()
                        .map_or(0.0, |row| row.rect().center().y)
                } else {
                    next.galley
                        .rows
                        .last()
                        .map_or(0.0, |row| row.rect().center().y)
                };
                let inside = Vec2::new(target.x - next.galley_pos.x, row_y);
                TextPoint::new(
                    neighbour,
                    next.galley.cursor_from_pos(inside).index.0.min(next.chars),
                )
            }
        }
        Move::RowStart | Move::RowEnd if part.omission.is_none() => {
            let edge = if movement == Move::RowStart {
                part.galley.cursor_begin_of_row(&cursor)
            } else {
                part.galley.cursor_end_of_row(&cursor)
            };
            TextPoint::new(point.part, edge.index.0.min(part.chars))
        }
        Move::RowStart => TextPoint::new(point.part, 0),
        Move::RowEnd => TextPoint::new(point.part, part.chars),
        Move::DocumentStart => TextPoint::new(0, 0),
        Move::DocumentEnd => {
            let last = parts.len() - 1;
            TextPoint::new(last, parts[last].chars)
        }
    }
}

/// The rectangles to shade for characters `range` of `part`, in document coordinates: whole
/// rows when the whole part is selected (a long paragraph is not walked glyph by glyph), the
/// whole block for an omission.
pub fn selection_rects(part: &LaidPart, range: std::ops::Range<usize>) -> Vec<Rect> {
    if part.omission.is_some() {
        return vec![part.rect];
    }
    if range.start == 0 && range.end >= part.chars {
        return part
            .galley
            .rows
            .iter()
            .map(|row| row.rect().translate(part.galley_pos.to_vec2()))
            .collect();
    }
    part.char_rects(range)
}

/// `selection` grown to take whole every mask its ends fall inside (a mask is selected whole
/// or not at all, so its marker is never copied in part).
pub fn with_whole_masks(layout: &DocumentLayout, selection: TextSelection) -> TextSelection {
    if selection.is_empty() {
        // A caret (a press that may become a drag) stays where it is.
        return selection;
    }
    let grow = |point: TextPoint, forward: bool| match layout.parts.get(point.part) {
        Some(part) => TextPoint::new(point.part, part.outside_masks(point.offset, Some(forward))),
        None => point,
    };
    let forward = selection.focus > selection.anchor;
    TextSelection {
        document: selection.document,
        anchor: grow(selection.anchor, !forward),
        focus: grow(selection.focus, forward),
    }
}
