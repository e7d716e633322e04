//! `manifest.json`: what a bundle claims about itself and every file it carries.
//!
//! The manifest is the only thing the signature covers directly; it binds every other entry by
//! size and SHA-256. Parsing is strict (unknown and duplicate keys, other versions, malformed
//! ids, hashes or times are errors) so that a signed manifest has exactly one meaning.

use serde::{Deserialize, Serialize};

use super::container::check_name;
use super::keys::PublicKey;
use super::limits;
use crate::time::StatedTime;

/// The `format` value of every manifest.
pub const MANIFEST_FORMAT: &str = "kairan-bundle";
/// The only manifest version this build reads.
pub const MANIFEST_FORMAT_VERSION: u32 = 1;
/// The archive path of the manifest.
pub const MANIFEST_PATH: &str = "manifest.json";
/// The archive path of the manifest's signature.
pub const SIGNATURE_PATH: &str = "manifest.json.minisig";
/// The media type of a Kairan document entry.
pub const DOCUMENT_MEDIA_TYPE: &str = "application/vnd.kairan.document+json";

/// The parsed manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// Always [`MANIFEST_FORMAT_VERSION`].
    pub format_version: u32,
    /// Identifies this bundle.
    pub bundle_id: String,
    /// The series this notice belongs to and its place in it.
    pub series: Series,
    /// When the bundle was issued (RFC 3339).
    pub issued_at: StatedTime,
    /// When the notice stops being current (RFC 3339), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<StatedTime>,
    /// Who the bundle is addressed to, if one recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Who the bundle *claims* to come from. Never shown as the signer's identity.
    pub issuer: IssuerClaim,
    /// Every other entry of the archive, in archive order.
    pub entries: Vec<ManifestEntry>,
}

/// A series of successive notices (第1報, 第2報…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Identifies the series.
    pub id: String,
    /// This notice's number in the series, from 1.
    pub sequence: u32,
}

/// The issuer as the bundle states it: a claim, to be checked against the reader's own keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerClaim {
    /// The name the bundle gives for its issuer.
    pub name: String,
    /// The minisign public key (base64 `RW…`) the bundle says it is signed with.
    pub public_key: String,
}

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Its path in the archive.
    pub path: String,
    /// Its size in bytes (uncompressed).
    pub size: u64,
    /// Lowercase hex SHA-256 of its (uncompressed) bytes.
    pub sha256: String,
    /// Its media type.
    pub media_type: String,
    /// What it is for.
    pub role: Role,
}

/// What an entry is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The bundle author's own notice.
    FirmNotice,
    /// A notice by a third party (a vendor), forwarded.
    VendorNotice,
    /// A report by a third party, forwarded.
    Report,
    /// Any other file; listed and saved, never opened.
    Attachment,
    /// A key rollover statement or its signature (`key-rollover.json` and
    /// `key-rollover.json.minisig`), read by the trust layer, never opened as a document.
    KeyRollover,
}

impl Role {
    /// Whether entries of this role are Kairan documents.
    pub fn is_document(self) -> bool {
        matches!(self, Role::FirmNotice | Role::VendorNotice | Role::Report)
    }
}

/// A JSON error, shared so that [`ManifestError`] can be cloned and compared (two are equal when
/// they say the same).
#[derive(Debug, Clone)]
pub struct JsonError(pub std::sync::Arc<serde_json::Error>);

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for JsonError {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for JsonError {}

impl std::ops::Deref for JsonError {
    type Target = serde_json::Error;

    fn deref(&self) -> &serde_json::Error {
        &self.0
    }
}

/// Why a manifest is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    /// Malformed JSON, unknown or duplicate keys, wrong types.
    #[error("{0}")]
    Json(JsonError),
    /// A name holds a control, bidi-control or invisible character.
    #[error(
        "{0} contains a control, direction-changing or invisible character (which can disguise a name)"
    )]
    HiddenCharacter(&'static str),
    /// Not a Kairan manifest.
    #[error("format is {0:?}, expected {MANIFEST_FORMAT:?}")]
    WrongFormat(String),
    /// A version this build does not read.
    #[error(
        "format version {0} is not supported (this Kairan reads version {MANIFEST_FORMAT_VERSION}); update Kairan"
    )]
    UnsupportedVersion(u32),
    /// A malformed identifier.
    #[error(
        "{field} {value:?} is not a valid identifier (1–128 characters: letters, digits, '.', '_', '-')"
    )]
    BadIdentifier {
        /// The field.
        field: &'static str,
        /// Its value.
        value: String,
    },
    /// Sequence 0.
    #[error("series sequence must start at 1")]
    ZeroSequence,
    /// Expiry before issue.
    #[error("expires_at is before issued_at")]
    ExpiresBeforeIssued,
    /// The claimed public key does not parse.
    #[error("issuer.public_key is not a minisign public key")]
    BadPublicKey,
    /// An entry path breaks the naming rules.
    #[error("entry path {path:?} is not allowed: {reason}")]
    BadPath {
        /// The path.
        path: String,
        /// Why.
        reason: String,
    },
    /// An entry hash that is not 64 lowercase hex digits.
    #[error("entry {0:?}: sha256 must be 64 lowercase hex digits")]
    BadHash(String),
    /// The same path listed twice.
    #[error("entry {0:?} is listed twice")]
    DuplicateEntry(String),
    /// A declared size over the limit.
    #[error("entry {0:?} declares a size over the per-entry limit")]
    EntryTooLarge(String),
    /// Role and media type disagree.
    #[error(
        "entry {path:?}: role {role:?} requires media type {DOCUMENT_MEDIA_TYPE:?} exactly when it is a document"
    )]
    RoleMediaTypeMismatch {
        /// The entry.
        path: String,
        /// Its role.
        role: Role,
    },
    /// No document at all.
    #[error("the manifest lists no document")]
    NoDocument,
}

impl From<serde_json::Error> for ManifestError {
    fn from(error: serde_json::Error) -> Self {
        ManifestError::Json(JsonError(std::sync::Arc::new(error)))
    }
}

impl Manifest {
    /// Parses and validates a manifest from its bytes.
    ///
    /// Fails on anything [`ManifestError`] names.
    pub fn from_json(bytes: &[u8]) -> Result<Self, ManifestError> {
        let manifest: Manifest = serde_json::from_slice(bytes)?;
        manifest.validate()?;
        Ok(manifest)
    }

    /// The manifest's canonical bytes, as `pack` writes them.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Checks every rule that serde's types do not express.
    ///
    /// Fails on the first broken rule.
    pub fn validate(&self) -> Result<(), ManifestError> {
        if self.format != MANIFEST_FORMAT {
            return Err(ManifestError::WrongFormat(self.format.clone()));
        }
        if self.format_version != MANIFEST_FORMAT_VERSION {
            return Err(ManifestError::UnsupportedVersion(self.format_version));
        }
        check_identifier("bundle_id", &self.bundle_id)?;
        check_identifier("series.id", &self.series.id)?;
        if self.series.sequence == 0 {
            return Err(ManifestError::ZeroSequence);
        }
        if let Some(expires_at) = &self.expires_at
            && expires_at.at() < self.issued_at.at()
        {
            return Err(ManifestError::ExpiresBeforeIssued);
        }
        PublicKey::from_base64(&self.issuer.public_key).map_err(|_| ManifestError::BadPublicKey)?;
        let names = [
            ("issuer.name", Some(&self.issuer.name)),
            ("recipient", self.recipient.as_ref()),
        ];
        for (field, value) in names {
            if value.is_some_and(|value| crate::escape::has_hidden(value)) {
                return Err(ManifestError::HiddenCharacter(field));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for entry in &self.entries {
            if let Err(error) = check_name(&entry.path) {
                return Err(ManifestError::BadPath {
                    path: entry.path.clone(),
                    reason: error.to_string(),
                });
            }
            if entry.path == MANIFEST_PATH || entry.path == SIGNATURE_PATH {
                return Err(ManifestError::BadPath {
                    path: entry.path.clone(),
                    reason: "it is reserved".into(),
                });
            }
            if !seen.insert(entry.path.as_str()) {
                return Err(ManifestError::DuplicateEntry(entry.path.clone()));
            }
            if entry.sha256.len() != 64
                || !entry
                    .sha256
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            {
                return Err(ManifestError::BadHash(entry.path.clone()));
            }
            if entry.size > limits::MAX_ENTRY_BYTES {
                return Err(ManifestError::EntryTooLarge(entry.path.clone()));
            }
            if crate::escape::has_hidden(&entry.media_type) {
                return Err(ManifestError::HiddenCharacter("media_type"));
            }
            if entry.role.is_document() != (entry.media_type == DOCUMENT_MEDIA_TYPE) {
                return Err(ManifestError::RoleMediaTypeMismatch {
                    path: entry.path.clone(),
                    role: entry.role,
                });
            }
        }
        if !self.entries.iter().any(|entry| entry.role.is_document()) {
            return Err(ManifestError::NoDocument);
        }
        Ok(())
    }

    /// The one-line trusted comment that the signature must carry, binding id, series,
    /// sequence and issue time so that the stock `minisign` tool shows them.
    pub fn trusted_comment(&self) -> String {
        format!(
            "kairan-bundle v{} id={} series={} seq={} issued={}",
            self.format_version,
            self.bundle_id,
            self.series.id,
            self.series.sequence,
            self.issued_at
        )
    }

    /// When the bundle was issued.
    pub fn issued(&self) -> jiff::Timestamp {
        self.issued_at.at()
    }

    /// When the bundle expires, if it does.
    pub fn expires(&self) -> Option<jiff::Timestamp> {
        self.expires_at.as_ref().map(StatedTime::at)
    }

    /// The entries that are not documents (attachments and statements), in order.
    pub fn attachments(&self) -> impl Iterator<Item = &ManifestEntry> {
        self.entries
            .iter()
            .filter(|entry| !entry.role.is_document())
    }

    /// The entries that are documents, in order.
    pub fn documents(&self) -> impl Iterator<Item = &ManifestEntry> {
        self.entries.iter().filter(|entry| entry.role.is_document())
    }
}

fn check_identifier(field: &'static str, value: &str) -> Result<(), ManifestError> {
    let valid = !value.is_empty()
        && value.len() <= 128
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if valid {
        Ok(())
    } else {
        Err(ManifestError::BadIdentifier {
            field,
            value: value.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn manifest_json() -> String {
        format!(
            r#"{{"format":"kairan-bundle","format_version":1,"bundle_id":"b-1",
            "series":{{"id":"s","sequence":1}},"issued_at":"2023-06-29T09:00:00+09:00",
            "issuer":{{"name":"n","public_key":"{}"}},
            "entries":[{{"path":"documents/a.json","size":2,"sha256":"{}",
            "media_type":"application/vnd.kairan.document+json","role":"firm_notice"}}]}}"#,
            crate::bundle::keys::DEMO_PUBLIC_KEY_BASE64,
            "0".repeat(64)
        )
    }

    #[test]
    fn a_valid_manifest_parses() {
        let manifest = Manifest::from_json(manifest_json().as_bytes()).unwrap();
        assert_eq!(
            manifest.trusted_comment(),
            "kairan-bundle v1 id=b-1 series=s seq=1 issued=2023-06-29T09:00:00+09:00"
        );
    }

    #[test]
    fn an_unknown_version_is_refused() {
        let json = manifest_json().replace(r#""format_version":1"#, r#""format_version":7"#);
        let error = Manifest::from_json(json.as_bytes()).unwrap_err();
        assert!(
            matches!(error, ManifestError::UnsupportedVersion(7)),
            "{error}"
        );
    }

    #[test]
    fn duplicate_and_unknown_keys_are_refused() {
        let duplicate = manifest_json().replace(
            r#""bundle_id":"b-1","#,
            r#""bundle_id":"b-1","bundle_id":"b-2","#,
        );
        assert!(
            Manifest::from_json(duplicate.as_bytes())
                .unwrap_err()
                .to_string()
                .contains("duplicate field `bundle_id`")
        );
        let unknown = manifest_json().replace(
            r#""bundle_id":"b-1","#,
            r#""bundle_id":"b-1","signer":"x","#,
        );
        assert!(
            Manifest::from_json(unknown.as_bytes())
                .unwrap_err()
                .to_string()
                .contains("unknown field `signer`")
        );
    }

    #[test]
    fn times_without_an_offset_are_refused() {
        let json = manifest_json().replace("2023-06-29T09:00:00+09:00", "2023-06-29 09:00");
        let error = Manifest::from_json(json.as_bytes()).unwrap_err();
        assert!(matches!(error, ManifestError::Json(_)), "{error}");
        assert!(
            error.to_string().contains("not an RFC 3339 time"),
            "{error}"
        );
    }
}
