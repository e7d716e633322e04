//! Samples of every error of the authoring work and every check finding, each read in
//! Japanese, with the names of the checks.

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::sync::Arc;

use super::{check_all, english_sentence, io, path, viewer_problems};
use crate::authoring::checks::{FindingCode, FindingDetail, HiddenKind, LetterField, NotScanned};
use crate::authoring::import::ImportError;
use crate::authoring::publish::{PublishError, RecipientFailure};
use crate::authoring::{
    PackError, RecipientRowError, RowProblem, SourceError, SourceProblem, Unrepresentable,
};
use crate::bundle::{BundleError, KeyError, ManifestError, NameProblem};
use crate::ui::i18n::Language;

pub(super) fn source_error() -> SourceError {
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
        ImportError::NoPageTitle,
        ImportError::TitleTooLong {
            line: 3,
            chars: 2_500,
        },
        ImportError::DocumentTooLarge { bytes: 40_000_000 },
        ImportError::PageTooDeep { depth: 100_000 },
        ImportError::BadTable {
            line: 12,
            problem: crate::document::TableProblem::TooManyColumns(20),
        },
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
        SourceProblem::SymlinkRefused {
            path: s("documents/a.notice.md"),
            at: s("documents"),
        },
        SourceProblem::NotAFile {
            path: s("documents/a.notice.md"),
        },
        SourceProblem::HeadLineTooLong { chars: 2_001 },
        SourceProblem::NoteWithoutMark,
        SourceProblem::MarkupInBold,
        SourceProblem::EmptyNote,
        SourceProblem::TableRowCells {
            expected: 2,
            found: 3,
        },
        SourceProblem::TableRuleMisplaced,
        SourceProblem::ControlInHead { code: s("U+0000") },
        SourceProblem::InvisibleInMarker { code: s("U+FEFF") },
        SourceProblem::BadTable(crate::document::TableProblem::TooManyColumns(17)),
        SourceProblem::ListTooDeep,
        SourceProblem::FileTooLarge {
            path: s("attachments/a.csv"),
            limit: 268_435_456,
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
        FindingDetail::ReadableMaskMarker {
            marker: s("山田太郎"),
        },
        FindingDetail::UnopenableLink {
            url: s("javascript:alert(1)"),
        },
        FindingDetail::MissingField {
            field: LetterField::Title,
            forwarded: false,
        },
        FindingDetail::AttachmentNotScanned {
            media_type: s("application/pdf"),
            why: NotScanned::NotText,
        },
        FindingDetail::AttachmentNotScanned {
            media_type: s("text/csv"),
            why: NotScanned::UnknownEncoding,
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
        DetectionNote::Letterhead,
        DetectionNote::SignOff,
        DetectionNote::OmissionInLine,
        DetectionNote::PageAddress {
            from: crate::authoring::import::AddressFrom::SavedFrom,
        },
        DetectionNote::NoPageAddress,
        DetectionNote::Retrieved,
        DetectionNote::NoRetrievalDate,
        DetectionNote::Dropped {
            what: crate::authoring::import::Dropped::Hidden,
            count: 2,
        },
        DetectionNote::MergedCells,
        DetectionNote::TitleFromPageTitle,
        DetectionNote::Note,
        DetectionNote::UnreadStyle,
        DetectionNote::InvisibleCharacters { count: 3 },
        DetectionNote::BlackedOut,
        DetectionNote::StruckText,
        DetectionNote::NoPageDate,
    ]
}

fn row_problems() -> Vec<RowProblem> {
    vec![
        RowProblem::EmptyList,
        RowProblem::NoClients,
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
        RowProblem::SameFileName {
            id: "c6c094bc0054".into(),
        },
    ]
}

#[test]
fn every_authoring_and_publishing_error_reads_as_japanese() {
    check_all("SourceProblem", &source_problems(), 62);
    check_all("PackError", &pack_errors(), 4);
    check_all("PublishError", &publish_errors(), 9);
    check_all("ImportError", &import_errors(), 10);
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
    check_all("RowProblem", &row_problems(), 10);
    check_all("DetectionNote", &detection_notes(), 33);
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
    check_all("Problem", &viewer_problems(), 18);
}

#[test]
fn every_check_finding_reads_as_japanese() {
    let details = finding_details();
    check_all("FindingDetail", &details, 20);
    let codes: BTreeSet<_> = details.iter().map(FindingDetail::code).collect();
    let all = [
        FindingCode::SourceError,
        FindingCode::MissingDocument,
        FindingCode::MissingHeading,
        FindingCode::MaskWithoutReason,
        FindingCode::OmissionWithoutReason,
        FindingCode::MaskWidth,
        FindingCode::ReadableMaskMarker,
        FindingCode::AttachmentNotScanned,
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
        FindingCode::MissingTitle,
        FindingCode::UnopenableLink,
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
