//! Draws the two dialogs that trust the unknown signer on screen ([`dialogs`](super::dialogs)):
//! "Trust this key as…", with the fingerprint to confirm and any trusted key whose name it
//! would share, and "This is a new key of NAME", with both fingerprints, the phone check and
//! the choice of what becomes of the old key.

use egui::RichText;

use crate::escape::one_line;
use crate::trust::OldKeyFate;
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::fill;
use crate::ui::state::AppState;
use crate::ui::trust::dialogs::{FingerprintCheck, NewKeyDialog, TrustDialog};
use crate::ui::trust::state::TrustCommand;
use crate::ui::trust::view::{alarm_ui, fingerprint_rows, others_named, trust};

/// "This is a new key of NAME": both fingerprints, the phone check, the old key's fate.
pub(in crate::ui::trust) fn new_key_dialog_ui(
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

pub(in crate::ui::trust) fn trust_dialog_ui(
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
                &[("claim", &crate::escape::quoted(&dialog.claim))],
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
                            ("claim", &crate::escape::quoted(dialog.claim.trim())),
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
