//! Samples of every error of keys, trust files and key rollovers, each read in Japanese.

use std::io::ErrorKind;

use super::{check_all, io, key, path};
use crate::bundle::KeyError;
use crate::library::LibraryError;
use crate::trust::{Exposure, NameRule, RolloverError, RolloverProblem, TrustError};

fn key_errors() -> Vec<KeyError> {
    vec![
        KeyError::BadPublicKey,
        KeyError::SeveralPublicKeys,
        KeyError::BadSecretKey,
        KeyError::PasswordRequired,
        KeyError::WrongPassword,
        KeyError::Unsupported("an unknown key derivation".into()),
        KeyError::Random("the device is not ready".into()),
    ]
}

fn name_rules() -> Vec<NameRule> {
    vec![
        NameRule::Empty,
        NameRule::TooLong(200),
        NameRule::NoLetters,
        NameRule::Hidden,
        NameRule::LooksLikeKeyId,
        NameRule::NoteTooLong(2000),
        NameRule::OrganisationControl,
    ]
}

fn library_errors() -> Vec<LibraryError> {
    vec![
        LibraryError::NoDataDir,
        LibraryError::Read {
            path: path(),
            cause: io(ErrorKind::PermissionDenied),
        },
        LibraryError::Write {
            path: path(),
            cause: io(ErrorKind::StorageFull),
        },
        LibraryError::Index {
            path: path(),
            cause: rusqlite::Error::QueryReturnedNoRows,
        },
        LibraryError::BadId("6b73".into()),
        LibraryError::NoSuchNotice("6b736508".into()),
        LibraryError::AmbiguousId {
            prefix: "6b736508".into(),
            count: 2,
        },
        LibraryError::ExportExists { path: path() },
    ]
}

fn trust_errors() -> Vec<TrustError> {
    vec![
        TrustError::NoConfigDir,
        TrustError::Read {
            path: path(),
            cause: io(ErrorKind::PermissionDenied),
        },
        TrustError::Corrupt {
            path: path(),
            what: "trust store",
            reason: "expected value at line 1 column 1".into(),
        },
        TrustError::Lock {
            path: path(),
            cause: io(ErrorKind::WouldBlock),
        },
        TrustError::Write {
            path: path(),
            cause: io(ErrorKind::StorageFull),
        },
        TrustError::NoSuchKey("みかさ".into()),
        TrustError::AmbiguousKey {
            name: "みかさ".into(),
            count: 2,
            key_ids: vec![key(1).to_string(), key(2).to_string()],
        },
        TrustError::AlreadyPresent {
            name: "みかさ".into(),
            key_id: key(1).to_string(),
            status: "trusted",
        },
        TrustError::KeyIdClash {
            name: "みかさ".into(),
            key_id: key(1).to_string(),
        },
        TrustError::DemoKey,
        TrustError::Exposed {
            path: path(),
            problem: Exposure::OthersMayWrite,
        },
        TrustError::Exposed {
            path: path(),
            problem: Exposure::OtherOwner,
        },
        TrustError::Exposed {
            path: path(),
            problem: Exposure::Symlink,
        },
        TrustError::Exposed {
            path: path(),
            problem: Exposure::NotAFile,
        },
        TrustError::NameTaken {
            name: "みかさ社会保険労務士法人".into(),
            key_id: key(1).to_string(),
        },
        TrustError::BadName(NameRule::Empty),
        TrustError::AlreadyRevoked {
            name: "みかさ".into(),
            key_id: key(1).to_string(),
        },
    ]
}

fn rollover_errors() -> Vec<RolloverError> {
    vec![
        RolloverError::Json("missing field `old_key`".into()),
        RolloverError::WrongFormat("other".into()),
        RolloverError::UnsupportedVersion(4),
        RolloverError::BadKey("new_key"),
        RolloverError::BadTime("来月".into()),
        RolloverError::SameKey,
        RolloverError::DemoKey,
        RolloverError::WrongSecretKey(key(1)),
    ]
}

fn rollover_problems() -> Vec<RolloverProblem> {
    vec![
        RolloverProblem::Incomplete,
        RolloverProblem::TooLarge("key-rollover.json"),
        RolloverProblem::Unreadable("the entry is missing".into()),
        RolloverProblem::Malformed(RolloverError::SameKey),
        RolloverProblem::Signature("the signature does not match".into()),
        RolloverProblem::OtherKey {
            introduced: key(1),
            signer: key(2),
        },
        RolloverProblem::OldKeyUnknown(key(1)),
        RolloverProblem::OldKeyRevoked {
            name: "みかさ".into(),
            key_id: key(1),
        },
    ]
}

#[test]
fn every_key_trust_and_rollover_error_reads_as_japanese() {
    check_all("KeyError", &key_errors(), 7);
    check_all("NameRule", &name_rules(), 7);
    check_all("TrustError", &trust_errors(), 14);
    check_all("LibraryError", &library_errors(), 8);
    check_all("RolloverError", &rollover_errors(), 8);
    check_all("RolloverProblem", &rollover_problems(), 8);
}
