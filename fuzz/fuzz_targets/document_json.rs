//! `Document::from_json` on arbitrary bytes. A document that parses must survive its own
//! canonical form unchanged, and every view the viewer builds of it (plain text, withheld
//! items, links) must be computable; the withheld items are exactly its masks and omissions.

#![no_main]

use kairan::document::{self, Document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = Document::from_json(data) else {
        return;
    };
    let canonical = parsed.to_json();
    let reread = Document::from_json(&canonical)
        .unwrap_or_else(|error| panic!("canonical form does not parse: {error}"));
    assert_eq!(reread, parsed, "canonical form changed the document");
    assert_eq!(reread.to_json(), canonical, "canonical form is not stable");
    let withheld = document::withheld_items(&parsed);
    assert_eq!(
        withheld.len(),
        parsed.mask_count() + parsed.omission_count(),
        "withheld items are not exactly the masks and omissions"
    );
    let _ = document::plain_text(&parsed);
    let _ = parsed.links().count();
    let _ = parsed.heading_ids().count();
});
