//! Start-up benchmark subject: opens a window, paints the first frame, and exits.
//!
//! `first_frame kairan` runs the viewer on the built-in sample (`first_frame kairan-file FILE`
//! on a file, for its memory with a large bundle shown); `first_frame bare` runs an
//! eframe window with one label, built with the same eframe features and window options. Both
//! close when the second frame starts, i.e. once the first has been painted, so timing the
//! process measures start-up to first frame (`scripts/bench.sh`, under Xvfb).
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

struct CloseAfterFirstFrame<A> {
    inner: A,
    frames: u32,
}

impl<A: eframe::App> eframe::App for CloseAfterFirstFrame<A> {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frames += 1;
        if self.frames >= 2 {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.inner.ui(ui, frame);
        ui.ctx().request_repaint();
    }
}

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
            "kairan-first-frame",
            options,
            Box::new(|cc| {
                let inner = KairanApp::new(cc, AppOptions::for_user(FirstOpen::Sample));
                Ok(Box::new(CloseAfterFirstFrame { inner, frames: 0 }))
            }),
        ),
        "bare" => eframe::run_native(
            "bare-first-frame",
            options,
            Box::new(|_| {
                Ok(Box::new(CloseAfterFirstFrame {
                    inner: Bare,
                    frames: 0,
                }))
            }),
        ),
        // The viewer on a file of the caller's, for its peak memory with a large bundle shown.
        "kairan-file" => {
            let Some(path) = std::env::args().nth(2) else {
                eprintln!("usage: first_frame kairan-file FILE");
                std::process::exit(2);
            };
            eframe::run_native(
                "kairan-first-frame",
                options,
                Box::new(move |cc| {
                    let inner =
                        KairanApp::new(cc, AppOptions::for_user(FirstOpen::File(path.into())));
                    Ok(Box::new(CloseAfterFirstFrame { inner, frames: 0 }))
                }),
            )
        }
        _ => {
            eprintln!("usage: first_frame kairan|bare|kairan-file FILE");
            std::process::exit(2);
        }
    }
}
