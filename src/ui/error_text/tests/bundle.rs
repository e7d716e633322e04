//! Samples of every error of opening and verifying a bundle, each read in Japanese.

use std::io::ErrorKind;

use super::{check_all, io, json_error, key, path};
use crate::bundle::Role;
use crate::bundle::signature::SignatureFileError;
use crate::bundle::{BundleError, ManifestError, NameProblem, SignatureProblem, Tamper};
use crate::document::DocumentError;

fn name_problems() -> Vec<NameProblem> {
    vec![
        NameProblem::Empty,
        NameProblem::TooLong,
        NameProblem::NotUtf8,
        NameProblem::Absolute,
        NameProblem::Backslash,
        NameProblem::DriveLetter,
        NameProblem::ParentSegment,
        NameProblem::EmptySegment,
        NameProblem::ControlCharacter,
    ]
}

fn signature_problems() -> Vec<SignatureProblem> {
    vec![
        SignatureProblem::OtherKey {
            found: key(1),
            claimed: key(2),
        },
        SignatureProblem::NoKeyToCheck { found: key(1) },
        SignatureProblem::NamesAnotherKey {
            signed_by: key(1),
            named: key(2),
        },
        SignatureProblem::ManifestMismatch,
        SignatureProblem::CommentSignature,
        SignatureProblem::CommentMismatch {
            found: "timestamp:1 file:manifest.json".into(),
            expected: "kairan-manifest".into(),
        },
    ]
}

fn signature_file_errors() -> Vec<SignatureFileError> {
    vec![
        SignatureFileError::Shape,
        SignatureFileError::UntrustedComment,
        SignatureFileError::Legacy,
        SignatureFileError::Encoding("signature"),
        SignatureFileError::TrustedCommentPrefix,
    ]
}

fn manifest_errors() -> Vec<ManifestError> {
    vec![
        ManifestError::from(json_error()),
        ManifestError::HiddenCharacter("issuer.name"),
        ManifestError::WrongFormat("zip".into()),
        ManifestError::UnsupportedVersion(9),
        ManifestError::BadIdentifier {
            field: "bundle_id",
            value: "お知らせ 1".into(),
        },
        ManifestError::ZeroSequence,
        ManifestError::ExpiresBeforeIssued,
        ManifestError::BadPublicKey,
        ManifestError::BadPath {
            path: "../a.json".into(),
            reason: "it contains a `..` segment".into(),
        },
        ManifestError::BadHash("documents/a.json".into()),
        ManifestError::DuplicateEntry("documents/a.json".into()),
        ManifestError::EntryTooLarge("documents/a.json".into()),
        ManifestError::RoleMediaTypeMismatch {
            path: "documents/a.json".into(),
            role: Role::FirmNotice,
        },
        ManifestError::NoDocument,
    ]
}

fn document_errors() -> Vec<DocumentError> {
    vec![
        DocumentError::Json(json_error()),
        DocumentError::WrongFormat {
            found: "html".into(),
        },
        DocumentError::UnsupportedVersion { found: 7 },
        DocumentError::DuplicateHeadingId("s1".into()),
        DocumentError::InvisibleMarker("\u{200b}".into()),
        DocumentError::ControlInLine("title"),
        DocumentError::HeadLineTooLong {
            field: "title",
            chars: 2_500_000,
        },
        DocumentError::NeedsVersion2("bold text"),
        DocumentError::BadNote("※1\n偽".into()),
        DocumentError::BadBold,
        DocumentError::NeedsVersion2("a table"),
        DocumentError::BadTable(crate::document::TableProblem::RaggedRow {
            row: 2,
            cells: 1,
            columns: 3,
        }),
        DocumentError::BadListDepth(4),
    ]
}

fn bundle_errors() -> Vec<BundleError> {
    let name = || "documents/お知らせ.json".to_owned();
    vec![
        BundleError::Io {
            path: path(),
            source: io(ErrorKind::NotFound),
        },
        BundleError::NotAFile { path: path() },
        BundleError::FileTooLarge {
            size: 300,
            limit: 200,
        },
        BundleError::NotAnArchive,
        BundleError::EndRecord("the record is cut short".into()),
        BundleError::ArchiveComment,
        BundleError::AppendedData { bytes: 12 },
        BundleError::PrependedData { offset: 12 },
        BundleError::MultiDisk,
        BundleError::CentralDirectory("entry count does not match".into()),
        BundleError::TooManyEntries {
            count: 9000,
            limit: 4096,
        },
        BundleError::EntryTooLarge {
            name: name(),
            size: 10,
            limit: 5,
        },
        BundleError::TotalTooLarge { limit: 5 },
        BundleError::Encrypted { name: name() },
        BundleError::Symlink { name: name() },
        BundleError::DataDescriptor { name: name() },
        BundleError::UnsupportedCompression {
            name: name(),
            method: 12,
        },
        BundleError::NonCanonical {
            name: name(),
            field: "version needed",
            found: 45,
            expected: 20,
        },
        BundleError::BadName {
            name: name(),
            problem: NameProblem::ParentSegment,
        },
        BundleError::DuplicateName { name: name() },
        BundleError::ConfusableNames {
            first: "A.json".into(),
            second: "a.json".into(),
        },
        BundleError::HeaderMismatch { name: name() },
        BundleError::OverlappingEntries {
            first: "a.json".into(),
            second: "b.json".into(),
        },
        BundleError::HiddenData {
            bytes: 3,
            after: name(),
        },
        BundleError::Decompress {
            name: name(),
            reason: "invalid deflate stream".into(),
        },
        BundleError::CrcMismatch { name: name() },
        BundleError::MissingManifest {
            position: 1,
            found: name(),
        },
        BundleError::ManifestTooLarge { size: 10, limit: 5 },
        BundleError::SignatureTooLarge { size: 10, limit: 5 },
        BundleError::Manifest(ManifestError::NoDocument),
        BundleError::AlteredManifest(SignatureProblem::ManifestMismatch),
        BundleError::SignatureFile(SignatureFileError::Legacy),
        BundleError::OrderMismatch {
            expected: "a.json".into(),
            found: "b.json".into(),
        },
        BundleError::Document {
            path: name(),
            source: DocumentError::UnsupportedVersion { found: 3 },
        },
    ]
}

fn tampers() -> Vec<Tamper> {
    vec![
        Tamper::Unlisted,
        Tamper::Missing,
        Tamper::Size {
            signed: 10,
            found: 11,
        },
        Tamper::Hash,
        Tamper::Damaged("crc mismatch in the entry".into()),
    ]
}

#[test]
fn every_bundle_error_reads_as_japanese() {
    check_all("NameProblem", &name_problems(), 9);
    check_all("SignatureProblem", &signature_problems(), 6);
    check_all("SignatureFileError", &signature_file_errors(), 5);
    check_all("ManifestError", &manifest_errors(), 14);
    check_all("DocumentError", &document_errors(), 12);
    check_all("BundleError", &bundle_errors(), 34);
    check_all("Tamper", &tampers(), 5);
}
