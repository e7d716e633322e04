//! Frame cost against document size: steady-state CPU time of one viewer frame (layout,
//! drawing and tessellation, without the GPU) scrolled to the middle of a 10 MB Japanese notice,
//! against the 6 KB firm notice of the sample. The viewer lays letters out once and draws only
//! what is visible, so the two should cost about the same.
//!
//! Run with `cargo bench --bench frame`; `scripts/bench.sh` records the result.
// Tests, benches and examples: a failed unwrap is a failed run, and they report by printing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    missing_docs
)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use kairan::authoring::{PackOptions, pack_folder};
use kairan::bundle::SecretKey;
use kairan::bundle::keys::{Protection, generate};
use kairan::document::{Block, Document, Inline, Mask, WithheldBy};
use kairan::trust::ConfigDir;
use kairan::ui::command::Command;
use kairan::ui::i18n::Language;
use kairan::ui::{AppOptions, FirstOpen, KairanApp};

const TARGET_BYTES: usize = 10 * 1024 * 1024;
const FRAMES: usize = 300;

/// A firm notice of about 10 MB: the sample's paragraphs repeated, with one masked field in
/// the middle for the viewer's Next button to scroll to.
fn big_notice() -> Document {
    let sample = kairan::sample::open_sample().expect("the sample opens");
    let mut document = sample.documents[0].document.clone();
    let paragraphs: Vec<Block> = document
        .body
        .iter()
        .filter_map(|block| match block {
            // Links become their text: this bundle has no other documents to point to.
            Block::Paragraph { content } => Some(Block::Paragraph {
                content: content
                    .iter()
                    .map(|inline| match inline {
                        Inline::Link { text, .. } => Inline::text(text.clone()),
                        other => other.clone(),
                    })
                    .collect(),
            }),
            _ => None,
        })
        .collect();
    let per_round: usize = paragraphs
        .iter()
        .map(|p| serde_json::to_vec(p).map_or(0, |b| b.len()))
        .sum();
    let rounds = TARGET_BYTES / per_round.max(1) + 1;
    let mut body = Vec::with_capacity(rounds * paragraphs.len() + 1);
    for round in 0..rounds {
        if round == rounds / 2 {
            body.push(Block::Paragraph {
                content: vec![
                    Inline::text("中央の伏せ字："),
                    Inline::Mask(Mask {
                        marker: "■■■■".into(),
                        label: None,
                        reason: None,
                        masked_by: WithheldBy::NotStated,
                    }),
                ],
            });
        }
        body.extend(paragraphs.iter().cloned());
    }
    document.body = body;
    document
}

fn big_bundle(dir: &std::path::Path) -> std::path::PathBuf {
    let documents = dir.join("documents");
    std::fs::create_dir_all(&documents).expect("a temporary folder");
    std::fs::write(documents.join("big.json"), big_notice().to_json())
        .expect("the notice is written");
    std::fs::write(
        dir.join("bundle.json"),
        r#"{"bundle_id":"bench-10mb","series":{"id":"bench","sequence":1},"issued_at":"2026-01-01T00:00:00Z",
            "issuer_name":"Benchmark","entries":[{"file":"documents/big.json","role":"firm_notice"}]}"#,
    )
    .expect("bundle.json is written");
    let pair = generate(Protection::Unprotected, "bench").expect("a key");
    let key = SecretKey::from_file_text(&pair.secret_file, None).expect("the key loads");
    let bytes = pack_folder(dir, &key, &PackOptions::default()).expect("the bundle packs");
    let path = dir.join("big.kairan");
    std::fs::write(&path, bytes).expect("the bundle is written");
    path
}

fn harness(first: FirstOpen, config: ConfigDir) -> Harness<'static, KairanApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(kairan::ui::fonts::install)
        .build_eframe(move |cc| {
            KairanApp::new(
                cc,
                AppOptions {
                    first,
                    trusted: vec![kairan::sample::demo_trusted_key()],
                    recent_store: None,
                    system_language: Some(Language::Japanese),
                    config_dir: Some(config.clone()),
                },
            )
        })
}

/// Median CPU time of a frame once the view is scrolled to the first withheld item.
fn median_frame(first: FirstOpen, config: ConfigDir) -> Duration {
    let mut harness = harness(first, config);
    harness.run_steps(5);
    harness.state_mut().state.handle(Command::NextWithheld);
    harness.run_steps(30); // scrolling and the flash settle; layouts are cached
    let pixels_per_point = harness.ctx.pixels_per_point();
    let mut times = Vec::with_capacity(FRAMES);
    for _ in 0..FRAMES {
        let started = Instant::now();
        harness.step();
        let shapes = harness.output().shapes.clone();
        let meshes = harness.ctx.tessellate(shapes, pixels_per_point);
        std::hint::black_box(meshes);
        times.push(started.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let big = big_bundle(dir.path());
    let big_size = std::fs::metadata(&big).map_or(0, |m| m.len());
    let config = ConfigDir::at(dir.path().join("config"));
    let small = median_frame(FirstOpen::Sample, config.clone());
    let large = median_frame(FirstOpen::File(big), config);
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    println!(
        "frame: sample {:.3} ms, 10 MB notice ({:.1} MiB bundle) {:.3} ms, ratio {ratio:.2}",
        small.as_secs_f64() * 1e3,
        big_size as f64 / (1024.0 * 1024.0),
        large.as_secs_f64() * 1e3
    );
}
