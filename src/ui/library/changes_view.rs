//! Draws "Changes since 第N報": the toolbar button shown when the library holds an earlier
//! report of the series on screen, and the window with what [`crate::series::compare`] found —
//! which report is older, whether the two are one series continuing (and why not), a one-line
//! summary, and each change in words with its sign (◆ disclosed, ■ newly masked, ◇ omission
//! lifted, ＋ added, － removed, ～ changed; deleted and inserted text bracketed and named), so
//! that nothing is told by colour alone. Every string from a file is escaped.

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat};

use crate::escape::{one_line, quoted};
use crate::series::diff::{Change, ChangeKind, Edit, Presence};
use crate::series::{Comparison, Continuity, Unrelated};
use crate::ui::command::Command;
use crate::ui::error_text::status_text;
use crate::ui::i18n::{Language, Strings, fill};
use crate::ui::library::state::{ChangesView, LibraryCommand};
use crate::ui::library::window_view::received_date;
use crate::ui::state::AppState;
use crate::ui::viewer::banner::{Tone, status_icon};
use crate::ui::viewer::panels::role_name;
use crate::ui::widgets::fit_dialog_width;

/// The words for `count` changes of `kind`.
pub fn kind_text(kind: ChangeKind, count: usize, strings: &Strings) -> String {
    let template = match kind {
        ChangeKind::Disclosed => strings.changes_kind_disclosed,
        ChangeKind::NewlyWithheld => strings.changes_kind_newly_withheld,
        ChangeKind::MaskExplained => strings.changes_kind_mask_explained,
        ChangeKind::OmissionLifted => strings.changes_kind_omission_lifted,
        ChangeKind::OmissionAdded => strings.changes_kind_omission_added,
        ChangeKind::SectionAdded => strings.changes_kind_section_added,
        ChangeKind::SectionRemoved => strings.changes_kind_section_removed,
        ChangeKind::SectionRetitled => strings.changes_kind_section_retitled,
        ChangeKind::Paragraph => strings.changes_kind_paragraph,
        ChangeKind::Header => strings.changes_kind_header,
    };
    fill(template, &[("n", &count.to_string())])
}

/// The one-line summary: how many changes, and how many of each kind.
pub fn summary_text(comparison: &Comparison, strings: &Strings) -> String {
    let summary = comparison.summary();
    if summary.is_empty() {
        return strings.changes_none.to_owned();
    }
    let parts: Vec<String> = summary
        .iter()
        .map(|(kind, count)| kind_text(*kind, *count, strings))
        .collect();
    fill(
        strings.changes_summary,
        &[
            ("n", &comparison.change_count().to_string()),
            ("parts", &parts.join(strings.changes_separator)),
        ],
    )
}

/// Whether the two reports are one series continuing, in words and a tone.
pub fn continuity_text(comparison: &Comparison, language: Language) -> (Tone, String) {
    let strings = language.strings();
    match &comparison.continuity {
        Continuity::SameSigner => (Tone::Good, strings.changes_same_signer.to_owned()),
        Continuity::Rollover => (Tone::Good, strings.changes_rollover.to_owned()),
        Continuity::Unrelated(Unrelated::NotIntact { bundle_id }) => (
            Tone::Danger,
            fill(
                strings.changes_not_intact,
                &[("bundle", &quoted(bundle_id))],
            ),
        ),
        Continuity::Unrelated(Unrelated::NotVerified { bundle_id, status }) => (
            Tone::Caution,
            fill(
                strings.changes_not_verified,
                &[
                    ("bundle", &quoted(bundle_id)),
                    ("status", status_text(*status, language)),
                ],
            ),
        ),
        Continuity::Unrelated(Unrelated::OtherSeries) => {
            (Tone::Caution, strings.changes_other_series.to_owned())
        }
        Continuity::Unrelated(Unrelated::OtherSigner) => {
            (Tone::Danger, strings.changes_other_signer.to_owned())
        }
        Continuity::Unrelated(Unrelated::SameNumber) => {
            (Tone::Caution, strings.changes_same_number.to_owned())
        }
    }
}

fn within(heading: &Option<String>, strings: &Strings) -> String {
    heading.as_deref().map_or_else(String::new, |heading| {
        fill(strings.change_in, &[("heading", &one_line(heading))])
    })
}

/// A change in words (for every change but a changed paragraph, whose edits are drawn
/// inline by [`edits_job`]), with the section it sits in.
pub fn change_text(change: &Change, strings: &Strings) -> String {
    let line = |text: &str| one_line(text).into_owned();
    match change {
        Change::Disclosed {
            marker,
            revealed,
            label,
            heading,
        } => {
            let wording = if revealed.is_empty() {
                strings.change_disclosed_unplaced
            } else {
                strings.change_disclosed
            };
            let mut text = fill(
                wording,
                &[("marker", &line(marker)), ("revealed", &line(revealed))],
            );
            if let Some(label) = label {
                text += &fill(strings.change_label, &[("label", &line(label))]);
            }
            text + &within(heading, strings)
        }
        Change::NewlyWithheld {
            marker,
            replaced,
            reason,
            heading,
        } => {
            let mut text = if replaced.is_empty() {
                fill(
                    strings.change_newly_withheld_new,
                    &[("marker", &line(marker))],
                )
            } else {
                fill(
                    strings.change_newly_withheld,
                    &[("marker", &line(marker)), ("replaced", &line(replaced))],
                )
            };
            text += &within(heading, strings);
            if let Some(reason) = reason {
                text += &fill(strings.change_reason, &[("reason", &line(reason))]);
            }
            text
        }
        Change::MaskExplained {
            marker,
            label,
            reason,
            heading,
        } => {
            let was = |field: &Option<String>| {
                field.as_deref().map_or_else(
                    || strings.not_stated.to_owned(),
                    |text| format!("「{}」", line(text)),
                )
            };
            let mut text = fill(strings.change_mask_explained, &[("marker", &line(marker))]);
            if label.0 != label.1 {
                text += &fill(
                    strings.change_mask_label,
                    &[("old", &was(&label.0)), ("new", &was(&label.1))],
                );
            }
            if reason.0 != reason.1 {
                text += &fill(
                    strings.change_mask_reason,
                    &[("old", &was(&reason.0)), ("new", &was(&reason.1))],
                );
            }
            text + &within(heading, strings)
        }
        Change::OmissionLifted { marker, heading } => {
            fill(strings.change_omission_lifted, &[("marker", &line(marker))])
                + &within(heading, strings)
        }
        Change::OmissionAdded {
            marker,
            reason,
            heading,
        } => {
            let mut text = fill(strings.change_omission_added, &[("marker", &line(marker))])
                + &within(heading, strings);
            if let Some(reason) = reason {
                text += &fill(strings.change_reason, &[("reason", &line(reason))]);
            }
            text
        }
        Change::SectionAdded { title } => {
            fill(strings.change_section_added, &[("title", &line(title))])
        }
        Change::SectionRemoved { title } => {
            fill(strings.change_section_removed, &[("title", &line(title))])
        }
        Change::SectionRetitled { old, new } => fill(
            strings.change_section_retitled,
            &[("old", &line(old)), ("new", &line(new))],
        ),
        Change::ParagraphChanged { heading, .. } => {
            strings.change_paragraph_changed.to_owned() + &within(heading, strings)
        }
        Change::ParagraphAdded { heading, text } => {
            fill(strings.change_paragraph_added, &[("text", &line(text))])
                + &within(heading, strings)
        }
        Change::ParagraphRemoved { heading, text } => {
            fill(strings.change_paragraph_removed, &[("text", &line(text))])
                + &within(heading, strings)
        }
        Change::DateChanged { old, new } => {
            let date =
                |date: &Option<String>| date.as_deref().map_or(strings.no_date.to_owned(), line);
            fill(
                strings.change_date,
                &[("old", &date(old)), ("new", &date(new))],
            )
        }
        Change::TitleChanged { old, new } => fill(
            strings.change_title,
            &[("old", &line(old)), ("new", &line(new))],
        ),
    }
}

/// A changed paragraph's edits as one flowing text: deleted text struck through and named
/// 「削除」, inserted text underlined and named 「追加」, so the words carry the meaning and the
/// colours only repeat it.
pub fn edits_job(edits: &[Edit], strings: &Strings, ui: &egui::Ui) -> LayoutJob {
    let dark = ui.visuals().dark_mode;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let mut job = LayoutJob::default();
    for edit in edits {
        let (text, format) = match edit {
            Edit::Same(text) => (
                one_line(text).into_owned(),
                TextFormat::simple(font.clone(), plain),
            ),
            Edit::Deleted(text) => (
                fill(strings.edit_deleted, &[("text", &one_line(text))]),
                TextFormat {
                    strikethrough: egui::Stroke::new(1.0, Tone::Danger.colors(dark).1),
                    ..TextFormat::simple(font.clone(), Tone::Danger.colors(dark).1)
                },
            ),
            Edit::Inserted(text) => (
                fill(strings.edit_inserted, &[("text", &one_line(text))]),
                TextFormat {
                    underline: egui::Stroke::new(1.0, Tone::Good.colors(dark).1),
                    ..TextFormat::simple(font.clone(), Tone::Good.colors(dark).1)
                },
            ),
        };
        job.append(&text, 0.0, format);
    }
    job
}

/// The toolbar's "Changes since 第N報", when the library holds an earlier report of the
/// series on screen.
pub fn changes_button_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let (Some(earlier), Some(shown)) = (&state.library.earlier, &state.shown) else {
        return;
    };
    if !shown.contents_visible() {
        return;
    }
    let strings = state.language().strings();
    let older = earlier.sequence.to_string();
    let on_screen = shown.bundle.manifest.series.sequence.to_string();
    ui.separator();
    if ui
        .button(fill(strings.changes_since, &[("n", &older)]))
        .on_hover_text(fill(
            strings.changes_since_hint,
            &[("n", &older), ("shown", &on_screen)],
        ))
        .clicked()
    {
        commands.push(Command::Library(LibraryCommand::ShowChanges));
    }
}

/// The "Changes since 第N報" window, when open.
pub fn changes_window_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let Some(view) = &state.library.changes else {
        return;
    };
    let language = state.language();
    let strings = language.strings();
    let comparison = &view.comparison;
    let title = fill(
        strings.changes_since,
        &[("n", &comparison.older.sequence.to_string())],
    );
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::unique("changes-window"))
        .open(&mut open)
        .default_width(700.0)
        .default_height(600.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 80.0))
        .vscroll(true)
        .show(ctx, |ui| {
            fit_dialog_width(ui, 700.0);
            changes_ui(ui, view, language, commands);
        });
    if !open {
        commands.push(Command::Library(LibraryCommand::CloseChanges));
    }
}

fn changes_ui(
    ui: &mut egui::Ui,
    view: &ChangesView,
    language: Language,
    commands: &mut Vec<Command>,
) {
    let strings = language.strings();
    let comparison = &view.comparison;
    ui.add(
        egui::Label::new(
            RichText::new(fill(
                strings.changes_reports,
                &[
                    ("older", &comparison.older.sequence.to_string()),
                    ("older_date", &received_date(&view.older, language)),
                    ("newer", &comparison.newer.sequence.to_string()),
                ],
            ))
            .strong(),
        )
        .wrap(),
    );
    // Who signed the older report, as the reader named the key: the newer one's signer is in
    // the banner above.
    let older_signer = match &view.older.signer {
        Some(name) => crate::escape::elided(name, 80),
        None => fill(
            strings.library_unnamed_key,
            &[("key_id", &crate::escape::one_line(&view.older.key_id))],
        ),
    };
    ui.add(
        egui::Label::new(fill(
            strings.changes_older_signer,
            &[
                ("older", &comparison.older.sequence.to_string()),
                ("signer", &older_signer),
            ],
        ))
        .wrap(),
    );
    let (tone, continuity) = continuity_text(comparison, language);
    ui.horizontal_top(|ui| {
        let color = tone.colors(ui.visuals().dark_mode).1;
        status_icon(ui, tone, 18.0, color);
        ui.add(egui::Label::new(continuity).wrap());
    });
    ui.add(egui::Label::new(RichText::new(summary_text(comparison, strings)).strong()).wrap());
    let total = comparison.change_count();
    if total > 0 {
        ui.horizontal_wrapped(|ui| {
            if ui.button(strings.changes_previous).clicked() {
                commands.push(Command::Library(LibraryCommand::PreviousChange));
            }
            if ui.button(strings.changes_next).clicked() {
                commands.push(Command::Library(LibraryCommand::NextChange));
            }
            if let Some(current) = view.current {
                ui.label(fill(
                    strings.changes_position,
                    &[
                        ("n", &(current + 1).to_string()),
                        ("total", &total.to_string()),
                    ],
                ));
            }
        });
    }
    ui.separator();
    // Scroll to the current change once per step.
    let scrolled_id = egui::Id::unique("changes-scrolled");
    let scroll_now = ui
        .ctx()
        .memory(|memory| memory.data.get_temp::<u64>(scrolled_id))
        != Some(view.serial);
    let mut index = 0;
    for document in &comparison.documents {
        if document.changes.is_empty() && document.presence == Presence::Both {
            continue;
        }
        let presence = match document.presence {
            Presence::Both => "",
            Presence::Added => strings.changes_document_added,
            Presence::Removed => strings.changes_document_removed,
        };
        ui.add_space(4.0);
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "{}{presence}",
                    fill(
                        strings.tampered_document,
                        &[
                            ("role", role_name(strings, document.role)),
                            ("title", &one_line(&document.title)),
                        ],
                    )
                ))
                .strong(),
            )
            .wrap(),
        );
        for change in &document.changes {
            let current = view.current == Some(index);
            let stroke = if current {
                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color)
            } else {
                egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
            };
            let frame = egui::Frame::new()
                .stroke(stroke)
                .fill(if current {
                    ui.visuals().faint_bg_color
                } else {
                    Color32::TRANSPARENT
                })
                .corner_radius(4)
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(egui::Label::new(change_text(change, strings)).wrap());
                    if let Change::ParagraphChanged { edits, .. } = change {
                        ui.add(egui::Label::new(edits_job(edits, strings, ui)).wrap());
                    }
                });
            if current && scroll_now {
                frame.response.scroll_to_me(Some(egui::Align::Center));
                ui.ctx()
                    .memory_mut(|memory| memory.data.insert_temp(scrolled_id, view.serial));
            }
            index += 1;
        }
    }
}
