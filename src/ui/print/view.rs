//! The PDF dialog (File ▸ Print… and File ▸ Export PDF…) and the note saying what the last job
//! did. The dialog says what the paper will state before anything is made: the verdict on
//! every page, and whether the letters are left out.

use egui::RichText;

use super::state::{FormProblem, PrintCommand, PrintForm, PrintOutcome, Purpose};
use crate::language::Language;
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, Contents};

fn problem_text(strings: &Strings, problem: FormProblem) -> &'static str {
    match problem {
        FormProblem::NoDestination => strings.pdf_no_destination,
        FormProblem::DestinationIsFolder => strings.pdf_destination_folder,
        FormProblem::NothingShown => strings.pdf_nothing_shown,
        FormProblem::NoFileChosen => strings.pdf_no_file_chosen,
        FormProblem::Exists => strings.pdf_exists,
        FormProblem::NotAFile => strings.pdf_not_a_file,
        FormProblem::IsTheBundle => strings.pdf_is_the_bundle,
    }
}

/// What the paper will say about the shown bundle, in words, before it is made.
fn verdict_lines(state: &AppState, strings: &Strings) -> Vec<String> {
    let Some(shown) = &state.shown else {
        return Vec::new();
    };
    let status = shown.status();
    let verdict = format!(
        "{} {}",
        crate::pdf::words::status_mark(status),
        status.headline(state.language())
    );
    let mut lines = vec![fill(strings.pdf_states_verdict, &[("verdict", &verdict)])];
    if !status.shows_contents() {
        lines.push(if shown.contents == Contents::ShownAnyway {
            strings.pdf_letters_marked.to_owned()
        } else {
            strings.pdf_no_letters.to_owned()
        });
    }
    lines
}

/// The dialog, editing its form in place.
pub fn dialog_ui(
    ctx: &egui::Context,
    strings: &Strings,
    verdict: &[String],
    form: &mut PrintForm,
    commands: &mut Vec<Command>,
) {
    // One id per purpose: each dialog is sized afresh, not with the other's remembered size.
    let id = match form.purpose {
        Purpose::Print => egui::Id::unique("pdf-dialog-print"),
        Purpose::Export => egui::Id::unique("pdf-dialog-export"),
    };
    let modal = egui::Modal::new(id).show(ctx, |ui| {
        crate::ui::widgets::fit_dialog_width(ui, 560.0);
        // The fields scroll in a short window; the buttons below them stay in sight.
        egui::ScrollArea::vertical()
            .max_height((ctx.content_rect().height() * 0.8 - 60.0).max(80.0))
            .show(ui, |ui| form_ui(ui, strings, verdict, form, commands));
        buttons_ui(ui, strings, form, commands);
    });
    if crate::ui::modal::asked_to_close(&modal) {
        commands.push(Command::Print(PrintCommand::CloseDialog));
    }
}

fn form_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    verdict: &[String],
    form: &mut PrintForm,
    commands: &mut Vec<Command>,
) {
    let print = |command| Command::Print(command);
    ui.heading(match form.purpose {
        Purpose::Print => strings.print_title,
        Purpose::Export => strings.export_pdf_title,
    });
    if form.purpose == Purpose::Print {
        ui.add(egui::Label::new(strings.print_intro).wrap());
    }
    for line in verdict {
        ui.add(egui::Label::new(RichText::new(line).strong()).wrap());
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(strings.pdf_language);
        for language in [Language::Japanese, Language::English] {
            ui.radio_value(&mut form.language, language, language.name());
        }
    });
    ui.checkbox(&mut form.slip, strings.slip_include);
    if form.slip {
        egui::Grid::new("slip-fields")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                for (label, value) in [
                    (strings.slip_received, &mut form.received),
                    (strings.slip_deadline, &mut form.deadline),
                    (strings.slip_return_to, &mut form.return_to),
                ] {
                    ui.label(label);
                    ui.add(egui::TextEdit::singleline(value).desired_width(320.0));
                    ui.end_row();
                }
            });
        ui.label(strings.slip_recipients);
        ui.add(
            egui::TextEdit::multiline(&mut form.recipients)
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        );
    }
    if form.purpose == Purpose::Export {
        ui.add_space(4.0);
        ui.label(strings.pdf_destination);
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut form.destination)
                    .desired_width(ui.available_width() - 90.0),
            );
            if ui.button(strings.pdf_choose).clicked() {
                commands.push(print(PrintCommand::ChooseDestination));
            }
        });
    }
    if let Some(problem) = form.problem {
        ui.add(
            egui::Label::new(
                RichText::new(format!("△ {}", problem_text(strings, problem)))
                    .color(ui.visuals().warn_fg_color),
            )
            .wrap(),
        );
    }
}

fn buttons_ui(ui: &mut egui::Ui, strings: &Strings, form: &PrintForm, commands: &mut Vec<Command>) {
    let print = |command| Command::Print(command);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let submit = match form.purpose {
            Purpose::Print => strings.print_button,
            Purpose::Export => strings.pdf_save_button,
        };
        if ui.button(RichText::new(submit).strong()).clicked() {
            commands.push(print(PrintCommand::Submit));
        }
        if ui.button(strings.cancel).clicked() {
            commands.push(print(PrintCommand::CloseDialog));
        }
    });
}

/// The running job's spinner, or what the last one did, in the status area.
pub fn outcome_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    if state.print.running.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(strings.pdf_running);
        });
        return;
    }
    let Some(outcome) = &state.print.outcome else {
        return;
    };
    let path_of = |path: &std::path::Path| path.display().to_string();
    let (text, failed) = match outcome {
        PrintOutcome::Saved(path) => (fill(strings.pdf_saved, &[("path", &path_of(path))]), false),
        PrintOutcome::OpenedForPrinting(path) => (
            fill(strings.print_opened, &[("path", &path_of(path))]),
            false,
        ),
        PrintOutcome::SentToPrinter(path) => {
            (fill(strings.print_sent, &[("path", &path_of(path))]), false)
        }
        PrintOutcome::NotOpened(path) => (
            fill(strings.print_not_opened, &[("path", &path_of(path))]),
            true,
        ),
        PrintOutcome::Failed(reason) => (
            fill(
                strings.pdf_failed,
                &[("reason", &explain(reason, strings.lang))],
            ),
            true,
        ),
    };
    ui.horizontal_wrapped(|ui| {
        let icon = if failed { "△" } else { "✓" };
        let text = RichText::new(format!("{icon} {text}"));
        ui.add(
            egui::Label::new(if failed {
                text.color(ui.visuals().warn_fg_color)
            } else {
                text
            })
            .wrap(),
        );
        if ui.button(strings.dismiss).clicked() {
            commands.push(Command::Print(PrintCommand::DismissOutcome));
        }
    });
}

/// The dialog's verdict lines for the shown bundle (computed before the form is borrowed).
pub fn dialog_verdict(state: &AppState) -> Vec<String> {
    verdict_lines(state, state.language().strings())
}

#[cfg(test)]
mod tests {
    use crate::bundle::Role;
    use crate::document::{OmissionKind, WithheldBy};
    use crate::language::Language;
    use crate::pdf::words;

    #[test]
    fn the_paper_names_roles_and_withheld_items_as_the_viewer_does() {
        for language in [Language::Japanese, Language::English] {
            let strings = language.strings();
            for (role, shown) in [
                (Role::FirmNotice, strings.role_firm),
                (Role::VendorNotice, strings.role_vendor),
                (Role::Report, strings.role_report),
            ] {
                assert_eq!(words::role_name(role, language), shown);
            }
            for (by, shown) in [
                (WithheldBy::Author, strings.who_author),
                (WithheldBy::Forwarder, strings.who_forwarder),
                (WithheldBy::NotStated, strings.who_not_stated),
            ] {
                assert_eq!(words::withheld_by(by, language), shown);
            }
            for (kind, shown) in [
                (OmissionKind::Section, strings.omission_section),
                (OmissionKind::Middle, strings.omission_middle),
                (OmissionKind::Rest, strings.omission_rest),
                (OmissionKind::Unspecified, strings.omission_unspecified),
            ] {
                assert_eq!(words::omission_kind(kind, language), shown);
            }
        }
    }
}
