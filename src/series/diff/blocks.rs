//! A document's body as units to align: headings keyed by anchor, omissions by place and
//! marker, other blocks by their text; and what a unit that only one side has, or a run that
//! one side replaced, means as changes.

use super::Change;
use super::paragraph::{masks, paragraph_changes};
use crate::document::{Block, Document, inline_text};

/// One body block, ready to align.
pub(super) struct Unit<'a> {
    /// What aligns: headings by anchor, omissions by place and marker, the rest by text.
    pub(super) key: String,
    pub(super) block: &'a Block,
    /// The text of the heading of the section it sits in.
    pub(super) heading: Option<String>,
}

pub(super) fn units(document: &Document) -> Vec<Unit<'_>> {
    let mut heading = None;
    let mut out = Vec::with_capacity(document.body.len());
    for block in &document.body {
        let key = match block {
            Block::Heading { id, content, .. } => {
                heading = Some(inline_text(content));
                format!("h\u{0}{id}")
            }
            Block::Omission(omission) => format!(
                "o\u{0}{}\u{0}{}",
                omission.under_heading.as_deref().unwrap_or_default(),
                omission.marker
            ),
            other => format!("p\u{0}{}", block_text(other)),
        };
        out.push(Unit {
            key,
            block,
            heading: heading.clone(),
        });
    }
    out
}

pub(super) fn block_text(block: &Block) -> String {
    block.text_with(inline_text)
}

pub(super) fn removed(unit: &Unit<'_>) -> Option<Change> {
    Some(match unit.block {
        Block::Heading { content, .. } => Change::SectionRemoved {
            title: inline_text(content),
        },
        Block::Omission(omission) => Change::OmissionLifted {
            marker: omission.marker.clone(),
            heading: unit.heading.clone(),
        },
        other => Change::ParagraphRemoved {
            heading: unit.heading.clone(),
            text: block_text(other),
        },
    })
}

pub(super) fn added(unit: &Unit<'_>) -> Vec<Change> {
    match unit.block {
        Block::Heading { content, .. } => vec![Change::SectionAdded {
            title: inline_text(content),
        }],
        Block::Omission(omission) => vec![Change::OmissionAdded {
            marker: omission.marker.clone(),
            reason: omission.reason.clone(),
            heading: unit.heading.clone(),
        }],
        other => {
            // A new paragraph's masks are newly withheld too: say so, with nothing replaced.
            let mut changes = vec![Change::ParagraphAdded {
                heading: unit.heading.clone(),
                text: block_text(other),
            }];
            for mask in masks(other) {
                changes.push(Change::NewlyWithheld {
                    marker: mask.marker.clone(),
                    replaced: String::new(),
                    reason: mask.reason.clone(),
                    heading: unit.heading.clone(),
                });
            }
            changes
        }
    }
}

/// Pairs the text blocks of a replaced run in order and compares them character by
/// character; headings with the same anchor are retitled; everything else is added or removed.
pub(super) fn replaced(old: &[Unit<'_>], new: &[Unit<'_>], changes: &mut Vec<Change>) {
    let texts = |units: &[Unit<'_>]| -> Vec<usize> {
        (0..units.len())
            .filter(|&index| {
                matches!(
                    units[index].block,
                    Block::Paragraph { .. }
                        | Block::Centered { .. }
                        | Block::List { .. }
                        | Block::Table(_)
                )
            })
            .collect()
    };
    let (old_texts, new_texts) = (texts(old), texts(new));
    let pairs: Vec<(usize, usize)> = old_texts
        .iter()
        .copied()
        .zip(new_texts.iter().copied())
        .collect();
    let mut old_paired = vec![false; old.len()];
    let mut new_paired = vec![false; new.len()];
    for (o, n) in &pairs {
        old_paired[*o] = true;
        new_paired[*n] = true;
    }
    let paired_old = |index: usize| old_paired[index];
    let paired_new = |index: usize| new_paired[index];
    for (index, unit) in old.iter().enumerate() {
        if paired_old(index) {
            continue;
        }
        let retitled = match unit.block {
            Block::Heading { id, content, .. } => new.iter().find_map(|other| match other.block {
                Block::Heading {
                    id: new_id,
                    content: new_content,
                    ..
                } if new_id == id => Some((inline_text(content), inline_text(new_content))),
                _ => None,
            }),
            _ => None,
        };
        match retitled {
            Some((old_title, new_title)) if old_title != new_title => {
                changes.push(Change::SectionRetitled {
                    old: old_title,
                    new: new_title,
                });
            }
            Some(_) => {}
            None => changes.extend(removed(unit)),
        }
    }
    for (old_index, new_index) in &pairs {
        changes.extend(paragraph_changes(&old[*old_index], &new[*new_index]));
    }
    for (index, unit) in new.iter().enumerate() {
        let same_anchor = match unit.block {
            Block::Heading { id, .. } => old.iter().any(
                |other| matches!(other.block, Block::Heading { id: old_id, .. } if old_id == id),
            ),
            _ => false,
        };
        if !paired_new(index) && !same_anchor {
            changes.extend(added(unit));
        }
    }
}
