//! What the fuzz targets share: the sample bundle taken apart, the public demo secret key to
//! re-sign altered bundles with, and one function that walks everything an opened bundle
//! offers, checking the reader's promises on the way.
//!
//! A broken promise panics, so that libFuzzer records it as a crash. This crate is only ever
//! built by `cargo fuzz`; it is not part of the main build.

use std::path::PathBuf;
use std::sync::OnceLock;

use kairan::bundle::container::{self, EntryToWrite};
use kairan::bundle::{OpenedBundle, SecretKey, TrustedKey};
use kairan::document;
use kairan::trust::{self, SeriesHistory, Settings, TrustStore};

/// The demo key's secret key file. It is published on purpose (a signature by it proves
/// nothing), which lets the fuzzer make bundles whose signature checks out.
const DEMO_SECRET_KEY_FILE: &str = include_str!("../../notices/demo-key/kairan-demo.key");

/// One entry of an archive: its name and uncompressed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's path in the archive.
    pub name: String,
    /// Its contents.
    pub data: Vec<u8>,
}

/// The keys every target opens bundles with: only the demo key.
pub fn trusted_keys() -> &'static [TrustedKey] {
    static KEYS: OnceLock<Vec<TrustedKey>> = OnceLock::new();
    KEYS.get_or_init(|| vec![kairan::sample::demo_trusted_key()])
}

/// The demo secret key.
///
/// Panics if the committed key file is broken, which the main test suite rules out.
pub fn demo_secret_key() -> &'static SecretKey {
    static KEY: OnceLock<SecretKey> = OnceLock::new();
    KEY.get_or_init(|| {
        SecretKey::from_file_text(DEMO_SECRET_KEY_FILE, None).expect("the demo secret key loads")
    })
}

/// The entries of the sample bundle in archive order: manifest, signature, then the documents.
///
/// Panics if the committed sample is not a canonical archive.
pub fn sample_entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let bytes = kairan::sample::SAMPLE_BUNDLE;
        container::parse(bytes)
            .expect("the sample is canonical")
            .iter()
            .map(|entry| Entry {
                name: entry.name.clone(),
                data: container::contents(bytes, entry).expect("the sample's entries read"),
            })
            .collect()
    })
}

/// Writes `entries` as a canonical archive, or `None` if the container writer refuses them.
pub fn archive(entries: &[Entry]) -> Option<Vec<u8>> {
    let to_write: Vec<EntryToWrite<'_>> = entries
        .iter()
        .map(|entry| EntryToWrite {
            name: &entry.name,
            data: &entry.data,
        })
        .collect();
    container::write(&to_write).ok()
}

/// An empty trust store, series history and settings (files that do not exist), for
/// [`trust::assess`].
fn empty_trust_files() -> &'static (TrustStore, SeriesHistory, Settings) {
    static FILES: OnceLock<(TrustStore, SeriesHistory, Settings)> = OnceLock::new();
    FILES.get_or_init(|| {
        let missing = PathBuf::from("/nonexistent/kairan-fuzz");
        (
            TrustStore::load(&missing.join("trust-store.json")).expect("a missing store is empty"),
            SeriesHistory::load(&missing.join("series-history.json"))
                .expect("a missing history is empty"),
            Settings::load(&missing.join("settings.json")).expect("missing settings are empty"),
        )
    })
}

/// Uses everything an opened bundle offers, as the viewer and the CLI would, and checks what
/// the reader promises:
///
/// - an intact verdict means every listed entry reads back with its signed size;
/// - a document's withheld items are exactly its masks and omissions;
/// - the documents of an intact bundle are exactly those the manifest lists.
///
/// Panics when a promise is broken.
pub fn exercise(bundle: &OpenedBundle) {
    let intact = bundle.verdict.intact();
    let mut documents = 0;
    for entry in &bundle.manifest.entries {
        let read = bundle.entry_bytes(&entry.path);
        if intact {
            let data = read.unwrap_or_else(|error| {
                panic!(
                    "intact bundle, but entry {:?} does not read: {error}",
                    entry.path
                )
            });
            assert_eq!(data.len() as u64, entry.size, "size of {:?}", entry.path);
        }
        if entry.role.is_document() {
            documents += 1;
        }
    }
    if intact {
        assert_eq!(
            bundle.documents.len(),
            documents,
            "intact bundle lost a document"
        );
    }
    for opened in &bundle.documents {
        let doc = &opened.document;
        assert!(bundle.document(&opened.entry.path).is_some());
        let withheld = document::withheld_items(doc);
        assert_eq!(withheld.len(), doc.mask_count() + doc.omission_count());
        let _ = document::plain_text(doc);
        let _ = doc.links().count();
    }
    let _ = (bundle.mask_count(), bundle.omission_count());
    let _ = bundle.manifest.trusted_comment();
    let _ = bundle.manifest.expires();
    if intact {
        let _ = trust::rollover::carried_statement(bundle);
    }
    let (store, history, settings) = empty_trust_files();
    let records = trust::Records {
        store: Some(store),
        history: Some(history),
        settings: Some(settings),
    };
    let _ = trust::assess(
        bundle,
        records,
        trust::Origin::File,
        bundle.manifest.issued(),
    );
}
