//! Draws one document as the Japanese business letter it is: date and issuer right-aligned,
//! addressee left, title centred, 記 centred, 以上 right-aligned, in a readable column.
//! Masked fields get a bordered highlight that cannot pass for text; omitted sections are
//! full-width placeholder blocks.
//!
//! Text is laid out once per document, width, scale, theme, language and font atlas
//! ([`LayoutCache`], in [`cache`]) and only the parts inside the visible viewport are painted
//! and given accessibility nodes ([`paint`]), so long documents stay smooth;
//! [`span_rects`](mod@span_rects) finds the rectangles of masks, links and search hits in the
//! laid-out text; [`select`] maps the pointer and keys to a text selection across parts. This module maps model parts to shapes and pushes commands; it never changes
//! state itself.

use egui::Color32;

use crate::ui::viewer::withheld_detail::who;

pub mod cache;
pub mod layout;
pub mod paint;
pub mod select;
mod select_input;
pub mod span_rects;
mod table;

pub use cache::LayoutCache;
pub use layout::{CellFrame, DocumentLayout, LaidPart, LaidSpan, SpanKind};
pub use paint::document_ui;
pub use span_rects::{char_rects, span_rects};

/// The widest text column, in units of the body font size (about 38 full-width characters).
const COLUMN_EMS: f32 = 38.0;
const BODY_SIZE: f32 = 15.5;
const LINE_HEIGHT: f32 = 1.75;
const FLASH_SECONDS: f64 = 1.6;

/// Where the document last under the pointer is remembered, for Ctrl+A.
fn reading_id() -> egui::Id {
    egui::Id::unique("kairan-reading-document")
}

/// The document last under the pointer, if any: the one Ctrl+A selects.
pub fn reading_document(ctx: &egui::Context) -> Option<usize> {
    ctx.data(|data| data.get_temp::<usize>(reading_id()))
}

/// Remembers `document` as the one being read (the pointer is over it).
fn set_reading_document(ctx: &egui::Context, document: usize) {
    ctx.data_mut(|data| data.insert_temp(reading_id(), document));
}

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

#[cfg(test)]
mod tests {
    use super::*;
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
}
