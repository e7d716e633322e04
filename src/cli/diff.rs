//! `kairan diff OLD NEW`: what changed between two reports of a series, as text
//! (`[-6月末-]{+7月上旬+}`) or as the JSON documented in `docs/series.md`. Renders
//! [`crate::series::compare`]; decides nothing itself.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::bundle::{self, Role};
use crate::escape::{one_line, visible};
use crate::series::diff::{Change, ChangeKind, Edit, Presence};
use crate::series::{Comparison, Continuity, Unrelated, compare};

/// `kairan diff` arguments.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// One report (`.kairan`); whichever of the two has the lower number is the older.
    pub first: PathBuf,
    /// The other report.
    pub second: PathBuf,
    #[command(flatten)]
    pub keys: super::KeyArgs,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `kairan diff`. Exit status: 0 a continuation compared; 4 reports that are not one
/// series continuing (compared under a warning) or that do not check out (not compared);
/// 5 a file that cannot be read.
///
/// Fails if the trust store cannot be read or a `--key` file is unusable.
pub fn diff(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let context = super::trust::TrustContext::load()?;
    let trusted = context.keys_for_opening(&super::key_file_keys(&args.keys)?);
    let open = |path: &PathBuf| bundle::open_file(path, &trusted);
    let (first, second) = match (open(&args.first), open(&args.second)) {
        (Ok(first), Ok(second)) => (first, second),
        (Err(error), _) | (_, Err(error)) => {
            anyhow::bail!("could not open a report: {error}");
        }
    };
    // Each report gets the reader's verdict (nothing is recorded in the history): only two
    // verified reports can be an issuer's update.
    let report = |bundle| crate::series::Report {
        bundle,
        status: context.assess(bundle, crate::trust::Origin::File).status,
    };
    let comparison = compare(report(&first), report(&second));
    let text = if args.json {
        let mut text = serde_json::to_string_pretty(&json_report(&comparison))?;
        text.push('\n');
        crate::escape::json(&text).into_owned()
    } else {
        visible(&text_report(&comparison)).into_owned()
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::from(match comparison.continuity {
        Continuity::SameSigner | Continuity::Rollover => 0,
        Continuity::Unrelated(_) => 4,
    }))
}

fn kind_word(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Disclosed => "disclosed",
        ChangeKind::NewlyWithheld => "newly_withheld",
        ChangeKind::MaskExplained => "masks_explained",
        ChangeKind::OmissionLifted => "omissions_lifted",
        ChangeKind::OmissionAdded => "omissions_added",
        ChangeKind::SectionAdded => "sections_added",
        ChangeKind::SectionRemoved => "sections_removed",
        ChangeKind::SectionRetitled => "sections_retitled",
        ChangeKind::Paragraph => "paragraphs_changed",
        ChangeKind::Header => "headers_changed",
    }
}

fn kind_words(kind: ChangeKind, count: usize) -> String {
    let (one, many) = match kind {
        ChangeKind::Disclosed => ("masked field disclosed", "masked fields disclosed"),
        ChangeKind::NewlyWithheld => ("field newly masked", "fields newly masked"),
        ChangeKind::MaskExplained => (
            "masked field explained differently",
            "masked fields explained differently",
        ),
        ChangeKind::OmissionLifted => ("omission lifted", "omissions lifted"),
        ChangeKind::OmissionAdded => ("omission added", "omissions added"),
        ChangeKind::SectionAdded => ("section added", "sections added"),
        ChangeKind::SectionRemoved => ("section removed", "sections removed"),
        ChangeKind::SectionRetitled => ("section retitled", "sections retitled"),
        ChangeKind::Paragraph => ("paragraph changed", "paragraphs changed"),
        ChangeKind::Header => ("date or title changed", "dates or titles changed"),
    };
    format!("{count} {}", if count == 1 { one } else { many })
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::FirmNotice => "firm notice",
        Role::VendorNotice => "vendor notice",
        Role::Report => "report",
        Role::Attachment => "attachment",
        Role::KeyRollover => "key rollover",
    }
}

fn continuity_text(continuity: &Continuity) -> String {
    match continuity {
        Continuity::SameSigner => "same series, same signing key".to_owned(),
        Continuity::Rollover => {
            "same series; the newer key was introduced by the older one (key rollover)".to_owned()
        }
        Continuity::Unrelated(Unrelated::NotIntact { bundle_id }) => format!(
            "✘ NOT COMPARED — report {} does not verify (run `kairan verify` on it); nothing in it can be compared",
            one_line(bundle_id)
        ),
        Continuity::Unrelated(Unrelated::OtherSeries) => {
            "⚠ UNRELATED — the reports belong to different series; compared as unrelated notices".to_owned()
        }
        Continuity::Unrelated(Unrelated::NotVerified { bundle_id, status }) => format!(
            "⚠ NOT VERIFIED — report {} is {} (run `kairan verify` on it); what follows is not the issuer's update, only a comparison of two files",
            one_line(bundle_id),
            status.word()
        ),
        Continuity::Unrelated(Unrelated::OtherSigner) => "⚠ UNRELATED — different keys signed them and the older key introduced no newer one; do not read this as the same issuer's update".to_owned(),
        Continuity::Unrelated(Unrelated::SameNumber) => "⚠ SAME NUMBER — both reports carry the same number; compared as two versions, not as an update".to_owned(),
    }
}

fn edits_text(edits: &[Edit]) -> String {
    edits
        .iter()
        .map(|edit| match edit {
            Edit::Same(text) => one_line(text).into_owned(),
            Edit::Deleted(text) => format!("[-{}-]", one_line(text)),
            Edit::Inserted(text) => format!("{{+{}+}}", one_line(text)),
        })
        .collect()
}

fn under(heading: &Option<String>) -> String {
    heading.as_deref().map_or_else(String::new, |heading| {
        format!(" (in {})", one_line(heading))
    })
}

fn change_line(change: &Change) -> String {
    match change {
        Change::Disclosed {
            marker,
            revealed,
            label,
            heading,
        } => format!(
            "◆ DISCLOSED {}{}{}{}",
            one_line(marker),
            if revealed.is_empty() {
                " (the text was rearranged: what replaced it cannot be told; see the paragraph's changes)"
                    .to_owned()
            } else {
                format!(" → \"{}\"", one_line(revealed))
            },
            label
                .as_deref()
                .map_or_else(String::new, |label| format!(" [{}]", one_line(label))),
            under(heading)
        ),
        Change::NewlyWithheld {
            marker,
            replaced,
            reason,
            heading,
        } => format!(
            "■ NEWLY MASKED {}{}{}{}",
            one_line(marker),
            if replaced.is_empty() {
                String::new()
            } else {
                format!(" (was \"{}\")", one_line(replaced))
            },
            reason.as_deref().map_or_else(String::new, |reason| format!(
                ", reason: {}",
                one_line(reason)
            )),
            under(heading)
        ),
        Change::MaskExplained {
            marker,
            label,
            reason,
            heading,
        } => {
            let was = |field: &Option<String>| -> String {
                field
                    .as_deref()
                    .map_or_else(|| "none".to_owned(), |text| one_line(text).into_owned())
            };
            let mut text = format!("● MASK EXPLAINED {}", one_line(marker));
            if label.0 != label.1 {
                text += &format!(", label [-{}-]{{+{}+}}", was(&label.0), was(&label.1));
            }
            if reason.0 != reason.1 {
                text += &format!(", reason [-{}-]{{+{}+}}", was(&reason.0), was(&reason.1));
            }
            text + &under(heading)
        }
        Change::OmissionLifted { marker, heading } => {
            format!("◇ OMISSION LIFTED {}{}", one_line(marker), under(heading))
        }
        Change::OmissionAdded {
            marker,
            reason,
            heading,
        } => format!(
            "▭ OMISSION ADDED {}{}{}",
            one_line(marker),
            reason.as_deref().map_or_else(String::new, |reason| format!(
                ", reason: {}",
                one_line(reason)
            )),
            under(heading)
        ),
        Change::SectionAdded { title } => format!("+ SECTION ADDED {}", one_line(title)),
        Change::SectionRemoved { title } => format!("- SECTION REMOVED {}", one_line(title)),
        Change::SectionRetitled { old, new } => format!(
            "~ SECTION RETITLED [-{}-]{{+{}+}}",
            one_line(old),
            one_line(new)
        ),
        Change::ParagraphChanged { heading, edits } => {
            format!("~ CHANGED{}: {}", under(heading), edits_text(edits))
        }
        Change::ParagraphAdded { heading, text } => {
            format!("+ ADDED{}: {}", under(heading), one_line(text))
        }
        Change::ParagraphRemoved { heading, text } => {
            format!("- REMOVED{}: {}", under(heading), one_line(text))
        }
        Change::DateChanged { old, new } => format!(
            "~ DATE [-{}-]{{+{}+}}",
            one_line(old.as_deref().unwrap_or("none")),
            one_line(new.as_deref().unwrap_or("none"))
        ),
        Change::TitleChanged { old, new } => {
            format!("~ TITLE [-{}-]{{+{}+}}", one_line(old), one_line(new))
        }
    }
}

fn text_report(comparison: &Comparison) -> String {
    let mut out = format!(
        "older: 第{}報 ({}), newer: 第{}報 ({}), series {}{}\n{}\n",
        comparison.older.sequence,
        one_line(&comparison.older.bundle_id),
        comparison.newer.sequence,
        one_line(&comparison.newer.bundle_id),
        one_line(&comparison.newer.series),
        if comparison.swapped {
            " (given newer first)"
        } else {
            ""
        },
        continuity_text(&comparison.continuity)
    );
    let summary = comparison.summary();
    if summary.is_empty() {
        out += "No changes.\n";
    } else {
        let parts: Vec<String> = summary
            .iter()
            .map(|(kind, count)| kind_words(*kind, *count))
            .collect();
        let count = comparison.change_count();
        out += &format!(
            "{count} {}: {}\n",
            if count == 1 { "change" } else { "changes" },
            parts.join(", ")
        );
    }
    for document in &comparison.documents {
        let presence = match document.presence {
            Presence::Both if document.changes.is_empty() => continue,
            Presence::Both => "",
            Presence::Added => " — only in the newer report",
            Presence::Removed => " — only in the older report",
        };
        out += &format!(
            "\n[{}] {}{presence}\n",
            role_word(document.role),
            one_line(&document.title)
        );
        for change in &document.changes {
            out += &format!("  {}\n", change_line(change));
        }
    }
    out
}

fn edits_json(edits: &[Edit]) -> serde_json::Value {
    edits
        .iter()
        .map(|edit| match edit {
            Edit::Same(text) => json!({"op": "same", "text": text}),
            Edit::Deleted(text) => json!({"op": "delete", "text": text}),
            Edit::Inserted(text) => json!({"op": "insert", "text": text}),
        })
        .collect()
}

fn json_report(comparison: &Comparison) -> serde_json::Value {
    let report_json = |report: &crate::series::ReportRef| json!({"bundle_id": report.bundle_id, "series": report.series, "sequence": report.sequence});
    let (continuity, reason) = match &comparison.continuity {
        Continuity::SameSigner => ("same_signer", None),
        Continuity::Rollover => ("rollover", None),
        Continuity::Unrelated(Unrelated::NotIntact { bundle_id }) => {
            ("not_compared", Some(format!("{bundle_id} does not verify")))
        }
        Continuity::Unrelated(Unrelated::OtherSeries) => {
            ("unrelated", Some("different series".to_owned()))
        }
        Continuity::Unrelated(Unrelated::NotVerified { bundle_id, status }) => (
            "not_verified",
            Some(format!("{bundle_id} is {}", status.word())),
        ),
        Continuity::Unrelated(Unrelated::OtherSigner) => {
            ("unrelated", Some("different signing keys".to_owned()))
        }
        Continuity::Unrelated(Unrelated::SameNumber) => {
            ("same_number", Some("both carry the same number".to_owned()))
        }
    };
    let mut report = json!({
        "older": report_json(&comparison.older),
        "newer": report_json(&comparison.newer),
        "swapped": comparison.swapped,
        "continuity": continuity,
        "reason": reason,
        "summary": comparison.summary().iter().map(|(kind, count)| (kind_word(*kind).to_owned(), json!(count))).collect::<serde_json::Map<_, _>>(),
    });
    for kind in [
        "disclosed",
        "newly_withheld",
        "masks_explained",
        "omissions_lifted",
        "omissions_added",
        "sections_added",
        "sections_removed",
        "sections_retitled",
        "paragraphs_changed",
        "headers_changed",
    ] {
        report[kind] = json!([]);
    }
    for document in &comparison.documents {
        let name = &document.title;
        for change in &document.changes {
            let (kind, value) = match change {
                Change::Disclosed {
                    marker,
                    revealed,
                    label,
                    heading,
                } => (
                    ChangeKind::Disclosed,
                    json!({"document": name, "marker": marker, "revealed": revealed, "label": label, "heading": heading}),
                ),
                Change::NewlyWithheld {
                    marker,
                    replaced,
                    reason,
                    heading,
                } => (
                    ChangeKind::NewlyWithheld,
                    json!({"document": name, "marker": marker, "replaced": replaced, "reason": reason, "heading": heading}),
                ),
                Change::MaskExplained {
                    marker,
                    label,
                    reason,
                    heading,
                } => (
                    ChangeKind::MaskExplained,
                    json!({"document": name, "marker": marker, "old_label": label.0, "new_label": label.1, "old_reason": reason.0, "new_reason": reason.1, "heading": heading}),
                ),
                Change::OmissionLifted { marker, heading } => (
                    ChangeKind::OmissionLifted,
                    json!({"document": name, "marker": marker, "heading": heading}),
                ),
                Change::OmissionAdded {
                    marker,
                    reason,
                    heading,
                } => (
                    ChangeKind::OmissionAdded,
                    json!({"document": name, "marker": marker, "reason": reason, "heading": heading}),
                ),
                Change::SectionAdded { title } => (
                    ChangeKind::SectionAdded,
                    json!({"document": name, "title": title}),
                ),
                Change::SectionRemoved { title } => (
                    ChangeKind::SectionRemoved,
                    json!({"document": name, "title": title}),
                ),
                Change::SectionRetitled { old, new } => (
                    ChangeKind::SectionRetitled,
                    json!({"document": name, "old": old, "new": new}),
                ),
                Change::ParagraphChanged { heading, edits } => (
                    ChangeKind::Paragraph,
                    json!({"document": name, "change": "changed", "heading": heading, "edits": edits_json(edits)}),
                ),
                Change::ParagraphAdded { heading, text } => (
                    ChangeKind::Paragraph,
                    json!({"document": name, "change": "added", "heading": heading, "text": text}),
                ),
                Change::ParagraphRemoved { heading, text } => (
                    ChangeKind::Paragraph,
                    json!({"document": name, "change": "removed", "heading": heading, "text": text}),
                ),
                Change::DateChanged { old, new } => (
                    ChangeKind::Header,
                    json!({"document": name, "field": "date", "old": old, "new": new}),
                ),
                Change::TitleChanged { old, new } => (
                    ChangeKind::Header,
                    json!({"document": name, "field": "title", "old": old, "new": new}),
                ),
            };
            if let Some(list) = report[kind_word(kind)].as_array_mut() {
                list.push(value);
            }
        }
    }
    report["documents"] = comparison
        .documents
        .iter()
        .map(|document| {
            json!({
                "role": role_word(document.role),
                "title": document.title,
                "presence": match document.presence {
                    Presence::Both => "both",
                    Presence::Added => "added",
                    Presence::Removed => "removed",
                },
                "changes": document.changes.len(),
            })
        })
        .collect();
    report
}
