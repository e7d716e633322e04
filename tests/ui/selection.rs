//! Selecting letter text with the mouse and copying it: a drag across paragraphs selects
//! their text, Copy puts exactly that text on the clipboard, and masks are copied as their
//! markers, never as anything else.

use egui::{OutputCommand, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::ui::KairanApp;
use kairan::ui::viewer::selection::TextSelection;

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

/// The sample with the report's section 6, which holds the three masks, in view.
fn harness_at_the_masks() -> Harness<'static, KairanApp> {
    let mut harness = sample_harness();
    for _ in 0..6 {
        harness.key_press(egui::Key::F8);
        settle(&mut harness);
    }
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    harness
}

#[test]
fn a_selection_over_masks_copies_their_markers() {
    let mut harness = harness_at_the_masks();
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

#[test]
fn a_drag_from_inside_one_mask_to_inside_another_copies_both_markers_whole() {
    let mut harness = harness_at_the_masks();
    let mut masks: Vec<egui::Rect> = harness
        .get_all_by_label_contains("伏せ字：")
        .map(|node| node.rect())
        .collect();
    masks.sort_by(|a, b| {
        (a.top(), a.left())
            .partial_cmp(&(b.top(), b.left()))
            .unwrap()
    });
    assert!(masks.len() >= 2, "{masks:?}");
    let copied = drag_and_copy(
        &mut harness,
        masks[0].center() + egui::vec2(3.0, 0.0),
        masks[1].center() - egui::vec2(3.0, 0.0),
    )
    .expect("Copy put the selection on the clipboard");
    assert_eq!(copied, "■■■■サーバ及び個人情報を保持する■■■■");
}

/// The app's text selection.
fn selection_of(harness: &Harness<'_, KairanApp>) -> Option<TextSelection> {
    harness.state().state.shown.as_ref().unwrap().selection
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
    let selected = selection_of(&harness);
    assert_eq!(
        selected.map(|selection| selection.document),
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
    // One part a line, as every selection is copied ("Copy text" keeps the blank lines).
    let parts: Vec<String> = kairan::document::letter::parts(report)
        .iter()
        .map(|part| part.text())
        .collect();
    assert_eq!(text, parts.join("\n"));
    assert!(text.contains("■■■■"), "{text}");
    assert!(text.ends_with("\n以上"), "{text}");

    // A click on the text ends the selection, leaving the caret there; Esc ends it too.
    harness.hover_at(Pos2::new(400.0, 400.0));
    harness.drag_at(Pos2::new(400.0, 400.0));
    harness.step();
    harness.drop_at(Pos2::new(400.0, 400.0));
    harness.step();
    let after_click = selection_of(&harness);
    assert!(
        after_click.is_none_or(|selection| selection.is_empty()),
        "{after_click:?}"
    );
    select_all(&mut harness);
    harness.key_press(egui::Key::Escape);
    harness.step();
    assert_eq!(selection_of(&harness), None);
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
    assert_eq!(selection_of(&harness), None);
}

/// Presses `key` with Shift (and Ctrl when `command`) `times` times.
fn shift_key(harness: &mut Harness<'_, KairanApp>, key: egui::Key, command: bool, times: usize) {
    let modifiers = if command {
        egui::Modifiers::SHIFT | egui::Modifiers::COMMAND
    } else {
        egui::Modifiers::SHIFT
    };
    for _ in 0..times {
        harness.key_press_modifiers(modifiers, key);
        harness.step();
    }
    harness.step();
}

/// Clicks once at `pos` (the caret goes there).
fn click_at(harness: &mut Harness<'_, KairanApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.step();
    harness.drag_at(pos);
    harness.step();
    harness.drop_at(pos);
    harness.step();
}

/// Asks for Copy and returns what the app put on the clipboard (one frame later, the note
/// saying so has moved the letters down).
fn copy(harness: &mut Harness<'_, KairanApp>) -> Option<String> {
    harness.event(egui::Event::Copy);
    harness.step();
    let text = copied(harness);
    harness.step();
    text
}

#[test]
fn shift_and_the_arrow_keys_extend_a_selection_across_paragraphs() {
    let mut harness = sample_harness();
    let second = harness.get_by_label(SECOND).rect();
    // The caret at the start of the second paragraph; Shift+Left twice reaches back into the
    // first: its last two characters are selected, nothing of the second.
    click_at(
        &mut harness,
        Pos2::new(second.left() + 16.0, second.top() + 6.0),
    );
    let caret = selection_of(&harness);
    assert!(caret.is_some_and(|caret| caret.is_empty()), "{caret:?}");
    shift_key(&mut harness, egui::Key::Home, false, 1);
    shift_key(&mut harness, egui::Key::ArrowLeft, false, 3);
    assert_eq!(copy(&mut harness).as_deref(), Some("す。"));

    // From the start of the first paragraph, Shift+Down past its rows and Shift+End select all
    // of it and the first row of the second, one paragraph a line.
    // (The note saying the text was copied moved the letters: find the paragraph again.)
    let first = harness.get_by_label(FIRST).rect();
    click_at(
        &mut harness,
        Pos2::new(first.left() + 16.0, first.top() + 6.0),
    );
    shift_key(&mut harness, egui::Key::Home, false, 1);
    let caret = selection_of(&harness).unwrap();
    for _ in 0..10 {
        shift_key(&mut harness, egui::Key::ArrowDown, false, 1);
        let focus = selection_of(&harness).unwrap().focus;
        if focus.part != caret.anchor.part {
            break;
        }
    }
    shift_key(&mut harness, egui::Key::End, false, 1);
    let text = copy(&mut harness).expect("the selection was copied");
    let selection = selection_of(&harness).unwrap();
    assert_eq!(selection.anchor, caret.anchor);
    assert_eq!(selection.focus.part, caret.anchor.part + 1, "{selection:?}");
    let (head, tail) = text.split_once('\n').expect("two paragraphs, a line each");
    assert_eq!(head, FIRST);
    assert!(SECOND.starts_with(tail) && !tail.is_empty(), "{tail:?}");

    // Ctrl+Shift+End runs to the end of the letter.
    shift_key(&mut harness, egui::Key::End, true, 1);
    let text = copy(&mut harness).expect("the selection was copied");
    assert!(text.starts_with(FIRST), "{text}");
    let letter = &harness
        .state()
        .state
        .shown
        .as_ref()
        .unwrap()
        .bundle
        .documents[0]
        .document;
    let last = kairan::document::letter::parts(letter)
        .last()
        .unwrap()
        .text();
    assert!(text.ends_with(&format!("\n{last}")), "{text}");
    assert_eq!(text.lines().count(), 13 - caret.anchor.part, "{text}");
}

#[test]
fn with_nothing_selected_shift_down_starts_at_the_top_of_the_letter_under_the_pointer() {
    let mut harness = sample_harness();
    let first = harness.get_by_label(FIRST).rect();
    harness.hover_at(first.center());
    harness.step();
    assert_eq!(selection_of(&harness), None);
    shift_key(&mut harness, egui::Key::ArrowDown, false, 1);
    let selection = selection_of(&harness);
    let selection = selection.expect("Shift+Down started a selection");
    assert_eq!(
        selection.document, 0,
        "the firm's letter is under the pointer"
    );
    assert!(!selection.is_empty());
    let text = copy(&mut harness).expect("the selection was copied");
    assert!(!text.is_empty());
}

/// Clicks `times` times at `pos` within one frame (kittest runs a frame a quarter second long
/// for each queued event, too slow for a double click).
fn clicks_at(harness: &mut Harness<'_, KairanApp>, pos: Pos2, times: usize) {
    harness.hover_at(pos);
    harness.step();
    let events = &mut harness.input_mut().events;
    for _ in 0..times {
        for pressed in [true, false] {
            events.push(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
    harness.step();
    harness.step();
}

#[test]
fn a_double_click_selects_a_word_and_a_triple_click_the_paragraph() {
    let mut harness = sample_harness();
    let first = harness.get_by_label(FIRST).rect();
    // 「時下」: the first two characters, kanji, after the paragraph's indent.
    let pos = Pos2::new(first.left() + 16.0 + 18.0, first.top() + 10.0);
    clicks_at(&mut harness, pos, 2);
    assert_eq!(copy(&mut harness).as_deref(), Some("時下"));
    harness.step();
    let first = harness.get_by_label(FIRST).rect();
    let pos = Pos2::new(first.left() + 16.0 + 18.0, first.top() + 10.0);
    clicks_at(&mut harness, pos, 3);
    assert_eq!(copy(&mut harness).as_deref(), Some(FIRST));
}

#[test]
fn a_press_on_the_letters_scroll_bar_keeps_the_selection() {
    let mut harness = sample_harness();
    let first = harness.get_by_label(FIRST).rect();
    click_at(
        &mut harness,
        Pos2::new(first.left() + 16.0, first.top() + 6.0),
    );
    shift_key(&mut harness, egui::Key::End, false, 1);
    let selected = selection_of(&harness).expect("a selection");
    assert!(!selected.is_empty());
    // The firm letter's scroll bar: the one to the right of its first paragraph.
    let bar = harness
        .get_all_by_role(egui::accesskit::Role::ScrollBar)
        .map(|node| node.rect())
        .find(|bar| bar.left() >= first.right() && bar.y_range().contains(first.center().y))
        .expect("the firm letter has a scroll bar");
    // Beside the right-aligned sender, whose row reaches under the bar.
    let sender = harness.get_by_label("みかさ社会保険労務士法人").rect();
    let on_bar = Pos2::new(bar.center().x, sender.center().y);
    click_at(&mut harness, on_bar);
    assert_eq!(selection_of(&harness), Some(selected));
    // A quick click: pressed and released within one frame.
    harness.hover_at(on_bar);
    harness.step();
    harness.drag_at(on_bar);
    harness.drop_at(on_bar);
    harness.step();
    harness.step();
    assert_eq!(selection_of(&harness), Some(selected));

    // A press beside the text, in the margin, still ends it (the caret goes beside it).
    click_at(
        &mut harness,
        Pos2::new(first.left() - 6.0, first.top() + 6.0),
    );
    let caret = selection_of(&harness).expect("a caret");
    assert!(caret.is_empty(), "{caret:?}");
    assert_eq!(caret.focus.part, selected.anchor.part);
}

#[test]
fn a_drag_from_the_margin_beside_a_paragraph_selects_from_the_start_of_its_row() {
    let mut harness = sample_harness();
    let first = harness.get_by_label(FIRST).rect();
    let copied = drag_and_copy(
        &mut harness,
        Pos2::new(first.left() - 8.0, first.center().y),
        Pos2::new(first.right() - 1.0, first.center().y),
    );
    assert_eq!(copied.as_deref(), Some(FIRST));
}

#[test]
fn shift_up_then_shift_down_comes_back_to_the_same_column() {
    let mut harness = sample_harness();
    let first = harness.get_by_label(FIRST).rect();
    // The caret at the start of a row; above it are the centred title and the right-aligned
    // sender, whose shorter rows do not reach that far left.
    click_at(
        &mut harness,
        Pos2::new(first.left() + 1.0, first.top() + 6.0),
    );
    let start = selection_of(&harness).expect("a caret").focus;
    for times in 1..=4 {
        shift_key(&mut harness, egui::Key::ArrowUp, false, times);
        shift_key(&mut harness, egui::Key::ArrowDown, false, times);
        assert_eq!(
            selection_of(&harness).map(|selection| selection.focus),
            Some(start),
            "after {times} rows up and down"
        );
    }
}
