//! Writing a canonical archive: every entry stored, in the order given, with headers whose every
//! byte follows from the entry's name, CRC and size.

use super::{
    CENTRAL_HEADER_LEN, CENTRAL_HEADER_SIGNATURE, ContainerEntry, DOS_DATE, DOS_TIME,
    END_RECORD_SIGNATURE, EXTERNAL_ATTRIBUTES, Method, VERSION_MADE_BY, VERSION_NEEDED, check_name,
    local_header, put_u16, put_u32, utf8_flag,
};
use crate::bundle::error::BundleError;
use crate::bundle::limits;

/// An entry to write: its name and uncompressed bytes. `pack` always stores.
pub struct EntryToWrite<'a> {
    /// The entry's path in the archive.
    pub name: &'a str,
    /// Its contents.
    pub data: &'a [u8],
}

/// Writes entries as a canonical archive (stored, in the order given).
///
/// Fails if a name breaks the naming rules or the archive would exceed the format's limits.
pub fn write(entries: &[EntryToWrite<'_>]) -> Result<Vec<u8>, BundleError> {
    if entries.len() > limits::MAX_ENTRIES {
        return Err(BundleError::TooManyEntries {
            count: entries.len(),
            limit: limits::MAX_ENTRIES,
        });
    }
    let mut out = Vec::with_capacity(entries.iter().map(|entry| entry.data.len() + 128).sum());
    let mut directory = Vec::new();
    for entry in entries {
        check_name(entry.name)?;
        let size = entry.data.len() as u64;
        if size > limits::MAX_ENTRY_BYTES {
            return Err(BundleError::EntryTooLarge {
                name: entry.name.to_owned(),
                size,
                limit: limits::MAX_ENTRY_BYTES,
            });
        }
        let offset = out.len();
        let located = ContainerEntry {
            name: entry.name.to_owned(),
            method: Method::Stored,
            crc32: crc32fast::hash(entry.data),
            data: 0..entry.data.len(),
            size,
        };
        out.extend_from_slice(&local_header(&located));
        out.extend_from_slice(entry.data);
        directory.extend_from_slice(&central_header(&located, offset));
    }
    let directory_offset = out.len();
    out.extend_from_slice(&directory);
    let count = entries.len() as u16;
    put_u32(&mut out, END_RECORD_SIGNATURE);
    put_u16(&mut out, 0);
    put_u16(&mut out, 0);
    put_u16(&mut out, count);
    put_u16(&mut out, count);
    put_u32(&mut out, directory.len() as u32);
    put_u32(&mut out, directory_offset as u32);
    put_u16(&mut out, 0);
    if out.len() as u64 > limits::MAX_BUNDLE_BYTES {
        return Err(BundleError::FileTooLarge {
            size: out.len() as u64,
            limit: limits::MAX_BUNDLE_BYTES,
        });
    }
    Ok(out)
}

fn central_header(entry: &ContainerEntry, local_offset: usize) -> Vec<u8> {
    let mut header = Vec::with_capacity(CENTRAL_HEADER_LEN + entry.name.len());
    put_u32(&mut header, CENTRAL_HEADER_SIGNATURE);
    put_u16(&mut header, VERSION_MADE_BY);
    put_u16(&mut header, VERSION_NEEDED);
    put_u16(&mut header, utf8_flag(&entry.name));
    put_u16(&mut header, entry.method.code());
    put_u16(&mut header, DOS_TIME);
    put_u16(&mut header, DOS_DATE);
    put_u32(&mut header, entry.crc32);
    put_u32(&mut header, entry.size as u32);
    put_u32(&mut header, entry.size as u32);
    put_u16(&mut header, entry.name.len() as u16);
    put_u16(&mut header, 0);
    put_u16(&mut header, 0);
    put_u16(&mut header, 0);
    put_u16(&mut header, 0);
    put_u32(&mut header, EXTERNAL_ATTRIBUTES);
    put_u32(&mut header, local_offset as u32);
    header.extend_from_slice(entry.name.as_bytes());
    header
}
