//! What changed between two reports of one series (第N報 → 第M報): paragraphs aligned with
//! `similar`, then character-level edits inside a paragraph with `dissimilar` (which reads best
//! on Japanese: `[-6月末-]{+7月上旬+}`). Withheld items are first-class: a mask whose place now
//! holds text is *disclosed*, a new mask is *newly withheld*, an omission that disappeared is
//! *lifted*, a new one *added*; sections are added, removed or retitled.
//!
//! Pure functions of two documents (or two opened bundles); nothing here reads files or knows
//! how a front end shows the result.
//!
//! This file holds what a comparison returns and the two entry points; `blocks` turns a body
//! into units to align and says what an unmatched or replaced run of them means; `paragraph`
//! compares two paired paragraphs character by character, masks included.

mod blocks;
mod paragraph;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::bundle::{OpenedBundle, Role};
use crate::document::{Block, Document, inline_text};

use blocks::{added, removed, replaced, units};

/// One character-level edit inside a changed paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Text in both reports.
    Same(String),
    /// Text only the older report has.
    Deleted(String),
    /// Text only the newer report has.
    Inserted(String),
}

/// One change between two versions of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A masked field of the older report now shows text.
    Disclosed {
        /// The older report's marker (`■■■■`).
        marker: String,
        /// What stands in its place now; empty when that cannot be told (the mask is gone from
        /// text that was rearranged or rewritten around it).
        revealed: String,
        /// The mask's label, if it had one.
        label: Option<String>,
        /// The heading of the section it sits in.
        heading: Option<String>,
    },
    /// Text of the older report is masked in the newer one.
    NewlyWithheld {
        /// The newer report's marker.
        marker: String,
        /// The text that was there before.
        replaced: String,
        /// Why, as the newer report says.
        reason: Option<String>,
        /// The heading of the section it sits in.
        heading: Option<String>,
    },
    /// A mask kept with the same marker, whose label or reason (what is hidden, why) changed:
    /// nothing was disclosed, but the reader now knows more (or less) about it.
    MaskExplained {
        /// The marker, the same in both.
        marker: String,
        /// The older and newer label.
        label: (Option<String>, Option<String>),
        /// The older and newer reason.
        reason: (Option<String>, Option<String>),
        /// The heading of the section it sits in.
        heading: Option<String>,
    },
    /// An omitted section of the older report is no longer omitted.
    OmissionLifted {
        /// Its marker (`—省略—`).
        marker: String,
        /// The heading it sat under.
        heading: Option<String>,
    },
    /// The newer report omits something the older one did not.
    OmissionAdded {
        /// Its marker.
        marker: String,
        /// Why, as the newer report says.
        reason: Option<String>,
        /// The heading it sits under.
        heading: Option<String>,
    },
    /// A section only the newer report has.
    SectionAdded {
        /// Its heading.
        title: String,
    },
    /// A section only the older report has.
    SectionRemoved {
        /// Its heading.
        title: String,
    },
    /// A section with the same anchor under another heading.
    SectionRetitled {
        /// The older heading.
        old: String,
        /// The newer heading.
        new: String,
    },
    /// A paragraph changed in place.
    ParagraphChanged {
        /// The heading of the section it sits in.
        heading: Option<String>,
        /// The edits, in reading order.
        edits: Vec<Edit>,
    },
    /// A paragraph only the newer report has.
    ParagraphAdded {
        /// The heading of the section it sits in.
        heading: Option<String>,
        /// Its text (masks as their markers).
        text: String,
    },
    /// A paragraph only the older report has.
    ParagraphRemoved {
        /// The heading of the section it sat in.
        heading: Option<String>,
        /// Its text (masks as their markers).
        text: String,
    },
    /// The letter's date changed.
    DateChanged {
        /// The older date as written.
        old: Option<String>,
        /// The newer date as written.
        new: Option<String>,
    },
    /// The letter's title changed.
    TitleChanged {
        /// The older title.
        old: String,
        /// The newer title.
        new: String,
    },
}

/// Which kind of change, for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// [`Change::Disclosed`].
    Disclosed,
    /// [`Change::NewlyWithheld`].
    NewlyWithheld,
    /// [`Change::MaskExplained`].
    MaskExplained,
    /// [`Change::OmissionLifted`].
    OmissionLifted,
    /// [`Change::OmissionAdded`].
    OmissionAdded,
    /// [`Change::SectionAdded`].
    SectionAdded,
    /// [`Change::SectionRemoved`].
    SectionRemoved,
    /// [`Change::SectionRetitled`].
    SectionRetitled,
    /// [`Change::ParagraphChanged`], [`Change::ParagraphAdded`], [`Change::ParagraphRemoved`].
    Paragraph,
    /// [`Change::DateChanged`], [`Change::TitleChanged`].
    Header,
}

impl Change {
    /// Its kind.
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::Disclosed { .. } => ChangeKind::Disclosed,
            Change::NewlyWithheld { .. } => ChangeKind::NewlyWithheld,
            Change::MaskExplained { .. } => ChangeKind::MaskExplained,
            Change::OmissionLifted { .. } => ChangeKind::OmissionLifted,
            Change::OmissionAdded { .. } => ChangeKind::OmissionAdded,
            Change::SectionAdded { .. } => ChangeKind::SectionAdded,
            Change::SectionRemoved { .. } => ChangeKind::SectionRemoved,
            Change::SectionRetitled { .. } => ChangeKind::SectionRetitled,
            Change::ParagraphChanged { .. }
            | Change::ParagraphAdded { .. }
            | Change::ParagraphRemoved { .. } => ChangeKind::Paragraph,
            Change::DateChanged { .. } | Change::TitleChanged { .. } => ChangeKind::Header,
        }
    }
}

/// How a document of the newer report relates to the older report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    /// In both (matched by role and path, else role and title, else role and position).
    Both,
    /// Only in the newer report.
    Added,
    /// Only in the older report.
    Removed,
}

/// The changes to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDiff {
    /// Its role.
    pub role: Role,
    /// Its title (the newer one where it is in both).
    pub title: String,
    /// Whether it is in both reports.
    pub presence: Presence,
    /// The changes, in reading order.
    pub changes: Vec<Change>,
}

/// The masks of a letter's head, in reading order.
fn head_masks(document: &Document) -> Vec<&crate::document::Mask> {
    document
        .head_runs()
        .flatten()
        .filter_map(|inline| match inline {
            crate::document::Inline::Mask(mask) => Some(mask),
            _ => None,
        })
        .collect()
}

/// Compares two versions of one document.
pub fn diff_documents(older: &Document, newer: &Document) -> Vec<Change> {
    let mut changes = Vec::new();
    if older.date.as_ref().map(|date| &date.text) != newer.date.as_ref().map(|date| &date.text) {
        changes.push(Change::DateChanged {
            old: older.date.as_ref().map(|date| date.text.clone()),
            new: newer.date.as_ref().map(|date| date.text.clone()),
        });
    }
    // The head: its text, and its masks explained differently (a head mask disclosed or added
    // shows as changed text).
    if older.title_text() != newer.title_text() {
        changes.push(Change::TitleChanged {
            old: older.title_text(),
            new: newer.title_text(),
        });
    }
    changes.extend(paragraph::explained_masks(
        head_masks(older),
        head_masks(newer),
        &None,
    ));
    let old_units = units(older);
    let new_units = units(newer);
    let old_keys: Vec<&str> = old_units.iter().map(|unit| unit.key.as_str()).collect();
    let new_keys: Vec<&str> = new_units.iter().map(|unit| unit.key.as_str()).collect();
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                // Headings align by anchor: the same anchor may carry a new title.
                for offset in 0..len {
                    // The same text, but a mask in it may say more (or less) about itself.
                    changes.extend(paragraph::explained(
                        &old_units[old_index + offset],
                        &new_units[new_index + offset],
                    ));
                    if let (
                        Block::Heading { content: old, .. },
                        Block::Heading { content: new, .. },
                    ) = (
                        old_units[old_index + offset].block,
                        new_units[new_index + offset].block,
                    ) && inline_text(old) != inline_text(new)
                    {
                        changes.push(Change::SectionRetitled {
                            old: inline_text(old),
                            new: inline_text(new),
                        });
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for unit in &old_units[old_index..old_index + old_len] {
                    changes.extend(removed(unit));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for unit in &new_units[new_index..new_index + new_len] {
                    changes.extend(added(unit));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => replaced(
                &old_units[old_index..old_index + old_len],
                &new_units[new_index..new_index + new_len],
                &mut changes,
            ),
        }
    }
    changes
}

/// Compares the documents of two reports, matched by role and path, else by role and title,
/// else by role and position.
pub fn diff_bundles(older: &OpenedBundle, newer: &OpenedBundle) -> Vec<DocumentDiff> {
    let mut used = vec![false; older.documents.len()];
    let mut out = Vec::new();
    for new_item in &newer.documents {
        let candidates = |same: &dyn Fn(&crate::bundle::BundleDocument) -> bool| {
            older.documents.iter().enumerate().position(|(index, old)| {
                !used[index] && old.entry.role == new_item.entry.role && same(old)
            })
        };
        let matched = candidates(&|old| old.entry.path == new_item.entry.path)
            .or_else(|| candidates(&|old| old.document.title == new_item.document.title))
            .or_else(|| candidates(&|_| true));
        match matched {
            Some(index) => {
                used[index] = true;
                out.push(DocumentDiff {
                    role: new_item.entry.role,
                    title: new_item.document.title_text(),
                    presence: Presence::Both,
                    changes: diff_documents(&older.documents[index].document, &new_item.document),
                });
            }
            None => out.push(DocumentDiff {
                role: new_item.entry.role,
                title: new_item.document.title_text(),
                presence: Presence::Added,
                changes: Vec::new(),
            }),
        }
    }
    for (index, old) in older.documents.iter().enumerate() {
        if !used[index] {
            out.push(DocumentDiff {
                role: old.entry.role,
                title: old.document.title_text(),
                presence: Presence::Removed,
                changes: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
