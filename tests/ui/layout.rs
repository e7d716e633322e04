//! Small windows and big text: a narrow window hides the side list until the reader shows it
//! (F4 or the toolbar, remembered per width class), the View menu says the zoom, and at 480
//! pixels or at 200 % zoom no control or text spills out of the window.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use kairan::ui::KairanApp;

use crate::support::app::{sample_harness_sized, settle, strings};

const FIRM_TITLE: &str = "利用システム障害に伴う個人情報の状況に関して";
const REPORT_TITLE: &str = "セキュリティ調査に関する報告書";

fn side_list_shown(harness: &Harness<'_, KairanApp>) -> bool {
    harness.query_by_label(strings().documents).is_some()
}

/// Asserts that every node with text lies inside the window, which is `width` points wide.
fn assert_nothing_spills_out(harness: &Harness<'_, KairanApp>, width: f32, when: &str) {
    let mut checked = 0;
    for node in harness.query_all_by(|node| node.label().is_some() || node.value().is_some()) {
        let node_text = {
            let access = node.accesskit_node();
            access
                .label()
                .or_else(|| access.value())
                .unwrap_or_default()
        };
        // egui's own resize handles are not text.
        if node_text == "Resize panel" {
            continue;
        }
        let rect = node.rect();
        assert!(
            rect.left() >= -0.5 && rect.right() <= width + 0.5,
            "{when}: {node_text:?} spans {:.0}..{:.0}, outside the window's 0..{width:.0}",
            rect.left(),
            rect.right()
        );
        checked += 1;
    }
    assert!(checked > 10, "{when}: only {checked} nodes checked");
}

#[test]
fn a_narrow_window_hides_the_side_list_until_f4_shows_it_and_remembers_that() {
    let mut harness = sample_harness_sized([480.0, 760.0]);
    assert!(!side_list_shown(&harness), "480 px starts without the list");
    harness.key_press(egui::Key::F4);
    settle(&mut harness);
    assert!(side_list_shown(&harness), "F4 shows it");
    let side_list = harness.state().state.settings.side_list;
    assert!(side_list.in_narrow_windows && side_list.in_wide_windows);

    // The toolbar button hides it again, in narrow windows only.
    harness.get_by_label(strings().side_list_button).click();
    settle(&mut harness);
    assert!(!side_list_shown(&harness));
    let side_list = harness.state().state.settings.side_list;
    assert!(!side_list.in_narrow_windows && side_list.in_wide_windows);
}

#[test]
fn a_wide_window_shows_the_side_list_until_f4_hides_it() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    assert!(side_list_shown(&harness));
    harness.key_press(egui::Key::F4);
    settle(&mut harness);
    assert!(!side_list_shown(&harness));
    assert!(!harness.state().state.settings.side_list.in_wide_windows);
}

#[test]
fn at_480_pixels_nothing_spills_out_and_the_firm_letter_keeps_its_title() {
    let mut harness = sample_harness_sized([480.0, 760.0]);
    settle(&mut harness);
    assert_nothing_spills_out(&harness, 480.0, "480 px");
    harness.get_by_label(FIRM_TITLE);
    // With the list shown as well.
    harness.key_press(egui::Key::F4);
    settle(&mut harness);
    assert_nothing_spills_out(&harness, 480.0, "480 px with the list");
}

#[test]
fn at_200_percent_zoom_nothing_spills_out() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    harness.ctx.set_zoom_factor(2.0);
    settle(&mut harness);
    assert_nothing_spills_out(&harness, 640.0, "200 %");
    harness.get_by_label(FIRM_TITLE);
}

#[test]
fn the_view_menu_says_the_zoom() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    harness.ctx.set_zoom_factor(1.5);
    settle(&mut harness);
    harness.get_by_label(strings().menu_view).click();
    settle(&mut harness);
    harness.get_by_label("表示倍率：150%");
}

#[test]
fn a_small_window_shows_one_letter_at_a_time_and_a_jump_brings_its_letter_forward() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    harness.ctx.set_zoom_factor(2.0);
    settle(&mut harness);
    harness.get_by_label(FIRM_TITLE);
    assert!(
        harness
            .query_by_label("セキュリティ調査に関する報告書")
            .is_none()
    );

    // F8 goes to the report's first omission: the report comes forward.
    harness.key_press(egui::Key::F8);
    settle(&mut harness);
    assert!(harness.query_by_label(FIRM_TITLE).is_none());
    harness.get_by_label_contains("省略：—省略—、");

    harness.get_by_label(strings().firm_pane).click();
    settle(&mut harness);
    // The firm letter is back, from its top (the detail panel leaves room for its first lines).
    harness.get_by_label("お客様 各位");
    assert!(harness.query_by_label_contains("省略：—省略—、").is_none());
}

#[test]
fn resizing_through_many_widths_keeps_one_layout_per_shown_letter() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    settle(&mut harness);
    for width in (900..=1400).step_by(50) {
        harness.set_size(egui::Vec2::new(width as f32, 800.0));
        settle(&mut harness);
        assert!(
            harness.state().kept_layouts() <= 2,
            "at {width} points wide {} layouts are kept for two letters",
            harness.state().kept_layouts()
        );
    }
    harness.get_by_label(FIRM_TITLE);
}

#[test]
fn the_detail_panel_leaves_the_selected_item_in_sight_in_a_small_window() {
    let mut harness = sample_harness_sized([480.0, 500.0]);
    settle(&mut harness);
    harness.key_press(egui::Key::F8);
    settle(&mut harness);
    let panel_top = harness.get_by_label(strings().detail_close).rect().top();
    assert!(
        panel_top > 500.0 * 0.6,
        "the panel starts at {panel_top:.0} of 500 points"
    );
    let item = harness
        .get_all_by_label_contains("省略：—省略—、")
        .next()
        .expect("the selected omission is on screen")
        .rect();
    assert!(
        item.top() < panel_top,
        "the omission ({:.0}..) is hidden under the panel ({panel_top:.0})",
        item.top()
    );
}

#[test]
fn at_200_percent_in_800_by_600_the_banner_folds_its_explanation_and_the_letter_has_room() {
    let mut harness = sample_harness_sized([800.0, 600.0]);
    harness.ctx.set_zoom_factor(2.0);
    settle(&mut harness);
    let explanation = strings().banner_sample_detail;
    // The mark and headline stay; the explanation is one click away.
    assert!(harness.query_by_label(explanation).is_none());
    harness
        .get_by_label_contains(strings().banner_details)
        .click();
    settle(&mut harness);
    harness.get_by_label(explanation);
    harness
        .get_by_label_contains(strings().banner_details)
        .click();
    settle(&mut harness);
    // The letter starts within the window (400 × 300 points): its date shows whole below the
    // banner, and its addressee starts.
    let date = harness.get_by_label("2023年6月29日").rect();
    assert!(date.bottom() < 300.0, "the date ends at {date:?}");
    let addressee = harness.get_by_label("お客様 各位").rect();
    assert!(
        addressee.top() < 300.0,
        "the addressee starts at {addressee:?}"
    );
    // A taller window shows the whole banner again.
    let mut tall = sample_harness_sized([800.0, 600.0]);
    settle(&mut tall);
    tall.get_by_label(explanation);
}

#[test]
fn layouts_past_the_byte_budget_are_dropped_oldest_first_but_never_one_on_screen() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    settle(&mut harness);
    let both = harness.state().kept_layout_bytes();
    assert!(both > 10_000, "the two letters on screen take {both} bytes");
    // Unbounded, every letter shown in the vendor pane stays laid out.
    harness
        .state_mut()
        .state
        .handle(kairan::ui::command::Command::ShowDocument(2));
    settle(&mut harness);
    assert_eq!(harness.state().kept_layouts(), 3);
    // With a budget smaller than one letter, only the letters on screen are kept.
    harness.state_mut().set_layout_budget(1);
    for document in [1, 2, 1] {
        harness
            .state_mut()
            .state
            .handle(kairan::ui::command::Command::ShowDocument(document));
        settle(&mut harness);
        assert_eq!(
            harness.state().kept_layouts(),
            2,
            "showing document {document}"
        );
    }
    harness.get_by_label(FIRM_TITLE);
}

#[test]
fn in_a_narrow_window_with_the_list_shown_the_pane_headings_and_copy_buttons_do_not_overlap() {
    // Narrow enough that the letters' column beside the list is narrower than heading and
    // button, wide enough that the list does not stand alone.
    let mut harness = sample_harness_sized([560.0, 760.0]);
    harness.key_press(egui::Key::F4);
    settle(&mut harness);
    let strings = strings();
    let buttons: Vec<egui::Rect> = harness
        .get_all_by_label(strings.copy_text)
        .map(|node| node.rect())
        .collect();
    assert!(!buttons.is_empty());
    for heading in [strings.firm_pane, strings.vendor_pane] {
        for label in harness.get_all_by_label(heading) {
            for button in &buttons {
                assert!(
                    !label.rect().intersects(button.shrink(1.0)),
                    "{heading:?} at {:?} under the copy button at {button:?}",
                    label.rect()
                );
            }
        }
    }
}

#[test]
fn in_a_very_narrow_window_the_list_stands_alone_and_choosing_a_document_shows_it() {
    // 480 px at 200 %: 240 points, where list and letter side by side would leave neither
    // readable.
    let mut harness = sample_harness_sized([480.0, 800.0]);
    harness.ctx.set_zoom_factor(2.0);
    settle(&mut harness);
    harness.key_press(egui::Key::F4);
    settle(&mut harness);
    assert!(side_list_shown(&harness));
    assert!(
        harness.query_by_label("2023年6月29日").is_none(),
        "the letter gives way to the list"
    );
    harness
        .query_all_by_label_contains(REPORT_TITLE)
        .next()
        .expect("the report in the list")
        .click();
    settle(&mut harness);
    assert!(!side_list_shown(&harness), "choosing hides the list");
    // The report's first part, its source box, is on screen.
    assert!(
        harness
            .query_all_by_label_contains("エムケイシステムの文書の写し")
            .next()
            .is_some()
    );
}

#[test]
fn at_480_pixels_and_200_percent_the_menu_bar_does_not_overlap_itself() {
    let mut harness = sample_harness_sized([480.0, 760.0]);
    harness.ctx.set_zoom_factor(2.0);
    settle(&mut harness);
    let menus: Vec<egui::Rect> = [
        strings().menu_file,
        strings().menu_view,
        strings().menu_settings,
        strings().menu_help,
        "English",
    ]
    .into_iter()
    .filter_map(|label| harness.query_by_label(label).map(|node| node.rect()))
    .collect();
    assert!(menus.len() >= 4, "{menus:?}");
    for (i, a) in menus.iter().enumerate() {
        for b in &menus[i + 1..] {
            assert!(!a.shrink(1.0).intersects(b.shrink(1.0)), "{a:?} over {b:?}");
        }
        assert!(a.right() <= 240.5, "{a:?} past the window's right edge");
    }
}

#[test]
fn zooming_keeps_the_text_that_was_at_the_top_of_the_pane_in_view() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    // F8 to the report's masks, far down the report.
    for _ in 0..6 {
        harness.key_press(egui::Key::F8);
        settle(&mut harness);
    }
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    let masks_paragraph = "サーバ及び個人情報を保持する";
    let on_screen = |harness: &egui_kittest::Harness<'_, kairan::ui::KairanApp>| {
        let height = harness.ctx.content_rect().height();
        harness
            .get_all_by_label_contains(masks_paragraph)
            .any(|node| node.rect().top() < height && node.rect().bottom() > 0.0)
    };
    assert!(on_screen(&harness), "the masks are in view before zooming");
    for zoom in [1.25, 1.5, 1.0] {
        harness.ctx.set_zoom_factor(zoom);
        settle(&mut harness);
        assert!(on_screen(&harness), "the masks left the view at {zoom}×");
    }
}

#[test]
fn the_detail_panel_shows_a_masks_reason_and_who_without_scrolling() {
    let mut harness = sample_harness_sized([1280.0, 800.0]);
    for _ in 0..6 {
        harness.key_press(egui::Key::F8);
        settle(&mut harness);
    }
    let height = harness.ctx.content_rect().height();
    // The panel's lines are the ones starting at the window's left edge (the side list's
    // entries are indented).
    for prefix in ["理由：", "伏せた人："] {
        let lines: Vec<egui::Rect> = harness
            .get_all_by_label_contains(prefix)
            .map(|node| node.rect())
            .filter(|rect| rect.left() < 16.0)
            .collect();
        assert!(!lines.is_empty(), "no {prefix} line in the detail panel");
        for rect in lines {
            assert!(
                rect.bottom() <= height,
                "{prefix} at {rect:?} is below the window"
            );
        }
    }
}
