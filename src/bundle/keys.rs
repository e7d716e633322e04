//! Minisign keys: public keys with their key id and fingerprint, secret keys for signing,
//! and key generation with a password-hardening cost at least that of the stock tool.
//!
//! Key *files* are the standard minisign text files, so keys move freely between Kairan and
//! `minisign`. Signing is deterministic Ed25519 (RFC 8032) so that packing is reproducible.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::Digest as _;

/// The public half of the built-in demo key that signs the sample bundle. Its secret half is
/// published in `notices/demo-key/`, so a signature by it proves nothing about who made a file.
pub const DEMO_PUBLIC_KEY_BASE64: &str = include_str!("../../notices/demo-key/kairan-demo.pub.b64");

const ALGORITHM_ED: [u8; 2] = *b"Ed";
const KDF_SCRYPT: [u8; 2] = *b"Sc";
const CHECKSUM_BLAKE2B: [u8; 2] = *b"B2";
/// scrypt cost of keys made by `keygen`: the stock minisign tool's "sensitive" limits
/// (opslimit 2^25, memlimit 1 GiB, i.e. N = 2^20, r = 8, p = 1). The `minisign` crate's
/// own default (N = 2^15) is 32 times cheaper to brute-force.
pub const KEYGEN_OPSLIMIT: u64 = 33_554_432;
/// See [`KEYGEN_OPSLIMIT`].
pub const KEYGEN_MEMLIMIT: u64 = 1_073_741_824;
const KEYGEN_SCRYPT_LOG_N: u8 = 20;

/// An 8-byte minisign key id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub [u8; 8]);

impl std::fmt::Display for KeyId {
    /// Formats the id as the stock tool prints it (little-endian u64, 16 uppercase hex digits).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016X}", u64::from_le_bytes(self.0))
    }
}

/// An Ed25519 public key with its minisign key id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey {
    /// The key id signatures name.
    pub key_id: KeyId,
    /// The raw Ed25519 key.
    pub key: [u8; 32],
}

/// Why a key could not be read or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Not a minisign public key.
    #[error("not a minisign public key (expected a line starting with \"RW\")")]
    BadPublicKey,
    /// A public key file that holds more than one key.
    #[error(
        "the file holds more than one key; Kairan will not guess which one you mean (ask for a file with one key)"
    )]
    SeveralPublicKeys,
    /// Not a minisign secret key.
    #[error("not a minisign secret key file")]
    BadSecretKey,
    /// The secret key needs a password and none was given.
    #[error("the secret key is password-protected; give its password")]
    PasswordRequired,
    /// Wrong password, or a corrupted key.
    #[error("wrong password for this secret key (or the key file is corrupted)")]
    WrongPassword,
    /// The key file names a KDF or algorithm this build does not support.
    #[error("unsupported secret key: {0}")]
    Unsupported(String),
    /// Random number generation failed.
    #[error("could not get random bytes from the operating system: {0}")]
    Random(String),
}

impl PublicKey {
    /// Parses the base64 form (`RW…`), as on the second line of a `.pub` file.
    ///
    /// Fails unless it is exactly a 42-byte Ed25519 minisign key.
    pub fn from_base64(text: &str) -> Result<Self, KeyError> {
        let bytes = BASE64
            .decode(text.trim())
            .map_err(|_| KeyError::BadPublicKey)?;
        if bytes.len() != 42 || bytes[..2] != ALGORITHM_ED || BASE64.encode(&bytes) != text.trim() {
            return Err(KeyError::BadPublicKey);
        }
        let mut key_id = [0u8; 8];
        key_id.copy_from_slice(&bytes[2..10]);
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes[10..42]);
        Ok(PublicKey {
            key_id: KeyId(key_id),
            key,
        })
    }

    /// Parses a minisign `.pub` file's text (comment line, then the key), or a bare key line.
    ///
    /// Fails if the file holds no key line, more than one, or the line is not a valid key.
    pub fn from_file_text(text: &str) -> Result<Self, KeyError> {
        // Editors on Windows save with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("untrusted comment:"));
        let line = lines.next().ok_or(KeyError::BadPublicKey)?;
        if lines.next().is_some() {
            // Which key would be meant? Trusting the first one silently could be the wrong one.
            return Err(KeyError::SeveralPublicKeys);
        }
        Self::from_base64(line)
    }

    /// The base64 form (`RW…`).
    pub fn to_base64(&self) -> String {
        let mut bytes = Vec::with_capacity(42);
        bytes.extend_from_slice(&ALGORITHM_ED);
        bytes.extend_from_slice(&self.key_id.0);
        bytes.extend_from_slice(&self.key);
        BASE64.encode(bytes)
    }

    /// The text of a minisign `.pub` file for this key.
    pub fn to_file_text(&self) -> String {
        format!(
            "untrusted comment: minisign public key {}\n{}\n",
            self.key_id,
            self.to_base64()
        )
    }

    /// A fingerprint to read aloud: the first 20 bytes of SHA-256 over the key's base64 form,
    /// as ten groups of four hex digits.
    pub fn fingerprint(&self) -> String {
        let digest = sha2::Sha256::digest(self.to_base64().as_bytes());
        digest[..20]
            .chunks(2)
            .map(|pair| format!("{:02X}{:02X}", pair[0], pair[1]))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The built-in demo key.
    pub fn demo() -> Self {
        // The constant is checked by a unit test; a broken build must not panic a user.
        Self::from_base64(DEMO_PUBLIC_KEY_BASE64).unwrap_or(PublicKey {
            key_id: KeyId([0; 8]),
            key: [0; 32],
        })
    }

    /// Whether this is the built-in demo key.
    pub fn is_demo(&self) -> bool {
        *self == Self::demo()
    }

    /// Checks an Ed25519 signature by this key.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&self.key) else {
            return false;
        };
        key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
            .is_ok()
    }
}

/// A decrypted secret key, ready to sign.
pub struct SecretKey {
    key_id: KeyId,
    signing: ed25519_dalek::SigningKey,
}

/// Byte offsets within a decoded minisign secret key.
mod layout {
    pub const KDF: std::ops::Range<usize> = 2..4;
    pub const SALT: std::ops::Range<usize> = 6..38;
    pub const OPSLIMIT: std::ops::Range<usize> = 38..46;
    pub const MEMLIMIT: std::ops::Range<usize> = 46..54;
    pub const KEY_ID: std::ops::Range<usize> = 54..62;
    pub const SECRET: std::ops::Range<usize> = 62..126;
    pub const CHECKSUM: std::ops::Range<usize> = 126..158;
    /// Bytes covered by the scrypt stream: key id, secret key, checksum.
    pub const ENCRYPTED: std::ops::Range<usize> = 54..158;
    pub const LEN: usize = 158;
}

impl SecretKey {
    /// Whether a secret key file's text is password-protected.
    ///
    /// Fails if the text is not a minisign secret key.
    pub fn is_encrypted(file_text: &str) -> Result<bool, KeyError> {
        let bytes = decode_secret(file_text)?;
        Ok(bytes[layout::KDF] != [0, 0])
    }

    /// Reads a minisign secret key file's text, decrypting it with `password` if it is protected.
    ///
    /// Fails on a malformed file, a missing or wrong password, or an unsupported KDF.
    pub fn from_file_text(file_text: &str, password: Option<&str>) -> Result<Self, KeyError> {
        let mut bytes = decode_secret(file_text)?;
        if bytes[layout::KDF] != [0, 0] {
            if bytes[layout::KDF] != KDF_SCRYPT {
                return Err(KeyError::Unsupported("unknown key derivation".into()));
            }
            let password = password.ok_or(KeyError::PasswordRequired)?;
            let opslimit =
                u64::from_le_bytes(bytes[layout::OPSLIMIT].try_into().unwrap_or_default());
            let memlimit =
                u64::from_le_bytes(bytes[layout::MEMLIMIT].try_into().unwrap_or_default());
            let params = scrypt_params(opslimit, memlimit)?;
            xor_with_scrypt_stream(&mut bytes, password, &params)?;
        }
        let mut checksum = blake2::Blake2b::<blake2::digest::consts::U32>::new();
        checksum.update(&bytes[..2]);
        checksum.update(&bytes[layout::KEY_ID]);
        checksum.update(&bytes[layout::SECRET]);
        // The stock tool's `minisign -G -W` (0.11) leaves the checksum of an unprotected key
        // zeroed. Without a password there is nothing for the checksum to confirm; the check
        // below that the public half belongs to the seed still catches a corrupted key.
        let unprotected_without_checksum =
            bytes[layout::KDF] == [0, 0] && bytes[layout::CHECKSUM].iter().all(|&byte| byte == 0);
        if checksum.finalize().as_slice() != &bytes[layout::CHECKSUM]
            && !unprotected_without_checksum
        {
            return Err(KeyError::WrongPassword);
        }
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&bytes[layout::SECRET][..32]);
        let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
        if signing.verifying_key().as_bytes() != &bytes[layout::SECRET][32..] {
            return Err(KeyError::WrongPassword);
        }
        let mut key_id = [0u8; 8];
        key_id.copy_from_slice(&bytes[layout::KEY_ID]);
        Ok(SecretKey {
            key_id: KeyId(key_id),
            signing,
        })
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            key_id: self.key_id,
            key: self.signing.verifying_key().to_bytes(),
        }
    }

    /// A deterministic Ed25519 signature.
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer as _;
        self.signing.sign(message).to_bytes()
    }
}

/// A freshly generated key pair as minisign files.
pub struct GeneratedKeyPair {
    /// The public key.
    pub public_key: PublicKey,
    /// Text of the `.pub` file.
    pub public_file: String,
    /// Text of the secret key file.
    pub secret_file: String,
}

/// How `generate` protects the secret key.
#[derive(Debug, Clone, Copy)]
pub enum Protection<'a> {
    /// Encrypted with this password at [`KEYGEN_OPSLIMIT`]/[`KEYGEN_MEMLIMIT`].
    Password(&'a str),
    /// Stored in the clear (for demo and test keys only).
    Unprotected,
}

/// Generates a new key pair. The untrusted comment of the secret key file is `comment`.
///
/// Fails if the operating system gives no randomness.
pub fn generate(protection: Protection<'_>, comment: &str) -> Result<GeneratedKeyPair, KeyError> {
    let mut seed = [0u8; 32];
    let mut key_id = [0u8; 8];
    let mut salt = [0u8; 32];
    for buffer in [&mut seed[..], &mut key_id[..], &mut salt[..]] {
        getrandom::fill(buffer).map_err(|error| KeyError::Random(error.to_string()))?;
    }
    let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
    let mut bytes = vec![0u8; layout::LEN];
    bytes[..2].copy_from_slice(&ALGORITHM_ED);
    bytes[4..6].copy_from_slice(&CHECKSUM_BLAKE2B);
    bytes[layout::KEY_ID].copy_from_slice(&key_id);
    bytes[layout::SECRET][..32].copy_from_slice(&seed);
    bytes[layout::SECRET][32..].copy_from_slice(signing.verifying_key().as_bytes());
    let mut checksum = blake2::Blake2b::<blake2::digest::consts::U32>::new();
    checksum.update(&bytes[..2]);
    checksum.update(&bytes[layout::KEY_ID]);
    checksum.update(&bytes[layout::SECRET]);
    bytes[layout::CHECKSUM].copy_from_slice(&checksum.finalize());
    if let Protection::Password(password) = protection {
        bytes[layout::KDF].copy_from_slice(&KDF_SCRYPT);
        bytes[layout::SALT].copy_from_slice(&salt);
        bytes[layout::OPSLIMIT].copy_from_slice(&KEYGEN_OPSLIMIT.to_le_bytes());
        bytes[layout::MEMLIMIT].copy_from_slice(&KEYGEN_MEMLIMIT.to_le_bytes());
        let params = scrypt_params(KEYGEN_OPSLIMIT, KEYGEN_MEMLIMIT)?;
        xor_with_scrypt_stream(&mut bytes, password, &params)?;
    }
    let public_key = PublicKey {
        key_id: KeyId(key_id),
        key: signing.verifying_key().to_bytes(),
    };
    Ok(GeneratedKeyPair {
        public_key,
        public_file: public_key.to_file_text(),
        secret_file: format!("untrusted comment: {comment}\n{}\n", BASE64.encode(&bytes)),
    })
}

fn decode_secret(file_text: &str) -> Result<Vec<u8>, KeyError> {
    let line = file_text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with("untrusted comment:"))
        .ok_or(KeyError::BadSecretKey)?;
    let bytes = BASE64.decode(line).map_err(|_| KeyError::BadSecretKey)?;
    if bytes.len() != layout::LEN || bytes[..2] != ALGORITHM_ED || bytes[4..6] != CHECKSUM_BLAKE2B {
        return Err(KeyError::BadSecretKey);
    }
    Ok(bytes)
}

/// The scrypt parameters minisign derives from opslimit/memlimit (libsodium's
/// `pickparams`), refusing anything above 1 GiB or N = 2^20.
fn scrypt_params(opslimit: u64, memlimit: u64) -> Result<scrypt::Params, KeyError> {
    let opslimit = opslimit.max(32_768);
    let r: u64 = 8;
    let (log_n, p) = if opslimit < memlimit / 32 {
        let max_n = opslimit / (r * 4);
        (log2_below(max_n / 2), 1)
    } else {
        let max_n = memlimit / (r * 128);
        let log_n = log2_below(max_n / 2);
        let max_rp = ((opslimit / 4) / (1u64 << log_n)).min(0x3fff_ffff);
        (log_n, (max_rp / r) as u32)
    };
    if memlimit > KEYGEN_MEMLIMIT || log_n > KEYGEN_SCRYPT_LOG_N {
        return Err(KeyError::Unsupported(
            "key derivation cost above 1 GiB".into(),
        ));
    }
    scrypt::Params::new(log_n, r as u32, p, 32)
        .map_err(|error| KeyError::Unsupported(error.to_string()))
}

/// Smallest n ≥ 1 with 2^n > limit.
fn log2_below(limit: u64) -> u8 {
    let mut n = 1u8;
    while n < 63 && (1u64 << n) <= limit {
        n += 1;
    }
    n
}

fn xor_with_scrypt_stream(
    bytes: &mut [u8],
    password: &str,
    params: &scrypt::Params,
) -> Result<(), KeyError> {
    let mut stream = [0u8; 104];
    scrypt::scrypt(
        password.as_bytes(),
        &bytes[layout::SALT],
        params,
        &mut stream,
    )
    .map_err(|error| KeyError::Unsupported(error.to_string()))?;
    for (byte, mask) in bytes[layout::ENCRYPTED].iter_mut().zip(stream) {
        *byte ^= mask;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_key_constant_is_a_valid_key() {
        let key = PublicKey::from_base64(DEMO_PUBLIC_KEY_BASE64).unwrap();
        assert!(key.is_demo());
        assert_eq!(key.to_base64(), DEMO_PUBLIC_KEY_BASE64.trim());
    }

    #[test]
    fn keygen_cost_matches_the_stock_tool() {
        let params = scrypt_params(KEYGEN_OPSLIMIT, KEYGEN_MEMLIMIT).unwrap();
        assert_eq!((params.log_n(), params.r(), params.p()), (20, 8, 1));
        // The `minisign` crate's default, for comparison: N = 2^15.
        assert_eq!(scrypt_params(1_048_576, 33_554_432).unwrap().log_n(), 15);
    }

    #[test]
    fn an_unprotected_key_signs_what_its_public_key_verifies() {
        let pair = generate(Protection::Unprotected, "test").unwrap();
        let secret = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
        assert_eq!(secret.public_key(), pair.public_key);
        let signature = secret.sign(b"message");
        assert!(pair.public_key.verifies(b"message", &signature));
        assert!(!pair.public_key.verifies(b"massage", &signature));
    }

    #[test]
    fn a_key_from_the_minisign_crate_loads() {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let secret_text = pair.sk.to_box(None).unwrap().into_string();
        let public_text = pair.pk.to_box().unwrap().into_string();
        let secret = SecretKey::from_file_text(&secret_text, None).unwrap();
        assert_eq!(
            secret.public_key(),
            PublicKey::from_file_text(&public_text).unwrap()
        );
    }

    /// Made by the stock tool: `minisign -G -W -p stock.pub -s stock.key` (minisign 0.11).
    const STOCK_UNPROTECTED_SECRET: &str = "untrusted comment: minisign encrypted secret key
RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA3koUBpVEWW08J437hj5bGelJDgKdS54X2QjN7moq3JvTOY7vMlqpHknEime9n5t/p5TBMRsDzP0ioZE3fpyxN7z1p9DiLjgtAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
";
    const STOCK_UNPROTECTED_PUBLIC: &str =
        "RWTeShQGlURZbUnEime9n5t/p5TBMRsDzP0ioZE3fpyxN7z1p9DiLjgt";

    #[test]
    fn an_unprotected_key_from_the_stock_tool_loads() {
        let secret = SecretKey::from_file_text(STOCK_UNPROTECTED_SECRET, None).unwrap();
        assert_eq!(
            secret.public_key(),
            PublicKey::from_base64(STOCK_UNPROTECTED_PUBLIC).unwrap()
        );
    }

    #[test]
    fn an_unprotected_key_whose_halves_disagree_is_refused() {
        let mut bytes = decode_secret(STOCK_UNPROTECTED_SECRET).unwrap();
        bytes[layout::SECRET][40] ^= 1; // a byte of the stored public half
        let text = format!("untrusted comment: x\n{}\n", BASE64.encode(&bytes));
        assert!(matches!(
            SecretKey::from_file_text(&text, None),
            Err(KeyError::WrongPassword)
        ));
    }

    #[test]
    fn fingerprints_are_ten_groups_of_four() {
        let fingerprint = PublicKey::demo().fingerprint();
        assert_eq!(fingerprint.split(' ').count(), 10);
        assert!(fingerprint.split(' ').all(|group| group.len() == 4));
    }
}
