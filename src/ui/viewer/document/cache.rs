//! The laid-out letters kept between frames, so text is shaped once and not every frame, and
//! dropped whenever anything they depend on changes: the width, zoom, theme, language, or the
//! font atlas egui rebuilds behind our back.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley};

use super::layout::{DocumentLayout, lay_out};
use super::{BODY_SIZE, Palette};
use crate::ui::fonts;
use crate::ui::i18n::Language;
use crate::ui::state::Shown;

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

/// The most memory the kept layouts may take, as [`DocumentLayout::approximate_bytes`]
/// counts it: beyond it, the layouts used longest ago are dropped (never one in use this
/// pass), to be laid out again when their letter is shown.
pub const LAYOUT_BUDGET_BYTES: usize = 256 << 20;

/// A kept layout, its size and the pass that last used it.
struct Kept {
    layout: Arc<DocumentLayout>,
    bytes: usize,
    used: u64,
}

/// Laid-out documents, so text is shaped once and not every frame.
///
/// A layout depends on the document, the width, pixels per point (zoom), the theme, the
/// language and the fonts generation (`FontsWatch`); all of them are in its key, and when the
/// fonts change every layout is dropped, since none can be painted any more. The kept layouts
/// stay within a budget in bytes ([`LAYOUT_BUDGET_BYTES`] unless [`LayoutCache::with_budget`]
/// says otherwise).
pub struct LayoutCache {
    layouts: HashMap<LayoutKey, Kept>,
    fonts: FontsWatch,
    budget: usize,
}

impl Default for LayoutCache {
    fn default() -> Self {
        LayoutCache::with_budget(LAYOUT_BUDGET_BYTES)
    }
}

impl LayoutCache {
    /// A cache whose kept layouts take at most `budget` bytes (beyond the ones in use).
    pub fn with_budget(budget: usize) -> Self {
        LayoutCache {
            layouts: HashMap::new(),
            fonts: FontsWatch::default(),
            budget,
        }
    }

    /// About how many bytes the kept layouts take.
    pub fn kept_bytes(&self) -> usize {
        self.layouts.values().map(|kept| kept.bytes).sum()
    }

    /// How many layouts are kept (one per document of the shown bundle; more only for a
    /// bundle with that many documents).
    pub fn len(&self) -> usize {
        self.layouts.len()
    }

    /// Whether no layout is kept.
    pub fn is_empty(&self) -> bool {
        self.layouts.is_empty()
    }

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
        let pass = ui.ctx().cumulative_pass_nr();
        if let Some(kept) = self.layouts.get_mut(&key) {
            kept.used = pass;
            return Some(kept.layout.clone());
        }
        // One layout per document of the bundle on screen: a new width, zoom, theme or
        // language replaces the document's old layout, and another bundle's are dropped, so
        // dragging a divider across many widths never piles layouts up.
        self.layouts
            .retain(|kept, _| kept.bundle == key.bundle && kept.document != key.document);
        let layout = Arc::new(lay_out(
            ui,
            letter,
            language.strings(),
            key.width as f32,
            Palette::for_theme(key.dark_mode),
        ));
        let bytes = layout.approximate_bytes();
        self.layouts.insert(
            key,
            Kept {
                layout: layout.clone(),
                bytes,
                used: pass,
            },
        );
        self.keep_within_budget(pass);
        Some(layout)
    }
}

impl LayoutCache {
    /// Drops the layouts used longest ago until the rest fit the budget; a layout used in
    /// this pass is never dropped.
    fn keep_within_budget(&mut self, pass: u64) {
        while self.kept_bytes() > self.budget {
            let oldest = self
                .layouts
                .iter()
                .filter(|(_, kept)| kept.used < pass)
                .min_by_key(|(_, kept)| kept.used)
                .map(|(key, _)| *key);
            match oldest {
                Some(key) => {
                    self.layouts.remove(&key);
                }
                None => break,
            }
        }
    }
}
