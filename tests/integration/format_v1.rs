//! Bundles made before document format version 2 keep verifying and rendering exactly as they
//! did: the committed sample (version 1 documents, signed before version 2 existed) is opened,
//! verified, and each document's letter parts — what the viewer draws and the PDF prints, with
//! every span, mask and omission — compared with their rendering recorded by the version 1
//! reader (`tests/fixtures/v1-sample-rendering.txt`).

use std::path::Path;

use kairan::document::{letter, plain_text};

const RECORDED: &str = "tests/fixtures/v1-sample-rendering.txt";

fn rendering() -> String {
    let bundle = kairan::bundle::open_file(
        Path::new("notices/mikasa-2023-06-29.kairan"),
        &[kairan::sample::demo_trusted_key()],
    )
    .unwrap();
    assert!(bundle.verdict.intact());
    let mut out = String::new();
    for document in &bundle.documents {
        out.push_str(&format!(
            "== {}\n{:#?}\n-- plain text\n{}\n",
            document.entry.path,
            letter::parts(&document.document),
            plain_text(&document.document)
        ));
    }
    out
}

#[test]
fn a_version_1_bundle_made_before_version_2_renders_as_it_did() {
    let rendered = rendering();
    // Recorded once, with the version 1 reader: KAIRAN_RECORD_RENDERING=1 cargo test …
    if std::env::var_os("KAIRAN_RECORD_RENDERING").is_some() {
        std::fs::write(RECORDED, &rendered).unwrap();
    }
    let recorded = std::fs::read_to_string(RECORDED).unwrap();
    assert!(
        rendered == recorded,
        "the sample renders differently from its recording in {RECORDED}"
    );
}
