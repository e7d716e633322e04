//! The authoring preview: a compiled notice folder seen exactly as a client will see it once
//! it is signed — the same entry bytes signing would store, each document parsed back as the
//! reader parses it — but without any signature.
//!
//! The result carries [`Verdict::Unsigned`](crate::bundle::Verdict::Unsigned), so nothing
//! downstream can mistake it for a verified bundle. This module signs nothing and reads and
//! writes no files.

use super::folder::CompiledFolder;
use super::parse::{SourceError, SourceProblem};
use super::sign::{PackError, PackOptions, entry_bytes};
use crate::bundle::{BundleDocument, OpenedBundle};
use crate::document::Document;

/// Builds the unsigned preview of `folder`. The manifest names no public key, since nothing is
/// signed.
///
/// Fails only if a compiled document does not survive the round trip through its stored form.
pub fn preview(folder: &CompiledFolder, options: &PackOptions) -> Result<OpenedBundle, PackError> {
    let entries = entry_bytes(folder);
    let mut documents = Vec::new();
    for entry in &entries {
        let Some(compiled) = folder.document(&entry.path) else {
            continue;
        };
        // Parse what would be stored, as the reader does, so the preview shows exactly that.
        let document = Document::from_json(&entry.bytes).map_err(|error| PackError::Authoring {
            errors: vec![SourceError {
                file: compiled.source_path.clone(),
                line: 1,
                column: 1,
                problem: SourceProblem::BadJsonDocument {
                    reason: error.to_string(),
                },
            }],
        })?;
        documents.push(BundleDocument {
            entry: entry.manifest_entry(),
            document,
        });
    }
    let manifest = folder.fields(options).manifest(&entries, String::new());
    Ok(OpenedBundle::unsigned(manifest, documents))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::{compile_folder, pack_folder};
    use crate::bundle::{Verdict, keys, open_bytes};
    use std::path::Path;

    fn sample_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29")
    }

    #[test]
    fn the_preview_shows_the_documents_a_signed_bundle_holds() {
        let dir = sample_dir();
        let folder = compile_folder(&dir).unwrap();
        let preview = preview(&folder, &PackOptions::default()).unwrap();
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
