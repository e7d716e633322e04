//! The signed sample bundle with a few bytes changed, inserted or removed. The input is a list
//! of 4-byte edits `[operation, offset low, offset high, value]`; offsets wrap around the
//! current length. Starting from a valid bundle lets the fuzzer reach the signature, hash and
//! document checks instead of stopping at the archive's structure.
//!
//! Beyond "no panic", this checks the format's central promise: a bundle whose bytes differ in
//! any way from what was signed is never reported intact.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let sample = kairan::sample::SAMPLE_BUNDLE;
    let mut bytes = sample.to_vec();
    for edit in data.chunks_exact(4) {
        let offset = usize::from(u16::from_le_bytes([edit[1], edit[2]]));
        let value = edit[3];
        match edit[0] % 4 {
            0 | 1 if !bytes.is_empty() => {
                let at = offset % bytes.len();
                bytes[at] = value;
            }
            2 => {
                let at = offset % (bytes.len() + 1);
                bytes.insert(at, value);
            }
            3 if !bytes.is_empty() => {
                let at = offset % bytes.len();
                bytes.remove(at);
            }
            _ => {}
        }
    }
    if let Ok(bundle) =
        kairan::bundle::open_bytes(bytes.as_slice().into(), kairan_fuzz::trusted_keys())
    {
        assert!(
            bytes == sample || !bundle.verdict.intact(),
            "altered bundle reported intact: {:?}",
            bundle.verdict
        );
        kairan_fuzz::exercise(&bundle);
    }
});
