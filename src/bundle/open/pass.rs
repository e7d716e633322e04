//! The one pass over a bundle's bytes when it is opened: the whole file is read once, start to
//! end, a piece at a time; each piece is hashed into the file's SHA-256 (the identity a
//! reader's library keeps it under) and into the entry it belongs to, whose CRC-32 and deflate
//! stream are checked on the way. Only the documents' contents are kept: an attachment costs a
//! few pieces of memory whatever its size.
//!
//! For a large file the file's hash runs on a second thread, fed the same pieces, so the pass
//! takes about as long as hashing the entries alone.

use std::sync::mpsc;

use sha2::{Digest as _, Sha256};

use crate::bundle::container::{ContainerEntry, EntryDecoder};
use crate::bundle::error::BundleError;
use crate::bundle::source::{CHUNK_BYTES, Source};

/// Files at least this large have their whole-file hash computed on a second thread.
const SECOND_THREAD_FROM_BYTES: u64 = 4 * CHUNK_BYTES as u64;

/// Pieces in flight between the reading thread and the file-hashing one.
const PIECES_IN_FLIGHT: usize = 3;

/// What the pass found.
pub struct Pass {
    /// SHA-256 of the whole file.
    pub file_sha256: [u8; 32],
    /// For each payload entry, in order: its contents' SHA-256 (and the contents, when they
    /// were asked for), or why its bytes do not check out.
    pub entries: Vec<Result<Checked, BundleError>>,
}

/// An entry whose stored bytes checked out.
pub struct Checked {
    /// SHA-256 of its contents.
    pub sha256: [u8; 32],
    /// Its contents, when they were asked for.
    pub contents: Option<Vec<u8>>,
}

/// Reads all of `source` once, hashing it and each of `payload`'s entries (which lie in it in
/// order), keeping the contents of the entries `keep` marks.
///
/// Fails only if the source cannot be read; an entry whose bytes do not check out is reported
/// in [`Pass::entries`].
pub fn hash_all(
    source: &Source,
    payload: &[ContainerEntry],
    keep: &[bool],
) -> Result<Pass, BundleError> {
    let mut entries = EntryChecks {
        payload,
        keep,
        next: 0,
        current: None,
        done: Vec::with_capacity(payload.len()),
    };
    if source.len() < SECOND_THREAD_FROM_BYTES {
        let mut file = Sha256::new();
        source
            .for_each_chunk(0..source.len(), |at, piece| {
                file.update(piece);
                entries.feed(at, piece);
                Ok::<(), std::io::Error>(())
            })
            .map_err(|error| source.read_error(error))?;
        return Ok(Pass {
            file_sha256: file.finalize().into(),
            entries: entries.finish(),
        });
    }
    let (to_hash, hashed_pieces) = mpsc::sync_channel::<(Vec<u8>, usize)>(PIECES_IN_FLIGHT);
    let (to_reuse, free_pieces) = mpsc::sync_channel::<Vec<u8>>(PIECES_IN_FLIGHT);
    for _ in 0..PIECES_IN_FLIGHT {
        let _ = to_reuse.send(vec![0; CHUNK_BYTES]);
    }
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut file = Sha256::new();
            for (piece, len) in hashed_pieces {
                file.update(&piece[..len]);
                // The reader may have stopped and dropped its end: then nothing needs the piece.
                let _ = to_reuse.send(piece);
            }
            file.finalize()
        });
        let read = (|| {
            let mut at = 0;
            while at < source.len() {
                let Ok(mut piece) = free_pieces.recv() else {
                    break;
                };
                let len = CHUNK_BYTES.min((source.len() - at) as usize);
                source
                    .read_exact_at(at, &mut piece[..len])
                    .map_err(|error| source.read_error(error))?;
                entries.feed(at, &piece[..len]);
                if to_hash.send((piece, len)).is_err() {
                    break;
                }
                at += len as u64;
            }
            Ok(())
        })();
        drop(to_hash);
        let file_sha256 = match hasher.join() {
            Ok(digest) => digest,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        read.map(|()| Pass {
            file_sha256: file_sha256.into(),
            entries: entries.finish(),
        })
    })
}

/// The payload entries' checks as the file's pieces go past.
struct EntryChecks<'payload> {
    payload: &'payload [ContainerEntry],
    keep: &'payload [bool],
    /// The entry the next bytes belong to (or that has not started yet).
    next: usize,
    current: Option<EntryCheck<'payload>>,
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
        while let Some(entry) = self.payload.get(self.next) {
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

    /// The result of every entry; those the file ended before are finished with what they got.
    fn finish(mut self) -> Vec<Result<Checked, BundleError>> {
        while let Some(entry) = self.payload.get(self.next) {
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
