//! Hashing a bundle's entries as they stream past: each entry's stored bytes are read a piece
//! at a time, their CRC-32 and deflate stream checked and their contents hashed; only the
//! documents' contents are kept, so an attachment costs a few pieces of memory whatever its
//! size. Entries are independent, so a large archive is split in two runs of entries hashed on
//! two threads.
//!
//! The whole file's SHA-256 (the identity a reader's library keeps it under) is not part of
//! opening: [`whole_file`] computes it when first asked for, checking every entry again from
//! the very same bytes (and copying them, when the file is kept), so that it names the file
//! that was verified.

use sha2::{Digest as _, Sha256};

use crate::bundle::container::{ContainerEntry, EntryDecoder};
use crate::bundle::error::BundleError;
use crate::bundle::source::{CHUNK_BYTES, Source};

/// Archives whose entries hold at least this many bytes are hashed on two threads.
const TWO_THREADS_FROM_BYTES: usize = 8 * CHUNK_BYTES;

/// An entry whose stored bytes checked out.
#[derive(Debug)]
pub struct Checked {
    /// SHA-256 of its contents.
    pub sha256: [u8; 32],
    /// Its contents, when they were asked for.
    pub contents: Option<Vec<u8>>,
}

/// For each of `entries` (which lie in `source` in order, as a parsed archive's do): its
/// contents' SHA-256, and its contents when `keep` marks it, or why its bytes do not check out.
///
/// Fails only if the source cannot be read.
pub fn check_entries(
    source: &Source,
    entries: &[ContainerEntry],
    keep: &[bool],
) -> Result<Vec<Result<Checked, BundleError>>, BundleError> {
    let total: usize = entries.iter().map(|entry| entry.data.len()).sum();
    let two_threads = total >= TWO_THREADS_FROM_BYTES
        && entries.len() >= 2
        && std::thread::available_parallelism().is_ok_and(|cores| cores.get() >= 2);
    if !two_threads {
        return check_run(source, entries, keep);
    }
    // Split where the first run holds about half the bytes, leaving the second at least one.
    let mut so_far = 0;
    let split = entries
        .iter()
        .position(|entry| {
            so_far += entry.data.len();
            so_far * 2 >= total
        })
        .map_or(1, |at| at + 1)
        .clamp(1, entries.len() - 1);
    let (first, second) = entries.split_at(split);
    let (keep_first, keep_second) = keep.split_at(split);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| check_run(source, second, keep_second));
        let mut checked = check_run(source, first, keep_first)?;
        let second = match second.join() {
            Ok(result) => result?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        checked.extend(second);
        Ok(checked)
    })
}

/// What one read of a whole file found: its SHA-256 and each entry's, from the same bytes.
pub struct WholeFile {
    /// SHA-256 of the whole file.
    pub sha256: [u8; 32],
    /// SHA-256 of each entry's contents, in order (none for an entry that does not check out).
    pub entries: Vec<Option<[u8; 32]>>,
}

/// Why [`whole_file`] stopped.
pub enum WholeFileError {
    /// The source could not be read.
    Read(BundleError),
    /// `copy` failed.
    Copy(std::io::Error),
}

/// Pieces in flight between the reading thread and the file-hashing one.
const PIECES_IN_FLIGHT: usize = 3;

/// Reads all of `source` once, start to end, a piece at a time: each piece is hashed into the
/// file's SHA-256 (on a second thread for a large file), checked as part of the entry it
/// belongs to, and handed to `copy`. All three see the same bytes, so the hash names exactly
/// the file whose entries were checked and copied, even if the file changes while it is read.
///
/// Fails if the source cannot be read or `copy` fails.
pub fn whole_file(
    source: &Source,
    entries: &[ContainerEntry],
    mut copy: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> Result<WholeFile, WholeFileError> {
    let keep = vec![false; entries.len()];
    let mut checks = EntryChecks {
        entries,
        keep: &keep,
        next: 0,
        current: None,
        done: Vec::with_capacity(entries.len()),
    };
    let digests = |checks: EntryChecks<'_>| {
        checks
            .finish()
            .iter()
            .map(|check| check.as_ref().ok().map(|check| check.sha256))
            .collect()
    };
    let len = source.len();
    if len < (TWO_THREADS_FROM_BYTES as u64) {
        let mut file = Sha256::new();
        let mut piece = vec![0; CHUNK_BYTES.min(len as usize)];
        let mut at = 0;
        while at < len {
            let size = CHUNK_BYTES.min((len - at) as usize);
            source
                .read_exact_at(at, &mut piece[..size])
                .map_err(|error| WholeFileError::Read(source.read_error(error)))?;
            file.update(&piece[..size]);
            checks.feed(at, &piece[..size]);
            copy(&piece[..size]).map_err(WholeFileError::Copy)?;
            at += size as u64;
        }
        return Ok(WholeFile {
            sha256: file.finalize().into(),
            entries: digests(checks),
        });
    }
    let (to_hash, pieces_to_hash) =
        std::sync::mpsc::sync_channel::<(Vec<u8>, usize)>(PIECES_IN_FLIGHT);
    let (to_reuse, free_pieces) = std::sync::mpsc::sync_channel::<Vec<u8>>(PIECES_IN_FLIGHT);
    for _ in 0..PIECES_IN_FLIGHT {
        let _ = to_reuse.send(vec![0; CHUNK_BYTES]);
    }
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut file = Sha256::new();
            for (piece, len) in pieces_to_hash {
                file.update(&piece[..len]);
                // The reader may have stopped: then no piece is needed again.
                let _ = to_reuse.send(piece);
            }
            file.finalize()
        });
        let read = (|| {
            let mut at = 0;
            while at < len {
                let Ok(mut piece) = free_pieces.recv() else {
                    break;
                };
                let size = CHUNK_BYTES.min((len - at) as usize);
                source
                    .read_exact_at(at, &mut piece[..size])
                    .map_err(|error| WholeFileError::Read(source.read_error(error)))?;
                checks.feed(at, &piece[..size]);
                copy(&piece[..size]).map_err(WholeFileError::Copy)?;
                if to_hash.send((piece, size)).is_err() {
                    break;
                }
                at += size as u64;
            }
            Ok(())
        })();
        drop(to_hash);
        let sha256 = match hasher.join() {
            Ok(digest) => digest,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        read.map(|()| WholeFile {
            sha256: sha256.into(),
            entries: digests(checks),
        })
    })
}

/// [`check_entries`] on one thread: one read from the first entry's bytes to the last's.
fn check_run(
    source: &Source,
    entries: &[ContainerEntry],
    keep: &[bool],
) -> Result<Vec<Result<Checked, BundleError>>, BundleError> {
    let mut checks = EntryChecks {
        entries,
        keep,
        next: 0,
        current: None,
        done: Vec::with_capacity(entries.len()),
    };
    if let (Some(first), Some(last)) = (entries.first(), entries.last()) {
        let span = first.data.start as u64..last.data.end as u64;
        source
            .for_each_chunk(span, |at, piece| {
                checks.feed(at, piece);
                Ok::<(), std::io::Error>(())
            })
            .map_err(|error| source.read_error(error))?;
    }
    Ok(checks.finish())
}

/// The entries' checks as the file's pieces go past.
struct EntryChecks<'entries> {
    entries: &'entries [ContainerEntry],
    keep: &'entries [bool],
    /// The entry the next bytes belong to (or that has not started yet).
    next: usize,
    current: Option<EntryCheck<'entries>>,
    done: Vec<Result<Checked, BundleError>>,
}

/// One entry being checked.
struct EntryCheck<'entry> {
    decoder: EntryDecoder<'entry>,
    sha256: Sha256,
    contents: Option<Vec<u8>>,
    failed: Option<BundleError>,
}

impl<'entry> EntryCheck<'entry> {
    fn new(entry: &'entry ContainerEntry, keep: bool) -> Self {
        EntryCheck {
            decoder: EntryDecoder::new(entry),
            sha256: Sha256::new(),
            contents: keep.then(|| Vec::with_capacity(entry.size as usize)),
            failed: None,
        }
    }

    fn feed(&mut self, stored: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        let (sha256, contents) = (&mut self.sha256, &mut self.contents);
        let fed = self.decoder.feed(stored, &mut |piece| {
            sha256.update(piece);
            if let Some(contents) = contents {
                contents.extend_from_slice(piece);
            }
        });
        if let Err(error) = fed {
            self.failed = Some(error);
            self.contents = None;
        }
    }

    fn finish(self) -> Result<Checked, BundleError> {
        if let Some(error) = self.failed {
            return Err(error);
        }
        self.decoder.finish()?;
        Ok(Checked {
            sha256: self.sha256.finalize().into(),
            contents: self.contents,
        })
    }
}

impl EntryChecks<'_> {
    /// Hands the bytes at `at` to the entries they belong to, finishing each entry whose
    /// bytes end within them.
    fn feed(&mut self, at: u64, piece: &[u8]) {
        let piece_end = at + piece.len() as u64;
        while let Some(entry) = self.entries.get(self.next) {
            let (start, end) = (entry.data.start as u64, entry.data.end as u64);
            if start > piece_end {
                return;
            }
            let check = self
                .current
                .get_or_insert_with(|| EntryCheck::new(entry, self.keep[self.next]));
            let (from, to) = (start.max(at), end.min(piece_end));
            if from < to {
                check.feed(&piece[(from - at) as usize..(to - at) as usize]);
            }
            if end > piece_end {
                return;
            }
            if let Some(check) = self.current.take() {
                self.done.push(check.finish());
            }
            self.next += 1;
        }
    }

    /// The result of every entry; those the reading ended before are finished with what they got.
    fn finish(mut self) -> Vec<Result<Checked, BundleError>> {
        while let Some(entry) = self.entries.get(self.next) {
            let check = self
                .current
                .take()
                .unwrap_or_else(|| EntryCheck::new(entry, self.keep[self.next]));
            self.done.push(check.finish());
            self.next += 1;
        }
        self.done
    }
}
