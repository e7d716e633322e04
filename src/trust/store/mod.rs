//! The trust store: the keys the reader trusts (or has revoked), each under the name *the
//! reader* gave it. A signer's name is only ever taken from here, never from a bundle.
//!
//! On disk it is `trust-store.json`, strict versioned JSON (unknown or duplicate fields are
//! errors, as are a fingerprint that does not match its key or two records for one key id).
//! Every change re-reads the file under its lock, so two Kairan processes never lose each other's
//! keys; a file that does not parse is reported and never overwritten.
//!
//! The rules a name and a note must meet are in `name_rules`; the file's exact shape, and the
//! checks that reject a file not written by this code, are in `file`.

mod file;
mod name_rules;

pub(crate) use file::parse_time;
pub(crate) use name_rules::normalize;

use std::path::{Path, PathBuf};

use super::TrustError;
use super::disk;
use crate::bundle::{PublicKey, TrustedKey};

use file::Records;
use name_rules::{checked_name, checked_note, name_taken};

/// How a key came to be in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HowAdded {
    /// Imported from a minisign `.pub` file.
    KeyFile {
        /// The file's path as given.
        file: String,
    },
    /// Pasted as text.
    Pasted,
    /// Trusted from a bundle the key signed, after the reader confirmed its fingerprint.
    FromBundle {
        /// The bundle's id.
        bundle_id: String,
    },
    /// Introduced by a rollover statement signed by a key the reader already trusted.
    Rollover {
        /// The key id of the old key that signed the statement.
        old_key_id: String,
        /// The bundle that carried the statement.
        bundle_id: String,
    },
}

impl std::fmt::Display for HowAdded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HowAdded::KeyFile { file } => write!(f, "imported from the key file {file}"),
            HowAdded::Pasted => write!(f, "pasted"),
            HowAdded::FromBundle { bundle_id } => write!(f, "trusted from bundle {bundle_id}"),
            HowAdded::Rollover {
                old_key_id,
                bundle_id,
            } => write!(
                f,
                "introduced by key {old_key_id} in a rollover statement in bundle {bundle_id}"
            ),
        }
    }
}

/// Whether the reader trusts a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    /// Signatures by it verify under its name.
    Trusted,
    /// Signatures by it are reported as REVOKED, never as verified.
    Revoked {
        /// When the reader revoked it.
        at: jiff::Timestamp,
    },
}

impl KeyStatus {
    /// "trusted" or "revoked".
    pub fn word(self) -> &'static str {
        match self {
            KeyStatus::Trusted => "trusted",
            KeyStatus::Revoked { .. } => "revoked",
        }
    }
}

/// What becomes of an issuer's old key when the reader trusts a new key in its place
/// ([`TrustStore::replace_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldKeyFate {
    /// The old key may be in other hands: everything it signed shows as REVOKED from now on.
    Revoke,
    /// The old key is gone (lost, destroyed): it is removed from the reader's keys, and what
    /// it signed shows as from an unknown signer.
    Retire,
}

/// One key of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// The reader's name for the key's owner.
    pub name: String,
    /// The key.
    pub public_key: PublicKey,
    /// When it was added.
    pub added_at: jiff::Timestamp,
    /// How it was added.
    pub how_added: HowAdded,
    /// The reader's note (may be empty).
    pub note: String,
    /// Trusted or revoked.
    pub status: KeyStatus,
}

impl KeyRecord {
    /// A record of a key trusted from `added_at` on.
    fn trusted(
        name: String,
        public_key: PublicKey,
        added_at: jiff::Timestamp,
        how_added: HowAdded,
        note: String,
    ) -> Self {
        KeyRecord {
            name,
            public_key,
            added_at,
            how_added,
            note,
            status: KeyStatus::Trusted,
        }
    }

    /// The key's fingerprint, to read aloud (see [`PublicKey::fingerprint`]).
    pub fn fingerprint(&self) -> String {
        self.public_key.fingerprint()
    }

    /// Whether the key is trusted (not revoked).
    pub fn is_trusted(&self) -> bool {
        self.status == KeyStatus::Trusted
    }

    /// The record as a key to verify with.
    pub fn trusted_key(&self) -> TrustedKey {
        TrustedKey {
            name: self.name.clone(),
            public_key: self.public_key,
        }
    }
}

/// The reader's trust store, as last read from or written to its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustStore {
    path: PathBuf,
    records: Vec<KeyRecord>,
}

impl TrustStore {
    /// Reads the store at `path`; a missing file is an empty store.
    ///
    /// Fails if the file exists but cannot be read or is not a valid trust store
    /// ([`TrustError::Corrupt`] names the file and what to do).
    pub fn load(path: &Path) -> Result<TrustStore, TrustError> {
        let Records(records) = disk::load(path)?;
        Ok(TrustStore {
            path: path.to_owned(),
            records,
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every record, trusted and revoked, in the order added.
    pub fn records(&self) -> &[KeyRecord] {
        &self.records
    }

    /// The trusted keys that `key` introduced by a rollover statement.
    pub fn introduced_by(&self, key: &PublicKey) -> Vec<&KeyRecord> {
        let old_key_id = key.key_id.to_string();
        self.trusted()
            .filter(|record| {
                matches!(&record.how_added, HowAdded::Rollover { old_key_id: by, .. } if *by == old_key_id)
            })
            .collect()
    }

    /// The records of keys the reader trusts (not revoked).
    pub fn trusted(&self) -> impl Iterator<Item = &KeyRecord> {
        self.records.iter().filter(|record| record.is_trusted())
    }

    /// The keys to verify with: the trusted ones, never a revoked one.
    pub fn trusted_keys(&self) -> Vec<TrustedKey> {
        self.records
            .iter()
            .filter(|record| record.is_trusted())
            .map(KeyRecord::trusted_key)
            .collect()
    }

    /// The record for exactly this key, if any.
    pub fn record_for(&self, key: &PublicKey) -> Option<&KeyRecord> {
        self.records.iter().find(|record| record.public_key == *key)
    }

    /// The record `selector` names: a key id (16 hex digits), a fingerprint (with or without
    /// spaces), a public key (`RW…`) or a name.
    ///
    /// Fails if nothing matches, or a name matches several keys.
    pub fn find(&self, selector: &str) -> Result<&KeyRecord, TrustError> {
        let wanted = selector.trim();
        let compact: String = wanted
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if let Some(record) = self.records.iter().find(|record| {
            record.public_key.key_id.to_string() == compact
                || record.fingerprint().replace(' ', "") == compact
                || record.public_key.to_base64() == wanted
        }) {
            return Ok(record);
        }
        let name = normalize(wanted);
        let named: Vec<&KeyRecord> = self
            .records
            .iter()
            .filter(|record| record.name == name)
            .collect();
        match named.as_slice() {
            [] => Err(TrustError::NoSuchKey(selector.to_owned())),
            [record] => Ok(record),
            _ => Err(TrustError::AmbiguousKey {
                name,
                count: named.len(),
                key_ids: named
                    .iter()
                    .map(|record| record.public_key.key_id.to_string())
                    .collect(),
            }),
        }
    }

    /// Trusted keys other than `key` whose name equals `name` (after trimming and Unicode
    /// normalisation): a bundle claiming such a name but signed by `key` may be an impersonation.
    pub fn others_named(&self, name: &str, key: &PublicKey) -> Vec<&KeyRecord> {
        let name = normalize(name);
        self.records
            .iter()
            .filter(|record| {
                record.is_trusted()
                    && record.public_key != *key
                    && super::names::collide(&record.name, &name)
            })
            .collect()
    }

    /// Re-reads the file, picking up changes made by other Kairan processes.
    ///
    /// Fails as [`TrustStore::load`] does; the store in memory is then unchanged.
    pub fn reload(&mut self) -> Result<(), TrustError> {
        *self = Self::load(&self.path)?;
        Ok(())
    }

    /// Adds `public_key` as trusted under `name` and saves the store. The name is trimmed and
    /// Unicode-normalised (NFC).
    ///
    /// Fails if the name is empty, too long or has control characters, the note is too long,
    /// the key is the demo key, the key (or another with its key id) is already in the store,
    /// or the store cannot be read or written.
    pub fn add(
        &mut self,
        name: &str,
        public_key: PublicKey,
        how_added: HowAdded,
        note: &str,
    ) -> Result<KeyRecord, TrustError> {
        let name = checked_name(name)?;
        let note = checked_note(note)?;
        may_be_trusted(&public_key)?;
        let now = now();
        self.change(|records| {
            not_yet_present(records, &public_key)?;
            let introduced_by = match &how_added {
                HowAdded::Rollover { old_key_id, .. } => Some(old_key_id.as_str()),
                _ => None,
            };
            if let Some(holder) = records.iter().find(|r| {
                r.is_trusted()
                    && super::names::collide(&r.name, &name)
                    && introduced_by != Some(r.public_key.key_id.to_string().as_str())
            }) {
                return Err(name_taken(holder));
            }
            let record = KeyRecord::trusted(name, public_key, now, how_added, note);
            records.push(record.clone());
            Ok(record)
        })
    }

    /// Marks `key` as revoked and saves the store: from now on its signatures show as REVOKED.
    ///
    /// Fails if the key is not in the store or already revoked, or the store cannot be read
    /// or written.
    pub fn revoke(&mut self, key: &PublicKey) -> Result<KeyRecord, TrustError> {
        let now = now();
        self.change_record(key, |record| {
            if !record.is_trusted() {
                return Err(TrustError::AlreadyRevoked {
                    name: record.name.clone(),
                    key_id: record.public_key.key_id.to_string(),
                });
            }
            record.status = KeyStatus::Revoked { at: now };
            Ok(())
        })
    }

    /// Gives `key` a new name and saves the store.
    ///
    /// Fails if the name is not acceptable (see [`TrustStore::add`]), the key is not in the
    /// store, or the store cannot be read or written.
    pub fn rename(&mut self, key: &PublicKey, new_name: &str) -> Result<KeyRecord, TrustError> {
        let name = checked_name(new_name)?;
        let key = *key;
        self.change(|records| {
            if let Some(holder) = records.iter().find(|r| {
                r.is_trusted() && r.public_key != key && super::names::collide(&r.name, &name)
            }) {
                return Err(name_taken(holder));
            }
            let record = records
                .iter_mut()
                .find(|r| r.public_key == key)
                .ok_or_else(|| TrustError::NoSuchKey(key.key_id.to_string()))?;
            record.name = name;
            Ok(record.clone())
        })
    }

    /// Replaces the note of `key` and saves the store.
    ///
    /// Fails if the note is too long, the key is not in the store, or the store cannot be read
    /// or written.
    pub fn set_note(&mut self, key: &PublicKey, note: &str) -> Result<KeyRecord, TrustError> {
        let note = checked_note(note)?;
        self.change_record(key, |record| {
            record.note = note;
            Ok(())
        })
    }

    /// Trusts `new_key` as the new key of the trusted key `old_key`, under its name, and in the
    /// same write revokes or retires the old key (see [`OldKeyFate`]) — the path for an issuer
    /// that could not sign a rollover statement (its old key was lost or is in other hands),
    /// after the reader confirmed the new key's fingerprint with them. Two trusted keys never
    /// share a name, not even for a moment.
    ///
    /// Fails if `old_key` is not a trusted key of the store, `new_key` is already in the store,
    /// is the demo key or shares its key id with another key, the note is too long, or the
    /// store cannot be read or written; the store is then unchanged.
    pub fn replace_key(
        &mut self,
        old_key: &PublicKey,
        new_key: PublicKey,
        how_added: HowAdded,
        note: &str,
        fate: OldKeyFate,
    ) -> Result<KeyRecord, TrustError> {
        let note = checked_note(note)?;
        may_be_trusted(&new_key)?;
        let now = now();
        let old_key = *old_key;
        self.change(|records| {
            not_yet_present(records, &new_key)?;
            let position = records
                .iter()
                .position(|r| r.public_key == old_key)
                .ok_or_else(|| TrustError::NoSuchKey(old_key.key_id.to_string()))?;
            if !records[position].is_trusted() {
                return Err(TrustError::AlreadyRevoked {
                    name: records[position].name.clone(),
                    key_id: old_key.key_id.to_string(),
                });
            }
            let name = records[position].name.clone();
            match fate {
                OldKeyFate::Revoke => records[position].status = KeyStatus::Revoked { at: now },
                OldKeyFate::Retire => {
                    records.remove(position);
                }
            }
            let record = KeyRecord::trusted(name, new_key, now, how_added, note);
            records.push(record.clone());
            Ok(record)
        })
    }

    /// Deletes `key` from the store and saves it. Its signatures then show as an unknown signer;
    /// to have them flagged, [`revoke`](TrustStore::revoke) it instead.
    ///
    /// Fails if the key is not in the store, or the store cannot be read or written.
    pub fn remove(&mut self, key: &PublicKey) -> Result<KeyRecord, TrustError> {
        self.change(|records| {
            let position = records
                .iter()
                .position(|record| record.public_key == *key)
                .ok_or_else(|| TrustError::NoSuchKey(key.key_id.to_string()))?;
            Ok(records.remove(position))
        })
    }

    fn change_record(
        &mut self,
        key: &PublicKey,
        change: impl FnOnce(&mut KeyRecord) -> Result<(), TrustError>,
    ) -> Result<KeyRecord, TrustError> {
        self.change(|records| {
            let record = records
                .iter_mut()
                .find(|record| record.public_key == *key)
                .ok_or_else(|| TrustError::NoSuchKey(key.key_id.to_string()))?;
            change(record)?;
            Ok(record.clone())
        })
    }

    fn change<R>(
        &mut self,
        change: impl FnOnce(&mut Vec<KeyRecord>) -> Result<R, TrustError>,
    ) -> Result<R, TrustError> {
        let (Records(records), result) =
            disk::update(&self.path, |Records(records)| change(records))?;
        self.records = records;
        Ok(result)
    }
}

/// Refuses the demo key, and a key sharing its key id: the demo key is always among the keys
/// to open with, so such a key would make the sample and every demo-key file fail for the
/// wrong reason.
fn may_be_trusted(key: &PublicKey) -> Result<(), TrustError> {
    if key.is_demo() {
        return Err(TrustError::DemoKey);
    }
    let demo = crate::sample::demo_trusted_key();
    if key.key_id == demo.public_key.key_id {
        return Err(TrustError::KeyIdClash {
            name: demo.name,
            key_id: key.key_id.to_string(),
        });
    }
    Ok(())
}

/// Refuses a key the store already holds, trusted or revoked, or another with its key id.
fn not_yet_present(records: &[KeyRecord], key: &PublicKey) -> Result<(), TrustError> {
    if let Some(existing) = records.iter().find(|r| r.public_key == *key) {
        return Err(TrustError::AlreadyPresent {
            name: existing.name.clone(),
            key_id: key.key_id.to_string(),
            status: existing.status.word(),
        });
    }
    if let Some(clash) = records.iter().find(|r| r.public_key.key_id == key.key_id) {
        return Err(TrustError::KeyIdClash {
            name: clash.name.clone(),
            key_id: key.key_id.to_string(),
        });
    }
    Ok(())
}

fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second()).unwrap_or(now)
}

#[cfg(test)]
mod tests;
