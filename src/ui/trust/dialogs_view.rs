//! Draws the two dialogs that trust the unknown signer on screen ([`dialogs`](super::dialogs)):
//! "Trust this key as…", with the fingerprint to confirm and any trusted key whose name it
//! would share, and "This is a new key of NAME", with both fingerprints, the phone check and
//! the choice of what becomes of the old key.
//!
//! Each dialog gets `&mut` to its own form, whose name and note fields are edited in place; the
//! trust files come beside it, read-only, for the alarm when a typed name is one another key
//! already has (shown while typing, from the live text). The name and note are read only when
//! the reader confirms.

use egui::RichText;

use crate::bundle::PublicKey;
use crate::escape::one_line;
use crate::trust::OldKeyFate;
use crate::ui::command::Command;
use crate::ui::error_text::{Problem, explain};
use crate::ui::i18n::{Strings, fill};
use crate::ui::trust::dialogs::{FingerprintCheck, NewKeyDialog, TrustDialog};
use crate::ui::trust::files::TrustFiles;
use crate::ui::trust::state::TrustCommand;
use crate::ui::trust::view::{
    alarm_ui, fingerprint_rows, name_taken_ui, others_named, trust, visible_borders,
};
use crate::ui::widgets::{Choice, confirm_row_ui, error_detail_text, labelled_line_field};

/// "This is a new key of NAME": both fingerprints, the phone check, the old key's fate.
pub fn new_key_dialog_ui(
    ctx: &egui::Context,
    strings: &Strings,
    dialog: &mut NewKeyDialog,
    commands: &mut Vec<Command>,
) {
    let name = one_line(&dialog.old.name);
    let modal = egui::Modal::new(egui::Id::unique("new-key-dialog")).show(ctx, |ui| {
        crate::ui::widgets::fit_dialog_width(ui, 640.0);
        ui.spacing_mut().item_spacing.y = 6.0;
        visible_borders(ui);
        ui.heading(fill(strings.replace_key_title, &[("name", &name)]));
        alarm_ui(ui, &fill(strings.replace_key_intro, &[("name", &name)]));
        for (heading, key) in [
            (strings.replace_key_old_heading, &dialog.old.public_key),
            (strings.replace_key_new_heading, &dialog.new),
        ] {
            fingerprint_box_ui(
                ui,
                &fill(heading, &[("key_id", &key.key_id.to_string())]),
                key,
                20.0,
                |_| {},
            );
        }
        ui.add(
            egui::Label::new(
                RichText::new(fill(strings.replace_key_advice, &[("name", &name)])).strong(),
            )
            .wrap(),
        );
        let confirmed = check_ui(ui, &mut dialog.check, strings.replace_key_confirmed);
        ui.separator();
        ui.label(RichText::new(strings.replace_key_fate).strong());
        for (fate, label) in [
            (OldKeyFate::Revoke, strings.replace_key_revoke),
            (OldKeyFate::Retire, strings.replace_key_retire),
        ] {
            ui.radio_value(&mut dialog.fate, Some(fate), label);
        }
        labelled_line_field(ui, strings.trust_dialog_note, &mut dialog.note, |edit| {
            edit.id_salt("new-key-note").desired_width(f32::INFINITY)
        });
        if let Some(error) = &dialog.error {
            failure_ui(ui, strings, strings.replace_key_failed, error);
        }
        let ready = confirmed && dialog.fate.is_some();
        match foot_ui(
            ui,
            strings,
            strings.replace_key_needs,
            strings.replace_key_confirm,
            ready,
        ) {
            Some(Choice::Confirm) => commands.push(trust(TrustCommand::ConfirmNewKey)),
            Some(Choice::Cancel) => commands.push(trust(TrustCommand::CloseNewKeyDialog)),
            None => {}
        }
    });
    if crate::ui::modal::asked_to_close(&modal) {
        commands.push(trust(TrustCommand::CloseNewKeyDialog));
    }
}

/// "Trust this key as…": the fingerprint, the phone check, the name and a note.
pub fn trust_dialog_ui(
    ctx: &egui::Context,
    strings: &Strings,
    files: &TrustFiles,
    dialog: &mut TrustDialog,
    commands: &mut Vec<Command>,
) {
    let modal = egui::Modal::new(egui::Id::unique("trust-key-dialog")).show(ctx, |ui| {
        crate::ui::widgets::fit_dialog_width(ui, 620.0);
        ui.spacing_mut().item_spacing.y = 6.0;
        visible_borders(ui);
        ui.heading(strings.trust_dialog_title);
        ui.add(egui::Label::new(strings.trust_dialog_intro).wrap());
        ui.separator();
        ui.add(
            egui::Label::new(fill(
                strings.banner_unknown_claim,
                &[("claim", &crate::escape::quoted(&dialog.claim))],
            ))
            .wrap(),
        );
        fingerprint_box_ui(ui, strings.fingerprint_heading, &dialog.key, 22.0, |ui| {
            ui.label(
                RichText::new(fill(
                    strings.key_id_line,
                    &[("key_id", &dialog.key.key_id.to_string())],
                ))
                .monospace(),
            );
        });
        ui.add(egui::Label::new(RichText::new(strings.trust_dialog_advice).strong()).wrap());
        let confirmed = check_ui(ui, &mut dialog.check, strings.trust_dialog_confirmed);
        ui.separator();
        labelled_line_field(ui, strings.trust_dialog_name, &mut dialog.name, |edit| {
            edit.id_salt("trust-name")
                .desired_width(f32::INFINITY)
                .font(egui::TextStyle::Heading)
        });
        labelled_line_field(ui, strings.trust_dialog_note, &mut dialog.note, |edit| {
            edit.id_salt("trust-note").desired_width(f32::INFINITY)
        });
        let name = dialog.name.as_str();
        name_taken_ui(ui, strings, files, name, &dialog.key);
        if name.trim() != dialog.claim.trim() {
            for other in others_named(files, &dialog.claim, &dialog.key) {
                alarm_ui(
                    ui,
                    &fill(
                        strings.impersonation_claim,
                        &[
                            ("claim", &crate::escape::quoted(dialog.claim.trim())),
                            ("key_id", &other.public_key.key_id.to_string()),
                        ],
                    ),
                );
            }
        }
        if let Some(error) = &dialog.error {
            failure_ui(ui, strings, strings.trust_dialog_failed, error);
        }
        let ready = confirmed && !name.trim().is_empty();
        match foot_ui(
            ui,
            strings,
            strings.trust_dialog_needs_check,
            strings.trust_dialog_confirm,
            ready,
        ) {
            Some(Choice::Confirm) => commands.push(trust(TrustCommand::ConfirmTrust)),
            Some(Choice::Cancel) => commands.push(trust(TrustCommand::CloseTrustDialog)),
            None => {}
        }
    });
    if crate::ui::modal::asked_to_close(&modal) {
        commands.push(trust(TrustCommand::CloseTrustDialog));
    }
}

/// A group box headed `heading` (in bold): the key's fingerprint in two rows of `size`, then
/// whatever `below` adds.
fn fingerprint_box_ui(
    ui: &mut egui::Ui,
    heading: &str,
    key: &PublicKey,
    size: f32,
    below: impl FnOnce(&mut egui::Ui),
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(heading).strong());
        let (first, second) = fingerprint_rows(key);
        for row in [first, second] {
            ui.label(RichText::new(row).monospace().size(size).strong());
        }
        below(ui);
    });
}

/// The "I have checked the fingerprint" box: pushes `set` with the new state when it is
/// ticked or cleared, and says whether it is ticked now.
fn check_ui(ui: &mut egui::Ui, check: &mut FingerprintCheck, label: &str) -> bool {
    let mut confirmed = *check == FingerprintCheck::Confirmed;
    if ui.checkbox(&mut confirmed, label).changed() {
        *check = if confirmed {
            FingerprintCheck::Confirmed
        } else {
            FingerprintCheck::NotConfirmed
        };
    }
    confirmed
}

/// A failed attempt: the alarm `line`, then the error's detail in small print.
fn failure_ui(ui: &mut egui::Ui, strings: &Strings, line: &str, error: &Problem) {
    alarm_ui(ui, line);
    ui.add(egui::Label::new(error_detail_text(strings, &explain(error, strings.lang))).wrap());
}

/// The foot of a dialog: a rule, what is still needed while it is not `ready`, then the
/// confirming button (enabled once `ready`) and Cancel.
fn foot_ui(
    ui: &mut egui::Ui,
    strings: &Strings,
    needs: &str,
    confirm: &str,
    ready: bool,
) -> Option<Choice> {
    ui.separator();
    if !ready {
        ui.label(RichText::new(needs).weak());
    }
    confirm_row_ui(ui, Some((confirm.into(), ready)), strings.cancel)
}
