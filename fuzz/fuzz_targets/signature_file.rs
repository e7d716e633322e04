//! `SignatureFile::from_text` on arbitrary bytes. The reader accepts exactly one text per
//! signature — the one `to_text` writes — so any input that parses must equal its own canonical
//! text byte for byte; otherwise an attacker could vary the file without breaking it.

#![no_main]

use kairan::bundle::SignatureFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(signature) = SignatureFile::from_text(data) else {
        return;
    };
    assert_eq!(
        signature.to_text().as_bytes(),
        data,
        "a non-canonical signature file was accepted"
    );
});
