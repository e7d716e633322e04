//! The built-in sample bundle: the real letter of 2023-06-29 and the two vendor notices it
//! forwards, signed with the public demo key. It is what Kairan shows when started without a
//! file, and what the CLI verifies when asked about the sample.

use std::sync::Arc;

use crate::bundle::{self, BundleError, OpenedBundle, PublicKey, TrustedKey};

/// The sample bundle's bytes, as committed in `notices/`.
pub const SAMPLE_BUNDLE: &[u8] = include_bytes!("../notices/mikasa-2023-06-29.kairan");

/// The name Kairan itself gives the demo key. It is a name chosen by this program, never
/// taken from a bundle, and says plainly that the key proves nothing.
pub const DEMO_KEY_NAME: &str = "Kairan demo key (public sample key — not a firm's key)";

/// The demo key as a trusted-key record, so the sample can be shown as what it is.
pub fn demo_trusted_key() -> TrustedKey {
    TrustedKey {
        name: DEMO_KEY_NAME.to_owned(),
        public_key: PublicKey::demo(),
    }
}

/// Opens the built-in sample, trusting only the demo key.
///
/// Fails only if the committed sample itself is broken, which the test suite rules out.
pub fn open_sample() -> Result<OpenedBundle, BundleError> {
    bundle::open_bytes(Arc::from(SAMPLE_BUNDLE), &[demo_trusted_key()])
}
