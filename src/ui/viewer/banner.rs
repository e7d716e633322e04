//! The trust banner: one always-visible strip saying, in words and with an icon, whether to
//! trust what is shown. Colour only reinforces the words; the signer's name comes from the
//! reader's own trusted key, never from the bundle.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke};

use crate::bundle::{SignatureProblem, Tamper};
use crate::escape::one_line;
use crate::trust::Status;
use crate::ui::command::Command;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, Contents, Origin, Shown, Trust};

/// How serious a status is; picks the icon and the tint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Verified.
    Good,
    /// For information (the sample).
    Info,
    /// Be careful (unknown signer, demo key).
    Caution,
    /// Do not trust (tampered, invalid, open errors).
    Danger,
}

impl Tone {
    /// (fill, border, text) colours for a light or dark theme.
    pub fn colors(self, dark_mode: bool) -> (Color32, Color32, Color32) {
        // (fill, border, text)
        match (self, dark_mode) {
            (Tone::Good, false) => (rgb(0xe6f4ea), rgb(0x1a7f37), rgb(0x0f3d1c)),
            (Tone::Info, false) => (rgb(0xe8f0fb), rgb(0x2f5f9e), rgb(0x12305a)),
            (Tone::Caution, false) => (rgb(0xfff4d6), rgb(0x9a6700), rgb(0x4d3300)),
            (Tone::Danger, false) => (rgb(0xffe5e3), rgb(0xc0262d), rgb(0x5c0b0f)),
            (Tone::Good, true) => (rgb(0x12301c), rgb(0x3fb950), rgb(0xd2f5dc)),
            (Tone::Info, true) => (rgb(0x142640), rgb(0x6ea8f7), rgb(0xd7e6fb)),
            (Tone::Caution, true) => (rgb(0x3a2c05), rgb(0xd29922), rgb(0xfbe7b5)),
            (Tone::Danger, true) => (rgb(0x430f12), rgb(0xf85149), rgb(0xffd7d5)),
        }
    }
}

/// The tone of a status: only a verified bundle is good, and only the sample is merely
/// informative.
pub fn status_tone(status: Status) -> Tone {
    match status {
        Status::Verified => Tone::Good,
        Status::Sample => Tone::Info,
        Status::VerifiedWithCaution | Status::DemoKey | Status::UnknownSigner | Status::Preview => {
            Tone::Caution
        }
        Status::Alarm
        | Status::Revoked
        | Status::Tampered
        | Status::Invalid
        | Status::Unreadable => Tone::Danger,
    }
}

fn rgb(hex: u32) -> Color32 {
    let [_, r, g, b] = hex.to_be_bytes();
    Color32::from_rgb(r, g, b)
}

/// The banner's headline for the shown bundle (also used by tests and the window title).
pub fn headline(shown: &Shown, strings: &Strings) -> String {
    match shown.trust() {
        Trust::Sample => strings.banner_sample_title.to_owned(),
        Trust::DemoKeyFile => strings.banner_demo_title.to_owned(),
        Trust::Verified { signer, .. } => fill(
            strings.banner_verified_title,
            &[("name", &one_line(&signer.name))],
        ),
        Trust::UnknownSigner { .. } => strings.banner_unknown_title.to_owned(),
        Trust::Alarm { .. } => strings.banner_alarm_title.to_owned(),
        Trust::Tampered { entry, .. } => fill(
            strings.banner_tampered_title,
            &[("entry", &tampered_subject(shown, entry, strings))],
        ),
        Trust::Invalid { .. } => strings.banner_invalid_title.to_owned(),
        Trust::Revoked { record } => crate::ui::trust::view::revoked_headline(record, strings),
        Trust::Preview => strings.banner_preview_title.to_owned(),
    }
}

/// The longest title the tamper headline quotes in full; longer ones end in "…".
const HEADLINE_TITLE_CHARS: usize = 30;

/// What the tamper headline names: a document by its role (from the signed manifest) and its
/// title (from the altered document itself, so escaped and cut short); a document that could
/// not be read by its role and path; any other entry by its path.
fn tampered_subject(shown: &Shown, entry: &str, strings: &Strings) -> String {
    let role = shown
        .bundle
        .manifest
        .entries
        .iter()
        .find(|listed| listed.path == entry)
        .map(|listed| listed.role)
        .filter(|role| role.is_document());
    let document = shown
        .bundle
        .documents
        .iter()
        .find(|document| document.entry.path == entry);
    match (role, document) {
        (Some(role), Some(document)) => fill(
            strings.tampered_document,
            &[
                ("role", crate::ui::viewer::panels::role_name(strings, role)),
                (
                    "title",
                    &crate::escape::elided(&document.document.title_text(), HEADLINE_TITLE_CHARS),
                ),
            ],
        ),
        (Some(role), None) => fill(
            strings.tampered_unread_document,
            &[
                ("role", crate::ui::viewer::panels::role_name(strings, role)),
                ("path", &one_line(entry)),
            ],
        ),
        (None, _) => one_line(entry).into_owned(),
    }
}

fn tamper_text(strings: &Strings, problem: &Tamper) -> String {
    match problem {
        Tamper::Unlisted => strings.tamper_unlisted.to_owned(),
        Tamper::Missing => strings.tamper_missing.to_owned(),
        Tamper::Size { signed, found } => fill(
            strings.tamper_size,
            &[
                ("signed", &signed.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        Tamper::Hash => strings.tamper_hash.to_owned(),
        // The library's reason is English detail; the Japanese rendering says what it means.
        Tamper::Damaged(_) => crate::ui::error_text::explain(problem, strings.lang),
    }
}

fn signature_text(strings: &Strings, problem: &SignatureProblem) -> String {
    match problem {
        SignatureProblem::OtherKey { found, claimed } => fill(
            strings.signature_other_key,
            &[
                ("found", &found.to_string()),
                ("claimed", &claimed.to_string()),
            ],
        ),
        SignatureProblem::NoKeyToCheck { found } => {
            fill(strings.signature_no_key, &[("found", &found.to_string())])
        }
        SignatureProblem::NamesAnotherKey { signed_by, named } => fill(
            strings.signature_names_another_key,
            &[
                ("signed_by", &signed_by.to_string()),
                ("named", &named.to_string()),
            ],
        ),
        SignatureProblem::ManifestMismatch => strings.signature_manifest.to_owned(),
        SignatureProblem::CommentSignature => strings.signature_comment.to_owned(),
        SignatureProblem::CommentMismatch { .. } => strings.signature_comment_mismatch.to_owned(),
    }
}

/// Below this window height (in points) the banner folds its explanation away.
const COMPACT_BELOW_POINTS: f32 = 480.0;

/// Whether the window is too low for the banner's explanation and the toolbar's counts
/// (a small screen, or large text): they fold away so that the letter keeps room.
pub fn low_window(ctx: &egui::Context) -> bool {
    ctx.content_rect().height() < COMPACT_BELOW_POINTS
}

/// Draws the banner for the shown bundle, if any: mark and headline, the explanation, the
/// file, and the buttons that show or hide withheld contents.
pub fn banner_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let Some(shown) = &state.shown else {
        return;
    };
    let strings = state.language().strings();
    let trust = shown.trust();
    let tone = status_tone(shown.status());
    let (fill_color, border, text) = tone.colors(ui.visuals().dark_mode);
    let mut details: Vec<(String, bool)> = Vec::new();
    match trust {
        Trust::Sample => details.push((strings.banner_sample_detail.to_owned(), false)),
        Trust::DemoKeyFile => details.push((strings.banner_demo_detail.to_owned(), false)),
        Trust::Verified { signer, issued_at } => details.push((
            fill(
                strings.banner_verified_detail,
                &[
                    ("key_id", &signer.public_key.key_id.to_string()),
                    (
                        "time",
                        &crate::time::readable::stated_time(issued_at, strings.lang),
                    ),
                ],
            ),
            false,
        )),
        Trust::Alarm { claim } => {
            let trusted_signer = shown
                .assessment
                .as_ref()
                .and_then(|assessment| assessment.signer())
                .filter(|signer| !signer.public_key.is_demo());
            details.push(match trusted_signer {
                Some(signer) => (
                    fill(
                        strings.banner_alarm_signed_by,
                        &[
                            ("name", &one_line(&signer.name)),
                            ("key_id", &signer.public_key.key_id.to_string()),
                        ],
                    ),
                    false,
                ),
                None => (
                    fill(
                        strings.banner_unknown_claim,
                        &[("claim", &crate::escape::quoted(claim))],
                    ),
                    false,
                ),
            });
            details.push((strings.banner_alarm_advice.to_owned(), false));
        }
        Trust::UnknownSigner { key, claim } => {
            details.push((
                fill(
                    strings.banner_unknown_claim,
                    &[("claim", &crate::escape::quoted(claim))],
                ),
                false,
            ));
            details.push((
                fill(
                    strings.banner_unknown_fingerprint,
                    &[("fingerprint", &key.fingerprint())],
                ),
                true,
            ));
            details.push((strings.banner_unknown_advice.to_owned(), false));
        }
        Trust::Tampered { problem, .. } => {
            details.push((tamper_text(strings, problem), false));
            details.push((strings.banner_tampered_advice.to_owned(), false));
        }
        Trust::Invalid { problem } => {
            details.push((signature_text(strings, problem), false));
            details.push((strings.banner_invalid_advice.to_owned(), false));
        }
        Trust::Revoked { record } => {
            details.push((
                crate::ui::trust::view::revoked_detail(record, strings),
                false,
            ));
        }
        Trust::Preview => details.push((strings.banner_preview_detail.to_owned(), false)),
    }
    let file_line = match &shown.origin {
        Origin::BuiltInSample => None,
        Origin::File(_) if shown.kept_copy => Some(strings.banner_kept_copy.to_owned()),
        Origin::File(path) => Some(fill(
            strings.banner_file,
            &[("path", &path.display().to_string())],
        )),
        Origin::Preview(path) => Some(fill(
            strings.banner_folder,
            &[("path", &path.display().to_string())],
        )),
    };

    Frame::new()
        .fill(fill_color)
        .stroke(Stroke::new(1.5, border))
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::symmetric(14, 10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // In a low window (a small screen, or large text) the banner keeps its mark, its
            // headline and its buttons, and folds its explanation away, so that the letter
            // below keeps room to be read.
            let compact = low_window(ui.ctx());
            ui.horizontal_top(|ui| {
                status_icon(ui, tone, if compact { 20.0 } else { 30.0 }, border);
                ui.add_space(6.0);
                ui.vertical(|ui| {
                    ui.label(
                        RichText::new(headline(shown, strings))
                            .size(if compact { 15.5 } else { 18.0 })
                            .strong()
                            .color(text),
                    );
                    let explanation = |ui: &mut egui::Ui, commands: &mut Vec<Command>| {
                        for (line, monospace) in &details {
                            let rich = RichText::new(line).color(text);
                            ui.label(if *monospace { rich.monospace() } else { rich });
                        }
                        crate::ui::trust::view::banner_extras_ui(ui, state, shown, text, commands);
                        if let Some(file_line) = &file_line {
                            ui.label(RichText::new(file_line).color(text));
                        }
                    };
                    if compact {
                        egui::CollapsingHeader::new(
                            RichText::new(strings.banner_details).color(text),
                        )
                        .id_salt(("banner-details", shown.serial))
                        .show(ui, |ui| explanation(ui, commands));
                    } else {
                        explanation(ui, commands);
                    }
                    match shown.contents {
                        Contents::Shown => {}
                        Contents::Withheld => {
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(strings.banner_hidden).strong().color(text));
                                if ui.button(strings.show_anyway).clicked() {
                                    commands.push(Command::RevealAnyway);
                                }
                            });
                        }
                        Contents::ShownAnyway => {
                            ui.horizontal(|ui| {
                                status_icon(ui, Tone::Caution, 18.0, border);
                                ui.label(
                                    RichText::new(match shown.status() {
                                        Status::Alarm => strings.shown_anyway_alarm,
                                        _ => strings.shown_anyway_warning,
                                    })
                                    .strong()
                                    .color(text),
                                );
                                if ui.button(strings.hide_again).clicked() {
                                    commands.push(Command::HideContent);
                                }
                            });
                        }
                    }
                });
            });
        });
}

/// Paints a status icon (check, i, !, ×) as shapes, so it never depends on a font having the
/// symbol; the words next to it carry the meaning.
pub fn status_icon(ui: &mut egui::Ui, tone: Tone, size: f32, color: Color32) {
    use egui::{Pos2, Shape, pos2, vec2};
    let (rect, _) = ui.allocate_exact_size(vec2(size, size), egui::Sense::hover());
    let painter = ui.painter();
    let c = rect.center();
    let r = size / 2.0;
    let mark = Stroke::new((size * 0.12).max(2.0), Color32::WHITE);
    let at = |x: f32, y: f32| -> Pos2 { pos2(c.x + x * r, c.y + y * r) };
    match tone {
        Tone::Caution => {
            painter.add(Shape::convex_polygon(
                vec![at(0.0, -0.95), at(0.98, 0.8), at(-0.98, 0.8)],
                color,
                Stroke::NONE,
            ));
            painter.line_segment([at(0.0, -0.4), at(0.0, 0.25)], mark);
            painter.circle_filled(at(0.0, 0.53), mark.width * 0.6, Color32::WHITE);
        }
        Tone::Good => {
            painter.circle_filled(c, r, color);
            painter.add(Shape::line(
                vec![at(-0.45, 0.02), at(-0.12, 0.36), at(0.48, -0.32)],
                mark,
            ));
        }
        Tone::Info => {
            painter.circle_filled(c, r, color);
            painter.circle_filled(at(0.0, -0.45), mark.width * 0.6, Color32::WHITE);
            painter.line_segment([at(0.0, -0.15), at(0.0, 0.55)], mark);
        }
        Tone::Danger => {
            painter.circle_filled(c, r, color);
            painter.line_segment([at(-0.38, -0.38), at(0.38, 0.38)], mark);
            painter.line_segment([at(0.38, -0.38), at(-0.38, 0.38)], mark);
        }
    }
}
