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
            // Errors quote file names and file contents: hostile text, shown escaped.
            eprintln!("kairan: {}", kairan::escape::visible(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}
