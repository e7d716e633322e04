//! The platform's own opener for files and folders: `xdg-open` on Linux and other Unix
//! desktops, `open` on macOS, `explorer` on Windows. The firm's "Show folder" and the reader's
//! Print both hand their path to it, as one argument and never through a shell.

/// The opener program of this platform.
pub fn platform_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    }
}
