//! The library's SQLite index: its schema, how it is opened (WAL, a version check that tells a
//! database of another version or no database at all from a working one), and the rows of one
//! notice. Everything here can be rebuilt from the stored files; `store` decides when.

use std::path::Path;

use rusqlite::{Connection, ErrorCode, OptionalExtension as _, Transaction, params};

use super::Notice;
use crate::bundle::OpenedBundle;
use crate::document::find::folded;
use crate::document::plain_text;
use crate::trust::Assessment;
use crate::trust::Status;

/// The schema this build writes (`PRAGMA user_version`).
pub(super) const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE notices (
    id TEXT PRIMARY KEY NOT NULL,
    signer TEXT,
    claimed_issuer TEXT NOT NULL,
    key_id TEXT NOT NULL,
    series_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    bundle_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    issued_unix INTEGER NOT NULL,
    received_unix INTEGER NOT NULL,
    status TEXT NOT NULL,
    read INTEGER NOT NULL
) STRICT;
CREATE INDEX notices_by_series ON notices (series_id, sequence);
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    notice_id TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL
) STRICT;
CREATE INDEX documents_by_notice ON documents (notice_id);
CREATE VIRTUAL TABLE documents_fts USING fts5 (folded, tokenize = 'trigram');
";

/// How opening an existing index went.
pub(super) enum Existing {
    /// It works.
    Usable(Connection),
    /// It holds no schema (its creation was interrupted).
    Empty,
    /// It is not a database, or a damaged one.
    Corrupt,
    /// It is of another schema version.
    OtherVersion,
}

/// Whether an SQLite error means the file is not (or no longer) a usable database.
pub(super) fn is_corruption(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

fn configure(connection: &Connection) -> rusqlite::Result<()> {
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL: a reader never blocks the one writer, and a killed writer's transaction is simply
    // not there. NORMAL is durable against a process crash; after a power loss the last
    // transactions may be missing, which opening the library repairs from the stored files.
    let _: String = connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    connection.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
}

/// Opens the index at `path`, which exists.
pub(super) fn open_existing(path: &Path) -> rusqlite::Result<Existing> {
    let connection = match Connection::open(path) {
        Ok(connection) => connection,
        Err(error) if is_corruption(&error) => return Ok(Existing::Corrupt),
        Err(error) => return Err(error),
    };
    let checked = configure(&connection)
        .and_then(|()| connection.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0)));
    match checked {
        Ok(SCHEMA_VERSION) => {
            // A header that reads but tables that do not is damage too.
            match connection.query_row("SELECT count(*) FROM notices", [], |row| {
                row.get::<_, i64>(0)
            }) {
                Ok(_) => Ok(Existing::Usable(connection)),
                Err(error) if is_corruption(&error) => Ok(Existing::Corrupt),
                Err(_) => Ok(Existing::OtherVersion),
            }
        }
        Ok(0) => Ok(Existing::Empty),
        Ok(_) => Ok(Existing::OtherVersion),
        Err(error) if is_corruption(&error) => Ok(Existing::Corrupt),
        Err(error) => Err(error),
    }
}

/// Creates a new, empty index at `path`, where no file is.
pub(super) fn create(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    configure(&connection)?;
    let transaction = connection.unchecked_transaction()?;
    transaction.execute_batch(SCHEMA)?;
    transaction.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    transaction.commit()?;
    Ok(connection)
}

/// A document's rows.
pub(super) struct DocumentRow {
    pub(super) path: String,
    pub(super) title: String,
    pub(super) text: String,
    pub(super) folded: String,
}

/// Whether a notice with this id is indexed.
pub(super) fn contains(connection: &Connection, id: &str) -> rusqlite::Result<bool> {
    Ok(connection
        .query_row("SELECT 1 FROM notices WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Inserts a notice and its documents.
pub(super) fn insert(
    transaction: &Transaction<'_>,
    notice: &Notice,
    issued_unix: i64,
    documents: &[DocumentRow],
) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT INTO notices (id, signer, claimed_issuer, key_id, series_id, sequence, bundle_id,
             issued_at, issued_unix, received_unix, status, read)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            notice.id,
            notice.signer,
            notice.claimed_issuer,
            notice.key_id,
            notice.series_id,
            notice.sequence,
            notice.bundle_id,
            notice.issued_at,
            issued_unix,
            notice.received_at.as_second(),
            notice.status.word(),
            notice.read,
        ],
    )?;
    for (position, document) in documents.iter().enumerate() {
        transaction.execute(
            "INSERT INTO documents (notice_id, position, path, title, text)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                notice.id,
                position as i64,
                document.path,
                document.title,
                document.text
            ],
        )?;
        let rowid = transaction.last_insert_rowid();
        transaction.execute(
            "INSERT INTO documents_fts (rowid, folded) VALUES (?1, ?2)",
            params![rowid, document.folded],
        )?;
    }
    Ok(())
}

/// Removes a notice, its documents and their text.
pub(super) fn delete(transaction: &Transaction<'_>, id: &str) -> rusqlite::Result<()> {
    transaction.execute(
        "DELETE FROM documents_fts WHERE rowid IN (SELECT rowid FROM documents WHERE notice_id = ?1)",
        [id],
    )?;
    transaction.execute("DELETE FROM documents WHERE notice_id = ?1", [id])?;
    transaction.execute("DELETE FROM notices WHERE id = ?1", [id])?;
    Ok(())
}

/// The columns [`notice_from_row`] reads, in its order.
pub(super) const NOTICE_COLUMNS: &str = "n.id, n.signer, n.claimed_issuer, n.key_id, n.series_id, \
     n.sequence, n.bundle_id, n.issued_at, n.received_unix, n.status, n.read";

/// A notice from a row selected with [`NOTICE_COLUMNS`] first.
pub(super) fn notice_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Notice> {
    let invalid = |column: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            what.to_owned().into(),
        )
    };
    let received: i64 = row.get(8)?;
    let status: String = row.get(9)?;
    Ok(Notice {
        id: row.get(0)?,
        signer: row.get(1)?,
        claimed_issuer: row.get(2)?,
        key_id: row.get(3)?,
        series_id: row.get(4)?,
        sequence: row.get(5)?,
        bundle_id: row.get(6)?,
        issued_at: row.get(7)?,
        received_at: jiff::Timestamp::from_second(received)
            .map_err(|_| invalid(8, "received time out of range"))?,
        status: Status::from_word(&status).ok_or_else(|| invalid(9, "unknown status"))?,
        read: row.get(10)?,
    })
}

/// The index row of an opened bundle.
pub(super) fn notice_of(
    id: &str,
    bundle: &OpenedBundle,
    assessment: &Assessment,
    received_at: jiff::Timestamp,
    read: bool,
) -> Notice {
    let signer = match &assessment.verdict {
        crate::trust::TrustVerdict::Revoked { record } => Some(record.name.clone()),
        _ => assessment
            .signer()
            .filter(|signer| !signer.public_key.is_demo())
            .map(|signer| signer.name.clone()),
    };
    Notice {
        id: id.to_owned(),
        signer,
        claimed_issuer: bundle.manifest.issuer.name.clone(),
        key_id: bundle.signature_key_id.to_string(),
        series_id: bundle.manifest.series.id.clone(),
        sequence: bundle.manifest.series.sequence,
        bundle_id: bundle.manifest.bundle_id.clone(),
        issued_at: bundle.manifest.issued_at.as_str().to_owned(),
        received_at: jiff::Timestamp::from_second(received_at.as_second()).unwrap_or(received_at),
        status: assessment.status,
        read,
    }
}

/// The index rows of an opened bundle's documents, with their text for search.
pub(super) fn document_rows(bundle: &OpenedBundle) -> Vec<DocumentRow> {
    bundle
        .documents
        .iter()
        .map(|document| {
            let text = plain_text(&document.document);
            DocumentRow {
                path: document.entry.path.clone(),
                title: document.document.title_text(),
                folded: folded(&text),
                text,
            }
        })
        .collect()
}
