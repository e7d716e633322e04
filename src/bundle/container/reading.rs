//! Reading a canonical archive: the end record, the central directory and each local header
//! checked against the one layout (a prefix, a gap, an extra field, a comment, a duplicate or
//! look-alike name, a header that disagrees: each is refused with its own error), and an entry's
//! contents read back with their CRC-32 checked.

use unicode_normalization::UnicodeNormalization;

use super::{
    CENTRAL_HEADER_LEN, CENTRAL_HEADER_SIGNATURE, ContainerEntry, DOS_DATE, DOS_TIME,
    END_RECORD_LEN, END_RECORD_SIGNATURE, EXTERNAL_ATTRIBUTES, LOCAL_HEADER_LEN,
    LOCAL_HEADER_SIGNATURE, Method, VERSION_MADE_BY, VERSION_NEEDED, check_name, local_header,
    utf8_flag,
};
use crate::bundle::error::{BundleError, NameProblem};
use crate::bundle::limits;

/// Parses a canonical archive, checking its whole structure but not entry contents.
///
/// Fails with a specific [`BundleError`] on anything outside the canonical layout.
pub fn parse(bytes: &[u8]) -> Result<Vec<ContainerEntry>, BundleError> {
    let end = find_end_record(bytes)?;
    let entry_count = usize::from(read_u16(bytes, end + 10));
    if read_u16(bytes, end + 4) != 0
        || read_u16(bytes, end + 6) != 0
        || usize::from(read_u16(bytes, end + 8)) != entry_count
    {
        return Err(BundleError::MultiDisk);
    }
    if entry_count > limits::MAX_ENTRIES {
        return Err(BundleError::TooManyEntries {
            count: entry_count,
            limit: limits::MAX_ENTRIES,
        });
    }
    let directory_size = read_u32(bytes, end + 12) as usize;
    let directory_offset = read_u32(bytes, end + 16) as usize;
    let directory_end = directory_offset.checked_add(directory_size);
    if directory_end != Some(end) {
        if let Some(offset) = unadjusted_prefix(bytes, end, directory_offset, directory_size) {
            return Err(BundleError::PrependedData { offset });
        }
        return Err(BundleError::CentralDirectory(format!(
            "the end record places the central directory at {directory_offset}..+{directory_size}, \
             but it must end where the end record starts ({end})"
        )));
    }

    let mut entries: Vec<ContainerEntry> = Vec::with_capacity(entry_count);
    let mut cursor = directory_offset;
    let mut expected_offset = 0usize;
    let mut total: u64 = 0;
    for _ in 0..entry_count {
        let (entry, local_offset, next) = parse_central_header(bytes, cursor, end)?;
        cursor = next;
        if local_offset != expected_offset {
            return Err(layout_error(
                &entries,
                &entry.name,
                local_offset,
                expected_offset,
            ));
        }
        check_local_header(bytes, &entry, local_offset)?;
        total = total.saturating_add(entry.size);
        if total > limits::MAX_TOTAL_BYTES {
            return Err(BundleError::TotalTooLarge {
                limit: limits::MAX_TOTAL_BYTES,
            });
        }
        expected_offset = entry.data.end;
        entries.push(entry);
    }
    if cursor != end {
        return Err(BundleError::CentralDirectory(format!(
            "{} bytes in the central directory do not belong to any entry",
            end - cursor
        )));
    }
    if expected_offset != directory_offset {
        return Err(match entries.last() {
            Some(last) if expected_offset > directory_offset => BundleError::OverlappingEntries {
                first: last.name.clone(),
                second: "the central directory".into(),
            },
            Some(last) => BundleError::HiddenData {
                bytes: directory_offset - expected_offset,
                after: last.name.clone(),
            },
            None => BundleError::PrependedData {
                offset: directory_offset,
            },
        });
    }
    check_duplicate_names(&entries)?;
    Ok(entries)
}

/// The length of data put before an archive without adjusting its offsets (a polyglot, or two
/// archives joined): the central directory sits exactly that much later than the end record
/// says, and its first entry's local header that much later than *it* says.
fn unadjusted_prefix(
    bytes: &[u8],
    end: usize,
    directory_offset: usize,
    directory_size: usize,
) -> Option<usize> {
    let directory_start = end.checked_sub(directory_size)?;
    let prefix = directory_start.checked_sub(directory_offset)?;
    let first_local = (read_u32(bytes, directory_start + 42) as usize).checked_add(prefix)?;
    let found = prefix > 0
        && read_u32(bytes, directory_start) == CENTRAL_HEADER_SIGNATURE
        && read_u32(bytes, first_local) == LOCAL_HEADER_SIGNATURE;
    found.then_some(prefix)
}

fn layout_error(
    entries: &[ContainerEntry],
    name: &str,
    found: usize,
    expected: usize,
) -> BundleError {
    match entries.last() {
        None => BundleError::PrependedData { offset: found },
        Some(previous) if found < expected => BundleError::OverlappingEntries {
            first: previous.name.clone(),
            second: name.to_owned(),
        },
        Some(previous) => BundleError::HiddenData {
            bytes: found - expected,
            after: previous.name.clone(),
        },
    }
}

fn find_end_record(bytes: &[u8]) -> Result<usize, BundleError> {
    if bytes.len() >= END_RECORD_LEN {
        let end = bytes.len() - END_RECORD_LEN;
        if read_u32(bytes, end) == END_RECORD_SIGNATURE && read_u16(bytes, end + 20) == 0 {
            return Ok(end);
        }
    }
    // Not canonical; look back (as far as a ZIP comment can reach) to say why.
    let search_from = bytes
        .len()
        .saturating_sub(END_RECORD_LEN + usize::from(u16::MAX));
    let found = (search_from..bytes.len().saturating_sub(END_RECORD_LEN - 1))
        .rev()
        .find(|&at| read_u32(bytes, at) == END_RECORD_SIGNATURE);
    match found {
        Some(at) if read_u16(bytes, at + 20) != 0 => {
            let comment_end = at + END_RECORD_LEN + usize::from(read_u16(bytes, at + 20));
            if comment_end <= bytes.len() {
                Err(BundleError::ArchiveComment)
            } else {
                Err(BundleError::EndRecord(format!(
                    "its comment length says {} bytes follow it, but only {} do",
                    comment_end - at - END_RECORD_LEN,
                    bytes.len() - at - END_RECORD_LEN
                )))
            }
        }
        Some(at) => Err(BundleError::AppendedData {
            bytes: bytes.len() - at - END_RECORD_LEN,
        }),
        None => Err(BundleError::NotAnArchive),
    }
}

fn parse_central_header(
    bytes: &[u8],
    at: usize,
    directory_end: usize,
) -> Result<(ContainerEntry, usize, usize), BundleError> {
    if at + CENTRAL_HEADER_LEN > directory_end || read_u32(bytes, at) != CENTRAL_HEADER_SIGNATURE {
        return Err(BundleError::CentralDirectory(format!(
            "no central directory header at offset {at}"
        )));
    }
    let flags = read_u16(bytes, at + 8);
    let method_code = read_u16(bytes, at + 10);
    let crc32 = read_u32(bytes, at + 16);
    let compressed = u64::from(read_u32(bytes, at + 20));
    let size = u64::from(read_u32(bytes, at + 24));
    let name_len = usize::from(read_u16(bytes, at + 28));
    let extra_len = usize::from(read_u16(bytes, at + 30));
    let comment_len = usize::from(read_u16(bytes, at + 32));
    let external = read_u32(bytes, at + 38);
    let local_offset = read_u32(bytes, at + 42) as usize;
    let name_start = at + CENTRAL_HEADER_LEN;
    let next = name_start + name_len + extra_len + comment_len;
    if next > directory_end {
        return Err(BundleError::CentralDirectory(format!(
            "header at offset {at} runs past the directory"
        )));
    }
    let raw_name = &bytes[name_start..name_start + name_len];
    let name = String::from_utf8(raw_name.to_vec()).map_err(|_| BundleError::BadName {
        // Escaped rather than lossily decoded: the bytes are shown as they are, in ASCII that
        // every font can draw.
        name: raw_name.escape_ascii().to_string(),
        problem: NameProblem::NotUtf8,
    })?;

    // The checks that name a specific attack come before the generic canonical-form ones.
    if flags & 0x0001 != 0 {
        return Err(BundleError::Encrypted { name });
    }
    if flags & 0x0008 != 0 {
        return Err(BundleError::DataDescriptor { name });
    }
    if (external >> 16) & 0o170000 == 0o120000 {
        return Err(BundleError::Symlink { name });
    }
    let method = match method_code {
        0 => Method::Stored,
        8 => Method::Deflated,
        other => {
            return Err(BundleError::UnsupportedCompression {
                name,
                method: other,
            });
        }
    };
    check_name(&name)?;
    if size > limits::MAX_ENTRY_BYTES {
        return Err(BundleError::EntryTooLarge {
            name,
            size,
            limit: limits::MAX_ENTRY_BYTES,
        });
    }
    if method == Method::Stored && compressed != size {
        return Err(non_canonical(&name, "stored size", compressed, size));
    }
    let expected_flags = utf8_flag(&name);
    let canonical_fields: [(&'static str, u64, u64); 10] = [
        (
            "version made by",
            read_u16(bytes, at + 4).into(),
            VERSION_MADE_BY.into(),
        ),
        (
            "version needed",
            read_u16(bytes, at + 6).into(),
            VERSION_NEEDED.into(),
        ),
        ("flags", flags.into(), expected_flags.into()),
        (
            "modification time",
            read_u16(bytes, at + 12).into(),
            DOS_TIME.into(),
        ),
        (
            "modification date",
            read_u16(bytes, at + 14).into(),
            DOS_DATE.into(),
        ),
        ("extra field length", extra_len as u64, 0),
        ("comment length", comment_len as u64, 0),
        ("disk number", read_u16(bytes, at + 34).into(), 0),
        ("internal attributes", read_u16(bytes, at + 36).into(), 0),
        (
            "external attributes",
            external.into(),
            EXTERNAL_ATTRIBUTES.into(),
        ),
    ];
    for (field, found, expected) in canonical_fields {
        if found != expected {
            return Err(non_canonical(&name, field, found, expected));
        }
    }
    let data_start = local_offset
        .checked_add(LOCAL_HEADER_LEN + name_len)
        .ok_or_else(|| {
            BundleError::CentralDirectory(format!("entry {name:?} lies outside the file"))
        })?;
    let data_end = data_start
        .checked_add(compressed as usize)
        .filter(|&data_end| data_end <= bytes.len())
        .ok_or_else(|| {
            BundleError::CentralDirectory(format!("entry {name:?} lies outside the file"))
        })?;
    let entry = ContainerEntry {
        name,
        method,
        crc32,
        data: data_start..data_end,
        size,
    };
    Ok((entry, local_offset, next))
}

fn non_canonical(name: &str, field: &'static str, found: u64, expected: u64) -> BundleError {
    BundleError::NonCanonical {
        name: name.to_owned(),
        field,
        found,
        expected,
    }
}

fn check_local_header(bytes: &[u8], entry: &ContainerEntry, at: usize) -> Result<(), BundleError> {
    let expected = local_header(entry);
    let found = bytes.get(at..at + expected.len());
    if found != Some(expected.as_slice()) {
        return Err(BundleError::HeaderMismatch {
            name: entry.name.clone(),
        });
    }
    Ok(())
}

fn check_duplicate_names(entries: &[ContainerEntry]) -> Result<(), BundleError> {
    let mut exact = std::collections::HashSet::new();
    let mut folded = std::collections::HashMap::new();
    for entry in entries {
        if !exact.insert(entry.name.as_str()) {
            return Err(BundleError::DuplicateName {
                name: entry.name.clone(),
            });
        }
        let key: String = entry
            .name
            .nfkc()
            .collect::<String>()
            .to_lowercase()
            .nfkc()
            .collect();
        if let Some(first) = folded.insert(key, entry.name.as_str()) {
            return Err(BundleError::ConfusableNames {
                first: first.to_owned(),
                second: entry.name.clone(),
            });
        }
    }
    Ok(())
}

/// The entry's uncompressed bytes, with its CRC-32 checked.
///
/// Decompression stops one byte past the declared size, so a lying header cannot make this
/// allocate more than the (already capped) declared size.
pub fn contents(bytes: &[u8], entry: &ContainerEntry) -> Result<Vec<u8>, BundleError> {
    let stored = &bytes[entry.data.clone()];
    let data = match entry.method {
        Method::Stored => stored.to_vec(),
        Method::Deflated => {
            use std::io::Read;
            let decompress_error = |reason: String| BundleError::Decompress {
                name: entry.name.clone(),
                reason,
            };
            let mut out = Vec::with_capacity(entry.size as usize);
            let mut decoder = flate2::bufread::DeflateDecoder::new(stored).take(entry.size + 1);
            decoder
                .read_to_end(&mut out)
                .map_err(|error| decompress_error(error.to_string()))?;
            if out.len() as u64 > entry.size {
                return Err(decompress_error(format!(
                    "it expands to more than the declared {} bytes (decompression was stopped there)",
                    entry.size
                )));
            }
            if (out.len() as u64) < entry.size {
                return Err(decompress_error(format!(
                    "it expands to {} bytes, not the declared {}",
                    out.len(),
                    entry.size
                )));
            }
            // A deflate stream marks its own end; bytes after it would be covered by no CRC
            // or hash, so the stream must fill the entry exactly.
            let consumed = decoder.into_inner().total_in();
            if consumed != stored.len() as u64 {
                return Err(decompress_error(format!(
                    "{} bytes after the end of its deflate stream are not part of it",
                    stored.len() as u64 - consumed
                )));
            }
            out
        }
    };
    if crc32fast::hash(&data) != entry.crc32 {
        return Err(BundleError::CrcMismatch {
            name: entry.name.clone(),
        });
    }
    Ok(data)
}

fn read_u16(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}
