//! Masked fields and omitted sections: each should say why it was withheld; a mask's marker
//! should have the usual width so that its length gives nothing away, and must not be readable
//! text, which could be the very value it claims to hide.

use super::{Finding, FindingDetail, Severity, Sink, start};
use crate::authoring::{CompiledDocument, MASK_MARKER_WIDTH};
use crate::document::{Block, Inline, is_readable_marker};

pub(super) fn check_withheld(compiled: &CompiledDocument, out: &mut Vec<Finding>) {
    let mut sink = Sink {
        file: &compiled.source_path,
        out,
    };
    let masks = compiled
        .document
        .inlines()
        .filter_map(|inline| match inline {
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
        if is_readable_marker(&mask.marker) {
            sink.push(
                at,
                Severity::Error,
                FindingDetail::ReadableMaskMarker {
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
