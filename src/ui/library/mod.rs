//! The reader's library of received notices in the app. State: [`state`] holds the library,
//! the Library window's listing and search, and "Changes since 第N報" ([`state::LibraryState`]),
//! and handles every [`state::LibraryCommand`]. Views: [`window_view`] draws the Library window
//! (series by issuer with their reports, gaps and conflicts; the search across all notices),
//! [`changes_view`] the changes since the report kept before the one on screen and the toolbar
//! button that opens them. What is kept and how it is searched is [`crate::library`]; what
//! changed is [`crate::series`]; nothing here decides either.

pub mod changes_view;
pub mod state;
pub mod window_view;

/// Draws the library's windows.
pub fn windows_ui(
    ctx: &egui::Context,
    state: &crate::ui::state::AppState,
    commands: &mut Vec<crate::ui::command::Command>,
) {
    window_view::library_window_ui(ctx, state, commands);
    changes_view::changes_window_ui(ctx, state, commands);
}
