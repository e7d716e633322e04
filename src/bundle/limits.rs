//! Caps that every bundle must stay within. They are checked against the sizes an archive
//! *declares* before anything is allocated or decompressed, so a hostile file costs at most
//! these amounts of memory and time.

/// Largest bundle file Kairan opens.
pub const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;
/// Most entries an archive may hold (manifest and signature included).
pub const MAX_ENTRIES: usize = 1024;
/// Largest uncompressed size of one entry.
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
/// Largest uncompressed size of all entries together.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Largest `manifest.json`.
pub const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;
/// Largest `manifest.json.minisig`.
pub const MAX_SIGNATURE_BYTES: u64 = 2048;
/// Longest line of a letter's head (title, addressee, an issuer line, caption, date, closing),
/// in characters: each is set as one line, and a title of megabytes would take minutes and
/// gigabytes to lay out, to show nothing a letter has.
pub const MAX_HEAD_LINE_CHARS: usize = 2_000;
/// The most columns a table may have: a letter's table is a timeline or a list of items, and
/// a column is at least a few characters wide on paper.
pub const MAX_TABLE_COLUMNS: usize = 16;
/// The most cells (header included) a table may have.
pub const MAX_TABLE_CELLS: usize = 10_000;
/// The most characters one table cell may hold: a cell is one line of a row, and longer text
/// belongs in a paragraph.
pub const MAX_CELL_CHARS: usize = 2_000;
/// The deepest a list may nest: depth 0 is a top-level list, so four levels in all.
pub const MAX_LIST_DEPTH: u8 = 3;
/// Largest document (JSON) entry.
pub const MAX_DOCUMENT_BYTES: u64 = 32 * 1024 * 1024;
/// Longest entry name, in bytes.
pub const MAX_NAME_BYTES: usize = 255;
