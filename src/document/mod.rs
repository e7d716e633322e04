//! The notice model: what a Japanese business letter in a bundle is made of.
//!
//! A [`Document`] is a letter (date, addressee, issuer, title, body, closing) whose head and
//! body hold inline text (headings, paragraphs and lists in the body), plus the two kinds of withheld content that
//! Kairan exists to make visible: [`Mask`]s (an inline span standing for hidden text, such as
//! ■■■■) and [`Omission`]s (a block standing for withheld sections, such as —省略—). The
//! hidden text itself is never stored anywhere in the model.
//!
//! This module knows nothing of files, signatures or widgets: the bundle reader hands it bytes,
//! the viewer draws what it describes.

pub mod find;
mod json;
pub mod letter;
mod link;
mod marker;
mod model;
mod table;
mod text;

pub use link::{LinkTarget, disguised_host, link_host, opens_externally};
pub use marker::is_readable_marker;
pub use model::*;
pub use table::{Table, TablePlace, TableProblem};
pub use text::{WithheldItem, WithheldKind, inline_text, plain_text, withheld_items};
