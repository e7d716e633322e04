//! The side list beside the letters: the documents with role, issuer, date and how much each
//! withholds; every masked field and omitted section, to jump to; and the attachments, each
//! with its size, type, checksum and Save as. While the contents are withheld it lists only
//! what the signed manifest says.

use egui::RichText;

use crate::escape::{elided, one_line};
use crate::ui::viewer::withheld_detail::stated_up_to;

/// How much of a withheld item's reason the side list shows; the detail panel shows it all.
const SIDE_LIST_REASON_CHARS: usize = 24;

/// The most withheld items the side list shows at once.
const SIDE_LIST_MAX_ITEMS: usize = 200;

/// Which items of a list of `count` the side list shows: all of a short list, else
/// [`SIDE_LIST_MAX_ITEMS`] around the current one (from the start when there is none).
fn list_window(count: usize, current: Option<usize>) -> std::ops::Range<usize> {
    if count <= SIDE_LIST_MAX_ITEMS {
        return 0..count;
    }
    let start = current
        .unwrap_or(0)
        .saturating_sub(SIDE_LIST_MAX_ITEMS / 2)
        .min(count - SIDE_LIST_MAX_ITEMS);
    start..start + SIDE_LIST_MAX_ITEMS
}

/// How much of a title, issuer, date, marker or heading the side list shows (the letter
/// itself shows it all).
const SIDE_LIST_TEXT_CHARS: usize = 80;
use crate::ui::command::Command;
use crate::ui::i18n::fill;
use crate::ui::state::{AppState, WithheldSort};
use crate::ui::viewer::panels::role_name;
use crate::ui::viewer::panes::marked_if_altered;

/// The side list: documents with role, issuer, date and counts; withheld items; attachments.
pub fn sidebar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let strings = state.language().strings();
    let Some(shown) = &state.shown else {
        return;
    };
    // A list of its own for each file shown: a newly opened file's list starts at the top.
    egui::ScrollArea::vertical()
        .id_salt(("sidebar", shown.serial))
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.heading(strings.documents);
            if !shown.contents_visible() {
                // Only what the signed manifest says; the documents' own text may be forged.
                for entry in shown.bundle.manifest.documents() {
                    let altered = shown.altered_entry() == Some(entry.path.as_str());
                    marked_if_altered(ui, altered, strings, false, |ui| {
                        ui.label(RichText::new(role_name(strings, entry.role)).strong());
                        ui.label(RichText::new(one_line(&entry.path)).small());
                    });
                }
                return;
            }
            let altered_document = shown.altered_document();
            for (index, document) in shown.bundle.documents.iter().enumerate() {
                let letter = &document.document;
                let issuer = letter
                    .issuer_lines()
                    .into_iter()
                    .next()
                    .or_else(|| letter.source.as_ref().and_then(|s| s.publisher.clone()))
                    .unwrap_or_else(|| strings.issuer_not_stated.to_owned());
                let date = letter
                    .date
                    .as_ref()
                    .map(|date| date.text.as_str())
                    .unwrap_or(strings.undated);
                let counts = fill(
                    strings.doc_counts,
                    &[
                        (
                            "masks",
                            &shown
                                .withheld_count(Some(index), WithheldSort::Mask)
                                .to_string(),
                        ),
                        (
                            "omissions",
                            &shown
                                .withheld_count(Some(index), WithheldSort::Omission)
                                .to_string(),
                        ),
                    ],
                );
                let label = format!(
                    "{}\n{}・{}・{}\n{}",
                    elided(&letter.title_text(), SIDE_LIST_TEXT_CHARS),
                    role_name(strings, document.entry.role),
                    elided(&issuer, SIDE_LIST_TEXT_CHARS),
                    elided(date, SIDE_LIST_TEXT_CHARS),
                    counts
                );
                let selected = shown.left == Some(index) || shown.right == Some(index);
                let altered = altered_document == Some(index);
                let clicked = marked_if_altered(ui, altered, strings, false, |ui| {
                    ui.add_enabled(
                        shown.contents_visible(),
                        egui::Button::selectable(selected, label),
                    )
                    .clicked()
                });
                if clicked {
                    commands.push(Command::ShowDocument(index));
                }
                ui.add_space(2.0);
            }
            ui.add_space(8.0);
            egui::CollapsingHeader::new(format!(
                "{} ({})",
                strings.withheld_list,
                shown.withheld.len()
            ))
            .default_open(true)
            .show(ui, |ui| {
                if shown.withheld.is_empty() {
                    ui.label(strings.withheld_none);
                }
                if !shown.contents_visible() {
                    return;
                }
                // A window of the list around the current item: a file with tens of thousands
                // of masks must not cost tens of thousands of buttons a frame. F8 reaches the
                // rest, and the window follows it.
                let shown_range = list_window(shown.withheld.len(), shown.withheld_cursor);
                if shown_range.start > 0 {
                    ui.label(
                        RichText::new(fill(
                            strings.withheld_more_before,
                            &[("n", &shown_range.start.to_string())],
                        ))
                        .small(),
                    );
                }
                let after = shown.withheld.len() - shown_range.end;
                for (index, item) in shown
                    .withheld
                    .iter()
                    .enumerate()
                    .skip(shown_range.start)
                    .take(shown_range.len())
                {
                    let Some(document) = shown.bundle.documents.get(item.document) else {
                        continue;
                    };
                    let label = shown.withheld_labels.get(index);
                    let title_text = document.document.title_text();
                    let marker = label.map(|label| label.marker.as_str()).unwrap_or_default();
                    let place = label
                        .and_then(|label| label.section.as_deref())
                        .unwrap_or(&title_text);
                    let kind = match item.kind {
                        WithheldSort::Mask => strings.kind_mask,
                        WithheldSort::Omission => strings.kind_omission,
                    };
                    let reason = stated_up_to(
                        strings,
                        label.and_then(|label| label.reason.as_deref()),
                        SIDE_LIST_REASON_CHARS,
                    );
                    let text = format!(
                        "{}\n{}",
                        fill(
                            strings.withheld_entry,
                            &[
                                ("n", &(index + 1).to_string()),
                                ("kind", kind),
                                ("marker", &elided(marker, SIDE_LIST_TEXT_CHARS)),
                                ("place", &elided(place, SIDE_LIST_TEXT_CHARS)),
                            ],
                        ),
                        fill(strings.mask_reason, &[("reason", &reason)])
                    );
                    let current = shown.withheld_cursor == Some(index);
                    let response = ui.add(egui::Button::selectable(current, text));
                    // Tab (and F8, which makes an item current) bring the item into view.
                    if response.gained_focus() || (current && state.scroll.is_some()) {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        commands.push(Command::GoToWithheld(index));
                    }
                }
                if after > 0 {
                    ui.label(
                        RichText::new(fill(
                            strings.withheld_more_after,
                            &[("n", &after.to_string())],
                        ))
                        .small(),
                    );
                }
            });
            ui.add_space(8.0);
            egui::CollapsingHeader::new(format!(
                "{} ({})",
                strings.attachments,
                shown.bundle.attachments.len()
            ))
            .default_open(true)
            .show(ui, |ui| {
                if shown.bundle.attachments.is_empty() {
                    ui.label(strings.attachments_none);
                    return;
                }
                ui.label(RichText::new(strings.attachment_note).small());
                for attachment in &shown.bundle.attachments {
                    let name = crate::fs::safe_file_name(&attachment.path);
                    ui.label(RichText::new(one_line(&attachment.path)).strong());
                    ui.label(fill(
                        strings.size_bytes,
                        &[("n", &attachment.size.to_string())],
                    ));
                    ui.label(fill(
                        strings.media_type,
                        &[("type", &one_line(&attachment.media_type))],
                    ));
                    ui.label(
                        RichText::new(format!("SHA-256 {}", attachment.sha256))
                            .monospace()
                            .small(),
                    );
                    if ui
                        .add_enabled(
                            shown.bundle.verdict.intact(),
                            egui::Button::new(fill(strings.save_as, &[("name", &name)])),
                        )
                        .clicked()
                    {
                        commands.push(Command::SaveAttachment(attachment.path.clone()));
                    }
                    ui.separator();
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_shows_a_window_around_the_current_item() {
        assert_eq!(list_window(12, Some(5)), 0..12);
        assert_eq!(list_window(20_000, None), 0..SIDE_LIST_MAX_ITEMS);
        assert_eq!(list_window(20_000, Some(10_000)), 9_900..10_100);
        assert_eq!(list_window(20_000, Some(19_999)), 19_800..20_000);
        assert_eq!(list_window(20_000, Some(3)), 0..SIDE_LIST_MAX_ITEMS);
    }
}
