//! Paints the visible parts of a laid-out letter in a scrolling pane: the text, masks with
//! their bordered highlight, omitted sections as hatched blocks, search hits, the current
//! withheld item and the flash after a jump, link underlines, and the hover text and
//! accessibility nodes of masks and links. Clicking a link pushes a command; nothing else
//! changes.

use std::ops::Range;

use egui::{Color32, CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::{FLASH_SECONDS, Palette, who};
use crate::document::{LinkTarget, opens_externally};
use crate::ui::command::Command;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, Pane, Shown, WithheldSort};
use crate::ui::viewer::document::cache::LayoutCache;
use crate::ui::viewer::document::layout::{CellFrame, DocumentLayout, LaidPart, SpanKind};
use crate::ui::viewer::document::select;
use crate::ui::viewer::document::select_input::{PointerOnText, select_ui};
use crate::ui::viewer::navigation::Spot;
use crate::ui::viewer::withheld_detail::{accessible_name, stated};

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
    // What the layout's geometry depends on: the width and the zoom.
    let geometry = (width.round() as u32, ui.ctx().pixels_per_point().to_bits());
    let mut area = egui::ScrollArea::vertical()
        .id_salt(scroll_id)
        .auto_shrink(false);
    if let Some(request) = state.scroll
        && request.pane == pane
        && request.document == document
    {
        if let Some(part) = layout.part(request.part) {
            let top = match request.spot {
                Spot::Top => None,
                Spot::Mask(ordinal) => part
                    .spans
                    .iter()
                    .find(|span| {
                        matches!(span.kind, SpanKind::Mask { ordinal: of, .. } if of == ordinal)
                    })
                    .and_then(|span| span.rects.first())
                    .map(|rect| rect.top()),
                Spot::Char(offset) => part
                    .char_rects(offset..offset + 1)
                    .first()
                    .map(|rect| rect.top()),
            };
            // A place far down a long paragraph comes into view with the row above it.
            let top = top
                .filter(|top| *top > part.rect.top() + 48.0)
                .map_or(part.rect.top(), |top| top - 24.0);
            area = area.vertical_scroll_offset((top - 48.0).max(0.0));
        }
        commands.push(Command::ScrollDone(request.serial));
    } else if let Some(offset) = reading_anchor_offset(ui, scroll_id, geometry, &layout) {
        // Laid out anew (zoom, width): the text that was at the top stays at the top.
        area = area.vertical_scroll_offset(offset);
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

    let selection = shown
        .selection
        .filter(|selection| selection.document == document);
    area.show_viewport(ui, |ui, viewport| {
        ui.set_height(layout.height);
        keep_reading_anchor(ui, scroll_id, geometry, &layout, viewport.min.y);
        if ui.rect_contains_pointer(ui.clip_rect()) {
            super::set_reading_document(ui.ctx(), document);
        }
        let origin = ui.max_rect().min.to_vec2();
        let painter = ui.painter().clone();
        let mut pointer = PointerOnText::default();
        // A press on a mask or link over the text starts a selection too.
        let press = ui.input(|input| input.pointer.press_origin());
        for index in layout.visible(viewport.y_range()) {
            let part = &layout.parts[index];
            let part_rect = part.rect.translate(origin);
            // Accessibility: each visible part is a label carrying its text; an omission is a
            // focusable item named by what the file says about it, and selects it when
            // clicked or activated with Enter.
            let part_id = ui.scope_id().with(("part", part.key));
            let omission_entry = part.omission.and_then(|ordinal| {
                shown.withheld_position(document, WithheldSort::Omission, ordinal)
            });
            // Dragging over the text selects it, across parts, for Ctrl+C (see `select_ui`).
            let selectable = Sense::click_and_drag();
            let part_response = match omission_entry {
                Some(entry) => {
                    let response = ui.interact(part_rect, part_id, selectable);
                    // Names are built only when a screen reader asks (AccessKit is on).
                    response.widget_info(|| {
                        let name = shown
                            .withheld_labels
                            .get(entry)
                            .map(|label| accessible_name(strings, WithheldSort::Omission, label))
                            .unwrap_or_else(|| part.text.clone());
                        egui::WidgetInfo::labeled(egui::Role::Label, true, name)
                    });
                    withheld_item_response(ui, &response, part_rect, &palette);
                    if response.clicked() {
                        commands.push(Command::GoToWithheld(entry));
                    }
                    response
                }
                None => {
                    // Not a Tab stop: Tab moves between links, masks and omissions.
                    let response = ui.interact(part_rect, part_id, selectable - Sense::FOCUSABLE);
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Label, true, part.text.clone())
                    });
                    response
                }
            };

            if let Some(frame) = part.frame {
                let fill = match frame {
                    CellFrame::Header => palette.omission_fill,
                    CellFrame::Cell => Color32::TRANSPARENT,
                };
                painter.rect(
                    part_rect,
                    CornerRadius::ZERO,
                    fill,
                    Stroke::new(1.0, palette.muted),
                    StrokeKind::Middle,
                );
            }
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
            // Tens of thousands of hits in one long paragraph: only those on the rows on
            // screen are measured and drawn.
            let (part_hits, hit_ranges): (Vec<usize>, Vec<Range<usize>>) = hits
                .iter()
                .filter(|(_, hit)| hit.part == part.key)
                .map(|(index, hit)| (*index, hit.range.clone()))
                .unzip();
            let clip = ui.clip_rect();
            for (at, rects) in part.char_rects_between(
                &hit_ranges,
                clip.top() - origin.y,
                clip.bottom() - origin.y,
            ) {
                let is_current = state.search.current == Some(part_hits[at]);
                for rect in rects {
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
            // A paragraph can hold 100,000 masks: only the ones on screen are drawn and take
            // input, so a frame costs what is visible.
            let visible = ui.clip_rect();
            let on_screen = part.spans_crossing(
                visible.top() - origin.y - SPAN_MARGIN,
                visible.bottom() - origin.y + SPAN_MARGIN,
            );
            for span in &part.spans[on_screen.clone()] {
                if let SpanKind::Mask { ordinal, .. } = &span.kind {
                    let focused = current
                        .is_some_and(|item| item.ordinal == *ordinal && item.part == part.key);
                    for rect in &span.rects {
                        let rect = rect.translate(origin).expand2(Vec2::new(2.0, 1.5));
                        if !visible.intersects(rect) {
                            continue;
                        }
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
            pointer.note(
                index,
                &part_response,
                press.is_some_and(|press| part_rect.contains(press)),
            );
            if let Some(range) =
                selection.and_then(|selection| selection.range_in(index, part.extent()))
            {
                let shade = ui.visuals().selection.bg_fill;
                let (shade, corner) = if part.omission.is_some() {
                    (shade.gamma_multiply(0.5), CornerRadius::same(6))
                } else {
                    (shade, CornerRadius::ZERO)
                };
                for rect in select::selection_rects(part, range) {
                    painter.rect_filled(rect.translate(origin), corner, shade);
                }
            }
            painter.galley(part.galley_pos + origin, part.galley.clone(), palette.text);
            if let Some(caret) =
                selection.filter(|selection| selection.is_empty() && selection.focus.part == index)
                && let Some(rect) = select::caret_rect(&layout, caret.focus)
            {
                let rect = rect.translate(origin);
                painter.line_segment(
                    [rect.center_top(), rect.center_bottom()],
                    Stroke::new(1.5, palette.text),
                );
            }
            for span in &part.spans[on_screen] {
                if let SpanKind::Link { target, .. } = &span.kind {
                    // A link Kairan will not open is muted and dotted, not a working link's line.
                    let refused = matches!(target,
                        LinkTarget::External { url } if !opens_externally(url));
                    for rect in &span.rects {
                        if !visible.intersects(rect.translate(origin)) {
                            continue;
                        }
                        let line = underline(rect.translate(origin));
                        if refused {
                            painter.extend(egui::Shape::dashed_line(
                                &line,
                                Stroke::new(1.0, palette.muted),
                                2.0,
                                3.0,
                            ));
                        } else {
                            painter.line_segment(line, Stroke::new(1.0, palette.link));
                        }
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
            spans_ui(ui, part, origin, shown, document, strings, commands);
        }
        select_ui(ui, &layout, origin, pointer, shown, document, commands);
    });
}

/// How far beyond a span's text its mask box and focus ring are drawn.
const SPAN_MARGIN: f32 = 8.0;

/// Where the reader is in a pane's letter: the part at the top of the pane and how far into it,
/// for the layout it was measured on.
#[derive(Debug, Clone, Copy)]
struct ReadingAnchor {
    /// The width and zoom of the layout it was measured on.
    geometry: (u32, u32),
    part: usize,
    into_part: f32,
}

/// Remembers which part is at the top of the pane (`top`, in document coordinates).
fn keep_reading_anchor(
    ui: &egui::Ui,
    scroll_id: egui::Id,
    geometry: (u32, u32),
    layout: &DocumentLayout,
    top: f32,
) {
    let parts = &layout.parts;
    let index = parts.partition_point(|part| part.rect.bottom() < top);
    let Some(part) = parts.get(index) else {
        return;
    };
    let into_part = ((top - part.rect.top()) / part.rect.height().max(1.0)).clamp(0.0, 1.0);
    let anchor = ReadingAnchor {
        geometry,
        part: index,
        into_part,
    };
    ui.data_mut(|data| data.insert_temp(scroll_id.with("reading-anchor"), anchor));
}

/// The scroll offset that brings back the text the reader had at the top, when the letter has
/// been laid out anew since (another zoom, width or theme); `None` when it has not.
fn reading_anchor_offset(
    ui: &egui::Ui,
    scroll_id: egui::Id,
    geometry: (u32, u32),
    layout: &DocumentLayout,
) -> Option<f32> {
    let anchor: ReadingAnchor = ui.data(|data| data.get_temp(scroll_id.with("reading-anchor")))?;
    if anchor.geometry == geometry {
        return None;
    }
    let part = layout.parts.get(anchor.part)?;
    Some(part.rect.top() + anchor.into_part * part.rect.height())
}

/// Hover and click areas for masks and links of one visible part. A mask is focusable (its
/// first row), named for a screen reader by what the file says about it, and selects it for
/// the detail panel when clicked or activated with Enter.
fn spans_ui(
    ui: &mut egui::Ui,
    part: &LaidPart,
    origin: Vec2,
    shown: &Shown,
    document: usize,
    strings: &Strings,
    commands: &mut Vec<Command>,
) {
    let bundle = &shown.bundle;
    let palette = Palette::for_theme(ui.visuals().dark_mode);
    let visible = ui.clip_rect();
    let on_screen = part.spans_crossing(
        visible.top() - origin.y - SPAN_MARGIN,
        visible.bottom() - origin.y + SPAN_MARGIN,
    );
    for (span_index, span) in part.spans.iter().enumerate().skip(on_screen.start) {
        if span_index >= on_screen.end {
            break;
        }
        for (row, rect) in span.rects.iter().enumerate() {
            let rect = rect.translate(origin);
            // Off screen, a mask or link takes no input (and no Tab stop: the side list and F8
            // reach every withheld item, and a jump scrolls it into view first).
            if !visible.intersects(rect) {
                continue;
            }
            let id = ui.scope_id().with(("span", part.key, span_index, row));
            match &span.kind {
                SpanKind::Mask {
                    ordinal,
                    marker,
                    label,
                    reason,
                    masked_by,
                } => {
                    // Only the first row takes keyboard focus: one Tab stop per mask.
                    let sense = if row == 0 {
                        Sense::click()
                    } else {
                        Sense::CLICK
                    };
                    let response = ui.interact(rect, id, sense);
                    let entry = shown.withheld_position(document, WithheldSort::Mask, *ordinal);
                    if row == 0 {
                        response.widget_info(|| {
                            let name = entry
                                .and_then(|entry| shown.withheld_labels.get(entry))
                                .map(|label| accessible_name(strings, WithheldSort::Mask, label))
                                .unwrap_or_default();
                            egui::WidgetInfo::labeled(egui::Role::Label, true, name)
                        });
                        withheld_item_response(ui, &response, rect.expand(2.0), &palette);
                    }
                    if response.clicked()
                        && let Some(entry) = entry
                    {
                        commands.push(Command::GoToWithheld(entry));
                    }
                    response.on_hover_ui(|ui| {
                        ui.strong(strings.mask_title);
                        let stated = |text: &Option<String>| stated(strings, text.as_deref());
                        ui.label(fill(strings.mask_what, &[("label", &stated(label))]));
                        ui.label(fill(strings.mask_reason, &[("reason", &stated(reason))]));
                        ui.label(fill(strings.mask_by, &[("who", who(strings, *masked_by))]));
                        if crate::document::is_readable_marker(marker) {
                            ui.label(strings.mask_readable);
                        }
                    });
                }
                SpanKind::Link { target, text } => {
                    // One Tab stop per link, however many rows it wraps over, with a focus
                    // ring round all of them.
                    let sense = if row == 0 {
                        Sense::click()
                    } else {
                        Sense::CLICK
                    };
                    let response = ui
                        .interact(rect, id, sense)
                        .on_hover_cursor(egui::CursorIcon::PointingHand);
                    if row == 0 {
                        let name = text.clone();
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Link, true, name.clone())
                        });
                        if response.gained_focus() {
                            response.scroll_to_me(None);
                        }
                        if response.has_focus() {
                            for rect in &span.rects {
                                ui.painter().rect_stroke(
                                    rect.translate(origin).expand(3.0),
                                    CornerRadius::same(4),
                                    Stroke::new(2.0, palette.focus),
                                    StrokeKind::Outside,
                                );
                            }
                        }
                    }
                    // Built only while the pointer is on the link.
                    let hint = || {
                        // An address of any length is cut for the tooltip; the dialog before
                        // opening it shows it whole.
                        let url_shown = |url: &str| crate::escape::elided(url, 200);
                        let mut hint = match target {
                            LinkTarget::Document { path, heading } => {
                                link_destination(bundle, path, heading.as_deref(), strings)
                            }
                            LinkTarget::External { url } if !opens_externally(url) => {
                                fill(strings.link_not_opened, &[("url", &url_shown(url))])
                            }
                            LinkTarget::External { url } => {
                                fill(strings.link_external_hint, &[("url", &url_shown(url))])
                            }
                        };
                        match bundle.link_remark(target, text) {
                            // The destination line already says it goes nowhere.
                            Some(crate::bundle::LinkRemark::NoSuchDocument) => {
                                hint = format!("△ {}", strings.link_goes_nowhere);
                            }
                            Some(crate::bundle::LinkRemark::NoSuchHeading) => {
                                hint = format!("△ {}\n{hint}", strings.link_goes_nowhere);
                            }
                            Some(crate::bundle::LinkRemark::TextShowsOtherAddress { shown }) => {
                                hint = format!(
                                    "△ {}\n{hint}",
                                    fill(
                                        strings.link_text_other_address,
                                        &[("shown", &crate::escape::elided(&shown, 200))]
                                    )
                                );
                            }
                            Some(crate::bundle::LinkRemark::DisguisedHost) => {
                                hint = format!("△ {}\n{hint}", strings.link_disguised_host);
                            }
                            Some(crate::bundle::LinkRemark::NotOpened) | None => {}
                        }
                        hint
                    };
                    if response
                        .on_hover_ui(|ui| {
                            ui.label(hint());
                        })
                        .clicked()
                    {
                        commands.push(Command::FollowLink {
                            target: target.clone(),
                            from: Some((document, part.key)),
                        });
                    }
                }
            }
        }
    }
}

/// Where a link inside the bundle goes, in words: the document's title and, when it names
/// one, the heading's text.
fn link_destination(
    bundle: &crate::bundle::OpenedBundle,
    path: &str,
    heading: Option<&str>,
    strings: &Strings,
) -> String {
    let Some(target) = bundle
        .documents
        .iter()
        .find(|document| document.entry.path == path)
    else {
        return strings.link_goes_nowhere.to_owned();
    };
    let title = crate::escape::quoted(&target.document.title_text());
    let heading_text = heading.and_then(|id| {
        crate::document::letter::parts(&target.document)
            .into_iter()
            .find(|part| part.heading_id == Some(id))
            .map(|part| crate::escape::quoted(&part.text()))
    });
    match heading_text {
        Some(heading) => fill(
            strings.link_to_heading,
            &[("title", &title), ("heading", &heading)],
        ),
        None => fill(strings.link_to_document, &[("title", &title)]),
    }
}

/// What every focusable withheld item does with focus: a visible focus ring, and scrolled
/// into view when Tab reaches it.
fn withheld_item_response(ui: &egui::Ui, response: &egui::Response, rect: Rect, palette: &Palette) {
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
    if response.has_focus() {
        ui.painter().rect_stroke(
            rect.expand(5.0),
            CornerRadius::same(6),
            Stroke::new(2.0, palette.focus),
            StrokeKind::Outside,
        );
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
