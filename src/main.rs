//! Kairan's entry point: with a subcommand, the CLI; without one, the viewer.

use std::process::ExitCode;

use clap::Parser as _;
use kairan::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => cli::run(command),
        None => kairan::ui::run(cli.file),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // Errors quote file names and file contents: hostile text, shown escaped and on one
            // line (commands print multi-line details themselves).
            eprintln!(
                "kairan: {}",
                kairan::escape::one_line(&format!("{error:#}"))
            );
            ExitCode::FAILURE
        }
    }
}
