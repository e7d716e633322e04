//! Pre-send checks: each planted problem is found at its line and column, and the sample passes
//! with warnings only.

use std::path::Path;

use kairan::authoring::checks::{
    Finding, FindingCode, Severity, WarningPolicy, blocking, check_dir,
};

use crate::support::{self, sample_copy};

pub(crate) const FIRM: &str = "documents/firm-notice-2023-06-29.notice.md";
pub(crate) const REPORT: &str = "documents/vendor-report-2023-06-28.notice.md";
const VENDOR: &str = "documents/vendor-notice-2023-06-25.notice.md";

/// Replaces `from` with `to` in `file` and returns the 1-based line and column of the change.
pub(crate) fn plant(dir: &Path, file: &str, from: &str, to: &str) -> (usize, usize) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let offset = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in {file}"));
    let line = text[..offset].matches('\n').count() + 1;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (line, column)
}

/// Adds a paragraph after the firm notice's first paragraph; returns its line.
pub(crate) fn plant_paragraph(dir: &Path, paragraph: &str) -> usize {
    let anchor = "時下ますますご清栄のこととお慶び申し上げます。";
    plant(dir, FIRM, anchor, &format!("{anchor}\n\n{paragraph}")).0 + 2
}

pub(crate) fn findings_with(dir: &Path, code: FindingCode) -> Vec<Finding> {
    check_dir(dir)
        .into_iter()
        .filter(|finding| finding.code == code)
        .collect()
}

fn assert_single(
    dir: &Path,
    code: FindingCode,
    severity: Severity,
    file: &str,
    at: (usize, usize),
) {
    let found = findings_with(dir, code);
    assert_eq!(found.len(), 1, "{code:?}: {found:?}");
    assert_eq!(found[0].severity, severity, "{code:?}");
    assert_eq!(found[0].file, file);
    assert_eq!((found[0].line, found[0].column), at, "{}", found[0]);
}

#[test]
fn the_sample_passes_with_warnings_only() {
    let findings = check_dir(&support::sample_folder());
    assert!(
        blocking(&findings, WarningPolicy::Allow).is_empty(),
        "{findings:?}"
    );
    assert!(!findings.is_empty());
    assert!(!blocking(&findings, WarningPolicy::Refuse).is_empty());
    let codes: std::collections::BTreeSet<_> =
        findings.iter().map(|finding| finding.code).collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        vec![
            FindingCode::MaskWithoutReason,
            FindingCode::OmissionWithoutReason,
            FindingCode::MissingIssuer
        ]
    );
}

#[test]
fn a_link_to_a_missing_document_is_an_error() {
    let dir = sample_copy();
    let at = plant(
        dir.path(),
        FIRM,
        "[2023年6月25日付](doc:vendor-notice-2023-06-25)",
        "[2023年6月25日付](doc:vendor-notice-2023-06-26)",
    );
    assert_single(
        dir.path(),
        FindingCode::MissingDocument,
        Severity::Error,
        FIRM,
        at,
    );
}

#[test]
fn a_link_to_a_missing_heading_is_an_error() {
    let dir = sample_copy();
    let at = plant(dir.path(), FIRM, "[①", "[①");
    plant(dir.path(), FIRM, "#s6)", "#s9)");
    assert_single(
        dir.path(),
        FindingCode::MissingHeading,
        Severity::Error,
        FIRM,
        at,
    );
}

#[test]
fn masks_without_a_reason_are_warnings_until_one_is_given() {
    let dir = sample_copy();
    assert_eq!(
        findings_with(dir.path(), FindingCode::MaskWithoutReason).len(),
        3
    );
    let at = plant(
        dir.path(),
        REPORT,
        "{{■■■■}}",
        "{{■■■■ | reason: 社内情報}}",
    );
    let found = findings_with(dir.path(), FindingCode::MaskWithoutReason);
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .all(|finding| (finding.line, finding.column) != at)
    );
    assert!(
        found
            .iter()
            .all(|finding| finding.severity == Severity::Warning)
    );
}

#[test]
fn omissions_without_a_reason_are_warnings() {
    let dir = sample_copy();
    let found = findings_with(dir.path(), FindingCode::OmissionWithoutReason);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].file, VENDOR);
    let at = plant(
        dir.path(),
        VENDOR,
        "[[—省略—]]",
        "[[—省略— | reason: 転送者の判断]]",
    );
    let found = findings_with(dir.path(), FindingCode::OmissionWithoutReason);
    assert_eq!(found.len(), 1);
    assert_ne!((found[0].line, found[0].column), at);
}

#[test]
fn a_mask_marker_of_telling_length_is_a_warning() {
    let dir = sample_copy();
    let at = plant(dir.path(), REPORT, "{{■■■■}}", "{{■■■■■■■}}");
    assert_single(
        dir.path(),
        FindingCode::MaskWidth,
        Severity::Warning,
        REPORT,
        at,
    );
}

#[test]
fn an_individual_number_with_a_valid_check_digit_is_an_error() {
    let dir = sample_copy();
    let line = plant_paragraph(
        dir.path(),
        "対象者の個人番号は1234 5678 9018です。誤記 1234 5678 9017 は対象外。",
    );
    assert_single(
        dir.path(),
        FindingCode::IndividualNumber,
        Severity::Error,
        FIRM,
        (line, 10),
    );
}

#[test]
fn a_basic_pension_number_is_an_error() {
    let dir = sample_copy();
    let line = plant_paragraph(dir.path(), "基礎年金番号：1234-567890");
    assert_single(
        dir.path(),
        FindingCode::PensionNumber,
        Severity::Error,
        FIRM,
        (line, 8),
    );
}

#[test]
fn an_employment_insurance_number_is_an_error() {
    let dir = sample_copy();
    let line = plant_paragraph(dir.path(), "被保険者番号 5001-234567-8 の方");
    assert_single(
        dir.path(),
        FindingCode::EmploymentInsuranceNumber,
        Severity::Error,
        FIRM,
        (line, 8),
    );
}

#[test]
fn a_bank_account_number_is_an_error() {
    let dir = sample_copy();
    let line = plant_paragraph(dir.path(), "振込先 普通預金 口座番号 1234567");
    assert_single(
        dir.path(),
        FindingCode::BankAccount,
        Severity::Error,
        FIRM,
        (line, 15),
    );
}

#[test]
fn a_phone_number_is_a_warning() {
    let dir = sample_copy();
    let line = plant_paragraph(dir.path(), "担当：090-1234-5678（平日のみ）");
    assert_single(
        dir.path(),
        FindingCode::PhoneNumber,
        Severity::Warning,
        FIRM,
        (line, 4),
    );
}

#[test]
fn an_email_address_is_a_warning() {
    let dir = sample_copy();
    let line = plant_paragraph(dir.path(), "担当 taro.yamada@example.co.jp まで。");
    assert_single(
        dir.path(),
        FindingCode::EmailAddress,
        Severity::Warning,
        FIRM,
        (line, 4),
    );
}

#[test]
fn a_zero_width_character_is_an_error() {
    let dir = sample_copy();
    let at = plant(
        dir.path(),
        FIRM,
        "エムケイシステム",
        "エムケイ\u{200b}システム",
    );
    assert_single(
        dir.path(),
        FindingCode::InvisibleCharacter,
        Severity::Error,
        FIRM,
        (at.0, at.1 + 4),
    );
}

#[test]
fn a_bidi_control_is_an_error() {
    let dir = sample_copy();
    let at = plant(dir.path(), FIRM, "shalom", "sha\u{202e}lom");
    assert_single(
        dir.path(),
        FindingCode::BidiControl,
        Severity::Error,
        FIRM,
        (at.0, at.1 + 3),
    );
}

#[test]
fn a_word_mixing_latin_and_cyrillic_is_a_warning() {
    let dir = sample_copy();
    let at = plant(dir.path(), FIRM, "shalom", "shаlom");
    assert_single(
        dir.path(),
        FindingCode::ConfusableCharacter,
        Severity::Warning,
        FIRM,
        at,
    );
}

#[test]
fn a_firm_notice_dated_before_a_notice_it_cites_is_an_error() {
    let dir = sample_copy();
    plant(
        dir.path(),
        FIRM,
        "date: 2023年6月29日",
        "date: 2023年6月26日",
    );
    let found = findings_with(dir.path(), FindingCode::DatedBeforeCited);
    // It cites the 6/28 report three times (the 6/25 notice is older, so fine).
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .all(|finding| finding.severity == Severity::Error)
    );
    assert!(found[0].message().contains("2023年6月28日"));
}

#[test]
fn a_firm_notice_without_date_addressee_or_issuer_has_errors() {
    for (line, code) in [
        ("date: 2023年6月29日\n", FindingCode::MissingDate),
        ("addressee: お客様 各位\n", FindingCode::MissingAddressee),
        (
            "issuer: みかさ社会保険労務士法人\n",
            FindingCode::MissingIssuer,
        ),
    ] {
        let dir = sample_copy();
        plant(dir.path(), FIRM, line, "");
        let found: Vec<_> = findings_with(dir.path(), code)
            .into_iter()
            .filter(|finding| finding.file == FIRM)
            .collect();
        assert_eq!(found.len(), 1, "{code:?}");
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].file, FIRM);
    }
}

#[test]
fn a_source_error_is_an_error_finding() {
    let dir = sample_copy();
    let at = plant(dir.path(), REPORT, "{{■■■■}}", "{{■■■■");
    let findings = check_dir(dir.path());
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].code, FindingCode::SourceError);
    assert_eq!((findings[0].line, findings[0].column), at);
}
