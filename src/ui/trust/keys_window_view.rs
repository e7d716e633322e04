//! Draws the Settings ▸ Trusted keys window ([`keys_window`](super::keys_window)): every key
//! with its status, fingerprint and how it was added, with Rename, Revoke, Remove and Export;
//! the add-a-key form; the organisation field; and the confirmation before a key is revoked or
//! removed.
//!
//! The window's views get `&mut` to its form ([`KeysWindow`]) and the trust files read-only
//! beside it. The rename, key-path, pasted-key, name, note, export-path and organisation fields
//! edit the form in place and are read when the reader saves, adds or exports; only the check
//! that shows which key a path or pasted text holds runs as it changes, as the reader types.

use egui::RichText;

use crate::trust::{HowAdded, KeyRecord, KeyStatus};
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Strings, fill};
use crate::ui::trust::files::{TrustFiles, name_of};
use crate::ui::trust::keys_window::{ImportForm, ImportSource, KeyAction, KeysWindow, RenameForm};
use crate::ui::trust::state::TrustCommand;
use crate::ui::trust::view::{
    alarm_ui, name_taken_ui, note_row_ui, readable_timestamp, trust, visible_borders,
};
use crate::ui::viewer::banner::{Tone, status_icon};
use crate::ui::widgets::{
    Choice, confirm_row_ui, edit_line_field, error_detail_text, labelled_line_field,
};

fn how_added_text(how: &HowAdded, strings: &Strings) -> String {
    match how {
        HowAdded::KeyFile { file } => fill(strings.how_key_file, &[("file", file)]),
        HowAdded::Pasted => strings.how_pasted.to_owned(),
        HowAdded::FromBundle { bundle_id } => {
            fill(strings.how_from_bundle, &[("bundle", bundle_id)])
        }
        HowAdded::Rollover {
            old_key_id,
            bundle_id,
        } => fill(
            strings.how_rollover,
            &[("old_key_id", old_key_id), ("bundle", bundle_id)],
        ),
    }
}

pub(in crate::ui::trust) fn keys_window_ui(
    ctx: &egui::Context,
    strings: &Strings,
    files: &TrustFiles,
    window: &mut KeysWindow,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new(strings.keys_window_title)
        .id(egui::Id::unique("trusted-keys-window"))
        .open(&mut open)
        .default_width(680.0_f32.min(ctx.content_rect().width() - 16.0))
        .max_width(ctx.content_rect().width() - 16.0)
        .default_height(620.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 60.0))
        .vscroll(true)
        .show(ctx, |ui| {
            visible_borders(ui);
            if let Some(note) = &window.note {
                note_row_ui(ui, note, strings);
                ui.separator();
            }
            if let Some(problem) = files.store_problem() {
                let path = problem
                    .path
                    .as_ref()
                    .map(|path| path.display().to_string())
                    .unwrap_or_default();
                alarm_ui(ui, &fill(strings.problem_store_title, &[("path", &path)]));
                ui.add(egui::Label::new(strings.problem_store_advice).wrap());
                ui.add(
                    egui::Label::new(error_detail_text(
                        strings,
                        &explain(&problem.error, strings.lang),
                    ))
                    .wrap(),
                );
            }
            if let Some(store) = &files.store {
                ui.label(
                    RichText::new(fill(
                        strings.keys_store_path,
                        &[("path", &store.path().display().to_string())],
                    ))
                    .small(),
                );
                if store.records().is_empty() {
                    ui.label(strings.keys_none);
                }
                for record in store.records() {
                    let rename = window
                        .rename
                        .as_mut()
                        .filter(|rename| rename.key == record.public_key);
                    key_row_ui(ui, strings, record, rename, commands);
                }
            }
            let demo = crate::sample::demo_trusted_key();
            ui.label(
                RichText::new(fill(
                    strings.demo_key_line,
                    &[
                        ("name", strings.demo_key_name),
                        ("key_id", &demo.public_key.key_id.to_string()),
                    ],
                ))
                .small(),
            );
            if let Some(export) = &mut window.export {
                ui.separator();
                ui.label(strings.export_path_prompt);
                labelled_line_field(ui, strings.import_path_label, &mut export.path, |edit| {
                    edit.id_salt("export-path")
                        .desired_width(480.0)
                        .hint_text("/home/…/key.pub")
                });
                match confirm_row_ui(
                    ui,
                    Some((strings.export_button.into(), true)),
                    strings.cancel,
                ) {
                    Some(Choice::Confirm) => commands.push(trust(TrustCommand::ConfirmTypedExport)),
                    Some(Choice::Cancel) => commands.push(trust(TrustCommand::CancelExport)),
                    None => {}
                }
            }
            ui.separator();
            import_ui(ui, strings, files, &mut window.import, commands);
            ui.separator();
            ui.heading(strings.organisation_heading);
            ui.add(egui::Label::new(strings.organisation_hint).wrap());
            ui.horizontal_wrapped(|ui| {
                labelled_line_field(
                    ui,
                    strings.organisation_label,
                    &mut window.organisation,
                    |edit| edit.id_salt("organisation").desired_width(360.0),
                );
                if ui.button(strings.save).clicked() {
                    commands.push(trust(TrustCommand::SaveOrganisation));
                }
            });
        });
    if !open {
        commands.push(trust(TrustCommand::CloseKeysWindow));
    }
}

/// One trusted key with its buttons; `rename` is the rename form when this key is being
/// renamed.
fn key_row_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    record: &KeyRecord,
    rename: Option<&mut RenameForm>,
    commands: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    let key = record.public_key;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let (tone, status) = match record.status {
                KeyStatus::Trusted => (Tone::Good, strings.key_status_trusted.to_owned()),
                KeyStatus::Revoked { at } => (
                    Tone::Danger,
                    fill(
                        strings.key_status_revoked,
                        &[("date", &readable_timestamp(at, strings))],
                    ),
                ),
            };
            status_icon(ui, tone, 18.0, tone.colors(dark).1);
            ui.label(RichText::new(status).strong());
            // A name is the reader's own, but may be long: it wraps rather than widen the window.
            ui.add(egui::Label::new(RichText::new(&record.name).strong().size(16.0)).wrap());
        });
        ui.add(
            egui::Label::new(
                RichText::new(fill(
                    strings.key_id_line,
                    &[("key_id", &key.key_id.to_string())],
                ))
                .monospace(),
            )
            .wrap(),
        );
        ui.add(
            egui::Label::new(
                RichText::new(fill(
                    strings.key_fingerprint_line,
                    &[("fingerprint", &record.fingerprint())],
                ))
                .monospace(),
            )
            .wrap(),
        );
        ui.add(
            egui::Label::new(fill(
                strings.key_added_line,
                &[
                    ("date", &readable_timestamp(record.added_at, strings)),
                    ("how", &how_added_text(&record.how_added, strings)),
                ],
            ))
            .wrap(),
        );
        if !record.note.is_empty() {
            ui.add(egui::Label::new(fill(strings.key_note_line, &[("note", &record.note)])).wrap());
        }
        let renaming = rename.is_some();
        if let Some(rename) = rename {
            ui.horizontal_wrapped(|ui| {
                labelled_line_field(ui, strings.new_name_label, &mut rename.text, |edit| {
                    edit.id_salt(("rename", key.key_id.to_string()))
                        .desired_width(300.0)
                });
                if ui.button(strings.save).clicked() {
                    commands.push(trust(TrustCommand::ConfirmRename));
                }
                if ui.button(strings.cancel).clicked() {
                    commands.push(trust(TrustCommand::CancelRename));
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            if !renaming && ui.button(strings.rename).clicked() {
                commands.push(trust(TrustCommand::StartRename(key)));
            }
            if record.is_trusted() && ui.button(strings.revoke).clicked() {
                commands.push(trust(TrustCommand::Ask(KeyAction::Revoke(key))));
            }
            if ui.button(strings.remove).clicked() {
                commands.push(trust(TrustCommand::Ask(KeyAction::Remove(key))));
            }
            if ui.button(strings.export_key).clicked() {
                commands.push(trust(TrustCommand::ChooseExportLocation(key)));
            }
        });
    });
}

/// The add-a-key form. A changed path or pasted text is read again at once, so the reader sees
/// which key it holds (or why none) before adding it.
fn import_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    files: &TrustFiles,
    form: &mut ImportForm,
    commands: &mut Vec<Command>,
) {
    ui.heading(strings.add_key_heading);
    ui.horizontal_wrapped(|ui| {
        for (label, source) in [
            (strings.import_from_file, ImportSource::File),
            (strings.import_paste, ImportSource::Pasted),
        ] {
            if ui.radio(form.source == source, label).clicked() {
                commands.push(trust(TrustCommand::SetImportSource(source)));
            }
        }
    });
    match form.source {
        ImportSource::File => {
            if form.dialog_gave_nothing {
                ui.add(egui::Label::new(strings.path_no_dialog).wrap());
            }
            let label = ui.label(strings.import_path_label);
            ui.horizontal_wrapped(|ui| {
                let field = edit_line_field(ui, label.id, &mut form.path, |edit| {
                    edit.id_salt("import-path")
                        .desired_width(420.0)
                        .hint_text("/home/…/firm.pub")
                });
                if field.changed() {
                    form.read_preview();
                }
                if ui.button(strings.import_choose).clicked() {
                    commands.push(trust(TrustCommand::ChooseKeyFile));
                }
            });
        }
        ImportSource::Pasted => {
            let label = ui.label(strings.import_text_label);
            let field = ui
                .add(
                    egui::TextEdit::multiline(&mut form.pasted)
                        .id_salt("import-text")
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .font(egui::TextStyle::Monospace),
                )
                .labelled_by(label.id);
            if field.changed() {
                form.read_preview();
            }
        }
    }
    match &form.preview {
        None => {}
        Some(Ok(key)) => {
            ui.add(
                egui::Label::new(
                    RichText::new(fill(
                        strings.import_preview,
                        &[
                            ("key_id", &key.key_id.to_string()),
                            ("fingerprint", &key.fingerprint()),
                        ],
                    ))
                    .strong(),
                )
                .wrap(),
            );
            name_taken_ui(ui, strings, files, &form.name, key);
        }
        Some(Err(reason)) => {
            ui.add(
                egui::Label::new(fill(
                    strings.import_unreadable,
                    &[("reason", &explain(reason, strings.lang))],
                ))
                .wrap(),
            );
        }
    }
    ui.horizontal_wrapped(|ui| {
        labelled_line_field(ui, strings.import_name_label, &mut form.name, |edit| {
            edit.id_salt("import-name").desired_width(360.0)
        });
    });
    ui.horizontal_wrapped(|ui| {
        labelled_line_field(ui, strings.import_note_label, &mut form.note, |edit| {
            edit.id_salt("import-note").desired_width(360.0)
        });
    });
    let ready = matches!(form.preview, Some(Ok(_))) && !form.name.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new(strings.import_button))
        .clicked()
    {
        commands.push(trust(TrustCommand::ConfirmImport));
    }
}

/// Asks before the window's revoke or remove is done.
pub(in crate::ui::trust) fn confirm_ui(
    ctx: &egui::Context,
    strings: &Strings,
    files: &TrustFiles,
    window: &KeysWindow,
    commands: &mut Vec<Command>,
) {
    let Some(action) = window.confirm else {
        return;
    };
    let key = match action {
        KeyAction::Revoke(key) | KeyAction::Remove(key) => key,
    };
    let name = name_of(files, &key);
    let values = [("name", name.as_str()), ("key_id", &key.key_id.to_string())];
    let (title, detail, button) = match action {
        KeyAction::Revoke(_) => (
            strings.confirm_revoke_title,
            fill(strings.confirm_revoke_detail, &values),
            strings.revoke_button,
        ),
        KeyAction::Remove(_) => (
            strings.confirm_remove_title,
            fill(strings.confirm_remove_detail, &values),
            strings.remove_button,
        ),
    };
    let modal = egui::Modal::new(egui::Id::unique("trust-confirm-dialog")).show(ctx, |ui| {
        crate::ui::widgets::fit_dialog_width(ui, 520.0);
        ui.heading(title);
        ui.add(egui::Label::new(detail).wrap());
        match confirm_row_ui(ui, Some((button.into(), true)), strings.cancel) {
            Some(Choice::Confirm) => commands.push(trust(TrustCommand::ConfirmAction)),
            Some(Choice::Cancel) => commands.push(trust(TrustCommand::CancelAction)),
            None => {}
        }
    });
    if crate::ui::modal::asked_to_close(&modal) {
        commands.push(trust(TrustCommand::CancelAction));
    }
}
