//! The desktop viewer.

use std::path::PathBuf;
use std::process::ExitCode;

/// Starts the viewer. Until the viewer lands, prints the verdict of the bundle (or the sample).
///
/// Fails if the report cannot be written.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let command = crate::cli::Command::Verify {
        sample: file.is_none(),
        file,
        keys: crate::cli::KeyArgs::default(),
        json: false,
    };
    crate::cli::run(command)
}
