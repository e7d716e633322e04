//! `trust-store.json` as it is on disk: strict versioned JSON whose every record is checked as
//! it is read (key id and fingerprint match the key, the name meets the name rules, a status has
//! exactly the fields it needs, no key id twice). A file that fails any check is corrupt.

use serde::{Deserialize, Serialize};

use super::name_rules::checked_name;
use super::{HowAdded, KeyRecord, KeyStatus};
use crate::bundle::PublicKey;
use crate::trust::disk::JsonFile;

/// The `format` value of the trust store file.
pub const TRUST_STORE_FORMAT: &str = "kairan-trust-store";
/// The only trust store version this build reads and writes.
pub const TRUST_STORE_VERSION: u32 = 1;

/// The records as the file holds them.
pub(super) struct Records(pub(super) Vec<KeyRecord>);

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreFile {
    format: String,
    format_version: u32,
    keys: Vec<RecordFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordFile {
    name: String,
    public_key: String,
    key_id: String,
    fingerprint: String,
    added_at: String,
    how_added: HowAddedFile,
    note: String,
    status: StatusWord,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revoked_at: Option<String>,
}

/// `how_added` on disk: a `kind` and exactly the fields that kind needs.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HowAddedFile {
    kind: HowKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bundle_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    old_key_id: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum HowKind {
    KeyFile,
    Pasted,
    FromBundle,
    Rollover,
}

impl HowAddedFile {
    fn from_how(how: &HowAdded) -> Self {
        let mut file = HowAddedFile {
            kind: HowKind::Pasted,
            file: None,
            bundle_id: None,
            old_key_id: None,
        };
        match how {
            HowAdded::KeyFile { file: path } => {
                file.kind = HowKind::KeyFile;
                file.file = Some(path.clone());
            }
            HowAdded::Pasted => {}
            HowAdded::FromBundle { bundle_id } => {
                file.kind = HowKind::FromBundle;
                file.bundle_id = Some(bundle_id.clone());
            }
            HowAdded::Rollover {
                old_key_id,
                bundle_id,
            } => {
                file.kind = HowKind::Rollover;
                file.bundle_id = Some(bundle_id.clone());
                file.old_key_id = Some(old_key_id.clone());
            }
        }
        file
    }

    fn into_how(self) -> Result<HowAdded, String> {
        match (self.kind, self.file, self.bundle_id, self.old_key_id) {
            (HowKind::KeyFile, Some(file), None, None) => Ok(HowAdded::KeyFile { file }),
            (HowKind::Pasted, None, None, None) => Ok(HowAdded::Pasted),
            (HowKind::FromBundle, None, Some(bundle_id), None) => {
                Ok(HowAdded::FromBundle { bundle_id })
            }
            (HowKind::Rollover, None, Some(bundle_id), Some(old_key_id)) => {
                Ok(HowAdded::Rollover {
                    old_key_id,
                    bundle_id,
                })
            }
            _ => Err("how_added has fields that do not fit its kind".into()),
        }
    }
}

#[derive(Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum StatusWord {
    Trusted,
    Revoked,
}

impl JsonFile for Records {
    const WHAT: &'static str = "trust store";

    fn empty() -> Self {
        Records(Vec::new())
    }

    fn parse(bytes: &[u8]) -> Result<Self, String> {
        let file: StoreFile = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
        if file.format != TRUST_STORE_FORMAT {
            return Err(format!(
                "format is {:?}, expected {TRUST_STORE_FORMAT:?}",
                file.format
            ));
        }
        if file.format_version != TRUST_STORE_VERSION {
            return Err(format!(
                "format version {} is not supported (this Kairan reads version {TRUST_STORE_VERSION}; a newer Kairan may have written it)",
                file.format_version
            ));
        }
        let mut records: Vec<KeyRecord> = Vec::with_capacity(file.keys.len());
        for (index, entry) in file.keys.into_iter().enumerate() {
            let at = |problem: String| format!("key {} ({:?}): {problem}", index + 1, entry.name);
            let public_key = PublicKey::from_base64(&entry.public_key)
                .map_err(|_| at("public_key is not a minisign public key".into()))?;
            if entry.key_id != public_key.key_id.to_string() {
                return Err(at("key_id does not match public_key".into()));
            }
            if entry.fingerprint != public_key.fingerprint() {
                return Err(at("fingerprint does not match public_key".into()));
            }
            let name = checked_name(&entry.name).map_err(|error| at(error.to_string()))?;
            if name != entry.name {
                return Err(at("name has surrounding spaces or is not normalised".into()));
            }
            let added_at = parse_time(&entry.added_at).map_err(|e| at(format!("added_at {e}")))?;
            let status = match (entry.status, &entry.revoked_at) {
                (StatusWord::Trusted, None) => KeyStatus::Trusted,
                (StatusWord::Revoked, Some(at_text)) => KeyStatus::Revoked {
                    at: parse_time(at_text).map_err(|e| at(format!("revoked_at {e}")))?,
                },
                (StatusWord::Trusted, Some(_)) => {
                    return Err(at("a trusted key has a revoked_at".into()));
                }
                (StatusWord::Revoked, None) => {
                    return Err(at("a revoked key has no revoked_at".into()));
                }
            };
            if let Some(other) = records
                .iter()
                .find(|other| other.public_key.key_id == public_key.key_id)
            {
                return Err(at(format!(
                    "key id {} is listed twice (also as {:?})",
                    public_key.key_id, other.name
                )));
            }
            let how_added = entry.how_added.into_how().map_err(at)?;
            records.push(KeyRecord {
                name,
                public_key,
                added_at,
                how_added,
                note: entry.note,
                status,
            });
        }
        Ok(Records(records))
    }

    fn to_bytes(&self) -> Vec<u8> {
        let file = StoreFile {
            format: TRUST_STORE_FORMAT.to_owned(),
            format_version: TRUST_STORE_VERSION,
            keys: self
                .0
                .iter()
                .map(|record| RecordFile {
                    name: record.name.clone(),
                    public_key: record.public_key.to_base64(),
                    key_id: record.public_key.key_id.to_string(),
                    fingerprint: record.fingerprint(),
                    added_at: record.added_at.to_string(),
                    how_added: HowAddedFile::from_how(&record.how_added),
                    note: record.note.clone(),
                    status: match record.status {
                        KeyStatus::Trusted => StatusWord::Trusted,
                        KeyStatus::Revoked { .. } => StatusWord::Revoked,
                    },
                    revoked_at: match record.status {
                        KeyStatus::Trusted => None,
                        KeyStatus::Revoked { at } => Some(at.to_string()),
                    },
                })
                .collect(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

pub(crate) fn parse_time(text: &str) -> Result<jiff::Timestamp, String> {
    crate::time::parse_rfc3339(text).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{key, store};
    use crate::trust::{HowAdded, TrustError, TrustStore};

    #[test]
    fn unknown_and_duplicate_fields_and_other_versions_are_corrupt() {
        let (_dir, mut store) = store();
        store.add("firm", key(), HowAdded::Pasted, "").unwrap();
        let text = std::fs::read_to_string(store.path()).unwrap();
        let variants = [
            text.replace("\"note\": \"\"", "\"note\": \"\", \"extra\": 1"),
            text.replace("\"note\": \"\"", "\"note\": \"\", \"note\": \"x\""),
            text.replace("\"format_version\": 1", "\"format_version\": 2"),
            text.replace(
                "\"kind\": \"pasted\"",
                "\"kind\": \"pasted\", \"by\": \"x\"",
            ),
            text.replace(
                "\"kind\": \"pasted\"",
                "\"kind\": \"pasted\", \"file\": \"x\"",
            ),
            text.replace("\"kind\": \"pasted\"", "\"kind\": \"key_file\""),
            text.replace("\"status\": \"trusted\"", "\"status\": \"revoked\""),
            text[..text.len() / 2].to_owned(),
        ];
        for variant in variants {
            assert_ne!(variant, text);
            std::fs::write(store.path(), &variant).unwrap();
            let Err(error) = TrustStore::load(store.path()) else {
                panic!("accepted: {variant}");
            };
            assert!(matches!(error, TrustError::Corrupt { .. }), "{error}");
            assert!(error.to_string().contains("trust-store.json"), "{error}");
        }
    }

    #[test]
    fn a_tampered_fingerprint_is_corrupt() {
        let (_dir, mut store) = store();
        let key = key();
        store.add("firm", key, HowAdded::Pasted, "").unwrap();
        let text = std::fs::read_to_string(store.path()).unwrap();
        let altered = text.replace(&key.fingerprint(), &["0000"; 10].join(" "));
        assert_ne!(altered, text);
        std::fs::write(store.path(), altered).unwrap();
        let error = TrustStore::load(store.path()).unwrap_err();
        assert!(
            error.to_string().contains("fingerprint does not match"),
            "{error}"
        );
    }
}
