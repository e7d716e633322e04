//! The Settings ▸ Trusted keys window: renaming, revoking and removing keys, adding one from a
//! key file or pasted text (shown for checking before it is added), exporting one to a file,
//! and the reader's organisation. Every change is written through the trust store and
//! re-checks the bundle on screen. Plain state;
//! [`keys_window_view`](super::keys_window_view) draws the window and edits the forms' text in
//! place; the text is read and checked here when the reader saves, adds or exports.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::bundle::PublicKey;
use crate::trust::{self, HowAdded, TrustStore};
use crate::ui::command::Effect;
use crate::ui::error_text::Problem;
use crate::ui::state::AppState;
use crate::ui::trust::files::{TrustFile, name_of};
use crate::ui::trust::state::{TrustAction, TrustCommand, TrustEffect, TrustNote};

/// Largest key file the import form reads; a minisign `.pub` file is about 100 bytes.
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

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

impl ImportForm {
    /// Reads the key the form's path or pasted text holds into [`preview`](Self::preview), for
    /// the reader to check before adding it (nothing while the field is empty). Called when the
    /// source, the path or the text changes.
    pub fn read_preview(&mut self) {
        let empty = match self.source {
            ImportSource::File => self.path.trim().is_empty(),
            ImportSource::Pasted => self.pasted.trim().is_empty(),
        };
        self.preview = (!empty).then(|| read_key(self));
    }
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

impl AppState {
    pub(in crate::ui::trust) fn handle_window(&mut self, command: TrustCommand) {
        let Some(window) = &mut self.trust.window else {
            return;
        };
        match command {
            TrustCommand::StartRename(key) => {
                let text = name_of(&self.trust.files, &key);
                window.rename = Some(RenameForm { key, text });
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
                window.import.read_preview();
            }
            TrustCommand::ChooseKeyFile => {
                self.effects.push(Effect::Trust(TrustEffect::ChooseKeyFile))
            }
            TrustCommand::KeyFileChosen(path) => {
                window.import.source = ImportSource::File;
                window.import.path = path.display().to_string();
                window.import.dialog_gave_nothing = false;
                window.import.read_preview();
            }
            TrustCommand::KeyFileDialogGaveNothing => {
                window.import.source = ImportSource::File;
                window.import.dialog_gave_nothing = true;
            }
            TrustCommand::ConfirmImport => self.import(),
            TrustCommand::ChooseExportLocation(key) => {
                let name = name_of(&self.trust.files, &key);
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
            TrustCommand::SaveOrganisation => self.save_organisation(),
            TrustCommand::OpenTrustDialog
            | TrustCommand::ConfirmTrust
            | TrustCommand::CloseTrustDialog
            | TrustCommand::AcceptRollover
            | TrustCommand::OpenNewKeyDialog(_)
            | TrustCommand::ConfirmNewKey
            | TrustCommand::CloseNewKeyDialog
            | TrustCommand::ReloadFiles
            | TrustCommand::HideProblems
            | TrustCommand::DismissNote
            | TrustCommand::OpenKeysWindow
            | TrustCommand::CloseKeysWindow => {}
        }
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

#[cfg(test)]
mod tests {
    use super::*;
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
