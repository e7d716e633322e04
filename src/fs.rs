//! The one way Kairan writes a file: atomically (a reader sees the old file or the whole new
//! one), durably (file and folder flushed), never through an existing file or symlink, and with
//! the access the contents call for — secret keys readable by their owner only.
//!
//! Every writer in the crate (bundles, keys, trust files, recent files) goes through
//! [`write_atomically`] (a batch of bundles into one folder through [`write_one_of_many`] and
//! one [`flush_folder`]); nothing else opens a file for writing. Files named by a notice folder
//! are read through [`read_inside_folder`], which reads nothing outside the folder.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Who may read the written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only its owner (mode `0600` on Unix): secret keys.
    Private,
    /// Whoever the user's umask allows (mode `0644` before the umask on Unix): bundles, public
    /// keys, settings.
    Shared,
}

/// What to do when the destination exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it in one step.
    Replace,
    /// Fail with [`std::io::ErrorKind::AlreadyExists`], atomically: a file (or symlink) that
    /// appears at the last moment is never overwritten.
    Keep,
}

/// Writes `bytes` to `path`: a new temporary file beside it (created exclusively, with the
/// permissions of `access`), flushed to disk, then moved into place and the folder flushed. On
/// failure nothing is left behind.
///
/// Fails if the folder is not writable, the disk is full, or `existing` is
/// [`Existing::Keep`] and `path` exists.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    access: Access,
    existing: Existing,
) -> std::io::Result<()> {
    write_atomically_with(path, access, existing, |file| file.write_all(bytes))
}

/// [`write_atomically`] of what `fill` writes to the temporary file, for contents too large to
/// hold: if `fill` fails, nothing is left behind and nothing at `path` changes.
///
/// Fails with what `fill` returns, or as [`write_atomically`] does.
pub fn write_atomically_with<E: From<std::io::Error>>(
    path: &Path,
    access: Access,
    existing: Existing,
    fill: impl FnOnce(&mut std::fs::File) -> Result<(), E>,
) -> Result<(), E> {
    write_file_atomically(path, access, existing, fill)?;
    Ok(sync_folder(&parent_folder(path))?)
}

/// [`write_atomically`] of one file of many written into one folder: the file is flushed but
/// the folder is not, so a batch costs one folder flush instead of one per file. Call
/// [`flush_folder`] on the folder once the batch is written; until then a crash may lose
/// files of the batch (never leave one half written).
///
/// Fails as [`write_atomically`] does.
pub fn write_one_of_many(
    path: &Path,
    bytes: &[u8],
    access: Access,
    existing: Existing,
) -> std::io::Result<()> {
    write_file_atomically(path, access, existing, |file| file.write_all(bytes))
}

/// Flushes a folder's entries to disk: the end of a batch of [`write_one_of_many`].
///
/// Fails if the folder cannot be opened or flushed.
pub fn flush_folder(dir: &Path) -> std::io::Result<()> {
    sync_folder(dir)
}

/// Writes and flushes a temporary file beside `path` and moves it into place; the folder is
/// left to the caller to flush.
fn write_file_atomically<E: From<std::io::Error>>(
    path: &Path,
    access: Access,
    existing: Existing,
    fill: impl FnOnce(&mut std::fs::File) -> Result<(), E>,
) -> Result<(), E> {
    let dir = parent_folder(path);
    let prefix = temporary_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = match access {
            Access::Private => 0o600,
            Access::Shared => 0o644,
        };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = access;
    let mut temporary = builder.tempfile_in(&dir)?;
    fill(temporary.as_file_mut())?;
    temporary.as_file().sync_all()?;
    match existing {
        Existing::Replace => temporary.persist(path).map_err(|error| error.error)?,
        Existing::Keep => temporary
            .persist_noclobber(path)
            .map_err(|error| error.error)?,
    };
    Ok(())
}

/// [`write_atomically`] for a file anyone may read, replacing what is there: bundles, public
/// keys, notice sources.
///
/// Fails as [`write_atomically`] does.
pub fn write_shared(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically(path, bytes, Access::Shared, Existing::Replace)
}

/// Removes temporary files that a writer of `path` left behind when it died. Only safe while
/// holding a lock that every writer of `path` takes (as the trust files do).
pub fn remove_leftovers(path: &Path) {
    let prefix = temporary_prefix(path);
    let Ok(entries) = std::fs::read_dir(parent_folder(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".partial") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Why [`read_inside_folder`] read nothing.
#[derive(Debug, thiserror::Error)]
pub enum InsideReadError {
    /// A part of the path is a symbolic link (or junction), which could lead out of the folder.
    #[error("{at} is a symbolic link; only files inside the folder are read")]
    Symlink {
        /// The part of the path that is a link, relative to the folder.
        at: String,
    },
    /// The path names a folder, device, pipe or socket rather than a file.
    #[error("not a regular file")]
    NotAFile,
    /// The file is larger than the reader accepts.
    #[error("larger than {limit} bytes")]
    TooLarge {
        /// The most bytes accepted.
        limit: u64,
    },
    /// The operating system could not read it.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Reads the file `relative` (a `/`-separated path already checked to stay inside, such as
/// `documents/letter.notice.md`) from `folder`, at most `limit` bytes. Nothing outside the
/// folder is read: every part of the path must be an ordinary folder or file, not a symbolic
/// link, and the file must be a regular file (a pipe would block, a device never ends). On Unix
/// the file is opened with `O_NOFOLLOW`, so a link swapped in after the check is refused too.
///
/// Fails with [`InsideReadError`] saying which rule the path broke.
pub fn read_inside_folder(
    folder: &Path,
    relative: &str,
    limit: u64,
) -> Result<Vec<u8>, InsideReadError> {
    use std::io::Read as _;
    let mut path = folder.to_owned();
    let mut shown = String::new();
    for part in relative.split('/') {
        path.push(part);
        if !shown.is_empty() {
            shown.push('/');
        }
        shown.push_str(part);
        let metadata = std::fs::symlink_metadata(&path)?;
        if metadata.file_type().is_symlink() || is_reparse_point(&metadata) {
            return Err(InsideReadError::Symlink { at: shown });
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(&path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(InsideReadError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(InsideReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(InsideReadError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(windows)]
fn is_reparse_point(metadata: &std::fs::Metadata) -> bool {
    use std::os::windows::fs::MetadataExt as _;
    const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x400;
    metadata.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0
}

#[cfg(not(windows))]
fn is_reparse_point(_metadata: &std::fs::Metadata) -> bool {
    false
}

/// Names Windows reserves for devices, whatever the extension.
const RESERVED_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file name to propose for saving `entry` (a bundle path such as `attachments/請求書.pdf`):
/// its last part, without control, bidi or invisible characters, with `<>:"/\|?*` replaced by
/// `_`, no leading or trailing dots and spaces, no Windows device name, at most 150
/// characters; `attachment` when nothing is left.
pub fn safe_file_name(entry: &str) -> String {
    let last = entry.rsplit(['/', '\\']).next().unwrap_or(entry);
    let cleaned: String = last
        .chars()
        .filter(|c| !crate::escape::is_hidden(*c))
        .map(|c| if "<>:\"/\\|?*".contains(c) { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let mut name: String = trimmed.chars().take(150).collect();
    name = name
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
        .to_owned();
    let stem = name.split('.').next().unwrap_or_default();
    if RESERVED_NAMES
        .iter()
        .any(|reserved| stem.eq_ignore_ascii_case(reserved))
    {
        name.insert(0, '_');
    }
    if name.is_empty() {
        "attachment".to_owned()
    } else {
        name
    }
}

fn parent_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// `.<file name>.`: temporary files are hidden and name the file they will become.
fn temporary_prefix(path: &Path) -> String {
    format!(
        ".{}.",
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

#[cfg(unix)]
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_dir: &Path) -> std::io::Result<()> {
    // Windows has no folder handles to flush; the rename itself is durable there.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_is_readable_by_its_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("firm.key");
        write_atomically(&path, b"secret", Access::Private, Existing::Keep).unwrap();
        assert_eq!(mode(&path), 0o600);
        write_atomically(&path, b"secret 2", Access::Private, Existing::Replace).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read(&path).unwrap(), b"secret 2");
    }

    #[cfg(unix)]
    #[test]
    fn a_shared_file_is_readable_by_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("firm.pub");
        write_atomically(&path, b"public", Access::Shared, Existing::Replace).unwrap();
        assert_eq!(mode(&path) & 0o600, 0o600);
        assert_ne!(mode(&path) & 0o044, 0, "group or others can read it");
    }

    #[cfg(unix)]
    #[test]
    fn reading_inside_a_folder_refuses_links_pipes_and_large_files() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), b"secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("documents")).unwrap();
        std::fs::write(dir.path().join("documents/a.txt"), b"inside").unwrap();
        assert_eq!(
            read_inside_folder(dir.path(), "documents/a.txt", 100).unwrap(),
            b"inside"
        );
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("documents/b.txt"),
        )
        .unwrap();
        let error = read_inside_folder(dir.path(), "documents/b.txt", 100).unwrap_err();
        assert!(
            matches!(&error, InsideReadError::Symlink { at } if at == "documents/b.txt"),
            "{error:?}"
        );
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
        let error = read_inside_folder(dir.path(), "linked/secret.txt", 100).unwrap_err();
        assert!(
            matches!(&error, InsideReadError::Symlink { at } if at == "linked"),
            "{error:?}"
        );
        let fifo = dir.path().join("documents/pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let error = read_inside_folder(dir.path(), "documents/pipe", 100).unwrap_err();
        assert!(matches!(error, InsideReadError::NotAFile), "{error:?}");
        let error = read_inside_folder(dir.path(), "documents", 100).unwrap_err();
        assert!(matches!(error, InsideReadError::NotAFile), "{error:?}");
        let error = read_inside_folder(dir.path(), "documents/a.txt", 3).unwrap_err();
        assert!(
            matches!(error, InsideReadError::TooLarge { limit: 3 }),
            "{error:?}"
        );
    }

    #[test]
    fn keep_never_writes_over_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bundle.kairan");
        std::fs::write(&path, b"old").unwrap();
        let error = write_atomically(&path, b"new", Access::Shared, Existing::Keep).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keep_never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let path = dir.path().join("firm.key");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        let error =
            write_atomically(&path, b"secret", Access::Private, Existing::Keep).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert!(!target.exists());
    }

    #[test]
    fn proposed_file_names_are_sanitised() {
        assert_eq!(safe_file_name("attachments/請求書.pdf"), "請求書.pdf");
        assert_eq!(
            safe_file_name("attachments/請求書\u{202E}fdp.exe"),
            "請求書fdp.exe"
        );
        assert_eq!(safe_file_name("a/zero\u{200B}width.txt"), "zerowidth.txt");
        assert_eq!(safe_file_name("a/CON.txt"), "_CON.txt");
        assert_eq!(safe_file_name("a/lpt1"), "_lpt1");
        assert_eq!(safe_file_name("a/report. . "), "report");
        assert_eq!(safe_file_name("a/..\\..\\evil.bat"), "evil.bat");
        assert_eq!(
            safe_file_name("a/what?<is>\"this\"|*:"),
            "what__is__this____"
        );
        assert_eq!(safe_file_name("a/\u{7}\u{1b}"), "attachment");
        assert_eq!(safe_file_name("a/...."), "attachment");
        assert_eq!(
            safe_file_name(&format!("a/{}", "長".repeat(400)))
                .chars()
                .count(),
            150
        );
    }

    #[test]
    fn leftovers_of_a_dead_writer_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trust.json");
        std::fs::write(dir.path().join(".trust.json.abc123.partial"), b"x").unwrap();
        std::fs::write(dir.path().join("other.partial"), b"x").unwrap();
        remove_leftovers(&path);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("other.partial")]);
    }
}
