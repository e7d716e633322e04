//! A document seen as the parts of a Japanese business letter, in reading order: caption,
//! date, addressee, issuer, title, body blocks (one part per list item) and closing.
//!
//! This is the one place that decides which text belongs to which part, so that drawing,
//! search and Next/Previous all agree on positions. It knows nothing of widgets or fonts and
//! never invents text: every part's text is taken from the document as written.

use std::ops::Range;

use crate::document::{Block, Document, Inline, LinkTarget, Mask, Omission, TablePlace};

/// Where a part sits in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartKey {
    /// The forwarding party's caption above a copy.
    Caption,
    /// The date line.
    Date,
    /// The addressee line.
    Addressee,
    /// One line of the issuer block.
    Issuer(usize),
    /// The title.
    Title,
    /// A body block; `item` is the run of [`Block::runs`]: the list item for lists, the
    /// caption or cell for tables, 0 for other blocks.
    Block {
        /// Index into [`Document::body`].
        block: usize,
        /// Index of the run in [`Block::runs`] (list item, table caption or cell).
        item: usize,
    },
    /// The closing word (以上).
    Closing,
}

/// How a part is set on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStyle {
    /// The forwarding caption, centred and quiet.
    Caption,
    /// The date, right-aligned.
    Date,
    /// The addressee, left-aligned.
    Addressee,
    /// An issuer line, right-aligned.
    Issuer,
    /// The title, centred and prominent.
    Title,
    /// A section heading of the given level.
    Heading(u8),
    /// Running text.
    Paragraph,
    /// A centred line such as 記.
    Centered,
    /// One list item, at its list's depth (0 for a list of its own).
    ListItem(u8),
    /// A table's caption, centred above it.
    TableCaption,
    /// One cell of a table.
    TableCell {
        /// The row, counting the header row.
        row: usize,
        /// The column.
        column: usize,
        /// How many columns the table has.
        columns: usize,
        /// Whether the cell is a header cell.
        header: bool,
    },
    /// A withheld section.
    Omission,
    /// A note (注／※), set smaller.
    Note,
    /// The closing word, right-aligned.
    Closing,
}

/// A run of a part's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span<'a> {
    /// Plain text.
    Text(&'a str),
    /// Text set in bold.
    Strong(&'a str),
    /// A masked field; `ordinal` is its place among the document's withheld items.
    Mask {
        /// Position in [`crate::document::withheld_items`] order.
        ordinal: usize,
        /// The mask.
        mask: &'a Mask,
    },
    /// A link.
    Link {
        /// Where it points.
        target: &'a LinkTarget,
        /// Its visible text.
        text: &'a str,
    },
}

impl Span<'_> {
    /// The text the span shows (a mask shows its marker).
    pub fn text(&self) -> &str {
        match self {
            Span::Text(text) | Span::Strong(text) | Span::Link { text, .. } => text,
            Span::Mask { mask, .. } => &mask.marker,
        }
    }
}

/// One part of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    /// Where it sits.
    pub key: PartKey,
    /// How it is set.
    pub style: PartStyle,
    /// Its runs; empty for an omission.
    pub spans: Vec<Span<'a>>,
    /// The heading anchor, for headings.
    pub heading_id: Option<&'a str>,
    /// The omission and its place among the document's withheld items, for omissions.
    pub omission: Option<(usize, &'a Omission)>,
}

impl Part<'_> {
    /// The part's text as shown: masks as their marker, an omission as its marker.
    pub fn text(&self) -> String {
        match self.omission {
            Some((_, omission)) => omission.marker.clone(),
            None => self.spans.iter().map(Span::text).collect(),
        }
    }

    /// Character ranges (in [`Part::text`]) of each span, in order.
    pub fn span_ranges(&self) -> Vec<Range<usize>> {
        let mut start = 0;
        self.spans
            .iter()
            .map(|span| {
                let end = start + span.text().chars().count();
                let range = start..end;
                start = end;
                range
            })
            .collect()
    }
}

/// The document's parts in reading order.
pub fn parts<'a>(document: &'a Document) -> Vec<Part<'a>> {
    let mut parts = Vec::new();
    // Masks and omissions share one running ordinal, in `withheld_items` order: the head's
    // masks first.
    let mut ordinal = 0;
    let head = |key: PartKey, style: PartStyle, content: &'a [Inline], ordinal: &mut usize| Part {
        key,
        style,
        spans: spans(content, ordinal),
        heading_id: None,
        omission: None,
    };
    if let Some(caption) = document.caption() {
        parts.push(head(
            PartKey::Caption,
            PartStyle::Caption,
            caption,
            &mut ordinal,
        ));
    }
    if let Some(date) = &document.date {
        parts.push(plain(PartKey::Date, PartStyle::Date, &date.text));
    }
    if let Some(addressee) = &document.addressee {
        parts.push(head(
            PartKey::Addressee,
            PartStyle::Addressee,
            addressee,
            &mut ordinal,
        ));
    }
    for (index, line) in document.issuer.iter().enumerate() {
        parts.push(head(
            PartKey::Issuer(index),
            PartStyle::Issuer,
            line,
            &mut ordinal,
        ));
    }
    parts.push(head(
        PartKey::Title,
        PartStyle::Title,
        &document.title,
        &mut ordinal,
    ));

    let mut body = Vec::new();
    for (block_index, block) in document.body.iter().enumerate() {
        let key = PartKey::Block {
            block: block_index,
            item: 0,
        };
        match block {
            Block::Heading { id, level, content } => body.push(Part {
                key,
                style: PartStyle::Heading(*level),
                spans: spans(content, &mut ordinal),
                heading_id: Some(id.as_str()),
                omission: None,
            }),
            Block::Paragraph { content } => body.push(Part {
                key,
                style: PartStyle::Paragraph,
                spans: spans(content, &mut ordinal),
                heading_id: None,
                omission: None,
            }),
            Block::Centered { content } => body.push(Part {
                key,
                style: PartStyle::Centered,
                spans: spans(content, &mut ordinal),
                heading_id: None,
                omission: None,
            }),
            Block::List { items, depth } => {
                for (item_index, item) in items.iter().enumerate() {
                    body.push(Part {
                        key: PartKey::Block {
                            block: block_index,
                            item: item_index,
                        },
                        style: PartStyle::ListItem(*depth),
                        spans: spans(item, &mut ordinal),
                        heading_id: None,
                        omission: None,
                    });
                }
            }
            Block::Table(table) => {
                let columns = table.columns();
                for (run_index, run) in table.runs().enumerate() {
                    let style = match table.place(run_index) {
                        TablePlace::Caption => PartStyle::TableCaption,
                        TablePlace::Cell {
                            row,
                            column,
                            header,
                        } => PartStyle::TableCell {
                            row,
                            column,
                            columns,
                            header,
                        },
                    };
                    body.push(Part {
                        key: PartKey::Block {
                            block: block_index,
                            item: run_index,
                        },
                        style,
                        spans: spans(run, &mut ordinal),
                        heading_id: None,
                        omission: None,
                    });
                }
            }
            Block::Note { marker, content } => {
                let mut spans_of_note = vec![Span::Text(marker)];
                spans_of_note.extend(spans(content, &mut ordinal));
                body.push(Part {
                    key,
                    style: PartStyle::Note,
                    spans: spans_of_note,
                    heading_id: None,
                    omission: None,
                });
            }
            Block::Omission(omission) => {
                let this = ordinal;
                ordinal += 1;
                body.push(Part {
                    key,
                    style: PartStyle::Omission,
                    spans: Vec::new(),
                    heading_id: None,
                    omission: Some((this, omission)),
                });
            }
        }
    }
    parts.extend(body);
    if let Some(closing) = &document.closing {
        parts.push(plain(PartKey::Closing, PartStyle::Closing, closing));
    }
    parts
}

fn plain(key: PartKey, style: PartStyle, text: &str) -> Part<'_> {
    Part {
        key,
        style,
        spans: vec![Span::Text(text)],
        heading_id: None,
        omission: None,
    }
}

/// Runs of inline content, numbering masks from `ordinal`.
fn spans<'a>(content: &'a [Inline], ordinal: &mut usize) -> Vec<Span<'a>> {
    content
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } => Span::Text(text),
            Inline::Strong { text } => Span::Strong(text),
            Inline::Link { target, text } => Span::Link { target, text },
            Inline::Mask(mask) => {
                let this = *ordinal;
                *ordinal += 1;
                Span::Mask {
                    ordinal: this,
                    mask,
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{WithheldKind, withheld_items};

    fn report() -> Document {
        let bundle = crate::sample::open_sample().unwrap();
        bundle.documents[1].document.clone()
    }

    #[test]
    fn ordinals_follow_the_withheld_items_of_the_document() {
        let document = report();
        let items = withheld_items(&document);
        let mut seen = Vec::new();
        for part in parts(&document) {
            if let Some((ordinal, _)) = part.omission {
                seen.push((ordinal, "omission"));
            }
            for span in &part.spans {
                if let Span::Mask { ordinal, .. } = span {
                    seen.push((*ordinal, "mask"));
                }
            }
        }
        let expected: Vec<(usize, &str)> = items
            .iter()
            .enumerate()
            .map(|(index, item)| match item.kind {
                WithheldKind::Mask(_) => (index, "mask"),
                WithheldKind::Omission(_) => (index, "omission"),
            })
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_letter_starts_with_its_caption_and_date_and_ends_with_its_closing() {
        let document = report();
        let parts = parts(&document);
        assert_eq!(parts[0].style, PartStyle::Caption);
        assert_eq!(parts[1].text(), "2023年6月28日");
        assert_eq!(parts.last().map(Part::text).as_deref(), Some("以上"));
    }

    #[test]
    fn span_ranges_count_characters_not_bytes() {
        let document = report();
        let part = parts(&document)
            .into_iter()
            .find(|part| {
                part.spans
                    .iter()
                    .any(|span| matches!(span, Span::Mask { .. }))
            })
            .unwrap();
        let ranges = part.span_ranges();
        assert_eq!(ranges[0], 0..4, "the first span is the marker ■■■■");
        assert_eq!(ranges.last().unwrap().end, part.text().chars().count());
    }
}
