//! Two paired paragraphs compared character by character with `dissimilar`, each mask standing
//! as one character so that it is disclosed or newly withheld whole.

use super::blocks::{Unit, block_text};
use super::{Change, Edit};
use crate::document::{Block, Inline, Mask};

/// First private-use code point standing for a mask inside compared text: each mask is one
/// character to the character diff, so it is disclosed or added whole.
const MASK_BASE: u32 = 0xF0000;

/// Paragraphs longer than this (in characters, either side) are compared whole, as removed and
/// added, not character by character: a character diff costs up to the product of the lengths.
const CHARACTER_DIFF_LIMIT: usize = 5_000;

pub(super) fn paragraph_changes(old: &Unit<'_>, new: &Unit<'_>) -> Vec<Change> {
    // One code per distinct mask, shared by both sides: a mask kept as it was is equal text.
    let mut table: Vec<&Mask> = Vec::new();
    for mask in masks(old.block).into_iter().chain(masks(new.block)) {
        if !table.contains(&mask) {
            table.push(mask);
        }
    }
    let old_masks = table.clone();
    let new_masks = table.clone();
    let old_text = coded_text(old.block, &table);
    let new_text = coded_text(new.block, &table);
    if old_text.chars().count() > CHARACTER_DIFF_LIMIT
        || new_text.chars().count() > CHARACTER_DIFF_LIMIT
    {
        return vec![
            Change::ParagraphRemoved {
                heading: old.heading.clone(),
                text: block_text(old.block),
            },
            Change::ParagraphAdded {
                heading: new.heading.clone(),
                text: block_text(new.block),
            },
        ];
    }
    let chunks = dissimilar::diff(&old_text, &new_text);
    let mut changes = Vec::new();
    let mut edits = Vec::new();
    let mut other_edit = false;
    let mask_of = |c: char, masks: &[&Mask]| -> Option<usize> {
        let index = u32::from(c).checked_sub(MASK_BASE)? as usize;
        (index < masks.len()).then_some(index)
    };
    let shown = |text: &str, masks: &[&Mask]| -> String {
        text.chars()
            .map(|c| match mask_of(c, masks) {
                Some(index) => masks[index].marker.clone(),
                None => c.to_string(),
            })
            .collect()
    };
    let mut index = 0;
    while index < chunks.len() {
        match chunks[index] {
            dissimilar::Chunk::Equal(text) => edits.push(Edit::Same(shown(text, &old_masks))),
            dissimilar::Chunk::Delete(deleted) => {
                let inserted = match chunks.get(index + 1) {
                    Some(dissimilar::Chunk::Insert(inserted)) => {
                        index += 1;
                        Some(*inserted)
                    }
                    _ => None,
                };
                let deleted_masks: Vec<usize> = deleted
                    .chars()
                    .filter_map(|c| mask_of(c, &old_masks))
                    .collect();
                let inserted_masks: Vec<usize> = inserted
                    .unwrap_or_default()
                    .chars()
                    .filter_map(|c| mask_of(c, &new_masks))
                    .collect();
                // A mask replaced by text: disclosed.
                let mut withheld_change = false;
                // A mask kept under the same marker (perhaps with text added or removed around
                // it) and another label or reason: explained; the mask itself is unchanged text.
                if let ([old_mask], [new_mask], Some(inserted)) = (
                    deleted_masks.as_slice(),
                    inserted_masks.as_slice(),
                    inserted,
                ) && old_masks[*old_mask].marker == new_masks[*new_mask].marker
                {
                    let (old_mask, new_mask) = (old_masks[*old_mask], new_masks[*new_mask]);
                    if (&old_mask.label, &old_mask.reason) != (&new_mask.label, &new_mask.reason) {
                        changes.push(Change::MaskExplained {
                            marker: new_mask.marker.clone(),
                            label: (old_mask.label.clone(), new_mask.label.clone()),
                            reason: (old_mask.reason.clone(), new_mask.reason.clone()),
                            heading: new.heading.clone(),
                        });
                    }
                    let around = |text: &str, masks: &[&Mask]| -> (String, String) {
                        let chars: Vec<char> = text.chars().collect();
                        let at = chars
                            .iter()
                            .position(|&c| mask_of(c, masks).is_some())
                            .unwrap_or(chars.len());
                        let after = chars.get(at + 1..).unwrap_or_default();
                        (chars[..at].iter().collect(), after.iter().collect())
                    };
                    let (deleted_before, deleted_after) = around(deleted, &old_masks);
                    let (inserted_before, inserted_after) = around(inserted, &new_masks);
                    let pieces = [
                        (deleted_before, false, true),
                        (inserted_before, false, false),
                        (String::new(), true, false),
                        (deleted_after, false, true),
                        (inserted_after, false, false),
                    ];
                    for (text, is_mask, is_deleted) in pieces {
                        if is_mask {
                            edits.push(Edit::Same(new_mask.marker.clone()));
                        } else if !text.is_empty() {
                            other_edit = true;
                            edits.push(if is_deleted {
                                Edit::Deleted(shown(&text, &old_masks))
                            } else {
                                Edit::Inserted(shown(&text, &new_masks))
                            });
                        }
                    }
                    index += 1;
                    continue;
                }
                if deleted_masks.len() == 1
                    && deleted.chars().count() == 1
                    && inserted_masks.is_empty()
                    && let Some(text) = inserted.filter(|text| !text.is_empty())
                {
                    let mask = old_masks[deleted_masks[0]];
                    withheld_change = true;
                    changes.push(Change::Disclosed {
                        marker: mask.marker.clone(),
                        revealed: text.to_owned(),
                        label: mask.label.clone(),
                        heading: new.heading.clone(),
                    });
                }
                // Text replaced by a mask: newly withheld.
                if inserted_masks.len() == 1 && deleted_masks.is_empty() {
                    let mask = new_masks[inserted_masks[0]];
                    withheld_change = inserted.is_some_and(|text| text.chars().count() == 1);
                    changes.push(Change::NewlyWithheld {
                        marker: mask.marker.clone(),
                        replaced: deleted.to_owned(),
                        reason: mask.reason.clone(),
                        heading: new.heading.clone(),
                    });
                }
                other_edit |= !withheld_change;
                edits.push(Edit::Deleted(shown(deleted, &old_masks)));
                if let Some(inserted) = inserted {
                    edits.push(Edit::Inserted(shown(inserted, &new_masks)));
                }
            }
            dissimilar::Chunk::Insert(inserted) => {
                other_edit |= inserted.chars().any(|c| mask_of(c, &new_masks).is_none());
                for mask in inserted.chars().filter_map(|c| mask_of(c, &new_masks)) {
                    let mask = new_masks[mask];
                    changes.push(Change::NewlyWithheld {
                        marker: mask.marker.clone(),
                        replaced: String::new(),
                        reason: mask.reason.clone(),
                        heading: new.heading.clone(),
                    });
                }
                edits.push(Edit::Inserted(shown(inserted, &new_masks)));
            }
        }
        index += 1;
    }
    // Masks gone from the newer text that no change above accounts for (rows or sentences
    // rearranged around them) are still disclosed: what replaced them cannot be told, but a
    // reader must never miss that a masked field is no longer masked. Counted by marker, so a
    // mask kept with another label or reason is not counted as gone.
    let count = |text: &str, masks: &[&Mask], marker: &str| {
        text.chars()
            .filter_map(|c| mask_of(c, masks))
            .filter(|&index| masks[index].marker == marker)
            .count()
    };
    let mut gone: Vec<&Mask> = Vec::new();
    for c in old_text.chars() {
        let Some(index) = mask_of(c, &old_masks) else {
            continue;
        };
        let mask = old_masks[index];
        if gone.iter().any(|seen| seen.marker == mask.marker) {
            continue;
        }
        let disclosed = changes
            .iter()
            .filter(|change| matches!(change, Change::Disclosed { marker, .. } if *marker == mask.marker))
            .count();
        let missing = count(&old_text, &old_masks, &mask.marker)
            .saturating_sub(count(&new_text, &new_masks, &mask.marker) + disclosed);
        gone.push(mask);
        for _ in 0..missing {
            changes.push(Change::Disclosed {
                marker: mask.marker.clone(),
                revealed: String::new(),
                label: mask.label.clone(),
                heading: new.heading.clone(),
            });
            other_edit = true;
        }
    }
    // A paragraph whose only edits are masks disclosed or added is reported by those changes
    // alone, so one edit is never counted twice.
    if other_edit {
        changes.push(Change::ParagraphChanged {
            heading: new.heading.clone(),
            edits,
        });
    }
    changes
}

/// The masks of two aligned blocks with the same text whose label or reason changed.
pub(super) fn explained(old: &Unit<'_>, new: &Unit<'_>) -> Vec<Change> {
    explained_masks(masks(old.block), masks(new.block), &new.heading)
}

/// Of two lists of masks in the same places, those kept under the same marker whose label or
/// reason changed (nothing, if the lists differ in length: then the text changed too).
pub(super) fn explained_masks(
    old_masks: Vec<&Mask>,
    new_masks: Vec<&Mask>,
    heading: &Option<String>,
) -> Vec<Change> {
    if old_masks.len() != new_masks.len() {
        return Vec::new();
    }
    old_masks
        .into_iter()
        .zip(new_masks)
        .filter(|(old_mask, new_mask)| {
            old_mask.marker == new_mask.marker
                && (&old_mask.label, &old_mask.reason) != (&new_mask.label, &new_mask.reason)
        })
        .map(|(old_mask, new_mask)| Change::MaskExplained {
            marker: new_mask.marker.clone(),
            label: (old_mask.label.clone(), new_mask.label.clone()),
            reason: (old_mask.reason.clone(), new_mask.reason.clone()),
            heading: heading.clone(),
        })
        .collect()
}

pub(super) fn masks(block: &Block) -> Vec<&Mask> {
    block
        .runs()
        .into_iter()
        .flatten()
        .filter_map(|inline| match inline {
            Inline::Mask(mask) => Some(mask),
            _ => None,
        })
        .collect()
}

/// The block's text with each mask as one private-use character (its place in `table`, from
/// [`MASK_BASE`]); list items joined by line breaks.
fn coded_text(block: &Block, table: &[&Mask]) -> String {
    let code = |content: &[Inline]| -> String {
        content
            .iter()
            .map(|inline| match inline {
                Inline::Text { text } | Inline::Strong { text } | Inline::Link { text, .. } => {
                    text.clone()
                }
                Inline::Mask(mask) => {
                    let index = table.iter().position(|known| *known == mask).unwrap_or(0);
                    char::from_u32(MASK_BASE + index as u32)
                        .unwrap_or('\u{FFFD}')
                        .to_string()
                }
            })
            .collect()
    };
    block.text_with(code)
}
