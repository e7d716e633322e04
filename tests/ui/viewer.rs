//! The viewer driven through its accessibility tree with egui_kittest: what a reader sees
//! when opening the sample, following links, walking withheld items, and opening bundles that
//! are tampered, unknown or not bundles at all.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use kairan::authoring::{PackOptions, pack_folder};
use kairan::bundle::SecretKey;
use kairan::bundle::keys::{self, Protection};
use kairan::document::{WithheldKind, withheld_items};
use kairan::sample::{SAMPLE_BUNDLE, open_sample};
use kairan::ui::KairanApp;
use kairan::ui::command::Command;
use kairan::ui::i18n::Language;
use kairan::ui::state::{Contents, Dialog, WithheldSort};
use kairan::ui::viewer::banner::Tone;

use crate::support::app::{sample_harness, settle};
use crate::support::{self, sample_copy};

const FIRM_TITLE: &str = "利用システム障害に伴う個人情報の状況に関して";
const REPORT_TITLE: &str = "セキュリティ調査に関する報告書";
const FIRM_ENTRY: &str = "documents/firm-notice-2023-06-29.json";
const REPORT_ENTRY: &str = "documents/vendor-report-2023-06-28.json";

fn open(harness: &mut Harness<'_, KairanApp>, path: &Path) {
    harness
        .state_mut()
        .state
        .handle(Command::OpenPath(path.to_owned()));
    settle(harness);
}

fn document_index(harness: &Harness<'_, KairanApp>, entry: &str) -> usize {
    let shown = harness.state().state.shown.as_ref().unwrap();
    shown
        .bundle
        .documents
        .iter()
        .position(|document| document.entry.path == entry)
        .unwrap()
}

pub(crate) fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = support::temp_dir();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// The sample with one byte of the firm notice's text changed.
pub(crate) fn tampered_bundle() -> Vec<u8> {
    let mut bytes = SAMPLE_BUNDLE.to_vec();
    let needle = "時下ますます".as_bytes();
    let at = bytes
        .windows(needle.len())
        .position(|window| window == needle)
        .unwrap();
    // 時 → 晴 differ only in their last UTF-8 byte, so the text stays valid.
    bytes[at + 2] ^= 0x01;
    // The archive's own CRC-32 made to match, as a forger would: only the signed hash differs.
    fix_crc(&mut bytes, FIRM_ENTRY);
    bytes
}

/// Rewrites the CRC-32 of the stored entry `name` in its local header and its central
/// directory record to match its data.
fn fix_crc(bytes: &mut [u8], name: &str) {
    let read16 =
        |bytes: &[u8], at: usize| usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]));
    let mut local = None;
    let mut central = None;
    for at in 0..bytes.len().saturating_sub(name.len()) {
        if &bytes[at..at + name.len()] != name.as_bytes() {
            continue;
        }
        if at >= 30 && bytes[at - 30..at - 26] == *b"PK\x03\x04" {
            local = Some(at - 30);
        }
        if at >= 46 && bytes[at - 46..at - 42] == *b"PK\x01\x02" {
            central = Some(at - 46);
        }
    }
    let (local, central) = (local.unwrap(), central.unwrap());
    let size = u32::from_le_bytes(bytes[local + 18..local + 22].try_into().unwrap()) as usize;
    let start = local + 30 + read16(bytes, local + 26) + read16(bytes, local + 28);
    let crc = crc32fast::hash(&bytes[start..start + size]).to_le_bytes();
    bytes[local + 14..local + 18].copy_from_slice(&crc);
    bytes[central + 16..central + 20].copy_from_slice(&crc);
}

#[test]
fn the_sample_opens_with_the_sample_banner() {
    let harness = sample_harness();
    let strings = Language::Japanese.strings();
    harness.get_by_label(strings.banner_sample_title);
    harness.get_by_label(strings.banner_sample_detail);
    assert!(harness.query_by_label(strings.banner_demo_title).is_none());
}

#[test]
fn the_firm_notice_is_on_the_left_of_the_vendor_report() {
    let harness = sample_harness();
    let firm = harness
        .get_by_role_and_label(Role::Label, FIRM_TITLE)
        .rect();
    let report = harness
        .get_by_role_and_label(Role::Label, REPORT_TITLE)
        .rect();
    assert!(
        firm.right() <= report.left(),
        "firm notice {firm:?} should be left of the report {report:?}"
    );
}

#[test]
fn clicking_the_link_to_the_security_report_shows_it_on_the_right() {
    let mut harness = sample_harness();
    // Put the other vendor document on the right first, so the link has something to change.
    harness
        .get_by_label("ベンダーのお知らせ｜2023年6月25日")
        .click();
    settle(&mut harness);
    assert!(
        harness
            .query_by_role_and_label(Role::Label, REPORT_TITLE)
            .is_none()
    );

    harness
        .get_by_role_and_label(Role::Link, "「セキュリティ調査に関する報告書」")
        .click();
    settle(&mut harness);
    let report = document_index(&harness, REPORT_ENTRY);
    assert_eq!(
        harness.state().state.shown.as_ref().unwrap().right,
        Some(report)
    );
    let firm = harness
        .get_by_role_and_label(Role::Label, FIRM_TITLE)
        .rect();
    let title = harness
        .get_by_role_and_label(Role::Label, REPORT_TITLE)
        .rect();
    assert!(title.left() >= firm.right());

    // Back returns to the vendor notice.
    harness
        .get_by_label(Language::Japanese.strings().back)
        .click();
    settle(&mut harness);
    assert!(
        harness
            .query_by_role_and_label(Role::Label, REPORT_TITLE)
            .is_none()
    );
}

#[test]
fn a_link_to_a_heading_scrolls_the_report_to_that_heading() {
    let mut harness = sample_harness();
    harness
        .get_by_role_and_label(Role::Link, "①情報漏洩の事実は確認されていないこと")
        .click();
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Label, "6. 情報漏洩の有無について");
}

#[test]
fn next_withheld_walks_all_three_masks_and_nine_omissions_in_order() {
    let mut harness = sample_harness();
    let bundle = open_sample().unwrap();
    let expected: Vec<(String, WithheldSort)> = bundle
        .documents
        .iter()
        .flat_map(|document| {
            withheld_items(&document.document)
                .into_iter()
                .map(|item| {
                    let sort = match item.kind {
                        WithheldKind::Mask(_) => WithheldSort::Mask,
                        WithheldKind::Omission(_) => WithheldSort::Omission,
                    };
                    (document.entry.path.clone(), sort)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let strings = Language::Japanese.strings();

    let mut walked = Vec::new();
    for step in 0..expected.len() {
        harness.get_by_label(strings.next_withheld).click();
        settle(&mut harness);
        let state = &harness.state().state;
        let shown = state.shown.as_ref().unwrap();
        let item = *shown.current_withheld().unwrap();
        assert_eq!(shown.withheld_cursor, Some(step));
        let entry = shown.bundle.documents[item.document].entry.path.clone();
        assert_eq!(
            shown.right,
            Some(item.document),
            "the item's document is shown"
        );
        // The item was scrolled into view: its accessible node is on screen.
        match item.kind {
            WithheldSort::Mask => {
                assert!(
                    harness
                        .query_all_by_label_contains("伏せ字：内容の記載なし、理由：記載なし")
                        .next()
                        .is_some()
                );
            }
            WithheldSort::Omission => {
                let marker = &shown.withheld_labels[step].marker;
                let on_screen = harness
                    .query_all_by(|node| {
                        // A label's text is its AccessKit value.
                        node.role() == Role::Label
                            && node
                                .value()
                                .is_some_and(|text| text.starts_with(&format!("省略：{marker}、")))
                    })
                    .next()
                    .is_some();
                assert!(on_screen, "omission {marker} (step {step}) is on screen");
            }
        }
        let title = &shown.bundle.documents[item.document].document.title_text();
        harness.get_by_label_contains(&format!("{} / {}：", step + 1, expected.len()));
        harness.get_by_label_contains(&format!("（{title}）"));
        walked.push((entry, item.kind));
    }
    assert_eq!(walked, expected);
    let masks = walked
        .iter()
        .filter(|(_, sort)| *sort == WithheldSort::Mask)
        .count();
    assert_eq!((masks, walked.len() - masks), (3, 9));

    // One more wraps around to the first.
    harness.get_by_label(strings.next_withheld).click();
    settle(&mut harness);
    assert_eq!(
        harness
            .state()
            .state
            .shown
            .as_ref()
            .unwrap()
            .withheld_cursor,
        Some(0)
    );
}

#[test]
fn a_tampered_bundle_names_the_document_by_role_and_title_and_shows_no_notice_text() {
    let mut harness = sample_harness();
    let (_dir, path) = write_temp("tampered.kairan", &tampered_bundle());
    open(&mut harness, &path);
    let strings = Language::Japanese.strings();
    let headline = format!("改ざんを検出：{}「{FIRM_TITLE}」", strings.role_firm);
    harness.get_by_label(&headline);
    assert!(
        harness
            .query_by_label(&format!("改ざんを検出：{FIRM_ENTRY}"))
            .is_none()
    );
    harness.get_by_label(strings.banner_hidden);
    assert!(harness.query_by_label_contains("ますますご清栄").is_none());
    assert!(harness.query_by_label_contains(REPORT_TITLE).is_none());
    assert!(
        harness
            .query_by_role_and_label(Role::Label, FIRM_TITLE)
            .is_none()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Label, REPORT_TITLE)
            .is_none()
    );
    assert_eq!(
        harness.state().state.shown.as_ref().unwrap().contents,
        Contents::Withheld
    );

    // "Show anyway" shows the text, under a warning that stays.
    harness.get_by_label(strings.show_anyway).click();
    settle(&mut harness);
    harness.get_by_label_contains(strings.shown_anyway_warning);
    harness.get_by_role_and_label(Role::Label, REPORT_TITLE);
    harness.get_by_label(&headline);
}

/// Rectangles painted in the last frame with a stroke of `width` in the danger colour.
fn red_frames(harness: &Harness<'_, KairanApp>, width: f32) -> Vec<egui::Rect> {
    use egui::epaint::Shape;
    fn collect(shape: &Shape, width: f32, found: &mut Vec<egui::Rect>) {
        let danger = |color| {
            [false, true]
                .into_iter()
                .any(|dark| Tone::Danger.colors(dark).1 == color)
        };
        match shape {
            Shape::Rect(rect) if rect.stroke.width == width && danger(rect.stroke.color) => {
                found.push(rect.rect);
            }
            Shape::Vec(shapes) => shapes.iter().for_each(|shape| collect(shape, width, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, width, &mut found);
    }
    found
}

#[test]
fn after_show_anyway_the_altered_document_and_its_list_entry_stay_framed_in_red_and_labelled() {
    let mut harness = sample_harness();
    let (_dir, path) = write_temp("tampered.kairan", &tampered_bundle());
    open(&mut harness, &path);
    let strings = Language::Japanese.strings();
    harness.get_by_label(strings.show_anyway).click();
    settle(&mut harness);
    // Still there frames later: the mark is not a flash.
    harness.run_steps(30);

    let labels: Vec<egui::Rect> = harness
        .get_all_by_role_and_label(Role::Label, strings.altered_document)
        .map(|node| node.rect())
        .collect();
    assert_eq!(labels.len(), 2, "one on the pane, one in the side list");
    let frames = red_frames(&harness, 2.5);
    let frame_around = |inner: egui::Rect| {
        frames
            .iter()
            .copied()
            .find(|frame| frame.contains_rect(inner))
    };
    for label in &labels {
        assert!(
            frame_around(*label).is_some(),
            "no red frame around {label:?}"
        );
    }

    // The framed pane is the firm notice's, not the intact report's beside it.
    let firm_title = harness
        .get_by_role_and_label(Role::Label, FIRM_TITLE)
        .rect();
    let report_title = harness
        .get_by_role_and_label(Role::Label, REPORT_TITLE)
        .rect();
    let pane = frame_around(firm_title).expect("the firm notice's pane is not framed");
    assert!(!pane.intersects(report_title));
    assert!(labels.iter().any(|label| pane.contains_rect(*label)));

    // The side list's entry for the firm notice is framed, the report's is not.
    let entry = |title: &str| {
        harness
            .get_by(move |node| {
                node.role() == Role::Button
                    && node.label().is_some_and(|label| label.starts_with(title))
            })
            .rect()
    };
    let firm_entry = entry(FIRM_TITLE);
    let report_entry = entry(REPORT_TITLE);
    assert!(frame_around(firm_entry).is_some());
    assert!(frame_around(report_entry).is_none());

    // Copying from the altered pane says it is altered.
    let copy = harness
        .get_all_by_role_and_label(Role::Button, strings.copy_text)
        .find(|button| pane.contains_rect(button.rect()))
        .expect("no Copy text in the altered pane");
    copy.click();
    settle(&mut harness);
    harness.get_by_label(strings.copied_altered);
}

#[test]
fn a_search_hit_in_the_altered_document_says_it_is_in_the_altered_document() {
    let mut harness = sample_harness();
    let (_dir, path) = write_temp("tampered.kairan", &tampered_bundle());
    open(&mut harness, &path);
    let strings = Language::Japanese.strings();
    harness.get_by_label(strings.show_anyway).click();
    settle(&mut harness);
    let search = |harness: &mut Harness<'_, KairanApp>, text: &str| {
        let state = &mut harness.state_mut().state;
        state.handle(Command::OpenSearch);
        state.handle(Command::SetSearchQuery(text.into()));
        settle(harness);
    };

    // Only the altered firm notice has this greeting.
    search(&mut harness, "ご清栄");
    harness.get_by_label("1 / 1件（改ざんされた文書の中）");
    // Only the intact report has this heading.
    search(&mut harness, "保全対象機器");
    assert!(
        harness
            .query_by_label_contains("改ざんされた文書の中")
            .is_none()
    );
    harness.get_by_label_contains("1 / ");
}

#[test]
fn an_unknown_signer_is_shown_as_an_unverified_claim_with_the_fingerprint() {
    let pair = keys::generate(Protection::Unprotected, "test key").unwrap();
    let secret = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
    let folder = support::sample_folder();
    let bytes = pack_folder(&folder, &secret, &PackOptions::default()).unwrap();
    let (_dir, path) = write_temp("unknown.kairan", &bytes);

    let mut harness = sample_harness();
    open(&mut harness, &path);
    let strings = Language::Japanese.strings();
    harness.get_by_label(strings.banner_unknown_title);
    harness.get_by_label("ファイル内の自己申告（未確認）：「みかさ社会保険労務士法人」");
    harness.get_by_label_contains(&pair.public_key.fingerprint());
    harness.get_by_label(strings.banner_unknown_advice);
    assert!(
        harness
            .query_by_label(strings.banner_sample_title)
            .is_none()
    );
    // Intact, so the letters are readable.
    harness.get_by_role_and_label(Role::Label, FIRM_TITLE);
}

#[test]
fn a_demo_signed_file_that_is_not_the_sample_says_the_key_proves_nothing() {
    let (_dir, path) = write_temp("copy.kairan", SAMPLE_BUNDLE);
    let mut harness = sample_harness();
    open(&mut harness, &path);
    let strings = Language::Japanese.strings();
    harness.get_by_label(strings.banner_demo_title);
    harness.get_by_label(strings.banner_demo_detail);
}

#[test]
fn opening_garbage_shows_an_error_and_keeps_the_previous_bundle() {
    let mut harness = sample_harness();
    let serial = harness.state().state.shown.as_ref().unwrap().serial;
    let (_dir, path) = write_temp("garbage.kairan", b"this is not a bundle at all");
    open(&mut harness, &path);
    let strings = Language::Japanese.strings();
    harness.get_by_label(&format!("開けませんでした：{}", path.display()));
    harness.get_by_label(strings.error_kept);
    harness.get_by_label(strings.banner_sample_title);
    harness.get_by_role_and_label(Role::Label, FIRM_TITLE);
    assert_eq!(harness.state().state.shown.as_ref().unwrap().serial, serial);

    harness.get_by_label(strings.dismiss).click();
    settle(&mut harness);
    assert!(harness.state().state.error.is_none());
}

#[test]
fn opening_a_missing_file_says_so_and_keeps_the_sample() {
    let mut harness = sample_harness();
    open(&mut harness, Path::new("/nonexistent/notice.kairan"));
    harness.get_by_label("開けませんでした：/nonexistent/notice.kairan");
    harness.get_by_label(Language::Japanese.strings().error_unreadable_advice);
    harness.get_by_label(Language::Japanese.strings().banner_sample_title);
}

#[test]
fn switching_to_english_changes_the_banner_text() {
    let mut harness = sample_harness();
    let japanese = Language::Japanese.strings();
    let english = Language::English.strings();
    harness.get_by_label(japanese.banner_sample_title);
    harness.get_by_label("English").click();
    settle(&mut harness);
    harness.get_by_label(english.banner_sample_title);
    assert!(
        harness
            .query_by_label(japanese.banner_sample_title)
            .is_none()
    );
    harness.get_by_label(english.next_withheld);
    // And back.
    harness.get_by_label("日本語").click();
    settle(&mut harness);
    harness.get_by_label(japanese.banner_sample_title);
}

#[test]
fn search_finds_full_width_text_from_a_half_width_query_and_steps_through_hits() {
    let mut harness = sample_harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    settle(&mut harness);
    assert!(harness.state().state.search.open);
    harness
        .state_mut()
        .state
        .handle(Command::SetSearchQuery("ｴﾑｹｲｼｽﾃﾑ".into()));
    settle(&mut harness);
    let total = harness.state().state.search.hits.len();
    assert!(total >= 3, "{total} hits");
    harness.get_by_label(&format!("1 / {total}件"));
    harness.get_by_label("次 ▶").click();
    settle(&mut harness);
    harness.get_by_label(&format!("2 / {total}件"));
}

#[test]
fn masks_explain_themselves_on_hover() {
    let mut harness = sample_harness();
    harness
        .get_by_role_and_label(Role::Link, "①情報漏洩の事実は確認されていないこと")
        .click();
    settle(&mut harness);
    harness
        .get_all_by_label_contains("伏せ字：内容の記載なし")
        .next()
        .unwrap()
        .hover();
    settle(&mut harness);
    let strings = Language::Japanese.strings();
    harness.get_by_label(strings.mask_title);
    harness.get_by_label("伏せた人：記載なし");
}

#[test]
fn attachments_are_listed_with_size_and_hash_and_only_saved() {
    let copy = sample_copy();
    let folder = copy.path();
    std::fs::create_dir_all(folder.join("attachments")).unwrap();
    let attachment = b"#!/bin/sh\necho never run me\n";
    std::fs::write(folder.join("attachments/run-me.sh"), attachment).unwrap();
    let mut metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("bundle.json")).unwrap()).unwrap();
    metadata["entries"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "file": "attachments/run-me.sh",
            "role": "attachment",
            "media_type": "text/x-shellscript"
        }));
    std::fs::write(folder.join("bundle.json"), metadata.to_string()).unwrap();
    let pair = keys::generate(Protection::Unprotected, "test key").unwrap();
    let secret = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
    let bytes = pack_folder(folder, &secret, &PackOptions::default()).unwrap();
    let bundle_path = copy.parent().join("with-attachment.kairan");
    std::fs::write(&bundle_path, bytes).unwrap();

    let mut harness = sample_harness();
    open(&mut harness, &bundle_path);
    harness.get_by_label("attachments/run-me.sh");
    harness.get_by_label(&format!("{}バイト", attachment.len()));
    harness.get_by_label_contains("SHA-256 ");
    harness.get_by_label("「run-me.sh」を名前を付けて保存…");

    let destination = copy.parent().join("saved.sh");
    harness.state_mut().state.handle(Command::SaveAttachmentTo {
        entry: "attachments/run-me.sh".into(),
        destination: destination.clone(),
    });
    settle(&mut harness);
    assert_eq!(std::fs::read(&destination).unwrap(), attachment);
    harness.get_by_label_contains("保存しました");

    // Without a file-chooser service the save dialog gives nothing at once: the reader is
    // asked where to save, and a typed path never replaces a file.
    let typed = copy.parent().join("typed.sh");
    let type_path = |harness: &mut Harness<'_, KairanApp>, path: &Path| {
        harness
            .state_mut()
            .state
            .handle(Command::SaveDialogGaveNothing {
                entry: "attachments/run-me.sh".into(),
                file_name: "run-me.sh".into(),
            });
        settle(harness);
        harness.get_by_label(Language::Japanese.strings().save_path_title);
        if let Some(Dialog::SavePath { text, .. }) =
            harness.state_mut().state.modal_of_mut::<Dialog>()
        {
            *text = path.display().to_string();
        }
        harness.state_mut().state.handle(Command::SaveTypedPath);
        settle(harness);
    };
    type_path(&mut harness, &typed);
    assert_eq!(std::fs::read(&typed).unwrap(), attachment);
    std::fs::write(&typed, b"mine").unwrap();
    type_path(&mut harness, &typed);
    assert_eq!(std::fs::read(&typed).unwrap(), b"mine");
}

/// Every label the accessibility tree holds, with the words that read as an English sentence:
/// three or more ASCII words in a row. Tokens with digits, dots, slashes, colons, `@` or `-`
/// (file names, key ids, URLs, dates) and the few names the UI keeps as they are do not count.
fn english_sentences(harness: &Harness<'_, KairanApp>) -> Vec<String> {
    use egui_kittest::kittest::NodeT as _;
    const KEPT: &[&str] = &["Kairan", "English", "BIZ", "UDGothic", "SHA-256", "shalom"];
    let is_word = |token: &str| {
        !token.is_empty()
            && token.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
            && !KEPT.contains(&token)
    };
    let mut found = Vec::new();
    for node in harness.root().children_recursive() {
        let accesskit = node.accesskit_node();
        for text in [accesskit.label(), accesskit.value()].into_iter().flatten() {
            // egui's own window resize handles, announced by screen readers only.
            if text.starts_with("Resize window") {
                continue;
            }
            let mut run = 0;
            for token in text.split(|c: char| !c.is_ascii_graphic() || c == ',') {
                let token = token.trim_matches(|c: char| "()[]{}\"“”'!?;".contains(c));
                if token.is_empty() {
                    continue;
                }
                if is_word(token) {
                    run += 1;
                    if run >= 3 {
                        found.push(text.clone());
                        break;
                    }
                } else {
                    run = 0;
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_japanese_ui_shows_no_english_sentence_on_the_screens_it_opens() {
    let strings = Language::Japanese.strings();
    let mut harness = sample_harness();
    let mut screens: Vec<(&str, Vec<String>)> = Vec::new();
    screens.push(("sample", english_sentences(&harness)));

    harness.state_mut().state.handle(Command::OpenSearch);
    harness
        .state_mut()
        .state
        .handle(Command::SetSearchQuery("サーバ".into()));
    settle(&mut harness);
    screens.push(("search", english_sentences(&harness)));

    harness
        .state_mut()
        .state
        .handle(Command::ShowHelp(kairan::ui::help::HelpPage::Guide));
    settle(&mut harness);
    screens.push(("help", english_sentences(&harness)));
    harness.state_mut().state.handle(Command::CloseHelp);

    harness.state_mut().state.handle(Command::AskForPath);
    settle(&mut harness);
    screens.push(("open by path", english_sentences(&harness)));
    harness.state_mut().state.handle(Command::CloseDialog);

    harness.state_mut().state.handle(Command::FollowLink {
        target: kairan::document::LinkTarget::External {
            url: "https://www.example.co.jp/news".into(),
        },
        from: None,
    });
    settle(&mut harness);
    screens.push(("external link", english_sentences(&harness)));
    harness.state_mut().state.handle(Command::CloseDialog);

    // An unknown signer and its trust dialog.
    let pair = keys::generate(Protection::Unprotected, "test key").unwrap();
    let secret = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
    let folder = support::sample_folder();
    let bytes = pack_folder(&folder, &secret, &PackOptions::default()).unwrap();
    let (_dir, path) = write_temp("unknown.kairan", &bytes);
    open(&mut harness, &path);
    harness.get_by_label(strings.banner_unknown_title);
    screens.push(("unknown signer", english_sentences(&harness)));
    harness.state_mut().state.handle(Command::Trust(
        kairan::ui::trust::state::TrustCommand::OpenTrustDialog,
    ));
    settle(&mut harness);
    screens.push(("trust dialog", english_sentences(&harness)));
    harness.state_mut().state.handle(Command::Trust(
        kairan::ui::trust::state::TrustCommand::CloseTrustDialog,
    ));
    harness.state_mut().state.handle(Command::Trust(
        kairan::ui::trust::state::TrustCommand::OpenKeysWindow,
    ));
    settle(&mut harness);
    screens.push(("trusted keys", english_sentences(&harness)));
    harness.state_mut().state.handle(Command::Trust(
        kairan::ui::trust::state::TrustCommand::CloseKeysWindow,
    ));

    // Files that do not verify: the open error and a tampered notice.
    let corpus = support::root().join("tests/hostile/cases");
    for case in [
        "01-duplicate-name.kairan",
        "43-deflate-trailing-data.kairan",
    ] {
        open(&mut harness, &corpus.join(case));
        screens.push((case, english_sentences(&harness)));
    }

    let english: Vec<&(&str, Vec<String>)> = screens
        .iter()
        .filter(|(_, found)| !found.is_empty())
        .collect();
    assert!(
        english.is_empty(),
        "English on Japanese screens: {english:#?}"
    );
}

/// Opens File ▸ Open by path and types `text` into its field.
fn type_into_path_prompt(harness: &mut Harness<'_, KairanApp>, text: &str) {
    let strings = Language::Japanese.strings();
    harness.get_by_label(strings.menu_file).click();
    settle(harness);
    harness.get_by_label(strings.open_by_path).click();
    settle(harness);
    // The field has the focus: typing goes straight into it.
    harness.get_by_role(Role::TextInput).type_text(text);
    settle(harness);
}

#[test]
fn a_path_typed_into_the_open_by_path_field_opens_that_file() {
    let mut harness = sample_harness();
    let path = "/nonexistent/typed-notice.kairan";
    type_into_path_prompt(&mut harness, path);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    harness.get_by_label(&format!("開けませんでした：{path}"));
    assert!(harness.state().state.modal_of::<Dialog>().is_none());
}

#[test]
fn a_shortcut_pressed_while_a_dialog_is_open_does_not_replace_the_dialog() {
    let mut harness = sample_harness();
    type_into_path_prompt(&mut harness, "/half/typed");
    // Print and Find would each open their own dialog or bar over the half-typed path.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    settle(&mut harness);
    let state = &harness.state().state;
    assert!(
        matches!(state.modal_of::<Dialog>(), Some(Dialog::Path { text, .. }) if text == "/half/typed"),
        "the path prompt and what was typed stay: {:?}",
        state.modal
    );
}

#[test]
fn a_click_beside_a_dialog_keeps_it_and_what_was_typed_and_esc_closes_it() {
    let mut harness = sample_harness();
    type_into_path_prompt(&mut harness, "/half/typed");
    let beside = egui::pos2(8.0, harness.ctx.content_rect().bottom() - 8.0);
    harness.hover_at(beside);
    harness.step();
    harness.drag_at(beside);
    harness.step();
    harness.drop_at(beside);
    settle(&mut harness);
    assert!(
        matches!(harness.state().state.modal_of::<Dialog>(), Some(Dialog::Path { text, .. }) if text == "/half/typed"),
        "{:?}",
        harness.state().state.modal
    );
    harness.key_press(egui::Key::Escape);
    settle(&mut harness);
    assert_eq!(harness.state().state.modal, None);
}

#[test]
fn a_link_inside_the_file_says_which_document_and_heading_it_goes_to() {
    let mut harness = sample_harness();
    harness
        .get_by_role_and_label(Role::Link, "①情報漏洩の事実は確認されていないこと")
        .hover();
    settle(&mut harness);
    harness.get_by_label(
        "このファイル内の「セキュリティ調査に関する報告書」の「6. 情報漏洩の有無について」へ移動します",
    );
}

#[test]
fn a_newly_opened_file_starts_at_the_top_of_its_letters_and_its_list() {
    // Short enough that the side list scrolls too.
    let mut harness = crate::support::app::sample_harness_sized([1280.0, 480.0]);
    let date = "2023年6月29日";
    let list_heading = Language::Japanese.strings().documents;
    harness.get_by_label(date);
    let heading_top =
        |harness: &Harness<'_, KairanApp>| harness.get_by_label(list_heading).rect().top();
    let list_top = heading_top(&harness);
    // Scroll both the firm's letter and the side list well down.
    for at in [egui::pos2(700.0, 400.0), egui::pos2(100.0, 400.0)] {
        harness.hover_at(at);
        for _ in 0..10 {
            harness.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -400.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            });
            harness.run();
        }
    }
    settle(&mut harness);
    assert!(harness.query_by_label(date).is_none(), "scrolled away");
    assert!(heading_top(&harness) < list_top - 50.0, "the list scrolled");
    let (_dir, path) = write_temp("copy.kairan", SAMPLE_BUNDLE);
    open(&mut harness, &path);
    harness.get_by_label(date);
    // At the top again (a note about the new file may push the whole window's content down).
    assert!(
        heading_top(&harness) >= list_top,
        "{}",
        heading_top(&harness)
    );
}

#[test]
fn a_file_the_system_asks_to_open_is_opened_as_a_dropped_file_would_be() {
    // What Finder's "open documents" event hands in on macOS (the handler itself runs only
    // there); only an app that takes such files opens them.
    let config = support::temp_dir();
    let mut options = crate::support::app::options(
        kairan::ui::FirstOpen::Sample,
        Vec::new(),
        config.path().to_owned(),
    );
    options.takes_system_opens = true;
    let mut harness = crate::support::app::harness([1280.0, 800.0], options);
    let (_dir, path) = write_temp("from-finder.kairan", &tampered_bundle());
    kairan::ui::system_open::hand_in(path);
    settle(&mut harness);
    let shown = harness.state().state.shown.as_ref().unwrap();
    assert!(
        !shown.bundle.verdict.intact(),
        "the handed-in (altered) file is shown, not the sample"
    );
    assert!(kairan::ui::system_open::take().is_empty());
}

#[test]
fn the_note_that_text_was_copied_moves_nothing_under_the_pointer_and_fits_a_narrow_window() {
    for width in [1280.0, 480.0] {
        let mut harness = crate::support::app::sample_harness_sized([width, 800.0]);
        let before = harness.get_by_label(FIRM_TITLE).rect();
        harness
            .get_all_by_label(Language::Japanese.strings().copy_text)
            .next()
            .unwrap()
            .click();
        settle(&mut harness);
        let note = harness
            .get_by_label(Language::Japanese.strings().copied)
            .rect();
        assert_eq!(
            harness.get_by_label(FIRM_TITLE).rect().top(),
            before.top(),
            "at {width}"
        );
        let dismiss = harness
            .get_by_label(Language::Japanese.strings().dismiss)
            .rect();
        assert!(
            note.right() <= width && dismiss.right() <= width,
            "at {width}: note {note:?}, button {dismiss:?}"
        );
    }
}
