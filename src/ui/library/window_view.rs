//! Draws the Library window: every kept notice grouped by issuer (the name the reader gave the
//! key; a key the reader has not named by its key id, with the issuer its files claim marked as
//! unverified), each series with its reports 第1報…第N報 — verdict icon and words, unread mark
//! ●, received date — the numbers not received and the numbers held twice; and above it the
//! search across all notices, whose hits open the notice at the match. Every string from a
//! file is escaped before it is shown.

use egui::RichText;

use crate::escape::{one_line, quoted};
use crate::library::{IssuerGroup, Notice, SearchHit, SeriesGroup};
use crate::time::readable::{date_in, local_zone};
use crate::ui::command::Command;
use crate::ui::error_text::{Problem, explain, status_text};
use crate::ui::i18n::{Language, Strings, fill};
use crate::ui::library::state::LibraryCommand;
use crate::ui::state::AppState;
use crate::ui::viewer::banner::{Tone, status_icon, status_tone};
use crate::ui::widgets::{error_detail_text, fit_dialog_width, line_field};

/// The date a notice was received, in the reader's time zone and language.
pub fn received_date(notice: &Notice, language: Language) -> String {
    date_in(notice.received_at.to_zoned(local_zone()).date(), language)
}

/// A report's line in the listing: unread mark, number, verdict in words, received date.
pub fn report_text(notice: &Notice, language: Language) -> String {
    let strings = language.strings();
    fill(
        strings.library_report,
        &[
            (
                "unread",
                if notice.read {
                    ""
                } else {
                    strings.library_unread_mark
                },
            ),
            ("n", &notice.sequence.to_string()),
            ("status", status_text(notice.status, language)),
            ("date", &received_date(notice, language)),
        ],
    )
}

/// How the issuer of a group is named: the reader's name for the key, else the key id.
pub fn issuer_text(issuer: &IssuerGroup, strings: &Strings) -> String {
    let demo = crate::bundle::PublicKey::demo().key_id.to_string();
    match &issuer.name {
        Some(name) => one_line(name).into_owned(),
        None if issuer.key_ids == [demo] => strings.library_demo_key.to_owned(),
        None => fill(
            strings.library_unnamed_key,
            &[("key_id", &issuer.key_ids.join(", "))],
        ),
    }
}

fn icon_ui(ui: &mut egui::Ui, tone: Tone) {
    let color = tone.colors(ui.visuals().dark_mode).1;
    status_icon(ui, tone, 16.0, color);
}

fn problem_ui(ui: &mut egui::Ui, strings: &Strings, template: &str, problem: &Problem) {
    ui.horizontal_top(|ui| {
        icon_ui(ui, Tone::Danger);
        ui.vertical(|ui| {
            ui.add(egui::Label::new(template).wrap());
            ui.add(
                egui::Label::new(error_detail_text(strings, &explain(problem, strings.lang)))
                    .wrap(),
            );
        });
    });
}

/// The Library window, when open.
pub fn library_window_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let window = &state.library.window;
    if !window.open {
        return;
    }
    let language = state.language();
    let strings = language.strings();
    let mut open = true;
    egui::Window::new(strings.library_title)
        .id(egui::Id::unique("library-window"))
        .open(&mut open)
        .default_width(640.0)
        .default_height(620.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 60.0))
        .vscroll(true)
        .show(ctx, |ui| {
            fit_dialog_width(ui, 640.0);
            ui.add(egui::Label::new(strings.library_about).wrap());
            ui.add_space(4.0);
            let label = ui.label(strings.library_search_label);
            let (field, text) = line_field(ui, label.id, &window.query, |field| {
                field
                    .hint_text(strings.library_search_hint)
                    .desired_width(f32::INFINITY)
            });
            if field.changed() {
                commands.push(Command::Library(LibraryCommand::SetQuery(text)));
            }
            if let Some(failure) = &window.failure {
                problem_ui(ui, strings, strings.library_open_failed, failure);
            }
            ui.separator();
            match &window.hits {
                Some(Ok(hits)) => hits_ui(ui, hits, language, commands),
                Some(Err(problem)) => {
                    problem_ui(ui, strings, strings.library_unreadable, problem);
                }
                None => listing_ui(ui, state, language, commands),
            }
        });
    if !open {
        commands.push(Command::Library(LibraryCommand::CloseWindow));
    }
}

fn listing_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    language: Language,
    commands: &mut Vec<Command>,
) {
    let strings = language.strings();
    let listing = match &state.library.window.listing {
        Some(Ok(listing)) => listing,
        Some(Err(problem)) => {
            problem_ui(ui, strings, strings.library_unreadable, problem);
            return;
        }
        None => return,
    };
    if listing.issuers.is_empty() {
        ui.label(strings.library_empty);
        return;
    }
    ui.label(
        RichText::new(fill(
            strings.library_unread_count,
            &[("n", &listing.unread().to_string())],
        ))
        .strong(),
    );
    for issuer in &listing.issuers {
        ui.add_space(6.0);
        ui.add(egui::Label::new(RichText::new(issuer_text(issuer, strings)).heading()).wrap());
        if issuer.name.is_none()
            && let Some(first) = issuer.series.first().and_then(|s| s.reports.first())
        {
            ui.horizontal_top(|ui| {
                icon_ui(ui, Tone::Caution);
                ui.add(
                    egui::Label::new(fill(
                        strings.library_claimed,
                        &[("claim", &quoted(&first.claimed_issuer))],
                    ))
                    .wrap(),
                );
            });
        }
        for series in &issuer.series {
            series_ui(ui, series, language, commands);
        }
    }
}

fn series_ui(
    ui: &mut egui::Ui,
    series: &SeriesGroup,
    language: Language,
    commands: &mut Vec<Command>,
) {
    let strings = language.strings();
    ui.add_space(2.0);
    ui.add(
        egui::Label::new(
            RichText::new(fill(
                strings.library_series,
                &[("series", &one_line(&series.series_id))],
            ))
            .strong(),
        )
        .wrap(),
    );
    ui.indent(("series", &series.series_id), |ui| {
        for report in &series.reports {
            ui.horizontal(|ui| {
                icon_ui(ui, status_tone(report.status));
                let button = egui::Button::new(report_text(report, language)).wrap();
                if ui.add(button).clicked() {
                    commands.push(Command::Library(LibraryCommand::OpenNotice(
                        report.id.clone(),
                    )));
                }
            });
        }
        for range in &series.missing {
            let (first, last) = (range.start().to_string(), range.end().to_string());
            let text = if range.start() == range.end() {
                fill(strings.library_missing_one, &[("first", &first)])
            } else {
                fill(
                    strings.library_missing_range,
                    &[("first", &first), ("last", &last)],
                )
            };
            ui.horizontal_top(|ui| {
                icon_ui(ui, Tone::Caution);
                ui.add(egui::Label::new(text).wrap());
            });
        }
        for rollback in &series.rollbacks {
            ui.horizontal_top(|ui| {
                icon_ui(ui, Tone::Caution);
                ui.add(
                    egui::Label::new(fill(
                        strings.library_rollback,
                        &[
                            ("n", &rollback.sequence.to_string()),
                            ("after", &rollback.after.to_string()),
                        ],
                    ))
                    .wrap(),
                );
            });
        }
        for number in &series.conflicts {
            ui.horizontal_top(|ui| {
                icon_ui(ui, Tone::Danger);
                ui.add(
                    egui::Label::new(fill(
                        strings.library_conflict,
                        &[("n", &number.to_string())],
                    ))
                    .wrap(),
                );
            });
        }
    });
}

/// The label of a search hit's button: document title, issuer, number.
pub fn hit_text(hit: &SearchHit, strings: &Strings) -> String {
    let issuer = match &hit.notice.signer {
        Some(name) => one_line(name).into_owned(),
        None => fill(
            strings.library_unnamed_key,
            &[("key_id", &hit.notice.key_id)],
        ),
    };
    fill(
        strings.library_hit,
        &[
            ("title", &one_line(&hit.document_title)),
            ("issuer", &issuer),
            ("n", &hit.notice.sequence.to_string()),
        ],
    )
}

fn hits_ui(ui: &mut egui::Ui, hits: &[SearchHit], language: Language, commands: &mut Vec<Command>) {
    let strings = language.strings();
    if hits.is_empty() {
        ui.label(strings.search_none);
        return;
    }
    ui.add(
        egui::Label::new(fill(
            strings.library_hits,
            &[("n", &hits.len().to_string())],
        ))
        .wrap(),
    );
    for (index, hit) in hits.iter().enumerate() {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            icon_ui(ui, status_tone(hit.notice.status));
            let button = egui::Button::new(hit_text(hit, strings)).wrap();
            if ui.add(button).clicked() {
                commands.push(Command::Library(LibraryCommand::OpenHit(index)));
            }
        });
        ui.indent(("hit", index), |ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(fill(
                        strings.library_hit_detail,
                        &[
                            ("status", status_text(hit.notice.status, language)),
                            ("n", &hit.matches.to_string()),
                        ],
                    ))
                    .small(),
                )
                .wrap(),
            );
            ui.add(egui::Label::new(one_line(&hit.excerpt)).wrap());
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;

    #[test]
    fn the_demo_key_is_named_as_the_public_demo_key_and_other_unnamed_keys_by_key_id() {
        let strings = Language::Japanese.strings();
        let group = |key_id: String| IssuerGroup {
            name: None,
            key_ids: vec![key_id],
            series: Vec::new(),
        };
        let demo = crate::bundle::PublicKey::demo().key_id.to_string();
        assert_eq!(issuer_text(&group(demo), strings), strings.library_demo_key);
        assert_eq!(
            issuer_text(&group("0123456789ABCDEF".into()), strings),
            "名前を付けていない鍵（鍵ID 0123456789ABCDEF）"
        );
    }
}
