//! The reader's own trust records in the app: [`state`] holds the trust files, the assessment of
//! the bundle on screen and the trust dialogs' state, and handles their commands; [`view`]
//! draws the banner's trust lines, the "Trust this key as…" dialog and the Trusted keys window.
//! The verdict itself is decided by [`crate::trust::assess`].

pub mod state;
pub mod view;
