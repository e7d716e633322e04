//! Tests of the firm's signing path: export, read-back, client lists and key pairs.
use super::*;

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29")
}

fn test_key() -> SecretKey {
    let pair = keys::generate(keys::Protection::Unprotected, "test").unwrap();
    SecretKey::from_file_text(&pair.secret_file, None).unwrap()
}

#[test]
fn bundle_ids_from_folder_names_keep_only_allowed_characters() {
    assert_eq!(
        bundle_id_from_folder(Path::new("out/三笠 notice")),
        "notice"
    );
    assert_eq!(
        bundle_id_from_folder(Path::new("out/mikasa-2023")),
        "mikasa-2023"
    );
    assert_eq!(bundle_id_from_folder(Path::new("/")), "notice");
}

#[test]
fn an_exported_bundle_reads_back_as_verified() {
    let out = tempfile::tempdir().unwrap();
    let destination = out.path().join("notice.kairan");
    let exported = export(
        &compile_folder(&sample_dir()).unwrap(),
        &test_key(),
        &PackOptions::default(),
        &destination,
        Overwrite::Refuse,
    )
    .unwrap();
    assert!(matches!(
        exported.reopened.verdict,
        Verdict::Verified { .. }
    ));
    assert_eq!(
        std::fs::metadata(&destination).unwrap().len() as usize,
        exported.size
    );
}

#[test]
fn an_export_to_a_missing_folder_leaves_nothing() {
    let out = tempfile::tempdir().unwrap();
    let destination = out.path().join("missing/notice.kairan");
    let error = export(
        &compile_folder(&sample_dir()).unwrap(),
        &test_key(),
        &PackOptions::default(),
        &destination,
        Overwrite::Refuse,
    )
    .unwrap_err();
    assert!(matches!(error, PublishError::Write { .. }), "{error}");
    assert!(!destination.exists());
}

#[test]
fn a_bad_client_row_does_not_stop_the_others() {
    let out = tempfile::tempdir().unwrap();
    let rows =
        crate::authoring::parse_recipients("recipient,id\n株式会社A,a\n,b\n株式会社C,c\n").unwrap();
    let mut seen = Vec::new();
    let folder = compile_folder(&sample_dir()).unwrap();
    let summary = export_for_recipients(
        &folder,
        &test_key(),
        &rows,
        out.path(),
        Overwrite::Refuse,
        &mut |outcome| seen.push(outcome.position),
    )
    .unwrap();
    assert_eq!(seen, vec![1, 2, 3]);
    assert_eq!(summary.written(), 2);
    assert_eq!(summary.failed(), 1);
    let expected = format!("{}-c.kairan", folder.metadata.bundle_id);
    assert!(out.path().join(expected).exists());
}

#[test]
fn an_existing_bundle_is_replaced_only_when_asked() {
    let out = tempfile::tempdir().unwrap();
    let destination = out.path().join("notice.kairan");
    std::fs::write(&destination, "old").unwrap();
    let folder = compile_folder(&sample_dir()).unwrap();
    let options = PackOptions::default();
    let error = export(
        &folder,
        &test_key(),
        &options,
        &destination,
        Overwrite::Refuse,
    )
    .unwrap_err();
    assert!(matches!(error, PublishError::Exists { .. }), "{error}");
    assert_eq!(std::fs::read(&destination).unwrap(), b"old");
    export(
        &folder,
        &test_key(),
        &options,
        &destination,
        Overwrite::Replace,
    )
    .unwrap();
    assert_ne!(std::fs::read(&destination).unwrap(), b"old");
}

#[test]
fn the_client_bundles_that_would_be_replaced_are_found_before_writing() {
    let out = tempfile::tempdir().unwrap();
    let rows =
        crate::authoring::parse_recipients("recipient,id\n株式会社A,a\n,b\n株式会社C,c\n").unwrap();
    let folder = compile_folder(&sample_dir()).unwrap();
    let id = &folder.metadata.bundle_id;
    let kept = out.path().join(format!("{id}-c.kairan"));
    std::fs::write(&kept, "old").unwrap();
    assert_eq!(
        existing_recipient_bundles(id, &rows, out.path()),
        vec![kept.clone()]
    );
    let summary = export_for_recipients(
        &folder,
        &test_key(),
        &rows,
        out.path(),
        Overwrite::Refuse,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((summary.written(), summary.failed()), (1, 2));
    assert_eq!(std::fs::read(&kept).unwrap(), b"old");
}

#[test]
fn an_existing_key_pair_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("firm");
    std::fs::write(base.with_extension("pub"), "keep").unwrap();
    let error = write_key_pair(
        &base,
        keys::Protection::Unprotected,
        "test",
        Overwrite::Refuse,
    )
    .unwrap_err();
    assert!(matches!(error, PublishError::Exists { .. }));
    assert_eq!(
        std::fs::read_to_string(base.with_extension("pub")).unwrap(),
        "keep"
    );
    assert!(!base.with_extension("key").exists());
}
