//! A notice folder as a whole: `bundle.json` plus one source per document and the attachments
//! it lists. [`compile_folder`] is the only code in Kairan that reads a notice folder: it reads
//! every file `bundle.json` lists (authoring sources, JSON documents and attachments), compiles
//! every document and resolves `doc:` links to bundle paths, for signing, the pre-send checks
//! and the live preview alike.

use std::path::Path;

use serde::Deserialize;

use crate::bundle::container::check_name;
use crate::bundle::limits::{MAX_DOCUMENT_BYTES, MAX_ENTRY_BYTES, MAX_MANIFEST_BYTES};
use crate::bundle::manifest::Series;
use crate::bundle::{BundleError, BundleFields, Role};
use crate::document::{Block, Document, Inline, LinkTarget};
use crate::fs::{InsideReadError, read_inside_folder};
use crate::time::StatedTime;

use super::parse::{Position, SourceError, SourceMap, SourceProblem, parse_notice};

/// The name of a notice folder's metadata file.
pub const SOURCE_METADATA: &str = "bundle.json";

/// `bundle.json`: a notice folder's metadata.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMetadata {
    /// The bundle id.
    pub bundle_id: String,
    /// Series and sequence.
    pub series: Series,
    /// Issue time (RFC 3339 with an offset).
    pub issued_at: StatedTime,
    /// Expiry (RFC 3339 with an offset), if any.
    #[serde(default)]
    pub expires_at: Option<StatedTime>,
    /// Recipient, if addressed to one.
    #[serde(default)]
    pub recipient: Option<String>,
    /// The issuer's name as the bundle will claim it.
    pub issuer_name: String,
    /// The files to pack, in order.
    pub entries: Vec<SourceEntry>,
}

/// One file of a notice folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// The path inside the bundle; also the file read from the folder unless `source` is given.
    pub file: String,
    /// For documents written in the authoring format: the source file (`*.notice.md`,
    /// relative to the folder) that compiles to the JSON document stored at `file`.
    #[serde(default)]
    pub source: Option<String>,
    /// What it is for.
    pub role: Role,
    /// Media type of an attachment (documents are always Kairan documents).
    #[serde(default)]
    pub media_type: Option<String>,
}

/// Maps the names a `doc:` link may use to bundle paths.
///
/// A document can be named by its bundle path (`documents/report.json`), by its source path
/// as listed in `bundle.json` (`documents/report.notice.md`), or by its short name: the file
/// name without directory and without `.json` / `.notice.md` (`report`), when that is unique.
#[derive(Debug, Clone, Default)]
pub struct LinkTable {
    names: Vec<(String, String)>,
    short: Vec<(String, String)>,
}

impl LinkTable {
    /// The table for a folder's entries (attachments are not link targets).
    pub fn from_entries(entries: &[SourceEntry]) -> Self {
        let mut table = LinkTable::default();
        for entry in entries.iter().filter(|entry| entry.role.is_document()) {
            table.names.push((entry.file.clone(), entry.file.clone()));
            if let Some(source) = &entry.source {
                table.names.push((source.clone(), entry.file.clone()));
            }
            table
                .short
                .push((short_name(&entry.file).to_owned(), entry.file.clone()));
        }
        table
    }

    /// The bundle path a `doc:` name stands for, if exactly one document has that name.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        if let Some((_, path)) = self.names.iter().find(|(known, _)| known == name) {
            return Some(path);
        }
        let mut matches = self.short.iter().filter(|(short, _)| short == name);
        match (matches.next(), matches.next()) {
            (Some((_, path)), None) => Some(path),
            _ => None,
        }
    }

    /// The shortest name that resolves to `path`: its short name when unique, else `path`.
    pub fn name_of(&self, path: &str) -> String {
        let short = short_name(path);
        if self.resolve(short) == Some(path) {
            short.to_owned()
        } else {
            path.to_owned()
        }
    }

    /// Rewrites the `doc:` links of a freshly parsed document to bundle paths; `own_path` is
    /// the document's own bundle path (for `doc:#heading`). Names that resolve to nothing are
    /// left as written, for the checks to report.
    pub fn resolve_links(&self, document: &mut Document, own_path: &str) {
        for run in document.head_runs_mut() {
            self.resolve_run(run, own_path);
        }
        for run in document.body.iter_mut().flat_map(Block::runs_mut) {
            self.resolve_run(run, own_path);
        }
    }

    fn resolve_run(&self, run: &mut [Inline], own_path: &str) {
        for inline in run.iter_mut() {
            if let Inline::Link {
                target: LinkTarget::Document { path, .. },
                ..
            } = inline
            {
                if path.is_empty() {
                    own_path.clone_into(path);
                } else if let Some(resolved) = self.resolve(path) {
                    *path = resolved.to_owned();
                }
            }
        }
    }
}

fn short_name(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(super::AUTHORING_EXTENSION)
        .or_else(|| file.strip_suffix(".json"))
        .unwrap_or(file)
}

/// Compiles one authoring source for the entry whose bundle path is `bundle_path`.
///
/// Fails with every error found in the text (see [`parse_notice`]).
pub fn compile_source(
    text: &str,
    source_name: &str,
    bundle_path: &str,
    links: &LinkTable,
) -> Result<(Document, SourceMap), Vec<SourceError>> {
    let mut parsed = parse_notice(text, source_name)?;
    links.resolve_links(&mut parsed.document, bundle_path);
    Ok((parsed.document, parsed.map))
}

/// One compiled document of a folder.
#[derive(Debug, Clone)]
pub struct CompiledDocument {
    /// The document's path inside the bundle (`documents/….json`).
    pub bundle_path: String,
    /// The file it was compiled from, relative to the folder.
    pub source_path: String,
    /// Its role.
    pub role: Role,
    /// The document, links resolved to bundle paths.
    pub document: Document,
    /// Where its parts sit in the source (empty for JSON sources).
    pub map: SourceMap,
    /// The source text, for checks that scan it line by line.
    pub source_text: String,
}

/// One attachment of a folder, as it will be stored.
#[derive(Debug, Clone)]
pub struct CompiledAttachment {
    /// Its path inside the bundle (also its path in the folder).
    pub bundle_path: String,
    /// Its role.
    pub role: Role,
    /// Its media type, from `bundle.json`.
    pub media_type: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A whole notice folder, compiled: what signing would sign, before signing.
#[derive(Debug, Clone)]
pub struct CompiledFolder {
    /// The folder it was read from.
    pub dir: std::path::PathBuf,
    /// `bundle.json`.
    pub metadata: SourceMetadata,
    /// The documents in bundle order.
    pub documents: Vec<CompiledDocument>,
    /// The attachments in bundle order.
    pub attachments: Vec<CompiledAttachment>,
}

impl CompiledFolder {
    /// The compiled document with this bundle path.
    pub fn document(&self, bundle_path: &str) -> Option<&CompiledDocument> {
        self.documents
            .iter()
            .find(|compiled| compiled.bundle_path == bundle_path)
    }

    /// The bundle's own fields (id, series, times, recipient, issuer name) from `bundle.json`,
    /// with the overrides of `options`.
    pub fn fields(&self, options: &super::PackOptions) -> BundleFields {
        let metadata = &self.metadata;
        BundleFields {
            bundle_id: options
                .bundle_id
                .clone()
                .unwrap_or_else(|| metadata.bundle_id.clone()),
            series: metadata.series.clone(),
            issued_at: metadata.issued_at.clone(),
            expires_at: metadata.expires_at.clone(),
            recipient: options
                .recipient
                .clone()
                .or_else(|| metadata.recipient.clone()),
            issuer_name: metadata.issuer_name.clone(),
        }
    }
}

/// Reads and compiles every file of the notice folder `dir`.
///
/// Fails with every error found: an unreadable or malformed `bundle.json`, names that cannot be
/// bundle paths or leave the folder, symbolic links (nothing outside the folder is read),
/// unreadable or oversized files, attachments without a media type, and
/// each error in each source, all with file, line and column.
pub fn compile_folder(dir: &Path) -> Result<CompiledFolder, Vec<SourceError>> {
    let whole_file = |file: &str, problem: SourceProblem| SourceError {
        file: file.to_owned(),
        line: 1,
        column: 1,
        problem,
    };
    let metadata_bytes = read_named(dir, SOURCE_METADATA, MAX_MANIFEST_BYTES)
        .map_err(|problem| vec![whole_file(SOURCE_METADATA, problem)])?;
    let metadata_bytes = match metadata_bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => metadata_bytes,
    };
    let metadata_text = String::from_utf8(metadata_bytes).map_err(|error| {
        vec![whole_file(
            SOURCE_METADATA,
            SourceProblem::NotUtf8 {
                reason: error.utf8_error().to_string(),
            },
        )]
    })?;
    let metadata: SourceMetadata = serde_json::from_str(&metadata_text).map_err(|error| {
        vec![SourceError {
            file: SOURCE_METADATA.to_owned(),
            line: error.line().max(1),
            column: error.column().max(1),
            problem: SourceProblem::BadMetadata {
                reason: error.to_string(),
            },
        }]
    })?;
    let links = LinkTable::from_entries(&metadata.entries);
    let mut documents = Vec::new();
    let mut attachments = Vec::new();
    let mut errors = Vec::new();
    for entry in &metadata.entries {
        let names = std::iter::once(&entry.file).chain(entry.source.as_ref());
        let bad_names: Vec<SourceProblem> = names.filter_map(|name| path_problem(name)).collect();
        if !bad_names.is_empty() {
            errors.extend(
                bad_names
                    .into_iter()
                    .map(|problem| whole_file(SOURCE_METADATA, problem)),
            );
            continue;
        }
        if !entry.role.is_document() {
            if entry.source.is_some() {
                errors.push(whole_file(
                    SOURCE_METADATA,
                    SourceProblem::SourceForAttachment {
                        path: entry.file.clone(),
                    },
                ));
                continue;
            }
            let Some(media_type) = entry.media_type.clone() else {
                errors.push(whole_file(
                    SOURCE_METADATA,
                    SourceProblem::MissingMediaType {
                        path: entry.file.clone(),
                    },
                ));
                continue;
            };
            match read_named(dir, &entry.file, MAX_ENTRY_BYTES) {
                Ok(bytes) => attachments.push(CompiledAttachment {
                    bundle_path: entry.file.clone(),
                    role: entry.role,
                    media_type,
                    bytes,
                }),
                Err(problem) => errors.push(whole_file(&entry.file, problem)),
            }
            continue;
        }
        let source_path = entry.source.clone().unwrap_or_else(|| entry.file.clone());
        let text = match read_named(dir, &source_path, MAX_DOCUMENT_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(error) => {
                    errors.push(whole_file(
                        &source_path,
                        SourceProblem::NotUtf8 {
                            reason: error.utf8_error().to_string(),
                        },
                    ));
                    continue;
                }
            },
            Err(problem) => {
                errors.push(whole_file(&source_path, problem));
                continue;
            }
        };
        let compiled = if entry.source.is_some() {
            compile_source(&text, &source_path, &entry.file, &links)
        } else {
            Document::from_json(text.as_bytes())
                .map(|document| (document, SourceMap::default()))
                .map_err(|error| {
                    vec![whole_file(
                        &source_path,
                        SourceProblem::BadJsonDocument {
                            reason: error.to_string(),
                        },
                    )]
                })
        };
        match compiled {
            Ok((document, map)) => documents.push(CompiledDocument {
                bundle_path: entry.file.clone(),
                source_path,
                role: entry.role,
                document,
                map,
                source_text: text,
            }),
            Err(mut found) => errors.append(&mut found),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let folder = CompiledFolder {
        dir: dir.to_owned(),
        metadata,
        documents,
        attachments,
    };
    // The manifest signing would write must pass the rules the reader applies, so that the
    // checks and the preview refuse what signing would refuse. The key is a stand-in: only
    // its form is checked here.
    let stand_in = crate::bundle::PublicKey::demo().to_base64();
    let manifest = folder
        .fields(&super::PackOptions::default())
        .manifest(&super::sign::entry_bytes(&folder), stand_in);
    match manifest.validate() {
        Ok(()) => Ok(folder),
        Err(problem) => Err(vec![whole_file(
            SOURCE_METADATA,
            SourceProblem::InvalidMetadata(problem),
        )]),
    }
}

/// Reads the file `name` of the folder `dir` through [`read_inside_folder`] (no symbolic links,
/// regular files only, at most `limit` bytes), with what went wrong as a source problem.
fn read_named(dir: &Path, name: &str, limit: u64) -> Result<Vec<u8>, SourceProblem> {
    read_inside_folder(dir, name, limit).map_err(|error| match error {
        InsideReadError::Symlink { at } => SourceProblem::SymlinkRefused {
            path: name.to_owned(),
            at,
        },
        InsideReadError::NotAFile => SourceProblem::NotAFile {
            path: name.to_owned(),
        },
        InsideReadError::TooLarge { limit } => SourceProblem::FileTooLarge {
            path: name.to_owned(),
            limit,
        },
        InsideReadError::Io(error) if name == SOURCE_METADATA => {
            SourceProblem::UnreadableMetadata {
                kind: error.kind(),
                reason: error.to_string(),
            }
        }
        InsideReadError::Io(error) => SourceProblem::UnreadableSource {
            kind: error.kind(),
            reason: error.to_string(),
        },
    })
}

/// Why `name` (from `bundle.json`) cannot be read from the folder and stored in a bundle.
fn path_problem(name: &str) -> Option<SourceProblem> {
    match check_name(name) {
        Ok(()) => None,
        Err(BundleError::BadName { problem, .. }) => Some(match problem {
            crate::bundle::NameProblem::Absolute
            | crate::bundle::NameProblem::ParentSegment
            | crate::bundle::NameProblem::DriveLetter => SourceProblem::PathOutsideFolder {
                path: name.to_owned(),
            },
            problem => SourceProblem::BadPath {
                path: name.to_owned(),
                problem,
            },
        }),
        Err(_) => Some(SourceProblem::PathOutsideFolder {
            path: name.to_owned(),
        }),
    }
}

/// Rewrites every mask marker of an authoring source that is a run of one repeated character
/// (■■■■■■, ＊＊) to `width` of that character, so that the marker's length says nothing about
/// the hidden text's length. Returns the new text and the positions of the markers changed.
/// Other markers (`[REDACTED]`, 非公開) already have a fixed length and are left alone.
pub fn fix_mask_width(text: &str, width: usize) -> (String, Vec<Position>) {
    let mut out = String::with_capacity(text.len());
    let mut changed = Vec::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let mut rest = line;
        let mut column = 1;
        while let Some(open) = rest.find("{{") {
            let (before, after) = rest.split_at(open + 2);
            out.push_str(before);
            column += before.chars().count();
            let marker_end = after.find(['|', '｜', '}']).unwrap_or(after.len());
            let marker = &after[..marker_end];
            let trimmed = marker.trim();
            let mut chars = trimmed.chars();
            let replacement = match chars.next() {
                Some(first)
                    if chars.clone().all(|c| c == first)
                        && !first.is_alphanumeric()
                        && first != '\\'
                        && trimmed.chars().count() != width =>
                {
                    Some(first.to_string().repeat(width))
                }
                _ => None,
            };
            match replacement {
                Some(new) => {
                    changed.push(Position {
                        line: index + 1,
                        column: column - 2,
                    });
                    let lead = &marker[..marker.len() - marker.trim_start().len()];
                    let trail = &marker[marker.trim_end().len()..];
                    out.push_str(lead);
                    out.push_str(&new);
                    out.push_str(trail);
                }
                None => out.push_str(marker),
            }
            column += marker.chars().count();
            rest = &after[marker_end..];
        }
        out.push_str(rest);
    }
    (out, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_markers_are_normalised_to_a_fixed_width() {
        let (text, changed) = fix_mask_width(
            "a{{■■■■■■■ | reason: x}}b{{■■■■}}{{[REDACTED]}}\n{{＊＊}}\n",
            4,
        );
        assert_eq!(
            text,
            "a{{■■■■ | reason: x}}b{{■■■■}}{{[REDACTED]}}\n{{＊＊＊＊}}\n"
        );
        assert_eq!(
            changed,
            vec![
                Position { line: 1, column: 2 },
                Position { line: 2, column: 1 }
            ]
        );
    }

    #[test]
    fn short_names_resolve_only_when_unique() {
        let entry = |file: &str| SourceEntry {
            file: file.into(),
            source: None,
            role: Role::Report,
            media_type: None,
        };
        let table =
            LinkTable::from_entries(&[entry("a/x.json"), entry("b/x.json"), entry("y.json")]);
        assert_eq!(table.resolve("x"), None);
        assert_eq!(table.resolve("a/x.json"), Some("a/x.json"));
        assert_eq!(table.resolve("y"), Some("y.json"));
        assert_eq!(table.name_of("a/x.json"), "a/x.json");
        assert_eq!(table.name_of("y.json"), "y");
    }
}
