//! The reader's own trust decisions, kept on disk: which keys they trust and under what name
//! ([`TrustStore`]), which notices of each series they have already opened ([`SeriesHistory`]),
//! who they are ([`Settings`]), and what all that says about a bundle just opened ([`assess`]).
//!
//! A bundle's verdict says whether its signature and contents check out against a list of keys;
//! this module decides *which* keys go on that list (never one the reader revoked) and adds what
//! only the reader's history can tell: a revoked signer, an older notice replayed, two different
//! notices under one number, an expired notice, a notice meant for another company, and a key
//! rollover introduced by a key the reader already trusts.
//!
//! Every file here is written atomically under an exclusive lock (see `disk`), and a file that
//! cannot be read is reported, never reset. This module never prints and knows nothing of any
//! user interface.

mod assess;
mod config;
mod disk;
mod history;
pub mod names;
pub mod rollover;
mod settings;
mod status;
mod store;

use std::path::PathBuf;

pub use assess::{
    Assessment, Records, RolloverOffer, Severity, TrustVerdict, Warning, assess, assess_and_record,
    keys_for_opening, record_in_history,
};
pub use config::{CONFIG_DIR_ENV, ConfigDir};
pub use history::{SeenBundle, SeriesHistory, SeriesRecord, manifest_sha256};
pub use rollover::{RolloverError, RolloverProblem, RolloverStatement};
pub use settings::Settings;
pub use status::{NextAction, Origin, Status, exit};
pub use store::{HowAdded, KeyRecord, KeyStatus, OldKeyFate, TrustStore};

/// How a trust file or its folder could be changed by someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Exposure {
    /// It is a symbolic link.
    #[error("it is a symbolic link")]
    Symlink,
    /// Other users (its group, or everyone) may write to it.
    #[error("other users of this computer may change it")]
    OthersMayWrite,
    /// Another user owns it.
    #[error("it belongs to another user")]
    OtherOwner,
    /// It is a pipe, a device or a socket, which could block or never end.
    #[error("it is not a regular file (a pipe or a device)")]
    NotAFile,
}

/// Which rule a name or note breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameRule {
    /// The name is empty.
    #[error("the name is empty; give the name you know the key's owner by")]
    Empty,
    /// The name is too long.
    #[error("the name is longer than {0} characters")]
    TooLong(usize),
    /// The name has no letters or digits (punctuation and spaces only).
    #[error("the name has no letters or digits; give the name you know the key's owner by")]
    NoLetters,
    /// The name holds a hidden character.
    #[error(
        "the name contains a control or invisible character (such as a line break, a zero-width space or a direction mark)"
    )]
    Hidden,
    /// The name reads as a key id or a fingerprint, which commands also accept to name a key.
    #[error(
        "the name reads as a key id or a fingerprint (hexadecimal digits only), which would make commands pick the wrong key; give the name you know the key's owner by"
    )]
    LooksLikeKeyId,
    /// The note is too long.
    #[error("the note is longer than {0} characters")]
    NoteTooLong(usize),
    /// The organisation name holds a control character.
    #[error("the organisation name contains a control character (such as a line break)")]
    OrganisationControl,
}

/// Why a trust file could not be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    /// No per-user configuration directory could be determined.
    #[error(
        "could not find a per-user configuration folder (no home directory?); set {CONFIG_DIR_ENV} to a folder Kairan may keep its trusted keys in"
    )]
    NoConfigDir,
    /// A file exists but could not be read.
    #[error(
        "could not read {}: {cause}. Kairan has not changed it; check that you may read it",
        path.display()
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason (kept out of the error chain: the message says it).
        cause: std::io::Error,
    },
    /// A file exists but is not valid. It is left exactly as it is.
    #[error(
        "{} is not a valid Kairan {what}: {reason}. Kairan has not changed it and will not write to it until it is fixed: repair the file, or move it elsewhere (keeping a copy) to start an empty one",
        path.display()
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What kind of file ("trust store").
        what: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The lock beside a file could not be taken.
    #[error("could not lock {}: {cause}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// The operating system's reason (kept out of the error chain: the message says it).
        cause: std::io::Error,
    },
    /// A file could not be written; the previous version is unchanged.
    #[error(
        "could not write {}: {cause}. The previous version is unchanged",
        path.display()
    )]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason (kept out of the error chain: the message says it).
        cause: std::io::Error,
    },
    /// No trusted or revoked key matches.
    #[error(
        "no key in your trust store matches {0:?} (give its name, its key id or its fingerprint; `kairan trust list` shows them)"
    )]
    NoSuchKey(String),
    /// Several keys match a name.
    #[error("{count} keys are named {name:?}; give the key id instead ({})", key_ids.join(", "))]
    AmbiguousKey {
        /// The name.
        name: String,
        /// How many match.
        count: usize,
        /// Their key ids.
        key_ids: Vec<String>,
    },
    /// The key is already in the store.
    #[error("this key (key id {key_id}) is already in your trust store as {name:?} ({status})")]
    AlreadyPresent {
        /// The existing record's name.
        name: String,
        /// The key id.
        key_id: String,
        /// "trusted" or "revoked".
        status: &'static str,
    },
    /// Another key in the store has the same key id, so signatures could not tell them apart.
    #[error(
        "another key in your trust store ({name:?}) has the same key id {key_id}; Kairan cannot tell their signatures apart, so this key cannot be added"
    )]
    KeyIdClash {
        /// The other key's name.
        name: String,
        /// The shared key id.
        key_id: String,
    },
    /// The built-in demo key cannot be added: its secret key is public.
    #[error(
        "this is Kairan's public demo key; its secret key is published, so it cannot be trusted as anyone's key"
    )]
    DemoKey,
    /// A trust file or its folder is a symbolic link or writable by other users.
    #[error(
        "{} cannot be trusted: {problem}. Make it a plain file or folder that only you can change (e.g. `chmod go-w`), or set {} to another folder",
        path.display(),
        config::CONFIG_DIR_ENV
    )]
    Exposed {
        /// The file or folder.
        path: PathBuf,
        /// What is wrong with it.
        problem: Exposure,
    },
    /// Another key you trust has this name, or one that looks the same.
    #[error(
        "another key you trust, {name:?} (key id {key_id}), has this name or one that looks the same; two keys under one name would let either pass as the other. If this is a new key of {name:?}, confirm its fingerprint with them at a phone number you already know, then trust it in place of the old one: `kairan trust replace {key_id} <new key> --fingerprint <as read to you> --revoke-old` (or --retire-old)"
    )]
    NameTaken {
        /// The other key's name.
        name: String,
        /// The other key's id.
        key_id: String,
    },
    /// A name that is empty, too long or has control characters.
    #[error("{0}")]
    BadName(NameRule),
    /// The key is already revoked.
    #[error("{name:?} (key id {key_id}) is already revoked")]
    AlreadyRevoked {
        /// The key's name.
        name: String,
        /// The key id.
        key_id: String,
    },
}
