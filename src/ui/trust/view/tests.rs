//! Tests of [`view`](super).

use super::*;
use crate::trust::RolloverProblem;
use crate::ui::i18n::Language;

#[test]
fn every_warning_and_note_fills_all_its_placeholders_in_both_languages() {
    let at = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let key_id = PublicKey::demo().key_id;
    let warnings = [
        Warning::NewerNoticeSeen {
            newest_sequence: 2,
            newest_bundle_id: "b-2".into(),
            opened_at: at,
        },
        Warning::ConflictingVersion {
            sequence: 1,
            other_bundle_id: "b-1".into(),
            opened_at: at,
        },
        Warning::Expired {
            expires_at: "2023-07-31T00:00:00+09:00".into(),
        },
        Warning::AddressedToSomeoneElse {
            recipient: "A".into(),
            organisation: "B".into(),
        },
        Warning::ClaimsNameOfTrustedKey {
            claimed: "C".into(),
            trusted_key_id: key_id,
        },
        Warning::RolloverNotAccepted {
            problem: RolloverProblem::Incomplete,
        },
    ];
    let notes = [
        TrustNote::TrustedFromBundle {
            name: "n".into(),
            key_id: "k".into(),
        },
        TrustNote::TrustedByRollover {
            name: "n".into(),
            key_id: "k".into(),
            old_key_id: "o".into(),
            effective: "2024-04-01T00:00:00+09:00".into(),
        },
        TrustNote::Imported {
            name: "n".into(),
            key_id: "k".into(),
        },
        TrustNote::Renamed {
            key_id: "k".into(),
            old: "a".into(),
            new: "b".into(),
        },
        TrustNote::Revoked {
            name: "n".into(),
            key_id: "k".into(),
        },
        TrustNote::Removed {
            name: "n".into(),
            key_id: "k".into(),
        },
        TrustNote::Exported {
            key_id: "k".into(),
            path: "/tmp/k.pub".into(),
        },
        TrustNote::OrganisationSet(Some("o".into())),
        TrustNote::LibraryRebuilt {
            indexed: 3,
            skipped: 1,
        },
        TrustNote::ReplacedKey {
            name: "n".into(),
            key_id: "k".into(),
            old_key_id: "o".into(),
            fate: OldKeyFate::Revoke,
        },
        TrustNote::ReplacedKey {
            name: "n".into(),
            key_id: "k".into(),
            old_key_id: "o".into(),
            fate: OldKeyFate::Retire,
        },
    ];
    for language in [Language::Japanese, Language::English] {
        let strings = language.strings();
        for warning in &warnings {
            let text = warning_text(warning, strings);
            assert!(!text.contains('{'), "{text}");
        }
        for note in &notes {
            let (_, text, _) = note_text(note, strings);
            assert!(!text.contains('{'), "{text}");
        }
    }
}

#[test]
fn fingerprints_split_into_two_rows_of_five_groups() {
    let (first, second) = fingerprint_rows(&PublicKey::demo());
    assert_eq!(first.split(' ').count(), 5);
    assert_eq!(second.split(' ').count(), 5);
    assert_eq!(format!("{first} {second}"), PublicKey::demo().fingerprint());
}

#[test]
fn only_a_verified_status_gets_the_good_tone() {
    use crate::trust::Status;
    for status in Status::ALL {
        let tone = crate::ui::viewer::banner::status_tone(status);
        assert_eq!(tone == Tone::Good, status == Status::Verified, "{status:?}");
    }
    assert_eq!(
        crate::ui::viewer::banner::status_tone(Status::Alarm),
        Tone::Danger
    );
    assert_eq!(
        crate::ui::viewer::banner::status_tone(Status::VerifiedWithCaution),
        Tone::Caution
    );
}
