//! The canonical ZIP container: the one byte layout that `pack` writes and the reader accepts.
//!
//! General ZIP readers (including the `zip` crate) accept many layouts for the same files:
//! data before the archive, gaps, overlapping entries, extra fields, comments, duplicate names,
//! local headers that disagree with the central directory. Each is a place to hide or alter
//! bytes without touching what a signature covers. This module accepts only the layout
//! described in `docs/bundle-format.md` §2 — every header byte is determined by the entry's
//! name, method, CRC and sizes — so that changing any byte of a bundle is detected. It checks
//! structure only; hashes and signatures are the verifier's job.
//!
//! The layout is one definition read two ways: `reading` parses an archive and refuses every
//! byte that differs from it, `writing` produces it; what both need — the header constants, the
//! entry name rules and the canonical local header — is here. `decode` turns an entry's stored
//! bytes back into its contents, a piece at a time, checking them on the way.

mod decode;
mod reading;
mod writing;

pub(crate) use decode::ChunkError;
pub use decode::{EntryDecoder, contents, contents_from, stream_contents};
pub use reading::{parse, parse_source};
pub use writing::{EntryToWrite, write};

use std::ops::Range;

use super::error::{BundleError, NameProblem};
use super::limits;

const LOCAL_HEADER_SIGNATURE: u32 = 0x0403_4b50;
const CENTRAL_HEADER_SIGNATURE: u32 = 0x0201_4b50;
const END_RECORD_SIGNATURE: u32 = 0x0605_4b50;
const LOCAL_HEADER_LEN: usize = 30;
const CENTRAL_HEADER_LEN: usize = 46;
const END_RECORD_LEN: usize = 22;

/// "Version needed to extract": 2.0.
pub const VERSION_NEEDED: u16 = 20;
/// "Version made by": Unix (3), specification 2.0.
pub const VERSION_MADE_BY: u16 = 0x0314;
/// General-purpose flag bit 11: the name is UTF-8. Set exactly when the name is not ASCII.
pub const FLAG_UTF8: u16 = 0x0800;
/// DOS time of every entry: 00:00:00.
pub const DOS_TIME: u16 = 0;
/// DOS date of every entry: 1980-01-01.
pub const DOS_DATE: u16 = 0x0021;
/// External attributes: a regular Unix file, mode 0644.
pub const EXTERNAL_ATTRIBUTES: u32 = 0o100644 << 16;

/// How an entry's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Method 0: the bytes as they are.
    Stored,
    /// Method 8: raw deflate.
    Deflated,
}

impl Method {
    fn code(self) -> u16 {
        match self {
            Method::Stored => 0,
            Method::Deflated => 8,
        }
    }
}

/// One entry of a canonical archive, located in the archive's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerEntry {
    /// The entry's path in the archive.
    pub name: String,
    /// How its bytes are stored.
    pub method: Method,
    /// CRC-32 of the uncompressed bytes, as declared.
    pub crc32: u32,
    /// The stored (possibly compressed) bytes within the archive.
    pub data: Range<usize>,
    /// Declared uncompressed size.
    pub size: u64,
}

/// Checks an entry name against the rules of the format (relative, `/`-separated, no `..`).
pub fn check_name(name: &str) -> Result<(), BundleError> {
    let problem = if name.is_empty() {
        Some(NameProblem::Empty)
    } else if name.len() > limits::MAX_NAME_BYTES {
        Some(NameProblem::TooLong)
    } else if name.contains('\\') {
        Some(NameProblem::Backslash)
    } else if name.starts_with('/') {
        Some(NameProblem::Absolute)
    } else if name.as_bytes().get(1) == Some(&b':') && name.as_bytes()[0].is_ascii_alphabetic() {
        Some(NameProblem::DriveLetter)
    } else if name.split('/').any(|segment| segment == "..") {
        Some(NameProblem::ParentSegment)
    } else if name
        .split('/')
        .any(|segment| segment.is_empty() || segment == ".")
    {
        Some(NameProblem::EmptySegment)
    } else if name.chars().any(crate::escape::is_hidden) {
        Some(NameProblem::ControlCharacter)
    } else {
        None
    };
    match problem {
        Some(problem) => Err(BundleError::BadName {
            name: name.to_owned(),
            problem,
        }),
        None => Ok(()),
    }
}

fn utf8_flag(name: &str) -> u16 {
    if name.is_ascii() { 0 } else { FLAG_UTF8 }
}

/// The canonical local header of an entry: every byte follows from name, method, CRC and sizes.
fn local_header(entry: &ContainerEntry) -> Vec<u8> {
    let mut header = Vec::with_capacity(LOCAL_HEADER_LEN + entry.name.len());
    put_u32(&mut header, LOCAL_HEADER_SIGNATURE);
    put_u16(&mut header, VERSION_NEEDED);
    put_u16(&mut header, utf8_flag(&entry.name));
    put_u16(&mut header, entry.method.code());
    put_u16(&mut header, DOS_TIME);
    put_u16(&mut header, DOS_DATE);
    put_u32(&mut header, entry.crc32);
    put_u32(&mut header, entry.data.len() as u32);
    put_u32(&mut header, entry.size as u32);
    put_u16(&mut header, entry.name.len() as u16);
    put_u16(&mut header, 0);
    header.extend_from_slice(entry.name.as_bytes());
    header
}

fn put_u16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write(&[
            EntryToWrite {
                name: "a.json",
                data: b"{}",
            },
            EntryToWrite {
                name: "docs/b.txt",
                data: b"hello",
            },
        ])
        .unwrap()
    }

    #[test]
    fn written_archive_parses_back() {
        let bytes = sample();
        let entries = parse(&bytes).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(contents(&bytes, &entries[1]).unwrap(), b"hello");
    }

    #[test]
    fn names_that_escape_or_confuse_are_refused() {
        for (name, problem) in [
            ("/etc/passwd", NameProblem::Absolute),
            ("a/../b", NameProblem::ParentSegment),
            ("a\\b", NameProblem::Backslash),
            ("C:evil", NameProblem::DriveLetter),
            ("a//b", NameProblem::EmptySegment),
        ] {
            match check_name(name) {
                Err(BundleError::BadName { problem: found, .. }) => {
                    assert_eq!(found, problem, "{name}")
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn every_header_byte_is_checked() {
        let bytes = sample();
        let entries = parse(&bytes).unwrap();
        let data: Vec<Range<usize>> = entries.iter().map(|entry| entry.data.clone()).collect();
        for at in 0..bytes.len() {
            if data.iter().any(|range| range.contains(&at)) {
                continue; // contents are covered by CRC and hashes, checked elsewhere
            }
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x01;
            assert!(
                parse(&flipped).is_err(),
                "flipping header byte {at} went unnoticed"
            );
        }
    }
}
