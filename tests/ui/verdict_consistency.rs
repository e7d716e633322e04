//! One verdict, four renderings: for every trust scenario and every file of the hostile corpus,
//! `kairan verify`'s text, its `--json`, its exit code and the viewer (kittest harness) must give
//! the same status and the same set of warnings. The library decides; these only render.

use std::path::Path;

use egui_kittest::kittest::Queryable as _;
use kairan::bundle::TrustedKey;
use kairan::trust::{HowAdded, Status, TrustStore, Warning};
use kairan::ui::i18n::Language;
use kairan::ui::{AppOptions, FirstOpen, KairanApp};

use crate::support::env::{Env, FIRM, Key};
use crate::support::{self, app};

/// What one front end said.
#[derive(Debug, PartialEq, Eq)]
struct Rendering {
    status: String,
    warnings: Vec<String>,
}

/// The text headline's opening words for each status.
fn headline_prefix(status: &str) -> &'static str {
    match status {
        "verified" | "verified_with_caution" => "✔ VERIFIED",
        "sample" => "ℹ SAMPLE",
        "demo_key" => "? DEMO KEY",
        "unknown_signer" => "? UNKNOWN SIGNER",
        "alarm" => "✘ ALARM",
        "revoked" => "✘ REVOKED",
        "tampered" => "✘ TAMPERED",
        "invalid" => "✘ INVALID",
        "unreadable" => "✘ UNREADABLE",
        other => panic!("unexpected status {other}"),
    }
}

/// The warning line's opening words for each warning kind.
fn warning_prefix(kind: &str) -> &'static str {
    match kind {
        "newer_notice_seen" => "⚠ OLDER NOTICE",
        "conflicting_version" => "✘ CONFLICTING VERSIONS",
        "expired" => "⚠ EXPIRED",
        "issued_in_future" => "⚠ ISSUED IN THE FUTURE",
        "addressed_to_someone_else" => "⚠ ADDRESSED TO SOMEONE ELSE",
        "claims_name_of_trusted_key" => "✘ POSSIBLE IMPERSONATION",
        "rollover_not_accepted" => "⚠ KEY ROLLOVER NOT ACCEPTED",
        other => panic!("unexpected warning kind {other}"),
    }
}

fn warning_kind(warning: &Warning) -> &'static str {
    match warning {
        Warning::NewerNoticeSeen { .. } => "newer_notice_seen",
        Warning::ConflictingVersion { .. } => "conflicting_version",
        Warning::Expired { .. } => "expired",
        Warning::IssuedInFuture { .. } => "issued_in_future",
        Warning::AddressedToSomeoneElse { .. } => "addressed_to_someone_else",
        Warning::ClaimsNameOfTrustedKey { .. } => "claims_name_of_trusted_key",
        Warning::RolloverNotAccepted { .. } => "rollover_not_accepted",
    }
}

/// Runs `verify` as text and as JSON, and opens the file in the viewer, all with the reader's
/// records in `env`; asserts that the four renderings agree and returns the status.
fn renderings_agree(env: &Env, file: &Path, extra_keys: &[&Path]) -> Rendering {
    let mut args = vec!["verify".to_owned(), file.display().to_string()];
    for key in extra_keys {
        args.push("--key".into());
        args.push(key.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let text_run = env.kairan(&args);
    let mut json_args = args.clone();
    json_args.push("--json");
    let json_run = env.kairan(&json_args);
    let json: serde_json::Value = serde_json::from_str(&json_run.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", json_run.stdout));
    let from_json = Rendering {
        status: json["status"].as_str().unwrap().to_owned(),
        warnings: json["warnings"]
            .as_array()
            .map(|warnings| {
                warnings
                    .iter()
                    .map(|w| w["kind"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default(),
    };
    let context = format!(
        "{}\ntext:\n{}{}\njson:\n{}",
        file.display(),
        text_run.stdout,
        text_run.stderr,
        json_run.stdout
    );

    // Exit codes: text and JSON agree, and both are the status's own.
    assert_eq!(text_run.code, json_run.code, "{context}");
    assert_eq!(
        json["exit_code"].as_u64().map(|code| code as i32),
        text_run.code,
        "{context}"
    );
    let status = Status::ALL
        .into_iter()
        .find(|status| status.word() == from_json.status)
        .unwrap_or_else(|| panic!("unknown status in {context}"));
    assert_eq!(
        text_run.code,
        Some(i32::from(status.exit_code())),
        "{context}"
    );
    assert_eq!(json["verified"], status.verified(), "{context}");

    // Text: the headline names the status, and one line per warning, in order.
    let mut lines = text_run.stdout.lines().skip(1);
    let headline = lines.next().unwrap_or_default();
    assert!(
        headline.starts_with(headline_prefix(&from_json.status)),
        "{context}"
    );
    let warning_lines: Vec<&str> = text_run
        .stdout
        .lines()
        .filter(|line| {
            (line.starts_with('⚠') || line.starts_with('✘')) && !line.starts_with(headline)
        })
        .collect();
    let from_text: Vec<String> = warning_lines
        .iter()
        .map(|line| {
            from_json
                .warnings
                .iter()
                .find(|kind| line.starts_with(warning_prefix(kind)))
                .cloned()
                .unwrap_or_else(|| format!("unrecognised: {line}"))
        })
        .collect();
    assert_eq!(from_text, from_json.warnings, "{context}");

    // The viewer.
    let trusted: Vec<TrustedKey> = extra_keys
        .iter()
        .map(|path| TrustedKey {
            name: format!("the key in {}", path.display()),
            public_key: kairan::bundle::PublicKey::from_file_text(
                &std::fs::read_to_string(path).unwrap(),
            )
            .unwrap(),
        })
        .collect();
    let from_viewer = viewer_rendering(env, file, trusted);
    assert_eq!(from_viewer, from_json, "{context}");
    from_json
}

fn viewer_rendering(env: &Env, file: &Path, trusted: Vec<TrustedKey>) -> Rendering {
    let options = AppOptions {
        system_language: Some(Language::English),
        takes_system_opens: false,
        ..app::options(FirstOpen::File(file.to_owned()), trusted, env.config())
    };
    let mut harness = app::builder([1200.0, 900.0])
        // Bundle text is hostile: any character may appear, drawable or not.
        .allow_missing_glyphs()
        .build_eframe(move |cc| KairanApp::new(cc, options));
    harness.run_steps(3);
    let state = &harness.state().state;
    match (&state.shown, &state.error) {
        (_, Some(failure)) => {
            let status = match failure.kind {
                kairan::bundle::FailureKind::Unreadable => "unreadable",
                kairan::bundle::FailureKind::Invalid => "invalid",
            };
            Rendering {
                status: status.to_owned(),
                warnings: Vec::new(),
            }
        }
        (Some(shown), None) => {
            let strings = Language::English.strings();
            let headline = kairan::ui::viewer::banner::headline(shown, strings);
            assert!(
                harness.query_by_label_contains(&headline).is_some(),
                "the banner shows {headline:?}"
            );
            Rendering {
                status: shown.status().word().to_owned(),
                warnings: shown
                    .assessment
                    .as_ref()
                    .map(|assessment| {
                        assessment
                            .warnings
                            .iter()
                            .map(|w| warning_kind(w).to_owned())
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        }
        (None, None) => panic!("the viewer shows neither a bundle nor an error"),
    }
}

fn trust_as(env: &Env, key: &Key, name: &str) {
    TrustStore::load(&env.config().join("trust-store.json"))
        .unwrap()
        .add(name, key.public, HowAdded::Pasted, "")
        .unwrap();
}

#[test]
fn every_trust_scenario_gets_one_verdict_in_every_front_end() {
    let env = Env::new();
    let firm = env.key("firm");
    let stranger = env.key("stranger");

    // Before the reader trusts anyone: an unknown signer, and the sample file (a copy of it,
    // even), which proves nothing.
    let unknown = env.bundle(&stranger, "stranger-1", |metadata| {
        metadata["series"]["id"] = "other-series".into();
    });
    assert_eq!(
        renderings_agree(&env, &unknown, &[]).status,
        "unknown_signer"
    );
    let demo = support::root().join("notices/mikasa-2023-06-29.kairan");
    assert_eq!(renderings_agree(&env, &demo, &[]).status, "demo_key");

    trust_as(&env, &firm, FIRM);
    let verified = env.bundle(&firm, "n1", |_| {});
    assert_eq!(renderings_agree(&env, &verified, &[]).status, "verified");
    // Once the firm is trusted, the same files carry its name under other keys: alarms.
    for file in [&unknown, &demo] {
        let rendering = renderings_agree(&env, file, &[]);
        assert_eq!(rendering.status, "alarm");
        assert_eq!(rendering.warnings, vec!["claims_name_of_trusted_key"]);
    }

    // Impersonation: a stranger's key claims the firm's name with a Kangxi radical for 人.
    let impostor = env.bundle(&stranger, "impostor", |metadata| {
        metadata["issuer_name"] = "みかさ社会保険労務士法\u{2F08}".into();
    });
    let rendering = renderings_agree(&env, &impostor, &[]);
    assert_eq!(rendering.status, "alarm");
    assert_eq!(rendering.warnings, vec!["claims_name_of_trusted_key"]);

    // A newer notice, then the older one again.
    let second = env.bundle(&firm, "n2", |metadata| {
        metadata["series"]["sequence"] = 2.into();
    });
    assert_eq!(renderings_agree(&env, &second, &[]).status, "verified");
    let rendering = renderings_agree(&env, &verified, &[]);
    assert_eq!(rendering.status, "verified_with_caution");
    assert_eq!(rendering.warnings, vec!["newer_notice_seen"]);

    // A different notice under number 2.
    let conflict = env.bundle(&firm, "n2-other", |metadata| {
        metadata["series"]["sequence"] = 2.into();
    });
    let rendering = renderings_agree(&env, &conflict, &[]);
    assert_eq!(rendering.status, "alarm");
    assert_eq!(rendering.warnings, vec!["conflicting_version"]);

    // Expired, and addressed to someone else.
    let expired = env.bundle(&firm, "expired", |metadata| {
        metadata["series"]["id"] = "expired-series".into();
        metadata["expires_at"] = "2023-07-31T00:00:00+09:00".into();
    });
    let rendering = renderings_agree(&env, &expired, &[]);
    assert_eq!(
        (rendering.status.as_str(), rendering.warnings),
        ("verified_with_caution", vec!["expired".to_owned()])
    );
    let run = env.kairan(&["settings", "organisation", "株式会社サンプル"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let misaddressed = env.bundle(&firm, "misaddressed", |metadata| {
        metadata["series"]["id"] = "misaddressed-series".into();
        metadata["recipient"] = "{organisation}".into();
    });
    let rendering = renderings_agree(&env, &misaddressed, &[]);
    assert_eq!(rendering.warnings, vec!["addressed_to_someone_else"]);

    // Revoked.
    let run = env.kairan(&["trust", "revoke", &firm.public.key_id.to_string()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(renderings_agree(&env, &verified, &[]).status, "revoked");
}

#[test]
fn every_hostile_file_gets_one_verdict_in_every_front_end() {
    let env = Env::new();
    let corpus = support::root().join("tests/hostile/cases");
    let signer = support::root().join("tests/support/keys/test-signer.pub");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 50, "the corpus is there");
    for file in files {
        let rendering = renderings_agree(&env, &file, &[&signer]);
        assert!(
            !matches!(
                rendering.status.as_str(),
                "verified" | "verified_with_caution"
            ),
            "{} must not verify",
            file.display()
        );
    }
}
