//! What the reader's own trust records add to the screen: the banner's revoked verdict,
//! warnings and rollover offer, the "Trust this key as…" dialog, unreadable trust files, and the
//! Settings ▸ Trusted keys window. Every `*_ui` function reads [`AppState`] and pushes
//! [`Command`]s; status is always words with an icon, never colour alone.

use crate::escape::one_line;
use egui::{Color32, RichText};

use crate::bundle::PublicKey;
use crate::trust::{HowAdded, KeyRecord, KeyStatus, OldKeyFate, Severity, Warning};
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, Shown};
use crate::ui::trust::state::{
    FingerprintCheck, ImportSource, KeyAction, NewKeyDialog, TrustAction, TrustCommand,
    TrustDialog, TrustEffect, TrustFile, TrustNote,
};
use crate::ui::viewer::banner::{Tone, status_icon};

fn trust(command: TrustCommand) -> Command {
    Command::Trust(command)
}

/// A time the reader's records hold, to the minute, in the reader's time zone.
pub fn readable_timestamp(at: jiff::Timestamp, strings: &Strings) -> String {
    crate::ui::when::local_time(at, strings.lang)
}

/// A time as a bundle states it, in the reader's time zone.
fn readable_stated_time(text: &str, strings: &Strings) -> String {
    crate::ui::when::stated_time(text, strings.lang)
}

/// The banner headline for a bundle signed by a key the reader revoked.
pub fn revoked_headline(record: &KeyRecord, strings: &Strings) -> String {
    fill(strings.banner_revoked_title, &[("name", &record.name)])
}

/// The banner's detail line for a bundle signed by a key the reader revoked.
pub fn revoked_detail(record: &KeyRecord, strings: &Strings) -> String {
    let date = match record.status {
        KeyStatus::Revoked { at } => readable_timestamp(at, strings),
        KeyStatus::Trusted => String::new(),
    };
    fill(
        strings.banner_revoked_detail,
        &[
            ("key_id", &record.public_key.key_id.to_string()),
            ("date", &date),
        ],
    )
}

/// The text of one warning.
pub fn warning_text(warning: &Warning, strings: &Strings) -> String {
    match warning {
        Warning::NewerNoticeSeen {
            newest_sequence,
            newest_bundle_id,
            opened_at,
        } => fill(
            strings.warning_newer_seen,
            &[
                ("n", &newest_sequence.to_string()),
                ("date", &readable_timestamp(*opened_at, strings)),
                ("bundle", &one_line(newest_bundle_id)),
            ],
        ),
        Warning::ConflictingVersion {
            sequence,
            other_bundle_id,
            opened_at,
        } => fill(
            strings.warning_conflicting,
            &[
                ("n", &sequence.to_string()),
                ("date", &readable_timestamp(*opened_at, strings)),
                ("bundle", &one_line(other_bundle_id)),
            ],
        ),
        Warning::Expired { expires_at } => fill(
            strings.warning_expired,
            &[("date", &readable_stated_time(expires_at, strings))],
        ),
        Warning::AddressedToSomeoneElse {
            recipient,
            organisation,
        } => fill(
            strings.warning_misaddressed,
            &[
                ("recipient", &one_line(recipient)),
                ("organisation", &one_line(organisation)),
            ],
        ),
        Warning::IssuedInFuture { issued_at } => fill(
            strings.warning_issued_in_future,
            &[("date", &readable_stated_time(issued_at, strings))],
        ),
        Warning::ClaimsNameOfTrustedKey {
            claimed,
            trusted_key_id,
        } => fill(
            strings.warning_impersonation,
            &[
                ("claimed", &one_line(claimed)),
                ("key_id", &trusted_key_id.to_string()),
            ],
        ),
        Warning::RolloverNotAccepted { problem } => fill(
            strings.warning_rollover_refused,
            &[("problem", &explain(problem, strings.lang))],
        ),
    }
}

/// A fingerprint as two rows of five groups, easier to read aloud.
pub fn fingerprint_rows(key: &PublicKey) -> (String, String) {
    let fingerprint = key.fingerprint();
    let groups: Vec<&str> = fingerprint.split(' ').collect();
    let middle = groups.len().div_ceil(2);
    (groups[..middle].join(" "), groups[middle..].join(" "))
}

/// The banner lines the reader's records add: warnings (alarms first), the "Trust this key
/// as…" button for an unknown signer, and a key rollover offer.
pub fn banner_extras_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    shown: &Shown,
    text: Color32,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    let dark = ui.visuals().dark_mode;
    if let Some(assessment) = &shown.assessment {
        for warning in &assessment.warnings {
            let tone = match warning.severity() {
                Severity::Alarm => Tone::Danger,
                Severity::Caution => Tone::Caution,
            };
            ui.horizontal_top(|ui| {
                status_icon(ui, tone, 18.0, tone.colors(dark).1);
                let rich = RichText::new(warning_text(warning, strings)).color(text);
                let rich = match warning.severity() {
                    Severity::Alarm => rich.strong(),
                    Severity::Caution => rich,
                };
                ui.add(egui::Label::new(rich).wrap());
            });
        }
        if let Some(offer) = &assessment.rollover {
            ui.horizontal_top(|ui| {
                status_icon(ui, Tone::Info, 18.0, Tone::Info.colors(dark).1);
                ui.add(
                    egui::Label::new(
                        RichText::new(fill(
                            strings.rollover_offer,
                            &[
                                ("old_key_id", &offer.old.public_key.key_id.to_string()),
                                ("name", &offer.old.name),
                                (
                                    "effective",
                                    &readable_stated_time(&offer.effective, strings),
                                ),
                            ],
                        ))
                        .color(text),
                    )
                    .wrap(),
                );
            });
            if ui
                .button(fill(strings.rollover_accept, &[("name", &offer.old.name)]))
                .clicked()
            {
                commands.push(trust(TrustCommand::AcceptRollover));
            }
        }
    }
    if let Some((old, _)) = state.new_key_candidate()
        && ui
            .button(fill(strings.replace_key_button, &[("name", &old.name)]))
            .clicked()
    {
        commands.push(trust(TrustCommand::OpenNewKeyDialog(old.public_key.key_id)));
    }
    if let crate::bundle::Verdict::UnknownSigner { key } = &shown.bundle.verdict
        && !key.is_demo()
        && matches!(shown.trust(), crate::ui::state::Trust::UnknownSigner { .. })
        && ui.button(strings.trust_this_key).clicked()
    {
        commands.push(trust(TrustCommand::OpenTrustDialog));
    }
}

/// What the last trust action from the banner did, if anything.
pub fn note_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(note) = &state.trust.note else {
        return;
    };
    let strings = state.language().strings();
    ui.horizontal_top(|ui| {
        note_row_ui(ui, note, strings);
        if ui.small_button(strings.dismiss).clicked() {
            commands.push(trust(TrustCommand::DismissNote));
        }
    });
}

fn note_row_ui(ui: &mut egui::Ui, note: &TrustNote, strings: &Strings) {
    let dark = ui.visuals().dark_mode;
    let (tone, line, detail) = note_text(note, strings);
    ui.horizontal_top(|ui| {
        status_icon(ui, tone, 18.0, tone.colors(dark).1);
        ui.vertical(|ui| {
            ui.add(egui::Label::new(RichText::new(line).strong()).wrap());
            if let Some(detail) = detail {
                ui.add(
                    egui::Label::new(
                        RichText::new(fill(strings.error_detail, &[("reason", &detail)])).small(),
                    )
                    .wrap(),
                );
            }
        });
    });
}

/// The words for what a trust action did: tone, line, and the library's detail for failures.
pub fn note_text(note: &TrustNote, strings: &Strings) -> (Tone, String, Option<String>) {
    match note {
        TrustNote::TrustedFromBundle { name, key_id } => (
            Tone::Good,
            fill(
                strings.note_trusted_from_bundle,
                &[("name", name), ("key_id", key_id)],
            ),
            None,
        ),
        TrustNote::TrustedByRollover {
            name,
            key_id,
            old_key_id,
            effective,
        } => (
            Tone::Good,
            fill(
                strings.note_trusted_by_rollover,
                &[
                    ("name", name),
                    ("key_id", key_id),
                    ("old_key_id", old_key_id),
                    ("effective", &readable_stated_time(effective, strings)),
                ],
            ),
            None,
        ),
        TrustNote::ReplacedKey {
            name,
            key_id,
            old_key_id,
            fate,
        } => (
            Tone::Good,
            fill(
                match fate {
                    OldKeyFate::Revoke => strings.note_replaced_revoked,
                    OldKeyFate::Retire => strings.note_replaced_retired,
                },
                &[
                    ("name", name),
                    ("key_id", key_id),
                    ("old_key_id", old_key_id),
                ],
            ),
            None,
        ),
        TrustNote::Imported { name, key_id } => (
            Tone::Good,
            fill(strings.note_imported, &[("name", name), ("key_id", key_id)]),
            None,
        ),
        TrustNote::Renamed { key_id, old, new } => (
            Tone::Info,
            fill(
                strings.note_renamed,
                &[("key_id", key_id), ("old", old), ("new", new)],
            ),
            None,
        ),
        TrustNote::Revoked { name, key_id } => (
            Tone::Info,
            fill(strings.note_revoked, &[("name", name), ("key_id", key_id)]),
            None,
        ),
        TrustNote::Removed { name, key_id } => (
            Tone::Info,
            fill(strings.note_removed, &[("name", name), ("key_id", key_id)]),
            None,
        ),
        TrustNote::Exported { key_id, path } => (
            Tone::Info,
            fill(
                strings.note_exported,
                &[("key_id", key_id), ("path", &path.display().to_string())],
            ),
            None,
        ),
        TrustNote::OrganisationSet(Some(name)) => (
            Tone::Info,
            fill(strings.note_organisation_set, &[("name", name)]),
            None,
        ),
        TrustNote::OrganisationSet(None) => (
            Tone::Info,
            strings.note_organisation_cleared.to_owned(),
            None,
        ),
        TrustNote::Failed { action, reason } => (
            Tone::Danger,
            match action {
                TrustAction::AcceptRollover => strings.failed_accept_rollover,
                TrustAction::Import => strings.failed_import,
                TrustAction::Rename => strings.failed_rename,
                TrustAction::Revoke => strings.failed_revoke,
                TrustAction::Remove => strings.failed_remove,
                TrustAction::Export => strings.failed_export,
                TrustAction::SaveOrganisation => strings.failed_organisation,
            }
            .to_owned(),
            Some(explain(reason, strings.lang)),
        ),
        TrustNote::NotRecorded(reason) => (
            Tone::Caution,
            strings.note_not_recorded.to_owned(),
            Some(explain(reason, strings.lang)),
        ),
    }
}

/// Trust files that could not be read: which file, what that means, what to do. The app
/// carries on; the file is never written.
pub fn file_problems_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let files = &state.trust.files;
    if files.problems.is_empty() || state.trust.problems_hidden {
        return;
    }
    let strings = state.language().strings();
    let (fill_color, border, text) = Tone::Danger.colors(ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(fill_color)
        .stroke(egui::Stroke::new(1.5, border))
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(14, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                status_icon(ui, Tone::Danger, 24.0, border);
                ui.vertical(|ui| {
                    for problem in &files.problems {
                        let path = problem
                            .path
                            .as_ref()
                            .map(|path| path.display().to_string())
                            .unwrap_or_default();
                        let (title, effect, advice) = match problem.file {
                            TrustFile::Store => (
                                strings.problem_store_title,
                                strings.problem_store_effect,
                                Some(strings.problem_store_advice),
                            ),
                            TrustFile::History => (
                                strings.problem_history_title,
                                strings.problem_partial_effect,
                                None,
                            ),
                            TrustFile::Settings => (
                                strings.problem_settings_title,
                                strings.problem_partial_effect,
                                None,
                            ),
                            TrustFile::Folder => (
                                strings.problem_folder_title,
                                strings.problem_folder_effect,
                                None,
                            ),
                        };
                        ui.label(
                            RichText::new(fill(title, &[("path", &path)]))
                                .strong()
                                .size(16.0)
                                .color(text),
                        );
                        ui.add(egui::Label::new(RichText::new(effect).color(text)).wrap());
                        if let Some(advice) = advice {
                            ui.add(egui::Label::new(RichText::new(advice).color(text)).wrap());
                        }
                        ui.add(
                            egui::Label::new(
                                RichText::new(fill(
                                    strings.error_detail,
                                    &[("reason", &explain(&problem.error, strings.lang))],
                                ))
                                .small()
                                .color(text),
                            )
                            .wrap(),
                        );
                    }
                    ui.horizontal(|ui| {
                        if ui.button(strings.reload).clicked() {
                            commands.push(trust(TrustCommand::ReloadFiles));
                        }
                        if ui.button(strings.hide).clicked() {
                            commands.push(trust(TrustCommand::HideProblems));
                        }
                    });
                });
            });
        });
}

/// The Settings menu.
pub fn settings_menu_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    ui.menu_button(strings.menu_settings, |ui| {
        if ui.button(strings.trusted_keys_menu).clicked() {
            commands.push(trust(TrustCommand::OpenKeysWindow));
        }
    });
}

/// The trust dialog, the Trusted keys window and its confirmation.
pub fn windows_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    if state.trust.window.is_some() {
        keys_window_ui(ctx, state, commands);
    }
    if let Some(dialog) = &state.trust.dialog {
        trust_dialog_ui(ctx, state, dialog, commands);
    }
    if let Some(dialog) = &state.trust.new_key {
        new_key_dialog_ui(ctx, state, dialog, commands);
    }
    confirm_ui(ctx, state, commands);
}

/// Trusted keys other than `key` already named `name`.
fn others_named<'a>(state: &'a AppState, name: &str, key: &PublicKey) -> Vec<&'a KeyRecord> {
    state
        .trust
        .files
        .store
        .as_ref()
        .map(|store| store.others_named(name, key))
        .unwrap_or_default()
}

fn alarm_ui(ui: &mut egui::Ui, line: &str) {
    let (fill_color, border, text) = Tone::Danger.colors(ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(fill_color)
        .stroke(egui::Stroke::new(1.5, border))
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                status_icon(ui, Tone::Danger, 20.0, border);
                ui.add(egui::Label::new(RichText::new(line).strong().color(text)).wrap());
            });
        });
}

/// "This is a new key of NAME": both fingerprints, the phone check, the old key's fate.
fn new_key_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    dialog: &NewKeyDialog,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    let name = one_line(&dialog.old.name);
    let modal = egui::Modal::new(egui::Id::unique("new-key-dialog")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.spacing_mut().item_spacing.y = 6.0;
        let border = ui.visuals().weak_text_color();
        ui.visuals_mut().widgets.inactive.bg_stroke = egui::Stroke::new(1.0, border);
        ui.heading(fill(strings.replace_key_title, &[("name", &name)]));
        alarm_ui(ui, &fill(strings.replace_key_intro, &[("name", &name)]));
        for (heading, key) in [
            (strings.replace_key_old_heading, &dialog.old.public_key),
            (strings.replace_key_new_heading, &dialog.new),
        ] {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(fill(heading, &[("key_id", &key.key_id.to_string())])).strong(),
                );
                let (first, second) = fingerprint_rows(key);
                for row in [first, second] {
                    ui.label(RichText::new(row).monospace().size(20.0).strong());
                }
            });
        }
        ui.add(
            egui::Label::new(
                RichText::new(fill(strings.replace_key_advice, &[("name", &name)])).strong(),
            )
            .wrap(),
        );
        let mut confirmed = dialog.check == FingerprintCheck::Confirmed;
        if ui
            .checkbox(&mut confirmed, strings.replace_key_confirmed)
            .changed()
        {
            commands.push(trust(TrustCommand::SetNewKeyCheck(if confirmed {
                FingerprintCheck::Confirmed
            } else {
                FingerprintCheck::NotConfirmed
            })));
        }
        ui.separator();
        ui.label(RichText::new(strings.replace_key_fate).strong());
        for (fate, label) in [
            (OldKeyFate::Revoke, strings.replace_key_revoke),
            (OldKeyFate::Retire, strings.replace_key_retire),
        ] {
            if ui
                .add(egui::RadioButton::new(dialog.fate == Some(fate), label))
                .clicked()
            {
                commands.push(trust(TrustCommand::SetOldKeyFate(fate)));
            }
        }
        let note_label = ui.label(strings.trust_dialog_note);
        let mut note = dialog.note.clone();
        if ui
            .add(
                egui::TextEdit::singleline(&mut note)
                    .id_salt("new-key-note")
                    .desired_width(540.0),
            )
            .labelled_by(note_label.id)
            .changed()
        {
            commands.push(trust(TrustCommand::SetNewKeyNote(note)));
        }
        if let Some(error) = &dialog.error {
            alarm_ui(ui, strings.replace_key_failed);
            ui.add(
                egui::Label::new(
                    RichText::new(fill(
                        strings.error_detail,
                        &[("reason", &explain(error, strings.lang))],
                    ))
                    .small(),
                )
                .wrap(),
            );
        }
        ui.separator();
        let ready = confirmed && dialog.fate.is_some();
        if !ready {
            ui.label(RichText::new(strings.replace_key_needs).weak());
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(strings.replace_key_confirm))
                .clicked()
            {
                commands.push(trust(TrustCommand::ConfirmNewKey));
            }
            if ui.button(strings.cancel).clicked() {
                commands.push(trust(TrustCommand::CloseNewKeyDialog));
            }
        });
    });
    if modal.should_close() {
        commands.push(trust(TrustCommand::CloseNewKeyDialog));
    }
}

fn trust_dialog_ui(
    ctx: &egui::Context,
    state: &AppState,
    dialog: &TrustDialog,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    let modal = egui::Modal::new(egui::Id::unique("trust-key-dialog")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        ui.spacing_mut().item_spacing.y = 6.0;
        // Fields and buttons get a visible border, so that the prefilled name plainly reads as
        // something to edit.
        let border = ui.visuals().weak_text_color();
        ui.visuals_mut().widgets.inactive.bg_stroke = egui::Stroke::new(1.0, border);
        ui.heading(strings.trust_dialog_title);
        ui.add(egui::Label::new(strings.trust_dialog_intro).wrap());
        ui.separator();
        ui.add(
            egui::Label::new(fill(
                strings.banner_unknown_claim,
                &[("claim", &dialog.claim)],
            ))
            .wrap(),
        );
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(strings.fingerprint_heading).strong());
            let (first, second) = fingerprint_rows(&dialog.key);
            for row in [first, second] {
                ui.label(RichText::new(row).monospace().size(22.0).strong());
            }
            ui.label(
                RichText::new(fill(
                    strings.key_id_line,
                    &[("key_id", &dialog.key.key_id.to_string())],
                ))
                .monospace(),
            );
        });
        ui.add(egui::Label::new(RichText::new(strings.trust_dialog_advice).strong()).wrap());
        let mut confirmed = dialog.check == FingerprintCheck::Confirmed;
        if ui
            .checkbox(&mut confirmed, strings.trust_dialog_confirmed)
            .changed()
        {
            commands.push(trust(TrustCommand::SetFingerprintCheck(if confirmed {
                FingerprintCheck::Confirmed
            } else {
                FingerprintCheck::NotConfirmed
            })));
        }
        ui.separator();
        let label = ui.label(strings.trust_dialog_name);
        let mut name = dialog.name.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut name)
                .id_salt("trust-name")
                .desired_width(520.0)
                .font(egui::TextStyle::Heading),
        );
        let field = field.labelled_by(label.id);
        if field.changed() {
            commands.push(trust(TrustCommand::SetTrustName(name.clone())));
        }
        let note_label = ui.label(strings.trust_dialog_note);
        let mut note = dialog.note.clone();
        let note_field = ui
            .add(
                egui::TextEdit::singleline(&mut note)
                    .id_salt("trust-note")
                    .desired_width(520.0),
            )
            .labelled_by(note_label.id);
        if note_field.changed() {
            commands.push(trust(TrustCommand::SetTrustNote(note)));
        }
        for other in others_named(state, &name, &dialog.key) {
            alarm_ui(
                ui,
                &fill(
                    strings.impersonation_name,
                    &[
                        ("name", &other.name),
                        ("key_id", &other.public_key.key_id.to_string()),
                    ],
                ),
            );
        }
        if name.trim() != dialog.claim.trim() {
            for other in others_named(state, &dialog.claim, &dialog.key) {
                alarm_ui(
                    ui,
                    &fill(
                        strings.impersonation_claim,
                        &[
                            ("claim", dialog.claim.trim()),
                            ("key_id", &other.public_key.key_id.to_string()),
                        ],
                    ),
                );
            }
        }
        if let Some(error) = &dialog.error {
            alarm_ui(ui, strings.trust_dialog_failed);
            ui.add(
                egui::Label::new(
                    RichText::new(fill(
                        strings.error_detail,
                        &[("reason", &explain(error, strings.lang))],
                    ))
                    .small(),
                )
                .wrap(),
            );
        }
        ui.separator();
        let ready = confirmed && !name.trim().is_empty();
        if !ready {
            ui.label(RichText::new(strings.trust_dialog_needs_check).weak());
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(strings.trust_dialog_confirm))
                .clicked()
            {
                commands.push(trust(TrustCommand::ConfirmTrust));
            }
            if ui.button(strings.cancel).clicked() {
                commands.push(trust(TrustCommand::CloseTrustDialog));
            }
        });
    });
    if modal.should_close() {
        commands.push(trust(TrustCommand::CloseTrustDialog));
    }
}

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

fn keys_window_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let Some(window) = &state.trust.window else {
        return;
    };
    let strings = state.language().strings();
    let files = &state.trust.files;
    let mut open = true;
    egui::Window::new(strings.keys_window_title)
        .id(egui::Id::unique("trusted-keys-window"))
        .open(&mut open)
        .default_width(680.0)
        .default_height(620.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 60.0))
        .vscroll(true)
        .show(ctx, |ui| {
            let border = ui.visuals().weak_text_color();
            ui.visuals_mut().widgets.inactive.bg_stroke = egui::Stroke::new(1.0, border);
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
                    egui::Label::new(
                        RichText::new(fill(
                            strings.error_detail,
                            &[("reason", &explain(&problem.error, strings.lang))],
                        ))
                        .small(),
                    )
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
                    key_row_ui(ui, state, record, commands);
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
            if let Some(export) = &window.export {
                ui.separator();
                ui.label(strings.export_path_prompt);
                let label = ui.label(strings.import_path_label);
                let mut path = export.path.clone();
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut path)
                            .id_salt("export-path")
                            .desired_width(480.0)
                            .hint_text("/home/…/key.pub"),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    commands.push(trust(TrustCommand::SetExportPath(path)));
                }
                ui.horizontal(|ui| {
                    if ui.button(strings.export_button).clicked() {
                        commands.push(trust(TrustCommand::ConfirmTypedExport));
                    }
                    if ui.button(strings.cancel).clicked() {
                        commands.push(trust(TrustCommand::CancelExport));
                    }
                });
            }
            ui.separator();
            import_ui(ui, state, commands);
            ui.separator();
            ui.heading(strings.organisation_heading);
            ui.add(egui::Label::new(strings.organisation_hint).wrap());
            ui.horizontal(|ui| {
                let label = ui.label(strings.organisation_label);
                let mut organisation = window.organisation.clone();
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut organisation)
                            .id_salt("organisation")
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    commands.push(trust(TrustCommand::SetOrganisationText(organisation)));
                }
                if ui.button(strings.save).clicked() {
                    commands.push(trust(TrustCommand::SaveOrganisation));
                }
            });
        });
    if !open {
        commands.push(trust(TrustCommand::CloseKeysWindow));
    }
}

fn key_row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    record: &KeyRecord,
    commands: &mut Vec<Command>,
) {
    let strings = state.language().strings();
    let dark = ui.visuals().dark_mode;
    let key = record.public_key;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
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
            ui.label(RichText::new(&record.name).strong().size(16.0));
        });
        ui.label(
            RichText::new(fill(
                strings.key_id_line,
                &[("key_id", &key.key_id.to_string())],
            ))
            .monospace(),
        );
        ui.label(
            RichText::new(fill(
                strings.key_fingerprint_line,
                &[("fingerprint", &record.fingerprint())],
            ))
            .monospace(),
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
        let renaming = state
            .trust
            .window
            .as_ref()
            .and_then(|window| window.rename.as_ref())
            .filter(|rename| rename.key == key);
        if let Some(rename) = renaming {
            ui.horizontal(|ui| {
                let label = ui.label(strings.new_name_label);
                let mut text = rename.text.clone();
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .id_salt(("rename", key.key_id.to_string()))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    commands.push(trust(TrustCommand::SetRenameText(text)));
                }
                if ui.button(strings.save).clicked() {
                    commands.push(trust(TrustCommand::ConfirmRename));
                }
                if ui.button(strings.cancel).clicked() {
                    commands.push(trust(TrustCommand::CancelRename));
                }
            });
        }
        ui.horizontal(|ui| {
            if renaming.is_none() && ui.button(strings.rename).clicked() {
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

fn import_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(window) = &state.trust.window else {
        return;
    };
    let form = &window.import;
    let strings = state.language().strings();
    ui.heading(strings.add_key_heading);
    ui.horizontal(|ui| {
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
            ui.horizontal(|ui| {
                let mut path = form.path.clone();
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut path)
                            .id_salt("import-path")
                            .desired_width(420.0)
                            .hint_text("/home/…/firm.pub"),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    commands.push(trust(TrustCommand::SetImportPath(path)));
                }
                if ui.button(strings.import_choose).clicked() {
                    commands.push(trust(TrustCommand::ChooseKeyFile));
                }
            });
        }
        ImportSource::Pasted => {
            let label = ui.label(strings.import_text_label);
            let mut text = form.pasted.clone();
            let field = ui
                .add(
                    egui::TextEdit::multiline(&mut text)
                        .id_salt("import-text")
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .font(egui::TextStyle::Monospace),
                )
                .labelled_by(label.id);
            if field.changed() {
                commands.push(trust(TrustCommand::SetImportText(text)));
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
            for other in others_named(state, &form.name, key) {
                alarm_ui(
                    ui,
                    &fill(
                        strings.impersonation_name,
                        &[
                            ("name", &other.name),
                            ("key_id", &other.public_key.key_id.to_string()),
                        ],
                    ),
                );
            }
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
    ui.horizontal(|ui| {
        let label = ui.label(strings.import_name_label);
        let mut name = form.name.clone();
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut name)
                    .id_salt("import-name")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
        if field.changed() {
            commands.push(trust(TrustCommand::SetImportName(name)));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(strings.import_note_label);
        let mut note = form.note.clone();
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut note)
                    .id_salt("import-note")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
        if field.changed() {
            commands.push(trust(TrustCommand::SetImportNote(note)));
        }
    });
    let ready = matches!(form.preview, Some(Ok(_))) && !form.name.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new(strings.import_button))
        .clicked()
    {
        commands.push(trust(TrustCommand::ConfirmImport));
    }
}

fn confirm_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let Some(action) = state
        .trust
        .window
        .as_ref()
        .and_then(|window| window.confirm)
    else {
        return;
    };
    let strings = state.language().strings();
    let key = match action {
        KeyAction::Revoke(key) | KeyAction::Remove(key) => key,
    };
    let name = crate::ui::trust::state::record_for(&state.trust.files, &key)
        .map(|record| record.name.clone())
        .unwrap_or_default();
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
        ui.set_max_width(520.0);
        ui.heading(title);
        ui.add(egui::Label::new(detail).wrap());
        ui.horizontal(|ui| {
            if ui.button(button).clicked() {
                commands.push(trust(TrustCommand::ConfirmAction));
            }
            if ui.button(strings.cancel).clicked() {
                commands.push(trust(TrustCommand::CancelAction));
            }
        });
    });
    if modal.should_close() {
        commands.push(trust(TrustCommand::CancelAction));
    }
}

/// Runs a trust file dialog and applies what it gave.
pub fn run_effect(state: &mut AppState, effect: TrustEffect) {
    let command = match effect {
        TrustEffect::ChooseKeyFile => {
            match rfd::FileDialog::new()
                .add_filter("minisign public key", &["pub"])
                .pick_file()
            {
                Some(path) => TrustCommand::KeyFileChosen(path),
                None => TrustCommand::KeyFileDialogGaveNothing,
            }
        }
        TrustEffect::ChooseExportLocation { key, file_name } => {
            match rfd::FileDialog::new().set_file_name(&file_name).save_file() {
                Some(path) => TrustCommand::ExportTo { key, path },
                None => TrustCommand::ExportDialogGaveNothing(key),
            }
        }
    };
    state.handle(Command::Trust(command));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::RolloverProblem;
    use crate::ui::i18n::Language;

    #[test]
    fn every_warning_and_note_fills_all_its_placeholders_in_both_languages() {
        let at = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let key_id = PublicKey::demo().key_id;
        let warnings = [
            Warning::NewerNoticeSeen {
                newest_sequence: 2,
                newest_bundle_id: "b-2".into(),
                opened_at: at,
            },
            Warning::ConflictingVersion {
                sequence: 1,
                other_bundle_id: "b-1".into(),
                opened_at: at,
            },
            Warning::Expired {
                expires_at: "2023-07-31T00:00:00+09:00".into(),
            },
            Warning::AddressedToSomeoneElse {
                recipient: "A".into(),
                organisation: "B".into(),
            },
            Warning::ClaimsNameOfTrustedKey {
                claimed: "C".into(),
                trusted_key_id: key_id,
            },
            Warning::RolloverNotAccepted {
                problem: RolloverProblem::Incomplete,
            },
        ];
        let notes = [
            TrustNote::TrustedFromBundle {
                name: "n".into(),
                key_id: "k".into(),
            },
            TrustNote::TrustedByRollover {
                name: "n".into(),
                key_id: "k".into(),
                old_key_id: "o".into(),
                effective: "2024-04-01T00:00:00+09:00".into(),
            },
            TrustNote::Imported {
                name: "n".into(),
                key_id: "k".into(),
            },
            TrustNote::Renamed {
                key_id: "k".into(),
                old: "a".into(),
                new: "b".into(),
            },
            TrustNote::Revoked {
                name: "n".into(),
                key_id: "k".into(),
            },
            TrustNote::Removed {
                name: "n".into(),
                key_id: "k".into(),
            },
            TrustNote::Exported {
                key_id: "k".into(),
                path: "/tmp/k.pub".into(),
            },
            TrustNote::OrganisationSet(Some("o".into())),
            TrustNote::ReplacedKey {
                name: "n".into(),
                key_id: "k".into(),
                old_key_id: "o".into(),
                fate: OldKeyFate::Revoke,
            },
            TrustNote::ReplacedKey {
                name: "n".into(),
                key_id: "k".into(),
                old_key_id: "o".into(),
                fate: OldKeyFate::Retire,
            },
        ];
        for language in [Language::Japanese, Language::English] {
            let strings = language.strings();
            for warning in &warnings {
                let text = warning_text(warning, strings);
                assert!(!text.contains('{'), "{text}");
            }
            for note in &notes {
                let (_, text, _) = note_text(note, strings);
                assert!(!text.contains('{'), "{text}");
            }
        }
    }

    #[test]
    fn fingerprints_split_into_two_rows_of_five_groups() {
        let (first, second) = fingerprint_rows(&PublicKey::demo());
        assert_eq!(first.split(' ').count(), 5);
        assert_eq!(second.split(' ').count(), 5);
        assert_eq!(format!("{first} {second}"), PublicKey::demo().fingerprint());
    }

    #[test]
    fn only_a_verified_status_gets_the_good_tone() {
        use crate::trust::Status;
        for status in Status::ALL {
            let tone = crate::ui::viewer::banner::status_tone(status);
            assert_eq!(tone == Tone::Good, status == Status::Verified, "{status:?}");
        }
        assert_eq!(
            crate::ui::viewer::banner::status_tone(Status::Alarm),
            Tone::Danger
        );
        assert_eq!(
            crate::ui::viewer::banner::status_tone(Status::VerifiedWithCaution),
            Tone::Caution
        );
    }
}
