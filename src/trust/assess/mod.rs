//! What the reader's own records say about a bundle just opened: the signer's standing (a key
//! the reader revoked is never "verified"), and warnings that only the reader's history and
//! settings can give.
//!
//! [`assess`] is a pure function of the bundle, the store, the history, the settings and the
//! time; recording the opening in the history is a separate, explicit step
//! ([`SeriesHistory::record`] under [`Assessment::series_signer`]).
//!
//! What an assessment says — [`Assessment`], [`TrustVerdict`], each [`Warning`] with its
//! [`Severity`], a [`RolloverOffer`] — is in `assessment`; this file decides it.

mod assessment;

pub use assessment::{Assessment, RolloverOffer, Severity, TrustVerdict, Warning};

use super::history::{SeriesHistory, manifest_sha256};
use super::rollover::{self, RolloverProblem};
use super::settings::Settings;
use super::status::{Origin, Status};
use super::store::{KeyRecord, TrustStore, normalize};
use crate::bundle::{OpenedBundle, PublicKey, TrustedKey, Verdict};
use crate::sample;

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

/// The reader's records an assessment draws on. A record that could not be read is `None`: its
/// warnings cannot be given (the front end says why), but nothing else changes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Records<'a> {
    /// The trusted and revoked keys.
    pub store: Option<&'a TrustStore>,
    /// The notices of each series already opened.
    pub history: Option<&'a SeriesHistory>,
    /// The reader's organisation.
    pub settings: Option<&'a Settings>,
}

/// How far in the future an issue time may lie before it is a caution (clocks differ).
const CLOCK_SKEW: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// Assesses `bundle` (opened with [`keys_for_opening`]) against the reader's `records` at
/// `now`: the one place that decides what a bundle's headline is.
pub fn assess(
    bundle: &OpenedBundle,
    records: Records<'_>,
    origin: Origin,
    now: jiff::Timestamp,
) -> Assessment {
    let revoked = |key: &PublicKey| {
        records
            .store?
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
        Verdict::Tampered { .. } | Verdict::BadSignature { .. } | Verdict::Unsigned => {
            TrustVerdict::Bundle(bundle.verdict.clone())
        }
    };
    let mut assessment = Assessment {
        status: Status::Invalid,
        verdict,
        warnings: Vec::new(),
        rollover: None,
    };
    let signer = match &assessment.verdict {
        TrustVerdict::Bundle(Verdict::Verified { signer }) => signer.public_key,
        TrustVerdict::Bundle(Verdict::UnknownSigner { key }) => *key,
        TrustVerdict::Revoked { .. } => {
            assessment.status = Status::Revoked;
            return assessment;
        }
        TrustVerdict::Bundle(Verdict::Tampered { .. }) => {
            assessment.status = Status::Tampered;
            return assessment;
        }
        TrustVerdict::Bundle(Verdict::BadSignature { .. }) => {
            assessment.status = Status::Invalid;
            return assessment;
        }
        TrustVerdict::Bundle(Verdict::Unsigned) => {
            assessment.status = Status::Preview;
            return assessment;
        }
    };
    if signer.is_demo() && origin == Origin::BuiltInSample {
        // The program's own sample: nothing in it came from outside.
        assessment.status = Status::Sample;
        return assessment;
    }
    let signer_trusted = assessment.signer().is_some() && !signer.is_demo();
    let manifest = &bundle.manifest;
    let mut warnings = Vec::new();

    if let Some(key) = assessment.series_signer()
        && let Some(history) = records.history
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
            expires_at: expires_at.to_string(),
        });
    }

    if manifest.issued() > now + CLOCK_SKEW {
        warnings.push(Warning::IssuedInFuture {
            issued_at: manifest.issued_at.to_string(),
        });
    }

    if let (Some(organisation), Some(recipient)) = (
        records.settings.and_then(Settings::organisation),
        &manifest.recipient,
    ) && normalize(recipient) != organisation
    {
        warnings.push(Warning::AddressedToSomeoneElse {
            recipient: recipient.clone(),
            organisation: organisation.to_owned(),
        });
    }

    match (rollover::carried_statement(bundle), records.store) {
        (None, _) | (_, None) => {}
        (Some(Err(problem)), _) => warnings.push(Warning::RolloverNotAccepted { problem }),
        (Some(Ok(statement)), Some(store)) => match store.record_for(&statement.old_key) {
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
            Some(_) if signer_trusted => {}
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

    if let Some(store) = records.store
        && let Some(warning) = name_claim(bundle, store, &signer, assessment.rollover.as_ref())
    {
        warnings.push(warning);
    }

    warnings.sort_by_key(|warning| std::cmp::Reverse(warning.severity()));
    assessment.warnings = warnings;
    assessment.status = match (assessment.severity(), assessment.signer()) {
        (Some(Severity::Alarm), _) => Status::Alarm,
        _ if signer.is_demo() => Status::DemoKey,
        (None, Some(_)) => Status::Verified,
        (Some(Severity::Caution), Some(_)) => Status::VerifiedWithCaution,
        (_, None) => Status::UnknownSigner,
    };
    assessment
}

/// Assesses `bundle` against the reader's records and, when it is verified, records in the
/// series history that it was opened — the one path of `verify`, `inspect` and the viewer, so
/// that what is recorded cannot drift between them. Only a verified notice (with or without
/// cautions) is recorded: an alarmed, revoked or unknown one says nothing about the series.
///
/// The assessment is always given; the second value is why the history could not be written,
/// if it could not (the verdict does not depend on it).
pub fn assess_and_record(
    bundle: &OpenedBundle,
    store: Option<&TrustStore>,
    history: Option<&mut SeriesHistory>,
    settings: Option<&Settings>,
    origin: Origin,
    now: jiff::Timestamp,
) -> (Assessment, Option<super::TrustError>) {
    let records = Records {
        store,
        history: history.as_deref(),
        settings,
    };
    let assessment = assess(bundle, records, origin, now);
    let failure =
        history.and_then(|history| record_in_history(&assessment, bundle, history, now).err());
    (assessment, failure)
}

/// Records in the series history that `bundle` was opened, if its assessment says it is
/// verified (with or without cautions) by a key other than the demo key: the one rule for what
/// the history keeps. Anything else is left out and is `Ok`.
///
/// Fails if the history cannot be written.
pub fn record_in_history(
    assessment: &Assessment,
    bundle: &OpenedBundle,
    history: &mut SeriesHistory,
    now: jiff::Timestamp,
) -> Result<(), super::TrustError> {
    match assessment.series_signer() {
        Some(signer) if assessment.status.verified() => {
            history.record(signer, &bundle.manifest, now)
        }
        _ => Ok(()),
    }
}

/// A name in the bundle — the issuer it claims, or the issuer lines and title of a letter —
/// that looks like the name the reader gave another trusted key. A key introduced by rollover
/// may carry the name of the key that introduced it.
fn name_claim(
    bundle: &OpenedBundle,
    store: &TrustStore,
    signer: &PublicKey,
    rollover: Option<&RolloverOffer>,
) -> Option<Warning> {
    let introducer = rollover.map(|offer| offer.old.public_key);
    let own_name = store.record_for(signer).map(|own| own.name.as_str());
    // Every other key the reader named — revoked ones too: a revoked issuer's name does not
    // become free for anyone to claim.
    let others: Vec<&KeyRecord> = store
        .records()
        .iter()
        .filter(|record| record.public_key != *signer && Some(record.public_key) != introducer)
        .filter(|record| {
            // A key and the one it replaced (by rollover or by the reader) share a name: the
            // same issuer. And a name the reader gave the signer may contain another's (a
            // branch office's name holds the firm's).
            own_name.is_none_or(|own| {
                !super::names::collide(own, &record.name)
                    && !super::names::mentions(own, &record.name)
            })
        })
        .collect();
    let claimed = &bundle.manifest.issuer.name;
    if let Some(other) = others.iter().find(|record| {
        super::names::collide(claimed, &record.name)
            || super::names::mentions(claimed, &record.name)
    }) {
        return Some(Warning::ClaimsNameOfTrustedKey {
            claimed: claimed.clone(),
            trusted_key_id: other.public_key.key_id,
        });
    }
    // The firm notice speaks for the signer. Forwarded copies carry their own authors' names
    // (a vendor the reader may trust too), so they are checked only when the bundle has no
    // firm notice and one of them stands in its place.
    let has_firm_notice = bundle
        .documents
        .iter()
        .any(|item| item.entry.role == crate::bundle::Role::FirmNotice);
    // Issuer lines and the closing speak for the author: holding another's name is a claim.
    // A title or a centred line may be *about* someone (a vendor's outage): only one that is
    // another's name outright is a claim.
    let mut claiming_lines: Vec<String> = Vec::new();
    let mut naming_lines: Vec<String> = Vec::new();
    for item in bundle
        .documents
        .iter()
        .filter(|item| !has_firm_notice || item.entry.role == crate::bundle::Role::FirmNotice)
    {
        let document = &item.document;
        let issuer = document.issuer_lines();
        claiming_lines.push(issuer.concat());
        claiming_lines.extend(issuer);
        claiming_lines.extend(document.closing.iter().cloned());
        naming_lines.push(document.title_text());
        naming_lines.extend(document.body.iter().filter_map(|block| match block {
            crate::document::Block::Centered { content } => {
                Some(crate::document::inline_text(content))
            }
            _ => None,
        }));
    }
    let claims = claiming_lines
        .iter()
        .map(|line| (line, true))
        .chain(naming_lines.iter().map(|line| (line, false)));
    for (line, claiming) in claims {
        if let Some(other) = others.iter().find(|record| {
            if claiming {
                super::names::mentions(line, &record.name)
            } else {
                super::names::collide(line, &record.name)
            }
        }) {
            return Some(Warning::ClaimsNameOfTrustedKey {
                claimed: line.clone(),
                trusted_key_id: other.public_key.key_id,
            });
        }
    }
    None
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

#[cfg(test)]
mod tests;
