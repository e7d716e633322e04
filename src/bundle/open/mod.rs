//! Opening a bundle: structure, signature, hashes and documents, in that order, ending in a
//! [`Verdict`] that both front ends render.
//!
//! A bad signature or an altered entry is a *verdict*, not an error: the bundle was read and
//! found wanting, and the viewer must say so. [`BundleError`] is for files that cannot be read
//! or break the format.
//!
//! This file reads and judges; what it hands back — an [`OpenedBundle`] with its documents and
//! what one may ask of it (entry bytes checked again, remarks on links, counts) — is in `opened`.

mod opened;
mod pass;

pub use opened::{BundleDocument, LinkRemark, OpenedBundle, SaveEntryError};

use std::path::Path;
use std::sync::Arc;

use super::container::{self, ContainerEntry};
use super::error::BundleError;
use super::keys::PublicKey;
use super::limits;
use super::manifest::{MANIFEST_PATH, Manifest, ManifestEntry, SIGNATURE_PATH};
use super::signature::{SignatureFile, SignatureProblem};
use super::source::{OpenFile, Source};
use crate::document::Document;

/// A key the reader trusts, with the name *the reader* gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// The reader's name for the key's owner.
    pub name: String,
    /// The key.
    pub public_key: PublicKey,
}

/// Who signed a bundle and whether everything checks out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signature valid, every entry intact, and the key is one the reader trusts.
    Verified {
        /// The reader's own record of the key.
        signer: TrustedKey,
    },
    /// Signature valid and every entry intact, but the key is not one the reader trusts.
    UnknownSigner {
        /// The key that signed (the one the bundle names).
        key: PublicKey,
    },
    /// The signature is valid but an entry is not what was signed.
    Tampered {
        /// The entry that failed.
        entry: String,
        /// How it failed.
        problem: Tamper,
    },
    /// The signature itself does not verify.
    BadSignature {
        /// Why.
        problem: SignatureProblem,
    },
    /// Nothing was signed: a preview compiled from a notice folder by
    /// [`crate::authoring::preview()`]. Opening a file never gives this verdict.
    Unsigned,
}

/// How an entry differs from what the manifest signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Tamper {
    /// In the archive but not in the manifest.
    #[error("it is in the archive but not listed in the signed manifest (it was added)")]
    Unlisted,
    /// In the manifest but not in the archive.
    #[error("the signed manifest lists it but the archive does not contain it (it was removed)")]
    Missing,
    /// Another size.
    #[error("it is {found} bytes but the signed manifest says {signed}")]
    Size {
        /// Size in the manifest.
        signed: u64,
        /// Size in the archive.
        found: u64,
    },
    /// Another hash.
    #[error("its SHA-256 does not match the signed manifest (its contents were altered)")]
    Hash,
    /// The entry's bytes do not match its own CRC or do not decompress.
    #[error("its bytes are damaged: {0}")]
    Damaged(String),
}

impl Verdict {
    /// Whether the bundle's contents are exactly what its key signed (trusted or not).
    pub fn intact(&self) -> bool {
        matches!(
            self,
            Verdict::Verified { .. } | Verdict::UnknownSigner { .. }
        )
    }
}

/// Reads and verifies the bundle at `path` against the reader's `trusted` keys.
///
/// Fails if the file cannot be read or breaks the format.
pub fn open_file(path: &Path, trusted: &[TrustedKey]) -> Result<OpenedBundle, BundleError> {
    let io_error = |source| BundleError::Io {
        path: path.to_owned(),
        source,
    };
    // A pipe or device would block or never end: only regular files are read. The file is
    // opened without blocking (a pipe swapped in after the check cannot hang the reader) and
    // checked again once open.
    let not_a_file = || BundleError::NotAFile {
        path: path.to_owned(),
    };
    if !std::fs::metadata(path).map_err(io_error)?.is_file() {
        return Err(not_a_file());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        return Err(not_a_file());
    }
    let size = metadata.len();
    if size > limits::MAX_BUNDLE_BYTES {
        return Err(BundleError::FileTooLarge {
            size,
            limit: limits::MAX_BUNDLE_BYTES,
        });
    }
    let open = Arc::new(OpenFile::new(file, path, size));
    let before = open.stamp().map_err(io_error)?;
    let opened = open_source(Source::File(open.clone()), trusted)?;
    // A file that changed while it was read is not the file that was measured and hashed.
    if open.stamp().map_err(io_error)? != before {
        return Err(io_error(std::io::Error::other(
            "the file changed while it was being read; open it again",
        )));
    }
    Ok(opened)
}

/// Reads and verifies a bundle held in memory against the reader's `trusted` keys.
///
/// Fails if the bytes break the format.
pub fn open_bytes(bytes: Arc<[u8]>, trusted: &[TrustedKey]) -> Result<OpenedBundle, BundleError> {
    open_source(Source::Memory(bytes), trusted)
}

/// Reads and verifies the bundle in `source`: the structure from the archive's end, the
/// manifest and its signature, then one pass over the entries that checks and hashes each and
/// keeps the documents' contents (the whole file's hash waits until it is asked for).
fn open_source(source: Source, trusted: &[TrustedKey]) -> Result<OpenedBundle, BundleError> {
    if source.len() > limits::MAX_BUNDLE_BYTES {
        return Err(BundleError::FileTooLarge {
            size: source.len(),
            limit: limits::MAX_BUNDLE_BYTES,
        });
    }
    let entries = container::parse_source(&source)?;
    let (manifest_entry, signature_entry) = match entries.as_slice() {
        [first, second, ..] if first.name == MANIFEST_PATH && second.name == SIGNATURE_PATH => {
            (first, second)
        }
        [first, ..] if first.name != MANIFEST_PATH => {
            return Err(BundleError::MissingManifest {
                position: 1,
                found: first.name.clone(),
            });
        }
        [_, second, ..] => {
            return Err(BundleError::MissingManifest {
                position: 2,
                found: second.name.clone(),
            });
        }
        _ => {
            return Err(BundleError::MissingManifest {
                position: entries.len() + 1,
                found: "nothing".into(),
            });
        }
    };
    if manifest_entry.size > limits::MAX_MANIFEST_BYTES {
        return Err(BundleError::ManifestTooLarge {
            size: manifest_entry.size,
            limit: limits::MAX_MANIFEST_BYTES,
        });
    }
    if signature_entry.size > limits::MAX_SIGNATURE_BYTES {
        return Err(BundleError::SignatureTooLarge {
            size: signature_entry.size,
            limit: limits::MAX_SIGNATURE_BYTES,
        });
    }
    let manifest_bytes = container::contents_from(&source, manifest_entry)?;
    let signature = SignatureFile::from_text(&container::contents_from(&source, signature_entry)?)?;
    // Signature first: the exact manifest bytes are checked before anything in them is
    // interpreted, so an edited manifest is reported as altered, never as what it claims to be.
    let (signing_key, checked) = check_signature(&signature, &manifest_bytes, trusted);
    let manifest = match (Manifest::from_json(&manifest_bytes), &checked) {
        (Ok(manifest), _) => manifest,
        (Err(error), Ok(())) => return Err(error.into()),
        (Err(_), Err(problem)) => return Err(BundleError::AlteredManifest(problem.clone())),
    };
    let mut verdict = match checked {
        Err(problem) => Verdict::BadSignature { problem },
        Ok(()) => signed_verdict(&signature, &manifest, signing_key),
    };
    let payload = &entries[2..];
    check_order(payload, &manifest.entries)?;
    let keep: Vec<bool> = entries
        .iter()
        .map(|located| {
            located.size <= limits::MAX_DOCUMENT_BYTES
                && manifest
                    .documents()
                    .any(|document| document.path == located.name)
        })
        .collect();
    let mut checked = pass::check_entries(&source, &entries, &keep)?;
    let entry_sha256 = checked
        .iter()
        .map(|check| check.as_ref().ok().map(|check| check.sha256))
        .collect();
    let payload_checked = &mut checked[2..];
    if verdict.intact()
        && let Some(tampered) = first_tampered_entry(payload, payload_checked, &manifest.entries)
    {
        verdict = tampered;
    }

    let mut documents = Vec::new();
    for entry in manifest.documents() {
        let Some(at) = payload
            .iter()
            .position(|located| located.name == entry.path)
        else {
            continue;
        };
        let located = &payload[at];
        let parsed = if located.size > limits::MAX_DOCUMENT_BYTES {
            Err(BundleError::EntryTooLarge {
                name: entry.path.clone(),
                size: located.size,
                limit: limits::MAX_DOCUMENT_BYTES,
            })
        } else {
            // A damaged entry made the verdict say so already; there is nothing to show of it.
            let Ok(checked) = &mut payload_checked[at] else {
                continue;
            };
            Document::from_json(&checked.contents.take().unwrap_or_default()).map_err(|source| {
                BundleError::Document {
                    path: entry.path.clone(),
                    source,
                }
            })
        };
        match parsed {
            Ok(document) => documents.push(BundleDocument {
                entry: entry.clone(),
                document,
            }),
            // A signed, intact document that does not parse is a broken bundle; in an
            // untrustworthy one it is just one more thing not to show.
            Err(error) if verdict.intact() => return Err(error),
            Err(_) => {}
        }
    }
    let attachments = manifest.attachments().cloned().collect();
    Ok(OpenedBundle {
        signature_key_id: signature.key_id,
        manifest,
        verdict,
        documents,
        attachments,
        file_sha256: Arc::default(),
        entry_sha256,
        source,
        entries,
    })
}

/// The key a signature is checked with.
#[derive(Debug, Clone)]
enum SigningKey {
    /// A key the reader trusts, with the signature's key id.
    Trusted(TrustedKey),
    /// The key the manifest names (the signer is not one the reader trusts).
    Claimed(PublicKey),
    /// None: not trusted, and the manifest names no usable key.
    None,
}

/// Checks the signature over the exact manifest bytes with a trusted key of the signature's
/// key id or, failing that, the key the manifest names (the one field read before the check).
fn check_signature(
    signature: &SignatureFile,
    manifest_bytes: &[u8],
    trusted: &[TrustedKey],
) -> (SigningKey, Result<(), SignatureProblem>) {
    if let Some(signer) = trusted
        .iter()
        .find(|key| key.public_key.key_id == signature.key_id)
    {
        let checked = signature.verify_bytes(&signer.public_key, manifest_bytes);
        return (SigningKey::Trusted(signer.clone()), checked);
    }
    match claimed_key(manifest_bytes) {
        Some(claimed) => {
            let checked = signature.verify_bytes(&claimed, manifest_bytes);
            (SigningKey::Claimed(claimed), checked)
        }
        None => (
            SigningKey::None,
            Err(SignatureProblem::NoKeyToCheck {
                found: signature.key_id,
            }),
        ),
    }
}

/// The key the manifest names as the issuer's, read without interpreting anything else.
fn claimed_key(manifest_bytes: &[u8]) -> Option<PublicKey> {
    let value: serde_json::Value = serde_json::from_slice(manifest_bytes).ok()?;
    let text = value.get("issuer")?.get("public_key")?.as_str()?;
    PublicKey::from_base64(text).ok()
}

/// The verdict for a signature whose cryptography checked out, once the manifest is read.
fn signed_verdict(signature: &SignatureFile, manifest: &Manifest, key: SigningKey) -> Verdict {
    if let Err(problem) = signature.check_comment(&manifest.trusted_comment()) {
        return Verdict::BadSignature { problem };
    }
    let named = PublicKey::from_base64(&manifest.issuer.public_key).ok();
    match key {
        SigningKey::Trusted(signer) => match named {
            Some(named) if named == signer.public_key => Verdict::Verified { signer },
            Some(named) => Verdict::BadSignature {
                problem: SignatureProblem::NamesAnotherKey {
                    signed_by: signer.public_key.key_id,
                    named: named.key_id,
                },
            },
            None => Verdict::BadSignature {
                problem: SignatureProblem::ManifestMismatch,
            },
        },
        SigningKey::Claimed(key) => Verdict::UnknownSigner { key },
        SigningKey::None => Verdict::BadSignature {
            problem: SignatureProblem::NoKeyToCheck {
                found: signature.key_id,
            },
        },
    }
}

/// Entries present in both must be in manifest order (a reordering is a non-canonical file,
/// not a content change); additions and removals are left to the tamper check.
fn check_order(payload: &[ContainerEntry], listed: &[ManifestEntry]) -> Result<(), BundleError> {
    let in_archive: Vec<&str> = payload
        .iter()
        .map(|entry| entry.name.as_str())
        .filter(|name| listed.iter().any(|entry| entry.path == *name))
        .collect();
    let in_manifest: Vec<&str> = listed
        .iter()
        .map(|entry| entry.path.as_str())
        .filter(|path| payload.iter().any(|entry| entry.name == *path))
        .collect();
    match in_archive
        .iter()
        .zip(&in_manifest)
        .find(|(found, expected)| found != expected)
    {
        Some((found, expected)) => Err(BundleError::OrderMismatch {
            expected: (*expected).to_owned(),
            found: (*found).to_owned(),
        }),
        None => Ok(()),
    }
}

fn first_tampered_entry(
    payload: &[ContainerEntry],
    checked: &[Result<pass::Checked, BundleError>],
    listed: &[ManifestEntry],
) -> Option<Verdict> {
    let tampered = |entry: &str, problem| {
        Some(Verdict::Tampered {
            entry: entry.to_owned(),
            problem,
        })
    };
    if let Some(extra) = payload
        .iter()
        .find(|entry| !listed.iter().any(|listed| listed.path == entry.name))
    {
        return tampered(&extra.name, Tamper::Unlisted);
    }
    for entry in listed {
        let Some(at) = payload
            .iter()
            .position(|located| located.name == entry.path)
        else {
            return tampered(&entry.path, Tamper::Missing);
        };
        let located = &payload[at];
        if located.size != entry.size {
            return tampered(
                &entry.path,
                Tamper::Size {
                    signed: entry.size,
                    found: located.size,
                },
            );
        }
        match &checked[at] {
            Ok(checked) if hex(&checked.sha256) == entry.sha256 => {}
            Ok(_) => return tampered(&entry.path, Tamper::Hash),
            Err(error) => return tampered(&entry.path, Tamper::Damaged(error.to_string())),
        }
    }
    None
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `open` on another thread and fails the test if it has not returned within ten
    /// seconds (a pipe would otherwise block it for ever).
    fn returns_promptly(open: impl FnOnce() -> bool + Send + 'static) -> bool {
        let (done, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(open());
        });
        result
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("opening did not return: it blocked")
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_folder_is_refused_without_waiting_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("b.kairan");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let refused = returns_promptly(move || {
            matches!(open_file(&fifo, &[]), Err(BundleError::NotAFile { .. }))
        });
        assert!(refused);
        let folder = dir.path().to_owned();
        assert!(returns_promptly(move || matches!(
            open_file(&folder, &[]),
            Err(BundleError::NotAFile { .. })
        )));
    }
}
