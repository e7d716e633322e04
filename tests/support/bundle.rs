//! Building signed test bundles piece by piece: a manifest, its signature and payload entries,
//! each of which a test can alter before the archive is written.

use std::sync::Arc;

use kairan::bundle::manifest::{
    DOCUMENT_MEDIA_TYPE, IssuerClaim, MANIFEST_PATH, SIGNATURE_PATH, Series,
};
use kairan::bundle::{
    BundleError, Manifest, ManifestEntry, OpenedBundle, PublicKey, Role, SecretKey, SignatureFile,
    TrustedKey, hex, open_bytes,
};
use sha2::Digest as _;

use super::zip::{self, Entry};

/// A fixed key committed under `tests/support/keys/` (made by `kairan keygen --unprotected`),
/// so that generated bundles are byte-for-byte reproducible.
pub struct TestKey {
    /// The secret key.
    pub secret: SecretKey,
    /// Its public key.
    pub public: PublicKey,
    /// The secret key file's text.
    pub secret_file: &'static str,
    /// The public key file's text.
    pub public_file: &'static str,
}

impl TestKey {
    /// The key test bundles are signed with; trusted by [`signer_trusted`].
    pub fn signer() -> Self {
        Self::load(
            include_str!("keys/test-signer.key"),
            include_str!("keys/test-signer.pub"),
        )
    }

    /// A second key, never trusted by the tests.
    pub fn stranger() -> Self {
        Self::load(
            include_str!("keys/test-stranger.key"),
            include_str!("keys/test-stranger.pub"),
        )
    }

    fn load(secret_file: &'static str, public_file: &'static str) -> Self {
        let secret = SecretKey::from_file_text(secret_file, None).expect("test key loads");
        let public = PublicKey::from_file_text(public_file).expect("test public key loads");
        assert_eq!(
            secret.public_key(),
            public,
            "test key files belong together"
        );
        TestKey {
            secret,
            public,
            secret_file,
            public_file,
        }
    }

    /// The raw Ed25519 seed of this unprotected key (for crafting signatures Kairan never makes,
    /// such as legacy ones).
    pub fn seed(&self) -> [u8; 32] {
        use base64::Engine as _;
        let line = self.secret_file.lines().nth(1).expect("key line");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(line)
            .expect("key base64");
        bytes[62..94].try_into().expect("32-byte seed")
    }
}

/// The reader's trust list in most tests: the test signer only.
pub fn signer_trusted() -> Vec<TrustedKey> {
    vec![TrustedKey {
        name: "test signer".into(),
        public_key: TestKey::signer().public,
    }]
}

/// The key test bundles are signed with ([`TestKey::signer`]).
pub fn signer() -> TestKey {
    TestKey::signer()
}

/// The parts of the standard test bundle: [`Parts::new`], claiming the [`signer`].
pub fn parts() -> Parts {
    Parts::new(&signer())
}

/// Canonical entries of the standard test bundle, signed by the [`signer`], ready to alter.
pub fn entries() -> Vec<Entry> {
    parts().entries(&signer())
}

/// The standard test bundle with its manifest replaced by `manifest`, signed properly by the
/// [`signer`] with the trusted comment `comment`.
pub fn with_signed_manifest(manifest: &[u8], comment: &str) -> Vec<u8> {
    let parts = parts();
    let signature = Parts::signature_for(manifest, comment, &signer());
    zip::write(&parts.entries_with(manifest, &signature)).bytes
}

/// Opens bundle bytes against `trusted`.
pub fn open(bytes: &[u8], trusted: &[TrustedKey]) -> Result<OpenedBundle, BundleError> {
    open_bytes(Arc::from(bytes), trusted)
}

/// A small valid document.
pub fn document_json(title: &str) -> Vec<u8> {
    format!(
        r#"{{"format":"kairan-document","format_version":1,"title":"{title}","body":[
        {{"type":"paragraph","content":[{{"type":"text","text":"本文"}},
          {{"type":"mask","marker":"■■■■","masked_by":"not_stated"}}]}},
        {{"type":"omission","kind":"section","marker":"—省略—","omitted_by":"forwarder"}}]}}
"#
    )
    .into_bytes()
}

/// The parts of a bundle before they are put into an archive.
#[derive(Debug, Clone)]
pub struct Parts {
    /// The manifest as it will be signed.
    pub manifest: Manifest,
    /// Payload files in manifest order: path and contents.
    pub payload: Vec<(String, Vec<u8>)>,
}

impl Parts {
    /// One firm notice and one attachment, claiming `key`.
    pub fn new(key: &TestKey) -> Self {
        let payload = vec![
            (
                "documents/notice.json".to_owned(),
                document_json("お知らせ"),
            ),
            ("files/memo.txt".to_owned(), b"attachment bytes\n".to_vec()),
        ];
        let entries = vec![
            manifest_entry(&payload[0].0, &payload[0].1, Role::FirmNotice),
            manifest_entry(&payload[1].0, &payload[1].1, Role::Attachment),
        ];
        Parts {
            manifest: Manifest {
                format: "kairan-bundle".into(),
                format_version: 1,
                bundle_id: "test-bundle-1".into(),
                series: Series {
                    id: "test-series".into(),
                    sequence: 1,
                },
                issued_at: "2023-06-29T09:00:00+09:00".parse().unwrap(),
                expires_at: None,
                recipient: None,
                issuer: IssuerClaim {
                    name: "テスト法人".into(),
                    public_key: key.public.to_base64(),
                },
                entries,
            },
            payload,
        }
    }

    /// Adds a payload file and lists it in the manifest.
    pub fn with_file(mut self, path: &str, contents: &[u8], role: Role) -> Self {
        self.manifest
            .entries
            .push(manifest_entry(path, contents, role));
        self.payload.push((path.to_owned(), contents.to_vec()));
        self
    }

    /// The manifest's bytes as `pack` writes them.
    pub fn manifest_bytes(&self) -> Vec<u8> {
        self.manifest.to_json()
    }

    /// The canonical signature file text for `manifest` by `key`.
    pub fn signature_for(manifest: &[u8], comment: &str, key: &TestKey) -> Vec<u8> {
        SignatureFile::sign(&key.secret, manifest, comment)
            .to_text()
            .into_bytes()
    }

    /// Canonical stored entries: manifest, signature by `key`, payload.
    pub fn entries(&self, key: &TestKey) -> Vec<Entry> {
        let manifest = self.manifest_bytes();
        let signature = Self::signature_for(&manifest, &self.manifest.trusted_comment(), key);
        self.entries_with(&manifest, &signature)
    }

    /// Canonical stored entries with the given manifest and signature bytes.
    pub fn entries_with(&self, manifest: &[u8], signature: &[u8]) -> Vec<Entry> {
        let mut entries = vec![
            Entry::stored(MANIFEST_PATH, manifest),
            Entry::stored(SIGNATURE_PATH, signature),
        ];
        entries.extend(
            self.payload
                .iter()
                .map(|(path, contents)| Entry::stored(path, contents)),
        );
        entries
    }

    /// The canonical archive signed by `key`.
    pub fn build(&self, key: &TestKey) -> Vec<u8> {
        zip::write(&self.entries(key)).bytes
    }
}

/// A manifest entry describing `contents` truthfully.
pub fn manifest_entry(path: &str, contents: &[u8], role: Role) -> ManifestEntry {
    ManifestEntry {
        path: path.to_owned(),
        size: contents.len() as u64,
        sha256: hex(&sha2::Sha256::digest(contents)),
        media_type: if role.is_document() {
            DOCUMENT_MEDIA_TYPE.to_owned()
        } else {
            "text/plain".to_owned()
        },
        role,
    }
}
