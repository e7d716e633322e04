//! The reader's settings that trust checks depend on: the organisation the reader belongs to,
//! against which a bundle's recipient is compared.
//!
//! On disk it is `settings.json`, strict versioned JSON written like the trust store.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::TrustError;
use super::disk::{self, JsonFile};
use super::store::normalize;

/// The `format` value of the settings file.
pub const SETTINGS_FORMAT: &str = "kairan-settings";
/// The only settings version this build reads and writes.
pub const SETTINGS_VERSION: u32 = 1;

/// The reader's settings, as last read from or written to their file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    path: PathBuf,
    values: Values,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Values {
    organisation: Option<String>,
}

impl Settings {
    /// Reads the settings at `path`; a missing file means nothing is set.
    ///
    /// Fails if the file exists but cannot be read or is not valid.
    pub fn load(path: &Path) -> Result<Settings, TrustError> {
        Ok(Settings {
            path: path.to_owned(),
            values: disk::load(path)?,
        })
    }

    /// The settings' file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The organisation the reader belongs to, if set: bundles addressed to another recipient
    /// are flagged.
    pub fn organisation(&self) -> Option<&str> {
        self.values.organisation.as_deref()
    }

    /// Sets (or with `None`, clears) the reader's organisation and saves the settings. The name
    /// is trimmed and Unicode-normalised; an empty name clears it.
    ///
    /// Fails if the name has control characters or the settings cannot be read or written.
    pub fn set_organisation(&mut self, organisation: Option<&str>) -> Result<(), TrustError> {
        let organisation = organisation.map(normalize).filter(|name| !name.is_empty());
        if organisation
            .as_deref()
            .is_some_and(|name| name.chars().any(char::is_control))
        {
            return Err(TrustError::BadName(super::NameRule::OrganisationControl));
        }
        let (values, ()) = disk::update(&self.path, |values: &mut Values| {
            values.organisation = organisation;
            Ok(())
        })?;
        self.values = values;
        Ok(())
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    format: String,
    format_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organisation: Option<String>,
}

impl JsonFile for Values {
    const WHAT: &'static str = "settings file";

    fn empty() -> Self {
        Values::default()
    }

    fn parse(bytes: &[u8]) -> Result<Self, String> {
        let file: SettingsFile =
            serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
        if file.format != SETTINGS_FORMAT {
            return Err(format!(
                "format is {:?}, expected {SETTINGS_FORMAT:?}",
                file.format
            ));
        }
        if file.format_version != SETTINGS_VERSION {
            return Err(format!(
                "format version {} is not supported (this Kairan reads version {SETTINGS_VERSION})",
                file.format_version
            ));
        }
        Ok(Values {
            organisation: file.organisation,
        })
    }

    fn to_bytes(&self) -> Vec<u8> {
        let file = SettingsFile {
            format: SETTINGS_FORMAT.to_owned(),
            format_version: SETTINGS_VERSION,
            organisation: self.organisation.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_organisation_is_saved_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let mut settings = Settings::load(&path).unwrap();
        assert_eq!(settings.organisation(), None);
        settings
            .set_organisation(Some(" 株式会社サンプル "))
            .unwrap();
        assert_eq!(
            Settings::load(&path).unwrap().organisation(),
            Some("株式会社サンプル")
        );
        settings.set_organisation(None).unwrap();
        assert_eq!(Settings::load(&path).unwrap().organisation(), None);
    }
}
