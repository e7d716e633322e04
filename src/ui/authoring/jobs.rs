//! The authoring work started from its dialogs: importing a letter (done at once), and
//! signing, exporting one bundle per client and creating a key, each checked first (fields
//! filled, passwords matching, no key file overwritten, no check reporting an error) and then
//! handed to a background thread as an [`AuthoringEffect`]; a [`JobOutcome`] is how each comes
//! back.

use std::path::{Path, PathBuf};

use crate::authoring::checks::Finding;
use crate::authoring::import::{ImportOptions, import_input};
use crate::authoring::parse_recipients;
use crate::authoring::publish::{self, Overwrite, RecipientSummary, WrittenKeyPair};
use crate::bundle::{KeyError, Verdict};
use crate::ui::authoring::forms::{
    AuthoringDialog, ClientsFields, ClientsForm, NewKeyForm, Password, SignFields, SignForm,
    path_of,
};
use crate::ui::authoring::state::AuthoringEffect;
use crate::ui::error_text::Problem;
use crate::ui::modal::InModal;
use crate::ui::state::AppState;

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

/// What a running task is doing now, as the background thread reports it. Only the stages
/// that take time are told apart: unlocking or creating a password-protected key runs scrypt
/// at 1 GiB, about five seconds on an ordinary office machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Compiling and checking the folder, reading the key and the client list.
    Checking,
    /// Deriving the key from its password (seconds).
    Unlocking,
    /// Signing, writing and reading back one bundle.
    Signing,
    /// One bundle per client: rows done so far of all rows.
    Clients {
        /// Rows done.
        done: usize,
        /// Rows in all.
        total: usize,
    },
    /// Creating a password-protected key pair (seconds).
    CreatingKey,
}

/// A running background task and how far it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Which task.
    pub task: Task,
    /// What it is doing now.
    pub stage: Stage,
    /// The secret key file it signs with, remembered in the settings once it has signed.
    pub key: Option<PathBuf>,
}

/// Why a password did not open a key, said next to the password field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// A password was typed and it does not open the key (or the key file is damaged).
    Wrong,
    /// The key is password-protected and no password was typed.
    Missing,
}

impl PasswordProblem {
    /// The password problem behind `reason`, if that is why a task failed.
    pub fn of(reason: &Problem) -> Option<Self> {
        let key_error = match reason {
            Problem::Key(error) => error.as_ref(),
            Problem::Publish(error) => match error.as_ref() {
                publish::PublishError::Key { source, .. } => source,
                _ => return None,
            },
            _ => return None,
        };
        match key_error {
            KeyError::WrongPassword => Some(PasswordProblem::Wrong),
            KeyError::PasswordRequired => Some(PasswordProblem::Missing),
            _ => None,
        }
    }
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

/// A signing request for the background: the sign dialog's fields, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct SignJob {
    /// The notice folder.
    pub dir: PathBuf,
    /// Key, password and destination.
    pub fields: SignFields<PathBuf>,
    /// Whether a file at the destination may be replaced (the person was asked).
    pub overwrite: Overwrite,
}

/// A key-creation request for the background.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyJob {
    /// `NAME` for `NAME.key` / `NAME.pub`.
    pub base: PathBuf,
    /// The password.
    pub password: Password,
}

/// A one-bundle-per-client request for the background: the dialog's fields, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientsJob {
    /// The notice folder.
    pub dir: PathBuf,
    /// List, key, password and output folder.
    pub fields: ClientsFields<PathBuf>,
    /// Whether bundles of the same names in the output folder may be replaced (the person was
    /// asked).
    pub overwrite: Overwrite,
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

impl AppState {
    pub(in crate::ui::authoring) fn import_letter(&mut self) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::Import(form)) = self.modal_of::<AuthoringDialog>() else {
            return;
        };
        let (Some(letter), Some(folder)) = (path_of(&form.letter), path_of(&form.folder)) else {
            self.set_problem(strings.import_needs_both);
            return;
        };
        if publish::folder_has_files(&folder) {
            self.set_problem(strings.import_folder_not_empty);
            return;
        }
        let result = publish::read_import_input(&letter)
            .map_err(Problem::from)
            .and_then(|input| {
                import_input(
                    &input,
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
                self.open_modal(AuthoringDialog::ImportReport {
                    folder,
                    detections: imported.detections,
                });
            }
            Err(reason) => self.report_failure(Task::Import, reason),
        }
    }

    /// The findings that stop signing, after compiling the folder once more.
    fn refusal(&mut self) -> Option<Vec<Finding>> {
        self.rebuild_preview();
        let preview = self.authoring.preview.as_ref()?;
        let blocking: Vec<Finding> = preview.blocking().into_iter().cloned().collect();
        (!blocking.is_empty()).then_some(blocking)
    }

    pub(in crate::ui::authoring) fn open_sign_dialog(&mut self) {
        if self.authoring.preview.is_none() || self.authoring.job.is_some() {
            return;
        }
        if self.refused() {
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
        self.open_modal(AuthoringDialog::SignExport(SignForm {
            fields: SignFields {
                key: self.remembered_key(),
                destination,
                ..SignFields::default()
            },
            ..SignForm::default()
        }));
    }

    /// Starts signing with the sign dialog's fields. With [`Overwrite::Refuse`], a destination
    /// that exists turns the dialog to its second step, which asks before anything is written.
    pub(in crate::ui::authoring) fn sign(&mut self, overwrite: Overwrite) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::SignExport(form)) = AuthoringDialog::of_mut(&mut self.modal)
        else {
            return;
        };
        if self.authoring.job.is_some() {
            return;
        }
        let Some(fields) = form.fields.parse() else {
            self.set_problem(strings.sign_needs_fields);
            return;
        };
        form.confirm_replace = None;
        form.problem = None;
        if overwrite == Overwrite::Refuse && fields.destination.symlink_metadata().is_ok() {
            form.confirm_replace = Some(fields.destination);
            return;
        }
        self.start_on_preview(Task::Sign, fields.key.clone(), |dir| {
            AuthoringEffect::Sign(SignJob {
                dir,
                fields,
                overwrite,
            })
        });
    }

    /// The second step's answer: replace the existing file(s) and go on, or go back to the form
    /// with nothing written.
    pub(in crate::ui::authoring) fn answer_replace(&mut self, overwrite: Overwrite) {
        match (self.modal_of_mut::<AuthoringDialog>(), overwrite) {
            (Some(AuthoringDialog::SignExport(_)), Overwrite::Replace) => self.sign(overwrite),
            (Some(AuthoringDialog::ExportClients(_)), Overwrite::Replace) => {
                self.export_clients(overwrite)
            }
            (Some(AuthoringDialog::SignExport(form)), Overwrite::Refuse) => {
                form.confirm_replace = None;
            }
            (Some(AuthoringDialog::ExportClients(form)), Overwrite::Refuse) => {
                form.confirm_replace = None;
            }
            _ => {}
        }
    }

    /// How many bundles exporting for the clients of `list` into `output` would replace; none
    /// when the list cannot be read (the export then says why, and writes nothing).
    fn client_bundles_to_replace(&self, list: &Path, output: &Path) -> usize {
        let Some(folder) = self
            .authoring
            .preview
            .as_ref()
            .and_then(|preview| preview.compiled.as_ref())
        else {
            return 0;
        };
        match publish::read_text(list).map(|text| parse_recipients(&text)) {
            Ok(Ok(rows)) => {
                publish::existing_recipient_bundles(&folder.metadata.bundle_id, &rows, output).len()
            }
            _ => 0,
        }
    }

    /// The key file that last signed, as the key field's text (empty when none is kept).
    fn remembered_key(&self) -> String {
        self.settings
            .key_file
            .as_ref()
            .map(|path| path.display().to_string())
            .unwrap_or_default()
    }

    fn preview_dir(&self) -> Option<PathBuf> {
        self.authoring
            .preview
            .as_ref()
            .map(|preview| preview.dir.clone())
    }

    /// Shows the findings that stop signing in place of the dialog, if there are any, and says
    /// whether it did.
    fn refused(&mut self) -> bool {
        match self.refusal() {
            Some(blocking) => {
                self.open_modal(AuthoringDialog::SignRefused { blocking });
                true
            }
            None => false,
        }
    }

    /// Hands `effect` to the background as the running `task`, at `stage`.
    fn start(&mut self, job: Job, effect: AuthoringEffect) {
        self.authoring.job = Some(job);
        self.authoring_effect(effect);
    }

    /// Starts `task` on the previewed folder, unless a check stops signing (then the findings
    /// are shown instead) or nothing is previewed.
    fn start_on_preview(
        &mut self,
        task: Task,
        key: PathBuf,
        effect: impl FnOnce(PathBuf) -> AuthoringEffect,
    ) {
        if self.refused() {
            return;
        }
        let Some(dir) = self.preview_dir() else {
            return;
        };
        let job = Job {
            task,
            stage: Stage::Checking,
            key: Some(key),
        };
        self.start(job, effect(dir));
    }

    /// Ends the running task. A password that did not open the key brings back the form it came
    /// from, every field kept but the password, with the reason next to the password field;
    /// anything else replaces the form with its report.
    pub(in crate::ui::authoring) fn finish_job(&mut self, outcome: JobOutcome) {
        let job = self.authoring.job.take();
        if matches!(
            outcome,
            JobOutcome::Signed(_) | JobOutcome::ClientsDone { .. }
        ) && let Some(key) = job.and_then(|job| job.key)
        {
            self.settings.key_file = Some(key);
        }
        if let JobOutcome::Failed {
            task: Task::Sign | Task::ExportClients,
            reason,
        } = &outcome
            && let Some(problem) = PasswordProblem::of(reason)
        {
            let form = match self.modal_of_mut::<AuthoringDialog>() {
                Some(AuthoringDialog::SignExport(form)) => Some((
                    &mut form.fields.password,
                    &mut form.password_problem,
                    &mut form.problem,
                )),
                Some(AuthoringDialog::ExportClients(form)) => Some((
                    &mut form.fields.password,
                    &mut form.password_problem,
                    &mut form.problem,
                )),
                _ => None,
            };
            if let Some((password, password_problem, other)) = form {
                *password = Password::default();
                *password_problem = Some(problem);
                *other = None;
                return;
            }
        }
        self.open_modal(match outcome {
            JobOutcome::Signed(report) => AuthoringDialog::Signed {
                report,
                reveal_failed: None,
            },
            JobOutcome::KeyCreated(written) => AuthoringDialog::KeyCreated(written),
            JobOutcome::ClientsDone { summary, output } => AuthoringDialog::ClientsDone {
                summary,
                output,
                reveal_failed: None,
            },
            JobOutcome::Failed { task, reason } => return self.report_failure(task, reason),
        });
    }

    /// Replaces the form a task was started from with the report of its failure, keeping the
    /// form (all but its passwords) to come back to when the report is closed.
    fn report_failure(&mut self, task: Task, reason: Problem) {
        let back_to = self
            .close_modal::<AuthoringDialog>()
            .and_then(AuthoringDialog::form_to_return_to)
            .map(Box::new);
        self.open_modal(AuthoringDialog::Failed {
            task,
            reason,
            back_to,
        });
    }

    pub(in crate::ui::authoring) fn create_key(&mut self) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::NewKey(NewKeyForm {
            base,
            password,
            repeat,
            ..
        })) = self.modal_of::<AuthoringDialog>().cloned()
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
        let job = Job {
            task: Task::CreateKey,
            stage: Stage::CreatingKey,
            key: None,
        };
        self.start(job, AuthoringEffect::CreateKey(KeyJob { base, password }));
    }

    pub(in crate::ui::authoring) fn open_clients_dialog(&mut self) {
        if self.authoring.preview.is_none() || self.authoring.job.is_some() {
            return;
        }
        if self.refused() {
            return;
        }
        self.open_modal(AuthoringDialog::ExportClients(ClientsForm {
            fields: ClientsFields {
                key: self.remembered_key(),
                ..ClientsFields::default()
            },
            ..ClientsForm::default()
        }));
    }

    /// Starts exporting for clients with the dialog's fields. With [`Overwrite::Refuse`], bundles
    /// of the same names in the output folder turn the dialog to its second step, which says how
    /// many would be replaced and asks once.
    pub(in crate::ui::authoring) fn export_clients(&mut self, overwrite: Overwrite) {
        let strings = self.language().strings();
        let Some(AuthoringDialog::ExportClients(form)) = self.modal_of::<AuthoringDialog>() else {
            return;
        };
        if self.authoring.job.is_some() {
            return;
        }
        let Some(fields) = form.fields.parse() else {
            self.set_problem(strings.clients_needs_fields);
            return;
        };
        let replaced = match overwrite {
            Overwrite::Refuse => self.client_bundles_to_replace(&fields.list, &fields.output),
            Overwrite::Replace => 0,
        };
        if let Some(AuthoringDialog::ExportClients(form)) = self.modal_of_mut::<AuthoringDialog>() {
            form.confirm_replace = (replaced > 0).then_some(replaced);
            form.problem = None;
        }
        if replaced > 0 {
            return;
        }
        self.start_on_preview(Task::ExportClients, fields.key.clone(), |dir| {
            AuthoringEffect::ExportClients(ClientsJob {
                dir,
                fields,
                overwrite,
            })
        });
    }
}

/// `firm.key` and `firm.pub` name the same pair as `firm`.
fn strip_key_extension(base: &Path) -> PathBuf {
    match base.extension().and_then(|extension| extension.to_str()) {
        Some("key" | "pub") => base.with_extension(""),
        _ => base.to_owned(),
    }
}
