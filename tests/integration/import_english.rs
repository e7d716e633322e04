//! Letters in real-world styles other than the seed's: an English vendor notice (letterhead,
//! `June 3, 2025`, `To our customers`, `[REDACTED]`, `<REDACTED CONTENT>`, `XXXX`, `[...]`,
//! `(remainder omitted)`, `Sincerely,`) and a Japanese notice with ＊/×/● masks, ○○ as a blank,
//! （略）/（以下省略）/以下略 omissions, a 前略 salutation and ■ heading bullets. Each detection
//! is asserted with its position, the counts per letter, and that no line of the text is lost.

use kairan::authoring::import::{DetectionKind, ImportOptions, ImportedFolder, import_letters};
use kairan::document::{Block, OmissionKind, WithheldBy, plain_text};

const ENGLISH: &str = include_str!("../fixtures/import/english-vendor-notice.txt");
const JAPANESE: &str = include_str!("../fixtures/import/japanese-service-notice.txt");

fn import(text: &str) -> ImportedFolder {
    import_letters(
        text,
        &ImportOptions {
            bundle_id: "t".into(),
        },
    )
    .unwrap()
}

/// Every detection as (line, column, kind, text), in the order of the text.
fn detections(folder: &ImportedFolder) -> Vec<(usize, usize, DetectionKind, String)> {
    let mut found: Vec<_> = folder
        .detections
        .iter()
        .map(|detection| {
            (
                detection.line,
                detection.column,
                detection.kind,
                detection.text.clone(),
            )
        })
        .collect();
    found.sort_by_key(|(line, column, _, _)| (*line, *column));
    found
}

/// Every line of `text` is somewhere in the letters, spaces aside: nothing was lost.
fn assert_nothing_lost(text: &str, folder: &ImportedFolder) {
    let squeeze = |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
    let all: String = folder
        .letters
        .iter()
        .map(|letter| squeeze(&plain_text(&letter.document)))
        .collect();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        assert!(all.contains(&squeeze(line)), "lost: {line:?}");
    }
}

#[test]
fn an_english_vendor_notice_is_read_with_its_masks_and_omissions() {
    use DetectionKind::*;
    let folder = import(ENGLISH);
    let expected: Vec<(usize, usize, DetectionKind, String)> = [
        (1, 1, Issuer, "Acme Cloud, Inc."),
        (2, 1, Issuer, "500 Market Street, San Francisco"),
        (4, 1, Letter, "June 3, 2025"),
        (6, 1, Addressee, "To our customers"),
        (8, 1, Title, "Notice of a Security Incident"),
        (12, 64, Mask, "[REDACTED]"),
        (14, 61, Mask, "<REDACTED CONTENT>"),
        (14, 107, Mask, "XXXX"),
        (16, 1, Omission, "[...]"),
        (20, 105, NotWithheld, "[REDACTED]"),
        (22, 1, Omission, "(remainder omitted)"),
        (24, 1, SignOff, "Sincerely, Acme Cloud, Inc. Security Team"),
    ]
    .into_iter()
    .map(|(line, column, kind, text)| (line, column, kind, text.to_owned()))
    .collect();
    assert_eq!(detections(&folder), expected);

    assert_eq!(folder.letters.len(), 1);
    let document = &folder.letters[0].document;
    assert_eq!(document.date.as_ref().unwrap().iso, "2025-06-03");
    assert_eq!(document.date.as_ref().unwrap().text, "June 3, 2025");
    assert_eq!(
        document.addressee_text().as_deref(),
        Some("To our customers")
    );
    assert_eq!(
        document.issuer_lines(),
        ["Acme Cloud, Inc.", "500 Market Street, San Francisco"]
    );
    assert_eq!(document.title_text(), "Notice of a Security Incident");
    assert_eq!(document.mask_count(), 3);
    assert_eq!(document.omission_count(), 2);
    let kinds: Vec<OmissionKind> = document
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Omission(omission) => Some(omission.kind),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, [OmissionKind::Unspecified, OmissionKind::Rest]);
    // "redacted" in prose is not a mask, and nobody is named as having masked anything: the
    // letter says "withheld by Acme" only in a sentence, which the import does not guess from.
    let plain = plain_text(document);
    assert!(plain.contains("The redacted parts of this notice"));
    // The sign-off keeps its lines, one paragraph each.
    let last: Vec<String> = document
        .body
        .iter()
        .rev()
        .take(3)
        .map(|block| match block {
            Block::Paragraph { content } => kairan::document::inline_text(content),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(last, ["Security Team", "Acme Cloud, Inc.", "Sincerely,"]);
    assert_nothing_lost(ENGLISH, &folder);
}

#[test]
fn a_japanese_notice_in_another_style_is_read_with_its_look_alikes() {
    use DetectionKind::*;
    let folder = import(JAPANESE);
    let expected: Vec<(usize, usize, DetectionKind, String)> = [
        (1, 1, Letter, "令和7年4月10日"),
        (3, 1, Addressee, "お取引先各位"),
        (5, 1, Issuer, "株式会社テストシステム"),
        (7, 1, Title, "サービス停止に関するお知らせ"),
        (9, 1, NotWithheld, "前略"),
        (11, 1, Heading, "■ 概要"),
        (11, 1, NotWithheld, "■"),
        (13, 4, Mask, "＊＊＊＊"),
        (13, 22, Mask, "××××"),
        (13, 49, NotWithheld, "○○"),
        (15, 1, Omission, "（略）"),
        (17, 1, Heading, "■ 今後の対応"),
        (17, 1, NotWithheld, "■"),
        (19, 4, Mask, "●●●●"),
        (19, 28, Omission, "（以下省略）"),
        (21, 1, Omission, "以下略"),
    ]
    .into_iter()
    .map(|(line, column, kind, text)| (line, column, kind, text.to_owned()))
    .collect();
    assert_eq!(detections(&folder), expected);
    let document = &folder.letters[0].document;
    assert_eq!(document.date.as_ref().unwrap().iso, "2025-04-10");
    assert_eq!(document.mask_count(), 3);
    assert_eq!(document.omission_count(), 3);
    assert_eq!(document.closing.as_deref(), Some("以上"));
    assert!(document.inlines().all(|inline| match inline {
        kairan::document::Inline::Mask(mask) => mask.masked_by == WithheldBy::NotStated,
        _ => true,
    }));
    assert_nothing_lost(JAPANESE, &folder);
}

#[test]
fn english_omission_words_count_only_in_brackets_and_redaction_words_only_as_markers() {
    let text = "June 3, 2025\n\nDear Customer,\n\nUpdate\n\nSome details were omitted from this notice. The redacted text is with counsel.\n\n[omitted]\n\nXXL and 10X are sizes; XX is too short.\n";
    let folder = import(text);
    let document = &folder.letters[0].document;
    assert_eq!(document.omission_count(), 1);
    assert_eq!(document.mask_count(), 0, "{:?}", detections(&folder));
}

#[test]
fn english_dates_in_several_forms_start_a_letter() {
    for date in [
        "June 3, 2025",
        "3 June 2025",
        "2025-06-03",
        "Tuesday, June 3, 2025",
    ] {
        let text = format!("{date}\n\nTo our customers\n\nNotice\n\nWe write to you.\n");
        let folder = import(&text);
        assert_eq!(
            folder.letters[0].document.date.as_ref().unwrap().iso,
            "2025-06-03",
            "{date}"
        );
    }
}

#[test]
fn an_imported_english_letter_packs_and_its_markers_pass_the_checks() {
    let folder = import(ENGLISH);
    let dir = tempfile::tempdir().unwrap();
    for file in &folder.files {
        let path = dir.path().join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.text).unwrap();
    }
    let findings = kairan::authoring::checks::check_dir(dir.path());
    let errors: Vec<_> = findings
        .iter()
        .filter(|finding| finding.severity == kairan::authoring::checks::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_mask_in_the_head_is_a_mask_and_an_omission_in_a_list_item_is_reported() {
    let text = "2025年 6月 3日\n\nお客様へ\n\n●●●●株式会社\n\nサービス停止のお知らせ\n\n本日は\tご報告です。\n\n・項目一（中略）項目二\n・項目三\n\n* * * * *\n\n以上\n";
    let folder = import(text);
    let document = &folder.letters[0].document;
    assert_eq!(document.date.as_ref().unwrap().iso, "2025-06-03");
    assert_eq!(document.addressee_text().as_deref(), Some("お客様へ"));
    let reported: Vec<(usize, usize, String)> = folder
        .detections
        .iter()
        .filter(|detection| detection.kind == DetectionKind::NotWithheld)
        .map(|detection| (detection.line, detection.column, detection.text.clone()))
        .collect();
    assert_eq!(
        reported,
        [
            (11, 5, "（中略）".to_owned()),
            (14, 1, "* * * * *".to_owned()),
        ]
    );
    // ●●●●株式会社 in the issuer line: a mask where it stands, reported as any mask is.
    assert!(matches!(
        document.issuer[0].as_slice(),
        [kairan::document::Inline::Mask(mask), kairan::document::Inline::Text { text }]
            if mask.marker == "●●●●" && text == "株式会社"
    ));
    assert!(
        folder
            .detections
            .iter()
            .any(|detection| detection.kind == DetectionKind::Mask
                && (detection.line, detection.column) == (5, 1))
    );
    assert_eq!(document.mask_count(), 1);
    let plain = plain_text(document);
    assert!(
        plain.contains("本日は\tご報告です。"),
        "a tab is kept: {plain}"
    );
    assert!(
        plain.contains("* * * * *"),
        "the separator is whole: {plain}"
    );
    assert_nothing_lost(text, &folder);
}

#[test]
fn words_made_of_x_and_code_are_not_withheld() {
    let text = "June 3, 2025\n\nTo our customers\n\nUpdate\n\nSuper Bowl XXX and Article XXX were cited. XXXX-large shirts, passwd.XXXXXX, f(...) and list[...] appear. Account XXXX was locked.\n";
    let folder = import(text);
    let document = &folder.letters[0].document;
    assert_eq!(document.mask_count(), 1, "{:?}", detections(&folder));
    assert_eq!(document.omission_count(), 0, "{:?}", detections(&folder));
}
