//! The authoring source: a Markdown-like text format (`*.notice.md`) in which firm staff write
//! and edit a notice by hand, and which compiles to the [`Document`](super::Document) model.
//!
//! The format is specified in `docs/authoring.md`. In short: front matter between `---` lines
//! (`title:`, `date:`, `addressee:`, `issuer:`, source fields), then the body: `## 見出し {#id}`
//! headings, paragraphs, `- ` lists, `-> 記 <-` centred lines, a closing `-> 以上`, masks
//! `{{■■■■ | reason: … | by: author}}`, omitted sections on a line of their own
//! `[[—省略— | reason: … | by: forwarder]]`, and links `[text](doc:name#heading)` or
//! `[text](https://…)`.
//!
//! This module turns text into documents and documents into text; the only files it reads are a
//! notice folder's sources, in [`compile_folder`]. It never prints and never writes files.

mod folder;
mod parse;
mod recipients;
mod write;

pub use folder::{
    CompiledDocument, CompiledFolder, LinkTable, compile_folder, compile_source, fix_mask_width,
};
pub use parse::{
    FRONT_KEY_LIST, ParsedNotice, Position, SourceError, SourceMap, SourceProblem, parse_notice,
    parse_written_date,
};
pub(crate) use parse::{half_width_digit, is_east_asian};
pub use recipients::{RecipientRow, RecipientRowError, parse_recipients, recipient_bundle_id};
pub use write::{Unrepresentable, write_notice};

/// The file-name ending of authoring sources.
pub const AUTHORING_EXTENSION: &str = ".notice.md";

/// The default width (in characters) that [`fix_mask_width`] gives mask markers.
pub const MASK_MARKER_WIDTH: usize = 4;
