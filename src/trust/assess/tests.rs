//! Tests of [`assess`](super).

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
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/mikasa-2023-06-29");
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
