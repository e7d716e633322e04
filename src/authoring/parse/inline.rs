//! Inline text: backslash escapes, masked fields `{{marker | …}}`, links `[text](target)` and
//! bold text `**…**`, each mask and link recorded in the source map where it starts.

use super::{Located, Parser, Position, SourceProblem, escapable};
use crate::document::{Inline, LinkTarget, Mask};

impl Parser<'_> {
    /// Parses inline text: escapes, `{{masks}}`, `[links](…)`.
    pub(super) fn inlines(&mut self, chars: &[Located]) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        let mut text = String::new();
        let mut index = 0;
        // Once no `**` closes a bold run, none further on does: not looking again keeps a line
        // of unclosed `**` linear.
        let mut no_more_bold = false;
        while let Some(&(c, at)) = chars.get(index) {
            let next = chars.get(index + 1).map(|(c, _)| *c);
            match (c, next) {
                ('\\', Some(next)) if escapable(next) => {
                    text.push(next);
                    index += 2;
                }
                ('{', Some('{')) => {
                    let Some(end) = find_pair(chars, index + 2, '}') else {
                        self.error(at, SourceProblem::UnclosedMask);
                        return out;
                    };
                    flush_text(&mut out, &mut text);
                    let inner = &chars[index + 2..end];
                    if inner
                        .windows(2)
                        .any(|pair| pair[0].0 == '{' && pair[1].0 == '{')
                    {
                        self.error(at, SourceProblem::MaskNotClosedBeforeNext);
                        index = end + 2;
                        continue;
                    }
                    if let Some(mask) = self.mask(inner, at) {
                        out.push(Inline::Mask(mask));
                    }
                    self.map.masks.push(at);
                    index = end + 2;
                }
                ('*', Some('*')) => {
                    // Exactly two stars open bold, right before a word; three or more
                    // (****-1234, a hand-masked number) are stars.
                    let run = star_run(chars, index);
                    let opens = run == 2
                        && chars
                            .get(index + 2)
                            .is_some_and(|(next, _)| !next.is_whitespace());
                    let close = if opens && !no_more_bold {
                        bold_close(chars, index + 2)
                    } else {
                        None
                    };
                    no_more_bold |= opens && close.is_none();
                    let inner = close.map(|end| &chars[index + 2..end]);
                    match inner {
                        Some(inner) if has_markup(inner) => {
                            self.error(at, SourceProblem::MarkupInBold);
                            index += 2 + inner.len() + 2;
                        }
                        // Bold around a letter or digit, on one line (a control character
                        // keeps the stars as text, as a document's bold text cannot hold it).
                        Some(inner)
                            if inner.iter().any(|(c, _)| c.is_alphanumeric())
                                && !inner.iter().any(|(c, _)| c.is_control() && *c != '\t') =>
                        {
                            flush_text(&mut out, &mut text);
                            out.push(Inline::Strong {
                                text: unescaped(inner),
                            });
                            index += 2 + inner.len() + 2;
                        }
                        _ => {
                            text.extend(std::iter::repeat_n('*', run));
                            index += run;
                        }
                    }
                }
                ('}', Some('}')) => {
                    self.error(at, SourceProblem::UnmatchedMaskClose);
                    index += 2;
                }
                ('[', _) => match link_extent(chars, index) {
                    Some((text_end, target_end)) => {
                        flush_text(&mut out, &mut text);
                        if let Some(link) = self.link(
                            &chars[index + 1..text_end],
                            &chars[text_end + 2..target_end],
                            at,
                        ) {
                            out.push(link);
                        }
                        self.map.links.push(at);
                        index = target_end + 1;
                    }
                    None => {
                        text.push('[');
                        index += 1;
                    }
                },
                _ => {
                    text.push(c);
                    index += 1;
                }
            }
        }
        flush_text(&mut out, &mut text);
        out
    }

    fn mask(&mut self, inner: &[Located], at: Position) -> Option<Mask> {
        let attributes = self.attributes(inner, at, &["label", "reason", "by"])?;
        let masked_by = self.withheld_by(attributes.values.get("by"), at)?;
        Some(Mask {
            marker: attributes.marker,
            label: attributes.values.get("label").cloned(),
            reason: attributes.values.get("reason").cloned(),
            masked_by,
        })
    }

    fn link(&mut self, text: &[Located], target: &[Located], at: Position) -> Option<Inline> {
        let mut visible = String::new();
        let mut index = 0;
        while let Some((c, _)) = text.get(index) {
            if *c == '\\'
                && text
                    .get(index + 1)
                    .is_some_and(|(next, _)| escapable(*next))
            {
                visible.push(text[index + 1].0);
                index += 2;
                continue;
            }
            if *c == '{' && text.get(index + 1).is_some_and(|(next, _)| *next == '{') {
                self.error(at, SourceProblem::MaskInLink);
                return None;
            }
            visible.push(*c);
            index += 1;
        }
        if visible.trim().is_empty() {
            self.error(at, SourceProblem::LinkWithoutText);
            return None;
        }
        let target: String = target.iter().map(|(c, _)| c).collect();
        let target = target.trim();
        let link_target = if let Some(rest) = target.strip_prefix("doc:") {
            let (path, heading) = match rest.split_once('#') {
                Some((path, heading)) => (path, Some(heading)),
                None => (rest, None),
            };
            if heading == Some("") {
                self.error(
                    at,
                    SourceProblem::EmptyLinkHeading {
                        target: target.to_owned(),
                    },
                );
                return None;
            }
            if path.is_empty() && heading.is_none() {
                self.error(at, SourceProblem::EmptyDocLink);
                return None;
            }
            LinkTarget::Document {
                path: path.to_owned(),
                heading: heading.map(str::to_owned),
            }
        } else if ["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| target.starts_with(scheme))
            && !target.chars().any(char::is_whitespace)
        {
            LinkTarget::External {
                url: target.to_owned(),
            }
        } else {
            self.error(
                at,
                SourceProblem::UnknownLinkTarget {
                    target: target.to_owned(),
                },
            );
            return None;
        };
        Some(Inline::Link {
            target: link_target,
            text: visible,
        })
    }
}

/// Finds `close close` (e.g. `}}`) from `from`, skipping escaped characters.
/// How many stars stand in a row from `from`.
fn star_run(chars: &[Located], from: usize) -> usize {
    chars[from..].iter().take_while(|(c, _)| *c == '*').count()
}

/// Where the `**` that closes bold text opened before `from` stands: exactly two stars, right
/// after a character that is not a space, not escaped.
fn bold_close(chars: &[Located], from: usize) -> Option<usize> {
    let mut index = from;
    while index < chars.len() {
        let c = chars[index].0;
        if c == '\\'
            && chars
                .get(index + 1)
                .is_some_and(|(next, _)| escapable(*next))
        {
            index += 2;
            continue;
        }
        if c == '*' {
            let run = star_run(chars, index);
            if run == 2 && index > from && !chars[index - 1].0.is_whitespace() {
                return Some(index);
            }
            index += run;
            continue;
        }
        index += 1;
    }
    None
}

/// Whether text meant to be bold holds a mask or a link, which bold text cannot carry.
fn has_markup(inner: &[Located]) -> bool {
    let mut index = 0;
    while index < inner.len() {
        let c = inner[index].0;
        let next = inner.get(index + 1).map(|(c, _)| *c);
        if c == '\\' && next.is_some_and(escapable) {
            index += 2;
            continue;
        }
        if c == '{' && next == Some('{') {
            return true;
        }
        // `[text](target)`: a bracket alone (【重要】, [注]) is text.
        if c == '[' && link_extent(inner, index).is_some() {
            return true;
        }
        index += 1;
    }
    false
}

/// Text with its backslash escapes resolved.
fn unescaped(chars: &[Located]) -> String {
    let mut out = String::with_capacity(chars.len());
    let mut index = 0;
    while let Some(&(c, _)) = chars.get(index) {
        match chars.get(index + 1) {
            Some(&(next, _)) if c == '\\' && escapable(next) => {
                out.push(next);
                index += 2;
            }
            _ => {
                out.push(c);
                index += 1;
            }
        }
    }
    out
}

pub(super) fn find_pair(chars: &[Located], from: usize, close: char) -> Option<usize> {
    let mut index = from;
    while index + 1 < chars.len() {
        let c = chars[index].0;
        if c == '\\' && escapable(chars[index + 1].0) {
            index += 2;
            continue;
        }
        if c == close && chars[index + 1].0 == close {
            return Some(index);
        }
        index += 1;
    }
    None
}

/// For `[text](target)` starting at `open`: the index of `]` and of the closing `)`.
pub(super) fn link_extent(chars: &[Located], open: usize) -> Option<(usize, usize)> {
    let mut index = open + 1;
    let text_end = loop {
        let (c, _) = chars.get(index)?;
        match c {
            '\\' => index += 2,
            ']' => break index,
            '[' => return None,
            _ => index += 1,
        }
    };
    if chars.get(text_end + 1).map(|(c, _)| *c) != Some('(') {
        return None;
    }
    let mut depth = 0usize;
    let mut index = text_end + 2;
    loop {
        let (c, _) = chars.get(index)?;
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some((text_end, index)),
            ')' => depth -= 1,
            _ => {}
        }
        index += 1;
    }
}

fn flush_text(out: &mut Vec<Inline>, text: &mut String) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text { text: previous }) = out.last_mut() {
        previous.push_str(text);
    } else {
        out.push(Inline::text(std::mem::take(text)));
    }
    text.clear();
}
