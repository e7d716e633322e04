//! Key rollover statements: a firm moving to a new signing key says so in a statement signed
//! by its *old* key, carried inside a bundle signed by the *new* key. A reader who trusts the
//! old key can then trust the new one under the same name without a new phone call.
//!
//! The statement is the bundle entry `key-rollover.json` (role `key_rollover`), and its detached
//! minisign signature by the old key is `key-rollover.json.minisig` (role `key_rollover`), in
//! the same canonical form as the manifest's signature. Both are bound by the manifest like any
//! entry. The format is described in `docs/trust.md`.

use serde::{Deserialize, Serialize};

use crate::bundle::signature::SignatureFile;
use crate::bundle::{KeyId, OpenedBundle, PublicKey, Role, SecretKey};

/// Archive path of the statement.
pub const ROLLOVER_PATH: &str = "key-rollover.json";
/// Archive path of the statement's signature by the old key.
pub const ROLLOVER_SIGNATURE_PATH: &str = "key-rollover.json.minisig";
/// Media type of the statement.
pub const ROLLOVER_MEDIA_TYPE: &str = "application/vnd.kairan.key-rollover+json";
/// Media type of the statement's signature.
pub const ROLLOVER_SIGNATURE_MEDIA_TYPE: &str = "application/vnd.kairan.minisign-signature";
/// The `format` value of a statement.
pub const ROLLOVER_FORMAT: &str = "kairan-key-rollover";
/// The only statement version this build reads.
pub const ROLLOVER_VERSION: u32 = 1;
/// Largest statement or signature read, in bytes.
pub const MAX_ROLLOVER_BYTES: u64 = 16 * 1024;

/// A statement by the holder of `old_key` that `new_key` replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolloverStatement {
    /// The key being replaced; it signs the statement.
    pub old_key: PublicKey,
    /// The key that replaces it.
    pub new_key: PublicKey,
    /// From when the new key signs (RFC 3339, as written).
    pub effective: String,
    /// The issuer's name as the statement gives it: a claim, never used to name a key.
    pub name: Option<String>,
}

/// A signed statement, ready to be put in a notice folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRollover {
    /// The bytes of `key-rollover.json`.
    pub statement: Vec<u8>,
    /// The text of `key-rollover.json.minisig`.
    pub signature: String,
}

/// Why a statement cannot be read or made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RolloverError {
    /// Malformed JSON, unknown or duplicate fields.
    #[error("{0}")]
    Json(String),
    /// Not a rollover statement.
    #[error("format is {0:?}, expected {ROLLOVER_FORMAT:?}")]
    WrongFormat(String),
    /// Another version.
    #[error("format version {0} is not supported (this Kairan reads version {ROLLOVER_VERSION})")]
    UnsupportedVersion(u32),
    /// A key field that is not a minisign public key.
    #[error("{0} is not a minisign public key")]
    BadKey(&'static str),
    /// `effective` is not a time.
    #[error("effective {0:?} is not an RFC 3339 time such as 2024-04-01T00:00:00+09:00")]
    BadTime(String),
    /// Old and new key are the same.
    #[error("old_key and new_key are the same key")]
    SameKey,
    /// The new key is the public demo key, which proves nothing.
    #[error("new_key is the public demo key, whose secret anyone has; it can never be trusted")]
    DemoKey,
    /// Signing with a secret key that is not the old key.
    #[error("the secret key given is not the old key {0} the statement names")]
    WrongSecretKey(KeyId),
}

/// Why a statement carried by a bundle does not let the reader trust the new key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RolloverProblem {
    /// One of the two entries is missing or has another role.
    #[error(
        "the bundle must carry both {ROLLOVER_PATH} and {ROLLOVER_SIGNATURE_PATH} with role key_rollover"
    )]
    Incomplete,
    /// An entry is larger than any statement may be.
    #[error("{0} is larger than {MAX_ROLLOVER_BYTES} bytes")]
    TooLarge(&'static str),
    /// The statement's bytes could not be read from the bundle.
    #[error("{0}")]
    Unreadable(String),
    /// The statement is malformed.
    #[error("the statement is invalid: {0}")]
    Malformed(RolloverError),
    /// The signature is malformed or does not verify by the old key.
    #[error("the statement's signature by the old key does not verify: {0}")]
    Signature(String),
    /// The statement introduces a key other than the one that signed the bundle.
    #[error("the statement introduces key {introduced}, but the bundle is signed by key {signer}")]
    OtherKey {
        /// The key the statement introduces.
        introduced: KeyId,
        /// The key that signed the bundle.
        signer: KeyId,
    },
    /// The old key is not in the reader's trust store.
    #[error("it is signed by key {0}, which is not a key you trust")]
    OldKeyUnknown(KeyId),
    /// The reader revoked the old key.
    #[error("it is signed by key {key_id} ({name}), which you revoked")]
    OldKeyRevoked {
        /// The reader's name for the old key.
        name: String,
        /// Its key id.
        key_id: KeyId,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementFile {
    format: String,
    format_version: u32,
    old_key: String,
    new_key: String,
    effective: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl RolloverStatement {
    /// A statement that `new_key` replaces `old_key` from `effective`.
    ///
    /// Fails if the keys are the same or `effective` is not an RFC 3339 time.
    pub fn new(
        old_key: PublicKey,
        new_key: PublicKey,
        effective: &str,
        name: Option<&str>,
    ) -> Result<Self, RolloverError> {
        let statement = RolloverStatement {
            old_key,
            new_key,
            effective: effective.to_owned(),
            name: name.map(str::to_owned),
        };
        statement.validate()?;
        Ok(statement)
    }

    /// Parses a statement.
    ///
    /// Fails on malformed JSON, unknown or duplicate fields, another format or version,
    /// bad keys or time, or the same key twice.
    pub fn from_json(bytes: &[u8]) -> Result<Self, RolloverError> {
        let file: StatementFile = serde_json::from_slice(bytes)
            .map_err(|error| RolloverError::Json(error.to_string()))?;
        if file.format != ROLLOVER_FORMAT {
            return Err(RolloverError::WrongFormat(file.format));
        }
        if file.format_version != ROLLOVER_VERSION {
            return Err(RolloverError::UnsupportedVersion(file.format_version));
        }
        let statement = RolloverStatement {
            old_key: PublicKey::from_base64(&file.old_key)
                .map_err(|_| RolloverError::BadKey("old_key"))?,
            new_key: PublicKey::from_base64(&file.new_key)
                .map_err(|_| RolloverError::BadKey("new_key"))?,
            effective: file.effective,
            name: file.name,
        };
        statement.validate()?;
        Ok(statement)
    }

    /// The statement's bytes, as [`RolloverStatement::sign`] writes them.
    pub fn to_json(&self) -> Vec<u8> {
        let file = StatementFile {
            format: ROLLOVER_FORMAT.to_owned(),
            format_version: ROLLOVER_VERSION,
            old_key: self.old_key.to_base64(),
            new_key: self.new_key.to_base64(),
            effective: self.effective.clone(),
            name: self.name.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The signed one-line comment of the statement's signature, so that the stock `minisign`
    /// tool shows what was signed.
    pub fn trusted_comment(&self) -> String {
        format!(
            "kairan-key-rollover v{ROLLOVER_VERSION} old={} new={} effective={}",
            self.old_key.key_id, self.new_key.key_id, self.effective
        )
    }

    /// Signs the statement with the old key's secret key.
    ///
    /// Fails if `old_secret` is not the statement's old key.
    pub fn sign(&self, old_secret: &SecretKey) -> Result<SignedRollover, RolloverError> {
        if old_secret.public_key() != self.old_key {
            return Err(RolloverError::WrongSecretKey(self.old_key.key_id));
        }
        let statement = self.to_json();
        let signature = SignatureFile::sign(old_secret, &statement, &self.trusted_comment());
        Ok(SignedRollover {
            statement,
            signature: signature.to_text(),
        })
    }

    fn validate(&self) -> Result<(), RolloverError> {
        if self.old_key == self.new_key {
            return Err(RolloverError::SameKey);
        }
        if self.new_key.is_demo() {
            return Err(RolloverError::DemoKey);
        }
        if crate::time::parse_rfc3339(&self.effective).is_err() {
            return Err(RolloverError::BadTime(self.effective.clone()));
        }
        Ok(())
    }
}

/// The rollover statement `bundle` carries, checked to be signed by the old key it names and to
/// introduce the key that signed the bundle; `None` if it carries none. Whether the reader
/// trusts that old key is for the caller to decide.
///
/// Only meaningful for a bundle whose verdict is intact: the entries are read through the
/// manifest's hashes.
pub fn carried_statement(
    bundle: &OpenedBundle,
) -> Option<Result<RolloverStatement, RolloverProblem>> {
    let find = |path: &str| {
        bundle
            .manifest
            .entries
            .iter()
            .find(|entry| entry.path == path)
    };
    let statement_entry = find(ROLLOVER_PATH);
    let signature_entry = find(ROLLOVER_SIGNATURE_PATH);
    let any_rollover = bundle
        .manifest
        .entries
        .iter()
        .any(|entry| entry.role == Role::KeyRollover);
    let (statement_entry, signature_entry) = match (statement_entry, signature_entry) {
        (None, None) if !any_rollover => return None,
        (Some(statement), Some(signature))
            if statement.role == Role::KeyRollover && signature.role == Role::KeyRollover =>
        {
            (statement, signature)
        }
        _ => return Some(Err(RolloverProblem::Incomplete)),
    };
    Some(check(bundle, statement_entry.size, signature_entry.size))
}

fn check(
    bundle: &OpenedBundle,
    statement_size: u64,
    signature_size: u64,
) -> Result<RolloverStatement, RolloverProblem> {
    if statement_size > MAX_ROLLOVER_BYTES {
        return Err(RolloverProblem::TooLarge(ROLLOVER_PATH));
    }
    if signature_size > MAX_ROLLOVER_BYTES {
        return Err(RolloverProblem::TooLarge(ROLLOVER_SIGNATURE_PATH));
    }
    let read = |path| {
        bundle
            .entry_bytes(path)
            .map_err(|error| RolloverProblem::Unreadable(error.to_string()))
    };
    let statement_bytes = read(ROLLOVER_PATH)?;
    let signature_bytes = read(ROLLOVER_SIGNATURE_PATH)?;
    let statement =
        RolloverStatement::from_json(&statement_bytes).map_err(RolloverProblem::Malformed)?;
    let signature = SignatureFile::from_text(&signature_bytes)
        .map_err(|error| RolloverProblem::Signature(error.to_string()))?;
    signature
        .verify(
            &statement.old_key,
            &statement_bytes,
            &statement.trusted_comment(),
        )
        .map_err(|problem| RolloverProblem::Signature(problem.to_string()))?;
    let signer = PublicKey::from_base64(&bundle.manifest.issuer.public_key)
        .map_err(|_| RolloverProblem::Unreadable("the manifest's issuer key is invalid".into()))?;
    if statement.new_key != signer {
        return Err(RolloverProblem::OtherKey {
            introduced: statement.new_key.key_id,
            signer: signer.key_id,
        });
    }
    Ok(statement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::keys::{Protection, generate};

    fn secret() -> SecretKey {
        let pair = generate(Protection::Unprotected, "t").unwrap();
        SecretKey::from_file_text(&pair.secret_file, None).unwrap()
    }

    #[test]
    fn a_signed_statement_round_trips_and_names_both_keys_in_its_comment() {
        let (old, new) = (secret(), secret());
        let statement = RolloverStatement::new(
            old.public_key(),
            new.public_key(),
            "2024-04-01T00:00:00+09:00",
            Some("みかさ社会保険労務士法人"),
        )
        .unwrap();
        let signed = statement.sign(&old).unwrap();
        assert_eq!(
            RolloverStatement::from_json(&signed.statement).unwrap(),
            statement
        );
        let signature = SignatureFile::from_text(signed.signature.as_bytes()).unwrap();
        assert!(
            signature
                .verify(
                    &old.public_key(),
                    &signed.statement,
                    &statement.trusted_comment()
                )
                .is_ok()
        );
        assert!(
            statement
                .trusted_comment()
                .contains(&new.public_key().key_id.to_string())
        );
    }

    #[test]
    fn only_the_old_key_can_sign_a_statement() {
        let (old, new) = (secret(), secret());
        let statement = RolloverStatement::new(
            old.public_key(),
            new.public_key(),
            "2024-04-01T00:00:00Z",
            None,
        )
        .unwrap();
        assert!(matches!(
            statement.sign(&new),
            Err(RolloverError::WrongSecretKey(_))
        ));
    }

    #[test]
    fn malformed_statements_are_refused() {
        let (old, new) = (secret(), secret());
        let statement = RolloverStatement::new(
            old.public_key(),
            new.public_key(),
            "2024-04-01T00:00:00Z",
            None,
        )
        .unwrap();
        let text = String::from_utf8(statement.to_json()).unwrap();
        let extra = text.replace("\"effective\"", "\"extra\": 1, \"effective\"");
        assert!(matches!(
            RolloverStatement::from_json(extra.as_bytes()),
            Err(RolloverError::Json(_))
        ));
        let bad_time = text.replace("2024-04-01T00:00:00Z", "soon");
        assert!(matches!(
            RolloverStatement::from_json(bad_time.as_bytes()),
            Err(RolloverError::BadTime(_))
        ));
        assert!(matches!(
            RolloverStatement::new(
                old.public_key(),
                old.public_key(),
                "2024-04-01T00:00:00Z",
                None
            ),
            Err(RolloverError::SameKey)
        ));
    }
}
