//! Writing: a manifest's fields, the bytes of each entry and a secret key in, a signed canonical
//! bundle out.
//!
//! This module only writes bytes it is given: it reads no folder and compiles nothing (the
//! firm's side, [`crate::authoring`], does that). Writing is a pure function of its inputs — no
//! clock, no randomness, no file-system order — so the same input always gives byte-identical
//! bundles.

use sha2::Digest as _;

use super::container::{self, EntryToWrite};
use super::error::BundleError;
use super::keys::SecretKey;
use super::manifest::{
    IssuerClaim, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, MANIFEST_PATH, Manifest, ManifestEntry,
    ManifestError, Role, SIGNATURE_PATH, Series,
};
use super::open::hex;
use super::signature::SignatureFile;
use crate::time::StatedTime;

/// What a bundle says about itself, apart from its entries and its key.
#[derive(Debug, Clone)]
pub struct BundleFields {
    /// The bundle id.
    pub bundle_id: String,
    /// Series and sequence.
    pub series: Series,
    /// Issue time.
    pub issued_at: StatedTime,
    /// Expiry, if any.
    pub expires_at: Option<StatedTime>,
    /// Recipient, if addressed to one.
    pub recipient: Option<String>,
    /// The issuer's name as the bundle claims it.
    pub issuer_name: String,
}

/// One file to store: its path inside the bundle, media type, role and bytes.
#[derive(Debug, Clone)]
pub struct EntryBytes {
    /// The path inside the bundle.
    pub path: String,
    /// Its media type.
    pub media_type: String,
    /// What it is for.
    pub role: Role,
    /// The exact bytes stored.
    pub bytes: Vec<u8>,
}

impl EntryBytes {
    /// The manifest entry describing these bytes (size and SHA-256).
    pub fn manifest_entry(&self) -> ManifestEntry {
        ManifestEntry {
            path: self.path.clone(),
            size: self.bytes.len() as u64,
            sha256: hex(&sha2::Sha256::digest(&self.bytes)),
            media_type: self.media_type.clone(),
            role: self.role,
        }
    }
}

impl BundleFields {
    /// The manifest these fields and entries make, naming `public_key` (base64, or empty for
    /// an unsigned preview) as the issuer's key.
    pub fn manifest(&self, entries: &[EntryBytes], public_key: String) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.to_owned(),
            format_version: MANIFEST_FORMAT_VERSION,
            bundle_id: self.bundle_id.clone(),
            series: self.series.clone(),
            issued_at: self.issued_at.clone(),
            expires_at: self.expires_at.clone(),
            recipient: self.recipient.clone(),
            issuer: IssuerClaim {
                name: self.issuer_name.clone(),
                public_key,
            },
            entries: entries.iter().map(EntryBytes::manifest_entry).collect(),
        }
    }
}

/// Why a bundle could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The manifest would be invalid.
    #[error("the bundle metadata is invalid: {0}")]
    Manifest(#[from] ManifestError),
    /// The archive could not be built.
    #[error(transparent)]
    Bundle(#[from] BundleError),
}

/// Signs the manifest of `fields` and `entries` with `key` and writes the canonical archive.
///
/// Fails if the manifest breaks a rule of the format (the same rules the reader applies).
pub fn write_signed(
    fields: &BundleFields,
    entries: &[EntryBytes],
    key: &SecretKey,
) -> Result<Vec<u8>, WriteError> {
    let manifest = fields.manifest(entries, key.public_key().to_base64());
    manifest.validate()?;
    let manifest_bytes = manifest.to_json();
    let signature =
        SignatureFile::sign(key, &manifest_bytes, &manifest.trusted_comment()).to_text();
    let mut files = vec![
        EntryToWrite {
            name: MANIFEST_PATH,
            data: &manifest_bytes,
        },
        EntryToWrite {
            name: SIGNATURE_PATH,
            data: signature.as_bytes(),
        },
    ];
    for entry in entries {
        container::check_name(&entry.path)?;
    }
    files.extend(entries.iter().map(|entry| EntryToWrite {
        name: &entry.path,
        data: &entry.bytes,
    }));
    Ok(container::write(&files)?)
}
