//! The app in an egui_kittest harness, started as a reader starts it: with the app's own fonts
//! (from `assets/`, so no display and no system font is needed), no recent-files list, in
//! Japanese unless a test says otherwise, and with a configuration folder the test chooses.

use std::path::PathBuf;

use egui_kittest::{Harness, HarnessBuilder};
use kairan::bundle::TrustedKey;
use kairan::sample::demo_trusted_key;
use kairan::trust::ConfigDir;
use kairan::ui::i18n::{Language, Strings};
use kairan::ui::{AppOptions, FirstOpen, KairanApp};

/// The window size most tests use.
pub const SIZE: [f32; 2] = [1400.0, 1000.0];

/// A harness builder of `size` points that installs the app's fonts.
pub fn builder(size: [f32; 2]) -> HarnessBuilder<KairanApp> {
    Harness::builder()
        .with_size(size)
        .with_context_setup(kairan::ui::fonts::install)
}

/// The app's options: open `first`, trust `trusted`, keep its records in `config`, show no
/// recent files, speak Japanese.
pub fn options(first: FirstOpen, trusted: Vec<TrustedKey>, config: PathBuf) -> AppOptions {
    AppOptions {
        first,
        trusted,
        config_dir: Some(ConfigDir::at(config)),
        recent_store: None,
        system_language: Some(Language::Japanese),
        takes_system_opens: false,
    }
}

/// The app started with `options` in a window of `size` points, settled.
pub fn harness(size: [f32; 2], options: AppOptions) -> Harness<'static, KairanApp> {
    let mut harness = builder(size).build_eframe(move |cc| KairanApp::new(cc, options));
    settle(&mut harness);
    harness
}

/// eframe's storage kept in memory, as the app's settings are kept between runs.
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// [`harness`], restoring what the app saved in `storage` as eframe does at start-up.
pub fn harness_with_storage<'a>(
    size: [f32; 2],
    options: AppOptions,
    storage: &'a MemoryStorage,
) -> Harness<'a, KairanApp> {
    let mut harness = builder(size).build_eframe(move |cc| {
        cc.storage = Some(storage);
        KairanApp::new(cc, options)
    });
    settle(&mut harness);
    harness
}

/// What the app saves when it closes, as eframe asks for it.
pub fn save(harness: &mut Harness<'_, KairanApp>) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    storage
}

/// The app showing the sample, with the demo key trusted and a configuration folder of its own,
/// in a window of `size` points.
pub fn sample_harness_sized(size: [f32; 2]) -> Harness<'static, KairanApp> {
    harness(
        size,
        options(
            FirstOpen::Sample,
            vec![demo_trusted_key()],
            super::config_dir(),
        ),
    )
}

/// The app showing the sample ([`sample_harness_sized`]) in a window of [`SIZE`].
pub fn sample_harness() -> Harness<'static, KairanApp> {
    sample_harness_sized(SIZE)
}

/// Runs enough frames for commands to apply and scrolling to land (flash animations keep
/// requesting repaints, so `run()` would not settle).
pub fn settle(harness: &mut Harness<'_, KairanApp>) {
    harness.run_steps(4);
}

/// The app's Japanese texts.
pub fn strings() -> &'static Strings {
    Language::Japanese.strings()
}
