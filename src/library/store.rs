//! The library on disk: the stored files (`bundles/<sha256>.kairan`), the index beside them,
//! and every operation on the two — keep, list, search, show, remove, export, rebuild — in the
//! order that keeps them in agreement: a file is written before its row and removed before it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension as _, params};
use sha2::Digest as _;

use super::index::{self, Existing, NOTICE_COLUMNS, document_rows, notice_of};
use super::{
    Kept, LibraryError, Notice, Opened, Opening, Reader, Reading, RebuildReason, Rebuilt,
    SearchHit, keepable, stored_path,
};
use crate::bundle::{self, hex};
use crate::document::find::Query;
use crate::fs::{Access, Existing as WhenExisting, write_atomically};
use crate::trust::{Origin, assess};

/// The folder of stored files inside the library folder.
pub(super) const BUNDLES: &str = "bundles";
/// The index file inside the library folder.
const INDEX: &str = "index.sqlite";
/// Characters of context on each side of a search hit's match.
const EXCERPT_BEFORE: usize = 20;
const EXCERPT_AFTER: usize = 40;

/// The reader's library of received notices.
#[derive(Debug)]
pub struct Library {
    folder: PathBuf,
    connection: Connection,
}

/// A document of a kept notice, as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// Its path in the bundle.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its plain text ([`crate::document::plain_text`]).
    pub text: String,
}

impl Library {
    /// Opens the library in `folder` (made if missing). An index that is missing (while files
    /// are stored), corrupt or of another version is rebuilt from the stored files, judged with
    /// `reader`; stored files the index lacks are added and rows whose file is gone are
    /// dropped, so the index always agrees with the files.
    ///
    /// Fails if the folder cannot be made or read, or the index cannot be written.
    pub fn open(folder: &Path, reader: Reader<'_>) -> Result<Opened, LibraryError> {
        let bundles = folder.join(BUNDLES);
        std::fs::create_dir_all(&bundles).map_err(|cause| LibraryError::Write {
            path: bundles.clone(),
            cause,
        })?;
        let index_path = folder.join(INDEX);
        let index_error = |cause| LibraryError::Index {
            path: index_path.clone(),
            cause,
        };
        let reason = if index_path.exists() {
            match index::open_existing(&index_path).map_err(index_error)? {
                Existing::Usable(connection) => {
                    let library = Library {
                        folder: folder.to_owned(),
                        connection,
                    };
                    library.reconcile(reader)?;
                    return Ok(Opened {
                        library,
                        rebuilt: None,
                    });
                }
                Existing::Empty => RebuildReason::Missing,
                Existing::Corrupt => RebuildReason::Corrupt,
                Existing::OtherVersion => RebuildReason::OtherVersion,
            }
        } else {
            RebuildReason::Missing
        };
        if reason == RebuildReason::Missing && stored_ids(folder)?.is_empty() {
            // A new library (or one whose creation was interrupted): nothing to tell.
            let (library, _) = Self::rebuild_in(folder, reader, reason)?;
            return Ok(Opened {
                library,
                rebuilt: None,
            });
        }
        let (library, rebuilt) = Self::rebuild_in(folder, reader, reason)?;
        Ok(Opened {
            library,
            rebuilt: Some(rebuilt),
        })
    }

    /// Throws the index away and makes a new one from the stored files.
    ///
    /// Fails if the index cannot be removed or written.
    pub fn rebuild(self, reader: Reader<'_>) -> Result<(Library, Rebuilt), LibraryError> {
        let folder = self.folder.clone();
        drop(self);
        Self::rebuild_in(&folder, reader, RebuildReason::Requested)
    }

    fn rebuild_in(
        folder: &Path,
        reader: Reader<'_>,
        reason: RebuildReason,
    ) -> Result<(Library, Rebuilt), LibraryError> {
        let index_path = folder.join(INDEX);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let path = PathBuf::from(format!("{}{suffix}", index_path.display()));
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(cause) => return Err(LibraryError::Write { path, cause }),
            }
        }
        let connection = index::create(&index_path).map_err(|cause| LibraryError::Index {
            path: index_path.clone(),
            cause,
        })?;
        let library = Library {
            folder: folder.to_owned(),
            connection,
        };
        let (indexed, skipped) = library.index_stored(&stored_ids(folder)?, reader)?;
        Ok((
            library,
            Rebuilt {
                reason,
                indexed,
                skipped,
            },
        ))
    }

    /// The library's folder.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The stored file of a kept notice.
    pub fn file_of(&self, notice: &Notice) -> PathBuf {
        stored_path(&self.folder, &notice.id)
    }

    fn index_error(&self, cause: rusqlite::Error) -> LibraryError {
        LibraryError::Index {
            path: self.folder.join(INDEX),
            cause,
        }
    }

    /// Adds stored files the index lacks, drops rows whose file is gone.
    fn reconcile(&self, reader: Reader<'_>) -> Result<(), LibraryError> {
        let stored = stored_ids(&self.folder)?;
        let indexed = self.ids()?;
        let orphans: Vec<String> = stored
            .iter()
            .filter(|id| indexed.binary_search(id).is_err())
            .cloned()
            .collect();
        let gone: Vec<&String> = indexed
            .iter()
            .filter(|id| stored.binary_search(id).is_err())
            .collect();
        if !gone.is_empty() {
            let transaction = self
                .connection
                .unchecked_transaction()
                .map_err(|e| self.index_error(e))?;
            for id in gone {
                index::delete(&transaction, id).map_err(|e| self.index_error(e))?;
            }
            transaction.commit().map_err(|e| self.index_error(e))?;
        }
        self.index_stored(&orphans, reader)?;
        Ok(())
    }

    fn ids(&self) -> Result<Vec<String>, LibraryError> {
        let mut statement = self
            .connection
            .prepare("SELECT id FROM notices ORDER BY id")
            .map_err(|e| self.index_error(e))?;
        let ids = statement
            .query_map([], |row| row.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.index_error(e))?;
        Ok(ids)
    }

    /// Indexes stored files again, judged with `reader`; returns how many were indexed and how
    /// many no longer verify.
    fn index_stored(
        &self,
        ids: &[String],
        reader: Reader<'_>,
    ) -> Result<(usize, usize), LibraryError> {
        let (mut indexed, mut skipped) = (0, 0);
        for id in ids {
            let path = stored_path(&self.folder, id);
            let Ok(bundle) = bundle::open_file(&path, reader.keys) else {
                skipped += 1;
                continue;
            };
            if bundle.file_sha256().ok().flatten().as_ref() != Some(id)
                || keepable(&bundle, Origin::File).is_err()
            {
                skipped += 1;
                continue;
            }
            let assessment = assess(
                &bundle,
                reader.records(),
                Origin::File,
                jiff::Timestamp::now(),
            );
            // The file was written when the notice was received.
            let received = std::fs::metadata(&path)
                .and_then(|metadata| metadata.modified())
                .ok()
                .and_then(|time| jiff::Timestamp::try_from(time).ok())
                .unwrap_or_else(jiff::Timestamp::now);
            let notice = notice_of(id, &bundle, &assessment, received, false);
            let transaction = self
                .connection
                .unchecked_transaction()
                .map_err(|e| self.index_error(e))?;
            index::insert(
                &transaction,
                &notice,
                bundle.manifest.issued_at.at().as_second(),
                &document_rows(&bundle),
            )
            .map_err(|e| self.index_error(e))?;
            transaction.commit().map_err(|e| self.index_error(e))?;
            indexed += 1;
        }
        Ok((indexed, skipped))
    }

    /// Keeps an opened bundle: its exact bytes as `bundles/<sha256>.kairan` (written and
    /// flushed first), then its index row in one transaction. A bundle already kept gets its
    /// latest verdict and signer name; a bundle whose signature is not valid, or the built-in
    /// sample, is not kept.
    ///
    /// Fails if the file or the index cannot be written.
    pub fn keep(&mut self, opening: &Opening<'_>) -> Result<Kept, LibraryError> {
        if let Err(reason) = keepable(opening.bundle, opening.origin) {
            return Ok(Kept::NotKept(reason));
        }
        let id = match opening.bundle.file_sha256() {
            Ok(id) => id,
            Err(error) => {
                return Err(LibraryError::Write {
                    path: self.folder.clone(),
                    cause: std::io::Error::other(error.to_string()),
                });
            }
        };
        let Some(id) = id else {
            // An unsigned preview has no file; `keepable` refuses it before this.
            return Ok(Kept::NotKept(super::NotKept::NotIntact));
        };
        let path = stored_path(&self.folder, &id);
        if !stored_intact(&path, &id) {
            opening
                .bundle
                .copy_file_to(&path, Access::Private, WhenExisting::Replace)
                .map_err(|cause| LibraryError::Write {
                    path: path.clone(),
                    cause,
                })?;
        }
        let read = opening.reading == Reading::Shown;
        let notice = notice_of(&id, opening.bundle, opening.assessment, opening.at, read);
        let index_path = self.folder.join(INDEX);
        let failed = |cause| LibraryError::Index {
            path: index_path.clone(),
            cause,
        };
        let transaction = self.connection.transaction().map_err(failed)?;
        let kept = if index::contains(&transaction, &id).map_err(failed)? {
            transaction
                .execute(
                    "UPDATE notices SET signer = ?2, status = ?3, read = read OR ?4 WHERE id = ?1",
                    params![id, notice.signer, notice.status.word(), read],
                )
                .map_err(failed)?;
            Kept::AlreadyKept { id }
        } else {
            index::insert(
                &transaction,
                &notice,
                opening.bundle.manifest.issued_at.at().as_second(),
                &document_rows(opening.bundle),
            )
            .map_err(failed)?;
            Kept::Added { id }
        };
        transaction.commit().map_err(failed)?;
        Ok(kept)
    }

    /// Every kept notice, by series and number.
    ///
    /// Fails if the index cannot be read.
    pub fn notices(&self) -> Result<Vec<Notice>, LibraryError> {
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM notices n ORDER BY n.series_id, n.sequence, n.received_unix, n.id"
        );
        let mut statement = self
            .connection
            .prepare(&sql)
            .map_err(|e| self.index_error(e))?;
        let notices = statement
            .query_map([], index::notice_from_row)
            .and_then(Iterator::collect)
            .map_err(|e| self.index_error(e))?;
        Ok(notices)
    }

    /// The documents of every kept notice whose text holds `text` (full- and half-width, upper
    /// and lower case alike), newest issue first. Three folded characters or more use the
    /// trigram index; shorter queries scan the same folded text. A blank query finds nothing.
    ///
    /// Fails if the index cannot be read.
    pub fn search(&self, text: &str) -> Result<Vec<SearchHit>, LibraryError> {
        let Some(query) = Query::new(text) else {
            return Ok(Vec::new());
        };
        let needle = query.folded();
        let (condition, argument) = if needle.chars().count() >= 3 {
            (
                "documents_fts MATCH ?1",
                format!("\"{}\"", needle.replace('"', "\"\"")),
            )
        } else {
            let escaped: String = needle
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            ("f.folded LIKE ?1 ESCAPE '\\'", format!("%{escaped}%"))
        };
        let sql = format!(
            "SELECT {NOTICE_COLUMNS}, d.path, d.title, d.text
             FROM documents_fts f
             JOIN documents d ON d.rowid = f.rowid
             JOIN notices n ON n.id = d.notice_id
             WHERE {condition}
             ORDER BY n.issued_unix DESC, n.id, d.position"
        );
        let mut statement = self
            .connection
            .prepare(&sql)
            .map_err(|e| self.index_error(e))?;
        let rows = statement
            .query_map([argument], |row| {
                Ok((
                    index::notice_from_row(row)?,
                    row.get::<_, String>(11)?,
                    row.get::<_, String>(12)?,
                    row.get::<_, String>(13)?,
                ))
            })
            .map_err(|e| self.index_error(e))?;
        let mut hits = Vec::new();
        for row in rows {
            let (notice, document_path, document_title, text) =
                row.map_err(|e| self.index_error(e))?;
            let ranges = query.find_in(&text);
            let Some(first) = ranges.first() else {
                continue;
            };
            hits.push(SearchHit {
                notice,
                document_path,
                document_title,
                excerpt: excerpt(&text, first.clone()),
                matches: ranges.len(),
            });
        }
        Ok(hits)
    }

    /// The report kept before `notice` in its series: the highest number below its own, from
    /// the same signing key or the signer of the same name when there is one (a key rollover
    /// keeps the name), else from any key; of two under one number, the one received last.
    /// Whether the two are one series continuing is for [`crate::series::compare`] to say.
    ///
    /// Fails if the index cannot be read.
    pub fn earlier_report(&self, notice: &Notice) -> Result<Option<Notice>, LibraryError> {
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM notices n
             WHERE n.series_id = ?1 AND n.sequence < ?2
             ORDER BY (n.key_id = ?3 OR (n.signer IS NOT NULL AND n.signer = ?4)) DESC,
                      n.sequence DESC, n.received_unix DESC, n.id
             LIMIT 1"
        );
        self.connection
            .query_row(
                &sql,
                params![
                    notice.series_id,
                    notice.sequence,
                    notice.key_id,
                    notice.signer
                ],
                index::notice_from_row,
            )
            .optional()
            .map_err(|e| self.index_error(e))
    }

    /// The kept notice whose id starts with `prefix` (at least 8 hex digits, any case).
    ///
    /// Fails if the prefix is too short or not hex, no notice or several match, or the index
    /// cannot be read.
    pub fn find(&self, prefix: &str) -> Result<Notice, LibraryError> {
        let prefix_lower = prefix.trim().to_ascii_lowercase();
        if prefix_lower.len() < 8 || !prefix_lower.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(LibraryError::BadId(prefix.to_owned()));
        }
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM notices n WHERE substr(n.id, 1, ?2) = ?1 LIMIT 2"
        );
        let mut statement = self
            .connection
            .prepare(&sql)
            .map_err(|e| self.index_error(e))?;
        let mut found: Vec<Notice> = statement
            .query_map(
                params![prefix_lower, prefix_lower.len() as i64],
                index::notice_from_row,
            )
            .and_then(Iterator::collect)
            .map_err(|e| self.index_error(e))?;
        match found.len() {
            0 => Err(LibraryError::NoSuchNotice(prefix_lower)),
            1 => Ok(found.remove(0)),
            _ => {
                let count: i64 = self
                    .connection
                    .query_row(
                        "SELECT count(*) FROM notices WHERE substr(id, 1, ?2) = ?1",
                        params![prefix_lower, prefix_lower.len() as i64],
                        |row| row.get(0),
                    )
                    .map_err(|e| self.index_error(e))?;
                Err(LibraryError::AmbiguousId {
                    prefix: prefix_lower,
                    count: count as usize,
                })
            }
        }
    }

    /// The documents of a kept notice, in bundle order.
    ///
    /// Fails if the index cannot be read.
    pub fn documents(&self, notice: &Notice) -> Result<Vec<StoredDocument>, LibraryError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT path, title, text FROM documents WHERE notice_id = ?1 ORDER BY position",
            )
            .map_err(|e| self.index_error(e))?;
        let documents = statement
            .query_map([&notice.id], |row| {
                Ok(StoredDocument {
                    path: row.get(0)?,
                    title: row.get(1)?,
                    text: row.get(2)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.index_error(e))?;
        Ok(documents)
    }

    /// Marks a kept notice as read.
    ///
    /// Fails if the index cannot be written.
    pub fn mark_read(&mut self, notice: &Notice) -> Result<(), LibraryError> {
        self.connection
            .execute("UPDATE notices SET read = 1 WHERE id = ?1", [&notice.id])
            .map_err(|e| self.index_error(e))?;
        Ok(())
    }

    /// Removes a kept notice: its file first, then its rows (so that a crash in between leaves
    /// a row without a file, which the next opening drops, never a file that comes back).
    ///
    /// Fails if the file cannot be removed or the index written.
    pub fn remove(&mut self, notice: &Notice) -> Result<(), LibraryError> {
        let path = self.file_of(notice);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(cause) => return Err(LibraryError::Write { path, cause }),
        }
        let transaction = self
            .connection
            .unchecked_transaction()
            .map_err(|e| self.index_error(e))?;
        index::delete(&transaction, &notice.id).map_err(|e| self.index_error(e))?;
        transaction.commit().map_err(|e| self.index_error(e))
    }

    /// Copies every stored file into `folder` (made if missing) under a safe name made from its
    /// bundle id (`<bundle id>.kairan`, with the id's first 8 digits added when two notices share
    /// a bundle id); returns the files written. Nothing is overwritten.
    ///
    /// Fails if a file is already there, a stored file cannot be read or a copy written.
    pub fn export(&self, folder: &Path) -> Result<Vec<PathBuf>, LibraryError> {
        std::fs::create_dir_all(folder).map_err(|cause| LibraryError::Write {
            path: folder.to_owned(),
            cause,
        })?;
        let notices = self.notices()?;
        let mut written = Vec::with_capacity(notices.len());
        for notice in &notices {
            let stem = crate::fs::safe_file_name(&notice.bundle_id);
            let shared = notices
                .iter()
                .filter(|other| crate::fs::safe_file_name(&other.bundle_id) == stem)
                .count()
                > 1;
            let name = if shared {
                format!("{stem}-{}.kairan", &notice.id[..8.min(notice.id.len())])
            } else {
                format!("{stem}.kairan")
            };
            let target = folder.join(name);
            let source = self.file_of(notice);
            let bytes = std::fs::read(&source).map_err(|cause| LibraryError::Read {
                path: source.clone(),
                cause,
            })?;
            write_atomically(&target, &bytes, Access::Shared, WhenExisting::Keep).map_err(
                |cause| {
                    if cause.kind() == std::io::ErrorKind::AlreadyExists {
                        LibraryError::ExportExists {
                            path: target.clone(),
                        }
                    } else {
                        LibraryError::Write {
                            path: target.clone(),
                            cause,
                        }
                    }
                },
            )?;
            written.push(target);
        }
        Ok(written)
    }
}

/// The ids of the stored files in `folder`, sorted. Other files (temporary files of a writer
/// that was killed) are not notices.
fn stored_ids(folder: &Path) -> Result<Vec<String>, LibraryError> {
    let bundles = folder.join(BUNDLES);
    let entries = match std::fs::read_dir(&bundles) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(cause) => {
            return Err(LibraryError::Read {
                path: bundles,
                cause,
            });
        }
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let id = name.strip_suffix(".kairan")?;
            (id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
                .then(|| id.to_owned())
        })
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// The text around a match (character range `hit`), on one line.
fn excerpt(text: &str, hit: std::ops::Range<usize>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = hit.start.saturating_sub(EXCERPT_BEFORE);
    let end = (hit.end + EXCERPT_AFTER).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut last_space = false;
    for &c in &chars[start..end] {
        if c == '\n' || c == '\r' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    if end < chars.len() {
        out.push('…');
    }
    out.trim().to_owned()
}

/// Whether the file at `path` is already the kept file whose SHA-256 is `id`.
fn stored_intact(path: &Path, id: &str) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut digest = sha2::Sha256::new();
    std::io::copy(&mut file, &mut digest).is_ok() && hex(&digest.finalize()) == id
}

#[cfg(test)]
mod tests;
