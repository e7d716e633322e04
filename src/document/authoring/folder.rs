//! A notice folder as a whole: `bundle.json` plus one source per document. Compiles every
//! document (authoring sources and JSON alike), resolving `doc:` links to bundle paths, for
//! `pack`, the pre-send checks and the live preview.

use std::path::Path;

use crate::bundle::{Role, SOURCE_METADATA, SourceEntry, SourceMetadata};
use crate::document::{Block, Document, Inline, LinkTarget};

use super::parse::{Position, SourceError, SourceMap, SourceProblem, parse_notice};

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
        for block in &mut document.body {
            let runs: Vec<&mut Vec<Inline>> = match block {
                Block::Heading { content, .. }
                | Block::Paragraph { content }
                | Block::Centered { content } => vec![content],
                Block::List { items } => items.iter_mut().collect(),
                Block::Omission(_) => Vec::new(),
            };
            for run in runs {
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

/// A whole notice folder, compiled: what `pack` would sign, before signing.
#[derive(Debug, Clone)]
pub struct CompiledFolder {
    /// `bundle.json`.
    pub metadata: SourceMetadata,
    /// The documents in bundle order (attachments are not included).
    pub documents: Vec<CompiledDocument>,
}

impl CompiledFolder {
    /// The compiled document with this bundle path.
    pub fn document(&self, bundle_path: &str) -> Option<&CompiledDocument> {
        self.documents
            .iter()
            .find(|compiled| compiled.bundle_path == bundle_path)
    }
}

/// Reads and compiles every document of the notice folder `dir`.
///
/// Fails with every error found: an unreadable or malformed `bundle.json`, unreadable source
/// files, and each error in each source, all with file, line and column.
pub fn compile_folder(dir: &Path) -> Result<CompiledFolder, Vec<SourceError>> {
    let whole_file = |file: &str, problem: SourceProblem| SourceError {
        file: file.to_owned(),
        line: 1,
        column: 1,
        problem,
    };
    let metadata_text = std::fs::read_to_string(dir.join(SOURCE_METADATA)).map_err(|error| {
        vec![whole_file(
            SOURCE_METADATA,
            SourceProblem::UnreadableMetadata {
                kind: error.kind(),
                reason: error.to_string(),
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
    let mut errors = Vec::new();
    for entry in metadata
        .entries
        .iter()
        .filter(|entry| entry.role.is_document())
    {
        let source_path = entry.source.clone().unwrap_or_else(|| entry.file.clone());
        if source_path.contains("..") || source_path.starts_with('/') {
            errors.push(whole_file(
                SOURCE_METADATA,
                SourceProblem::PathOutsideFolder {
                    path: source_path.clone(),
                },
            ));
            continue;
        }
        let text = match std::fs::read_to_string(dir.join(&source_path)) {
            Ok(text) => text,
            Err(error) => {
                errors.push(whole_file(
                    &source_path,
                    SourceProblem::UnreadableSource {
                        kind: error.kind(),
                        reason: error.to_string(),
                    },
                ));
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
    if errors.is_empty() {
        Ok(CompiledFolder {
            metadata,
            documents,
        })
    } else {
        Err(errors)
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
