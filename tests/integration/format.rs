//! One test per rule of `docs/bundle-format.md`: each builds a bundle that breaks exactly that
//! rule and asserts the specific error or verdict the reader gives.

use std::time::{Duration, Instant};

use kairan::bundle::manifest::{MANIFEST_PATH, SIGNATURE_PATH};
use kairan::bundle::signature::SignatureFileError;
use kairan::bundle::{
    BundleError, FailureKind, ManifestError, NameProblem, Role, SignatureProblem, Tamper, Verdict,
};

use crate::support;
use crate::support::bundle::{
    Parts, TestKey, entries, open, parts, signer, signer_trusted, with_signed_manifest,
};
use crate::support::zip::{self, Entry, central, end, local};

/// The error opening `bytes` gives, failing the test if the bundle opens.
fn error_of(bytes: &[u8]) -> BundleError {
    match open(bytes, &signer_trusted()) {
        Ok(opened) => panic!("expected an error, got verdict {:?}", opened.verdict),
        Err(error) => error,
    }
}

/// The verdict opening `bytes` gives, failing the test on an error.
fn verdict_of(bytes: &[u8]) -> Verdict {
    match open(bytes, &signer_trusted()) {
        Ok(opened) => opened.verdict,
        Err(error) => panic!("expected a verdict, got error: {error}"),
    }
}

fn standard_comment() -> String {
    parts().manifest.trusted_comment()
}

// --- the baseline ---

#[test]
fn the_canonical_test_bundle_verifies() {
    let bytes = parts().build(&signer());
    let opened = open(&bytes, &signer_trusted()).unwrap();
    assert!(
        matches!(&opened.verdict, Verdict::Verified { signer } if signer.name == "test signer"),
        "{:?}",
        opened.verdict
    );
    assert_eq!(opened.documents.len(), 1);
    assert_eq!(opened.attachments.len(), 1);
    assert_eq!(
        opened.entry_bytes("files/memo.txt").unwrap(),
        b"attachment bytes\n"
    );
}

#[test]
fn a_valid_bundle_by_a_key_the_reader_does_not_trust_names_the_key() {
    let bytes = parts().build(&signer());
    let opened = open(&bytes, &[]).unwrap();
    assert_eq!(
        opened.verdict,
        Verdict::UnknownSigner {
            key: signer().public
        }
    );
    assert!(opened.verdict.intact());
}

#[test]
fn deflated_entries_are_accepted_on_read() {
    let parts = parts();
    let entries: Vec<Entry> = parts
        .entries(&signer())
        .into_iter()
        .map(|entry| {
            let name = entry.name_text();
            let contents = match entry.name_text().as_str() {
                MANIFEST_PATH => parts.manifest_bytes(),
                SIGNATURE_PATH => {
                    Parts::signature_for(&parts.manifest_bytes(), &standard_comment(), &signer())
                }
                path => parts
                    .payload
                    .iter()
                    .find(|(p, _)| p == path)
                    .unwrap()
                    .1
                    .clone(),
            };
            Entry::deflated(&name, &contents)
        })
        .collect();
    assert!(matches!(
        verdict_of(&zip::write(&entries).bytes),
        Verdict::Verified { .. }
    ));
}

// --- names ---

#[test]
fn two_entries_with_the_same_name_are_refused() {
    let mut entries = entries();
    entries.push(Entry::stored("files/memo.txt", b"attachment bytes\n"));
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::DuplicateName { name } if name == "files/memo.txt"),
        "{error:?}"
    );
}

#[test]
fn names_equal_after_case_folding_are_refused() {
    let mut entries = entries();
    entries.push(Entry::stored("files/MEMO.txt", b"other"));
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::ConfusableNames { first, second }
            if first == "files/memo.txt" && second == "files/MEMO.txt"),
        "{error:?}"
    );
}

#[test]
fn names_equal_after_unicode_normalisation_are_refused() {
    let nfc = "files/caf\u{e9}.txt";
    let nfd = "files/cafe\u{301}.txt";
    let parts = parts().with_file(nfc, b"nfc", Role::Attachment);
    let mut entries = parts.entries(&signer());
    entries.push(Entry::stored(nfd, b"nfd"));
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::ConfusableNames { first, second } if first == nfc && second == nfd),
        "{error:?}"
    );
}

#[test]
fn names_that_escape_the_bundle_are_refused() {
    for (name, problem) in [
        ("/etc/passwd", NameProblem::Absolute),
        ("files/../../evil.txt", NameProblem::ParentSegment),
        ("files\\evil.txt", NameProblem::Backslash),
        ("C:evil.txt", NameProblem::DriveLetter),
        ("c:/evil.txt", NameProblem::DriveLetter),
        ("files//evil.txt", NameProblem::EmptySegment),
        ("files/", NameProblem::EmptySegment),
        ("files/evil\u{7}.txt", NameProblem::ControlCharacter),
    ] {
        let mut entries = entries();
        entries.push(Entry::stored(name, b"x"));
        let error = error_of(&zip::write(&entries).bytes);
        assert!(
            matches!(&error, BundleError::BadName { name: found, problem: p } if found == name && *p == problem),
            "{name:?}: {error:?}"
        );
        assert!(error.to_string().contains(&problem.to_string()), "{error}");
    }
}

#[test]
fn a_name_that_is_not_utf8_is_refused() {
    let mut entries = entries();
    let mut entry = Entry::stored("files/x.txt", b"x");
    entry.name = b"files/\xff.txt".to_vec();
    entries.push(entry);
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(
            error,
            BundleError::BadName {
                problem: NameProblem::NotUtf8,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_manifest_listing_an_escaping_path_is_refused() {
    let mut parts = parts();
    parts.manifest.entries[1].path = "../memo.txt".into();
    let manifest = parts.manifest_bytes();
    let error = error_of(&with_signed_manifest(&manifest, &standard_comment()));
    assert!(
        matches!(&error, BundleError::Manifest(ManifestError::BadPath { path, .. }) if path == "../memo.txt"),
        "{error:?}"
    );
}

// --- headers ---

#[test]
fn a_local_header_that_disagrees_with_the_central_directory_is_refused() {
    let mut layout = zip::write(&entries());
    let at = layout.local[2] + local::TIME;
    layout.patch16(at, 0x6000);
    let error = error_of(&layout.bytes);
    assert!(
        matches!(&error, BundleError::HeaderMismatch { name } if name == "documents/notice.json"),
        "{error:?}"
    );
}

#[test]
fn a_local_name_that_differs_from_the_central_name_is_refused() {
    let mut layout = zip::write(&entries());
    let at = layout.local[3] + local::NAME;
    layout.bytes[at] = b'F'; // "Files/memo.txt" locally, "files/memo.txt" centrally
    let error = error_of(&layout.bytes);
    assert!(
        matches!(&error, BundleError::HeaderMismatch { name } if name == "files/memo.txt"),
        "{error:?}"
    );
}

#[test]
fn an_encrypted_entry_is_refused() {
    let mut entries = entries();
    entries[3].flags |= 0x0001;
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::Encrypted { name } if name == "files/memo.txt"),
        "{error:?}"
    );
}

#[test]
fn a_symlink_entry_is_refused() {
    let mut entries = entries();
    entries[3].external = 0o120777 << 16;
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::Symlink { name } if name == "files/memo.txt"),
        "{error:?}"
    );
}

#[test]
fn a_data_descriptor_entry_is_refused() {
    let mut entries = entries();
    entries[3].flags |= 0x0008;
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::DataDescriptor { name } if name == "files/memo.txt"),
        "{error:?}"
    );
}

#[test]
fn compression_other_than_stored_or_deflate_is_refused() {
    let mut entries = entries();
    entries[3].method = 12; // bzip2
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::UnsupportedCompression { name, method: 12 } if name == "files/memo.txt"),
        "{error:?}"
    );
}

#[test]
fn header_fields_outside_the_canonical_layout_are_refused() {
    type Alter = fn(&mut Entry);
    let cases: [(&str, Alter); 8] = [
        ("version made by", |e| e.version_made_by = 0x0014),
        ("version needed", |e| e.version_needed = 10),
        ("flags", |e| e.flags = 0x0800), // UTF-8 flag on an ASCII name
        ("modification time", |e| e.time = 0x6000),
        ("modification date", |e| e.date = 0x5721),
        ("extra field length", |e| {
            e.extra = vec![0x55, 0x54, 1, 0, 0]
        }),
        ("comment length", |e| e.comment = b"hi".to_vec()),
        ("external attributes", |e| e.external = 0o100755 << 16),
    ];
    for (field, alter) in cases {
        let mut entries = entries();
        alter(&mut entries[3]);
        let error = error_of(&zip::write(&entries).bytes);
        assert!(
            matches!(&error, BundleError::NonCanonical { name, field: f, .. } if name == "files/memo.txt" && *f == field),
            "{field}: {error:?}"
        );
    }
}

#[test]
fn a_non_ascii_name_without_the_utf8_flag_is_refused() {
    let parts = parts().with_file("files/メモ.txt", b"memo", Role::Attachment);
    let mut entries = parts.entries(&signer());
    entries[4].flags = 0;
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(
            &error,
            BundleError::NonCanonical {
                field: "flags",
                found: 0,
                expected: 0x800,
                ..
            }
        ),
        "{error:?}"
    );
    // …and with the flag it is accepted.
    let entries = parts.entries(&signer());
    assert!(matches!(
        verdict_of(&zip::write(&entries).bytes),
        Verdict::Verified { .. }
    ));
}

// --- layout ---

#[test]
fn overlapping_entries_are_refused() {
    // The last entry's central record points back at the previous entry's local header,
    // the layout of an overlapping-entry zip bomb.
    let mut layout = zip::write(&entries());
    let at = layout.central[3] + central::LOCAL_OFFSET;
    let previous = layout.local[2] as u32;
    layout.patch32(at, previous);
    let error = error_of(&layout.bytes);
    assert!(
        matches!(&error, BundleError::OverlappingEntries { first, second }
            if first == "documents/notice.json" && second == "files/memo.txt"),
        "{error:?}"
    );
}

#[test]
fn bytes_hidden_between_entries_are_refused() {
    let mut layout = zip::write(&entries());
    // Move the central directory's pointers as if 5 bytes sat before the last entry.
    let mut bytes = layout.bytes[..layout.local[3]].to_vec();
    bytes.extend_from_slice(b"HIDE!");
    bytes.extend_from_slice(&layout.bytes[layout.local[3]..]);
    let shift = |value: usize| (value + 5) as u32;
    layout.bytes = bytes;
    let last_local = shift(layout.local[3]);
    layout.patch32(
        shift(layout.central[3]) as usize + central::LOCAL_OFFSET,
        last_local,
    );
    let directory = shift(layout.central[0]);
    layout.patch32(
        shift(layout.end) as usize + end::DIRECTORY_OFFSET,
        directory,
    );
    let error = error_of(&layout.bytes);
    assert!(
        matches!(&error, BundleError::HiddenData { bytes: 5, after } if after == "documents/notice.json"),
        "{error:?}"
    );
}

#[test]
fn data_prepended_with_adjusted_offsets_is_refused() {
    // What `zip -A` makes of a self-extractor: every offset shifted by the prefix.
    let layout = zip::write(&entries());
    let mut bytes = b"#!/bin/sh\nexit 0\n".to_vec();
    let prefix = bytes.len();
    bytes.extend_from_slice(&layout.bytes);
    let mut shifted = zip::Layout {
        bytes,
        ..layout.clone()
    };
    for &at in &layout.central {
        let offset = u32::from_le_bytes(
            layout.bytes[at + central::LOCAL_OFFSET..at + central::LOCAL_OFFSET + 4]
                .try_into()
                .unwrap(),
        );
        shifted.patch32(prefix + at + central::LOCAL_OFFSET, offset + prefix as u32);
    }
    shifted.patch32(
        prefix + layout.end + end::DIRECTORY_OFFSET,
        (layout.central[0] + prefix) as u32,
    );
    let error = error_of(&shifted.bytes);
    assert!(
        matches!(error, BundleError::PrependedData { offset } if offset == prefix),
        "{error:?}"
    );
}

#[test]
fn data_prepended_without_adjusting_offsets_is_refused() {
    // A polyglot: another file's bytes simply put before an unchanged archive.
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let prefix = bytes.len();
    bytes.extend_from_slice(&parts().build(&signer()));
    let error = error_of(&bytes);
    assert!(
        matches!(error, BundleError::PrependedData { offset } if offset == prefix),
        "{error:?}"
    );
}

#[test]
fn data_appended_after_the_end_record_is_refused() {
    let mut bytes = parts().build(&signer());
    bytes.extend_from_slice(b"trailing");
    let error = error_of(&bytes);
    assert!(
        matches!(error, BundleError::AppendedData { bytes: 8 }),
        "{error:?}"
    );
}

#[test]
fn an_archive_comment_is_refused() {
    let mut layout = zip::write(&entries());
    let at = layout.end + end::COMMENT_LEN;
    layout.patch16(at, 7);
    layout.bytes.extend_from_slice(b"comment");
    let error = error_of(&layout.bytes);
    assert!(matches!(error, BundleError::ArchiveComment), "{error:?}");
}

#[test]
fn an_archive_spanning_disks_is_refused() {
    let mut layout = zip::write(&entries());
    let at = layout.end + end::DISK;
    layout.patch16(at, 1);
    let error = error_of(&layout.bytes);
    assert!(matches!(error, BundleError::MultiDisk), "{error:?}");
}

#[test]
fn a_file_that_is_not_an_archive_is_unreadable() {
    let error = error_of(b"just some text, not a bundle at all");
    assert!(matches!(error, BundleError::NotAnArchive), "{error:?}");
    assert_eq!(error.kind(), FailureKind::Unreadable);
}

#[test]
fn the_manifest_and_signature_must_come_first() {
    let mut entries = entries();
    entries.swap(0, 1);
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::MissingManifest { position: 1, found } if found == SIGNATURE_PATH),
        "{error:?}"
    );
}

#[test]
fn payload_entries_out_of_manifest_order_are_refused() {
    let mut entries = entries();
    entries.swap(2, 3);
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::OrderMismatch { expected, found }
            if expected == "documents/notice.json" && found == "files/memo.txt"),
        "{error:?}"
    );
}

// --- contents against the signed manifest ---

#[test]
fn an_entry_not_in_the_manifest_is_named_as_added() {
    let mut entries = entries();
    entries.push(Entry::stored("files/extra.txt", b"added later"));
    assert_eq!(
        verdict_of(&zip::write(&entries).bytes),
        Verdict::Tampered {
            entry: "files/extra.txt".into(),
            problem: Tamper::Unlisted
        }
    );
}

#[test]
fn a_manifest_entry_missing_from_the_archive_is_named_as_removed() {
    let mut entries = entries();
    entries.pop();
    assert_eq!(
        verdict_of(&zip::write(&entries).bytes),
        Verdict::Tampered {
            entry: "files/memo.txt".into(),
            problem: Tamper::Missing
        }
    );
}

#[test]
fn an_entry_of_another_size_is_named() {
    let mut entries = entries();
    entries[3] = Entry::stored("files/memo.txt", b"attachment bytes, longer\n");
    assert_eq!(
        verdict_of(&zip::write(&entries).bytes),
        Verdict::Tampered {
            entry: "files/memo.txt".into(),
            problem: Tamper::Size {
                signed: 17,
                found: 25
            }
        }
    );
}

#[test]
fn an_entry_with_other_contents_of_the_same_size_is_named() {
    let mut entries = entries();
    entries[3] = Entry::stored("files/memo.txt", b"ATTACHMENT BYTES\n");
    assert_eq!(
        verdict_of(&zip::write(&entries).bytes),
        Verdict::Tampered {
            entry: "files/memo.txt".into(),
            problem: Tamper::Hash
        }
    );
}

#[test]
fn an_entry_whose_bytes_do_not_match_its_crc_is_named_as_damaged() {
    let mut layout = zip::write(&entries());
    layout.bytes[layout.data[3]] ^= 0x20;
    let verdict = verdict_of(&layout.bytes);
    assert!(
        matches!(&verdict, Verdict::Tampered { entry, problem: Tamper::Damaged(_) } if entry == "files/memo.txt"),
        "{verdict:?}"
    );
}

#[test]
fn a_damaged_manifest_is_named() {
    let mut layout = zip::write(&entries());
    layout.bytes[layout.data[0] + 10] ^= 0x01;
    let error = error_of(&layout.bytes);
    assert!(
        matches!(&error, BundleError::CrcMismatch { name } if name == MANIFEST_PATH),
        "{error:?}"
    );
}

#[test]
fn a_deflated_entry_with_bytes_after_its_end_is_refused() {
    // Deflate streams end themselves; bytes after the final block would be invisible to
    // every hash, so the reader requires the stream to fill the entry exactly.
    let mut entries = entries();
    let mut entry = Entry::deflated("files/memo.txt", b"attachment bytes\n");
    entry.stored.extend_from_slice(b"hidden payload");
    entries[3] = entry;
    let verdict = verdict_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&verdict, Verdict::Tampered { entry, problem: Tamper::Damaged(reason) }
            if entry == "files/memo.txt" && reason.contains("14 bytes after")),
        "{verdict:?}"
    );
}

#[test]
fn a_deflated_entry_expanding_past_its_declared_size_is_refused() {
    let mut entries = entries();
    let mut bomb = Entry::deflated("files/memo.txt", &vec![0u8; 1 << 20]);
    bomb.size = 17; // what the manifest signed
    bomb.crc32 = crc32fast::hash(b"attachment bytes\n");
    entries[3] = bomb;
    let verdict = verdict_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&verdict, Verdict::Tampered { entry, problem: Tamper::Damaged(reason) }
            if entry == "files/memo.txt" && reason.contains("more than the declared 17 bytes")),
        "{verdict:?}"
    );
}

// --- caps, checked before anything is allocated ---

#[test]
fn more_entries_than_the_cap_are_refused() {
    let mut entries = entries();
    for index in 0..(kairan::bundle::limits::MAX_ENTRIES + 1 - entries.len()) {
        entries.push(Entry::stored(&format!("files/{index}"), b""));
    }
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(
            error,
            BundleError::TooManyEntries {
                count: 1025,
                limit: 1024
            }
        ),
        "{error:?}"
    );
}

#[test]
fn an_entry_over_the_size_cap_is_refused() {
    let mut entries = entries();
    let mut big = Entry::deflated("files/memo.txt", b"");
    big.size = (kairan::bundle::limits::MAX_ENTRY_BYTES + 1) as u32;
    entries[3] = big;
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(&error, BundleError::EntryTooLarge { name, size, .. }
            if name == "files/memo.txt" && *size == kairan::bundle::limits::MAX_ENTRY_BYTES + 1),
        "{error:?}"
    );
}

#[test]
fn a_declared_4_gib_entry_is_refused_at_once() {
    let mut entries = entries();
    let mut big = Entry::stored("files/memo.txt", b"");
    big.size = u32::MAX;
    entries[3] = big;
    let bytes = zip::write(&entries).bytes;
    let started = Instant::now();
    let error = error_of(&bytes);
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(&error, BundleError::EntryTooLarge { size, .. } if *size == u64::from(u32::MAX)),
        "{error:?}"
    );
}

#[test]
fn entries_over_the_total_size_cap_are_refused() {
    let mut entries = entries();
    for index in 0..3 {
        let mut big = Entry::deflated(&format!("files/big-{index}"), b"");
        big.size = 200 * 1024 * 1024;
        entries.push(big);
    }
    let error = error_of(&zip::write(&entries).bytes);
    assert!(
        matches!(error, BundleError::TotalTooLarge { limit } if limit == kairan::bundle::limits::MAX_TOTAL_BYTES),
        "{error:?}"
    );
}

#[test]
fn a_manifest_over_its_cap_is_refused() {
    let limit = kairan::bundle::limits::MAX_MANIFEST_BYTES;
    let mut manifest = parts().manifest_bytes();
    manifest.resize(limit as usize + 1, b' '); // trailing whitespace is valid JSON
    let error = error_of(&with_signed_manifest(&manifest, &standard_comment()));
    assert!(
        matches!(error, BundleError::ManifestTooLarge { size, .. } if size == limit + 1),
        "{error:?}"
    );
}

#[test]
fn a_signature_file_over_its_cap_is_refused() {
    let parts = parts();
    let manifest = parts.manifest_bytes();
    let mut signature = Parts::signature_for(&manifest, &standard_comment(), &signer());
    signature.resize(
        kairan::bundle::limits::MAX_SIGNATURE_BYTES as usize + 1,
        b'\n',
    );
    let bytes = zip::write(&parts.entries_with(&manifest, &signature)).bytes;
    let error = error_of(&bytes);
    assert!(
        matches!(error, BundleError::SignatureTooLarge { size: 2049, .. }),
        "{error:?}"
    );
}

// --- the manifest ---

#[test]
fn an_unknown_format_version_is_refused() {
    let mut parts = parts();
    parts.manifest.format_version = 2;
    let manifest = parts.manifest_bytes();
    let error = error_of(&with_signed_manifest(
        &manifest,
        &parts.manifest.trusted_comment(),
    ));
    assert!(
        matches!(
            error,
            BundleError::Manifest(ManifestError::UnsupportedVersion(2))
        ),
        "{error:?}"
    );
}

#[test]
fn a_duplicate_json_key_in_the_manifest_is_refused() {
    let manifest = String::from_utf8(parts().manifest_bytes()).unwrap();
    let manifest = manifest.replacen(
        "\"bundle_id\": \"test-bundle-1\",",
        "\"bundle_id\": \"test-bundle-1\",\n  \"bundle_id\": \"test-bundle-1\",",
        1,
    );
    let error = error_of(&with_signed_manifest(
        manifest.as_bytes(),
        &standard_comment(),
    ));
    assert!(
        matches!(&error, BundleError::Manifest(ManifestError::Json(json)) if json.to_string().contains("duplicate field `bundle_id`")),
        "{error:?}"
    );
}

#[test]
fn an_unknown_json_key_in_the_manifest_is_refused() {
    let manifest = String::from_utf8(parts().manifest_bytes()).unwrap();
    let manifest = manifest.replacen(
        "\"bundle_id\":",
        "\"verified_by\": \"the government\",\n  \"bundle_id\":",
        1,
    );
    let error = error_of(&with_signed_manifest(
        manifest.as_bytes(),
        &standard_comment(),
    ));
    assert!(
        matches!(&error, BundleError::Manifest(ManifestError::Json(json)) if json.to_string().contains("unknown field `verified_by`")),
        "{error:?}"
    );
}

#[test]
fn a_signed_document_that_does_not_parse_is_refused() {
    let parts = parts().with_file(
        "documents/broken.json",
        br#"{"format":"kairan-document","format_version":1,"title":"t","body":[],"title":"u"}"#,
        Role::Report,
    );
    let error = error_of(&parts.build(&signer()));
    assert!(
        matches!(&error, BundleError::Document { path, .. } if path == "documents/broken.json"),
        "{error:?}"
    );
}

// --- the signature ---

#[test]
fn a_signature_by_another_key_is_refused() {
    // The manifest claims the test signer; the stranger signed it.
    let parts = parts();
    let bytes = parts.build(&TestKey::stranger());
    assert_eq!(
        verdict_of(&bytes),
        Verdict::BadSignature {
            problem: SignatureProblem::OtherKey {
                found: TestKey::stranger().public.key_id,
                claimed: signer().public.key_id,
            }
        }
    );
}

#[test]
fn a_signature_over_another_manifest_is_refused() {
    // Both manifests signed by the trusted key; the signature of one is put beside the other.
    let original = parts();
    let mut swapped = parts();
    swapped.manifest.recipient = Some("株式会社サンプル".into());
    let signature = Parts::signature_for(
        &original.manifest_bytes(),
        &original.manifest.trusted_comment(),
        &signer(),
    );
    let bytes = zip::write(&swapped.entries_with(&swapped.manifest_bytes(), &signature)).bytes;
    assert_eq!(
        verdict_of(&bytes),
        Verdict::BadSignature {
            problem: SignatureProblem::ManifestMismatch
        }
    );
}

#[test]
fn a_legacy_signature_is_refused() {
    use base64::Engine as _;
    use ed25519_dalek::Signer as _;
    let base64 = base64::engine::general_purpose::STANDARD;
    let key = signer();
    let signing = ed25519_dalek::SigningKey::from_bytes(&key.seed());
    let manifest = parts().manifest_bytes();
    let comment = standard_comment();
    // A genuine legacy minisign signature: Ed25519 over the raw bytes, algorithm "Ed".
    let signature = signing.sign(&manifest).to_bytes();
    let mut line = b"Ed".to_vec();
    line.extend_from_slice(&key.public.key_id.0);
    line.extend_from_slice(&signature);
    let global = signing
        .sign(&[&signature[..], comment.as_bytes()].concat())
        .to_bytes();
    let text = format!(
        "untrusted comment: kairan bundle manifest signature\n{}\ntrusted comment: {comment}\n{}\n",
        base64.encode(line),
        base64.encode(global)
    );
    let bytes = zip::write(&parts().entries_with(&manifest, text.as_bytes())).bytes;
    let error = error_of(&bytes);
    assert!(
        matches!(
            error,
            BundleError::SignatureFile(SignatureFileError::Legacy)
        ),
        "{error:?}"
    );
}

#[test]
fn a_trusted_comment_that_does_not_describe_the_manifest_is_refused() {
    let manifest = parts().manifest_bytes();
    let other = standard_comment().replace("seq=1", "seq=2");
    let bytes = with_signed_manifest(&manifest, &other);
    assert!(
        matches!(verdict_of(&bytes), Verdict::BadSignature { problem: SignatureProblem::CommentMismatch { found, .. } } if found == other),
    );
}

#[test]
fn an_altered_trusted_comment_is_refused() {
    let parts = parts();
    let manifest = parts.manifest_bytes();
    let signature = Parts::signature_for(&manifest, "kairan-bundle v1 original", &signer());
    let altered = String::from_utf8(signature)
        .unwrap()
        .replace("kairan-bundle v1 original", &standard_comment());
    let bytes = zip::write(&parts.entries_with(&manifest, altered.as_bytes())).bytes;
    assert_eq!(
        verdict_of(&bytes),
        Verdict::BadSignature {
            problem: SignatureProblem::CommentSignature
        }
    );
}

#[test]
fn a_signature_file_in_another_form_is_refused() {
    let parts = parts();
    let manifest = parts.manifest_bytes();
    let text = String::from_utf8(Parts::signature_for(
        &manifest,
        &standard_comment(),
        &signer(),
    ))
    .unwrap();
    for (altered, expected) in [
        (text.replace('\n', "\r\n"), SignatureFileError::Shape),
        (
            text.replace(
                "kairan bundle manifest signature",
                "signature from minisign secret key",
            ),
            SignatureFileError::UntrustedComment,
        ),
        (
            text.replace("\ntrusted comment: ", "\ntrusted_comment: "),
            SignatureFileError::TrustedCommentPrefix,
        ),
    ] {
        let bytes = zip::write(&parts.entries_with(&manifest, altered.as_bytes())).bytes;
        let error = error_of(&bytes);
        assert!(
            matches!(&error, BundleError::SignatureFile(found) if *found == expected),
            "{expected:?}: {error:?}"
        );
    }
}

#[test]
fn an_end_record_whose_comment_length_points_past_the_file_is_named() {
    let mut layout = zip::write(&entries());
    let at = layout.end + end::COMMENT_LEN;
    layout.patch16(at, 0x0100);
    let error = error_of(&layout.bytes);
    assert!(
        matches!(&error, BundleError::EndRecord(reason) if reason.contains("256 bytes follow it, but only 0")),
        "{error:?}"
    );
}

// --- the committed sample ---

#[test]
fn the_committed_sample_is_what_pack_produces() {
    let root = support::root();
    let key_text = std::fs::read_to_string(root.join("notices/demo-key/kairan-demo.key")).unwrap();
    let key = kairan::bundle::SecretKey::from_file_text(&key_text, None).unwrap();
    let packed = kairan::authoring::pack_folder(
        &root.join("notices/mikasa-2023-06-29"),
        &key,
        &kairan::authoring::PackOptions::default(),
    )
    .unwrap();
    let committed = std::fs::read(root.join("notices/mikasa-2023-06-29.kairan")).unwrap();
    assert!(
        packed == committed,
        "notices/mikasa-2023-06-29.kairan differs from a fresh pack of notices/mikasa-2023-06-29 \
         ({} vs {} bytes); run `kairan pack notices/mikasa-2023-06-29 --key \
         notices/demo-key/kairan-demo.key -o notices/mikasa-2023-06-29.kairan`",
        committed.len(),
        packed.len()
    );
    assert_eq!(kairan::sample::SAMPLE_BUNDLE, committed.as_slice());
}

/// What a failed verification of a damaged sample names, or `None` if it passed.
fn failure_of(bytes: &[u8]) -> Option<String> {
    let trusted = [kairan::sample::demo_trusted_key()];
    match open(bytes, &trusted) {
        Ok(opened) => match opened.verdict {
            Verdict::Verified { .. } | Verdict::UnknownSigner { .. } => None,
            Verdict::Tampered { entry, problem } => Some(format!("entry {entry:?}: {problem}")),
            Verdict::BadSignature { problem } => Some(problem.to_string()),
            Verdict::Unsigned => Some("not signed".to_owned()),
        },
        Err(error) => Some(error.to_string()),
    }
}

/// The masks a byte at `at` is flipped with. Bytes of the ZIP structure and of the signed
/// manifest and its signature get two (every bit, and the lowest bit alone); a byte of a
/// payload entry's contents gets one, alternating, because the reader treats every change to
/// contents alike (CRC-32, then SHA-256 against the signed manifest) and a full verification
/// per flip is what makes this test slow.
fn masks_for(at: usize, payload: bool) -> &'static [u8] {
    match (payload, at % 2) {
        (false, _) => &[0xff, 0x01],
        (true, 0) => &[0xff],
        (true, _) => &[0x01],
    }
}

#[test]
fn flipping_any_byte_of_the_sample_makes_verification_fail_and_says_where() {
    let sample = kairan::sample::SAMPLE_BUNDLE;
    assert_eq!(failure_of(sample), None, "the sample itself must verify");
    let layout = kairan::bundle::container::parse(sample).unwrap();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let positions: Vec<usize> = (0..sample.len()).collect();
    let started = Instant::now();
    let flips: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = positions
            .chunks(sample.len().div_ceil(threads))
            .map(|chunk| {
                let layout = &layout;
                scope.spawn(move || {
                    let mut bytes = sample.to_vec();
                    let mut flips = 0;
                    for &at in chunk {
                        let owner = layout.iter().find(|entry| entry.data.contains(&at));
                        let payload = owner.is_some_and(|entry| {
                            entry.name != MANIFEST_PATH && entry.name != SIGNATURE_PATH
                        });
                        for &mask in masks_for(at, payload) {
                            bytes[at] ^= mask;
                            let Some(reason) = failure_of(&bytes) else {
                                panic!("flipping byte {at} with {mask:#04x} went unnoticed");
                            };
                            // A byte of an entry's contents must be blamed on that entry.
                            if let Some(entry) = owner {
                                assert!(
                                    reason.contains(&entry.name),
                                    "byte {at} of {:?} flipped, but the reason does not name it: {reason}",
                                    entry.name
                                );
                            }
                            bytes[at] ^= mask;
                            flips += 1;
                        }
                    }
                    flips
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap())
            .sum()
    });
    assert!(flips > sample.len());
    eprintln!("{flips} flips in {:?}", started.elapsed());
}
