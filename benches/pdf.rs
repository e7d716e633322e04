//! Making a PDF of a notice (`kairan::pdf::render`): the built-in sample with its circulation
//! slip, and a notice of about a hundred pages with a masked field and a link every few
//! paragraphs, each against the floor: the same engine setting the same text in the same font
//! and page size as plain paragraphs, with no verdict strip, footer, notes, boxes or letter
//! layout (`kairan::pdf::plain_paragraphs_for_benchmark`). The ratio is what the paper's
//! furniture and the notes cost on top of setting the text at all. Typst's memo caches are
//! emptied after every PDF (as the app does), so each run lays the pages out from scratch.
//!
//! Run with `cargo bench --bench pdf`; the result is recorded in `docs/performance.md`.
// Tests, benches and examples: a failed unwrap is a failed run, and they report by printing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

use std::time::{Duration, Instant};

use kairan::bundle::{OpenedBundle, Verdict};
use kairan::document::{Block, Inline, LinkTarget, Mask, WithheldBy, plain_text};
use kairan::language::Language;
use kairan::pdf::{PdfRequest, Slip, plain_paragraphs_for_benchmark, render};
use kairan::trust::{Origin, Records, assess};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn time(runs: usize, mut run: impl FnMut() -> Vec<u8>) -> (Duration, usize) {
    let mut bytes = run().len();
    let times = (0..runs)
        .map(|_| {
            let started = Instant::now();
            bytes = run().len();
            started.elapsed()
        })
        .collect();
    (median(times), bytes)
}

/// The sample's firm notice grown to about a hundred pages: its paragraphs over and over, a
/// masked field and a link to the report every fifth paragraph.
fn long_notice(sample: &OpenedBundle) -> OpenedBundle {
    let mut bundle = sample.clone();
    let firm = &mut bundle.documents[0].document;
    let report_path = sample.documents[1].entry.path.clone();
    let paragraphs: Vec<Vec<Inline>> = firm
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph { content } => Some(content.clone()),
            _ => None,
        })
        .collect();
    let mut body = Vec::new();
    for n in 0..1_400 {
        let mut content = paragraphs[n % paragraphs.len()].clone();
        if n % 5 == 0 {
            content.push(Inline::Mask(Mask {
                marker: "■■■■".into(),
                label: Some("サーバ名".into()),
                reason: Some("攻撃に悪用されないため".into()),
                masked_by: WithheldBy::Author,
            }));
            content.push(Inline::Link {
                target: LinkTarget::Document {
                    path: report_path.clone(),
                    heading: None,
                },
                text: "報告書".into(),
            });
        }
        body.push(Block::Paragraph { content });
    }
    firm.body = body;
    bundle
}

fn paragraphs_of(bundle: &OpenedBundle) -> Vec<String> {
    bundle
        .documents
        .iter()
        .flat_map(|document| {
            plain_text(&document.document)
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|line| !line.trim().is_empty())
        .collect()
}

fn pages(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("kairan-bench-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.pdf");
    std::fs::write(&path, pdf).unwrap();
    let pages = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .ok()
        .and_then(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .find_map(|line| line.strip_prefix("Pages:").map(|n| n.trim().to_owned()))
        })
        .unwrap_or_else(|| "? (pdfinfo missing)".to_owned());
    let _ = std::fs::remove_dir_all(&dir);
    pages
}

fn main() {
    let sample = kairan::sample::open_sample().unwrap();
    assert!(matches!(sample.verdict, Verdict::Verified { .. }));
    let long = long_notice(&sample);
    let slip = Slip {
        received: "2023年6月30日".into(),
        deadline: "7月7日".into(),
        return_to: "総務部".into(),
        recipients: vec!["総務部".into(), "経理部".into()],
    };
    for (name, bundle, runs, slip) in [
        ("sample with slip", &sample, 15, Some(&slip)),
        ("100-page notice", &long, 5, None),
    ] {
        let assessment = assess(
            bundle,
            Records::default(),
            Origin::BuiltInSample,
            jiff::Timestamp::now(),
        );
        let request = PdfRequest {
            bundle,
            assessment: &assessment,
            language: Language::Japanese,
            show_anyway: false,
            slip,
            checked_at: jiff::Timestamp::now(),
            cautions: &[],
        };
        let (kairan, _) = time(runs, || render(&request).unwrap());
        let pdf = render(&request).unwrap();
        let paragraphs = paragraphs_of(bundle);
        let (floor, _) = time(runs, || {
            plain_paragraphs_for_benchmark(&paragraphs).unwrap()
        });
        let floor_pdf = plain_paragraphs_for_benchmark(&paragraphs).unwrap();
        println!(
            "pdf: {name}: {:.1} ms for {} pages ({} KiB) vs floor {:.1} ms for {} pages: {:.2}×",
            kairan.as_secs_f64() * 1000.0,
            pages(&pdf),
            pdf.len() / 1024,
            floor.as_secs_f64() * 1000.0,
            pages(&floor_pdf),
            kairan.as_secs_f64() / floor.as_secs_f64(),
        );
    }
}
