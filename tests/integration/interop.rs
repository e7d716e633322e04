//! Interoperability with the tools `docs/bundle-format.md` promises: the stock `minisign`
//! tool signs manifests Kairan accepts and verifies what Kairan signs, and Python's standard
//! library writes bundles Kairan verifies and reads the bundles Kairan writes.
//!
//! These tests need `minisign` and `python3`; they fail (never skip) without them.

use std::path::Path;
use std::process::Command;

use kairan::bundle::{SecretKey, Verdict};

use crate::support;
use crate::support::bundle::{Parts, TestKey, open, signer_trusted};
use crate::support::{describe, require_tool, root, run_kairan, temp_dir};

const SCRIPT: &str = "tests/support/kairan_bundle.py";

fn run(command: &mut Command) -> std::process::Output {
    let output = command.output().expect("the tool runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        describe(&output)
    );
    output
}

fn test_key_path(name: &str) -> String {
    root()
        .join("tests/support/keys")
        .join(name)
        .display()
        .to_string()
}

/// Signs `manifest` with the stock tool exactly as the spec says and returns the signature file.
fn stock_sign(dir: &Path, secret_key: &str, manifest: &[u8], comment: &str) -> Vec<u8> {
    let path = dir.join("manifest.json");
    std::fs::write(&path, manifest).unwrap();
    run(Command::new("minisign")
        .args([
            "-S",
            "-s",
            secret_key,
            "-c",
            "kairan bundle manifest signature",
        ])
        .args(["-t", comment, "-m"])
        .arg(&path)
        .stdin(std::process::Stdio::null()));
    std::fs::read(dir.join("manifest.json.minisig")).unwrap()
}

#[test]
fn a_manifest_signed_by_the_stock_minisign_tool_is_accepted() {
    require_tool("minisign", "minisign");
    let dir = temp_dir();
    let key = TestKey::signer();
    let parts = Parts::new(&key);
    let manifest = parts.manifest_bytes();
    let comment = parts.manifest.trusted_comment();
    let signature = stock_sign(
        dir.path(),
        &test_key_path("test-signer.key"),
        &manifest,
        &comment,
    );
    // Ed25519 is deterministic: the stock tool and Kairan write the very same file.
    assert_eq!(
        String::from_utf8_lossy(&signature),
        String::from_utf8_lossy(&Parts::signature_for(&manifest, &comment, &key))
    );
    let bytes = support::zip::write(&parts.entries_with(&manifest, &signature)).bytes;
    let verdict = open(&bytes, &signer_trusted()).unwrap().verdict;
    assert!(matches!(verdict, Verdict::Verified { .. }), "{verdict:?}");
}

#[test]
fn an_unprotected_key_made_by_the_stock_tool_signs_bundles_kairan_accepts() {
    require_tool("minisign", "minisign");
    let dir = temp_dir();
    let (public, secret) = (dir.path().join("stock.pub"), dir.path().join("stock.key"));
    run(Command::new("minisign")
        .args(["-G", "-W", "-p"])
        .arg(&public)
        .arg("-s")
        .arg(&secret)
        .stdin(std::process::Stdio::null()));
    let secret_key =
        SecretKey::from_file_text(&std::fs::read_to_string(&secret).unwrap(), None).unwrap();
    let public_text = std::fs::read_to_string(&public).unwrap();
    let public_key = kairan::bundle::PublicKey::from_file_text(&public_text).unwrap();
    assert_eq!(secret_key.public_key(), public_key);

    // Pack the sample source with it, and verify with the CLI trusting the stock .pub file.
    let bundle = dir.path().join("stock.kairan");
    let packed = run(support::kairan()
        .arg("pack")
        .arg(root().join("notices/mikasa-2023-06-29"))
        .arg("--key")
        .arg(&secret)
        .arg("-o")
        .arg(&bundle));
    assert!(String::from_utf8_lossy(&packed.stdout).contains("3 documents"));
    let verified = support::kairan()
        .arg("verify")
        .arg(&bundle)
        .arg("--key")
        .arg(&public)
        .output()
        .unwrap();
    assert_eq!(verified.status.code(), Some(0), "{}", describe(&verified));
}

#[test]
fn the_stock_minisign_tool_verifies_the_sample_as_the_spec_describes() {
    require_tool("minisign", "minisign");
    let dir = temp_dir();
    let demo_pub = root().join("notices/demo-key/kairan-demo.pub");
    let sample = root().join("notices/mikasa-2023-06-29.kairan");
    // The commands of docs/bundle-format.md §8, as a shell script.
    let script = format!(
        r#"set -eu
python3 -m zipfile -e "{sample}" bundle
cd bundle
minisign -V -p "{demo_pub}" -m manifest.json
python3 -c 'import json
for e in json.load(open("manifest.json"))["entries"]: print(e["sha256"] + "  " + e["path"])' | sha256sum -c --strict
"#,
        sample = sample.display(),
        demo_pub = demo_pub.display()
    );
    let output = run(Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Signature and comment signature verified"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Trusted comment: kairan-bundle v1 id=mikasa-2023-06-29 \
             series=mikasa-mk-system-incident-2023 seq=1 issued=2023-06-29T00:00:00+09:00"
        ),
        "{stdout}"
    );
    assert_eq!(stdout.matches(": OK").count(), 3, "{stdout}");
}

#[test]
fn python_zipfile_reads_and_checks_the_sample() {
    require_tool("python3", "python3");
    require_tool("minisign", "minisign");
    let output = run(Command::new("python3")
        .arg(root().join(SCRIPT))
        .arg("check")
        .arg(root().join("notices/mikasa-2023-06-29.kairan"))
        .arg(root().join("notices/demo-key/kairan-demo.pub")));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ok: 5 entries"));
}

#[test]
fn a_bundle_built_with_python_following_the_spec_verifies() {
    require_tool("python3", "python3");
    require_tool("minisign", "minisign");
    for method in ["stored", "deflated"] {
        let dir = temp_dir();
        let bundle = dir.path().join("python.kairan");
        run(Command::new("python3")
            .arg(root().join(SCRIPT))
            .args(["build", &test_key_path("test-signer.key")])
            .arg(test_key_path("test-signer.pub"))
            .arg(&bundle)
            .arg(method));
        let bytes = std::fs::read(&bundle).unwrap();
        let opened = open(&bytes, &signer_trusted()).unwrap();
        assert!(
            matches!(opened.verdict, Verdict::Verified { .. }),
            "{method}: {:?}",
            opened.verdict
        );
        assert_eq!((opened.mask_count(), opened.omission_count()), (1, 1));
        assert_eq!(opened.attachments[0].path, "files/連絡先.txt");

        let output = run_kairan(
            dir.path(),
            &[
                "verify",
                "python.kairan",
                "--key",
                &test_key_path("test-signer.pub"),
            ],
        );
        assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    }
}

#[test]
fn the_worked_example_in_the_spec_is_the_tested_script() {
    let spec = std::fs::read_to_string(root().join("docs/bundle-format.md")).unwrap();
    let script = std::fs::read_to_string(root().join(SCRIPT)).unwrap();
    let start = spec
        .find("```python\n")
        .expect("a python block in the spec")
        + "```python\n".len();
    let length = spec[start..]
        .find("\n```\n")
        .expect("the end of the python block")
        + 1;
    assert!(
        spec[start..start + length] == script,
        "docs/bundle-format.md §9 differs from {SCRIPT}; copy the script into the spec"
    );
}
