//! Where the reader's trust files live: the per-user configuration folder, or the folder named
//! by [`CONFIG_DIR_ENV`] (for portable installs and tests).

use std::path::{Path, PathBuf};

use super::TrustError;

/// Environment variable that, when set and non-empty, replaces the per-user configuration folder.
pub const CONFIG_DIR_ENV: &str = "KAIRAN_CONFIG_DIR";

/// The folder holding the trust store, the series history and the settings, and the data
/// folder that holds the library of received notices (the same folder when it was named by
/// [`CONFIG_DIR_ENV`] or given with [`ConfigDir::at`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigDir {
    path: PathBuf,
    data: PathBuf,
}

impl ConfigDir {
    /// The folder named by [`CONFIG_DIR_ENV`], else the platform's per-user configuration folder
    /// for Kairan (e.g. `~/.config/kairan` on Linux). The folder is created on first write.
    ///
    /// Fails if neither is available (no home directory).
    pub fn locate() -> Result<Self, TrustError> {
        if let Some(path) = std::env::var_os(CONFIG_DIR_ENV).filter(|value| !value.is_empty()) {
            return Ok(Self::at(PathBuf::from(path)));
        }
        directories::ProjectDirs::from("", "", "kairan")
            .map(|dirs| ConfigDir {
                path: dirs.config_dir().to_owned(),
                data: dirs.data_dir().to_owned(),
            })
            .ok_or(TrustError::NoConfigDir)
    }

    /// A configuration folder at `path`.
    pub fn at(path: PathBuf) -> Self {
        ConfigDir {
            data: path.clone(),
            path,
        }
    }

    /// The folder of the library of received notices (`library/` in the data folder).
    pub fn library(&self) -> PathBuf {
        self.data.join("library")
    }

    /// `recent.json` in the data folder: the viewer's recently opened files.
    pub fn recent_files(&self) -> PathBuf {
        self.data.join("recent.json")
    }

    /// `app.ron` in the data folder: the viewer's settings and window size, as eframe keeps
    /// them (the file eframe would use by default for Kairan, unless the folder was named by
    /// [`CONFIG_DIR_ENV`]).
    pub fn viewer_state(&self) -> PathBuf {
        self.data.join("app.ron")
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `trust-store.json`: the reader's keys.
    pub fn trust_store(&self) -> PathBuf {
        self.path.join("trust-store.json")
    }

    /// `series-history.json`: the notices already opened.
    pub fn series_history(&self) -> PathBuf {
        self.path.join("series-history.json")
    }

    /// `settings.json`: the reader's organisation.
    pub fn settings(&self) -> PathBuf {
        self.path.join("settings.json")
    }
}
