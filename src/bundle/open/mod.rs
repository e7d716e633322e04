//! Opening a bundle: structure, signature, hashes and documents, in that order, ending in a
//! [`Verdict`] that both front ends render.
//!
//! A bad signature or an altered entry is a *verdict*, not an error: the bundle was read and
//! found wanting, and the viewer must say so. [`BundleError`] is for files that cannot be read
//! or break the format.

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use sha2::Digest as _;

use super::container::{self, ContainerEntry, Method};
use super::error::BundleError;
use super::keys::{KeyId, PublicKey};
use super::limits;
use super::manifest::{MANIFEST_PATH, Manifest, ManifestEntry, SIGNATURE_PATH};
use super::signature::{SignatureFile, SignatureProblem};
use crate::document::{Document, LinkTarget};

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

/// A document of an opened bundle.
#[derive(Debug, Clone)]
pub struct BundleDocument {
    /// Its manifest entry.
    pub entry: ManifestEntry,
    /// The parsed document.
    pub document: Document,
}

/// A bundle that was read, with its verdict.
#[derive(Debug, Clone)]
pub struct OpenedBundle {
    /// What the manifest says.
    pub manifest: Manifest,
    /// The key id that made the signature.
    pub signature_key_id: KeyId,
    /// The verdict.
    pub verdict: Verdict,
    /// Documents in manifest order. When the verdict is not intact, only those that could be
    /// parsed (for an explicit "show anyway").
    pub documents: Vec<BundleDocument>,
    /// Non-document entries.
    pub attachments: Vec<ManifestEntry>,
    bytes: Arc<[u8]>,
    entries: Vec<ContainerEntry>,
}

/// Reads and verifies the bundle at `path` against the reader's `trusted` keys.
///
/// Fails if the file cannot be read or breaks the format.
pub fn open_file(path: &Path, trusted: &[TrustedKey]) -> Result<OpenedBundle, BundleError> {
    let io_error = |source| BundleError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > limits::MAX_BUNDLE_BYTES {
        return Err(BundleError::FileTooLarge {
            size,
            limit: limits::MAX_BUNDLE_BYTES,
        });
    }
    // Read straight into the shared buffer the opened bundle keeps: converting a `Vec` into an
    // `Arc<[u8]>` would copy it and briefly hold the file twice.
    let mut bytes: Arc<[u8]> = std::iter::repeat_n(0u8, size as usize).collect();
    if let Some(buffer) = Arc::get_mut(&mut bytes) {
        file.read_exact(buffer).map_err(io_error)?;
    }
    // A file that grew while it was read is not the file that was measured.
    if file.read(&mut [0u8; 1]).map_err(io_error)? != 0 {
        return Err(io_error(std::io::Error::other(
            "the file changed while it was being read; open it again",
        )));
    }
    open_bytes(bytes, trusted)
}

/// Reads and verifies a bundle held in memory against the reader's `trusted` keys.
///
/// Fails if the bytes break the format.
pub fn open_bytes(bytes: Arc<[u8]>, trusted: &[TrustedKey]) -> Result<OpenedBundle, BundleError> {
    if bytes.len() as u64 > limits::MAX_BUNDLE_BYTES {
        return Err(BundleError::FileTooLarge {
            size: bytes.len() as u64,
            limit: limits::MAX_BUNDLE_BYTES,
        });
    }
    let entries = container::parse(&bytes)?;
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
    let manifest_bytes = container::contents(&bytes, manifest_entry)?;
    let signature = SignatureFile::from_text(&container::contents(&bytes, signature_entry)?)?;
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
    if verdict.intact()
        && let Some(tampered) = first_tampered_entry(&bytes, payload, &manifest.entries)
    {
        verdict = tampered;
    }

    let mut documents = Vec::new();
    for entry in manifest.documents() {
        let Some(located) = payload.iter().find(|located| located.name == entry.path) else {
            continue;
        };
        let parsed = if located.size > limits::MAX_DOCUMENT_BYTES {
            Err(BundleError::EntryTooLarge {
                name: entry.path.clone(),
                size: located.size,
                limit: limits::MAX_DOCUMENT_BYTES,
            })
        } else {
            container::contents(&bytes, located).and_then(|data| {
                Document::from_json(&data).map_err(|source| BundleError::Document {
                    path: entry.path.clone(),
                    source,
                })
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
    let attachments = manifest
        .entries
        .iter()
        .filter(|entry| !entry.role.is_document())
        .cloned()
        .collect();
    Ok(OpenedBundle {
        signature_key_id: signature.key_id,
        manifest,
        verdict,
        documents,
        attachments,
        bytes,
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
    bytes: &[u8],
    payload: &[ContainerEntry],
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
        let Some(located) = payload.iter().find(|located| located.name == entry.path) else {
            return tampered(&entry.path, Tamper::Missing);
        };
        if located.size != entry.size {
            return tampered(
                &entry.path,
                Tamper::Size {
                    signed: entry.size,
                    found: located.size,
                },
            );
        }
        match sha256_checking_crc(bytes, located) {
            Ok(digest) if digest == entry.sha256 => {}
            Ok(_) => return tampered(&entry.path, Tamper::Hash),
            Err(error) => return tampered(&entry.path, Tamper::Damaged(error.to_string())),
        }
    }
    None
}

/// Lowercase hex SHA-256 of an entry's uncompressed bytes, checking its CRC-32 on the way,
/// without holding a second copy of a stored entry.
fn sha256_checking_crc(bytes: &[u8], entry: &ContainerEntry) -> Result<String, BundleError> {
    let digest = match entry.method {
        Method::Stored => {
            let data = &bytes[entry.data.clone()];
            if crc32fast::hash(data) != entry.crc32 {
                return Err(BundleError::CrcMismatch {
                    name: entry.name.clone(),
                });
            }
            sha2::Sha256::digest(data)
        }
        Method::Deflated => sha2::Sha256::digest(container::contents(bytes, entry)?),
    };
    Ok(hex(&digest))
}

/// Something a reader should know about a link (see [`OpenedBundle::link_remark`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRemark {
    /// Not an `https`, `http` or `mailto` address: shown as text, never opened.
    NotOpened,
    /// It points to a document the bundle does not have.
    NoSuchDocument,
    /// It points to a heading its document does not have.
    NoSuchHeading,
    /// Its text is a web address, but not the one it goes to.
    TextShowsOtherAddress {
        /// The address the text shows.
        shown: String,
    },
}

/// The web address a link's text shows, if its text looks like one.
fn shown_address(text: &str) -> Option<String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
        .then(|| text.to_owned())
}

/// The host of an address, lower case, without `www.`.
fn host_of(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.to_ascii_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl OpenedBundle {
    /// An unsigned bundle of already-parsed documents, for the authoring preview. Its verdict
    /// is [`Verdict::Unsigned`], its signature key id all zeros, and it holds no entry bytes,
    /// so [`OpenedBundle::entry_bytes`] fails for every path.
    pub fn unsigned(manifest: Manifest, documents: Vec<BundleDocument>) -> Self {
        let attachments = manifest
            .entries
            .iter()
            .filter(|entry| !entry.role.is_document())
            .cloned()
            .collect();
        OpenedBundle {
            manifest,
            signature_key_id: KeyId([0; 8]),
            verdict: Verdict::Unsigned,
            documents,
            attachments,
            bytes: Arc::from(Vec::new()),
            entries: Vec::new(),
        }
    }

    /// The bytes of an attachment, checked again against the signed hash before they are
    /// handed out.
    ///
    /// Fails if the path is not an entry or its bytes do not match the manifest.
    pub fn entry_bytes(&self, path: &str) -> Result<Vec<u8>, BundleError> {
        let (Some(located), Some(listed)) = (
            self.entries.iter().find(|entry| entry.name == path),
            self.manifest
                .entries
                .iter()
                .find(|entry| entry.path == path),
        ) else {
            return Err(BundleError::CentralDirectory(format!(
                "the bundle has no entry {path:?}"
            )));
        };
        let data = container::contents(&self.bytes, located)?;
        if hex(&sha2::Sha256::digest(&data)) != listed.sha256 {
            return Err(BundleError::CrcMismatch {
                name: path.to_owned(),
            });
        }
        Ok(data)
    }

    /// What a reader should be told about a link before following it, if anything: an
    /// address Kairan does not open, a target document or heading the bundle does not have,
    /// or link text that shows a different address than the one the link goes to.
    pub fn link_remark(&self, target: &LinkTarget, text: &str) -> Option<LinkRemark> {
        let shown = shown_address(text);
        match target {
            LinkTarget::External { url } if !crate::document::opens_externally(url) => {
                Some(LinkRemark::NotOpened)
            }
            LinkTarget::External { url } => match shown {
                Some(shown) if host_of(&shown) != host_of(url) => {
                    Some(LinkRemark::TextShowsOtherAddress { shown })
                }
                _ => None,
            },
            LinkTarget::Document { path, heading } => match self.document(path) {
                None => Some(LinkRemark::NoSuchDocument),
                Some(document)
                    if heading.as_deref().is_some_and(|heading| {
                        !document.document.heading_ids().any(|id| id == heading)
                    }) =>
                {
                    Some(LinkRemark::NoSuchHeading)
                }
                Some(_) => shown.map(|shown| LinkRemark::TextShowsOtherAddress { shown }),
            },
        }
    }

    /// The document at `path`, if the bundle has it.
    pub fn document(&self, path: &str) -> Option<&BundleDocument> {
        self.documents
            .iter()
            .find(|document| document.entry.path == path)
    }

    /// Total masked fields across all documents.
    pub fn mask_count(&self) -> usize {
        self.documents
            .iter()
            .map(|document| document.document.mask_count())
            .sum()
    }

    /// Total omitted sections across all documents.
    pub fn omission_count(&self) -> usize {
        self.documents
            .iter()
            .map(|document| document.document.omission_count())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_that_go_nowhere_or_show_another_address_are_remarked() {
        let sample = crate::sample::open_sample().unwrap();
        let report = "documents/vendor-report-2023-06-28.json";
        let document = |path: &str, heading: Option<&str>| LinkTarget::Document {
            path: path.into(),
            heading: heading.map(Into::into),
        };
        let external = |url: &str| LinkTarget::External { url: url.into() };
        assert_eq!(sample.link_remark(&document(report, Some("s6")), "①"), None);
        assert_eq!(
            sample.link_remark(&document("documents/none.json", None), "x"),
            Some(LinkRemark::NoSuchDocument)
        );
        assert_eq!(
            sample.link_remark(&document(report, Some("s99")), "x"),
            Some(LinkRemark::NoSuchHeading)
        );
        assert_eq!(
            sample.link_remark(&external("javascript:alert(1)"), "x"),
            Some(LinkRemark::NotOpened)
        );
        assert_eq!(
            sample.link_remark(
                &external("https://www.example.co.jp/a"),
                "https://example.co.jp/"
            ),
            None
        );
        assert_eq!(
            sample.link_remark(
                &external("https://evil.example/login"),
                "https://www.bank.co.jp/"
            ),
            Some(LinkRemark::TextShowsOtherAddress {
                shown: "https://www.bank.co.jp/".into()
            })
        );
        assert!(matches!(
            sample.link_remark(&document(report, None), "www.bank.co.jp"),
            Some(LinkRemark::TextShowsOtherAddress { .. })
        ));
    }
}
