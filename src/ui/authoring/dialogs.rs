//! The authoring dialogs and menu entries: open a notice folder, import a letter, sign and
//! export, export for clients, create a signing key. The reports that follow them are in
//! [`reports`](super::reports).
//!
//! Every path field has a "Choose…" button for the native dialog and stays editable, so a
//! desktop without a file-chooser service can still be used. Passwords are masked. Views only
//! read state and push commands.

use egui::{RichText, TextEdit};

use crate::ui::authoring::panels::{finding_label, job_indicator_ui};
use crate::ui::authoring::reports::{clients_done_ui, import_report_ui, key_created_ui, signed_ui};
use crate::ui::authoring::state::{AuthoringCommand, AuthoringDialog, Field, Password, Task};
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, PathPromptReason};
use crate::ui::viewer::banner::{Tone, status_icon};

/// A visible box for text fields (the theme's own frame can vanish against a dialog's fill).
fn field_frame(ui: &egui::Ui) -> egui::Frame {
    let visuals = ui.visuals();
    egui::Frame::new()
        .fill(visuals.text_edit_bg_color())
        .stroke(egui::Stroke::new(
            1.0,
            visuals.widgets.inactive.fg_stroke.color.gamma_multiply(0.5),
        ))
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(6, 4))
}

fn push(commands: &mut Vec<Command>, command: AuthoringCommand) {
    commands.push(Command::Authoring(command));
}

/// The authoring entries of the File menu.
pub fn file_menu_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    let previewing = state.authoring.previewing();
    let idle = state.authoring.job.is_none();
    ui.separator();
    if ui.button(strings.open_folder).clicked() {
        push(commands, AuthoringCommand::ChooseFolder);
    }
    if ui.button(strings.open_folder_by_path).clicked() {
        push(commands, AuthoringCommand::AskForFolderPath);
    }
    if ui.button(strings.import_letter).clicked() {
        push(commands, AuthoringCommand::OpenImportDialog);
    }
    if ui
        .add_enabled(
            previewing && idle,
            egui::Button::new(strings.sign_and_export),
        )
        .on_disabled_hover_text(strings.needs_preview)
        .clicked()
    {
        push(commands, AuthoringCommand::OpenSignDialog);
    }
    if ui
        .add_enabled(
            previewing && idle,
            egui::Button::new(strings.export_for_clients),
        )
        .on_disabled_hover_text(strings.needs_preview)
        .clicked()
    {
        push(commands, AuthoringCommand::OpenClientsDialog);
    }
    if ui
        .add_enabled(idle, egui::Button::new(strings.new_signing_key))
        .clicked()
    {
        push(commands, AuthoringCommand::OpenNewKeyDialog);
    }
}

/// A labelled path field with a "Choose…" button.
fn path_field_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    label: &str,
    value: &str,
    field: Field,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    let label = ui.label(label);
    ui.horizontal(|ui| {
        let mut text = value.to_owned();
        let edit = ui
            .add(
                TextEdit::singleline(&mut text)
                    .desired_width(440.0)
                    .frame(field_frame(ui)),
            )
            .labelled_by(label.id);
        if edit.changed() {
            push(commands, AuthoringCommand::SetField(field, text));
        }
        if ui.button(strings.choose).clicked() {
            push(commands, AuthoringCommand::ChooseFor(field));
        }
    });
}

/// A labelled, masked password field.
fn password_field_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &Password,
    field: Field,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    let label = ui.label(label);
    let mut text = value.expose().to_owned();
    let edit = ui
        .add(
            TextEdit::singleline(&mut text)
                .password(true)
                .desired_width(300.0)
                .frame(field_frame(ui)),
        )
        .labelled_by(label.id);
    if edit.changed() {
        push(commands, AuthoringCommand::SetField(field, text));
    }
}

fn problem_ui(ui: &mut egui::Ui, problem: Option<&String>) {
    if let Some(problem) = problem {
        ui.horizontal_wrapped(|ui| {
            let (_, border, _) = Tone::Danger.colors(ui.visuals().dark_mode);
            status_icon(ui, Tone::Danger, 16.0, border);
            ui.label(RichText::new(problem).strong());
        });
    }
}

/// Buttons at the foot of a dialog: the action (if any) and Cancel/Close.
pub(in crate::ui::authoring) fn buttons_ui(
    ui: &mut egui::Ui,
    action: Option<(&str, AuthoringCommand)>,
    close: &str,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if let Some((label, command)) = action
            && ui.button(RichText::new(label).strong()).clicked()
        {
            push(commands, command);
        }
        if ui.button(close).clicked() {
            push(commands, AuthoringCommand::CloseDialog);
        }
    });
}

/// The authoring dialog, if one is open, or the running task's progress.
pub fn dialogs_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    if let Some(job) = &state.authoring.job {
        egui::Modal::new(egui::Id::unique("authoring-job")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.horizontal(|ui| job_indicator_ui(ui, strings, job.task, job.done, job.total));
            ui.label(strings.job_keeps_running);
        });
        return;
    }
    let Some(dialog) = &state.authoring.dialog else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("authoring-dialog")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        dialog_ui(ui, strings, dialog, commands);
    });
    if modal.should_close() {
        push(commands, AuthoringCommand::CloseDialog);
    }
}

fn dialog_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    dialog: &AuthoringDialog,
    commands: &mut Vec<Command>,
) {
    match dialog {
        AuthoringDialog::FolderPath { text, reason } => {
            ui.heading(strings.open_folder_title);
            if *reason == PathPromptReason::NoFileChosen {
                ui.label(strings.folder_no_dialog);
            }
            let label = ui.label(strings.folder_label);
            let mut edited = text.clone();
            let field = ui
                .add(
                    TextEdit::singleline(&mut edited)
                        .desired_width(520.0)
                        .frame(field_frame(ui))
                        .hint_text("/home/…/notices/…"),
                )
                .labelled_by(label.id);
            if field.changed() {
                push(
                    commands,
                    AuthoringCommand::SetField(Field::FolderPath, edited),
                );
            }
            if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                push(commands, AuthoringCommand::OpenTypedFolder);
            }
            buttons_ui(
                ui,
                Some((strings.open_button, AuthoringCommand::OpenTypedFolder)),
                strings.cancel,
                commands,
            );
        }
        AuthoringDialog::Import {
            letter,
            folder,
            problem,
        } => {
            ui.heading(strings.import_title);
            ui.label(strings.import_detail);
            path_field_ui(
                ui,
                strings,
                strings.import_letter_field,
                letter,
                Field::Letter,
                commands,
            );
            path_field_ui(
                ui,
                strings,
                strings.import_folder_field,
                folder,
                Field::ImportFolder,
                commands,
            );
            problem_ui(ui, problem.as_ref());
            buttons_ui(
                ui,
                Some((strings.import_letter_button, AuthoringCommand::Import)),
                strings.cancel,
                commands,
            );
        }
        AuthoringDialog::ImportReport { folder, detections } => {
            import_report_ui(ui, strings, folder, detections, commands);
        }
        AuthoringDialog::SignExport {
            key,
            password,
            destination,
            problem,
        } => {
            ui.heading(strings.sign_title);
            ui.label(strings.sign_detail);
            path_field_ui(
                ui,
                strings,
                strings.key_file_field,
                key,
                Field::KeyFile,
                commands,
            );
            password_field_ui(
                ui,
                strings.password_field,
                password,
                Field::Password,
                commands,
            );
            path_field_ui(
                ui,
                strings,
                strings.destination_field,
                destination,
                Field::Destination,
                commands,
            );
            problem_ui(ui, problem.as_ref());
            buttons_ui(
                ui,
                Some((strings.sign_button, AuthoringCommand::Sign)),
                strings.cancel,
                commands,
            );
        }
        AuthoringDialog::SignRefused { blocking } => {
            ui.horizontal(|ui| {
                let (_, border, _) = Tone::Danger.colors(ui.visuals().dark_mode);
                status_icon(ui, Tone::Danger, 24.0, border);
                ui.heading(strings.sign_refused_title);
            });
            ui.label(fill(
                strings.sign_refused_detail,
                &[("n", &blocking.len().to_string())],
            ));
            egui::ScrollArea::vertical()
                .id_salt("refused")
                .max_height(300.0)
                .show(ui, |ui| {
                    for finding in blocking {
                        ui.label(finding_label(strings, finding));
                    }
                });
            buttons_ui(ui, None, strings.dismiss, commands);
        }
        AuthoringDialog::NewKey {
            base,
            password,
            repeat,
            problem,
        } => {
            ui.heading(strings.new_key_title);
            ui.label(strings.new_key_detail);
            path_field_ui(
                ui,
                strings,
                strings.key_base_field,
                base,
                Field::KeyBase,
                commands,
            );
            password_field_ui(
                ui,
                strings.password_field,
                password,
                Field::Password,
                commands,
            );
            password_field_ui(
                ui,
                strings.password_repeat_field,
                repeat,
                Field::PasswordRepeat,
                commands,
            );
            problem_ui(ui, problem.as_ref());
            buttons_ui(
                ui,
                Some((strings.create_key_button, AuthoringCommand::CreateKey)),
                strings.cancel,
                commands,
            );
        }
        AuthoringDialog::KeyCreated(written) => key_created_ui(ui, strings, written, commands),
        AuthoringDialog::ExportClients {
            list,
            key,
            password,
            output,
            problem,
        } => {
            ui.heading(strings.clients_title);
            ui.label(strings.clients_detail);
            path_field_ui(
                ui,
                strings,
                strings.client_list_field,
                list,
                Field::ClientList,
                commands,
            );
            path_field_ui(
                ui,
                strings,
                strings.key_file_field,
                key,
                Field::KeyFile,
                commands,
            );
            password_field_ui(
                ui,
                strings.password_field,
                password,
                Field::Password,
                commands,
            );
            path_field_ui(
                ui,
                strings,
                strings.output_folder_field,
                output,
                Field::OutputFolder,
                commands,
            );
            problem_ui(ui, problem.as_ref());
            buttons_ui(
                ui,
                Some((strings.clients_button, AuthoringCommand::ExportClients)),
                strings.cancel,
                commands,
            );
        }
        AuthoringDialog::Signed(report) => signed_ui(ui, strings, report, commands),
        AuthoringDialog::ClientsDone { summary, output } => {
            clients_done_ui(ui, strings, summary, output, commands)
        }
        AuthoringDialog::Failed { task, reason } => {
            ui.horizontal(|ui| {
                let (_, border, _) = Tone::Danger.colors(ui.visuals().dark_mode);
                status_icon(ui, Tone::Danger, 24.0, border);
                ui.heading(match task {
                    Task::Sign => strings.failed_sign,
                    Task::CreateKey => strings.failed_key,
                    Task::ExportClients => strings.failed_clients,
                    Task::Import => strings.failed_import_letter,
                });
            });
            ui.label(RichText::new(strings.nothing_written).strong());
            ui.label(fill(
                strings.error_detail,
                &[("reason", &explain(reason, strings.lang))],
            ));
            buttons_ui(ui, None, strings.dismiss, commands);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::i18n::Language;

    fn placeholders(text: &str) -> Vec<String> {
        let mut names: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn authoring_strings_keep_the_same_placeholders_in_both_languages() {
        let pick = |language: Language| {
            let strings = language.strings();
            [
                strings.banner_folder,
                strings.watching_unavailable,
                strings.source_errors_title,
                strings.source_errors_more,
                strings.checks_warnings_only,
                strings.checks_blocked,
                strings.finding_entry,
                strings.finding_location_only,
                strings.import_report_title,
                strings.sign_refused_detail,
                strings.key_exists,
                strings.key_created_secret,
                strings.key_created_public,
                strings.signed_verified,
                strings.signed_not_verified,
                strings.signed_file,
                strings.clients_done_summary,
                strings.clients_done_failed,
                strings.job_clients_progress,
            ]
        };
        for (ja, en) in pick(Language::Japanese)
            .into_iter()
            .zip(pick(Language::English))
        {
            assert_eq!(placeholders(ja), placeholders(en), "{ja} / {en}");
            assert!(!placeholders(en).is_empty(), "{en}");
        }
    }
}
