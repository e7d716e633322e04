//! The viewer's panels around the letters: menu bar, open errors and messages, toolbar,
//! search bar and the dialogs. The side list is in [`side_list`](super::side_list) and the two
//! document panes in [`panes`](super::panes). Each `*_ui` function reads [`AppState`] and
//! pushes [`Command`]s.

use crate::escape::one_line;
use egui::{Key, RichText};

use crate::bundle::{FailureKind, Role};
use crate::ui::actions::Action;
use crate::ui::command::Command;
use crate::ui::error_text::explain;
use crate::ui::i18n::{Language, Strings, fill};
use crate::ui::settings::ThemeChoice;
use crate::ui::state::{AppState, Dialog, Message, PathPromptReason, Shown, WithheldSort};
use crate::ui::viewer::banner::{Tone, status_icon};
use crate::ui::widgets::{error_detail_text, tone_box_ui};

pub use crate::ui::viewer::panes::{altered_frame, panes_ui};
pub use crate::ui::viewer::side_list::sidebar_ui;

/// The name of a role, as the side list and the banner say it.
pub fn role_name(strings: &Strings, role: Role) -> &'static str {
    match role {
        Role::FirmNotice => strings.role_firm,
        Role::VendorNotice => strings.role_vendor,
        Role::Report => strings.role_report,
        Role::Attachment => strings.attachments,
        Role::KeyRollover => strings.role_key_rollover,
    }
}

/// The menu bar, with the one-click language switch at its right.
pub fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let language = state.language();
    let strings = language.strings();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(strings.menu_file, |ui| {
            Action::Open.menu_button(ui, strings, commands);
            Action::Library.menu_button(ui, strings, commands);
            if ui.button(strings.open_by_path).clicked() {
                commands.push(Command::AskForPath);
            }
            crate::ui::authoring::dialogs::file_menu_ui(ui, state, commands);
            ui.separator();
            ui.add_enabled_ui(crate::ui::print::state::can_print(state), |ui| {
                Action::Print.menu_button(ui, strings, commands);
                Action::ExportPdf.menu_button(ui, strings, commands);
            });
            ui.separator();
            ui.menu_button(strings.recent, |ui| {
                if state.recent.paths().is_empty() {
                    ui.label(strings.recent_none);
                }
                for path in state.recent.paths() {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::OpenPath(path.clone()));
                    }
                }
            });
            if ui.button(strings.open_sample).clicked() {
                commands.push(Command::OpenSample);
            }
            ui.separator();
            if ui.button(strings.quit).clicked() {
                commands.push(Command::Quit);
            }
        });
        ui.menu_button(strings.menu_view, |ui| {
            Action::Find.menu_button(ui, strings, commands);
            Action::SelectAll.menu_button(ui, strings, commands);
            // From the menu too, the letter last under the pointer is the one selected.
            if let Some(Command::SelectAll(target @ None)) = commands.last_mut() {
                *target = crate::ui::viewer::document::reading_document(ui.ctx());
            }
            ui.separator();
            Action::ToggleSideList.menu_button(ui, strings, commands);
            ui.separator();
            for action in [Action::ZoomIn, Action::ZoomOut, Action::ZoomReset] {
                action.menu_button(ui, strings, commands);
            }
            let percent = format!("{:.0}", state.settings.zoom * 100.0);
            ui.label(fill(strings.zoom_percent, &[("percent", &percent)]));
            ui.separator();
            ui.label(strings.theme);
            for (label, theme) in [
                (strings.theme_system, ThemeChoice::System),
                (strings.theme_light, ThemeChoice::Light),
                (strings.theme_dark, ThemeChoice::Dark),
            ] {
                if ui.radio(state.settings.theme == theme, label).clicked() {
                    commands.push(Command::SetTheme(theme));
                }
            }
            ui.separator();
            ui.label(strings.language);
            for candidate in [Language::Japanese, Language::English] {
                if ui.radio(language == candidate, candidate.name()).clicked() {
                    commands.push(Command::SetLanguage(candidate));
                }
            }
        });
        crate::ui::trust::view::settings_menu_ui(ui, state, commands);
        ui.menu_button(strings.menu_help, |ui| {
            Action::Help.menu_button(ui, strings, commands);
            if ui.button(strings.help_about).clicked() {
                commands.push(Command::ShowHelp(crate::ui::help::HelpPage::About));
            }
        });
        // The quick switch to the other language, at the right end when there is room (View ▸
        // 言語 / Language always has it).
        let other = language.other();
        if !crate::ui::widgets::button_fits_on_row(ui, other.name()) {
            return;
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(other.name())
                .on_hover_text(strings.switch_language_hint)
                .clicked()
            {
                commands.push(Command::SetLanguage(other));
            }
        });
    });
}

/// The open error, if any: what is wrong, what to do, and that the previous bundle stays.
pub fn error_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(error) = &state.error else {
        return;
    };
    let strings = state.language().strings();
    tone_box_ui(ui, Tone::Danger, |ui, _| {
        ui.label(
            RichText::new(fill(strings.error_title, &[("file", &error.file)]))
                .strong()
                .size(16.0),
        );
        ui.label(match error.kind {
            FailureKind::Unreadable => strings.error_unreadable_advice,
            FailureKind::Invalid => strings.error_invalid_advice,
        });
        ui.label(error_detail_text(
            strings,
            &explain(&error.error, strings.lang),
        ));
        if state.shown.is_some() {
            ui.label(strings.error_kept);
        }
        if ui.button(strings.dismiss).clicked() {
            commands.push(Command::DismissError);
        }
    });
}

/// A short note (copied, saved…), if any.
pub fn message_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(message) = &state.message else {
        return;
    };
    let strings = state.language().strings();
    let text = match message {
        Message::Copied => strings.copied.to_owned(),
        Message::CopiedAltered => strings.copied_altered.to_owned(),
        Message::Saved(path) => fill(strings.saved_to, &[("path", &path.display().to_string())]),
        Message::SaveFailed(reason) => fill(
            strings.save_failed,
            &[("reason", &explain(reason, strings.lang))],
        ),
        Message::DroppedNothing => strings.dropped_nothing.to_owned(),
        Message::LinkNotOpened(url) => fill(
            strings.link_not_opened,
            &[("url", &crate::escape::elided(url, 200))],
        ),
    };
    // Wrapped, so that a long path or address never pushes the button out of a narrow window.
    ui.horizontal_wrapped(|ui| {
        let color = ui.visuals().hyperlink_color;
        status_icon(ui, Tone::Info, 16.0, color);
        ui.add(egui::Label::new(text).wrap());
        if ui.small_button(strings.dismiss).clicked() {
            commands.push(Command::DismissMessage);
        }
    });
}

/// Back, Next/Previous withheld item with its position, bundle counts, search.
pub fn toolbar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    let Some(shown) = &state.shown else {
        return;
    };
    let visible = shown.contents_visible();
    ui.horizontal_wrapped(|ui| {
        let list_shown = state.settings.side_list.shown(state.narrow_window);
        let shortcut = Action::ToggleSideList.shortcut_text(ui.ctx());
        if ui
            .add(egui::Button::selectable(
                list_shown,
                strings.side_list_button,
            ))
            .on_hover_text(format!("{} ({shortcut})", strings.toggle_side_list))
            .clicked()
        {
            commands.push(Command::ToggleSideList);
        }
        ui.separator();
        let back = ui
            .add_enabled(!shown.back.is_empty(), egui::Button::new(strings.back))
            .on_hover_text(strings.back_hint);
        if back.clicked() {
            commands.push(Command::Back);
        }
        ui.separator();
        let walkable = visible && !shown.withheld.is_empty();
        // In a very narrow window the two buttons are short, so the toolbar leaves the letter
        // room; their hover text still says what they do.
        let (previous, next) = if state.list_alone {
            (strings.previous_withheld_short, strings.next_withheld_short)
        } else {
            (strings.previous_withheld, strings.next_withheld)
        };
        if ui
            .add_enabled(walkable, egui::Button::new(previous))
            .on_hover_text(format!(
                "{}\n{}",
                strings.previous_withheld, strings.withheld_hint
            ))
            .clicked()
        {
            commands.push(Command::PreviousWithheld);
        }
        if ui
            .add_enabled(walkable, egui::Button::new(next))
            .on_hover_text(format!(
                "{}\n{}",
                strings.next_withheld, strings.withheld_hint
            ))
            .clicked()
        {
            commands.push(Command::NextWithheld);
        }
        if visible && let Some(position) = withheld_position(shown, strings) {
            ui.label(RichText::new(position).strong());
        }
        // In a low window the counts are left to the side list, so the letter keeps room.
        if visible && !crate::ui::viewer::banner::low_window(ui.ctx()) {
            ui.separator();
            // Kept whole: in a narrow window it moves to the next row instead of breaking.
            ui.add(
                egui::Label::new(fill(
                    strings.bundle_counts,
                    &[
                        (
                            "masks",
                            &shown.withheld_count(None, WithheldSort::Mask).to_string(),
                        ),
                        (
                            "omissions",
                            &shown
                                .withheld_count(None, WithheldSort::Omission)
                                .to_string(),
                        ),
                    ],
                ))
                .extend(),
            );
        }
        crate::ui::library::changes_view::changes_button_ui(ui, state, commands);
        ui.separator();
        if !state.search.open
            && visible
            && ui
                .button(strings.find)
                .on_hover_text(strings.search_hint)
                .clicked()
        {
            commands.push(Command::OpenSearch);
        }
    });
}

/// "n / total: kind (document)" for the current withheld item.
pub fn withheld_position(shown: &Shown, strings: &Strings) -> Option<String> {
    let cursor = shown.withheld_cursor?;
    let item = shown.withheld.get(cursor)?;
    let document = &shown.bundle.documents.get(item.document)?.document;
    let kind = match item.kind {
        WithheldSort::Mask => strings.kind_mask,
        WithheldSort::Omission => strings.kind_omission,
    };
    Some(fill(
        strings.withheld_position,
        &[
            ("n", &(cursor + 1).to_string()),
            ("total", &shown.withheld.len().to_string()),
            ("kind", kind),
            (
                "document",
                &crate::escape::elided(&document.title_text(), 30),
            ),
        ],
    ))
}

/// The search bar.
pub fn search_bar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    if !state.search.open {
        return;
    }
    let strings = state.language().strings();
    ui.horizontal(|ui| {
        ui.label(strings.search_field);
        let mut text = state.search.text.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(strings.search_hint)
                .desired_width(260.0),
        );
        let focus_id = egui::Id::unique(("search-focus", state.search.focus_serial));
        let first_frame = ui
            .ctx()
            .memory_mut(|memory| memory.data.get_temp::<bool>(focus_id).is_none());
        if first_frame {
            field.request_focus();
            ui.ctx()
                .memory_mut(|memory| memory.data.insert_temp(focus_id, true));
        }
        if field.changed() {
            commands.push(Command::SetSearchQuery(text));
        }
        if field.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)) {
            let shift = ui.input(|input| input.modifiers.shift);
            commands.push(if shift {
                Command::PreviousHit
            } else {
                Command::NextHit
            });
            field.request_focus();
        }
        let any = !state.search.hits.is_empty();
        if ui
            .add_enabled(any, egui::Button::new(strings.search_previous))
            .clicked()
        {
            commands.push(Command::PreviousHit);
        }
        if ui
            .add_enabled(any, egui::Button::new(strings.search_next))
            .clicked()
        {
            commands.push(Command::NextHit);
        }
        if !state.search.text.trim().is_empty() {
            ui.label(match state.search.current {
                Some(current) if any => {
                    let in_altered = state.shown.as_ref().is_some_and(|shown| {
                        let hit = state.search.hits.get(current).map(|hit| hit.document);
                        hit.is_some() && hit == shown.altered_document()
                    });
                    fill(
                        if in_altered {
                            strings.search_position_altered
                        } else {
                            strings.search_position
                        },
                        &[
                            ("n", &(current + 1).to_string()),
                            ("total", &state.search.hits.len().to_string()),
                        ],
                    )
                }
                _ => strings.search_none.to_owned(),
            });
        }
        if ui.button(strings.search_close).clicked() {
            commands.push(Command::CloseSearch);
        }
    });
}

/// The open-by-path field and the external-address confirmation. The path field edits the
/// dialog's text in place; the path is read only when the reader asks to open it.
pub fn dialog_ui(
    ctx: &egui::Context,
    strings: &Strings,
    dialog: &mut Dialog,
    commands: &mut Vec<Command>,
) {
    match dialog {
        Dialog::Path { text, reason } => {
            let note =
                (*reason == PathPromptReason::NoFileChosen).then_some(strings.path_no_dialog);
            let prompt = PathPrompt {
                id: "path-dialog",
                title: strings.path_title,
                note,
                label: strings.path_label,
                hint: "/home/…/notice.kairan",
                confirm: (strings.open_button, Command::OpenTypedPath),
            };
            prompt.show(ctx, strings, text, commands);
        }
        Dialog::SavePath { text, .. } => {
            let prompt = PathPrompt {
                id: "save-path-dialog",
                title: strings.save_path_title,
                note: Some(strings.save_path_no_dialog),
                label: strings.save_path_label,
                hint: "",
                confirm: (strings.save, Command::SaveTypedPath),
            };
            prompt.show(ctx, strings, text, commands);
        }
        Dialog::External { url } => {
            let modal = egui::Modal::new(egui::Id::unique("external-dialog")).show(ctx, |ui| {
                crate::ui::widgets::fit_dialog_width(ui, 560.0);
                ui.heading(strings.external_title);
                ui.label(strings.external_detail);
                let disguised = crate::document::disguised_host(url);
                // Letters that imitate Latin ones are written as \u{…}, so the address reads
                // as what it is.
                let shown: String = if disguised {
                    escape_non_ascii(url)
                } else {
                    one_line(url).into_owned()
                };
                // The site first, where it cannot be pushed off screen by a long address;
                // the whole address below it, in a box of its own that scrolls.
                if let Some(host) = crate::document::link_host(url) {
                    let host = if disguised {
                        escape_non_ascii(host)
                    } else {
                        one_line(host).into_owned()
                    };
                    ui.add(
                        egui::Label::new(
                            RichText::new(fill(
                                strings.external_host,
                                &[("host", &crate::escape::elided(&host, 200))],
                            ))
                            .strong(),
                        )
                        .wrap(),
                    );
                }
                egui::ScrollArea::vertical()
                    .max_height(ui.text_style_height(&egui::TextStyle::Monospace) * 6.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(RichText::new(shown).monospace()).wrap());
                    });
                if disguised {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("△ {}", strings.link_disguised_host))
                                .strong()
                                .color(ui.visuals().error_fg_color),
                        )
                        .wrap(),
                    );
                }
                ui.horizontal(|ui| {
                    if ui.button(strings.open_in_browser).clicked() {
                        commands.push(Command::ConfirmExternal);
                    }
                    if ui.button(strings.cancel).clicked() {
                        commands.push(Command::CloseDialog);
                    }
                });
            });
            if crate::ui::modal::asked_to_close(&modal) {
                commands.push(Command::CloseDialog);
            }
        }
    }
}

/// `text` on one line with every letter outside ASCII written as `\u{…}`, so that an address
/// made of look-alike letters reads as what it is.
fn escape_non_ascii(text: &str) -> String {
    one_line(text)
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\u{{{:04X}}}", u32::from(c))
            }
        })
        .collect()
}

/// A dialog that asks for a path: to open a file, or where to save one.
struct PathPrompt {
    id: &'static str,
    title: &'static str,
    /// Why it is asked, when a file dialog gave nothing.
    note: Option<&'static str>,
    label: &'static str,
    hint: &'static str,
    /// The confirming button and what it does.
    confirm: (&'static str, Command),
}

impl PathPrompt {
    fn show(
        self,
        ctx: &egui::Context,
        strings: &Strings,
        text: &mut String,
        commands: &mut Vec<Command>,
    ) {
        let (confirm_label, confirm) = self.confirm;
        let modal = egui::Modal::new(egui::Id::unique(self.id)).show(ctx, |ui| {
            crate::ui::widgets::fit_dialog_width(ui, 520.0);
            ui.heading(self.title);
            if let Some(note) = self.note {
                ui.add(egui::Label::new(note).wrap());
            }
            ui.label(self.label);
            let field = ui.add(
                egui::TextEdit::singleline(text)
                    .desired_width(480.0)
                    .hint_text(self.hint),
            );
            let entered = field.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter));
            // Typing goes into the field from the start (unless Tab moved on).
            if !entered && ui.memory(|memory| memory.focused().is_none()) {
                field.request_focus();
            }
            ui.horizontal(|ui| {
                if ui.button(confirm_label).clicked() || entered {
                    commands.push(confirm);
                }
                if ui.button(strings.cancel).clicked() {
                    commands.push(Command::CloseDialog);
                }
            });
        });
        if crate::ui::modal::asked_to_close(&modal) {
            commands.push(Command::CloseDialog);
        }
    }
}
