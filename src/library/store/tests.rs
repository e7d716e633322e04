//! Tests of [`store`](super).

use super::*;
use crate::library::Reader;

#[test]
fn an_excerpt_is_one_line_around_the_match() {
    let text = "一行目\n\nＡＷＳ上の両面で構築";
    let hit = Query::new("aws").unwrap().find_in(text)[0].clone();
    assert_eq!(excerpt(text, hit), "一行目 ＡＷＳ上の両面で構築");
    let long = format!("{}サーバ{}", "あ".repeat(50), "い".repeat(50));
    let hit = Query::new("サーバ").unwrap().find_in(&long)[0].clone();
    let shown = excerpt(&long, hit);
    assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
    assert_eq!(
        shown.chars().count(),
        2 + EXCERPT_BEFORE + 3 + EXCERPT_AFTER
    );
}

#[test]
fn a_file_kept_before_a_crash_is_indexed_and_leftovers_are_not_notices() {
    let dir = tempfile::tempdir().unwrap();
    let keys = vec![crate::sample::demo_trusted_key()];
    let reader = Reader {
        keys: &keys,
        store: None,
        settings: None,
    };
    let sample = crate::sample::SAMPLE_BUNDLE;
    let id = hex(&sha2::Sha256::digest(sample));
    std::fs::create_dir_all(dir.path().join(BUNDLES)).unwrap();
    // As a process killed between writing the file and its row leaves it.
    std::fs::write(stored_path(dir.path(), &id), sample).unwrap();
    std::fs::write(
        dir.path().join(BUNDLES).join(".x.kairan.1.partial"),
        b"half",
    )
    .unwrap();
    let opened = Library::open(dir.path(), reader).unwrap();
    // No index yet but a stored file: rebuilt, and told.
    assert_eq!(
        opened.rebuilt,
        Some(Rebuilt {
            reason: RebuildReason::Missing,
            indexed: 1,
            skipped: 0
        })
    );
    let notices = opened.library.notices().unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].id, id);
    assert_eq!(notices[0].status, crate::trust::Status::DemoKey);
    drop(opened);
    // A row whose file is gone is dropped on the next opening.
    std::fs::remove_file(stored_path(dir.path(), &id)).unwrap();
    let opened = Library::open(dir.path(), reader).unwrap();
    assert_eq!(opened.rebuilt, None);
    assert!(opened.library.notices().unwrap().is_empty());
}
