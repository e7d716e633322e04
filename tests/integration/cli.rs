//! The command line as a user and a script meet it: exit statuses, `--json` reports,
//! `inspect`, `keygen` and `pack`, run through the built binary.

use std::path::Path;

use serde_json::Value;

use crate::support::bundle::{Parts, TestKey};
use crate::support::zip::{self, Entry};
use crate::support::{describe, kairan, root, run_kairan, temp_dir};

fn sample_path() -> String {
    root()
        .join("notices/mikasa-2023-06-29.kairan")
        .display()
        .to_string()
}

/// Runs `kairan ARGS --json` in `dir` and returns the exit status and the parsed report.
fn json_report(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.push("--json");
    let output = run_kairan(dir, &all);
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("not JSON ({error}): {}", describe(&output)));
    (output.status.code().unwrap(), report)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    std::fs::write(dir.join(name), bytes).unwrap();
    name.to_owned()
}

#[test]
fn the_sample_file_is_a_demo_key_bundle_that_proves_nothing_and_exits_3() {
    let dir = temp_dir();
    let output = run_kairan(dir.path(), &["verify", &sample_path()]);
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("? DEMO KEY"), "{stdout}");
    assert!(!stdout.contains("VERIFIED"), "{stdout}");
    assert!(stdout.contains("proves nothing"), "{stdout}");

    let (code, report) = json_report(dir.path(), &["verify", &sample_path()]);
    assert_eq!(code, 3);
    assert_eq!(report["status"], "demo_key");
    assert_eq!(report["verified"], false);
    assert_eq!(report["exit_code"], 3);
    assert_eq!(report["signer"]["key"]["key_id"], "6683867CB8133E79");
    assert_eq!(report["bundle"]["bundle_id"], "mikasa-2023-06-29");
    assert_eq!(report["bundle"]["sequence"], 1);
    assert_eq!(report["bundle"]["documents"], 3);
    assert_eq!(report["bundle"]["masked_fields"], 3);
    assert_eq!(report["bundle"]["omitted_sections"], 9);
}

#[test]
fn the_built_in_sample_opened_as_the_sample_exits_0_and_says_it_is_the_sample() {
    let output = run_kairan(temp_dir().path(), &["verify", "--sample"]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("ℹ SAMPLE"), "{stdout}");
    assert!(!stdout.contains("VERIFIED"), "{stdout}");
}

#[test]
fn a_valid_bundle_by_an_unknown_key_exits_3_and_shows_the_fingerprint() {
    let dir = temp_dir();
    let key = TestKey::signer();
    let file = write(dir.path(), "unknown.kairan", &Parts::new(&key).build(&key));
    let (code, report) = json_report(dir.path(), &["verify", &file]);
    assert_eq!(code, 3);
    assert_eq!(report["status"], "unknown_signer");
    assert_eq!(report["key"]["key_id"], key.public.key_id.to_string());
    assert_eq!(report["key"]["fingerprint"], key.public.fingerprint());

    let output = run_kairan(dir.path(), &["verify", &file]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("? UNKNOWN SIGNER"), "{stdout}");
    assert!(stdout.contains(&key.public.fingerprint()), "{stdout}");

    // Trusting the key's file turns the same bundle into a verified one.
    let public = write(dir.path(), "signer.pub", key.public_file.as_bytes());
    let (code, report) = json_report(dir.path(), &["verify", &file, "--key", &public]);
    assert_eq!((code, &report["status"]), (0, &Value::from("verified")));
}

#[test]
fn a_tampered_bundle_exits_4_and_names_the_entry() {
    let dir = temp_dir();
    let key = TestKey::signer();
    let mut entries = Parts::new(&key).entries(&key);
    entries[3] = Entry::stored("files/memo.txt", b"ATTACHMENT BYTES\n");
    let file = write(dir.path(), "tampered.kairan", &zip::write(&entries).bytes);
    let public = write(dir.path(), "signer.pub", key.public_file.as_bytes());
    let (code, report) = json_report(dir.path(), &["verify", &file, "--key", &public]);
    assert_eq!(code, 4);
    assert_eq!(report["status"], "tampered");
    assert_eq!(report["entry"], "files/memo.txt");
    assert!(report["reason"].as_str().unwrap().contains("SHA-256"));

    let output = run_kairan(dir.path(), &["verify", &file, "--key", &public]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("✘ TAMPERED — entry \"files/memo.txt\""),
        "{stdout}"
    );
}

#[test]
fn a_bundle_that_breaks_the_format_exits_4_with_the_reason() {
    let dir = temp_dir();
    let mut bytes = kairan::sample::SAMPLE_BUNDLE.to_vec();
    bytes.extend_from_slice(b"appended");
    let file = write(dir.path(), "appended.kairan", &bytes);
    let (code, report) = json_report(dir.path(), &["verify", &file]);
    assert_eq!(code, 4);
    assert_eq!(report["status"], "invalid");
    assert!(
        report["reason"]
            .as_str()
            .unwrap()
            .contains("8 bytes of unexpected data follow the end of the archive"),
        "{report}"
    );
}

#[test]
fn a_bad_signature_exits_4() {
    let dir = temp_dir();
    let parts = Parts::new(&TestKey::signer());
    let file = write(dir.path(), "bad.kairan", &parts.build(&TestKey::stranger()));
    let (code, report) = json_report(dir.path(), &["verify", &file]);
    assert_eq!((code, &report["status"]), (4, &Value::from("invalid")));
    assert!(
        report["reason"]
            .as_str()
            .unwrap()
            .contains("was made by key")
    );
}

#[test]
fn unreadable_files_exit_5() {
    let dir = temp_dir();
    let text = write(dir.path(), "notes.kairan", b"not a bundle");
    for file in [text.as_str(), "missing.kairan"] {
        let (code, report) = json_report(dir.path(), &["verify", file]);
        assert_eq!(code, 5, "{file}: {report}");
        assert_eq!(report["status"], "unreadable");
        assert!(report["reason"].is_string());
    }
}

#[test]
fn inspect_reports_the_samples_documents_masks_and_omissions() {
    let dir = temp_dir();
    let output = run_kairan(dir.path(), &["inspect", &sample_path()]);
    assert_eq!(output.status.code(), Some(3), "{}", describe(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("3 documents, 0 attachments, 3 masked fields, 9 omitted sections"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("    mask ■■■■").count(), 3, "{stdout}");
    assert_eq!(stdout.matches("    omission —省略—").count(), 8, "{stdout}");
    assert_eq!(stdout.matches("    omission —中略—").count(), 1, "{stdout}");

    let (code, report) = json_report(dir.path(), &["inspect", &sample_path()]);
    assert_eq!(code, 3);
    let documents = report["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 3);
    let total = |field: &str| -> u64 {
        documents
            .iter()
            .map(|document| document[field].as_u64().unwrap())
            .sum()
    };
    assert_eq!((total("masked_fields"), total("omitted_sections")), (3, 9));
    // The firm notice links to both vendor notices.
    let links: Vec<&str> = documents[0]["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|link| link["target"].as_str().unwrap())
        .collect();
    for vendor in [
        "documents/vendor-report-2023-06-28.json",
        "documents/vendor-notice-2023-06-25.json",
    ] {
        assert!(
            links.iter().any(|target| target.starts_with(vendor)),
            "{links:?}"
        );
    }
}

#[test]
fn keygen_protects_the_key_at_the_stock_tools_cost() {
    let dir = temp_dir();
    write(
        dir.path(),
        "password.txt",
        b"correct horse battery staple\n",
    );
    let output = run_kairan(
        dir.path(),
        &["keygen", "-o", "firm", "--password-file", "password.txt"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let secret = std::fs::read_to_string(dir.path().join("firm.key")).unwrap();
    let bytes = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(secret.lines().nth(1).unwrap())
            .unwrap()
    };
    assert_eq!(&bytes[2..4], b"Sc", "scrypt");
    let opslimit = u64::from_le_bytes(bytes[38..46].try_into().unwrap());
    let memlimit = u64::from_le_bytes(bytes[46..54].try_into().unwrap());
    assert_eq!((opslimit, memlimit), (33_554_432, 1_073_741_824));
    assert!(kairan::bundle::SecretKey::is_encrypted(&secret).unwrap());
    let public = std::fs::read_to_string(dir.path().join("firm.pub")).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let public = kairan::bundle::PublicKey::from_file_text(&public).unwrap();
    assert!(stdout.contains(&public.fingerprint()), "{stdout}");

    // A second run must not overwrite the keys.
    let again = run_kairan(dir.path(), &["keygen", "-o", "firm", "--unprotected"]);
    assert_eq!(again.status.code(), Some(1), "{}", describe(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("firm.key")).unwrap(),
        secret
    );
}

#[test]
fn pack_refuses_a_wrong_password_and_writes_nothing() {
    let dir = temp_dir();
    // A password-protected key at the minisign crate's (cheap) cost keeps this test fast.
    let pair = minisign::KeyPair::generate_encrypted_keypair(Some("right".into())).unwrap();
    let secret_text = pair.sk.to_box(None).unwrap().into_string();
    write(dir.path(), "firm.key", secret_text.as_bytes());
    write(dir.path(), "wrong.txt", b"wrong\n");
    write(dir.path(), "right.txt", b"right\n");
    let source = root()
        .join("notices/mikasa-2023-06-29")
        .display()
        .to_string();

    let args = |password: &'static str| {
        vec![
            "pack".to_owned(),
            source.clone(),
            "--key".into(),
            "firm.key".into(),
            "-o".into(),
            "out.kairan".into(),
            "--password-file".into(),
            password.into(),
        ]
    };
    let output = kairan()
        .args(args("wrong.txt"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("wrong password"),
        "{}",
        describe(&output)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["firm.key", "right.txt", "wrong.txt"],
        "no partial file"
    );

    let output = kairan()
        .args(args("right.txt"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let public = pair.pk.to_box().unwrap().into_string();
    write(dir.path(), "firm.pub", public.as_bytes());
    let (code, _) = json_report(dir.path(), &["verify", "out.kairan", "--key", "firm.pub"]);
    assert_eq!(code, 0);
}

#[test]
fn packing_twice_gives_identical_bytes() {
    let dir = temp_dir();
    let key = root().join("notices/demo-key/kairan-demo.key");
    let source = root().join("notices/mikasa-2023-06-29");
    for name in ["a.kairan", "b.kairan"] {
        let output = kairan()
            .arg("pack")
            .arg(&source)
            .arg("--key")
            .arg(&key)
            .args(["-o", name])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    }
    assert_eq!(
        std::fs::read(dir.path().join("a.kairan")).unwrap(),
        std::fs::read(dir.path().join("b.kairan")).unwrap()
    );
}

/// A document whose every string a terminal could be tricked by. The letter's head (title,
/// issuer) may not hold control characters at all (such a document is refused), so it gets the
/// invisible and direction-changing part of the trap only.
fn hostile_document() -> Vec<u8> {
    let trap = "\u{1b}[2J\u{1b}[H\u{1b}]8;;https://evil.example\u{7}x\u{1b}]8;;\u{7}\r\n✔ VERIFIED — signed by 本物の事務所\u{202E}txt.exe\u{9b}31m\u{7f}";
    let head_trap = "\u{200B}✔ VERIFIED — signed by 本物の事務所\u{202E}txt.exe\u{2066}";
    let document = serde_json::json!({
        "format": "kairan-document",
        "format_version": 1,
        "title": format!("題{head_trap}"),
        "issuer": [format!("発行者{head_trap}")],
        "body": [
            {"type": "paragraph", "content": [
                {"type": "text", "text": format!("本文{trap}")},
                {"type": "mask", "marker": "■■■■", "label": format!("ラベル{trap}"),
                 "reason": format!("理由{trap}"), "masked_by": "author"},
                {"type": "link", "target": {"kind": "external", "url": format!("https://example.com/{trap}")},
                 "text": format!("リンク{trap}")}
            ]},
            {"type": "omission", "kind": "section", "marker": "—省略—",
             "reason": format!("省略理由{trap}"), "omitted_by": "forwarder"}
        ]
    });
    serde_json::to_vec(&document).unwrap()
}

#[test]
fn no_bundle_string_reaches_the_terminal_raw() {
    let dir = temp_dir();
    let key = TestKey::signer();
    let bundle = Parts::new(&key)
        .with_file(
            "documents/hostile.json",
            &hostile_document(),
            kairan::bundle::Role::VendorNotice,
        )
        .build(&key);
    let file = write(dir.path(), "hostile.kairan", &bundle);
    let signer_key = root().join("tests/support/keys/test-signer.pub");
    for command in ["verify", "inspect"] {
        let output = run_kairan(
            dir.path(),
            &[command, &file, "--key", signer_key.to_str().unwrap()],
        );
        let stdout = String::from_utf8(output.stdout.clone()).unwrap();
        let stderr = String::from_utf8(output.stderr.clone()).unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
        for text in [&stdout, &stderr] {
            let raw: Vec<char> = text
                .chars()
                .filter(|c| *c != '\n' && kairan::escape::is_hidden(*c))
                .collect();
            assert!(raw.is_empty(), "{command}: raw {raw:?} in\n{text}");
        }
        let verified_lines = stdout
            .lines()
            .filter(|line| line.trim_start().starts_with("✔ VERIFIED"))
            .count();
        assert_eq!(
            verified_lines, 1,
            "{command}: only the real headline\n{stdout}"
        );
        if command == "inspect" {
            assert!(stdout.contains("\\u{001B}[2J"), "{stdout}");
            assert!(stdout.contains("\\u{202E}"), "{stdout}");
        }
    }
}

#[cfg(unix)]
#[test]
fn keygen_writes_the_secret_key_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir();
    let output = run_kairan(dir.path(), &["keygen", "-o", "firm", "--unprotected"]);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("firm.key"), 0o600);
    assert_ne!(mode("firm.pub") & 0o044, 0, "the public key is for sharing");
    // Never through an existing file or symlink.
    std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("other.key")).unwrap();
    let output = run_kairan(dir.path(), &["keygen", "-o", "other", "--unprotected"]);
    assert_ne!(output.status.code(), Some(0));
    assert!(!dir.path().join("elsewhere").exists());
}

#[test]
fn a_claimed_issuer_cannot_close_the_quotation_and_speak_as_kairan() {
    let key = TestKey::signer();
    let mut parts = Parts::new(&key);
    parts.manifest.issuer.name = "みかさ\", the name you trust. \"x".into();
    let dir = temp_dir();
    let file = dir.path().join("claim.kairan");
    std::fs::write(&file, parts.build(&key)).unwrap();
    let output = kairan().arg("verify").arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(r#"claims to come from "みかさ\u{0022}, the name you trust. \u{0022}x""#),
        "{}",
        describe(&output)
    );
    assert!(!stdout.contains(r#""みかさ", the name"#), "{stdout}");
}
