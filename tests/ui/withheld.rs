//! Masked fields and omitted sections without a mouse: F8 fills a detail panel with what the
//! file says (reason, who withheld it, "not stated" where it says nothing), Esc closes it, a
//! click or Enter on a mask selects it, the side list shows reasons, and a screen reader hears
//! each mask and omission named by kind, reason and who withheld it.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::ui::KairanApp;
use kairan::ui::state::WithheldSort;

use crate::support::app::{sample_harness, settle, strings};

/// The sample's reason for its omissions, as the file states it.
const OMISSION_REASON: &str =
    "同報告書は厳秘扱いのため（2023年6月29日付の当法人のお知らせより）。詳細の確認は当法人へ。";

fn cursor(harness: &Harness<'_, KairanApp>) -> Option<usize> {
    harness
        .state()
        .state
        .shown
        .as_ref()
        .unwrap()
        .withheld_cursor
}

fn press(harness: &mut Harness<'_, KairanApp>, key: egui::Key) {
    harness.key_press(key);
    settle(harness);
}

/// The accessible nodes whose label starts with `prefix`.
fn labelled_starting(harness: &Harness<'_, KairanApp>, prefix: &str) -> usize {
    harness
        .query_all_by(|node| {
            // A label's text is its AccessKit value.
            node.role() == Role::Label && node.value().is_some_and(|text| text.starts_with(prefix))
        })
        .count()
}

#[test]
fn f8_fills_the_detail_panel_with_the_stated_reason_and_who_and_esc_closes_it() {
    let mut harness = sample_harness();
    assert!(harness.query_by_label(strings().detail_close).is_none());

    press(&mut harness, egui::Key::F8);
    assert_eq!(cursor(&harness), Some(0));
    harness.get_by_label_contains("省略1／12");
    // The file's words in quotation marks; the program's own "not stated" without.
    harness.get_by_label(&format!("理由：「{OMISSION_REASON}」"));
    harness.get_by_label("省略した人：転送した事務所");
    harness.get_by_label_contains("場所：セキュリティ調査に関する報告書 › ");

    // On to the first mask: the sample states nothing about it, and the panel says so.
    for _ in 0..5 {
        press(&mut harness, egui::Key::F8);
    }
    harness.get_by_label_contains("伏せ字6／12");
    harness.get_by_label("内容：記載なし");
    harness.get_by_label("理由：記載なし");
    harness.get_by_label("伏せた人：記載なし");

    press(&mut harness, egui::Key::Escape);
    assert_eq!(cursor(&harness), None);
    assert!(harness.query_by_label(strings().detail_close).is_none());
    assert!(harness.query_by_label_contains("伏せ字6／12").is_none());
}

#[test]
fn the_close_button_closes_the_panel() {
    let mut harness = sample_harness();
    press(&mut harness, egui::Key::F8);
    harness.get_by_label(strings().detail_close).click();
    settle(&mut harness);
    assert_eq!(cursor(&harness), None);
}

#[test]
fn a_click_or_enter_on_a_mask_selects_it_for_the_detail_panel() {
    let mut harness = sample_harness();
    // Bring the report's masks on screen, then close the panel.
    for _ in 0..6 {
        press(&mut harness, egui::Key::F8);
    }
    press(&mut harness, egui::Key::Escape);
    assert_eq!(cursor(&harness), None);

    let mask_name = "伏せ字：内容の記載なし、理由：記載なし、伏せた人：記載なし";
    let masks: Vec<_> = harness
        .get_all_by_role_and_label(Role::Label, mask_name)
        .collect();
    assert_eq!(
        masks.len(),
        3,
        "the three masks of section 6 are named for a screen reader"
    );
    masks[1].click();
    settle(&mut harness);
    let shown = harness.state().state.shown.as_ref().unwrap();
    let second_mask = shown
        .withheld
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind == WithheldSort::Mask)
        .nth(1)
        .map(|(index, _)| index);
    assert_eq!(cursor(&harness), second_mask);
    harness.get_by_label_contains("伏せ字7／12");

    press(&mut harness, egui::Key::Escape);
    let masks: Vec<_> = harness
        .get_all_by_role_and_label(Role::Label, mask_name)
        .collect();
    masks[2].focus();
    settle(&mut harness);
    press(&mut harness, egui::Key::Enter);
    harness.get_by_label_contains("伏せ字8／12");
}

#[test]
fn omissions_are_named_by_marker_reason_and_who_for_a_screen_reader() {
    let mut harness = sample_harness();
    press(&mut harness, egui::Key::F8);
    let name = format!("省略：—省略—、理由：「{OMISSION_REASON}」、省略した人：転送した事務所");
    assert!(
        harness
            .query_all_by_role_and_label(Role::Label, &name)
            .count()
            >= 1,
        "the first omission, on screen, is named {name}"
    );
    let named = labelled_starting(&harness, "省略：—省略—");
    assert!(named >= 1);
    assert_eq!(named, labelled_starting(&harness, &name));
}

#[test]
fn the_side_list_shows_each_reason_cut_short() {
    let harness = sample_harness();
    // Cut short in the list: the first 24 characters and an ellipsis.
    let short: String = OMISSION_REASON.chars().take(24).collect();
    let entries = harness
        .query_all_by_label_contains(&format!("理由：「{short}…」"))
        .count();
    assert!(entries >= 1, "the side list shows the omissions' reason");
}

#[test]
fn a_reason_that_reads_like_the_programs_own_words_stays_in_quotation_marks() {
    let mut harness = sample_harness();
    // The program's own "not stated" for the sample's masks, without quotation marks …
    for _ in 0..6 {
        press(&mut harness, egui::Key::F8);
    }
    harness.get_by_label("理由：記載なし");
    // … and a file's reason, whatever it says, always within them.
    let strings = strings();
    assert_eq!(
        kairan::ui::viewer::withheld_detail::stated(strings, Some("記載なし")),
        "「記載なし」"
    );
    assert_eq!(
        kairan::ui::viewer::withheld_detail::stated(strings, None),
        "記載なし"
    );
}

/// The app showing the sample with its vendor report's source changed by `change`, signed.
fn harness_with_report(change: impl FnOnce(String) -> String) -> Harness<'static, KairanApp> {
    let copy = crate::support::sample_copy();
    let report = copy
        .path()
        .join("documents/vendor-report-2023-06-28.notice.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, change(text)).unwrap();
    let key_text = std::fs::read_to_string("notices/demo-key/kairan-demo.key").unwrap();
    let key = kairan::bundle::SecretKey::from_file_text(&key_text, None).unwrap();
    let bytes = kairan::authoring::pack_folder(
        copy.path(),
        &key,
        &kairan::authoring::PackOptions::default(),
    )
    .unwrap();
    let file = copy.parent().join("changed.kairan");
    std::fs::write(&file, bytes).unwrap();
    let config = copy.parent().join("config");
    crate::support::app::harness(
        [1280.0, 800.0],
        crate::support::app::options(kairan::ui::FirstOpen::File(file), Vec::new(), config),
    )
}

#[test]
fn a_mask_in_the_letters_head_is_the_first_withheld_item_with_its_reason() {
    let mut harness = harness_with_report(|text| {
        text.replacen(
            "addressee: お客様各位\n",
            "addressee: お客様各位\nissuer: {{●●●● | label: 社名 | reason: 調査会社の名前は公表されていないため | by: author}}株式会社\n",
            1,
        )
    });
    press(&mut harness, egui::Key::F8);
    assert_eq!(cursor(&harness), Some(0));
    harness.get_by_label_contains("伏せ字1／13");
    harness.get_by_label("理由：「調査会社の名前は公表されていないため」");
    assert!(
        harness
            .query_all_by_label_contains("1. 伏せ字 ●●●●")
            .count()
            >= 1,
        "the side list names the head's mask first"
    );
}

#[test]
fn a_mask_in_a_table_cell_is_reached_with_f8_and_the_table_is_shown_cell_by_cell() {
    let mut harness = harness_with_report(|text| {
        text.replacen(
            "\n## 2. ",
            "\n表：主な経緯\n| 日時 | 内容 |\n| --- | --- |\n\
             | 6月26日 | {{■■■■ | label: サーバ名 | reason: 攻撃を防ぐため}}で異常を検知 |\n\
             | 6月27日 | 外部の調査会社に調査を依頼 |\n\n## 2. ",
            1,
        )
    });
    let reason = "理由：「攻撃を防ぐため」";
    for _ in 0..14 {
        if harness.query_by_label(reason).is_some() {
            break;
        }
        press(&mut harness, egui::Key::F8);
    }
    harness.get_by_label(reason);
    harness.get_by_label_contains("伏せ字2／13");
    // Each cell is a part of its own, read in order, the header's included.
    for cell in [
        "主な経緯",
        "日時",
        "内容",
        "■■■■で異常を検知",
        "外部の調査会社に調査を依頼",
    ] {
        let parts = harness
            .query_all_by(|node| {
                node.role() == Role::Label && node.value().as_deref() == Some(cell)
            })
            .count();
        assert_eq!(parts, 1, "{cell}");
    }
}

/// A bundle whose firm notice is one paragraph of `count` masks labelled 項目1…項目N, signed
/// by a key of its own, in `dir`.
fn many_masks_bundle(dir: &std::path::Path, count: usize) -> std::path::PathBuf {
    use kairan::document::{Inline, Mask, WithheldBy};
    let content = (1..=count)
        .flat_map(|n| {
            [
                Inline::text("対象："),
                Inline::Mask(Mask {
                    marker: "■■■■".into(),
                    label: Some(format!("項目{n}")),
                    reason: None,
                    masked_by: WithheldBy::NotStated,
                }),
            ]
        })
        .collect();
    paragraph_bundle(dir, content)
}

/// A bundle whose firm notice is one paragraph of `content`, signed by a key of its own, in
/// `dir`.
fn paragraph_bundle(
    dir: &std::path::Path,
    content: Vec<kairan::document::Inline>,
) -> std::path::PathBuf {
    use kairan::document::Block;
    let sample = kairan::sample::open_sample().unwrap();
    let mut document = sample.documents[0].document.clone();
    document.body = vec![Block::Paragraph { content }];
    std::fs::create_dir_all(dir.join("documents")).unwrap();
    std::fs::write(dir.join("documents/masks.json"), document.to_json()).unwrap();
    std::fs::write(
        dir.join("bundle.json"),
        r#"{"bundle_id":"many-masks","series":{"id":"masks","sequence":1},"issued_at":"2026-01-01T00:00:00Z",
            "issuer_name":"Masks","entries":[{"file":"documents/masks.json","role":"firm_notice"}]}"#,
    )
    .unwrap();
    let pair =
        kairan::bundle::keys::generate(kairan::bundle::keys::Protection::Unprotected, "m").unwrap();
    let key = kairan::bundle::SecretKey::from_file_text(&pair.secret_file, None).unwrap();
    let bytes =
        kairan::authoring::pack_folder(dir, &key, &kairan::authoring::PackOptions::default())
            .unwrap();
    let path = dir.join("masks.kairan");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn in_a_paragraph_of_thousands_of_masks_those_on_screen_take_part_wherever_it_is_scrolled() {
    let env = crate::support::env::Env::new();
    let count = 3_000;
    let path = many_masks_bundle(&env.path("masks"), count);
    let mut harness = crate::support::app::harness(
        crate::support::app::SIZE,
        crate::support::app::options(kairan::ui::FirstOpen::File(path), vec![], env.config()),
    );
    let named = |harness: &Harness<'_, KairanApp>, n: usize| {
        labelled_starting(harness, &format!("伏せ字：項目{n}、"))
    };
    let on_screen = labelled_starting(&harness, "伏せ字：");
    assert!(
        on_screen > 10 && on_screen < count / 2,
        "{on_screen} masks take part"
    );
    assert_eq!(named(&harness, 1), 1);
    assert_eq!(named(&harness, count), 0);
    // Shift+F8 goes back round to the last mask, at the paragraph's end, and brings it on screen.
    press(&mut harness, egui::Key::F8);
    press(&mut harness, egui::Key::Escape);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F8);
    settle(&mut harness);
    assert_eq!(named(&harness, count), 1);
    assert_eq!(named(&harness, count - 1), 1);
    assert_eq!(named(&harness, 1), 0);
}

#[test]
fn f8_pressed_three_times_within_one_frame_moves_three_items() {
    let mut harness = sample_harness();
    for _ in 0..3 {
        for pressed in [true, false] {
            harness.input_mut().events.push(egui::Event::Key {
                key: egui::Key::F8,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
    harness.step();
    settle(&mut harness);
    assert_eq!(cursor(&harness), Some(2));
}

#[test]
fn a_link_wrapped_over_rows_is_one_tab_stop_and_every_tab_stop_is_named() {
    // Narrow panes wrap the letters' links over two rows or more.
    let mut harness = crate::support::app::sample_harness_sized([860.0, 1400.0]);
    harness
        .query_all_by_role(Role::Link)
        .next()
        .expect("a link on screen")
        .focus();
    settle(&mut harness);
    let mut stops = Vec::new();
    for _ in 0..12 {
        let focused = harness
            .query_all_by(|node| node.is_focused())
            .map(|node| {
                let node = egui_kittest::kittest::NodeT::accesskit_node(&node);
                format!("{:?} {:?}", node.role(), node.label().unwrap_or_default())
            })
            .next();
        stops.push(focused.unwrap_or_else(|| "nothing".into()));
        press(&mut harness, egui::Key::Tab);
    }
    assert!(
        stops
            .iter()
            .all(|stop| !stop.ends_with("\"\"") && stop != "nothing"),
        "a Tab stop with no name (a second row of a link?): {stops:#?}"
    );
    let links = stops.iter().filter(|stop| stop.starts_with("Link")).count();
    assert!(links >= 2, "{stops:#?}");
}

#[test]
fn a_mask_that_shows_readable_text_says_it_may_be_the_hidden_text_itself() {
    use kairan::document::{Inline, Mask, WithheldBy};
    let env = crate::support::env::Env::new();
    let path = paragraph_bundle(
        &env.path("readable"),
        vec![
            Inline::text("担当者："),
            Inline::Mask(Mask {
                marker: "山田太郎".into(),
                label: Some("氏名".into()),
                reason: Some("個人情報のため".into()),
                masked_by: WithheldBy::Author,
            }),
            Inline::text("、窓口："),
            Inline::Mask(Mask {
                marker: "■■■■".into(),
                label: Some("電話番号".into()),
                reason: Some("個人情報のため".into()),
                masked_by: WithheldBy::Author,
            }),
        ],
    );
    let mut harness = crate::support::app::harness(
        crate::support::app::SIZE,
        crate::support::app::options(kairan::ui::FirstOpen::File(path), vec![], env.config()),
    );
    let warning = strings().mask_readable;
    press(&mut harness, egui::Key::F8);
    harness.get_by_label(warning);
    press(&mut harness, egui::Key::F8);
    assert!(
        harness.query_by_label(warning).is_none(),
        "a marker of symbols hides its text"
    );
}

#[test]
fn a_link_kairan_will_not_open_does_not_look_like_one_that_works() {
    use kairan::document::{Inline, LinkTarget};
    let env = crate::support::env::Env::new();
    let link = |url: &str, text: &str| Inline::Link {
        target: LinkTarget::External { url: url.into() },
        text: text.into(),
    };
    let path = paragraph_bundle(
        &env.path("links"),
        vec![
            Inline::text("詳しくは"),
            link("https://www.example.co.jp/", "公式サイト"),
            Inline::text("または"),
            link("javascript:alert(1)", "危険な宛先"),
            Inline::text("をご覧ください。"),
        ],
    );
    let harness = crate::support::app::harness(
        crate::support::app::SIZE,
        crate::support::app::options(kairan::ui::FirstOpen::File(path), vec![], env.config()),
    );
    // The colour each link's text is painted in.
    fn colour_of(shape: &egui::Shape, text: &str) -> Option<egui::Color32> {
        match shape {
            egui::Shape::Text(shape) => {
                let job = &shape.galley.job;
                let at = job.text.find(text)?;
                job.sections
                    .iter()
                    .find(|section| {
                        section.byte_range.start.0 <= at && at < section.byte_range.end.0
                    })
                    .map(|section| section.format.color)
            }
            egui::Shape::Vec(shapes) => shapes.iter().find_map(|shape| colour_of(shape, text)),
            _ => None,
        }
    }
    let colour = |text: &str| {
        harness
            .output()
            .shapes
            .iter()
            .find_map(|clipped| colour_of(&clipped.shape, text))
            .unwrap_or_else(|| panic!("{text} is painted"))
    };
    assert_ne!(colour("危険な宛先"), colour("公式サイト"));
    assert_ne!(colour("危険な宛先"), colour("詳しくは"));
}
