//! A mask in the letter's head (document format version 2): written in the front matter, checked
//! where it stands, signed as a version 2 document while the other documents stay version 1,
//! counted and listed with the body's masks, and written back to the same source.

use std::path::Path;

use kairan::authoring::checks::{FindingCode, Severity, check_dir};
use kairan::authoring::{PackOptions, compile_folder, pack_folder, parse_notice, write_notice};
use kairan::bundle::{self, SecretKey};
use kairan::document::letter::PartKey;
use kairan::document::{Inline, WithheldKind, withheld_items};

use crate::checks::{REPORT, plant};
use crate::support::sample_copy;

const ISSUER: &str = "issuer: {{●●●● | label: 社名 | reason: 調査会社の名前は公表されていないため | by: author}}株式会社\n";

/// The folder signed with the demo key.
fn signed(dir: &Path) -> Vec<u8> {
    let key_text = std::fs::read_to_string("notices/demo-key/kairan-demo.key").unwrap();
    let key = SecretKey::from_file_text(&key_text, None).unwrap();
    pack_folder(dir, &key, &PackOptions::default()).unwrap()
}

/// `document` written as a source parses back to itself, is stored as version 2, and its
/// JSON relabelled as version 1 is refused.
fn round_trips_as_version_2_only(document: &kairan::document::Document) {
    let source = write_notice(document, &|path: &str| path.to_owned()).unwrap();
    assert_eq!(
        &parse_notice(&source, "r.notice.md").unwrap().document,
        document
    );
    let json = String::from_utf8(document.to_json()).unwrap();
    assert!(json.contains("\"format_version\": 2"));
    let as_v1 = json.replacen("\"format_version\": 2", "\"format_version\": 1", 1);
    assert!(kairan::document::Document::from_json(as_v1.as_bytes()).is_err());
}

/// The sample with a masked issuer line in the vendor report; returns the line it is on.
fn with_masked_issuer(dir: &Path) -> usize {
    plant(
        dir,
        REPORT,
        "addressee: お客様各位\n",
        &format!("addressee: お客様各位\n{ISSUER}"),
    )
    .0 + 1
}

#[test]
fn a_mask_in_the_head_is_read_counted_and_listed_first() {
    let dir = sample_copy();
    with_masked_issuer(dir.path());
    let folder = compile_folder(dir.path()).unwrap();
    let report = &folder.documents[1].document;
    let [Inline::Mask(mask), Inline::Text { text }] = report.issuer[0].as_slice() else {
        panic!("{:?}", report.issuer);
    };
    assert_eq!(mask.marker, "●●●●");
    assert_eq!(mask.label.as_deref(), Some("社名"));
    assert_eq!(text, "株式会社");
    assert_eq!(report.mask_count(), 4);
    let items = withheld_items(report);
    assert_eq!(items[0].place, PartKey::Issuer(0));
    assert!(matches!(items[0].kind, WithheldKind::Mask(first) if first.marker == "●●●●"));
}

#[test]
fn a_mask_in_the_head_is_checked_where_it_stands() {
    let dir = sample_copy();
    let (line, column) = plant(
        dir.path(),
        REPORT,
        "title: セキュリティ調査",
        "title: {{山田}}セキュリティ調査",
    );
    let found: Vec<_> = check_dir(dir.path())
        .into_iter()
        .filter(|finding| finding.file == REPORT && finding.line == line)
        .map(|finding| (finding.column, finding.code, finding.severity))
        .collect();
    // The mask starts after `title: `.
    assert_eq!(
        found,
        [
            (
                column + 7,
                FindingCode::MaskWithoutReason,
                Severity::Warning
            ),
            (column + 7, FindingCode::ReadableMaskMarker, Severity::Error),
        ]
    );
}

#[test]
fn only_the_document_with_a_masked_head_is_signed_as_version_2() {
    let dir = sample_copy();
    with_masked_issuer(dir.path());
    let bytes = signed(dir.path());
    let opened = bundle::open_bytes(bytes.into(), &[kairan::sample::demo_trusted_key()]).unwrap();
    assert!(opened.verdict.intact());
    assert_eq!(opened.mask_count(), 4);
    let versions: Vec<u64> = opened
        .documents
        .iter()
        .map(|document| {
            let json: serde_json::Value =
                serde_json::from_slice(&opened.entry_bytes(&document.entry.path).unwrap()).unwrap();
            json["format_version"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(versions, [1, 2, 1]);
}

#[test]
fn a_masked_head_is_written_back_to_the_same_source() {
    let dir = sample_copy();
    with_masked_issuer(dir.path());
    let folder = compile_folder(dir.path()).unwrap();
    let report = &folder.documents[1].document;
    let source = write_notice(report, &|path: &str| path.to_owned()).unwrap();
    assert!(source.contains(ISSUER), "{source}");
    let parsed = parse_notice(&source, "report.notice.md").unwrap();
    assert_eq!(&parsed.document, report);
}

#[test]
fn links_and_tabs_in_the_head_work_as_in_the_body() {
    let dir = sample_copy();
    plant(
        dir.path(),
        crate::checks::FIRM,
        "title: 利用システム障害",
        "title: [利用](doc:vendor-report-2023-06-28#s6)システム\t障害",
    );
    let errors: Vec<_> = check_dir(dir.path())
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let bytes = signed(dir.path());
    let opened = bundle::open_bytes(bytes.into(), &[kairan::sample::demo_trusted_key()]).unwrap();
    assert!(opened.verdict.intact());
    let links: Vec<_> = opened.documents[0].document.links().collect();
    assert!(matches!(
        links[0].0,
        kairan::document::LinkTarget::Document { path, heading: Some(heading) }
            if path == "documents/vendor-report-2023-06-28.json" && heading == "s6"
    ));
}

#[test]
fn a_masked_name_in_the_head_never_reaches_a_plain_field_on_import() {
    let letter = "2023年6月29日\n\nお客様各位\n\nみかさ社会保険労務士法人\n\nお知らせ\n\n本文です。\n\n—ご参考 [REDACTED: 田中商事]からのお知らせ—\n\n2023年6月28日\n\nお客様各位\n\n[REDACTED: 田中商事]株式会社\n\n報告\n\n本文です。\n";
    let folder = kairan::authoring::import::import_letters(
        letter,
        &kairan::authoring::import::ImportOptions {
            bundle_id: "t".into(),
        },
    )
    .unwrap();
    for file in &folder.files {
        let plain_fields: Vec<&str> = file
            .text
            .lines()
            .filter(|line| line.starts_with("publisher:") || line.contains("issuer_name"))
            .collect();
        assert!(
            plain_fields.iter().all(|line| !line.contains("田中商事")),
            "{}: {plain_fields:?}",
            file.path
        );
    }
    let copy = &folder.letters[1].document;
    assert_eq!(
        copy.issuer[0].len(),
        2,
        "the mask stays a mask in the issuer line"
    );
}

#[test]
fn a_json_document_with_a_blank_title_or_a_script_link_is_refused() {
    let dir = sample_copy();
    let json = r#"{"format":"kairan-document","format_version":2,"title":[],
        "addressee":[{"type":"link","target":{"kind":"external","url":"javascript:alert(1)"},"text":"お客様"}],
        "issuer":[[{"type":"text","text":"株式会社"}]],"body":[]}"#;
    std::fs::write(dir.path().join("documents/extra.json"), json).unwrap();
    let path = dir.path().join("bundle.json");
    let mut metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    metadata["entries"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"file": "documents/extra.json", "role": "vendor_notice"}));
    std::fs::write(&path, serde_json::to_vec_pretty(&metadata).unwrap()).unwrap();
    let mut codes: Vec<FindingCode> = check_dir(dir.path())
        .into_iter()
        .filter(|finding| {
            finding.file == "documents/extra.json" && finding.severity == Severity::Error
        })
        .map(|finding| finding.code)
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [FindingCode::MissingTitle, FindingCode::UnopenableLink]
    );
}

#[test]
fn a_head_line_longer_than_a_reader_sets_is_refused_with_its_place() {
    let dir = sample_copy();
    let long = "件".repeat(kairan::bundle::limits::MAX_HEAD_LINE_CHARS + 1);
    let (line, column) = plant(
        dir.path(),
        REPORT,
        "title: セキュリティ調査に関する報告書",
        &format!("title: {long}"),
    );
    let found = check_dir(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].line, found[0].column), (line, column + 7));
    // A JSON document with such a title does not open at all.
    let json =
        format!(r#"{{"format":"kairan-document","format_version":1,"title":"{long}","body":[]}}"#);
    assert!(matches!(
        kairan::document::Document::from_json(json.as_bytes()),
        Err(kairan::document::DocumentError::HeadLineTooLong { field: "title", .. })
    ));
}

#[test]
fn bold_text_is_read_signed_as_version_2_and_written_back() {
    let dir = sample_copy();
    plant(
        dir.path(),
        REPORT,
        "確認されていません。",
        "**確認されていません**。星印 \\*\\* はそのまま。",
    );
    let folder = compile_folder(dir.path()).unwrap();
    let report = &folder.documents[1].document;
    let strong: Vec<&str> = report
        .body
        .iter()
        .filter_map(|block| match block {
            kairan::document::Block::Paragraph { content } => Some(content),
            _ => None,
        })
        .flatten()
        .filter_map(|inline| match inline {
            Inline::Strong { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(strong, ["確認されていません"]);
    assert!(
        kairan::document::plain_text(report).contains("確認されていません。星印 ** はそのまま。")
    );
    // Written back, the literal stars stay literal and the bold stays bold; only version 2
    // carries it.
    round_trips_as_version_2_only(report);
    // Bold opens right before a word and closes right after one; unclosed stars are text.
    let parsed = parse_notice(
        "---\ntitle: t\n---\n\n星 **だけ** と ** ひとつ\n",
        "s.notice.md",
    )
    .unwrap();
    assert!(matches!(
        parsed.document.body[0],
        kairan::document::Block::Paragraph { ref content }
            if matches!(content.as_slice(), [Inline::Text { .. }, Inline::Strong { text }, Inline::Text { text: rest }] if text == "だけ" && rest == " と ** ひとつ")
    ));
}

#[test]
fn bold_text_prints_in_the_pdf_as_its_words() {
    crate::support::require_tool("pdftotext", "poppler-utils");
    let pdf_text = |bold: bool| {
        let dir = sample_copy();
        if bold {
            plant(
                dir.path(),
                REPORT,
                "確認されていません。",
                "**確認されていません**。",
            );
        }
        let bytes = signed(dir.path());
        let file = dir.parent().join("bold.kairan");
        std::fs::write(&file, bytes).unwrap();
        let pdf = dir.parent().join("bold.pdf");
        let output = crate::support::run_kairan(
            dir.parent(),
            &[
                "pdf",
                file.to_str().unwrap(),
                "-o",
                pdf.to_str().unwrap(),
                "--show-anyway",
            ],
        );
        assert!(pdf.exists(), "{}", crate::support::describe(&output));
        let text = std::process::Command::new("pdftotext")
            .args([pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&text.stdout).into_owned()
    };
    let (plain, bold) = (pdf_text(false), pdf_text(true));
    // The bold words are printed where they stand, with no note of their own (as a link or a
    // mask would get): the same notes as without bold.
    assert!(bold.contains("確認されていません。"), "{bold}");
    assert_eq!(bold.matches('※').count(), plain.matches('※').count());
}

#[test]
fn notes_keep_their_mark_and_text_and_need_version_2() {
    let dir = sample_copy();
    plant(
        dir.path(),
        REPORT,
        "## 7. 再発防止策 {#s7}",
        "> ※1 {{■■■■ | label: 社名}}社の調査による。\n\n> （注）日付は受付日。\n\n\\> 引用ではない段落\n\n## 7. 再発防止策 {#s7}",
    );
    let folder = compile_folder(dir.path()).unwrap();
    let report = &folder.documents[1].document;
    let notes: Vec<(String, String)> = report
        .body
        .iter()
        .filter_map(|block| match block {
            kairan::document::Block::Note { marker, content } => {
                Some((marker.clone(), kairan::document::inline_text(content)))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("※1".to_owned(), " ■■■■社の調査による。".to_owned()),
            ("（注）".to_owned(), "日付は受付日。".to_owned()),
        ]
    );
    let plain = kairan::document::plain_text(report);
    assert!(plain.contains("※1 ■■■■社の調査による。"), "{plain}");
    assert!(plain.contains("> 引用ではない段落"), "{plain}");
    // The mask in a note is a mask like any other.
    assert_eq!(report.mask_count(), 4);
    round_trips_as_version_2_only(report);
    // `>` without a mark is an error with its place.
    let errors =
        parse_notice("---\ntitle: t\n---\n\n> 注意してください\n", "n.notice.md").unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (5, 1));
}

#[test]
fn stars_and_marks_that_are_not_markup_stay_text_and_markup_inside_bold_is_refused() {
    let body = |text: &str| {
        parse_notice(&format!("---\ntitle: t\n---\n\n{text}\n"), "s.notice.md")
            .map(|parsed| parsed.document.body)
    };
    // Hand-masked numbers keep every star; spaced stars are not bold.
    for text in [
        "カード番号 ****-****-****-1234",
        "ID: ****1234、口座: ****5678",
        "2 ** 10 ** 2",
    ] {
        let blocks = body(text).unwrap();
        assert_eq!(
            blocks,
            vec![kairan::document::Block::Paragraph {
                content: vec![Inline::text(text)]
            }],
            "{text}"
        );
    }
    // Brackets alone are text, in bold as anywhere.
    let blocks = body("**[重要]お知らせ**").unwrap();
    assert!(matches!(
        &blocks[0],
        kairan::document::Block::Paragraph { content }
            if content == &vec![Inline::Strong { text: "[重要]お知らせ".into() }]
    ));
    // A mask or link in bold is an error with its place, never text with braces in it.
    for text in ["マスク**a {{■■■■}} b**です。", "**[x](doc:#s1)**"] {
        let errors = body(text).unwrap_err();
        assert_eq!(
            errors[0].problem,
            kairan::authoring::SourceProblem::MarkupInBold,
            "{text}"
        );
    }
    // `>` lines: a mark after `> `, and text after the mark.
    for text in [
        ">",
        ">※1 空白なし。",
        ">> ※1 二重",
        "> ※1",
        "> 注1234：長い番号",
    ] {
        assert!(body(text).is_err(), "{text}");
    }
    // Hand-written JSON: a note's mark must be a mark, its text not empty; bold not empty.
    for (marker, content) in [
        ("※1\n偽の段落", "x"),
        ("", "x"),
        ("山田太郎様の件", "x"),
        ("※1", ""),
    ] {
        let json = serde_json::json!({
            "format": "kairan-document", "format_version": 2, "title": [],
            "body": [{"type": "note", "marker": marker,
                      "content": [{"type": "text", "text": content}]}],
        });
        assert!(
            kairan::document::Document::from_json(json.to_string().as_bytes()).is_err(),
            "{marker:?}"
        );
    }
    let json = r#"{"format":"kairan-document","format_version":2,"title":[],
        "body":[{"type":"paragraph","content":[{"type":"strong","text":""}]}]}"#;
    assert!(kairan::document::Document::from_json(json.as_bytes()).is_err());
}

#[test]
fn a_control_character_in_the_letters_head_is_refused_where_it_stands() {
    // Found by the fuzz target: a caption with NUL bytes parsed into a document its own JSON
    // form refuses.
    let source = "---\ntitle: お知らせ\ncaption: —ご参考\u{0}—\ndate: 2023年6月28日\u{7}\n---\n本文\n\n-> 以上\u{1b}\n";
    let errors = parse_notice(source, "r.notice.md").unwrap_err();
    let found: Vec<(usize, usize, String)> = errors
        .iter()
        .map(|error| (error.line, error.column, error.problem.to_string()))
        .collect();
    let at: Vec<(usize, usize)> = found
        .iter()
        .map(|(line, column, _)| (*line, *column))
        .collect();
    assert_eq!(at, [(3, 14), (4, 17), (8, 6)], "{found:?}");
    assert!(found[0].2.contains("U+0000"), "{found:?}");
}

#[test]
fn an_invisible_character_in_a_marker_is_refused() {
    // Found by the fuzz target: `[[—省略<U+FEFF>—]]` parsed into a document its own JSON form
    // refuses.
    let source = "---\ntitle: お知らせ\n---\n本文{{■■\u{200b}■■}}\n\n[[—省略\u{feff}—]]\n";
    let errors = parse_notice(source, "r.notice.md").unwrap_err();
    let found: Vec<String> = errors
        .iter()
        .map(|error| error.problem.to_string())
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("U+200B") && found[1].contains("U+FEFF"),
        "{found:?}"
    );
}

#[test]
fn stars_around_a_control_character_stay_text() {
    // Found by the fuzz target: `**a<ESC>b**` made bold text its JSON form refuses.
    let source = "---\ntitle: お知らせ\n---\n本文**a\u{1b}b**です。\n";
    let document = parse_notice(source, "r.notice.md").unwrap().document;
    assert!(kairan::document::Document::from_json(&document.to_json()).is_ok());
    assert!(
        !document
            .inlines()
            .any(|inline| matches!(inline, Inline::Strong { .. }))
    );
}
