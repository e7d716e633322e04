//! The hostile corpus (filled in below).
