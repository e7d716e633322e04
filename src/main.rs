//! Kairan's entry point: with a subcommand, the CLI; without one, the viewer.

use std::process::ExitCode;

use clap::Parser as _;
use kairan::cli::{self, Cli};

// main.rs and the CLI are the only code that prints.
#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    restore_default_sigpipe();
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
            eprintln!("kairan: {}", kairan::escape::one_line(&message_of(&error)));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes on one line, each cause once: a message that already names its
/// cause ("could not read x: Is a directory") is not followed by it again.
fn message_of(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    message
}

/// Lets `kairan verify … | head` end quietly when the reader stops reading, as command-line
/// tools do, instead of failing to print (Rust ignores SIGPIPE by default).
#[cfg(unix)]
#[allow(unsafe_code)]
fn restore_default_sigpipe() {
    // SAFETY: called first thing in `main`, before any other thread exists; it only resets the
    // disposition of one signal to the system default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}
