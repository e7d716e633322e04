//! Signing a compiled notice folder: the documents serialised as the reader will parse them,
//! the attachments as they are, every `doc:` link resolved, and the bytes handed to
//! [`bundle::write_signed`](crate::bundle::write_signed).
//!
//! Signing is a pure function of the compiled folder and the key: no clock, no randomness, no
//! file-system order, so the same source and key always give byte-identical bundles.

use std::path::Path;

use super::folder::{CompiledFolder, compile_folder};
use super::parse::SourceError;
use crate::bundle::manifest::DOCUMENT_MEDIA_TYPE;
use crate::bundle::{BundleError, EntryBytes, ManifestError, SecretKey, WriteError, write_signed};
use crate::document::{Document, LinkTarget};

/// Why a notice folder could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The folder could not be read or compiled (each error with file, line and column).
    #[error("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Authoring {
        /// Every error found.
        errors: Vec<SourceError>,
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

impl From<WriteError> for PackError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Manifest(error) => PackError::Manifest(error),
            WriteError::Bundle(error) => PackError::Bundle(error),
        }
    }
}

/// Options that override a folder's metadata for one signing.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// Address the bundle to this recipient instead of the folder's.
    pub recipient: Option<String>,
    /// Use this bundle id instead of the folder's.
    pub bundle_id: Option<String>,
}

/// Compiles the notice folder `dir` and signs it with `key` ([`compile_folder`], then
/// [`sign_folder`]).
///
/// Fails on unreadable or malformed sources, dangling links, or metadata the format rejects.
pub fn pack_folder(
    dir: &Path,
    key: &SecretKey,
    options: &PackOptions,
) -> Result<Vec<u8>, PackError> {
    let folder = compile_folder(dir).map_err(|errors| PackError::Authoring { errors })?;
    sign_folder(&folder, key, options)
}

/// Signs a compiled folder with `key`, returning the bundle's bytes.
///
/// Fails on dangling links or metadata the format rejects.
pub fn sign_folder(
    folder: &CompiledFolder,
    key: &SecretKey,
    options: &PackOptions,
) -> Result<Vec<u8>, PackError> {
    check_links(folder)?;
    let entries = entry_bytes(folder);
    Ok(write_signed(&folder.fields(options), &entries, key)?)
}

/// The bytes of every entry, in the order `bundle.json` lists them: documents as the reader
/// will parse them, attachments as they are.
pub(super) fn entry_bytes(folder: &CompiledFolder) -> Vec<EntryBytes> {
    let mut entries = Vec::new();
    for source in &folder.metadata.entries {
        if let Some(compiled) = folder.document(&source.file) {
            entries.push(EntryBytes {
                path: compiled.bundle_path.clone(),
                media_type: DOCUMENT_MEDIA_TYPE.to_owned(),
                role: compiled.role,
                bytes: compiled.document.to_json(),
            });
        } else if let Some(attachment) = folder
            .attachments
            .iter()
            .find(|attachment| attachment.bundle_path == source.file)
        {
            entries.push(EntryBytes {
                path: attachment.bundle_path.clone(),
                media_type: attachment.media_type.clone(),
                role: attachment.role,
                bytes: attachment.bytes.clone(),
            });
        }
    }
    entries
}

fn check_links(folder: &CompiledFolder) -> Result<(), PackError> {
    let documents: Vec<(&str, &Document)> = folder
        .documents
        .iter()
        .map(|compiled| (compiled.bundle_path.as_str(), &compiled.document))
        .collect();
    for (file, document) in &documents {
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
                    file: (*file).to_owned(),
                    text: text.to_owned(),
                    target,
                });
            }
        }
    }
    Ok(())
}
