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
    let key_text = std::fs::read_to_string("notices/demo-key/kairan-demo.key").unwrap();
    let key = SecretKey::from_file_text(&key_text, None).unwrap();
    let bytes = pack_folder(dir.path(), &key, &PackOptions::default()).unwrap();
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
