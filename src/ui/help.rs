//! The in-app help (F1 or Help ▸ Guide): what each verdict means and what to do about it,
//! the marks in the letters, and every keyboard shortcut, read from the one command table so
//! the guide cannot list a key that does nothing; and About: the version, Kairan's licence,
//! the bundled font's licence and the licence of every library Kairan uses directly.

use egui::RichText;

use crate::ui::actions::Action;
use crate::ui::command::Command;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::AppState;
use crate::ui::viewer::banner::{Tone, status_icon};

/// Which page of the help window is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    /// Verdicts, marks and keys.
    Guide,
    /// Version and licences.
    About,
}

/// The libraries Kairan uses directly and their licences (SPDX), as their packages state
/// them. A test checks this list against `Cargo.toml`, so a new dependency cannot go unnamed.
pub const DIRECT_DEPENDENCIES: &[(&str, &str)] = &[
    ("anyhow", "MIT OR Apache-2.0"),
    ("base64", "MIT OR Apache-2.0"),
    ("blake2", "MIT OR Apache-2.0"),
    ("clap", "MIT OR Apache-2.0"),
    ("crc32fast", "MIT OR Apache-2.0"),
    ("directories", "MIT OR Apache-2.0"),
    ("dissimilar", "Apache-2.0"),
    ("ed25519-dalek", "BSD-3-Clause"),
    ("eframe", "MIT OR Apache-2.0"),
    ("ego-tree", "ISC"),
    ("egui", "MIT OR Apache-2.0"),
    ("encoding_rs", "(Apache-2.0 OR MIT) AND BSD-3-Clause"),
    ("flate2", "MIT OR Apache-2.0"),
    ("getrandom", "MIT OR Apache-2.0"),
    ("jiff", "Unlicense OR MIT"),
    ("libc", "MIT OR Apache-2.0"),
    ("minisign", "MIT"),
    ("notify", "CC0-1.0"),
    ("objc2", "MIT (macOS only)"),
    ("objc2-foundation", "MIT (macOS only)"),
    ("rfd", "MIT"),
    ("rpassword", "Apache-2.0"),
    ("rusqlite", "MIT (SQLite itself: public domain)"),
    (
        "rustix",
        "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT",
    ),
    ("scraper", "ISC"),
    ("scrypt", "MIT OR Apache-2.0"),
    ("serde", "MIT OR Apache-2.0"),
    ("serde_json", "MIT OR Apache-2.0"),
    ("sha2", "MIT OR Apache-2.0"),
    ("similar", "Apache-2.0"),
    ("tempfile", "MIT OR Apache-2.0"),
    ("thiserror", "MIT OR Apache-2.0"),
    ("typst", "Apache-2.0"),
    ("typst-layout", "Apache-2.0"),
    ("typst-pdf", "Apache-2.0"),
    (
        "unicode-normalization",
        "(MIT OR Apache-2.0) AND Unicode-3.0",
    ),
    ("unicode-security", "MIT OR Apache-2.0"),
];

/// The help window, when it is open.
pub fn help_window_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let Some(page) = state.help else {
        return;
    };
    let strings = state.language().strings();
    let screen = ctx.content_rect();
    egui::Window::new(strings.help_window_title)
        .id(egui::Id::unique("help-window"))
        .collapsible(false)
        .resizable(true)
        .default_width((screen.width() - 24.0).clamp(200.0, 640.0))
        .max_width(screen.width() - 16.0)
        .default_height(screen.height() * 0.75)
        .max_height(screen.height() - 40.0)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(screen.center())
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (candidate, label) in [
                    (HelpPage::Guide, strings.help_guide),
                    (HelpPage::About, strings.help_about),
                ] {
                    if ui
                        .add(egui::Button::selectable(page == candidate, label))
                        .clicked()
                    {
                        commands.push(Command::ShowHelp(candidate));
                    }
                }
                if ui.button(strings.detail_close).clicked() {
                    commands.push(Command::CloseHelp);
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| match page {
                    HelpPage::Guide => guide_ui(ui, strings),
                    HelpPage::About => about_ui(ui, strings),
                });
        });
}

fn guide_ui(ui: &mut egui::Ui, strings: &Strings) {
    ui.label(strings.help_intro);
    ui.add_space(8.0);
    ui.heading(strings.help_verdicts);
    let dark = ui.visuals().dark_mode;
    for (tone, title, text) in [
        (Tone::Good, strings.help_good_title, strings.help_good_text),
        (Tone::Info, strings.help_info_title, strings.help_info_text),
        (
            Tone::Caution,
            strings.help_caution_title,
            strings.help_caution_text,
        ),
        (
            Tone::Danger,
            strings.help_danger_title,
            strings.help_danger_text,
        ),
    ] {
        let (_, border, _) = tone.colors(dark);
        ui.horizontal(|ui| {
            status_icon(ui, tone, 20.0, border);
            ui.label(RichText::new(title).strong());
        });
        ui.label(text);
        ui.add_space(4.0);
    }
    ui.add_space(8.0);
    ui.heading(strings.help_marks);
    for mark in [
        strings.help_mark_mask,
        strings.help_mark_omission,
        strings.help_mark_link,
        strings.help_mark_unread,
    ] {
        ui.label(mark);
    }
    ui.add_space(8.0);
    ui.heading(strings.help_keys);
    // One wrapped line a key (not a grid, whose cells never wrap): the guide fits a narrow
    // window.
    let ctx = ui.ctx().clone();
    let keys = Action::ALL
        .iter()
        .map(|action| (action.shortcut_text(&ctx), action.label(strings)))
        .chain([
            ("Esc".to_owned(), strings.help_key_escape),
            ("Tab / Enter".to_owned(), strings.help_key_tab),
            (
                "Shift + ← → ↑ ↓ / Home / End".to_owned(),
                strings.help_key_select,
            ),
        ]);
    for (key, what) in keys {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(key).strong());
            ui.label(what);
        });
    }
}

fn about_ui(ui: &mut egui::Ui, strings: &Strings) {
    ui.heading(fill(
        strings.about_version,
        &[("version", env!("CARGO_PKG_VERSION"))],
    ));
    ui.label(strings.about_what);
    ui.add_space(6.0);
    ui.label(strings.about_license);
    ui.label(strings.about_font);
    ui.add_space(6.0);
    ui.label(RichText::new(strings.about_crates).strong());
    egui::Grid::new("about-crates")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (name, licence) in DIRECT_DEPENDENCIES {
                ui.label(*name);
                ui.label(*licence);
                ui.end_row();
            }
        });
    ui.label(RichText::new(strings.about_crates_note).small());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dependency names of every `[dependencies]` table of `Cargo.toml`.
    fn manifest_dependencies() -> Vec<String> {
        let manifest = include_str!("../../Cargo.toml");
        let mut names = Vec::new();
        let mut in_dependencies = false;
        for line in manifest.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                in_dependencies = line == "[dependencies]"
                    || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
                continue;
            }
            if in_dependencies
                && let Some((name, _)) = line.split_once('=')
                && !line.starts_with('#')
            {
                names.push(name.trim().to_owned());
            }
        }
        names.sort();
        names.dedup();
        names
    }

    #[test]
    fn about_names_every_direct_dependency_and_nothing_else() {
        let listed: Vec<String> = DIRECT_DEPENDENCIES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted, "keep the list sorted");
        assert_eq!(listed, manifest_dependencies());
    }
}
