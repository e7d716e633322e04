//! How the mouse and the keyboard select a letter's text in its pane: presses, drags (that
//! scroll the pane at its edge), double and triple clicks, and Shift with the arrow keys, Home
//! and End. The geometry (where a point is, where a move goes) is in [`select`](super::select);
//! what is selected is the app's state, changed only by the command this pushes.

use egui::{Pos2, Vec2};

use crate::ui::command::Command;
use crate::ui::state::Shown;
use crate::ui::viewer::document::layout::DocumentLayout;
use crate::ui::viewer::document::select::{self, Move};
use crate::ui::viewer::selection::{TextPoint, TextSelection};

/// What the pointer did on the letter's text this frame.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct PointerOnText {
    /// The part under the pointer, if any (not a mask or link on it).
    hovered: Option<usize>,
    /// A part double-clicked.
    double_clicked: Option<usize>,
    /// A part triple-clicked.
    triple_clicked: Option<usize>,
}

impl PointerOnText {
    pub(super) fn note(&mut self, index: usize, response: &egui::Response, pressed_inside: bool) {
        if response.hovered() || pressed_inside {
            self.hovered = Some(index);
        }
        if response.triple_clicked() {
            self.triple_clicked = Some(index);
        } else if response.double_clicked() {
            self.double_clicked = Some(index);
        }
    }
}

/// Mouse and keyboard selection of the letter's text: a press on text puts the caret there
/// (Shift+press extends the selection), dragging selects across parts (scrolling when the
/// pointer leaves the pane), a double click selects a run of one kind of character, a triple
/// click the part; Shift with the arrow keys, Home and End (Ctrl for the whole letter) moves
/// the selection's end across parts. A press beside the text puts the caret at the nearest
/// place (ending the selection) and a drag from there selects, as in a browser.
pub(super) fn select_ui(
    ui: &egui::Ui,
    layout: &DocumentLayout,
    origin: Vec2,
    pointer: PointerOnText,
    shown: &Shown,
    document: usize,
    commands: &mut Vec<Command>,
) {
    let selection = shown
        .selection
        .filter(|selection| selection.document == document);
    let any_selection = shown.selection.is_some();
    let dragging_id = egui::Id::unique(("kairan-selecting", document));
    let dragging = ui.data(|data| data.get_temp::<bool>(dragging_id).unwrap_or(false));
    let (pressed, down, shift, pos) = ui.input(|input| {
        (
            input.pointer.primary_pressed(),
            input.pointer.primary_down(),
            input.modifiers.shift,
            input.pointer.interact_pos(),
        )
    });
    // Where the button went down, even when the pointer moved on within the same frame.
    let press = ui.input(|input| input.pointer.press_origin()).or(pos);
    let clip = ui.clip_rect();
    let at = |pos: Pos2| select::point_at(layout, pos - origin);
    let mut changed = None;
    // A press on the text, or beside it (in the margin, between paragraphs, below the letter)
    // as in a browser, puts the caret at the nearest place, and a drag from there selects. A
    // press on another widget (the pane's scroll bar) is neither.
    let on_other_widget = || {
        // Pressed and held, or (a quick click) pressed and released within this frame.
        ui.ctx().egui_is_using_pointer()
            || ui.ctx().interaction_snapshot(|interaction| {
                interaction.clicked.is_some() || interaction.drag_started.is_some()
            })
    };
    let press_here = press
        .filter(|pos| pointer.hovered.is_some() || (clip.contains(*pos) && !on_other_widget()));
    if pressed && let Some(pos) = press_here {
        match at(pos) {
            Some(point) => {
                changed = Some(match selection {
                    Some(mut extended) if shift => {
                        extended.focus = point;
                        extended
                    }
                    _ => TextSelection::caret(document, point),
                });
                ui.data_mut(|data| data.insert_temp(dragging_id, true));
            }
            None if any_selection => commands.push(Command::ClearSelection),
            None => {}
        }
    } else if dragging && down {
        if let (Some(pos), Some(mut extended)) = (pos, selection)
            && let Some(point) = at(pos)
        {
            extended.focus = point;
            changed = Some(extended);
            // Past the pane's edge, the letter scrolls under the pointer.
            let beyond = if pos.y < clip.top() {
                pos.y - clip.top()
            } else if pos.y > clip.bottom() {
                pos.y - clip.bottom()
            } else {
                0.0
            };
            if beyond != 0.0 {
                ui.scroll_with_delta(Vec2::new(0.0, -beyond.clamp(-40.0, 40.0)));
                ui.ctx().request_repaint();
            }
        }
    } else if dragging {
        ui.data_mut(|data| data.remove::<bool>(dragging_id));
    }
    if let Some(index) = pointer.triple_clicked.or(pointer.double_clicked) {
        let part = &layout.parts[index];
        let clicked = pos.and_then(at).filter(|point| point.part == index);
        let range = match (pointer.triple_clicked, clicked) {
            (None, Some(point)) if part.omission.is_none() => {
                crate::ui::viewer::selection::word_at(&part.text, point.offset)
            }
            _ => 0..part.chars,
        };
        changed = Some(TextSelection {
            document,
            anchor: TextPoint::new(index, range.start),
            focus: TextPoint::new(index, range.end),
        });
    }

    // The keyboard moves the selection's end (or starts one at the top of the pane when the
    // pointer is over this letter and nothing is selected).
    let reading = super::reading_document(ui.ctx()) == Some(document);
    if !ui.ctx().text_edit_focused() && (selection.is_some() || reading) {
        let movement = ui.input_mut(|input| {
            const KEYS: [(egui::Modifiers, egui::Key, Move); 8] = [
                (SHIFT_COMMAND, egui::Key::Home, Move::DocumentStart),
                (SHIFT_COMMAND, egui::Key::End, Move::DocumentEnd),
                (egui::Modifiers::SHIFT, egui::Key::ArrowLeft, Move::Left),
                (egui::Modifiers::SHIFT, egui::Key::ArrowRight, Move::Right),
                (egui::Modifiers::SHIFT, egui::Key::ArrowUp, Move::Up),
                (egui::Modifiers::SHIFT, egui::Key::ArrowDown, Move::Down),
                (egui::Modifiers::SHIFT, egui::Key::Home, Move::RowStart),
                (egui::Modifiers::SHIFT, egui::Key::End, Move::RowEnd),
            ];
            KEYS.iter()
                .find(|(modifiers, key, _)| input.consume_key(*modifiers, *key))
                .map(|(_, _, movement)| *movement)
        });
        if let Some(movement) = movement {
            let mut extended = changed.or(selection).unwrap_or_else(|| {
                let top = Pos2::new(clip.left(), clip.top()) + Vec2::new(0.0, 1.0);
                let start = at(top).unwrap_or_default();
                TextSelection::caret(document, start)
            });
            // A run of Up and Down keeps the column it started in (as text editors do).
            let column_id = egui::Id::unique(("kairan-selection-column", document));
            let column = matches!(movement, Move::Up | Move::Down).then(|| {
                ui.data(|data| data.get_temp::<(TextPoint, f32)>(column_id))
                    .filter(|(focus, _)| *focus == extended.focus)
                    .map(|(_, x)| x)
                    .or_else(|| {
                        select::caret_rect(layout, extended.focus).map(|rect| rect.center().x)
                    })
            });
            extended.focus = select::moved(layout, extended.focus, movement, column.flatten());
            if let Some(Some(x)) = column {
                ui.data_mut(|data| data.insert_temp(column_id, (extended.focus, x)));
            }
            if let Some(rect) = select::caret_rect(layout, extended.focus) {
                ui.scroll_to_rect(rect.translate(origin).expand(8.0), None);
            }
            changed = Some(extended);
        }
    }
    if let Some(changed) = changed.map(|changed| select::with_whole_masks(layout, changed))
        && Some(changed) != selection
    {
        commands.push(Command::Select(changed));
    }
}

const SHIFT_COMMAND: egui::Modifiers = egui::Modifiers {
    shift: true,
    command: true,
    ..egui::Modifiers::NONE
};
