//! The walk over a parsed page: its elements turned into page blocks (headings, paragraphs,
//! list items, tables) of characters that remember where they stand in the file, what the
//! site around the notice and the page's hidden parts were (dropped and counted), and text the
//! page blacks out (turned into a mask marker, its words never kept).
//!
//! The walk is iterative over depth beyond [`MAX_DEPTH`] and never looks up an element's
//! ancestors, so a page of 100,000 nested elements is read in linear time.
//!
//! It is one file on purpose: [`Walker`]'s methods share one stack of open elements and the run
//! being built, and how each kind of element is handled depends on what the others left there;
//! split across files, each half would reach into the other's state.

use ego_tree::NodeRef;
use scraper::Node;

use super::locate::Locator;
use super::style::{Paint, Sheet, Shows};
use super::{Dropped, PageNote};
use crate::authoring::import::text::Ch;

/// Elements nested deeper than this are read as plain text, so a hostile page cannot exhaust
/// the stack.
const MAX_DEPTH: usize = 200;

/// How far ahead (in characters of markup) the start of a text is looked for.
const FIND_WINDOW: usize = 1 << 16;

/// A character of the page's text, with where it stands in the file and how it is set.
#[derive(Debug, Clone, Copy)]
pub(super) struct PageChar {
    pub(super) ch: Ch,
    /// Index into the page's link addresses.
    pub(super) link: Option<usize>,
    pub(super) bold: bool,
}

/// A run of the page's text: a paragraph (lines split at `<br>`), a heading, a list item or a
/// table cell.
#[derive(Debug, Default, Clone)]
pub(super) struct Run {
    pub(super) chars: Vec<PageChar>,
}

impl Run {
    /// The run's lines, trimmed, blank ones dropped.
    pub(super) fn lines(&self) -> Vec<Vec<Ch>> {
        self.chars
            .split(|page| page.ch.c == '\n')
            .map(|line| {
                let chars: Vec<Ch> = line.iter().map(|page| page.ch).collect();
                crate::authoring::import::text::trimmed(&chars).to_vec()
            })
            .filter(|line| !line.is_empty())
            .collect()
    }

    /// The run as one line, its lines joined as a plain-text paragraph's are (directly next to
    /// Japanese, with a space between Latin words).
    pub(super) fn line(&self) -> Vec<Ch> {
        crate::authoring::import::text::TextBlock {
            lines: self.lines(),
        }
        .joined()
    }

    /// Whether the run holds anything but spaces.
    pub(super) fn has_text(&self) -> bool {
        self.chars.iter().any(|page| !page.ch.c.is_whitespace())
    }

    /// The text of each link and bold stretch, in order, with its link address (if any).
    pub(super) fn styled(&self) -> Vec<(String, Option<usize>)> {
        let mut out: Vec<(String, Option<usize>)> = Vec::new();
        let mut previous: Option<(Option<usize>, bool)> = None;
        for page in &self.chars {
            let style = (page.link, page.bold);
            if page.link.is_none() && !page.bold {
                previous = None;
                continue;
            }
            if previous != Some(style) {
                out.push((String::new(), page.link));
            }
            if let Some((text, _)) = out.last_mut() {
                text.push(if page.ch.c == '\n' { ' ' } else { page.ch.c });
            }
            previous = Some(style);
        }
        out.into_iter()
            .map(|(text, link)| (text.trim().to_owned(), link))
            .filter(|(text, _)| !text.is_empty())
            .collect()
    }
}

/// A block of the page, before it is read.
#[derive(Debug, Clone)]
pub(super) enum PageBlock {
    /// A heading: its level, its text, whether it stands inside `main` or `article`.
    Heading(u8, Run, bool),
    Text(Run),
    /// A list item: its list (each list of the page numbered), its depth, its text.
    ListItem(usize, u8, Run),
    Table {
        caption: Option<Run>,
        rows: Vec<(Vec<Run>, bool)>,
        merged: bool,
    },
}

/// Walks the page's elements into blocks.
pub(super) struct Walker<'a> {
    pub(super) locator: Locator<'a>,
    pub(super) sheet: Sheet,
    pub(super) blocks: Vec<PageBlock>,
    pub(super) notes: Vec<((usize, usize), PageNote)>,
    pub(super) links: Vec<String>,
    /// The address relative links are resolved against (`<base href>`, else the page's).
    pub(super) base: Option<String>,
    pub(super) current: Run,
    link: Option<usize>,
    bold: usize,
    pre: usize,
    /// Inside a table cell: every block is part of the cell's one line.
    pub(super) in_cell: usize,
    /// Inside a list item: paragraphs are lines of the item; a nested list is a list.
    in_item: usize,
    /// Inside the notice (`main`, `article`): its header, footer and asides are its own.
    in_content: usize,
    /// Whether the page has a `main` or `article`.
    pub(super) has_content: bool,
    /// The colours and visibility the text being read inherits.
    paint: Paint,
    list_depth: usize,
    lists: usize,
    dropped: Vec<(Dropped, usize, (usize, usize))>,
    invisible: Option<(usize, (usize, usize))>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(locator: Locator<'a>, sheet: Sheet, base: Option<String>) -> Self {
        Walker {
            locator,
            sheet,
            blocks: Vec::new(),
            notes: Vec::new(),
            links: Vec::new(),
            base,
            current: Run::default(),
            link: None,
            bold: 0,
            pre: 0,
            in_cell: 0,
            in_item: 0,
            in_content: 0,
            has_content: false,
            paint: Paint::default(),
            list_depth: 0,
            lists: 0,
            dropped: Vec::new(),
            invisible: None,
        }
    }

    /// Reads the page's body (or, for a page without one, its document).
    pub(super) fn read(&mut self, body: NodeRef<'_, Node>) {
        self.node(body, 0);
        self.flush_text();
        for (kind, count, at) in std::mem::take(&mut self.dropped) {
            self.notes.push((at, PageNote::Dropped(kind, count)));
        }
        if let Some((count, at)) = self.invisible {
            self.notes.push((at, PageNote::Invisible(count)));
        }
    }

    /// Counts an element of `kind` dropped, remembering where the first one stands.
    pub(super) fn drop_kind(&mut self, kind: Dropped, name: &str) {
        // Past the dropped element's tag, so that the next one is found after it.
        let at = self.locator.next_tag(name);
        self.drop_at(kind, at);
    }

    /// Counts an element of `kind` dropped at `at`, remembering where the first one stands.
    pub(super) fn drop_at(&mut self, kind: Dropped, at: (usize, usize)) {
        match self.dropped.iter_mut().find(|(known, _, _)| *known == kind) {
            Some((_, count, _)) => *count += 1,
            None => self.dropped.push((kind, 1, at)),
        }
    }

    /// Ends the run being read as a block of the given shape, if it holds any text; inside a
    /// table cell (or a list item, for paragraphs) a block boundary is a line break instead.
    fn flush(&mut self, make: impl FnOnce(Run) -> PageBlock) {
        if self.in_cell > 0 {
            self.text_break();
            return;
        }
        let run = std::mem::take(&mut self.current);
        if run.has_text() {
            self.blocks.push(make(run));
        }
    }

    /// Ends a paragraph-like block: a list item's line, or a paragraph.
    fn end_block(&mut self) {
        if self.in_item > 0 || self.in_cell > 0 {
            self.text_break();
        } else {
            self.flush_text();
        }
    }

    /// Ends the text being read: as a list item inside a list, as a paragraph otherwise.
    fn flush_text(&mut self) {
        let depth = self.list_depth;
        let list = self.lists;
        if depth > 0 {
            let depth = (depth - 1).min(usize::from(crate::bundle::limits::MAX_LIST_DEPTH)) as u8;
            self.flush(|run| PageBlock::ListItem(list, depth, run));
        } else {
            self.flush(PageBlock::Text);
        }
    }

    fn push_char(&mut self, c: char, at: (usize, usize)) {
        self.current.chars.push(PageChar {
            ch: Ch {
                c,
                line: at.0,
                column: at.1,
            },
            link: self.link,
            bold: self.bold > 0,
        });
    }

    fn text(&mut self, text: &str) {
        if !self.paint.visible {
            return;
        }
        let mut first = true;
        for c in text.chars() {
            if matches!(c, '\u{2028}' | '\u{2029}') {
                self.text_break();
                continue;
            }
            // Invisible and control characters (soft hyphens, zero-width spaces and joiners,
            // byte order marks, escape codes) show nothing: dropped and counted.
            if !c.is_ascii_whitespace() && crate::escape::is_hidden(c) {
                let at = self.locator.here();
                let (count, _) = self.invisible.get_or_insert((0, at));
                *count += 1;
                continue;
            }
            let c = if self.pre == 0 && c.is_ascii_whitespace() {
                // HTML collapses runs of spaces and line breaks into one space.
                if self
                    .current
                    .chars
                    .last()
                    .is_none_or(|last| last.ch.c == ' ' || last.ch.c == '\n')
                {
                    continue;
                }
                ' '
            } else if c == '\r' {
                continue;
            } else {
                c
            };
            let at = if c == ' ' || c == '\n' {
                self.locator.here()
            } else if first {
                first = false;
                self.locator.find(c, FIND_WINDOW)
            } else {
                self.locator.find(c, 64)
            };
            self.push_char(c, at);
        }
    }

    /// Text a browser shows that is not in the file (an ordered list's numbers): placed where
    /// the text read last stands, never searched for.
    fn shown_text(&mut self, text: &str) {
        let at = self.locator.here();
        for c in text.chars() {
            self.current.chars.push(PageChar {
                ch: Ch {
                    c,
                    line: at.0,
                    column: at.1,
                },
                link: None,
                bold: false,
            });
        }
    }

    fn text_break(&mut self) {
        // Right after an ordered list's number, the item's first paragraph starts its text.
        if self
            .current
            .chars
            .last()
            .is_some_and(|last| last.ch.c == ' ')
        {
            return;
        }
        let at = self.locator.here();
        self.current.chars.push(PageChar {
            ch: Ch {
                c: '\n',
                line: at.0,
                column: at.1,
            },
            link: None,
            bold: false,
        });
    }

    pub(super) fn children(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        for child in node.children() {
            self.node(child, depth + 1);
        }
    }

    fn node(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        let element = match node.value() {
            Node::Text(text) => {
                self.text(text);
                return;
            }
            Node::Element(element) => element,
            Node::Document | Node::Fragment => {
                self.children(node, depth);
                return;
            }
            _ => return,
        };
        if depth > MAX_DEPTH {
            self.deep_text(node);
            return;
        }
        let name = element.name();
        // The site around the notice: with a `main` or `article` on the page, its header,
        // footer and sidebars outside them; without, the body's own header and footer.
        let site = if self.has_content {
            self.in_content == 0
        } else {
            matches!(node.parent().map(|parent| parent.value()),
                Some(Node::Element(parent)) if parent.name() == "body")
                && name != "aside"
        };
        let dropped = match name {
            "nav" => Some(Dropped::Navigation),
            "header" | "footer" | "aside" if site => Some(Dropped::Navigation),
            "head" | "title" | "meta" | "link" | "base" => return,
            _ => dropped_kind(element),
        };
        if let Some(kind) = dropped {
            self.drop_kind(kind, name);
            return;
        }
        let declared = self.sheet.declared(element);
        if declared.display_none || declared.transparent {
            self.drop_kind(Dropped::Hidden, name);
            return;
        }
        let outer = self.paint;
        let paint = outer.inner(&declared);
        match paint.shows() {
            Shows::Bar if outer.shows() != Shows::Bar => {
                self.blacked_out(node, name);
                return;
            }
            // Hidden by visibility: a child may be visible again, so the walk goes on and
            // drops the text it meets while hidden.
            Shows::Nothing if outer.visible && !paint.visible => {
                self.drop_kind(Dropped::Hidden, name);
            }
            Shows::Nothing if paint.visible => {
                self.drop_kind(Dropped::Hidden, name);
                return;
            }
            _ => {}
        }
        self.paint = paint;
        self.element(node, element, name, depth);
        self.paint = outer;
    }

    /// Reads an element that is shown, by what it is.
    fn element(
        &mut self,
        node: NodeRef<'_, Node>,
        element: &scraper::node::Element,
        name: &str,
        depth: usize,
    ) {
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.end_block();
                let level = name[1..].parse::<u8>().unwrap_or(6);
                self.children(node, depth);
                if self.in_item > 0 {
                    self.text_break();
                } else {
                    let in_content = self.in_content > 0;
                    self.flush(|run| PageBlock::Heading(level, run, in_content));
                }
            }
            "br" => self.text_break(),
            "ul" | "ol" if self.in_cell > 0 => self.children(node, depth),
            "ul" | "ol" => self.list(node, depth, name == "ol"),
            "table" if self.in_cell > 0 => self.children(node, depth),
            "table" => {
                self.end_block();
                self.table(node, depth);
            }
            "a" => {
                let href = element
                    .attr("href")
                    .map(|href| lower_scheme(&self.absolute(href.trim())));
                let previous = self.link;
                if let Some(href) = href.filter(|href| {
                    crate::document::opens_externally(href)
                        && crate::authoring::write::balanced_parentheses(href)
                }) {
                    self.links.push(href);
                    self.link = Some(self.links.len() - 1);
                }
                self.children(node, depth);
                self.link = previous;
            }
            "strong" | "b" => {
                self.bold += 1;
                self.children(node, depth);
                self.bold -= 1;
            }
            "del" | "s" | "strike" => {
                let at = self.locator.next_tag(name);
                self.notes.push((at, PageNote::StruckText));
                self.children(node, depth);
            }
            "pre" => {
                self.end_block();
                self.pre += 1;
                self.children(node, depth);
                self.pre -= 1;
                self.end_block();
            }
            "main" | "article" => {
                self.end_block();
                self.in_content += 1;
                self.children(node, depth);
                self.in_content -= 1;
                self.end_block();
            }
            "p" | "div" | "section" | "header" | "footer" | "aside" | "blockquote" | "address"
            | "figure" | "figcaption" | "dl" | "dt" | "dd" | "center" | "hr" | "details"
            | "summary" | "body" | "html" | "li" | "caption" | "tr" | "td" | "th" => {
                self.end_block();
                self.children(node, depth);
                self.end_block();
            }
            _ => self.children(node, depth),
        }
    }

    /// The text of an element nested too deep to walk element by element, in order, as one
    /// run; what is dropped by what it is (scripts, media, hidden elements) is still dropped.
    fn deep_text(&mut self, node: NodeRef<'_, Node>) {
        let mut stack = vec![node];
        while let Some(current) = stack.pop() {
            match current.value() {
                Node::Text(text) => self.text(text),
                Node::Element(element) => {
                    if dropped_kind(element).is_some() || self.sheet.declared(element).display_none
                    {
                        continue;
                    }
                    stack.extend(current.children().rev());
                }
                _ => {}
            }
        }
    }

    /// Text the page draws in the colour of its background (a redaction bar): a mask marker
    /// takes its place, and its words are never kept.
    fn blacked_out(&mut self, node: NodeRef<'_, Node>, name: &str) {
        let at = self.locator.next_tag(name);
        let hidden: String = node
            .descendants()
            .filter_map(|descendant| match descendant.value() {
                Node::Text(text) => Some(text.to_string()),
                _ => None,
            })
            .collect();
        if hidden.trim().is_empty() {
            return;
        }
        let previous = (self.link, self.bold);
        self.link = None;
        self.bold = 0;
        for _ in 0..crate::authoring::MASK_MARKER_WIDTH {
            self.push_char('■', at);
        }
        (self.link, self.bold) = (previous.0, previous.1);
        self.notes.push((at, PageNote::BlackedOut));
    }

    /// Reads a list: each item a list item at the list's depth (nested lists one deeper), an
    /// ordered list's items numbered as a browser shows them.
    fn list(&mut self, node: NodeRef<'_, Node>, depth: usize, ordered: bool) {
        let Node::Element(element) = node.value() else {
            return;
        };
        self.end_block();
        if self.in_item > 0 {
            // A list inside an item: the item's text so far is the item.
            self.flush_text();
        }
        let items: Vec<NodeRef<'_, Node>> = node
            .children()
            .filter(|child| matches!(child.value(), Node::Element(item) if item.name() == "li"))
            .collect();
        let reversed = element.attr("reversed").is_some();
        let mut number = element
            .attr("start")
            .and_then(|start| start.trim().parse::<i64>().ok())
            .unwrap_or(if reversed { items.len() as i64 } else { 1 });
        let kind = element.attr("type").unwrap_or("1").to_owned();
        // A list styled without numbers (`list-style:none`) shows none.
        let unnumbered = element.attr("style").is_some_and(|style| {
            let style = style.to_ascii_lowercase().replace(' ', "");
            style.contains("list-style:none") || style.contains("list-style-type:none")
        });
        if self.list_depth == 0 {
            self.lists += 1;
        }
        self.list_depth += 1;
        let item_depth = self.in_item;
        self.in_item = 0;
        for child in node.children() {
            let Node::Element(item) = child.value() else {
                self.node(child, depth + 1);
                continue;
            };
            if item.name() != "li" {
                self.node(child, depth + 1);
                continue;
            }
            self.flush_text();
            if ordered && !unnumbered {
                if let Some(value) = item
                    .attr("value")
                    .and_then(|v| v.trim().parse::<i64>().ok())
                {
                    number = value;
                }
                self.shown_text(&format!("{}. ", list_number(number, &kind)));
                number += if reversed { -1 } else { 1 };
            }
            self.in_item += 1;
            self.children(child, depth + 1);
            self.in_item -= 1;
            self.flush_text();
        }
        self.flush_text();
        self.in_item = item_depth;
        self.list_depth -= 1;
    }

    /// An address relative to the page made absolute against the base address (`/news/2`
    /// or `2.html` against `https://example.jp/news/1.html`); an address with a scheme of its
    /// own (`https:`, `javascript:`) as written.
    fn absolute(&self, href: &str) -> String {
        let scheme = href.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        if scheme {
            return href.to_owned();
        }
        let Some(base) = &self.base else {
            return href.to_owned();
        };
        if href.starts_with('#') || href.is_empty() {
            return href.to_owned();
        }
        let Some((base_scheme, rest)) = base.split_once("://") else {
            return href.to_owned();
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if let Some(path) = href.strip_prefix("//") {
            return format!("{base_scheme}://{path}");
        }
        if href.starts_with('/') {
            return format!("{base_scheme}://{host}{href}");
        }
        let path = rest[host.len()..]
            .split(['?', '#'])
            .next()
            .unwrap_or_default();
        let directory = &path[..path.rfind('/').map_or(0, |at| at + 1)];
        let directory = if directory.is_empty() { "/" } else { directory };
        format!("{base_scheme}://{host}{directory}{href}")
    }
}

/// An address with its scheme in lower case (`HTTPS://X` is `https://X`), as links are
/// written in a source.
fn lower_scheme(address: &str) -> String {
    match address.split_once(':') {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            format!("{}:{rest}", scheme.to_ascii_lowercase())
        }
        _ => address.to_owned(),
    }
}

/// The kind an element is dropped as by what it is (controls, media, scripts) or by an
/// attribute that hides it, if it is.
fn dropped_kind(element: &scraper::node::Element) -> Option<Dropped> {
    Some(match element.name() {
        "script" | "noscript" | "template" => Dropped::Scripts,
        "style" => Dropped::Styles,
        "button" | "input" | "select" | "textarea" => Dropped::Forms,
        "img" | "picture" | "svg" | "video" | "audio" | "canvas" | "iframe" | "object"
        | "embed" | "map" => Dropped::Media,
        "noembed" | "noframes" => Dropped::Hidden,
        "dialog" if element.attr("open").is_none() => Dropped::Hidden,
        _ if element.attr("hidden").is_some()
            || element.attr("popover").is_some()
            || element
                .attr("aria-hidden")
                .is_some_and(|hidden| hidden.trim().eq_ignore_ascii_case("true")) =>
        {
            Dropped::Hidden
        }
        _ => return None,
    })
}

/// The number shown before an ordered list's item for `type` (`1`, `a`, `A`, `i`, `I`).
fn list_number(number: i64, kind: &str) -> String {
    let letters = |upper: bool| {
        let mut n = number;
        let mut out = Vec::new();
        while n > 0 {
            let digit = ((n - 1) % 26) as u8;
            out.push(if upper { b'A' } else { b'a' } + digit);
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8(out).unwrap_or_default()
    };
    let roman = |upper: bool| {
        let mut n = number;
        let mut out = String::new();
        for (value, digits) in [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ] {
            while n >= value {
                out.push_str(digits);
                n -= value;
            }
        }
        if upper { out.to_uppercase() } else { out }
    };
    match kind {
        "a" if number > 0 => letters(false),
        "A" if number > 0 => letters(true),
        "i" if (1..4000).contains(&number) => roman(false),
        "I" if (1..4000).contains(&number) => roman(true),
        _ => number.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_lists_are_numbered_as_a_browser_shows_them() {
        assert_eq!(list_number(3, "1"), "3");
        assert_eq!(list_number(1, "a"), "a");
        assert_eq!(list_number(28, "A"), "AB");
        assert_eq!(list_number(4, "i"), "iv");
        assert_eq!(list_number(1994, "I"), "MCMXCIV");
        assert_eq!(list_number(0, "a"), "0");
    }
}
