//! The firm's side of sending a notice, shared by the command line and the desktop app:
//! unlock the signing key, sign a checked folder, write the bundle and verify what was written,
//! write one bundle per client, create a key pair, and write an imported folder to disk.
//!
//! Each step either completes or leaves nothing behind: bundles are verified in memory before
//! they are written, written atomically, and re-opened from disk afterwards. This module never
//! prints and knows nothing of either front end; errors say what is wrong and what to do.

use std::path::{Path, PathBuf};

use super::checks::{self, Finding, WarningPolicy};
use super::{CompiledFolder, PackError, PackOptions, SourceError, compile_folder, sign_folder};
use crate::authoring::{RecipientRow, RecipientRowError, recipient_bundle_id};
use crate::bundle::{
    self, KeyError, OpenedBundle, PublicKey, SecretKey, TrustedKey, Verdict, keys,
};
use crate::fs;

mod files;

pub use files::{
    bundle_id_from_folder, folder_has_files, read_import_input, read_text, write_imported,
};

/// Why a step of sending could not be completed. In every case nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// A file could not be read.
    #[error("could not read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("could not write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The secret key could not be used (malformed, wrong password, …).
    #[error("could not use the secret key {}: {source}", path.display())]
    Key {
        /// The key file.
        path: PathBuf,
        /// Why.
        source: KeyError,
    },
    /// The folder could not be read or compiled; nothing was signed.
    #[error("{} has {} error(s); nothing was signed", dir.display(), errors.len())]
    Source {
        /// The notice folder.
        dir: PathBuf,
        /// Every error found, each with file, line and column.
        errors: Vec<SourceError>,
    },
    /// The pre-send checks found what blocks signing; nothing was signed.
    #[error(
        "signing refused: {} finding(s) block it (see `kairan check`); nothing was signed",
        checks::blocking(findings, *policy).len()
    )]
    Blocked {
        /// Every finding of the checks, blocking or not.
        findings: Vec<Finding>,
        /// The policy under which some of them block.
        policy: WarningPolicy,
    },
    /// The folder could not be packed.
    #[error("could not pack {}: {source}", dir.display())]
    Pack {
        /// The notice folder.
        dir: PathBuf,
        /// Why.
        source: PackError,
    },
    /// The packed bundle did not verify with the key that signed it.
    #[error("the packed bundle does not verify ({0}); nothing was written")]
    DoesNotVerify(String),
    /// The bundle written to disk did not read back as verified; it was removed.
    #[error("{} did not verify after writing ({reason}); it was removed", path.display())]
    WrittenBundleDoesNotVerify {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A file would be overwritten.
    #[error("{} already exists; choose another name", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
}

/// A secret key file, read but not yet unlocked.
#[derive(Debug, Clone)]
pub struct SecretKeyFile {
    path: PathBuf,
    text: String,
}

impl SecretKeyFile {
    /// Reads the key file at `path`.
    ///
    /// Fails if it cannot be read or is not a minisign secret key.
    pub fn read(path: &Path) -> Result<Self, PublishError> {
        let text = std::fs::read_to_string(path).map_err(|source| PublishError::Read {
            path: path.to_owned(),
            source,
        })?;
        SecretKey::is_encrypted(&text).map_err(|source| PublishError::Key {
            path: path.to_owned(),
            source,
        })?;
        Ok(SecretKeyFile {
            path: path.to_owned(),
            text,
        })
    }

    /// Whether unlocking needs a password.
    pub fn needs_password(&self) -> bool {
        SecretKey::is_encrypted(&self.text).unwrap_or(true)
    }

    /// Unlocks the key; a protected key takes seconds (scrypt at up to 1 GiB).
    ///
    /// Fails on a missing or wrong password, or an unsupported key.
    pub fn unlock(&self, password: Option<&str>) -> Result<SecretKey, PublishError> {
        let password = password.filter(|_| self.needs_password());
        SecretKey::from_file_text(&self.text, password).map_err(|source| PublishError::Key {
            path: self.path.clone(),
            source,
        })
    }
}

/// A notice folder read, compiled and checked, that nothing blocks from signing.
#[derive(Debug, Clone)]
pub struct Checked {
    /// What will be signed.
    pub folder: CompiledFolder,
    /// Every finding of the pre-send checks (none of them blocking under the policy used).
    pub findings: Vec<Finding>,
}

/// The first step of every signing, from either front end: reads and compiles the notice folder
/// `dir` once and runs the pre-send checks on exactly what will be signed.
///
/// Fails if the folder does not compile, or if a finding blocks signing under `policy`.
pub fn prepare(dir: &Path, policy: WarningPolicy) -> Result<Checked, PublishError> {
    let folder = compile_folder(dir).map_err(|errors| PublishError::Source {
        dir: dir.to_owned(),
        errors,
    })?;
    let findings = checks::check_folder(&folder);
    if checks::blocking(&findings, policy).is_empty() {
        Ok(Checked { folder, findings })
    } else {
        Err(PublishError::Blocked { findings, policy })
    }
}

/// A signed bundle, verified in memory, not yet written.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The bundle's bytes.
    pub bytes: Vec<u8>,
    /// How many documents it holds.
    pub documents: usize,
}

/// The key that signed, as the one key trusted when checking what it signed.
fn signing_key_as_trusted(secret: &SecretKey) -> [TrustedKey; 1] {
    [TrustedKey {
        name: "signing key".into(),
        public_key: secret.public_key(),
    }]
}

/// Signs the compiled notice folder and re-opens the result, so that only a bundle that
/// verifies is ever handed out.
///
/// Fails if the folder cannot be signed or the result does not verify.
pub fn sign_verified(
    folder: &CompiledFolder,
    secret: &SecretKey,
    options: &PackOptions,
) -> Result<Signed, PublishError> {
    let bytes = sign_folder(folder, secret, options).map_err(|source| PublishError::Pack {
        dir: folder.dir.clone(),
        source,
    })?;
    let opened = bundle::open_bytes(bytes.clone().into(), &signing_key_as_trusted(secret))
        .map_err(|error| PublishError::DoesNotVerify(error.to_string()))?;
    if !matches!(opened.verdict, Verdict::Verified { .. }) {
        return Err(PublishError::DoesNotVerify(format!("{:?}", opened.verdict)));
    }
    Ok(Signed {
        bytes,
        documents: opened.documents.len(),
    })
}

/// What [`export`] wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// Where.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: usize,
    /// The bundle as read back from disk and verified against the signing key.
    pub reopened: OpenedBundle,
}

/// Writes a bundle's bytes to `path` atomically, replacing a file there only if `overwrite`
/// says so.
fn write_bundle(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), PublishError> {
    let existing = match overwrite {
        Overwrite::Refuse => fs::Existing::Keep,
        Overwrite::Replace => fs::Existing::Replace,
    };
    fs::write_atomically(path, bytes, fs::Access::Shared, existing)
        .map_err(|source| write_error(path, source))
}

/// What a failed write of `path` means: a file that appeared there (and was not to be
/// replaced), or any other failure.
fn write_error(path: &Path, source: std::io::Error) -> PublishError {
    if source.kind() == std::io::ErrorKind::AlreadyExists {
        PublishError::Exists {
            path: path.to_owned(),
        }
    } else {
        PublishError::Write {
            path: path.to_owned(),
            source,
        }
    }
}

/// Signs the compiled folder, writes the bundle atomically to `destination` (replacing a file
/// there only with [`Overwrite::Replace`]), then reads it back from disk and verifies it against
/// the signing key.
///
/// Fails if packing, verifying or writing fails (nothing is left behind), if `destination`
/// exists and `overwrite` is [`Overwrite::Refuse`] (it is left as it was), or if the written
/// file does not read back as verified (it is then removed).
pub fn export(
    folder: &CompiledFolder,
    secret: &SecretKey,
    options: &PackOptions,
    destination: &Path,
    overwrite: Overwrite,
) -> Result<Exported, PublishError> {
    let signed = sign_verified(folder, secret, options)?;
    write_bundle(destination, &signed.bytes, overwrite)?;
    let reread = bundle::open_file(destination, &signing_key_as_trusted(secret));
    let failure = match &reread {
        Ok(opened) if matches!(opened.verdict, Verdict::Verified { .. }) => None,
        Ok(opened) => Some(format!("{:?}", opened.verdict)),
        Err(error) => Some(error.to_string()),
    };
    match (reread, failure) {
        (Ok(reopened), None) => Ok(Exported {
            path: destination.to_owned(),
            size: signed.bytes.len(),
            reopened,
        }),
        (_, reason) => {
            // A bundle that does not verify must not be left for someone to send.
            let _ = std::fs::remove_file(destination);
            Err(PublishError::WrittenBundleDoesNotVerify {
                path: destination.to_owned(),
                reason: reason.unwrap_or_default(),
            })
        }
    }
}

/// Why one row of a client list got no bundle.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RecipientFailure {
    /// The row could not be read.
    #[error(transparent)]
    Row(RecipientRowError),
    /// Its bundle could not be signed, verified or written.
    #[error("line {line} ({}): {error}", crate::escape::one_line(recipient))]
    Publish {
        /// The row's line.
        line: usize,
        /// The row's client.
        recipient: String,
        /// Why.
        error: std::sync::Arc<PublishError>,
    },
}

/// Two failures are the same when they say the same (the errors inside are not comparable).
impl PartialEq for RecipientFailure {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for RecipientFailure {}

/// The result of one row of a client list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientOutcome {
    /// The row's place in the list, from 1.
    pub position: usize,
    /// How many rows the list has.
    pub total: usize,
    /// The row's line in the file.
    pub line: usize,
    /// The client's name (empty for a row that could not be read).
    pub recipient: String,
    /// Where its bundle was written, or why it was not.
    pub result: Result<PathBuf, RecipientFailure>,
}

/// What [`export_for_recipients`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecipientSummary {
    /// Every row's outcome, in list order.
    pub outcomes: Vec<RecipientOutcome>,
}

impl RecipientSummary {
    /// How many bundles were written.
    pub fn written(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|outcome| outcome.result.is_ok())
            .count()
    }

    /// How many rows failed.
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.written()
    }
}

/// The file [`export_for_recipients`] writes for `row` into `out_dir`, for a folder whose
/// bundle id is `bundle_id`: `<bundle id>.kairan`, the id with the row's suffix.
pub fn recipient_bundle_path(bundle_id: &str, row: &RecipientRow, out_dir: &Path) -> PathBuf {
    out_dir.join(format!("{}.kairan", recipient_bundle_id(bundle_id, row)))
}

/// The files in `out_dir` that [`export_for_recipients`] would replace for `rows` (rows that
/// cannot be read write nothing), so that a person can be asked first.
pub fn existing_recipient_bundles(
    bundle_id: &str,
    rows: &[Result<RecipientRow, RecipientRowError>],
    out_dir: &Path,
) -> Vec<PathBuf> {
    rows.iter()
        .flatten()
        .map(|row| recipient_bundle_path(bundle_id, row, out_dir))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect()
}

/// Writes one bundle per client row into `out_dir`, each addressed to its client and named as
/// [`recipient_bundle_path`] says, reporting each row to `progress` as it is done. A bad row is
/// reported and the rest go on; so is a row whose file exists while `overwrite` is
/// [`Overwrite::Refuse`] (that file is left as it was).
///
/// Fails only if `out_dir` cannot be created.
pub fn export_for_recipients(
    folder: &CompiledFolder,
    secret: &SecretKey,
    rows: &[Result<RecipientRow, RecipientRowError>],
    out_dir: &Path,
    overwrite: Overwrite,
    progress: &mut dyn FnMut(&RecipientOutcome),
) -> Result<RecipientSummary, PublishError> {
    std::fs::create_dir_all(out_dir).map_err(|source| PublishError::Write {
        path: out_dir.to_owned(),
        source,
    })?;
    let total = rows.len();
    let mut summary = RecipientSummary::default();
    for (index, row) in rows.iter().enumerate() {
        let (line, recipient, result) = match row {
            Ok(row) => (
                row.line,
                row.recipient.clone(),
                export_one(folder, secret, row, out_dir, overwrite),
            ),
            Err(error) => (
                error.line,
                String::new(),
                Err(RecipientFailure::Row(error.clone())),
            ),
        };
        let outcome = RecipientOutcome {
            position: index + 1,
            total,
            line,
            recipient,
            result,
        };
        progress(&outcome);
        summary.outcomes.push(outcome);
    }
    fs::flush_folder(out_dir).map_err(|source| PublishError::Write {
        path: out_dir.to_owned(),
        source,
    })?;
    Ok(summary)
}

fn export_one(
    folder: &CompiledFolder,
    secret: &SecretKey,
    row: &RecipientRow,
    out_dir: &Path,
    overwrite: Overwrite,
) -> Result<PathBuf, RecipientFailure> {
    let failure = |error| RecipientFailure::Publish {
        line: row.line,
        recipient: row.recipient.clone(),
        error: std::sync::Arc::new(error),
    };
    let bundle_id = recipient_bundle_id(&folder.metadata.bundle_id, row);
    let options = PackOptions {
        recipient: Some(row.recipient.clone()),
        bundle_id: Some(bundle_id.clone()),
    };
    let signed = sign_verified(folder, secret, &options).map_err(failure)?;
    let path = recipient_bundle_path(&folder.metadata.bundle_id, row, out_dir);
    // The folder is flushed once, after the last client's bundle.
    let existing = match overwrite {
        Overwrite::Refuse => fs::Existing::Keep,
        Overwrite::Replace => fs::Existing::Replace,
    };
    fs::write_one_of_many(&path, &signed.bytes, fs::Access::Shared, existing)
        .map_err(|source| failure(write_error(&path, source)))?;
    Ok(path)
}

/// Whether existing files (a bundle, a key pair) may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse if a file to be written exists, and leave it as it is.
    Refuse,
    /// Replace them.
    Replace,
}

/// A key pair written to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenKeyPair {
    /// The secret key file (`BASE.key`).
    pub secret_path: PathBuf,
    /// The public key file to hand to clients (`BASE.pub`).
    pub public_path: PathBuf,
    /// The public key (its id and fingerprint are read out over the phone).
    pub public_key: PublicKey,
}

/// Generates a key pair and writes `base.key` and `base.pub`. A password-protected key takes
/// seconds (scrypt, 1 GiB, as the stock minisign tool).
///
/// Fails if a file exists and `overwrite` refuses, randomness is unavailable, or a file cannot
/// be written (then neither file is left behind).
pub fn write_key_pair(
    base: &Path,
    protection: keys::Protection<'_>,
    comment: &str,
    overwrite: Overwrite,
) -> Result<WrittenKeyPair, PublishError> {
    let public_path = base.with_extension("pub");
    let secret_path = base.with_extension("key");
    if overwrite == Overwrite::Refuse {
        for path in [&public_path, &secret_path] {
            if path.exists() {
                return Err(PublishError::Exists { path: path.clone() });
            }
        }
    }
    let pair = keys::generate(protection, comment).map_err(|source| PublishError::Key {
        path: secret_path.clone(),
        source,
    })?;
    let existing = match overwrite {
        Overwrite::Refuse => fs::Existing::Keep,
        Overwrite::Replace => fs::Existing::Replace,
    };
    fs::write_atomically(
        &secret_path,
        pair.secret_file.as_bytes(),
        fs::Access::Private,
        existing,
    )
    .map_err(|source| write_error(&secret_path, source))?;
    if let Err(source) = fs::write_atomically(
        &public_path,
        pair.public_file.as_bytes(),
        fs::Access::Shared,
        existing,
    ) {
        let _ = std::fs::remove_file(&secret_path);
        return Err(write_error(&public_path, source));
    }
    Ok(WrittenKeyPair {
        secret_path,
        public_path,
        public_key: pair.public_key,
    })
}

#[cfg(test)]
mod tests;
