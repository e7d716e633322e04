//! The two document panes: the firm notice left, the vendor documents right as tabs with
//! their provenance, side by side with a resizable divider or stacked when the window is
//! narrow; each with Copy text, and an altered document framed in red under its label.

use egui::RichText;

use crate::escape::one_line;
use crate::ui::command::Command;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, Pane, Shown};
use crate::ui::viewer::document::{LayoutCache, document_ui};
use crate::ui::viewer::panels::role_name;

/// Below this height (in points) a narrow window shows one letter at a time.
const ONE_AT_A_TIME_BELOW_POINTS: f32 = 520.0;

/// The two document panes: firm notice left, vendor documents right (tabs), side by side
/// with a resizable divider, stacked when the window is narrow.
pub fn panes_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    cache: &mut LayoutCache,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    let Some(shown) = &state.shown else {
        ui.centered_and_justified(|ui| ui.label(strings.no_bundle));
        return;
    };
    if !shown.contents_visible() {
        ui.centered_and_justified(|ui| {
            let why = match shown.status() {
                crate::trust::Status::Alarm => strings.content_withheld_alarm,
                crate::trust::Status::Revoked => strings.content_withheld_revoked,
                _ => strings.content_withheld,
            };
            ui.label(RichText::new(why).size(16.0))
        });
        return;
    }
    let full = ui.available_rect_before_wrap();
    let narrow = full.width() < 820.0;
    // Stacked letters need room for several lines each; below that, one at a time.
    let one_at_a_time = narrow && full.height() < ONE_AT_A_TIME_BELOW_POINTS;
    match (shown.left, shown.right) {
        (Some(left), Some(_)) if one_at_a_time => {
            ui.horizontal_wrapped(|ui| {
                for (pane, label) in [
                    (Pane::Left, strings.firm_pane),
                    (Pane::Right, strings.vendor_pane),
                ] {
                    if ui
                        .add(egui::Button::selectable(shown.single_pane == pane, label))
                        .clicked()
                    {
                        commands.push(Command::ShowPane(pane));
                    }
                }
            });
            match shown.single_pane {
                Pane::Left => firm_pane_ui(ui, state, cache, left, commands),
                Pane::Right => vendor_pane_ui(ui, state, shown, cache, commands),
            }
        }
        (Some(left), Some(_)) => {
            let panel = if narrow {
                egui::Panel::top("firm-pane-stacked")
                    .resizable(true)
                    .default_size(full.height() * 0.45)
                    .size_range(120.0..=(full.height() - 120.0).max(121.0))
            } else {
                egui::Panel::left("firm-pane")
                    .resizable(true)
                    .default_size(full.width() * 0.5)
                    .size_range(300.0..=(full.width() - 300.0).max(301.0))
            };
            panel.show(ui, |ui| firm_pane_ui(ui, state, cache, left, commands));
            egui::CentralPanel::default().show(ui, |ui| {
                vendor_pane_ui(ui, state, shown, cache, commands);
            });
        }
        (Some(only), None) | (None, Some(only)) => {
            firm_pane_ui(ui, state, cache, only, commands);
        }
        (None, None) => {
            ui.label(strings.no_document);
        }
    }
}

fn firm_pane_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    cache: &mut LayoutCache,
    document: usize,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    let altered = state.shown.as_ref().and_then(Shown::altered_document) == Some(document);
    marked_if_altered(ui, altered, strings, true, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(strings.firm_pane).strong());
            copy_button_ui(ui, strings, document, commands);
        });
        ui.separator();
        document_ui(ui, state, cache, Pane::Left, document, commands);
    });
}

/// Draws `contents` inside a red frame headed by the "Altered document" label when `altered`
/// (a document changed since signing, shown anyway), and as they are otherwise.
pub(in crate::ui::viewer) fn marked_if_altered<R>(
    ui: &mut egui::Ui,
    altered: bool,
    strings: &Strings,
    with_detail: bool,
    contents: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    if !altered {
        return contents(ui);
    }
    let (fill_color, border, text) =
        crate::ui::viewer::banner::Tone::Danger.colors(ui.visuals().dark_mode);
    altered_frame(border)
        .show(ui, |ui| {
            egui::Frame::new()
                .fill(fill_color)
                .corner_radius(4)
                .inner_margin(egui::Margin::symmetric(6, 4))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        crate::ui::viewer::banner::status_icon(
                            ui,
                            crate::ui::viewer::banner::Tone::Danger,
                            16.0,
                            border,
                        );
                        ui.label(RichText::new(strings.altered_document).strong().color(text));
                        if with_detail {
                            ui.label(RichText::new(strings.altered_document_detail).color(text));
                        }
                    });
                });
            contents(ui)
        })
        .inner
}

/// The frame around an altered document's pane and side-list entry.
pub fn altered_frame(border: egui::Color32) -> egui::Frame {
    egui::Frame::new()
        .stroke(egui::Stroke::new(2.5, border))
        .corner_radius(6)
        .inner_margin(egui::Margin::same(6))
}

/// "Copy text" at the right end of a pane's heading row (in a wrapped row), or on a row of its
/// own when the pane is too narrow for both: never over the heading.
fn copy_button_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    document: usize,
    commands: &mut Vec<Command>,
) {
    let mut button = |ui: &mut egui::Ui| {
        if ui
            .button(strings.copy_text)
            .on_hover_text(strings.copy_hint)
            .clicked()
        {
            commands.push(Command::CopyDocument(document));
        }
    };
    if crate::ui::widgets::button_fits_on_row(ui, strings.copy_text) {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), button);
    } else {
        // Too narrow: the wrapped row puts the button under the heading.
        button(ui);
    }
}

fn vendor_pane_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    shown: &Shown,
    cache: &mut LayoutCache,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    let Some(current) = shown.right else {
        return;
    };
    let altered = shown.altered_document() == Some(current);
    marked_if_altered(ui, altered, strings, true, |ui| {
        vendor_pane_contents_ui(ui, state, shown, cache, current, commands);
    });
}

fn vendor_pane_contents_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    shown: &Shown,
    cache: &mut LayoutCache,
    current: usize,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(strings.vendor_pane).strong());
        copy_button_ui(ui, strings, current, commands);
    });
    ui.horizontal_wrapped(|ui| {
        for index in shown.right_documents() {
            let document = &shown.bundle.documents[index];
            let date = document
                .document
                .date
                .as_ref()
                .map(|date| date.text.as_str())
                .unwrap_or(strings.undated);
            let label = fill(
                strings.tab_label,
                &[
                    ("role", role_name(strings, document.entry.role)),
                    ("date", &one_line(date)),
                ],
            );
            if ui.selectable_label(current == index, label).clicked() {
                commands.push(Command::ShowDocument(index));
            }
        }
    });
    if let Some(source) = &shown.bundle.documents[current].document.source {
        provenance_ui(ui, strings, source, commands);
    }
    ui.separator();
    document_ui(ui, state, cache, Pane::Right, current, commands);
}

fn provenance_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    source: &crate::document::Source,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let publisher = source
            .publisher
            .as_deref()
            .map_or_else(|| strings.not_stated.into(), one_line);
        ui.label(RichText::new(fill(strings.provenance, &[("publisher", &publisher)])).strong());
        ui.horizontal_wrapped(|ui| {
            let url = source.url.as_deref().map_or_else(
                || strings.not_stated.to_owned(),
                |url| one_line(url).into_owned(),
            );
            ui.label(fill(strings.provenance_source, &[("url", &url)]));
            if let Some(url) = &source.url
                && crate::document::opens_externally(url)
                && ui.small_button(strings.open_source).clicked()
            {
                commands.push(Command::FollowLink {
                    target: crate::document::LinkTarget::External { url: url.clone() },
                    from: None,
                });
            }
        });
        ui.label(match &source.retrieved {
            Some(date) => fill(
                strings.provenance_retrieved,
                &[(
                    "date",
                    &crate::time::readable::stated_time(date, strings.lang),
                )],
            ),
            None => strings.provenance_retrieved_unknown.to_owned(),
        });
    });
}
