//! How the CLI words a verdict: one status line a person can act on, then details; or the
//! same facts as JSON for scripts.

use serde_json::json;

use super::exit;
use crate::bundle::{BundleError, FailureKind, OpenedBundle, PublicKey, Verdict};
use crate::document::{LinkTarget, WithheldBy};
use crate::trust::{Assessment, Severity, TrustVerdict};

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The verdict and the bundle's identity.
    Verdict,
    /// Also every document, link, mask and omission.
    Contents,
}

/// The outcome classes that map to exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Verified by a trusted key.
    Verified,
    /// Verified, with a caution (older notice, expired, addressed to someone else).
    VerifiedWithCaution,
    /// Verified, with an alarm (conflicting versions, a claimed name of another key).
    VerifiedWithAlarm,
    /// Signed by a key the reader revoked.
    Revoked,
    /// Valid signature, unknown key.
    UnknownSigner,
    /// Tampered entry.
    Tampered,
    /// Bad signature or a bundle that breaks the format.
    Invalid,
    /// Not readable at all.
    Unreadable,
}

impl Status {
    /// The process exit status.
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Verified => exit::VERIFIED,
            Status::VerifiedWithCaution => exit::VERIFIED_WITH_CAUTION,
            Status::UnknownSigner => exit::UNKNOWN_SIGNER,
            Status::VerifiedWithAlarm | Status::Revoked | Status::Tampered | Status::Invalid => {
                exit::INVALID
            }
            Status::Unreadable => exit::UNREADABLE,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::VerifiedWithCaution => "verified_with_caution",
            Status::VerifiedWithAlarm => "verified_with_alarm",
            Status::Revoked => "revoked",
            Status::UnknownSigner => "unknown_signer",
            Status::Tampered => "tampered",
            Status::Invalid => "invalid",
            Status::Unreadable => "unreadable",
        }
    }
}

/// Classifies an open result, taking the trust layer's assessment into account.
pub fn status(
    opened: &Result<OpenedBundle, BundleError>,
    assessment: Option<&Assessment>,
) -> Status {
    let status = bundle_status(opened);
    match assessment {
        Some(Assessment {
            verdict: TrustVerdict::Revoked { .. },
            ..
        }) => Status::Revoked,
        Some(assessment) if status == Status::Verified => match assessment.severity() {
            None => Status::Verified,
            Some(Severity::Caution) => Status::VerifiedWithCaution,
            Some(Severity::Alarm) => Status::VerifiedWithAlarm,
        },
        _ => status,
    }
}

fn bundle_status(opened: &Result<OpenedBundle, BundleError>) -> Status {
    match opened {
        Ok(bundle) => match bundle.verdict {
            Verdict::Verified { .. } => Status::Verified,
            Verdict::UnknownSigner { .. } => Status::UnknownSigner,
            Verdict::Tampered { .. } => Status::Tampered,
            Verdict::BadSignature { .. } | Verdict::Unsigned => Status::Invalid,
        },
        Err(error) if error.kind() == FailureKind::Unreadable => Status::Unreadable,
        Err(_) => Status::Invalid,
    }
}

fn headline(opened: &Result<OpenedBundle, BundleError>, assessment: Option<&Assessment>) -> String {
    if let Some(Assessment {
        verdict: TrustVerdict::Revoked { record },
        ..
    }) = assessment
    {
        return super::trust::revoked_headline(record);
    }
    match opened {
        Err(error) if error.kind() == FailureKind::Unreadable => format!("✘ UNREADABLE — {error}"),
        Err(error) => format!(
            "✘ INVALID BUNDLE — {error}. Do not rely on this file; ask the sender for a new copy."
        ),
        Ok(bundle) => match &bundle.verdict {
            Verdict::Verified { signer } => format!(
                "✔ VERIFIED — signed by {} (a key you trust; key id {})",
                signer.name, signer.public_key.key_id
            ),
            Verdict::UnknownSigner { key } => format!(
                "? UNKNOWN SIGNER — the signature is valid, but key {} is not one you trust.\n  \
                 The bundle claims to come from {:?} (an unverified claim).\n  \
                 Key fingerprint: {}\n  \
                 Confirm this fingerprint with the issuer by phone or from a letter before trusting it;\n  \
                 then trust it with `kairan trust add --from-bundle FILE --fingerprint \"{}\" --name NAME`\n  \
                 (or verify with --key and the issuer's public key file).",
                key.key_id,
                bundle.manifest.issuer.name,
                key.fingerprint(),
                key.fingerprint()
            ),
            Verdict::Tampered { entry, problem } => format!(
                "✘ TAMPERED — entry {entry:?}: {problem}. Do not rely on this file; ask the sender for a new copy."
            ),
            Verdict::BadSignature { problem } => format!(
                "✘ INVALID SIGNATURE — {problem}. Do not rely on this file; ask the sender for a new copy."
            ),
            Verdict::Unsigned => "✘ NOT SIGNED — an authoring preview, not a bundle.".to_owned(),
        },
    }
}

/// The human-readable report: the headline, then one line per trust warning, then details.
pub fn text(
    label: &str,
    opened: &Result<OpenedBundle, BundleError>,
    assessment: Option<&Assessment>,
    detail: Detail,
) -> String {
    let mut out = format!("{label}\n{}\n", headline(opened, assessment));
    if let Some(assessment) = assessment {
        out += &super::trust::warning_lines(assessment, label);
    }
    let Ok(bundle) = opened else { return out };
    let manifest = &bundle.manifest;
    out += &format!(
        "  bundle {}, series {} no. {} (第{}報), issued {}\n",
        manifest.bundle_id,
        manifest.series.id,
        manifest.series.sequence,
        manifest.series.sequence,
        manifest.issued_at
    );
    if let Some(expires) = &manifest.expires_at {
        out += &format!("  expires {expires}\n");
    }
    if let Some(recipient) = &manifest.recipient {
        out += &format!("  addressed to {recipient}\n");
    }
    out += &format!(
        "  issuer as claimed by the bundle: {}\n",
        manifest.issuer.name
    );
    out += &format!(
        "  {} documents, {} attachments, {} masked fields, {} omitted sections\n",
        bundle.documents.len(),
        bundle.attachments.len(),
        bundle.mask_count(),
        bundle.omission_count()
    );
    if detail == Detail::Contents {
        if !bundle.verdict.intact() {
            out += "  (contents below are NOT trustworthy)\n";
        }
        for item in &bundle.documents {
            let document = &item.document;
            out += &format!("\n  [{}] {}\n", role_word(item.entry.role), item.entry.path);
            out += &format!("    title:   {}\n", document.title);
            if let Some(date) = &document.date {
                out += &format!("    date:    {} ({})\n", date.text, date.iso);
            }
            if !document.issuer.is_empty() {
                out += &format!("    issuer:  {}\n", document.issuer.join(" / "));
            }
            if let Some(source) = &document.source {
                out += &format!(
                    "    copy of: {} (url: {}, retrieved: {})\n",
                    source.publisher.as_deref().unwrap_or("not stated"),
                    source.url.as_deref().unwrap_or("not stated"),
                    source.retrieved.as_deref().unwrap_or("not stated")
                );
            }
            out += &format!(
                "    masked fields: {}, omitted sections: {}\n",
                document.mask_count(),
                document.omission_count()
            );
            for (target, text) in document.links() {
                out += &format!("    link {text:?} → {}\n", link_word(target));
            }
            for item in crate::document::withheld_items(document) {
                out += &match item.kind {
                    crate::document::WithheldKind::Mask(mask) => format!(
                        "    mask {} — label: {}, reason: {}, masked by: {}\n",
                        mask.marker,
                        mask.label.as_deref().unwrap_or("not stated"),
                        mask.reason.as_deref().unwrap_or("not stated"),
                        mask.masked_by.describe()
                    ),
                    crate::document::WithheldKind::Omission(omission) => format!(
                        "    omission {} — under: {}, reason: {}, omitted by: {}\n",
                        omission.marker,
                        omission.under_heading.as_deref().unwrap_or("(top)"),
                        omission.reason.as_deref().unwrap_or("not stated"),
                        omission.omitted_by.describe()
                    ),
                };
            }
        }
        for attachment in &bundle.attachments {
            out += &format!(
                "\n  [attachment] {} ({} bytes, {}, sha256 {})\n",
                attachment.path, attachment.size, attachment.media_type, attachment.sha256
            );
        }
    }
    out
}

fn role_word(role: crate::bundle::Role) -> &'static str {
    match role {
        crate::bundle::Role::FirmNotice => "firm notice",
        crate::bundle::Role::VendorNotice => "vendor notice",
        crate::bundle::Role::Report => "report",
        crate::bundle::Role::Attachment => "attachment",
        crate::bundle::Role::KeyRollover => "key rollover",
    }
}

fn link_word(target: &LinkTarget) -> String {
    match target {
        LinkTarget::Document {
            path,
            heading: Some(heading),
        } => format!("{path}#{heading}"),
        LinkTarget::Document {
            path,
            heading: None,
        } => path.clone(),
        LinkTarget::External { url } => url.clone(),
    }
}

fn key_json(key: &PublicKey) -> serde_json::Value {
    json!({ "key_id": key.key_id.to_string(), "fingerprint": key.fingerprint(), "public_key": key.to_base64() })
}

fn withheld_by_word(by: WithheldBy) -> &'static str {
    match by {
        WithheldBy::Author => "author",
        WithheldBy::Forwarder => "forwarder",
        WithheldBy::NotStated => "not_stated",
    }
}

/// The JSON report.
pub fn json(
    label: &str,
    opened: &Result<OpenedBundle, BundleError>,
    assessment: Option<&Assessment>,
    detail: Detail,
) -> String {
    let status = status(opened, assessment);
    let mut report =
        json!({ "file": label, "status": status.word(), "exit_code": status.exit_code() });
    if let Some(assessment) = assessment {
        if let TrustVerdict::Revoked { record } = &assessment.verdict {
            report["revoked_key"] =
                json!({ "name": record.name, "key": key_json(&record.public_key) });
        }
        report["warnings"] = assessment
            .warnings
            .iter()
            .map(|warning| {
                json!({
                    "kind": super::trust::warning_kind(warning),
                    "message": super::trust::warning_line(warning),
                })
            })
            .collect();
        if let Some(offer) = &assessment.rollover {
            report["rollover"] = json!({
                "old_key_name": offer.old.name,
                "old_key": key_json(&offer.old.public_key),
                "new_key": key_json(&offer.new_key),
                "effective": offer.effective,
            });
        }
    }
    match opened {
        Err(error) => report["reason"] = json!(error.to_string()),
        Ok(bundle) => {
            match &bundle.verdict {
                Verdict::Verified { signer } => {
                    report["signer"] =
                        json!({ "name": signer.name, "key": key_json(&signer.public_key) });
                }
                Verdict::UnknownSigner { key } => report["key"] = key_json(key),
                Verdict::Tampered { entry, problem } => {
                    report["entry"] = json!(entry);
                    report["reason"] = json!(problem.to_string());
                }
                Verdict::BadSignature { problem } => report["reason"] = json!(problem.to_string()),
                Verdict::Unsigned => report["reason"] = json!("not signed"),
            }
            let manifest = &bundle.manifest;
            report["bundle"] = json!({
                "bundle_id": manifest.bundle_id,
                "series": manifest.series.id,
                "sequence": manifest.series.sequence,
                "issued_at": manifest.issued_at,
                "expires_at": manifest.expires_at,
                "recipient": manifest.recipient,
                "claimed_issuer": manifest.issuer.name,
                "signature_key_id": bundle.signature_key_id.to_string(),
                "documents": bundle.documents.len(),
                "attachments": bundle.attachments.len(),
                "masked_fields": bundle.mask_count(),
                "omitted_sections": bundle.omission_count(),
            });
            if detail == Detail::Contents {
                report["documents"] = bundle
                    .documents
                    .iter()
                    .map(|item| {
                        let document = &item.document;
                        json!({
                            "path": item.entry.path,
                            "role": role_word(item.entry.role),
                            "title": document.title,
                            "date": document.date.as_ref().map(|date| &date.iso),
                            "issuer": document.issuer,
                            "masked_fields": document.mask_count(),
                            "omitted_sections": document.omission_count(),
                            "links": document.links().map(|(target, text)| json!({"text": text, "target": link_word(target)})).collect::<Vec<_>>(),
                            "withheld": crate::document::withheld_items(document).iter().map(|item| match item.kind {
                                crate::document::WithheldKind::Mask(mask) => json!({"kind": "mask", "marker": mask.marker, "label": mask.label, "reason": mask.reason, "by": withheld_by_word(mask.masked_by)}),
                                crate::document::WithheldKind::Omission(omission) => json!({"kind": "omission", "marker": omission.marker, "reason": omission.reason, "by": withheld_by_word(omission.omitted_by), "under_heading": omission.under_heading}),
                            }).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                report["attachments"] = bundle
                    .attachments
                    .iter()
                    .map(|entry| json!({"path": entry.path, "size": entry.size, "sha256": entry.sha256, "media_type": entry.media_type}))
                    .collect();
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
