//! The firm's authoring work inside the app, as plain state: the live preview of a notice
//! folder (compiled in memory exactly as a client will see it, never signed), its pre-send
//! findings and source errors, and the dialogs and background jobs for importing, signing,
//! exporting for many clients and creating a key.
//!
//! Like [`crate::ui::state`], nothing here draws or touches the platform: views push
//! [`AuthoringCommand`]s, [`AppState::handle`] applies them here, and what needs a native
//! dialog, a file watcher or a thread goes out as an [`AuthoringEffect`] that the app runs.
//! Signing, key creation and export happen on background threads; only their results come
//! back, as commands.

use std::path::{Path, PathBuf};

use crate::authoring::checks::{self, Finding, Severity, WarningPolicy};
use crate::authoring::import::{Detection, ImportOptions, import_letters};
use crate::authoring::publish::{self, RecipientOutcome, RecipientSummary, WrittenKeyPair};
use crate::authoring::{CompiledFolder, SourceError, compile_folder};
use crate::authoring::{PackError, PackOptions};
use crate::bundle::Verdict;
use crate::ui::error_text::Problem;
use crate::ui::state::{AppState, Origin, PathPromptReason};

/// A password typed into a dialog. Its `Debug` form never shows it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Wraps typed text.
    pub fn new(text: impl Into<String>) -> Self {
        Password(text.into())
    }

    /// The password.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// A text field of an authoring dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The folder path typed when no folder dialog is available.
    FolderPath,
    /// The plain-text letter to import.
    Letter,
    /// The folder an import writes.
    ImportFolder,
    /// The firm's secret key file.
    KeyFile,
    /// The key's password.
    Password,
    /// The password again, when creating a key.
    PasswordRepeat,
    /// Where the signed bundle goes.
    Destination,
    /// Where a new key pair goes (`NAME` for `NAME.key` and `NAME.pub`).
    KeyBase,
    /// The clients CSV file.
    ClientList,
    /// The folder for one bundle per client.
    OutputFolder,
}

impl Field {
    /// What kind of native dialog fills this field.
    pub fn chooser(self) -> Chooser {
        match self {
            Field::Letter | Field::KeyFile | Field::ClientList => Chooser::OpenFile,
            Field::Destination | Field::KeyBase => Chooser::SaveFile,
            Field::FolderPath | Field::ImportFolder | Field::OutputFolder => Chooser::Folder,
            Field::Password | Field::PasswordRepeat => Chooser::None,
        }
    }
}

/// A native dialog kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chooser {
    /// Pick an existing file.
    OpenFile,
    /// Pick where to save.
    SaveFile,
    /// Pick a folder.
    Folder,
    /// Typed only.
    None,
}

/// Whether the preview's folder is being watched for changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watching {
    /// Saving a source updates the preview.
    Active,
    /// Watching could not start; the preview updates with Reload only.
    Unavailable(Problem),
}

/// A notice folder in preview.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The folder.
    pub dir: PathBuf,
    /// The last version that compiled (what is on screen).
    pub compiled: Option<CompiledFolder>,
    /// The current source errors; empty when the folder compiles.
    pub errors: Vec<SourceError>,
    /// Why the compiled folder cannot be made into a bundle (an unreadable attachment, a
    /// missing media type, metadata the format rejects), when it compiles but cannot be shown.
    pub pack_error: Option<std::sync::Arc<PackError>>,
    /// The current pre-send findings (source errors as error findings when it does not compile).
    pub findings: Vec<Finding>,
    /// How many times the folder was compiled.
    pub builds: u64,
    /// File watching.
    pub watching: Watching,
    /// The finding last jumped to.
    pub selected: Option<usize>,
}

impl Preview {
    /// Whether the folder has errors that keep the last good version on screen.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.pack_error.is_some()
    }

    /// The findings that stop signing: every error (warnings are shown but allowed).
    pub fn blocking(&self) -> Vec<&Finding> {
        checks::blocking(&self.findings, WarningPolicy::Allow)
    }

    /// Error and warning counts.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .count();
        (errors, self.findings.len() - errors)
    }
}

/// A dialog of the authoring work.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthoringDialog {
    /// Type a folder path (no native dialog, or asked for).
    FolderPath {
        /// The text typed.
        text: String,
        /// Why it is shown.
        reason: PathPromptReason,
    },
    /// Import a plain-text letter into a new notice folder.
    Import {
        /// The letter file.
        letter: String,
        /// The folder to create.
        folder: String,
        /// Why the last attempt failed.
        problem: Option<String>,
    },
    /// What the import detected, for a person to confirm.
    ImportReport {
        /// The folder written.
        folder: PathBuf,
        /// Every detection, with line and column.
        detections: Vec<Detection>,
    },
    /// Key, password and destination for signing the preview.
    SignExport {
        /// The secret key file.
        key: String,
        /// Its password.
        password: Password,
        /// Where to write the bundle.
        destination: String,
        /// Why the last attempt could not start.
        problem: Option<String>,
    },
    /// Signing refused while the checks report errors.
    SignRefused {
        /// The findings that block signing.
        blocking: Vec<Finding>,
    },
    /// Where and with what password to create a key pair.
    NewKey {
        /// `NAME` for `NAME.key` / `NAME.pub`.
        base: String,
        /// The password.
        password: Password,
        /// The password again.
        repeat: Password,
        /// Why the last attempt could not start.
        problem: Option<String>,
    },
    /// A key pair was created: its id and fingerprint to read out.
    KeyCreated(WrittenKeyPair),
    /// Client list, key, password and output folder for one bundle per client.
    ExportClients {
        /// The clients CSV.
        list: String,
        /// The secret key file.
        key: String,
        /// Its password.
        password: Password,
        /// The output folder.
        output: String,
        /// Why the last attempt could not start.
        problem: Option<String>,
    },
    /// A bundle was written, read back and verified.
    Signed(SignedReport),
    /// One bundle per client: what was written and what was not.
    ClientsDone {
        /// Every row's outcome.
        summary: RecipientSummary,
        /// The output folder.
        output: PathBuf,
    },
    /// A task failed; nothing was written.
    Failed {
        /// Which task.
        task: Task,
        /// Why, kept typed until it is shown.
        reason: Problem,
    },
}

/// A background task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Signing and exporting one bundle.
    Sign,
    /// Creating a key pair.
    CreateKey,
    /// Exporting one bundle per client.
    ExportClients,
    /// Importing a letter.
    Import,
}

/// A running background task and how far it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Which task.
    pub task: Task,
    /// Rows done so far (for one bundle per client).
    pub done: usize,
    /// Rows in all.
    pub total: usize,
}

/// What a finished export wrote and how it verified after being read back from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedReport {
    /// The bundle file.
    pub path: PathBuf,
    /// Its size.
    pub size: usize,
    /// Its documents.
    pub documents: usize,
    /// The verdict of the written file, opened against the signing key.
    pub verdict: Verdict,
}

/// A signing request for the background.
#[derive(Debug, Clone, PartialEq)]
pub struct SignJob {
    /// The notice folder.
    pub dir: PathBuf,
    /// The secret key file.
    pub key: PathBuf,
    /// Its password (ignored for an unprotected key).
    pub password: Password,
    /// Where to write.
    pub destination: PathBuf,
}

/// A key-creation request for the background.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyJob {
    /// `NAME` for `NAME.key` / `NAME.pub`.
    pub base: PathBuf,
    /// The password.
    pub password: Password,
}

/// A one-bundle-per-client request for the background.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientsJob {
    /// The notice folder.
    pub dir: PathBuf,
    /// The clients CSV.
    pub list: PathBuf,
    /// The secret key file.
    pub key: PathBuf,
    /// Its password.
    pub password: Password,
    /// The output folder.
    pub output: PathBuf,
}

/// How a background task ended.
#[derive(Debug, Clone, PartialEq)]
pub enum JobOutcome {
    /// A bundle was written and verified.
    Signed(SignedReport),
    /// A key pair was written.
    KeyCreated(WrittenKeyPair),
    /// One bundle per client.
    ClientsDone {
        /// Every row's outcome.
        summary: RecipientSummary,
        /// The output folder.
        output: PathBuf,
    },
    /// Nothing was written.
    Failed {
        /// Which task.
        task: Task,
        /// Why.
        reason: Problem,
    },
}

/// A request from an authoring view (or from the watcher or a background task).
#[derive(Debug, Clone, PartialEq)]
pub enum AuthoringCommand {
    /// Show the native folder dialog.
    ChooseFolder,
    /// The native folder dialog gave nothing: offer the path field.
    FolderDialogGaveNothing,
    /// Ask for a folder path in a text field.
    AskForFolderPath,
    /// Preview this notice folder.
    OpenFolder(PathBuf),
    /// Preview the folder typed in the path field.
    OpenTypedFolder,
    /// A source of the previewed folder changed on disk (or Reload was pressed).
    SourcesChanged,
    /// The folder cannot be watched.
    WatchFailed(Problem),
    /// Jump to the place of a finding in the preview.
    GoToFinding(usize),
    /// Fill a dialog field.
    SetField(Field, String),
    /// Show the native dialog for a field.
    ChooseFor(Field),
    /// Open the import dialog.
    OpenImportDialog,
    /// Import with the dialog's letter and folder.
    Import,
    /// Open the sign-and-export dialog (or the refusal, while errors remain).
    OpenSignDialog,
    /// Sign and export with the dialog's key, password and destination.
    Sign,
    /// Open the new-key dialog.
    OpenNewKeyDialog,
    /// Create the key pair.
    CreateKey,
    /// Open the export-for-clients dialog.
    OpenClientsDialog,
    /// Export one bundle per client.
    ExportClients,
    /// Close the authoring dialog.
    CloseDialog,
    /// A client row is done.
    JobProgress(RecipientOutcome),
    /// A background task ended.
    JobFinished(JobOutcome),
}

/// Platform work for the authoring preview.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthoringEffect {
    /// Show the native folder dialog to open a preview.
    ChooseFolder,
    /// Show the native dialog for a field.
    ChooseFor(Field),
    /// Watch this folder (and stop watching any other).
    Watch(PathBuf),
    /// Sign and export on a background thread.
    Sign(SignJob),
    /// Create a key pair on a background thread.
    CreateKey(KeyJob),
    /// Export one bundle per client on a background thread.
    ExportClients(ClientsJob),
}

/// Everything of the authoring work.
#[derive(Debug, Clone, Default)]
pub struct Authoring {
    /// The folder in preview.
    pub preview: Option<Preview>,
    /// The authoring dialog.
    pub dialog: Option<AuthoringDialog>,
    /// The running background task.
    pub job: Option<Job>,
    /// Changes whenever the previewed documents change, so laid-out text is redone.
    pub generation: u64,
}

impl Authoring {
    /// Whether a preview is open (signing and exporting need one).
    pub fn previewing(&self) -> bool {
        self.preview.is_some()
    }
}

fn path_of(text: &str) -> Option<PathBuf> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| PathBuf::from(trimmed))
}

impl AppState {
    /// Applies one authoring command.
    pub(in crate::ui) fn handle_authoring(&mut self, command: AuthoringCommand) {
        match command {
            AuthoringCommand::ChooseFolder => self.authoring_effect(AuthoringEffect::ChooseFolder),
            AuthoringCommand::FolderDialogGaveNothing => {
                self.authoring.dialog = Some(AuthoringDialog::FolderPath {
                    text: String::new(),
                    reason: PathPromptReason::NoFileChosen,
                });
            }
            AuthoringCommand::AskForFolderPath => {
                self.authoring.dialog = Some(AuthoringDialog::FolderPath {
                    text: String::new(),
                    reason: PathPromptReason::Asked,
                });
            }
            AuthoringCommand::OpenFolder(dir) => self.open_folder(dir),
            AuthoringCommand::OpenTypedFolder => {
                if let Some(AuthoringDialog::FolderPath { text, .. }) = &self.authoring.dialog
                    && let Some(dir) = path_of(text)
                {
                    self.authoring.dialog = None;
                    self.open_folder(dir);
                }
            }
            AuthoringCommand::SourcesChanged => self.rebuild_preview(),
            AuthoringCommand::WatchFailed(reason) => {
                if let Some(preview) = &mut self.authoring.preview {
                    preview.watching = Watching::Unavailable(reason);
                }
            }
            AuthoringCommand::GoToFinding(index) => self.go_to_finding(index),
            AuthoringCommand::SetField(field, value) => self.set_field(field, value),
            AuthoringCommand::ChooseFor(field) => {
                self.authoring_effect(AuthoringEffect::ChooseFor(field))
            }
            AuthoringCommand::OpenImportDialog => {
                self.authoring.dialog = Some(AuthoringDialog::Import {
                    letter: String::new(),
                    folder: String::new(),
                    problem: None,
                });
            }
            AuthoringCommand::Import => self.import_letter(),
            AuthoringCommand::OpenSignDialog => self.open_sign_dialog(),
            AuthoringCommand::Sign => self.sign(),
            AuthoringCommand::OpenNewKeyDialog => {
                self.authoring.dialog = Some(AuthoringDialog::NewKey {
                    base: String::new(),
                    password: Password::default(),
                    repeat: Password::default(),
                    problem: None,
                });
            }
            AuthoringCommand::CreateKey => self.create_key(),
            AuthoringCommand::OpenClientsDialog => self.open_clients_dialog(),
            AuthoringCommand::ExportClients => self.export_clients(),
            AuthoringCommand::CloseDialog => {
                if self.authoring.job.is_none() {
                    self.authoring.dialog = None;
                }
            }
            AuthoringCommand::JobProgress(outcome) => {
                if let Some(job) = &mut self.authoring.job {
                    job.done = outcome.position;
                    job.total = outcome.total;
                }
            }
            AuthoringCommand::JobFinished(outcome) => {
                self.authoring.job = None;
                self.authoring.dialog = Some(match outcome {
                    JobOutcome::Signed(report) => AuthoringDialog::Signed(report),
                    JobOutcome::KeyCreated(written) => AuthoringDialog::KeyCreated(written),
                    JobOutcome::ClientsDone { summary, output } => {
                        AuthoringDialog::ClientsDone { summary, output }
                    }
                    JobOutcome::Failed { task, reason } => AuthoringDialog::Failed { task, reason },
                });
            }
        }
    }

    /// Ends the preview once another bundle is on screen (one the reader opened), so its checks
    /// never appear under that bundle's banner. Returns whether a preview was ended.
    pub fn end_replaced_preview(&mut self) -> bool {
        let replaced = self.authoring.preview.is_some()
            && self
                .shown
                .as_ref()
                .is_some_and(|shown| !matches!(shown.origin, Origin::Preview(_)));
        if replaced {
            self.authoring.preview = None;
        }
        replaced
    }

    fn authoring_effect(&mut self, effect: AuthoringEffect) {
        self.effects
            .push(crate::ui::command::Effect::Authoring(effect));
    }

    /// Starts previewing `dir` and watching it.
    fn open_folder(&mut self, dir: PathBuf) {
        self.authoring.preview = Some(Preview {
            dir: dir.clone(),
            compiled: None,
            errors: Vec::new(),
            pack_error: None,
            findings: Vec::new(),
            builds: 0,
            watching: Watching::Active,
            selected: None,
        });
        if !matches!(
            self.shown.as_ref().map(|shown| &shown.origin),
            Some(Origin::Preview(_))
        ) {
            // A folder with errors must not appear under another bundle's banner.
            self.shown = None;
        }
        self.error = None;
        self.rebuild_preview();
        self.authoring_effect(AuthoringEffect::Watch(dir));
    }

    /// Compiles the previewed folder again. On success the view shows the new version (keeping
    /// the documents each pane shows and, for the same bundle, their scroll positions); on
    /// source errors they are listed and the last good version stays on screen.
    fn rebuild_preview(&mut self) {
        let Some(preview) = &mut self.authoring.preview else {
            return;
        };
        preview.builds += 1;
        preview.selected = None;
        let dir = preview.dir.clone();
        let compiled = compile_folder(&dir).map(|folder| {
            let opened = crate::authoring::preview(&folder, &PackOptions::default());
            (folder, opened)
        });
        match compiled {
            Ok((_, Err(error))) => {
                preview.findings.clear();
                preview.errors.clear();
                preview.pack_error = Some(std::sync::Arc::new(error));
            }
            Ok((folder, Ok(opened))) => {
                preview.findings = checks::check_folder(&folder);
                preview.errors.clear();
                preview.pack_error = None;
                preview.compiled = Some(folder);
                let kept = self.shown.as_ref().and_then(|shown| match &shown.origin {
                    Origin::Preview(shown_dir) if *shown_dir == dir => Some((
                        shown.serial,
                        shown.left,
                        shown.right,
                        shown.bundle.documents.len(),
                    )),
                    _ => None,
                });
                self.show(opened, Origin::Preview(dir));
                self.authoring.generation += 1;
                if let (Some(shown), Some((serial, left, right, count))) = (&mut self.shown, kept)
                    && shown.bundle.documents.len() == count
                {
                    // Same scroll areas as before; the layout cache is renewed by generation.
                    shown.serial = serial;
                    shown.left = left;
                    shown.right = right;
                }
            }
            Err(errors) => {
                preview.findings = errors.iter().map(checks::source_finding).collect();
                preview.errors = errors;
                preview.pack_error = None;
            }
        }
    }

    fn go_to_finding(&mut self, index: usize) {
        let Some(preview) = &mut self.authoring.preview else {
            return;
        };
        let Some(finding) = preview.findings.get(index) else {
            return;
        };
        preview.selected = Some(index);
        let place = preview
            .compiled
            .as_ref()
            .filter(|_| !preview.has_errors())
            .and_then(|folder| crate::ui::authoring::panels::locate(folder, finding));
        if let Some((document, part)) = place {
            self.show_document(document);
            self.request_scroll(document, part);
        }
    }

    fn set_field(&mut self, field: Field, value: String) {
        let Some(dialog) = &mut self.authoring.dialog else {
            return;
        };
        let target: Option<&mut String> = match (dialog, field) {
            (AuthoringDialog::FolderPath { text, .. }, Field::FolderPath) => Some(text),
            (AuthoringDialog::Import { letter, .. }, Field::Letter) => Some(letter),
            (AuthoringDialog::Import { folder, .. }, Field::ImportFolder) => Some(folder),
            (AuthoringDialog::SignExport { key, .. }, Field::KeyFile)
            | (AuthoringDialog::ExportClients { key, .. }, Field::KeyFile) => Some(key),
            (AuthoringDialog::SignExport { destination, .. }, Field::Destination) => {
                Some(destination)
            }
            (AuthoringDialog::NewKey { base, .. }, Field::KeyBase) => Some(base),
            (AuthoringDialog::ExportClients { list, .. }, Field::ClientList) => Some(list),
            (AuthoringDialog::ExportClients { output, .. }, Field::OutputFolder) => Some(output),
            (AuthoringDialog::SignExport { password, .. }, Field::Password)
            | (AuthoringDialog::NewKey { password, .. }, Field::Password)
            | (AuthoringDialog::ExportClients { password, .. }, Field::Password) => {
                *password = Password::new(value);
                return;
            }
            (AuthoringDialog::NewKey { repeat, .. }, Field::PasswordRepeat) => {
                *repeat = Password::new(value);
                return;
            }
            _ => None,
        };
        if let Some(target) = target {
            *target = value;
        }
    }

    fn set_problem(&mut self, text: &str) {
        if let Some(
            AuthoringDialog::Import { problem, .. }
            | AuthoringDialog::SignExport { problem, .. }
            | AuthoringDialog::NewKey { problem, .. }
            | AuthoringDialog::ExportClients { problem, .. },
        ) = &mut self.authoring.dialog
        {
            *problem = Some(text.to_owned());
        }
    }

    fn import_letter(&mut self) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::Import { letter, folder, .. }) = &self.authoring.dialog else {
            return;
        };
        let (Some(letter), Some(folder)) = (path_of(letter), path_of(folder)) else {
            self.set_problem(strings.import_needs_both);
            return;
        };
        if publish::folder_has_files(&folder) {
            self.set_problem(strings.import_folder_not_empty);
            return;
        }
        let result = publish::read_text(&letter)
            .map_err(Problem::from)
            .and_then(|text| {
                import_letters(
                    &text,
                    &ImportOptions {
                        bundle_id: publish::bundle_id_from_folder(&folder),
                    },
                )
                .map_err(Problem::from)
            })
            .and_then(|imported| {
                publish::write_imported(&imported, &folder)
                    .map(|()| imported)
                    .map_err(Problem::from)
            });
        match result {
            Ok(imported) => {
                self.open_folder(folder.clone());
                self.authoring.dialog = Some(AuthoringDialog::ImportReport {
                    folder,
                    detections: imported.detections,
                });
            }
            Err(reason) => {
                self.authoring.dialog = Some(AuthoringDialog::Failed {
                    task: Task::Import,
                    reason,
                });
            }
        }
    }

    /// The findings that stop signing, after compiling the folder once more.
    fn refusal(&mut self) -> Option<Vec<Finding>> {
        self.rebuild_preview();
        let preview = self.authoring.preview.as_ref()?;
        let blocking: Vec<Finding> = preview.blocking().into_iter().cloned().collect();
        (!blocking.is_empty()).then_some(blocking)
    }

    fn open_sign_dialog(&mut self) {
        if self.authoring.preview.is_none() || self.authoring.job.is_some() {
            return;
        }
        if let Some(blocking) = self.refusal() {
            self.authoring.dialog = Some(AuthoringDialog::SignRefused { blocking });
            return;
        }
        let destination = self
            .authoring
            .preview
            .as_ref()
            .and_then(|preview| preview.compiled.as_ref())
            .map(|folder| format!("{}.kairan", folder.metadata.bundle_id))
            .and_then(|name| {
                let dir = &self.authoring.preview.as_ref()?.dir;
                Some(dir.parent().unwrap_or(dir).join(name).display().to_string())
            })
            .unwrap_or_default();
        self.authoring.dialog = Some(AuthoringDialog::SignExport {
            key: String::new(),
            password: Password::default(),
            destination,
            problem: None,
        });
    }

    fn sign(&mut self) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::SignExport {
            key,
            password,
            destination,
            ..
        }) = self.authoring.dialog.clone()
        else {
            return;
        };
        if self.authoring.job.is_some() {
            return;
        }
        let (Some(key), Some(destination)) = (path_of(&key), path_of(&destination)) else {
            self.set_problem(strings.sign_needs_fields);
            return;
        };
        if let Some(blocking) = self.refusal() {
            self.authoring.dialog = Some(AuthoringDialog::SignRefused { blocking });
            return;
        }
        let Some(dir) = self.preview_dir() else {
            return;
        };
        self.authoring.job = Some(Job {
            task: Task::Sign,
            done: 0,
            total: 1,
        });
        self.authoring_effect(AuthoringEffect::Sign(SignJob {
            dir,
            key,
            password,
            destination,
        }));
    }

    fn preview_dir(&self) -> Option<PathBuf> {
        self.authoring
            .preview
            .as_ref()
            .map(|preview| preview.dir.clone())
    }

    fn create_key(&mut self) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::NewKey {
            base,
            password,
            repeat,
            ..
        }) = self.authoring.dialog.clone()
        else {
            return;
        };
        if self.authoring.job.is_some() {
            return;
        }
        let Some(base) = path_of(&base) else {
            self.set_problem(strings.key_needs_place);
            return;
        };
        if password.is_empty() {
            self.set_problem(strings.key_needs_password);
            return;
        }
        if password != repeat {
            self.set_problem(strings.key_passwords_differ);
            return;
        }
        let base = strip_key_extension(&base);
        for path in [base.with_extension("key"), base.with_extension("pub")] {
            if path.exists() {
                self.set_problem(&crate::ui::i18n::fill(
                    strings.key_exists,
                    &[("path", &path.display().to_string())],
                ));
                return;
            }
        }
        self.authoring.job = Some(Job {
            task: Task::CreateKey,
            done: 0,
            total: 1,
        });
        self.authoring_effect(AuthoringEffect::CreateKey(KeyJob { base, password }));
    }

    fn open_clients_dialog(&mut self) {
        if self.authoring.preview.is_none() || self.authoring.job.is_some() {
            return;
        }
        if let Some(blocking) = self.refusal() {
            self.authoring.dialog = Some(AuthoringDialog::SignRefused { blocking });
            return;
        }
        self.authoring.dialog = Some(AuthoringDialog::ExportClients {
            list: String::new(),
            key: String::new(),
            password: Password::default(),
            output: String::new(),
            problem: None,
        });
    }

    fn export_clients(&mut self) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::ExportClients {
            list,
            key,
            password,
            output,
            ..
        }) = self.authoring.dialog.clone()
        else {
            return;
        };
        if self.authoring.job.is_some() {
            return;
        }
        let (Some(list), Some(key), Some(output)) =
            (path_of(&list), path_of(&key), path_of(&output))
        else {
            self.set_problem(strings.clients_needs_fields);
            return;
        };
        if let Some(blocking) = self.refusal() {
            self.authoring.dialog = Some(AuthoringDialog::SignRefused { blocking });
            return;
        }
        let Some(dir) = self.preview_dir() else {
            return;
        };
        self.authoring.job = Some(Job {
            task: Task::ExportClients,
            done: 0,
            total: 0,
        });
        self.authoring_effect(AuthoringEffect::ExportClients(ClientsJob {
            dir,
            list,
            key,
            password,
            output,
        }));
    }
}

/// `firm.key` and `firm.pub` name the same pair as `firm`.
fn strip_key_extension(base: &Path) -> PathBuf {
    match base.extension().and_then(|extension| extension.to_str()) {
        Some("key" | "pub") => base.with_extension(""),
        _ => base.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::command::{Command, Effect};
    use crate::ui::i18n::Language;
    use crate::ui::state::{StartOptions, Trust};

    fn state() -> AppState {
        AppState::new(StartOptions {
            system_language: Some(Language::English),
            ..StartOptions::default()
        })
    }

    fn sample_copy() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29");
        std::fs::create_dir_all(dir.path().join("documents")).unwrap();
        std::fs::copy(source.join("bundle.json"), dir.path().join("bundle.json")).unwrap();
        for entry in std::fs::read_dir(source.join("documents")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(
                entry.path(),
                dir.path().join("documents").join(entry.file_name()),
            )
            .unwrap();
        }
        dir
    }

    #[test]
    fn a_previewed_folder_is_shown_unsigned_and_watched() {
        let folder = sample_copy();
        let mut state = state();
        state.handle(Command::Authoring(AuthoringCommand::OpenFolder(
            folder.path().to_owned(),
        )));
        let shown = state.shown.as_ref().unwrap();
        assert_eq!(shown.trust(), Trust::Preview);
        assert_eq!(shown.bundle.documents.len(), 3);
        assert!(
            state
                .effects
                .contains(&Effect::Authoring(AuthoringEffect::Watch(
                    folder.path().to_owned()
                )))
        );
        assert!(
            state
                .authoring
                .preview
                .as_ref()
                .unwrap()
                .blocking()
                .is_empty()
        );
    }

    #[test]
    fn a_source_error_keeps_the_last_good_version() {
        let folder = sample_copy();
        let mut state = state();
        state.handle(Command::Authoring(AuthoringCommand::OpenFolder(
            folder.path().to_owned(),
        )));
        let generation = state.authoring.generation;
        let source = folder
            .path()
            .join("documents/firm-notice-2023-06-29.notice.md");
        let text = std::fs::read_to_string(&source).unwrap();
        std::fs::write(&source, format!("{text}\n{{{{■■■■ | reason: x\n")).unwrap();
        state.handle(Command::Authoring(AuthoringCommand::SourcesChanged));
        let preview = state.authoring.preview.as_ref().unwrap();
        assert!(!preview.errors.is_empty());
        assert_eq!(state.authoring.generation, generation);
        assert_eq!(state.shown.as_ref().unwrap().bundle.documents.len(), 3);
    }

    #[test]
    fn signing_waits_for_key_and_destination() {
        let folder = sample_copy();
        let mut state = state();
        state.handle(Command::Authoring(AuthoringCommand::OpenFolder(
            folder.path().to_owned(),
        )));
        state.handle(Command::Authoring(AuthoringCommand::OpenSignDialog));
        state.handle(Command::Authoring(AuthoringCommand::SetField(
            Field::Destination,
            String::new(),
        )));
        state.handle(Command::Authoring(AuthoringCommand::Sign));
        assert!(state.authoring.job.is_none());
        assert!(matches!(
            state.authoring.dialog,
            Some(AuthoringDialog::SignExport {
                problem: Some(_),
                ..
            })
        ));
    }

    #[test]
    fn different_passwords_create_no_key() {
        let mut state = state();
        state.handle(Command::Authoring(AuthoringCommand::OpenNewKeyDialog));
        for (field, value) in [
            (Field::KeyBase, "/tmp/firm"),
            (Field::Password, "one"),
            (Field::PasswordRepeat, "two"),
        ] {
            state.handle(Command::Authoring(AuthoringCommand::SetField(
                field,
                value.into(),
            )));
        }
        state.handle(Command::Authoring(AuthoringCommand::CreateKey));
        assert!(state.authoring.job.is_none());
        assert!(state.effects.is_empty());
    }

    #[test]
    fn opening_a_bundle_ends_the_preview() {
        let folder = sample_copy();
        let mut state = state();
        state.handle(Command::Authoring(AuthoringCommand::OpenFolder(
            folder.path().to_owned(),
        )));
        assert!(!state.end_replaced_preview());
        state.handle(Command::OpenSample);
        assert!(state.end_replaced_preview());
        assert!(state.authoring.preview.is_none());
    }

    #[test]
    fn passwords_never_appear_in_debug_output() {
        let password = Password::new("hunter2");
        assert!(!format!("{password:?}").contains("hunter2"));
    }
}
