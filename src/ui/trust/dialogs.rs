//! The two ways to trust the unknown signer on screen: "Trust this key as…", and "This is a new
//! key of NAME" when the bundle claims the name of a key the reader already trusts. Nothing is
//! trusted until the reader confirmed the fingerprint, and the new-key dialog also needs a
//! choice for the old key. Plain state; [`dialogs_view`](super::dialogs_view) draws them and
//! edits their name and note in place, which are read here when the reader confirms.

use crate::bundle::{KeyId, PublicKey, Verdict};
use crate::trust::{HowAdded, KeyRecord, OldKeyFate};
use crate::ui::error_text::Problem;
use crate::ui::modal::InModal;
use crate::ui::state::AppState;
use crate::ui::trust::state::TrustNote;

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

impl AppState {
    pub(in crate::ui::trust) fn open_trust_dialog(&mut self) {
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
        self.open_modal(TrustDialog {
            key: *key,
            name: suggestion,
            claim,
            bundle_id: shown.bundle.manifest.bundle_id.clone(),
            note: String::new(),
            check: FingerprintCheck::NotConfirmed,
            error: None,
        });
    }

    pub(in crate::ui::trust) fn confirm_trust(&mut self) {
        let Some(dialog) = TrustDialog::of_mut(&mut self.modal) else {
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
                self.close_modal::<TrustDialog>();
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

    pub(in crate::ui::trust) fn open_new_key_dialog(&mut self, old_key_id: &KeyId) {
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
        self.close_modal::<TrustDialog>();
        self.open_modal(NewKeyDialog {
            old,
            new,
            bundle_id,
            check: FingerprintCheck::NotConfirmed,
            fate: None,
            note: String::new(),
            error: None,
        });
    }

    pub(in crate::ui::trust) fn confirm_new_key(&mut self) {
        let Some(dialog) = NewKeyDialog::of_mut(&mut self.modal) else {
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
                self.close_modal::<NewKeyDialog>();
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
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::authoring::{PackOptions, pack_folder};
    use crate::bundle::SecretKey;
    use crate::bundle::keys::{Protection, generate};
    use crate::trust::{self, ConfigDir, TrustStore};
    use crate::ui::command::Command;
    use crate::ui::i18n::Language;
    use crate::ui::state::StartOptions;
    use crate::ui::trust::state::TrustCommand;
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
    fn the_trust_dialog_trusts_nothing_until_the_fingerprint_is_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let (key, path) = signed_sample(dir.path());
        let mut state = state_in(&dir.path().join("config"));
        state.handle(Command::OpenPath(path));
        state.handle(Command::Trust(TrustCommand::OpenTrustDialog));
        let dialog = state.modal_of::<TrustDialog>().cloned().unwrap();
        assert_eq!(dialog.name, "みかさ社会保険労務士法人");
        assert_eq!(dialog.key, key);
        state.handle(Command::Trust(TrustCommand::ConfirmTrust));
        assert!(state.modal_of::<TrustDialog>().is_some());
        assert!(!dir.path().join("config/trust-store.json").exists());
        state.modal_of_mut::<TrustDialog>().unwrap().check = FingerprintCheck::Confirmed;
        state.handle(Command::Trust(TrustCommand::ConfirmTrust));
        assert!(state.modal_of::<TrustDialog>().is_none());
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
            assert!(state.modal_of::<TrustDialog>().is_none());
            let (old, offered) = state.new_key_candidate().unwrap();
            assert_eq!((old.public_key, offered), (old_key, new_key));
            state.handle(Command::Trust(TrustCommand::OpenNewKeyDialog(
                old_key.key_id,
            )));
            let dialog = state.modal_of::<NewKeyDialog>().cloned().unwrap();
            assert_eq!((dialog.old.public_key, dialog.new), (old_key, new_key));
            // Neither the phone check alone nor the choice alone is enough.
            state.modal_of_mut::<NewKeyDialog>().unwrap().check = FingerprintCheck::Confirmed;
            state.handle(Command::Trust(TrustCommand::ConfirmNewKey));
            assert!(state.modal_of::<NewKeyDialog>().is_some());
            state.modal_of_mut::<NewKeyDialog>().unwrap().check = FingerprintCheck::NotConfirmed;
            state.modal_of_mut::<NewKeyDialog>().unwrap().fate = Some(fate);
            state.handle(Command::Trust(TrustCommand::ConfirmNewKey));
            assert!(state.modal_of::<NewKeyDialog>().is_some());
            let unchanged = TrustStore::load(&config.join("trust-store.json")).unwrap();
            assert_eq!(unchanged.records(), store.records());

            state.modal_of_mut::<NewKeyDialog>().unwrap().check = FingerprintCheck::Confirmed;
            state.handle(Command::Trust(TrustCommand::ConfirmNewKey));
            assert!(state.modal_of::<NewKeyDialog>().is_none());
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
    fn a_file_opened_in_the_viewer_is_kept_in_the_readers_own_library_and_the_sample_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let (_key, path) = signed_sample(dir.path());
        let mut state = state_in(&config);
        state.handle(Command::OpenSample);
        assert!(!config.join("library").exists());
        state.handle(Command::OpenPath(path.clone()));
        assert!(state.trust.note.is_none(), "{:?}", state.trust.note);
        let stored: Vec<_> = std::fs::read_dir(config.join("library/bundles"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(stored.len(), 1, "{stored:?}");
        assert_eq!(
            std::fs::read(config.join("library/bundles").join(&stored[0])).unwrap(),
            std::fs::read(&path).unwrap()
        );
        // Opening it again keeps one copy.
        state.handle(Command::OpenPath(path.clone()));
        assert_eq!(
            std::fs::read_dir(config.join("library/bundles"))
                .unwrap()
                .count(),
            1
        );
        // A damaged index is made anew from the stored files, and the reader is told.
        drop(state);
        for name in ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"] {
            let _ = std::fs::remove_file(config.join("library").join(name));
        }
        std::fs::write(config.join("library/index.sqlite"), b"not a database").unwrap();
        let mut state = state_in(&config);
        state.handle(Command::OpenPath(path));
        assert!(
            matches!(
                state.trust.note,
                Some(TrustNote::LibraryRebuilt {
                    indexed: 1,
                    skipped: 0
                })
            ),
            "{:?}",
            state.trust.note
        );
    }

    #[test]
    fn a_trust_dialog_is_only_offered_for_an_unknown_signer() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = state_in(dir.path());
        state.handle(Command::OpenSample);
        state.handle(Command::Trust(TrustCommand::OpenTrustDialog));
        assert!(state.modal_of::<TrustDialog>().is_none());
    }
}
