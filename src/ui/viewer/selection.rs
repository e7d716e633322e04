//! Text selected in a letter: from an anchor to a focus, each a character place in one of the
//! letter's parts in reading order ([`crate::document::letter::parts`]), so one selection runs
//! across paragraphs, headings, list items, table cells and omitted sections, whether it was
//! made with the mouse or extended with Shift and the arrow keys.
//!
//! Plain Rust with no widgets: the view maps the pointer and keys to [`TextPoint`]s; copying
//! reads the letter's own parts, so a mask is copied as its marker and an omitted section as
//! its marker, whole, never as anything else.

use std::ops::Range;

use crate::document::letter::{self, Part};
use crate::document::plain_text;
use crate::ui::command::Effect;
use crate::ui::state::{AppState, Message};

/// A place between two characters of a letter: before character `offset` of part `part` (its
/// index in reading order). `offset` equal to the part's length is its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextPoint {
    /// The part, by its index in reading order.
    pub part: usize,
    /// Characters of the part's text before the place.
    pub offset: usize,
}

impl TextPoint {
    /// The place before character `offset` of part `part`.
    pub fn new(part: usize, offset: usize) -> Self {
        TextPoint { part, offset }
    }
}

/// The text selected in one document: everything between the anchor (where the selection
/// started) and the focus (what Shift+arrows and dragging move), in either order. Equal ends
/// are a caret: nothing selected, but the place keyboard selection starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TextSelection {
    /// The document, by its index in the bundle.
    pub document: usize,
    /// Where the selection started.
    pub anchor: TextPoint,
    /// The end that moves.
    pub focus: TextPoint,
}

/// How long each part is for selecting, and whether it is an omitted section (selected only
/// whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartExtent {
    /// Characters in the part's text.
    pub chars: usize,
    /// Whether the part is an omitted section.
    pub whole_only: bool,
}

impl PartExtent {
    /// The extent of a letter part.
    pub fn of(part: &Part<'_>) -> Self {
        PartExtent {
            chars: part.text().chars().count(),
            whole_only: part.omission.is_some(),
        }
    }
}

impl TextSelection {
    /// Nothing selected, the caret at `point`.
    pub fn caret(document: usize, point: TextPoint) -> Self {
        TextSelection {
            document,
            anchor: point,
            focus: point,
        }
    }

    /// The whole of a document whose parts are `extents`; `None` for a document without parts.
    pub fn whole(document: usize, extents: &[PartExtent]) -> Option<Self> {
        let last = extents.len().checked_sub(1)?;
        Some(TextSelection {
            document,
            anchor: TextPoint::new(0, 0),
            focus: TextPoint::new(last, extents[last].chars),
        })
    }

    /// The earlier end.
    pub fn start(&self) -> TextPoint {
        self.anchor.min(self.focus)
    }

    /// The later end.
    pub fn end(&self) -> TextPoint {
        self.anchor.max(self.focus)
    }

    /// Whether nothing is selected (a caret).
    pub fn is_empty(&self) -> bool {
        self.anchor == self.focus
    }

    /// The characters selected in part `part`, whose extent is `extent`: `None` when none are.
    /// An omitted section is selected whole as soon as any of it is.
    pub fn range_in(&self, part: usize, extent: PartExtent) -> Option<Range<usize>> {
        let (start, end) = (self.start(), self.end());
        if part < start.part || part > end.part || self.is_empty() {
            return None;
        }
        let from = if part == start.part { start.offset } else { 0 };
        let to = if part == end.part {
            end.offset
        } else {
            extent.chars
        };
        let (from, to) = (from.min(extent.chars), to.min(extent.chars));
        if extent.whole_only {
            // Touched at all (even by a selection that only starts or ends at its edge, when it
            // runs on into other parts), an omission is selected whole.
            let touched = from < to || start.part != end.part;
            return touched.then_some(0..extent.chars);
        }
        (from < to).then_some(from..to)
    }

    /// The selected text of a document whose parts are `parts`: each part's selected
    /// characters, one part a line. Masks are in it as their markers and an omission as its
    /// marker, because that is what the parts' text holds.
    pub fn text(&self, parts: &[Part<'_>]) -> String {
        let mut lines = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let text = part.text();
            let extent = PartExtent {
                chars: text.chars().count(),
                whole_only: part.omission.is_some(),
            };
            if let Some(range) = self.range_in(index, extent) {
                lines.push(
                    text.chars()
                        .skip(range.start)
                        .take(range.len())
                        .collect::<String>(),
                );
            }
        }
        lines.join("\n")
    }
}

impl AppState {
    /// Selects the whole text of `document` (the firm's notice, else the first shown, when
    /// `None`).
    pub(crate) fn select_all(&mut self, document: Option<usize>) {
        let Some(shown) = &mut self.shown else {
            return;
        };
        if !shown.contents_visible() {
            return;
        }
        let document = document.or(shown.left).or(shown.right);
        shown.selection = document.and_then(|document| {
            let found = shown.bundle.documents.get(document)?;
            let extents: Vec<PartExtent> = letter::parts(&found.document)
                .iter()
                .map(PartExtent::of)
                .collect();
            TextSelection::whole(document, &extents)
        });
    }

    /// Makes `selection` the selection, if its document is shown.
    pub(crate) fn select(&mut self, selection: TextSelection) {
        if let Some(shown) = &mut self.shown
            && shown.contents_visible()
            && selection.document < shown.bundle.documents.len()
        {
            shown.selection = Some(selection);
        }
    }

    /// Copies the selected text, the selected characters of each part a line, however much is
    /// selected (whole letters are copied with their blank lines by "Copy text").
    pub(crate) fn copy_selection(&mut self) {
        let Some(shown) = &self.shown else {
            return;
        };
        let Some(selection) = shown.selection.filter(|selection| !selection.is_empty()) else {
            return;
        };
        let Some(found) = shown.bundle.documents.get(selection.document) else {
            return;
        };
        let text = selection.text(&letter::parts(&found.document));
        self.copy_text_of(selection.document, &text);
    }

    /// Copies a document's whole text (masks as their markers).
    pub(crate) fn copy_document(&mut self, document: usize) {
        let Some(found) = self
            .shown
            .as_ref()
            .and_then(|shown| shown.bundle.documents.get(document))
        else {
            return;
        };
        let text = plain_text(&found.document);
        self.copy_text_of(document, &text);
    }

    /// Puts `text` from `document` on the clipboard, headed by a note saying the document was
    /// altered since signing when it was.
    fn copy_text_of(&mut self, document: usize, text: &str) {
        // What is pasted elsewhere reads as it did on screen (no hidden bidi controls).
        let text = crate::escape::as_shown(text).into_owned();
        let Some(shown) = &self.shown else {
            return;
        };
        if !shown.contents_visible() {
            return;
        }
        if shown.altered_document() == Some(document) {
            let header = self.language().strings().copied_altered_header;
            self.effects
                .push(Effect::CopyText(format!("{header}\n\n{text}")));
            self.message = Some(Message::CopiedAltered);
        } else {
            self.effects.push(Effect::CopyText(text));
            self.message = Some(Message::Copied);
        }
    }
}

/// The place one character after `point` (forward) or before it, crossing into the next or
/// previous part at a part's end; an omitted section is stepped over whole. Stays put at the
/// ends of the document.
pub fn step(point: TextPoint, forward: bool, extents: &[PartExtent]) -> TextPoint {
    let Some(extent) = extents.get(point.part) else {
        return point;
    };
    let offset = point.offset.min(extent.chars);
    if forward {
        if offset < extent.chars {
            let next = if extent.whole_only {
                extent.chars
            } else {
                offset + 1
            };
            TextPoint::new(point.part, next)
        } else if point.part + 1 < extents.len() {
            TextPoint::new(point.part + 1, 0)
        } else {
            TextPoint::new(point.part, offset)
        }
    } else if offset > 0 {
        let previous = if extent.whole_only { 0 } else { offset - 1 };
        TextPoint::new(point.part, previous)
    } else if point.part > 0 {
        let previous = point.part - 1;
        TextPoint::new(previous, extents[previous].chars)
    } else {
        point
    }
}

/// The characters a double click at `offset` selects: the run of characters of one kind
/// around it (kanji, hiragana, katakana, letters and digits, or anything else but spaces), as
/// Japanese word processors select without a dictionary.
pub fn word_at(text: &str, offset: usize) -> Range<usize> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return 0..0;
    }
    let at = offset.min(chars.len() - 1);
    let kind = CharKind::of(chars[at]);
    let start = chars[..at]
        .iter()
        .rposition(|c| CharKind::of(*c) != kind)
        .map_or(0, |position| position + 1);
    let end = chars[at..]
        .iter()
        .position(|c| CharKind::of(*c) != kind)
        .map_or(chars.len(), |position| at + position);
    start..end
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharKind {
    Kanji,
    Hiragana,
    Katakana,
    Word,
    Space,
    Other,
}

impl CharKind {
    fn of(c: char) -> Self {
        match c {
            '々' | '〆' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => CharKind::Kanji,
            '\u{3041}'..='\u{309F}' => CharKind::Hiragana,
            'ー' | '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}' => CharKind::Katakana,
            c if c.is_alphanumeric() => CharKind::Word,
            c if c.is_whitespace() => CharKind::Space,
            _ => CharKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(chars: usize) -> PartExtent {
        PartExtent {
            chars,
            whole_only: false,
        }
    }

    const OMISSION: PartExtent = PartExtent {
        chars: 4,
        whole_only: true,
    };

    #[test]
    fn a_selection_across_parts_takes_the_tail_of_the_first_the_middle_whole_and_the_head_of_the_last()
     {
        let selection = TextSelection {
            document: 0,
            anchor: TextPoint::new(2, 3),
            focus: TextPoint::new(0, 5),
        };
        assert_eq!(selection.range_in(0, text(8)), Some(5..8));
        assert_eq!(selection.range_in(1, text(10)), Some(0..10));
        assert_eq!(selection.range_in(2, text(9)), Some(0..3));
        assert_eq!(selection.range_in(3, text(9)), None);
        assert!(TextSelection::caret(0, TextPoint::new(1, 2)).is_empty());
        assert_eq!(
            TextSelection::caret(0, TextPoint::new(1, 2)).range_in(1, text(5)),
            None
        );
    }

    #[test]
    fn an_omission_is_selected_whole_or_not_at_all() {
        let inside = TextSelection {
            document: 0,
            anchor: TextPoint::new(1, 1),
            focus: TextPoint::new(1, 2),
        };
        assert_eq!(inside.range_in(1, OMISSION), Some(0..4));
        let running_on = TextSelection {
            document: 0,
            anchor: TextPoint::new(1, 4),
            focus: TextPoint::new(2, 1),
        };
        assert_eq!(running_on.range_in(1, OMISSION), Some(0..4));
        let extents = [text(3), OMISSION, text(3)];
        assert_eq!(
            step(TextPoint::new(1, 0), true, &extents),
            TextPoint::new(1, 4)
        );
        assert_eq!(
            step(TextPoint::new(1, 4), false, &extents),
            TextPoint::new(1, 0)
        );
    }

    #[test]
    fn stepping_crosses_part_boundaries_and_stops_at_the_ends() {
        let extents = [text(2), text(1)];
        let mut point = TextPoint::new(0, 0);
        let mut visited = vec![point];
        for _ in 0..6 {
            point = step(point, true, &extents);
            visited.push(point);
        }
        assert_eq!(
            visited,
            [
                TextPoint::new(0, 0),
                TextPoint::new(0, 1),
                TextPoint::new(0, 2),
                TextPoint::new(1, 0),
                TextPoint::new(1, 1),
                TextPoint::new(1, 1),
                TextPoint::new(1, 1),
            ]
        );
        assert_eq!(
            step(TextPoint::new(1, 0), false, &extents),
            TextPoint::new(0, 2)
        );
        assert_eq!(
            step(TextPoint::new(0, 0), false, &extents),
            TextPoint::new(0, 0)
        );
    }

    #[test]
    fn the_whole_selection_runs_from_the_first_part_to_the_end_of_the_last() {
        let extents = [text(2), OMISSION, text(3)];
        let whole = TextSelection::whole(7, &extents).unwrap();
        assert_eq!(whole.document, 7);
        assert_eq!(whole.start(), TextPoint::new(0, 0));
        assert_eq!(whole.end(), TextPoint::new(2, 3));
        assert_eq!(TextSelection::whole(0, &[]), None);
    }

    #[test]
    fn a_double_click_selects_a_run_of_one_kind_of_character() {
        let line = "当社のサーバ障害について、Server-01 を";
        let word = |offset: usize| -> String {
            line.chars()
                .skip(word_at(line, offset).start)
                .take(word_at(line, offset).len())
                .collect()
        };
        assert_eq!(word(0), "当社");
        assert_eq!(word(2), "の");
        assert_eq!(word(4), "サーバ");
        assert_eq!(word(7), "障害");
        assert_eq!(word(14), "Server");
        assert_eq!(word(99), "を");
        assert_eq!(word_at("", 3), 0..0);
    }
}
