//! The library of received notices with 1,000 kept notices: opening it (which checks the index
//! against the stored files), listing it (series grouped by issuer), and searching it — a rare
//! term, a term in every notice (trigram index), and a two-character term (scanned) — each
//! against SQLite's own time for the same query on the same database, stepping through the same
//! rows and columns: the floor no library over SQLite can go below.
//!
//! Then the diff of two 50 KB reports of one series (`series::diff::diff_documents`: paragraphs
//! aligned, characters compared inside changed ones, masks followed), against the floor of a
//! plain line diff of the same two texts with `similar` followed by a character diff of each
//! changed line with `dissimilar` — the same two libraries, without the letters' structure or
//! the masks.
//!
//! Run with `cargo bench --bench library`; the result is recorded in `docs/performance.md`.
// Tests, benches and examples: a failed unwrap is a failed run, and they report by printing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

use std::path::Path;
use std::time::{Duration, Instant};

use kairan::authoring::{PackOptions, pack_folder};
use kairan::bundle::keys::{Protection, generate};
use kairan::bundle::{SecretKey, TrustedKey, open_bytes};
use kairan::library::{Library, Listing, Opening, Reader, Reading};
use kairan::trust::{Origin, Records, assess};

const NOTICES: usize = 1_000;
const RUNS: usize = 25;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn time(mut run: impl FnMut() -> usize) -> (Duration, usize) {
    let mut count = run();
    let times = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            count = run();
            started.elapsed()
        })
        .collect();
    (median(times), count)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Fills a library with `NOTICES` notices: 100 series of 10 reports, each the sample with its
/// own bundle id and one paragraph of its own (`管理番号 KN-NNNN`).
fn fill(folder: &Path, work: &Path, key: &SecretKey, trusted: &[TrustedKey]) -> Library {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let notice = work.join("notice");
    copy_dir(&root.join("notices/mikasa-2023-06-29"), &notice);
    let letter = notice.join("documents/firm-notice-2023-06-29.notice.md");
    let original_letter = std::fs::read_to_string(&letter).unwrap();
    let metadata_path = notice.join("bundle.json");
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&metadata_path).unwrap()).unwrap();
    let reader = Reader {
        keys: trusted,
        store: None,
        settings: None,
    };
    let mut library = Library::open(folder, reader).unwrap().library;
    for n in 0..NOTICES {
        let mut metadata = original.clone();
        metadata["bundle_id"] = format!("bench-{n:04}").into();
        metadata["series"]["id"] = format!("series-{:03}", n / 10).into();
        metadata["series"]["sequence"] = (n % 10 + 1).into();
        std::fs::write(&metadata_path, serde_json::to_vec(&metadata).unwrap()).unwrap();
        std::fs::write(&letter, format!("{original_letter}\n管理番号 KN-{n:04}\n")).unwrap();
        let bytes = pack_folder(&notice, key, &PackOptions::default()).unwrap();
        let bundle = open_bytes(bytes.into(), trusted).unwrap();
        let now = jiff::Timestamp::now();
        let assessment = assess(&bundle, Records::default(), Origin::File, now);
        library
            .keep(&Opening {
                bundle: &bundle,
                assessment: &assessment,
                origin: Origin::File,
                reading: Reading::VerdictOnly,
                at: now,
            })
            .unwrap();
    }
    library
}

/// SQLite's own time for a search: the same joined query, every row and column read.
fn floor_search(connection: &rusqlite::Connection, condition: &str, argument: &str) -> usize {
    let sql = format!(
        "SELECT n.id, n.signer, n.claimed_issuer, n.key_id, n.series_id, n.sequence, n.bundle_id,
                n.issued_at, n.received_unix, n.status, n.read, d.path, d.title, d.text
         FROM documents_fts f
         JOIN documents d ON d.rowid = f.rowid
         JOIN notices n ON n.id = d.notice_id
         WHERE {condition}
         ORDER BY n.issued_unix DESC, n.id, d.position"
    );
    let mut statement = connection.prepare_cached(&sql).unwrap();
    let mut rows = statement.query([argument]).unwrap();
    let mut count = 0;
    while let Some(row) = rows.next().unwrap() {
        for column in 0..14 {
            let _: rusqlite::types::Value = row.get(column).unwrap();
        }
        count += 1;
    }
    count
}

fn floor_list(connection: &rusqlite::Connection) -> usize {
    let mut statement = connection
        .prepare_cached(
            "SELECT n.id, n.signer, n.claimed_issuer, n.key_id, n.series_id, n.sequence,
                    n.bundle_id, n.issued_at, n.received_unix, n.status, n.read
             FROM notices n ORDER BY n.series_id, n.sequence, n.received_unix, n.id",
        )
        .unwrap();
    let mut rows = statement.query([]).unwrap();
    let mut count = 0;
    while let Some(row) = rows.next().unwrap() {
        for column in 0..11 {
            let _: rusqlite::types::Value = row.get(column).unwrap();
        }
        count += 1;
    }
    count
}

fn report(what: &str, ours: (Duration, usize), floor: (Duration, usize)) {
    assert_eq!(
        ours.1, floor.1,
        "{what}: the two did not find the same rows"
    );
    println!(
        "library: {what}: {:.3} ms, floor {:.3} ms, ratio {:.2}x ({} rows)",
        ours.0.as_secs_f64() * 1000.0,
        floor.0.as_secs_f64() * 1000.0,
        ours.0.as_secs_f64() / floor.0.as_secs_f64(),
        ours.1
    );
}

/// Two reports of about 50 KB each: the sample's report grown to many sections, and the same
/// with a date changed in every other section, a mask disclosed, and a section added.
fn two_reports() -> (kairan::document::Document, kairan::document::Document) {
    use kairan::document::{Block, Inline};
    let sample = kairan::sample::open_sample().unwrap();
    let report = &sample.documents[1].document;
    let paragraphs: Vec<&Block> = report
        .body
        .iter()
        .filter(|block| matches!(block, Block::Paragraph { .. }))
        .collect();
    let mut older = report.clone();
    older.body.clear();
    let mut section = 0;
    while older.to_json().len() < 50 * 1024 {
        section += 1;
        older.body.push(Block::Heading {
            id: format!("s{section}"),
            level: 1,
            content: vec![Inline::text(format!(
                "{section}. 調査の経過（その{section}）"
            ))],
        });
        for paragraph in &paragraphs {
            older.body.push((*paragraph).clone());
        }
        older.body.push(Block::Paragraph {
            content: vec![Inline::text(format!(
                "第{section}項の復旧は6月末を予定しております。"
            ))],
        });
    }
    let mut newer = older.clone();
    let mut disclosed = false;
    let mut section = 0;
    for block in &mut newer.body {
        if matches!(block, Block::Heading { .. }) {
            section += 1;
        }
        let Block::Paragraph { content } = block else {
            continue;
        };
        for inline in content.iter_mut() {
            if let Inline::Text { text } = inline
                && section % 2 == 0
            {
                *text = text.replace("6月末", "7月上旬");
            }
            if !disclosed && matches!(inline, Inline::Mask(_)) {
                *inline = Inline::text("ファイル");
                disclosed = true;
            }
        }
    }
    newer.body.push(Block::Heading {
        id: "added".into(),
        level: 1,
        content: vec![Inline::text("追加された節")],
    });
    (older, newer)
}

/// The floor for a diff: lines aligned with `similar`, then each replaced pair compared by
/// character with `dissimilar`; returns how many line changes it found.
fn floor_diff(older: &str, newer: &str) -> usize {
    let diff = similar::TextDiff::from_lines(older, newer);
    let mut changes = 0;
    for op in diff.ops() {
        if let similar::DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } = *op
        {
            let old_lines: Vec<&str> = older.lines().skip(old_index).take(old_len).collect();
            let new_lines: Vec<&str> = newer.lines().skip(new_index).take(new_len).collect();
            for (old, new) in old_lines.iter().zip(&new_lines) {
                changes += dissimilar::diff(old, new).len();
            }
        }
        if !matches!(op, similar::DiffOp::Equal { .. }) {
            changes += 1;
        }
    }
    changes
}

fn bench_diff() {
    let (older, newer) = two_reports();
    let changes = kairan::series::diff::diff_documents(&older, &newer);
    let (older_text, newer_text) = (
        kairan::document::plain_text(&older),
        kairan::document::plain_text(&newer),
    );
    let (ours, _) = time(|| kairan::series::diff::diff_documents(&older, &newer).len());
    let (floor, _) = time(|| floor_diff(&older_text, &newer_text));
    println!(
        "library: diff of two reports ({} KB and {} KB, {} changes found): {:.3} ms, floor {:.3} ms, ratio {:.2}x",
        older.to_json().len() / 1024,
        newer.to_json().len() / 1024,
        changes.len(),
        ours.as_secs_f64() * 1000.0,
        floor.as_secs_f64() * 1000.0,
        ours.as_secs_f64() / floor.as_secs_f64(),
    );
}

fn main() {
    bench_diff();
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("library");
    let pair = generate(Protection::Unprotected, "bench").unwrap();
    let key = SecretKey::from_file_text(&pair.secret_file, None).unwrap();
    let trusted = vec![TrustedKey {
        name: "みかさ社会保険労務士法人".to_owned(),
        public_key: pair.public_key,
    }];
    let started = Instant::now();
    let library = fill(&folder, work.path(), &key, &trusted);
    println!(
        "library: kept {NOTICES} notices in {:.1} s (pack, open, assess and keep each)",
        started.elapsed().as_secs_f64()
    );
    drop(library);
    let reader = Reader {
        keys: &trusted,
        store: None,
        settings: None,
    };
    let (open, _) = time(|| {
        let opened = Library::open(&folder, reader).unwrap();
        assert!(opened.rebuilt.is_none());
        1
    });
    println!(
        "library: open ({NOTICES} stored files checked against the index): {:.3} ms",
        open.as_secs_f64() * 1000.0
    );
    let library = Library::open(&folder, reader).unwrap().library;
    let connection = rusqlite::Connection::open(folder.join("index.sqlite")).unwrap();

    report(
        "list",
        time(|| {
            let listing = Listing::of(library.notices().unwrap());
            listing
                .issuers
                .iter()
                .flat_map(|issuer| &issuer.series)
                .map(|series| series.reports.len())
                .sum()
        }),
        time(|| floor_list(&connection)),
    );
    for (what, query, condition, argument) in [
        (
            "search a rare term (KN-0500, trigram)",
            "ＫＮ－０５００",
            "documents_fts MATCH ?1",
            "\"kn-0500\"",
        ),
        (
            "search a term in every notice (サーバ, trigram)",
            "ｻｰﾊﾞ",
            "documents_fts MATCH ?1",
            "\"サーバ\"",
        ),
        (
            "search two characters (漏洩, scanned)",
            "漏洩",
            "f.folded LIKE ?1 ESCAPE '\\'",
            "%漏洩%",
        ),
    ] {
        report(
            what,
            time(|| library.search(query).unwrap().len()),
            time(|| floor_search(&connection, condition, argument)),
        );
    }
}
