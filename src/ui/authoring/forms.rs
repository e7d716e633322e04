//! The authoring dialogs as plain state: every dialog ([`AuthoringDialog`]) and the form each
//! one holds. The dialog views bind the forms' fields directly (`&mut`), so typing changes the
//! form and sends nothing; the form is read, and checked, only when it is submitted.
//!
//! Signing and exporting for clients share their fields with the jobs they start:
//! [`SignFields`] and [`ClientsFields`] hold paths as typed (`String`, in the form) or as parsed
//! (`PathBuf`, in the job), and [`SignFields::parse`] / [`ClientsFields::parse`] build the one
//! from the other. [`Field`] names the path fields a native dialog can fill ([`Chooser`]), and
//! [`Password`] never shows in debug output.

use std::path::PathBuf;

use crate::authoring::checks::Finding;
use crate::authoring::import::Detection;
use crate::authoring::publish::{RecipientSummary, WrittenKeyPair};
use crate::ui::authoring::jobs::{PasswordProblem, SignedReport, Task};
use crate::ui::error_text::Problem;
use crate::ui::state::{AppState, PathPromptReason};

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

    /// The text a password field edits.
    pub fn text_mut(&mut self) -> &mut String {
        &mut self.0
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

/// A path field of an authoring dialog that a native dialog can fill.
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
}

/// The path typed into a field, or `None` when it is blank.
pub(in crate::ui::authoring) fn path_of(text: &str) -> Option<PathBuf> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| PathBuf::from(trimmed))
}

/// What signing one bundle needs: in the dialog as typed (`P = String`), in the job as paths
/// (`P = PathBuf`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignFields<P> {
    /// The secret key file.
    pub key: P,
    /// Its password (ignored for an unprotected key).
    pub password: Password,
    /// Where to write the bundle.
    pub destination: P,
}

impl SignFields<String> {
    /// The fields as paths, or `None` while the key or the destination is blank.
    pub fn parse(&self) -> Option<SignFields<PathBuf>> {
        Some(SignFields {
            key: path_of(&self.key)?,
            password: self.password.clone(),
            destination: path_of(&self.destination)?,
        })
    }
}

/// What exporting one bundle per client needs: in the dialog as typed (`P = String`), in the
/// job as paths (`P = PathBuf`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientsFields<P> {
    /// The clients CSV.
    pub list: P,
    /// The secret key file.
    pub key: P,
    /// Its password.
    pub password: Password,
    /// The output folder.
    pub output: P,
}

impl ClientsFields<String> {
    /// The fields as paths, or `None` while any path is blank.
    pub fn parse(&self) -> Option<ClientsFields<PathBuf>> {
        Some(ClientsFields {
            list: path_of(&self.list)?,
            key: path_of(&self.key)?,
            password: self.password.clone(),
            output: path_of(&self.output)?,
        })
    }
}

/// The folder-path dialog's form.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderPathForm {
    /// The text typed.
    pub text: String,
    /// Why it is shown.
    pub reason: PathPromptReason,
}

/// The import dialog's form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportForm {
    /// The letter file.
    pub letter: String,
    /// The folder to create.
    pub folder: String,
    /// Why the last attempt failed.
    pub problem: Option<String>,
}

/// The new-key dialog's form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewKeyForm {
    /// `NAME` for `NAME.key` / `NAME.pub`.
    pub base: String,
    /// The password.
    pub password: Password,
    /// The password again.
    pub repeat: Password,
    /// Why the last attempt could not start.
    pub problem: Option<String>,
}

/// The sign-and-export dialog's form.
///
/// After a wrong password the form comes back as it was, with the password field emptied (a
/// wrong password is of no use, and retyping it whole is how a typo is found) and
/// [`SignForm::password_problem`] set, which the view says next to that field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignForm {
    /// Key, password and destination as typed.
    pub fields: SignFields<String>,
    /// Why the last attempt could not start.
    pub problem: Option<String>,
    /// Why the last attempt's password did not open the key.
    pub password_problem: Option<PasswordProblem>,
    /// Whether the open warnings of the pre-send checks are listed.
    pub show_warnings: bool,
    /// The second step: this file exists; replace it?
    pub confirm_replace: Option<PathBuf>,
}

/// The export-for-clients dialog's form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientsForm {
    /// List, key, password and output folder as typed.
    pub fields: ClientsFields<String>,
    /// Why the last attempt could not start.
    pub problem: Option<String>,
    /// Why the last attempt's password did not open the key.
    pub password_problem: Option<PasswordProblem>,
    /// Whether the open warnings of the pre-send checks are listed.
    pub show_warnings: bool,
    /// The second step: this many bundles in the output folder would be replaced; go on?
    pub confirm_replace: Option<usize>,
}

/// A dialog of the authoring work.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthoringDialog {
    /// Type a folder path (no native dialog, or asked for).
    FolderPath(FolderPathForm),
    /// Import a plain-text letter into a new notice folder.
    Import(ImportForm),
    /// What the import detected, for a person to confirm.
    ImportReport {
        /// The folder written.
        folder: PathBuf,
        /// Every detection, with line and column.
        detections: Vec<Detection>,
    },
    /// Key, password and destination for signing the preview.
    SignExport(SignForm),
    /// Signing refused while the checks report errors.
    SignRefused {
        /// The findings that block signing.
        blocking: Vec<Finding>,
    },
    /// Where and with what password to create a key pair.
    NewKey(NewKeyForm),
    /// A key pair was created: its id and fingerprint to read out.
    KeyCreated(WrittenKeyPair),
    /// Client list, key, password and output folder for one bundle per client.
    ExportClients(ClientsForm),
    /// A bundle was written, read back and verified.
    Signed {
        /// What was written.
        report: SignedReport,
        /// Why its folder could not be shown, after "Show in folder".
        reveal_failed: Option<Problem>,
    },
    /// One bundle per client: what was written and what was not.
    ClientsDone {
        /// Every row's outcome.
        summary: RecipientSummary,
        /// The output folder.
        output: PathBuf,
        /// Why the folder could not be shown, after "Show in folder".
        reveal_failed: Option<Problem>,
    },
    /// A task failed; nothing was written.
    Failed {
        /// Which task.
        task: Task,
        /// Why, kept typed until it is shown.
        reason: Problem,
        /// The form the task was started from, every field as typed but the passwords, which
        /// closing this report brings back.
        back_to: Option<Box<AuthoringDialog>>,
    },
}

impl AuthoringDialog {
    /// This dialog as a form to return to after a failure: the form with its passwords
    /// emptied (a password that failed is of no use; retyping it is how a typo is found), or
    /// nothing if it is a report rather than a form.
    pub fn form_to_return_to(self) -> Option<AuthoringDialog> {
        match self {
            AuthoringDialog::Import(form) => Some(AuthoringDialog::Import(form)),
            AuthoringDialog::NewKey(form) => Some(AuthoringDialog::NewKey(NewKeyForm {
                password: Password::default(),
                repeat: Password::default(),
                ..form
            })),
            AuthoringDialog::SignExport(mut form) => {
                form.fields.password = Password::default();
                form.confirm_replace = None;
                Some(AuthoringDialog::SignExport(form))
            }
            AuthoringDialog::ExportClients(mut form) => {
                form.fields.password = Password::default();
                form.confirm_replace = None;
                Some(AuthoringDialog::ExportClients(form))
            }
            _ => None,
        }
    }

    /// The text of `field` in this dialog's form, if it has that field.
    pub(in crate::ui::authoring) fn field_mut(&mut self, field: Field) -> Option<&mut String> {
        match (self, field) {
            (AuthoringDialog::FolderPath(form), Field::FolderPath) => Some(&mut form.text),
            (AuthoringDialog::Import(form), Field::Letter) => Some(&mut form.letter),
            (AuthoringDialog::Import(form), Field::ImportFolder) => Some(&mut form.folder),
            (AuthoringDialog::SignExport(form), Field::KeyFile) => Some(&mut form.fields.key),
            (AuthoringDialog::SignExport(form), Field::Destination) => {
                Some(&mut form.fields.destination)
            }
            (AuthoringDialog::NewKey(form), Field::KeyBase) => Some(&mut form.base),
            (AuthoringDialog::ExportClients(form), Field::ClientList) => {
                Some(&mut form.fields.list)
            }
            (AuthoringDialog::ExportClients(form), Field::KeyFile) => Some(&mut form.fields.key),
            (AuthoringDialog::ExportClients(form), Field::OutputFolder) => {
                Some(&mut form.fields.output)
            }
            _ => None,
        }
    }
}

impl AppState {
    /// Puts the path a native dialog gave into `field` of the open dialog; a field the dialog
    /// does not have is ignored.
    pub(in crate::ui::authoring) fn fill_chosen(&mut self, field: Field, path: &std::path::Path) {
        if let Some(text) = self
            .modal_of_mut::<AuthoringDialog>()
            .and_then(|dialog| dialog.field_mut(field))
        {
            *text = path.display().to_string();
        }
    }

    /// Shows under the open dialog's fields why its action could not start.
    pub(in crate::ui::authoring) fn set_problem(&mut self, text: &str) {
        let problem = match self.modal_of_mut::<AuthoringDialog>() {
            Some(AuthoringDialog::Import(form)) => &mut form.problem,
            Some(AuthoringDialog::SignExport(form)) => &mut form.problem,
            Some(AuthoringDialog::NewKey(form)) => &mut form.problem,
            Some(AuthoringDialog::ExportClients(form)) => &mut form.problem,
            _ => return,
        };
        *problem = Some(text.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_fields_parse_into_paths_only_when_both_are_given() {
        let mut fields = SignFields {
            key: " /keys/firm.key ".to_owned(),
            password: Password::new("pw"),
            destination: String::new(),
        };
        assert_eq!(fields.parse(), None);
        fields.destination = "out.kairan".into();
        let parsed = fields.parse().unwrap();
        assert_eq!(parsed.key, PathBuf::from("/keys/firm.key"));
        assert_eq!(parsed.destination, PathBuf::from("out.kairan"));
        assert_eq!(parsed.password.expose(), "pw");
    }
}
