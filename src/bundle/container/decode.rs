//! An entry's stored bytes turned back into its contents a piece at a time, checked on the way:
//! a deflated entry must expand to exactly its declared size and its deflate stream must fill
//! the entry; every entry must match its CRC-32. Nothing is held but the piece at hand, so an
//! entry of any size is checked in the same small amount of memory.

use flate2::{Decompress, FlushDecompress, Status};

use super::{ContainerEntry, Method};
use crate::bundle::error::BundleError;
use crate::bundle::source::Source;

/// How much a deflated entry expands into at a time.
const INFLATE_PIECE_BYTES: usize = 256 * 1024;

/// Checks one entry's stored bytes as they are fed in, in order, handing its contents on.
pub struct EntryDecoder<'entry> {
    entry: &'entry ContainerEntry,
    crc: crc32fast::Hasher,
    produced: u64,
    inflate: Option<Inflate>,
}

struct Inflate {
    decompress: Decompress,
    piece: Vec<u8>,
    ended: bool,
    after_end: u64,
}

impl<'entry> EntryDecoder<'entry> {
    /// A decoder for `entry`, fed nothing yet.
    pub fn new(entry: &'entry ContainerEntry) -> Self {
        let inflate = (entry.method == Method::Deflated).then(|| Inflate {
            decompress: Decompress::new(false),
            piece: vec![0; INFLATE_PIECE_BYTES],
            ended: false,
            after_end: 0,
        });
        EntryDecoder {
            entry,
            crc: crc32fast::Hasher::new(),
            produced: 0,
            inflate,
        }
    }

    /// Feeds the next stored bytes, calling `contents` with what they stand for.
    ///
    /// Fails if the deflate stream is corrupt or expands past the declared size (it is not
    /// expanded further).
    pub fn feed(
        &mut self,
        mut stored: &[u8],
        contents: &mut impl FnMut(&[u8]),
    ) -> Result<(), BundleError> {
        let Some(inflate) = &mut self.inflate else {
            self.crc.update(stored);
            self.produced += stored.len() as u64;
            contents(stored);
            return Ok(());
        };
        loop {
            if inflate.ended {
                inflate.after_end += stored.len() as u64;
                return Ok(());
            }
            let (in_before, out_before) = (
                inflate.decompress.total_in(),
                inflate.decompress.total_out(),
            );
            let status = inflate
                .decompress
                .decompress(stored, &mut inflate.piece, FlushDecompress::None)
                .map_err(|error| decompress_error(self.entry, error.to_string()))?;
            let consumed = (inflate.decompress.total_in() - in_before) as usize;
            let produced = (inflate.decompress.total_out() - out_before) as usize;
            stored = &stored[consumed..];
            if produced > 0 {
                self.produced += produced as u64;
                if self.produced > self.entry.size {
                    return Err(decompress_error(
                        self.entry,
                        format!(
                            "it expands to more than the declared {} bytes (decompression was stopped there)",
                            self.entry.size
                        ),
                    ));
                }
                let piece = &inflate.piece[..produced];
                self.crc.update(piece);
                contents(piece);
            }
            match status {
                Status::StreamEnd => inflate.ended = true,
                Status::Ok | Status::BufError if consumed == 0 && produced == 0 => return Ok(()),
                Status::Ok | Status::BufError => {}
            }
        }
    }

    /// Checks that the whole entry was fed: its declared size, the end of its deflate stream
    /// and its CRC-32.
    ///
    /// Fails with what does not match.
    pub fn finish(self) -> Result<(), BundleError> {
        if self.produced < self.entry.size {
            return Err(decompress_error(
                self.entry,
                format!(
                    "it expands to {} bytes, not the declared {}",
                    self.produced, self.entry.size
                ),
            ));
        }
        if let Some(inflate) = &self.inflate {
            if !inflate.ended {
                return Err(decompress_error(
                    self.entry,
                    "its deflate stream is cut short (it has no final block)".into(),
                ));
            }
            // A deflate stream marks its own end; bytes after it would be covered by no CRC
            // or hash, so the stream must fill the entry exactly.
            if inflate.after_end > 0 {
                return Err(decompress_error(
                    self.entry,
                    format!(
                        "{} bytes after the end of its deflate stream are not part of it",
                        inflate.after_end
                    ),
                ));
            }
        }
        if self.crc.finalize() != self.entry.crc32 {
            return Err(BundleError::CrcMismatch {
                name: self.entry.name.clone(),
            });
        }
        Ok(())
    }
}

fn decompress_error(entry: &ContainerEntry, reason: String) -> BundleError {
    BundleError::Decompress {
        name: entry.name.clone(),
        reason,
    }
}

/// Streams `entry`'s contents from `source` to `contents`, checked as [`EntryDecoder`] checks
/// them.
///
/// Fails if the source cannot be read or the entry's bytes do not check out.
pub fn stream_contents(
    source: &Source,
    entry: &ContainerEntry,
    mut contents: impl FnMut(&[u8]),
) -> Result<(), BundleError> {
    let mut decoder = EntryDecoder::new(entry);
    let range = entry.data.start as u64..entry.data.end as u64;
    source
        .for_each_chunk(range, |_, stored| {
            decoder
                .feed(stored, &mut contents)
                .map_err(ChunkError::Bundle)
        })
        .map_err(|error| match error {
            ChunkError::Bundle(error) => error,
            ChunkError::Read(error) => source.read_error(error),
        })?;
    decoder.finish()
}

/// The entry's contents from `source`, checked as [`EntryDecoder`] checks them. Nothing more
/// than the (already capped) declared size is ever held.
///
/// Fails if the source cannot be read or the entry's bytes do not check out.
pub fn contents_from(source: &Source, entry: &ContainerEntry) -> Result<Vec<u8>, BundleError> {
    let mut out = Vec::with_capacity(entry.size as usize);
    stream_contents(source, entry, |piece| out.extend_from_slice(piece))?;
    Ok(out)
}

/// The contents of an entry of an archive held in memory, checked as [`EntryDecoder`] checks
/// them.
///
/// Fails if the entry's bytes do not check out.
pub fn contents(bytes: &[u8], entry: &ContainerEntry) -> Result<Vec<u8>, BundleError> {
    let stored = bytes.get(entry.data.clone()).unwrap_or_default();
    let mut decoder = EntryDecoder::new(entry);
    let mut out = Vec::with_capacity(entry.size as usize);
    decoder.feed(stored, &mut |piece| out.extend_from_slice(piece))?;
    decoder.finish()?;
    Ok(out)
}

/// A failure while streaming: reading the source, or checking what was read.
pub(crate) enum ChunkError {
    /// The source could not be read.
    Read(std::io::Error),
    /// What was read does not check out.
    Bundle(BundleError),
}

impl From<std::io::Error> for ChunkError {
    fn from(error: std::io::Error) -> Self {
        ChunkError::Read(error)
    }
}
