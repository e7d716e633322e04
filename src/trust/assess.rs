//! What the reader's own records say about a bundle just opened: the signer's standing (a key
//! the reader revoked is never "verified"), and warnings that only the reader's history and
//! settings can give.
//!
//! [`assess`] is a pure function of the bundle, the store, the history, the settings and the
//! time; recording the opening in the history is a separate, explicit step
//! ([`SeriesHistory::record`] under [`Assessment::series_signer`]).

use super::history::{SeriesHistory, manifest_sha256};
use super::rollover::{self, RolloverProblem};
use super::settings::Settings;
use super::store::{KeyRecord, TrustStore, normalize};
use crate::bundle::{KeyId, OpenedBundle, PublicKey, TrustedKey, Verdict};
use crate::sample;

/// The signer's standing once the reader's trust store is taken into account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustVerdict {
    /// The bundle's own verdict stands. It is never [`Verdict::Verified`] for a key the reader
    /// revoked.
    Bundle(Verdict),
    /// Signed by a key the reader revoked. Whatever the signature says, it proves nothing.
    Revoked {
        /// The reader's record of the key.
        record: KeyRecord,
    },
}

impl TrustVerdict {
    /// Whether this is a signature by a trusted key over intact contents.
    pub fn verified(&self) -> bool {
        matches!(self, TrustVerdict::Bundle(Verdict::Verified { .. }))
    }
}

/// Something the reader should know before relying on a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A later notice of the same series, by the same key, was opened before.
    NewerNoticeSeen {
        /// The highest sequence number opened.
        newest_sequence: u32,
        /// That notice's bundle id.
        newest_bundle_id: String,
        /// When it was first opened.
        opened_at: jiff::Timestamp,
    },
    /// A different notice with the same key, series and sequence number was opened before.
    ConflictingVersion {
        /// The shared sequence number.
        sequence: u32,
        /// The other notice's bundle id.
        other_bundle_id: String,
        /// When it was first opened.
        opened_at: jiff::Timestamp,
    },
    /// The notice is past its expiry.
    Expired {
        /// The expiry, as the manifest states it.
        expires_at: String,
    },
    /// The notice is addressed to someone other than the reader's organisation.
    AddressedToSomeoneElse {
        /// The recipient the manifest names.
        recipient: String,
        /// The reader's organisation.
        organisation: String,
    },
    /// The bundle claims an issuer name that the reader gave to a *different* key: possibly an
    /// impersonation.
    ClaimsNameOfTrustedKey {
        /// The claimed issuer name.
        claimed: String,
        /// The key id of the trusted key with that name.
        trusted_key_id: KeyId,
    },
    /// The bundle carries a key rollover statement that cannot be accepted.
    RolloverNotAccepted {
        /// Why.
        problem: RolloverProblem,
    },
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the notice may still be read.
    Caution,
    /// Do not rely on the notice until the issuer has confirmed it.
    Alarm,
}

impl Warning {
    /// How serious it is: two different notices under one number, and a claimed name that
    /// belongs to another key, are alarms; the rest are cautions.
    pub fn severity(&self) -> Severity {
        match self {
            Warning::ConflictingVersion { .. } | Warning::ClaimsNameOfTrustedKey { .. } => {
                Severity::Alarm
            }
            Warning::NewerNoticeSeen { .. }
            | Warning::Expired { .. }
            | Warning::AddressedToSomeoneElse { .. }
            | Warning::RolloverNotAccepted { .. } => Severity::Caution,
        }
    }
}

/// A new key the reader may trust because a key they trust introduced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolloverOffer {
    /// The reader's record of the old key; the new key would get its name.
    pub old: KeyRecord,
    /// The new key (the bundle's signer).
    pub new_key: PublicKey,
    /// From when the new key signs, as the statement says.
    pub effective: String,
    /// The bundle that carries the statement.
    pub bundle_id: String,
}

/// The trust layer's view of an opened bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The signer's standing.
    pub verdict: TrustVerdict,
    /// Warnings, most serious first.
    pub warnings: Vec<Warning>,
    /// A key rollover the reader may accept.
    pub rollover: Option<RolloverOffer>,
}

impl Assessment {
    /// The key under which opening this bundle belongs in the series history: its signer when
    /// verified by a key other than the public demo key (whose signatures anyone can make).
    pub fn series_signer(&self) -> Option<&PublicKey> {
        match &self.verdict {
            TrustVerdict::Bundle(Verdict::Verified { signer }) if !signer.public_key.is_demo() => {
                Some(&signer.public_key)
            }
            _ => None,
        }
    }

    /// The most serious warning's severity, if any.
    pub fn severity(&self) -> Option<Severity> {
        self.warnings.iter().map(Warning::severity).max()
    }
}

/// The keys to open bundles with: the store's trusted keys (under the reader's names), then the
/// built-in demo key, then `extra` (keys given for one run) — leaving out every key the reader
/// revoked, wherever it came from.
pub fn keys_for_opening(store: &TrustStore, extra: &[TrustedKey]) -> Vec<TrustedKey> {
    let mut keys = store.trusted_keys();
    for key in std::iter::once(sample::demo_trusted_key()).chain(extra.iter().cloned()) {
        let revoked = store
            .record_for(&key.public_key)
            .is_some_and(|record| !record.is_trusted());
        let listed = keys.iter().any(|k| k.public_key == key.public_key);
        if !revoked && !listed {
            keys.push(key);
        }
    }
    keys
}

/// Assesses `bundle` (opened with [`keys_for_opening`]) against the reader's `store`, `history`
/// and `settings` at `now`.
pub fn assess(
    bundle: &OpenedBundle,
    store: &TrustStore,
    history: &SeriesHistory,
    settings: &Settings,
    now: jiff::Timestamp,
) -> Assessment {
    let revoked = |key: &PublicKey| {
        store
            .record_for(key)
            .filter(|record| !record.is_trusted())
            .cloned()
    };
    let verdict = match &bundle.verdict {
        Verdict::Verified { signer } => match revoked(&signer.public_key) {
            Some(record) => TrustVerdict::Revoked { record },
            None => TrustVerdict::Bundle(bundle.verdict.clone()),
        },
        Verdict::UnknownSigner { key } => match revoked(key) {
            Some(record) => TrustVerdict::Revoked { record },
            None => TrustVerdict::Bundle(bundle.verdict.clone()),
        },
        Verdict::Tampered { .. } | Verdict::BadSignature { .. } => {
            TrustVerdict::Bundle(bundle.verdict.clone())
        }
    };
    let mut assessment = Assessment {
        verdict,
        warnings: Vec::new(),
        rollover: None,
    };
    let (signer, signer_name) = match &assessment.verdict {
        TrustVerdict::Bundle(Verdict::Verified { signer }) => {
            (signer.public_key, Some(signer.name.clone()))
        }
        TrustVerdict::Bundle(Verdict::UnknownSigner { key }) => (*key, None),
        _ => return assessment,
    };
    let manifest = &bundle.manifest;
    let mut warnings = Vec::new();

    if let Some(key) = assessment.series_signer()
        && let Some(seen) = history.series(key, &manifest.series.id)
    {
        let hash = manifest_sha256(manifest);
        let sequence = manifest.series.sequence;
        if let Some(other) = seen
            .bundles
            .iter()
            .find(|b| b.sequence == sequence && b.manifest_sha256 != hash)
        {
            warnings.push(Warning::ConflictingVersion {
                sequence,
                other_bundle_id: other.bundle_id.clone(),
                opened_at: other.first_opened_at,
            });
        }
        if let Some(newest) = seen.newest().filter(|newest| newest.sequence > sequence) {
            warnings.push(Warning::NewerNoticeSeen {
                newest_sequence: newest.sequence,
                newest_bundle_id: newest.bundle_id.clone(),
                opened_at: newest.first_opened_at,
            });
        }
    }

    if let (Some(expires), Some(expires_at)) = (manifest.expires(), &manifest.expires_at)
        && expires < now
    {
        warnings.push(Warning::Expired {
            expires_at: expires_at.clone(),
        });
    }

    if let (Some(organisation), Some(recipient)) = (settings.organisation(), &manifest.recipient)
        && normalize(recipient) != organisation
    {
        warnings.push(Warning::AddressedToSomeoneElse {
            recipient: recipient.clone(),
            organisation: organisation.to_owned(),
        });
    }

    match rollover::carried_statement(bundle) {
        None => {}
        Some(Err(problem)) => warnings.push(Warning::RolloverNotAccepted { problem }),
        Some(Ok(statement)) => match store.record_for(&statement.old_key) {
            None => warnings.push(Warning::RolloverNotAccepted {
                problem: RolloverProblem::OldKeyUnknown(statement.old_key.key_id),
            }),
            Some(old) if !old.is_trusted() => warnings.push(Warning::RolloverNotAccepted {
                problem: RolloverProblem::OldKeyRevoked {
                    name: old.name.clone(),
                    key_id: old.public_key.key_id,
                },
            }),
            // Already verified: the new key is trusted, nothing to offer.
            Some(_) if signer_name.is_some() => {}
            Some(old) => {
                assessment.rollover = Some(RolloverOffer {
                    old: old.clone(),
                    new_key: statement.new_key,
                    effective: statement.effective,
                    bundle_id: manifest.bundle_id.clone(),
                });
            }
        },
    }

    let claimed = normalize(&manifest.issuer.name);
    let claims_own_name = signer_name.as_deref() == Some(claimed.as_str());
    if assessment.rollover.is_none()
        && !claims_own_name
        && let Some(other) = store.others_named(&claimed, &signer).first()
    {
        warnings.push(Warning::ClaimsNameOfTrustedKey {
            claimed,
            trusted_key_id: other.public_key.key_id,
        });
    }

    warnings.sort_by_key(|warning| std::cmp::Reverse(warning.severity()));
    assessment.warnings = warnings;
    assessment
}

impl TrustStore {
    /// Trusts the new key of `offer` under the old key's name and saves the store.
    ///
    /// Fails as [`TrustStore::add`] does (for instance if the new key is already in the store).
    pub fn accept_rollover(
        &mut self,
        offer: &RolloverOffer,
    ) -> Result<KeyRecord, super::TrustError> {
        self.add(
            &offer.old.name,
            offer.new_key,
            super::HowAdded::Rollover {
                old_key_id: offer.old.public_key.key_id.to_string(),
                bundle_id: offer.bundle_id.clone(),
            },
            &format!(
                "replaces key {} from {}",
                offer.old.public_key.key_id, offer.effective
            ),
        )
    }
}
