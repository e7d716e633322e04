//! Each mask and omission style the import recognises, and each look-alike it must leave alone.

use kairan::authoring::import::{DetectionKind, ImportOptions, ImportedFolder, import_letters};
use kairan::document::{Block, Inline, OmissionKind};

fn letter(body: &str) -> ImportedFolder {
    let text =
        format!("2023年6月28日\n\nお客様各位\n\n株式会社テスト\n\nお知らせ\n\n{body}\n\n以上\n");
    import_letters(
        &text,
        &ImportOptions {
            bundle_id: "t".into(),
        },
    )
    .unwrap()
}

fn masks(folder: &ImportedFolder) -> Vec<String> {
    folder.letters[0]
        .document
        .inlines()
        .filter_map(|inline| match inline {
            Inline::Mask(mask) => Some(mask.marker.clone()),
            _ => None,
        })
        .collect()
}

fn omissions(folder: &ImportedFolder) -> Vec<(String, OmissionKind)> {
    folder.letters[0]
        .document
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Omission(omission) => Some((omission.marker.clone(), omission.kind)),
            _ => None,
        })
        .collect()
}

fn look_alikes(folder: &ImportedFolder) -> Vec<String> {
    folder
        .detections
        .iter()
        .filter(|detection| detection.kind == DetectionKind::NotWithheld)
        .map(|detection| detection.text.clone())
        .collect()
}

#[test]
fn runs_of_each_mask_symbol_are_masks() {
    for symbol in ['■', '□', '●', '○', '◆', '＊', '*', '×', '█'] {
        let run: String = std::iter::repeat_n(symbol, 3).collect();
        let folder = letter(&format!("対象は{run}サーバです。"));
        assert_eq!(masks(&folder), vec![run.clone()], "{symbol}");
        let detection = folder
            .detections
            .iter()
            .find(|detection| detection.kind == DetectionKind::Mask)
            .unwrap();
        assert_eq!((detection.line, detection.column), (9, 4), "{symbol}");
    }
}

#[test]
fn bracketed_redaction_markers_are_masks() {
    for marker in [
        "[REDACTED]",
        "<REDACTED>",
        "［REDACTED］",
        "[redacted: server]",
        "【非公開】",
        "（非公開）",
    ] {
        let folder = letter(&format!("The host {marker} was isolated."));
        assert_eq!(masks(&folder), vec![marker.to_owned()], "{marker}");
    }
}

#[test]
fn undisclosed_as_a_field_value_is_a_mask() {
    let folder = letter("サーバ名：非公開、設置場所：東京。");
    assert_eq!(masks(&folder), vec!["非公開".to_owned()]);
}

#[test]
fn each_omission_marker_on_its_own_line_is_an_omission() {
    for (marker, kind) in [
        ("—省略—", OmissionKind::Section),
        ("―中略―", OmissionKind::Middle),
        ("（略）", OmissionKind::Unspecified),
        ("(略)", OmissionKind::Unspecified),
        ("以下略", OmissionKind::Rest),
        ("後略", OmissionKind::Rest),
        ("（中略）", OmissionKind::Middle),
    ] {
        let folder = letter(&format!("前の段落です。\n\n{marker}\n\n次の段落です。"));
        assert_eq!(
            omissions(&folder),
            vec![(marker.to_owned(), kind)],
            "{marker}"
        );
    }
}

#[test]
fn omission_markers_inside_a_paragraph_split_it() {
    let folder = letter("調査を行いました（中略）その結果です。以下略");
    assert_eq!(
        omissions(&folder),
        vec![
            ("（中略）".to_owned(), OmissionKind::Middle),
            ("以下略".to_owned(), OmissionKind::Rest)
        ]
    );
    let paragraphs = folder.letters[0]
        .document
        .body
        .iter()
        .filter(|block| matches!(block, Block::Paragraph { .. }))
        .count();
    assert_eq!(paragraphs, 2);
}

#[test]
fn zenryaku_opening_a_letter_is_a_salutation_not_an_omission() {
    let folder = letter("前略　取り急ぎご連絡いたします。");
    assert!(omissions(&folder).is_empty());
    assert_eq!(look_alikes(&folder), vec!["前略".to_owned()]);
    let folder = letter("前略\n\n取り急ぎご連絡いたします。");
    assert!(omissions(&folder).is_empty());
}

#[test]
fn a_single_symbol_opening_a_heading_or_list_item_is_a_bullet() {
    let folder = letter("■ 概要\n\n本文です。\n\n● 一つ目の項目\n● 二つ目の項目");
    assert!(masks(&folder).is_empty());
    assert_eq!(look_alikes(&folder), vec!["■", "●", "●"]);
    let document = &folder.letters[0].document;
    assert!(matches!(&document.body[0], Block::Heading { level: 1, .. }));
    assert!(matches!(&document.body[2], Block::List { items, .. } if items.len() == 2));
}

#[test]
fn circles_in_a_blank_template_are_not_masks() {
    let folder = letter("○○株式会社　○○様\n\n令和○○年○○月○○日までにご返送ください。");
    assert!(masks(&folder).is_empty(), "{:?}", masks(&folder));
    assert!(!look_alikes(&folder).is_empty());
}

#[test]
fn prose_about_masking_is_not_a_mask() {
    let folder = letter(
        "本書面中の「■■■■」は、弊社が非公開とした箇所を示します。\n\nText marked [REDACTED] denotes withheld text.\n\n一部の情報は非公開としております。",
    );
    assert!(masks(&folder).is_empty(), "{:?}", masks(&folder));
    assert_eq!(look_alikes(&folder).len(), 2);
}

#[test]
fn masks_are_attributed_to_the_author_only_when_the_text_says_so() {
    let folder = letter("対象は■■■■です。");
    assert_eq!(
        folder.letters[0]
            .document
            .inlines()
            .find_map(|inline| match inline {
                Inline::Mask(mask) => Some(mask.masked_by),
                _ => None,
            }),
        Some(kairan::document::WithheldBy::NotStated)
    );
    let folder = letter("黒塗り部分は弊社にて伏せております。\n\n対象は■■■■です。");
    assert_eq!(
        folder.letters[0]
            .document
            .inlines()
            .find_map(|inline| match inline {
                Inline::Mask(mask) => Some(mask.masked_by),
                _ => None,
            }),
        Some(kairan::document::WithheldBy::Author)
    );
}

#[test]
fn separators_and_emphasis_are_not_masks() {
    let folder = letter("＊＊＊＊＊\n\nこれは **重要** です。");
    assert!(masks(&folder).is_empty(), "{:?}", masks(&folder));
}

#[test]
fn several_letters_are_split_at_each_date_and_addressee() {
    let text = "2023年6月29日\n\nお客様各位\n\n株式会社A\n\n一通目\n\n本文です。\n\n—ご参考 株式会社Bからのお知らせ—\n\n令和5年6月28日\n\n関係者各位\n\n株式会社B\n\n二通目の報告\n\n本文です。\n\n以上\n";
    let folder = import_letters(
        text,
        &ImportOptions {
            bundle_id: "t".into(),
        },
    )
    .unwrap();
    assert_eq!(folder.letters.len(), 2);
    assert_eq!(folder.letters[1].document.title_text(), "二通目の報告");
    assert_eq!(folder.letters[1].role, kairan::bundle::Role::Report);
    let source = folder.letters[1].document.source.as_ref().unwrap();
    assert_eq!(source.publisher.as_deref(), Some("株式会社B"));
    assert_eq!(
        folder.letters[1].document.date.as_ref().unwrap().iso,
        "2023-06-28"
    );
}

#[test]
fn text_without_a_letter_is_refused_with_advice() {
    let error = import_letters(
        "ただのメモ\n",
        &ImportOptions {
            bundle_id: "t".into(),
        },
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("each letter must start with its date")
    );
}

#[test]
fn hostile_text_never_panics() {
    for text in [
        "",
        "\n\n",
        "■",
        "2023年6月28日\n\nお客様各位",
        "2023年6月28日\n\nお客様各位\n\n[",
        "2023年6月28日\n\nお客様各位\n\n題\n\n—",
        "2023年6月28日\n\nお客様各位\n\n題\n\n（",
        "2023年6月28日\n\nお客様各位\n\n題\n\n**",
    ] {
        let _ = import_letters(
            text,
            &ImportOptions {
                bundle_id: "t".into(),
            },
        );
    }
}

/// A small deterministic generator, so the test needs no extra crates and always runs the same.
fn scrambled_texts() -> Vec<String> {
    let alphabet: Vec<char> = "2023年6月28日\n お客様各位株式会社■□●○◆＊*×█[]<>（）()—―-省略中略以下後前非公開REDACTED{}#|｜:：\\・。、0-9@.".chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut texts = Vec::new();
    for length in [5, 20, 80, 300] {
        for _ in 0..150 {
            let text: String = (0..length)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            texts.push(format!("2023年6月28日\n\nお客様各位\n\n題\n\n{text}"));
            texts.push(text);
        }
    }
    texts
}

#[test]
fn scrambled_text_never_panics_the_import_or_the_parser() {
    for text in scrambled_texts() {
        let _ = import_letters(
            &text,
            &ImportOptions {
                bundle_id: "t".into(),
            },
        );
        let source = format!("---\ntitle: t\n---\n{text}");
        let _ = kairan::authoring::parse_notice(&source, "x");
    }
}

#[test]
fn lines_starting_with_a_note_mark_become_notes_with_their_masks_and_others_stay_paragraphs() {
    let folder = letter(
        "本文です。\n\n※1 時刻は{{}}日本時間です。\n注：■■■■は調査中です。\n\n注意事項は別紙のとおりです。\n\n※ 印の行と\n普通の行が混ざった段落です。",
    );
    let body = &folder.letters[0].document.body;
    let notes: Vec<(String, String)> = body
        .iter()
        .filter_map(|block| match block {
            Block::Note { marker, content } => {
                Some((marker.clone(), kairan::document::inline_text(content)))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("※1".to_owned(), " 時刻は{{}}日本時間です。".to_owned()),
            ("注：".to_owned(), "■■■■は調査中です。".to_owned()),
        ]
    );
    assert_eq!(masks(&folder), ["■■■■"], "a mask in a note is a mask");
    let found: Vec<(usize, usize, String)> = folder
        .detections
        .iter()
        .filter(|found| found.kind == DetectionKind::Note)
        .map(|found| (found.line, found.column, found.text.clone()))
        .collect();
    assert_eq!(
        found,
        [(11, 1, "※1".to_owned()), (12, 1, "注：".to_owned())]
    );
    let paragraphs = body
        .iter()
        .filter(|block| matches!(block, Block::Paragraph { .. }))
        .count();
    assert_eq!(paragraphs, 3, "{body:?}");
}
