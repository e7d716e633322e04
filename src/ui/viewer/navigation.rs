//! Moving around the bundle on screen: which document the right pane shows and the Back
//! history, following links inside the bundle (and asking before any leaves it), scrolling a
//! part into view with a flash, the list of masked fields and omitted sections with its cursor,
//! and the search bar's hits with theirs. Both lists wrap around.
//!
//! Plain state, like [`crate::ui::state`]: [`AppState::handle`] calls in here, and the views
//! read what it leaves in [`AppState`].

use crate::document::letter::{self, PartKey, Span};
use crate::document::{LinkTarget, OmissionKind, WithheldBy};
use crate::ui::state::{AppState, Dialog, Message, Pane, Shown};
use crate::ui::viewer::search::Query;

/// Where a pane should scroll to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollRequest {
    /// Changes with every request, so a view handles each once.
    pub serial: u64,
    /// The pane.
    pub pane: Pane,
    /// The document in it.
    pub document: usize,
    /// The part to bring into view.
    pub part: PartKey,
    /// The place in the part to bring into view: in a paragraph longer than the pane, a mask
    /// or search hit far down it would otherwise stay off screen.
    pub spot: Spot,
}

/// A place within a part to scroll to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// The part's top.
    Top,
    /// The mask with this ordinal among the document's withheld items.
    Mask(usize),
    /// The character at this offset in the part's text.
    Char(usize),
}

/// A place Back returns to: a document, and the part to scroll to when the jump stayed
/// within it (a link to a heading of the same letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackStop {
    /// The document.
    pub document: usize,
    /// The part, when Back should scroll there.
    pub part: Option<PartKey>,
}

/// What the side list, the detail panel and a screen reader say about a withheld item: all
/// the file states about it, gathered once when the bundle is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithheldLabel {
    /// The marker as written (`■■■■`, `—省略—`).
    pub marker: String,
    /// The text of the heading above it, if any: one allocation shared by every item under
    /// that heading, so a long heading over many masks costs its length once.
    pub section: Option<std::sync::Arc<str>>,
    /// What a mask hides (`サーバ名`), if stated; omissions state no such thing.
    pub what: Option<String>,
    /// Why it was withheld, if stated.
    pub reason: Option<String>,
    /// Who withheld it, as far as the file says.
    pub by: WithheldBy,
    /// For an omission, how much was left out.
    pub extent: Option<OmissionKind>,
}

/// One masked field or omitted section of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithheldRef {
    /// Document index.
    pub document: usize,
    /// Its place among the document's withheld items.
    pub ordinal: usize,
    /// The part that holds it.
    pub part: PartKey,
    /// Mask or omission.
    pub kind: WithheldSort,
}

/// Whether a withheld item is a mask or an omission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithheldSort {
    /// A masked field.
    Mask,
    /// An omitted section.
    Omission,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Document index.
    pub document: usize,
    /// The part.
    pub part: PartKey,
    /// Character range within the part's text.
    pub range: std::ops::Range<usize>,
}

/// The search bar.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Whether the bar is shown.
    pub open: bool,
    /// The text as typed.
    pub text: String,
    /// Hits in reading order (documents in bundle order).
    pub hits: Vec<Hit>,
    /// The current hit.
    pub current: Option<usize>,
    /// Set when the field should take keyboard focus.
    pub focus_serial: u64,
}

/// Where a flash animation should play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flash {
    /// Changes with every flash.
    pub serial: u64,
    /// Document index.
    pub document: usize,
    /// The part.
    pub part: PartKey,
}

impl Shown {
    /// How many masks (or omissions) the bundle holds, or one document of it when `document`
    /// is given. Counted from the withheld items gathered when the bundle was opened, so a
    /// frame's cost does not grow with the length of the documents.
    pub fn withheld_count(&self, document: Option<usize>, sort: WithheldSort) -> usize {
        self.withheld
            .iter()
            .filter(|item| item.kind == sort && document.is_none_or(|index| item.document == index))
            .count()
    }

    /// The current withheld item.
    pub fn current_withheld(&self) -> Option<&WithheldRef> {
        self.withheld_cursor
            .and_then(|cursor| self.withheld.get(cursor))
    }

    /// The place in [`Shown::withheld`] of a document's mask or omission.
    pub fn withheld_position(
        &self,
        document: usize,
        kind: WithheldSort,
        ordinal: usize,
    ) -> Option<usize> {
        self.withheld_index.get(&(document, kind, ordinal)).copied()
    }
}

impl AppState {
    pub(in crate::ui) fn show_document(&mut self, document: usize) {
        let Some(shown) = &mut self.shown else {
            return;
        };
        if document >= shown.bundle.documents.len() {
            return;
        }
        shown.single_pane = shown.pane_of(document);
        if shown.pane_of(document) == Pane::Right && shown.right != Some(document) {
            if let Some(current) = shown.right {
                shown.back.push(BackStop {
                    document: current,
                    part: None,
                });
            }
            shown.right = Some(document);
        }
    }

    /// Returns to where the last jump started: the right pane's previous document, or the
    /// place of the link in the same letter.
    pub(in crate::ui) fn go_back(&mut self) {
        let Some(shown) = &mut self.shown else {
            return;
        };
        let Some(stop) = shown.back.pop() else {
            return;
        };
        if shown.pane_of(stop.document) == Pane::Right {
            shown.right = Some(stop.document);
        }
        shown.single_pane = shown.pane_of(stop.document);
        if let Some(part) = stop.part {
            self.request_scroll(stop.document, part, Spot::Top);
        }
    }

    pub(in crate::ui) fn follow_link(
        &mut self,
        target: LinkTarget,
        from: Option<(usize, PartKey)>,
    ) {
        match target {
            LinkTarget::External { url } if !crate::document::opens_externally(&url) => {
                self.message = Some(Message::LinkNotOpened(url));
            }
            LinkTarget::External { url } => self.open_modal(Dialog::External { url }),
            LinkTarget::Document { path, heading } => {
                let Some(shown) = &self.shown else {
                    return;
                };
                let Some(document) = shown
                    .bundle
                    .documents
                    .iter()
                    .position(|candidate| candidate.entry.path == path)
                else {
                    return;
                };
                let part = heading
                    .and_then(|id| {
                        letter::parts(&shown.bundle.documents[document].document)
                            .into_iter()
                            .find(|part| part.heading_id == Some(id.as_str()))
                            .map(|part| part.key)
                    })
                    .unwrap_or(PartKey::Title);
                // A jump within a letter already on screen: Back returns to the link.
                let on_screen = shown.left == Some(document) || shown.right == Some(document);
                if on_screen && let Some(shown) = &mut self.shown {
                    shown.back.push(BackStop {
                        document,
                        part: from
                            .filter(|(source, _)| *source == document)
                            .map(|(_, part)| part),
                    });
                }
                self.show_document(document);
                self.request_scroll(document, part, Spot::Top);
            }
        }
    }

    pub(in crate::ui) fn request_scroll(&mut self, document: usize, part: PartKey, spot: Spot) {
        let Some(shown) = &self.shown else {
            return;
        };
        self.serial += 1;
        let pane = shown.pane_of(document);
        self.scroll = Some(ScrollRequest {
            serial: self.serial,
            pane,
            document,
            part,
            spot,
        });
        self.flash = Some(Flash {
            serial: self.serial,
            document,
            part,
        });
    }

    pub(in crate::ui) fn step_withheld(&mut self, step: Step) {
        let Some(shown) = &self.shown else {
            return;
        };
        let count = shown.withheld.len();
        if count == 0 || !shown.contents_visible() {
            return;
        }
        let next = step.apply(shown.withheld_cursor, count);
        self.go_to_withheld(next);
    }

    pub(in crate::ui) fn go_to_withheld(&mut self, index: usize) {
        let Some(shown) = &mut self.shown else {
            return;
        };
        let Some(item) = shown.withheld.get(index).copied() else {
            return;
        };
        if !shown.contents_visible() {
            return;
        }
        shown.withheld_cursor = Some(index);
        self.show_document(item.document);
        let spot = match item.kind {
            WithheldSort::Mask => Spot::Mask(item.ordinal),
            WithheldSort::Omission => Spot::Top,
        };
        self.request_scroll(item.document, item.part, spot);
    }

    pub(in crate::ui) fn refresh_search(&mut self) {
        self.search.hits.clear();
        self.search.current = None;
        let (Some(shown), Some(query)) = (&self.shown, Query::new(&self.search.text)) else {
            return;
        };
        if !shown.contents_visible() {
            return;
        }
        for (index, document) in shown.bundle.documents.iter().enumerate() {
            for part in letter::parts(&document.document) {
                for range in query.find_in(&part.text()) {
                    self.search.hits.push(Hit {
                        document: index,
                        part: part.key,
                        range,
                    });
                }
            }
        }
    }

    pub(in crate::ui) fn step_hit(&mut self, step: Step) {
        let count = self.search.hits.len();
        if count == 0 {
            return;
        }
        let next = step.apply(self.search.current, count);
        self.go_to_hit(next);
    }

    pub(in crate::ui) fn go_to_hit(&mut self, index: usize) {
        let Some(hit) = self.search.hits.get(index).cloned() else {
            return;
        };
        self.search.current = Some(index);
        self.show_document(hit.document);
        self.request_scroll(hit.document, hit.part, Spot::Char(hit.range.start));
    }
}

/// Forward or backward through a list that wraps around.
#[derive(Debug, Clone, Copy)]
pub(in crate::ui) enum Step {
    Forward,
    Backward,
}

impl Step {
    pub(in crate::ui) fn apply(self, current: Option<usize>, count: usize) -> usize {
        match (self, current) {
            (Step::Forward, None) => 0,
            (Step::Forward, Some(index)) => (index + 1) % count,
            (Step::Backward, None) => count - 1,
            (Step::Backward, Some(index)) => (index + count - 1) % count,
        }
    }
}

pub(in crate::ui) fn withheld_refs(
    document: usize,
    letter: &crate::document::Document,
) -> Vec<(WithheldRef, WithheldLabel)> {
    let mut refs = Vec::new();
    let mut section = None;
    for part in letter::parts(letter) {
        if part.heading_id.is_some() {
            section = Some(std::sync::Arc::<str>::from(part.text()));
        }
        if let Some((ordinal, omission)) = part.omission {
            let reference = WithheldRef {
                document,
                ordinal,
                part: part.key,
                kind: WithheldSort::Omission,
            };
            let label = WithheldLabel {
                marker: omission.marker.clone(),
                section: section.clone(),
                what: None,
                reason: omission.reason.clone(),
                by: omission.omitted_by,
                extent: Some(omission.kind),
            };
            refs.push((reference, label));
        }
        for span in &part.spans {
            if let Span::Mask { ordinal, mask } = span {
                let reference = WithheldRef {
                    document,
                    ordinal: *ordinal,
                    part: part.key,
                    kind: WithheldSort::Mask,
                };
                let label = WithheldLabel {
                    marker: mask.marker.clone(),
                    section: section.clone(),
                    what: mask.label.clone(),
                    reason: mask.reason.clone(),
                    by: mask.masked_by,
                    extent: None,
                };
                refs.push((reference, label));
            }
        }
    }
    refs
}
