//! File ▸ Print… and File ▸ Export PDF… as a reader uses them: Ctrl+P opens the dialog, which
//! says what every page will state before anything is made; Export writes the PDF where the
//! reader typed; the slip's recipients are kept for next time; a tampered file's dialog says
//! its letters are left out.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::ui::KairanApp;
use kairan::ui::print::state::{PrintForm, PrintOutcome, Purpose};

use crate::support::app::{sample_harness, save, settle, strings};

/// Runs frames until the background job reports, for at most a minute.
fn wait_for_outcome(harness: &mut Harness<'_, KairanApp>) -> PrintOutcome {
    let started = Instant::now();
    loop {
        harness.step();
        if let Some(outcome) = harness.state().state.print.outcome.clone() {
            settle(harness);
            return outcome;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the PDF job did not finish"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Opens File ▸ Export PDF… with Ctrl+Shift+E and types `destination` into its field.
fn open_export(harness: &mut Harness<'_, KairanApp>, destination: &str) {
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::E,
    );
    settle(harness);
    let form = harness
        .state_mut()
        .state
        .modal_of_mut::<PrintForm>()
        .unwrap();
    assert_eq!(form.purpose, Purpose::Export);
    form.destination = destination.to_owned();
    settle(harness);
}

#[test]
fn ctrl_p_opens_the_print_dialog_which_states_the_verdict_the_paper_will_carry() {
    let mut harness = sample_harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    settle(&mut harness);
    let strings = strings();
    harness.get_by_label(strings.print_title);
    harness.get_by_label_contains("組み込みサンプル（公開デモ鍵で署名）");
    harness.get_by_label(strings.slip_include);
    harness.get_by_label(strings.print_button);
    let form = harness
        .state()
        .state
        .modal_of::<PrintForm>()
        .cloned()
        .expect("the dialog is open");
    assert_eq!(form.purpose, Purpose::Print);
    assert!(form.slip, "the slip is on by default in Japanese");
    harness.get_by_label(strings.cancel).click();
    settle(&mut harness);
    assert!(harness.state().state.modal_of::<PrintForm>().is_none());
}

#[test]
fn export_writes_the_pdf_where_the_reader_typed_and_keeps_the_recipients() {
    let dir = tempfile::tempdir().unwrap();
    let destination = dir.path().join("回覧用");
    let mut harness = sample_harness();
    harness.get_by_label(strings().menu_file).click();
    settle(&mut harness);
    harness
        .get_by_label_contains(strings().export_pdf_menu)
        .click();
    settle(&mut harness);
    {
        let form = harness
            .state_mut()
            .state
            .modal_of_mut::<PrintForm>()
            .unwrap();
        assert_eq!(form.purpose, Purpose::Export);
        form.destination = destination.display().to_string();
        form.recipients = "総務部\n\n 経理部 \n".into();
        form.return_to = "総務部".into();
    }
    settle(&mut harness);
    harness.get_by_label(strings().pdf_save_button).click();
    let outcome = wait_for_outcome(&mut harness);
    let written = destination.with_extension("pdf");
    assert_eq!(outcome, PrintOutcome::Saved(written.clone()));
    let bytes = std::fs::read(&written).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    harness.get_by_label_contains("PDFを保存しました");

    let circulation = &harness.state().state.settings.circulation;
    assert_eq!(circulation.recipients, vec!["総務部", "経理部"]);
    assert_eq!(circulation.return_to, "総務部");
    let saved = save(&mut harness);
    let settings = saved.0.values().next().unwrap();
    assert!(settings.contains("経理部"), "{settings}");

    // Next time the dialog starts with them.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    settle(&mut harness);
    let form = harness
        .state()
        .state
        .modal_of::<PrintForm>()
        .cloned()
        .unwrap();
    assert_eq!(form.recipients, "総務部\n経理部");
}

#[test]
fn an_export_without_a_destination_is_refused_with_a_reason_and_the_dialog_stays() {
    let mut harness = sample_harness();
    open_export(&mut harness, "  ");
    harness.get_by_label(strings().pdf_save_button).click();
    settle(&mut harness);
    harness.get_by_label_contains(strings().pdf_no_destination);
    assert!(harness.state().state.modal_of::<PrintForm>().is_some());
    assert!(harness.state().state.print.running.is_none());
}

#[test]
fn a_tampered_files_dialog_says_its_letters_are_left_out() {
    let (_dir, tampered) =
        crate::viewer::write_temp("tampered.kairan", &crate::viewer::tampered_bundle());
    let mut harness = crate::support::app::harness(
        crate::support::app::SIZE,
        crate::support::app::options(
            kairan::ui::FirstOpen::File(tampered),
            vec![kairan::sample::demo_trusted_key()],
            crate::support::config_dir(),
        ),
    );
    assert!(
        harness.state().state.shown.is_some(),
        "the tampered file is shown"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    settle(&mut harness);
    harness.get_by_label_contains(strings().pdf_no_letters);
}

#[test]
fn export_over_an_existing_file_asks_once_then_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("notice.pdf");
    std::fs::write(&existing, b"keep me").unwrap();
    let mut harness = sample_harness();
    open_export(&mut harness, &existing.display().to_string());
    harness.get_by_label(strings().pdf_save_button).click();
    settle(&mut harness);
    harness.get_by_label_contains(strings().pdf_exists);
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    harness.get_by_label(strings().pdf_save_button).click();
    let outcome = wait_for_outcome(&mut harness);
    assert_eq!(outcome, PrintOutcome::Saved(existing.clone()));
    assert!(std::fs::read(&existing).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn while_a_pdf_is_being_made_ctrl_p_opens_no_second_dialog() {
    let mut harness = sample_harness();
    harness.state_mut().state.print.running = Some(Purpose::Print);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    settle(&mut harness);
    assert!(harness.state().state.modal_of::<PrintForm>().is_none());
    harness.get_by_label(strings().pdf_running);
}
