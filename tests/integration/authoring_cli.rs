//! The firm-side commands end to end: import the seed, check it, pack it and inspect the result;
//! refuse to sign with errors; send to many clients.

use std::path::Path;
use std::process::Output;

use crate::support;

const KEY: &str = "notices/demo-key/kairan-demo.key";

/// Runs the binary with `args`, with a configuration folder of its own ([`support::kairan`]).
fn kairan(args: &[&str]) -> Output {
    support::kairan().args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn importing_the_seed_then_packing_and_inspecting_gives_three_documents_three_masks_nine_omissions()
{
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mikasa");
    let bundle = dir.path().join("mikasa.kairan");
    let import = kairan(&[
        "import",
        "notices/mikasa-2023-06-29/seed.txt",
        "-o",
        path(&folder),
    ]);
    assert!(import.status.success(), "{}", text(&import));
    let listing = text(&import);
    assert_eq!(listing.matches(": MASK: ■■■■").count(), 3, "{listing}");
    assert_eq!(listing.matches(": OMISSION: ").count(), 9, "{listing}");
    assert!(listing.contains("3 documents, 3 masked fields, 9 omitted sections"));

    let check = kairan(&["check", path(&folder)]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(text(&check).contains("0 errors"));

    let pack = kairan(&["pack", path(&folder), "--key", KEY, "-o", path(&bundle)]);
    assert!(pack.status.success(), "{}", text(&pack));
    let inspect = kairan(&["inspect", path(&bundle)]);
    assert!(
        text(&inspect).contains("3 documents, 0 attachments, 3 masked fields, 9 omitted sections"),
        "{}",
        text(&inspect)
    );
}

#[test]
fn pack_refuses_to_sign_while_an_error_remains_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notice");
    let bundle = dir.path().join("notice.kairan");
    assert!(
        kairan(&[
            "import",
            "notices/mikasa-2023-06-29/seed.txt",
            "-o",
            path(&folder)
        ])
        .status
        .success()
    );
    let firm = folder.join("documents/firm-notice-2023-06-29.notice.md");
    let source = std::fs::read_to_string(&firm).unwrap();
    std::fs::write(
        &firm,
        source.replace("時下", "連絡先 090-1234-5678、番号 123456789018。時下"),
    )
    .unwrap();

    let pack = kairan(&["pack", path(&folder), "--key", KEY, "-o", path(&bundle)]);
    assert!(!pack.status.success());
    assert!(
        text(&pack).contains("error [individual-number]"),
        "{}",
        text(&pack)
    );
    assert!(text(&pack).contains("signing refused"), "{}", text(&pack));
    assert!(!bundle.exists());
    let check = kairan(&["check", path(&folder)]);
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn warnings_refuse_makes_the_sample_warnings_stop_signing() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("sample.kairan");
    let pack = kairan(&[
        "pack",
        "notices/mikasa-2023-06-29",
        "--key",
        KEY,
        "-o",
        path(&bundle),
        "--warnings",
        "refuse",
    ]);
    assert!(!pack.status.success());
    assert!(!bundle.exists());
    let pack = kairan(&[
        "pack",
        "notices/mikasa-2023-06-29",
        "--key",
        KEY,
        "-o",
        path(&bundle),
    ]);
    assert!(pack.status.success(), "{}", text(&pack));
    assert!(text(&pack).contains("6 warnings; warnings allowed"));
    assert_eq!(
        std::fs::read(&bundle).unwrap(),
        std::fs::read("notices/mikasa-2023-06-29.kairan").unwrap()
    );
}

#[test]
fn packing_for_a_client_list_writes_one_bundle_per_good_row_and_reports_the_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("clients.csv");
    std::fs::write(
        &list,
        "recipient,id\n株式会社あおば,aoba\n,empty\n\"株式会社さくら, 本社\",\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let pack = kairan(&[
        "pack",
        "notices/mikasa-2023-06-29",
        "--key",
        KEY,
        "--recipients",
        path(&list),
        "-o",
        path(&out),
    ]);
    let listing = text(&pack);
    assert_eq!(pack.status.code(), Some(1), "{listing}");
    assert!(listing.contains("[1/3] 株式会社あおば →"), "{listing}");
    assert!(
        listing.contains("[2/3]") && listing.contains("line 3: the recipient is empty"),
        "{listing}"
    );
    assert!(listing.contains("Wrote 2 of 3 bundles"), "{listing}");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.contains(&"mikasa-2023-06-29-aoba.kairan".to_owned()));
    let aoba = kairan::bundle::open_file(
        &out.join("mikasa-2023-06-29-aoba.kairan"),
        &[kairan::sample::demo_trusted_key()],
    )
    .unwrap();
    assert!(aoba.verdict.intact());
    assert_eq!(aoba.manifest.recipient.as_deref(), Some("株式会社あおば"));
    assert_eq!(aoba.manifest.bundle_id, "mikasa-2023-06-29-aoba");

    // The same list gives the same files, byte for byte.
    let again = dir.path().join("again");
    kairan(&[
        "pack",
        "notices/mikasa-2023-06-29",
        "--key",
        KEY,
        "--recipients",
        path(&list),
        "-o",
        path(&again),
    ]);
    for file in &files {
        assert_eq!(
            std::fs::read(out.join(file)).unwrap(),
            std::fs::read(again.join(file)).unwrap()
        );
    }
}

#[test]
fn fix_mask_width_rewrites_markers_to_four_characters() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notice");
    assert!(
        kairan(&[
            "import",
            "notices/mikasa-2023-06-29/seed.txt",
            "-o",
            path(&folder)
        ])
        .status
        .success()
    );
    let report = folder.join("documents/vendor-report-2023-06-28.notice.md");
    let source = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, source.replacen("{{■■■■}}", "{{■■■■■■■■■}}", 1)).unwrap();
    assert!(text(&kairan(&["check", path(&folder)])).contains("warning [mask-width]"));
    let fixed = kairan(&["check", "--fix-mask-width", path(&folder)]);
    assert!(
        text(&fixed).contains("mask marker set to 4 characters"),
        "{}",
        text(&fixed)
    );
    assert!(!text(&fixed).contains("[mask-width]"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), source);
}

#[test]
fn import_refuses_to_overwrite_a_folder_with_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "x").unwrap();
    let import = kairan(&[
        "import",
        "notices/mikasa-2023-06-29/seed.txt",
        "-o",
        path(dir.path()),
    ]);
    assert!(!import.status.success());
    assert!(text(&import).contains("--force"));
}

#[test]
fn check_applies_the_rules_signing_applies_to_bundle_json() {
    // Each edit of bundle.json breaks a rule the reader applies to a signed manifest; `check`
    // must refuse it as pack would, before any key is used.
    let edits: [(&str, &str, &str); 4] = [
        ("\"sequence\": 1", "\"sequence\": 0", "sequence"),
        (
            "\"bundle_id\": \"mikasa-2023-06-29\"",
            "\"bundle_id\": \"mikasa 2023\"",
            "bundle_id",
        ),
        (
            "\"issued_at\": \"2023-06-29T00:00:00+09:00\"",
            "\"issued_at\": \"2023-06-29\"",
            "RFC 3339",
        ),
        (
            "\"issuer_name\": \"みかさ社会保険労務士法人\"",
            "\"issuer_name\": \"みかさ社会保険労務士法人\\u202e\"",
            "issuer.name",
        ),
    ];
    for (from, to, named) in edits {
        let copy = support::sample_copy();
        let metadata = copy.path().join("bundle.json");
        let text_before = std::fs::read_to_string(&metadata).unwrap();
        assert!(text_before.contains(from), "{from} not in bundle.json");
        std::fs::write(&metadata, text_before.replace(from, to)).unwrap();
        let check = kairan(&["check", path(copy.path())]);
        assert!(!check.status.success(), "{to}: {}", text(&check));
        assert!(text(&check).contains(named), "{to}: {}", text(&check));
        let bundle = copy.path().join("out.kairan");
        let pack = kairan(&["pack", path(copy.path()), "--key", KEY, "-o", path(&bundle)]);
        assert!(!pack.status.success(), "{to}: {}", text(&pack));
        assert!(!bundle.exists());
    }
}
