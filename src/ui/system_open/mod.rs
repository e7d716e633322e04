//! Files the operating system asks the running viewer to open, outside its command line: on
//! macOS, Finder sends an "open documents" Apple event when a `.kairan` file is double-clicked
//! (the path is never in `argv` there). The platform's handler hands each path in with
//! [`hand_in`]; the viewer takes them with [`take`] at the start of each frame and opens them
//! as if they had been dropped on the window.
//!
//! Windows and Linux pass the file on the command line (the `.desktop` file's `%f`, the
//! installer's `"%1"`), so nothing here is used there.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

#[cfg(target_os = "macos")]
mod macos;

/// Paths handed in and not yet taken.
static WAITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// The viewer's context, to wake it when a path arrives while it sleeps.
static WAKE: OnceLock<egui::Context> = OnceLock::new();

/// Installs the platform's handler for files opened from outside (macOS only; elsewhere it
/// does nothing). Call before the event loop starts, so that the file a cold start was asked
/// to open is not missed.
pub fn install() {
    #[cfg(target_os = "macos")]
    macos::install();
}

/// Lets [`hand_in`] wake the viewer.
pub fn wake_with(ctx: &egui::Context) {
    let _ = WAKE.set(ctx.clone());
}

/// Hands in a path to open, and wakes the viewer.
pub fn hand_in(path: PathBuf) {
    if let Ok(mut waiting) = WAITING.lock() {
        waiting.push(path);
    }
    if let Some(ctx) = WAKE.get() {
        ctx.request_repaint();
    }
}

/// The paths handed in since the last call, oldest first.
pub fn take() -> Vec<PathBuf> {
    WAITING
        .lock()
        .map(|mut waiting| std::mem::take(&mut *waiting))
        .unwrap_or_default()
}
