//! The reader's trust files as the viewer holds them, and what the viewer does with them: the
//! keys bundles are opened with, what [`trust::assess`] says about the bundle on screen (recorded
//! in the series history exactly as the command line does), the "Trust this key as…" dialog,
//! accepting a key rollover, and the Settings ▸ Trusted keys window.
//!
//! Plain Rust with no widgets, tested without a window; views read [`TrustState`] and push
//! [`TrustCommand`]s. A trust file that cannot be read is reported and never written (the
//! library refuses every write to it); until it is fixed, bundles open with the built-in demo
//! key only. This module decides nothing about signatures itself: the `bundle` and `trust`
//! libraries do.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::bundle::{KeyId, PublicKey, TrustedKey, Verdict};
use crate::trust::{
    self, ConfigDir, HowAdded, KeyRecord, OldKeyFate, RolloverOffer, SeriesHistory, Settings,
    TrustStore,
};
use crate::ui::command::{Command, Effect};
use crate::ui::error_text::Problem;
use crate::ui::state::{AppState, Contents, Origin};

/// Largest key file the import form reads; a minisign `.pub` file is about 100 bytes.
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

/// Which of the reader's trust files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustFile {
    /// The configuration folder itself (none could be found).
    Folder,
    /// `trust-store.json`.
    Store,
    /// `series-history.json`.
    History,
    /// `settings.json`.
    Settings,
}

/// A trust file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// Which file.
    pub file: TrustFile,
    /// Its path, when there is one.
    pub path: Option<PathBuf>,
    /// Why, kept typed until it is shown in the reader's language.
    pub error: Problem,
}

/// The reader's trust files, as last read. A file that could not be read is `None` here and
/// described in `problems`.
#[derive(Debug)]
pub struct TrustFiles {
    /// The folder they live in (`None`: no folder could be found).
    pub config: Option<ConfigDir>,
    /// The trust store.
    pub store: Option<TrustStore>,
    /// The series history.
    pub history: Option<SeriesHistory>,
    /// The reader's settings (their organisation).
    pub settings: Option<Settings>,
    /// What could not be read.
    pub problems: Vec<FileProblem>,
}

impl TrustFiles {
    /// Reads the three files in `config`.
    pub fn load(config: Option<ConfigDir>) -> Self {
        let mut problems = Vec::new();
        let Some(dir) = &config else {
            problems.push(FileProblem {
                file: TrustFile::Folder,
                path: None,
                error: trust::TrustError::NoConfigDir.into(),
            });
            return TrustFiles {
                config,
                store: None,
                history: None,
                settings: None,
                problems,
            };
        };
        let mut keep = |file, path: PathBuf, error: trust::TrustError| {
            problems.push(FileProblem {
                file,
                path: Some(path),
                error: error.into(),
            });
        };
        let store = TrustStore::load(&dir.trust_store())
            .map_err(|error| keep(TrustFile::Store, dir.trust_store(), error))
            .ok();
        let history = SeriesHistory::load(&dir.series_history())
            .map_err(|error| keep(TrustFile::History, dir.series_history(), error))
            .ok();
        let settings = Settings::load(&dir.settings())
            .map_err(|error| keep(TrustFile::Settings, dir.settings(), error))
            .ok();
        TrustFiles {
            config,
            store,
            history,
            settings,
            problems,
        }
    }

    /// The keys to open bundles with: see [`trust::keys_for_opening`]. Without a readable
    /// store, only the built-in demo key and `extra`.
    pub fn keys_for_opening(&self, extra: &[TrustedKey]) -> Vec<TrustedKey> {
        match &self.store {
            Some(store) => trust::keys_for_opening(store, extra),
            None => std::iter::once(crate::sample::demo_trusted_key())
                .chain(
                    extra
                        .iter()
                        .filter(|key| !key.public_key.is_demo())
                        .cloned(),
                )
                .collect(),
        }
    }

    /// Applies `change` to the store, or says why the store cannot be changed (it could not
    /// be read, so it is never written).
    fn change_store<T>(
        &mut self,
        change: impl FnOnce(&mut TrustStore) -> Result<T, trust::TrustError>,
    ) -> Result<T, Problem> {
        match &mut self.store {
            Some(store) => change(store).map_err(Problem::from),
            None => Err(self
                .store_problem()
                .map(|problem| problem.error.clone())
                .unwrap_or_else(|| trust::TrustError::NoConfigDir.into())),
        }
    }

    /// The problem with the trust store, if it could not be read.
    pub fn store_problem(&self) -> Option<&FileProblem> {
        self.problems
            .iter()
            .find(|problem| matches!(problem.file, TrustFile::Store | TrustFile::Folder))
    }
}

/// Whether the reader ticked "I confirmed this fingerprint".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FingerprintCheck {
    /// Not yet.
    #[default]
    NotConfirmed,
    /// Confirmed with the key's owner by phone or from a letter.
    Confirmed,
}

/// The "This is a new key of NAME" dialog: the unknown signer on screen, whose bundle claims
/// the name of a key the reader trusts, is trusted in that key's place — only after the reader
/// compared both fingerprints, confirmed the new one with the issuer by phone, and chose what
/// becomes of the old key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKeyDialog {
    /// The trusted key whose name the bundle claims.
    pub old: KeyRecord,
    /// The signer's key.
    pub new: PublicKey,
    /// The bundle's id, recorded as how the key was added.
    pub bundle_id: String,
    /// Whether the reader confirmed the new fingerprint with the issuer.
    pub check: FingerprintCheck,
    /// What becomes of the old key; the reader must choose.
    pub fate: Option<OldKeyFate>,
    /// The note typed so far.
    pub note: String,
    /// Why the last attempt failed.
    pub error: Option<Problem>,
}

/// The "Trust this key as…" dialog for the unknown signer on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustDialog {
    /// The signer's key.
    pub key: PublicKey,
    /// The issuer the bundle claims (unverified).
    pub claim: String,
    /// The bundle's id, recorded as how the key was added.
    pub bundle_id: String,
    /// The name typed so far (prefilled with the claim).
    pub name: String,
    /// The note typed so far.
    pub note: String,
    /// Whether the reader confirmed the fingerprint.
    pub check: FingerprintCheck,
    /// Why the last attempt failed.
    pub error: Option<Problem>,
}

/// Where the key being imported comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportSource {
    /// A minisign `.pub` file.
    #[default]
    File,
    /// Pasted text.
    Pasted,
}

/// The "Add a key" form of the Trusted keys window.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportForm {
    /// File or pasted text.
    pub source: ImportSource,
    /// The key file's path.
    pub path: String,
    /// The pasted text.
    pub pasted: String,
    /// The reader's name for the key's owner.
    pub name: String,
    /// A note.
    pub note: String,
    /// The key read from the file or text, or why none could be.
    pub preview: Option<Result<PublicKey, Problem>>,
    /// The native dialog gave no file: say that the path can be typed.
    pub dialog_gave_nothing: bool,
}

/// Renaming a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameForm {
    /// The key.
    pub key: PublicKey,
    /// The new name typed so far.
    pub text: String,
}

/// Exporting a key to a path typed by hand (the native dialog gave none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportForm {
    /// The key.
    pub key: PublicKey,
    /// The path typed so far.
    pub path: String,
}

/// A change that needs the reader's confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Revoke the key.
    Revoke(PublicKey),
    /// Remove the key from the store.
    Remove(PublicKey),
}

/// The Settings ▸ Trusted keys window.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeysWindow {
    /// A rename in progress.
    pub rename: Option<RenameForm>,
    /// A revoke or remove awaiting confirmation.
    pub confirm: Option<KeyAction>,
    /// The add-a-key form.
    pub import: ImportForm,
    /// An export to a typed path.
    pub export: Option<ExportForm>,
    /// The organisation field's text.
    pub organisation: String,
    /// What the last action did.
    pub note: Option<TrustNote>,
}

/// What a trust action was, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustAction {
    /// Accepting a key rollover.
    AcceptRollover,
    /// Importing a key.
    Import,
    /// Renaming a key.
    Rename,
    /// Revoking a key.
    Revoke,
    /// Removing a key.
    Remove,
    /// Exporting a key.
    Export,
    /// Saving the organisation.
    SaveOrganisation,
}

/// What a trust action did, to tell the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustNote {
    /// A bundle's signer is now trusted.
    TrustedFromBundle {
        /// The reader's name for it.
        name: String,
        /// Its key id.
        key_id: String,
    },
    /// A rollover's new key is now trusted under the old key's name.
    TrustedByRollover {
        /// The name.
        name: String,
        /// The new key's id.
        key_id: String,
        /// The old key's id.
        old_key_id: String,
        /// From when the new key signs.
        effective: String,
    },
    /// A new key is now trusted in place of an old one of the same issuer.
    ReplacedKey {
        /// The name.
        name: String,
        /// The new key's id.
        key_id: String,
        /// The old key's id.
        old_key_id: String,
        /// What became of the old key.
        fate: OldKeyFate,
    },
    /// A key was imported.
    Imported {
        /// The name.
        name: String,
        /// Its key id.
        key_id: String,
    },
    /// A key was renamed.
    Renamed {
        /// Its key id.
        key_id: String,
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// A key was revoked.
    Revoked {
        /// The name.
        name: String,
        /// Its key id.
        key_id: String,
    },
    /// A key was removed.
    Removed {
        /// The name.
        name: String,
        /// Its key id.
        key_id: String,
    },
    /// A key was written to a file.
    Exported {
        /// Its key id.
        key_id: String,
        /// The file.
        path: PathBuf,
    },
    /// The organisation was saved (`None`: cleared).
    OrganisationSet(Option<String>),
    /// An action failed; nothing was changed.
    Failed {
        /// What was tried.
        action: TrustAction,
        /// Why it failed.
        reason: Problem,
    },
    /// Opening a verified notice could not be recorded in the series history.
    NotRecorded(Problem),
}

/// Everything trust-related the viewer holds.
#[derive(Debug)]
pub struct TrustState {
    /// The reader's trust files.
    pub files: TrustFiles,
    /// The reader hid the file problems shown now.
    pub problems_hidden: bool,
    /// The "Trust this key as…" dialog.
    pub dialog: Option<TrustDialog>,
    /// The "This is a new key of NAME" dialog.
    pub new_key: Option<NewKeyDialog>,
    /// The Trusted keys window, when open.
    pub window: Option<KeysWindow>,
    /// What the last action from the banner did.
    pub note: Option<TrustNote>,
}

impl TrustState {
    /// Reads the trust files in `config`.
    pub fn new(config: Option<ConfigDir>) -> Self {
        TrustState {
            files: TrustFiles::load(config),
            problems_hidden: false,
            dialog: None,
            new_key: None,
            window: None,
            note: None,
        }
    }

    /// Re-reads the trust files, picking up changes made elsewhere; a problem not seen before
    /// is shown again even if the reader hid the last one.
    pub fn reload(&mut self) {
        let files = TrustFiles::load(self.files.config.clone());
        if files.problems != self.files.problems {
            self.problems_hidden = false;
        }
        self.files = files;
    }
}

/// A trust request from a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustCommand {
    /// Open "Trust this key as…" for the unknown signer on screen.
    OpenTrustDialog,
    /// The dialog's name changed.
    SetTrustName(String),
    /// The dialog's note changed.
    SetTrustNote(String),
    /// The dialog's fingerprint check changed.
    SetFingerprintCheck(FingerprintCheck),
    /// Trust the key as named, then open the bundle again.
    ConfirmTrust,
    /// Close the dialog without trusting anything.
    CloseTrustDialog,
    /// Trust the rollover's new key under the old key's name, then open the bundle again.
    AcceptRollover,
    /// Open "This is a new key of NAME" for the unknown signer on screen, whose bundle claims
    /// the name of the trusted key with this id.
    OpenNewKeyDialog(KeyId),
    /// The new-key dialog's fingerprint check changed.
    SetNewKeyCheck(FingerprintCheck),
    /// The new-key dialog's choice for the old key changed.
    SetOldKeyFate(OldKeyFate),
    /// The new-key dialog's note changed.
    SetNewKeyNote(String),
    /// Trust the signer in place of the old key, then open the bundle again.
    ConfirmNewKey,
    /// Close the new-key dialog without changing anything.
    CloseNewKeyDialog,
    /// Read the trust files again.
    ReloadFiles,
    /// Hide the file problems shown now.
    HideProblems,
    /// Dismiss the note under the banner.
    DismissNote,
    /// Open the Trusted keys window.
    OpenKeysWindow,
    /// Close it.
    CloseKeysWindow,
    /// Start renaming a key.
    StartRename(PublicKey),
    /// The new name changed.
    SetRenameText(String),
    /// Save the new name.
    ConfirmRename,
    /// Stop renaming.
    CancelRename,
    /// Ask to confirm revoking or removing a key.
    Ask(KeyAction),
    /// Do the confirmed action.
    ConfirmAction,
    /// Do not do it.
    CancelAction,
    /// Import from a file or pasted text.
    SetImportSource(ImportSource),
    /// The key file path changed.
    SetImportPath(String),
    /// The pasted text changed.
    SetImportText(String),
    /// The import name changed.
    SetImportName(String),
    /// The import note changed.
    SetImportNote(String),
    /// Show the native dialog to pick a key file.
    ChooseKeyFile,
    /// The native dialog picked this file.
    KeyFileChosen(PathBuf),
    /// The native dialog gave no file.
    KeyFileDialogGaveNothing,
    /// Add the key of the import form.
    ConfirmImport,
    /// Show the native dialog to choose where to export a key.
    ChooseExportLocation(PublicKey),
    /// The native dialog gave no place: ask for a path.
    ExportDialogGaveNothing(PublicKey),
    /// The typed export path changed.
    SetExportPath(String),
    /// Export to the typed path.
    ConfirmTypedExport,
    /// Stop exporting.
    CancelExport,
    /// Write a key to this file.
    ExportTo {
        /// The key.
        key: PublicKey,
        /// The file (must not exist yet).
        path: PathBuf,
    },
    /// The organisation field changed.
    SetOrganisationText(String),
    /// Save the organisation (empty clears it).
    SaveOrganisation,
}

/// Trust work only the platform can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustEffect {
    /// Show the native open dialog for a `.pub` file.
    ChooseKeyFile,
    /// Show the native save dialog for an exported key.
    ChooseExportLocation {
        /// The key.
        key: PublicKey,
        /// The suggested file name.
        file_name: String,
    },
}

impl AppState {
    /// The keys to open the next bundle with, after re-reading the trust files (another Kairan
    /// window or the command line may have changed them).
    pub(in crate::ui) fn opening_keys(&mut self) -> Vec<TrustedKey> {
        self.trust.reload();
        self.trust.files.keys_for_opening(&self.trusted)
    }

    /// Assesses the bundle just put on screen against the reader's records and records the
    /// opening in the series history as `kairan verify` does. A bundle signed by a revoked key
    /// is treated like one that failed verification: its contents wait behind "Show anyway".
    pub(in crate::ui) fn assess_shown(&mut self) {
        self.trust.note = None;
        let Some(shown) = &mut self.shown else {
            return;
        };
        let files = &mut self.trust.files;
        let now = jiff::Timestamp::now();
        // A file that could not be read gives no warnings of its own (the problem is shown),
        // but the headline is still the library's.
        let records = trust::Records {
            store: files.store.as_ref(),
            history: files.history.as_ref(),
            settings: files.settings.as_ref(),
        };
        let origin = match shown.origin {
            Origin::BuiltInSample => trust::Origin::BuiltInSample,
            Origin::File(_) | Origin::Preview(_) => trust::Origin::File,
        };
        let assessment = trust::assess(&shown.bundle, records, origin, now);
        if let Some(signer) = assessment.series_signer()
            && let Some(history) = &mut files.history
            && let Err(error) = history.record(signer, &shown.bundle.manifest, now)
        {
            self.trust.note = Some(TrustNote::NotRecorded(error.into()));
        }
        if !assessment.status.shows_contents() && shown.contents == Contents::Shown {
            shown.contents = Contents::Withheld;
        }
        shown.assessment = Some(assessment);
    }

    /// Applies one trust command.
    pub(in crate::ui) fn handle_trust(&mut self, command: TrustCommand) {
        match command {
            TrustCommand::OpenTrustDialog => self.open_trust_dialog(),
            TrustCommand::SetTrustName(name) => {
                if let Some(dialog) = &mut self.trust.dialog {
                    dialog.name = name;
                }
            }
            TrustCommand::SetTrustNote(note) => {
                if let Some(dialog) = &mut self.trust.dialog {
                    dialog.note = note;
                }
            }
            TrustCommand::SetFingerprintCheck(check) => {
                if let Some(dialog) = &mut self.trust.dialog {
                    dialog.check = check;
                }
            }
            TrustCommand::ConfirmTrust => self.confirm_trust(),
            TrustCommand::CloseTrustDialog => self.trust.dialog = None,
            TrustCommand::AcceptRollover => self.accept_rollover(),
            TrustCommand::OpenNewKeyDialog(old_key_id) => self.open_new_key_dialog(&old_key_id),
            TrustCommand::SetNewKeyCheck(check) => {
                if let Some(dialog) = &mut self.trust.new_key {
                    dialog.check = check;
                }
            }
            TrustCommand::SetOldKeyFate(fate) => {
                if let Some(dialog) = &mut self.trust.new_key {
                    dialog.fate = Some(fate);
                }
            }
            TrustCommand::SetNewKeyNote(note) => {
                if let Some(dialog) = &mut self.trust.new_key {
                    dialog.note = note;
                }
            }
            TrustCommand::ConfirmNewKey => self.confirm_new_key(),
            TrustCommand::CloseNewKeyDialog => self.trust.new_key = None,
            TrustCommand::ReloadFiles => {
                self.trust.reload();
                self.reopen();
            }
            TrustCommand::HideProblems => self.trust.problems_hidden = true,
            TrustCommand::DismissNote => self.trust.note = None,
            TrustCommand::OpenKeysWindow => {
                self.trust.reload();
                let organisation = self
                    .trust
                    .files
                    .settings
                    .as_ref()
                    .and_then(Settings::organisation)
                    .unwrap_or_default()
                    .to_owned();
                self.trust.window = Some(KeysWindow {
                    organisation,
                    ..KeysWindow::default()
                });
            }
            TrustCommand::CloseKeysWindow => self.trust.window = None,
            command => self.handle_window(command),
        }
    }

    fn handle_window(&mut self, command: TrustCommand) {
        let Some(window) = &mut self.trust.window else {
            return;
        };
        match command {
            TrustCommand::StartRename(key) => {
                let text = self
                    .trust
                    .files
                    .store
                    .as_ref()
                    .and_then(|store| store.record_for(&key))
                    .map(|record| record.name.clone())
                    .unwrap_or_default();
                window.rename = Some(RenameForm { key, text });
            }
            TrustCommand::SetRenameText(text) => {
                if let Some(rename) = &mut window.rename {
                    rename.text = text;
                }
            }
            TrustCommand::ConfirmRename => {
                if let Some(rename) = window.rename.clone() {
                    self.change_store(TrustAction::Rename, |store| {
                        let old = store
                            .record_for(&rename.key)
                            .map(|record| record.name.clone())
                            .unwrap_or_default();
                        let record = store.rename(&rename.key, &rename.text)?;
                        Ok(TrustNote::Renamed {
                            key_id: record.public_key.key_id.to_string(),
                            old,
                            new: record.name,
                        })
                    });
                }
            }
            TrustCommand::CancelRename => window.rename = None,
            TrustCommand::Ask(action) => window.confirm = Some(action),
            TrustCommand::CancelAction => window.confirm = None,
            TrustCommand::ConfirmAction => match window.confirm.take() {
                Some(KeyAction::Revoke(key)) => self.change_store(TrustAction::Revoke, |store| {
                    store.revoke(&key).map(|record| TrustNote::Revoked {
                        key_id: record.public_key.key_id.to_string(),
                        name: record.name,
                    })
                }),
                Some(KeyAction::Remove(key)) => self.change_store(TrustAction::Remove, |store| {
                    store.remove(&key).map(|record| TrustNote::Removed {
                        key_id: record.public_key.key_id.to_string(),
                        name: record.name,
                    })
                }),
                None => {}
            },
            TrustCommand::SetImportSource(source) => {
                window.import.source = source;
                window.import.preview = preview(&window.import);
            }
            TrustCommand::SetImportPath(path) => {
                window.import.path = path;
                window.import.preview = preview(&window.import);
            }
            TrustCommand::SetImportText(text) => {
                window.import.pasted = text;
                window.import.preview = preview(&window.import);
            }
            TrustCommand::SetImportName(name) => window.import.name = name,
            TrustCommand::SetImportNote(note) => window.import.note = note,
            TrustCommand::ChooseKeyFile => {
                self.effects.push(Effect::Trust(TrustEffect::ChooseKeyFile))
            }
            TrustCommand::KeyFileChosen(path) => {
                window.import.source = ImportSource::File;
                window.import.path = path.display().to_string();
                window.import.dialog_gave_nothing = false;
                window.import.preview = preview(&window.import);
            }
            TrustCommand::KeyFileDialogGaveNothing => {
                window.import.source = ImportSource::File;
                window.import.dialog_gave_nothing = true;
            }
            TrustCommand::ConfirmImport => self.import(),
            TrustCommand::ChooseExportLocation(key) => {
                let name = self
                    .trust
                    .files
                    .store
                    .as_ref()
                    .and_then(|store| store.record_for(&key))
                    .map(|record| record.name.clone())
                    .unwrap_or_default();
                self.effects
                    .push(Effect::Trust(TrustEffect::ChooseExportLocation {
                        key,
                        file_name: export_file_name(&name, &key),
                    }));
            }
            TrustCommand::ExportDialogGaveNothing(key) => {
                window.export = Some(ExportForm {
                    key,
                    path: String::new(),
                });
            }
            TrustCommand::SetExportPath(path) => {
                if let Some(export) = &mut window.export {
                    export.path = path;
                }
            }
            TrustCommand::ConfirmTypedExport => {
                if let Some(export) = window.export.take() {
                    let path = PathBuf::from(export.path.trim());
                    if !path.as_os_str().is_empty() {
                        self.export(&export.key, &path);
                    }
                }
            }
            TrustCommand::CancelExport => window.export = None,
            TrustCommand::ExportTo { key, path } => self.export(&key, &path),
            TrustCommand::SetOrganisationText(text) => window.organisation = text,
            TrustCommand::SaveOrganisation => self.save_organisation(),
            TrustCommand::OpenTrustDialog
            | TrustCommand::SetTrustName(_)
            | TrustCommand::SetTrustNote(_)
            | TrustCommand::SetFingerprintCheck(_)
            | TrustCommand::ConfirmTrust
            | TrustCommand::CloseTrustDialog
            | TrustCommand::AcceptRollover
            | TrustCommand::OpenNewKeyDialog(_)
            | TrustCommand::SetNewKeyCheck(_)
            | TrustCommand::SetOldKeyFate(_)
            | TrustCommand::SetNewKeyNote(_)
            | TrustCommand::ConfirmNewKey
            | TrustCommand::CloseNewKeyDialog
            | TrustCommand::ReloadFiles
            | TrustCommand::HideProblems
            | TrustCommand::DismissNote
            | TrustCommand::OpenKeysWindow
            | TrustCommand::CloseKeysWindow => {}
        }
    }

    fn open_trust_dialog(&mut self) {
        let Some(shown) = &self.shown else {
            return;
        };
        let Verdict::UnknownSigner { key } = &shown.bundle.verdict else {
            return;
        };
        // Only an unknown signer with nothing alarming can be trusted from the banner; an
        // impersonation alarm keeps the dialog shut.
        if key.is_demo() || shown.status() != crate::trust::Status::UnknownSigner {
            return;
        }
        let claim = shown.bundle.manifest.issuer.name.clone();
        // The claim is only a suggestion, and never one that looks like a name the reader
        // already gave another key, nor one with hidden characters.
        let collides = self.trust.files.store.as_ref().is_some_and(|store| {
            store
                .trusted()
                .any(|record| crate::trust::names::collide(&record.name, &claim))
        });
        let suggestion = if collides || crate::escape::has_hidden(&claim) {
            String::new()
        } else {
            claim.trim().to_owned()
        };
        self.trust.dialog = Some(TrustDialog {
            key: *key,
            name: suggestion,
            claim,
            bundle_id: shown.bundle.manifest.bundle_id.clone(),
            note: String::new(),
            check: FingerprintCheck::NotConfirmed,
            error: None,
        });
    }

    fn confirm_trust(&mut self) {
        let Some(dialog) = &mut self.trust.dialog else {
            return;
        };
        if dialog.check != FingerprintCheck::Confirmed {
            return;
        }
        let result = self.trust.files.change_store(|store| {
            store.add(
                &dialog.name,
                dialog.key,
                HowAdded::FromBundle {
                    bundle_id: dialog.bundle_id.clone(),
                },
                &dialog.note,
            )
        });
        match result {
            Ok(record) => {
                self.trust.dialog = None;
                self.reopen();
                self.trust.note = Some(TrustNote::TrustedFromBundle {
                    key_id: record.public_key.key_id.to_string(),
                    name: record.name,
                });
            }
            Err(reason) => dialog.error = Some(reason),
        }
    }

    /// The trusted key whose name the bundle on screen claims while an unknown key signed it:
    /// the one case in which "This is a new key of NAME" is offered.
    pub fn new_key_candidate(&self) -> Option<(&KeyRecord, PublicKey)> {
        let shown = self.shown.as_ref()?;
        let Verdict::UnknownSigner { key } = &shown.bundle.verdict else {
            return None;
        };
        if key.is_demo() {
            return None;
        }
        let assessment = shown.assessment.as_ref()?;
        let store = self.trust.files.store.as_ref()?;
        assessment
            .warnings
            .iter()
            .find_map(|warning| match warning {
                crate::trust::Warning::ClaimsNameOfTrustedKey { trusted_key_id, .. } => store
                    .trusted()
                    .find(|record| record.public_key.key_id == *trusted_key_id)
                    .map(|record| (record, *key)),
                _ => None,
            })
    }

    fn open_new_key_dialog(&mut self, old_key_id: &KeyId) {
        let Some((old, new)) = self
            .new_key_candidate()
            .filter(|(old, _)| old.public_key.key_id == *old_key_id)
            .map(|(old, new)| (old.clone(), new))
        else {
            return;
        };
        let bundle_id = self
            .shown
            .as_ref()
            .map(|shown| shown.bundle.manifest.bundle_id.clone())
            .unwrap_or_default();
        self.trust.dialog = None;
        self.trust.new_key = Some(NewKeyDialog {
            old,
            new,
            bundle_id,
            check: FingerprintCheck::NotConfirmed,
            fate: None,
            note: String::new(),
            error: None,
        });
    }

    fn confirm_new_key(&mut self) {
        let Some(dialog) = &mut self.trust.new_key else {
            return;
        };
        let (FingerprintCheck::Confirmed, Some(fate)) = (dialog.check, dialog.fate) else {
            return;
        };
        let result = self.trust.files.change_store(|store| {
            store.replace_key(
                &dialog.old.public_key,
                dialog.new,
                HowAdded::FromBundle {
                    bundle_id: dialog.bundle_id.clone(),
                },
                &dialog.note,
                fate,
            )
        });
        match result {
            Ok(record) => {
                let old_key_id = dialog.old.public_key.key_id.to_string();
                self.trust.new_key = None;
                self.reopen();
                self.trust.note = Some(TrustNote::ReplacedKey {
                    name: record.name,
                    key_id: record.public_key.key_id.to_string(),
                    old_key_id,
                    fate,
                });
            }
            Err(reason) => dialog.error = Some(reason),
        }
    }

    fn accept_rollover(&mut self) {
        let Some(offer) = self.rollover_offer().cloned() else {
            return;
        };
        let result = self
            .trust
            .files
            .change_store(|store| store.accept_rollover(&offer));
        match result {
            Ok(record) => {
                self.reopen();
                self.trust.note = Some(TrustNote::TrustedByRollover {
                    name: record.name,
                    key_id: record.public_key.key_id.to_string(),
                    old_key_id: offer.old.public_key.key_id.to_string(),
                    effective: offer.effective,
                });
            }
            Err(reason) => {
                self.trust.note = Some(TrustNote::Failed {
                    action: TrustAction::AcceptRollover,
                    reason,
                });
            }
        }
    }

    /// The key rollover the bundle on screen offers, if any.
    pub fn rollover_offer(&self) -> Option<&RolloverOffer> {
        self.shown.as_ref()?.assessment.as_ref()?.rollover.as_ref()
    }

    /// Opens the bundle on screen again, so its banner reflects the reader's changed records.
    fn reopen(&mut self) {
        let Some(shown) = &self.shown else {
            return;
        };
        let command = match &shown.origin {
            Origin::BuiltInSample => Command::OpenSample,
            Origin::File(path) => Command::OpenPath(path.clone()),
            // A preview is unsigned: no trust decision changes what it shows.
            Origin::Preview(_) => return,
        };
        self.handle(command);
    }

    /// Changes the store from the Trusted keys window, tells the reader what happened, and
    /// re-checks the bundle on screen.
    fn change_store(
        &mut self,
        action: TrustAction,
        change: impl FnOnce(&mut TrustStore) -> Result<TrustNote, trust::TrustError>,
    ) {
        let result = self.trust.files.change_store(change);
        let changed = result.is_ok();
        let note = result.unwrap_or_else(|reason| TrustNote::Failed { action, reason });
        if let Some(window) = &mut self.trust.window {
            window.note = Some(note);
            if changed {
                window.rename = None;
            }
        }
        if changed {
            self.reopen();
        }
    }

    fn import(&mut self) {
        let Some(window) = &self.trust.window else {
            return;
        };
        let form = window.import.clone();
        let how = match form.source {
            ImportSource::File => HowAdded::KeyFile {
                file: form.path.trim().to_owned(),
            },
            ImportSource::Pasted => HowAdded::Pasted,
        };
        let key = match read_key(&form) {
            Ok(key) => key,
            Err(reason) => {
                if let Some(window) = &mut self.trust.window {
                    window.note = Some(TrustNote::Failed {
                        action: TrustAction::Import,
                        reason,
                    });
                }
                return;
            }
        };
        self.change_store(TrustAction::Import, |store| {
            store
                .add(&form.name, key, how, &form.note)
                .map(|record| TrustNote::Imported {
                    key_id: record.public_key.key_id.to_string(),
                    name: record.name,
                })
        });
        if let Some(window) = &mut self.trust.window
            && matches!(window.note, Some(TrustNote::Imported { .. }))
        {
            window.import = ImportForm::default();
        }
    }

    fn export(&mut self, key: &PublicKey, path: &Path) {
        let result = if path.exists() {
            Err(Problem::AlreadyExists(path.to_owned()))
        } else {
            crate::fs::write_shared(path, key.to_file_text().as_bytes())
                .map_err(|error| Problem::write(path, error))
        };
        let note = match result {
            Ok(()) => TrustNote::Exported {
                key_id: key.key_id.to_string(),
                path: path.to_owned(),
            },
            Err(reason) => TrustNote::Failed {
                action: TrustAction::Export,
                reason,
            },
        };
        if let Some(window) = &mut self.trust.window {
            window.note = Some(note);
        }
    }

    fn save_organisation(&mut self) {
        let Some(window) = &mut self.trust.window else {
            return;
        };
        let text = window.organisation.clone();
        let result = match &mut self.trust.files.settings {
            Some(settings) => settings
                .set_organisation(Some(&text))
                .map(|()| settings.organisation().map(str::to_owned))
                .map_err(Problem::from),
            None => Err(self
                .trust
                .files
                .problems
                .iter()
                .find(|problem| matches!(problem.file, TrustFile::Settings | TrustFile::Folder))
                .map(|problem| problem.error.clone())
                .unwrap_or_else(|| trust::TrustError::NoConfigDir.into())),
        };
        let changed = result.is_ok();
        window.note = Some(match result {
            Ok(organisation) => {
                window.organisation = organisation.clone().unwrap_or_default();
                TrustNote::OrganisationSet(organisation)
            }
            Err(reason) => TrustNote::Failed {
                action: TrustAction::SaveOrganisation,
                reason,
            },
        });
        if changed {
            self.reopen();
        }
    }
}

/// The signer's standing alone (revoked or the bundle's own verdict), for when the history or
/// settings cannot be read and [`trust::assess`] cannot run.
/// A file name for an exported key: the reader's name for it, made safe, or its key id.
fn export_file_name(name: &str, key: &PublicKey) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = safe.trim_matches('-');
    if stem.is_empty() {
        format!("{}.pub", key.key_id)
    } else {
        format!("{stem}.pub")
    }
}

/// The key of the import form, or why there is none yet.
fn read_key(form: &ImportForm) -> Result<PublicKey, Problem> {
    let text = match form.source {
        ImportSource::Pasted => form.pasted.clone(),
        ImportSource::File => {
            let path = Path::new(form.path.trim());
            if path.as_os_str().is_empty() {
                return Err(Problem::NoKeyFile);
            }
            read_small_file(path)?
        }
    };
    PublicKey::from_file_text(&text).map_err(Problem::from)
}

/// What the import form would add, for the reader to check before adding it.
fn preview(form: &ImportForm) -> Option<Result<PublicKey, Problem>> {
    let empty = match form.source {
        ImportSource::File => form.path.trim().is_empty(),
        ImportSource::Pasted => form.pasted.trim().is_empty(),
    };
    (!empty).then(|| read_key(form))
}

/// Reads a key file, refusing anything that is not a small regular file (a device or a pipe
/// would never end).
fn read_small_file(path: &Path) -> Result<String, Problem> {
    let describe = |error: std::io::Error| Problem::read(path, error);
    let metadata = std::fs::metadata(path).map_err(describe)?;
    if !metadata.is_file() {
        return Err(Problem::NotAFile(path.to_owned()));
    }
    if metadata.len() > MAX_KEY_FILE_BYTES {
        return Err(Problem::KeyFileTooLarge(path.to_owned()));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .map_err(describe)?
        .take(MAX_KEY_FILE_BYTES)
        .read_to_string(&mut text)
        .map_err(describe)?;
    Ok(text)
}

/// The reader's record of a key, if the store is readable and has it.
pub fn record_for<'a>(files: &'a TrustFiles, key: &PublicKey) -> Option<&'a KeyRecord> {
    files.store.as_ref()?.record_for(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::{PackOptions, pack_folder};
    use crate::bundle::SecretKey;
    use crate::bundle::keys::{Protection, generate};
    use crate::ui::i18n::Language;
    use crate::ui::state::StartOptions;

    fn state_in(dir: &Path) -> AppState {
        AppState::new(StartOptions {
            config_dir: Some(ConfigDir::at(dir.to_owned())),
            system_language: Some(Language::English),
            ..StartOptions::default()
        })
    }

    fn signed_sample(dir: &Path) -> (PublicKey, PathBuf) {
        let pair = generate(Protection::Unprotected, "test").unwrap();
        let secret = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29");
        let bytes = pack_folder(&folder, &secret, &PackOptions::default()).unwrap();
        let path = dir.join("b.kairan");
        std::fs::write(&path, bytes).unwrap();
        (pair.public_key, path)
    }

    #[test]
    fn without_a_configuration_folder_bundles_open_with_the_demo_key_only() {
        let files = TrustFiles::load(None);
        assert_eq!(files.problems[0].file, TrustFile::Folder);
        let keys = files.keys_for_opening(&[crate::sample::demo_trusted_key()]);
        assert_eq!(keys, vec![crate::sample::demo_trusted_key()]);
    }

    #[test]
    fn the_trust_dialog_trusts_nothing_until_the_fingerprint_is_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let (key, path) = signed_sample(dir.path());
        let mut state = state_in(&dir.path().join("config"));
        state.handle(Command::OpenPath(path));
        state.handle(Command::Trust(TrustCommand::OpenTrustDialog));
        let dialog = state.trust.dialog.clone().unwrap();
        assert_eq!(dialog.name, "みかさ社会保険労務士法人");
        assert_eq!(dialog.key, key);
        state.handle(Command::Trust(TrustCommand::ConfirmTrust));
        assert!(state.trust.dialog.is_some());
        assert!(!dir.path().join("config/trust-store.json").exists());
        state.handle(Command::Trust(TrustCommand::SetFingerprintCheck(
            FingerprintCheck::Confirmed,
        )));
        state.handle(Command::Trust(TrustCommand::ConfirmTrust));
        assert!(state.trust.dialog.is_none());
        assert!(state.shown.unwrap().assessment.unwrap().verdict.verified());
    }

    #[test]
    fn a_new_key_of_a_trusted_issuer_replaces_the_old_one_only_after_the_phone_check_and_a_choice()
    {
        for fate in [OldKeyFate::Revoke, OldKeyFate::Retire] {
            let dir = tempfile::tempdir().unwrap();
            let config = dir.path().join("config");
            let (new_key, path) = signed_sample(dir.path());
            let old_key = generate(Protection::Unprotected, "old").unwrap().public_key;
            std::fs::create_dir_all(&config).unwrap();
            let mut store = TrustStore::load(&config.join("trust-store.json")).unwrap();
            store
                .add("みかさ社会保険労務士法人", old_key, HowAdded::Pasted, "")
                .unwrap();
            let mut state = state_in(&config);
            state.handle(Command::OpenPath(path.clone()));
            assert_eq!(state.shown.as_ref().unwrap().status(), trust::Status::Alarm);
            // The ordinary dialog stays shut; the new-key offer names the trusted key.
            state.handle(Command::Trust(TrustCommand::OpenTrustDialog));
            assert!(state.trust.dialog.is_none());
            let (old, offered) = state.new_key_candidate().unwrap();
            assert_eq!((old.public_key, offered), (old_key, new_key));
            state.handle(Command::Trust(TrustCommand::OpenNewKeyDialog(
                old_key.key_id,
            )));
            let dialog = state.trust.new_key.clone().unwrap();
            assert_eq!((dialog.old.public_key, dialog.new), (old_key, new_key));
            // Neither the phone check alone nor the choice alone is enough.
            state.handle(Command::Trust(TrustCommand::SetNewKeyCheck(
                FingerprintCheck::Confirmed,
            )));
            state.handle(Command::Trust(TrustCommand::ConfirmNewKey));
            assert!(state.trust.new_key.is_some());
            state.handle(Command::Trust(TrustCommand::SetNewKeyCheck(
                FingerprintCheck::NotConfirmed,
            )));
            state.handle(Command::Trust(TrustCommand::SetOldKeyFate(fate)));
            state.handle(Command::Trust(TrustCommand::ConfirmNewKey));
            assert!(state.trust.new_key.is_some());
            let unchanged = TrustStore::load(&config.join("trust-store.json")).unwrap();
            assert_eq!(unchanged.records(), store.records());

            state.handle(Command::Trust(TrustCommand::SetNewKeyCheck(
                FingerprintCheck::Confirmed,
            )));
            state.handle(Command::Trust(TrustCommand::ConfirmNewKey));
            assert!(state.trust.new_key.is_none());
            let shown = state.shown.as_ref().unwrap();
            assert_eq!(shown.status(), trust::Status::Verified, "{fate:?}");
            assert!(matches!(
                &state.trust.note,
                Some(TrustNote::ReplacedKey { fate: done, .. }) if *done == fate
            ));
            let after = TrustStore::load(&config.join("trust-store.json")).unwrap();
            let trusted: Vec<_> = after
                .trusted()
                .map(|r| (r.name.clone(), r.public_key))
                .collect();
            assert_eq!(
                trusted,
                vec![("みかさ社会保険労務士法人".to_owned(), new_key)]
            );
            assert_eq!(
                after.record_for(&old_key).is_some(),
                fate == OldKeyFate::Revoke
            );
        }
    }

    #[test]
    fn a_trust_dialog_is_only_offered_for_an_unknown_signer() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = state_in(dir.path());
        state.handle(Command::OpenSample);
        state.handle(Command::Trust(TrustCommand::OpenTrustDialog));
        assert!(state.trust.dialog.is_none());
    }

    #[test]
    fn key_files_that_are_not_small_regular_files_are_refused_without_reading_them() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            read_small_file(dir.path())
                .unwrap_err()
                .to_string()
                .contains("is not a file")
        );
        let large = dir.path().join("large.pub");
        std::fs::write(&large, vec![b'x'; MAX_KEY_FILE_BYTES as usize + 1]).unwrap();
        assert!(
            read_small_file(&large)
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
        #[cfg(unix)]
        assert!(
            read_small_file(Path::new("/dev/zero"))
                .unwrap_err()
                .to_string()
                .contains("is not a file")
        );
    }

    #[test]
    fn exported_key_files_are_named_safely() {
        let key = PublicKey::demo();
        assert_eq!(
            export_file_name("みかさ 法人/本社", &key),
            "みかさ-法人-本社.pub"
        );
        assert_eq!(export_file_name("../", &key), format!("{}.pub", key.key_id));
    }
}
