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
