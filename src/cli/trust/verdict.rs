//! The trust part of `verify` and `inspect`: the reader's store, history and settings loaded for
//! one run, the assessment of each bundle opened (recorded in the series history when asked),
//! and the English wording of a revoked signer, each warning and a rollover offer.

use crate::bundle::{BundleError, OpenedBundle, TrustedKey, Verdict};
use crate::escape::one_line;
use crate::library::{self, Library, Opening, Reading};
use crate::trust::{
    self, Assessment, ConfigDir, KeyRecord, KeyStatus, SeriesHistory, Settings, TrustStore, Warning,
};

/// The reader's trust files, loaded for one `verify` or `inspect`.
pub(in crate::cli) struct TrustContext {
    store: TrustStore,
    history: SeriesHistory,
    settings: Settings,
}

impl TrustContext {
    /// Loads the store, history and settings.
    ///
    /// Fails if any of them exists but cannot be read: without them a revoked key or a
    /// replayed notice could pass unnoticed.
    pub(in crate::cli) fn load() -> anyhow::Result<Self> {
        let dir = ConfigDir::locate()?;
        Ok(TrustContext {
            store: TrustStore::load(&dir.trust_store())?,
            history: SeriesHistory::load(&dir.series_history())?,
            settings: Settings::load(&dir.settings())?,
        })
    }

    /// The keys to open bundles with (see [`trust::keys_for_opening`]).
    pub(in crate::cli) fn keys_for_opening(&self, extra: &[TrustedKey]) -> Vec<TrustedKey> {
        trust::keys_for_opening(&self.store, extra)
    }

    /// Assesses an opened bundle without recording anything.
    pub(in crate::cli) fn assess(
        &self,
        bundle: &OpenedBundle,
        origin: trust::Origin,
    ) -> Assessment {
        let records = trust::Records {
            store: Some(&self.store),
            history: Some(&self.history),
            settings: Some(&self.settings),
        };
        trust::assess(bundle, records, origin, jiff::Timestamp::now())
    }

    /// The reader's trust store.
    pub(in crate::cli) fn store(&self) -> &TrustStore {
        &self.store
    }

    /// The reader's keys and records, to judge stored notices when the library's index is
    /// rebuilt.
    pub(in crate::cli) fn reader<'a>(&'a self, keys: &'a [TrustedKey]) -> library::Reader<'a> {
        library::Reader {
            keys,
            store: Some(&self.store),
            settings: Some(&self.settings),
        }
    }

    /// Assesses an opened bundle, records it in the series history and keeps it in `library`
    /// ([`library::record_opening`]). A failure to record either is one warning line on
    /// standard error and does not change the verdict.
    pub(in crate::cli) fn assess_and_record(
        &mut self,
        opened: &Result<OpenedBundle, BundleError>,
        origin: trust::Origin,
        library: Option<&mut Library>,
    ) -> Option<Assessment> {
        let bundle = opened.as_ref().ok()?;
        let now = jiff::Timestamp::now();
        let records = trust::Records {
            store: Some(&self.store),
            history: Some(&self.history),
            settings: Some(&self.settings),
        };
        let assessment = trust::assess(bundle, records, origin, now);
        let opening = Opening {
            bundle,
            assessment: &assessment,
            origin,
            reading: Reading::VerdictOnly,
            at: now,
        };
        let recorded = library::record_opening(&opening, &mut self.history, library);
        if let Err(error) = recorded.history {
            eprintln!(
                "kairan: warning: could not record that this notice was opened: {}",
                one_line(&error.to_string())
            );
        }
        if let Some(Err(error)) = recorded.library {
            eprintln!(
                "kairan: warning: could not keep this notice in your library: {}",
                one_line(&error.to_string())
            );
        }
        Some(assessment)
    }
}

/// The headline for a bundle signed by a key the reader revoked.
pub(in crate::cli) fn revoked_headline(record: &KeyRecord) -> String {
    let revoked_at = match record.status {
        KeyStatus::Revoked { at } => at.to_string(),
        KeyStatus::Trusted => "(not recorded)".to_owned(),
    };
    format!(
        "✘ REVOKED — signed by key {} (\"{}\"), which you revoked on {revoked_at}. A signature by a revoked key proves nothing; do not rely on this file.",
        record.public_key.key_id,
        one_line(&record.name)
    )
}

/// One line per warning and per rollover offer, to print after the headline.
pub(in crate::cli) fn warning_lines(assessment: &Assessment, label: &str) -> String {
    let mut out = String::new();
    // Only an unknown key that is not the demo key can be a new key of a trusted issuer.
    let may_be_new_key = matches!(
        &assessment.verdict,
        crate::trust::TrustVerdict::Bundle(Verdict::UnknownSigner { key }) if !key.is_demo()
    );
    for warning in &assessment.warnings {
        out += &warning_line(warning);
        out.push('\n');
        if let Warning::ClaimsNameOfTrustedKey { trusted_key_id, .. } = warning
            && may_be_new_key
        {
            out += &format!(
                "  If that issuer tells you, at a phone number you already know, that this is their new key: kairan trust replace {trusted_key_id} --from-bundle {} --fingerprint <as read to you> --revoke-old (or --retire-old)\n",
                one_line(label)
            );
        }
    }
    if let Some(offer) = &assessment.rollover {
        out += &format!(
            "→ KEY ROLLOVER — key {}, which you trust as \"{}\", signed a statement introducing this key (effective {}). To trust this key under the same name, run: kairan trust accept-rollover {}\n",
            offer.old.public_key.key_id,
            one_line(&offer.old.name),
            one_line(&offer.effective),
            one_line(label)
        );
    }
    out
}

/// The text of one warning.
pub(in crate::cli) fn warning_line(warning: &Warning) -> String {
    match warning {
        Warning::NewerNoticeSeen {
            newest_sequence,
            newest_bundle_id,
            opened_at,
        } => format!(
            "⚠ OLDER NOTICE — a newer notice (第{newest_sequence}報) of this series was opened on {opened_at} (bundle {}); this one may be out of date.",
            one_line(newest_bundle_id)
        ),
        Warning::ConflictingVersion {
            sequence,
            other_bundle_id,
            opened_at,
        } => format!(
            "✘ CONFLICTING VERSIONS — a different notice with the same number (第{sequence}報) of this series was opened on {opened_at} (bundle {}). Do not rely on either until the issuer confirms which is genuine.",
            one_line(other_bundle_id)
        ),
        Warning::Expired { expires_at } => format!(
            "⚠ EXPIRED — this notice expired on {}; it may no longer be current.",
            one_line(expires_at)
        ),
        Warning::AddressedToSomeoneElse {
            recipient,
            organisation,
        } => format!(
            "⚠ ADDRESSED TO SOMEONE ELSE — this notice is addressed to \"{}\", not to your organisation \"{}\".",
            one_line(recipient),
            one_line(organisation)
        ),
        Warning::IssuedInFuture { issued_at } => format!(
            "⚠ ISSUED IN THE FUTURE — this notice says it was issued at {}, later than now; its date cannot be right. Ask the issuer before relying on it.",
            one_line(issued_at)
        ),
        Warning::ClaimsNameOfTrustedKey {
            claimed,
            trusted_key_id,
        } => format!(
            "✘ POSSIBLE IMPERSONATION — the bundle names \"{}\", which looks like the name you gave a different key ({trusted_key_id}). Do not trust this key unless that issuer confirms it.",
            crate::escape::quoted(claimed)
        ),
        Warning::RolloverNotAccepted { problem } => format!(
            "⚠ KEY ROLLOVER NOT ACCEPTED — the bundle carries a key rollover statement, but {problem}."
        ),
    }
}

/// A short machine-readable word for a warning.
pub(in crate::cli) fn warning_kind(warning: &Warning) -> &'static str {
    match warning {
        Warning::NewerNoticeSeen { .. } => "newer_notice_seen",
        Warning::ConflictingVersion { .. } => "conflicting_version",
        Warning::Expired { .. } => "expired",
        Warning::AddressedToSomeoneElse { .. } => "addressed_to_someone_else",
        Warning::ClaimsNameOfTrustedKey { .. } => "claims_name_of_trusted_key",
        Warning::IssuedInFuture { .. } => "issued_in_future",
        Warning::RolloverNotAccepted { .. } => "rollover_not_accepted",
    }
}
