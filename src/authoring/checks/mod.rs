//! Pre-send checks: what to catch in a notice folder before it is signed and sent to hundreds
//! of clients — broken links, withheld items without a reason, personal data left unmasked,
//! invisible or look-alike characters, impossible dates and missing letter fields.
//!
//! Each [`Finding`] names its file, line and column, so the CLI can print it and the preview
//! can jump to it. Errors block signing; warnings are allowed only under an explicit
//! [`WarningPolicy`]. The checks read nothing but the compiled folder and never print.
//!
//! What a finding is lives in `finding`; each family of checks has a file of its own: `fields`
//! (the letter's date, addressee and issuer), `links` (targets that exist, dates that make
//! sense), `withheld` (masks and omissions with a reason and a usual width), `text` (hidden and
//! look-alike characters, line by line), `personal_data` (e-mail addresses, phone numbers,
//! individual, pension, insurance and account numbers) and `sent` (the same personal-data
//! checks on the text as it will be sent, and on text attachments).

mod fields;
mod finding;
mod links;
mod personal_data;
mod sent;
mod text;
mod withheld;

pub use finding::{
    Finding, FindingCode, FindingDetail, HiddenKind, LetterField, NotScanned, Severity,
};
pub use personal_data::individual_number_is_valid;

use std::path::Path;

use crate::authoring::{CompiledFolder, Position, compile_folder};

use fields::check_fields;
use links::check_links;
use sent::{check_attachments, check_metadata, check_sent};
use text::check_text;
use withheld::check_withheld;

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

/// Runs every check on a compiled folder. Findings come in folder order, then by position;
/// those in `bundle.json`'s values and in the attachments come last.
pub fn check_folder(folder: &CompiledFolder) -> Vec<Finding> {
    let mut findings = Vec::new();
    for compiled in &folder.documents {
        let mut found = Vec::new();
        check_fields(compiled, &mut found);
        check_links(folder, compiled, &mut found);
        check_withheld(compiled, &mut found);
        check_text(compiled, &mut found);
        let mut sent = Vec::new();
        check_sent(compiled, &found, &mut sent);
        found.append(&mut sent);
        found.sort_by_key(|finding| (finding.line, finding.column, finding.code));
        findings.append(&mut found);
    }
    let mut attached = Vec::new();
    check_metadata(&folder.metadata, &mut attached);
    check_attachments(&folder.attachments, &mut attached);
    attached.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    findings.append(&mut attached);
    findings
}

/// Where one document's checks put their findings, each named with the document's file.
struct Sink<'a> {
    file: &'a str,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    fn push(&mut self, at: Position, severity: Severity, detail: FindingDetail) {
        self.out.push(Finding::new(severity, self.file, at, detail));
    }
}

/// The top of the file: where a finding goes when its part has no recorded position.
fn start() -> Position {
    Position { line: 1, column: 1 }
}
