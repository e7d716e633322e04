//! The reader's text, checked from what a frame actually paints: after switching the theme
//! and the zoom, every glyph of both letters must still sample the right picture from the font
//! atlas of that frame (egui rebuilds the atlas when the theme's text options change, and a
//! galley kept from before points at other glyphs or at nothing).

use egui::epaint::{ColorImage, Galley, Shape};
use egui_kittest::Harness;
use kairan::sample::demo_trusted_key;
use kairan::trust::ConfigDir;
use kairan::ui::command::{Command, ZoomStep};
use kairan::ui::i18n::Language;
use kairan::ui::settings::ThemeChoice;
use kairan::ui::{AppOptions, FirstOpen, KairanApp};
use std::sync::Arc;

const FIRM_TITLE: &str = "利用システム障害に伴う個人情報の状況に関して";
const REPORT_TITLE: &str = "セキュリティ調査に関する報告書";

fn sample_harness() -> Harness<'static, KairanApp> {
    let config = tempfile::tempdir().unwrap().keep();
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_context_setup(kairan::ui::fonts::install)
        .build_eframe(move |cc| {
            KairanApp::new(
                cc,
                AppOptions {
                    first: FirstOpen::Sample,
                    trusted: vec![demo_trusted_key()],
                    config_dir: Some(ConfigDir::at(config)),
                    recent_store: None,
                    system_language: Some(Language::Japanese),
                },
            )
        });
    harness.run_steps(4);
    harness
}

/// Every galley painted in the last frame.
fn painted_galleys(harness: &Harness<'_, KairanApp>) -> Vec<Arc<Galley>> {
    fn collect(shape: &Shape, galleys: &mut Vec<Arc<Galley>>) {
        match shape {
            Shape::Text(text) => galleys.push(text.galley.clone()),
            Shape::Vec(shapes) => shapes.iter().for_each(|shape| collect(shape, galleys)),
            _ => {}
        }
    }
    let mut galleys = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut galleys);
    }
    galleys
}

/// The texels of `atlas` inside `[min, max)`.
fn patch(atlas: &ColorImage, min: [u16; 2], max: [u16; 2]) -> Vec<egui::Color32> {
    let mut texels = Vec::new();
    for y in usize::from(min[1])..usize::from(max[1]) {
        for x in usize::from(min[0])..usize::from(max[0]) {
            texels.push(
                atlas
                    .pixels
                    .get(y * atlas.width() + x)
                    .copied()
                    .unwrap_or(egui::Color32::from_rgb(255, 0, 255)),
            );
        }
    }
    texels
}

/// Asserts that the last frame painted both letters and that every glyph of every painted
/// galley samples, from the atlas that frame was drawn with, exactly the picture a fresh layout
/// of the same text gets: the right glyph, not a fragment of another one and not a blank.
fn assert_painted_text_is_readable(harness: &Harness<'_, KairanApp>, when: &str) {
    let galleys = painted_galleys(harness);
    for title in [FIRM_TITLE, REPORT_TITLE] {
        assert!(
            galleys.iter().any(|galley| galley.text() == title),
            "{when}: the title {title} is not painted"
        );
    }
    let pixels_per_point = harness.ctx.pixels_per_point();
    // The atlas as this frame was drawn with it, taken before fresh layouts may add glyphs.
    let drawn_with = harness.ctx.fonts(|fonts| fonts.image());
    let fresh: Vec<Arc<Galley>> = galleys
        .iter()
        .map(|galley| {
            harness
                .ctx
                .fonts_mut(|fonts| fonts.layout_job((*galley.job).clone()))
        })
        .collect();
    let now = harness.ctx.fonts(|fonts| fonts.image());
    let mut glyphs = 0;
    for (painted, fresh) in galleys.iter().zip(&fresh) {
        let text = painted.text();
        assert_eq!(
            painted.pixels_per_point, pixels_per_point,
            "{when}: {text:?} was laid out for another zoom"
        );
        let painted_glyphs = painted.rows.iter().flat_map(|row| &row.glyphs);
        let fresh_glyphs = fresh.rows.iter().flat_map(|row| &row.glyphs);
        assert_eq!(
            painted_glyphs.clone().count(),
            fresh_glyphs.clone().count(),
            "{when}: {text:?}"
        );
        for (old, new) in painted_glyphs.zip(fresh_glyphs) {
            assert_eq!(old.chr, new.chr, "{when}: {text:?}");
            assert_eq!(
                old.uv_rect.is_nothing(),
                new.uv_rect.is_nothing(),
                "{when}: {:?} of {text:?}",
                old.chr
            );
            if new.uv_rect.is_nothing() {
                continue;
            }
            let shown = patch(&drawn_with, old.uv_rect.min, old.uv_rect.max);
            let right = patch(&now, new.uv_rect.min, new.uv_rect.max);
            assert!(
                shown == right,
                "{when}: {:?} of {text:?} is painted from the wrong place in the font atlas",
                old.chr
            );
            glyphs += 1;
        }
    }
    assert!(glyphs > 500, "{when}: only {glyphs} glyphs were painted");
}

fn command(harness: &mut Harness<'_, KairanApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, vec![command]);
}

#[test]
fn letters_stay_readable_while_the_theme_and_zoom_change() {
    let mut harness = sample_harness();
    assert_painted_text_is_readable(&harness, "at start");
    let steps = [
        Command::SetTheme(ThemeChoice::Dark),
        Command::SetTheme(ThemeChoice::System),
        Command::SetTheme(ThemeChoice::Light),
        Command::Zoom(ZoomStep::In),
        Command::SetTheme(ThemeChoice::Dark),
        Command::Zoom(ZoomStep::Out),
        Command::SetTheme(ThemeChoice::Light),
        Command::Zoom(ZoomStep::Reset),
    ];
    for step in steps {
        let when = format!("{step:?}");
        command(&mut harness, step);
        for frame in 1..=3 {
            harness.step();
            assert_painted_text_is_readable(&harness, &format!("{when}, frame {frame}"));
        }
    }
}
