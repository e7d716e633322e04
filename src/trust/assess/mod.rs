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
mod tests {
    use super::*;
    use crate::authoring::{PackOptions, pack_folder};
    use crate::bundle::keys::{Protection, generate};
    use crate::bundle::{SecretKey, open_bytes};
    use crate::trust::HowAdded;

    struct Reader {
        _dir: tempfile::TempDir,
        store: TrustStore,
        history: SeriesHistory,
        settings: Settings,
    }

    impl Reader {
        fn records(&self) -> Records<'_> {
            Records {
                store: Some(&self.store),
                history: Some(&self.history),
                settings: Some(&self.settings),
            }
        }
    }

    /// A reader who trusts a new key under `name`, and that key's secret.
    fn reader_trusting(name: &str) -> (Reader, SecretKey) {
        let mut reader = reader();
        let signer = secret();
        reader
            .store
            .add(name, signer.public_key(), HowAdded::Pasted, "")
            .unwrap();
        (reader, signer)
    }

    fn reader() -> Reader {
        let dir = tempfile::tempdir().unwrap();
        Reader {
            store: TrustStore::load(&dir.path().join("s.json")).unwrap(),
            history: SeriesHistory::load(&dir.path().join("h.json")).unwrap(),
            settings: Settings::load(&dir.path().join("settings.json")).unwrap(),
            _dir: dir,
        }
    }

    fn secret() -> SecretKey {
        let pair = generate(Protection::Unprotected, "t").unwrap();
        SecretKey::from_file_text(&pair.secret_file, None).unwrap()
    }

    fn sample_signed_by(key: &SecretKey, trusted: &[TrustedKey]) -> OpenedBundle {
        let folder =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29");
        let bytes = pack_folder(&folder, key, &PackOptions::default()).unwrap();
        open_bytes(bytes.into(), trusted).unwrap()
    }

    fn firm_notice(bundle: &mut OpenedBundle) -> &mut crate::document::Document {
        let item = bundle
            .documents
            .iter_mut()
            .find(|item| item.entry.role == crate::bundle::Role::FirmNotice)
            .unwrap();
        &mut item.document
    }

    #[test]
    fn a_title_about_a_trusted_vendor_or_a_branch_name_holding_the_firms_is_no_claim() {
        let (mut reader, firm) = reader_trusting("みかさ社会保険労務士法人");
        let vendor = secret().public_key();
        reader
            .store
            .add("株式会社エムケイシステム", vendor, HowAdded::Pasted, "")
            .unwrap();
        let keys = keys_for_opening(&reader.store, &[]);
        let mut bundle = sample_signed_by(&firm, &keys);
        firm_notice(&mut bundle).title =
            crate::document::Inline::line("株式会社エムケイシステムにおける障害について");
        let assessment = assess(
            &bundle,
            reader.records(),
            Origin::File,
            jiff::Timestamp::now(),
        );
        assert_eq!(
            assessment.status,
            Status::Verified,
            "{:?}",
            assessment.warnings
        );

        // A title that *is* another trusted name still claims it.
        firm_notice(&mut bundle).title = crate::document::Inline::line("株式会社エムケイシステム");
        let assessment = assess(
            &bundle,
            reader.records(),
            Origin::File,
            jiff::Timestamp::now(),
        );
        assert_eq!(assessment.status, Status::Alarm);

        // The reader named a branch's key with the firm's name inside: its own notices are fine.
        let (mut branch_reader, branch) = reader_trusting("みかさ社会保険労務士法人 大阪支所");
        branch_reader
            .store
            .add(
                "みかさ社会保険労務士法人",
                firm.public_key(),
                HowAdded::Pasted,
                "",
            )
            .unwrap();
        let keys = keys_for_opening(&branch_reader.store, &[]);
        let mut bundle = sample_signed_by(&branch, &keys);
        firm_notice(&mut bundle).issuer = vec![crate::document::Inline::line(
            "みかさ社会保険労務士法人 大阪支所",
        )];
        let assessment = assess(
            &bundle,
            branch_reader.records(),
            Origin::File,
            jiff::Timestamp::now(),
        );
        assert_eq!(
            assessment.status,
            Status::Verified,
            "{:?}",
            assessment.warnings
        );
    }

    #[test]
    fn only_a_verified_notice_is_recorded_in_the_history() {
        let (mut reader, firm) = reader_trusting("みかさ社会保険労務士法人");
        reader
            .store
            .add(
                "株式会社エムケイシステム",
                secret().public_key(),
                HowAdded::Pasted,
                "",
            )
            .unwrap();
        let keys = keys_for_opening(&reader.store, &[]);
        let mut alarmed = sample_signed_by(&firm, &keys);
        firm_notice(&mut alarmed).title = crate::document::Inline::line("株式会社エムケイシステム");
        let now = jiff::Timestamp::now();
        let (assessment, failure) = assess_and_record(
            &alarmed,
            Some(&reader.store),
            Some(&mut reader.history),
            Some(&reader.settings),
            Origin::File,
            now,
        );
        assert_eq!(assessment.status, Status::Alarm);
        assert!(failure.is_none());
        assert!(reader.history.records().is_empty());

        let genuine = sample_signed_by(&firm, &keys);
        let (assessment, _) = assess_and_record(
            &genuine,
            Some(&reader.store),
            Some(&mut reader.history),
            Some(&reader.settings),
            Origin::File,
            now,
        );
        assert_eq!(assessment.status, Status::Verified);
        assert_eq!(reader.history.records().len(), 1);
    }

    #[test]
    fn a_revoked_issuers_name_is_not_free_for_another_key() {
        let (mut reader, firm) = reader_trusting("みかさ社会保険労務士法人");
        reader.store.revoke(&firm.public_key()).unwrap();
        let impostor = secret();
        let keys = keys_for_opening(&reader.store, &[]);
        let bundle = sample_signed_by(&impostor, &keys);
        let assessment = assess(
            &bundle,
            reader.records(),
            Origin::File,
            jiff::Timestamp::now(),
        );
        assert_eq!(assessment.status, Status::Alarm);
    }

    #[test]
    fn a_revoked_key_is_left_out_of_the_keys_to_open_with_wherever_it_comes_from() {
        let mut reader = reader();
        let key = secret().public_key();
        reader.store.add("firm", key, HowAdded::Pasted, "").unwrap();
        let extra = [TrustedKey {
            name: "from --key".into(),
            public_key: key,
        }];
        assert!(
            keys_for_opening(&reader.store, &extra)
                .iter()
                .any(|k| k.name == "firm")
        );
        reader.store.revoke(&key).unwrap();
        let keys = keys_for_opening(&reader.store, &extra);
        assert!(keys.iter().all(|k| k.public_key != key));
        assert!(keys.iter().any(|k| k.public_key.is_demo()));
    }

    #[test]
    fn a_bundle_verified_by_a_key_since_revoked_is_revoked_not_verified() {
        let mut reader = reader();
        let signer = secret();
        let key = signer.public_key();
        reader.store.add("firm", key, HowAdded::Pasted, "").unwrap();
        // Opened with a list made before the revocation.
        let bundle = sample_signed_by(&signer, &reader.store.trusted_keys());
        assert!(matches!(bundle.verdict, Verdict::Verified { .. }));
        reader.store.revoke(&key).unwrap();
        let now = jiff::Timestamp::now();
        let assessment = assess(&bundle, reader.records(), Origin::File, now);
        assert!(matches!(assessment.verdict, TrustVerdict::Revoked { .. }));
        assert!(!assessment.verdict.verified());
        assert_eq!(assessment.series_signer(), None);
    }

    #[test]
    fn the_demo_key_is_never_recorded_in_the_series_history() {
        let reader = reader();
        let bundle = crate::sample::open_sample().unwrap();
        let now = jiff::Timestamp::now();
        let assessment = assess(&bundle, reader.records(), Origin::File, now);
        assert!(assessment.verdict.verified());
        assert_eq!(assessment.series_signer(), None);
        assert!(assessment.warnings.is_empty());
    }

    #[test]
    fn the_demo_key_is_only_the_sample_when_opened_as_the_sample() {
        let reader = reader();
        let bundle = crate::sample::open_sample().unwrap();
        let now = jiff::Timestamp::now();
        let as_file = assess(&bundle, reader.records(), Origin::File, now);
        assert_eq!(as_file.status, Status::DemoKey);
        assert!(!as_file.status.verified());
        assert_ne!(as_file.status.exit_code(), 0);
        let as_sample = assess(&bundle, reader.records(), Origin::BuiltInSample, now);
        assert_eq!(as_sample.status, Status::Sample);
        let without_records = assess(&bundle, Records::default(), Origin::File, now);
        assert_eq!(without_records.status, Status::DemoKey);
    }

    #[test]
    fn a_trusted_signer_with_nothing_to_warn_about_is_verified() {
        let (reader, signer) = reader_trusting("firm");
        let bundle = sample_signed_by(&signer, &reader.store.trusted_keys());
        let assessment = assess(
            &bundle,
            reader.records(),
            Origin::File,
            jiff::Timestamp::now(),
        );
        assert_eq!(assessment.status, Status::Verified);
        assert_eq!(assessment.signer().unwrap().name, "firm");
    }

    #[test]
    fn an_unknown_key_claiming_a_look_alike_of_a_trusted_name_is_an_alarm() {
        let mut reader = reader();
        let firm = secret();
        reader
            .store
            .add(
                "みかさ社会保険労務士法人",
                firm.public_key(),
                HowAdded::Pasted,
                "",
            )
            .unwrap();
        // The sample claims みかさ社会保険労務士法人; signed by an impostor's key.
        let impostor = secret();
        let bundle = sample_signed_by(&impostor, &reader.store.trusted_keys());
        let assessment = assess(
            &bundle,
            reader.records(),
            Origin::File,
            jiff::Timestamp::now(),
        );
        assert_eq!(assessment.status, Status::Alarm);
        assert!(!assessment.status.shows_contents());
        assert!(matches!(
            assessment.warnings[0],
            Warning::ClaimsNameOfTrustedKey { trusted_key_id, .. } if trusted_key_id == firm.public_key().key_id
        ));
    }

    #[test]
    fn a_trusted_key_whose_letter_carries_another_firms_name_is_an_alarm() {
        let mut reader = reader();
        let firm_a = secret();
        let firm_b = secret();
        reader
            .store
            .add(
                "みかさ社会保険労務士法人",
                firm_a.public_key(),
                HowAdded::Pasted,
                "",
            )
            .unwrap();
        reader
            .store
            .add("Firm B", firm_b.public_key(), HowAdded::Pasted, "")
            .unwrap();
        // Firm B honestly signs a bundle whose manifest names Firm B but whose letter is
        // Firm A's.
        let mut bundle = sample_signed_by(&firm_b, &reader.store.trusted_keys());
        bundle.manifest.issuer.name = "Firm B".into();
        let assessment = assess(
            &bundle,
            reader.records(),
            Origin::File,
            jiff::Timestamp::now(),
        );
        assert_eq!(
            assessment.status,
            Status::Alarm,
            "{:?}",
            assessment.warnings
        );
    }

    #[test]
    fn a_notice_issued_in_the_future_is_a_caution() {
        let (reader, signer) = reader_trusting("firm");
        let bundle = sample_signed_by(&signer, &reader.store.trusted_keys());
        let long_ago = jiff::Timestamp::from_second(1_000_000_000).unwrap();
        let assessment = assess(&bundle, reader.records(), Origin::File, long_ago);
        assert_eq!(assessment.status, Status::VerifiedWithCaution);
        assert!(matches!(
            assessment.warnings[0],
            Warning::IssuedInFuture { .. }
        ));
    }

    #[test]
    fn alarms_come_before_cautions() {
        let (mut reader, signer) = reader_trusting("firm");
        let mut bundle = sample_signed_by(&signer, &reader.store.trusted_keys());
        let now = jiff::Timestamp::now();
        reader
            .history
            .record(&signer.public_key(), &bundle.manifest, now)
            .unwrap();
        // The same number with other content, expired: an alarm and a caution.
        bundle.manifest.bundle_id = "other".into();
        bundle.manifest.expires_at = Some("2023-07-01T00:00:00+09:00".parse().unwrap());
        let assessment = assess(&bundle, reader.records(), Origin::File, now);
        let kinds: Vec<Severity> = assessment.warnings.iter().map(Warning::severity).collect();
        assert_eq!(kinds, vec![Severity::Alarm, Severity::Caution]);
        assert!(matches!(
            assessment.warnings[0],
            Warning::ConflictingVersion { sequence: 1, .. }
        ));
    }
}
