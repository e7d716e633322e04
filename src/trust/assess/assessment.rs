//! What an assessment returns: the signer's standing ([`TrustVerdict`]), the warnings with their
//! severity, a rollover offer, and the [`Assessment`] that carries them with the one
//! [`Status`] every front end shows. Deciding them is `assess`'s work, not this file's.

use crate::bundle::{KeyId, PublicKey, TrustedKey, Verdict};
use crate::trust::rollover::RolloverProblem;
use crate::trust::status::Status;
use crate::trust::store::KeyRecord;

/// The signer's standing once the reader's trust store is taken into account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustVerdict {
    /// The bundle's own verdict stands. It is never [`Verdict::Verified`] for a key the reader
    /// revoked.
    Bundle(Verdict),
    /// Signed by a key the reader revoked. Whatever the signature says, it proves nothing.
    Revoked {
        /// The reader's record of the key.
        record: KeyRecord,
    },
}

impl TrustVerdict {
    /// Whether this is a signature by a trusted key over intact contents.
    pub fn verified(&self) -> bool {
        matches!(self, TrustVerdict::Bundle(Verdict::Verified { .. }))
    }
}

/// Something the reader should know before relying on a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A later notice of the same series, by the same key, was opened before.
    NewerNoticeSeen {
        /// The highest sequence number opened.
        newest_sequence: u32,
        /// That notice's bundle id.
        newest_bundle_id: String,
        /// When it was first opened.
        opened_at: jiff::Timestamp,
    },
    /// A different notice with the same key, series and sequence number was opened before.
    ConflictingVersion {
        /// The shared sequence number.
        sequence: u32,
        /// The other notice's bundle id.
        other_bundle_id: String,
        /// When it was first opened.
        opened_at: jiff::Timestamp,
    },
    /// The notice is past its expiry.
    Expired {
        /// The expiry, as the manifest states it.
        expires_at: String,
    },
    /// The notice says it was issued later than now (beyond clock skew): its date cannot be
    /// right, or it was made to look newer than notices still to come.
    IssuedInFuture {
        /// The issue time, as the manifest states it.
        issued_at: String,
    },
    /// The notice is addressed to someone other than the reader's organisation.
    AddressedToSomeoneElse {
        /// The recipient the manifest names.
        recipient: String,
        /// The reader's organisation.
        organisation: String,
    },
    /// The bundle claims an issuer name that the reader gave to a *different* key: possibly an
    /// impersonation.
    ClaimsNameOfTrustedKey {
        /// The claimed issuer name.
        claimed: String,
        /// The key id of the trusted key with that name.
        trusted_key_id: KeyId,
    },
    /// The bundle carries a key rollover statement that cannot be accepted.
    RolloverNotAccepted {
        /// Why.
        problem: RolloverProblem,
    },
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the notice may still be read.
    Caution,
    /// Do not rely on the notice until the issuer has confirmed it.
    Alarm,
}

impl Warning {
    /// How serious it is: two different notices under one number, and a claimed name that
    /// belongs to another key, are alarms; the rest are cautions.
    pub fn severity(&self) -> Severity {
        match self {
            Warning::ConflictingVersion { .. } | Warning::ClaimsNameOfTrustedKey { .. } => {
                Severity::Alarm
            }
            Warning::NewerNoticeSeen { .. }
            | Warning::Expired { .. }
            | Warning::IssuedInFuture { .. }
            | Warning::AddressedToSomeoneElse { .. }
            | Warning::RolloverNotAccepted { .. } => Severity::Caution,
        }
    }
}

/// A new key the reader may trust because a key they trust introduced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolloverOffer {
    /// The reader's record of the old key; the new key would get its name.
    pub old: KeyRecord,
    /// The new key (the bundle's signer).
    pub new_key: PublicKey,
    /// From when the new key signs, as the statement says.
    pub effective: String,
    /// The bundle that carries the statement.
    pub bundle_id: String,
}

/// The trust layer's view of an opened bundle: the one verdict every front end renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The headline.
    pub status: Status,
    /// The signer's standing.
    pub verdict: TrustVerdict,
    /// Warnings, most serious first.
    pub warnings: Vec<Warning>,
    /// A key rollover the reader may accept.
    pub rollover: Option<RolloverOffer>,
}

impl Assessment {
    /// The signer as the reader named the key, when a key the reader trusts signed (the demo
    /// key's built-in name included).
    pub fn signer(&self) -> Option<&TrustedKey> {
        match &self.verdict {
            TrustVerdict::Bundle(Verdict::Verified { signer }) => Some(signer),
            _ => None,
        }
    }

    /// The key under which opening this bundle belongs in the series history: its signer when
    /// verified by a key other than the public demo key (whose signatures anyone can make).
    pub fn series_signer(&self) -> Option<&PublicKey> {
        match &self.verdict {
            TrustVerdict::Bundle(Verdict::Verified { signer }) if !signer.public_key.is_demo() => {
                Some(&signer.public_key)
            }
            _ => None,
        }
    }

    /// The most serious warning's severity, if any.
    pub fn severity(&self) -> Option<Severity> {
        self.warnings.iter().map(Warning::severity).max()
    }
}
