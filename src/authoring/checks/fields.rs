//! The letter fields a notice must carry: date, addressee and issuer. Missing on the firm's own
//! letter it is an error; on a forwarded copy only a warning, since the copy shows what its
//! sender wrote.

use super::{Finding, FindingDetail, LetterField, Severity, Sink, start};
use crate::authoring::CompiledDocument;
use crate::bundle::Role;

pub(super) fn check_fields(compiled: &CompiledDocument, out: &mut Vec<Finding>) {
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
    // A blank title (possible in a JSON document) leaves readers nothing to go by: an error for
    // any letter.
    if document.title_text().trim().is_empty() {
        sink.push(
            at,
            Severity::Error,
            FindingDetail::MissingField {
                field: LetterField::Title,
                forwarded: !own,
            },
        );
    }
    let blank =
        |runs: &[crate::document::Inline]| crate::document::inline_text(runs).trim().is_empty();
    if document.addressee.as_deref().is_none_or(blank) {
        sink.push(
            at,
            severity,
            FindingDetail::MissingField {
                field: LetterField::Addressee,
                forwarded: !own,
            },
        );
    }
    if document.issuer.iter().all(|line| blank(line)) {
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
