//! The reports after the authoring work: what an import detected (to confirm line by line),
//! a new key's id and fingerprint to read out over the phone, the verdict of a bundle just
//! written and read back (with Open, to see it in this viewer, and Show in folder), and what
//! was written for each client.

use egui::RichText;

use crate::authoring::import::{Detection, DetectionKind};
use crate::authoring::publish::{RecipientSummary, WrittenKeyPair};
use crate::bundle::Verdict;
use crate::ui::authoring::dialogs::{buttons_ui, toned_heading_ui};
use crate::ui::authoring::state::{AuthoringCommand, SignedReport};
use crate::ui::command::Command;
use crate::ui::error_text::{Problem, explain, verdict_problem};
use crate::ui::i18n::{Strings, fill};
use crate::ui::viewer::banner::{Tone, status_icon};

fn detection_kind(strings: &Strings, kind: DetectionKind) -> &'static str {
    match kind {
        DetectionKind::Letter => strings.detect_letter,
        DetectionKind::Addressee => strings.detect_addressee,
        DetectionKind::Issuer => strings.detect_issuer,
        DetectionKind::Title => strings.detect_title,
        DetectionKind::Caption => strings.detect_caption,
        DetectionKind::Heading => strings.detect_heading,
        DetectionKind::Mask => strings.detect_mask,
        DetectionKind::Omission => strings.detect_omission,
        DetectionKind::JoinedParagraph => strings.detect_joined,
        DetectionKind::SignOff => strings.detect_sign_off,
        DetectionKind::NotWithheld => strings.detect_not_withheld,
        DetectionKind::Page => strings.detect_page,
        DetectionKind::Note => strings.detect_note,
    }
}

pub(in crate::ui::authoring) fn import_report_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    folder: &std::path::Path,
    detections: &[Detection],
    commands: &mut Vec<Command>,
) {
    ui.heading(fill(
        strings.import_report_title,
        &[("folder", &folder.display().to_string())],
    ));
    ui.label(strings.import_report_detail);
    egui::ScrollArea::vertical()
        .id_salt("detections")
        .max_height(380.0)
        .show(ui, |ui| {
            egui::Grid::new("detections-grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for detection in detections {
                        ui.label(
                            RichText::new(format!("{}:{}", detection.line, detection.column))
                                .monospace(),
                        );
                        let kind = detection_kind(strings, detection.kind);
                        ui.label(match detection.kind {
                            DetectionKind::Mask | DetectionKind::Omission => {
                                RichText::new(kind).strong()
                            }
                            _ => RichText::new(kind),
                        });
                        ui.label(format!(
                            "{} — {}",
                            crate::escape::one_line(&detection.text),
                            explain(&detection.note, strings.lang)
                        ));
                        ui.end_row();
                    }
                });
        });
    buttons_ui(ui, None, strings.dismiss, commands);
}

/// A fingerprint in groups large enough to read out over the phone, five groups a row.
fn fingerprint_ui(ui: &mut egui::Ui, fingerprint: &str) {
    let groups: Vec<&str> = fingerprint.split_whitespace().collect();
    for row in groups.chunks(5) {
        ui.label(
            RichText::new(row.join("  "))
                .monospace()
                .size(26.0)
                .strong(),
        );
    }
}

pub(in crate::ui::authoring) fn key_created_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    written: &WrittenKeyPair,
    commands: &mut Vec<Command>,
) {
    toned_heading_ui(ui, Tone::Good, strings.key_created_title);
    ui.label(fill(
        strings.key_created_secret,
        &[("path", &written.secret_path.display().to_string())],
    ));
    ui.label(fill(
        strings.key_created_public,
        &[("path", &written.public_path.display().to_string())],
    ));
    ui.add_space(8.0);
    ui.label(strings.key_id_label);
    let key_id = written.public_key.key_id.to_string();
    let key_id_groups: Vec<String> = key_id
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|group| group.iter().collect())
        .collect();
    ui.label(
        RichText::new(key_id_groups.join("  "))
            .monospace()
            .size(22.0)
            .strong(),
    );
    ui.label(strings.fingerprint_label);
    fingerprint_ui(ui, &written.public_key.fingerprint());
    ui.add_space(4.0);
    ui.label(strings.fingerprint_advice);
    buttons_ui(ui, None, strings.dismiss, commands);
}

pub(in crate::ui::authoring) fn signed_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    report: &SignedReport,
    reveal_failed: Option<&Problem>,
    commands: &mut Vec<Command>,
) {
    let (tone, headline) = match &report.verdict {
        Verdict::Verified { signer } => (
            Tone::Good,
            fill(
                strings.signed_verified,
                &[("key_id", &signer.public_key.key_id.to_string())],
            ),
        ),
        other => (
            Tone::Danger,
            fill(
                strings.signed_not_verified,
                &[("verdict", &verdict_problem(other, strings.lang))],
            ),
        ),
    };
    toned_heading_ui(ui, tone, strings.signed_title);
    ui.label(RichText::new(headline).strong());
    if let Verdict::Verified { signer } = &report.verdict
        && signer.public_key.is_demo()
    {
        ui.horizontal_wrapped(|ui| {
            let (_, border, _) = Tone::Caution.colors(ui.visuals().dark_mode);
            status_icon(ui, Tone::Caution, 18.0, border);
            ui.label(RichText::new(strings.signed_with_demo_key).strong());
        });
    }
    ui.label(fill(
        strings.signed_file,
        &[
            ("path", &report.path.display().to_string()),
            ("size", &report.size.to_string()),
            ("documents", &report.documents.to_string()),
        ],
    ));
    if let Verdict::Verified { signer } = &report.verdict {
        ui.label(strings.fingerprint_label);
        fingerprint_ui(ui, &signer.public_key.fingerprint());
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        if report.verdict.intact()
            && ui
                .button(strings.open_written)
                .on_hover_text(strings.open_written_hint)
                .clicked()
        {
            commands.push(Command::Authoring(AuthoringCommand::CloseDialog));
            commands.push(Command::OpenPath(report.path.clone()));
        }
        if let Some(folder) = report.path.parent() {
            show_folder_button_ui(ui, strings, folder, commands);
        }
    });
    show_folder_failed_ui(ui, strings, reveal_failed);
    buttons_ui(ui, None, strings.dismiss, commands);
}

/// "Show in folder": the folder in the desktop's file manager.
fn show_folder_button_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    folder: &std::path::Path,
    commands: &mut Vec<Command>,
) {
    // A bare file name has an empty parent: the current folder.
    let folder = if folder.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        folder
    };
    if ui
        .button(strings.show_folder)
        .on_hover_text(strings.show_folder_hint)
        .clicked()
    {
        commands.push(Command::Authoring(AuthoringCommand::ShowFolder(
            folder.to_owned(),
        )));
    }
}

fn show_folder_failed_ui(ui: &mut egui::Ui, strings: &Strings, failed: Option<&Problem>) {
    if let Some(problem) = failed {
        ui.label(RichText::new(explain(problem, strings.lang)).small());
    }
}

pub(in crate::ui::authoring) fn clients_done_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    summary: &RecipientSummary,
    output: &std::path::Path,
    reveal_failed: Option<&Problem>,
    commands: &mut Vec<Command>,
) {
    let failed = summary.failed();
    let tone = if failed == 0 {
        Tone::Good
    } else {
        Tone::Caution
    };
    toned_heading_ui(ui, tone, strings.clients_done_title);
    ui.label(
        RichText::new(fill(
            strings.clients_done_summary,
            &[
                ("written", &summary.written().to_string()),
                ("total", &summary.outcomes.len().to_string()),
                ("folder", &output.display().to_string()),
            ],
        ))
        .strong(),
    );
    if failed > 0 {
        ui.label(fill(
            strings.clients_done_failed,
            &[("n", &failed.to_string())],
        ));
    }
    egui::ScrollArea::vertical()
        .id_salt("clients-done")
        .max_height(320.0)
        .show(ui, |ui| {
            for outcome in &summary.outcomes {
                let position = format!("{}/{}", outcome.position, outcome.total);
                ui.horizontal_wrapped(|ui| {
                    let tone = if outcome.result.is_ok() {
                        Tone::Good
                    } else {
                        Tone::Danger
                    };
                    let (_, border, _) = tone.colors(ui.visuals().dark_mode);
                    status_icon(ui, tone, 14.0, border);
                    ui.label(match &outcome.result {
                        Ok(path) => format!(
                            "{position} {} → {}",
                            crate::escape::one_line(&outcome.recipient),
                            path.file_name()
                                .map(|name| name.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ),
                        Err(reason) => format!("{position} {}", explain(reason, strings.lang)),
                    });
                });
            }
        });
    if summary.written() > 0 {
        ui.add_space(6.0);
        show_folder_button_ui(ui, strings, output, commands);
        show_folder_failed_ui(ui, strings, reveal_failed);
    }
    buttons_ui(ui, None, strings.dismiss, commands);
}
