//! The viewer with the reader's own trust records, driven through its accessibility tree: the
//! unknown-signer flow from fingerprint to verified, revoked keys, impersonation, a corrupt trust
//! store, history warnings, key rollover, a new key of a trusted issuer, and the Trusted keys
//! window, with text typed into their fields. Each test has its own configuration folder,
//! given to the app explicitly (no environment variable is shared).

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::bundle::TrustedKey;
use kairan::time::readable::stated_time;
use kairan::trust::rollover::{ROLLOVER_PATH, ROLLOVER_SIGNATURE_PATH};
use kairan::trust::{HowAdded, RolloverStatement, SeriesHistory, Settings, TrustStore};
use kairan::ui::i18n::{Language, fill};
use kairan::ui::state::Contents;
use kairan::ui::trust::dialogs::{NewKeyDialog, TrustDialog};
use kairan::ui::trust::view::{fingerprint_rows, readable_timestamp};
use kairan::ui::{FirstOpen, KairanApp};

use crate::support::app::{self, settle, strings};
use crate::support::env::{Env, FIRM, Key};

const FIRM_TITLE: &str = "利用システム障害に伴う個人情報の状況に関して";

fn harness(env: &Env, file: &Path) -> Harness<'static, KairanApp> {
    let first = FirstOpen::File(file.to_owned());
    app::harness(
        [1400.0, 1100.0],
        app::options(first, Vec::new(), env.config()),
    )
}

fn click(harness: &mut Harness<'_, KairanApp>, label: &str) {
    harness.get_by_label(label).click();
    settle(harness);
}

fn store_path(env: &Env) -> PathBuf {
    env.config().join("trust-store.json")
}

fn store(env: &Env) -> TrustStore {
    TrustStore::load(&store_path(env)).unwrap()
}

fn trust_key(env: &Env, key: &Key, name: &str) {
    store(env)
        .add(name, key.public, HowAdded::Pasted, "")
        .unwrap();
}

fn verified_title(name: &str) -> String {
    fill(strings().banner_verified_title, &[("name", name)])
}

fn shown_contents(harness: &Harness<'_, KairanApp>) -> Contents {
    harness.state().state.shown.as_ref().unwrap().contents
}

#[test]
fn trusting_an_unknown_signer_from_the_banner_makes_its_bundle_verified_under_that_name() {
    let env = Env::new();
    let firm = env.key("firm");
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();

    // Open: valid signature, unknown signer, the fingerprint in groups, the claim as a claim.
    harness.get_by_label(strings.banner_unknown_title);
    harness.get_by_label(&format!("鍵の指紋：{}", firm.public.fingerprint()));
    harness.get_by_label("ファイル内の自己申告（未確認）：「みかさ社会保険労務士法人」");
    harness.get_by_label(strings.banner_unknown_advice);
    assert!(harness.query_by_label_contains("検証済み").is_none());

    // Trust this key as…: the fingerprint again, the name prefilled from the claim.
    click(&mut harness, strings.trust_this_key);
    harness.get_by_label(strings.trust_dialog_title);
    let (first_row, second_row) = fingerprint_rows(&firm.public);
    assert_eq!(
        format!("{first_row} {second_row}"),
        firm.public.fingerprint()
    );
    harness.get_by_label(&first_row);
    harness.get_by_label(&second_row);
    harness.get_by_label(strings.trust_dialog_advice);
    let name = harness.get_by_role_and_label(Role::TextInput, strings.trust_dialog_name);
    assert_eq!(name.value().as_deref(), Some(FIRM));

    // Nothing is trusted before the reader says the fingerprint was confirmed.
    click(&mut harness, strings.trust_dialog_confirm);
    assert!(harness.state().state.modal_of::<TrustDialog>().is_some());
    assert!(!store_path(&env).exists());
    click(&mut harness, strings.trust_dialog_confirmed);
    click(&mut harness, strings.trust_dialog_confirm);

    // Reopened: verified, with the reader's name, saying what was done.
    assert!(harness.state().state.modal_of::<TrustDialog>().is_none());
    harness.get_by_label("検証済み：みかさ社会保険労務士法人の署名");
    // The issue time is the signer's own statement, in the reader's zone and Japanese forms.
    let detail = harness
        .get_by_label_contains("発行日（署名者の記載）：")
        .value()
        .unwrap_or_default();
    assert!(detail.contains('年') && detail.contains('日'), "{detail}");
    assert!(!detail.contains("+09:00") && !detail.contains("UTC") && !detail.contains("署名日時"));
    harness.get_by_label(&format!(
        "鍵{}を「みかさ社会保険労務士法人」として信頼しました。このファイルを開き直しました。",
        firm.public.key_id
    ));
    assert!(
        harness
            .query_by_label(strings.banner_unknown_title)
            .is_none()
    );
    harness.get_by_role_and_label(Role::Label, FIRM_TITLE);
    let record = store(&env).record_for(&firm.public).unwrap().clone();
    assert_eq!(record.name, FIRM);
    assert_eq!(
        record.how_added,
        HowAdded::FromBundle {
            bundle_id: "b-1".into()
        }
    );

    // Opening it verified recorded it in the series history, as `kairan verify` does.
    let history = SeriesHistory::load(&env.config().join("series-history.json")).unwrap();
    let series = history
        .series(&firm.public, "mikasa-mk-system-incident-2023")
        .unwrap();
    assert_eq!(series.bundles[0].bundle_id, "b-1");
}

/// Whether any text painted in the last frame is set in (synthetic) italics.
fn paints_italics(harness: &Harness<'_, KairanApp>) -> bool {
    use egui::epaint::Shape;
    fn italic(shape: &Shape) -> bool {
        match shape {
            Shape::Text(text) => text
                .galley
                .job
                .sections
                .iter()
                .any(|section| section.format.italics),
            Shape::Vec(shapes) => shapes.iter().any(italic),
            _ => false,
        }
    }
    harness
        .output()
        .shapes
        .iter()
        .any(|clipped| italic(&clipped.shape))
}

#[test]
fn the_trust_dialogs_japanese_hint_is_not_set_in_italics() {
    let env = Env::new();
    let firm = env.key("firm");
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    click(&mut harness, strings.trust_this_key);
    harness.get_by_label(strings.trust_dialog_needs_check);
    assert!(!paints_italics(&harness));
}

#[test]
fn the_name_to_trust_a_key_under_can_be_changed_before_trusting() {
    let env = Env::new();
    let firm = env.key("firm");
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    click(&mut harness, strings.trust_this_key);
    harness
        .get_by_role_and_label(Role::TextInput, strings.trust_dialog_name)
        .click();
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, strings.trust_dialog_name)
        .type_text("みかさ事務所（電話で確認）");
    settle(&mut harness);
    click(&mut harness, strings.trust_dialog_confirmed);
    click(&mut harness, strings.trust_dialog_confirm);
    harness.get_by_label(&verified_title("みかさ事務所（電話で確認）"));
    assert_eq!(
        store(&env).record_for(&firm.public).unwrap().name,
        "みかさ事務所（電話で確認）"
    );
}

#[test]
fn a_revoked_key_shows_the_revoked_banner_and_never_verified() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    let mut trust = store(&env);
    trust.revoke(&firm.public).unwrap();
    let revoked_at = match trust.record_for(&firm.public).unwrap().status {
        kairan::trust::KeyStatus::Revoked { at } => at,
        kairan::trust::KeyStatus::Trusted => panic!("not revoked"),
    };
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let harness = harness(&env, &bundle);
    let strings = strings();
    harness.get_by_label("失効させた鍵の署名です：みかさ社会保険労務士法人");
    harness.get_by_label(&format!(
        "鍵ID {}は、あなたが{}に失効させた鍵です。失効した鍵の署名は何も証明しません。このファイルを信用しないでください。",
        firm.public.key_id,
        readable_timestamp(revoked_at, strings)
    ));
    assert!(harness.query_by_label_contains("検証済み").is_none());
    assert!(
        harness
            .query_by_label(strings.banner_unknown_title)
            .is_none()
    );
    assert!(harness.query_by_label(strings.trust_this_key).is_none());
    // Like a bundle that failed verification, its text waits behind "Show anyway".
    assert_eq!(shown_contents(&harness), Contents::Withheld);
    harness.get_by_label(strings.show_anyway);
    assert!(
        harness
            .query_by_role_and_label(Role::Label, FIRM_TITLE)
            .is_none()
    );
}

#[test]
fn revoking_in_the_trusted_keys_window_turns_the_bundle_on_screen_revoked() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    harness.get_by_label(&verified_title(FIRM));

    click(&mut harness, strings.menu_settings);
    click(&mut harness, strings.trusted_keys_menu);
    harness.get_by_label(strings.keys_window_title);
    harness.get_by_label(&format!("指紋：{}", firm.public.fingerprint()));
    harness.get_by_label(strings.key_status_trusted);
    harness.get_by_label_contains(&format!("・{}", strings.how_pasted));

    click(&mut harness, strings.revoke);
    harness.get_by_label(strings.confirm_revoke_title);
    // Cancelling changes nothing.
    click(&mut harness, strings.cancel);
    assert!(store(&env).record_for(&firm.public).unwrap().is_trusted());
    click(&mut harness, strings.revoke);
    click(&mut harness, strings.revoke_button);

    assert!(!store(&env).record_for(&firm.public).unwrap().is_trusted());
    harness.get_by_label(&format!(
        "鍵{}（「{FIRM}」）を失効させました。この鍵の署名は今後「失効」と表示されます。",
        firm.public.key_id
    ));
    harness.get_by_label(&format!("失効させた鍵の署名です：{FIRM}"));
    assert!(harness.query_by_label(&verified_title(FIRM)).is_none());
}

#[test]
fn a_second_key_claiming_a_trusted_name_is_flagged_as_a_possible_impersonation() {
    let env = Env::new();
    let firm = env.key("firm");
    let forger = env.key("forger");
    trust_key(&env, &firm, FIRM);
    // The forger's bundle claims the firm's name, as the sample does.
    let bundle = env.bundle(&forger, "b-1", |_| {});
    let harness = harness(&env, &bundle);
    let strings = strings();
    harness.get_by_label(strings.banner_alarm_title);
    harness.get_by_label(&format!(
        "なりすましの可能性 — このファイルは「{FIRM}」からと名乗っていますが、それはあなたが別の鍵（鍵ID {}）に付けた名前です。その差出人が確認するまで、この鍵を信頼しないでください。",
        firm.public.key_id
    ));
    assert!(harness.query_by_label_contains("検証済み").is_none());
    // The letter stays behind "Show anyway", and the key cannot be trusted from the banner.
    assert_eq!(shown_contents(&harness), Contents::Withheld);
    assert!(harness.query_by_label(FIRM_TITLE).is_none());
    // It says why: not a failed verification, an alarm.
    harness.get_by_label(strings.content_withheld_alarm);
    assert!(harness.query_by_label(strings.trust_this_key).is_none());
    assert!(store(&env).record_for(&forger.public).is_none());
}

#[test]
fn a_corrupt_trust_store_is_reported_and_left_byte_for_byte_unchanged() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    let mut corrupt = std::fs::read(store_path(&env)).unwrap();
    corrupt.truncate(corrupt.len() / 2);
    std::fs::write(store_path(&env), &corrupt).unwrap();
    let bundle = env.bundle(&firm, "b-1", |_| {});

    let mut harness = harness(&env, &bundle);
    let strings = strings();
    // The app runs and says which file is wrong and what to do.
    harness.get_by_label(&format!(
        "信頼する鍵の一覧を読み込めません：{}",
        store_path(&env).display()
    ));
    harness.get_by_label(strings.problem_store_effect);
    harness.get_by_label(strings.problem_store_advice);
    harness.get_by_label_contains("は Kairan の信頼する鍵の一覧として正しい形式ではありません");
    // The bundle opens, but without the store its signer is not recognised.
    harness.get_by_label(strings.banner_unknown_title);
    harness.get_by_role_and_label(Role::Label, FIRM_TITLE);

    // Trying to trust the key says why it cannot be done, and writes nothing.
    click(&mut harness, strings.trust_this_key);
    click(&mut harness, strings.trust_dialog_confirmed);
    click(&mut harness, strings.trust_dialog_confirm);
    harness.get_by_label(strings.trust_dialog_failed);
    assert!(harness.state().state.modal_of::<TrustDialog>().is_some());
    click(&mut harness, strings.cancel);

    // Reloading reads it again and still leaves it alone.
    click(&mut harness, strings.reload);
    harness.get_by_label(strings.problem_store_effect);
    assert_eq!(std::fs::read(store_path(&env)).unwrap(), corrupt);

    // Once the reader moves it away, Reload picks up an empty store.
    std::fs::rename(store_path(&env), env.path("trust-store.json.bad")).unwrap();
    click(&mut harness, strings.reload);
    assert!(
        harness
            .query_by_label(strings.problem_store_effect)
            .is_none()
    );
    assert_eq!(
        std::fs::read(env.path("trust-store.json.bad")).unwrap(),
        corrupt
    );
}

#[test]
fn an_older_notice_opened_after_a_newer_one_is_flagged_with_when_the_newer_was_opened() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    let older = env.bundle(&firm, "b-1", |_| {});
    let newer = env.bundle(&firm, "b-2", |meta| meta["series"]["sequence"] = 2.into());
    let mut harness = harness(&env, &newer);
    harness.get_by_label(&verified_title(FIRM));
    harness
        .state_mut()
        .state
        .handle(kairan::ui::command::Command::OpenPath(older));
    settle(&mut harness);
    let history = SeriesHistory::load(&env.config().join("series-history.json")).unwrap();
    let opened_at = history
        .series(&firm.public, "mikasa-mk-system-incident-2023")
        .unwrap()
        .newest()
        .unwrap()
        .first_opened_at;
    harness.get_by_label(&verified_title(FIRM));
    harness.get_by_label(&format!(
        "古いお知らせ — このシリーズの新しいお知らせ（第2報）を{}に開いています（ファイルID：b-2）。このお知らせは最新ではない可能性があります。",
        readable_timestamp(opened_at, strings())
    ));
}

#[test]
fn an_expired_notice_and_one_for_another_organisation_say_so() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    Settings::load(&env.config().join("settings.json"))
        .unwrap()
        .set_organisation(Some("株式会社サンプル"))
        .unwrap();
    let bundle = env.bundle(&firm, "b-1", |meta| {
        meta["expires_at"] = "2023-07-31T00:00:00+09:00".into();
        meta["recipient"] = "株式会社ほかの会社".into();
    });
    let harness = harness(&env, &bundle);
    harness.get_by_label(&verified_title(FIRM));
    harness.get_by_label(&format!(
        "期限切れ — このお知らせの有効期限は{}でした。現在の情報ではない可能性があります。",
        stated_time("2023-07-31T00:00:00+09:00", Language::Japanese)
    ));
    harness.get_by_label(
        "宛先違い — このお知らせの宛先は「株式会社ほかの会社」で、あなたの組織「株式会社サンプル」ではありません。",
    );
}

#[test]
fn the_organisation_set_in_the_trusted_keys_window_flags_misaddressed_notices() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    let bundle = env.bundle(&firm, "b-1", |meta| {
        meta["recipient"] = "株式会社ほかの会社".into();
    });
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    assert!(harness.query_by_label_contains("宛先違い").is_none());
    click(&mut harness, strings.menu_settings);
    click(&mut harness, strings.trusted_keys_menu);
    harness
        .get_by_role_and_label(Role::TextInput, strings.organisation_label)
        .click();
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, strings.organisation_label)
        .type_text("株式会社サンプル");
    settle(&mut harness);
    click(&mut harness, strings.save);
    assert_eq!(
        Settings::load(&env.config().join("settings.json"))
            .unwrap()
            .organisation(),
        Some("株式会社サンプル")
    );
    harness.get_by_label(&fill(
        strings.note_organisation_set,
        &[("name", "株式会社サンプル")],
    ));
    harness.get_by_label_contains("宛先違い — このお知らせの宛先は「株式会社ほかの会社」");
}

#[test]
fn a_key_pasted_into_the_trusted_keys_window_verifies_its_bundles() {
    let env = Env::new();
    let firm = env.key("firm");
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    click(&mut harness, strings.menu_settings);
    click(&mut harness, strings.trusted_keys_menu);
    harness.get_by_label(strings.keys_none);
    click(&mut harness, strings.import_paste);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, strings.import_text_label)
        .click();
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, strings.import_text_label)
        .type_text(&firm.public.to_base64());
    settle(&mut harness);
    // The key is read back with its fingerprint before anything is added.
    harness.get_by_label_contains(&format!(
        "読み取った鍵：鍵ID {}、指紋{}",
        firm.public.key_id,
        firm.public.fingerprint()
    ));
    harness
        .get_by_role_and_label(Role::TextInput, strings.import_name_label)
        .click();
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, strings.import_name_label)
        .type_text(FIRM);
    settle(&mut harness);
    click(&mut harness, strings.import_button);
    assert_eq!(
        store(&env).record_for(&firm.public).unwrap().how_added,
        HowAdded::Pasted
    );
    harness.get_by_label(&verified_title(FIRM));
}

/// Focuses the text field labelled `label`, selects what it holds and types `text` over it.
fn type_into(harness: &mut Harness<'_, KairanApp>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).focus();
    settle(harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(role, label).type_text(text);
    settle(harness);
}

#[test]
fn a_key_file_imported_by_typed_path_can_be_exported_again() {
    let env = Env::new();
    let firm = env.key("firm");
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    use kairan::ui::command::Command;
    use kairan::ui::trust::state::TrustCommand;
    let run = |harness: &mut Harness<'_, KairanApp>, command: TrustCommand| {
        harness.state_mut().state.handle(Command::Trust(command));
        settle(harness);
    };
    click(&mut harness, strings.menu_settings);
    click(&mut harness, strings.trusted_keys_menu);
    // The native dialog gave nothing (no portal): the path is typed instead.
    run(&mut harness, TrustCommand::KeyFileDialogGaveNothing);
    harness.get_by_label(strings.path_no_dialog);
    let typed = firm.public_file.display().to_string();
    type_into(
        &mut harness,
        Role::TextInput,
        strings.import_path_label,
        &typed,
    );
    // The file is read as soon as its path is typed, to show which key it holds.
    harness.get_by_label_contains(&format!(
        "読み取った鍵：鍵ID {}、指紋{}",
        firm.public.key_id,
        firm.public.fingerprint()
    ));
    type_into(
        &mut harness,
        Role::TextInput,
        strings.import_name_label,
        FIRM,
    );
    click(&mut harness, strings.import_button);
    let record = store(&env).record_for(&firm.public).unwrap().clone();
    assert_eq!(record.how_added, HowAdded::KeyFile { file: typed });
    harness.get_by_label(&verified_title(FIRM));

    let exported = env.path("exported.pub");
    run(
        &mut harness,
        TrustCommand::ExportDialogGaveNothing(firm.public),
    );
    harness.get_by_label(strings.export_path_prompt);
    // The export path field comes before the add-a-key form's field of the same label.
    harness
        .get_all_by_role_and_label(Role::TextInput, strings.import_path_label)
        .next()
        .unwrap()
        .focus();
    settle(&mut harness);
    harness
        .get_all_by_role_and_label(Role::TextInput, strings.import_path_label)
        .next()
        .unwrap()
        .type_text(&exported.display().to_string());
    settle(&mut harness);
    // Nothing is written while the path is typed; only the Export button reads it.
    assert!(!exported.exists());
    assert!(
        harness
            .state()
            .state
            .trust
            .window
            .as_ref()
            .unwrap()
            .import
            .path
            .is_empty(),
        "typed into the add-a-key form"
    );
    click(&mut harness, strings.export_button);
    let text = std::fs::read_to_string(&exported).unwrap();
    assert_eq!(
        kairan::bundle::PublicKey::from_file_text(&text).unwrap(),
        firm.public
    );
    // Exporting again never overwrites.
    run(
        &mut harness,
        TrustCommand::ExportTo {
            key: firm.public,
            path: exported.clone(),
        },
    );
    harness.get_by_label(strings.failed_export);
    harness.get_by_label_contains("はすでにあります。別のファイル名を指定してください。");
}

#[test]
fn a_name_and_note_typed_into_the_trust_dialog_are_what_the_key_is_trusted_under() {
    let env = Env::new();
    let firm = env.key("firm");
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    click(&mut harness, strings.trust_this_key);
    let name = "みかさ労務（山田様に電話で確認済み）";
    let note = "6月30日に代表番号で確認";
    type_into(
        &mut harness,
        Role::TextInput,
        strings.trust_dialog_name,
        name,
    );
    type_into(
        &mut harness,
        Role::TextInput,
        strings.trust_dialog_note,
        note,
    );
    // The field holds what was typed, and nothing is written before the reader confirms.
    let field = harness.get_by_role_and_label(Role::TextInput, strings.trust_dialog_name);
    assert_eq!(field.value().as_deref(), Some(name));
    assert!(!store_path(&env).exists());
    click(&mut harness, strings.trust_dialog_confirmed);
    click(&mut harness, strings.trust_dialog_confirm);
    assert!(harness.state().state.modal_of::<TrustDialog>().is_none());
    let record = store(&env).record_for(&firm.public).unwrap().clone();
    assert_eq!((record.name.as_str(), record.note.as_str()), (name, note));
    assert!(record.is_trusted());
    harness.get_by_label(&verified_title(name));
}

#[test]
fn a_trusted_key_renamed_in_the_trusted_keys_window_verifies_under_the_new_name() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    click(&mut harness, strings.menu_settings);
    click(&mut harness, strings.trusted_keys_menu);
    click(&mut harness, strings.rename);
    let new_name = "みかさ社労士（顧問）";
    type_into(
        &mut harness,
        Role::TextInput,
        strings.new_name_label,
        new_name,
    );
    assert_eq!(store(&env).record_for(&firm.public).unwrap().name, FIRM);
    // The rename row's Save comes before the organisation's.
    harness
        .get_all_by_label(strings.save)
        .next()
        .unwrap()
        .click();
    settle(&mut harness);
    assert_eq!(store(&env).record_for(&firm.public).unwrap().name, new_name);
    harness.get_by_label(&verified_title(new_name));
    assert!(harness.query_by_label(strings.new_name_label).is_none());
}

#[test]
fn accepting_a_key_rollover_trusts_the_new_key_under_the_old_name_and_says_so() {
    let env = Env::new();
    let old = env.key("old");
    let new = env.key("new");
    trust_key(&env, &old, FIRM);
    let folder = env.notice_folder("b-2", |meta| {
        meta["series"]["sequence"] = 2.into();
        let entries = meta["entries"].as_array_mut().unwrap();
        entries.push(
            serde_json::json!({"file": ROLLOVER_PATH, "role": "key_rollover",
            "media_type": "application/vnd.kairan.key-rollover+json"}),
        );
        entries.push(
            serde_json::json!({"file": ROLLOVER_SIGNATURE_PATH, "role": "key_rollover",
            "media_type": "application/vnd.kairan.minisign-signature"}),
        );
    });
    let statement = RolloverStatement::new(
        old.public,
        new.public,
        "2024-04-01T00:00:00+09:00",
        Some(FIRM),
    )
    .unwrap();
    let signed = statement.sign(&old.secret).unwrap();
    std::fs::write(folder.join(ROLLOVER_PATH), &signed.statement).unwrap();
    std::fs::write(folder.join(ROLLOVER_SIGNATURE_PATH), &signed.signature).unwrap();
    let bundle = env.pack(&folder, &new, "b-2");

    let mut harness = harness(&env, &bundle);
    let strings = strings();
    harness.get_by_label(strings.banner_unknown_title);
    harness.get_by_label(&format!(
        "鍵の切り替え — あなたが「{FIRM}」として信頼している鍵{}が、署名付きの声明でこの鍵への切り替えを告知しています（{}から有効）。",
        old.public.key_id,
        stated_time("2024-04-01T00:00:00+09:00", Language::Japanese)
    ));
    // A key introduced by a key of the same name is no impersonation.
    assert!(harness.query_by_label_contains("なりすまし").is_none());
    click(&mut harness, &format!("この鍵も「{FIRM}」として信頼する"));

    harness.get_by_label(&verified_title(FIRM));
    harness.get_by_label(&format!(
        "鍵{}を「{FIRM}」として信頼しました。同じ名前で信頼している鍵{}が、署名付きの切り替え声明（{}から有効）で告知した鍵です。古い鍵も引き続き信頼されています。使われなくなったら失効させてください。",
        new.public.key_id,
        old.public.key_id,
        stated_time("2024-04-01T00:00:00+09:00", Language::Japanese)
    ));
    let store = store(&env);
    assert_eq!(
        store.record_for(&new.public).unwrap().how_added,
        HowAdded::Rollover {
            old_key_id: old.public.key_id.to_string(),
            bundle_id: "b-2".into()
        }
    );
    assert!(store.record_for(&old.public).unwrap().is_trusted());
    let names: Vec<TrustedKey> = store.trusted_keys();
    assert!(names.iter().all(|key| key.name == FIRM));
}

#[test]
fn two_different_notices_under_one_number_raise_an_alarm_in_the_banner() {
    let env = Env::new();
    let firm = env.key("firm");
    trust_key(&env, &firm, FIRM);
    let first = env.bundle(&firm, "b-1", |_| {});
    let altered = env.bundle(&firm, "b-1-altered", |meta| {
        meta["issuer_name"] = format!("{FIRM} ").into();
    });
    let mut harness = harness(&env, &first);
    assert!(harness.query_by_label_contains("矛盾する版").is_none());
    harness
        .state_mut()
        .state
        .handle(kairan::ui::command::Command::OpenPath(altered));
    settle(&mut harness);
    let history = SeriesHistory::load(&env.config().join("series-history.json")).unwrap();
    let opened_at = history
        .series(&firm.public, "mikasa-mk-system-incident-2023")
        .unwrap()
        .bundles[0]
        .first_opened_at;
    harness.get_by_label(&format!(
        "矛盾する版 — 同じ番号（第1報）で内容の異なるお知らせを{}に開いています（ファイルID：b-1）。どちらが本物か差出人が確認するまで、どちらも信用しないでください。",
        readable_timestamp(opened_at, strings())
    ));
    // Signed by the trusted key, which the banner says, under an alarm headline.
    harness.get_by_label(strings().banner_alarm_title);
    harness.get_by_label(&fill(
        strings().banner_alarm_signed_by,
        &[("name", FIRM), ("key_id", &firm.public.key_id.to_string())],
    ));
    assert!(harness.query_by_label(&verified_title(FIRM)).is_none());
}

#[test]
fn a_note_typed_into_the_new_key_dialog_is_kept_with_the_new_key() {
    let env = Env::new();
    let old = env.key("old");
    let new = env.key("new");
    trust_key(&env, &old, FIRM);
    // Signed by a key the reader does not know, claiming the trusted key's name.
    let bundle = env.bundle(&new, "b-2", |_| {});
    let mut harness = harness(&env, &bundle);
    let strings = strings();
    click(
        &mut harness,
        &fill(strings.replace_key_button, &[("name", FIRM)]),
    );
    click(&mut harness, strings.replace_key_confirmed);
    click(&mut harness, strings.replace_key_retire);
    let note = "鍵の紛失を7月1日に電話で確認";
    type_into(
        &mut harness,
        Role::TextInput,
        strings.trust_dialog_note,
        note,
    );
    assert!(store(&env).record_for(&new.public).is_none());
    click(&mut harness, strings.replace_key_confirm);
    assert!(harness.state().state.modal_of::<NewKeyDialog>().is_none());
    let store = store(&env);
    let record = store.record_for(&new.public).unwrap();
    assert_eq!((record.name.as_str(), record.note.as_str()), (FIRM, note));
    assert!(store.record_for(&old.public).is_none());
    harness.get_by_label(&verified_title(FIRM));
}

#[test]
fn a_long_name_wraps_in_the_trusted_keys_window_which_fits_a_480_pixel_window_and_esc_closes() {
    let env = Env::new();
    let firm = env.key("firm");
    let name = "W".repeat(200);
    trust_key(&env, &firm, &name);
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let mut harness = app::harness(
        [480.0, 800.0],
        app::options(FirstOpen::File(bundle), Vec::new(), env.config()),
    );
    let strings = strings();
    harness
        .state_mut()
        .state
        .handle(kairan::ui::command::Command::Trust(
            kairan::ui::trust::state::TrustCommand::OpenKeysWindow,
        ));
    settle(&mut harness);
    let outside: Vec<egui::Rect> = harness
        .query_all_by(|node| {
            // (The window's resize corners may reach a pixel or two past its edge.)
            node.raw_bounds().is_some_and(|bounds| {
                bounds.x1 - bounds.x0 > 24.0 && (bounds.x0 < 0.0 || bounds.x1 > 480.0)
            })
        })
        .map(|node| node.rect())
        .collect();
    assert!(outside.is_empty(), "outside the window: {outside:?}");
    for label in [name.as_str(), strings.revoke] {
        let rect = harness.get_by_label(label).rect();
        assert!(
            rect.left() >= 0.0 && rect.right() <= 480.0,
            "{label:?} at {rect:?}"
        );
    }
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert!(harness.state().state.trust.window.is_none());
}
