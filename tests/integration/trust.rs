//! The trust layer through the CLI: one test per verdict with the exact text printed, the
//! trust store's refusal to touch a corrupt file, and concurrent writers.

use kairan::trust::{SeriesHistory, TrustStore};

use crate::support::env::{Env, FIRM, Key, details, verified};

fn opened_at(env: &Env, bundle_id: &str) -> String {
    let history = SeriesHistory::load(&env.config().join("series-history.json")).unwrap();
    history
        .records()
        .iter()
        .flat_map(|record| &record.bundles)
        .find(|seen| seen.bundle_id == bundle_id)
        .unwrap()
        .first_opened_at
        .to_string()
}

#[test]
fn a_trusted_key_verifies_under_the_readers_name() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    let bundle = env.bundle(&firm, "b-1", |_| {});
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert_eq!(
        run.stdout,
        format!(
            "b-1.kairan\n{}{}",
            verified(FIRM, &firm),
            details("b-1", 1, "")
        )
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(bundle.exists());
}

#[test]
fn an_unknown_key_is_shown_with_its_fingerprint_and_the_claim_marked_as_a_claim() {
    let env = Env::new();
    let firm = env.key("firm");
    env.bundle(&firm, "b-1", |_| {});
    let run = env.kairan(&["verify", "b-1.kairan"]);
    let fingerprint = firm.public.fingerprint();
    assert_eq!(
        run.stdout,
        format!(
            "b-1.kairan\n\
             ? UNKNOWN SIGNER — the signature is valid, but key {} is not one you trust.\n  \
             The bundle claims to come from \"{FIRM}\" (an unverified claim).\n  \
             Key fingerprint: {fingerprint}\n  \
             Confirm this fingerprint with the issuer by phone or from a letter before trusting it;\n  \
             then trust it with `kairan trust add --from-bundle FILE --fingerprint \"THE FINGERPRINT THEY READ TO YOU\" --name NAME`\n  \
             (or verify with --key and the issuer's public key file).\n{}",
            firm.public.key_id,
            details("b-1", 1, "")
        )
    );
    assert_eq!(run.code, Some(3));
}

#[test]
fn trusting_from_a_bundle_requires_the_confirmed_fingerprint() {
    let env = Env::new();
    let firm = env.key("firm");
    env.bundle(&firm, "b-1", |_| {});
    let wrong = env.kairan(&[
        "trust",
        "add",
        "--from-bundle",
        "b-1.kairan",
        "--fingerprint",
        "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000",
        "--name",
        FIRM,
    ]);
    assert_eq!(wrong.code, Some(1));
    assert!(
        wrong.stderr.contains("nothing was added"),
        "{}",
        wrong.stderr
    );
    let right = env.kairan(&[
        "trust",
        "add",
        "--from-bundle",
        "b-1.kairan",
        "--fingerprint",
        &firm.public.fingerprint(),
        "--name",
        FIRM,
    ]);
    assert_eq!(right.code, Some(0), "{}", right.stderr);
    assert_eq!(
        right.stdout.lines().nth(2),
        Some("  added: trusted from bundle b-1")
    );
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert_eq!(run.code, Some(0));
    assert!(run.stdout.contains(&verified(FIRM, &firm)));
}

#[test]
fn a_revoked_key_shows_revoked_and_never_verified_even_given_with_key() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "b-1", |_| {});
    let revoke = env.kairan(&["trust", "revoke", FIRM]);
    assert_eq!(revoke.code, Some(0), "{}", revoke.stderr);
    let store = TrustStore::load(&env.config().join("trust-store.json")).unwrap();
    let revoked_at = match store.record_for(&firm.public).unwrap().status {
        kairan::trust::KeyStatus::Revoked { at } => at.to_string(),
        kairan::trust::KeyStatus::Trusted => panic!("not revoked"),
    };
    let expected = format!(
        "b-1.kairan\n\
         ✘ REVOKED — signed by key {} (\"{FIRM}\"), which you revoked on {revoked_at}. A signature by a revoked key proves nothing; do not rely on this file.\n{}",
        firm.public.key_id,
        details("b-1", 1, "")
    );
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert_eq!(run.stdout, expected);
    assert_eq!(run.code, Some(4));
    let with_key = env.kairan(&["verify", "b-1.kairan", "--key", "firm.pub"]);
    assert_eq!(with_key.stdout, expected);
    assert_eq!(with_key.code, Some(4));
    let json = env.kairan(&["verify", "b-1.kairan", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["status"], "revoked");
    assert_eq!(report["revoked_key"]["name"], FIRM);
}

#[test]
fn an_older_notice_opened_after_a_newer_one_is_flagged() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "b-1", |_| {});
    env.bundle(&firm, "b-2", |meta| meta["series"]["sequence"] = 2.into());
    assert_eq!(env.kairan(&["verify", "b-2.kairan"]).code, Some(0));
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert_eq!(
        run.stdout,
        format!(
            "b-1.kairan\n{}\
             ⚠ OLDER NOTICE — a newer notice (第2報) of this series was opened on {} (bundle b-2); this one may be out of date.\n{}",
            verified(FIRM, &firm),
            opened_at(&env, "b-2"),
            details("b-1", 1, "")
        )
    );
    assert_eq!(run.code, Some(6));
    // Reopening the newest one raises nothing.
    assert_eq!(env.kairan(&["verify", "b-2.kairan"]).code, Some(0));
}

#[test]
fn two_different_notices_under_one_number_raise_an_alarm() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "b-1", |_| {});
    env.bundle(&firm, "b-1-altered", |meta| {
        meta["issuer_name"] = format!("{FIRM} ").into();
    });
    assert_eq!(env.kairan(&["verify", "b-1.kairan"]).code, Some(0));
    // Opening the same notice again is not a conflict.
    assert_eq!(env.kairan(&["verify", "b-1.kairan"]).code, Some(0));
    let run = env.kairan(&["verify", "b-1-altered.kairan"]);
    let details = details("b-1-altered", 1, "").replace(FIRM, &format!("{FIRM} "));
    assert_eq!(
        run.stdout,
        format!(
            "b-1-altered.kairan\n\
             ✘ ALARM — signed by {FIRM} (a key you trust; key id {}), but this notice conflicts with your records (see below).\n  \
             Do not rely on it until the issuer, reached at a phone number you already know, confirms it.\n\
             ✘ CONFLICTING VERSIONS — a different notice with the same number (第1報) of this series was opened on {} (bundle b-1). Do not rely on either until the issuer confirms which is genuine.\n{details}",
            firm.public.key_id,
            opened_at(&env, "b-1"),
        )
    );
    assert_eq!(run.code, Some(4));
}

#[test]
fn an_expired_notice_says_so() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "b-1", |meta| {
        meta["expires_at"] = "2023-07-31T00:00:00+09:00".into();
    });
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert_eq!(
        run.stdout,
        format!(
            "b-1.kairan\n{}\
             ⚠ EXPIRED — this notice expired on 2023-07-31T00:00:00+09:00; it may no longer be current.\n{}",
            verified(FIRM, &firm),
            details("b-1", 1, "  expires 2023-07-31T00:00:00+09:00\n")
        )
    );
    assert_eq!(run.code, Some(6));
}

#[test]
fn a_notice_for_another_organisation_is_flagged() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "b-1", |meta| {
        meta["recipient"] = "株式会社ほかの会社".into();
    });
    env.bundle(&firm, "b-2", |meta| {
        meta["recipient"] = "株式会社サンプル".into();
        meta["series"]["id"] = "other-series".into();
    });
    let set = env.kairan(&["settings", "organisation", "株式会社サンプル"]);
    assert_eq!(set.code, Some(0), "{}", set.stderr);
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert_eq!(
        run.stdout,
        format!(
            "b-1.kairan\n{}\
             ⚠ ADDRESSED TO SOMEONE ELSE — this notice is addressed to \"株式会社ほかの会社\", not to your organisation \"株式会社サンプル\".\n{}",
            verified(FIRM, &firm),
            details("b-1", 1, "  addressed to \"株式会社ほかの会社\"\n")
        )
    );
    assert_eq!(run.code, Some(6));
    let own = env.kairan(&["verify", "b-2.kairan"]);
    assert_eq!(own.code, Some(0), "{}", own.stdout);
}

#[test]
fn a_key_rollover_signed_by_a_trusted_key_is_offered_and_accepted_under_the_same_name() {
    let env = Env::new();
    let old = env.key("old");
    let new = env.key("new");
    env.trust(&old, FIRM);
    let folder = env.notice_folder("b-2", |meta| {
        meta["series"]["sequence"] = 2.into();
        let entries = meta["entries"].as_array_mut().unwrap();
        entries.push(
            serde_json::json!({"file": "key-rollover.json", "role": "key_rollover",
            "media_type": "application/vnd.kairan.key-rollover+json"}),
        );
        entries.push(
            serde_json::json!({"file": "key-rollover.json.minisig", "role": "key_rollover",
            "media_type": "application/vnd.kairan.minisign-signature"}),
        );
    });
    let sign = env.kairan(&[
        "trust",
        "sign-rollover",
        "--old-key",
        "old.key",
        "--new-key",
        "new.pub",
        "--effective",
        "2024-04-01T00:00:00+09:00",
        "--name",
        FIRM,
        "--output",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(sign.code, Some(0), "{}", sign.stderr);
    env.pack(&folder, &new, "b-2");

    let run = env.kairan(&["verify", "b-2.kairan"]);
    let fingerprint = new.public.fingerprint();
    assert_eq!(
        run.stdout,
        format!(
            "b-2.kairan\n\
             ? UNKNOWN SIGNER — the signature is valid, but key {} is not one you trust.\n  \
             The bundle claims to come from \"{FIRM}\" (an unverified claim).\n  \
             Key fingerprint: {fingerprint}\n  \
             Confirm this fingerprint with the issuer by phone or from a letter before trusting it;\n  \
             then trust it with `kairan trust add --from-bundle FILE --fingerprint \"THE FINGERPRINT THEY READ TO YOU\" --name NAME`\n  \
             (or verify with --key and the issuer's public key file).\n\
             → KEY ROLLOVER — key {}, which you trust as \"{FIRM}\", signed a statement introducing this key (effective 2024-04-01T00:00:00+09:00). To trust this key under the same name, run: kairan trust accept-rollover b-2.kairan\n{}",
            new.public.key_id,
            old.public.key_id,
            details("b-2", 2, "")
                .replace("3 documents, 0 attachments", "3 documents, 2 attachments")
        )
    );
    assert_eq!(run.code, Some(3));

    let accept = env.kairan(&["trust", "accept-rollover", "b-2.kairan"]);
    assert_eq!(accept.code, Some(0), "{}", accept.stderr);
    assert_eq!(
        accept.stdout.lines().next().unwrap(),
        format!(
            "Trusted key {} as \"{FIRM}\": key {}, which you trust under that name, introduced it in a signed rollover statement (effective 2024-04-01T00:00:00+09:00) in bundle b-2.",
            new.public.key_id, old.public.key_id
        )
    );
    let after = env.kairan(&["verify", "b-2.kairan"]);
    assert_eq!(after.code, Some(0), "{}", after.stdout);
    assert!(
        after
            .stdout
            .starts_with(&format!("b-2.kairan\n{}", verified(FIRM, &new)))
    );
    let list = env.kairan(&["trust", "list"]);
    assert!(list.stdout.contains(&format!(
        "added {} (introduced by key {} in a rollover statement in bundle b-2)",
        TrustStore::load(&env.config().join("trust-store.json"))
            .unwrap()
            .record_for(&new.public)
            .unwrap()
            .added_at,
        old.public.key_id
    )));
}

#[test]
fn a_key_rollover_signed_by_an_untrusted_key_is_not_offered() {
    let env = Env::new();
    let old = env.key("old");
    let new = env.key("new");
    let folder = env.notice_folder("b-2", |meta| {
        let entries = meta["entries"].as_array_mut().unwrap();
        entries.push(
            serde_json::json!({"file": "key-rollover.json", "role": "key_rollover",
            "media_type": "application/vnd.kairan.key-rollover+json"}),
        );
        entries.push(
            serde_json::json!({"file": "key-rollover.json.minisig", "role": "key_rollover",
            "media_type": "application/vnd.kairan.minisign-signature"}),
        );
    });
    let sign = env.kairan(&[
        "trust",
        "sign-rollover",
        "--old-key",
        "old.key",
        "--new-key",
        "new.pub",
        "--effective",
        "2024-04-01T00:00:00Z",
        "--output",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(sign.code, Some(0), "{}", sign.stderr);
    env.pack(&folder, &new, "b-2");
    let run = env.kairan(&["verify", "b-2.kairan"]);
    assert!(run.stdout.contains(&format!(
        "\n⚠ KEY ROLLOVER NOT ACCEPTED — the bundle carries a key rollover statement, but it is signed by key {}, which is not a key you trust.\n",
        old.public.key_id
    )), "{}", run.stdout);
    assert!(!run.stdout.contains("→ KEY ROLLOVER"));
    let accept = env.kairan(&["trust", "accept-rollover", "b-2.kairan"]);
    assert_eq!(accept.code, Some(1));
    assert!(
        TrustStore::load(&env.config().join("trust-store.json"))
            .unwrap()
            .records()
            .is_empty()
    );
}

#[test]
fn a_new_key_claiming_a_trusted_name_warns_of_impersonation() {
    let env = Env::new();
    let firm = env.key("firm");
    let forger = env.key("forger");
    env.trust(&firm, FIRM);
    env.bundle(&forger, "b-1", |_| {});
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert!(run.stdout.contains(&format!(
        "\n✘ POSSIBLE IMPERSONATION — the bundle names \"{FIRM}\", which looks like the name you gave a different key ({}). Do not trust this key unless that issuer confirms it.\n  If that issuer tells you, at a phone number you already know, that this is their new key: kairan trust replace {} --from-bundle b-1.kairan --fingerprint <as read to you> --revoke-old (or --retire-old)\n",
        firm.public.key_id, firm.public.key_id
    )), "{}", run.stdout);
    assert!(run.stdout.contains("✘ ALARM"), "{}", run.stdout);
    assert_eq!(run.code, Some(4));
}

#[test]
fn a_corrupt_store_is_reported_and_left_byte_for_byte_untouched() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "b-1", |_| {});
    let path = env.config().join("trust-store.json");
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes.truncate(middle);
    bytes.extend_from_slice(b"\xff garbage");
    std::fs::write(&path, &bytes).unwrap();
    let other = env.key("other");
    let attempts: [&[&str]; 6] = [
        &["trust", "list"],
        &["trust", "add", "--name", "other", "other.pub"],
        &["trust", "revoke", FIRM],
        &["trust", "remove", FIRM],
        &["trust", "rename", FIRM, "x"],
        &["verify", "b-1.kairan"],
    ];
    for args in attempts {
        let run = env.kairan(args);
        assert_eq!(run.code, Some(1), "{args:?}: {}", run.stdout);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with(&format!(
                "kairan: {} is not a valid Kairan trust store: ",
                path.display()
            )),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.trim_end().ends_with(
                "Kairan has not changed it and will not write to it until it is fixed: repair the file, or move it elsewhere (keeping a copy) to start an empty one"
            ),
            "{}",
            run.stderr
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
    }
    assert!(other.public_file.exists());
}

#[test]
fn two_processes_adding_keys_at_once_lose_none() {
    let env = Env::new();
    let per_writer = 12;
    let keys: Vec<Vec<Key>> = (0..2)
        .map(|writer| {
            (0..per_writer)
                .map(|i| env.key(&format!("w{writer}-{i}")))
                .collect()
        })
        .collect();
    std::thread::scope(|scope| {
        for (writer, keys) in keys.iter().enumerate() {
            let env = &env;
            scope.spawn(move || {
                for (i, key) in keys.iter().enumerate() {
                    let name = format!("writer {writer} key {i}");
                    let run = env.kairan(&[
                        "trust",
                        "add",
                        "--name",
                        &name,
                        key.public_file.to_str().unwrap(),
                    ]);
                    assert_eq!(run.code, Some(0), "{}", run.stderr);
                }
            });
        }
    });
    let store = TrustStore::load(&env.config().join("trust-store.json")).unwrap();
    assert_eq!(store.records().len(), 2 * per_writer);
    for key in keys.iter().flatten() {
        assert!(store.record_for(&key.public).is_some());
    }
}

#[test]
fn the_stock_minisign_tool_verifies_a_rollover_statement_by_the_old_key() {
    let env = Env::new();
    let old = env.key("old");
    env.key("new");
    let folder = env.path("statement");
    std::fs::create_dir(&folder).unwrap();
    let sign = env.kairan(&[
        "trust",
        "sign-rollover",
        "--old-key",
        "old.key",
        "--new-key",
        "new.pub",
        "--effective",
        "2024-04-01T00:00:00+09:00",
        "--output",
        "statement",
    ]);
    assert_eq!(sign.code, Some(0), "{}", sign.stderr);
    let output = std::process::Command::new("minisign")
        .args(["-V", "-m"])
        .arg(folder.join("key-rollover.json"))
        .args(["-P", &old.public.to_base64()])
        .output()
        .expect("the stock minisign tool is installed (see .ci/run)");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains(&format!(
        "Trusted comment: kairan-key-rollover v1 old={} new=",
        old.public.key_id
    )));
}

#[test]
fn a_pasted_key_can_be_renamed_exported_and_removed() {
    use std::io::Write as _;
    let env = Env::new();
    let firm = env.key("firm");
    let mut child = env
        .command()
        .args([
            "trust", "add", "--paste", "--name", "firm", "--note", "by phone",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let line = format!("{}\n", firm.public.to_base64());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());

    let rename = env.kairan(&["trust", "rename", "firm", FIRM]);
    assert_eq!(
        rename.stdout,
        format!(
            "Renamed key {} from \"firm\" to \"{FIRM}\".\n",
            firm.public.key_id
        )
    );
    let export = env.kairan(&["trust", "export", &firm.public.key_id.to_string()]);
    assert_eq!(export.stdout, firm.public.to_file_text());
    let list = env.kairan(&["trust", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(listed["keys"][0]["name"], FIRM);
    assert_eq!(listed["keys"][0]["how_added"], "pasted");
    assert_eq!(listed["keys"][0]["note"], "by phone");

    let remove = env.kairan(&["trust", "remove", &firm.public.fingerprint()]);
    assert_eq!(remove.code, Some(0), "{}", remove.stderr);
    let missing = env.kairan(&["trust", "export", FIRM]);
    assert_eq!(missing.code, Some(1));
    assert!(
        missing
            .stderr
            .contains("no key in your trust store matches")
    );
}

#[test]
fn trust_replace_takes_the_name_only_with_the_fingerprint_as_read_on_the_phone() {
    let env = Env::new();
    let firm = env.key("firm");
    let new = env.key("new");
    env.trust(&firm, FIRM);
    env.bundle(&new, "b-1", |_| {});
    let old_id = firm.public.key_id.to_string();
    let store_before = std::fs::read(env.config().join("trust-store.json")).unwrap();

    // A wrong fingerprint changes nothing.
    let wrong = env.kairan(&[
        "trust",
        "replace",
        &old_id,
        "--from-bundle",
        "b-1.kairan",
        "--fingerprint",
        "0000 0000",
        "--revoke-old",
    ]);
    assert_eq!(wrong.code, Some(1), "{}", wrong.stderr);
    assert!(wrong.stderr.contains("does not match"), "{}", wrong.stderr);
    assert_eq!(
        std::fs::read(env.config().join("trust-store.json")).unwrap(),
        store_before
    );

    // The fingerprint as typed with a Japanese input method (full-width) is the same one.
    let full_width: String = new
        .public
        .fingerprint()
        .chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='F' => char::from_u32(u32::from(c) + 0xFEE0).unwrap(),
            other => other,
        })
        .collect();
    let done = env.kairan(&[
        "trust",
        "replace",
        &old_id,
        "--from-bundle",
        "b-1.kairan",
        "--fingerprint",
        &full_width,
        "--revoke-old",
    ]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let run = env.kairan(&["verify", "b-1.kairan"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(run.stdout.contains(&verified(FIRM, &new)), "{}", run.stdout);

    // The revoked old key cannot hand its name on twice.
    let again = env.kairan(&[
        "trust",
        "replace",
        &old_id,
        "--from-bundle",
        "b-1.kairan",
        "--fingerprint",
        &new.public.fingerprint(),
        "--revoke-old",
    ]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("already revoked"), "{}", again.stderr);
}

#[test]
fn a_demo_key_bundle_is_never_offered_a_new_key_of_a_trusted_name() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    let demo =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("notices/demo-key/kairan-demo.key");
    let folder = env.notice_folder("demo", |_| {});
    let out = env.path("demo.kairan");
    let pack = env.kairan(&[
        "pack",
        folder.to_str().unwrap(),
        "--key",
        demo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(pack.code, Some(0), "{}", pack.stderr);
    let run = env.kairan(&["verify", "demo.kairan"]);
    assert_eq!(run.code, Some(4), "{}", run.stdout);
    assert!(!run.stdout.contains("trust replace"), "{}", run.stdout);
    let add = env.kairan(&[
        "trust",
        "add",
        "--name",
        "x",
        "--from-bundle",
        "demo.kairan",
        "--fingerprint",
        "0",
    ]);
    assert_eq!(add.code, Some(1));
    assert!(add.stderr.contains("public demo key"), "{}", add.stderr);
}
