//! The library of received notices through the built binary: what `verify` and `inspect` keep
//! (and never keep), `kairan library list/search/show/remove/export/rebuild`, an index that is
//! damaged or deleted, and processes killed while they keep bundles.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::Digest as _;

use crate::support::bundle::{Parts, TestKey};
use crate::support::env::{Env, FIRM, Run};
use crate::support::zip::{self, Entry};

fn library(env: &Env) -> PathBuf {
    env.config().join("library")
}

/// The stored files, by name, with their bytes.
fn stored(env: &Env) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(library(env).join("bundles")) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().into_string().unwrap(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .filter(|(name, _)| name.ends_with(".kairan") && !name.starts_with('.'))
        .collect();
    files.sort();
    files
}

fn sha256(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|error| panic!("not JSON ({error}): {}{}", run.stdout, run.stderr))
}

fn list(env: &Env) -> (Value, Run) {
    let run = env.kairan(&["library", "list", "--json"]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    (json(&run), run)
}

/// Every report of the listing, flattened.
fn reports(listing: &Value) -> Vec<Value> {
    listing["issuers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|issuer| issuer["series"].as_array().unwrap().clone())
        .flat_map(|series| series["reports"].as_array().unwrap().clone())
        .collect()
}

fn ids(listing: &Value) -> Vec<String> {
    let mut ids: Vec<String> = reports(listing)
        .iter()
        .map(|report| report["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

fn search(env: &Env, text: &str) -> Value {
    let run = env.kairan(&["library", "search", text, "--json"]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    json(&run)
}

/// A trusted firm with reports 第1報 and 第3報 of the sample series, both opened.
fn firm_with_two_reports() -> Env {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "r1", |_| {});
    env.bundle(&firm, "r3", |meta| meta["series"]["sequence"] = 3.into());
    assert_eq!(env.kairan(&["verify", "r1.kairan"]).code, Some(0));
    assert_eq!(env.kairan(&["inspect", "r3.kairan"]).code, Some(0));
    env
}

#[test]
fn opened_notices_are_listed_by_issuer_and_series_with_the_missing_report() {
    let env = firm_with_two_reports();
    let (listing, _) = list(&env);
    let issuers = listing["issuers"].as_array().unwrap();
    assert_eq!(issuers.len(), 1, "{listing}");
    assert_eq!(issuers[0]["name"], FIRM);
    let series = &issuers[0]["series"][0];
    assert_eq!(series["series"], "mikasa-mk-system-incident-2023");
    assert_eq!(series["missing"], serde_json::json!([[2, 2]]));
    let numbers: Vec<u64> = series["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sequence"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, vec![1, 3]);
    for report in reports(&listing) {
        assert_eq!(report["status"], "verified");
        assert_eq!(report["read"], false);
        assert_eq!(report["claimed_issuer"], FIRM);
    }
    assert_eq!(listing["unread"], 2);

    let text = env.kairan(&["library", "list"]);
    assert!(text.stdout.contains("第2報  missing"), "{}", text.stdout);
    assert!(text.stdout.contains("● 第1報"), "{}", text.stdout);
    assert!(
        text.stdout.contains(&format!("{FIRM} (key ")),
        "{}",
        text.stdout
    );
}

#[test]
fn search_finds_japanese_substrings_whatever_their_width() {
    let env = firm_with_two_reports();
    // Three characters or more: the trigram index.
    let hits = search(&env, "サーバ");
    assert!(!hits["hits"].as_array().unwrap().is_empty(), "{hits}");
    let hit = &hits["hits"][0];
    assert!(hit["excerpt"].as_str().unwrap().contains("サーバ"), "{hit}");
    assert!(hit["document"].as_str().unwrap().starts_with("documents/"));
    // Full-width and half-width forms find each other, both ways.
    let ascii = search(&env, "AWS");
    let full = search(&env, "ＡＷＳ");
    assert!(!ascii["hits"].as_array().unwrap().is_empty());
    assert_eq!(ascii["hits"], full["hits"]);
    assert_eq!(search(&env, "ｻｰﾊﾞ")["hits"], hits["hits"]);
    // Two characters: the same text, scanned.
    let short = search(&env, "漏洩");
    // Two documents of each report hold it.
    assert_eq!(short["hits"].as_array().unwrap().len(), 4, "{short}");
    assert_eq!(
        search(&env, "存在しない語句")["hits"],
        serde_json::json!([])
    );
    // Both reports hold the text: one hit per notice and document.
    let notices: std::collections::BTreeSet<&str> = short["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["notice"]["bundle_id"].as_str().unwrap())
        .collect();
    assert_eq!(notices.into_iter().collect::<Vec<_>>(), vec!["r1", "r3"]);

    let text = env.kairan(&["library", "search", "ＡＷＳ"]);
    assert!(text.stdout.contains("AWS"), "{}", text.stdout);
}

#[test]
fn the_same_file_opened_again_is_kept_once() {
    let env = firm_with_two_reports();
    // 6: older than 第3報, already opened.
    assert_eq!(env.kairan(&["verify", "r1.kairan"]).code, Some(6));
    assert_eq!(env.kairan(&["inspect", "r1.kairan"]).code, Some(6));
    let files = stored(&env);
    assert_eq!(files.len(), 2);
    for (name, bytes) in &files {
        assert_eq!(*name, format!("{}.kairan", sha256(bytes)));
    }
    let original = std::fs::read(env.path("r1.kairan")).unwrap();
    assert!(files.iter().any(|(_, bytes)| *bytes == original));
    assert_eq!(reports(&list(&env).0).len(), 2);
}

#[test]
fn a_tampered_file_is_never_kept_and_its_verdict_is_unchanged() {
    let env = Env::new();
    let key = TestKey::signer();
    let mut entries = Parts::new(&key).entries(&key);
    entries[3] = Entry::stored("files/memo.txt", b"ATTACHMENT BYTES\n");
    std::fs::write(env.path("tampered.kairan"), zip::write(&entries).bytes).unwrap();
    std::fs::write(env.path("signer.pub"), key.public_file.as_bytes()).unwrap();
    let run = env.kairan(&["verify", "tampered.kairan", "--key", "signer.pub"]);
    assert_eq!(run.code, Some(4), "{}", run.stdout);
    let run = env.kairan(&["inspect", "tampered.kairan", "--key", "signer.pub"]);
    assert_eq!(run.code, Some(4), "{}", run.stdout);
    std::fs::write(env.path("broken.kairan"), b"PK not really").unwrap();
    assert_eq!(env.kairan(&["verify", "broken.kairan"]).code, Some(5));
    assert!(stored(&env).is_empty());
    assert_eq!(reports(&list(&env).0), Vec::<Value>::new());
}

#[test]
fn a_demo_key_file_is_kept_with_its_demo_status_and_no_signer_name() {
    let env = Env::new();
    std::fs::copy(
        crate::support::root().join("notices/mikasa-2023-06-29.kairan"),
        env.path("copy.kairan"),
    )
    .unwrap();
    assert_eq!(env.kairan(&["verify", "copy.kairan"]).code, Some(3));
    // The program's own sample is not something received.
    assert_eq!(env.kairan(&["verify", "--sample"]).code, Some(0));
    let (listing, _) = list(&env);
    let kept = reports(&listing);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["status"], "demo_key");
    assert_eq!(kept[0]["signer"], Value::Null);
    assert_eq!(listing["issuers"][0]["name"], Value::Null);
}

#[test]
fn no_library_keeps_nothing_and_a_broken_library_does_not_change_the_verdict() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    env.bundle(&firm, "r1", |_| {});
    let run = env.kairan(&["verify", "r1.kairan", "--no-library"]);
    assert_eq!(run.code, Some(0));
    assert!(stored(&env).is_empty());

    // The library's folder is a file: it cannot be opened.
    std::fs::write(library(&env), b"not a folder").unwrap();
    let run = env.kairan(&["verify", "r1.kairan"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("r1.kairan\n✔ VERIFIED"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("kairan: warning: could not open your library of received notices"),
        "{}",
        run.stderr
    );
    let json = env.kairan(&["verify", "r1.kairan", "--json"]);
    assert_eq!(json.code, Some(0));
    assert_eq!(self::json(&json)["status"], "verified");
}

#[test]
fn show_marks_read_remove_forgets_and_export_writes_safe_names() {
    let env = firm_with_two_reports();
    let (listing, _) = list(&env);
    let r1 = reports(&listing)
        .into_iter()
        .find(|r| r["bundle_id"] == "r1")
        .unwrap();
    let id = r1["id"].as_str().unwrap().to_owned();

    let show = env.kairan(&["library", "show", &id[..8]]);
    assert_eq!(show.code, Some(0), "{}", show.stderr);
    assert!(show.stdout.contains(&format!("id           {id}")));
    assert!(show.stdout.contains("情報漏洩"), "{}", show.stdout);
    assert_eq!(list(&env).0["unread"], 1);

    for (bad, why) in [("6b73", "not a notice id"), ("00000000", "no notice")] {
        let run = env.kairan(&["library", "show", bad]);
        assert_eq!(run.code, Some(1));
        assert!(run.stderr.contains(why), "{}", run.stderr);
    }

    let out = env.path("out");
    let run = env.kairan(&["library", "export", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, vec!["r1.kairan", "r3.kairan"]);
    assert_eq!(
        std::fs::read(out.join("r1.kairan")).unwrap(),
        std::fs::read(env.path("r1.kairan")).unwrap()
    );
    // Exporting again overwrites nothing.
    let again = env.kairan(&["library", "export", out.to_str().unwrap()]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);

    let run = env.kairan(&["library", "remove", &id[..10]]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(stored(&env).len(), 1);
    let left = reports(&list(&env).0);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["bundle_id"], "r3");
}

/// Lists the library and checks that nothing stored was lost and the rebuild was told.
fn assert_rebuilt(env: &Env, before: &[String], why: &str) {
    let (listing, run) = list(env);
    assert!(
        run.stderr.contains(why) && run.stderr.contains("rebuilt it from the stored files"),
        "{}",
        run.stderr
    );
    assert_eq!(ids(&listing), before);
    // Told once: the next opening finds a working index.
    assert_eq!(list(env).1.stderr, "");
}

#[test]
fn a_damaged_or_deleted_index_is_rebuilt_from_the_stored_files_with_a_message() {
    let env = firm_with_two_reports();
    let (listing, run) = list(&env);
    assert_eq!(run.stderr, "");
    let before = ids(&listing);
    assert_eq!(before.len(), 2);
    let index = library(&env).join("index.sqlite");

    let garbage: Vec<u8> = (0..64 * 1024).map(|i| (i * 7 + 13) as u8).collect();
    std::fs::write(&index, &garbage).unwrap();
    assert_rebuilt(&env, &before, "damaged");
    assert!(search(&env, "サーバ")["hits"].as_array().unwrap().len() >= 2);

    std::fs::remove_file(&index).unwrap();
    assert_rebuilt(&env, &before, "missing");

    let run = env.kairan(&["library", "rebuild"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("2 notices indexed"), "{}", run.stdout);
    let stored_names: Vec<String> = stored(&env).into_iter().map(|(name, _)| name).collect();
    assert_eq!(
        stored_names,
        before
            .iter()
            .map(|id| format!("{id}.kairan"))
            .collect::<Vec<_>>()
    );
}

fn random_below(limit: u64) -> u64 {
    getrandom::u64().unwrap() % limit.max(1)
}

const CRASH_ROUNDS: usize = 30;

#[cfg(unix)]
#[test]
fn processes_killed_while_keeping_notices_lose_no_stored_file_and_leave_an_agreeing_index() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    let bundles: Vec<PathBuf> = (1..=CRASH_ROUNDS as u32)
        .map(|n| {
            env.bundle(&firm, &format!("c{n}"), |meta| {
                meta["series"]["sequence"] = n.into();
            })
        })
        .collect();
    let warmup = env.bundle(&firm, "warmup", |meta| {
        meta["series"]["id"] = "warmup".into();
    });
    // How long one `verify` takes, so that kills land anywhere in it.
    let started = Instant::now();
    assert_eq!(verify(&env, &warmup).status.code(), Some(0));
    let typical = started.elapsed().as_micros() as u64;

    let mut kept: Vec<String> = stored(&env).into_iter().map(|(name, _)| name).collect();
    let (mut killed, mut completed) = (0, 0);
    for (round, bundle) in bundles.iter().enumerate() {
        let mut child = env
            .command()
            .args(["verify", bundle.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(random_below(typical * 3 / 2)));
        // SIGKILL: no destructor, no flush, no unlock but the kernel's.
        let _ = child.kill();
        if child.wait().unwrap().success() {
            completed += 1;
        } else {
            killed += 1;
        }
        let files = stored(&env);
        for (name, bytes) in &files {
            assert_eq!(
                *name,
                format!("{}.kairan", sha256(bytes)),
                "round {round}: a stored file is not whole"
            );
        }
        let names: Vec<String> = files.into_iter().map(|(name, _)| name).collect();
        for name in &kept {
            assert!(names.contains(name), "round {round}: {name} was lost");
        }
        kept = names;
    }
    assert!(killed > 0, "no process was killed ({completed} completed)");
    // Every bundle opened to the end is stored, and the index agrees with the files.
    let (listing, run) = list(&env);
    let listed: Vec<String> = ids(&listing)
        .into_iter()
        .map(|id| format!("{id}.kairan"))
        .collect();
    assert_eq!(listed, kept, "{}", run.stderr);
    // And it still takes new notices.
    for bundle in &bundles {
        // 0, or 6 for a report older than one already opened.
        let code = verify(&env, bundle).status.code();
        assert!(matches!(code, Some(0 | 6)), "{code:?}");
    }
    assert_eq!(reports(&list(&env).0).len(), CRASH_ROUNDS + 1);
    assert_eq!(stored(&env).len(), CRASH_ROUNDS + 1);
}

fn verify(env: &Env, bundle: &Path) -> std::process::Output {
    env.command()
        .args(["verify", bundle.to_str().unwrap()])
        .output()
        .unwrap()
}

#[test]
fn the_list_and_search_never_say_verified_for_a_key_revoked_since() {
    let env = firm_with_two_reports();
    let run = env.kairan(&["trust", "revoke", FIRM]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let (listing, _) = list(&env);
    for report in reports(&listing) {
        assert_eq!(report["status"], "revoked", "{listing}");
    }
    let hits = search(&env, "サービス");
    let hits = hits["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        assert_ne!(hit["status"], "verified", "{hit}");
    }
}
