//! Where characters of a laid-out galley are on screen: the rectangles, one per row, that
//! masks, links and search hits are drawn on, found in one walk over the galley.

use egui::{Galley, Pos2, Rect};
use std::ops::Range;

/// Rectangles (one per row) covering the characters `range` of a galley, in galley
/// coordinates, tight to the glyphs' font height.
pub fn char_rects(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
    span_rects(galley, std::slice::from_ref(&range))
        .pop()
        .unwrap_or_default()
}

/// For each of `ranges` (characters of the galley's text, sorted and not overlapping), the
/// rectangles covering its characters: one per row it touches, from its first to its last
/// character on that row, tight to the glyphs' font height, in galley coordinates.
///
/// One walk over the galley serves every range, so a paragraph with many masks or links costs
/// its length once rather than once per span. Counts one character per glyph (and one for
/// each row's implicit newline), as egui's own cursors do.
pub fn span_rects(galley: &Galley, ranges: &[Range<usize>]) -> Vec<Vec<Rect>> {
    span_rects_in_rows(galley, 0..galley.rows.len(), ranges)
}

/// [`span_rects`] over the rows `rows` only: the rectangles of the ranges' characters on those
/// rows. The walk costs those rows' glyphs (and a count of the rows before them), so the part
/// of a long paragraph on screen costs what is on screen.
pub fn span_rects_in_rows(
    galley: &Galley,
    rows: Range<usize>,
    ranges: &[Range<usize>],
) -> Vec<Vec<Rect>> {
    let mut rects = vec![Vec::new(); ranges.len()];
    // The first range that does not end before the current character.
    let mut next = 0;
    let mut index: usize = galley.rows[..rows.start.min(galley.rows.len())]
        .iter()
        .map(|row| row.glyphs.len() + usize::from(row.ends_with_newline))
        .sum();
    let rows = galley.rows.get(rows).unwrap_or_default();
    'rows: for row in rows {
        // The range being covered on this row, and what of it is covered so far.
        let mut open: Option<(usize, Rect)> = None;
        for glyph in &row.glyphs {
            while ranges.get(next).is_some_and(|range| range.end <= index) {
                next += 1;
            }
            let Some(range) = ranges.get(next) else {
                if let Some((span, rect)) = open.take() {
                    rects[span].push(rect);
                }
                break 'rows;
            };
            let inside = range.contains(&index).then_some(next);
            if open.is_some_and(|(span, _)| Some(span) != inside)
                && let Some((span, rect)) = open.take()
            {
                rects[span].push(rect);
            }
            if let Some(span) = inside {
                let rect = Rect::from_min_max(
                    Pos2::new(glyph.pos.x, glyph.pos.y - glyph.font_ascent),
                    Pos2::new(
                        glyph.max_x(),
                        glyph.pos.y - glyph.font_ascent + glyph.font_height,
                    ),
                )
                .translate(row.pos.to_vec2());
                open = Some(match open {
                    Some((_, so_far)) => (span, so_far.union(rect)),
                    None => (span, rect),
                });
            }
            index += 1;
        }
        if let Some((span, rect)) = open.take() {
            rects[span].push(rect);
        }
        if row.ends_with_newline {
            index += 1;
        }
    }
    rects
}

/// The rows of `galley` that reach between `top` and `bottom` (galley coordinates), and the
/// characters on them.
pub fn rows_between(galley: &Galley, top: f32, bottom: f32) -> (Range<usize>, Range<usize>) {
    let first = galley
        .rows
        .partition_point(|row| row.pos.y + row.size.y < top);
    let end = first + galley.rows[first..].partition_point(|row| row.pos.y <= bottom);
    let count = |rows: &[egui::epaint::text::PlacedRow]| -> usize {
        rows.iter()
            .map(|row| row.glyphs.len() + usize::from(row.ends_with_newline))
            .sum()
    };
    let char_start = count(&galley.rows[..first]);
    let char_end = char_start + count(&galley.rows[first..end]);
    (first..end, char_start..char_end)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use egui::FontId;
    use egui::text::{LayoutJob, TextFormat};

    use super::*;
    use crate::ui::fonts;
    use crate::ui::viewer::document::{BODY_SIZE, LINE_HEIGHT};
    /// A paragraph laid out as the viewer does, wrapped at `width`.
    fn galley(text: &str, width: f32) -> Arc<Galley> {
        let ctx = egui::Context::default();
        fonts::install(&ctx);
        // One pass creates the fonts; no renderer takes its font texture.
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let mut job = LayoutJob::single_section(
            text.to_owned(),
            TextFormat {
                font_id: FontId::new(BODY_SIZE, fonts::letter()),
                line_height: Some(BODY_SIZE * LINE_HEIGHT),
                ..TextFormat::default()
            },
        );
        job.wrap.max_width = width;
        ctx.fonts_mut(|fonts| fonts.layout_job(job))
    }

    /// The rectangles of `range`, worked out glyph by glyph: each character's own rectangle,
    /// merged with its neighbours on the same row.
    fn one_by_one(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
        let mut characters = Vec::new();
        for (row_index, row) in galley.rows.iter().enumerate() {
            for glyph in &row.glyphs {
                let top = glyph.pos.y - glyph.font_ascent;
                let rect = Rect::from_min_max(
                    Pos2::new(glyph.pos.x, top),
                    Pos2::new(glyph.max_x(), top + glyph.font_height),
                );
                characters.push(Some((row_index, rect.translate(row.pos.to_vec2()))));
            }
            if row.ends_with_newline {
                characters.push(None);
            }
        }
        let mut rows: Vec<(usize, Rect)> = Vec::new();
        for (row, rect) in characters[range].iter().flatten() {
            match rows.last_mut() {
                Some((last, covered)) if last == row => *covered = covered.union(*rect),
                _ => rows.push((*row, *rect)),
            }
        }
        rows.into_iter().map(|(_, rect)| rect).collect()
    }

    #[test]
    fn span_rects_cover_exactly_each_ranges_characters_row_by_row() {
        let text = "先般、ご報告申し上げました利用システムにおける障害発生に伴う個人情報の状況に関し、\
                    2023年6月25日付および2023年6月28日付にて、①情報漏洩の事実は確認されていないこと、\
                    および②個人情報の不正利用等の事実も確認されていないとの通知がございました。\n\
                    以上";
        let galley = galley(text, 300.0);
        assert!(galley.rows.len() > 4, "the text should wrap");
        let length = text.chars().count();
        // Adjacent, separated, crossing rows and the newline, and one reaching the end.
        let ranges = [
            0..2,
            2..5,
            9..40,
            41..42,
            60..95,
            100..length - 1,
            length - 1..length,
        ];
        let all = span_rects(&galley, &ranges);
        assert_eq!(all.len(), ranges.len());
        for (range, rects) in ranges.iter().zip(&all) {
            assert_eq!(
                rects,
                &one_by_one(&galley, range.clone()),
                "characters {range:?}"
            );
            assert_eq!(rects, &char_rects(&galley, range.clone()));
        }
        assert!(
            all.iter().any(|rects| rects.len() > 1),
            "some range should wrap"
        );
    }

    #[test]
    fn span_rects_of_a_hundred_thousand_masks_take_one_walk_over_the_paragraph() {
        let text = "■字".repeat(100_000);
        let galley = galley(&text, 600.0);
        let ranges: Vec<Range<usize>> = (0..100_000).map(|i| 2 * i..2 * i + 1).collect();
        let started = std::time::Instant::now();
        let rects = span_rects(&galley, &ranges);
        let elapsed = started.elapsed();
        assert!(rects.iter().all(|rects| rects.len() == 1));
        assert_eq!(rects[99_999], one_by_one(&galley, 199_998..199_999));
        // One span per glyph walk would be 10^10 steps (minutes); one walk takes milliseconds.
        assert!(
            elapsed < std::time::Duration::from_secs(5),
            "took {elapsed:?}"
        );
    }

    #[test]
    fn the_rows_on_screen_give_the_same_rectangles_as_the_whole_walk_and_only_theirs() {
        // Search hits every few characters through a paragraph hundreds of rows long.
        let text = "あいうえおかきくけこ".repeat(5_000);
        let galley = galley(&text, 400.0);
        let ranges: Vec<Range<usize>> = (0..12_500).map(|i| 4 * i + 1..4 * i + 3).collect();
        let whole = span_rects(&galley, &ranges);
        let middle = galley.rows[galley.rows.len() / 2].pos.y;
        let (rows, chars) = rows_between(&galley, middle, middle + 120.0);
        assert!(rows.len() >= 4 && rows.len() <= 7, "{rows:?}");
        let first = ranges.partition_point(|range| range.end <= chars.start);
        let end = first + ranges[first..].partition_point(|range| range.start < chars.end);
        let on_screen = span_rects_in_rows(&galley, rows.clone(), &ranges[first..end]);
        assert!(
            end - first < 100,
            "only the hits on those rows: {}",
            end - first
        );
        let top = galley.rows[rows.start].pos.y;
        let bottom = galley.rows[rows.end - 1].pos.y + galley.rows[rows.end - 1].size.y;
        for (offset, rects) in on_screen.iter().enumerate() {
            let expected: Vec<Rect> = whole[first + offset]
                .iter()
                .filter(|rect| rect.center().y >= top && rect.center().y <= bottom)
                .copied()
                .collect();
            assert_eq!(rects, &expected, "hit {}", first + offset);
            assert!(!rects.is_empty());
        }
    }
}
