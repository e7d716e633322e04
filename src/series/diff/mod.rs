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
mod tests {
    use super::*;
    use crate::document::{Inline, Mask, OmissionKind, WithheldBy};

    fn text(text: &str) -> Inline {
        Inline::Text { text: text.into() }
    }

    fn mask(marker: &str) -> Inline {
        Inline::Mask(Mask {
            marker: marker.into(),
            label: Some("サーバ名".into()),
            reason: Some("セキュリティのため".into()),
            masked_by: WithheldBy::Author,
        })
    }

    fn paragraph(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }

    fn heading(id: &str, title: &str) -> Block {
        Block::Heading {
            id: id.into(),
            level: 1,
            content: vec![text(title)],
        }
    }

    fn omission(under: &str) -> Block {
        Block::Omission(crate::document::Omission {
            kind: OmissionKind::Section,
            marker: "—省略—".into(),
            reason: Some("厳秘".into()),
            omitted_by: WithheldBy::Forwarder,
            under_heading: Some(under.into()),
        })
    }

    fn document(body: Vec<Block>) -> Document {
        Document {
            title: Inline::line("お知らせ"),
            body,
            ..Document::default()
        }
    }

    #[test]
    fn a_moved_date_reads_as_character_edits() {
        let older = document(vec![paragraph(vec![text("復旧は6月末の見込みです。")])]);
        let newer = document(vec![paragraph(vec![text("復旧は7月上旬の見込みです。")])]);
        let changes = diff_documents(&older, &newer);
        let Change::ParagraphChanged { edits, .. } = &changes[0] else {
            panic!("{changes:?}");
        };
        let deleted: String = edits
            .iter()
            .filter_map(|edit| match edit {
                Edit::Deleted(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let inserted: String = edits
            .iter()
            .filter_map(|edit| match edit {
                Edit::Inserted(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!((deleted.as_str(), inserted.as_str()), ("6月末", "7月上旬"));
    }

    #[test]
    fn a_mask_whose_place_now_holds_text_is_disclosed() {
        let older = document(vec![paragraph(vec![
            mask("■■■■"),
            text("サーバの調査において"),
        ])]);
        let newer = document(vec![paragraph(vec![text("DBサーバの調査において")])]);
        let changes = diff_documents(&older, &newer);
        // The disclosure alone: the paragraph is not counted again as changed text.
        assert_eq!(
            changes,
            vec![Change::Disclosed {
                marker: "■■■■".into(),
                revealed: "DB".into(),
                label: Some("サーバ名".into()),
                heading: None,
            }]
        );
    }

    #[test]
    fn a_mask_that_only_gained_a_label_is_explained_not_rewritten() {
        let bare = Inline::Mask(Mask {
            marker: "■■■■".into(),
            label: None,
            reason: None,
            masked_by: WithheldBy::Author,
        });
        let older = document(vec![paragraph(vec![bare, text("サーバの調査において")])]);
        let newer = document(vec![paragraph(vec![
            mask("■■■■"),
            text("サーバの調査において"),
        ])]);
        assert_eq!(
            diff_documents(&older, &newer),
            vec![Change::MaskExplained {
                marker: "■■■■".into(),
                label: (None, Some("サーバ名".into())),
                reason: (None, Some("セキュリティのため".into())),
                heading: None,
            }]
        );
        // Beside another edit, the paragraph shows the mask as unchanged text.
        let newer = document(vec![paragraph(vec![
            mask("■■■■"),
            text("サーバの再調査において"),
        ])]);
        let changes = diff_documents(&older, &newer);
        assert_eq!(changes.len(), 2, "{changes:?}");
        let Change::ParagraphChanged { edits, .. } = &changes[1] else {
            panic!("{changes:?}");
        };
        assert!(
            edits
                .iter()
                .all(|edit| !matches!(edit, Edit::Deleted(text) | Edit::Inserted(text) if text.contains('■'))),
            "{edits:?}"
        );
    }

    #[test]
    fn a_mask_explained_next_to_added_text_or_in_a_heading_or_the_head_counts_once() {
        let bare = || {
            Inline::Mask(Mask {
                marker: "■■■■".into(),
                label: None,
                reason: None,
                masked_by: WithheldBy::Author,
            })
        };
        // Text added right beside the mask.
        let older = document(vec![paragraph(vec![bare(), text("サーバ")])]);
        let newer = document(vec![paragraph(vec![mask("■■■■"), text("新サーバ")])]);
        let changes = diff_documents(&older, &newer);
        assert!(
            matches!(changes[0], Change::MaskExplained { .. }),
            "{changes:?}"
        );
        let Change::ParagraphChanged { edits, .. } = &changes[1] else {
            panic!("{changes:?}");
        };
        assert_eq!(
            edits,
            &vec![
                Edit::Same("■■■■".into()),
                Edit::Inserted("新".into()),
                Edit::Same("サーバ".into())
            ]
        );
        // In a heading: explained, not retitled.
        let heading_with = |mask: Inline| Block::Heading {
            id: "s7".into(),
            level: 1,
            content: vec![text("7. "), mask, text("再発防止策")],
        };
        let changes = diff_documents(
            &document(vec![heading_with(bare())]),
            &document(vec![heading_with(mask("■■■■"))]),
        );
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(matches!(changes[0], Change::MaskExplained { .. }));
        // In the letter's head.
        let mut older = document(Vec::new());
        older.issuer = vec![vec![bare(), text("株式会社")]];
        let mut newer = older.clone();
        newer.issuer = vec![vec![mask("■■■■"), text("株式会社")]];
        let changes = diff_documents(&older, &newer);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(matches!(changes[0], Change::MaskExplained { .. }));
    }

    #[test]
    fn a_disclosure_beside_other_edits_keeps_the_paragraph_change() {
        let older = document(vec![paragraph(vec![
            mask("■■■■"),
            text("サーバの調査は6月末まで"),
        ])]);
        let newer = document(vec![paragraph(vec![text("DBサーバの調査は7月上旬まで")])]);
        let changes = diff_documents(&older, &newer);
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(
            matches!(changes[0], Change::Disclosed { .. }),
            "{changes:?}"
        );
        assert!(
            matches!(changes[1], Change::ParagraphChanged { .. }),
            "{changes:?}"
        );
    }

    #[test]
    fn text_replaced_by_a_mask_is_newly_withheld() {
        let older = document(vec![paragraph(vec![text("担当は山田です。")])]);
        let newer = document(vec![paragraph(vec![
            text("担当は"),
            mask("○○"),
            text("です。"),
        ])]);
        let changes = diff_documents(&older, &newer);
        assert!(
            changes.iter().any(|change| matches!(
                change,
                Change::NewlyWithheld { marker, replaced, .. } if marker == "○○" && replaced == "山田"
            )),
            "{changes:?}"
        );
    }

    #[test]
    fn sections_and_omissions_come_and_go() {
        let older = document(vec![
            heading("s1", "発生事象"),
            omission("s1"),
            heading("s2", "対応"),
            paragraph(vec![text("対応中です。")]),
        ]);
        let newer = document(vec![
            heading("s1", "発生事象の概要"),
            paragraph(vec![text("6月5日に検知しました。")]),
            heading("s2", "対応"),
            paragraph(vec![text("対応中です。")]),
            heading("s3", "再発防止策"),
            paragraph(vec![text("監視を強化します。")]),
        ]);
        let kinds: Vec<ChangeKind> = diff_documents(&older, &newer)
            .iter()
            .map(Change::kind)
            .collect();
        for kind in [
            ChangeKind::SectionRetitled,
            ChangeKind::OmissionLifted,
            ChangeKind::SectionAdded,
        ] {
            assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
        }
        assert!(!kinds.contains(&ChangeKind::SectionRemoved), "{kinds:?}");
    }

    #[test]
    fn identical_documents_have_no_changes() {
        let body = vec![
            heading("s1", "見出し"),
            paragraph(vec![mask("■■"), text("本文")]),
        ];
        assert!(diff_documents(&document(body.clone()), &document(body)).is_empty());
    }
}
