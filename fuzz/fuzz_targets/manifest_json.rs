//! `Manifest::from_json` on arbitrary bytes. A manifest that parses must survive its own
//! canonical form unchanged (what `pack` writes is what the reader reads back), and its
//! derived values must be computable without panicking.

#![no_main]

use kairan::bundle::Manifest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(manifest) = Manifest::from_json(data) else {
        return;
    };
    let canonical = manifest.to_json();
    let reread = Manifest::from_json(&canonical)
        .unwrap_or_else(|error| panic!("canonical form does not parse: {error}"));
    assert_eq!(reread, manifest, "canonical form changed the manifest");
    assert_eq!(reread.to_json(), canonical, "canonical form is not stable");
    let _ = manifest.trusted_comment();
    let _ = (manifest.issued(), manifest.expires());
    let _ = manifest.documents().count();
});
