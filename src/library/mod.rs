//! The library of received notices: every bundle the reader opens whose signature is valid is
//! kept — the exact file, named by its SHA-256 — with an index that lists series by issuer,
//! remembers what is unread and searches the letters' text (Japanese substrings, full- and
//! half-width alike, as the viewer's Find does).
//!
//! The stored files are the truth; the SQLite index (`index.sqlite`, WAL) is derived from them
//! and rebuilt when it is missing, corrupt or of another version ([`Opened::rebuilt`] says so).
//! A file is written (atomically, durably) before its index row, one transaction per notice,
//! and opening the library reconciles the two, so a crash never loses a stored bundle and
//! never leaves an index that disagrees with the files. `docs/library.md` explains how the
//! library and the series history relate: the history stays the trust record; the library is
//! storage that can always be rebuilt.
//!
//! [`record_opening`] is the one step both front ends take after assessing a bundle: it records
//! the opening in the series history and keeps the file in the library. This module never
//! prints and knows nothing of any user interface.

mod index;
mod listing;
mod store;

use std::path::{Path, PathBuf};

pub use listing::{IssuerGroup, Listing, Rollback, SeriesGroup};
pub use store::{Library, StoredDocument};

use crate::bundle::{OpenedBundle, TrustedKey};
use crate::trust::{
    Assessment, CONFIG_DIR_ENV, Origin, Records, SeriesHistory, Settings, Status, TrustError,
    TrustStore,
};

/// The library's folder name inside the data folder.
pub const LIBRARY_FOLDER: &str = "library";

/// Where the reader's library lives: `library/` in the folder named by [`CONFIG_DIR_ENV`] when
/// it is set (portable installs and tests keep everything in one place), else in the platform's
/// per-user data folder for Kairan (e.g. `~/.local/share/kairan/library` on Linux).
///
/// Fails if neither is available (no home directory).
pub fn default_folder() -> Result<PathBuf, LibraryError> {
    crate::trust::ConfigDir::locate()
        .map(|config| config.library())
        .map_err(|_| LibraryError::NoDataDir)
}

/// A notice kept in the library, as its index row says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Lowercase hex SHA-256 of the stored file.
    pub id: String,
    /// The signer as the reader named the key, when the reader trusts (or revoked) it.
    pub signer: Option<String>,
    /// The issuer the bundle claims (unverified).
    pub claimed_issuer: String,
    /// The signing key's id.
    pub key_id: String,
    /// The series id.
    pub series_id: String,
    /// Its number in the series (第N報).
    pub sequence: u32,
    /// The bundle id.
    pub bundle_id: String,
    /// When it says it was issued, as the manifest states it.
    pub issued_at: String,
    /// When the reader first received it (opened it with Kairan).
    pub received_at: jiff::Timestamp,
    /// The verdict when it was last opened.
    pub status: Status,
    /// Whether the reader has read it.
    pub read: bool,
}

impl Notice {
    /// This notice with the status it has with the reader's keys now: the status recorded
    /// when it was last opened, except that a notice whose key the reader has since revoked
    /// is [`Status::Revoked`], and a verified one whose key is no longer trusted (removed, or
    /// the trust store cannot be read: `store` is `None`) is [`Status::UnknownSigner`]. Front
    /// ends list notices through this, so a list never says "verified" for a key the reader
    /// no longer trusts.
    pub fn with_status_now(mut self, store: Option<&TrustStore>) -> Self {
        let record = store.and_then(|store| {
            store
                .records()
                .iter()
                .find(|record| record.public_key.key_id.to_string() == self.key_id)
        });
        self.status = match (self.status, record) {
            (_, Some(record)) if !record.is_trusted() => Status::Revoked,
            (Status::Verified | Status::VerifiedWithCaution, None) => Status::UnknownSigner,
            (status, _) => status,
        };
        // The name is the reader's current name for the key: renamed, the notices follow the
        // key; removed from the store, they are listed by key id, not under a name another key
        // may have taken since.
        match record {
            Some(record) if record.is_trusted() => self.signer = Some(record.name.clone()),
            Some(_) => {}
            None if store.is_some() => self.signer = None,
            None => {}
        }
        self
    }

    /// The first 12 hex digits of the id: enough to name it in `kairan library show`.
    pub fn short_id(&self) -> &str {
        self.id.get(..12).unwrap_or(&self.id)
    }
}

/// A search hit: a document of a kept notice whose text holds the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The notice.
    pub notice: Notice,
    /// The document's path in the bundle.
    pub document_path: String,
    /// The document's title.
    pub document_title: String,
    /// A short piece of the text around the first match, on one line.
    pub excerpt: String,
    /// How many times the query occurs in the document.
    pub matches: usize,
}

/// Whether opening a bundle showed its letters to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Only the verdict was shown (`verify`, `inspect`): a new notice stays unread.
    VerdictOnly,
    /// The letters were shown (the viewer, `kairan library show`): the notice is read.
    Shown,
}

/// What keeping a bundle did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// It is new to the library.
    Added {
        /// Its id.
        id: String,
    },
    /// It was already kept; its verdict and signer name are now the latest.
    AlreadyKept {
        /// Its id.
        id: String,
    },
    /// It is not kept.
    NotKept(NotKept),
}

/// Why a bundle is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotKept {
    /// Its signature does not verify or an entry was altered: nothing in it can be relied on.
    NotIntact,
    /// It is the program's own sample, not something received.
    BuiltInSample,
}

/// Why the index was rebuilt from the stored files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RebuildReason {
    /// The index file was missing.
    Missing,
    /// The index file could not be read as a database.
    Corrupt,
    /// The index was written by another version of Kairan.
    OtherVersion,
    /// The reader asked for it (`kairan library rebuild`).
    Requested,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    /// Why.
    pub reason: RebuildReason,
    /// Stored files indexed again.
    pub indexed: usize,
    /// Stored files left out of the index because they no longer verify (altered on disk or
    /// unreadable); they stay in the folder.
    pub skipped: usize,
}

/// An opened library, and whether its index had to be rebuilt.
#[derive(Debug)]
pub struct Opened {
    /// The library.
    pub library: Library,
    /// Set when the index was rebuilt from the stored files: the reader should be told.
    pub rebuilt: Option<Rebuilt>,
}

/// The reader's keys and records, to judge stored files again when the index is rebuilt.
/// The series history is deliberately not used: its cautions depend on the order notices were
/// opened in, which a rebuild cannot know.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    /// The keys to open bundles with ([`crate::trust::keys_for_opening`]).
    pub keys: &'a [TrustedKey],
    /// The trusted and revoked keys.
    pub store: Option<&'a TrustStore>,
    /// The reader's organisation.
    pub settings: Option<&'a Settings>,
}

impl Reader<'_> {
    fn records(&self) -> Records<'_> {
        Records {
            store: self.store,
            history: None,
            settings: self.settings,
        }
    }
}

/// Why the library could not be opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// No per-user data folder could be determined.
    #[error(
        "could not find a per-user data folder for the library of received notices (no home directory?); set {CONFIG_DIR_ENV} to a folder Kairan may keep its files in"
    )]
    NoDataDir,
    /// A folder or file of the library could not be read.
    #[error("could not read {}: {cause}", path.display())]
    Read {
        /// The folder or file.
        path: PathBuf,
        /// The operating system's reason.
        cause: std::io::Error,
    },
    /// A folder or file could not be written or removed.
    #[error("could not write {}: {cause}", path.display())]
    Write {
        /// The folder or file.
        path: PathBuf,
        /// The operating system's reason.
        cause: std::io::Error,
    },
    /// The index database failed.
    #[error(
        "the library index {} failed: {cause}. The stored notices are safe; `kairan library rebuild` makes a new index from them",
        path.display()
    )]
    Index {
        /// The database file.
        path: PathBuf,
        /// SQLite's reason.
        cause: rusqlite::Error,
    },
    /// An id given to name a notice is not at least 8 hex digits.
    #[error(
        "{0:?} is not a notice id: give at least the first 8 hex digits (`kairan library list` shows them)"
    )]
    BadId(String),
    /// No kept notice has an id starting with these digits.
    #[error("no notice in the library has an id starting with {0}")]
    NoSuchNotice(String),
    /// Several kept notices have ids starting with these digits.
    #[error("{count} notices in the library have ids starting with {prefix}; give more digits")]
    AmbiguousId {
        /// The digits given.
        prefix: String,
        /// How many ids start with them.
        count: usize,
    },
    /// An exported file would replace one already there.
    #[error("{} already exists; Kairan does not overwrite files when exporting", path.display())]
    ExportExists {
        /// The file.
        path: PathBuf,
    },
}

/// A bundle just opened and assessed, to be recorded.
#[derive(Debug, Clone, Copy)]
pub struct Opening<'a> {
    /// The bundle.
    pub bundle: &'a OpenedBundle,
    /// Its assessment.
    pub assessment: &'a Assessment,
    /// Where it came from.
    pub origin: Origin,
    /// Whether its letters were shown.
    pub reading: Reading,
    /// When it was opened.
    pub at: jiff::Timestamp,
}

/// What [`record_opening`] did, each part on its own: a failure of one never stops the other,
/// and neither changes the verdict.
#[derive(Debug)]
pub struct Recorded {
    /// Recording in the series history (nothing to record is `Ok`).
    pub history: Result<(), TrustError>,
    /// Keeping the bundle in the library; `None` when no library was given.
    pub library: Option<Result<Kept, LibraryError>>,
}

/// Records an opened bundle everywhere the reader's records keep it: in the series history
/// (when it is verified by a key other than the demo key, [`crate::trust::record_in_history`]:
/// the trust record of what was seen) and then
/// in the library (when its signature is valid: the stored file and its index row). The one
/// step both front ends take after [`crate::trust::assess`].
pub fn record_opening(
    opening: &Opening<'_>,
    history: &mut SeriesHistory,
    library: Option<&mut Library>,
) -> Recorded {
    let history =
        crate::trust::record_in_history(opening.assessment, opening.bundle, history, opening.at);
    let library = library.map(|library| library.keep(opening));
    Recorded { history, library }
}

/// Whether a bundle belongs in the library: its own file, signature valid, every entry intact.
fn keepable(bundle: &OpenedBundle, origin: Origin) -> Result<(), NotKept> {
    if origin == Origin::BuiltInSample {
        return Err(NotKept::BuiltInSample);
    }
    if !bundle.verdict.intact() {
        return Err(NotKept::NotIntact);
    }
    Ok(())
}

/// The stored file of `id` in `folder`.
fn stored_path(folder: &Path, id: &str) -> PathBuf {
    folder.join(store::BUNDLES).join(format!("{id}.kairan"))
}
