//! Trust files that could not be read, shown above the bundle: which file, what that means for
//! the reader, what to do, and Reload and Hide. The app carries on; the file is never written.

use egui::RichText;

use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::fill;
use crate::ui::state::AppState;
use crate::ui::trust::files::TrustFile;
use crate::ui::trust::state::TrustCommand;
use crate::ui::trust::view::trust;
use crate::ui::viewer::banner::Tone;
use crate::ui::widgets::{error_detail_text, tone_box_ui};

/// Trust files that could not be read: which file, what that means, what to do. The app
/// carries on; the file is never written.
pub fn file_problems_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let files = &state.trust.files;
    if files.problems.is_empty() || state.trust.problems_hidden {
        return;
    }
    let strings = state.language().strings();
    tone_box_ui(ui, Tone::Danger, |ui, text| {
        for problem in &files.problems {
            let path = problem
                .path
                .as_ref()
                .map(|path| path.display().to_string())
                .unwrap_or_default();
            let (title, effect, advice) = match problem.file {
                TrustFile::Store => (
                    strings.problem_store_title,
                    strings.problem_store_effect,
                    Some(strings.problem_store_advice),
                ),
                TrustFile::History => (
                    strings.problem_history_title,
                    strings.problem_partial_effect,
                    None,
                ),
                TrustFile::Settings => (
                    strings.problem_settings_title,
                    strings.problem_partial_effect,
                    None,
                ),
                TrustFile::Folder => (
                    strings.problem_folder_title,
                    strings.problem_folder_effect,
                    None,
                ),
            };
            ui.label(
                RichText::new(fill(title, &[("path", &path)]))
                    .strong()
                    .size(16.0)
                    .color(text),
            );
            ui.add(egui::Label::new(RichText::new(effect).color(text)).wrap());
            if let Some(advice) = advice {
                ui.add(egui::Label::new(RichText::new(advice).color(text)).wrap());
            }
            ui.add(
                egui::Label::new(
                    error_detail_text(strings, &explain(&problem.error, strings.lang)).color(text),
                )
                .wrap(),
            );
        }
        ui.horizontal(|ui| {
            if ui.button(strings.reload).clicked() {
                commands.push(trust(TrustCommand::ReloadFiles));
            }
            if ui.button(strings.hide).clicked() {
                commands.push(trust(TrustCommand::HideProblems));
            }
        });
    });
}
