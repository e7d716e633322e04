//! The reader as a user leaves it and looks at it, checked from what frames actually paint and
//! ask for: after switching the theme and the zoom, every glyph of both letters must still
//! sample the right picture from the font atlas of that frame (egui rebuilds the atlas when the
//! theme's text options change, and a galley kept from before points at other glyphs or at
//! nothing); a viewer nobody touches must stop asking for frames; and links that wrap are
//! underlined under their own characters on each row, and nowhere else.

use egui::epaint::{ColorImage, Galley, Shape};
use egui_kittest::Harness;
use kairan::ui::KairanApp;
use kairan::ui::command::{Command, ZoomStep};
use kairan::ui::settings::ThemeChoice;
use std::sync::Arc;

use crate::support::app::{sample_harness, sample_harness_sized};

const FIRM_TITLE: &str = "利用システム障害に伴う個人情報の状況に関して";
const REPORT_TITLE: &str = "セキュリティ調査に関する報告書";

/// What the last frame painted: text shapes with where they were painted, and line segments.
#[derive(Default)]
struct Painted {
    texts: Vec<(egui::Pos2, Arc<Galley>)>,
    lines: Vec<([egui::Pos2; 2], egui::Stroke)>,
}

impl Painted {
    fn of(harness: &Harness<'_, KairanApp>) -> Self {
        fn collect(shape: &Shape, painted: &mut Painted) {
            match shape {
                Shape::Text(text) => painted.texts.push((text.pos, text.galley.clone())),
                Shape::LineSegment { points, stroke } => painted.lines.push((*points, *stroke)),
                Shape::Vec(shapes) => shapes.iter().for_each(|shape| collect(shape, painted)),
                _ => {}
            }
        }
        let mut painted = Painted::default();
        for clipped in &harness.output().shapes {
            collect(&clipped.shape, &mut painted);
        }
        painted
    }
}

/// Every galley painted in the last frame.
fn painted_galleys(harness: &Harness<'_, KairanApp>) -> Vec<Arc<Galley>> {
    Painted::of(harness)
        .texts
        .into_iter()
        .map(|(_, galley)| galley)
        .collect()
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

/// Runs the app the way a native event loop would, without any input, for `seconds` of
/// simulated time: the next frame comes when the last one asked for it (at once, or after its
/// repaint delay; never sooner than a 60 Hz display would show it). Returns how many frames
/// ran, with the causes egui gave for the last repaint request.
fn frames_while_untouched(
    harness: &mut Harness<'_, KairanApp>,
    seconds: f64,
) -> (usize, Vec<egui::RepaintCause>) {
    const DISPLAY: f64 = 1.0 / 60.0;
    let mut time = harness.ctx.input(|input| input.time);
    let end = time + seconds;
    let mut frames = 0;
    let mut causes = Vec::new();
    loop {
        let delay = harness
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map_or(std::time::Duration::MAX, |viewport| viewport.repaint_delay);
        if delay == std::time::Duration::MAX {
            break; // Nothing asked for another frame: the app rests until input comes.
        }
        causes = harness.ctx.repaint_causes();
        time += delay.as_secs_f64().max(DISPLAY);
        if time > end {
            break;
        }
        harness.input_mut().time = Some(time);
        harness.step();
        frames += 1;
    }
    (frames, causes)
}

#[test]
fn an_untouched_viewer_stops_asking_for_frames() {
    let mut harness = sample_harness();
    // Start-up may take a few frames (first layouts, scroll positions settling).
    let (_, _) = frames_while_untouched(&mut harness, 0.5);
    let (frames, causes) = frames_while_untouched(&mut harness, 1.0);
    assert!(
        frames <= 1,
        "{frames} frames in a second without input; the last repaint was asked for by {causes:?}"
    );
}

#[test]
fn a_jump_flash_animates_and_then_the_viewer_rests() {
    let mut harness = sample_harness();
    let _ = frames_while_untouched(&mut harness, 0.5);
    command(&mut harness, Command::NextWithheld);
    harness.step();
    let (animating, _) = frames_while_untouched(&mut harness, 1.0);
    assert!(
        animating >= 20,
        "the flash should animate smoothly, got {animating} frames in its first second"
    );
    let _ = frames_while_untouched(&mut harness, 1.0);
    let (frames, causes) = frames_while_untouched(&mut harness, 1.0);
    assert!(
        frames <= 1,
        "{frames} frames in a second after the flash ended; last asked for by {causes:?}"
    );
}

#[test]
fn link_underlines_lie_exactly_under_the_linked_characters_of_each_row() {
    // The firm notice's paragraph with three links, one of which wraps onto a second row.
    const LINKS: [&str; 3] = [
        "2023年6月25日付",
        "2023年6月28日付",
        "①情報漏洩の事実は確認されていないこと",
    ];
    // The window size of the review that found wrapped underlines on the wrong characters.
    let harness = sample_harness_sized([1280.0, 800.0]);
    let link = kairan::ui::viewer::document::Palette::for_theme(false).link;
    let Painted { texts, lines } = Painted::of(&harness);
    let (pos, galley) = texts
        .iter()
        .find(|(_, galley)| galley.text().contains(LINKS[2]))
        .expect("the paragraph with the links is painted");
    let text = galley.text();

    // The screen rectangle of each character of the paragraph, glyph by glyph, with its row.
    let mut characters = Vec::new();
    for (row_index, row) in galley.rows.iter().enumerate() {
        for glyph in &row.glyphs {
            let top = glyph.pos.y - glyph.font_ascent;
            let rect = egui::Rect::from_min_max(
                egui::pos2(glyph.pos.x, top),
                egui::pos2(glyph.max_x(), top + glyph.font_height),
            )
            .translate(row.pos.to_vec2() + pos.to_vec2());
            characters.push((row_index, rect));
        }
        if row.ends_with_newline {
            characters.push((row_index, egui::Rect::NOTHING));
        }
    }
    assert_eq!(characters.len(), text.chars().count());

    // What each link's underline must be: on each row it touches, from the left of its first
    // character there to the right of its last, along the bottom of the characters.
    let mut expected = Vec::new();
    for link_text in LINKS {
        let byte = text
            .find(link_text)
            .expect("the link text is in the paragraph");
        let start = text[..byte].chars().count();
        let chars = start..start + link_text.chars().count();
        let mut rows: Vec<(usize, egui::Rect)> = Vec::new();
        for (row, rect) in &characters[chars] {
            match rows.last_mut() {
                Some((last, covered)) if last == row => *covered = covered.union(*rect),
                _ => rows.push((*row, *rect)),
            }
        }
        expected.extend(
            rows.into_iter()
                .map(|(_, rect)| [rect.left_bottom(), rect.right_bottom()]),
        );
    }
    assert!(
        expected.len() > LINKS.len(),
        "at least one link should wrap, so that wrapped underlines are tested"
    );

    let paragraph = galley.rect.translate(pos.to_vec2()).expand(2.0);
    let mut painted: Vec<[egui::Pos2; 2]> = lines
        .iter()
        .filter(|(points, stroke)| {
            stroke.color == link && points.iter().all(|point| paragraph.contains(*point))
        })
        .map(|(points, _)| *points)
        .collect();
    let close = |a: [egui::Pos2; 2], b: [egui::Pos2; 2]| {
        a.iter()
            .zip(&b)
            .all(|(a, b)| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01)
    };
    for want in &expected {
        let found = painted.iter().position(|got| close(*got, *want));
        assert!(
            found.is_some(),
            "no underline from {:?} to {:?}; underlines painted there: {painted:?}",
            want[0],
            want[1]
        );
        if let Some(found) = found {
            painted.swap_remove(found);
        }
    }
    assert!(
        painted.is_empty(),
        "underlines under characters that are not a link: {painted:?}"
    );
    // And none drawn by the text itself, where epaint would put it (below the line box).
    for row in &galley.rows {
        assert_eq!(
            row.visuals.mesh.vertices.len(),
            row.visuals.glyph_vertex_range.end,
            "the galley carries its own underline on row {:?}",
            row.text()
        );
    }
}
