//! The embedded Japanese font (BIZ UDGothic, SIL OFL 1.1, see `assets/fonts/OFL.txt`), so that
//! letters render on machines without Japanese system fonts. egui's own fonts stay behind it
//! for symbols, and eframe's system-font provider still fills in rare characters.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/BIZUDGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/BIZUDGothic-Bold.ttf");
const REGULAR_NAME: &str = "BIZUDGothic-Regular";
const BOLD_NAME: &str = "BIZUDGothic-Bold";

/// The family for bold text (titles and headings).
pub fn bold() -> FontFamily {
    FontFamily::Name("kairan-bold".into())
}

/// The font definitions the viewer uses: BIZ UDGothic first, egui's defaults after it.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        REGULAR_NAME.into(),
        Arc::new(FontData::from_static(REGULAR)),
    );
    fonts
        .font_data
        .insert(BOLD_NAME.into(), Arc::new(FontData::from_static(BOLD)));
    let proportional_fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, REGULAR_NAME.into());
    // Monospace keeps its Latin face first (fingerprints) and borrows the Japanese one.
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push(REGULAR_NAME.into());
    let mut bold_chain = vec![BOLD_NAME.to_owned(), REGULAR_NAME.to_owned()];
    bold_chain.extend(proportional_fallbacks);
    fonts.families.insert(bold(), bold_chain);
    fonts
}

/// Installs the viewer's fonts into `ctx` (takes effect from the next pass).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
