//! The preview's own panels: the source errors under the banner (with file, line and column,
//! while the last good version stays on screen), the preview toolbar (reload, sign, export),
//! and the checks panel listing every pre-send finding, each a button that jumps to its place
//! in the letter.
//!
//! [`locate`] maps a finding's file, line and column to a document and a part through the
//! source map the compiler kept; the views only draw and push commands.

use egui::RichText;

use crate::authoring::checks::{Finding, FindingCode, Severity};
use crate::authoring::{CompiledFolder, Position};
use crate::document::Block;
use crate::document::letter::PartKey;
use crate::ui::authoring::state::{AuthoringCommand, Preview, Stage, Watching};
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::AppState;
use crate::ui::viewer::banner::{Tone, status_icon};
use crate::ui::widgets::tone_box_ui;

/// The document (index in bundle order) and part a finding points at, if it points into the
/// letter's text; `None` for places the preview does not draw (such as the end of the front
/// matter, where a missing field would go).
pub fn locate(folder: &CompiledFolder, finding: &Finding) -> Option<(usize, PartKey)> {
    let document = folder
        .documents
        .iter()
        .position(|compiled| compiled.source_path == finding.file)?;
    let compiled = &folder.documents[document];
    let map = &compiled.map;
    let at = Position {
        line: finding.line,
        column: finding.column,
    };
    let on_line = |position: Option<Position>| position.is_some_and(|p| p.line == at.line);
    if on_line(map.title) {
        return Some((document, PartKey::Title));
    }
    if on_line(map.date) {
        return Some((document, PartKey::Date));
    }
    if on_line(map.addressee) {
        return Some((document, PartKey::Addressee));
    }
    if let Some(first) = map.issuer
        && at.line >= first.line
        && at.line < first.line + compiled.document.issuer.len()
        && at.line < map.front_matter_end.line
    {
        return Some((document, PartKey::Issuer(at.line - first.line)));
    }
    if at.line <= map.front_matter_end.line {
        return None;
    }
    let line_text = compiled
        .source_text
        .lines()
        .nth(at.line.saturating_sub(1))
        .unwrap_or_default()
        .trim();
    if compiled.document.closing.is_some()
        && line_text.starts_with("->")
        && !line_text.ends_with("<-")
    {
        return Some((document, PartKey::Closing));
    }
    let block = map.blocks.iter().rposition(|start| *start <= at)?;
    let lines_down = at.line - map.blocks[block].line;
    let item = match compiled.document.body.get(block)? {
        Block::List { items, .. } => lines_down.min(items.len().saturating_sub(1)),
        // Caption line, header row and its rule, then one line per row: the row's first cell.
        Block::Table(table) => {
            let caption = usize::from(table.caption.is_some());
            let header = usize::from(!table.header.is_empty());
            let columns = table.columns();
            match lines_down.checked_sub(caption) {
                None => 0,
                Some(row) if header == 1 && row < 2 => caption,
                Some(row) => {
                    let row = (row - 2 * header).min(table.rows.len().saturating_sub(1));
                    caption + (header + row) * columns
                }
            }
        }
        _ => 0,
    };
    Some((document, PartKey::Block { block, item }))
}

fn severity_word(strings: &Strings, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => strings.severity_error,
        Severity::Warning => strings.severity_warning,
        Severity::Note => strings.severity_note,
    }
}

fn severity_tone(severity: Severity) -> Tone {
    match severity {
        Severity::Error => Tone::Danger,
        Severity::Warning => Tone::Caution,
        Severity::Note => Tone::Info,
    }
}

/// The name of a check, in the UI language.
pub fn check_name(strings: &Strings, code: FindingCode) -> &'static str {
    match code {
        FindingCode::SourceError => strings.check_source_error,
        FindingCode::MissingDocument => strings.check_missing_document,
        FindingCode::MissingHeading => strings.check_missing_heading,
        FindingCode::MaskWithoutReason => strings.check_mask_without_reason,
        FindingCode::OmissionWithoutReason => strings.check_omission_without_reason,
        FindingCode::MaskWidth => strings.check_mask_width,
        FindingCode::ReadableMaskMarker => strings.check_readable_mask_marker,
        FindingCode::AttachmentNotScanned => strings.check_attachment_not_scanned,
        FindingCode::IndividualNumber => strings.check_individual_number,
        FindingCode::PensionNumber => strings.check_pension_number,
        FindingCode::EmploymentInsuranceNumber => strings.check_employment_insurance_number,
        FindingCode::BankAccount => strings.check_bank_account,
        FindingCode::PhoneNumber => strings.check_phone_number,
        FindingCode::EmailAddress => strings.check_email_address,
        FindingCode::InvisibleCharacter => strings.check_invisible_character,
        FindingCode::BidiControl => strings.check_bidi_control,
        FindingCode::ConfusableCharacter => strings.check_confusable_character,
        FindingCode::DatedBeforeCited => strings.check_dated_before_cited,
        FindingCode::MissingDate => strings.check_missing_date,
        FindingCode::MissingAddressee => strings.check_missing_addressee,
        FindingCode::MissingIssuer => strings.check_missing_issuer,
        FindingCode::MissingTitle => strings.check_missing_title,
        FindingCode::UnopenableLink => strings.check_unopenable_link,
    }
}

/// Where a finding is: `file:line:column`, the file name on one line.
fn finding_place(finding: &Finding) -> String {
    format!(
        "{}:{}:{}",
        crate::escape::one_line(&finding.file),
        finding.line,
        finding.column
    )
}

/// The text of one finding as listed: severity, `file:line:column`, the check's name, the
/// explanation in the reader's language and the check's code.
pub fn finding_label(strings: &Strings, finding: &Finding) -> String {
    fill(
        strings.finding_entry,
        &[
            ("severity", severity_word(strings, finding.severity)),
            ("place", &finding_place(finding)),
            ("check", check_name(strings, finding.code)),
            ("code", finding.code.as_str()),
            ("message", &explain(&finding.detail, strings.lang)),
        ],
    )
}

/// The source errors of the previewed folder, under the banner: the folder does not compile,
/// here is where, and the last good version is still shown.
pub fn source_errors_ui(ui: &mut egui::Ui, state: &AppState) {
    let Some(preview) = &state.authoring.preview else {
        return;
    };
    if !preview.has_errors() {
        return;
    }
    let strings = state.language().strings();
    let count = preview.errors.len() + usize::from(preview.pack_error.is_some());
    ui.add_space(4.0);
    tone_box_ui(ui, Tone::Danger, |ui, text| {
        ui.label(
            RichText::new(fill(
                strings.source_errors_title,
                &[("n", &count.to_string())],
            ))
            .strong()
            .size(16.0)
            .color(text),
        );
        ui.label(
            RichText::new(if preview.compiled.is_some() {
                strings.source_errors_kept
            } else {
                strings.source_errors_nothing
            })
            .color(text),
        );
        if let Some(error) = &preview.pack_error {
            ui.label(
                RichText::new(explain(error.as_ref(), strings.lang))
                    .monospace()
                    .color(text),
            );
        }
        for error in preview.errors.iter().take(8) {
            ui.label(
                RichText::new(explain(error, strings.lang))
                    .monospace()
                    .color(text),
            );
        }
        if preview.errors.len() > 8 {
            ui.label(
                RichText::new(fill(
                    strings.source_errors_more,
                    &[("n", &(preview.errors.len() - 8).to_string())],
                ))
                .color(text),
            );
        }
    });
}

/// The preview's toolbar: the folder and its watch status, Reload, Sign and export…,
/// Export for clients…, and the running task.
pub fn preview_toolbar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(preview) = &state.authoring.preview else {
        return;
    };
    let strings = state.language().strings();
    let idle = state.authoring.job.is_none();
    ui.add_space(2.0);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                idle,
                egui::Button::new(RichText::new(strings.sign_and_export).strong()),
            )
            .on_hover_text(strings.sign_hint)
            .clicked()
        {
            commands.push(Command::Authoring(AuthoringCommand::OpenSignDialog));
        }
        if ui
            .add_enabled(idle, egui::Button::new(strings.export_for_clients))
            .clicked()
        {
            commands.push(Command::Authoring(AuthoringCommand::OpenClientsDialog));
        }
        if ui.button(strings.reload_preview).clicked() {
            commands.push(Command::Authoring(AuthoringCommand::SourcesChanged));
        }
        ui.separator();
        match &preview.watching {
            Watching::Active => {
                ui.label(strings.watching_active);
            }
            Watching::Unavailable(reason) => {
                ui.label(fill(
                    strings.watching_unavailable,
                    &[("reason", &explain(reason, strings.lang))],
                ));
            }
        }
        if let Some(job) = &state.authoring.job {
            ui.separator();
            job_indicator_ui(ui, strings, job.stage);
        }
    });
}

/// The open warnings of the pre-send checks, inside a sign dialog: how many (or that there are
/// none), and a button that lists them.
pub fn warnings_in_dialog_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    warnings: &[&Finding],
    shown: &mut bool,
) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let tone = if warnings.is_empty() {
            Tone::Good
        } else {
            Tone::Caution
        };
        let (_, border, _) = tone.colors(ui.visuals().dark_mode);
        status_icon(ui, tone, 16.0, border);
        if warnings.is_empty() {
            ui.label(strings.sign_no_warnings);
            return;
        }
        ui.label(
            RichText::new(fill(
                strings.sign_warnings,
                &[("n", &warnings.len().to_string())],
            ))
            .strong(),
        );
        let label = if *shown {
            strings.hide_warnings
        } else {
            strings.show_warnings
        };
        if ui.button(label).clicked() {
            *shown = !*shown;
        }
    });
    if *shown && !warnings.is_empty() {
        egui::ScrollArea::vertical()
            .id_salt("dialog-warnings")
            .max_height(160.0)
            .show(ui, |ui| {
                for finding in warnings {
                    ui.add(egui::Label::new(finding_label(strings, finding)).wrap());
                }
            });
    }
}

/// A spinner redrawn ten times a second. egui's own spinner asks for every frame, and while a
/// key is being unlocked that repainting (in software, on a small machine) took CPU time from
/// scrypt and made it take twice as long; ten frames a second still shows the window is alive.
fn slow_spinner_ui(ui: &mut egui::Ui) {
    let size = ui.style().spacing.interact_size.y;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let radius = rect.height() / 2.0 - 2.0;
        let time = ui.input(|input| input.time);
        let start = time * std::f64::consts::TAU;
        let end = start + 240f64.to_radians() * time.sin();
        let points: Vec<egui::Pos2> = (0..=16)
            .map(|step| {
                let angle = start + (end - start) * f64::from(step) / 16.0;
                let (sin, cos) = angle.sin_cos();
                rect.center() + radius * egui::vec2(cos as f32, sin as f32)
            })
            .collect();
        let color = ui.visuals().strong_text_color();
        ui.painter()
            .add(egui::Shape::line(points, egui::Stroke::new(3.0, color)));
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}

/// A spinner and what the running task is doing now.
pub fn job_indicator_ui(ui: &mut egui::Ui, strings: &Strings, stage: Stage) {
    slow_spinner_ui(ui);
    ui.label(match stage {
        Stage::Checking => strings.job_checking.to_owned(),
        Stage::Unlocking => strings.job_unlocking.to_owned(),
        Stage::Signing => strings.job_signing.to_owned(),
        Stage::CreatingKey => strings.job_creating_key.to_owned(),
        Stage::Clients { done, total } => fill(
            strings.job_clients_progress,
            &[("n", &done.to_string()), ("total", &total.to_string())],
        ),
    });
}

/// The checks panel: a count, then every finding with severity (icon and word), place and
/// message; clicking one jumps to it.
pub fn checks_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(preview) = &state.authoring.preview else {
        return;
    };
    let strings = state.language().strings();
    let (errors, warnings) = preview.counts();
    ui.horizontal_wrapped(|ui| {
        ui.heading(strings.checks_title);
        let (tone, summary) = match (errors, warnings) {
            // The checks ran on nothing: never "no warnings" while the sources have errors.
            _ if preview.has_errors() => {
                let not_run = fill(
                    strings.checks_not_run,
                    &[("errors", &preview.error_count().to_string())],
                );
                let summary = match preview.warnings_on_screen {
                    Some(kept) => format!(
                        "{not_run}{}",
                        fill(strings.checks_last_good, &[("warnings", &kept.to_string())])
                    ),
                    None => not_run,
                };
                (Tone::Danger, summary)
            }
            (0, 0) if preview.note_count() > 0 => (
                Tone::Good,
                fill(
                    strings.checks_clean_with_notes,
                    &[("notes", &preview.note_count().to_string())],
                ),
            ),
            (0, 0) => (Tone::Good, strings.checks_clean.to_owned()),
            (0, _) => (
                Tone::Caution,
                fill(
                    strings.checks_warnings_only,
                    &[("warnings", &warnings.to_string())],
                ),
            ),
            _ => (
                Tone::Danger,
                fill(
                    strings.checks_blocked,
                    &[
                        ("errors", &errors.to_string()),
                        ("warnings", &warnings.to_string()),
                    ],
                ),
            ),
        };
        let (_, border, _) = tone.colors(ui.visuals().dark_mode);
        status_icon(ui, tone, 18.0, border);
        ui.label(RichText::new(summary).strong());
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("checks")
        .auto_shrink(false)
        .show(ui, |ui| findings_ui(ui, state, preview, commands));
}

fn findings_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    preview: &Preview,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    if preview.findings.is_empty() {
        if !preview.has_errors() {
            ui.label(strings.checks_none);
        }
        return;
    }
    let dark = ui.visuals().dark_mode;
    for (index, finding) in preview.findings.iter().enumerate() {
        let place = preview
            .compiled
            .as_ref()
            .filter(|_| !preview.has_errors())
            .and_then(|folder| locate(folder, finding));
        ui.horizontal_top(|ui| {
            let tone = severity_tone(finding.severity);
            let (_, border, _) = tone.colors(dark);
            status_icon(ui, tone, 16.0, border);
            let selected = preview.selected == Some(index);
            let button = ui
                .add(egui::Button::selectable(selected, finding_label(strings, finding)).wrap())
                .on_hover_text(if place.is_some() {
                    strings.finding_jump_hint
                } else {
                    strings.finding_no_place
                });
            if button.clicked() {
                commands.push(Command::Authoring(AuthoringCommand::GoToFinding(index)));
            }
        });
        if preview.selected == Some(index) && place.is_none() {
            ui.label(
                RichText::new(fill(
                    strings.finding_location_only,
                    &[("place", &finding_place(finding))],
                ))
                .weak(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::checks::{FindingDetail, check_folder};
    use crate::authoring::compile_folder;

    #[test]
    fn a_finding_in_the_body_maps_to_its_block() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29");
        let folder = compile_folder(&dir).unwrap();
        let compiled = &folder.documents[0];
        let block = 3;
        let start = compiled.map.blocks[block];
        let finding = Finding::new(
            Severity::Warning,
            compiled.source_path.clone(),
            Position {
                line: start.line,
                column: start.column + 2,
            },
            FindingDetail::PhoneNumber {
                number: "03-1234-5678".into(),
            },
        );
        assert_eq!(
            locate(&folder, &finding),
            Some((0, PartKey::Block { block, item: 0 }))
        );
        let title = Finding {
            line: compiled.map.title.unwrap().line,
            ..finding.clone()
        };
        assert_eq!(locate(&folder, &title), Some((0, PartKey::Title)));
        let elsewhere = Finding {
            file: "documents/none.notice.md".into(),
            ..finding
        };
        assert_eq!(locate(&folder, &elsewhere), None);
        assert!(
            check_folder(&folder)
                .iter()
                .all(|finding| finding.severity == Severity::Warning)
        );
    }
}
