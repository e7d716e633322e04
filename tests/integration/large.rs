//! Bundles larger than the pieces a file is read in: opened from disk, they are checked a piece
//! at a time, so a change to any byte — at a piece's edge or in its middle, in a stored or a
//! deflated entry — is found, and what is saved later is read again and checked again.

use kairan::bundle::{self, BundleError, Role, SaveEntryError, Tamper, Verdict, hex};
use kairan::fs::{Access, Existing};
use sha2::Digest as _;

use crate::support::bundle::{Parts, signer, signer_trusted};
use crate::support::zip::{self, Entry};

const MIB: usize = 1024 * 1024;

/// Bytes that do not repeat within a piece (a generator, so that deflate cannot shrink them
/// to nothing).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u8
        })
        .collect()
}

/// A signed bundle with a 6 MiB stored attachment and a 3 MiB deflated one (more than the
/// pieces a file is read in, and more than the size from which the file is hashed on a
/// second thread), and where each attachment's bytes lie in the archive.
fn large_bundle() -> (Vec<u8>, Vec<std::ops::Range<usize>>) {
    let stored = noise(6 * MIB, 1);
    let deflated: Vec<u8> = noise(3 * MIB, 2).iter().map(|byte| byte % 4).collect();
    let parts = Parts::new(&signer())
        .with_file("files/stored.bin", &stored, Role::Attachment)
        .with_file("files/deflated.bin", &deflated, Role::Attachment);
    let mut entries = parts.entries(&signer());
    let last = entries.len() - 1;
    entries[last] = Entry::deflated("files/deflated.bin", &deflated);
    let bytes = zip::write(&entries).bytes;
    let layout = bundle::container::parse(&bytes).unwrap();
    let ranges = layout[layout.len() - 2..]
        .iter()
        .map(|entry| entry.data.clone())
        .collect();
    (bytes, ranges)
}

fn write_file(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.kairan");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn a_large_bundle_opened_from_disk_verifies_and_knows_its_files_hash() {
    let (bytes, _) = large_bundle();
    let (_dir, path) = write_file(&bytes);
    let opened = bundle::open_file(&path, &signer_trusted()).unwrap();
    assert!(
        matches!(opened.verdict, Verdict::Verified { .. }),
        "{:?}",
        opened.verdict
    );
    assert_eq!(
        opened.file_sha256().unwrap(),
        Some(hex(&sha2::Sha256::digest(&bytes)))
    );
    assert_eq!(
        opened.entry_bytes("files/stored.bin").unwrap(),
        noise(6 * MIB, 1)
    );
}

#[test]
fn a_byte_changed_anywhere_in_a_large_entry_is_found() {
    let (bytes, ranges) = large_bundle();
    let (_dir, path) = write_file(&bytes);
    let stored = &ranges[0];
    let deflated = &ranges[1];
    // Each side of every piece edge inside the stored entry, its first and last byte, and
    // bytes in the middle of the deflated one.
    let mut offsets = vec![
        stored.start,
        stored.end - 1,
        deflated.start + deflated.len() / 2,
    ];
    for edge in (MIB..stored.end).step_by(MIB) {
        if stored.contains(&edge) && stored.contains(&(edge - 1)) {
            offsets.extend([edge - 1, edge]);
        }
    }
    for at in offsets {
        let mut altered = bytes.clone();
        altered[at] ^= 0x20;
        std::fs::write(&path, &altered).unwrap();
        match bundle::open_file(&path, &signer_trusted()) {
            Ok(opened) => assert!(
                matches!(
                    &opened.verdict,
                    Verdict::Tampered {
                        problem: Tamper::Damaged(_) | Tamper::Hash,
                        ..
                    }
                ),
                "a change at byte {at} gave {:?}",
                opened.verdict
            ),
            // A corrupt deflate stream may not decompress at all; that is found too.
            Err(error) => panic!("a change at byte {at} gave an error, not a verdict: {error}"),
        }
    }
}

#[test]
fn an_attachment_changed_on_disk_after_opening_is_neither_saved_nor_kept() {
    let (bytes, ranges) = large_bundle();
    let (dir, path) = write_file(&bytes);
    let opened = bundle::open_file(&path, &signer_trusted()).unwrap();
    assert!(opened.verdict.intact());

    let saved = dir.path().join("saved.bin");
    opened
        .save_entry("files/stored.bin", &saved, Existing::Replace)
        .unwrap();
    assert_eq!(std::fs::read(&saved).unwrap(), noise(6 * MIB, 1));
    std::fs::remove_file(&saved).unwrap();

    // Change one byte of the attachment in place, as another program could.
    let mut altered = bytes.clone();
    altered[ranges[0].start + 5 * MIB] ^= 1;
    {
        use std::io::{Seek as _, SeekFrom, Write as _};
        let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        let at = (ranges[0].start + 5 * MIB) as u64;
        file.seek(SeekFrom::Start(at)).unwrap();
        file.write_all(&altered[at as usize..at as usize + 1])
            .unwrap();
    }
    match opened.save_entry("files/stored.bin", &saved, Existing::Replace) {
        Err(SaveEntryError::Bundle(BundleError::CrcMismatch { name })) => {
            assert_eq!(name, "files/stored.bin")
        }
        other => panic!("saving a changed attachment gave {other:?}"),
    }
    assert!(!saved.exists(), "a changed attachment was saved");
    // Its hash, asked for only now, would name a file other than the one verified.
    assert!(opened.file_sha256().is_err());
    let copy = dir.path().join("copy.kairan");
    assert!(
        opened
            .copy_file_to(&copy, Access::Private, Existing::Replace)
            .is_err()
    );
    assert!(!copy.exists(), "a changed file was copied");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "files left behind: {leftovers:?}");
}
