//! The embedded Japanese font (BIZ UDGothic, SIL OFL 1.1, see `assets/fonts/OFL.txt`), so that
//! letters render on machines without Japanese system fonts. egui's own fonts stay behind it
//! for symbols, and eframe's system-font provider still fills in rare characters.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontTweak};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/BIZUDGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/BIZUDGothic-Bold.ttf");
const REGULAR_NAME: &str = "BIZUDGothic-Regular";
const BOLD_NAME: &str = "BIZUDGothic-Bold";

/// The family for letter text: BIZ UDGothic first, so Japanese and the half-width Latin
/// inside letters share one design, as in a printed Japanese letter.
pub fn letter() -> FontFamily {
    FontFamily::Name("kairan-letter".into())
}

/// The family for bold letter text (titles and headings).
pub fn bold() -> FontFamily {
    FontFamily::Name("kairan-bold".into())
}

/// The font definitions the viewer uses. The UI keeps egui's Latin face first and falls back
/// to BIZ UDGothic for Japanese; letters use BIZ UDGothic first.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    // The font's own hinting collapses thin horizontal strokes to nothing at many sizes (the
    // dashes —, ― and – vanished from 15.5-point body text): its outlines are drawn as
    // designed instead.
    let unhinted = |font: &'static [u8]| {
        Arc::new(FontData::from_static(font).tweak(FontTweak {
            hinting: Some(false),
            ..FontTweak::default()
        }))
    };
    fonts
        .font_data
        .insert(REGULAR_NAME.into(), unhinted(REGULAR));
    fonts.font_data.insert(BOLD_NAME.into(), unhinted(BOLD));
    let defaults = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    // UI text: egui's Latin face, then Japanese.
    let mut ui_chain = defaults.clone();
    ui_chain.insert(1.min(ui_chain.len()), REGULAR_NAME.into());
    fonts.families.insert(FontFamily::Proportional, ui_chain);
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push(REGULAR_NAME.into());
    let mut letter_chain = vec![REGULAR_NAME.to_owned()];
    letter_chain.extend(defaults.iter().cloned());
    fonts.families.insert(letter(), letter_chain);
    let mut bold_chain = vec![BOLD_NAME.to_owned(), REGULAR_NAME.to_owned()];
    bold_chain.extend(defaults);
    fonts.families.insert(bold(), bold_chain);
    fonts
}

/// Installs the viewer's fonts into `ctx` (takes effect from the next pass) and sets text
/// sizes a little larger than egui's defaults, for comfortable reading.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    ctx.all_styles_mut(|style| {
        use egui::{FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(19.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing.y = 5.0;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_can_fall_back_to_the_japanese_font() {
        let fonts = definitions();
        for family in [
            FontFamily::Proportional,
            FontFamily::Monospace,
            letter(),
            bold(),
        ] {
            assert!(
                fonts.families[&family]
                    .iter()
                    .any(|name| name == REGULAR_NAME),
                "{family:?}"
            );
        }
        assert_eq!(fonts.families[&letter()][0], REGULAR_NAME);
    }

    #[test]
    fn thin_dashes_are_drawn_at_every_size() {
        let ctx = egui::Context::default();
        install(&ctx);
        // One pass creates the fonts; no renderer takes its font texture.
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let mut vanished = Vec::new();
        for quarter_points in 32..=192 {
            let size = quarter_points as f32 / 4.0;
            for family in [letter(), bold(), FontFamily::Proportional] {
                let galley = ctx.fonts_mut(|fonts| {
                    fonts.layout_no_wrap(
                        "—―–‐ー一－─".into(),
                        egui::FontId::new(size, family.clone()),
                        egui::Color32::WHITE,
                    )
                });
                for glyph in &galley.rows[0].glyphs {
                    if glyph.uv_rect.size.x == 0.0 || glyph.uv_rect.size.y == 0.0 {
                        vanished.push(format!("{:?} at {size} in {family:?}", glyph.chr));
                    }
                }
            }
        }
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        assert!(
            vanished.is_empty(),
            "{} vanished: {vanished:?}",
            vanished.len()
        );
    }
}
