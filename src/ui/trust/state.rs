//! Everything trust-related the viewer holds ([`TrustState`]) and what the viewer does with it:
//! the keys bundles are opened with, what [`trust::assess`] says about the bundle on screen
//! (recorded in the series history exactly as the command line does), accepting a key
//! rollover, and every [`TrustCommand`], which arrives here first. The trust files are read in
//! [`files`](super::files), the "Trust this key as…" and "This is a new key of NAME" dialogs
//! are handled in [`dialogs`](super::dialogs), and the Settings ▸ Trusted keys window in
//! [`keys_window`](super::keys_window).
//!
//! Plain Rust with no widgets, tested without a window; views read [`TrustState`] and push
//! [`TrustCommand`]s, except that the dialogs and the Trusted keys window edit their own forms'
//! text in place, which is read when a Confirm… or Save… command arrives. This module decides nothing about signatures itself: the `bundle` and
//! `trust` libraries do.

use std::path::PathBuf;

use crate::bundle::{KeyId, PublicKey, TrustedKey};
use crate::library::Kept;
use crate::trust::{self, ConfigDir, OldKeyFate, RolloverOffer, Settings};
use crate::ui::command::Command;
use crate::ui::error_text::Problem;
use crate::ui::state::{AppState, Contents, Origin};

pub use super::dialogs::{FingerprintCheck, NewKeyDialog, TrustDialog};
pub use super::files::{FileProblem, TrustFile, TrustFiles, record_for};
pub use super::keys_window::{
    ExportForm, ImportForm, ImportSource, KeyAction, KeysWindow, MAX_KEY_FILE_BYTES, RenameForm,
};

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
    /// The notice on screen could not be kept in the library of received notices.
    NotKept(Problem),
    /// The library's index could not be read and was made anew from the stored files.
    LibraryRebuilt {
        /// Stored files indexed again.
        indexed: usize,
        /// Stored files left out because they no longer verify.
        skipped: usize,
    },
}

/// Everything trust-related the viewer holds.
#[derive(Debug)]
pub struct TrustState {
    /// The reader's trust files.
    pub files: TrustFiles,
    /// The reader hid the file problems shown now.
    pub problems_hidden: bool,
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
    /// Trust the key as named, then open the bundle again.
    ConfirmTrust,
    /// Close the dialog without trusting anything.
    CloseTrustDialog,
    /// Trust the rollover's new key under the old key's name, then open the bundle again.
    AcceptRollover,
    /// Open "This is a new key of NAME" for the unknown signer on screen, whose bundle claims
    /// the name of the trusted key with this id.
    OpenNewKeyDialog(KeyId),
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
        let origin = match shown.origin {
            Origin::BuiltInSample => trust::Origin::BuiltInSample,
            Origin::File(_) | Origin::Preview(_) => trust::Origin::File,
        };
        // A file that could not be read gives no warnings of its own (the problem is shown),
        // but the headline is still the library's.
        let (assessment, not_recorded) = trust::assess_and_record(
            &shown.bundle,
            files.store.as_ref(),
            files.history.as_mut(),
            files.settings.as_ref(),
            origin,
            jiff::Timestamp::now(),
        );
        if let Some(error) = not_recorded {
            self.trust.note = Some(TrustNote::NotRecorded(error.into()));
        }
        // A file the reader opened is kept in the library (the sample and previews are not
        // received notices); a failure is a note and changes nothing on screen.
        let mut kept_id = None;
        if let Origin::File(_) = shown.origin
            && files.config.is_some()
        {
            let opening = crate::library::Opening {
                bundle: &shown.bundle,
                assessment: &assessment,
                origin,
                // Letters withheld behind "Show anyway" have not been read.
                reading: if assessment.status.shows_contents() {
                    crate::library::Reading::Shown
                } else {
                    crate::library::Reading::VerdictOnly
                },
                at: jiff::Timestamp::now(),
            };
            match self.library.store(files) {
                Ok((library, rebuilt)) => {
                    if let Some(rebuilt) = rebuilt {
                        self.trust.note = Some(TrustNote::LibraryRebuilt {
                            indexed: rebuilt.indexed,
                            skipped: rebuilt.skipped,
                        });
                    }
                    match library.keep(&opening) {
                        Ok(Kept::Added { id } | Kept::AlreadyKept { id }) => kept_id = Some(id),
                        Ok(Kept::NotKept(_)) => {}
                        Err(error) => self.trust.note = Some(TrustNote::NotKept(error.into())),
                    }
                }
                Err(error) => self.trust.note = Some(TrustNote::NotKept(error.into())),
            }
        }
        if !assessment.status.shows_contents() && shown.contents == Contents::Shown {
            shown.contents = Contents::Withheld;
        }
        shown.assessment = Some(assessment);
        self.library_after_showing(kept_id);
    }

    /// Applies one trust command.
    pub(in crate::ui) fn handle_trust(&mut self, command: TrustCommand) {
        match command {
            TrustCommand::OpenTrustDialog => self.open_trust_dialog(),
            TrustCommand::ConfirmTrust => self.confirm_trust(),
            TrustCommand::CloseTrustDialog => {
                self.close_modal::<TrustDialog>();
            }
            TrustCommand::AcceptRollover => self.accept_rollover(),
            TrustCommand::OpenNewKeyDialog(old_key_id) => self.open_new_key_dialog(&old_key_id),
            TrustCommand::ConfirmNewKey => self.confirm_new_key(),
            TrustCommand::CloseNewKeyDialog => {
                self.close_modal::<NewKeyDialog>();
            }
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
    pub(in crate::ui::trust) fn reopen(&mut self) {
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
}
