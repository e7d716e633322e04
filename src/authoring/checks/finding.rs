//! What a check reports: a [`Finding`] (where, how serious, which check) carrying a
//! [`FindingDetail`] with every value its message names. The English messages live here as the
//! `Display` of each detail; the desktop app words the same values in other languages.

use crate::authoring::{MASK_MARKER_WIDTH, Position, SourceProblem};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Signing is refused until it is fixed.
    Error,
    /// Worth a look; signing goes ahead only if warnings are allowed.
    Warning,
    /// Something the checks could not do, for a person to do instead (an attachment they could
    /// not read); never stops signing.
    Note,
}

impl Severity {
    /// The word for it (`error`, `warning`).
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a finding is about; the stable identifier of each check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingCode {
    /// A source that does not compile.
    SourceError,
    /// A link to a document the bundle does not have.
    MissingDocument,
    /// A link to a heading the target document does not have.
    MissingHeading,
    /// A masked field without a reason.
    MaskWithoutReason,
    /// An omitted section without a reason.
    OmissionWithoutReason,
    /// A mask marker whose length may reveal the hidden text's length.
    MaskWidth,
    /// A mask marker made of readable text, which may be the hidden value itself.
    ReadableMaskMarker,
    /// An attachment the checks could not read as text.
    AttachmentNotScanned,
    /// An individual number (マイナンバー) with a valid check digit.
    IndividualNumber,
    /// A basic pension number (基礎年金番号, 4-6 digits).
    PensionNumber,
    /// An employment-insurance insured-person number (雇用保険被保険者番号, 4-6-1 digits).
    EmploymentInsuranceNumber,
    /// A bank account number (7 digits next to 口座).
    BankAccount,
    /// A Japanese phone number.
    PhoneNumber,
    /// An e-mail address.
    EmailAddress,
    /// A zero-width or other invisible character.
    InvisibleCharacter,
    /// A bidirectional control character, which can reorder what readers see.
    BidiControl,
    /// A word mixing Latin with Cyrillic or Greek letters, or a web address with non-ASCII host.
    ConfusableCharacter,
    /// The firm's notice is dated before a notice it cites.
    DatedBeforeCited,
    /// The letter has no date.
    MissingDate,
    /// The letter has no addressee.
    MissingAddressee,
    /// The letter has no issuer.
    MissingIssuer,
    /// The letter has no title (or a blank one).
    MissingTitle,
    /// A link to an address readers cannot open (not https, http or mailto).
    UnopenableLink,
}

impl FindingCode {
    /// The code as printed (`missing-heading`, `individual-number`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::SourceError => "source-error",
            FindingCode::MissingDocument => "missing-document",
            FindingCode::MissingHeading => "missing-heading",
            FindingCode::MaskWithoutReason => "mask-without-reason",
            FindingCode::OmissionWithoutReason => "omission-without-reason",
            FindingCode::MaskWidth => "mask-width",
            FindingCode::ReadableMaskMarker => "readable-mask-marker",
            FindingCode::AttachmentNotScanned => "attachment-not-scanned",
            FindingCode::IndividualNumber => "individual-number",
            FindingCode::PensionNumber => "pension-number",
            FindingCode::EmploymentInsuranceNumber => "employment-insurance-number",
            FindingCode::BankAccount => "bank-account",
            FindingCode::PhoneNumber => "phone-number",
            FindingCode::EmailAddress => "email-address",
            FindingCode::InvisibleCharacter => "invisible-character",
            FindingCode::BidiControl => "bidi-control",
            FindingCode::ConfusableCharacter => "confusable-character",
            FindingCode::DatedBeforeCited => "dated-before-cited",
            FindingCode::MissingDate => "missing-date",
            FindingCode::MissingAddressee => "missing-addressee",
            FindingCode::MissingIssuer => "missing-issuer",
            FindingCode::MissingTitle => "missing-title",
            FindingCode::UnopenableLink => "unopenable-link",
        }
    }
}

/// A letter field the checks require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterField {
    /// `date:`.
    Date,
    /// `addressee:`.
    Addressee,
    /// `issuer:`.
    Issuer,
    /// `title:`.
    Title,
}

impl LetterField {
    /// The field's English name and the front-matter line to add, as the message gives them.
    fn name_and_example(self) -> (&'static str, &'static str) {
        match self {
            LetterField::Date => ("date", "date: 2023年6月29日"),
            LetterField::Addressee => ("addressee", "addressee: お客様各位"),
            LetterField::Issuer => ("issuer", "issuer: …"),
            LetterField::Title => ("title", "title: …"),
        }
    }

    /// The front-matter line to add (`date: 2023年6月29日`).
    pub fn example(self) -> &'static str {
        self.name_and_example().1
    }
}

/// What kind of hidden character a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenKind {
    /// A bidirectional control, which reorders what readers see.
    BidiControl,
    /// A zero-width character.
    ZeroWidth,
    /// A control character (such as the escape that starts a terminal command).
    Control,
    /// Another invisible (default-ignorable) character.
    Invisible,
}

impl HiddenKind {
    fn english(self) -> &'static str {
        match self {
            HiddenKind::BidiControl => "bidirectional control",
            HiddenKind::ZeroWidth => "zero-width character",
            HiddenKind::Control => "control character",
            HiddenKind::Invisible => "invisible character",
        }
    }
}

/// Why an attachment was not checked for personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotScanned {
    /// Its media type is not a text type (a PDF, an image, a spreadsheet).
    NotText,
    /// A text type, but its bytes are neither UTF-8 nor Shift_JIS.
    UnknownEncoding,
}

/// What a finding found, with every value its message names. The English message is this
/// value's `Display`; front ends in other languages render the same values in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingDetail {
    /// A source that does not compile.
    Source(SourceProblem),
    /// A letter field is missing; `forwarded` when the letter is a copy of someone else's.
    MissingField {
        /// Which field.
        field: LetterField,
        /// The letter is a forwarded copy (a warning), not the firm's own (an error).
        forwarded: bool,
    },
    /// A link to a document the bundle does not have.
    MissingDocument {
        /// The link's text.
        text: String,
        /// The document it names.
        path: String,
    },
    /// A link to a heading the target document does not have.
    MissingHeading {
        /// The link's text.
        text: String,
        /// The heading id it names.
        heading: String,
        /// The target document.
        path: String,
        /// The target's heading ids.
        ids: Vec<String>,
    },
    /// The firm's notice is dated before a notice it cites.
    DatedBeforeCited {
        /// The firm notice's date, as written.
        ours: String,
        /// The cited document.
        path: String,
        /// Its date, as written.
        theirs: String,
    },
    /// A link to an address that is not a web or mail address (`javascript:`, `file:` …).
    UnopenableLink {
        /// The address.
        url: String,
    },
    /// A web address whose host name has non-ASCII characters.
    NonAsciiHost {
        /// The address.
        url: String,
    },
    /// A masked field without a reason.
    MaskWithoutReason {
        /// Its marker.
        marker: String,
    },
    /// A mask marker whose length may reveal the hidden text's length.
    MaskWidth {
        /// The marker.
        marker: String,
        /// Its length in characters.
        length: usize,
    },
    /// An omitted section without a reason.
    OmissionWithoutReason {
        /// Its marker.
        marker: String,
    },
    /// A mask whose marker is readable text (letters, kana, kanji or digits) rather than a
    /// symbol or a known marker word such as `[REDACTED]` or 非公開.
    ReadableMaskMarker {
        /// The marker.
        marker: String,
    },
    /// An attachment the personal-data checks could not read.
    AttachmentNotScanned {
        /// Its media type, from `bundle.json`.
        media_type: String,
        /// Why it was not read.
        why: NotScanned,
    },
    /// A hidden character in the text.
    Hidden {
        /// The character.
        character: char,
        /// What kind it is.
        kind: HiddenKind,
    },
    /// A word mixing Latin with Cyrillic or Greek letters.
    MixedScript {
        /// The word.
        word: String,
    },
    /// An e-mail address.
    EmailAddress {
        /// The address.
        address: String,
    },
    /// An individual number (マイナンバー) with a valid check digit.
    IndividualNumber {
        /// The number, groups joined by `-`.
        number: String,
    },
    /// A basic pension number.
    PensionNumber {
        /// The number.
        number: String,
    },
    /// An employment-insurance number.
    EmploymentInsuranceNumber {
        /// The number.
        number: String,
    },
    /// A bank account number.
    BankAccount {
        /// The number.
        number: String,
    },
    /// A phone number.
    PhoneNumber {
        /// The number.
        number: String,
    },
}

impl FindingDetail {
    /// The check that finds this.
    pub fn code(&self) -> FindingCode {
        match self {
            FindingDetail::Source(_) => FindingCode::SourceError,
            FindingDetail::MissingField { field, .. } => match field {
                LetterField::Date => FindingCode::MissingDate,
                LetterField::Addressee => FindingCode::MissingAddressee,
                LetterField::Issuer => FindingCode::MissingIssuer,
                LetterField::Title => FindingCode::MissingTitle,
            },
            FindingDetail::MissingDocument { .. } => FindingCode::MissingDocument,
            FindingDetail::MissingHeading { .. } => FindingCode::MissingHeading,
            FindingDetail::DatedBeforeCited { .. } => FindingCode::DatedBeforeCited,
            FindingDetail::UnopenableLink { .. } => FindingCode::UnopenableLink,
            FindingDetail::NonAsciiHost { .. } | FindingDetail::MixedScript { .. } => {
                FindingCode::ConfusableCharacter
            }
            FindingDetail::MaskWithoutReason { .. } => FindingCode::MaskWithoutReason,
            FindingDetail::MaskWidth { .. } => FindingCode::MaskWidth,
            FindingDetail::ReadableMaskMarker { .. } => FindingCode::ReadableMaskMarker,
            FindingDetail::AttachmentNotScanned { .. } => FindingCode::AttachmentNotScanned,
            FindingDetail::OmissionWithoutReason { .. } => FindingCode::OmissionWithoutReason,
            FindingDetail::Hidden { kind, .. } => match kind {
                HiddenKind::BidiControl => FindingCode::BidiControl,
                _ => FindingCode::InvisibleCharacter,
            },
            FindingDetail::EmailAddress { .. } => FindingCode::EmailAddress,
            FindingDetail::IndividualNumber { .. } => FindingCode::IndividualNumber,
            FindingDetail::PensionNumber { .. } => FindingCode::PensionNumber,
            FindingDetail::EmploymentInsuranceNumber { .. } => {
                FindingCode::EmploymentInsuranceNumber
            }
            FindingDetail::BankAccount { .. } => FindingCode::BankAccount,
            FindingDetail::PhoneNumber { .. } => FindingCode::PhoneNumber,
        }
    }
}

impl std::fmt::Display for FindingDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FindingDetail::Source(problem) => write!(f, "{problem}"),
            FindingDetail::MissingField { field, forwarded } => {
                let (name, example) = field.name_and_example();
                if *field == LetterField::Title {
                    write!(
                        f,
                        "the letter has no title, so readers see a blank where it belongs; add \
                         `{example}`"
                    )
                } else if *forwarded {
                    write!(
                        f,
                        "this forwarded letter has no {name}; check the original — if it states \
                         one, add `{example}`, if not, leave it out"
                    )
                } else {
                    write!(
                        f,
                        "the firm's notice has no {name}; add `{example}` to the front matter"
                    )
                }
            }
            FindingDetail::MissingDocument { text, path } => write!(
                f,
                "the link {text:?} points to {path:?}, which is not a document of this bundle; \
                 check the name after `doc:` against bundle.json"
            ),
            FindingDetail::MissingHeading {
                text,
                heading,
                path,
                ids,
            } => write!(
                f,
                "the link {text:?} points to heading #{heading} of {path}, which has no such \
                 heading ({})",
                if ids.is_empty() {
                    "it has no headings".to_owned()
                } else {
                    format!("its ids: {}", ids.join(", "))
                }
            ),
            FindingDetail::DatedBeforeCited { ours, path, theirs } => write!(
                f,
                "the firm's notice is dated {ours} but cites {path}, dated {theirs}; one of the \
                 dates is wrong"
            ),
            FindingDetail::UnopenableLink { url } => write!(
                f,
                "the link goes to {url:?}, which is not a web (https, http) or mail address: \
                 readers cannot open it, and such an address may be meant to run something; \
                 link only to https://, http:// or mailto: addresses"
            ),
            FindingDetail::NonAsciiHost { url } => write!(
                f,
                "the address {url:?} has non-ASCII characters in its host name, which can \
                 imitate another site; write the host in ASCII"
            ),
            FindingDetail::MaskWithoutReason { marker } => write!(
                f,
                "the mask {marker} has no reason; readers will see \"reason not stated\" (add \
                 `| reason: …` if one is known)"
            ),
            FindingDetail::MaskWidth { marker, length } => write!(
                f,
                "the marker {marker} is {length} characters long, which may reveal the hidden \
                 text's length; `kairan check --fix-mask-width` makes every marker \
                 {MASK_MARKER_WIDTH}"
            ),
            FindingDetail::OmissionWithoutReason { marker } => write!(
                f,
                "the omission {marker} has no reason; readers will see \"reason not stated\" \
                 (add `| reason: …` if one is known)"
            ),
            FindingDetail::ReadableMaskMarker { marker } => write!(
                f,
                "the mask's marker {marker:?} is readable text, so every reader sees it — it may \
                 be the very value to hide; write the marker as symbols (■■■■) and put what it \
                 stands for in `| label: …`"
            ),
            FindingDetail::AttachmentNotScanned { media_type, why } => match why {
                NotScanned::NotText => write!(
                    f,
                    "this attachment ({media_type}) is not text, so it was not checked for \
                     personal data; open it and check it yourself before sending"
                ),
                NotScanned::UnknownEncoding => write!(
                    f,
                    "this attachment ({media_type}) is neither UTF-8 nor Shift_JIS text, so it \
                     was not checked for personal data; open it and check it yourself before \
                     sending"
                ),
            },
            FindingDetail::Hidden { character, kind } => write!(
                f,
                "an invisible {} (U+{:04X}) is in the text; it can make two different texts look \
                 the same or reorder what readers see — delete it",
                kind.english(),
                u32::from(*character)
            ),
            FindingDetail::MixedScript { word } => write!(
                f,
                "{word:?} mixes Latin with Cyrillic or Greek letters that look alike; retype it"
            ),
            FindingDetail::EmailAddress { address } => write!(
                f,
                "the e-mail address {address} is readable by every recipient; mask it unless it \
                 is meant to be published (such as the firm's contact address)"
            ),
            FindingDetail::IndividualNumber { number } => write!(
                f,
                "{number} looks like an individual number (マイナンバー: 12 digits with a valid \
                 check digit); it must never be sent — mask it"
            ),
            FindingDetail::PensionNumber { number } => write!(
                f,
                "{number} looks like a basic pension number (基礎年金番号); mask it"
            ),
            FindingDetail::EmploymentInsuranceNumber { number } => write!(
                f,
                "{number} looks like an employment-insurance number (雇用保険被保険者番号); mask it"
            ),
            FindingDetail::BankAccount { number } => write!(
                f,
                "{number} looks like a bank account number (口座番号); mask it"
            ),
            FindingDetail::PhoneNumber { number } => write!(
                f,
                "{number} looks like a phone number; mask it unless it is meant to be published \
                 (such as the firm's contact number)"
            ),
        }
    }
}

/// One problem found, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The source file, relative to the folder.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// Which check (always `detail.code()`).
    pub code: FindingCode,
    /// What was found, with the values the message names.
    pub detail: FindingDetail,
}

impl Finding {
    /// A finding of `detail` at a place.
    pub fn new(
        severity: Severity,
        file: impl Into<String>,
        at: Position,
        detail: FindingDetail,
    ) -> Self {
        Finding {
            severity,
            file: file.into(),
            line: at.line.max(1),
            column: at.column.max(1),
            code: detail.code(),
            detail,
        }
    }

    /// What is wrong and what to do, in English (as `kairan check` prints it).
    pub fn message(&self) -> String {
        self.detail.to_string()
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {} [{}]: {}",
            self.file,
            self.line,
            self.column,
            self.severity.word(),
            self.code.as_str(),
            self.detail
        )
    }
}
