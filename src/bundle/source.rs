//! Where a bundle's bytes are read from: an open file, read a piece at a time at the offsets
//! asked for, or bytes already in memory (the built-in sample, a bundle just written).
//!
//! Opening a bundle never holds the whole file: the structure is read from its end, the
//! manifest and documents are read whole (they are capped), and every other entry is hashed
//! while it streams past in [`CHUNK_BYTES`] pieces. An attachment is read again from the
//! file when it is saved, and checked against the signed hash again then.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::BundleError;

/// How much of a file is read at a time when streaming through it.
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// The bytes of a bundle, read at offsets.
#[derive(Debug, Clone)]
pub enum Source {
    /// Bytes in memory.
    Memory(Arc<[u8]>),
    /// An open regular file and the size it had when it was opened.
    File(Arc<OpenFile>),
}

/// A regular file kept open while its bundle is shown, so that what is read later is the file
/// that was verified (on Unix, even if another file is moved to its path).
#[derive(Debug)]
pub struct OpenFile {
    file: std::fs::File,
    path: PathBuf,
    len: u64,
}

impl OpenFile {
    /// An open file of `len` bytes, found at `path`.
    pub fn new(file: std::fs::File, path: &Path, len: u64) -> Self {
        OpenFile {
            file,
            path: path.to_owned(),
            len,
        }
    }

    /// The file's size and modification time now, to tell whether it changed while read.
    pub fn stamp(&self) -> io::Result<(u64, Option<std::time::SystemTime>)> {
        let metadata = self.file.metadata()?;
        Ok((metadata.len(), metadata.modified().ok()))
    }
}

impl Source {
    /// The number of bytes.
    pub fn len(&self) -> u64 {
        match self {
            Source::Memory(bytes) => bytes.len() as u64,
            Source::File(file) => file.len,
        }
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A failed read of this source as a [`BundleError`] naming the file.
    pub fn read_error(&self, source: io::Error) -> BundleError {
        let path = match self {
            Source::Memory(_) => PathBuf::from("the bundle in memory"),
            Source::File(open) => open.path.clone(),
        };
        BundleError::Io { path, source }
    }

    /// Fills `buffer` with the bytes at `offset`.
    ///
    /// Fails if they lie past the end (a file that shrank) or the file cannot be read.
    pub fn read_exact_at(&self, offset: u64, buffer: &mut [u8]) -> io::Result<()> {
        let end = offset
            .checked_add(buffer.len() as u64)
            .filter(|&end| end <= self.len())
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "a read past the end of the bundle",
                )
            })?;
        match self {
            Source::Memory(bytes) => {
                buffer.copy_from_slice(&bytes[offset as usize..end as usize]);
                Ok(())
            }
            Source::File(open) => read_exact_at(&open.file, offset, buffer),
        }
    }

    /// The `len` bytes at `offset`, in a new buffer.
    ///
    /// Fails as [`Source::read_exact_at`] does.
    pub fn read_vec(&self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut buffer = vec![0; len];
        self.read_exact_at(offset, &mut buffer)?;
        Ok(buffer)
    }

    /// Calls `each` with the bytes of `range` in order, at most [`CHUNK_BYTES`] at a time, and
    /// the offset of each piece.
    ///
    /// Fails with the first read error, or with what `each` returns.
    pub fn for_each_chunk<E: From<io::Error>>(
        &self,
        range: std::ops::Range<u64>,
        mut each: impl FnMut(u64, &[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Source::Memory(bytes) = self {
            let Some(inside) = bytes.get(range.start as usize..range.end as usize) else {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "a read past the end of the bundle",
                )
                .into());
            };
            let mut at = range.start;
            for chunk in inside.chunks(CHUNK_BYTES) {
                each(at, chunk)?;
                at += chunk.len() as u64;
            }
            return Ok(());
        }
        let mut buffer = vec![0; CHUNK_BYTES.min(range.end.saturating_sub(range.start) as usize)];
        let mut at = range.start;
        while at < range.end {
            let piece = &mut buffer[..CHUNK_BYTES.min((range.end - at) as usize)];
            self.read_exact_at(at, piece)?;
            each(at, piece)?;
            at += piece.len() as u64;
        }
        Ok(())
    }
}

#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, offset: u64, buffer: &mut [u8]) -> io::Result<()> {
    use std::os::unix::fs::FileExt as _;
    file.read_exact_at(buffer, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &std::fs::File, mut offset: u64, mut buffer: &mut [u8]) -> io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    while !buffer.is_empty() {
        match file.seek_read(buffer, offset) {
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file ended early",
                ));
            }
            Ok(read) => {
                buffer = &mut buffer[read..];
                offset += read as u64;
            }
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}
