//! The Library window and "Changes since 第N報", driven through the accessibility tree, on a
//! three-report series of the test's own: 第2報 discloses a mask and adds a section, 第3報
//! lifts an omission, changes a date in the text and the letter's date. The reports are kept
//! in the test's own library (its configuration folder) by `kairan verify`, which leaves them
//! unread, or by opening them in the viewer.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::trust::Status;
use kairan::ui::command::Command;
use kairan::ui::error_text::status_text;
use kairan::ui::i18n::{Language, fill};
use kairan::ui::library::changes_view::summary_text;
use kairan::ui::{FirstOpen, KairanApp};

use crate::support::app::{self, settle, strings};
use crate::support::env::{Env, FIRM};
use crate::support::series::{self, report, second};

/// 第3報, its letter also dated later.
fn third(text: &str) -> String {
    series::third(text).replacen("date: 2023年6月28日", "date: 2023年7月3日", 1)
}

/// The three reports, signed by a key the reader trusts as [`FIRM`].
fn series(env: &Env) -> [PathBuf; 3] {
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    [
        report(env, &firm, "r1", 1, str::to_owned),
        report(env, &firm, "r2", 2, second),
        report(env, &firm, "r3", 3, third),
    ]
}

/// Keeps `file` in the test's library as `kairan verify` does: verified, unread.
fn receive(env: &Env, file: &Path) {
    let run = env.kairan(&["verify", file.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

fn harness(env: &Env, first: FirstOpen) -> Harness<'static, KairanApp> {
    app::harness(
        [1400.0, 1100.0],
        app::options(first, Vec::new(), env.config()),
    )
}

fn click(harness: &mut Harness<'_, KairanApp>, label: &str) {
    harness.get_by_label(label).click();
    settle(harness);
}

fn open_library(harness: &mut Harness<'_, KairanApp>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    settle(harness);
}

fn shown_bundle_id(harness: &Harness<'_, KairanApp>) -> String {
    let shown = harness
        .state()
        .state
        .shown
        .as_ref()
        .expect("a notice is shown");
    shown.bundle.manifest.bundle_id.clone()
}

/// A report's row as the Library window writes it.
fn row(sequence: u32, unread: bool, status: Status) -> String {
    let strings = strings();
    let today = jiff::Zoned::now().date();
    fill(
        strings.library_report,
        &[
            (
                "unread",
                if unread {
                    strings.library_unread_mark
                } else {
                    ""
                },
            ),
            ("n", &sequence.to_string()),
            ("status", status_text(status, Language::Japanese)),
            (
                "date",
                &format!("{}年{}月{}日", today.year(), today.month(), today.day()),
            ),
        ],
    )
}

#[test]
fn ctrl_l_lists_each_report_of_the_series_under_its_issuer_with_unread_marks() {
    let env = Env::new();
    let reports = series(&env);
    for file in &reports {
        receive(&env, file);
    }
    let mut harness = harness(&env, FirstOpen::Nothing);
    open_library(&mut harness);
    let strings = strings();
    harness.get_by_label(strings.library_title);
    harness.get_by_label(FIRM);
    harness.get_by_label("シリーズ：mikasa-mk-system-incident-2023");
    harness.get_by_label(&fill(strings.library_unread_count, &[("n", "3")]));
    for sequence in 1..=3 {
        harness.get_by_role_and_label(Role::Button, &row(sequence, true, Status::Verified));
    }
    assert!(
        harness
            .query_by_label_contains("受け取っていません")
            .is_none()
    );

    // Clicking a report opens its stored file in the viewer, verified again, and marks it read.
    click(&mut harness, &row(1, true, Status::Verified));
    assert_eq!(shown_bundle_id(&harness), "r1");
    harness.get_by_label(&fill(strings.banner_verified_title, &[("name", FIRM)]));
    assert!(!harness.state().state.library.window.open);
    // The banner says where it came from in words, not by the stored copy's hashed name.
    harness.get_by_label(strings.banner_kept_copy);
    assert!(harness.query_by_label_contains(".kairan").is_none());
    // The library's own copy is not added to Recent files.
    assert!(
        harness
            .state()
            .state
            .recent
            .paths()
            .iter()
            .all(|path| !path.to_string_lossy().contains("bundles")),
        "{:?}",
        harness.state().state.recent.paths()
    );
    open_library(&mut harness);
    // Opened after 第3報, it is now an older notice: verified, with that caution.
    harness.get_by_role_and_label(Role::Button, &row(1, false, Status::VerifiedWithCaution));
    harness.get_by_role_and_label(Role::Button, &row(2, true, Status::Verified));
    harness.get_by_label(&fill(strings.library_unread_count, &[("n", "2")]));
}

#[test]
fn a_report_that_arrives_after_a_later_one_is_marked_as_a_possible_rollback() {
    let env = Env::new();
    let [first, second, third] = series(&env);
    receive(&env, &first);
    receive(&env, &third);
    // The library keeps arrival times to the second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // 第2報 after 第3報: the reader is warned when opening it, and the window keeps saying so.
    let run = env.kairan(&["verify", second.to_str().unwrap()]);
    assert!(run.stdout.contains("第3報"), "{}{}", run.stdout, run.stderr);
    let mut harness = harness(&env, FirstOpen::Nothing);
    open_library(&mut harness);
    harness.get_by_label(&fill(
        strings().library_rollback,
        &[("n", "2"), ("after", "3")],
    ));
}

#[test]
fn a_missing_report_is_named_in_the_series() {
    let env = Env::new();
    let [first, _, third] = series(&env);
    receive(&env, &first);
    receive(&env, &third);
    let mut harness = harness(&env, FirstOpen::Nothing);
    open_library(&mut harness);
    harness.get_by_label(&fill(strings().library_missing_one, &[("first", "2")]));
}

#[test]
fn a_search_hit_opens_the_notice_at_the_match() {
    let env = Env::new();
    for file in &series(&env) {
        receive(&env, file);
    }
    let mut harness = harness(&env, FirstOpen::Nothing);
    open_library(&mut harness);
    let strings = strings();
    // Full-width digits find the half-width text, as Find does.
    harness
        .get_by_role_and_label(Role::TextInput, strings.library_search_label)
        .click();
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::TextInput, strings.library_search_label)
        .type_text("７月上旬");
    settle(&mut harness);
    harness.get_by_label(&fill(strings.library_hits, &[("n", "1")]));
    let hit = format!("セキュリティ調査に関する報告書（{FIRM}・第3報）");
    click(&mut harness, &hit);

    assert_eq!(shown_bundle_id(&harness), "r3");
    let state = &harness.state().state;
    assert!(state.search.open);
    assert_eq!(state.search.text, "７月上旬");
    let current = state.search.current.expect("a current search hit");
    let found = &state.search.hits[current];
    let shown = state.shown.as_ref().unwrap();
    assert_eq!(
        shown.bundle.documents[found.document].entry.path,
        "documents/vendor-report-2023-06-28.json"
    );
    assert_eq!(shown.right, Some(found.document));
    harness.get_by_label(&fill(
        strings.search_position,
        &[("n", &(current + 1).to_string()), ("total", "1")],
    ));
}

#[test]
fn changes_since_the_earlier_report_show_the_summary_and_what_was_disclosed() {
    let env = Env::new();
    let [first, second, third] = series(&env);
    receive(&env, &first);
    let mut harness = harness(&env, FirstOpen::File(second.clone()));
    let strings = strings();

    // 第2報 against 第1報: the disclosed mask and the added section.
    click(&mut harness, &fill(strings.changes_since, &[("n", "1")]));
    harness.get_by_label_contains("古い方：第1報");
    harness.get_by_label_contains("新しい方：第2報（表示中）");
    harness.get_by_label(&format!("第1報の署名者：{FIRM}"));
    harness.get_by_label(strings.changes_same_signer);
    harness.get_by_label_contains("伏せ字の開示1件");
    harness.get_by_label_contains("追加された節1件");
    harness.get_by_label_contains("◆ 伏せ字の開示：■■■■ →「DB」");
    harness.get_by_label_contains("＋ 節の追加：8. 今後の見通し");

    // 第3報 against 第2報, which the viewer just kept.
    harness.state_mut().state.handle(Command::OpenPath(third));
    settle(&mut harness);
    assert!(harness.state().state.library.changes.is_none());
    click(&mut harness, &fill(strings.changes_since, &[("n", "2")]));
    harness.get_by_label_contains("古い方：第2報");
    let summary = summary_text(
        &harness
            .state()
            .state
            .library
            .changes
            .as_ref()
            .unwrap()
            .comparison,
        strings,
    );
    harness.get_by_label(&summary);
    assert!(summary.starts_with("変更"), "{summary}");
    for part in ["省略の解除1件", "日付・件名の変更1件", "本文の変更"] {
        assert!(summary.contains(part), "{part} in {summary}");
    }
    assert!(!summary.contains("伏せ字の開示"), "{summary}");
    harness.get_by_label_contains("◇ 省略の解除：—省略—（1. 発生事象）");
    harness.get_by_label_contains("＋ 段落の追加：6月5日に異常を検知しました。");
    harness.get_by_label_contains("～ 日付の変更：2023年6月28日→2023年7月3日");
    harness.get_by_label_contains("［－削除：6月末］［＋追加：7月上旬］");

    // Next change walks the list.
    click(&mut harness, strings.changes_next);
    let total = harness.state().state.library.change_count().to_string();
    harness.get_by_label(&fill(
        strings.changes_position,
        &[("n", "1"), ("total", &total)],
    ));
}
