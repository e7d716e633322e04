//! The firm's room: a notice folder previewed exactly as clients will see it. [`state`] holds
//! the preview and its findings and handles every authoring command; [`forms`] is what the
//! authoring dialogs hold; [`jobs`] starts importing, signing, exporting for clients and
//! creating a key; [`panels`] draws the source errors, the preview toolbar and the checks
//! panel; [`dialogs`] the menu entries and dialogs (open, import, sign, export for clients, new
//! key) and [`reports`] what they did; [`background`] runs native dialogs, signing and key
//! creation off the UI thread; [`watch`] reloads on save. The work itself is
//! [`crate::authoring`].

pub mod background;
pub mod dialogs;
pub mod forms;
pub mod jobs;
pub mod panels;
pub mod reports;
pub mod state;
pub mod watch;
