//! A raw ZIP writer for tests: every header field of every entry can be set, so a test can
//! build an archive that breaks exactly one rule of the canonical layout. `write` produces the
//! canonical layout of `docs/bundle-format.md` §2 when the entries are left at their defaults.

use std::io::Write as _;

/// Offsets of fields within a local file header.
pub mod local {
    pub const SIGNATURE: usize = 0;
    pub const VERSION_NEEDED: usize = 4;
    pub const FLAGS: usize = 6;
    pub const METHOD: usize = 8;
    pub const TIME: usize = 10;
    pub const DATE: usize = 12;
    pub const CRC32: usize = 14;
    pub const COMPRESSED_SIZE: usize = 18;
    pub const SIZE: usize = 22;
    pub const NAME_LEN: usize = 26;
    pub const EXTRA_LEN: usize = 28;
    pub const NAME: usize = 30;
}

/// Offsets of fields within a central directory header.
pub mod central {
    pub const VERSION_MADE_BY: usize = 4;
    pub const VERSION_NEEDED: usize = 6;
    pub const FLAGS: usize = 8;
    pub const METHOD: usize = 10;
    pub const TIME: usize = 12;
    pub const DATE: usize = 14;
    pub const CRC32: usize = 16;
    pub const COMPRESSED_SIZE: usize = 20;
    pub const SIZE: usize = 24;
    pub const NAME_LEN: usize = 28;
    pub const EXTRA_LEN: usize = 30;
    pub const COMMENT_LEN: usize = 32;
    pub const DISK: usize = 34;
    pub const INTERNAL: usize = 36;
    pub const EXTERNAL: usize = 38;
    pub const LOCAL_OFFSET: usize = 42;
    pub const NAME: usize = 46;
}

/// Offsets of fields within the end of central directory record.
pub mod end {
    pub const DISK: usize = 4;
    pub const DIRECTORY_DISK: usize = 6;
    pub const ENTRIES_ON_DISK: usize = 8;
    pub const ENTRIES: usize = 10;
    pub const DIRECTORY_SIZE: usize = 12;
    pub const DIRECTORY_OFFSET: usize = 16;
    pub const COMMENT_LEN: usize = 20;
    pub const LEN: usize = 22;
}

/// One entry, with every field the writer puts in its headers.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Name bytes (normally UTF-8).
    pub name: Vec<u8>,
    /// Compression method code.
    pub method: u16,
    /// The bytes as stored in the archive (compressed for deflate).
    pub stored: Vec<u8>,
    /// Declared uncompressed size (central and local).
    pub size: u32,
    /// Declared CRC-32.
    pub crc32: u32,
    /// General-purpose flags (central and local).
    pub flags: u16,
    /// Version made by (central only).
    pub version_made_by: u16,
    /// Version needed (central and local).
    pub version_needed: u16,
    /// DOS time (central and local).
    pub time: u16,
    /// DOS date (central and local).
    pub date: u16,
    /// Extra field (central and local).
    pub extra: Vec<u8>,
    /// Entry comment (central only).
    pub comment: Vec<u8>,
    /// Internal attributes.
    pub internal: u16,
    /// External attributes.
    pub external: u32,
}

impl Entry {
    /// A canonical stored entry.
    pub fn stored(name: &str, contents: &[u8]) -> Self {
        Entry {
            name: name.as_bytes().to_vec(),
            method: 0,
            stored: contents.to_vec(),
            size: contents.len() as u32,
            crc32: crc32fast::hash(contents),
            flags: if name.is_ascii() { 0 } else { 0x0800 },
            version_made_by: 0x0314,
            version_needed: 20,
            time: 0,
            date: 0x0021,
            extra: Vec::new(),
            comment: Vec::new(),
            internal: 0,
            external: 0o100644 << 16,
        }
    }

    /// A canonical deflated entry.
    pub fn deflated(name: &str, contents: &[u8]) -> Self {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(contents).expect("deflate to memory");
        let compressed = encoder.finish().expect("deflate to memory");
        Entry {
            method: 8,
            stored: compressed,
            ..Entry::stored(name, contents)
        }
    }

    /// The name as text (lossy), for messages.
    pub fn name_text(&self) -> String {
        String::from_utf8_lossy(&self.name).into_owned()
    }

    fn local_header(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, self.version_needed);
        put16(&mut out, self.flags);
        put16(&mut out, self.method);
        put16(&mut out, self.time);
        put16(&mut out, self.date);
        put32(&mut out, self.crc32);
        put32(&mut out, self.stored.len() as u32);
        put32(&mut out, self.size);
        put16(&mut out, self.name.len() as u16);
        put16(&mut out, self.extra.len() as u16);
        out.extend_from_slice(&self.name);
        out.extend_from_slice(&self.extra);
        out
    }

    fn central_header(&self, local_offset: u32) -> Vec<u8> {
        let mut out = Vec::new();
        put32(&mut out, 0x0201_4b50);
        put16(&mut out, self.version_made_by);
        put16(&mut out, self.version_needed);
        put16(&mut out, self.flags);
        put16(&mut out, self.method);
        put16(&mut out, self.time);
        put16(&mut out, self.date);
        put32(&mut out, self.crc32);
        put32(&mut out, self.stored.len() as u32);
        put32(&mut out, self.size);
        put16(&mut out, self.name.len() as u16);
        put16(&mut out, self.extra.len() as u16);
        put16(&mut out, self.comment.len() as u16);
        put16(&mut out, 0);
        put16(&mut out, self.internal);
        put32(&mut out, self.external);
        put32(&mut out, local_offset);
        out.extend_from_slice(&self.name);
        out.extend_from_slice(&self.extra);
        out.extend_from_slice(&self.comment);
        out
    }
}

/// A written archive and where its records are, for tests that patch single fields.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The archive.
    pub bytes: Vec<u8>,
    /// Offset of each entry's local header.
    pub local: Vec<usize>,
    /// Offset of each entry's data.
    pub data: Vec<usize>,
    /// Offset of each entry's central directory header.
    pub central: Vec<usize>,
    /// Offset of the end record.
    pub end: usize,
}

impl Layout {
    /// Overwrites a little-endian u16 at `at`.
    pub fn patch16(&mut self, at: usize, value: u16) {
        self.bytes[at..at + 2].copy_from_slice(&value.to_le_bytes());
    }

    /// Overwrites a little-endian u32 at `at`.
    pub fn patch32(&mut self, at: usize, value: u32) {
        self.bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
    }
}

/// Writes entries contiguously from offset 0, then the central directory, then the end record
/// with no comment — the canonical layout, given canonical entries.
pub fn write(entries: &[Entry]) -> Layout {
    let mut bytes = Vec::new();
    let mut local = Vec::new();
    let mut data = Vec::new();
    for entry in entries {
        local.push(bytes.len());
        bytes.extend_from_slice(&entry.local_header());
        data.push(bytes.len());
        bytes.extend_from_slice(&entry.stored);
    }
    let directory_offset = bytes.len();
    let mut central = Vec::new();
    for (entry, offset) in entries.iter().zip(&local) {
        central.push(bytes.len());
        bytes.extend_from_slice(&entry.central_header(*offset as u32));
    }
    let end = bytes.len();
    end_record(
        &mut bytes,
        entries.len() as u16,
        (end - directory_offset) as u32,
        directory_offset as u32,
    );
    Layout {
        bytes,
        local,
        data,
        central,
        end,
    }
}

/// Appends an end record with no comment.
pub fn end_record(out: &mut Vec<u8>, count: u16, directory_size: u32, directory_offset: u32) {
    put32(out, 0x0605_4b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, count);
    put16(out, count);
    put32(out, directory_size);
    put32(out, directory_offset);
    put16(out, 0);
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}
