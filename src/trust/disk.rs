//! The one way the trust layer touches its files: read a whole file, or change it under an
//! exclusive lock and replace it atomically.
//!
//! Every change is a read-modify-write done while holding an exclusive lock on a sidecar
//! `<file>.lock`, re-reading the file under that lock, so that two Kairan processes never lose
//! each other's updates. The new contents go to a temporary file in the same directory, which is
//! flushed to disk, renamed over the old file, and the directory is flushed too: a crash at any
//! moment leaves either the old or the new file, never a mix. A file that does not parse is never
//! replaced: the change fails and the file stays byte-for-byte as it was.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::TrustError;

/// Reads `path`, or `None` if it does not exist yet.
///
/// Fails if it exists but cannot be read.
pub(crate) fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, TrustError> {
    if let Some(folder) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        check_not_exposed(folder)?;
    }
    check_not_exposed(path)?;
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(cause) => Err(TrustError::Read {
            path: path.to_owned(),
            cause,
        }),
    }
}

/// Refuses a trust file or folder that is a symbolic link, that another user owns, or that
/// other users may write (group or world): a trust store someone else can change (or that
/// points elsewhere) decides nothing.
///
/// Fails with [`TrustError::Exposed`] for such a file or folder; a missing one is fine.
fn check_not_exposed(path: &Path) -> Result<(), TrustError> {
    let Ok(metadata) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let exposed = |problem| TrustError::Exposed {
        path: path.to_owned(),
        problem,
    };
    if metadata.file_type().is_symlink() {
        return Err(exposed(super::Exposure::Symlink));
    }
    if !metadata.is_file() && !metadata.is_dir() {
        return Err(exposed(super::Exposure::NotAFile));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
        if metadata.permissions().mode() & 0o022 != 0 {
            return Err(exposed(super::Exposure::OthersMayWrite));
        }
        if metadata.uid() != rustix::process::geteuid().as_raw() {
            return Err(exposed(super::Exposure::OtherOwner));
        }
    }
    Ok(())
}

/// How a file kind is read and written.
pub(crate) trait JsonFile: Sized {
    /// What the file is, for messages ("trust store").
    const WHAT: &'static str;
    /// The contents of a file that does not exist yet.
    fn empty() -> Self;
    /// Parses and validates the file's bytes; the error says what is wrong.
    fn parse(bytes: &[u8]) -> Result<Self, String>;
    /// The file's bytes.
    fn to_bytes(&self) -> Vec<u8>;
}

/// Loads `path` (empty if missing).
///
/// Fails if it cannot be read or does not parse.
pub(crate) fn load<T: JsonFile>(path: &Path) -> Result<T, TrustError> {
    match read_optional(path)? {
        None => Ok(T::empty()),
        Some(bytes) => T::parse(&bytes).map_err(|reason| TrustError::Corrupt {
            path: path.to_owned(),
            what: T::WHAT,
            reason,
        }),
    }
}

/// Applies `change` to the current contents of `path` under the file's lock and writes the
/// result atomically, returning the new contents and what `change` returned. When `change`
/// fails nothing is written.
///
/// Fails if the lock cannot be taken, the file cannot be read or does not parse, `change`
/// fails, or the new file cannot be written.
pub(crate) fn update<T: JsonFile, R>(
    path: &Path,
    change: impl FnOnce(&mut T) -> Result<R, TrustError>,
) -> Result<(T, R), TrustError> {
    let _lock = FileLock::acquire(path)?;
    let mut contents: T = load(path)?;
    let result = change(&mut contents)?;
    write_atomically(path, &contents.to_bytes())?;
    Ok((contents, result))
}

/// An exclusive lock on `<file>.lock`, released when dropped (or when the process dies).
struct FileLock {
    _file: File,
}

impl FileLock {
    fn acquire(path: &Path) -> Result<Self, TrustError> {
        let lock_path = sidecar(path, ".lock");
        let lock_error = |cause| TrustError::Lock {
            path: lock_path.clone(),
            cause,
        };
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            // Private whatever the umask: a folder others may write would be refused on the
            // next read.
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir).map_err(|cause| TrustError::Write {
                path: dir.to_owned(),
                cause,
            })?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(lock_error)?;
        file.lock().map_err(lock_error)?;
        Ok(FileLock { _file: file })
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically and durably. Called with the file's lock held, so any
/// temporary file left beside it is from a writer that died, and is removed.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), TrustError> {
    crate::fs::remove_leftovers(path);
    crate::fs::write_shared(path, bytes).map_err(|cause| TrustError::Write {
        path: path.to_owned(),
        cause,
    })
}

#[cfg(test)]
mod tests {

    #[cfg(unix)]
    #[test]
    fn a_pipe_in_place_of_a_trust_file_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("trust-store.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(matches!(
            read_optional(&fifo),
            Err(TrustError::Exposed {
                problem: super::super::Exposure::NotAFile,
                ..
            })
        ));
    }

    use super::*;

    #[derive(Debug, PartialEq)]
    struct Lines(Vec<String>);

    impl JsonFile for Lines {
        const WHAT: &'static str = "test file";
        fn empty() -> Self {
            Lines(Vec::new())
        }
        fn parse(bytes: &[u8]) -> Result<Self, String> {
            serde_json::from_slice(bytes)
                .map(Lines)
                .map_err(|error| error.to_string())
        }
        fn to_bytes(&self) -> Vec<u8> {
            serde_json::to_vec(&self.0).unwrap()
        }
    }

    #[test]
    fn an_update_creates_the_directory_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/file.json");
        update(&path, |lines: &mut Lines| {
            lines.0.push("one".into());
            Ok(())
        })
        .unwrap();
        assert_eq!(load::<Lines>(&path).unwrap(), Lines(vec!["one".into()]));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_or_folder_others_may_change_or_a_symlink_is_refused() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("config");
        let path = folder.join("file.json");
        update(&path, |lines: &mut Lines| {
            lines.0.push("one".into());
            Ok(())
        })
        .unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700, "made private whatever the umask");
        let set = |path: &Path, mode: u32| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        };
        for (target, bad) in [
            (&path, 0o666),
            (&path, 0o620),
            (&folder, 0o777),
            (&folder, 0o770),
        ] {
            let good = mode(target);
            set(target, bad);
            assert!(
                matches!(load::<Lines>(&path), Err(TrustError::Exposed { .. })),
                "{} at {bad:o}",
                target.display()
            );
            set(target, good);
        }
        assert!(load::<Lines>(&path).is_ok());
        let link = folder.join("link.json");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(matches!(
            load::<Lines>(&link),
            Err(TrustError::Exposed { .. })
        ));
    }

    #[test]
    fn a_failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.json");
        std::fs::write(&path, "[\"kept\"]").unwrap();
        let result = update(&path, |lines: &mut Lines| -> Result<(), TrustError> {
            lines.0.clear();
            Err(TrustError::NoSuchKey("x".into()))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"[\"kept\"]");
    }

    #[test]
    fn a_corrupt_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.json");
        std::fs::write(&path, "not json").unwrap();
        let error = update(&path, |_: &mut Lines| Ok(())).unwrap_err();
        assert!(matches!(error, TrustError::Corrupt { .. }), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"not json");
    }

    #[test]
    fn leftover_temporary_files_are_removed_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.json");
        let leftover = dir.path().join(".file.json.999999.partial");
        std::fs::write(&leftover, "[").unwrap();
        update(&path, |_: &mut Lines| Ok(())).unwrap();
        assert!(!leftover.exists());
        assert!(path.exists());
    }
}
