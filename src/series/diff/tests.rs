//! Tests of [`diff`](super).

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
        edits.iter().all(
            |edit| !matches!(edit, Edit::Deleted(text) | Edit::Inserted(text) if text.contains('■'))
        ),
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
