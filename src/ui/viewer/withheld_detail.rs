//! What the reader learns about one masked field or omitted section without a mouse: the
//! detail panel under the letters that F8, a click or Enter on a mask fills (kind, marker,
//! where, what is hidden, why, who withheld it; "not stated" wherever the file says nothing),
//! and the names a screen reader speaks for masks and omissions. Everything said comes from
//! [`WithheldLabel`], gathered once when the bundle was opened, so the side list, the panel
//! and the accessibility tree cannot disagree.

use egui::RichText;

use crate::document::{OmissionKind, WithheldBy};
use crate::escape::one_line;
use crate::ui::command::Command;
use crate::ui::i18n::{Strings, fill};
use crate::ui::state::{AppState, WithheldLabel, WithheldSort};

/// How much of a title or heading the panel shows (the letter itself shows it all).
const DETAIL_TEXT_CHARS: usize = 120;

/// Who withheld it, in words.
pub fn who(strings: &Strings, by: WithheldBy) -> &'static str {
    match by {
        WithheldBy::Author => strings.who_author,
        WithheldBy::Forwarder => strings.who_forwarder,
        WithheldBy::NotStated => strings.who_not_stated,
    }
}

/// A stated value on one line, or "not stated".
pub fn stated(strings: &Strings, value: Option<&str>) -> String {
    stated_up_to(strings, value, STATED_MAX_CHARS)
}

/// How much of a stated value is shown (a reason is seldom longer; more is cut with …).
const STATED_MAX_CHARS: usize = 2000;

/// A value the file states, in quotation marks (so that a reason reading 記載なし cannot pass
/// for the program saying the file is silent), on one line, cut to `max_chars`; or the
/// program's own "not stated".
pub fn stated_up_to(strings: &Strings, value: Option<&str>, max_chars: usize) -> String {
    value.map_or_else(
        || strings.not_stated.to_owned(),
        |text| {
            fill(
                strings.file_value,
                &[("value", &crate::escape::quoted_up_to(text, max_chars))],
            )
        },
    )
}

/// What a screen reader says for a withheld item, e.g.
/// 「伏せ字：サーバ名、理由：記載なし、伏せた人：原文の作成者」.
pub fn accessible_name(strings: &Strings, kind: WithheldSort, label: &WithheldLabel) -> String {
    let reason = stated(strings, label.reason.as_deref());
    let who = who(strings, label.by);
    match kind {
        WithheldSort::Mask => {
            let what = label.what.as_deref().map_or_else(
                || strings.what_not_stated.to_owned(),
                |what| one_line(what).into_owned(),
            );
            fill(
                strings.mask_accessible,
                &[("what", &what), ("reason", &reason), ("who", who)],
            )
        }
        WithheldSort::Omission => fill(
            strings.omission_accessible,
            &[
                (
                    "marker",
                    &crate::escape::elided(&label.marker, DETAIL_TEXT_CHARS),
                ),
                ("reason", &reason),
                ("who", who),
            ],
        ),
    }
}

/// How much an omission left out, in a sentence.
pub fn extent_sentence(strings: &Strings, extent: OmissionKind) -> &'static str {
    match extent {
        OmissionKind::Section => strings.omission_section,
        OmissionKind::Middle => strings.omission_middle,
        OmissionKind::Rest => strings.omission_rest,
        OmissionKind::Unspecified => strings.omission_unspecified,
    }
}

/// Whether the detail panel has something to show.
pub fn detail_shown(state: &AppState) -> bool {
    state
        .shown
        .as_ref()
        .is_some_and(|shown| shown.contents_visible() && shown.current_withheld().is_some())
}

/// The detail panel of the current withheld item (nothing when there is none).
pub fn detail_panel_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    let Some(shown) = &state.shown else {
        return;
    };
    let (Some(index), Some(item)) = (shown.withheld_cursor, shown.current_withheld()) else {
        return;
    };
    let (Some(label), Some(document)) = (
        shown.withheld_labels.get(index),
        shown.bundle.documents.get(item.document),
    ) else {
        return;
    };
    let total = shown.withheld.len();
    let position = [
        ("n", (index + 1).to_string()),
        ("total", total.to_string()),
        (
            "marker",
            crate::escape::elided(&label.marker, DETAIL_TEXT_CHARS),
        ),
    ];
    let position: Vec<(&str, &str)> = position
        .iter()
        .map(|(key, value)| (*key, value.as_str()))
        .collect();
    let heading = match item.kind {
        WithheldSort::Mask => fill(strings.detail_mask_heading, &position),
        WithheldSort::Omission => fill(strings.detail_omission_heading, &position),
    };
    let title = crate::escape::elided(&document.document.title_text(), DETAIL_TEXT_CHARS);
    let place = match &label.section {
        Some(section) => fill(
            strings.detail_place_section,
            &[
                ("document", &title),
                (
                    "section",
                    &crate::escape::elided(section, DETAIL_TEXT_CHARS),
                ),
            ],
        ),
        None => fill(strings.detail_place, &[("document", &title)]),
    };
    let reason = stated(strings, label.reason.as_deref());
    let who = who(strings, label.by);

    ui.horizontal_wrapped(|ui| {
        let icon = match item.kind {
            WithheldSort::Mask => "■",
            WithheldSort::Omission => "□",
        };
        ui.label(RichText::new(format!("{icon} {heading}")).strong());
        if ui.button(strings.detail_close).clicked() {
            commands.push(Command::CloseWithheldDetail);
        }
        ui.label(RichText::new(strings.detail_keys).small());
    });
    ui.label(place);
    match item.kind {
        WithheldSort::Mask => {
            ui.label(fill(
                strings.mask_what,
                &[("label", &stated(strings, label.what.as_deref()))],
            ));
            ui.label(fill(strings.mask_reason, &[("reason", &reason)]));
            ui.label(fill(strings.mask_by, &[("who", who)]));
            if crate::document::is_readable_marker(&label.marker) {
                ui.label(
                    RichText::new(strings.mask_readable)
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.label(RichText::new(strings.mask_title).small());
        }
        WithheldSort::Omission => {
            if let Some(extent) = label.extent {
                ui.label(extent_sentence(strings, extent));
            }
            ui.label(fill(strings.omission_reason, &[("reason", &reason)]));
            ui.label(fill(strings.omission_by, &[("who", who)]));
        }
    }
}
