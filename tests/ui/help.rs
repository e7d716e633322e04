//! The in-app help: F1 opens the guide to the verdicts, the marks and every shortcut of the
//! command table; About names the version and the licences; Esc closes it.

use egui_kittest::kittest::Queryable as _;
use kairan::ui::actions::Action;

use crate::support::app::{sample_harness, settle, strings};

#[test]
fn f1_opens_the_guide_with_every_verdict_and_every_shortcut_and_esc_closes_it() {
    let mut harness = sample_harness();
    harness.key_press(egui::Key::F1);
    settle(&mut harness);
    let strings = strings();
    for title in [
        strings.help_good_title,
        strings.help_info_title,
        strings.help_caution_title,
        strings.help_danger_title,
    ] {
        harness.get_by_label(title);
    }
    harness.get_by_label(strings.help_mark_mask);
    for action in Action::ALL {
        let shortcut = action.shortcut_text(&harness.ctx);
        assert!(
            !shortcut.contains("Plus") && !shortcut.contains("Minus"),
            "{shortcut}"
        );
        harness.get_by_label(&shortcut);
    }
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert!(harness.query_by_label(strings.help_good_title).is_none());
    assert_eq!(harness.state().state.help, None);
}

#[test]
fn about_names_the_version_the_font_licence_and_the_libraries() {
    let mut harness = sample_harness();
    harness.get_by_label(strings().menu_help).click();
    settle(&mut harness);
    harness.get_by_label(strings().help_about).click();
    settle(&mut harness);
    harness.get_by_label(&format!("Kairan {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label_contains("SIL Open Font License 1.1");
    harness.get_by_label("egui");
    harness.get_by_label("ed25519-dalek");
}

#[test]
fn in_a_480_pixel_window_the_guide_fits_the_window() {
    let mut harness = crate::support::app::sample_harness_sized([480.0, 800.0]);
    harness.key_press(egui::Key::F1);
    settle(&mut harness);
    let strings = strings();
    for label in [
        strings.help_key_select,
        strings.help_good_title,
        strings.help_guide,
        strings.detail_close,
    ] {
        let rects: Vec<egui::Rect> = harness
            .get_all_by_label(label)
            .map(|node| node.rect())
            .collect();
        assert!(!rects.is_empty(), "{label:?} not shown");
        for rect in rects {
            assert!(
                rect.left() >= 0.0 && rect.right() <= 480.0,
                "{label:?} at {rect:?}"
            );
        }
    }
}
