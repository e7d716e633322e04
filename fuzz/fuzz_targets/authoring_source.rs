//! The authoring source parser (`*.notice.md`) and the other hand-written inputs of a notice
//! folder, on arbitrary text: `parse_notice`, `fix_mask_width` and the client list parser
//! `parse_recipients`.
//!
//! Checked beyond "no panic": a parsed source is a valid document (it survives the strict JSON
//! form), and writing it back as a source and parsing that gives the same document — the
//! promise `write_notice` makes to the plain-text import.

#![no_main]

use kairan::document::Document;
use kairan::authoring::{
    MASK_MARKER_WIDTH, fix_mask_width, parse_notice, parse_recipients, write_notice,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_recipients(text);
    let (widened, _) = fix_mask_width(text, MASK_MARKER_WIDTH);
    let _ = parse_notice(&widened, "fuzz.notice.md");
    let Ok(parsed) = parse_notice(text, "fuzz.notice.md") else {
        return;
    };
    let document = parsed.document;
    let json = Document::from_json(&document.to_json())
        .unwrap_or_else(|error| panic!("a parsed source is not a valid document: {error}"));
    assert_eq!(json, document, "the JSON form changed the parsed document");
    if let Ok(written) = write_notice(&document, &|path| path.to_owned()) {
        let reparsed = parse_notice(&written, "written.notice.md").unwrap_or_else(|errors| {
            panic!("a written source does not parse: {errors:?}\n{written}")
        });
        assert_eq!(
            reparsed.document, document,
            "writing and parsing again changed the document:\n{written}"
        );
    }
});
