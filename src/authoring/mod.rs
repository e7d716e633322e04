//! The firm's side: a notice folder turned into a signed bundle.
//!
//! A notice folder is `bundle.json` plus one source per document and the attachments it lists.
//! Documents are written by hand in the authoring source format — a Markdown-like text
//! (`*.notice.md`, specified in `docs/authoring.md`): front matter between `---` lines
//! (`title:`, `date:`, `addressee:`, `issuer:`, source fields), then the body: `## 見出し {#id}`
//! headings, paragraphs, `- ` lists, `-> 記 <-` centred lines, a closing `-> 以上`, masks
//! `{{■■■■ | reason: … | by: author}}`, omitted sections on a line of their own
//! `[[—省略— | reason: … | by: forwarder]]`, and links `[text](doc:name#heading)` or
//! `[text](https://…)` — or imported from a vendor's plain-text letter ([`import`]).
//!
//! One path per step, used by the command line and the desktop app alike:
//! [`compile_folder`] is the only reader of a notice folder; [`checks`] runs the pre-send
//! checks on what it compiled; [`preview`] shows it exactly as a client will see it;
//! [`sign_folder`] signs it; [`publish`] writes and reads back what was signed, one bundle per
//! client if asked. Nothing here prints or knows either front end.

pub mod checks;

mod folder;
pub mod import;
mod parse;
mod preview;
pub mod publish;
mod recipients;
mod sign;
mod write;

pub use folder::{
    CompiledAttachment, CompiledDocument, CompiledFolder, LinkTable, SOURCE_METADATA, SourceEntry,
    SourceMetadata, compile_folder, compile_source, fix_mask_width,
};
pub use parse::{
    FRONT_KEY_LIST, ParsedNotice, Position, SourceError, SourceMap, SourceProblem, parse_notice,
    parse_written_date,
};
pub(crate) use parse::{half_width_digit, is_east_asian, parse_english_date};
pub use preview::preview;
pub use recipients::{
    RecipientRow, RecipientRowError, RowProblem, parse_recipients, recipient_bundle_id,
};
pub use sign::{PackError, PackOptions, pack_folder, sign_folder};
pub use write::{Unrepresentable, write_notice};

/// The file-name ending of authoring sources.
pub const AUTHORING_EXTENSION: &str = ".notice.md";

/// The default width (in characters) that [`fix_mask_width`] gives mask markers.
pub const MASK_MARKER_WIDTH: usize = 4;
