//! The authoring dialogs as plain state: every dialog with what has been typed into it
//! ([`AuthoringDialog`]), which text field a command fills ([`Field`]) and which native dialog
//! serves it ([`Chooser`]), and passwords that never show in debug output ([`Password`]).

use std::path::PathBuf;

use crate::authoring::checks::Finding;
use crate::authoring::import::Detection;
use crate::authoring::publish::{RecipientSummary, WrittenKeyPair};
use crate::ui::authoring::jobs::{SignedReport, Task};
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

/// The path typed into a field, or `None` when it is blank.
pub(in crate::ui::authoring) fn path_of(text: &str) -> Option<PathBuf> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| PathBuf::from(trimmed))
}

impl AppState {
    /// Puts `value` into `field` of the open dialog; a field the dialog does not have is ignored.
    pub(in crate::ui::authoring) fn set_field(&mut self, field: Field, value: String) {
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

    /// Shows under the open dialog's fields why its action could not start.
    pub(in crate::ui::authoring) fn set_problem(&mut self, text: &str) {
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
}
