//! The import of saved web pages (`import_page`) on arbitrary text, which html5ever reads as
//! HTML whatever it holds.
//!
//! Checked beyond "no panic": the imported page is a valid document, and the authoring source
//! written for it parses back to exactly that document — so every mask, omission, table and
//! nested list the import found reaches the folder unchanged.

#![no_main]

use kairan::authoring::import::{ImportOptions, import_page};
use kairan::authoring::parse_notice;
use kairan::document::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let options = ImportOptions {
        bundle_id: "fuzz".into(),
    };
    let Ok(folder) = import_page(html, Some("2025-06-04"), &options) else {
        return;
    };
    assert_eq!(folder.letters.len(), 1, "a page is one document");
    let letter = &folder.letters[0];
    let json = Document::from_json(&letter.document.to_json())
        .unwrap_or_else(|error| panic!("an imported page is not a valid document: {error}"));
    assert_eq!(json, letter.document, "the JSON form changed the page");
    let source = folder
        .files
        .iter()
        .find(|file| file.path.ends_with(".notice.md"))
        .expect("the page's source");
    let parsed = parse_notice(&source.text, &source.path).unwrap_or_else(|errors| {
        panic!("the imported source does not parse: {errors:?}\n{}", source.text)
    });
    assert_eq!(
        parsed.document, letter.document,
        "the written source does not give back the imported page:\n{}",
        source.text
    );
});
