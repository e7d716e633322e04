//! Draws one document as the Japanese business letter it is: date and issuer right-aligned,
//! addressee left, title centred, 記 centred, 以上 right-aligned, in a readable column.
//! Masked fields get a bordered highlight that cannot pass for text; omitted sections are
//! full-width placeholder blocks.
//!
//! Text is laid out once per document, width, scale, theme, language and font atlas
//! ([`LayoutCache`]) and only the parts inside the visible viewport are painted and given
//! accessibility nodes, so long documents stay smooth. This module maps model parts to shapes and pushes commands;
//! it never changes state itself.

use crate::document::opens_externally;
use crate::escape::one_line;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{
    Color32, CornerRadius, FontFamily, FontId, Galley, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2,
};

use crate::document::{LinkTarget, OmissionKind, WithheldBy};
use crate::ui::command::Command;
use crate::ui::fonts;
use crate::ui::i18n::{Language, Strings, fill};
use crate::ui::state::{AppState, Pane, Shown};
use crate::ui::viewer::letter::{self, PartKey, PartStyle, Span};

/// The widest text column, in units of the body font size (about 38 full-width characters).
const COLUMN_EMS: f32 = 38.0;
const BODY_SIZE: f32 = 15.5;
const LINE_HEIGHT: f32 = 1.75;
const FLASH_SECONDS: f64 = 1.6;

/// Colours for letters, chosen to stay calm and readable in light and dark themes.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Running text.
    pub text: Color32,
    /// Captions and secondary lines.
    pub muted: Color32,
    /// Links.
    pub link: Color32,
    /// Mask fill.
    pub mask_fill: Color32,
    /// Mask border.
    pub mask_stroke: Color32,
    /// Mask marker colour.
    pub mask_text: Color32,
    /// Omission block fill.
    pub omission_fill: Color32,
    /// Omission block border.
    pub omission_stroke: Color32,
    /// Search hit fill.
    pub hit_fill: Color32,
    /// Current search hit border.
    pub hit_stroke: Color32,
    /// Flash and focus outline: a calm blue, never the red that means 改ざん.
    pub focus: Color32,
}

impl Palette {
    /// The palette for a light or dark theme.
    pub fn for_theme(dark_mode: bool) -> Self {
        if dark_mode {
            Palette {
                text: Color32::from_rgb(0xe6, 0xe6, 0xe1),
                muted: Color32::from_rgb(0xa4, 0xab, 0xb3),
                link: Color32::from_rgb(0x7c, 0xb7, 0xff),
                mask_fill: Color32::from_rgb(0x5a, 0x43, 0x05),
                mask_stroke: Color32::from_rgb(0xf2, 0xb8, 0x3a),
                mask_text: Color32::from_rgb(0xff, 0xd8, 0x70),
                omission_fill: Color32::from_rgb(0x2a, 0x2f, 0x37),
                omission_stroke: Color32::from_rgb(0x8b, 0x94, 0x9e),
                hit_fill: Color32::from_rgb(0x1d, 0x4a, 0x73),
                hit_stroke: Color32::from_rgb(0x58, 0xa6, 0xff),
                focus: Color32::from_rgb(0x58, 0xa6, 0xff),
            }
        } else {
            Palette {
                text: Color32::from_rgb(0x1f, 0x23, 0x28),
                muted: Color32::from_rgb(0x57, 0x60, 0x6a),
                link: Color32::from_rgb(0x0b, 0x57, 0xa8),
                mask_fill: Color32::from_rgb(0xff, 0xe3, 0x8f),
                mask_stroke: Color32::from_rgb(0x9a, 0x5b, 0x00),
                mask_text: Color32::from_rgb(0x5c, 0x36, 0x00),
                omission_fill: Color32::from_rgb(0xf0, 0xf2, 0xf5),
                omission_stroke: Color32::from_rgb(0x6e, 0x77, 0x81),
                hit_fill: Color32::from_rgb(0xb6, 0xe3, 0xff),
                hit_stroke: Color32::from_rgb(0x09, 0x69, 0xda),
                focus: Color32::from_rgb(0x09, 0x69, 0xda),
            }
        }
    }
}

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
    /// The plain text, for accessibility.
    pub text: String,
}

impl LaidPart {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct LayoutKey {
    bundle: u64,
    document: usize,
    width: u32,
    pixels_per_point: u32,
    dark_mode: bool,
    language: Language,
    fonts: u64,
}

/// Notices when egui throws away the text it has laid out: the font atlas was rebuilt (the
/// theme's text options changed, the atlas filled up) or the fonts were reloaded.
///
/// A galley holds texel coordinates into the font atlas of the pass that laid it out; after a
/// rebuild those coordinates point at other glyphs or at nothing, so every galley kept from
/// before is garbage. epaint does not number its atlases, but it empties its own galley cache
/// whenever it rebuilds one (and only keeps a galley that was used in the previous pass). So a
/// tiny probe is laid out through that cache every pass: as long as egui hands back the same
/// galley, nothing we laid out has gone stale; a new galley starts a new generation.
#[derive(Default)]
struct FontsWatch {
    probe: Option<Arc<Galley>>,
    generation: u64,
}

impl FontsWatch {
    /// The generation of the fonts in use this pass.
    fn generation(&mut self, ctx: &egui::Context) -> u64 {
        let probe = ctx.fonts_mut(|fonts| {
            fonts.layout_job(LayoutJob::single_section(
                "回覧 probe".to_owned(),
                TextFormat::simple(FontId::new(BODY_SIZE, fonts::letter()), Color32::WHITE),
            ))
        });
        let same = self
            .probe
            .as_ref()
            .is_some_and(|previous| Arc::ptr_eq(previous, &probe));
        if !same {
            self.generation += 1;
            self.probe = Some(probe);
        }
        self.generation
    }
}

/// Laid-out documents, so text is shaped once and not every frame.
///
/// A layout depends on the document, the width, pixels per point (zoom), the theme, the
/// language and the fonts generation (`FontsWatch`); all of them are in its key, and when the
/// fonts change every layout is dropped, since none can be painted any more.
#[derive(Default)]
pub struct LayoutCache {
    layouts: HashMap<LayoutKey, Arc<DocumentLayout>>,
    fonts: FontsWatch,
}

impl LayoutCache {
    /// How many layouts are kept before the cache starts over (a few widths per document).
    const CAPACITY: usize = 24;

    /// Checks whether egui rebuilt its fonts since the last pass and drops every layout if it
    /// did. Call at the start of every pass, before anything is laid out (calling it again
    /// within the pass is harmless).
    pub fn begin_pass(&mut self, ctx: &egui::Context) -> u64 {
        let before = self.fonts.generation;
        let generation = self.fonts.generation(ctx);
        if generation != before {
            self.layouts.clear();
        }
        generation
    }

    /// The layout of `document` of `shown` for the width of `ui`, made if needed.
    pub fn layout(
        &mut self,
        ui: &egui::Ui,
        shown: &Shown,
        document: usize,
        language: Language,
        width: f32,
    ) -> Option<Arc<DocumentLayout>> {
        let letter = &shown.bundle.documents.get(document)?.document;
        let fonts = self.begin_pass(ui.ctx());
        let key = LayoutKey {
            bundle: shown.serial,
            document,
            width: width.round().max(1.0) as u32,
            pixels_per_point: ui.ctx().pixels_per_point().to_bits(),
            dark_mode: ui.visuals().dark_mode,
            language,
            fonts,
        };
        if let Some(layout) = self.layouts.get(&key) {
            return Some(layout.clone());
        }
        if self.layouts.len() >= Self::CAPACITY {
            self.layouts.clear();
        }
        let layout = Arc::new(lay_out(
            ui,
            letter,
            language.strings(),
            key.width as f32,
            Palette::for_theme(key.dark_mode),
        ));
        self.layouts.insert(key, layout.clone());
        Some(layout)
    }
}

struct Look {
    font: FontId,
    color: Color32,
    align: egui::Align,
    indent: f32,
    space_before: f32,
    space_after: f32,
    first_line_indent: f32,
}

fn look(style: PartStyle, palette: Palette) -> Look {
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
        PartStyle::ListItem => Look {
            indent: em,
            space_after: 0.3 * em,
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
fn lay_out(
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
    for part in letter::parts(letter) {
        let look = look(part.style, palette);
        y += look.space_before;
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
                    omission: Some(ordinal),
                    text: part.text(),
                }
            }
            None => {
                let wrap = column - look.indent;
                let mut job = LayoutJob::default();
                job.wrap.max_width = wrap;
                let ranges = part.span_ranges();
                for (index, span) in part.spans.iter().enumerate() {
                    let mut format = TextFormat {
                        font_id: look.font.clone(),
                        color: look.color,
                        line_height: Some(look.font.size * LINE_HEIGHT),
                        ..TextFormat::default()
                    };
                    match span {
                        Span::Mask { .. } => format.color = palette.mask_text,
                        // Underlined when painted, from the span's own rectangles: epaint
                        // draws an underline at the bottom of the line box, which with our
                        // line height sits on top of the next row.
                        Span::Link { .. } => format.color = palette.link,
                        Span::Text(_) => {}
                    }
                    let leading = if index == 0 {
                        look.first_line_indent
                    } else {
                        0.0
                    };
                    job.append(span.text(), leading, format);
                }
                let mut galley = ui.painter().layout_job(job.clone());
                if look.align == egui::Align::Center && galley.rows.len() > 1 {
                    galley = balanced(ui, job, galley);
                }
                let size = galley.size();
                let x = match look.align {
                    egui::Align::Min => left + look.indent,
                    egui::Align::Center => left + (column - size.x).max(0.0) / 2.0,
                    egui::Align::Max => left + (column - size.x).max(0.0),
                };
                let galley_pos = Pos2::new(x, y);
                let interactive: Vec<(&Span, Range<usize>)> = part
                    .spans
                    .iter()
                    .zip(ranges)
                    .filter(|(span, _)| !matches!(span, Span::Text(_)))
                    .collect();
                let ranges: Vec<Range<usize>> =
                    interactive.iter().map(|(_, range)| range.clone()).collect();
                let spans = interactive
                    .into_iter()
                    .zip(span_rects(&galley, &ranges))
                    .filter_map(|((span, _), rects)| {
                        let kind = match span {
                            Span::Text(_) => return None,
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
                    .collect();
                LaidPart {
                    key: part.key,
                    rect: Rect::from_min_size(Pos2::new(left, y), Vec2::new(column, size.y)),
                    galley_pos,
                    galley,
                    spans,
                    omission: None,
                    text: part.text(),
                }
            }
        };
        y = laid.rect.bottom() + look.space_after;
        parts.push(laid);
    }
    DocumentLayout {
        parts,
        height: y + 24.0,
    }
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

fn who(strings: &Strings, by: WithheldBy) -> &'static str {
    match by {
        WithheldBy::Author => strings.who_author,
        WithheldBy::Forwarder => strings.who_forwarder,
        WithheldBy::NotStated => strings.who_not_stated,
    }
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
    let reason = omission
        .reason
        .as_deref()
        .map_or_else(|| strings.not_stated.into(), one_line);
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
    let mut rects = vec![Vec::new(); ranges.len()];
    // The first range that does not end before the current character.
    let mut next = 0;
    let mut index = 0;
    'rows: for row in &galley.rows {
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

/// The underline of one row of a link: along the bottom of the characters' rectangle, exactly
/// as wide as the linked characters on that row.
fn underline(rect: Rect) -> [Pos2; 2] {
    [rect.left_bottom(), rect.right_bottom()]
}

/// Draws document `document` of the shown bundle in `pane`.
pub fn document_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    cache: &mut LayoutCache,
    pane: Pane,
    document: usize,
    commands: &mut Vec<Command>,
) {
    let Some(shown) = &state.shown else {
        return;
    };
    let language = state.language();
    let strings = language.strings();
    let palette = Palette::for_theme(ui.visuals().dark_mode);
    let width = ui.available_width();
    let Some(layout) = cache.layout(ui, shown, document, language, width) else {
        return;
    };

    let scroll_id = egui::Id::unique(("document-scroll", pane, shown.serial, document));
    let mut area = egui::ScrollArea::vertical()
        .id_salt(scroll_id)
        .auto_shrink(false);
    if let Some(request) = state.scroll
        && request.pane == pane
        && request.document == document
    {
        if let Some(part) = layout.part(request.part) {
            area = area.vertical_scroll_offset((part.rect.top() - 48.0).max(0.0));
        }
        commands.push(Command::ScrollDone(request.serial));
    }

    let flash = state
        .flash
        .filter(|flash| flash.document == document)
        .and_then(|flash| {
            let now = ui.ctx().input(|input| input.time);
            let started = ui.ctx().memory_mut(|memory| {
                *memory
                    .data
                    .get_temp_mut_or_insert_with(egui::Id::unique(("flash", flash.serial)), || now)
            });
            let elapsed = now - started;
            (elapsed < FLASH_SECONDS).then(|| {
                ui.ctx().request_repaint();
                (flash.part, 1.0 - (elapsed / FLASH_SECONDS) as f32)
            })
        });
    let current = shown
        .current_withheld()
        .filter(|item| item.document == document)
        .copied();
    let hits: Vec<(usize, &crate::ui::state::Hit)> = state
        .search
        .hits
        .iter()
        .enumerate()
        .filter(|(_, hit)| hit.document == document)
        .collect();

    area.show_viewport(ui, |ui, viewport| {
        ui.set_height(layout.height);
        let origin = ui.max_rect().min.to_vec2();
        let painter = ui.painter().clone();
        for part in &layout.parts[layout.visible(viewport.y_range())] {
            let part_rect = part.rect.translate(origin);
            // Accessibility: each visible part is a label carrying its text.
            let part_id = ui.scope_id().with(("part", part.key));
            let response = ui.interact(part_rect, part_id, Sense::hover());
            let text = part.text.clone();
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text.clone()));

            if let Some(ordinal) = part.omission {
                painter.rect(
                    part_rect,
                    CornerRadius::same(6),
                    palette.omission_fill,
                    Stroke::new(1.5, palette.omission_stroke),
                    StrokeKind::Inside,
                );
                draw_hatching(&painter, part_rect, palette.omission_stroke);
                if current.is_some_and(|item| item.ordinal == ordinal && item.part == part.key) {
                    painter.rect_stroke(
                        part_rect.expand(3.0),
                        CornerRadius::same(8),
                        Stroke::new(2.5, palette.focus),
                        StrokeKind::Outside,
                    );
                }
            }
            for (index, hit) in &hits {
                if hit.part != part.key {
                    continue;
                }
                let is_current = state.search.current == Some(*index);
                for rect in part.char_rects(hit.range.clone()) {
                    let rect = rect.translate(origin).expand(1.0);
                    painter.rect_filled(rect, CornerRadius::same(2), palette.hit_fill);
                    if is_current {
                        painter.rect_stroke(
                            rect,
                            CornerRadius::same(2),
                            Stroke::new(2.0, palette.hit_stroke),
                            StrokeKind::Outside,
                        );
                    }
                }
            }
            for span in &part.spans {
                if let SpanKind::Mask { ordinal, .. } = &span.kind {
                    let focused = current
                        .is_some_and(|item| item.ordinal == *ordinal && item.part == part.key);
                    for rect in &span.rects {
                        let rect = rect.translate(origin).expand2(Vec2::new(2.0, 1.5));
                        painter.rect(
                            rect,
                            CornerRadius::same(3),
                            palette.mask_fill,
                            Stroke::new(1.5, palette.mask_stroke),
                            StrokeKind::Outside,
                        );
                        if focused {
                            painter.rect_stroke(
                                rect.expand(3.0),
                                CornerRadius::same(4),
                                Stroke::new(2.5, palette.focus),
                                StrokeKind::Outside,
                            );
                        }
                    }
                }
            }
            painter.galley(part.galley_pos + origin, part.galley.clone(), palette.text);
            for span in &part.spans {
                if let SpanKind::Link { .. } = span.kind {
                    for rect in &span.rects {
                        painter.line_segment(
                            underline(rect.translate(origin)),
                            Stroke::new(1.0, palette.link),
                        );
                    }
                }
            }
            if let Some((flash_part, strength)) = flash
                && flash_part == part.key
            {
                let color = palette.focus.gamma_multiply(strength);
                painter.rect_stroke(
                    part_rect.expand(6.0),
                    CornerRadius::same(8),
                    Stroke::new(3.0, color),
                    StrokeKind::Outside,
                );
                painter.rect_filled(
                    part_rect.expand(6.0),
                    CornerRadius::same(8),
                    palette.focus.gamma_multiply(0.12 * strength),
                );
            }
            spans_ui(ui, part, origin, &shown.bundle, strings, commands);
        }
    });
}

/// Hover and click areas for masks and links of one visible part.
fn spans_ui(
    ui: &mut egui::Ui,
    part: &LaidPart,
    origin: Vec2,
    bundle: &crate::bundle::OpenedBundle,
    strings: &Strings,
    commands: &mut Vec<Command>,
) {
    for (span_index, span) in part.spans.iter().enumerate() {
        for (row, rect) in span.rects.iter().enumerate() {
            let rect = rect.translate(origin);
            let id = ui.scope_id().with(("span", part.key, span_index, row));
            match &span.kind {
                SpanKind::Mask {
                    marker,
                    label,
                    reason,
                    masked_by,
                    ..
                } => {
                    let response = ui.interact(rect, id, Sense::hover());
                    if row == 0 {
                        let name = fill(strings.mask_accessible, &[("marker", &one_line(marker))]);
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Label, true, name.clone())
                        });
                    }
                    response.on_hover_ui(|ui| {
                        ui.strong(strings.mask_title);
                        let stated = |text: &Option<String>| -> String {
                            text.as_deref().map_or_else(
                                || strings.not_stated.to_owned(),
                                |text| one_line(text).into_owned(),
                            )
                        };
                        ui.label(fill(strings.mask_what, &[("label", &stated(label))]));
                        ui.label(fill(strings.mask_reason, &[("reason", &stated(reason))]));
                        ui.label(fill(strings.mask_by, &[("who", who(strings, *masked_by))]));
                    });
                }
                SpanKind::Link { target, text } => {
                    let response = ui
                        .interact(rect, id, Sense::click())
                        .on_hover_cursor(egui::CursorIcon::PointingHand);
                    if row == 0 {
                        let name = text.clone();
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Link, true, name.clone())
                        });
                    }
                    let mut hint = match target {
                        LinkTarget::Document { .. } => strings.link_document_hint.to_owned(),
                        LinkTarget::External { url } if !opens_externally(url) => {
                            fill(strings.link_not_opened, &[("url", &one_line(url))])
                        }
                        LinkTarget::External { url } => {
                            fill(strings.link_external_hint, &[("url", &one_line(url))])
                        }
                    };
                    match bundle.link_remark(target, text) {
                        Some(crate::bundle::LinkRemark::NoSuchDocument)
                        | Some(crate::bundle::LinkRemark::NoSuchHeading) => {
                            hint = format!("⚠ {}\n{hint}", strings.link_goes_nowhere);
                        }
                        Some(crate::bundle::LinkRemark::TextShowsOtherAddress { shown }) => {
                            hint = format!(
                                "⚠ {}\n{hint}",
                                fill(
                                    strings.link_text_other_address,
                                    &[("shown", &one_line(&shown))]
                                )
                            );
                        }
                        Some(crate::bundle::LinkRemark::NotOpened) | None => {}
                    }
                    if response.on_hover_text(hint).clicked() {
                        commands.push(Command::FollowLink(target.clone()));
                    }
                }
            }
        }
    }
}

/// Light diagonal hatching along the left edge of an omission block, so it reads as
/// "something is missing here" without relying on colour.
fn draw_hatching(painter: &egui::Painter, rect: Rect, color: Color32) {
    let band = Rect::from_min_max(rect.min, Pos2::new(rect.left() + 8.0, rect.bottom()));
    let stroke = Stroke::new(1.0, color.gamma_multiply(0.7));
    let clipped = painter.with_clip_rect(band.shrink(1.0));
    let mut y = band.top() - band.width();
    while y < band.bottom() {
        clipped.line_segment(
            [
                Pos2::new(band.left(), y + band.width()),
                Pos2::new(band.right(), y),
            ],
            stroke,
        );
        y += 5.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn hits_and_jump_targets_are_highlighted_in_a_calm_colour_never_the_tamper_red() {
        for dark in [false, true] {
            let palette = Palette::for_theme(dark);
            let (_, danger, _) = crate::ui::viewer::banner::Tone::Danger.colors(dark);
            for color in [palette.focus, palette.hit_fill, palette.hit_stroke] {
                assert_ne!(color, danger);
                assert!(
                    color.b() > color.r(),
                    "{color:?} in the {} theme reads as red",
                    if dark { "dark" } else { "light" }
                );
            }
        }
    }

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
}
