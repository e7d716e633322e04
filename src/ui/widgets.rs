//! Small building blocks that several features' views draw alike: a box in a tone with its
//! status icon, a labelled single-line field, a confirm/cancel row, and the small print of an
//! error's detail.
//!
//! They only draw, edit in place the text they are handed, and report what was clicked or
//! typed; the views that call them turn that into [`Command`](crate::ui::command::Command)s.

use egui::{Color32, RichText, TextEdit, WidgetText};

use crate::ui::i18n::{Strings, fill};
use crate::ui::viewer::banner::{Tone, status_icon};

/// A full-width box in `tone`'s fill and border, with the tone's status icon at the top left
/// and `add_contents` in a column beside it; `add_contents` gets the tone's text colour.
pub fn tone_box_ui(
    ui: &mut egui::Ui,
    tone: Tone,
    add_contents: impl FnOnce(&mut egui::Ui, Color32),
) {
    let (fill_color, border, text) = tone.colors(ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(fill_color)
        .stroke(egui::Stroke::new(1.5, border))
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(14, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                status_icon(ui, tone, 24.0, border);
                ui.vertical(|ui| add_contents(ui, text));
            });
        });
}

/// A single-line field holding `value`, read out under the name of the label `label`;
/// `style` sets its id, width, hint and the like. Returns the field and its text after this
/// frame (the caller checks `changed()`).
pub fn line_field(
    ui: &mut egui::Ui,
    label: egui::Id,
    value: &str,
    style: impl for<'t> FnOnce(TextEdit<'t>) -> TextEdit<'t>,
) -> (egui::Response, String) {
    let mut text = value.to_owned();
    let field = ui
        .add(style(TextEdit::singleline(&mut text)))
        .labelled_by(label);
    (field, text)
}

/// A single-line field that edits `value` in place, read out under the name of the label
/// `label`; `style` sets its id, width, hint and the like.
pub fn edit_line_field(
    ui: &mut egui::Ui,
    label: egui::Id,
    value: &mut String,
    style: impl for<'t> FnOnce(TextEdit<'t>) -> TextEdit<'t>,
) -> egui::Response {
    ui.add(style(TextEdit::singleline(value)))
        .labelled_by(label)
}

/// A label, then an [`edit_line_field`] read out under it, editing `value` in place.
pub fn labelled_line_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    style: impl for<'t> FnOnce(TextEdit<'t>) -> TextEdit<'t>,
) -> egui::Response {
    let label = ui.label(label);
    edit_line_field(ui, label.id, value, style)
}

/// Which button of a [`confirm_row_ui`] was clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The confirming button.
    Confirm,
    /// Cancel (or Close, Dismiss).
    Cancel,
}

/// A row of the confirming button, if any (given with whether it is enabled), then `cancel`.
pub fn confirm_row_ui(
    ui: &mut egui::Ui,
    confirm: Option<(WidgetText, bool)>,
    cancel: &str,
) -> Option<Choice> {
    ui.horizontal(|ui| {
        let mut choice = None;
        if let Some((label, enabled)) = confirm
            && ui.add_enabled(enabled, egui::Button::new(label)).clicked()
        {
            choice = Some(Choice::Confirm);
        }
        if ui.button(cancel).clicked() {
            choice = Some(Choice::Cancel);
        }
        choice
    })
    .inner
}

/// The library's detail of a failure (already in the reader's words), in small print.
pub fn error_detail_text(strings: &Strings, reason: &str) -> RichText {
    RichText::new(fill(strings.error_detail, &[("reason", reason)])).small()
}

/// Limits a dialog's width to `preferred` points, or to the window's width less its frame when
/// the window is narrower (a 480-point window would otherwise cut the dialog off at both sides).
pub fn fit_dialog_width(ui: &mut egui::Ui, preferred: f32) {
    let window = ui.ctx().content_rect().width();
    ui.set_max_width(preferred.min(window - 48.0).max(120.0));
}

/// Whether a button saying `text` fits in what is left of the row `ui` is laying out. (In a
/// wrapped row, `available_width` is the whole row's, so what is left is measured from the
/// cursor.)
pub fn button_fits_on_row(ui: &egui::Ui, text: &str) -> bool {
    let needed = egui::WidgetText::from(text)
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        )
        .size()
        .x
        + 2.0 * ui.spacing().button_padding.x
        + ui.spacing().item_spacing.x;
    ui.max_rect().right() - ui.cursor().left() >= needed
}
