//! `kairan preview DIR`: opens the desktop app on a notice folder in the authoring preview —
//! the folder compiled as clients will see it, unsigned, updating as sources are saved.

use std::path::PathBuf;
use std::process::ExitCode;

/// `kairan preview`.
#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
    /// The notice folder (holding bundle.json).
    pub dir: PathBuf,
}

/// Runs `kairan preview`.
///
/// Fails if the folder does not exist or no window can be created.
pub fn preview(args: PreviewArgs) -> anyhow::Result<ExitCode> {
    if !args.dir.is_dir() {
        anyhow::bail!(
            "{} is not a folder; give the notice folder that holds bundle.json",
            args.dir.display()
        );
    }
    crate::ui::run_with(crate::ui::FirstOpen::Folder(args.dir))
}
