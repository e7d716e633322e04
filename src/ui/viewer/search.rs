//! Find in the viewer: the matching itself (full-/half-width and case folded, hits mapped back
//! to the characters shown) is the library's [`crate::document::find`], shared with the
//! library of received notices.

pub use crate::document::find::Query;
