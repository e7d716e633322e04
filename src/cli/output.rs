//! How the CLI words a verdict: one status line a person can act on, then details; or the
//! same facts as JSON for scripts.

use serde_json::json;

use crate::bundle::{BundleError, LinkRemark, OpenedBundle, PublicKey, Verdict};
use crate::document::{LinkTarget, WithheldBy};
use crate::escape::one_line;
use crate::trust::{Assessment, NextAction, Status, TrustVerdict};

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The verdict and the bundle's identity.
    Verdict,
    /// Also every document, link, mask and omission.
    Contents,
}

/// The headline of an open result: the library's assessment, or the kind of failure. The CLI
/// decides nothing itself.
pub fn status(
    opened: &Result<OpenedBundle, BundleError>,
    assessment: Option<&Assessment>,
) -> Status {
    match (opened, assessment) {
        (Err(error), _) => Status::of_error(error),
        (Ok(_), Some(assessment)) => assessment.status,
        // Every opened bundle is assessed; without an assessment nothing may pass.
        (Ok(_), None) => Status::Invalid,
    }
}

fn headline(opened: &Result<OpenedBundle, BundleError>, assessment: Option<&Assessment>) -> String {
    let status = status(opened, assessment);
    let bundle = match opened {
        Err(error) if status == Status::Unreadable => {
            return format!("✘ UNREADABLE — {}", one_line(&error.to_string()));
        }
        Err(error) => {
            return format!(
                "✘ INVALID BUNDLE — {}. Do not rely on this file; ask the sender for a new copy.",
                one_line(&error.to_string())
            );
        }
        Ok(bundle) => bundle,
    };
    // Quoted as the viewer quotes it: a claim cannot close the quotation and go on as
    // Kairan's own words (its quotation marks are written as \u{…}), and is cut short.
    let claimed = crate::escape::quoted(&bundle.manifest.issuer.name);
    match (status, assessment) {
        (_, Some(Assessment {
            verdict: TrustVerdict::Revoked { record },
            ..
        })) => super::trust::revoked_headline(record),
        (Status::Verified | Status::VerifiedWithCaution, Some(assessment)) => {
            match assessment.signer() {
                Some(signer) => format!(
                    "✔ VERIFIED — signed by {} (a key you trust; key id {})",
                    one_line(&signer.name),
                    signer.public_key.key_id
                ),
                None => "✘ INVALID — no trusted signer".to_owned(),
            }
        }
        (Status::Sample, _) => "ℹ SAMPLE — Kairan's built-in sample, signed with the public demo key: it shows how Kairan works and proves nothing about who wrote it.".to_owned(),
        (Status::DemoKey, _) => format!(
            "? DEMO KEY — signed with Kairan's public demo key, whose secret key is published: anyone can make such a file, so it proves nothing about who made it.\n  \
             The bundle claims to come from \"{claimed}\" (an unverified claim).\n  \
             Ask the sender for a copy signed with their own key."
        ),
        (Status::Alarm, assessment) => {
            let what = match assessment.and_then(Assessment::signer) {
                Some(signer) if !signer.public_key.is_demo() => format!(
                    "signed by {} (a key you trust; key id {}), but this notice conflicts with your records (see below)",
                    one_line(&signer.name),
                    signer.public_key.key_id
                ),
                _ => format!(
                    "the signature is valid, but the bundle, which claims to come from \"{claimed}\", may be an impersonation (see below)"
                ),
            };
            format!(
                "✘ ALARM — {what}.\n  \
                 Do not rely on it until the issuer, reached at a phone number you already know, confirms it."
            )
        }
        _ => match &bundle.verdict {
            Verdict::UnknownSigner { key } if status == Status::UnknownSigner => format!(
                "? UNKNOWN SIGNER — the signature is valid, but key {} is not one you trust.\n  \
                 The bundle claims to come from \"{claimed}\" (an unverified claim).\n  \
                 Key fingerprint: {}\n  \
                 Confirm this fingerprint with the issuer by phone or from a letter before trusting it;\n  \
                 then trust it with `kairan trust add --from-bundle FILE --fingerprint \"THE FINGERPRINT THEY READ TO YOU\" --name NAME`\n  \
                 (or verify with --key and the issuer's public key file).",
                key.key_id,
                key.fingerprint(),
            ),
            Verdict::Tampered { entry, problem } => format!(
                "✘ TAMPERED — entry \"{}\": {problem}. Do not rely on this file; ask the sender for a new copy.",
                one_line(entry)
            ),
            Verdict::BadSignature { problem } => format!(
                "✘ INVALID SIGNATURE — {problem}. Do not rely on this file; ask the sender for a new copy."
            ),
            _ => "✘ INVALID — do not rely on this file; ask the sender for a new copy.".to_owned(),
        },
    }
}

/// The human-readable report: the headline, then one line per trust warning, then details.
/// Every string from the bundle is shown with hidden characters made visible
/// ([`crate::escape::one_line`]).
pub fn text(
    label: &str,
    opened: &Result<OpenedBundle, BundleError>,
    assessment: Option<&Assessment>,
    detail: Detail,
) -> String {
    let mut out = format!("{}\n{}\n", one_line(label), headline(opened, assessment));
    if let Some(assessment) = assessment {
        out += &super::trust::warning_lines(assessment, label);
    }
    let Ok(bundle) = opened else { return out };
    let manifest = &bundle.manifest;
    out += &format!(
        "  bundle {}, series {} no. {} (第{}報), issued {}\n",
        one_line(&manifest.bundle_id),
        one_line(&manifest.series.id),
        manifest.series.sequence,
        manifest.series.sequence,
        one_line(manifest.issued_at.as_str())
    );
    if let Some(expires) = &manifest.expires_at {
        out += &format!("  expires {}\n", one_line(expires.as_str()));
    }
    if let Some(recipient) = &manifest.recipient {
        out += &format!("  addressed to \"{}\"\n", crate::escape::quoted(recipient));
    }
    out += &format!(
        "  issuer as claimed by the bundle: \"{}\" (unverified)\n",
        crate::escape::quoted(&manifest.issuer.name)
    );
    out += &format!(
        "  {} documents, {} attachments, {} masked fields, {} omitted sections\n",
        bundle.documents.len(),
        bundle.attachments.len(),
        bundle.mask_count(),
        bundle.omission_count()
    );
    if detail == Detail::Contents {
        out += &contents_text(bundle);
    }
    out
}

fn contents_text(bundle: &OpenedBundle) -> String {
    let not_stated = |value: Option<&String>| {
        value.map_or_else(|| "not stated".to_owned(), |v| one_line(v).into_owned())
    };
    let mut out = String::new();
    if !bundle.verdict.intact() {
        out += "  (contents below are NOT trustworthy)\n";
    }
    for item in &bundle.documents {
        let document = &item.document;
        out += &format!(
            "\n  [{}] {}\n",
            role_word(item.entry.role),
            one_line(&item.entry.path)
        );
        out += &format!("    title:   {}\n", one_line(&document.title_text()));
        if let Some(date) = &document.date {
            out += &format!(
                "    date:    {} ({})\n",
                one_line(&date.text),
                one_line(&date.iso)
            );
        }
        if !document.issuer.is_empty() {
            out += &format!(
                "    issuer:  {}\n",
                one_line(&document.issuer_lines().join(" / "))
            );
        }
        if let Some(source) = &document.source {
            out += &format!(
                "    copy of: {} (url: {}, retrieved: {})\n",
                not_stated(source.publisher.as_ref()),
                not_stated(source.url.as_ref()),
                not_stated(source.retrieved.as_ref())
            );
        }
        out += &format!(
            "    masked fields: {}, omitted sections: {}\n",
            document.mask_count(),
            document.omission_count()
        );
        for (target, text) in document.links() {
            let remark = match bundle.link_remark(target, text) {
                None => String::new(),
                Some(LinkRemark::NotOpened) => {
                    " ⚠ not opened by Kairan: only https, http and mailto addresses are opened"
                        .to_owned()
                }
                Some(LinkRemark::NoSuchDocument) => {
                    " ⚠ goes nowhere: the bundle has no such document".to_owned()
                }
                Some(LinkRemark::NoSuchHeading) => {
                    " ⚠ goes nowhere: the document has no such heading".to_owned()
                }
                Some(LinkRemark::DisguisedHost) => {
                    " ⚠ its address is written to look like another site's (letters outside ASCII, or a name before @)".to_owned()
                }
                Some(LinkRemark::TextShowsOtherAddress { shown }) => format!(
                    " ⚠ its text shows {}, which is not where it goes",
                    one_line(&shown)
                ),
            };
            out += &format!(
                "    link \"{}\" → {}{remark}\n",
                one_line(text),
                one_line(&link_word(target))
            );
        }
        for item in crate::document::withheld_items(document) {
            out += &match item.kind {
                crate::document::WithheldKind::Mask(mask) => format!(
                    "    mask {} — label: {}, reason: {}, masked by: {}\n",
                    one_line(&mask.marker),
                    not_stated(mask.label.as_ref()),
                    not_stated(mask.reason.as_ref()),
                    mask.masked_by.describe()
                ),
                crate::document::WithheldKind::Omission(omission) => format!(
                    "    omission {} — under: {}, reason: {}, omitted by: {}\n",
                    one_line(&omission.marker),
                    omission
                        .under_heading
                        .as_deref()
                        .map_or_else(|| "(top)".to_owned(), |v| one_line(v).into_owned()),
                    not_stated(omission.reason.as_ref()),
                    omission.omitted_by.describe()
                ),
            };
        }
    }
    for attachment in &bundle.attachments {
        out += &format!(
            "\n  [attachment] {} ({} bytes, {}, sha256 {})\n",
            one_line(&attachment.path),
            attachment.size,
            one_line(&attachment.media_type),
            one_line(&attachment.sha256)
        );
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

fn link_remark_word(remark: &LinkRemark) -> &'static str {
    match remark {
        LinkRemark::NotOpened => "not_opened",
        LinkRemark::NoSuchDocument => "no_such_document",
        LinkRemark::NoSuchHeading => "no_such_heading",
        LinkRemark::DisguisedHost => "disguised_host",
        LinkRemark::TextShowsOtherAddress { .. } => "text_shows_other_address",
    }
}

fn next_action_word(action: NextAction) -> &'static str {
    match action {
        NextAction::Rely => "rely",
        NextAction::ReadCautions => "read_cautions",
        NextAction::TryTheSample => "try_the_sample",
        NextAction::AskForProperlySignedCopy => "ask_for_properly_signed_copy",
        NextAction::ConfirmFingerprint => "confirm_fingerprint",
        NextAction::ConfirmWithIssuer => "confirm_with_issuer",
        NextAction::AskForNewCopy => "ask_for_new_copy",
        NextAction::CheckTheFile => "check_the_file",
        NextAction::FinishAndSign => "finish_and_sign",
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
    let mut report = json!({ "file": label, "status": status.word(), "exit_code": status.exit_code(), "verified": status.verified(), "next_action": next_action_word(status.next_action()) });
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
                            "links": document.links().map(|(target, text)| json!({"text": text, "target": link_word(target), "remark": bundle.link_remark(target, text).map(|remark| link_remark_word(&remark))})).collect::<Vec<_>>(),
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
