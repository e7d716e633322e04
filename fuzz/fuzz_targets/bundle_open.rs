//! Arbitrary bytes opened as a bundle, trusting the demo key: the reader must return a verdict
//! or an error, never panic, hang or exhaust memory, and keep its promises about what an
//! intact bundle holds (see `kairan_fuzz::exercise`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(bundle) = kairan::bundle::open_bytes(data.into(), kairan_fuzz::trusted_keys()) {
        kairan_fuzz::exercise(&bundle);
    }
});
