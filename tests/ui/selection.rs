//! Selecting letter text with the mouse and copying it: a drag across paragraphs selects
//! their text, Copy puts exactly that text on the clipboard, and masks are copied as their
//! markers, never as anything else.

use egui::{OutputCommand, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::ui::KairanApp;

use crate::support::app::{sample_harness, settle};

const FIRST: &str = "時下ますますご清栄のこととお慶び申し上げます。";
const SECOND: &str = "平素より当法人に対しまして、格別のご厚情を賜り厚くお礼申し上げます。";

/// Drags from `from` to `to`, asks for Copy and returns what the app put on the clipboard.
fn drag_and_copy(harness: &mut Harness<'_, KairanApp>, from: Pos2, to: Pos2) -> Option<String> {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for step in 1..=4 {
        let t = step as f32 / 4.0;
        harness.hover_at(from + (to - from) * t);
        harness.step();
    }
    harness.drop_at(to);
    harness.step();
    harness.event(egui::Event::Copy);
    harness.step();
    copied(harness)
}

#[test]
fn dragging_across_two_paragraphs_copies_exactly_their_text() {
    let mut harness = sample_harness();
    let first = harness.get_by_label(FIRST).rect();
    let second = harness.get_by_label(SECOND).rect();
    let copied = drag_and_copy(
        &mut harness,
        Pos2::new(first.left() + 1.0, first.center().y),
        Pos2::new(second.right() - 1.0, second.bottom() - 4.0),
    )
    .expect("Copy put the selection on the clipboard");
    assert!(copied.contains("ますますご清栄"), "copied {copied:?}");
    assert!(copied.contains("お礼申し上げます"), "copied {copied:?}");
    assert!(
        !copied.contains("先般"),
        "copied past the selection: {copied:?}"
    );
}

#[test]
fn a_selection_over_masks_copies_their_markers() {
    let mut harness = sample_harness();
    // Bring the report's section 6, which holds the three masks, into view.
    for _ in 0..6 {
        harness.key_press(egui::Key::F8);
        settle(&mut harness);
    }
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    let paragraph = harness
        .get_all_by_label_contains("サーバ及び個人情報を保持する")
        .next()
        .unwrap()
        .rect();
    let copied = drag_and_copy(
        &mut harness,
        Pos2::new(paragraph.left() + 1.0, paragraph.top() + 8.0),
        Pos2::new(paragraph.right() - 1.0, paragraph.bottom() - 4.0),
    )
    .expect("Copy put the selection on the clipboard");
    assert!(
        copied.contains("■■■■サーバ及び個人情報を保持する■■■■サーバ"),
        "copied {copied:?}"
    );
}

/// What the app put on the clipboard this frame, if anything.
fn copied(harness: &Harness<'_, KairanApp>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

fn select_all(harness: &mut Harness<'_, KairanApp>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.step();
    harness.step();
}

#[test]
fn ctrl_a_selects_the_letter_being_read_and_copy_copies_all_of_it_with_masks_as_markers() {
    let mut harness = sample_harness();
    // The report, right: its masks are copied as their markers.
    let report = harness
        .get_all_by_label_contains("セキュリティ調査に関する報告書")
        .last()
        .unwrap()
        .rect();
    harness.hover_at(report.center());
    harness.step();
    select_all(&mut harness);
    let selected = harness.state().state.shown.as_ref().unwrap().all_selected;
    assert_eq!(
        selected,
        Some(1),
        "the report is the letter under the pointer"
    );
    harness.event(egui::Event::Copy);
    harness.step();
    let text = copied(&harness).expect("Copy put the letter on the clipboard");
    let report = &harness
        .state()
        .state
        .shown
        .as_ref()
        .unwrap()
        .bundle
        .documents[1]
        .document;
    assert_eq!(text, kairan::document::plain_text(report));
    assert!(text.contains("■■■■"), "{text}");
    assert!(text.ends_with("以上\n"), "{text}");

    // A click ends the selection; so does Esc.
    harness.hover_at(Pos2::new(400.0, 400.0));
    harness.drag_at(Pos2::new(400.0, 400.0));
    harness.step();
    harness.drop_at(Pos2::new(400.0, 400.0));
    harness.step();
    assert_eq!(
        harness.state().state.shown.as_ref().unwrap().all_selected,
        None
    );
}

#[test]
fn ctrl_a_in_the_search_field_selects_the_fields_text_not_the_letter() {
    let mut harness = sample_harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.step();
    harness.step();
    harness.event(egui::Event::Text("障害".into()));
    harness.step();
    select_all(&mut harness);
    assert_eq!(
        harness.state().state.shown.as_ref().unwrap().all_selected,
        None
    );
}
