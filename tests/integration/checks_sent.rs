//! Checks on what is sent, not on how it was typed: personal data in the forms people type it
//! and in the compiled text (numbers broken across lines, JSON escapes), in mask labels and in
//! text attachments; readable mask markers; nothing read from outside the notice folder.

use std::path::Path;

use kairan::authoring::SourceProblem;
use kairan::authoring::checks::{FindingCode, FindingDetail, NotScanned, Severity, check_dir};

use crate::checks::{FIRM, REPORT, findings_with, plant, plant_paragraph};
use crate::support::{self, sample_copy};

/// The individual numbers found, as (line, column, digits).
fn individual_numbers(dir: &Path) -> Vec<(usize, usize, String)> {
    findings_with(dir, FindingCode::IndividualNumber)
        .into_iter()
        .map(|finding| {
            assert_eq!(finding.severity, Severity::Error);
            let FindingDetail::IndividualNumber { number } = &finding.detail else {
                panic!("{finding:?}");
            };
            let digits = number.chars().filter(char::is_ascii_digit).collect();
            (finding.line, finding.column, digits)
        })
        .collect()
}

#[test]
fn an_individual_number_is_found_in_every_way_it_is_typed() {
    for (typed, column) in [
        ("１２３４\u{3000}５６７８\u{3000}９０１８", 6),
        ("1234ー5678ー9018", 6),
        ("1 2 3 4 5 6 7 8 9 0 1 8", 6),
        ("No.123456789018", 9),
        ("1234.5678.9018", 6),
        ("1234－5678－9018", 6),
    ] {
        let dir = sample_copy();
        let line = plant_paragraph(dir.path(), &format!("個人番号：{typed}です。"));
        assert_eq!(
            individual_numbers(dir.path()),
            vec![(line, column, "123456789018".to_owned())],
            "{typed}"
        );
    }
}

#[test]
fn a_number_broken_across_two_source_lines_is_found_in_the_paragraph_it_makes() {
    let dir = sample_copy();
    let line = plant_paragraph(dir.path(), "対象者の個人番号は1234 5678\n9018です。");
    // No line holds the number; the paragraph the reader gets does. The finding points at the
    // paragraph's first line.
    assert_eq!(
        individual_numbers(dir.path()),
        vec![(line, 1, "123456789018".to_owned())]
    );
    let dir = sample_copy();
    let line = plant_paragraph(
        dir.path(),
        "対象者の個人番号は１２３４５６\n７８９０１８です。",
    );
    assert_eq!(
        individual_numbers(dir.path()),
        vec![(line, 1, "123456789018".to_owned())]
    );
}

#[test]
fn a_number_in_a_mask_label_or_reason_is_found() {
    let dir = sample_copy();
    let (line, _) = plant(
        dir.path(),
        REPORT,
        "{{■■■■}}",
        "{{■■■■ | label: 番号 1234ー5678ー9018 | reason: 個人情報}}",
    );
    let found = individual_numbers(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, line);
}

#[test]
fn escapes_in_a_json_document_are_read_as_the_characters_they_stand_for() {
    let dir = sample_copy();
    let digits: String = "123456789018"
        .chars()
        .map(|c| format!("\\u{:04x}", u32::from(c)))
        .collect();
    let json = format!(
        r#"{{"format":"kairan-document","format_version":1,"title":"別紙","body":[{{"type":"paragraph","content":[{{"type":"text","text":"番号 {digits}"}}]}}]}}"#
    );
    std::fs::write(dir.path().join("documents/extra.json"), json).unwrap();
    add_entry(
        dir.path(),
        serde_json::json!({"file": "documents/extra.json", "role": "vendor_notice"}),
    );
    let found: Vec<_> = findings_with(dir.path(), FindingCode::IndividualNumber);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].file, "documents/extra.json");
}

fn add_entry(dir: &Path, entry: serde_json::Value) {
    let path = dir.join("bundle.json");
    let mut metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    metadata["entries"].as_array_mut().unwrap().push(entry);
    std::fs::write(&path, serde_json::to_vec_pretty(&metadata).unwrap()).unwrap();
}

fn attach(dir: &Path, name: &str, media_type: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir.join("attachments")).unwrap();
    std::fs::write(dir.join("attachments").join(name), bytes).unwrap();
    add_entry(
        dir,
        serde_json::json!({
            "file": format!("attachments/{name}"),
            "role": "attachment",
            "media_type": media_type,
        }),
    );
}

#[test]
fn text_attachments_are_scanned_and_the_others_are_named() {
    let dir = sample_copy();
    let csv = "氏名,個人番号,電話\n山田太郎,123456789018,03-1234-5678\n";
    attach(dir.path(), "list.csv", "text/csv", csv.as_bytes());
    let (shift_jis, _, _) = encoding_rs::SHIFT_JIS.encode("氏名,番号\n佐藤花子,1234 5678 9018\n");
    attach(dir.path(), "list-sjis.csv", "text/csv", &shift_jis);
    attach(dir.path(), "report.pdf", "application/pdf", b"%PDF-1.7\n");
    attach(dir.path(), "odd.txt", "text/plain", &[0xFD, 0xFD, 0x80]);
    let findings = check_dir(dir.path());
    let in_attachments: Vec<_> = findings
        .iter()
        .filter(|finding| finding.file.starts_with("attachments/"))
        .map(|finding| {
            (
                finding.file.as_str(),
                finding.line,
                finding.column,
                finding.code,
                finding.severity,
            )
        })
        .collect();
    assert_eq!(
        in_attachments,
        vec![
            (
                "attachments/list-sjis.csv",
                2,
                6,
                FindingCode::IndividualNumber,
                Severity::Error
            ),
            (
                "attachments/list.csv",
                2,
                6,
                FindingCode::IndividualNumber,
                Severity::Error
            ),
            (
                "attachments/list.csv",
                2,
                19,
                FindingCode::PhoneNumber,
                Severity::Warning
            ),
            (
                "attachments/odd.txt",
                1,
                1,
                FindingCode::AttachmentNotScanned,
                Severity::Note
            ),
            (
                "attachments/report.pdf",
                1,
                1,
                FindingCode::AttachmentNotScanned,
                Severity::Note
            ),
        ]
    );
    let pdf = findings
        .iter()
        .find(|finding| finding.file == "attachments/report.pdf")
        .unwrap();
    assert_eq!(
        pdf.detail,
        FindingDetail::AttachmentNotScanned {
            media_type: "application/pdf".into(),
            why: NotScanned::NotText
        }
    );
    assert!(pdf.message().contains("not checked for personal data"));
}

#[test]
fn a_note_never_stops_signing_and_is_counted_apart() {
    let dir = sample_copy();
    attach(dir.path(), "report.pdf", "application/pdf", b"%PDF-1.7\n");
    let output = support::run_kairan(dir.parent(), &["check", "notice"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", support::describe(&output));
    assert!(
        stdout.contains("1 note (for you to check by hand)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("attachments/report.pdf:1:1: note [attachment-not-scanned]"),
        "{stdout}"
    );
}

#[test]
fn a_mask_marker_that_is_readable_text_is_an_error() {
    let dir = sample_copy();
    let at = plant(
        dir.path(),
        REPORT,
        "{{■■■■}}",
        "{{山田太郎 | reason: 個人情報のため}}",
    );
    let found = findings_with(dir.path(), FindingCode::ReadableMaskMarker);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!((found[0].line, found[0].column), at);
    let dir = sample_copy();
    plant(dir.path(), REPORT, "{{■■■■}}", "{{[REDACTED]}}");
    plant(dir.path(), REPORT, "{{■■■■}}", "{{非公開}}");
    assert_eq!(
        findings_with(dir.path(), FindingCode::ReadableMaskMarker),
        vec![]
    );
}

#[cfg(unix)]
#[test]
fn nothing_outside_the_folder_is_read() {
    let dir = sample_copy();
    let outside = dir.parent().join("secret.notice.md");
    let source = dir.path().join(FIRM);
    std::fs::copy(&source, &outside).unwrap();
    std::fs::remove_file(&source).unwrap();
    std::os::unix::fs::symlink(&outside, &source).unwrap();
    let findings = check_dir(dir.path());
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(
        findings[0].detail,
        FindingDetail::Source(SourceProblem::SymlinkRefused {
            path: FIRM.into(),
            at: FIRM.into(),
        })
    );
    // A linked folder is refused as well, and `pack` signs nothing.
    let dir = sample_copy();
    let documents = dir.path().join("documents");
    let moved = dir.parent().join("elsewhere");
    std::fs::rename(&documents, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &documents).unwrap();
    let env = crate::support::env::Env::new();
    let key = env.key("firm");
    let output = support::run_kairan(
        dir.parent(),
        &[
            "pack",
            "notice",
            "--key",
            key.secret_file.to_str().unwrap(),
            "-o",
            "out.kairan",
        ],
    );
    assert!(!output.status.success(), "{}", support::describe(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is a symbolic link"),
        "{}",
        support::describe(&output)
    );
    assert!(!dir.parent().join("out.kairan").exists());
}

#[test]
fn every_attachment_is_read_whatever_it_claims_to_be_and_however_it_is_encoded() {
    let dir = sample_copy();
    let number = "123456789018";
    // A role only bundle.json claims: the file is checked like any attachment.
    std::fs::create_dir_all(dir.path().join("attachments")).unwrap();
    std::fs::write(
        dir.path().join("attachments/staff.csv"),
        format!("山田太郎,{number}\n"),
    )
    .unwrap();
    add_entry(
        dir.path(),
        serde_json::json!({
            "file": "attachments/staff.csv",
            "role": "key_rollover",
            "media_type": "text/csv",
        }),
    );
    let utf16: Vec<u8> = format!("氏名,番号\n山田,{number}\n")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    attach(dir.path(), "utf16.csv", "text/csv", &utf16);
    let escaped: String = number
        .chars()
        .map(|c| format!("\\u{:04x}", u32::from(c)))
        .collect();
    attach(
        dir.path(),
        "list.json",
        "application/json",
        format!("{{\"number\": \"{escaped}\"}}").as_bytes(),
    );
    let referenced: String = number
        .chars()
        .map(|c| format!("&#{};", u32::from(c)))
        .collect();
    attach(
        dir.path(),
        "list.xml",
        "application/xml",
        format!("<n>{referenced}</n>").as_bytes(),
    );
    let mut files: Vec<(String, usize)> = findings_with(dir.path(), FindingCode::IndividualNumber)
        .into_iter()
        .map(|finding| (finding.file, finding.line))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ("attachments/list.json".to_owned(), 1),
            ("attachments/list.xml".to_owned(), 1),
            ("attachments/staff.csv".to_owned(), 1),
            ("attachments/utf16.csv".to_owned(), 2),
        ]
    );
}

#[test]
fn the_values_of_bundle_json_that_reach_every_manifest_are_checked() {
    let dir = sample_copy();
    let path = dir.path().join("bundle.json");
    let mut metadata: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    metadata["issuer_name"] = "みかさ社会保険労務士法人 1234 5678 9018".into();
    // A byte-order mark, as some editors save, is not an error.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec_pretty(&metadata).unwrap());
    std::fs::write(&path, bytes).unwrap();
    let found = findings_with(dir.path(), FindingCode::IndividualNumber);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].file, "bundle.json");
}

#[test]
fn windows_line_ends_are_not_hidden_characters() {
    let dir = sample_copy();
    let path = dir.path().join(FIRM);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    assert_eq!(
        findings_with(dir.path(), FindingCode::InvisibleCharacter),
        vec![]
    );
}

#[test]
fn numbers_next_to_other_numbers_are_found_and_addresses_and_times_are_not() {
    for (typed, found) in [
        ("（1）1234 5678 9018", true),
        ("10:30 123456789018", true),
        ("1234-5678-\n9018", true),
        ("攻撃元 109.220.209.123 から", false),
        ("20230629 0900 に検知", false),
    ] {
        let dir = sample_copy();
        plant_paragraph(dir.path(), &format!("記録：{typed}。"));
        assert_eq!(!individual_numbers(dir.path()).is_empty(), found, "{typed}");
    }
}
