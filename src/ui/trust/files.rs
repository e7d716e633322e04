//! The reader's trust files (trust store, series history, settings) as the viewer last read
//! them, and what could not be read. A trust file that cannot be read is reported and never
//! written (the library refuses every write to it); until it is fixed, bundles open with the
//! built-in demo key only.

use std::path::PathBuf;

use crate::bundle::{PublicKey, TrustedKey};
use crate::trust::{self, ConfigDir, KeyRecord, SeriesHistory, Settings, TrustStore};
use crate::ui::error_text::Problem;

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
    pub(in crate::ui::trust) fn change_store<T>(
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

/// The reader's record of a key, if the store is readable and has it.
pub fn record_for<'a>(files: &'a TrustFiles, key: &PublicKey) -> Option<&'a KeyRecord> {
    files.store.as_ref()?.record_for(key)
}

/// The name the reader gave `key`, or an empty one when it is not in the store.
pub(in crate::ui::trust) fn name_of(files: &TrustFiles, key: &PublicKey) -> String {
    record_for(files, key)
        .map(|record| record.name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn without_a_configuration_folder_bundles_open_with_the_demo_key_only() {
        let files = TrustFiles::load(None);
        assert_eq!(files.problems[0].file, TrustFile::Folder);
        let keys = files.keys_for_opening(&[crate::sample::demo_trusted_key()]);
        assert_eq!(keys, vec![crate::sample::demo_trusted_key()]);
    }
}
