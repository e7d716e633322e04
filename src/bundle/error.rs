//! Why a bundle could not be read. Each variant is one rule of `docs/bundle-format.md` and
//! its message says what is wrong in words a user can act on.

use std::path::PathBuf;

use super::manifest::ManifestError;
use super::signature::{SignatureFileError, SignatureProblem};
use crate::document::DocumentError;

/// How a failure should be reported: the file could not be read at all, or it was read and
/// breaks the format (which, for a file that claims to be a bundle, means it is not to be trusted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Missing, unreadable, truncated, or not a bundle at all.
    Unreadable,
    /// A bundle that breaks a rule of the format.
    Invalid,
}

/// What is wrong with an entry name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    /// Zero-length name.
    #[error("it is empty")]
    Empty,
    /// Longer than the limit.
    #[error("it is too long")]
    TooLong,
    /// Not valid UTF-8.
    #[error("it is not valid UTF-8")]
    NotUtf8,
    /// Starts with `/`.
    #[error("it is an absolute path")]
    Absolute,
    /// Contains `\`.
    #[error("it contains a backslash")]
    Backslash,
    /// Starts with a drive letter such as `C:`.
    #[error("it starts with a drive letter")]
    DriveLetter,
    /// Has a `..` segment.
    #[error("it contains a `..` segment")]
    ParentSegment,
    /// Has an empty or `.` segment.
    #[error("it contains an empty or `.` segment")]
    EmptySegment,
    /// Contains a control, bidi-control or invisible character.
    #[error(
        "it contains a control, direction-changing or invisible character (which can disguise a name)"
    )]
    ControlCharacter,
}

/// A bundle could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The file could not be read from disk.
    #[error("could not read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The path names a folder, a device or a pipe, not a file.
    #[error("{} is not a file (a folder, device or pipe); give the path of a .kairan file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The file is larger than any bundle may be.
    #[error("the file is {size} bytes, more than the {limit}-byte limit for a bundle")]
    FileTooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// No ZIP end record anywhere near the end.
    #[error(
        "not a Kairan bundle: there is no ZIP end record at the end of the file (it is not a ZIP archive, or it was truncated or damaged; ask the sender for a fresh copy)"
    )]
    NotAnArchive,
    /// The end record is damaged.
    #[error("the archive's end record is damaged: {0}")]
    EndRecord(String),
    /// The end record carries a comment.
    #[error("the archive has a comment; bundles have none (the file was altered after packing)")]
    ArchiveComment,
    /// Bytes follow the end record.
    #[error(
        "{bytes} bytes of unexpected data follow the end of the archive (the file was altered or two files were joined)"
    )]
    AppendedData {
        /// How many.
        bytes: usize,
    },
    /// Bytes come before the first entry.
    #[error(
        "{offset} bytes of unexpected data come before the archive (the file was altered or is a polyglot)"
    )]
    PrependedData {
        /// Where the first entry starts.
        offset: usize,
    },
    /// Multi-disk or inconsistent entry counts.
    #[error("the archive claims to span several disks or gives inconsistent entry counts")]
    MultiDisk,
    /// The central directory is malformed.
    #[error("the archive's central directory is malformed: {0}")]
    CentralDirectory(String),
    /// More entries than allowed.
    #[error("the archive holds {count} entries, more than the limit of {limit}")]
    TooManyEntries {
        /// How many it declares.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// One entry is too large.
    #[error("entry {name:?} declares {size} bytes, more than the per-entry limit of {limit}")]
    EntryTooLarge {
        /// The entry.
        name: String,
        /// Its declared size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// All entries together are too large.
    #[error("the entries declare more than {limit} bytes in all")]
    TotalTooLarge {
        /// The limit.
        limit: u64,
    },
    /// An encrypted entry.
    #[error("entry {name:?} is encrypted; bundles hold no encrypted entries")]
    Encrypted {
        /// The entry.
        name: String,
    },
    /// An entry that is a symbolic link.
    #[error("entry {name:?} is a symbolic link; bundles hold only regular files")]
    Symlink {
        /// The entry.
        name: String,
    },
    /// An entry written with a trailing data descriptor.
    #[error("entry {name:?} uses a data descriptor; bundles declare sizes in their headers")]
    DataDescriptor {
        /// The entry.
        name: String,
    },
    /// A compression method other than stored or deflate.
    #[error(
        "entry {name:?} uses compression method {method}; only stored (0) and deflate (8) are allowed"
    )]
    UnsupportedCompression {
        /// The entry.
        name: String,
        /// The method code.
        method: u16,
    },
    /// A header field outside the canonical layout.
    #[error(
        "entry {name:?}: {field} is {found:#x}, but the canonical layout requires {expected:#x} (the file was altered or not written by a Kairan-compatible packer)"
    )]
    NonCanonical {
        /// The entry.
        name: String,
        /// The field.
        field: &'static str,
        /// The value found.
        found: u64,
        /// The value required.
        expected: u64,
    },
    /// A forbidden entry name.
    #[error("entry name {name:?} is not allowed: {problem}")]
    BadName {
        /// The name.
        name: String,
        /// What is wrong with it.
        problem: NameProblem,
    },
    /// Two entries with the same name.
    #[error("two entries are named {name:?}")]
    DuplicateName {
        /// The name.
        name: String,
    },
    /// Two names that differ only in case or Unicode normalisation.
    #[error("entries {first:?} and {second:?} differ only in case or Unicode normalisation")]
    ConfusableNames {
        /// The first name.
        first: String,
        /// The second name.
        second: String,
    },
    /// A local header disagrees with the central directory.
    #[error("the local header of {name:?} does not match the central directory")]
    HeaderMismatch {
        /// The entry.
        name: String,
    },
    /// Two entries share bytes.
    #[error("entries {first:?} and {second:?} overlap")]
    OverlappingEntries {
        /// The earlier entry.
        first: String,
        /// The later one.
        second: String,
    },
    /// Unaccounted bytes between records.
    #[error("{bytes} unaccounted bytes are hidden after entry {after:?}")]
    HiddenData {
        /// How many.
        bytes: usize,
        /// The entry they follow.
        after: String,
    },
    /// Deflate data is corrupt or expands to another size.
    #[error("entry {name:?} could not be decompressed: {reason}")]
    Decompress {
        /// The entry.
        name: String,
        /// Why.
        reason: String,
    },
    /// CRC-32 of an entry's contents does not match its header.
    #[error("the contents of entry {name:?} do not match its CRC-32 (the entry was altered)")]
    CrcMismatch {
        /// The entry.
        name: String,
    },
    /// The archive does not start with the manifest and its signature.
    #[error(
        "the archive must start with manifest.json and manifest.json.minisig, found {found:?} at position {position}"
    )]
    MissingManifest {
        /// Position (1-based).
        position: usize,
        /// What was there instead.
        found: String,
    },
    /// The manifest is larger than allowed.
    #[error("manifest.json is {size} bytes, more than the limit of {limit}")]
    ManifestTooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The signature file is larger than allowed.
    #[error("manifest.json.minisig is {size} bytes, more than the limit of {limit}")]
    SignatureTooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The manifest breaks the format although its signature checks out.
    #[error("manifest.json is invalid: {0}")]
    Manifest(#[from] ManifestError),
    /// The manifest does not match its signature and cannot be read either: it was altered or
    /// broken after signing. Nothing in it is believed (not even its format version).
    #[error("manifest.json was altered after signing: {0}")]
    AlteredManifest(SignatureProblem),
    /// The signature file breaks the format.
    #[error("manifest.json.minisig is invalid: {0}")]
    SignatureFile(#[from] SignatureFileError),
    /// Entries are not in the order the manifest lists them.
    #[error("entry {found:?} is out of order: the manifest lists {expected:?} at that position")]
    OrderMismatch {
        /// What the manifest lists.
        expected: String,
        /// What the archive holds.
        found: String,
    },
    /// A signed document does not parse.
    #[error("document {path:?} is invalid: {source}")]
    Document {
        /// The document's path.
        path: String,
        /// Why.
        source: DocumentError,
    },
}

impl BundleError {
    /// Whether the file was unreadable or a bundle that breaks the format.
    pub fn kind(&self) -> FailureKind {
        match self {
            BundleError::Io { .. } | BundleError::NotAFile { .. } | BundleError::NotAnArchive => {
                FailureKind::Unreadable
            }
            _ => FailureKind::Invalid,
        }
    }
}
