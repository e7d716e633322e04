//! Reading a canonical archive: the end record, the central directory and each local header
//! checked against the one layout (a prefix, a gap, an extra field, a comment, a duplicate or
//! look-alike name, a header that disagrees: each is refused with its own error), and an entry's
//! contents streamed back with their size, deflate stream and CRC-32 checked.
//!
//! Only the archive's end, its central directory and its local headers are read to parse it;
//! entries' contents are read when asked for, a piece at a time ([`EntryDecoder`]).

use unicode_normalization::UnicodeNormalization;

use super::{
    CENTRAL_HEADER_LEN, CENTRAL_HEADER_SIGNATURE, ContainerEntry, DOS_DATE, DOS_TIME,
    END_RECORD_LEN, END_RECORD_SIGNATURE, EXTERNAL_ATTRIBUTES, LOCAL_HEADER_LEN,
    LOCAL_HEADER_SIGNATURE, Method, VERSION_MADE_BY, VERSION_NEEDED, check_name, local_header,
    utf8_flag,
};
use crate::bundle::error::{BundleError, NameProblem};
use crate::bundle::limits;
use crate::bundle::source::Source;

/// The largest central directory a canonical archive of [`limits::MAX_ENTRIES`] entries can
/// have: one header and name each, nothing else.
const MAX_DIRECTORY_BYTES: usize =
    limits::MAX_ENTRIES * (CENTRAL_HEADER_LEN + limits::MAX_NAME_BYTES);

/// Parses a canonical archive held in memory, checking its whole structure but not entry
/// contents.
///
/// Fails with a specific [`BundleError`] on anything outside the canonical layout.
pub fn parse(bytes: &[u8]) -> Result<Vec<ContainerEntry>, BundleError> {
    parse_source(&Source::Memory(bytes.into()))
}

/// Parses the canonical archive in `source`, reading only its end, central directory and
/// local headers.
///
/// Fails with a specific [`BundleError`] on anything outside the canonical layout, or if the
/// source cannot be read.
pub fn parse_source(source: &Source) -> Result<Vec<ContainerEntry>, BundleError> {
    let file_len = usize::try_from(source.len()).map_err(|_| BundleError::FileTooLarge {
        size: source.len(),
        limit: limits::MAX_BUNDLE_BYTES,
    })?;
    let tail_start = file_len.saturating_sub(END_RECORD_LEN + usize::from(u16::MAX));
    let tail = Window::read(source, tail_start, file_len - tail_start)?;
    let end = find_end_record(&tail, file_len)?;
    let entry_count = usize::from(tail.u16(end + 10));
    if tail.u16(end + 4) != 0
        || tail.u16(end + 6) != 0
        || usize::from(tail.u16(end + 8)) != entry_count
    {
        return Err(BundleError::MultiDisk);
    }
    if entry_count > limits::MAX_ENTRIES {
        return Err(BundleError::TooManyEntries {
            count: entry_count,
            limit: limits::MAX_ENTRIES,
        });
    }
    let directory_size = tail.u32(end + 12) as usize;
    let directory_offset = tail.u32(end + 16) as usize;
    let directory_end = directory_offset.checked_add(directory_size);
    if directory_end != Some(end) {
        if let Some(offset) = unadjusted_prefix(source, end, directory_offset, directory_size)? {
            return Err(BundleError::PrependedData { offset });
        }
        return Err(BundleError::CentralDirectory(format!(
            "the end record places the central directory at {directory_offset}..+{directory_size}, \
             but it must end where the end record starts ({end})"
        )));
    }
    if directory_size > MAX_DIRECTORY_BYTES {
        return Err(BundleError::CentralDirectory(format!(
            "it is {directory_size} bytes, more than {MAX_DIRECTORY_BYTES} bytes of headers and \
             names that {} entries can have",
            limits::MAX_ENTRIES
        )));
    }
    let directory = Window::read(source, directory_offset, directory_size)?;

    let mut entries: Vec<ContainerEntry> = Vec::with_capacity(entry_count);
    let mut cursor = directory_offset;
    let mut expected_offset = 0usize;
    let mut total: u64 = 0;
    for _ in 0..entry_count {
        let (entry, local_offset, next) = parse_central_header(&directory, cursor, end, file_len)?;
        cursor = next;
        if local_offset != expected_offset {
            return Err(layout_error(
                &entries,
                &entry.name,
                local_offset,
                expected_offset,
            ));
        }
        check_local_header(source, &entry, local_offset)?;
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

/// Bytes read from a part of the archive, addressed by their offsets in the whole archive.
/// Reads outside the part give zeros, as reads past the end of the archive did.
struct Window {
    start: usize,
    bytes: Vec<u8>,
}

impl Window {
    fn read(source: &Source, start: usize, len: usize) -> Result<Self, BundleError> {
        let bytes = source
            .read_vec(start as u64, len)
            .map_err(|error| source.read_error(error))?;
        Ok(Window { start, bytes })
    }

    fn get(&self, range: std::ops::Range<usize>) -> Option<&[u8]> {
        let start = range.start.checked_sub(self.start)?;
        self.bytes.get(start..range.end - self.start)
    }

    fn u16(&self, at: usize) -> u16 {
        self.get(at..at + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&self, at: usize) -> u32 {
        self.get(at..at + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// The four bytes at `at` as a little-endian number, or 0 past the end.
fn source_u32(source: &Source, at: usize) -> Result<u32, BundleError> {
    if at as u64 + 4 > source.len() {
        return Ok(0);
    }
    Ok(Window::read(source, at, 4)?.u32(at))
}

/// The length of data put before an archive without adjusting its offsets (a polyglot, or two
/// archives joined): the central directory sits exactly that much later than the end record
/// says, and its first entry's local header that much later than *it* says.
fn unadjusted_prefix(
    source: &Source,
    end: usize,
    directory_offset: usize,
    directory_size: usize,
) -> Result<Option<usize>, BundleError> {
    let Some(directory_start) = end.checked_sub(directory_size) else {
        return Ok(None);
    };
    let Some(prefix) = directory_start.checked_sub(directory_offset) else {
        return Ok(None);
    };
    let Some(first_local) =
        (source_u32(source, directory_start + 42)? as usize).checked_add(prefix)
    else {
        return Ok(None);
    };
    let found = prefix > 0
        && source_u32(source, directory_start)? == CENTRAL_HEADER_SIGNATURE
        && source_u32(source, first_local)? == LOCAL_HEADER_SIGNATURE;
    Ok(found.then_some(prefix))
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

/// Where the end record starts in an archive of `file_len` bytes whose last bytes are `tail`.
fn find_end_record(tail: &Window, file_len: usize) -> Result<usize, BundleError> {
    if file_len >= END_RECORD_LEN {
        let end = file_len - END_RECORD_LEN;
        if tail.u32(end) == END_RECORD_SIGNATURE && tail.u16(end + 20) == 0 {
            return Ok(end);
        }
    }
    // Not canonical; look back (as far as a ZIP comment can reach) to say why.
    let found = (tail.start..file_len.saturating_sub(END_RECORD_LEN - 1))
        .rev()
        .find(|&at| tail.u32(at) == END_RECORD_SIGNATURE);
    match found {
        Some(at) if tail.u16(at + 20) != 0 => {
            let comment_end = at + END_RECORD_LEN + usize::from(tail.u16(at + 20));
            if comment_end <= file_len {
                Err(BundleError::ArchiveComment)
            } else {
                Err(BundleError::EndRecord(format!(
                    "its comment length says {} bytes follow it, but only {} do",
                    comment_end - at - END_RECORD_LEN,
                    file_len - at - END_RECORD_LEN
                )))
            }
        }
        Some(at) => Err(BundleError::AppendedData {
            bytes: file_len - at - END_RECORD_LEN,
        }),
        None => Err(BundleError::NotAnArchive),
    }
}

fn parse_central_header(
    directory: &Window,
    at: usize,
    directory_end: usize,
    file_len: usize,
) -> Result<(ContainerEntry, usize, usize), BundleError> {
    if at + CENTRAL_HEADER_LEN > directory_end || directory.u32(at) != CENTRAL_HEADER_SIGNATURE {
        return Err(BundleError::CentralDirectory(format!(
            "no central directory header at offset {at}"
        )));
    }
    let flags = directory.u16(at + 8);
    let method_code = directory.u16(at + 10);
    let crc32 = directory.u32(at + 16);
    let compressed = u64::from(directory.u32(at + 20));
    let size = u64::from(directory.u32(at + 24));
    let name_len = usize::from(directory.u16(at + 28));
    let extra_len = usize::from(directory.u16(at + 30));
    let comment_len = usize::from(directory.u16(at + 32));
    let external = directory.u32(at + 38);
    let local_offset = directory.u32(at + 42) as usize;
    let name_start = at + CENTRAL_HEADER_LEN;
    let next = name_start + name_len + extra_len + comment_len;
    if next > directory_end {
        return Err(BundleError::CentralDirectory(format!(
            "header at offset {at} runs past the directory"
        )));
    }
    let raw_name = directory
        .get(name_start..name_start + name_len)
        .unwrap_or_default();
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
            directory.u16(at + 4).into(),
            VERSION_MADE_BY.into(),
        ),
        (
            "version needed",
            directory.u16(at + 6).into(),
            VERSION_NEEDED.into(),
        ),
        ("flags", flags.into(), expected_flags.into()),
        (
            "modification time",
            directory.u16(at + 12).into(),
            DOS_TIME.into(),
        ),
        (
            "modification date",
            directory.u16(at + 14).into(),
            DOS_DATE.into(),
        ),
        ("extra field length", extra_len as u64, 0),
        ("comment length", comment_len as u64, 0),
        ("disk number", directory.u16(at + 34).into(), 0),
        ("internal attributes", directory.u16(at + 36).into(), 0),
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
        .filter(|&data_end| data_end <= file_len)
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

fn check_local_header(
    source: &Source,
    entry: &ContainerEntry,
    at: usize,
) -> Result<(), BundleError> {
    let expected = local_header(entry);
    let fits = (at + expected.len()) as u64 <= source.len();
    if !fits || Window::read(source, at, expected.len())?.bytes != expected {
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
