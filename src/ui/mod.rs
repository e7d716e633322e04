//! The desktop viewer (eframe/egui): who signed a bundle, the firm notice beside the vendor
//! notices, and every masked field and omitted section made plain.
//!
//! Layout follows the split between data and views: [`state::AppState`] owns what is open and
//! is plain Rust; views (`*_ui` functions in the feature folders [`viewer`], [`trust`],
//! [`library`] and [`authoring`]) read it and push [`command::Command`]s that [`KairanApp`] applies after each
//! frame; keyboard shortcuts and menu entries come from one table, [`actions`]; platform work
//! (dialogs, clipboard, browser, zoom) comes back as [`command::Effect`]s run here. This
//! module never decides a verdict: [`crate::trust::assess`] does.

pub mod actions;
pub mod authoring;
pub mod command;
pub mod error_text;
pub mod fonts;
pub mod help;
pub mod i18n;
pub mod library;
pub mod modal;
pub mod opener;
pub mod print;
pub mod settings;
pub mod state;
pub mod system_open;
pub mod trust;
pub mod viewer;
pub mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;

use actions::Action;
use command::{Command, Effect, ZoomStep};
use i18n::Language;
use settings::{SETTINGS_KEY, Settings, ThemeChoice};
use state::{AppState, StartOptions};
use viewer::document::LayoutCache;

use crate::bundle::TrustedKey;
use crate::trust::ConfigDir;

/// The application icon (drawn from `assets/kairan.svg`).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/kairan.png");

/// What the viewer opens first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstOpen {
    /// The built-in sample.
    Sample,
    /// A file.
    File(PathBuf),
    /// A notice folder, in the authoring preview.
    Folder(PathBuf),
    /// Nothing.
    Nothing,
}

/// How the viewer starts.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// What to open first.
    pub first: FirstOpen,
    /// Keys trusted for this run only, on top of the reader's trust store.
    pub trusted: Vec<TrustedKey>,
    /// The folder of the reader's trust files (`None`: none could be found; bundles then open
    /// with the built-in demo key only).
    pub config_dir: Option<ConfigDir>,
    /// Where recent files are kept (`None`: in memory only).
    pub recent_store: Option<PathBuf>,
    /// The system language (`None`: read from the environment).
    pub system_language: Option<Language>,
    /// Whether files the operating system asks to open (see [`system_open`]) are opened in
    /// this app: in the one app of a normal run, not in the many apps of a test run.
    pub takes_system_opens: bool,
}

impl AppOptions {
    /// Options for a normal start: the reader's trust files and recent list (in the per-user
    /// folders, or the folder named by `KAIRAN_CONFIG_DIR`) and the system locale.
    pub fn for_user(first: FirstOpen) -> Self {
        let config_dir = ConfigDir::locate().ok();
        AppOptions {
            first,
            trusted: Vec::new(),
            recent_store: config_dir.as_ref().map(ConfigDir::recent_files),
            config_dir,
            system_language: None,
            takes_system_opens: true,
        }
    }
}

/// The viewer app.
pub struct KairanApp {
    /// Everything open.
    pub state: AppState,
    cache: LayoutCache,
    applied_theme: Option<ThemeChoice>,
    background: authoring::background::Background,
    printing: print::job::PrintJobs,
    laid_out_generation: u64,
    takes_system_opens: bool,
    /// The window title last sent. Compared with this rather than with the title the platform
    /// reports: X11 never reports one, and sending a viewport command asks for another frame,
    /// so the window would repaint forever.
    sent_title: Option<String>,
}

impl KairanApp {
    /// How many letter layouts the viewer keeps (for tests of its memory bound).
    pub fn kept_layouts(&self) -> usize {
        self.cache.len()
    }

    /// About how many bytes the kept letter layouts take (for tests of its memory bound).
    pub fn kept_layout_bytes(&self) -> usize {
        self.cache.kept_bytes()
    }

    /// Bounds the kept letter layouts to `bytes` (for tests of the bound; the app keeps
    /// [`viewer::document::cache::LAYOUT_BUDGET_BYTES`]).
    pub fn set_layout_budget(&mut self, bytes: usize) {
        self.cache = LayoutCache::with_budget(bytes);
    }

    /// Creates the app, restoring saved settings and opening `options.first`.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        fonts::install(&cc.egui_ctx);
        if options.takes_system_opens {
            system_open::wake_with(&cc.egui_ctx);
        }
        let settings = cc
            .storage
            .and_then(|storage| storage.get_string(SETTINGS_KEY))
            .map(|text| Settings::from_json(&text))
            .unwrap_or_default();
        cc.egui_ctx.set_zoom_factor(settings.zoom);
        let mut state = AppState::new(StartOptions {
            trusted: options.trusted,
            config_dir: options.config_dir,
            settings,
            system_language: options.system_language,
            recent_store: options.recent_store,
        });
        match options.first {
            FirstOpen::Sample => state.handle(Command::OpenSample),
            FirstOpen::File(path) => state.handle(Command::OpenPath(path)),
            FirstOpen::Folder(dir) => state.handle(Command::Authoring(
                authoring::state::AuthoringCommand::OpenFolder(dir),
            )),
            FirstOpen::Nothing => {}
        }
        KairanApp {
            state,
            cache: LayoutCache::default(),
            applied_theme: None,
            background: authoring::background::Background::default(),
            printing: print::job::PrintJobs::default(),
            laid_out_generation: 0,
            takes_system_opens: options.takes_system_opens,
            sent_title: None,
        }
    }

    /// Applies commands as if views had pushed them (also how tests drive the app).
    pub fn apply(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            self.state.handle(command);
        }
        self.run_effects(ctx);
        if self.state.end_replaced_preview() {
            self.background.stop_watching();
        }
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.state.settings.theme) {
            ctx.set_theme(match self.state.settings.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.state.settings.theme);
        }
        // Ctrl +/−/0 are handled by egui itself; remember where they left the zoom.
        self.state.settings.zoom = ctx.zoom_factor();
    }

    fn run_effects(&mut self, ctx: &egui::Context) {
        let effects = std::mem::take(&mut self.state.effects);
        for effect in effects {
            match effect {
                Effect::ChooseFile => {
                    let chosen = rfd::FileDialog::new()
                        .add_filter("Kairan", &["kairan"])
                        .pick_file();
                    self.state.handle(match chosen {
                        Some(path) => Command::OpenPath(path),
                        None => Command::FileDialogGaveNothing,
                    });
                }
                Effect::ChooseSaveLocation { entry, file_name } => {
                    let chosen = rfd::FileDialog::new().set_file_name(&file_name).save_file();
                    self.state.handle(match chosen {
                        Some(destination) => Command::SaveAttachmentTo { entry, destination },
                        // Without a file-chooser service (a desktop portal) rfd gives nothing
                        // at once: the reader is asked for a path, never left with no answer.
                        None => Command::SaveDialogGaveNothing { entry, file_name },
                    });
                }
                Effect::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
                Effect::CopyText(text) => ctx.copy_text(text),
                Effect::Zoom(step) => match step {
                    ZoomStep::In => egui::gui_zoom::zoom_in(ctx),
                    ZoomStep::Out => egui::gui_zoom::zoom_out(ctx),
                    ZoomStep::Reset => ctx.set_zoom_factor(1.0),
                },
                Effect::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Effect::Trust(effect) => trust::view::run_effect(&mut self.state, effect),
                Effect::ChoosePdfDestination { current } => {
                    let mut dialog = rfd::FileDialog::new().add_filter("PDF", &["pdf"]);
                    if let Some(folder) = current.parent().filter(|folder| folder.is_dir()) {
                        dialog = dialog.set_directory(folder);
                    }
                    if let Some(name) = current.file_name() {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    let chosen = dialog.save_file();
                    self.state.handle(Command::Print(
                        print::state::PrintCommand::DestinationChosen(chosen),
                    ));
                }
                Effect::Print(job) => {
                    if let Some(command) = self.printing.start(ctx, *job) {
                        self.state.handle(command);
                    }
                }
                Effect::Authoring(effect) => {
                    if let Some(command) = self.background.run(ctx, effect) {
                        self.state.handle(command);
                    }
                }
            }
        }
    }
}

/// The one dialog over the window, drawn by the feature it belongs to. Its form is edited in
/// place, so this is called after the views that only read.
fn modal_ui(
    ctx: &egui::Context,
    strings: &i18n::Strings,
    state: &mut AppState,
    commands: &mut Vec<Command>,
) {
    use modal::Modal;
    // Only while the PDF dialog is open: without the reader's records the verdict is assessed
    // afresh each time it is asked for.
    let verdict = matches!(state.modal, Some(Modal::Print(_)))
        .then(|| print::view::dialog_verdict(state))
        .unwrap_or_default();
    let AppState {
        modal,
        trust,
        authoring,
        ..
    } = state;
    match modal {
        None => {}
        Some(Modal::Viewer(dialog)) => viewer::panels::dialog_ui(ctx, strings, dialog, commands),
        Some(Modal::TrustKey(dialog)) => {
            trust::dialogs_view::trust_dialog_ui(ctx, strings, &trust.files, dialog, commands)
        }
        Some(Modal::NewKey(dialog)) => {
            trust::dialogs_view::new_key_dialog_ui(ctx, strings, dialog, commands)
        }
        Some(Modal::Authoring(dialog)) => {
            authoring::dialogs::dialog_modal_ui(ctx, strings, authoring, dialog, commands)
        }
        Some(Modal::Print(form)) => print::view::dialog_ui(ctx, strings, &verdict, form, commands),
    }
}

/// Whether a dialog is over the window: the app's shortcuts then wait until it is closed, so
/// none opens another dialog in its place.
fn dialog_open(state: &AppState) -> bool {
    state.modal.is_some()
        || state.authoring.job.is_some()
        || state
            .trust
            .window
            .as_ref()
            .is_some_and(|window| window.confirm.is_some())
}

/// Keyboard shortcuts and dropped files, as commands.
fn input_commands(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let typing = ctx.egui_wants_keyboard_input();
    let editing_text = ctx.text_edit_focused();
    let reading = viewer::document::reading_document(ctx);
    let dialog_open = dialog_open(state);
    ctx.input_mut(|input| {
        if !dialog_open {
            for command in Action::pressed(input, typing) {
                // Ctrl+A selects the letter being read (the one last under the pointer).
                commands.push(match command {
                    Command::SelectAll(None) => Command::SelectAll(reading),
                    other => other,
                });
            }
        }
        if let Some(selection) = state.shown.as_ref().and_then(|shown| shown.selection) {
            // Copy copies the selected text (masks as their markers; the whole letter as "Copy
            // text" does); Esc ends the selection (so does a press beside the text, which leaves the caret there).
            if !editing_text
                && !selection.is_empty()
                && input
                    .events
                    .iter()
                    .any(|event| matches!(event, egui::Event::Copy))
            {
                commands.push(Command::CopySelection);
            }
            if input.key_pressed(egui::Key::Escape) {
                commands.push(Command::ClearSelection);
            }
        }
        if !dialog_open && input.key_pressed(egui::Key::Escape) {
            // Esc closes the innermost thing first: the search bar, then the detail panel.
            if state.search.open {
                commands.push(Command::CloseSearch);
            } else if state.help.is_some() {
                commands.push(Command::CloseHelp);
            } else if let Some(window) = &state.trust.window
                && !editing_text
                && window.rename.is_none()
                && window.export.is_none()
            {
                // The Trusted keys window, unless something typed in it would be lost.
                commands.push(Command::Trust(trust::state::TrustCommand::CloseKeysWindow));
            } else if viewer::withheld_detail::detail_shown(state) {
                commands.push(Command::CloseWithheldDetail);
            }
        }
        if let Some(dropped) = input.raw.dropped_files.first() {
            let path = dropped.path();
            commands.push(if path.as_os_str().is_empty() {
                Command::DroppedWithoutPath
            } else if path.is_dir() {
                Command::Authoring(authoring::state::AuthoringCommand::OpenFolder(
                    path.to_owned(),
                ))
            } else {
                Command::OpenPath(path.to_owned())
            });
        }
    });
}

fn drop_overlay_ui(ctx: &egui::Context, strings: &i18n::Strings) {
    if ctx.input(|input| input.raw.hovered_files.is_empty()) {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-overlay"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        strings.drop_hint,
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}

impl eframe::App for KairanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.apply_settings(&ctx);
        self.state.narrow_window = ctx.content_rect().width() < settings::NARROW_WINDOW_POINTS;
        self.state.list_alone = ctx.content_rect().width() < settings::LIST_ALONE_POINTS;
        let mut commands = self.background.poll();
        commands.extend(self.printing.poll());
        if self.takes_system_opens {
            // Finder's "open" (macOS): opened as a dropped file would be.
            commands.extend(system_open::take().into_iter().map(Command::OpenPath));
        }
        for command in commands.drain(..) {
            self.state.handle(command);
        }
        if self.laid_out_generation != self.state.authoring.generation {
            // The preview was rebuilt under the same serial (to keep scroll positions).
            self.cache = LayoutCache::default();
            self.laid_out_generation = self.state.authoring.generation;
        }
        // Before anything is laid out: layouts from before a font-atlas rebuild are garbage.
        self.cache.begin_pass(&ctx);
        input_commands(&ctx, &self.state, &mut commands);
        let state = &self.state;

        egui::Panel::top("menu").show(ui, |ui| {
            viewer::panels::menu_bar_ui(ui, state, &mut commands);
        });
        egui::Panel::top("status")
            .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::same(8)))
            .show(ui, |ui| {
                viewer::banner::banner_ui(ui, state, &mut commands);
                authoring::panels::source_errors_ui(ui, state);
                viewer::panels::error_ui(ui, state, &mut commands);
                trust::view::file_problems_ui(ui, state, &mut commands);
                trust::view::note_ui(ui, state, &mut commands);
                print::view::outcome_ui(ui, state, &mut commands);
                ui.add_space(4.0);
                viewer::panels::toolbar_ui(ui, state, &mut commands);
                authoring::panels::preview_toolbar_ui(ui, state, &mut commands);
                viewer::panels::search_bar_ui(ui, state, &mut commands);
            });
        if state.message.is_some() {
            // At the foot of the window: a note that something was copied or saved does not
            // push the letters down under the pointer.
            egui::Panel::bottom("message").show(ui, |ui| {
                viewer::panels::message_ui(ui, state, &mut commands)
            });
        }
        if state.authoring.previewing() {
            egui::Panel::bottom("checks")
                .resizable(true)
                .default_size(190.0)
                .size_range(90.0..=480.0)
                .show(ui, |ui| {
                    authoring::panels::checks_ui(ui, state, &mut commands)
                });
        }
        if viewer::withheld_detail::detail_shown(state) {
            // Never more than a third of the window: the selected item stays in sight, and a
            // reason of any length scrolls inside the panel.
            let height = ctx.content_rect().height();
            // In a short window (a big zoom), a quarter.
            let share = if height < 500.0 { 4.0 } else { 3.0 };
            let tallest = (height / share).max(60.0);
            // In a window of ordinary height it shows all it says (up to `tallest`); in a short
            // one it stays a few lines tall, so the letter keeps room for the item itself.
            let opened_at = if height >= 700.0 { tallest } else { 0.0 };
            egui::Panel::bottom("withheld-detail")
                .resizable(false)
                .max_size(tallest)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("withheld-detail-scroll")
                        .max_height(tallest)
                        .min_scrolled_height(opened_at)
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            viewer::withheld_detail::detail_panel_ui(ui, state, &mut commands)
                        });
                });
        }
        let list_shown =
            state.shown.is_some() && state.settings.side_list.shown(state.narrow_window);
        if list_shown && state.list_alone {
            egui::CentralPanel::default().show(ui, |ui| {
                viewer::panels::sidebar_ui(ui, state, &mut commands)
            });
        } else if list_shown {
            // Never more than 60 % of a narrow window: the letters keep the rest.
            let widest = (ctx.content_rect().width() * 0.6).clamp(180.0, 420.0);
            egui::Panel::left("documents")
                .resizable(true)
                .default_size(270.0_f32.min(ctx.content_rect().width() * 0.45))
                .size_range(160.0..=widest)
                .show(ui, |ui| {
                    viewer::panels::sidebar_ui(ui, state, &mut commands)
                });
        }
        if !(list_shown && state.list_alone) {
            let cache = &mut self.cache;
            egui::CentralPanel::default().show(ui, |ui| {
                viewer::panels::panes_ui(ui, state, cache, &mut commands);
            });
        }
        help::help_window_ui(&ctx, state, &mut commands);
        library::windows_ui(&ctx, state, &mut commands);
        drop_overlay_ui(&ctx, state.language().strings());

        let title = match &state.shown {
            Some(shown) => format!(
                "{} — {}",
                viewer::banner::headline(shown, state.language().strings()),
                state.language().strings().app_name
            ),
            None => state.language().strings().app_name.to_owned(),
        };
        if self.sent_title.as_deref() != Some(title.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = Some(title);
        }
        // Dialogs edit their own forms in place, so they are drawn with `&mut` access to their
        // state, after the views that only read.
        let strings = self.state.language().strings();
        trust::view::keys_window_forms_ui(&ctx, strings, &mut self.state.trust, &mut commands);
        if !authoring::dialogs::job_ui(&ctx, strings, &self.state.authoring) {
            modal_ui(&ctx, strings, &mut self.state, &mut commands);
        }
        trust::view::window_confirm_ui(&ctx, strings, &mut self.state.trust, &mut commands);
        self.apply(&ctx, commands);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(SETTINGS_KEY, self.state.settings.to_json());
    }
}

/// The window options the viewer starts with (also used by the start-up benchmark, so that it
/// measures the same window).
pub fn native_options() -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Kairan")
        .with_app_id("kairan")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([360.0, 320.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    eframe::NativeOptions {
        viewport,
        ..Default::default()
    }
}

/// Starts the viewer on `file`, or on the built-in sample when there is none.
///
/// Fails if no window can be created (for example without a display).
pub fn run(file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    run_with(match file {
        Some(path) => FirstOpen::File(path),
        None => FirstOpen::Sample,
    })
}

/// Starts the viewer on `first` (a folder opens in the authoring preview).
///
/// Fails if no window can be created (for example without a display).
pub fn run_with(first: FirstOpen) -> anyhow::Result<ExitCode> {
    let mut options = native_options();
    // Settings and window size live beside the recent list and the library, so that a folder
    // named by KAIRAN_CONFIG_DIR holds everything the viewer keeps.
    options.persistence_path = ConfigDir::locate().ok().map(|config| config.viewer_state());
    system_open::install();
    eframe::run_native(
        "kairan",
        options,
        Box::new(move |cc| Ok(Box::new(KairanApp::new(cc, AppOptions::for_user(first))))),
    )
    .map_err(|error| anyhow::anyhow!("could not start the viewer: {error}"))?;
    Ok(ExitCode::SUCCESS)
}
