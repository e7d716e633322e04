//! Kairan (回覧, "a notice passed round for reading"): signed notice bundles and the
//! viewer that shows who signed them and what they withhold.
//!
//! - [`bundle`]: the `.kairan` file format — read, verify, pack.
//! - [`document`]: the notice model — letters with masked fields, omitted sections and links.
//! - [`escape`]: bundle text made safe to show (controls, bidi and invisible characters).
//! - [`fs`]: the one atomic, durable file writer (secret keys owner-only).
//! - [`publish`]: the firm's side of sending — sign, write and verify, one bundle per client.
//! - [`sample`]: the built-in sample bundle.
//! - [`series`]: notice series — continuity and what changed between two reports.
//! - [`trust`]: the reader's trusted keys, series history and settings on disk.
//! - [`cli`] and [`ui`]: the two front ends.

pub mod bundle;
pub mod cli;
pub mod document;
pub mod escape;
pub mod fs;
pub mod publish;
pub mod sample;
pub mod series;
pub mod trust;
pub mod ui;
