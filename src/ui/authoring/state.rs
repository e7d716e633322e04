//! The firm's authoring work inside the app, as plain state: the live preview of a notice
//! folder (compiled in memory exactly as a client will see it, never signed), its pre-send
//! findings and source errors, and every [`AuthoringCommand`], which arrives here first. The
//! dialogs' fields are in [`forms`](super::forms); importing, signing, exporting for many
//! clients and creating a key are started in [`jobs`](super::jobs).
//!
//! Like [`crate::ui::state`], nothing here draws or touches the platform: views push
//! [`AuthoringCommand`]s, [`AppState::handle`] applies them here, and what needs a native
//! dialog, a file watcher or a thread goes out as an [`AuthoringEffect`] that the app runs.
//! Signing, key creation and export happen on background threads; only their results come
//! back, as commands.

use std::path::PathBuf;

use crate::authoring::checks::{self, Finding, Severity, WarningPolicy};
use crate::authoring::publish::Overwrite;
use crate::authoring::{CompiledFolder, SourceError, compile_folder};
use crate::authoring::{PackError, PackOptions};
use crate::ui::error_text::Problem;
use crate::ui::state::{AppState, Origin, PathPromptReason};

use super::forms::path_of;
pub use super::forms::{
    AuthoringDialog, Chooser, ClientsFields, ClientsForm, Field, FolderPathForm, ImportForm,
    NewKeyForm, Password, SignFields, SignForm,
};
pub use super::jobs::{
    ClientsJob, Job, JobOutcome, KeyJob, PasswordProblem, SignJob, SignedReport, Stage, Task,
};

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
    /// How many warnings the checks found in the version on screen (the last that compiled and
    /// could be shown); `None` until one has. While the sources have errors the checks cannot
    /// run, and this is the count the checks panel gives, said to be the last good version's.
    pub warnings_on_screen: Option<usize>,
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

    /// The open warnings of the pre-send checks (allowed, but to be read before signing).
    pub fn warnings(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|finding| finding.severity == Severity::Warning)
            .collect()
    }

    /// How many source errors keep the checks from running (compile errors, or a folder that
    /// compiles but cannot be made into a bundle).
    pub fn error_count(&self) -> usize {
        self.errors.len() + usize::from(self.pack_error.is_some())
    }

    /// How many notes the checks left for a person (attachments they could not read).
    pub fn note_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == Severity::Note)
            .count()
    }

    /// Error and warning counts (notes, which never stop signing, are in neither).
    pub fn counts(&self) -> (usize, usize) {
        let count = |severity: Severity| {
            self.findings
                .iter()
                .filter(|finding| finding.severity == severity)
                .count()
        };
        (count(Severity::Error), count(Severity::Warning))
    }
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
    /// A native dialog chose this path for a field.
    Chosen(Field, PathBuf),
    /// Show the native dialog for a field.
    ChooseFor(Field),
    /// Open the import dialog.
    OpenImportDialog,
    /// Import with the dialog's letter and folder.
    Import,
    /// Open the sign-and-export dialog (or the refusal, while errors remain).
    OpenSignDialog,
    /// Sign and export with the dialog's key, password and destination (asking first if the
    /// destination exists).
    Sign,
    /// Replace the existing file(s) the dialog asked about, and go on.
    ReplaceExisting,
    /// Replace nothing: back to the dialog's form.
    KeepExisting,
    /// Open the new-key dialog.
    OpenNewKeyDialog,
    /// Create the key pair.
    CreateKey,
    /// Open the export-for-clients dialog.
    OpenClientsDialog,
    /// Export one bundle per client (asking first if that would replace files).
    ExportClients,
    /// Close the authoring dialog.
    CloseDialog,
    /// Show this folder in the desktop's file manager.
    ShowFolder(PathBuf),
    /// The file manager could not be started.
    ShowFolderFailed(Problem),
    /// The running task reached another stage.
    JobProgress(Stage),
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
    /// Show a folder in the desktop's file manager.
    ShowFolder(PathBuf),
}

/// Everything of the authoring work.
#[derive(Debug, Clone, Default)]
pub struct Authoring {
    /// The folder in preview.
    pub preview: Option<Preview>,
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

impl AppState {
    /// Applies one authoring command.
    pub(in crate::ui) fn handle_authoring(&mut self, command: AuthoringCommand) {
        match command {
            AuthoringCommand::ChooseFolder => self.authoring_effect(AuthoringEffect::ChooseFolder),
            AuthoringCommand::FolderDialogGaveNothing => {
                self.open_modal(AuthoringDialog::FolderPath(FolderPathForm {
                    text: String::new(),
                    reason: PathPromptReason::NoFileChosen,
                }));
            }
            AuthoringCommand::AskForFolderPath => {
                self.open_modal(AuthoringDialog::FolderPath(FolderPathForm {
                    text: String::new(),
                    reason: PathPromptReason::Asked,
                }));
            }
            AuthoringCommand::OpenFolder(dir) => self.open_folder(dir),
            AuthoringCommand::OpenTypedFolder => {
                if let Some(AuthoringDialog::FolderPath(form)) = self.modal_of::<AuthoringDialog>()
                    && let Some(dir) = path_of(&form.text)
                {
                    self.close_modal::<AuthoringDialog>();
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
            AuthoringCommand::Chosen(field, path) => self.fill_chosen(field, &path),
            AuthoringCommand::ChooseFor(field) => {
                self.authoring_effect(AuthoringEffect::ChooseFor(field))
            }
            AuthoringCommand::OpenImportDialog => {
                self.open_modal(AuthoringDialog::Import(ImportForm::default()));
            }
            AuthoringCommand::Import => self.import_letter(),
            AuthoringCommand::OpenSignDialog => self.open_sign_dialog(),
            AuthoringCommand::Sign => self.sign(Overwrite::Refuse),
            AuthoringCommand::ReplaceExisting => self.answer_replace(Overwrite::Replace),
            AuthoringCommand::KeepExisting => self.answer_replace(Overwrite::Refuse),
            AuthoringCommand::OpenNewKeyDialog => {
                self.open_modal(AuthoringDialog::NewKey(NewKeyForm::default()));
            }
            AuthoringCommand::CreateKey => self.create_key(),
            AuthoringCommand::OpenClientsDialog => self.open_clients_dialog(),
            AuthoringCommand::ExportClients => self.export_clients(Overwrite::Refuse),
            AuthoringCommand::CloseDialog => {
                // Esc on "replace the existing file?" answers no: back to the form, as typed.
                let asking_to_replace = match self.modal_of::<AuthoringDialog>() {
                    Some(AuthoringDialog::SignExport(form)) => form.confirm_replace.is_some(),
                    Some(AuthoringDialog::ExportClients(form)) => form.confirm_replace.is_some(),
                    _ => false,
                };
                if asking_to_replace {
                    self.answer_replace(Overwrite::Refuse);
                } else if self.authoring.job.is_none()
                    && let Some(AuthoringDialog::Failed {
                        back_to: Some(form),
                        ..
                    }) = self.close_modal::<AuthoringDialog>()
                {
                    // After a failure, back to the form with what was typed.
                    self.open_modal(*form);
                }
            }
            AuthoringCommand::ShowFolder(folder) => {
                self.authoring_effect(AuthoringEffect::ShowFolder(folder))
            }
            AuthoringCommand::ShowFolderFailed(problem) => {
                if let Some(
                    AuthoringDialog::Signed { reveal_failed, .. }
                    | AuthoringDialog::ClientsDone { reveal_failed, .. },
                ) = self.modal_of_mut::<AuthoringDialog>()
                {
                    *reveal_failed = Some(problem);
                }
            }
            AuthoringCommand::JobProgress(stage) => {
                if let Some(job) = &mut self.authoring.job {
                    job.stage = stage;
                }
            }
            AuthoringCommand::JobFinished(outcome) => self.finish_job(outcome),
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

    pub(in crate::ui::authoring) fn authoring_effect(&mut self, effect: AuthoringEffect) {
        self.effects
            .push(crate::ui::command::Effect::Authoring(effect));
    }

    /// Starts previewing `dir` and watching it.
    pub(in crate::ui::authoring) fn open_folder(&mut self, dir: PathBuf) {
        self.authoring.preview = Some(Preview {
            dir: dir.clone(),
            compiled: None,
            errors: Vec::new(),
            pack_error: None,
            findings: Vec::new(),
            warnings_on_screen: None,
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
    pub(in crate::ui::authoring) fn rebuild_preview(&mut self) {
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
                preview.warnings_on_screen = Some(preview.warnings().len());
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
            self.request_scroll(document, part, crate::ui::viewer::navigation::Spot::Top);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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
        let Some(AuthoringDialog::SignExport(form)) = state.modal_of_mut::<AuthoringDialog>()
        else {
            panic!("no sign dialog");
        };
        form.fields.destination.clear();
        state.handle(Command::Authoring(AuthoringCommand::Sign));
        assert!(state.authoring.job.is_none());
        assert!(matches!(
            state.modal_of::<AuthoringDialog>(),
            Some(AuthoringDialog::SignExport(SignForm {
                problem: Some(_),
                ..
            }))
        ));
        // Once the fields are given, the old reason goes with the next submit.
        let Some(AuthoringDialog::SignExport(form)) = state.modal_of_mut::<AuthoringDialog>()
        else {
            panic!("no sign dialog");
        };
        form.fields.key = "/nonexistent/firm.key".into();
        form.fields.destination = folder.path().join("out.kairan").display().to_string();
        state.handle(Command::Authoring(AuthoringCommand::Sign));
        assert!(state.authoring.job.is_some());
        assert!(matches!(
            state.modal_of::<AuthoringDialog>(),
            Some(AuthoringDialog::SignExport(SignForm { problem: None, .. }))
        ));
    }

    #[test]
    fn different_passwords_create_no_key() {
        let mut state = state();
        state.handle(Command::Authoring(AuthoringCommand::OpenNewKeyDialog));
        state.open_modal(AuthoringDialog::NewKey(NewKeyForm {
            base: "/tmp/firm".into(),
            password: Password::new("one"),
            repeat: Password::new("two"),
            problem: None,
        }));
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
    fn show_in_folder_is_left_to_the_platform_and_its_failure_is_told_in_the_report() {
        let mut state = state();
        let dir = PathBuf::from("/srv/notices");
        state.handle(Command::Authoring(AuthoringCommand::ShowFolder(
            dir.clone(),
        )));
        assert_eq!(
            state.effects,
            vec![Effect::Authoring(AuthoringEffect::ShowFolder(dir.clone()))]
        );
        state.open_modal(AuthoringDialog::ClientsDone {
            summary: Default::default(),
            output: dir.clone(),
            reveal_failed: None,
        });
        let problem = Problem::ShowFolder {
            folder: dir,
            program: "xdg-open",
            error: std::sync::Arc::new(std::io::ErrorKind::NotFound.into()),
        };
        state.handle(Command::Authoring(AuthoringCommand::ShowFolderFailed(
            problem,
        )));
        assert!(matches!(
            state.modal_of::<AuthoringDialog>(),
            Some(AuthoringDialog::ClientsDone {
                reveal_failed: Some(_),
                ..
            })
        ));
    }

    #[test]
    fn passwords_never_appear_in_debug_output() {
        let password = Password::new("hunter2");
        assert!(!format!("{password:?}").contains("hunter2"));
    }
}
