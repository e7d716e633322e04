//! The plain-text import on long lines, as PDF text dumps produce them: a letter whose body is
//! one line of 20,000 characters and one of 160,000 (8× longer), in four shapes that used to
//! cost time quadratic in the line — running text with masks and no sentence end, a run of
//! dashes, many `**` pairs, many `[REDACTED]` markers. Linear reading takes about 8× as long
//! for the longer line (quadratic would take 64×). The floor is `str::lines` plus a character
//! count of the same text: reading it at all.
//!
//! Run with `cargo bench --bench import`; the result is recorded in `docs/performance.md`.
// Tests, benches and examples: a failed unwrap is a failed run, and they report by printing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

use std::time::{Duration, Instant};

use kairan::authoring::import::{ImportOptions, import_letters, import_page};

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn time(mut run: impl FnMut() -> usize) -> Duration {
    let _ = run();
    median(
        (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(run());
                started.elapsed()
            })
            .collect(),
    )
}

/// A letter whose body is `unit` repeated to `length` characters on one line.
fn letter(unit: &str, length: usize) -> String {
    let repeats = length / unit.chars().count();
    format!(
        "2023年6月28日\n\nお客様各位\n\n株式会社テスト\n\nお知らせ\n\n{}。\n\n以上\n",
        unit.repeat(repeats)
    )
}

fn main() {
    let options = ImportOptions {
        bundle_id: "bench".into(),
    };
    for (shape, unit) in [
        (
            "masks, no sentence end",
            "対象は■■■■サーバでありその後の調査では",
        ),
        ("a run of dashes", "—"),
        ("many ** pairs", "**強調** "),
        ("many [REDACTED]", "a [REDACTED] b "),
    ] {
        let mut times = Vec::new();
        for length in [20_000, 160_000] {
            let text = letter(unit, length);
            let ours = time(|| import_letters(&text, &options).unwrap().detections.len());
            let floor = time(|| text.lines().map(|line| line.chars().count()).sum());
            println!(
                "import: {shape}, one line of {length} characters: {:.2} ms, floor {:.3} ms, ratio {:.0}x",
                ours.as_secs_f64() * 1000.0,
                floor.as_secs_f64() * 1000.0,
                ours.as_secs_f64() / floor.as_secs_f64(),
            );
            times.push(ours);
        }
        println!(
            "import: {shape}: 8x the line took {:.1}x the time (linear: about 8; quadratic: 64)",
            times[1].as_secs_f64() / times[0].as_secs_f64()
        );
    }
    // A saved web page with many elements the import drops (scripts, images): 8× the
    // elements must take about 8× the time.
    let mut times = Vec::new();
    for elements in [2_500, 20_000] {
        let page = format!(
            "<h1>t</h1>{}",
            "<p><script>x</script><img src=a.png>本文</p>".repeat(elements)
        );
        let ours = time(|| import_page(&page, None, &options).unwrap().detections.len());
        println!(
            "import: web page with {elements} dropped scripts and images: {:.2} ms",
            ours.as_secs_f64() * 1000.0
        );
        times.push(ours);
    }
    println!(
        "import: web page: 8x the elements took {:.1}x the time (linear: about 8; quadratic: 64)",
        times[1].as_secs_f64() / times[0].as_secs_f64()
    );
}
