//! Importing plain-text letters: the real seed letter becomes a folder that packs into the
//! sample's three documents with their 3 masked fields and 9 omitted sections, losing and
//! inventing nothing.

use std::path::Path;

use kairan::authoring::PackOptions;
use kairan::authoring::import::{DetectionKind, ImportOptions, ImportedFolder, import_letters};
use kairan::bundle::{self, SecretKey};
use kairan::document::plain_text;

const SEED: &str = include_str!("../../notices/mikasa-2023-06-29/seed.txt");

fn import_seed() -> ImportedFolder {
    import_letters(
        SEED,
        &ImportOptions {
            bundle_id: "mikasa-2023-06-29".into(),
        },
    )
    .unwrap()
}

fn write(folder: &ImportedFolder, dir: &Path) {
    for file in &folder.files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.text).unwrap();
    }
}

#[test]
fn the_seed_packs_into_three_documents_with_three_masks_and_nine_omissions() {
    let folder = import_seed();
    let dir = tempfile::tempdir().unwrap();
    write(&folder, dir.path());
    let key_text = std::fs::read_to_string("notices/demo-key/kairan-demo.key").unwrap();
    let key = SecretKey::from_file_text(&key_text, None).unwrap();
    let bytes = kairan::authoring::pack_folder(dir.path(), &key, &PackOptions::default()).unwrap();
    let opened = bundle::open_bytes(bytes.into(), &[kairan::sample::demo_trusted_key()]).unwrap();
    assert!(opened.verdict.intact());
    assert_eq!(opened.documents.len(), 3);
    assert_eq!(opened.mask_count(), 3);
    assert_eq!(opened.omission_count(), 9);
}

#[test]
fn the_seed_reads_as_the_sample_letters_word_for_word() {
    let folder = import_seed();
    let sample = bundle::open_file(
        Path::new("notices/mikasa-2023-06-29.kairan"),
        &[kairan::sample::demo_trusted_key()],
    )
    .unwrap();
    let names: Vec<&str> = folder
        .letters
        .iter()
        .map(|letter| letter.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "firm-notice-2023-06-29",
            "vendor-report-2023-06-28",
            "vendor-notice-2023-06-25"
        ]
    );
    for (letter, signed) in folder.letters.iter().zip(&sample.documents) {
        assert_eq!(format!("documents/{}.json", letter.name), signed.entry.path);
        assert_eq!(letter.role, signed.entry.role);
        assert_eq!(
            plain_text(&letter.document),
            plain_text(&signed.document),
            "{}",
            letter.name
        );
        assert_eq!(letter.document.issuer, signed.document.issuer);
        assert_eq!(letter.document.date, signed.document.date);
        assert_eq!(letter.document.source, signed.document.source);
        let ids: Vec<_> = letter.document.heading_ids().collect();
        let signed_ids: Vec<_> = signed.document.heading_ids().collect();
        assert_eq!(ids, signed_ids);
    }
}

#[test]
fn every_mask_and_omission_of_the_seed_is_listed_with_its_line_and_column() {
    let folder = import_seed();
    let masks: Vec<_> = folder
        .detections
        .iter()
        .filter(|detection| detection.kind == DetectionKind::Mask)
        .collect();
    assert_eq!(masks.len(), 3);
    let line = SEED
        .lines()
        .position(|line| line.starts_with("■■■■サーバ"))
        .unwrap()
        + 1;
    assert_eq!((masks[0].line, masks[0].column), (line, 1));
    let second = SEED
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .skip(4)
        .position(|c| c == '■')
        .unwrap()
        + 5;
    assert_eq!((masks[1].line, masks[1].column), (line, second));
    let omissions: Vec<_> = folder
        .detections
        .iter()
        .filter(|detection| detection.kind == DetectionKind::Omission)
        .collect();
    assert_eq!(omissions.len(), 9);
    for omission in omissions {
        assert_eq!(SEED.lines().nth(omission.line - 1).unwrap(), omission.text);
    }
    assert!(
        folder
            .detections
            .iter()
            .any(|detection| detection.kind == DetectionKind::JoinedParagraph),
        "the paragraph split by a blank line in the seed is reported"
    );
}
