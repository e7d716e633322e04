//! The series history: for each signer key and series, which notices the reader has opened,
//! so that an older notice replayed after a newer one, or two different notices under one
//! number, can be pointed out.
//!
//! On disk it is `series-history.json`, strict versioned JSON written like the trust store
//! (atomically, under a lock, re-read before each change, never reset when unreadable).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use super::TrustError;
use super::disk::{self, JsonFile};
use super::store::parse_time;
use crate::bundle::{Manifest, PublicKey, hex};

/// The `format` value of the history file.
pub const HISTORY_FORMAT: &str = "kairan-series-history";
/// The only history version this build reads and writes.
pub const HISTORY_VERSION: u32 = 1;

/// Lowercase hex SHA-256 of a manifest in its canonical form (the bytes `pack` writes as
/// `manifest.json`). Two bundles with the same hash carry the same notice.
pub fn manifest_sha256(manifest: &Manifest) -> String {
    hex(&sha2::Sha256::digest(manifest.to_json()))
}

/// A bundle the reader opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenBundle {
    /// Its id.
    pub bundle_id: String,
    /// Its number in the series.
    pub sequence: u32,
    /// See [`manifest_sha256`].
    pub manifest_sha256: String,
    /// When the reader first opened it.
    pub first_opened_at: jiff::Timestamp,
}

/// What the reader has seen of one series from one signer key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRecord {
    /// The key that signed the notices.
    pub signer: PublicKey,
    /// The series id.
    pub series_id: String,
    /// The highest sequence number opened.
    pub highest_sequence: u32,
    /// Every distinct notice opened, in the order first opened.
    pub bundles: Vec<SeenBundle>,
}

impl SeriesRecord {
    /// The first-opened notice with the highest sequence number.
    pub fn newest(&self) -> Option<&SeenBundle> {
        self.bundles
            .iter()
            .find(|seen| seen.sequence == self.highest_sequence)
    }
}

/// The reader's series history, as last read from or written to its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesHistory {
    path: PathBuf,
    series: Vec<SeriesRecord>,
}

impl SeriesHistory {
    /// Reads the history at `path`; a missing file is an empty history.
    ///
    /// Fails if the file exists but cannot be read or is not a valid history.
    pub fn load(path: &Path) -> Result<SeriesHistory, TrustError> {
        let Series(series) = disk::load(path)?;
        Ok(SeriesHistory {
            path: path.to_owned(),
            series,
        })
    }

    /// The history's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every series record.
    pub fn records(&self) -> &[SeriesRecord] {
        &self.series
    }

    /// What was seen of `series_id` signed by `signer`.
    pub fn series(&self, signer: &PublicKey, series_id: &str) -> Option<&SeriesRecord> {
        self.series
            .iter()
            .find(|record| record.signer == *signer && record.series_id == series_id)
    }

    /// Forgets everything seen of `series_id` (from every signer) and saves the history: the
    /// reader's explicit way out when a series' high-water mark is wrong (for instance a notice
    /// numbered near 2³² that made every later one look old). Returns how many series records
    /// were removed.
    ///
    /// Fails if the history cannot be read or written.
    pub fn forget_series(&mut self, series_id: &str) -> Result<usize, TrustError> {
        let (Series(series), removed) = disk::update(&self.path, |Series(series)| {
            let before = series.len();
            series.retain(|record| record.series_id != series_id);
            Ok(before - series.len())
        })?;
        self.series = series;
        Ok(removed)
    }

    /// Records that the reader opened the notice described by `manifest`, signed by `signer`,
    /// at `now`, and saves the history. Opening the same notice again changes nothing.
    ///
    /// Fails if the history cannot be read or written.
    pub fn record(
        &mut self,
        signer: &PublicKey,
        manifest: &Manifest,
        now: jiff::Timestamp,
    ) -> Result<(), TrustError> {
        let seen = SeenBundle {
            bundle_id: manifest.bundle_id.clone(),
            sequence: manifest.series.sequence,
            manifest_sha256: manifest_sha256(manifest),
            first_opened_at: jiff::Timestamp::from_second(now.as_second()).unwrap_or(now),
        };
        let series_id = manifest.series.id.clone();
        let (Series(series), ()) = disk::update(&self.path, |Series(series)| {
            let position = match series
                .iter()
                .position(|r| r.signer == *signer && r.series_id == series_id)
            {
                Some(position) => position,
                None => {
                    series.push(SeriesRecord {
                        signer: *signer,
                        series_id,
                        highest_sequence: 0,
                        bundles: Vec::new(),
                    });
                    series.len() - 1
                }
            };
            let record = &mut series[position];
            if !record
                .bundles
                .iter()
                .any(|b| b.manifest_sha256 == seen.manifest_sha256)
            {
                record.highest_sequence = record.highest_sequence.max(seen.sequence);
                record.bundles.push(seen);
            }
            Ok(())
        })?;
        self.series = series;
        Ok(())
    }
}

/// The records as the file holds them.
struct Series(Vec<SeriesRecord>);

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryFile {
    format: String,
    format_version: u32,
    series: Vec<SeriesFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesFile {
    signer_public_key: String,
    series_id: String,
    highest_sequence: u32,
    bundles: Vec<SeenFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeenFile {
    bundle_id: String,
    sequence: u32,
    manifest_sha256: String,
    first_opened_at: String,
}

impl JsonFile for Series {
    const WHAT: &'static str = "series history";

    fn empty() -> Self {
        Series(Vec::new())
    }

    fn parse(bytes: &[u8]) -> Result<Self, String> {
        let file: HistoryFile = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
        if file.format != HISTORY_FORMAT {
            return Err(format!(
                "format is {:?}, expected {HISTORY_FORMAT:?}",
                file.format
            ));
        }
        if file.format_version != HISTORY_VERSION {
            return Err(format!(
                "format version {} is not supported (this Kairan reads version {HISTORY_VERSION})",
                file.format_version
            ));
        }
        let mut series: Vec<SeriesRecord> = Vec::with_capacity(file.series.len());
        for entry in file.series {
            let at = |problem: &str| format!("series {:?}: {problem}", entry.series_id);
            let signer = PublicKey::from_base64(&entry.signer_public_key)
                .map_err(|_| at("signer_public_key is not a minisign public key"))?;
            if series
                .iter()
                .any(|r| r.signer == signer && r.series_id == entry.series_id)
            {
                return Err(at("is listed twice for the same key"));
            }
            let mut bundles: Vec<SeenBundle> = Vec::with_capacity(entry.bundles.len());
            for seen in entry.bundles {
                let valid_hash = seen.manifest_sha256.len() == 64
                    && seen
                        .manifest_sha256
                        .bytes()
                        .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
                if !valid_hash {
                    return Err(at("a manifest_sha256 is not 64 lowercase hex digits"));
                }
                if bundles
                    .iter()
                    .any(|b| b.manifest_sha256 == seen.manifest_sha256)
                {
                    return Err(at("a manifest_sha256 is listed twice"));
                }
                bundles.push(SeenBundle {
                    first_opened_at: parse_time(&seen.first_opened_at)
                        .map_err(|e| at(&format!("first_opened_at {e}")))?,
                    bundle_id: seen.bundle_id,
                    sequence: seen.sequence,
                    manifest_sha256: seen.manifest_sha256,
                });
            }
            let highest = bundles.iter().map(|b| b.sequence).max().unwrap_or(0);
            if highest != entry.highest_sequence {
                return Err(at(
                    "highest_sequence does not match the notices listed under it",
                ));
            }
            series.push(SeriesRecord {
                signer,
                series_id: entry.series_id,
                highest_sequence: entry.highest_sequence,
                bundles,
            });
        }
        Ok(Series(series))
    }

    fn to_bytes(&self) -> Vec<u8> {
        let file = HistoryFile {
            format: HISTORY_FORMAT.to_owned(),
            format_version: HISTORY_VERSION,
            series: self
                .0
                .iter()
                .map(|record| SeriesFile {
                    signer_public_key: record.signer.to_base64(),
                    series_id: record.series_id.clone(),
                    highest_sequence: record.highest_sequence,
                    bundles: record
                        .bundles
                        .iter()
                        .map(|seen| SeenFile {
                            bundle_id: seen.bundle_id.clone(),
                            sequence: seen.sequence,
                            manifest_sha256: seen.manifest_sha256.clone(),
                            first_opened_at: seen.first_opened_at.to_string(),
                        })
                        .collect(),
                })
                .collect(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::keys::{Protection, generate};

    fn manifest(sequence: u32, bundle_id: &str) -> Manifest {
        let mut manifest = crate::sample::open_sample().unwrap().manifest;
        manifest.series.sequence = sequence;
        manifest.bundle_id = bundle_id.to_owned();
        manifest
    }

    #[test]
    fn the_highest_sequence_and_each_distinct_notice_are_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = SeriesHistory::load(&dir.path().join("h.json")).unwrap();
        let key = generate(Protection::Unprotected, "t").unwrap().public_key;
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        history.record(&key, &manifest(2, "b-2"), now).unwrap();
        history.record(&key, &manifest(1, "b-1"), now).unwrap();
        history.record(&key, &manifest(2, "b-2"), now).unwrap();
        let reloaded = SeriesHistory::load(history.path()).unwrap();
        let series_id = &manifest(1, "x").series.id;
        let record = reloaded.series(&key, series_id).unwrap();
        assert_eq!(record.highest_sequence, 2);
        assert_eq!(record.bundles.len(), 2);
        assert_eq!(record.newest().unwrap().bundle_id, "b-2");
        assert_eq!(record.newest().unwrap().first_opened_at, now);
        let other = generate(Protection::Unprotected, "t").unwrap().public_key;
        assert!(reloaded.series(&other, series_id).is_none());
    }

    #[test]
    fn an_inconsistent_highest_sequence_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = SeriesHistory::load(&dir.path().join("h.json")).unwrap();
        let key = generate(Protection::Unprotected, "t").unwrap().public_key;
        history
            .record(&key, &manifest(3, "b-3"), jiff::Timestamp::now())
            .unwrap();
        let text = std::fs::read_to_string(history.path()).unwrap();
        let altered = text.replace("\"highest_sequence\": 3", "\"highest_sequence\": 1");
        assert_ne!(altered, text);
        std::fs::write(history.path(), altered).unwrap();
        let error = SeriesHistory::load(history.path()).unwrap_err();
        assert!(matches!(error, TrustError::Corrupt { .. }), "{error}");
    }
}
