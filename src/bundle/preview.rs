//! The authoring preview: a compiled notice folder seen exactly as a client will see it once
//! it is signed — each document serialised as `pack` stores it and parsed back as the reader
//! parses it — but without any signature.
//!
//! The result carries [`Verdict::Unsigned`](super::Verdict::Unsigned), so nothing downstream can
//! mistake it for a verified bundle. This module signs nothing and never writes files.

use std::path::Path;

use sha2::Digest as _;

use super::manifest::{
    DOCUMENT_MEDIA_TYPE, IssuerClaim, MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, Manifest,
    ManifestEntry,
};
use super::open::{BundleDocument, OpenedBundle, hex};
use super::pack::{PackError, PackOptions};
use crate::document::Document;
use crate::document::authoring::CompiledFolder;

/// Builds the unsigned preview of `folder`, compiled from the notice folder `dir` (attachments
/// are read from `dir`). The manifest names no public key, since nothing is signed.
///
/// Fails if an attachment cannot be read or has no media type, or if a compiled document does
/// not survive the round trip through its stored form.
pub fn preview_compiled(
    dir: &Path,
    folder: &CompiledFolder,
    options: &PackOptions,
) -> Result<OpenedBundle, PackError> {
    let metadata = &folder.metadata;
    let mut entries = Vec::new();
    let mut documents = Vec::new();
    for source in &metadata.entries {
        if source.role.is_document() {
            let Some(compiled) = folder.document(&source.file) else {
                continue;
            };
            let bytes = compiled.document.to_json();
            // Parse what would be stored, as the reader does, so the preview shows exactly that.
            let document = Document::from_json(&bytes).map_err(|error| PackError::Document {
                path: dir.join(&compiled.source_path),
                source: error,
            })?;
            let entry = manifest_entry(&source.file, &bytes, DOCUMENT_MEDIA_TYPE, source.role);
            documents.push(BundleDocument {
                entry: entry.clone(),
                document,
            });
            entries.push(entry);
        } else {
            let path = dir.join(&source.file);
            let bytes = std::fs::read(&path).map_err(|error| PackError::Io {
                path: path.clone(),
                source: error,
            })?;
            let media_type =
                source
                    .media_type
                    .as_deref()
                    .ok_or_else(|| PackError::MissingMediaType {
                        file: source.file.clone(),
                    })?;
            entries.push(manifest_entry(
                &source.file,
                &bytes,
                media_type,
                source.role,
            ));
        }
    }
    let manifest = Manifest {
        format: MANIFEST_FORMAT.to_owned(),
        format_version: MANIFEST_FORMAT_VERSION,
        bundle_id: options
            .bundle_id
            .clone()
            .unwrap_or_else(|| metadata.bundle_id.clone()),
        series: metadata.series.clone(),
        issued_at: metadata.issued_at.clone(),
        expires_at: metadata.expires_at.clone(),
        recipient: options
            .recipient
            .clone()
            .or_else(|| metadata.recipient.clone()),
        issuer: IssuerClaim {
            name: metadata.issuer_name.clone(),
            public_key: String::new(),
        },
        entries,
    };
    Ok(OpenedBundle::unsigned(manifest, documents))
}

fn manifest_entry(path: &str, bytes: &[u8], media_type: &str, role: super::Role) -> ManifestEntry {
    ManifestEntry {
        path: path.to_owned(),
        size: bytes.len() as u64,
        sha256: hex(&sha2::Sha256::digest(bytes)),
        media_type: media_type.to_owned(),
        role,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Verdict, keys, open_bytes, pack_folder};
    use crate::document::authoring::compile_folder;

    fn sample_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29")
    }

    #[test]
    fn the_preview_shows_the_documents_a_signed_bundle_holds() {
        let dir = sample_dir();
        let folder = compile_folder(&dir).unwrap();
        let preview = preview_compiled(&dir, &folder, &PackOptions::default()).unwrap();
        assert_eq!(preview.verdict, Verdict::Unsigned);
        assert!(!preview.verdict.intact());

        let key = keys::generate(keys::Protection::Unprotected, "test").unwrap();
        let secret = crate::bundle::SecretKey::from_file_text(&key.secret_file, None).unwrap();
        let signed = open_bytes(
            pack_folder(&dir, &secret, &PackOptions::default())
                .unwrap()
                .into(),
            &[],
        )
        .unwrap();
        assert_eq!(preview.documents.len(), signed.documents.len());
        for (shown, sent) in preview.documents.iter().zip(&signed.documents) {
            assert_eq!(shown.entry, sent.entry);
            assert_eq!(shown.document, sent.document);
        }
        assert_eq!(preview.mask_count(), 3);
        assert_eq!(preview.omission_count(), 9);
    }
}
