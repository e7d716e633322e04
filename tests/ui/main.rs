//! The app driven headless through egui_kittest (its accessibility tree and what its frames
//! paint), with the app's own fonts; no display is needed. One test binary, one module per
//! part of the app.
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

mod help;
mod hostile;
mod layout;
mod library;
mod preview;
mod print;
mod reader;
mod selection;
mod trust;
// Runs the CLI too, but its last rendering is the viewer's, in a kittest harness: it belongs here.
mod verdict_consistency;
mod viewer;
mod withheld;
