//! The reader's viewer settings (language, theme, zoom, side list, and for the firm the signing
//! key file last used), saved between runs through eframe's storage as one JSON value (eframe keeps it
//! in its `app.ron` in the per-user data folder, written on exit and every 30 seconds). Window
//! size and panel widths are saved by eframe itself. Nothing secret is ever kept here: a key's
//! password is typed each time.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::i18n::Language;

/// The storage key the settings are saved under.
pub const SETTINGS_KEY: &str = "kairan.settings";

/// Light, dark, or whatever the system uses. Light is the default: letters are read like
/// paper, and many desktops do not report a preference at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    System,
    /// Always light.
    #[default]
    Light,
    /// Always dark.
    Dark,
}

/// What the reader chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language the reader picked; `None` follows the system locale.
    pub language: Option<Language>,
    /// The theme.
    pub theme: ThemeChoice,
    /// The zoom factor (1.0 is actual size).
    pub zoom: f32,
    /// Whether the side list is shown.
    pub side_list: SideList,
    /// The secret key file that last signed successfully (its path only, never its password),
    /// filled into the sign dialogs.
    pub key_file: Option<PathBuf>,
    /// What the reader last wrote on a circulation slip that is worth keeping.
    pub circulation: Circulation,
}

/// The circulation slip's lasting fields: who a notice is passed to and where it goes back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Circulation {
    /// Whether the slip was wanted last time (`None`: on in Japanese, off in English).
    pub slip: Option<bool>,
    /// Departments or names, in the order the notice goes round.
    pub recipients: Vec<String>,
    /// Where it goes back to (戻り先).
    pub return_to: String,
}

/// Whether the side list is shown, chosen separately for wide and narrow windows: a wide
/// window shows it unless the reader hid it, a narrow one hides it unless the reader showed
/// it, so that shrinking a window never leaves the letters a sliver beside the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SideList {
    /// In windows at least [`NARROW_WINDOW_POINTS`] wide.
    pub in_wide_windows: bool,
    /// In narrower windows.
    pub in_narrow_windows: bool,
}

impl Default for SideList {
    fn default() -> Self {
        SideList {
            in_wide_windows: true,
            in_narrow_windows: false,
        }
    }
}

impl SideList {
    /// Whether the list is shown in a window of this width class.
    pub fn shown(self, narrow: bool) -> bool {
        if narrow {
            self.in_narrow_windows
        } else {
            self.in_wide_windows
        }
    }

    /// Shows or hides it for this width class only.
    pub fn toggle(&mut self, narrow: bool) {
        let choice = if narrow {
            &mut self.in_narrow_windows
        } else {
            &mut self.in_wide_windows
        };
        *choice = !*choice;
    }
}

/// Below this width (in points) a window is narrow: the side list is hidden unless the reader
/// shows it, and the two letters are stacked.
pub const NARROW_WINDOW_POINTS: f32 = 720.0;

/// Below this width (in points) the side list and a letter side by side would leave neither
/// readable: the list, when shown, takes the whole width instead of the letters.
pub const LIST_ALONE_POINTS: f32 = 520.0;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            theme: ThemeChoice::Light,
            zoom: 1.0,
            side_list: SideList::default(),
            key_file: None,
            circulation: Circulation::default(),
        }
    }
}

impl Settings {
    /// Reads settings saved by [`Settings::to_json`]; anything unreadable gives the defaults.
    pub fn from_json(text: &str) -> Self {
        let mut settings: Settings = serde_json::from_str(text).unwrap_or_default();
        if !(0.5..=3.0).contains(&settings.zoom) {
            settings.zoom = 1.0;
        }
        settings
    }

    /// The saved form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_json() {
        let settings = Settings {
            language: Some(Language::English),
            theme: ThemeChoice::Dark,
            zoom: 1.25,
            side_list: SideList {
                in_wide_windows: false,
                in_narrow_windows: true,
            },
            key_file: Some(PathBuf::from("/keys/firm.key")),
            circulation: Circulation {
                slip: Some(false),
                recipients: vec!["総務部".into(), "経理部".into()],
                return_to: "総務部".into(),
            },
        };
        assert_eq!(Settings::from_json(&settings.to_json()), settings);
    }

    #[test]
    fn hiding_the_side_list_in_a_wide_window_leaves_the_narrow_choice_alone() {
        let mut side_list = SideList::default();
        assert!(side_list.shown(false) && !side_list.shown(true));
        side_list.toggle(false);
        assert!(!side_list.shown(false) && !side_list.shown(true));
        side_list.toggle(true);
        assert!(!side_list.shown(false) && side_list.shown(true));
        // Settings saved before the choice existed show the list in wide windows.
        assert_eq!(
            Settings::from_json(r#"{"zoom":1.0}"#).side_list,
            SideList::default()
        );
    }

    #[test]
    fn settings_saved_before_the_key_file_was_kept_still_read() {
        let settings = Settings::from_json(r#"{"language":"English","theme":"Dark","zoom":1.5}"#);
        assert_eq!(settings.zoom, 1.5);
        assert_eq!(settings.key_file, None);
    }

    #[test]
    fn garbage_or_absurd_zoom_falls_back_to_defaults() {
        assert_eq!(Settings::from_json("not json"), Settings::default());
        assert_eq!(Settings::from_json(r#"{"zoom":40.0}"#).zoom, 1.0);
    }
}
