//! Every error kind, check finding and status has a Japanese rendering that is really
//! Japanese: not missing, not empty, not the English text, and holding no English sentence
//! (file names, key ids and addresses aside).

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::path::PathBuf;

use super::*;
use crate::authoring::checks::FindingCode;
use crate::bundle::KeyId;

/// The first run of three or more English words in `text`, if any. A word is a
/// whitespace-separated token of ASCII letters (with surrounding punctuation trimmed), so
/// file names, key ids, addresses and commands (`a.json`, `1A2B…`, `https://…`, `--fix`)
/// never count.
fn english_sentence(text: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| c.is_ascii_punctuation());
        let english =
            !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) && word != "Kairan";
        if english {
            run.push(word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn the_english_sentence_detector_finds_sentences_and_spares_names() {
    assert!(english_sentence("could not read the file").is_some());
    assert!(english_sentence("鍵 is not trusted").is_some());
    assert!(english_sentence("/home/yamada/お知らせ.kairan を読み取れません").is_none());
    assert!(english_sentence("鍵ID 0807060504030201 と https://example.jp/a b").is_none());
    assert!(english_sentence("「kairan check --fix-mask-width」で").is_none());
}

/// Fails with a description when the Japanese rendering is not Japanese.
fn problem_with(what: &str, japanese: &str, english: &str) -> Option<String> {
    if japanese.trim().is_empty() {
        return Some(format!("{what}: the Japanese rendering is empty"));
    }
    if japanese == english {
        return Some(format!(
            "{what}: the Japanese rendering is the English one: {english}"
        ));
    }
    if let Some(sentence) = english_sentence(japanese) {
        return Some(format!(
            "{what}: the Japanese rendering holds English ({sentence:?}): {japanese}"
        ));
    }
    if japanese.contains(" 「") || japanese.contains("」 ") {
        return Some(format!(
            "{what}: a half-width space beside 「」 (Japanese sets none): {japanese}"
        ));
    }
    if !japanese
        .chars()
        .any(|c| ('\u{3040}'..='\u{30FF}').contains(&c))
    {
        return Some(format!(
            "{what}: the Japanese rendering has no kana: {japanese}"
        ));
    }
    None
}

/// Checks every sample and that the samples cover `variants` distinct variants.
fn check_all<E: Explain + std::fmt::Debug>(kind: &str, samples: &[E], variants: usize) {
    let mut failures = Vec::new();
    let mut names = BTreeSet::new();
    for sample in samples {
        let debug = format!("{sample:?}");
        let name: String = debug
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        names.insert(name.clone());
        let japanese = explain(sample, Language::Japanese);
        let english = explain(sample, Language::English);
        if english.trim().is_empty() {
            failures.push(format!("{kind}::{name}: the English rendering is empty"));
        }
        if let Some(failure) = problem_with(&format!("{kind}::{name}"), &japanese, &english) {
            failures.push(failure);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        names.len(),
        variants,
        "{kind}: the samples cover {names:?}; every variant needs one"
    );
}

fn key(byte: u8) -> KeyId {
    KeyId([byte, 2, 3, 4, 5, 6, 7, 8])
}

fn path() -> PathBuf {
    PathBuf::from("/home/yamada/お知らせ.kairan")
}

fn io(kind: ErrorKind) -> std::io::Error {
    std::io::Error::from(kind)
}

fn json_error() -> serde_json::Error {
    serde_json::from_str::<u8>("{x").unwrap_err()
}

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
    ]
}

fn bundle_errors() -> Vec<BundleError> {
    let name = || "documents/お知らせ.json".to_owned();
    vec![
        BundleError::Io {
            path: path(),
            source: io(ErrorKind::NotFound),
        },
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

fn source_error() -> SourceError {
    SourceError {
        file: "documents/firm.notice.md".into(),
        line: 3,
        column: 1,
        problem: SourceProblem::NoTitle,
    }
}

fn pack_errors() -> Vec<PackError> {
    vec![
        PackError::Authoring {
            errors: vec![source_error()],
        },
        PackError::DanglingLink {
            file: "documents/a.json".into(),
            text: "別紙".into(),
            target: "documents/b.json".into(),
        },
        PackError::Manifest(ManifestError::NoDocument),
        PackError::Bundle(BundleError::NotAnArchive),
    ]
}

fn publish_errors() -> Vec<PublishError> {
    vec![
        PublishError::Read {
            path: path(),
            source: io(ErrorKind::NotFound),
        },
        PublishError::Write {
            path: path(),
            source: io(ErrorKind::ReadOnlyFilesystem),
        },
        PublishError::Key {
            path: path(),
            source: KeyError::WrongPassword,
        },
        PublishError::Pack {
            dir: path(),
            source: PackError::Manifest(ManifestError::NoDocument),
        },
        PublishError::Source {
            dir: path(),
            errors: vec![source_error()],
        },
        PublishError::Blocked {
            findings: Vec::new(),
            policy: crate::authoring::checks::WarningPolicy::Refuse,
        },
        PublishError::DoesNotVerify("the signature does not match".into()),
        PublishError::WrittenBundleDoesNotVerify {
            path: path(),
            reason: "the signature does not match".into(),
        },
        PublishError::Exists { path: path() },
    ]
}

fn import_errors() -> Vec<ImportError> {
    vec![
        ImportError::NoLetter,
        ImportError::TextBeforeFirstLetter { line: 2 },
        ImportError::NoTitle { line: 4 },
        ImportError::BadBundleId("お知らせ".into()),
        ImportError::Unrepresentable {
            line: 1,
            message: "text with a line break".into(),
        },
    ]
}

fn source_problems() -> Vec<SourceProblem> {
    let s = |text: &str| text.to_owned();
    vec![
        SourceProblem::NoFrontMatter,
        SourceProblem::FrontMatterNotClosed,
        SourceProblem::NotKeyValue { line: s("件名") },
        SourceProblem::EmptyValue { key: s("title") },
        SourceProblem::KeyTwice {
            key: s("title"),
            only_issuer_repeats: true,
        },
        SourceProblem::UnknownKey { key: s("colour") },
        SourceProblem::BadRetrieved { value: s("昨日") },
        SourceProblem::NoTitle,
        SourceProblem::BadDateIso { value: s("昨日") },
        SourceProblem::DateIsoWithoutDate,
        SourceProblem::DatesDisagree {
            text: s("2023年6月29日"),
            derived: s("2023-06-29"),
            explicit: s("2023-06-30"),
        },
        SourceProblem::UnreadableDate { text: s("昨日") },
        SourceProblem::ClosingNotLast,
        SourceProblem::EmptyListItem,
        SourceProblem::EmptyCentredLine,
        SourceProblem::MarkupInClosing,
        SourceProblem::UnknownUnder { id: s("s9") },
        SourceProblem::TitleHeading,
        SourceProblem::HeadingLevel,
        SourceProblem::HeadingWithoutId,
        SourceProblem::BadHeadingId { id: s("第1節") },
        SourceProblem::DuplicateHeadingId { id: s("s1") },
        SourceProblem::HeadingWithoutText,
        SourceProblem::UnknownOmissionKind { kind: s("all") },
        SourceProblem::OmissionKindUnclear {
            marker: s("……")
        },
        SourceProblem::UnknownBy { value: s("me") },
        SourceProblem::EmptyMarker,
        SourceProblem::NotAttribute {
            found: s("理由"),
            known: &["label", "reason", "by"],
        },
        SourceProblem::UnknownAttribute {
            key: s("colour"),
            known: &["kind", "reason", "by", "under"],
        },
        SourceProblem::EmptyAttribute { key: s("reason") },
        SourceProblem::AttributeTwice { key: s("reason") },
        SourceProblem::UnclosedMask,
        SourceProblem::MaskNotClosedBeforeNext,
        SourceProblem::UnmatchedMaskClose,
        SourceProblem::MaskInLink,
        SourceProblem::LinkWithoutText,
        SourceProblem::EmptyLinkHeading {
            target: s("doc:vendor#"),
        },
        SourceProblem::EmptyDocLink,
        SourceProblem::UnknownLinkTarget {
            target: s("file:///etc/passwd"),
        },
        SourceProblem::UnreadableMetadata {
            kind: ErrorKind::NotFound,
            reason: s("No such file or directory (os error 2)"),
        },
        SourceProblem::BadMetadata {
            reason: s("expected value at line 1 column 1"),
        },
        SourceProblem::PathOutsideFolder {
            path: s("../secret.md"),
        },
        SourceProblem::BadPath {
            path: s("docs/\u{202e}fdp.exe"),
            problem: NameProblem::ControlCharacter,
        },
        SourceProblem::SourceForAttachment {
            path: s("attachments/a.pdf"),
        },
        SourceProblem::InvalidMetadata(ManifestError::ZeroSequence),
        SourceProblem::MissingMediaType {
            path: s("attachments/a.pdf"),
        },
        SourceProblem::UnreadableSource {
            kind: ErrorKind::PermissionDenied,
            reason: s("Permission denied (os error 13)"),
        },
        SourceProblem::NotUtf8 {
            reason: s("invalid utf-8 sequence of 1 bytes from index 3"),
        },
        SourceProblem::BadJsonDocument {
            reason: s("not a valid Kairan document: expected value"),
        },
    ]
}

fn finding_details() -> Vec<FindingDetail> {
    let s = |text: &str| text.to_owned();
    vec![
        FindingDetail::Source(SourceProblem::NoTitle),
        FindingDetail::MissingField {
            field: LetterField::Date,
            forwarded: false,
        },
        FindingDetail::MissingField {
            field: LetterField::Addressee,
            forwarded: true,
        },
        FindingDetail::MissingField {
            field: LetterField::Issuer,
            forwarded: false,
        },
        FindingDetail::MissingDocument {
            text: s("別紙"),
            path: s("documents/none.json"),
        },
        FindingDetail::MissingHeading {
            text: s("別紙"),
            heading: s("s9"),
            path: s("documents/vendor.json"),
            ids: vec![s("s1"), s("s2")],
        },
        FindingDetail::DatedBeforeCited {
            ours: s("2023年6月28日"),
            path: s("documents/vendor.json"),
            theirs: s("2023年6月29日"),
        },
        FindingDetail::NonAsciiHost {
            url: s("https://exаmple.jp/"),
        },
        FindingDetail::MaskWithoutReason {
            marker: s("■■■■")
        },
        FindingDetail::MaskWidth {
            marker: s("■■"),
            length: 2,
        },
        FindingDetail::OmissionWithoutReason {
            marker: s("—省略—"),
        },
        FindingDetail::Hidden {
            character: '\u{202e}',
            kind: HiddenKind::BidiControl,
        },
        FindingDetail::Hidden {
            character: '\u{200b}',
            kind: HiddenKind::ZeroWidth,
        },
        FindingDetail::Hidden {
            character: '\u{1b}',
            kind: HiddenKind::Control,
        },
        FindingDetail::Hidden {
            character: '\u{2061}',
            kind: HiddenKind::Invisible,
        },
        FindingDetail::MixedScript { word: s("аpple") },
        FindingDetail::EmailAddress {
            address: s("taro@example.co.jp"),
        },
        FindingDetail::IndividualNumber {
            number: s("1234-5678-9018"),
        },
        FindingDetail::PensionNumber {
            number: s("1234-567890"),
        },
        FindingDetail::EmploymentInsuranceNumber {
            number: s("1234-567890-1"),
        },
        FindingDetail::BankAccount {
            number: s("1234567"),
        },
        FindingDetail::PhoneNumber {
            number: s("03-1234-5678"),
        },
    ]
}

fn viewer_problems() -> Vec<Problem> {
    vec![
        BundleError::NotAnArchive.into(),
        TrustError::DemoKey.into(),
        KeyError::WrongPassword.into(),
        PublishError::Exists { path: path() }.into(),
        ImportError::NoLetter.into(),
        Problem::Recipients {
            list: path(),
            error: RecipientRowError {
                line: 3,
                problem: RowProblem::FieldCount {
                    found: 3,
                    expected: 2,
                },
            },
        },
        Problem::Source(source_error()),
        Problem::read(&path(), io(ErrorKind::NotFound)),
        Problem::write(&path(), io(ErrorKind::PermissionDenied)),
        Problem::NoKeyFile,
        Problem::NotAFile(path()),
        Problem::KeyFileTooLarge(path()),
        Problem::AlreadyExists(path()),
        Problem::Thread(Arc::new(io(ErrorKind::OutOfMemory))),
        Problem::Watch(Arc::new(notify::Error::path_not_found())),
    ]
}

fn detection_notes() -> Vec<crate::authoring::import::DetectionNote> {
    use crate::authoring::import::DetectionNote;
    use crate::document::{OmissionKind, WithheldBy};
    vec![
        DetectionNote::LetterStarts {
            date: Some("2023-06-29".into()),
        },
        DetectionNote::Addressee,
        DetectionNote::Caption,
        DetectionNote::Title,
        DetectionNote::Issuer,
        DetectionNote::Heading {
            level: 2,
            id: "s1".into(),
        },
        DetectionNote::Masked {
            by: WithheldBy::Author,
        },
        DetectionNote::Omitted {
            kind: OmissionKind::Middle,
            by: WithheldBy::NotStated,
        },
        DetectionNote::JoinedParagraph,
        DetectionNote::BulletOpensHeading,
        DetectionNote::BulletOpensListItem,
        DetectionNote::Salutation,
        DetectionNote::Separator,
        DetectionNote::Emphasis,
        DetectionNote::TemplateBlank,
        DetectionNote::ExampleSymbols,
        DetectionNote::ExampleMarker,
    ]
}

fn row_problems() -> Vec<RowProblem> {
    vec![
        RowProblem::EmptyList,
        RowProblem::NoRecipientColumn {
            header: vec!["name".into(), "id".into()],
        },
        RowProblem::UnclosedQuote,
        RowProblem::StrayQuote,
        RowProblem::FieldCount {
            found: 3,
            expected: 2,
        },
        RowProblem::EmptyRecipient,
        RowProblem::BadId { id: "a b".into() },
        RowProblem::RepeatedId { id: "a".into() },
    ]
}

#[test]
fn every_bundle_error_reads_as_japanese() {
    check_all("NameProblem", &name_problems(), 9);
    check_all("SignatureProblem", &signature_problems(), 6);
    check_all("SignatureFileError", &signature_file_errors(), 5);
    check_all("ManifestError", &manifest_errors(), 14);
    check_all("DocumentError", &document_errors(), 5);
    check_all("BundleError", &bundle_errors(), 33);
    check_all("Tamper", &tampers(), 5);
}

#[test]
fn every_key_trust_and_rollover_error_reads_as_japanese() {
    check_all("KeyError", &key_errors(), 7);
    check_all("NameRule", &name_rules(), 6);
    check_all("TrustError", &trust_errors(), 14);
    check_all("LibraryError", &library_errors(), 8);
    check_all("RolloverError", &rollover_errors(), 7);
    check_all("RolloverProblem", &rollover_problems(), 8);
}

#[test]
fn every_authoring_and_publishing_error_reads_as_japanese() {
    check_all("SourceProblem", &source_problems(), 49);
    check_all("PackError", &pack_errors(), 4);
    check_all("PublishError", &publish_errors(), 9);
    check_all("ImportError", &import_errors(), 5);
    check_all(
        "Unrepresentable",
        &[Unrepresentable("text with a line break".into())],
        1,
    );
    check_all(
        "RecipientRowError",
        &[RecipientRowError {
            line: 2,
            problem: RowProblem::EmptyRecipient,
        }],
        1,
    );
    check_all("RowProblem", &row_problems(), 8);
    check_all("DetectionNote", &detection_notes(), 17);
    let failures = [
        RecipientFailure::Row(RecipientRowError {
            line: 4,
            problem: RowProblem::RepeatedId { id: "a".into() },
        }),
        RecipientFailure::Publish {
            line: 5,
            recipient: "株式会社A".into(),
            error: Arc::new(PublishError::Exists { path: path() }),
        },
    ];
    check_all("RecipientFailure", &failures, 2);
    check_all("SourceError", &[source_error()], 1);
    check_all("Problem", &viewer_problems(), 15);
}

#[test]
fn every_check_finding_reads_as_japanese() {
    let details = finding_details();
    check_all("FindingDetail", &details, 17);
    let codes: BTreeSet<_> = details.iter().map(FindingDetail::code).collect();
    let all = [
        FindingCode::SourceError,
        FindingCode::MissingDocument,
        FindingCode::MissingHeading,
        FindingCode::MaskWithoutReason,
        FindingCode::OmissionWithoutReason,
        FindingCode::MaskWidth,
        FindingCode::IndividualNumber,
        FindingCode::PensionNumber,
        FindingCode::EmploymentInsuranceNumber,
        FindingCode::BankAccount,
        FindingCode::PhoneNumber,
        FindingCode::EmailAddress,
        FindingCode::InvisibleCharacter,
        FindingCode::BidiControl,
        FindingCode::ConfusableCharacter,
        FindingCode::DatedBeforeCited,
        FindingCode::MissingDate,
        FindingCode::MissingAddressee,
        FindingCode::MissingIssuer,
    ];
    assert_eq!(
        codes,
        all.into_iter().collect(),
        "every check needs a sample"
    );
    let ja = Language::Japanese.strings();
    let en = Language::English.strings();
    for code in all {
        let (name_ja, name_en) = (
            crate::ui::authoring::panels::check_name(ja, code),
            crate::ui::authoring::panels::check_name(en, code),
        );
        assert_ne!(name_ja, name_en, "{code:?}");
        assert!(english_sentence(name_ja).is_none(), "{code:?}: {name_ja}");
    }
}

#[test]
fn every_status_and_next_action_reads_as_japanese() {
    let mut failures = Vec::new();
    for status in Status::ALL {
        let what = format!("Status::{status:?}");
        let ja = status_text(status, Language::Japanese);
        let en = status_text(status, Language::English);
        failures.extend(problem_with(&what, ja, en));
        let action = status.next_action();
        failures.extend(problem_with(
            &format!("NextAction::{action:?}"),
            next_action_text(action, Language::Japanese),
            next_action_text(action, Language::English),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn values_from_a_file_are_escaped_in_japanese() {
    let error = BundleError::DuplicateName {
        name: "請求書\u{202e}fdp.exe\n✔".into(),
    };
    let text = error.japanese();
    assert!(!text.contains('\u{202e}'), "{text}");
    assert!(!text.contains('\n'), "{text}");
    assert!(
        text.contains("\\u{202e}") || text.contains("\\u{202E}"),
        "{text}"
    );
}
