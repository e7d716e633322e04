//! Kairan (回覧, "a notice passed round for reading"): signed notice bundles and the
//! viewer that shows who signed them and what they withhold.
//!
//! - [`authoring`]: the firm's side — a notice folder compiled, checked, previewed, signed,
//!   written and read back, one bundle per client.
//! - [`bundle`]: the `.kairan` file format — read, verify, write.
//! - [`document`]: the notice model — letters with masked fields, omitted sections and links.
//! - [`escape`]: bundle text made safe to show (controls, bidi and invisible characters).
//! - [`fs`]: the one atomic, durable file writer (secret keys owner-only).
//! - [`library`]: the reader's library of received notices — kept files, index, search.
//! - [`sample`]: the built-in sample bundle.
//! - [`series`]: notice series — continuity and what changed between two reports.
//! - [`time`]: the one RFC 3339 parser; times kept as stated and as instants.
//! - [`trust`]: the reader's trusted keys, series history and settings on disk.
//! - [`cli`] and [`ui`]: the two front ends.

pub mod authoring;
pub mod bundle;
pub mod cli;
pub mod document;
pub mod escape;
pub mod fs;
pub mod language;
pub mod library;
pub mod pdf;
pub mod sample;
pub mod series;
pub mod time;
pub mod trust;
pub mod ui;
