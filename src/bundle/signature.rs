//! `manifest.json.minisig`: a standard minisign signature file in one canonical form.
//!
//! The stock tool accepts some variation (other untrusted comments, CRLF, whitespace,
//! non-canonical base64). Bytes that vary without breaking a signature are bytes an attacker
//! can change unnoticed, so the reader accepts exactly what [`SignatureFile::to_text`] writes.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use blake2::Digest as _;

use super::keys::{KeyId, PublicKey, SecretKey};

/// The untrusted comment every bundle signature carries.
pub const UNTRUSTED_COMMENT: &str = "kairan bundle manifest signature";

const PREHASHED: [u8; 2] = *b"ED";
const LEGACY: [u8; 2] = *b"Ed";

/// A parsed signature file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureFile {
    /// Which key signed.
    pub key_id: KeyId,
    /// Ed25519 signature of BLAKE2b-512(manifest).
    pub signature: [u8; 64],
    /// The signed one-line comment.
    pub trusted_comment: String,
    /// Ed25519 signature of `signature ‖ trusted_comment`.
    pub global_signature: [u8; 64],
}

/// Why a signature file is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureFileError {
    /// Not UTF-8 or not four `\n`-terminated lines.
    #[error("it must be four lines, each ending in a single \\n")]
    Shape,
    /// Another untrusted comment.
    #[error("its untrusted comment must be exactly \"untrusted comment: {UNTRUSTED_COMMENT}\"")]
    UntrustedComment,
    /// A legacy (non-prehashed) signature.
    #[error(
        "it is a legacy minisign signature (Ed); only prehashed signatures (ED, minisign ≥ 0.8 default) are accepted"
    )]
    Legacy,
    /// Another algorithm or bad encoding.
    #[error("its {0} line is not canonical base64 of the expected length")]
    Encoding(&'static str),
    /// The trusted comment line is missing its prefix.
    #[error("its third line must start with \"trusted comment: \"")]
    TrustedCommentPrefix,
}

/// Why a well-formed signature does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureProblem {
    /// Signed by a key that is neither trusted nor the one the bundle names.
    #[error(
        "it was made by key {found}, which is neither the key the bundle names ({claimed}) nor one you trust"
    )]
    OtherKey {
        /// The signature's key id.
        found: KeyId,
        /// The key the manifest claims.
        claimed: KeyId,
    },
    /// Signed by a key the reader does not trust, and the manifest names no usable key to check
    /// it with.
    #[error(
        "it was made by key {found}, which you do not trust, and the bundle names no key to check it with (the manifest was altered or broken)"
    )]
    NoKeyToCheck {
        /// The signature's key id.
        found: KeyId,
    },
    /// Signed by a trusted key, but the manifest names another key as the issuer's.
    #[error(
        "it was made by key {signed_by}, but the signed manifest names key {named} as the issuer's key; a bundle must name the key that signs it"
    )]
    NamesAnotherKey {
        /// The key that signed.
        signed_by: KeyId,
        /// The key the manifest names.
        named: KeyId,
    },
    /// The signature does not cover these manifest bytes.
    #[error(
        "the signature does not match manifest.json (the manifest was altered or swapped after signing)"
    )]
    ManifestMismatch,
    /// The trusted comment's signature is broken.
    #[error("the signature over the trusted comment is invalid (the comment was altered)")]
    CommentSignature,
    /// The trusted comment names another bundle.
    #[error("the signed comment {found:?} does not describe this manifest (expected {expected:?})")]
    CommentMismatch {
        /// The signed comment.
        found: String,
        /// What the manifest requires.
        expected: String,
    },
}

impl SignatureFile {
    /// Parses the canonical text form.
    ///
    /// Fails on any deviation from what [`SignatureFile::to_text`] produces.
    pub fn from_text(bytes: &[u8]) -> Result<Self, SignatureFileError> {
        let text = std::str::from_utf8(bytes).map_err(|_| SignatureFileError::Shape)?;
        let lines: Vec<&str> = text.split('\n').collect();
        if lines.len() != 5 || !lines[4].is_empty() || lines.iter().any(|line| line.contains('\r'))
        {
            return Err(SignatureFileError::Shape);
        }
        if lines[0] != format!("untrusted comment: {UNTRUSTED_COMMENT}") {
            return Err(SignatureFileError::UntrustedComment);
        }
        let signature_line = decode_canonical(lines[1], 74, "signature")?;
        if signature_line[..2] == LEGACY {
            return Err(SignatureFileError::Legacy);
        }
        if signature_line[..2] != PREHASHED {
            return Err(SignatureFileError::Encoding("signature"));
        }
        let trusted_comment = lines[2]
            .strip_prefix("trusted comment: ")
            .ok_or(SignatureFileError::TrustedCommentPrefix)?
            .to_owned();
        let global = decode_canonical(lines[3], 64, "global signature")?;
        let mut key_id = [0u8; 8];
        key_id.copy_from_slice(&signature_line[2..10]);
        let mut signature = [0u8; 64];
        signature.copy_from_slice(&signature_line[10..74]);
        let mut global_signature = [0u8; 64];
        global_signature.copy_from_slice(&global);
        Ok(SignatureFile {
            key_id: KeyId(key_id),
            signature,
            trusted_comment,
            global_signature,
        })
    }

    /// The canonical text form, as the stock `minisign -S` writes it.
    pub fn to_text(&self) -> String {
        let mut signature_line = Vec::with_capacity(74);
        signature_line.extend_from_slice(&PREHASHED);
        signature_line.extend_from_slice(&self.key_id.0);
        signature_line.extend_from_slice(&self.signature);
        format!(
            "untrusted comment: {UNTRUSTED_COMMENT}\n{}\ntrusted comment: {}\n{}\n",
            BASE64.encode(signature_line),
            self.trusted_comment,
            BASE64.encode(self.global_signature)
        )
    }

    /// Signs `manifest` (prehashed, deterministic) with `trusted_comment`.
    pub fn sign(key: &SecretKey, manifest: &[u8], trusted_comment: &str) -> Self {
        let signature = key.sign(&prehash(manifest));
        let global_signature = key.sign(&[&signature[..], trusted_comment.as_bytes()].concat());
        SignatureFile {
            key_id: key.public_key().key_id,
            signature,
            trusted_comment: trusted_comment.to_owned(),
            global_signature,
        }
    }

    /// Checks this signature over `manifest` by `key`, and that it carries `expected_comment`.
    ///
    /// Returns the first problem found; `Ok` only if every check passes.
    pub fn verify(
        &self,
        key: &PublicKey,
        manifest: &[u8],
        expected_comment: &str,
    ) -> Result<(), SignatureProblem> {
        self.verify_bytes(key, manifest)?;
        self.check_comment(expected_comment)
    }

    /// Checks the cryptography only: this signature over the exact `manifest` bytes by `key`,
    /// and the signature over the trusted comment. Nothing in `manifest` is interpreted, so
    /// this is the first check a reader makes.
    ///
    /// Returns the first problem found.
    pub fn verify_bytes(&self, key: &PublicKey, manifest: &[u8]) -> Result<(), SignatureProblem> {
        if self.key_id != key.key_id {
            return Err(SignatureProblem::OtherKey {
                found: self.key_id,
                claimed: key.key_id,
            });
        }
        if !key.verifies(&prehash(manifest), &self.signature) {
            return Err(SignatureProblem::ManifestMismatch);
        }
        let signed = [&self.signature[..], self.trusted_comment.as_bytes()].concat();
        if !key.verifies(&signed, &self.global_signature) {
            return Err(SignatureProblem::CommentSignature);
        }
        Ok(())
    }

    /// Checks that the (verified) trusted comment describes the manifest it signs.
    ///
    /// Fails if it does not.
    pub fn check_comment(&self, expected_comment: &str) -> Result<(), SignatureProblem> {
        if self.trusted_comment != expected_comment {
            return Err(SignatureProblem::CommentMismatch {
                found: self.trusted_comment.clone(),
                expected: expected_comment.to_owned(),
            });
        }
        Ok(())
    }
}

fn prehash(data: &[u8]) -> Vec<u8> {
    blake2::Blake2b512::digest(data).to_vec()
}

fn decode_canonical(
    line: &str,
    len: usize,
    what: &'static str,
) -> Result<Vec<u8>, SignatureFileError> {
    let bytes = BASE64
        .decode(line)
        .map_err(|_| SignatureFileError::Encoding(what))?;
    if bytes.len() != len || BASE64.encode(&bytes) != line {
        return Err(SignatureFileError::Encoding(what));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::keys::{Protection, generate};

    fn signed() -> (crate::bundle::keys::GeneratedKeyPair, SignatureFile) {
        let pair = generate(Protection::Unprotected, "test").unwrap();
        let key = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
        let signature = SignatureFile::sign(&key, b"{}", "comment");
        (pair, signature)
    }

    #[test]
    fn signing_is_deterministic_and_round_trips() {
        let pair = generate(Protection::Unprotected, "test").unwrap();
        let key = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
        let first = SignatureFile::sign(&key, b"{}", "c").to_text();
        assert_eq!(first, SignatureFile::sign(&key, b"{}", "c").to_text());
        assert_eq!(
            SignatureFile::from_text(first.as_bytes())
                .unwrap()
                .to_text(),
            first
        );
    }

    #[test]
    fn the_minisign_crate_accepts_our_signatures() {
        let (pair, signature) = signed();
        let public = minisign::PublicKey::from_base64(&pair.public_key.to_base64()).unwrap();
        let signature_box = minisign::SignatureBox::from_string(&signature.to_text()).unwrap();
        minisign::verify(
            &public,
            &signature_box,
            std::io::Cursor::new(b"{}"),
            true,
            false,
            false,
        )
        .unwrap();
    }

    #[test]
    fn each_problem_is_named() {
        let (pair, signature) = signed();
        assert_eq!(
            signature.verify(&pair.public_key, b"{ }", "comment"),
            Err(SignatureProblem::ManifestMismatch)
        );
        assert!(matches!(
            signature.verify(&pair.public_key, b"{}", "other"),
            Err(SignatureProblem::CommentMismatch { .. })
        ));
        let other = generate(Protection::Unprotected, "other").unwrap();
        assert!(matches!(
            signature.verify(&other.public_key, b"{}", "comment"),
            Err(SignatureProblem::OtherKey { .. })
        ));
        let mut altered = signature.clone();
        altered.trusted_comment = "commenT".into();
        assert_eq!(
            altered.verify(&pair.public_key, b"{}", "commenT"),
            Err(SignatureProblem::CommentSignature)
        );
    }

    #[test]
    fn non_canonical_text_is_refused() {
        let (_, signature) = signed();
        let text = signature.to_text();
        assert_eq!(
            SignatureFile::from_text(text.replace('\n', "\r\n").as_bytes()),
            Err(SignatureFileError::Shape)
        );
        let other_comment = text.replace(UNTRUSTED_COMMENT, "signature from minisign secret key");
        assert_eq!(
            SignatureFile::from_text(other_comment.as_bytes()),
            Err(SignatureFileError::UntrustedComment)
        );
        let mut legacy_line = BASE64.decode(text.lines().nth(1).unwrap()).unwrap();
        legacy_line[1] = b'd';
        let legacy = text.replace(text.lines().nth(1).unwrap(), &BASE64.encode(legacy_line));
        assert_eq!(
            SignatureFile::from_text(legacy.as_bytes()),
            Err(SignatureFileError::Legacy)
        );
    }
}
