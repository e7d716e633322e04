//! Lays a letter out for one pane width: each part of the reading order shaped once, with its
//! look (font, alignment, spacing), its interactive spans (masks and links) with their
//! rectangles, and omitted sections as placeholder blocks. [`cache`](super::cache) keeps the
//! layouts until the width, zoom, theme, language or font atlas changes.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Galley, Pos2, Rect, Vec2};

use super::{BODY_SIZE, COLUMN_EMS, LINE_HEIGHT, Palette, char_rects, span_rects, who};
use crate::document::letter::{self, PartKey, PartStyle, Span};
use crate::document::{LinkTarget, OmissionKind, WithheldBy};
use crate::escape::one_line;
use crate::ui::fonts;
use crate::ui::i18n::{Strings, fill};

/// What an interactive span of laid-out text is.
#[derive(Debug, Clone, PartialEq)]
pub enum SpanKind {
    /// A masked field.
    Mask {
        /// Its place among the document's withheld items.
        ordinal: usize,
        /// The marker.
        marker: String,
        /// What is hidden, if stated.
        label: Option<String>,
        /// Why, if stated.
        reason: Option<String>,
        /// Who hid it.
        masked_by: WithheldBy,
    },
    /// A link.
    Link {
        /// Where it points.
        target: LinkTarget,
        /// Its text.
        text: String,
    },
}

/// An interactive span with its rectangles (one per row), relative to the document origin.
#[derive(Debug, Clone)]
pub struct LaidSpan {
    /// What it is.
    pub kind: SpanKind,
    /// Rectangles, one per row it covers.
    pub rects: Vec<Rect>,
}

/// One part of a letter, laid out.
#[derive(Debug, Clone)]
pub struct LaidPart {
    /// Where it sits in the document.
    pub key: PartKey,
    /// Its box, relative to the document origin.
    pub rect: Rect,
    /// The text.
    pub galley: Arc<Galley>,
    /// Where the galley is painted, relative to the document origin.
    pub galley_pos: Pos2,
    /// Masks and links.
    pub spans: Vec<LaidSpan>,
    /// For an omission: its place among the document's withheld items.
    pub omission: Option<usize>,
    /// For a table cell: how its box is drawn.
    pub frame: Option<CellFrame>,
    /// The plain text, for accessibility.
    pub text: String,
    /// Characters in [`LaidPart::text`], the places a selection counts in.
    pub chars: usize,
    /// The characters of each mask's marker, which a selection takes whole or not at all.
    pub masks: Vec<Range<usize>>,
}

/// How a table cell's box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellFrame {
    /// A ruled box.
    Cell,
    /// A ruled, shaded box, for a header cell.
    Header,
}

impl LaidPart {
    /// The spans that may cross the band `top..=bottom` (document coordinates), found by
    /// binary search: spans run in text order, so their rows go down the part, and those on
    /// screen are one run. A paragraph of 100,000 masks costs a frame what is visible.
    pub fn spans_crossing(&self, top: f32, bottom: f32) -> Range<usize> {
        let start = self
            .spans
            .partition_point(|span| span.rects.last().is_some_and(|rect| rect.bottom() < top));
        let end = start
            + self.spans[start..]
                .partition_point(|span| span.rects.first().is_none_or(|rect| rect.top() <= bottom));
        start..end
    }

    /// For those of `ranges` (characters of the part's text, sorted and not overlapping) that
    /// have characters on the rows between `top` and `bottom` (document coordinates): the
    /// range's index and its rectangles on those rows, relative to the document origin. Costs
    /// the rows on screen, however many ranges and rows the part has.
    pub fn char_rects_between(
        &self,
        ranges: &[Range<usize>],
        top: f32,
        bottom: f32,
    ) -> Vec<(usize, Vec<Rect>)> {
        let (rows, chars) = super::span_rects::rows_between(
            &self.galley,
            top - self.galley_pos.y,
            bottom - self.galley_pos.y,
        );
        let first = ranges.partition_point(|range| range.end <= chars.start);
        let end = first + ranges[first..].partition_point(|range| range.start < chars.end);
        super::span_rects::span_rects_in_rows(&self.galley, rows, &ranges[first..end])
            .into_iter()
            .enumerate()
            .map(|(offset, rects)| {
                let rects = rects
                    .into_iter()
                    .map(|rect| rect.translate(self.galley_pos.to_vec2()))
                    .collect();
                (first + offset, rects)
            })
            .collect()
    }

    /// Rectangles covering `range` (characters of the part's text), relative to the document
    /// origin.
    pub fn char_rects(&self, range: Range<usize>) -> Vec<Rect> {
        char_rects(&self.galley, range)
            .into_iter()
            .map(|rect| rect.translate(self.galley_pos.to_vec2()))
            .collect()
    }
}

/// A document laid out for one width.
#[derive(Debug, Clone)]
pub struct DocumentLayout {
    /// Parts in reading order, top to bottom.
    pub parts: Vec<LaidPart>,
    /// Total height.
    pub height: f32,
}

impl DocumentLayout {
    /// Indices of the parts that intersect the vertical range `visible`.
    pub fn visible(&self, visible: egui::Rangef) -> Range<usize> {
        let start = self
            .parts
            .partition_point(|part| part.rect.bottom() < visible.min);
        let end = self
            .parts
            .partition_point(|part| part.rect.top() <= visible.max);
        start..end.max(start)
    }

    /// The part at `key`.
    pub fn part(&self, key: PartKey) -> Option<&LaidPart> {
        self.parts.iter().find(|part| part.key == key)
    }
}

impl DocumentLayout {
    /// About how many bytes the layout takes: its glyphs, their mesh and its text.
    pub fn approximate_bytes(&self) -> usize {
        const PER_GLYPH: usize = 160;
        self.parts
            .iter()
            .map(|part| {
                let glyphs: usize = part.galley.rows.iter().map(|row| row.glyphs.len()).sum();
                glyphs * PER_GLYPH + part.text.len() + std::mem::size_of::<LaidPart>()
            })
            .sum()
    }
}

pub(super) struct Look {
    font: FontId,
    color: Color32,
    align: egui::Align,
    indent: f32,
    space_before: f32,
    space_after: f32,
    first_line_indent: f32,
}

pub(super) fn look(style: PartStyle, palette: Palette) -> Look {
    let regular = |size: f32| FontId::new(size, fonts::letter());
    let bold = |size: f32| FontId::new(size, fonts::bold());
    let em = BODY_SIZE;
    let base = Look {
        font: regular(em),
        color: palette.text,
        align: egui::Align::Min,
        indent: 0.0,
        space_before: 0.0,
        space_after: 0.7 * em,
        first_line_indent: 0.0,
    };
    match style {
        PartStyle::Caption => Look {
            font: regular(0.9 * em),
            color: palette.muted,
            align: egui::Align::Center,
            space_after: 1.2 * em,
            ..base
        },
        PartStyle::Date => Look {
            align: egui::Align::Max,
            space_after: 0.6 * em,
            ..base
        },
        PartStyle::Addressee => Look {
            space_after: 0.6 * em,
            ..base
        },
        PartStyle::Issuer => Look {
            align: egui::Align::Max,
            space_after: 0.1 * em,
            ..base
        },
        PartStyle::Title => Look {
            font: bold(1.3 * em),
            align: egui::Align::Center,
            space_before: 1.4 * em,
            space_after: 1.6 * em,
            ..base
        },
        PartStyle::Heading(level) => Look {
            font: bold(if level <= 1 { 1.08 * em } else { em }),
            space_before: 0.9 * em,
            space_after: 0.4 * em,
            ..base
        },
        PartStyle::Paragraph => Look {
            first_line_indent: em,
            ..base
        },
        PartStyle::Centered => Look {
            align: egui::Align::Center,
            space_before: 0.4 * em,
            ..base
        },
        PartStyle::Note => Look {
            font: regular(0.9 * em),
            indent: em,
            space_after: 0.5 * em,
            ..base
        },
        PartStyle::ListItem(depth) => Look {
            indent: em * f32::from(depth + 1),
            space_after: 0.3 * em,
            ..base
        },
        PartStyle::TableCaption => Look {
            font: bold(0.9 * em),
            align: egui::Align::Center,
            space_before: 0.3 * em,
            space_after: 0.3 * em,
            ..base
        },
        PartStyle::TableCell { header, .. } => Look {
            font: if header {
                bold(0.95 * em)
            } else {
                regular(0.95 * em)
            },
            space_after: 0.9 * em,
            ..base
        },
        PartStyle::Omission => Look {
            space_before: 0.2 * em,
            space_after: 0.9 * em,
            ..base
        },
        PartStyle::Closing => Look {
            align: egui::Align::Max,
            space_before: 0.6 * em,
            ..base
        },
    }
}

/// Lays the whole document out for a pane `width` points wide.
pub(super) fn lay_out(
    ui: &egui::Ui,
    letter: &crate::document::Document,
    strings: &Strings,
    width: f32,
    palette: Palette,
) -> DocumentLayout {
    let column = (COLUMN_EMS * BODY_SIZE).min((width - 40.0).max(160.0));
    let left = ((width - column) / 2.0).max(8.0);
    let mut y = 16.0;
    let mut parts = Vec::new();
    let letter_parts = letter::parts(letter);
    let mut index = 0;
    while let Some(part) = letter_parts.get(index) {
        let look = look(part.style, palette);
        y += look.space_before;
        if let PartStyle::TableCell { columns, .. } = part.style {
            let cells = letter_parts[index..]
                .iter()
                .take_while(|cell| {
                    matches!(cell.style, PartStyle::TableCell { .. })
                        && block_of(cell.key) == block_of(part.key)
                })
                .count();
            let bottom = super::table::lay_table(
                ui,
                &letter_parts[index..index + cells],
                columns,
                Rect::from_min_size(Pos2::new(left, y), Vec2::new(column, 0.0)),
                palette,
                &mut parts,
            );
            y = bottom + look.space_after;
            index += cells;
            continue;
        }
        let laid = match part.omission {
            Some((ordinal, omission)) => {
                let padding = Vec2::new(14.0, 10.0);
                let job = omission_job(omission, strings, column - 2.0 * padding.x, palette);
                let galley = ui.painter().layout_job(job);
                let rect = Rect::from_min_size(
                    Pos2::new(left, y),
                    Vec2::new(column, galley.size().y + 2.0 * padding.y),
                );
                LaidPart {
                    key: part.key,
                    rect,
                    galley_pos: rect.min + padding,
                    galley,
                    spans: Vec::new(),
                    masks: Vec::new(),
                    omission: Some(ordinal),
                    frame: None,
                    chars: part.text().chars().count(),
                    text: part.text(),
                }
            }
            None => {
                let galley = text_galley(ui, part, &look, column - look.indent, palette);
                let size = galley.size();
                let x = match look.align {
                    egui::Align::Min => left + look.indent,
                    egui::Align::Center => left + (column - size.x).max(0.0) / 2.0,
                    egui::Align::Max => left + (column - size.x).max(0.0),
                };
                let galley_pos = Pos2::new(x, y);
                LaidPart {
                    key: part.key,
                    rect: Rect::from_min_size(Pos2::new(left, y), Vec2::new(column, size.y)),
                    spans: interactive_spans(part, &galley, galley_pos),
                    masks: mask_ranges(part),
                    galley_pos,
                    galley,
                    omission: None,
                    frame: None,
                    chars: part.text().chars().count(),
                    text: part.text(),
                }
            }
        };
        y = laid.rect.bottom() + look.space_after;
        parts.push(laid);
        index += 1;
    }
    DocumentLayout {
        parts,
        height: y + 24.0,
    }
}

fn block_of(key: PartKey) -> Option<usize> {
    match key {
        PartKey::Block { block, .. } => Some(block),
        _ => None,
    }
}

/// The galley of a text part set in `look`, wrapped at `wrap` (a centred line balanced).
pub(super) fn text_galley(
    ui: &egui::Ui,
    part: &letter::Part<'_>,
    look: &Look,
    wrap: f32,
    palette: Palette,
) -> Arc<Galley> {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    for (index, span) in part.spans.iter().enumerate() {
        let mut format = TextFormat {
            font_id: look.font.clone(),
            color: look.color,
            line_height: Some(look.font.size * LINE_HEIGHT),
            ..TextFormat::default()
        };
        match span {
            Span::Mask { .. } => format.color = palette.mask_text,
            // Underlined when painted, from the span's own rectangles: epaint draws an
            // underline at the bottom of the line box, which with our line height sits on top
            // of the next row.
            // An address Kairan will not open (javascript:, file:, …) does not look like a
            // link that works.
            Span::Link {
                target: LinkTarget::External { url },
                ..
            } if !crate::document::opens_externally(url) => format.color = palette.muted,
            Span::Link { .. } => format.color = palette.link,
            Span::Strong(_) => {
                format.font_id.family = crate::ui::fonts::bold();
            }
            Span::Text(_) => {}
        }
        let leading = if index == 0 {
            look.first_line_indent
        } else {
            0.0
        };
        job.append(span.text(), leading, format);
    }
    let galley = ui.painter().layout_job(job.clone());
    if look.align == egui::Align::Center && galley.rows.len() > 1 {
        balanced(ui, job, galley)
    } else {
        galley
    }
}

/// The masks and links of a laid-out part, with their rectangles relative to the document
/// origin (the galley painted at `galley_pos`).
pub(super) fn interactive_spans(
    part: &letter::Part<'_>,
    galley: &Galley,
    galley_pos: Pos2,
) -> Vec<LaidSpan> {
    let interactive: Vec<(&Span, Range<usize>)> = part
        .spans
        .iter()
        .zip(part.span_ranges())
        .filter(|(span, _)| !matches!(span, Span::Text(_) | Span::Strong(_)))
        .collect();
    let ranges: Vec<Range<usize>> = interactive.iter().map(|(_, range)| range.clone()).collect();
    interactive
        .into_iter()
        .zip(span_rects(galley, &ranges))
        .filter_map(|((span, _), rects)| {
            // A span with no characters has nothing to draw or press (and would break the
            // order `LaidPart::spans_crossing` searches by).
            if rects.is_empty() {
                return None;
            }
            let kind = match span {
                Span::Text(_) | Span::Strong(_) => return None,
                Span::Mask { ordinal, mask } => SpanKind::Mask {
                    ordinal: *ordinal,
                    marker: mask.marker.clone(),
                    label: mask.label.clone(),
                    reason: mask.reason.clone(),
                    masked_by: mask.masked_by,
                },
                Span::Link { target, text } => SpanKind::Link {
                    target: (*target).clone(),
                    text: (*text).to_owned(),
                },
            };
            let rects = rects
                .into_iter()
                .map(|rect| rect.translate(galley_pos.to_vec2()))
                .collect();
            Some(LaidSpan { kind, rects })
        })
        .collect()
}

/// The characters of each mask of `part`, in order.
pub(super) fn mask_ranges(part: &letter::Part<'_>) -> Vec<Range<usize>> {
    part.spans
        .iter()
        .zip(part.span_ranges())
        .filter(|(span, _)| matches!(span, Span::Mask { .. }))
        .map(|(_, range)| range)
        .collect()
}

/// Re-wraps a centred, wrapped line at the narrowest width that keeps its row count, so a
/// long title breaks into even lines instead of leaving one character alone on the last.
fn balanced(ui: &egui::Ui, mut job: LayoutJob, galley: Arc<Galley>) -> Arc<Galley> {
    let rows = galley.rows.len();
    let (mut low, mut high) = (job.wrap.max_width / rows as f32, job.wrap.max_width);
    let mut best = galley;
    for _ in 0..10 {
        let middle = (low + high) / 2.0;
        job.wrap.max_width = middle;
        let candidate = ui.painter().layout_job(job.clone());
        if candidate.rows.len() <= rows {
            high = middle;
            best = candidate;
        } else {
            low = middle;
        }
    }
    best
}

fn omission_job(
    omission: &crate::document::Omission,
    strings: &Strings,
    wrap: f32,
    palette: Palette,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    let format = |size: f32, family: FontFamily, color: Color32| TextFormat {
        font_id: FontId::new(size, family),
        color,
        line_height: Some(size * 1.6),
        ..TextFormat::default()
    };
    let strong = format(BODY_SIZE * 1.05, FontFamily::Proportional, palette.text);
    let quiet = format(BODY_SIZE * 0.9, FontFamily::Proportional, palette.muted);
    let marker = one_line(&omission.marker);
    let headline = match omission.omitted_by {
        // Not "omitted by not stated": say that who left it out is not stated.
        WithheldBy::NotStated => fill(strings.omitted_by_unstated, &[("marker", &marker)]),
        by => fill(
            strings.omitted_by,
            &[("marker", &marker), ("who", who(strings, by))],
        ),
    };
    job.append(&headline, 0.0, strong);
    let kind = match omission.kind {
        OmissionKind::Section => strings.omission_section,
        OmissionKind::Middle => strings.omission_middle,
        OmissionKind::Rest => strings.omission_rest,
        OmissionKind::Unspecified => strings.omission_unspecified,
    };
    job.append(&format!("\n{kind}"), 0.0, quiet.clone());
    let reason: std::borrow::Cow<'_, str> =
        crate::ui::viewer::withheld_detail::stated(strings, omission.reason.as_deref()).into();
    job.append(
        &format!(
            "\n{}",
            fill(strings.omission_reason, &[("reason", &reason)])
        ),
        0.0,
        quiet,
    );
    job
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;
    #[test]
    fn an_omission_whose_author_is_not_stated_says_so_in_words_of_both_languages() {
        let omission = crate::document::Omission {
            kind: OmissionKind::Section,
            marker: "—省略—".into(),
            reason: Some("理由\u{202E}逆".into()),
            omitted_by: WithheldBy::NotStated,
            under_heading: None,
        };
        let palette = Palette::for_theme(false);
        let text =
            |language: Language| omission_job(&omission, language.strings(), 400.0, palette).text;
        let english = text(Language::English);
        assert!(!english.contains("by not stated"), "{english}");
        assert!(english.contains("not stated"), "{english}");
        let japanese = text(Language::Japanese);
        assert!(!japanese.contains("記載なしによる"), "{japanese}");
        assert!(japanese.contains("理由\\u{202E}逆"), "{japanese}");
    }
}
