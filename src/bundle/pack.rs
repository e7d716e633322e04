//! Packing: a notice folder and a secret key in, a signed canonical bundle out.
//!
//! Packing is a pure function of the folder's contents and the key: no clock, no randomness,
//! no file-system order, so the same source and key always give byte-identical bundles.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::Digest as _;

use super::container::{self, EntryToWrite};
use super::error::BundleError;
use super::keys::SecretKey;
use super::manifest::{
    DOCUMENT_MEDIA_TYPE, IssuerClaim, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, MANIFEST_PATH,
    Manifest, ManifestEntry, ManifestError, Role, SIGNATURE_PATH, Series,
};
use super::open::hex;
use super::signature::SignatureFile;
use crate::document::authoring::{LinkTable, SourceError, SourceProblem, compile_source};
use crate::document::{Document, DocumentError, LinkTarget};

/// The name of a notice folder's metadata file.
pub const SOURCE_METADATA: &str = "bundle.json";

/// `bundle.json`: a notice folder's metadata.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMetadata {
    /// The bundle id.
    pub bundle_id: String,
    /// Series and sequence.
    pub series: Series,
    /// Issue time (RFC 3339).
    pub issued_at: String,
    /// Expiry (RFC 3339), if any.
    #[serde(default)]
    pub expires_at: Option<String>,
    /// Recipient, if addressed to one.
    #[serde(default)]
    pub recipient: Option<String>,
    /// The issuer's name as the bundle will claim it.
    pub issuer_name: String,
    /// The files to pack, in order.
    pub entries: Vec<SourceEntry>,
}

/// One file of a notice folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// The path inside the bundle; also the file read from the folder unless `source` is given.
    pub file: String,
    /// For documents written in the authoring format: the source file (`*.notice.md`,
    /// relative to the folder) that compiles to the JSON document stored at `file`.
    #[serde(default)]
    pub source: Option<String>,
    /// What it is for.
    pub role: Role,
    /// Media type of an attachment (documents are always Kairan documents).
    #[serde(default)]
    pub media_type: Option<String>,
}

/// Why a notice folder could not be packed.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// A source file could not be read.
    #[error("could not read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `bundle.json` is malformed.
    #[error("{}: {source}", path.display())]
    Metadata {
        /// The file.
        path: PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// An authoring source has errors (each with file, line and column).
    #[error("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Authoring {
        /// Every error found.
        errors: Vec<SourceError>,
    },
    /// `source` was given for an attachment, which is packed as it is.
    #[error("{file}: only documents have a \"source\"; attachments are packed as they are")]
    SourceForAttachment {
        /// The entry.
        file: String,
    },
    /// A document is malformed.
    #[error("{}: {source}", path.display())]
    Document {
        /// The file.
        path: PathBuf,
        /// Why.
        source: DocumentError,
    },
    /// An attachment without a media type.
    #[error("{file}: attachments need a \"media_type\" in bundle.json")]
    MissingMediaType {
        /// The entry.
        file: String,
    },
    /// A link to a document or heading the bundle does not have.
    #[error("{file}: link {text:?} points to {target}, which the bundle does not contain")]
    DanglingLink {
        /// The document with the link.
        file: String,
        /// The link text.
        text: String,
        /// Where it points.
        target: String,
    },
    /// The resulting manifest would be invalid.
    #[error("the bundle metadata is invalid: {0}")]
    Manifest(#[from] ManifestError),
    /// The archive could not be built.
    #[error(transparent)]
    Bundle(#[from] BundleError),
}

/// Options that override a folder's metadata for one pack.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// Address the bundle to this recipient instead of the folder's.
    pub recipient: Option<String>,
    /// Use this bundle id instead of the folder's.
    pub bundle_id: Option<String>,
}

/// Packs the notice folder `dir`, signing with `key`.
///
/// Fails on unreadable or malformed sources, dangling links, or metadata the format rejects.
pub fn pack_folder(
    dir: &Path,
    key: &SecretKey,
    options: &PackOptions,
) -> Result<Vec<u8>, PackError> {
    let metadata_path = dir.join(SOURCE_METADATA);
    let metadata_bytes = read(&metadata_path)?;
    let metadata: SourceMetadata =
        serde_json::from_slice(&metadata_bytes).map_err(|source| PackError::Metadata {
            path: metadata_path.clone(),
            source,
        })?;

    let mut files: Vec<(ManifestEntry, Vec<u8>)> = Vec::new();
    let mut documents: Vec<(String, Document)> = Vec::new();
    let links = LinkTable::from_entries(&metadata.entries);
    for source in &metadata.entries {
        container::check_name(&source.file)?;
        if let Some(authored) = &source.source {
            container::check_name(authored)?;
            if !source.role.is_document() {
                return Err(PackError::SourceForAttachment {
                    file: source.file.clone(),
                });
            }
        }
        let path = dir.join(source.source.as_ref().unwrap_or(&source.file));
        let raw = read(&path)?;
        let (bytes, media_type) = if source.role.is_document() {
            let document = match &source.source {
                Some(authored) => {
                    let text = std::str::from_utf8(&raw).map_err(|error| PackError::Authoring {
                        errors: vec![SourceError {
                            file: authored.clone(),
                            line: 1,
                            column: 1,
                            problem: SourceProblem::NotUtf8 {
                                reason: error.to_string(),
                            },
                        }],
                    })?;
                    compile_source(text, authored, &source.file, &links)
                        .map_err(|errors| PackError::Authoring { errors })?
                        .0
                }
                None => Document::from_json(&raw).map_err(|source| PackError::Document {
                    path: path.clone(),
                    source,
                })?,
            };
            let bytes = document.to_json();
            documents.push((source.file.clone(), document));
            (bytes, DOCUMENT_MEDIA_TYPE.to_owned())
        } else {
            let media_type =
                source
                    .media_type
                    .clone()
                    .ok_or_else(|| PackError::MissingMediaType {
                        file: source.file.clone(),
                    })?;
            (raw, media_type)
        };
        let entry = ManifestEntry {
            path: source.file.clone(),
            size: bytes.len() as u64,
            sha256: hex(&sha2::Sha256::digest(&bytes)),
            media_type,
            role: source.role,
        };
        files.push((entry, bytes));
    }
    check_links(&documents)?;

    let manifest = Manifest {
        format: MANIFEST_FORMAT.to_owned(),
        format_version: MANIFEST_FORMAT_VERSION,
        bundle_id: options.bundle_id.clone().unwrap_or(metadata.bundle_id),
        series: metadata.series,
        issued_at: metadata.issued_at,
        expires_at: metadata.expires_at,
        recipient: options.recipient.clone().or(metadata.recipient),
        issuer: IssuerClaim {
            name: metadata.issuer_name,
            public_key: key.public_key().to_base64(),
        },
        entries: files.iter().map(|(entry, _)| entry.clone()).collect(),
    };
    manifest.validate()?;
    let manifest_bytes = manifest.to_json();
    let signature =
        SignatureFile::sign(key, &manifest_bytes, &manifest.trusted_comment()).to_text();

    let mut entries = vec![
        EntryToWrite {
            name: MANIFEST_PATH,
            data: &manifest_bytes,
        },
        EntryToWrite {
            name: SIGNATURE_PATH,
            data: signature.as_bytes(),
        },
    ];
    entries.extend(files.iter().map(|(entry, bytes)| EntryToWrite {
        name: &entry.path,
        data: bytes,
    }));
    Ok(container::write(&entries)?)
}

fn check_links(documents: &[(String, Document)]) -> Result<(), PackError> {
    for (file, document) in documents {
        for (target, text) in document.links() {
            let LinkTarget::Document { path, heading } = target else {
                continue;
            };
            let found = documents.iter().find(|(other, _)| other == path);
            let resolves = match (found, heading) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some((_, target)), Some(heading)) => target.heading_ids().any(|id| id == heading),
            };
            if !resolves {
                let target = match heading {
                    Some(heading) => format!("{path}#{heading}"),
                    None => path.clone(),
                };
                return Err(PackError::DanglingLink {
                    file: file.clone(),
                    text: text.to_owned(),
                    target,
                });
            }
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, PackError> {
    std::fs::read(path).map_err(|source| PackError::Io {
        path: path.to_owned(),
        source,
    })
}
