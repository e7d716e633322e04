//! The trust layer's file parsers on arbitrary bytes. The first input byte chooses the file:
//!
//! - 0: a key rollover statement (`RolloverStatement::from_json`), which arrives inside
//!   bundles and is the trust layer's one parser of data from others — it must survive its
//!   own canonical form unchanged;
//! - 1, 2, 3: the reader's trust store, series history and settings, loaded from a file in a
//!   private temporary folder (their parsers are only reachable through `load`).
//!
//! A file that does not parse must be reported as corrupt, never panic or be reset.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use kairan::trust::{RolloverStatement, SeriesHistory, Settings, TrustError, TrustStore};
use libfuzzer_sys::fuzz_target;

fn scratch_file() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kairan-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder can be made");
        dir.join("trust-file.json")
    })
}

fn loaded<T>(result: Result<T, TrustError>) {
    if let Err(error) = result {
        assert!(
            matches!(error, TrustError::Corrupt { .. }),
            "an unparsable file gave {error}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    if selector % 4 == 0 {
        if let Ok(statement) = RolloverStatement::from_json(content) {
            let reread = RolloverStatement::from_json(&statement.to_json())
                .unwrap_or_else(|error| panic!("canonical form does not parse: {error}"));
            assert_eq!(reread, statement, "canonical form changed the statement");
            let _ = statement.trusted_comment();
        }
        return;
    }
    let path = scratch_file();
    std::fs::write(path, content).expect("the scratch file can be written");
    match selector % 4 {
        1 => loaded(TrustStore::load(path).map(|store| {
            let _ = store.trusted_keys();
        })),
        2 => loaded(SeriesHistory::load(path).map(|history| {
            let _ = history.records().len();
        })),
        _ => loaded(Settings::load(path).map(|settings| {
            let _ = settings.organisation();
        })),
    }
});
