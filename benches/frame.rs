//! Frame cost against document size: steady-state CPU time of one viewer frame (layout,
//! drawing and tessellation, without the GPU) scrolled to the middle of a 10 MB Japanese notice,
//! against the 6 KB firm notice of the sample. The viewer lays letters out once and draws only
//! what is visible, so the two should cost about the same.
//!
//! Then the worst cases a file within the caps can be (`KAIRAN_BENCH_WORST=1`): one paragraph
//! of 100,000 masked fields, and the longest title a head line may have. For each, the time to the first frame (opening, laying out, drawing),
//! the steady frame time, and the process's peak memory so far (cases run smallest first), each
//! against the sample's.
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

/// A notice whose one paragraph holds 100,000 masked fields between short runs of text.
fn many_masks() -> Document {
    let sample = kairan::sample::open_sample().expect("the sample opens");
    let mut document = sample.documents[0].document.clone();
    let mut content = Vec::with_capacity(200_000);
    for _ in 0..100_000 {
        content.push(Inline::text("対象："));
        content.push(Inline::Mask(Mask {
            marker: "■■■■".into(),
            label: None,
            reason: None,
            masked_by: WithheldBy::NotStated,
        }));
    }
    document.body = vec![Block::Paragraph { content }];
    document
}

/// A notice whose title is as long as a head line may be (a longer one is refused on opening:
/// a 10 MB title took 29 s and 7.4 GB to reach its first frame).
fn huge_title() -> Document {
    let sample = kairan::sample::open_sample().expect("the sample opens");
    let mut document = sample.documents[0].document.clone();
    document.title = Inline::line("長".repeat(kairan::bundle::limits::MAX_HEAD_LINE_CHARS));
    document.body = vec![Block::Paragraph {
        content: vec![Inline::text("本文です。")],
    }];
    document
}

fn big_bundle(dir: &std::path::Path) -> std::path::PathBuf {
    bundle_of(dir, "big", &big_notice())
}

/// `document` as the firm notice of a bundle of its own, in a folder `name` under `dir`.
fn bundle_of(dir: &std::path::Path, name: &str, document: &Document) -> std::path::PathBuf {
    let dir = dir.join(name);
    let documents = dir.join("documents");
    std::fs::create_dir_all(&documents).expect("a temporary folder");
    std::fs::write(documents.join("big.json"), document.to_json()).expect("the notice is written");
    std::fs::write(
        dir.join("bundle.json"),
        r#"{"bundle_id":"bench-10mb","series":{"id":"bench","sequence":1},"issued_at":"2026-01-01T00:00:00Z",
            "issuer_name":"Benchmark","entries":[{"file":"documents/big.json","role":"firm_notice"}]}"#,
    )
    .expect("bundle.json is written");
    let pair = generate(Protection::Unprotected, "bench").expect("a key");
    let key = SecretKey::from_file_text(&pair.secret_file, None).expect("the key loads");
    let bytes = pack_folder(&dir, &key, &PackOptions::default()).expect("the bundle packs");
    let path = dir.join("big.kairan");
    std::fs::write(&path, bytes).expect("the bundle is written");
    path
}

/// A window size in pixels and a zoom factor.
#[derive(Clone, Copy)]
struct View {
    name: &'static str,
    size: [f32; 2],
    zoom: f32,
}

const ORDINARY: View = View {
    name: "100 %",
    size: [1280.0, 800.0],
    zoom: 1.0,
};

/// The views the frame cost is compared in: the ordinary window, zoomed to 200 %, and narrow.
const VIEWS: [View; 3] = [
    ORDINARY,
    View {
        name: "200 %",
        size: [1280.0, 800.0],
        zoom: 2.0,
    },
    View {
        name: "480 px wide",
        size: [480.0, 800.0],
        zoom: 1.0,
    },
];

fn harness(first: FirstOpen, config: ConfigDir, view: View) -> Harness<'static, KairanApp> {
    let harness = Harness::builder()
        .with_size(view.size)
        .with_context_setup(kairan::ui::fonts::install)
        .build_eframe(move |cc| {
            KairanApp::new(
                cc,
                AppOptions {
                    first,
                    trusted: vec![kairan::sample::demo_trusted_key()],
                    recent_store: None,
                    system_language: Some(Language::Japanese),
                    takes_system_opens: false,
                    config_dir: Some(config.clone()),
                },
            )
        });
    harness.ctx.set_zoom_factor(view.zoom);
    harness
}

/// Median CPU time of a frame once the view is scrolled to the first withheld item.
fn median_frame(first: FirstOpen, config: ConfigDir, view: View) -> Duration {
    measure(first, config, FRAMES, view).1
}

/// Time to the first frame and median CPU time of `frames` steady frames once the view is
/// scrolled to the first withheld item.
fn measure(first: FirstOpen, config: ConfigDir, frames: usize, view: View) -> (Duration, Duration) {
    let started = Instant::now();
    let mut harness = harness(first, config, view);
    harness.step();
    let first_frame = started.elapsed();
    harness.run_steps(4);
    harness.state_mut().state.handle(Command::NextWithheld);
    harness.run_steps(30); // scrolling and the flash settle; layouts are cached
    let pixels_per_point = harness.ctx.pixels_per_point();
    let mut times = Vec::with_capacity(frames);
    for _ in 0..frames {
        let started = Instant::now();
        harness.step();
        let shapes = harness.output().shapes.clone();
        let meshes = harness.ctx.tessellate(shapes, pixels_per_point);
        std::hint::black_box(meshes);
        times.push(started.elapsed());
    }
    times.sort();
    (first_frame, times[times.len() / 2])
}

/// The process's peak resident memory so far, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let big = big_bundle(dir.path());
    let big_size = std::fs::metadata(&big).map_or(0, |m| m.len());
    let config = ConfigDir::at(dir.path().join("config"));
    for view in VIEWS {
        let small = median_frame(FirstOpen::Sample, config.clone(), view);
        let large = median_frame(FirstOpen::File(big.clone()), config.clone(), view);
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        // The first line is the ordinary view, which scripts/bench.sh puts in its table.
        let label = if view.name == ORDINARY.name {
            "frame".to_owned()
        } else {
            format!("frame-view: {}", view.name)
        };
        println!(
            "{label}: sample {:.3} ms, 10 MB notice ({:.1} MiB bundle) {:.3} ms, ratio {ratio:.2}",
            small.as_secs_f64() * 1e3,
            big_size as f64 / (1024.0 * 1024.0),
            large.as_secs_f64() * 1e3
        );
    }
    if std::env::var_os("KAIRAN_BENCH_WORST").is_none() {
        return;
    }
    let config = ConfigDir::at(dir.path().join("config"));
    let (sample_first, sample_frame) = measure(FirstOpen::Sample, config.clone(), 60, ORDINARY);
    let sample_peak = peak_mib();
    println!(
        "worst: sample: first frame {:.1} ms, frame {:.3} ms, peak {sample_peak:.0} MiB",
        sample_first.as_secs_f64() * 1e3,
        sample_frame.as_secs_f64() * 1e3
    );
    for (name, document) in [
        ("100,000 masks in one paragraph", many_masks()),
        ("the longest title", huge_title()),
    ] {
        let file = bundle_of(dir.path(), &name.replace([' ', ','], "-"), &document);
        drop(document);
        let (first, frame) = measure(FirstOpen::File(file), config.clone(), 30, ORDINARY);
        println!(
            "worst: {name}: first frame {:.0} ms ({:.0}x), frame {:.3} ms ({:.2}x), peak {:.0} MiB (+{:.0} MiB)",
            first.as_secs_f64() * 1e3,
            first.as_secs_f64() / sample_first.as_secs_f64(),
            frame.as_secs_f64() * 1e3,
            frame.as_secs_f64() / sample_frame.as_secs_f64(),
            peak_mib(),
            peak_mib() - sample_peak,
        );
    }
}
