//! The viewer's panels around the letters: menu bar, open errors and messages, toolbar,
//! search bar, the side list of documents, withheld items and attachments, the two document
//! panes, and the dialogs. Each `*_ui` function reads [`AppState`] and pushes [`Command`]s.

use crate::escape::one_line;
use egui::{Key, RichText};

use crate::bundle::{FailureKind, Role};
use crate::ui::actions::Action;
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Language, Strings, fill};
use crate::ui::settings::ThemeChoice;
use crate::ui::state::{AppState, Dialog, Message, Pane, PathPromptReason, Shown, WithheldSort};
use crate::ui::viewer::document::{LayoutCache, document_ui};

/// The name of a role, as the side list and the banner say it.
pub fn role_name(strings: &Strings, role: Role) -> &'static str {
    match role {
        Role::FirmNotice => strings.role_firm,
        Role::VendorNotice => strings.role_vendor,
        Role::Report => strings.role_report,
        Role::Attachment => strings.attachments,
        Role::KeyRollover => strings.role_key_rollover,
    }
}

/// The menu bar, with the one-click language switch at its right.
pub fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let language = state.language();
    let strings = language.strings();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(strings.menu_file, |ui| {
            Action::Open.menu_button(ui, strings, commands);
            if ui.button(strings.open_by_path).clicked() {
                commands.push(Command::AskForPath);
            }
            crate::ui::authoring::dialogs::file_menu_ui(ui, state, commands);
            ui.separator();
            ui.menu_button(strings.recent, |ui| {
                if state.recent.paths().is_empty() {
                    ui.label(strings.recent_none);
                }
                for path in state.recent.paths() {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::OpenPath(path.clone()));
                    }
                }
            });
            if ui.button(strings.open_sample).clicked() {
                commands.push(Command::OpenSample);
            }
            ui.separator();
            if ui.button(strings.quit).clicked() {
                commands.push(Command::Quit);
            }
        });
        ui.menu_button(strings.menu_view, |ui| {
            Action::Find.menu_button(ui, strings, commands);
            ui.separator();
            for action in [Action::ZoomIn, Action::ZoomOut, Action::ZoomReset] {
                action.menu_button(ui, strings, commands);
            }
            ui.separator();
            ui.label(strings.theme);
            for (label, theme) in [
                (strings.theme_system, ThemeChoice::System),
                (strings.theme_light, ThemeChoice::Light),
                (strings.theme_dark, ThemeChoice::Dark),
            ] {
                if ui.radio(state.settings.theme == theme, label).clicked() {
                    commands.push(Command::SetTheme(theme));
                }
            }
            ui.separator();
            ui.label(strings.language);
            for candidate in [Language::Japanese, Language::English] {
                if ui.radio(language == candidate, candidate.name()).clicked() {
                    commands.push(Command::SetLanguage(candidate));
                }
            }
        });
        crate::ui::trust::view::settings_menu_ui(ui, state, commands);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let other = language.other();
            if ui
                .button(other.name())
                .on_hover_text(strings.switch_language_hint)
                .clicked()
            {
                commands.push(Command::SetLanguage(other));
            }
        });
    });
}

/// The open error, if any: what is wrong, what to do, and that the previous bundle stays.
pub fn error_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(error) = &state.error else {
        return;
    };
    let strings = state.language().strings();
    let dark = ui.visuals().dark_mode;
    let (fill_color, border) = if dark {
        (
            egui::Color32::from_rgb(0x43, 0x0f, 0x12),
            egui::Color32::from_rgb(0xf8, 0x51, 0x49),
        )
    } else {
        (
            egui::Color32::from_rgb(0xff, 0xe5, 0xe3),
            egui::Color32::from_rgb(0xc0, 0x26, 0x2d),
        )
    };
    egui::Frame::new()
        .fill(fill_color)
        .stroke(egui::Stroke::new(1.5, border))
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(14, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                crate::ui::viewer::banner::status_icon(
                    ui,
                    crate::ui::viewer::banner::Tone::Danger,
                    24.0,
                    border,
                );
                ui.vertical(|ui| {
                    ui.label(
                        RichText::new(fill(strings.error_title, &[("file", &error.file)]))
                            .strong()
                            .size(16.0),
                    );
                    ui.label(match error.kind {
                        FailureKind::Unreadable => strings.error_unreadable_advice,
                        FailureKind::Invalid => strings.error_invalid_advice,
                    });
                    ui.label(
                        RichText::new(fill(
                            strings.error_detail,
                            &[("reason", &explain(&error.error, strings.lang))],
                        ))
                        .small(),
                    );
                    if state.shown.is_some() {
                        ui.label(strings.error_kept);
                    }
                    if ui.button(strings.dismiss).clicked() {
                        commands.push(Command::DismissError);
                    }
                });
            });
        });
}

/// A short note (copied, saved…), if any.
pub fn message_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(message) = &state.message else {
        return;
    };
    let strings = state.language().strings();
    let text = match message {
        Message::Copied => strings.copied.to_owned(),
        Message::CopiedAltered => strings.copied_altered.to_owned(),
        Message::Saved(path) => fill(strings.saved_to, &[("path", &path.display().to_string())]),
        Message::SaveFailed(reason) => fill(
            strings.save_failed,
            &[("reason", &explain(reason, strings.lang))],
        ),
        Message::DroppedNothing => strings.dropped_nothing.to_owned(),
        Message::LinkNotOpened(url) => fill(strings.link_not_opened, &[("url", &one_line(url))]),
    };
    ui.horizontal(|ui| {
        let color = ui.visuals().hyperlink_color;
        crate::ui::viewer::banner::status_icon(
            ui,
            crate::ui::viewer::banner::Tone::Info,
            16.0,
            color,
        );
        ui.label(text);
        if ui.small_button(strings.dismiss).clicked() {
            commands.push(Command::DismissMessage);
        }
    });
}

/// Back, Next/Previous withheld item with its position, bundle counts, search.
pub fn toolbar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    let Some(shown) = &state.shown else {
        return;
    };
    let visible = shown.contents_visible();
    ui.horizontal_wrapped(|ui| {
        let back = ui
            .add_enabled(!shown.back.is_empty(), egui::Button::new(strings.back))
            .on_hover_text(strings.back_hint);
        if back.clicked() {
            commands.push(Command::Back);
        }
        ui.separator();
        let walkable = visible && !shown.withheld.is_empty();
        if ui
            .add_enabled(walkable, egui::Button::new(strings.previous_withheld))
            .on_hover_text(strings.withheld_hint)
            .clicked()
        {
            commands.push(Command::PreviousWithheld);
        }
        if ui
            .add_enabled(walkable, egui::Button::new(strings.next_withheld))
            .on_hover_text(strings.withheld_hint)
            .clicked()
        {
            commands.push(Command::NextWithheld);
        }
        if visible && let Some(position) = withheld_position(shown, strings) {
            ui.label(RichText::new(position).strong());
        }
        if visible {
            ui.separator();
            ui.label(fill(
                strings.bundle_counts,
                &[
                    (
                        "masks",
                        &shown.withheld_count(None, WithheldSort::Mask).to_string(),
                    ),
                    (
                        "omissions",
                        &shown
                            .withheld_count(None, WithheldSort::Omission)
                            .to_string(),
                    ),
                ],
            ));
        }
        ui.separator();
        if !state.search.open
            && visible
            && ui
                .button(strings.find)
                .on_hover_text(strings.search_hint)
                .clicked()
        {
            commands.push(Command::OpenSearch);
        }
    });
}

/// "n / total: kind (document)" for the current withheld item.
pub fn withheld_position(shown: &Shown, strings: &Strings) -> Option<String> {
    let cursor = shown.withheld_cursor?;
    let item = shown.withheld.get(cursor)?;
    let document = &shown.bundle.documents.get(item.document)?.document;
    let kind = match item.kind {
        WithheldSort::Mask => strings.kind_mask,
        WithheldSort::Omission => strings.kind_omission,
    };
    Some(fill(
        strings.withheld_position,
        &[
            ("n", &(cursor + 1).to_string()),
            ("total", &shown.withheld.len().to_string()),
            ("kind", kind),
            ("document", &one_line(&document.title)),
        ],
    ))
}

/// The search bar.
pub fn search_bar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    if !state.search.open {
        return;
    }
    let strings = state.language().strings();
    ui.horizontal(|ui| {
        ui.label(strings.search_field);
        let mut text = state.search.text.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(strings.search_hint)
                .desired_width(260.0),
        );
        let focus_id = egui::Id::unique(("search-focus", state.search.focus_serial));
        let first_frame = ui
            .ctx()
            .memory_mut(|memory| memory.data.get_temp::<bool>(focus_id).is_none());
        if first_frame {
            field.request_focus();
            ui.ctx()
                .memory_mut(|memory| memory.data.insert_temp(focus_id, true));
        }
        if field.changed() {
            commands.push(Command::SetSearchQuery(text));
        }
        if field.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)) {
            let shift = ui.input(|input| input.modifiers.shift);
            commands.push(if shift {
                Command::PreviousHit
            } else {
                Command::NextHit
            });
            field.request_focus();
        }
        let any = !state.search.hits.is_empty();
        if ui
            .add_enabled(any, egui::Button::new(strings.search_previous))
            .clicked()
        {
            commands.push(Command::PreviousHit);
        }
        if ui
            .add_enabled(any, egui::Button::new(strings.search_next))
            .clicked()
        {
            commands.push(Command::NextHit);
        }
        if !state.search.text.trim().is_empty() {
            ui.label(match state.search.current {
                Some(current) if any => {
                    let in_altered = state.shown.as_ref().is_some_and(|shown| {
                        let hit = state.search.hits.get(current).map(|hit| hit.document);
                        hit.is_some() && hit == shown.altered_document()
                    });
                    fill(
                        if in_altered {
                            strings.search_position_altered
                        } else {
                            strings.search_position
                        },
                        &[
                            ("n", &(current + 1).to_string()),
                            ("total", &state.search.hits.len().to_string()),
                        ],
                    )
                }
                _ => strings.search_none.to_owned(),
            });
        }
        if ui.button(strings.search_close).clicked() {
            commands.push(Command::CloseSearch);
        }
    });
}

/// The side list: documents with role, issuer, date and counts; withheld items; attachments.
pub fn sidebar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    let Some(shown) = &state.shown else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("sidebar")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.heading(strings.documents);
            if !shown.contents_visible() {
                // Only what the signed manifest says; the documents' own text may be forged.
                for entry in shown.bundle.manifest.documents() {
                    let altered = shown.altered_entry() == Some(entry.path.as_str());
                    marked_if_altered(ui, altered, strings, false, |ui| {
                        ui.label(RichText::new(role_name(strings, entry.role)).strong());
                        ui.label(RichText::new(one_line(&entry.path)).small());
                    });
                }
                return;
            }
            let altered_document = shown.altered_document();
            for (index, document) in shown.bundle.documents.iter().enumerate() {
                let letter = &document.document;
                let issuer = letter
                    .issuer
                    .first()
                    .or_else(|| letter.source.as_ref().and_then(|s| s.publisher.as_ref()))
                    .map(String::as_str)
                    .unwrap_or(strings.issuer_not_stated);
                let date = letter
                    .date
                    .as_ref()
                    .map(|date| date.text.as_str())
                    .unwrap_or(strings.undated);
                let counts = fill(
                    strings.doc_counts,
                    &[
                        (
                            "masks",
                            &shown
                                .withheld_count(Some(index), WithheldSort::Mask)
                                .to_string(),
                        ),
                        (
                            "omissions",
                            &shown
                                .withheld_count(Some(index), WithheldSort::Omission)
                                .to_string(),
                        ),
                    ],
                );
                let label = format!(
                    "{}\n{}・{}・{}\n{}",
                    one_line(&letter.title),
                    role_name(strings, document.entry.role),
                    one_line(issuer),
                    one_line(date),
                    counts
                );
                let selected = shown.left == Some(index) || shown.right == Some(index);
                let altered = altered_document == Some(index);
                let clicked = marked_if_altered(ui, altered, strings, false, |ui| {
                    ui.add_enabled(
                        shown.contents_visible(),
                        egui::Button::selectable(selected, label),
                    )
                    .clicked()
                });
                if clicked {
                    commands.push(Command::ShowDocument(index));
                }
                ui.add_space(2.0);
            }
            ui.add_space(8.0);
            egui::CollapsingHeader::new(format!(
                "{} ({})",
                strings.withheld_list,
                shown.withheld.len()
            ))
            .default_open(true)
            .show(ui, |ui| {
                if shown.withheld.is_empty() {
                    ui.label(strings.withheld_none);
                }
                if !shown.contents_visible() {
                    return;
                }
                for (index, item) in shown.withheld.iter().enumerate() {
                    let Some(document) = shown.bundle.documents.get(item.document) else {
                        continue;
                    };
                    let label = shown.withheld_labels.get(index);
                    let marker = label.map(|label| label.marker.as_str()).unwrap_or_default();
                    let place = label
                        .and_then(|label| label.section.clone())
                        .unwrap_or_else(|| document.document.title.clone());
                    let kind = match item.kind {
                        WithheldSort::Mask => strings.kind_mask,
                        WithheldSort::Omission => strings.kind_omission,
                    };
                    let label = fill(
                        strings.withheld_entry,
                        &[
                            ("n", &(index + 1).to_string()),
                            ("kind", kind),
                            ("marker", &one_line(marker)),
                            ("place", &one_line(&place)),
                        ],
                    );
                    if ui
                        .add(egui::Button::selectable(
                            shown.withheld_cursor == Some(index),
                            label,
                        ))
                        .clicked()
                    {
                        commands.push(Command::GoToWithheld(index));
                    }
                }
            });
            ui.add_space(8.0);
            egui::CollapsingHeader::new(format!(
                "{} ({})",
                strings.attachments,
                shown.bundle.attachments.len()
            ))
            .default_open(true)
            .show(ui, |ui| {
                if shown.bundle.attachments.is_empty() {
                    ui.label(strings.attachments_none);
                    return;
                }
                ui.label(RichText::new(strings.attachment_note).small());
                for attachment in &shown.bundle.attachments {
                    let name = crate::fs::safe_file_name(&attachment.path);
                    ui.label(RichText::new(one_line(&attachment.path)).strong());
                    ui.label(fill(
                        strings.size_bytes,
                        &[("n", &attachment.size.to_string())],
                    ));
                    ui.label(fill(
                        strings.media_type,
                        &[("type", &one_line(&attachment.media_type))],
                    ));
                    ui.label(
                        RichText::new(format!("SHA-256 {}", attachment.sha256))
                            .monospace()
                            .small(),
                    );
                    if ui
                        .add_enabled(
                            shown.bundle.verdict.intact(),
                            egui::Button::new(fill(strings.save_as, &[("name", &name)])),
                        )
                        .clicked()
                    {
                        commands.push(Command::SaveAttachment(attachment.path.clone()));
                    }
                    ui.separator();
                }
            });
        });
}

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
    match (shown.left, shown.right) {
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
        ui.horizontal(|ui| {
            ui.label(RichText::new(strings.firm_pane).strong());
            copy_button_ui(ui, strings, document, commands);
        });
        ui.separator();
        document_ui(ui, state, cache, Pane::Left, document, commands);
    });
}

/// Draws `contents` inside a red frame headed by the "Altered document" label when `altered`
/// (a document changed since signing, shown anyway), and as they are otherwise.
fn marked_if_altered<R>(
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

fn copy_button_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    document: usize,
    commands: &mut Vec<Command>,
) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui
            .button(strings.copy_text)
            .on_hover_text(strings.copy_hint)
            .clicked()
        {
            commands.push(Command::CopyDocument(document));
        }
    });
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
    ui.horizontal(|ui| {
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
                commands.push(Command::FollowLink(crate::document::LinkTarget::External {
                    url: url.clone(),
                }));
            }
        });
        ui.label(match &source.retrieved {
            Some(date) => fill(
                strings.provenance_retrieved,
                &[("date", &crate::ui::when::stated_time(date, strings.lang))],
            ),
            None => strings.provenance_retrieved_unknown.to_owned(),
        });
    });
}

/// The open-by-path field and the external-address confirmation.
pub fn dialogs_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    match &state.dialog {
        None => {}
        Some(Dialog::Path { text, reason }) => {
            let modal = egui::Modal::new(egui::Id::unique("path-dialog")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(strings.path_title);
                if *reason == PathPromptReason::NoFileChosen {
                    ui.label(strings.path_no_dialog);
                }
                ui.label(strings.path_label);
                let mut edited = text.clone();
                let field = ui.add(
                    egui::TextEdit::singleline(&mut edited)
                        .desired_width(480.0)
                        .hint_text("/home/…/notice.kairan"),
                );
                if field.changed() {
                    commands.push(Command::SetPathText(edited));
                }
                let entered = field.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button(strings.open_button).clicked() || entered {
                        commands.push(Command::OpenTypedPath);
                    }
                    if ui.button(strings.cancel).clicked() {
                        commands.push(Command::CloseDialog);
                    }
                });
            });
            if modal.should_close() {
                commands.push(Command::CloseDialog);
            }
        }
        Some(Dialog::External { url }) => {
            let modal = egui::Modal::new(egui::Id::unique("external-dialog")).show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.heading(strings.external_title);
                ui.label(strings.external_detail);
                ui.add(egui::Label::new(RichText::new(one_line(url)).monospace().strong()).wrap());
                ui.horizontal(|ui| {
                    if ui.button(strings.open_in_browser).clicked() {
                        commands.push(Command::ConfirmExternal);
                    }
                    if ui.button(strings.cancel).clicked() {
                        commands.push(Command::CloseDialog);
                    }
                });
            });
            if modal.should_close() {
                commands.push(Command::CloseDialog);
            }
        }
    }
}
