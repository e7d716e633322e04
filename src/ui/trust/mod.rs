//! The reader's own trust records in the app. [`state`] holds everything trust-related
//! ([`state::TrustState`]), assesses the bundle on screen and handles every trust command;
//! [`files`] reads the trust files and keeps what could not be read; [`dialogs`] is "Trust this
//! key as…" and "This is a new key of NAME"; [`keys_window`] is the Settings ▸ Trusted keys
//! window. [`view`] draws the banner's trust lines, the dialogs and the Trusted keys window.
//! The verdict itself is decided by [`crate::trust::assess`].

pub mod dialogs;
pub mod files;
pub mod keys_window;
pub mod state;
pub mod view;
