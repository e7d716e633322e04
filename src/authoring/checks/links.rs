//! Links: a document link must name a document of the folder and, if given, one of its headings;
//! the firm's letter must not be dated before a letter it cites; an address must be one readers
//! can open (https, http, mailto — a JSON document could carry `javascript:`); a web address
//! whose host is not ASCII may be a look-alike.

use super::{Finding, FindingDetail, Severity, Sink, start};
use crate::authoring::{CompiledDocument, CompiledFolder};
use crate::bundle::Role;
use crate::document::LinkTarget;

pub(super) fn check_links(
    folder: &CompiledFolder,
    compiled: &CompiledDocument,
    out: &mut Vec<Finding>,
) {
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
                if !crate::document::opens_externally(url) {
                    sink.push(
                        at,
                        Severity::Error,
                        FindingDetail::UnopenableLink { url: url.clone() },
                    );
                    continue;
                }
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
