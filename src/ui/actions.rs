//! The one table of what the reader can do by keyboard and menu: each [`Action`] carries its
//! shortcut, its menu label and the [`Command`] it sends, so that a shortcut, its menu text and
//! its behaviour cannot drift apart, and a test can see that no two actions share a key.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::command::{Command, ZoomStep};
use super::i18n::Strings;
use super::library::state::LibraryCommand;

/// Something the reader can ask for from a menu or with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open a bundle with the native file dialog.
    Open,
    /// Open the Library window of received notices.
    Library,
    /// Print the shown bundle (through a PDF with the verdict on every page).
    Print,
    /// Save the shown bundle as a PDF.
    ExportPdf,
    /// Open the search bar.
    Find,
    /// Go to the next masked field or omitted section.
    NextWithheld,
    /// Go to the previous one.
    PreviousWithheld,
    /// Go to the next search hit.
    NextHit,
    /// Go to the previous search hit.
    PreviousHit,
    /// Return to the document shown before the last link.
    Back,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Actual size.
    ZoomReset,
    /// Show or hide the side list.
    ToggleSideList,
    /// Open the guide.
    Help,
    /// Select the whole text of the letter being read.
    SelectAll,
}

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Action; 16] = [
        Action::Open,
        Action::Library,
        Action::Print,
        Action::ExportPdf,
        Action::Find,
        Action::NextWithheld,
        Action::PreviousWithheld,
        Action::NextHit,
        Action::PreviousHit,
        Action::Back,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::ToggleSideList,
        Action::Help,
        Action::SelectAll,
    ];

    /// Its keyboard shortcut.
    pub fn shortcut(self) -> KeyboardShortcut {
        use egui::gui_zoom::kb_shortcuts;
        match self {
            Action::Open => KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
            Action::Library => KeyboardShortcut::new(Modifiers::COMMAND, Key::L),
            Action::Print => KeyboardShortcut::new(Modifiers::COMMAND, Key::P),
            Action::ExportPdf => {
                KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E)
            }
            Action::Find => KeyboardShortcut::new(Modifiers::COMMAND, Key::F),
            Action::NextWithheld => KeyboardShortcut::new(Modifiers::NONE, Key::F8),
            Action::PreviousWithheld => KeyboardShortcut::new(Modifiers::SHIFT, Key::F8),
            Action::NextHit => KeyboardShortcut::new(Modifiers::NONE, Key::F3),
            Action::PreviousHit => KeyboardShortcut::new(Modifiers::SHIFT, Key::F3),
            Action::Back => KeyboardShortcut::new(Modifiers::ALT, Key::ArrowLeft),
            Action::ZoomIn => kb_shortcuts::ZOOM_IN,
            Action::ZoomOut => kb_shortcuts::ZOOM_OUT,
            Action::ZoomReset => kb_shortcuts::ZOOM_RESET,
            // As in PDF readers, which show and hide their navigation pane with F4.
            Action::ToggleSideList => KeyboardShortcut::new(Modifiers::NONE, Key::F4),
            Action::Help => KeyboardShortcut::new(Modifiers::NONE, Key::F1),
            Action::SelectAll => KeyboardShortcut::new(Modifiers::COMMAND, Key::A),
        }
    }

    /// Whether egui itself answers the shortcut (its keyboard zoom), so the app must not
    /// consume it a second time.
    pub fn handled_by_egui(self) -> bool {
        matches!(self, Action::ZoomIn | Action::ZoomOut | Action::ZoomReset)
    }

    /// Whether a text field with the keyboard keeps the shortcut for itself (Ctrl+A selects
    /// the field's text, not the letter's).
    pub fn yields_to_typing(self) -> bool {
        matches!(self, Action::SelectAll)
    }

    /// Its label in menus and on buttons.
    pub fn label(self, strings: &Strings) -> &'static str {
        match self {
            Action::Open => strings.open,
            Action::Library => strings.library_menu,
            Action::Print => strings.print_menu,
            Action::ExportPdf => strings.export_pdf_menu,
            Action::Find => strings.find,
            Action::NextWithheld => strings.next_withheld,
            Action::PreviousWithheld => strings.previous_withheld,
            Action::NextHit => strings.search_next,
            Action::PreviousHit => strings.search_previous,
            Action::Back => strings.back,
            Action::ZoomIn => strings.zoom_in,
            Action::ZoomOut => strings.zoom_out,
            Action::ZoomReset => strings.zoom_reset,
            Action::ToggleSideList => strings.toggle_side_list,
            Action::Help => strings.help_guide,
            Action::SelectAll => strings.select_all,
        }
    }

    /// What it asks the app to do.
    pub fn command(self) -> Command {
        match self {
            Action::Open => Command::ChooseFile,
            Action::Library => Command::Library(LibraryCommand::OpenWindow),
            Action::Print => {
                crate::ui::print::state::open_dialog(crate::ui::print::state::Purpose::Print)
            }
            Action::ExportPdf => {
                crate::ui::print::state::open_dialog(crate::ui::print::state::Purpose::Export)
            }
            Action::Find => Command::OpenSearch,
            Action::NextWithheld => Command::NextWithheld,
            Action::PreviousWithheld => Command::PreviousWithheld,
            Action::NextHit => Command::NextHit,
            Action::PreviousHit => Command::PreviousHit,
            Action::Back => Command::Back,
            Action::ZoomIn => Command::Zoom(ZoomStep::In),
            Action::ZoomOut => Command::Zoom(ZoomStep::Out),
            Action::ZoomReset => Command::Zoom(ZoomStep::Reset),
            Action::ToggleSideList => Command::ToggleSideList,
            Action::Help => Command::ShowHelp(crate::ui::help::HelpPage::Guide),
            Action::SelectAll => Command::SelectAll(None),
        }
    }

    /// Its shortcut as menus and the help show it, with keys written as their symbols
    /// (`Ctrl++`, not egui's English `Ctrl+Plus`), the same in every language.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        ctx.format_shortcut(&self.shortcut())
            .replace("Plus", "+")
            .replace("Minus", "-")
    }

    /// A menu entry showing the label and the shortcut; pushes the command when clicked.
    pub fn menu_button(self, ui: &mut egui::Ui, strings: &Strings, commands: &mut Vec<Command>) {
        let button =
            egui::Button::new(self.label(strings)).shortcut_text(self.shortcut_text(ui.ctx()));
        if ui.add(button).clicked() {
            commands.push(self.command());
        }
    }

    /// The commands of every shortcut pressed this frame (the shortcuts are consumed, so a
    /// text field does not also receive them; while one has the keyboard, `typing`, those
    /// that [yield to typing](Action::yields_to_typing) are left to it). Shortcuts with more
    /// modifiers are matched first, so Shift+F8 is never also read as F8.
    pub fn pressed(input: &mut egui::InputState, typing: bool) -> Vec<Command> {
        let mut actions: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|action| !(action.handled_by_egui() || typing && action.yields_to_typing()))
            .collect();
        actions.sort_by_key(|action| std::cmp::Reverse(modifier_count(action.shortcut())));
        // Every press counts: F8 pressed three times within one frame moves three items.
        actions
            .into_iter()
            .flat_map(|action| {
                let shortcut = action.shortcut();
                let presses = input.count_and_consume_key(shortcut.modifiers, shortcut.logical_key);
                (0..presses).map(move |_| action.command())
            })
            .collect()
    }
}

fn modifier_count(shortcut: KeyboardShortcut) -> usize {
    let modifiers = shortcut.modifiers;
    [
        modifiers.alt,
        modifiers.ctrl,
        modifiers.shift,
        modifiers.mac_cmd,
        modifiers.command,
    ]
    .into_iter()
    .filter(|on| *on)
    .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        for (index, action) in Action::ALL.iter().enumerate() {
            for other in &Action::ALL[index + 1..] {
                assert_ne!(
                    action.shortcut(),
                    other.shortcut(),
                    "{action:?} and {other:?} share a shortcut"
                );
            }
        }
    }

    #[test]
    fn every_action_has_a_label_in_each_language_and_a_distinct_command() {
        for language in [Language::Japanese, Language::English] {
            let strings = language.strings();
            for action in Action::ALL {
                assert!(!action.label(strings).trim().is_empty(), "{action:?}");
            }
        }
        for (index, action) in Action::ALL.iter().enumerate() {
            for other in &Action::ALL[index + 1..] {
                assert_ne!(action.command(), other.command(), "{action:?} / {other:?}");
            }
        }
    }

    #[test]
    fn shift_f8_goes_back_and_f8_goes_forward() {
        let ctx = egui::Context::default();
        let press = |modifiers: Modifiers| {
            let mut input = egui::RawInput::default();
            input.events.push(egui::Event::Key {
                key: Key::F8,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            });
            let mut commands = Vec::new();
            let mut output = ctx.run_ui(input, |ui| {
                commands = ui.ctx().input_mut(|input| Action::pressed(input, false));
            });
            output.textures_delta.clear();
            commands
        };
        assert_eq!(press(Modifiers::SHIFT), vec![Command::PreviousWithheld]);
        assert_eq!(press(Modifiers::NONE), vec![Command::NextWithheld]);
    }
}
