//! A three-report series of the sample's own, for the diff and library tests: 第2報 discloses
//! the first ■■■■ as "DB" and adds a section 8; 第3報 also lifts the omission under section 1
//! and moves 6月末 to 7月上旬.

use std::path::PathBuf;

use super::env::{Env, Key};

/// The vendor report of the sample's notice folder.
pub const REPORT: &str = "documents/vendor-report-2023-06-28.notice.md";

/// A report of the sample series numbered `sequence`, its vendor report edited by `edit`,
/// signed by `key` into a file named after `name`.
pub fn report(
    env: &Env,
    key: &Key,
    name: &str,
    sequence: u32,
    edit: impl Fn(&str) -> String,
) -> PathBuf {
    let folder = env.notice_folder(name, |metadata| {
        metadata["series"]["sequence"] = sequence.into();
    });
    let path = folder.join(REPORT);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    env.pack(&folder, key, name)
}

/// 第2報: the first ■■■■ is disclosed as "DB", and a section 8 is added.
pub fn second(text: &str) -> String {
    text.replacen("{{■■■■}}サーバ", "DBサーバ", 1).replacen(
        "-> 以上",
        "## 8. 今後の見通し {#s8}\n\n復旧は6月末の見込みです。\n\n-> 以上",
        1,
    )
}

/// 第3報: 第2報, with the omission under section 1 lifted and 6月末 moved to 7月上旬.
pub fn third(text: &str) -> String {
    let lifted = second(text);
    let start = lifted.find("[[—省略—").unwrap();
    let end = start + lifted[start..].find("]]").unwrap() + 2;
    format!(
        "{}6月5日に異常を検知しました。{}",
        &lifted[..start],
        &lifted[end..]
    )
    .replace("6月末", "7月上旬")
}
