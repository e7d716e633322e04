//! Shared helpers for every test binary (`tests/integration/`, `tests/ui/`, `tests/hostile.rs`):
//! raw ZIP archives, signed test bundles, the hostile corpus, a test's own configuration folder
//! with keys and bundles, and running the built `kairan` binary and external tools.
//!
//! Each test binary uses a different part of this module, so unused items are expected.
#![allow(dead_code)]

pub mod bundle;
pub mod env;
pub mod hostile;
pub mod zip;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command running the `kairan` binary built for these tests, with a configuration folder
/// of its own (an empty trust store and history) so that tests neither read nor change the
/// user's trusted keys and do not see each other's history.
pub fn kairan() -> Command {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let config = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("kairan-config-{}-{n}", std::process::id()));
    let mut command = Command::new(env!("CARGO_BIN_EXE_kairan"));
    command
        .env(kairan::trust::CONFIG_DIR_ENV, config)
        .env("HOME", NO_HOME)
        .env("XDG_CONFIG_HOME", NO_HOME)
        .env("XDG_DATA_HOME", NO_HOME);
    command
}

/// A home folder that does not exist and cannot be made: anything that reaches for the user's
/// real folders fails loudly instead of touching them.
pub const NO_HOME: &str = "/nonexistent/kairan-test-home";

/// Runs `kairan` with `args` in `dir` and returns its output.
pub fn run_kairan(dir: &Path, args: &[&str]) -> Output {
    kairan()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the kairan binary runs")
}

/// A fresh temporary directory, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// Fails the test with installation advice if an external tool is missing. Tests that need
/// the stock tools never skip silently: CI installs them (`.ci/run`).
pub fn require_tool(tool: &str, package: &str) {
    let found = Command::new(tool)
        .arg(if tool == "minisign" {
            "-v"
        } else {
            "--version"
        })
        .output()
        .is_ok();
    assert!(
        found,
        "this test needs `{tool}`, which is not installed; install it with \
         `apt-get install -y {package}` (CI does this in .ci/run)"
    );
}

/// Exit status, stdout and stderr as text, for assertion messages.
pub fn describe(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
