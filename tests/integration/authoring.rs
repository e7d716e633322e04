//! The authoring format end to end: the sample folder's sources compile to exactly the documents
//! of the committed signed sample, and packing them reproduces it byte for byte.

use std::path::Path;

use kairan::authoring::compile_folder;
use kairan::authoring::{PackError, PackOptions};
use kairan::bundle::{self, SecretKey};

use crate::support::{self, sample_copy};

fn demo_key() -> SecretKey {
    let text = std::fs::read_to_string("notices/demo-key/kairan-demo.key").unwrap();
    SecretKey::from_file_text(&text, None).unwrap()
}

#[test]
fn sample_sources_compile_to_the_documents_of_the_signed_sample() {
    let compiled = compile_folder(&support::sample_folder()).unwrap();
    let opened = bundle::open_file(
        Path::new("notices/mikasa-2023-06-29.kairan"),
        &[kairan::sample::demo_trusted_key()],
    )
    .unwrap();
    assert_eq!(compiled.documents.len(), opened.documents.len());
    for (ours, signed) in compiled.documents.iter().zip(&opened.documents) {
        assert_eq!(ours.bundle_path, signed.entry.path);
        assert_eq!(ours.document, signed.document, "{}", ours.source_path);
    }
}

#[test]
fn packing_the_sample_sources_reproduces_the_committed_bundle_byte_for_byte() {
    let bytes = kairan::authoring::pack_folder(
        &support::sample_folder(),
        &demo_key(),
        &PackOptions::default(),
    )
    .unwrap();
    let committed = std::fs::read("notices/mikasa-2023-06-29.kairan").unwrap();
    assert!(
        bytes == committed,
        "the re-packed sample differs from the committed one"
    );
}

#[test]
fn json_documents_listed_without_a_source_still_pack_to_the_same_bundle() {
    let dir = sample_copy();
    let compiled = compile_folder(dir.path()).unwrap();
    for document in &compiled.documents {
        std::fs::write(
            dir.path().join(&document.bundle_path),
            document.document.to_json(),
        )
        .unwrap();
    }
    let metadata = std::fs::read_to_string(dir.path().join("bundle.json")).unwrap();
    let legacy: String = metadata
        .lines()
        .filter(|line| !line.contains("\"source\""))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(dir.path().join("bundle.json"), legacy).unwrap();
    let bytes =
        kairan::authoring::pack_folder(dir.path(), &demo_key(), &PackOptions::default()).unwrap();
    assert!(bytes == std::fs::read("notices/mikasa-2023-06-29.kairan").unwrap());
}

#[test]
fn a_source_error_stops_pack_and_names_file_line_and_column() {
    let dir = sample_copy();
    let path = dir
        .path()
        .join("documents/vendor-report-2023-06-28.notice.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("## 3. 保全対象機器 {#s3}", "## 3. 保全対象機器"),
    )
    .unwrap();
    let error = kairan::authoring::pack_folder(dir.path(), &demo_key(), &PackOptions::default())
        .unwrap_err();
    assert!(matches!(error, PackError::Authoring { .. }), "{error}");
    let line = text
        .lines()
        .position(|line| line.starts_with("## 3."))
        .unwrap()
        + 1;
    assert!(
        error.to_string().starts_with(&format!(
            "documents/vendor-report-2023-06-28.notice.md:{line}:1: a heading needs an id"
        )),
        "{error}"
    );
    let errors = compile_folder(dir.path()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, line);
}
