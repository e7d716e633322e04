//! Shared helpers for every test binary (`tests/integration/`, `tests/ui/`, `tests/hostile.rs`):
//! raw ZIP archives, signed test bundles, the hostile corpus, a test's own configuration folder
//! with keys and bundles, and running the built `kairan` binary and external tools.
//!
//! Each test binary uses a different part of this module, so unused items are expected.
#![allow(dead_code)]

pub mod app;
pub mod bundle;
pub mod env;
pub mod hostile;
pub mod series;
pub mod zip;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `kairan` binary built for these tests.
pub const KAIRAN: &str = env!("CARGO_BIN_EXE_kairan");

/// The sample notice folder (the sources of `notices/mikasa-2023-06-29.kairan`).
pub fn sample_folder() -> PathBuf {
    root().join("notices/mikasa-2023-06-29")
}

/// A configuration folder of the test's own (trust store, history, settings): a fresh path
/// under Cargo's temporary folder for tests, shared with no other test and not made yet (Kairan
/// makes it on its first write, as it does in a real home folder).
pub fn config_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("kairan-config-{}-{n}", std::process::id()))
}

/// A home folder that does not exist and cannot be made: anything that reaches for the user's
/// real folders fails loudly instead of touching them.
pub const NO_HOME: &str = "/nonexistent/kairan-test-home";

/// A command running the `kairan` binary with `config` as its configuration folder and
/// [`NO_HOME`] as its home, configuration and data folders, so that it neither reads nor changes
/// the user's trusted keys, history or settings.
pub fn kairan_with_config(config: &Path) -> Command {
    let mut command = Command::new(KAIRAN);
    command
        .env(kairan::trust::CONFIG_DIR_ENV, config)
        .env("HOME", NO_HOME)
        .env("XDG_CONFIG_HOME", NO_HOME)
        .env("XDG_DATA_HOME", NO_HOME);
    command
}

/// A command running the `kairan` binary with a [`config_dir`] of its own (an empty trust store
/// and history), so that tests do not see each other's history.
pub fn kairan() -> Command {
    kairan_with_config(&config_dir())
}

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

/// Copies the sample notice folder ([`sample_folder`]) to `to`, which is made.
pub fn copy_sample(to: &Path) {
    copy_dir(&sample_folder(), to);
}

/// Copies the folder `from` with everything in it to `to`, which is made.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("the copy's folder is made");
    for entry in std::fs::read_dir(from).expect("the folder to copy is readable") {
        let entry = entry.expect("the folder to copy is readable");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a file is copied");
        }
    }
}

/// A copy of the sample notice folder in a temporary folder of its own, removed when dropped.
pub struct SampleCopy {
    parent: tempfile::TempDir,
    path: PathBuf,
}

impl SampleCopy {
    /// The copied notice folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary folder the copy is in, for files a test keeps beside the notice folder.
    pub fn parent(&self) -> &Path {
        self.parent.path()
    }
}

/// A fresh copy of the sample notice folder: `notice/` in a temporary folder of its own.
pub fn sample_copy() -> SampleCopy {
    let parent = temp_dir();
    let path = parent.path().join("notice");
    copy_sample(&path);
    SampleCopy { parent, path }
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
