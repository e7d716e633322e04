//! `kairan diff` on a three-report series of our own: a mask disclosed and a section added in
//! 第2報, an omission lifted and a date moved in 第3報; continuity refused across signers.

use std::path::Path;

use crate::support::env::{Env, FIRM};
use crate::support::series::{report, second, third};

fn diff_json(env: &Env, older: &Path, newer: &Path) -> (Option<i32>, serde_json::Value) {
    let run = env.kairan(&[
        "diff",
        older.to_str().unwrap(),
        newer.to_str().unwrap(),
        "--json",
    ]);
    let json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}{}", run.stdout, run.stderr));
    (run.code, json)
}

#[test]
fn a_three_report_series_shows_what_each_report_changed() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    let first = report(&env, &firm, "r1", 1, |text| text.to_owned());
    let second_report = report(&env, &firm, "r2", 2, second);
    let third_report = report(&env, &firm, "r3", 3, third);

    let (code, diff) = diff_json(&env, &first, &second_report);
    assert_eq!(code, Some(0), "{diff:#}");
    assert_eq!(diff["continuity"], "same_signer");
    assert_eq!(diff["older"]["sequence"], 1);
    assert_eq!(diff["newer"]["sequence"], 2);
    assert_eq!(diff["disclosed"].as_array().unwrap().len(), 1, "{diff:#}");
    assert_eq!(diff["disclosed"][0]["marker"], "■■■■");
    assert_eq!(diff["disclosed"][0]["revealed"], "DB");
    assert_eq!(diff["disclosed"][0]["heading"], "6. 情報漏洩の有無について");
    assert_eq!(diff["sections_added"][0]["title"], "8. 今後の見通し");
    assert_eq!(diff["summary"]["disclosed"], 1);
    assert_eq!(diff["summary"]["sections_added"], 1);
    assert!(diff["omissions_lifted"].as_array().unwrap().is_empty());

    // Given newer first, the diff still names the older one as older.
    let (code, diff) = diff_json(&env, &third_report, &second_report);
    assert_eq!(code, Some(0));
    assert_eq!(diff["swapped"], true);
    assert_eq!(diff["older"]["sequence"], 2);
    assert_eq!(
        diff["omissions_lifted"].as_array().unwrap().len(),
        1,
        "{diff:#}"
    );
    assert_eq!(diff["omissions_lifted"][0]["heading"], "1. 発生事象");
    assert!(diff["disclosed"].as_array().unwrap().is_empty());
    let edits: Vec<(String, String)> = diff["paragraphs_changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|change| change["change"] == "changed")
        .flat_map(|change| change["edits"].as_array().unwrap().clone())
        .map(|edit| {
            (
                edit["op"].as_str().unwrap().to_owned(),
                edit["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let joined = |op: &str| -> String {
        edits
            .iter()
            .filter(|(kind, _)| kind == op)
            .map(|(_, text)| text.as_str())
            .collect()
    };
    assert_eq!(joined("delete"), "6月末", "{edits:?}");
    assert_eq!(joined("insert"), "7月上旬", "{edits:?}");

    // The text form reads as the character-level change.
    let run = env.kairan(&[
        "diff",
        second_report.to_str().unwrap(),
        third_report.to_str().unwrap(),
    ]);
    assert!(
        run.stdout.contains("[-6月末-]{+7月上旬+}"),
        "{}",
        run.stdout
    );
    // Masks that stayed as they were are not changes.
    assert!(!run.stdout.contains("[-■■■■-]{+■■■■+}"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("◇ OMISSION LIFTED —省略— (in 1. 発生事象)"),
        "{}",
        run.stdout
    );
}

#[test]
fn reports_signed_by_different_keys_are_not_a_continuation() {
    let env = Env::new();
    let firm = env.key("firm");
    let other = env.key("other");
    env.trust(&firm, FIRM);
    let first = report(&env, &firm, "r1", 1, |text| text.to_owned());
    let forged = report(&env, &other, "r2", 2, second);
    let run = env.kairan(&["diff", first.to_str().unwrap(), forged.to_str().unwrap()]);
    assert_eq!(run.code, Some(4), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("⚠ NOT VERIFIED — report r2 is alarm"),
        "{}",
        run.stdout
    );

    // Two reports by one key the reader has not trusted, or has revoked, are no update either.
    let unknown_first = report(&env, &other, "u1", 1, |text| text.to_owned());
    let (code, diff) = diff_json(&env, &unknown_first, &forged);
    assert_eq!(code, Some(4));
    assert_eq!(diff["continuity"], "not_verified", "{diff:#}");
    let second_by_firm = report(&env, &firm, "r2-firm", 2, second);
    let (code, diff) = diff_json(&env, &first, &second_by_firm);
    assert_eq!(
        (code, diff["continuity"].as_str()),
        (Some(0), Some("same_signer"))
    );
    let run = env.kairan(&["trust", "revoke", &firm.public.key_id.to_string()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let (code, diff) = diff_json(&env, &first, &second_by_firm);
    assert_eq!(code, Some(4));
    assert_eq!(diff["continuity"], "not_verified", "{diff:#}");

    // A report that does not verify is not compared at all.
    let mut bytes = std::fs::read(&forged).unwrap();
    let last = bytes.len() - 30;
    bytes[last] ^= 1;
    let broken = env.path("broken.kairan");
    std::fs::write(&broken, bytes).unwrap();
    let run = env.kairan(&["diff", first.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_ne!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_mask_disclosed_in_a_table_cell_is_reported_under_its_section() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    let table = |cell: &str| {
        format!(
            "\n表：主な経緯\n| 日時 | 内容 |\n| --- | --- |\n| 6月26日 | {cell}で異常を検知 |\n\n## 7. "
        )
    };
    let masked = table("{{■■■■ | label: サーバ名}}");
    let first = report(&env, &firm, "t1", 1, |text| {
        text.replacen("\n## 7. ", &masked, 1)
    });
    let open = table("ファイルサーバ");
    let second = report(&env, &firm, "t2", 2, |text| {
        text.replacen("\n## 7. ", &open, 1)
    });
    let (code, diff) = diff_json(&env, &first, &second);
    assert_eq!(code, Some(0), "{diff:#}");
    assert_eq!(diff["disclosed"].as_array().unwrap().len(), 1, "{diff:#}");
    assert_eq!(diff["disclosed"][0]["marker"], "■■■■");
    assert_eq!(diff["disclosed"][0]["revealed"], "ファイルサーバ");
    assert_eq!(diff["disclosed"][0]["heading"], "6. 情報漏洩の有無について");
}

#[test]
fn a_mask_gone_from_rearranged_rows_is_still_reported_as_disclosed() {
    let env = Env::new();
    let firm = env.key("firm");
    env.trust(&firm, FIRM);
    let first = report(&env, &firm, "m1", 1, |text| {
        text.replacen(
            "\n## 7. ",
            "\n| 氏名 | {{■■■■ | reason: a}} |\n| 住所 | 東京 |\n\n## 7. ",
            1,
        )
    });
    let second = report(&env, &firm, "m2", 2, |text| {
        text.replacen(
            "\n## 7. ",
            "\n| 住所 | 東京 |\n| 氏名 | 山田 |\n\n## 7. ",
            1,
        )
    });
    let (code, diff) = diff_json(&env, &first, &second);
    assert_eq!(code, Some(0), "{diff:#}");
    assert_eq!(diff["disclosed"].as_array().unwrap().len(), 1, "{diff:#}");
    assert_eq!(diff["disclosed"][0]["marker"], "■■■■");
    // What replaced it cannot be told from rearranged rows; the paragraph's edits show it.
    assert_eq!(diff["disclosed"][0]["revealed"], "");
    let text = env.kairan(&["diff", first.to_str().unwrap(), second.to_str().unwrap()]);
    assert!(
        text.stdout
            .contains("DISCLOSED ■■■■ (the text was rearranged"),
        "{}",
        text.stdout
    );
}
