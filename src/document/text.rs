//! Plain-text views of a document: the text a reader copies, and the ordered list of
//! withheld items that the viewer walks with Next/Previous.

use super::letter::PartKey;
use super::model::{Block, Document, Inline, Mask, Omission};

/// The document as plain text, laid out like the letter: date, addressee, issuer, title, body,
/// closing, one block per paragraph. Masks appear as their marker and omissions as theirs —
/// never as anything else — so copying from a notice cannot leak or invent hidden text.
pub fn plain_text(document: &Document) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push_str("\n\n");
    };
    if let Some(caption) = document.caption() {
        line(&inline_text(caption));
    }
    if let Some(date) = &document.date {
        line(&date.text);
    }
    if let Some(addressee) = document.addressee_text() {
        line(&addressee);
    }
    if !document.issuer.is_empty() {
        line(&document.issuer_lines().join("\n"));
    }
    line(&document.title_text());
    for block in &document.body {
        match block {
            // A nested list's items are indented a full-width space per level.
            Block::List { items, depth } if *depth > 0 => {
                let indent = "\u{3000}".repeat(usize::from(*depth));
                let items: Vec<String> = items
                    .iter()
                    .map(|item| format!("{indent}{}", inline_text(item)))
                    .collect();
                line(&items.join("\n"));
            }
            _ => line(&block.text_with(inline_text)),
        }
    }
    if let Some(closing) = &document.closing {
        line(closing);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The text of a run of inlines, masks shown as their marker.
pub fn inline_text(content: &[Inline]) -> String {
    content
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } | Inline::Strong { text } | Inline::Link { text, .. } => {
                text.as_str()
            }
            Inline::Mask(mask) => mask.marker.as_str(),
        })
        .collect()
}

/// What a withheld item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WithheldKind<'a> {
    /// A masked field.
    Mask(&'a Mask),
    /// An omitted section.
    Omission(&'a Omission),
}

/// One masked field or omitted section, with where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithheldItem<'a> {
    /// The part of the letter that holds it (a head line or a body block).
    pub place: PartKey,
    /// The item.
    pub kind: WithheldKind<'a>,
}

/// Every masked field and omitted section of the document, in reading order: the head's
/// (caption, addressee, issuer lines, title), then the body's.
pub fn withheld_items(document: &Document) -> Vec<WithheldItem<'_>> {
    let mut items = Vec::new();
    if let Some(caption) = document.caption() {
        push_masks(&mut items, PartKey::Caption, caption);
    }
    if let Some(addressee) = &document.addressee {
        push_masks(&mut items, PartKey::Addressee, addressee);
    }
    for (index, line) in document.issuer.iter().enumerate() {
        push_masks(&mut items, PartKey::Issuer(index), line);
    }
    push_masks(&mut items, PartKey::Title, &document.title);
    for (index, block) in document.body.iter().enumerate() {
        let place = |item: usize| PartKey::Block { block: index, item };
        if let Block::Omission(omission) = block {
            items.push(WithheldItem {
                place: place(0),
                kind: WithheldKind::Omission(omission),
            });
        }
        for (item, content) in block.runs().into_iter().enumerate() {
            push_masks(&mut items, place(item), content);
        }
    }
    items
}

fn push_masks<'a>(items: &mut Vec<WithheldItem<'a>>, place: PartKey, content: &'a [Inline]) {
    for inline in content {
        if let Inline::Mask(mask) = inline {
            items.push(WithheldItem {
                place,
                kind: WithheldKind::Mask(mask),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{OmissionKind, WithheldBy};

    fn document() -> Document {
        Document {
            date: None,
            addressee: Some(vec![Inline::text("お客様各位")]),
            issuer: vec![],
            title: vec![Inline::text("報告")],
            source: None,
            body: vec![
                Block::Paragraph {
                    content: vec![
                        Inline::text("A"),
                        Inline::Mask(Mask {
                            marker: "■■■■".into(),
                            label: None,
                            reason: None,
                            masked_by: WithheldBy::NotStated,
                        }),
                        Inline::text("サーバ"),
                    ],
                },
                Block::Omission(Omission {
                    kind: OmissionKind::Middle,
                    marker: "—中略—".into(),
                    reason: None,
                    omitted_by: WithheldBy::Author,
                    under_heading: None,
                }),
            ],
            closing: Some("以上".into()),
        }
    }

    #[test]
    fn plain_text_shows_masks_as_their_marker_only() {
        assert_eq!(
            plain_text(&document()),
            "お客様各位\n\n報告\n\nA■■■■サーバ\n\n—中略—\n\n以上\n"
        );
    }

    #[test]
    fn withheld_items_come_in_reading_order() {
        let document = document();
        let items = withheld_items(&document);
        assert_eq!(items.len(), 2);
        assert!(matches!(items[0].kind, WithheldKind::Mask(_)));
        assert_eq!(items[1].place, PartKey::Block { block: 1, item: 0 });
    }
}
