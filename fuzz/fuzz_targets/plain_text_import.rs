//! The plain-text import (`import_letters`) on arbitrary text.
//!
//! Checked beyond "no panic": every imported letter is a valid document, and the authoring
//! source written for it parses back to exactly that letter — so what the import found (every
//! mask and omission) reaches the folder unchanged.

#![no_main]

use kairan::document::Document;
use kairan::authoring::parse_notice;
use kairan::authoring::import::{ImportOptions, import_letters};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = ImportOptions {
        bundle_id: "fuzz".into(),
    };
    let Ok(folder) = import_letters(text, &options) else {
        return;
    };
    let sources: Vec<_> = folder
        .files
        .iter()
        .filter(|file| file.path.ends_with(".notice.md"))
        .collect();
    assert_eq!(sources.len(), folder.letters.len(), "one source per letter");
    for (letter, source) in folder.letters.iter().zip(sources) {
        let json = Document::from_json(&letter.document.to_json())
            .unwrap_or_else(|error| panic!("an imported letter is not a valid document: {error}"));
        assert_eq!(json, letter.document, "the JSON form changed the letter");
        let parsed = parse_notice(&source.text, &source.path).unwrap_or_else(|errors| {
            panic!(
                "the imported source does not parse: {errors:?}\n{}",
                source.text
            )
        });
        assert_eq!(
            parsed.document, letter.document,
            "the written source does not give back the imported letter:\n{}",
            source.text
        );
    }
});
