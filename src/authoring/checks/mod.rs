//! Pre-send checks: what to catch in a notice folder before it is signed and sent to hundreds
//! of clients — broken links, withheld items without a reason, personal data left unmasked,
//! invisible or look-alike characters, impossible dates and missing letter fields.
//!
//! Each [`Finding`] names its file, line and column, so the CLI can print it and the preview
//! can jump to it. Errors block signing; warnings are allowed only under an explicit
//! [`WarningPolicy`]. The checks read nothing but the compiled folder and never print.

use std::path::Path;

use crate::authoring::{
    CompiledDocument, CompiledFolder, MASK_MARKER_WIDTH, Position, SourceProblem, compile_folder,
};
use crate::bundle::Role;
use crate::document::{Block, Inline, LinkTarget};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Signing is refused until it is fixed.
    Error,
    /// Worth a look; signing goes ahead only if warnings are allowed.
    Warning,
}

impl Severity {
    /// The word for it (`error`, `warning`).
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
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
}

impl LetterField {
    /// The field's English name and the front-matter line to add, as the message gives them.
    fn name_and_example(self) -> (&'static str, &'static str) {
        match self {
            LetterField::Date => ("date", "date: 2023年6月29日"),
            LetterField::Addressee => ("addressee", "addressee: お客様各位"),
            LetterField::Issuer => ("issuer", "issuer: …"),
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
            },
            FindingDetail::MissingDocument { .. } => FindingCode::MissingDocument,
            FindingDetail::MissingHeading { .. } => FindingCode::MissingHeading,
            FindingDetail::DatedBeforeCited { .. } => FindingCode::DatedBeforeCited,
            FindingDetail::NonAsciiHost { .. } | FindingDetail::MixedScript { .. } => {
                FindingCode::ConfusableCharacter
            }
            FindingDetail::MaskWithoutReason { .. } => FindingCode::MaskWithoutReason,
            FindingDetail::MaskWidth { .. } => FindingCode::MaskWidth,
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
                if *forwarded {
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
                 heading (its ids: {})",
                ids.join(", ")
            ),
            FindingDetail::DatedBeforeCited { ours, path, theirs } => write!(
                f,
                "the firm's notice is dated {ours} but cites {path}, dated {theirs}; one of the \
                 dates is wrong"
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

/// Whether warnings may stand when signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WarningPolicy {
    /// Sign despite warnings (they are still shown).
    #[default]
    Allow,
    /// Refuse to sign while any warning remains.
    Refuse,
}

/// The findings that stop signing under `policy`: every error, and every warning when
/// warnings are refused.
pub fn blocking(findings: &[Finding], policy: WarningPolicy) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|finding| {
            finding.severity == Severity::Error
                || (policy == WarningPolicy::Refuse && finding.severity == Severity::Warning)
        })
        .collect()
}

/// Compiles and checks the notice folder `dir`. Source errors come back as error findings
/// (code [`FindingCode::SourceError`]), so a caller always gets one list to show.
pub fn check_dir(dir: &Path) -> Vec<Finding> {
    match compile_folder(dir) {
        Ok(folder) => check_folder(&folder),
        Err(errors) => errors.iter().map(source_finding).collect(),
    }
}

/// A source error as an error finding (code [`FindingCode::SourceError`]).
pub fn source_finding(error: &crate::authoring::SourceError) -> Finding {
    let at = Position {
        line: error.line,
        column: error.column,
    };
    Finding::new(
        Severity::Error,
        error.file.clone(),
        at,
        FindingDetail::Source(error.problem.clone()),
    )
}

/// Runs every check on a compiled folder. Findings come in folder order, then by position.
pub fn check_folder(folder: &CompiledFolder) -> Vec<Finding> {
    let mut findings = Vec::new();
    for compiled in &folder.documents {
        let mut found = Vec::new();
        check_fields(compiled, &mut found);
        check_links(folder, compiled, &mut found);
        check_withheld(compiled, &mut found);
        check_text(compiled, &mut found);
        found.sort_by_key(|finding| (finding.line, finding.column, finding.code));
        findings.append(&mut found);
    }
    findings
}

struct Sink<'a> {
    file: &'a str,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    fn push(&mut self, at: Position, severity: Severity, detail: FindingDetail) {
        self.out.push(Finding::new(severity, self.file, at, detail));
    }
}

fn start() -> Position {
    Position { line: 1, column: 1 }
}

fn check_fields(compiled: &CompiledDocument, out: &mut Vec<Finding>) {
    let mut sink = Sink {
        file: &compiled.source_path,
        out,
    };
    let document = &compiled.document;
    // The firm's own letter must be complete; a forwarded copy shows what its sender wrote.
    let own = compiled.role == Role::FirmNotice;
    let severity = if own {
        Severity::Error
    } else {
        Severity::Warning
    };
    let at = if compiled.map.front_matter_end.line > 0 {
        compiled.map.front_matter_end
    } else {
        start()
    };
    if document.date.is_none() {
        sink.push(
            at,
            severity,
            FindingDetail::MissingField {
                field: LetterField::Date,
                forwarded: !own,
            },
        );
    }
    if document.addressee.is_none() {
        sink.push(
            at,
            severity,
            FindingDetail::MissingField {
                field: LetterField::Addressee,
                forwarded: !own,
            },
        );
    }
    if document.issuer.is_empty() {
        sink.push(
            at,
            severity,
            FindingDetail::MissingField {
                field: LetterField::Issuer,
                forwarded: !own,
            },
        );
    }
}

fn check_links(folder: &CompiledFolder, compiled: &CompiledDocument, out: &mut Vec<Finding>) {
    let mut sink = Sink {
        file: &compiled.source_path,
        out,
    };
    for (index, (target, text)) in compiled.document.links().enumerate() {
        let at = compiled.map.links.get(index).copied().unwrap_or_else(start);
        match target {
            LinkTarget::Document { path, heading } => {
                let Some(target) = folder.document(path) else {
                    sink.push(
                        at,
                        Severity::Error,
                        FindingDetail::MissingDocument {
                            text: text.to_owned(),
                            path: path.clone(),
                        },
                    );
                    continue;
                };
                if let Some(heading) = heading
                    && !target.document.heading_ids().any(|id| id == heading)
                {
                    sink.push(
                        at,
                        Severity::Error,
                        FindingDetail::MissingHeading {
                            text: text.to_owned(),
                            heading: heading.clone(),
                            path: path.clone(),
                            ids: target.document.heading_ids().map(str::to_owned).collect(),
                        },
                    );
                }
                if compiled.role == Role::FirmNotice
                    && target.role != Role::FirmNotice
                    && let (Some(ours), Some(theirs)) =
                        (&compiled.document.date, &target.document.date)
                    && ours.iso < theirs.iso
                {
                    sink.push(
                        at,
                        Severity::Error,
                        FindingDetail::DatedBeforeCited {
                            ours: ours.text.clone(),
                            path: path.clone(),
                            theirs: theirs.text.clone(),
                        },
                    );
                }
            }
            LinkTarget::External { url } => {
                let host = url.split_once("://").map_or("", |(_, rest)| {
                    rest.split(['/', '?', '#']).next().unwrap_or("")
                });
                if !host.is_ascii() {
                    sink.push(
                        at,
                        Severity::Warning,
                        FindingDetail::NonAsciiHost { url: url.clone() },
                    );
                }
            }
        }
    }
}

fn check_withheld(compiled: &CompiledDocument, out: &mut Vec<Finding>) {
    let mut sink = Sink {
        file: &compiled.source_path,
        out,
    };
    let masks = compiled
        .document
        .inlines()
        .filter_map(|(_, inline)| match inline {
            Inline::Mask(mask) => Some(mask),
            _ => None,
        });
    for (index, mask) in masks.enumerate() {
        let at = compiled.map.masks.get(index).copied().unwrap_or_else(start);
        if mask.reason.is_none() {
            sink.push(
                at,
                Severity::Warning,
                FindingDetail::MaskWithoutReason {
                    marker: mask.marker.clone(),
                },
            );
        }
        let mut chars = mask.marker.chars();
        if let Some(first) = chars.next()
            && !first.is_alphanumeric()
            && chars.clone().all(|c| c == first)
            && mask.marker.chars().count() != MASK_MARKER_WIDTH
        {
            sink.push(
                at,
                Severity::Warning,
                FindingDetail::MaskWidth {
                    marker: mask.marker.clone(),
                    length: mask.marker.chars().count(),
                },
            );
        }
    }
    for (index, block) in compiled.document.body.iter().enumerate() {
        if let Block::Omission(omission) = block
            && omission.reason.is_none()
        {
            let at = compiled
                .map
                .blocks
                .get(index)
                .copied()
                .unwrap_or_else(start);
            sink.push(
                at,
                Severity::Warning,
                FindingDetail::OmissionWithoutReason {
                    marker: omission.marker.clone(),
                },
            );
        }
    }
}

fn check_text(compiled: &CompiledDocument, out: &mut Vec<Finding>) {
    let mut sink = Sink {
        file: &compiled.source_path,
        out,
    };
    let json = compiled.source_path.ends_with(".json");
    for (index, line) in compiled.source_text.split('\n').enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let at = |column: usize| Position {
            line: index + 1,
            column: column + 1,
        };
        for (column, &c) in chars.iter().enumerate() {
            if index == 0 && column == 0 && c == '\u{feff}' {
                continue;
            }
            if let Some(kind) = invisible(c) {
                sink.push(
                    at(column),
                    Severity::Error,
                    FindingDetail::Hidden { character: c, kind },
                );
            }
        }
        if json {
            for (column, c) in json_escapes(&chars) {
                if let Some(kind) = invisible(c) {
                    sink.push(
                        at(column),
                        Severity::Error,
                        FindingDetail::Hidden { character: c, kind },
                    );
                }
            }
        }
        for (column, word) in mixed_script_words(&chars) {
            sink.push(
                at(column),
                Severity::Warning,
                FindingDetail::MixedScript { word },
            );
        }
        for (column, address) in email_addresses(&chars) {
            sink.push(
                at(column),
                Severity::Warning,
                FindingDetail::EmailAddress { address },
            );
        }
        let line_text: String = chars.iter().collect();
        for token in number_tokens(&chars) {
            if let Some((severity, detail)) = classify_number(&token, &line_text) {
                sink.push(at(token.start), severity, detail);
            }
        }
    }
}

/// Invisible and bidirectional control characters, and control characters (such as the
/// escape that starts a terminal command) other than tab.
fn invisible(c: char) -> Option<HiddenKind> {
    let code = c as u32;
    match code {
        0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C => {
            Some(HiddenKind::BidiControl)
        }
        0x200B..=0x200D | 0x2060..=0x2064 | 0xFEFF | 0x00AD | 0x180E | 0x034F => {
            Some(HiddenKind::ZeroWidth)
        }
        // Tabs lay out text; variation selectors choose a glyph form (異体字) in letter text.
        0xFE00..=0xFE0F | 0xE0100..=0xE01EF => None,
        _ if c == '\t' => None,
        _ if c.is_control() => Some(HiddenKind::Control),
        _ if crate::escape::is_hidden(c) => Some(HiddenKind::Invisible),
        _ => None,
    }
}

/// `\uXXXX` escapes in a JSON line, decoded, with their columns.
fn json_escapes(chars: &[char]) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut index = 0;
    while index + 6 <= chars.len() {
        if chars[index] == '\\' && chars[index + 1] == '\\' {
            index += 2;
            continue;
        }
        if chars[index] == '\\' && chars[index + 1] == 'u' {
            let hex: String = chars[index + 2..index + 6].iter().collect();
            if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                out.push((index, c));
            }
            index += 6;
            continue;
        }
        index += 1;
    }
    out
}

fn mixed_script_words(chars: &[char]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if !chars[index].is_alphabetic() || crate::authoring::is_east_asian(chars[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len()
            && chars[index].is_alphabetic()
            && !crate::authoring::is_east_asian(chars[index])
        {
            index += 1;
        }
        let word = &chars[start..index];
        let latin = word.iter().any(char::is_ascii_alphabetic);
        let lookalike = word.iter().any(|&c| matches!(c as u32, 0x0370..=0x04FF));
        if latin && lookalike {
            out.push((start, word.iter().collect()));
        }
    }
    out
}

fn email_addresses(chars: &[char]) -> Vec<(usize, String)> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let start = chars[..at]
            .iter()
            .rposition(|&c| !local(c))
            .map_or(0, |position| position + 1);
        let end = chars[at + 1..]
            .iter()
            .position(|&c| !domain(c))
            .map_or(chars.len(), |position| at + 1 + position);
        let host: String = chars[at + 1..end].iter().collect();
        let host = host.trim_end_matches('.');
        let tld_ok = host.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            let address: String = chars[start..at + 1 + host.len()].iter().collect();
            out.push((start, address));
        }
    }
    out
}

/// A run of digits and separators, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NumberToken {
    /// Column index of the first digit.
    start: usize,
    /// The digit groups between separators.
    groups: Vec<String>,
    /// Whether `+` comes right before it (an international phone number).
    plus: bool,
}

fn digit(c: char) -> Option<char> {
    let c = crate::authoring::half_width_digit(c);
    c.is_ascii_digit().then_some(c)
}

fn separator(c: char) -> bool {
    matches!(
        c,
        '-' | '‐' | '‑' | '–' | '−' | '－' | ' ' | '(' | ')' | '（' | '）'
    )
}

fn number_tokens(chars: &[char]) -> Vec<NumberToken> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if digit(chars[index]).is_none() {
            index += 1;
            continue;
        }
        let start = index;
        let before = start.checked_sub(1).map(|i| chars[i]);
        // A letter or digit glued in front (e.g. an order code) makes it something else.
        let glued = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/');
        let mut groups = vec![String::new()];
        while index < chars.len() {
            if let Some(d) = digit(chars[index]) {
                if let Some(group) = groups.last_mut() {
                    group.push(d);
                }
                index += 1;
            } else if separator(chars[index])
                && chars.get(index + 1).copied().and_then(digit).is_some()
                && !groups.last().is_some_and(String::is_empty)
            {
                groups.push(String::new());
                index += 1;
            } else if chars[index] == ')' || chars[index] == '）' {
                index += 1;
            } else {
                break;
            }
        }
        let after = chars.get(index).copied();
        let trailing = after.is_some_and(|c| {
            c.is_ascii_alphanumeric()
                || (c == '.' && chars.get(index + 1).copied().and_then(digit).is_some())
        });
        if !glued && !trailing {
            out.push(NumberToken {
                start,
                groups,
                plus: before == Some('+'),
            });
        }
    }
    out
}

/// Whether a 12-digit individual number (マイナンバー) has a valid check digit, by the
/// official formula: with P(n) the n-th digit counted from the right of the first eleven and
/// Q(n) = n + 1 for n ≤ 6 and n − 5 for n ≥ 7, the check digit is 0 when
/// Σ P(n)·Q(n) mod 11 ≤ 1, and 11 minus that remainder otherwise.
pub fn individual_number_is_valid(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 12 || number.chars().count() != 12 {
        return false;
    }
    let sum: u32 = (1..=11)
        .map(|n| {
            let p = digits[11 - n];
            let q = if n <= 6 { n as u32 + 1 } else { n as u32 - 5 };
            p * q
        })
        .sum();
    let remainder = sum % 11;
    let check = if remainder <= 1 { 0 } else { 11 - remainder };
    digits[11] == check
}

fn classify_number(token: &NumberToken, line: &str) -> Option<(Severity, FindingDetail)> {
    let lengths: Vec<usize> = token.groups.iter().map(String::len).collect();
    let all: String = token.groups.concat();
    let shown = token.groups.join("-");
    if (lengths == [12] || lengths == [4, 4, 4]) && individual_number_is_valid(&all) {
        return Some((
            Severity::Error,
            FindingDetail::IndividualNumber { number: shown },
        ));
    }
    if lengths == [4, 6] || (lengths == [10] && line.contains("年金")) {
        return Some((
            Severity::Error,
            FindingDetail::PensionNumber { number: shown },
        ));
    }
    if lengths == [4, 6, 1] || (lengths == [11] && line.contains("雇用保険")) {
        return Some((
            Severity::Error,
            FindingDetail::EmploymentInsuranceNumber { number: shown },
        ));
    }
    if lengths == [7] && line.contains("口座") {
        return Some((
            Severity::Error,
            FindingDetail::BankAccount { number: shown },
        ));
    }
    let phone_digits = if token.plus {
        all.strip_prefix("81").map(|rest| format!("0{rest}"))
    } else {
        Some(all.clone())
    };
    if let Some(digits) = phone_digits
        && digits.starts_with('0')
        && (digits.len() == 10 || digits.len() == 11)
        && (lengths.len() == 1
            || (lengths.len() == 3 && !token.plus && (2..=5).contains(&lengths[0]))
            || (token.plus && lengths.len() >= 3))
    {
        return Some((
            Severity::Warning,
            FindingDetail::PhoneNumber { number: shown },
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_digit_of_individual_numbers_follows_the_official_formula() {
        assert!(individual_number_is_valid("123456789018"));
        assert!(!individual_number_is_valid("123456789017"));
        assert!(!individual_number_is_valid("12345678901"));
        // Remainder ≤ 1 gives check digit 0: 00000000001 → P(1)=1·2=2 → 11−2=9.
        assert!(individual_number_is_valid("000000000019"));
        // 10000000000 → P(11)=1·6 = 6 → 11 − 6 = 5.
        assert!(individual_number_is_valid("100000000005"));
        // 00000000000 → remainder 0 → check digit 0.
        assert!(individual_number_is_valid("000000000000"));
    }

    fn codes(line: &str) -> Vec<FindingCode> {
        let chars: Vec<char> = line.chars().collect();
        number_tokens(&chars)
            .iter()
            .filter_map(|token| classify_number(token, line).map(|(_, detail)| detail.code()))
            .collect()
    }

    #[test]
    fn number_shapes_are_told_apart() {
        assert_eq!(
            codes("番号 1234 5678 9018"),
            vec![FindingCode::IndividualNumber]
        );
        assert_eq!(codes("番号 123456789017"), vec![]);
        assert_eq!(
            codes("基礎年金番号 1234-567890"),
            vec![FindingCode::PensionNumber]
        );
        assert_eq!(
            codes("番号 1234-567890-1"),
            vec![FindingCode::EmploymentInsuranceNumber]
        );
        assert_eq!(codes("普通口座 1234567"), vec![FindingCode::BankAccount]);
        assert_eq!(codes("番号 1234567"), vec![]);
        for phone in [
            "03-1234-5678",
            "090-1234-5678",
            "0120-123-456",
            "03(1234)5678",
            "+81-3-1234-5678",
            "０３－１２３４－５６７８",
            "0312345678",
        ] {
            assert_eq!(
                codes(&format!("電話 {phone} まで")),
                vec![FindingCode::PhoneNumber],
                "{phone}"
            );
        }
        assert_eq!(
            codes("2023-06-29 と 2023年6月5日 と vendor-notice-2023-06-25"),
            vec![]
        );
    }

    #[test]
    fn email_addresses_are_found_with_their_column() {
        let chars: Vec<char> = "連絡先：taro.yamada@example.co.jp まで".chars().collect();
        assert_eq!(
            email_addresses(&chars),
            vec![(4, "taro.yamada@example.co.jp".to_owned())]
        );
        let chars: Vec<char> = "@mention と a@b".chars().collect();
        assert!(email_addresses(&chars).is_empty());
    }

    #[test]
    fn mixed_latin_and_cyrillic_words_are_confusable() {
        let chars: Vec<char> = "see аpple.com and apple".chars().collect();
        assert_eq!(mixed_script_words(&chars), vec![(4, "аpple".to_owned())]);
    }
}
