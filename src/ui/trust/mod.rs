//! The reader's own trust records in the app. State: [`state`] holds everything trust-related
//! ([`state::TrustState`]), assesses the bundle on screen and handles every trust command;
//! [`files`] reads the trust files and keeps what could not be read; [`dialogs`] is "Trust this
//! key as…" and "This is a new key of NAME"; [`keys_window`] is the Settings ▸ Trusted keys
//! window. Views: [`view`] draws the banner's trust lines and the note on the last action,
//! [`dialogs_view`], [`keys_window_view`] and [`files_view`] draw the dialogs, the Trusted keys
//! window and unreadable trust files. The verdict itself is decided by [`crate::trust::assess`].

pub mod dialogs;
pub mod dialogs_view;
pub mod files;
pub mod files_view;
pub mod keys_window;
pub mod keys_window_view;
pub mod state;
pub mod view;
