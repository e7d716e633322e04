//! The integration tests that need no window: the library and the built `kairan` binary driven
//! as a user, a script or another tool would. One test binary, one module per subject, so that
//! a build links one executable instead of one per file.
// Tests, benches and examples: a failed unwrap is a failed run, and they report by printing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

#[path = "../support/mod.rs"]
mod support;

mod authoring;
mod authoring_cli;
mod checks;
mod checks_sent;
mod cli;
mod format;
mod format_v1;
mod format_v2;
mod import;
mod import_english;
mod import_html;
mod import_styles;
mod interop;
mod large;
mod library;
mod pdf;
mod sample_fidelity;
mod series_diff;
mod tables;
mod trust;
// Kills only the processes it starts and changes nothing process-wide, so it needs no binary of
// its own.
mod trust_crash;
