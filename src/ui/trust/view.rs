//! What the reader's own trust records add to the screen: the banner's revoked verdict,
//! warnings and rollover offer, the note on what the last trust action did, the Settings menu,
//! and the pieces the trust views share. The dialogs are drawn in
//! [`dialogs_view`](super::dialogs_view), the Trusted keys window in
//! [`keys_window_view`](super::keys_window_view) and unreadable trust files in
//! [`files_view`](super::files_view); the app puts a trust dialog on screen as its one
//! [`Modal`](crate::ui::modal::Modal).
//! The banner and note views read [`AppState`] and push [`Command`]s. The dialogs and the
//! Trusted keys window get `&mut` to their own form and the trust files (the names other keys
//! already have) read-only beside it: their text fields edit the form in place, and what was
//! typed is read and checked only when the reader confirms or saves. Status is always words
//! with an icon, never colour alone.

use crate::escape::one_line;
use egui::{Color32, RichText};

use crate::bundle::PublicKey;
use crate::trust::{KeyRecord, KeyStatus, OldKeyFate, Severity, Warning};
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, Shown};
use crate::ui::trust::files::TrustFiles;
use crate::ui::trust::keys_window_view::{confirm_ui, keys_window_ui};
use crate::ui::trust::state::{TrustAction, TrustCommand, TrustEffect, TrustNote, TrustState};
use crate::ui::viewer::banner::{Tone, status_icon};
use crate::ui::widgets::error_detail_text;

pub use crate::ui::trust::files_view::file_problems_ui;

pub(in crate::ui::trust) fn trust(command: TrustCommand) -> Command {
    Command::Trust(command)
}

/// A time the reader's records hold, to the minute, in the reader's time zone.
pub fn readable_timestamp(at: jiff::Timestamp, strings: &Strings) -> String {
    crate::time::readable::local_time(at, strings.lang)
}

/// A time as a bundle states it, in the reader's time zone.
fn readable_stated_time(text: &str, strings: &Strings) -> String {
    crate::time::readable::stated_time(text, strings.lang)
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
                ("recipient", &crate::escape::quoted(recipient)),
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
                ("claimed", &crate::escape::quoted(claimed)),
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

pub(in crate::ui::trust) fn note_row_ui(ui: &mut egui::Ui, note: &TrustNote, strings: &Strings) {
    let dark = ui.visuals().dark_mode;
    let (tone, line, detail) = note_text(note, strings);
    ui.horizontal_top(|ui| {
        status_icon(ui, tone, 18.0, tone.colors(dark).1);
        ui.vertical(|ui| {
            ui.add(egui::Label::new(RichText::new(line).strong()).wrap());
            if let Some(detail) = detail {
                ui.add(egui::Label::new(error_detail_text(strings, &detail)).wrap());
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
        TrustNote::LibraryRebuilt { indexed, skipped } => (
            Tone::Info,
            fill(
                strings.note_library_rebuilt,
                &[
                    ("indexed", &indexed.to_string()),
                    ("skipped", &skipped.to_string()),
                ],
            ),
            None,
        ),
        TrustNote::NotKept(reason) => (
            Tone::Caution,
            strings.note_not_kept.to_owned(),
            Some(explain(reason, strings.lang)),
        ),
        TrustNote::NotRecorded(reason) => (
            Tone::Caution,
            strings.note_not_recorded.to_owned(),
            Some(explain(reason, strings.lang)),
        ),
    }
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

/// The Trusted keys window. Its text fields edit the window's form in place (`&mut`), so this
/// is called after the views that only read.
pub fn keys_window_forms_ui(
    ctx: &egui::Context,
    strings: &Strings,
    trust: &mut TrustState,
    commands: &mut Vec<Command>,
) {
    let TrustState { files, window, .. } = trust;
    if let Some(window) = window.as_mut() {
        keys_window_ui(ctx, strings, files, window, commands);
    }
}

/// The confirmation of a revoke or remove asked for in the Trusted keys window (a step of that
/// window, drawn over every other dialog).
pub fn window_confirm_ui(
    ctx: &egui::Context,
    strings: &Strings,
    trust: &mut TrustState,
    commands: &mut Vec<Command>,
) {
    let TrustState { files, window, .. } = trust;
    if let Some(window) = window {
        confirm_ui(ctx, strings, files, window, commands);
    }
}

/// Trusted keys other than `key` already named `name`.
pub(in crate::ui::trust) fn others_named<'a>(
    files: &'a TrustFiles,
    name: &str,
    key: &PublicKey,
) -> Vec<&'a KeyRecord> {
    files
        .store
        .as_ref()
        .map(|store| store.others_named(name, key))
        .unwrap_or_default()
}

/// An alarm for each trusted key other than `key` already named `name`: giving this one the
/// same name would let it pass for that one.
pub(in crate::ui::trust) fn name_taken_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    files: &TrustFiles,
    name: &str,
    key: &PublicKey,
) {
    for other in others_named(files, name, key) {
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

/// Gives fields and buttons a visible border, so that a prefilled field plainly reads as
/// something to edit.
pub(in crate::ui::trust) fn visible_borders(ui: &mut egui::Ui) {
    let border = ui.visuals().weak_text_color();
    ui.visuals_mut().widgets.inactive.bg_stroke = egui::Stroke::new(1.0, border);
}

/// One alarm line in a small red box with the danger icon.
pub(in crate::ui::trust) fn alarm_ui(ui: &mut egui::Ui, line: &str) {
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
mod tests;
