//! What the viewer has open and what the reader is looking at: the opened bundle and its
//! verdict, the open error, which documents are in which pane, dialogs and settings, and
//! [`AppState::handle`], which applies every command. Moving around the bundle on screen
//! (links, Back, the withheld-item and search cursors) is in [`crate::ui::viewer::navigation`].
//!
//! Plain Rust with no widgets, so every behaviour here is tested without a window. Views read
//! it; only [`AppState::handle`] changes it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::command::{Command, Effect};
use super::i18n::Language;
use super::settings::Settings;
use crate::bundle::{
    self, BundleError, FailureKind, OpenedBundle, PublicKey, Role, SignatureProblem, Tamper,
    TrustedKey, Verdict,
};
use crate::trust::{Assessment, ConfigDir, KeyRecord, Status, TrustVerdict};
use crate::ui::trust::state::TrustState;
use crate::ui::viewer::navigation::{Step, withheld_refs};
use crate::ui::viewer::recent::RecentFiles;
use crate::ui::viewer::selection::TextSelection;

pub use crate::ui::viewer::navigation::{
    BackStop, Flash, Hit, ScrollRequest, Search, WithheldLabel, WithheldRef, WithheldSort,
};

/// Where the shown bundle came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The sample embedded in the program.
    BuiltInSample,
    /// A file the reader opened.
    File(PathBuf),
    /// A notice folder compiled for the authoring preview (nothing signed).
    Preview(PathBuf),
}

/// What the banner must say about the shown bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust<'a> {
    /// The built-in sample, signed with the public demo key.
    Sample,
    /// A file (not the sample) signed with the public demo key: proves nothing.
    DemoKeyFile,
    /// Signed by a key the reader trusts, every entry intact.
    Verified {
        /// The reader's record of the key.
        signer: &'a TrustedKey,
        /// When the manifest says it was issued (signed).
        issued_at: &'a str,
    },
    /// Intact and validly signed, but by a key the reader does not trust.
    UnknownSigner {
        /// The key.
        key: &'a PublicKey,
        /// The issuer the bundle claims to be (unverified).
        claim: &'a str,
    },
    /// An entry differs from what was signed.
    Tampered {
        /// The entry.
        entry: &'a str,
        /// How it differs.
        problem: &'a Tamper,
    },
    /// The signature does not verify.
    Invalid {
        /// Why.
        problem: &'a SignatureProblem,
    },
    /// Validly signed, but the reader's records raise an alarm (a name of another trusted key,
    /// two notices under one number): contents stay behind "Show anyway".
    Alarm {
        /// The issuer the bundle claims to be (unverified).
        claim: &'a str,
    },
    /// Signed by a key the reader revoked: proves nothing, never "verified".
    Revoked {
        /// The reader's record of the key.
        record: &'a KeyRecord,
    },
    /// An authoring preview: compiled from a folder, not signed.
    Preview,
}

/// Whether the contents of the shown bundle are on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// Intact bundle: shown.
    Shown,
    /// Failed verification: not shown.
    Withheld,
    /// Failed verification, shown at the reader's explicit request under a warning.
    ShownAnyway,
}

/// Which document pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The firm notice.
    Left,
    /// The vendor documents.
    Right,
}

/// A bundle on screen.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The bundle.
    pub bundle: OpenedBundle,
    /// Where it came from.
    pub origin: Origin,
    /// Changes with every bundle opened (keys layout caches).
    pub serial: u64,
    /// Whether the contents are on screen.
    pub contents: Contents,
    /// The document in the left pane (the firm notice).
    pub left: Option<usize>,
    /// The document in the right pane.
    pub right: Option<usize>,
    /// Where Back returns to, the latest last.
    pub back: Vec<BackStop>,
    /// The pane shown when the window is too small for both (the last one a document was
    /// shown in, or the one the reader chose).
    pub single_pane: Pane,
    /// The text selected in a letter (by dragging, Shift+arrows or Ctrl+A), for Ctrl+C to
    /// copy; a caret when empty.
    pub selection: Option<TextSelection>,
    /// Every withheld item, in reading order.
    pub withheld: Vec<WithheldRef>,
    /// For each withheld item, its marker and the heading of the section it sits in, found
    /// once when the bundle is shown (the side list must not walk whole documents every frame).
    pub withheld_labels: Vec<WithheldLabel>,
    /// The current withheld item.
    pub withheld_cursor: Option<usize>,
    /// Where each withheld item is in [`Shown::withheld`], by document, kind and ordinal (so a
    /// click on a mask finds its entry without a search).
    pub withheld_index: std::collections::HashMap<(usize, WithheldSort, usize), usize>,
    /// What the reader's own records say about it (`None` without a readable trust store).
    pub assessment: Option<Assessment>,
    /// Opened from the library of received notices: the file is the kept copy, whose stored
    /// name means nothing to the reader.
    pub kept_copy: bool,
}

impl Shown {
    /// The library's headline for the shown bundle (see [`crate::trust::Status`]).
    pub fn status(&self) -> Status {
        self.assessment_or_default().status
    }

    /// The assessment every rendering of the shown bundle states: the reader's own, or, when
    /// their records could not be read, the library's assessment without them.
    pub fn assessment_or_default(&self) -> std::borrow::Cow<'_, Assessment> {
        match &self.assessment {
            Some(assessment) => std::borrow::Cow::Borrowed(assessment),
            None => {
                let origin = match self.origin {
                    Origin::BuiltInSample => crate::trust::Origin::BuiltInSample,
                    Origin::File(_) | Origin::Preview(_) => crate::trust::Origin::File,
                };
                std::borrow::Cow::Owned(crate::trust::assess(
                    &self.bundle,
                    crate::trust::Records::default(),
                    origin,
                    jiff::Timestamp::now(),
                ))
            }
        }
    }

    /// What the banner must say: the library's [`Shown::status`], with the facts to show.
    pub fn trust(&self) -> Trust<'_> {
        let manifest = &self.bundle.manifest;
        if let Some(Assessment {
            verdict: TrustVerdict::Revoked { record },
            ..
        }) = &self.assessment
        {
            return Trust::Revoked { record };
        }
        let status = self.status();
        match (status, &self.bundle.verdict) {
            (Status::Sample, _) => Trust::Sample,
            (Status::DemoKey, _) => Trust::DemoKeyFile,
            (Status::Alarm, _) => Trust::Alarm {
                claim: &manifest.issuer.name,
            },
            (Status::Verified | Status::VerifiedWithCaution, Verdict::Verified { signer }) => {
                Trust::Verified {
                    signer,
                    issued_at: manifest.issued_at.as_str(),
                }
            }
            (Status::UnknownSigner, Verdict::UnknownSigner { key }) => Trust::UnknownSigner {
                key,
                claim: &manifest.issuer.name,
            },
            (_, Verdict::Tampered { entry, problem }) => Trust::Tampered { entry, problem },
            (_, Verdict::BadSignature { problem }) => Trust::Invalid { problem },
            (_, Verdict::Unsigned) => Trust::Preview,
            // The library and the verdict disagree: nothing may pass as verified.
            _ => Trust::Invalid {
                problem: &SignatureProblem::ManifestMismatch,
            },
        }
    }

    /// The entry the verdict names as changed since signing, as the archive names it.
    pub fn altered_entry(&self) -> Option<&str> {
        match &self.bundle.verdict {
            Verdict::Tampered { entry, .. } => Some(entry),
            _ => None,
        }
    }

    /// The document the verdict names as changed since signing, when it could be read (its
    /// text is shown only after "Show anyway", and then always marked as altered).
    pub fn altered_document(&self) -> Option<usize> {
        let entry = self.altered_entry()?;
        self.bundle
            .documents
            .iter()
            .position(|document| document.entry.path == entry)
    }

    /// Whether document text may be drawn.
    pub fn contents_visible(&self) -> bool {
        self.contents != Contents::Withheld
    }

    /// The pane a document belongs in.
    pub fn pane_of(&self, document: usize) -> Pane {
        if Some(document) == self.left {
            Pane::Left
        } else {
            Pane::Right
        }
    }

    /// Documents shown as tabs in the right pane, in bundle order.
    pub fn right_documents(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.bundle.documents.len()).filter(move |index| Some(*index) != self.left)
    }
}

/// Why a file could not be opened, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFailure {
    /// The file as the reader named it.
    pub file: String,
    /// Unreadable or invalid.
    pub kind: FailureKind,
    /// Why, as the library said it (shown in the reader's language).
    pub error: super::error_text::Problem,
}

/// Why the path field is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPromptReason {
    /// The reader asked for it.
    Asked,
    /// The native dialog gave no file.
    NoFileChosen,
}

/// A dialog over the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Type a path to open.
    Path {
        /// The text typed so far.
        text: String,
        /// Why it is shown.
        reason: PathPromptReason,
    },
    /// Type where to save an attachment (the save dialog gave no place).
    SavePath {
        /// The attachment's bundle path.
        entry: String,
        /// The text typed so far.
        text: String,
    },
    /// Confirm opening an external address.
    External {
        /// The full address.
        url: String,
    },
}

/// A short note to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Text was copied.
    Copied,
    /// Text of a document altered since signing was copied, headed by a note saying so.
    CopiedAltered,
    /// An attachment was saved.
    Saved(PathBuf),
    /// Saving failed.
    SaveFailed(super::error_text::Problem),
    /// A drop carried no file path.
    DroppedNothing,
    /// A link to an address Kairan does not open (not `https`, `http` or `mailto`).
    LinkNotOpened(String),
}

/// How the state starts.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// Keys trusted for this run only, on top of the reader's trust store.
    pub trusted: Vec<TrustedKey>,
    /// The folder of the reader's trust files (`None`: none could be found).
    pub config_dir: Option<ConfigDir>,
    /// Saved settings.
    pub settings: Settings,
    /// The system locale's language.
    pub system_language: Option<Language>,
    /// Where recent files are kept (`None`: in memory only).
    pub recent_store: Option<PathBuf>,
}

/// Everything the viewer has open.
#[derive(Debug)]
pub struct AppState {
    /// Keys trusted for this run only, on top of the reader's trust store.
    pub trusted: Vec<TrustedKey>,
    /// The reader's trust files, dialogs and the Trusted keys window.
    pub trust: TrustState,
    /// The library of received notices: its window and "Changes since 第N報".
    pub library: crate::ui::library::state::LibraryState,
    /// The bundle on screen.
    pub shown: Option<Shown>,
    /// The last open failure.
    pub error: Option<OpenFailure>,
    /// The reader's settings.
    pub settings: Settings,
    /// The system locale's language.
    pub system_language: Language,
    /// Recently opened files.
    pub recent: RecentFiles,
    /// The search bar.
    pub search: Search,
    /// The one dialog over the window, whichever feature it belongs to.
    pub modal: Option<crate::ui::modal::Modal>,
    /// The help window's page, while it is open.
    pub help: Option<crate::ui::help::HelpPage>,
    /// A short note.
    pub message: Option<Message>,
    /// A pending scroll.
    pub scroll: Option<ScrollRequest>,
    /// The latest flash.
    pub flash: Option<Flash>,
    /// Platform work requested by the last commands.
    pub effects: Vec<Effect>,
    /// Whether the window is narrower than [`super::settings::NARROW_WINDOW_POINTS`] (set by
    /// the app each frame, before commands are applied).
    pub narrow_window: bool,
    /// Whether the window is narrower than [`super::settings::LIST_ALONE_POINTS`]: the side
    /// list, when shown, takes the whole width, and choosing something in it hides it again.
    pub list_alone: bool,
    /// The firm's authoring work: preview, checks, signing and export.
    pub authoring: crate::ui::authoring::state::Authoring,
    /// The PDF dialog and the last print or export.
    pub print: crate::ui::print::state::PrintState,
    pub(super) serial: u64,
}

impl AppState {
    /// A state with nothing open.
    pub fn new(options: StartOptions) -> Self {
        AppState {
            trusted: options.trusted,
            trust: TrustState::new(options.config_dir),
            library: Default::default(),
            shown: None,
            error: None,
            settings: options.settings,
            system_language: options
                .system_language
                .unwrap_or_else(Language::from_environment),
            recent: RecentFiles::load(options.recent_store),
            search: Search::default(),
            modal: None,
            help: None,
            message: None,
            scroll: None,
            flash: None,
            effects: Vec::new(),
            narrow_window: false,
            list_alone: false,
            authoring: crate::ui::authoring::state::Authoring::default(),
            print: Default::default(),
            serial: 0,
        }
    }

    /// The UI language.
    pub fn language(&self) -> Language {
        self.settings.language.unwrap_or(self.system_language)
    }

    /// Applies one command.
    pub fn handle(&mut self, command: Command) {
        match command {
            Command::OpenPath(path) => self.open_path(&path),
            Command::OpenSample => self.open_sample(),
            Command::ChooseFile => self.effects.push(Effect::ChooseFile),
            Command::FileDialogGaveNothing => self.open_modal(Dialog::Path {
                text: String::new(),
                reason: PathPromptReason::NoFileChosen,
            }),
            Command::AskForPath => self.open_modal(Dialog::Path {
                text: String::new(),
                reason: PathPromptReason::Asked,
            }),
            Command::OpenTypedPath => {
                if let Some(Dialog::Path { text, .. }) = self.modal_of::<Dialog>() {
                    let path = PathBuf::from(text.trim());
                    self.close_modal::<Dialog>();
                    if !path.as_os_str().is_empty() {
                        self.open_path(&path);
                    }
                }
            }
            Command::CloseDialog => {
                self.close_modal::<Dialog>();
            }
            Command::ShowDocument(document) => {
                if let Some(shown) = &mut self.shown {
                    shown.selection = None;
                }
                self.show_document(document);
                self.hide_list_standing_alone();
            }
            Command::FollowLink { target, from } => self.follow_link(target, from),
            Command::ConfirmExternal => {
                if let Some(Dialog::External { url }) = self.close_modal::<Dialog>()
                    && crate::document::opens_externally(&url)
                {
                    self.effects.push(Effect::OpenUrl(url));
                }
            }
            Command::Back => self.go_back(),
            Command::NextWithheld => self.step_withheld(Step::Forward),
            Command::PreviousWithheld => self.step_withheld(Step::Backward),
            Command::GoToWithheld(index) => {
                self.go_to_withheld(index);
                self.hide_list_standing_alone();
            }
            Command::CloseWithheldDetail => {
                if let Some(shown) = &mut self.shown {
                    shown.withheld_cursor = None;
                }
            }
            Command::RevealAnyway => {
                if let Some(shown) = &mut self.shown
                    && shown.contents == Contents::Withheld
                {
                    shown.contents = Contents::ShownAnyway;
                }
                self.refresh_search();
            }
            Command::HideContent => {
                if let Some(shown) = &mut self.shown
                    && shown.contents == Contents::ShownAnyway
                {
                    shown.contents = Contents::Withheld;
                }
                self.refresh_search();
            }
            Command::DismissError => self.error = None,
            Command::DismissMessage => self.message = None,
            Command::OpenSearch => {
                self.search.open = true;
                self.search.focus_serial += 1;
            }
            Command::CloseSearch => {
                self.search.open = false;
                self.search.hits.clear();
                self.search.current = None;
            }
            Command::SetSearchQuery(text) => {
                self.search.text = text;
                self.refresh_search();
                if !self.search.hits.is_empty() {
                    self.go_to_hit(0);
                }
            }
            Command::NextHit => self.step_hit(Step::Forward),
            Command::PreviousHit => self.step_hit(Step::Backward),
            Command::SetLanguage(language) => self.settings.language = Some(language),
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::Zoom(step) => self.effects.push(Effect::Zoom(step)),
            Command::ShowPane(pane) => {
                if let Some(shown) = &mut self.shown
                    && shown.single_pane != pane
                {
                    // The other pane's letter comes on screen: a selection out of sight ends.
                    shown.single_pane = pane;
                    shown.selection = None;
                }
            }
            Command::ShowHelp(page) => self.help = Some(page),
            Command::CloseHelp => self.help = None,
            Command::ToggleSideList => self.settings.side_list.toggle(self.narrow_window),
            Command::SelectAll(document) => self.select_all(document),
            Command::Select(selection) => self.select(selection),
            Command::ClearSelection => {
                if let Some(shown) = &mut self.shown {
                    shown.selection = None;
                }
            }
            Command::CopySelection => self.copy_selection(),
            Command::CopyDocument(document) => self.copy_document(document),
            Command::SaveAttachment(entry) => {
                let file_name = crate::fs::safe_file_name(&entry);
                self.effects
                    .push(Effect::ChooseSaveLocation { entry, file_name });
            }
            Command::SaveAttachmentTo { entry, destination } => {
                // The save dialog already asked about a file of that name.
                self.save_attachment(&entry, &destination, crate::fs::Existing::Replace)
            }
            Command::SaveDialogGaveNothing { entry, file_name } => {
                // Offered in the Downloads folder, where a browser would have put it.
                let folder = directories::UserDirs::new()
                    .and_then(|dirs| dirs.download_dir().map(Path::to_owned))
                    .or_else(|| {
                        directories::UserDirs::new().map(|dirs| dirs.home_dir().to_owned())
                    });
                let suggested = match folder {
                    Some(folder) => folder.join(&file_name),
                    None => PathBuf::from(&file_name),
                };
                self.open_modal(Dialog::SavePath {
                    entry,
                    text: suggested.display().to_string(),
                });
            }
            Command::SaveTypedPath => {
                if let Some(Dialog::SavePath { entry, text }) = self.close_modal::<Dialog>() {
                    let destination = PathBuf::from(text.trim());
                    if destination.as_os_str().is_empty() {
                        return;
                    }
                    // A typed path replaces nothing: no dialog asked about the file there.
                    self.save_attachment(&entry, &destination, crate::fs::Existing::Keep);
                }
            }
            Command::ScrollDone(serial) => {
                if self.scroll.is_some_and(|request| request.serial == serial) {
                    self.scroll = None;
                }
            }
            Command::DroppedWithoutPath => self.message = Some(Message::DroppedNothing),
            Command::Quit => self.effects.push(Effect::Quit),
            Command::Trust(command) => self.handle_trust(command),
            Command::Library(command) => self.handle_library(command),
            Command::Authoring(command) => self.handle_authoring(command),
            Command::Print(command) => self.handle_print(command),
        }
    }

    /// Opens the bundle at `path`. On failure the error is shown and what was on screen stays.
    fn open_path(&mut self, path: &Path) {
        let keys = self.opening_keys();
        match bundle::open_file(path, &keys) {
            Ok(opened) => {
                self.show(opened, Origin::File(path.to_owned()));
                // A list that cannot be saved only costs the reader a menu entry. The library's
                // own copies are reached from the Library window, not from Recent files.
                let kept_copy = self
                    .trust
                    .files
                    .config
                    .as_ref()
                    .is_some_and(|config| path.starts_with(config.library()));
                if !kept_copy {
                    let _ = self.recent.add(path);
                }
            }
            Err(error) => {
                if matches!(&error, BundleError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
                {
                    let _ = self.recent.remove(path);
                }
                self.fail(path.display().to_string(), error);
            }
        }
    }

    /// Opens the built-in sample.
    fn open_sample(&mut self) {
        let keys = self.opening_keys();
        match bundle::open_bytes(Arc::from(crate::sample::SAMPLE_BUNDLE), &keys) {
            Ok(opened) => self.show(opened, Origin::BuiltInSample),
            Err(error) => self.fail("sample".into(), error),
        }
    }

    fn fail(&mut self, file: String, error: BundleError) {
        self.error = Some(OpenFailure {
            file,
            kind: error.kind(),
            error: error.into(),
        });
    }

    pub(super) fn show(&mut self, opened: OpenedBundle, origin: Origin) {
        self.serial += 1;
        let contents = if opened.verdict.intact() || opened.verdict == Verdict::Unsigned {
            Contents::Shown
        } else {
            Contents::Withheld
        };
        let documents = &opened.documents;
        let left = documents
            .iter()
            .position(|document| document.entry.role == Role::FirmNotice)
            .or(if documents.len() > 1 { Some(0) } else { None });
        let right = (0..documents.len()).find(|index| Some(*index) != left);
        let (withheld, withheld_labels) = documents
            .iter()
            .enumerate()
            .flat_map(|(index, document)| withheld_refs(index, &document.document))
            .unzip::<_, _, Vec<_>, Vec<_>>();
        let withheld_index = withheld
            .iter()
            .enumerate()
            .map(|(position, item)| ((item.document, item.kind, item.ordinal), position))
            .collect();
        self.shown = Some(Shown {
            bundle: opened,
            origin,
            serial: self.serial,
            contents,
            left,
            right,
            back: Vec::new(),
            single_pane: Pane::Left,
            selection: None,
            withheld,
            withheld_labels,
            withheld_cursor: None,
            withheld_index,
            assessment: None,
            kept_copy: false,
        });
        self.assess_shown();
        self.error = None;
        self.scroll = None;
        self.flash = None;
        self.refresh_search();
    }
    /// In a window so narrow that the side list stands alone in place of the letters, what
    /// was chosen in it is shown by hiding the list.
    fn hide_list_standing_alone(&mut self) {
        if self.list_alone && self.settings.side_list.shown(self.narrow_window) {
            self.settings.side_list.toggle(self.narrow_window);
        }
    }

    fn save_attachment(&mut self, entry: &str, destination: &Path, existing: crate::fs::Existing) {
        let Some(shown) = &self.shown else {
            return;
        };
        let result = shown
            .bundle
            .save_entry(entry, destination, existing)
            .map_err(|error| match error {
                bundle::SaveEntryError::Bundle(error) => super::error_text::Problem::from(error),
                bundle::SaveEntryError::Write { path, source } => {
                    super::error_text::Problem::write(&path, source)
                }
            });
        self.message = Some(match result {
            Ok(()) => Message::Saved(destination.to_owned()),
            Err(reason) => Message::SaveFailed(reason),
        });
    }
}

#[cfg(test)]
mod tests;
