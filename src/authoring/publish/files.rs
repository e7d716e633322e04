//! Files in and out of the firm's authoring work that are not bundles: the letter or saved web
//! page to import (read in the encoding it declares), the folder an import writes, and the
//! bundle id a folder's name suggests.

use std::path::Path;

use super::PublishError;
use crate::authoring::import::{ImportInput, ImportedFolder};
use crate::fs;

/// A bundle id from a folder name: ASCII letters, digits, `.`, `_`, `-` kept, others as `-`;
/// `notice` when nothing is left.
pub fn bundle_id_from_folder(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = id.trim_matches('-');
    if id.is_empty() {
        "notice".to_owned()
    } else {
        id.to_owned()
    }
}

/// Whether `dir` exists and holds anything (an import would then overwrite files).
pub fn folder_has_files(dir: &Path) -> bool {
    dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(true)
}

/// Writes an imported folder's files under `dir`, creating folders as needed.
///
/// Fails on the first file that cannot be written.
pub fn write_imported(folder: &ImportedFolder, dir: &Path) -> Result<(), PublishError> {
    for file in &folder.files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| PublishError::Write {
                path: parent.to_owned(),
                source,
            })?;
        }
        fs::write_shared(&path, file.text.as_bytes())
            .map_err(|source| PublishError::Write { path, source })?;
    }
    Ok(())
}

/// Reads a file to import: a saved web page when its name ends in `.html` or `.htm` (in UTF-8,
/// or in the encoding its `<meta charset>` names, such as Shift_JIS), with its modification
/// date as the day it was retrieved; plain UTF-8 text otherwise.
///
/// Fails when the file cannot be read, is larger than a document may be, or is not text in
/// the encoding it says.
pub fn read_import_input(path: &Path) -> Result<ImportInput, PublishError> {
    let is_page = path
        .extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm")
        });
    if !is_page {
        return read_text(path).map(ImportInput::Text);
    }
    let read_error = |source| PublishError::Read {
        path: path.to_owned(),
        source,
    };
    let limit = crate::bundle::limits::MAX_DOCUMENT_BYTES;
    let file = std::fs::File::open(path).map_err(read_error)?;
    let modified = file
        .metadata()
        .and_then(|metadata| metadata.modified())
        .ok();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(read_error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than {} MiB; save the page without its images",
                limit >> 20
            ),
        )));
    }
    let html = decode_page(&bytes).map_err(read_error)?;
    let retrieved = modified
        .and_then(|modified| jiff::Timestamp::try_from(modified).ok())
        .map(|at| at.to_zoned(jiff::tz::TimeZone::system()).date().to_string());
    Ok(ImportInput::Page { html, retrieved })
}

/// A page's HTML as text: UTF-8, or the encoding its `charset` names in its first bytes.
fn decode_page(bytes: &[u8]) -> Result<String, std::io::Error> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        // A byte order mark says the encoding (UTF-8, UTF-16LE or UTF-16BE).
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(std::borrow::Cow::into_owned)
            .ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "not readable as {}; save the page again as UTF-8",
                        encoding.name()
                    ),
                )
            });
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Valid UTF-8 is read as UTF-8 whatever the page says, unless every byte is ASCII
        // and the page names an encoding written in ASCII bytes (ISO-2022-JP).
        let seven_bit = bytes.is_ascii() && head.contains("iso-2022-jp");
        if !seven_bit {
            return Ok(text.to_owned());
        }
    }
    let label = head.split("charset=").nth(1).map(|rest| {
        rest.trim_start_matches(['"', '\''])
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    let encoding = label
        .as_deref()
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let unreadable = |what: &str| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not readable as {what}; save the page again as UTF-8"),
        )
    };
    let Some(encoding) = encoding else {
        return Err(unreadable("UTF-8 and it names no other encoding"));
    };
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| unreadable(encoding.name()))
}

/// Reads a UTF-8 text file, saying how to convert it when it is not UTF-8.
///
/// Fails if the file cannot be read or is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, PublishError> {
    let bytes = std::fs::read(path).map_err(|source| PublishError::Read {
        path: path.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|_| PublishError::Read {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not UTF-8 text; convert it first (e.g. `iconv -f SHIFT_JIS -t UTF-8`)",
        ),
    })
}
