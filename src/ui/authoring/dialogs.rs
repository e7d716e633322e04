//! The authoring dialogs and menu entries: open a notice folder, import a letter, sign and
//! export, export for clients, create a signing key. The reports that follow them are in
//! [`reports`](super::reports).
//!
//! Every path field has a "Choose…" button for the native dialog and stays editable, so a
//! desktop without a file-chooser service can still be used. Passwords are masked. The fields
//! are bound to the open dialog's form (the one thing these views change); submitting,
//! cancelling and choosing are commands, and the form is checked when it is submitted.

use egui::RichText;

use crate::authoring::checks::Finding;
use crate::ui::authoring::panels::{finding_label, job_indicator_ui, warnings_in_dialog_ui};
use crate::ui::authoring::reports::{clients_done_ui, import_report_ui, key_created_ui, signed_ui};
use crate::ui::authoring::state::{
    Authoring, AuthoringCommand, AuthoringDialog, ClientsForm, Field, FolderPathForm, ImportForm,
    NewKeyForm, Password, PasswordProblem, Preview, SignForm, Task,
};
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, PathPromptReason};
use crate::ui::viewer::banner::{Tone, status_icon};
use crate::ui::widgets::{Choice, confirm_row_ui};

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

/// A labelled path field bound to `value`, with a "Choose…" button for the native dialog.
fn path_field_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    label: &str,
    value: &mut String,
    field: Field,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    let label = ui.label(label);
    ui.horizontal(|ui| {
        let frame = field_frame(ui);
        ui.add(
            egui::TextEdit::singleline(value)
                .desired_width(440.0)
                .frame(frame),
        )
        .labelled_by(label.id);
        if ui.button(strings.choose).clicked() {
            push(commands, AuthoringCommand::ChooseFor(field));
        }
    });
}

/// A labelled, masked password field bound to `value`.
fn password_field_ui(ui: &mut egui::Ui, label: &str, value: &mut Password) -> egui::Response {
    ui.add_space(6.0);
    let frame = field_frame(ui);
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value.text_mut())
            .password(true)
            .desired_width(300.0)
            .frame(frame),
    )
    .labelled_by(label.id)
}

fn problem_ui(ui: &mut egui::Ui, problem: Option<&str>) {
    if let Some(problem) = problem {
        ui.horizontal_wrapped(|ui| {
            let (_, border, _) = Tone::Danger.colors(ui.visuals().dark_mode);
            status_icon(ui, Tone::Danger, 16.0, border);
            ui.label(RichText::new(problem).strong());
        });
    }
}

/// Why the last password did not open the key, right under the password field.
fn password_problem_ui(ui: &mut egui::Ui, strings: &Strings, problem: Option<PasswordProblem>) {
    problem_ui(
        ui,
        problem.map(|problem| match problem {
            PasswordProblem::Wrong => strings.password_wrong,
            PasswordProblem::Missing => strings.password_missing,
        }),
    );
}

/// A form dialog: heading, what it does, its fields (drawn by `fields_ui`), why the last
/// attempt could not start, and the action with Cancel.
fn form_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    (heading, detail): (&str, &str),
    fields_ui: impl FnOnce(&mut egui::Ui, &mut Vec<Command>),
    problem: Option<&str>,
    action: (&str, AuthoringCommand),
    commands: &mut Vec<Command>,
) {
    ui.heading(heading);
    ui.label(detail);
    fields_ui(ui, commands);
    problem_ui(ui, problem);
    buttons_ui(ui, Some(action), strings.cancel, commands);
}

/// A heading after the status icon of `tone`, at the top of a report.
pub(in crate::ui::authoring) fn toned_heading_ui(ui: &mut egui::Ui, tone: Tone, heading: &str) {
    ui.horizontal(|ui| {
        let (_, border, _) = tone.colors(ui.visuals().dark_mode);
        status_icon(ui, tone, 24.0, border);
        ui.heading(heading);
    });
}

/// Buttons at the foot of a dialog: the action (if any) and Cancel/Close.
pub(in crate::ui::authoring) fn buttons_ui(
    ui: &mut egui::Ui,
    action: Option<(&str, AuthoringCommand)>,
    close: &str,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    let (confirm, command) = action
        .map(|(label, command)| ((RichText::new(label).strong().into(), true), command))
        .unzip();
    match (confirm_row_ui(ui, confirm, close), command) {
        (Some(Choice::Confirm), Some(command)) => push(commands, command),
        (Some(Choice::Cancel), _) => push(commands, AuthoringCommand::CloseDialog),
        _ => {}
    }
}

/// The running task's progress, over everything, while a task runs; whether one runs.
pub fn job_ui(ctx: &egui::Context, strings: &Strings, authoring: &Authoring) -> bool {
    let Some(job) = &authoring.job else {
        return false;
    };
    egui::Modal::new(egui::Id::unique("authoring-job")).show(ctx, |ui| {
        crate::ui::widgets::fit_dialog_width(ui, 460.0);
        ui.horizontal_wrapped(|ui| job_indicator_ui(ui, strings, job.stage));
        ui.label(strings.job_keeps_running);
    });
    true
}

/// The open authoring dialog. Its form is edited in place: its fields are bound to the
/// widgets.
pub fn dialog_modal_ui(
    ctx: &egui::Context,
    strings: &Strings,
    authoring: &Authoring,
    dialog: &mut AuthoringDialog,
    commands: &mut Vec<Command>,
) {
    let warnings = authoring
        .preview
        .as_ref()
        .map(Preview::warnings)
        .unwrap_or_default();
    let modal = egui::Modal::new(egui::Id::unique("authoring-dialog")).show(ctx, |ui| {
        crate::ui::widgets::fit_dialog_width(ui, 620.0);
        dialog_ui(ui, strings, dialog, &warnings, commands);
    });
    if crate::ui::modal::asked_to_close(&modal) {
        push(commands, AuthoringCommand::CloseDialog);
    }
}

fn folder_path_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    form: &mut FolderPathForm,
    commands: &mut Vec<Command>,
) {
    ui.heading(strings.open_folder_title);
    if form.reason == PathPromptReason::NoFileChosen {
        ui.label(strings.folder_no_dialog);
    }
    let frame = field_frame(ui);
    let label = ui.label(strings.folder_label);
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut form.text)
                .desired_width(f32::INFINITY)
                .frame(frame)
                .hint_text("/home/…/notices/…"),
        )
        .labelled_by(label.id);
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

/// The second step of a dialog whose action would replace files: the question, then
/// "Replace" and "Don't replace" (back to the form).
fn replace_question_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    heading: &str,
    question: &str,
    commands: &mut Vec<Command>,
) {
    toned_heading_ui(ui, Tone::Caution, heading);
    ui.label(RichText::new(question).strong());
    ui.add_space(6.0);
    match confirm_row_ui(
        ui,
        Some((RichText::new(strings.replace_button).into(), true)),
        strings.keep_button,
    ) {
        Some(Choice::Confirm) => push(commands, AuthoringCommand::ReplaceExisting),
        Some(Choice::Cancel) => push(commands, AuthoringCommand::KeepExisting),
        None => {}
    }
}

fn sign_form_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    form: &mut SignForm,
    warnings: &[&Finding],
    commands: &mut Vec<Command>,
) {
    if let Some(path) = &form.confirm_replace {
        let question = fill(
            strings.replace_file_question,
            &[("path", &path.display().to_string())],
        );
        replace_question_ui(ui, strings, strings.sign_title, &question, commands);
        return;
    }
    let SignForm {
        fields,
        problem,
        password_problem,
        show_warnings,
        ..
    } = form;
    form_ui(
        ui,
        strings,
        (strings.sign_title, strings.sign_detail),
        |ui, commands| {
            warnings_in_dialog_ui(ui, strings, warnings, show_warnings);
            path_field_ui(
                ui,
                strings,
                strings.key_file_field,
                &mut fields.key,
                Field::KeyFile,
                commands,
            );
            password_field_ui(ui, strings.password_field, &mut fields.password);
            password_problem_ui(ui, strings, *password_problem);
            path_field_ui(
                ui,
                strings,
                strings.destination_field,
                &mut fields.destination,
                Field::Destination,
                commands,
            );
        },
        problem.as_deref(),
        (strings.sign_button, AuthoringCommand::Sign),
        commands,
    );
}

fn clients_form_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    form: &mut ClientsForm,
    warnings: &[&Finding],
    commands: &mut Vec<Command>,
) {
    if let Some(count) = form.confirm_replace {
        let question = fill(
            strings.replace_files_question,
            &[
                ("folder", form.fields.output.trim()),
                ("n", &count.to_string()),
            ],
        );
        replace_question_ui(ui, strings, strings.clients_title, &question, commands);
        return;
    }
    let ClientsForm {
        fields,
        problem,
        password_problem,
        show_warnings,
        ..
    } = form;
    form_ui(
        ui,
        strings,
        (strings.clients_title, strings.clients_detail),
        |ui, commands| {
            warnings_in_dialog_ui(ui, strings, warnings, show_warnings);
            path_field_ui(
                ui,
                strings,
                strings.client_list_field,
                &mut fields.list,
                Field::ClientList,
                commands,
            );
            path_field_ui(
                ui,
                strings,
                strings.key_file_field,
                &mut fields.key,
                Field::KeyFile,
                commands,
            );
            password_field_ui(ui, strings.password_field, &mut fields.password);
            password_problem_ui(ui, strings, *password_problem);
            path_field_ui(
                ui,
                strings,
                strings.output_folder_field,
                &mut fields.output,
                Field::OutputFolder,
                commands,
            );
        },
        problem.as_deref(),
        (strings.clients_button, AuthoringCommand::ExportClients),
        commands,
    );
}

fn dialog_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    dialog: &mut AuthoringDialog,
    warnings: &[&Finding],
    commands: &mut Vec<Command>,
) {
    match dialog {
        AuthoringDialog::FolderPath(form) => folder_path_ui(ui, strings, form, commands),
        AuthoringDialog::Import(ImportForm {
            letter,
            folder,
            problem,
        }) => form_ui(
            ui,
            strings,
            (strings.import_title, strings.import_detail),
            |ui, commands| {
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
            },
            problem.as_deref(),
            (strings.import_letter_button, AuthoringCommand::Import),
            commands,
        ),
        AuthoringDialog::ImportReport { folder, detections } => {
            import_report_ui(ui, strings, folder, detections, commands);
        }
        AuthoringDialog::SignExport(form) => sign_form_ui(ui, strings, form, warnings, commands),
        AuthoringDialog::SignRefused { blocking } => {
            toned_heading_ui(ui, Tone::Danger, strings.sign_refused_title);
            ui.label(fill(
                strings.sign_refused_detail,
                &[("n", &blocking.len().to_string())],
            ));
            egui::ScrollArea::vertical()
                .id_salt("refused")
                .max_height(300.0)
                .show(ui, |ui| {
                    for finding in blocking.iter() {
                        ui.label(finding_label(strings, finding));
                    }
                });
            buttons_ui(ui, None, strings.dismiss, commands);
        }
        AuthoringDialog::NewKey(NewKeyForm {
            base,
            password,
            repeat,
            problem,
        }) => form_ui(
            ui,
            strings,
            (strings.new_key_title, strings.new_key_detail),
            |ui, commands| {
                path_field_ui(
                    ui,
                    strings,
                    strings.key_base_field,
                    base,
                    Field::KeyBase,
                    commands,
                );
                password_field_ui(ui, strings.password_field, password);
                password_field_ui(ui, strings.password_repeat_field, repeat);
            },
            problem.as_deref(),
            (strings.create_key_button, AuthoringCommand::CreateKey),
            commands,
        ),
        AuthoringDialog::KeyCreated(written) => key_created_ui(ui, strings, written, commands),
        AuthoringDialog::ExportClients(form) => {
            clients_form_ui(ui, strings, form, warnings, commands)
        }
        AuthoringDialog::Signed {
            report,
            reveal_failed,
        } => signed_ui(ui, strings, report, reveal_failed.as_ref(), commands),
        AuthoringDialog::ClientsDone {
            summary,
            output,
            reveal_failed,
        } => clients_done_ui(
            ui,
            strings,
            summary,
            output,
            reveal_failed.as_ref(),
            commands,
        ),
        AuthoringDialog::Failed {
            task,
            reason,
            back_to,
        } => {
            toned_heading_ui(
                ui,
                Tone::Danger,
                match task {
                    Task::Sign => strings.failed_sign,
                    Task::CreateKey => strings.failed_key,
                    Task::ExportClients => strings.failed_clients,
                    Task::Import => strings.failed_import_letter,
                },
            );
            ui.label(RichText::new(strings.nothing_written).strong());
            ui.label(fill(
                strings.error_detail,
                &[("reason", &explain(reason, strings.lang))],
            ));
            let close = if back_to.is_some() {
                strings.back_to_form
            } else {
                strings.dismiss
            };
            buttons_ui(ui, None, close, commands);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::i18n::{Language, placeholders};

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
