//! Notice series (第1報…第N報): whether two reports continue one another, and what changed
//! between them ([`diff`]).
//!
//! Continuity is part of trust: only reports of the same series signed by the same key, or by
//! a key the older one introduced by a rollover statement, compare as a continuation. Anything
//! else is compared only under a stated reason ([`Continuity::Unrelated`]).

pub mod diff;

use crate::bundle::{OpenedBundle, PublicKey, Verdict};
use crate::trust::Status;
use diff::{ChangeKind, DocumentDiff};

/// Which report a side of a comparison is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRef {
    /// The bundle id.
    pub bundle_id: String,
    /// The series id.
    pub series: String,
    /// Its number in the series (第N報).
    pub sequence: u32,
}

impl ReportRef {
    fn of(bundle: &OpenedBundle) -> Self {
        ReportRef {
            bundle_id: bundle.manifest.bundle_id.clone(),
            series: bundle.manifest.series.id.clone(),
            sequence: bundle.manifest.series.sequence,
        }
    }
}

/// Why two reports are not one series continuing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrelated {
    /// A report's signature or contents do not check out: nothing in it can be compared.
    NotIntact {
        /// Its bundle id.
        bundle_id: String,
    },
    /// A report is intact, but not verified by a key the reader trusts (unknown signer, demo
    /// key, revoked key, alarm): what it changes is shown, never as the issuer's update.
    NotVerified {
        /// Its bundle id.
        bundle_id: String,
        /// What the reader's Kairan says of it.
        status: Status,
    },
    /// They belong to different series.
    OtherSeries,
    /// Different keys signed them, and the older key introduced no newer one.
    OtherSigner,
    /// They carry the same number.
    SameNumber,
}

/// Whether the newer report continues the older one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continuity {
    /// Same series, same signing key.
    SameSigner,
    /// Same series; the newer key was introduced by the older one in a rollover statement.
    Rollover,
    /// Not a continuation, for this reason.
    Unrelated(Unrelated),
}

/// Two reports compared, older first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The report with the lower number.
    pub older: ReportRef,
    /// The report with the higher number.
    pub newer: ReportRef,
    /// Whether they were given newer first (and so swapped).
    pub swapped: bool,
    /// Whether the newer continues the older.
    pub continuity: Continuity,
    /// The changes, document by document (empty when a report is not intact).
    pub documents: Vec<DocumentDiff>,
}

impl Comparison {
    /// How many changes of each kind, most telling first.
    pub fn summary(&self) -> Vec<(ChangeKind, usize)> {
        let mut counts: std::collections::BTreeMap<ChangeKind, usize> = Default::default();
        for change in self.documents.iter().flat_map(|document| &document.changes) {
            *counts.entry(change.kind()).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    /// Every change, in every document.
    pub fn change_count(&self) -> usize {
        self.documents
            .iter()
            .map(|document| document.changes.len())
            .sum()
    }
}

/// A report to compare, with the status the reader's Kairan gave it ([`crate::trust::assess`]).
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The opened bundle.
    pub bundle: &'a OpenedBundle,
    /// Its assessed status.
    pub status: Status,
}

/// Compares two reports, whichever order they come in: the one with the lower number is the
/// older. Reports whose signature or contents do not check out are not compared; reports not
/// verified by a trusted key are compared only as unrelated notices.
pub fn compare(first: Report<'_>, second: Report<'_>) -> Comparison {
    let swapped = first.bundle.manifest.series.sequence > second.bundle.manifest.series.sequence;
    let (older, newer) = if swapped {
        (second, first)
    } else {
        (first, second)
    };
    let continuity = match continuity(older.bundle, newer.bundle) {
        Continuity::Unrelated(Unrelated::NotIntact { bundle_id }) => {
            Continuity::Unrelated(Unrelated::NotIntact { bundle_id })
        }
        continuity => match [older, newer]
            .into_iter()
            .find(|report| !report.status.verified())
        {
            Some(report) => Continuity::Unrelated(Unrelated::NotVerified {
                bundle_id: report.bundle.manifest.bundle_id.clone(),
                status: report.status,
            }),
            None => continuity,
        },
    };
    let (older, newer) = (older.bundle, newer.bundle);
    let documents = match continuity {
        Continuity::Unrelated(Unrelated::NotIntact { .. }) => Vec::new(),
        _ => diff::diff_bundles(older, newer),
    };
    Comparison {
        older: ReportRef::of(older),
        newer: ReportRef::of(newer),
        swapped,
        continuity,
        documents,
    }
}

fn signer(bundle: &OpenedBundle) -> Option<PublicKey> {
    match &bundle.verdict {
        Verdict::Verified { signer } => Some(signer.public_key),
        Verdict::UnknownSigner { key } => Some(*key),
        Verdict::Tampered { .. } | Verdict::BadSignature { .. } | Verdict::Unsigned => None,
    }
}

fn continuity(older: &OpenedBundle, newer: &OpenedBundle) -> Continuity {
    let (Some(old_key), Some(new_key)) = (signer(older), signer(newer)) else {
        let broken = if signer(older).is_none() {
            older
        } else {
            newer
        };
        return Continuity::Unrelated(Unrelated::NotIntact {
            bundle_id: broken.manifest.bundle_id.clone(),
        });
    };
    if older.manifest.series.id != newer.manifest.series.id {
        return Continuity::Unrelated(Unrelated::OtherSeries);
    }
    if older.manifest.series.sequence == newer.manifest.series.sequence {
        return Continuity::Unrelated(Unrelated::SameNumber);
    }
    if old_key == new_key {
        return Continuity::SameSigner;
    }
    match crate::trust::rollover::carried_statement(newer) {
        Some(Ok(statement)) if statement.old_key == old_key && statement.new_key == new_key => {
            Continuity::Rollover
        }
        _ => Continuity::Unrelated(Unrelated::OtherSigner),
    }
}
