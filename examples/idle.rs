//! Idle benchmark subject: opens a window and leaves it alone until killed.
//!
//! `idle kairan` runs the viewer on the built-in sample; `idle bare` runs an eframe window with
//! one label, built with the same eframe features and window options. `scripts/idle_cpu.sh`
//! starts each under Xvfb and reads the CPU time it uses while nobody touches it: a desktop
//! app should then cost about what the bare window costs (near zero).
// Tests, benches and examples: a failed unwrap is a failed run, and they report by printing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

use eframe::egui;
use kairan::ui::{AppOptions, FirstOpen, KairanApp};

struct Bare;

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| ui.label("Kairan"));
    }
}

fn main() -> eframe::Result {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let options = kairan::ui::native_options();
    match mode.as_str() {
        "kairan" => eframe::run_native(
            "kairan-idle",
            options,
            Box::new(|cc| {
                Ok(Box::new(KairanApp::new(
                    cc,
                    AppOptions::for_user(FirstOpen::Sample),
                )))
            }),
        ),
        "bare" => eframe::run_native("bare-idle", options, Box::new(|_| Ok(Box::new(Bare)))),
        _ => {
            eprintln!("usage: idle kairan|bare");
            std::process::exit(2);
        }
    }
}
