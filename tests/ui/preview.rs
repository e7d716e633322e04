//! The authoring preview driven through the real app with egui_kittest: a notice folder shown
//! unsigned, updating as its sources are saved on disk, its pre-send checks with click-to-jump,
//! signing refused while errors remain, and signing and exporting with good and bad keys.
//! Native dialogs are replaced by the commands their answers would send.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::authoring::checks::{FindingCode, individual_number_is_valid};
use kairan::bundle::keys::{self, Protection};
use kairan::bundle::{TrustedKey, Verdict, open_file};
use kairan::document::letter::PartKey;
use kairan::ui::authoring::state::{
    AuthoringCommand, AuthoringDialog, JobOutcome, PasswordProblem,
};
use kairan::ui::command::Command;
use kairan::ui::i18n::Language;
use kairan::ui::{FirstOpen, KairanApp};

use crate::support::app::{self, strings};
use crate::support::{self, sample_copy};

const FIRM_TITLE: &str = "利用システム障害に伴う個人情報の状況に関して";
const FIRM_SOURCE: &str = "documents/firm-notice-2023-06-29.notice.md";

fn preview_harness(folder: &Path) -> Harness<'static, KairanApp> {
    let first = FirstOpen::Folder(folder.to_owned());
    // A configuration folder of its own, beside the notice folder: no trusted keys, no history.
    let config = folder.parent().unwrap_or(folder).join("kairan-config");
    app::harness(
        app::SIZE,
        app::options(first, vec![kairan::sample::demo_trusted_key()], config),
    )
}

fn authoring(harness: &mut Harness<'_, KairanApp>, command: AuthoringCommand) {
    harness
        .state_mut()
        .state
        .handle(Command::Authoring(command));
    harness.run_steps(3);
}

/// Steps the app (as the window would, woken by the watcher or a background thread) until
/// `done` holds, for at most `limit`.
fn step_until(
    harness: &mut Harness<'_, KairanApp>,
    limit: Duration,
    done: impl Fn(&Harness<'_, KairanApp>) -> bool,
) -> Duration {
    let start = Instant::now();
    while !done(harness) {
        assert!(start.elapsed() < limit, "not done within {limit:?}");
        std::thread::sleep(Duration::from_millis(25));
        harness.step();
    }
    harness.run_steps(2);
    start.elapsed()
}

fn edit(folder: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = folder.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, change(text)).unwrap();
}

/// A 12-digit number with a valid individual-number check digit.
fn valid_individual_number() -> String {
    (0..10)
        .map(|digit| format!("12345678901{digit}"))
        .find(|candidate| individual_number_is_valid(candidate))
        .unwrap()
}

fn plant_individual_number(folder: &Path) -> String {
    let number = valid_individual_number();
    edit(folder, FIRM_SOURCE, |text| {
        text.replacen(
            "平素より当法人に対しまして",
            &format!("被保険者番号 {number} 平素より当法人に対しまして"),
            1,
        )
    });
    number
}

/// The line of the firm notice's source that holds `needle`.
fn line_of(folder: &Path, needle: &str) -> usize {
    std::fs::read_to_string(folder.join(FIRM_SOURCE))
        .unwrap()
        .lines()
        .position(|line| line.contains(needle))
        .unwrap()
        + 1
}

fn dialog(harness: &Harness<'_, KairanApp>) -> Option<AuthoringDialog> {
    harness.state().state.modal_of::<AuthoringDialog>().cloned()
}

fn unprotected_key(dir: &Path) -> (PathBuf, keys::GeneratedKeyPair) {
    let pair = keys::generate(Protection::Unprotected, "test key").unwrap();
    let path = dir.join("firm.key");
    std::fs::write(&path, &pair.secret_file).unwrap();
    (path, pair)
}

/// Types `text` into the field labelled `label`, replacing what it held, as a person does:
/// click, select all, type.
fn type_into(harness: &mut Harness<'_, KairanApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    if !text.is_empty() {
        harness.get_by_label(label).type_text(text);
    } else {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run_steps(2);
}

/// Opens the sign dialog and fills in key, password and destination.
fn fill_sign_dialog(harness: &mut Harness<'_, KairanApp>, key: &Path, password: &str, to: &Path) {
    authoring(harness, AuthoringCommand::OpenSignDialog);
    assert!(matches!(
        dialog(harness),
        Some(AuthoringDialog::SignExport(_))
    ));
    type_into(
        harness,
        strings().key_file_field,
        &key.display().to_string(),
    );
    type_into(harness, strings().password_field, password);
    type_into(
        harness,
        strings().destination_field,
        &to.display().to_string(),
    );
}

fn sign_with(harness: &mut Harness<'_, KairanApp>, key: &Path, password: &str, to: &Path) {
    fill_sign_dialog(harness, key, password, to);
    harness
        .get_by_role_and_label(Role::Button, strings().sign_button)
        .click();
    harness.run_steps(2);
}

fn job_finished(harness: &Harness<'_, KairanApp>) -> bool {
    harness.state().state.authoring.job.is_none()
}

/// Opens the client-list dialog, types the list, key and output folder, and presses export.
fn export_for_clients(
    harness: &mut Harness<'_, KairanApp>,
    list: &Path,
    key: &Path,
    output: &Path,
) {
    authoring(harness, AuthoringCommand::OpenClientsDialog);
    for (label, path) in [
        (strings().client_list_field, list),
        (strings().key_file_field, key),
        (strings().output_folder_field, output),
    ] {
        type_into(harness, label, &path.display().to_string());
    }
    harness
        .get_by_role_and_label(Role::Button, strings().clients_button)
        .click();
}

#[test]
fn a_previewed_folder_shows_the_unsigned_banner_and_the_notice() {
    let copy = sample_copy();
    let harness = preview_harness(copy.path());
    harness.get_by_label(strings().banner_preview_title);
    harness.get_by_label(strings().banner_preview_detail);
    harness.get_by_role_and_label(Role::Label, FIRM_TITLE);
    // The checks panel lists the sample's warnings and no errors.
    harness.get_by_label(strings().checks_title);
    assert_eq!(
        harness
            .get_all_by_label_contains("（mask-without-reason）")
            .count(),
        3
    );
    assert!(
        harness
            .query_by_label(strings().banner_sample_title)
            .is_none()
    );
}

#[test]
fn saving_a_source_updates_the_preview_within_a_second() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let mut harness = preview_harness(&folder);
    let changed = format!("{FIRM_TITLE}（続報）");
    assert!(
        harness
            .query_by_role_and_label(Role::Label, &changed)
            .is_none()
    );

    edit(&folder, FIRM_SOURCE, |text| {
        text.replacen(
            &format!("title: {FIRM_TITLE}"),
            &format!("title: {changed}"),
            1,
        )
    });
    // The view follows the file by itself (no reload pressed). How fast is a matter of the
    // watcher's 200 ms settling time, not of this test: on a loaded machine it only has to
    // happen, within a generous bound.
    step_until(&mut harness, Duration::from_secs(10), |harness| {
        harness
            .query_by_role_and_label(Role::Label, &changed)
            .is_some()
    });
    harness.get_by_label(strings().banner_preview_title);
}

#[test]
fn a_source_error_is_shown_with_its_place_and_the_last_good_text_stays() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let mut harness = preview_harness(&folder);
    edit(&folder, FIRM_SOURCE, |text| {
        text.replacen(
            "平素より当法人に対しまして",
            "平素より{{■■■■ | reason: 未記入 当法人に対しまして",
            1,
        )
    });
    step_until(&mut harness, Duration::from_secs(10), |harness| {
        !harness
            .state()
            .state
            .authoring
            .preview
            .as_ref()
            .unwrap()
            .errors
            .is_empty()
    });
    let error = harness
        .state()
        .state
        .authoring
        .preview
        .as_ref()
        .unwrap()
        .errors[0]
        .clone();
    assert_eq!(error.file, FIRM_SOURCE);
    assert_eq!(error.line, line_of(&folder, "{{■■■■"));
    harness.get_by_label_contains(&format!("{FIRM_SOURCE}:{}:{}: ", error.line, error.column));
    harness.get_by_label_contains("原稿に誤りがあります");
    harness.get_by_label(strings().source_errors_kept);
    // The last good version is still on screen, unchanged.
    harness.get_by_role_and_label(Role::Label, FIRM_TITLE);
    harness.get_by_label_contains("平素より当法人に対しまして");
    // The checks could not run; the panel says so and keeps the last good version's warnings
    // in view instead of claiming none.
    let preview = harness.state().state.authoring.preview.as_ref().unwrap();
    let kept = preview.warnings_on_screen.unwrap();
    assert!(kept > 0);
    harness.get_by_label_contains(&format!("表示中の直前の正しい版の警告：{kept}件"));
    harness.get_by_label_contains("チェックできません");
    assert!(harness.query_by_label_contains("警告0件").is_none());
}

#[test]
fn the_sign_dialog_shows_how_many_warnings_are_open_and_lists_them() {
    let copy = sample_copy();
    let mut harness = preview_harness(copy.path());
    let warnings = harness
        .state()
        .state
        .authoring
        .preview
        .as_ref()
        .unwrap()
        .counts()
        .1;
    assert!(warnings >= 3, "the sample has its unexplained masks");
    let listed = |harness: &Harness<'_, KairanApp>| {
        harness
            .query_all_by_label_contains("（mask-without-reason）")
            .count()
    };
    // The checks panel lists the three masks without a reason.
    assert_eq!(listed(&harness), 3);
    authoring(&mut harness, AuthoringCommand::OpenSignDialog);
    harness.get_by_label(&kairan::ui::i18n::fill(
        strings().sign_warnings,
        &[("n", &warnings.to_string())],
    ));
    harness
        .get_by_role_and_label(Role::Button, strings().show_warnings)
        .click();
    harness.run_steps(3);
    // Now listed in the dialog too.
    assert_eq!(listed(&harness), 6);
    harness.get_by_role_and_label(Role::Button, strings().hide_warnings);
}

#[test]
fn a_planted_individual_number_is_an_error_that_jumps_and_blocks_signing() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let number = plant_individual_number(&folder);
    let mut harness = preview_harness(&folder);

    let state = &harness.state().state;
    let preview = state.authoring.preview.as_ref().unwrap();
    let index = preview
        .findings
        .iter()
        .position(|finding| finding.code == FindingCode::IndividualNumber)
        .expect("the individual number is found");
    assert_eq!(preview.findings[index].file, FIRM_SOURCE);
    let line = line_of(&folder, &number);
    assert_eq!(preview.findings[index].line, line);
    // In the letter and in the finding's message.
    assert_eq!(harness.get_all_by_label_contains(&number).count(), 2);

    // The finding is listed with its severity word and place; clicking it jumps to it.
    harness
        .get_by_label_contains(&format!("エラー　{FIRM_SOURCE}:{line}:"))
        .click();
    harness.run_steps(3);
    let state = &harness.state().state;
    let flash = state.flash.expect("the paragraph flashes");
    let shown = state.shown.as_ref().unwrap();
    assert_eq!(shown.left, Some(flash.document));
    let planted = kairan::document::letter::parts(&shown.bundle.documents[flash.document].document)
        .into_iter()
        .find(|part| part.text().contains(&number))
        .unwrap()
        .key;
    assert!(matches!(planted, PartKey::Block { item: 0, .. }));
    assert_eq!(flash.part, planted);

    // Sign and export is refused, saying why.
    harness
        .get_by_role_and_label(Role::Button, strings().sign_and_export)
        .click();
    harness.run_steps(3);
    let Some(AuthoringDialog::SignRefused { blocking }) = dialog(&harness) else {
        panic!("signing was not refused: {:?}", dialog(&harness));
    };
    assert!(
        blocking
            .iter()
            .any(|finding| finding.code == FindingCode::IndividualNumber)
    );
    harness.get_by_label(strings().sign_refused_title);
    assert!(harness.state().state.authoring.job.is_none());
}

#[test]
fn signing_with_an_unprotected_key_writes_a_bundle_that_verifies() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let (key, pair) = unprotected_key(copy.parent());
    let destination = copy.parent().join("out.kairan");
    let mut harness = preview_harness(&folder);

    sign_with(&mut harness, &key, "", &destination);
    step_until(&mut harness, Duration::from_secs(20), job_finished);
    let Some(AuthoringDialog::Signed { report, .. }) = dialog(&harness) else {
        panic!("not signed: {:?}", dialog(&harness));
    };
    assert!(matches!(report.verdict, Verdict::Verified { .. }));
    assert_eq!(report.path, destination);
    assert_eq!(report.documents, 3);
    harness.get_by_label(strings().signed_title);
    harness.get_by_label_contains("検証済み：書き出したファイルをディスクから読み直し");

    let trusted = [TrustedKey {
        name: "firm".into(),
        public_key: pair.public_key,
    }];
    let opened = open_file(&destination, &trusted).unwrap();
    assert!(matches!(opened.verdict, Verdict::Verified { .. }));
    assert_eq!(opened.mask_count(), 3);
    assert_eq!(opened.omission_count(), 9);

    // The report offers to show the folder (not clicked here: it starts the file manager) and
    // to open the new file in this viewer, which ends the preview.
    harness.get_by_role_and_label(Role::Button, strings().show_folder);
    harness
        .get_by_role_and_label(Role::Button, strings().open_written)
        .click();
    harness.run_steps(3);
    let state = &harness.state().state;
    assert!(state.modal_of::<AuthoringDialog>().is_none());
    assert!(state.authoring.preview.is_none());
    let shown = state.shown.as_ref().unwrap();
    assert_eq!(
        shown.origin,
        kairan::ui::state::Origin::File(destination.clone())
    );
    assert!(
        harness
            .query_by_label(strings().banner_preview_title)
            .is_none()
    );
}

#[test]
fn a_wrong_password_keeps_the_dialog_says_so_and_leaves_no_file() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    // A password-protected key at the minisign crate's (cheap) cost keeps this test fast.
    let pair = minisign::KeyPair::generate_encrypted_keypair(Some("right".into())).unwrap();
    let key = copy.parent().join("firm.key");
    std::fs::write(&key, pair.sk.to_box(None).unwrap().into_string()).unwrap();
    let destination = copy.parent().join("out.kairan");
    let mut harness = preview_harness(&folder);

    sign_with(&mut harness, &key, "wrong", &destination);
    step_until(&mut harness, Duration::from_secs(30), job_finished);
    // The dialog is still there with what was typed; only the password is emptied.
    let Some(AuthoringDialog::SignExport(form)) = dialog(&harness) else {
        panic!("the sign dialog did not stay: {:?}", dialog(&harness));
    };
    assert_eq!(form.fields.key, key.display().to_string());
    assert_eq!(form.fields.destination, destination.display().to_string());
    assert!(form.fields.password.is_empty());
    assert_eq!(form.password_problem, Some(PasswordProblem::Wrong));
    // Said in the UI language, beside the password field, with the form's button still there.
    harness.get_by_label(strings().password_wrong);
    harness.get_by_label(strings().password_field);
    harness.get_by_role_and_label(Role::Button, strings().sign_button);
    assert!(harness.query_by_label(strings().failed_sign).is_none());
    harness
        .state_mut()
        .state
        .handle(Command::SetLanguage(Language::English));
    harness.run_steps(2);
    harness.get_by_label("The password does not open this key; type it again.");

    let left: Vec<_> = std::fs::read_dir(copy.parent())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!destination.exists());
    assert!(
        left.iter()
            .all(|name| name == "notice" || name == "firm.key"),
        "{left:?}"
    );

    // The right password, typed again into the same dialog, signs.
    type_into(
        &mut harness,
        Language::English.strings().password_field,
        "right",
    );
    harness
        .get_by_role_and_label(Role::Button, Language::English.strings().sign_button)
        .click();
    harness.run_steps(2);
    step_until(&mut harness, Duration::from_secs(30), job_finished);
    assert!(
        matches!(dialog(&harness), Some(AuthoringDialog::Signed { .. })),
        "{:?}",
        dialog(&harness)
    );
    assert!(destination.exists());
}

#[test]
fn the_key_file_that_signed_is_filled_in_next_time_and_its_password_is_not_kept() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let pair = minisign::KeyPair::generate_encrypted_keypair(Some("pw-7f3a9".into())).unwrap();
    let key = copy.parent().join("firm.key");
    std::fs::write(&key, pair.sk.to_box(None).unwrap().into_string()).unwrap();
    let destination = copy.parent().join("out.kairan");
    let config = copy.parent().join("kairan-config");
    let options = || {
        app::options(
            FirstOpen::Folder(folder.clone()),
            vec![kairan::sample::demo_trusted_key()],
            config.clone(),
        )
    };
    let first_run = app::MemoryStorage::default();
    let mut harness = app::harness_with_storage(app::SIZE, options(), &first_run);
    authoring(&mut harness, AuthoringCommand::OpenSignDialog);
    let Some(AuthoringDialog::SignExport(form)) = dialog(&harness) else {
        panic!("{:?}", dialog(&harness));
    };
    assert_eq!(
        form.fields.key, "",
        "nothing is remembered before the first signing"
    );
    authoring(&mut harness, AuthoringCommand::CloseDialog);

    sign_with(&mut harness, &key, "pw-7f3a9", &destination);
    step_until(&mut harness, Duration::from_secs(30), job_finished);
    assert!(matches!(
        dialog(&harness),
        Some(AuthoringDialog::Signed { .. })
    ));
    let saved = app::save(&mut harness);
    drop(harness);
    let text: String = saved.0.values().cloned().collect();
    assert!(text.contains("firm.key"), "{text}");
    assert!(!text.contains("pw-7f3a9"), "the password was saved: {text}");

    let mut harness = app::harness_with_storage(app::SIZE, options(), &saved);
    authoring(&mut harness, AuthoringCommand::OpenSignDialog);
    let Some(AuthoringDialog::SignExport(form)) = dialog(&harness) else {
        panic!("{:?}", dialog(&harness));
    };
    assert_eq!(form.fields.key, key.display().to_string());
    assert!(form.fields.password.is_empty());
    // The field shows it.
    assert!(
        harness
            .query_all_by_value(&key.display().to_string())
            .next()
            .is_some()
    );
}

#[test]
fn an_existing_file_is_replaced_only_after_asking() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let (key, pair) = unprotected_key(copy.parent());
    let destination = copy.parent().join("out.kairan");
    std::fs::write(&destination, b"the bundle sent last week").unwrap();
    let mut harness = preview_harness(&folder);
    let question = kairan::ui::i18n::fill(
        strings().replace_file_question,
        &[("path", &destination.display().to_string())],
    );

    // Asked, and "Don't replace" goes back to the form with the old file as it was.
    sign_with(&mut harness, &key, "", &destination);
    assert!(job_finished(&harness), "a job started without asking");
    harness.run_steps(2);
    harness.get_by_label(&question);
    harness
        .get_by_role_and_label(Role::Button, strings().keep_button)
        .click();
    harness.run_steps(3);
    let Some(AuthoringDialog::SignExport(form)) = dialog(&harness) else {
        panic!("{:?}", dialog(&harness));
    };
    assert_eq!(form.confirm_replace, None);
    assert_eq!(form.fields.destination, destination.display().to_string());
    assert!(harness.query_by_label(&question).is_none());
    assert_eq!(
        std::fs::read(&destination).unwrap(),
        b"the bundle sent last week"
    );

    // Asked again, and Esc answers no as well: back to the form, not out of the dialog.
    harness
        .get_by_role_and_label(Role::Button, strings().sign_button)
        .click();
    harness.run_steps(4);
    harness.get_by_label(&question);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(
        matches!(dialog(&harness), Some(AuthoringDialog::SignExport(form)) if form.confirm_replace.is_none()),
        "{:?}",
        dialog(&harness)
    );

    // Asked again, and "Replace" writes the new bundle in its place.
    harness
        .get_by_role_and_label(Role::Button, strings().sign_button)
        .click();
    // The dialog is re-centred for its new size before it is clicked, as it is before a person
    // can click it.
    harness.run_steps(4);
    harness.get_by_label(&question);
    harness
        .get_by_role_and_label(Role::Button, strings().replace_button)
        .click();
    harness.run_steps(2);
    step_until(&mut harness, Duration::from_secs(20), job_finished);
    assert!(
        matches!(dialog(&harness), Some(AuthoringDialog::Signed { .. })),
        "{:?}",
        dialog(&harness)
    );
    let trusted = [TrustedKey {
        name: "firm".into(),
        public_key: pair.public_key,
    }];
    let opened = open_file(&destination, &trusted).unwrap();
    assert!(matches!(opened.verdict, Verdict::Verified { .. }));
}

#[test]
fn exporting_for_clients_says_how_many_files_it_would_replace_and_asks_once() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let (key, _) = unprotected_key(copy.parent());
    let list = copy.parent().join("clients.csv");
    std::fs::write(
        &list,
        "recipient,id\n株式会社あおば,aoba\n株式会社さくら,sakura\n株式会社かえで,kaede\n",
    )
    .unwrap();
    let output = copy.parent().join("out");
    std::fs::create_dir(&output).unwrap();
    for id in ["aoba", "sakura"] {
        std::fs::write(output.join(format!("mikasa-2023-06-29-{id}.kairan")), "old").unwrap();
    }
    let mut harness = preview_harness(&folder);
    export_for_clients(&mut harness, &list, &key, &output);
    harness.run_steps(4);
    assert!(job_finished(&harness), "a job started without asking");
    harness.get_by_label_contains("同じ名前のファイルが2件あります。上書きしますか？");
    harness
        .get_by_role_and_label(Role::Button, strings().replace_button)
        .click();
    harness.run_steps(2);
    step_until(&mut harness, Duration::from_secs(20), job_finished);
    let Some(AuthoringDialog::ClientsDone { summary, .. }) = dialog(&harness) else {
        panic!("not done: {:?}", dialog(&harness));
    };
    assert_eq!((summary.written(), summary.failed()), (3, 0));
    for id in ["aoba", "sakura", "kaede"] {
        let written = std::fs::read(output.join(format!("mikasa-2023-06-29-{id}.kairan"))).unwrap();
        assert_ne!(written, b"old");
    }
}

#[test]
fn after_a_failed_export_the_report_goes_back_to_the_form_with_what_was_typed() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let (key, _) = unprotected_key(copy.parent());
    let list = copy.parent().join("no-such-list.csv");
    let output = copy.parent().join("out");
    std::fs::create_dir(&output).unwrap();
    let mut harness = preview_harness(&folder);
    export_for_clients(&mut harness, &list, &key, &output);
    harness.run_steps(2);
    step_until(&mut harness, Duration::from_secs(20), job_finished);
    assert!(
        matches!(
            dialog(&harness),
            Some(AuthoringDialog::Failed {
                back_to: Some(_),
                ..
            })
        ),
        "{:?}",
        dialog(&harness)
    );
    harness
        .get_by_role_and_label(Role::Button, strings().back_to_form)
        .click();
    harness.run_steps(2);
    let Some(AuthoringDialog::ExportClients(form)) = dialog(&harness) else {
        panic!("not back at the form: {:?}", dialog(&harness));
    };
    assert_eq!(form.fields.list, list.display().to_string());
    assert_eq!(form.fields.key, key.display().to_string());
    assert_eq!(form.fields.output, output.display().to_string());
}

#[test]
fn exporting_for_clients_reports_a_bad_row_and_writes_the_rest() {
    let copy = sample_copy();
    let folder = copy.path().to_owned();
    let (key, _) = unprotected_key(copy.parent());
    let list = copy.parent().join("clients.csv");
    std::fs::write(
        &list,
        "recipient,id\n株式会社あおば,aoba\n,empty\n株式会社さくら,sakura\n",
    )
    .unwrap();
    let output = copy.parent().join("out");
    let mut harness = preview_harness(&folder);

    export_for_clients(&mut harness, &list, &key, &output);
    harness.run_steps(2);
    step_until(&mut harness, Duration::from_secs(20), job_finished);
    let Some(AuthoringDialog::ClientsDone { summary, .. }) = dialog(&harness) else {
        panic!("not done: {:?}", dialog(&harness));
    };
    assert_eq!((summary.written(), summary.failed()), (2, 1));
    harness.get_by_label_contains("3件中2件を");
    // The failed row reads in the UI language, like everything else.
    harness.get_by_label_contains("2/3 顧客一覧の3行目：宛先（recipient）が空です。");
    assert!(output.join("mikasa-2023-06-29-aoba.kairan").exists());
    assert!(output.join("mikasa-2023-06-29-sakura.kairan").exists());
}

/// Imports `letter` into `target` through the Import dialog; returns the detections.
fn import_through_dialog(
    harness: &mut Harness<'static, KairanApp>,
    letter: &Path,
    target: &Path,
) -> Vec<kairan::authoring::import::Detection> {
    authoring(harness, AuthoringCommand::OpenImportDialog);
    type_into(
        harness,
        strings().import_letter_field,
        &letter.display().to_string(),
    );
    type_into(
        harness,
        strings().import_folder_field,
        &target.display().to_string(),
    );
    harness
        .get_by_role_and_label(Role::Button, strings().import_letter_button)
        .click();
    harness.run_steps(4);
    let Some(AuthoringDialog::ImportReport { detections, folder }) = dialog(harness) else {
        panic!("not imported: {:?}", dialog(harness));
    };
    assert_eq!(folder, target);
    detections
}

#[test]
fn a_saved_web_page_is_imported_with_its_address_and_date_to_confirm_in_japanese() {
    let out = tempfile::tempdir().unwrap();
    let copy = sample_copy();
    let mut harness = preview_harness(copy.path());
    let detections = import_through_dialog(
        &mut harness,
        Path::new("tests/fixtures/import/vendor-page.html"),
        &out.path().join("page"),
    );
    assert!(detections.len() > 10);
    harness.get_by_label_contains("正規 URL の指定から");
    harness.get_by_label_contains("ファイルの更新日");
    harness.get_by_label_contains("スクリプトを1個取り除きました");
    let shown = harness.state().state.shown.as_ref().unwrap();
    assert_eq!(shown.bundle.documents.len(), 1);
    assert_eq!(shown.bundle.mask_count(), 2);
    assert_eq!(shown.bundle.omission_count(), 1);
}

#[test]
fn importing_the_seed_opens_the_new_folder_with_its_detections() {
    let out = tempfile::tempdir().unwrap();
    let copy = sample_copy();
    let mut harness = preview_harness(copy.path());
    let seed = support::sample_folder().join("seed.txt");
    let detections = import_through_dialog(&mut harness, &seed, &out.path().join("imported"));
    assert!(!detections.is_empty());
    harness.get_by_label_contains("取り込みました");
    // Each detection's note reads in Japanese too (the seed's masks were made by the vendor).
    assert!(
        !harness
            .query_all_by_label_contains("伏せ字（伏せた人：")
            .collect::<Vec<_>>()
            .is_empty()
    );
    assert!(harness.query_by_label_contains("masked by").is_none());
    let shown = harness.state().state.shown.as_ref().unwrap();
    assert_eq!(shown.bundle.documents.len(), 3);
    assert_eq!(shown.bundle.mask_count(), 3);
    assert_eq!(shown.bundle.omission_count(), 9);
}

#[test]
fn a_new_key_shows_its_fingerprint_in_readable_groups() {
    let copy = sample_copy();
    let mut harness = preview_harness(copy.path());
    let dir = tempfile::tempdir().unwrap();
    let written = kairan::authoring::publish::write_key_pair(
        &dir.path().join("firm"),
        Protection::Unprotected,
        "test",
        kairan::authoring::publish::Overwrite::Refuse,
    )
    .unwrap();
    let fingerprint = written.public_key.fingerprint();
    authoring(
        &mut harness,
        AuthoringCommand::JobFinished(JobOutcome::KeyCreated(written.clone())),
    );
    harness.get_by_label(strings().key_created_title);
    let groups: Vec<&str> = fingerprint.split_whitespace().collect();
    harness.get_by_label(&groups[..5].join("  "));
    harness.get_by_label(&groups[5..].join("  "));
    let key_id = written.public_key.key_id.to_string();
    harness.get_by_label(&format!(
        "{}  {}  {}  {}",
        &key_id[..4],
        &key_id[4..8],
        &key_id[8..12],
        &key_id[12..]
    ));
}

#[test]
fn typing_into_a_dialog_field_keeps_every_character() {
    let copy = sample_copy();
    let mut harness = preview_harness(copy.path());
    authoring(&mut harness, AuthoringCommand::OpenNewKeyDialog);
    harness.get_by_label(strings().key_base_field).click();
    harness.run_steps(2);
    harness
        .get_by_label(strings().key_base_field)
        .type_text("/tmp/firm");
    harness.run_steps(2);
    harness
        .get_by_label(strings().key_base_field)
        .type_text("-2");
    harness.run_steps(2);
    let Some(AuthoringDialog::NewKey(form)) = dialog(&harness) else {
        panic!("{:?}", dialog(&harness));
    };
    assert_eq!(form.base, "/tmp/firm-2");
}
