//! The verdict on paper: the strip at the top of the first page (mark, headline, who signed as
//! this computer knows it) and the footer on every page (fingerprint, series, bundle id, when
//! and where it was checked). Both render the library's [`Assessment`](crate::trust::Assessment);
//! nothing here decides.

use serde::Serialize;

use super::{PdfRequest, nested_quotes, quoted_name};
use crate::bundle::Verdict;
use crate::language::fill;
use crate::pdf::words::{self, PaperWords};
use crate::trust::{Status, TrustVerdict};

/// The verdict strip, as the template draws it.
#[derive(Debug, Serialize)]
pub(super) struct Strip {
    tone: &'static str,
    mark: &'static str,
    headline: &'static str,
    large: Option<&'static str>,
    lines: Vec<String>,
}

fn tone(status: Status) -> &'static str {
    match status {
        Status::Verified => "good",
        Status::Sample => "info",
        Status::VerifiedWithCaution | Status::DemoKey | Status::UnknownSigner | Status::Preview => {
            "caution"
        }
        Status::Alarm
        | Status::Revoked
        | Status::Tampered
        | Status::Invalid
        | Status::Unreadable => "danger",
    }
}

/// Who signed, as this computer knows it: the reader's own name for a trusted key, never the
/// bundle's claim (which is printed only as a claim, and beside the signer under an alarm).
fn signer_line(request: &PdfRequest<'_>, words: &PaperWords) -> String {
    let assessment = request.assessment;
    match assessment.status {
        Status::Sample | Status::DemoKey => return words.signer_demo.to_owned(),
        Status::Preview => return words.signer_none.to_owned(),
        _ => {}
    }
    let claim = format!(
        "{}{}{}",
        words.claimed_issuer,
        quoted_name(&request.bundle.manifest.issuer.name),
        words.claimed_issuer_unchecked
    );
    let signer = match &assessment.verdict {
        TrustVerdict::Bundle(Verdict::Verified { signer }) if signer.public_key.is_demo() => {
            words.signer_demo.to_owned()
        }
        TrustVerdict::Bundle(Verdict::Verified { signer }) => format!(
            "{}{}{}",
            words.signer,
            quoted_name(&signer.name),
            words.signer_named_by_reader
        ),
        TrustVerdict::Revoked { record } => {
            format!("{}{}", words.signer_revoked, quoted_name(&record.name))
        }
        _ => return format!("{}{}{claim}", words.signer_unknown, words.gap),
    };
    if assessment.status == Status::Alarm {
        format!("{signer}{}{claim}", words.gap)
    } else {
        signer
    }
}

pub(super) fn strip(request: &PdfRequest<'_>, words: &PaperWords) -> Strip {
    let status = request.assessment.status;
    let language = request.language;
    Strip {
        tone: tone(status),
        mark: words::status_mark(status),
        headline: status.headline(language),
        large: words::large_words(status, language),
        lines: {
            let mut lines = vec![signer_line(request, words)];
            // Each warning with the mark of its severity: △ a caution, × an alarm.
            lines.extend(
                request
                    .assessment
                    .warnings
                    .iter()
                    .zip(request.cautions)
                    .map(|(warning, caution)| {
                        let mark = match warning.severity() {
                            crate::trust::Severity::Caution => "△",
                            crate::trust::Severity::Alarm => "×",
                        };
                        format!("{mark} {}", nested_quotes(caution))
                    }),
            );
            if request.show_anyway && !status.shows_contents() {
                lines.push(words.shown_anyway.to_owned());
            }
            lines.push(format!(
                "{}{}",
                words.next,
                status.next_action().words(language)
            ));
            lines
        },
    }
}

/// The key that made the signature, when the verdict names one.
fn signing_key(request: &PdfRequest<'_>) -> Option<crate::bundle::PublicKey> {
    match &request.assessment.verdict {
        TrustVerdict::Bundle(Verdict::Verified { signer }) => Some(signer.public_key),
        TrustVerdict::Bundle(Verdict::UnknownSigner { key }) => Some(*key),
        TrustVerdict::Revoked { record } => Some(record.public_key),
        TrustVerdict::Bundle(_) => None,
    }
}

pub(super) fn footer(request: &PdfRequest<'_>, words: &PaperWords) -> Vec<String> {
    let bundle = request.bundle;
    let manifest = &bundle.manifest;
    let fingerprint = match signing_key(request) {
        Some(key) => format!("{}{}", words.fingerprint, key.fingerprint()),
        None => words.fingerprint_none.to_owned(),
    };
    let series = format!(
        "{}{}　{}",
        words.series,
        quoted_name(&manifest.series.id),
        words
            .sequence
            .replace("{n}", &manifest.series.sequence.to_string())
    );
    let mut lines = vec![
        fingerprint,
        format!(
            "{}{}　{}",
            words.bundle_id,
            quoted_name(&manifest.bundle_id),
            series
        ),
    ];
    // A file that changed on disk since it was opened has no hash to print for what was
    // verified; the line is left out rather than naming another file.
    if let Ok(Some(hex)) = bundle.file_sha256() {
        lines.push(format!("{}{hex}", words.file_sha256));
    }
    let zone = crate::time::readable::local_zone();
    let time = format!(
        "{} ({})",
        crate::time::readable::time_in(request.checked_at, &zone, request.language),
        utc_offset(request.checked_at, &zone)
    );
    lines.push(fill(words.checked_by, &[("time", &time)]));
    lines
}

/// `UTC+09:00` for Japan: the zone the checked time is written in.
fn utc_offset(at: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    let seconds = zone.to_offset(at).seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}
