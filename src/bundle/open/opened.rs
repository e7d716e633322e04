//! What opening a bundle hands back: an [`OpenedBundle`] (manifest, verdict, documents,
//! attachments) and what a front end may ask of it: an attachment's bytes checked again against
//! the signed hash, a remark on a link before it is followed, the document at a path, counts of
//! masks and omissions.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::Digest as _;

use super::{Verdict, hex};
use crate::bundle::container::{self, ChunkError, ContainerEntry};
use crate::bundle::error::BundleError;
use crate::bundle::keys::KeyId;
use crate::bundle::manifest::{Manifest, ManifestEntry};
use crate::bundle::source::Source;
use crate::document::{Document, LinkTarget};

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
    /// SHA-256 of the whole file, once asked for (see [`OpenedBundle::file_sha256`]).
    pub(super) file_sha256: Arc<std::sync::OnceLock<[u8; 32]>>,
    /// SHA-256 of each entry's contents as it was read when opened, in archive order (none
    /// for an entry whose bytes did not check out).
    pub(super) entry_sha256: Vec<Option<[u8; 32]>>,
    /// Where the entries are read from again when they are asked for.
    pub(super) source: Source,
    pub(super) entries: Vec<ContainerEntry>,
}

/// Why an entry could not be saved (see [`OpenedBundle::save_entry`]).
#[derive(Debug, thiserror::Error)]
pub enum SaveEntryError {
    /// The entry could not be read again, or is no longer what was signed.
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// The destination could not be written.
    #[error("could not write {}: {source}", path.display())]
    Write {
        /// The destination.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
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
    /// The address's host is written to look like another: it has letters outside ASCII
    /// (Cyrillic а for Latin a, …), or a user part before `@` that reads as a host
    /// (`https://www.example.jp@evil.example/`).
    DisguisedHost,
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

impl OpenedBundle {
    /// An unsigned bundle of already-parsed documents, for the authoring preview. Its verdict
    /// is [`Verdict::Unsigned`], its signature key id all zeros, and it holds no entry bytes,
    /// so [`OpenedBundle::entry_bytes`] fails for every path.
    pub fn unsigned(manifest: Manifest, documents: Vec<BundleDocument>) -> Self {
        let attachments = manifest.attachments().cloned().collect();
        OpenedBundle {
            manifest,
            signature_key_id: KeyId([0; 8]),
            verdict: Verdict::Unsigned,
            documents,
            attachments,
            file_sha256: Arc::default(),
            entry_sha256: Vec::new(),
            source: Source::Memory(Arc::from(Vec::new())),
            entries: Vec::new(),
        }
    }

    /// Lowercase hex SHA-256 of the whole file (none for an unsigned preview): the identity a
    /// reader's library keeps it under. The first call reads the file again, once, hashing it
    /// and checking every entry again from the same bytes, so the hash names the file that was
    /// verified; later calls give the same answer.
    ///
    /// Fails if the file cannot be read, or its entries are no longer what was read when it
    /// was opened (it changed on disk since).
    pub fn file_sha256(&self) -> Result<Option<String>, BundleError> {
        Ok(self.file_digest()?.map(|digest| hex(&digest)))
    }

    fn file_digest(&self) -> Result<Option<[u8; 32]>, BundleError> {
        if self.entries.is_empty() {
            return Ok(None);
        }
        if let Some(digest) = self.file_sha256.get() {
            return Ok(Some(*digest));
        }
        let read = super::pass::whole_file(&self.source, &self.entries, |_| Ok(()));
        match read {
            Ok(read) => self.remember(&read).map(Some),
            Err(super::pass::WholeFileError::Read(error)) => Err(error),
            Err(super::pass::WholeFileError::Copy(error)) => Err(self.source.read_error(error)),
        }
    }

    /// The file's hash from one read of it, kept if every entry read is what was read when
    /// the bundle was opened (and the hash is the one worked out before, if any).
    fn remember(&self, read: &super::pass::WholeFile) -> Result<[u8; 32], BundleError> {
        let same_as_before = self
            .file_sha256
            .get()
            .is_none_or(|known| *known == read.sha256);
        if read.entries != self.entry_sha256 || !same_as_before {
            return Err(self.source.read_error(std::io::Error::other(
                "the file changed on disk after it was opened; open it again",
            )));
        }
        Ok(*self.file_sha256.get_or_init(|| read.sha256))
    }

    /// Whether `other` was read from the same opening of the same file as this bundle.
    pub fn same_file(&self, other: &OpenedBundle) -> bool {
        match (&self.source, &other.source) {
            (Source::Memory(a), Source::Memory(b)) => Arc::ptr_eq(a, b),
            (Source::File(a), Source::File(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Copies the whole file to `destination` (atomically, with `access`), checking on the way
    /// that it is still the file that was verified: a file changed on disk since it was opened
    /// is not copied.
    ///
    /// Fails if the file cannot be read or written, or it changed; nothing is left behind.
    pub fn copy_file_to(
        &self,
        destination: &Path,
        access: crate::fs::Access,
        existing: crate::fs::Existing,
    ) -> std::io::Result<()> {
        if self.entries.is_empty() {
            return Err(std::io::Error::other(
                "an unsigned preview has no file to copy",
            ));
        }
        // One read: what is written is what is hashed and checked, so a file that changes while
        // it is copied is refused, not kept under the name of what it was.
        crate::fs::write_atomically_with(destination, access, existing, |out| {
            let read =
                super::pass::whole_file(&self.source, &self.entries, |piece| out.write_all(piece))
                    .map_err(|error| match error {
                        super::pass::WholeFileError::Copy(error) => error,
                        super::pass::WholeFileError::Read(error) => {
                            std::io::Error::other(error.to_string())
                        }
                    })?;
            self.remember(&read)
                .map(|_| ())
                .map_err(|error| std::io::Error::other(error.to_string()))
        })
    }

    /// The bytes of an entry, read again and checked against the signed hash before they are
    /// handed out.
    ///
    /// Fails if the path is not an entry or its bytes do not match the manifest.
    pub fn entry_bytes(&self, path: &str) -> Result<Vec<u8>, BundleError> {
        let mut data = Vec::new();
        self.stream_entry(path, |piece| {
            data.extend_from_slice(piece);
            Ok(())
        })
        .map_err(|error| match error {
            ChunkError::Bundle(error) => error,
            ChunkError::Read(error) => self.source.read_error(error),
        })?;
        Ok(data)
    }

    /// Saves an entry to `destination`, read again from the file and checked against the
    /// signed hash on the way: nothing is written unless every byte is what was signed. A file
    /// already at `destination` is replaced only with [`crate::fs::Existing::Replace`].
    ///
    /// Fails if the path is not an entry, its bytes do not match the manifest, or the
    /// destination cannot be written (or exists, with [`crate::fs::Existing::Keep`]); nothing
    /// is left behind.
    pub fn save_entry(
        &self,
        path: &str,
        destination: &Path,
        existing: crate::fs::Existing,
    ) -> Result<(), SaveEntryError> {
        let mut unsaved = None;
        let written = crate::fs::write_atomically_with(
            destination,
            crate::fs::Access::Shared,
            existing,
            |out| match self.stream_entry(path, |piece| out.write_all(piece)) {
                Ok(()) => Ok(()),
                Err(ChunkError::Read(error)) => Err(error),
                Err(ChunkError::Bundle(error)) => {
                    unsaved = Some(error);
                    Err(std::io::Error::other("the entry is not what was signed"))
                }
            },
        );
        match (unsaved, written) {
            (Some(error), _) => Err(SaveEntryError::Bundle(error)),
            (None, Err(source)) => Err(SaveEntryError::Write {
                path: destination.to_owned(),
                source,
            }),
            (None, Ok(())) => Ok(()),
        }
    }

    /// Streams an entry's contents to `each`, then checks them against the signed size and
    /// hash. `each` failing stops the stream with its error.
    fn stream_entry(
        &self,
        path: &str,
        mut each: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<(), ChunkError> {
        let (Some(located), Some(listed)) = (
            self.entries.iter().find(|entry| entry.name == path),
            self.manifest
                .entries
                .iter()
                .find(|entry| entry.path == path),
        ) else {
            return Err(ChunkError::Bundle(BundleError::CentralDirectory(format!(
                "the bundle has no entry {path:?}"
            ))));
        };
        let mut digest = sha2::Sha256::new();
        let mut failed = None;
        container::stream_contents(&self.source, located, |piece| {
            if failed.is_none() {
                digest.update(piece);
                failed = each(piece).err();
            }
        })
        .map_err(ChunkError::Bundle)?;
        if let Some(error) = failed {
            return Err(ChunkError::Read(error));
        }
        if located.size != listed.size || hex(&digest.finalize()) != listed.sha256 {
            return Err(ChunkError::Bundle(BundleError::CrcMismatch {
                name: path.to_owned(),
            }));
        }
        Ok(())
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
            LinkTarget::External { url } if crate::document::disguised_host(url) => {
                Some(LinkRemark::DisguisedHost)
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
