//! Bundles whose signature checks out: one part of the sample is replaced by the fuzz input and
//! the bundle is re-signed with the (public) demo key, so the fuzzer reaches everything behind
//! the signature — hashes, entry order, document parsing, rollover statements, assessment.
//!
//! The first input byte chooses the part; the rest is its new content:
//!
//! - 0: `manifest.json` itself (signed as given);
//! - 1: `manifest.json.minisig` (the sample's manifest, a fuzzed signature file);
//! - 2, 3, 4: one of the three documents (the manifest's size and hash follow it);
//! - 5: an added `key-rollover.json` with a demo-key signature, both listed in the manifest.
//!
//! Checked beyond "no panic": a correctly signed bundle never gets a bad-signature verdict, and
//! a re-signed bundle with a replaced document is verified exactly when that document parses.

#![no_main]

use kairan::bundle::manifest::{MANIFEST_PATH, SIGNATURE_PATH};
use kairan::bundle::{BundleError, Manifest, ManifestEntry, Role, SignatureFile, Verdict, hex};
use kairan::document::Document;
use kairan::trust::rollover::{
    ROLLOVER_MEDIA_TYPE, ROLLOVER_PATH, ROLLOVER_SIGNATURE_MEDIA_TYPE, ROLLOVER_SIGNATURE_PATH,
    RolloverStatement,
};
use kairan_fuzz::{Entry, archive, demo_secret_key, exercise, sample_entries, trusted_keys};
use libfuzzer_sys::fuzz_target;
use sha2::Digest as _;

fn listed(path: &str, data: &[u8], media_type: &str, role: Role) -> ManifestEntry {
    ManifestEntry {
        path: path.to_owned(),
        size: data.len() as u64,
        sha256: hex(&sha2::Sha256::digest(data)),
        media_type: media_type.to_owned(),
        role,
    }
}

fn signed(manifest_bytes: Vec<u8>, comment: &str, payload: &[Entry]) -> Vec<Entry> {
    let signature = SignatureFile::sign(demo_secret_key(), &manifest_bytes, comment);
    let mut entries = vec![
        Entry {
            name: MANIFEST_PATH.to_owned(),
            data: manifest_bytes,
        },
        Entry {
            name: SIGNATURE_PATH.to_owned(),
            data: signature.to_text().into_bytes(),
        },
    ];
    entries.extend_from_slice(payload);
    entries
}

fn open(entries: &[Entry]) -> Option<Result<kairan::bundle::OpenedBundle, BundleError>> {
    let bytes = archive(entries)?;
    Some(kairan::bundle::open_bytes(bytes.into(), trusted_keys()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let sample = sample_entries();
    let mut manifest = Manifest::from_json(&sample[0].data).expect("the sample manifest parses");
    let mut payload = sample[2..].to_vec();
    match selector % 6 {
        0 => {
            let comment = Manifest::from_json(content)
                .map(|claimed| claimed.trusted_comment())
                .unwrap_or_default();
            let Some(opened) = open(&signed(content.to_vec(), &comment, &payload)) else {
                return;
            };
            if let Ok(bundle) = opened {
                assert!(
                    !matches!(bundle.verdict, Verdict::BadSignature { .. }),
                    "a correctly signed manifest got {:?}",
                    bundle.verdict
                );
                exercise(&bundle);
            }
        }
        1 => {
            let mut entries = sample.to_vec();
            entries[1].data = content.to_vec();
            if let Some(Ok(bundle)) = open(&entries) {
                exercise(&bundle);
            }
        }
        index @ 2..=4 => {
            let at = usize::from(index - 2);
            payload[at].data = content.to_vec();
            let entry = &mut manifest.entries[at];
            entry.size = content.len() as u64;
            entry.sha256 = hex(&sha2::Sha256::digest(content));
            let Some(opened) = open(&signed(
                manifest.to_json(),
                &manifest.trusted_comment(),
                &payload,
            )) else {
                return;
            };
            let parses = Document::from_json(content).is_ok();
            match opened {
                Ok(bundle) => {
                    assert!(parses, "a document that does not parse was accepted");
                    assert!(
                        matches!(bundle.verdict, Verdict::Verified { .. }),
                        "re-signed bundle got {:?}",
                        bundle.verdict
                    );
                    exercise(&bundle);
                }
                Err(error) => assert!(
                    !parses && matches!(error, BundleError::Document { .. }),
                    "re-signed bundle with a valid document refused: {error}"
                ),
            }
        }
        _ => {
            let comment = RolloverStatement::from_json(content)
                .map(|statement| statement.trusted_comment())
                .unwrap_or_default();
            let signature = SignatureFile::sign(demo_secret_key(), content, &comment)
                .to_text()
                .into_bytes();
            manifest.entries.push(listed(
                ROLLOVER_PATH,
                content,
                ROLLOVER_MEDIA_TYPE,
                Role::KeyRollover,
            ));
            manifest.entries.push(listed(
                ROLLOVER_SIGNATURE_PATH,
                &signature,
                ROLLOVER_SIGNATURE_MEDIA_TYPE,
                Role::KeyRollover,
            ));
            payload.push(Entry {
                name: ROLLOVER_PATH.to_owned(),
                data: content.to_vec(),
            });
            payload.push(Entry {
                name: ROLLOVER_SIGNATURE_PATH.to_owned(),
                data: signature,
            });
            let Some(opened) = open(&signed(
                manifest.to_json(),
                &manifest.trusted_comment(),
                &payload,
            )) else {
                return;
            };
            match opened {
                Ok(bundle) => {
                    assert!(
                        matches!(bundle.verdict, Verdict::Verified { .. }),
                        "re-signed bundle with a rollover statement got {:?}",
                        bundle.verdict
                    );
                    exercise(&bundle);
                }
                Err(error) => panic!("re-signed bundle with a rollover statement refused: {error}"),
            }
        }
    }
});
