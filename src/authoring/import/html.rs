//! Import of a saved web page (`.html` as a browser saves it): the page is parsed by a real HTML
//! parser (html5ever, through `scraper`), its headings, paragraphs, lists (nested ones
//! included) and tables become the document's blocks, and its running text goes through the
//! same reading of masks and omissions as a plain-text letter.
//!
//! The page's address comes from its canonical link, the browser's `saved from url=` comment or
//! its `og:url`, in that order, and the retrieval date from the caller (the file's modification
//! date); both are reported for a person to confirm. Scripts, styles, navigation, forms, images
//! and other media, and hidden elements are dropped, and each kind dropped is reported with a
//! count. Positions point into the HTML file: each character of the page's text is matched to
//! where it stands in the markup (text written as a character reference such as `&#12354;`
//! takes the position of the text before it).

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::attribution::attribution;
use super::blocks::{BodyReader, extend_inlines};
use super::letters::{date_line, is_addressee};
use super::text::{Ch, TextBlock, at, string};
use super::{Detection, DetectionKind, DetectionNote, ImportError, ImportedLetter, detection};
use crate::bundle::Role;
use crate::document::{Block, Document, Inline, LetterDate, LinkTarget, Source, Table};

/// Where the page's address was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressFrom {
    /// `<link rel="canonical" href="…">`.
    Canonical,
    /// The comment a browser writes when it saves a page (`<!-- saved from url=(0044)… -->`).
    SavedFrom,
    /// `<meta property="og:url" content="…">`.
    OpenGraph,
}

/// A kind of page content that is not part of the notice and is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// `script`, `noscript`, `template`.
    Scripts,
    /// `style`.
    Styles,
    /// `nav`, `aside`, and the page's own `header` and `footer` (outside `main` or `article`).
    Navigation,
    /// `form`, `button`, `input`, `select`, `textarea`.
    Forms,
    /// `img`, `picture`, `svg`, `video`, `audio`, `canvas`, `iframe`, `object`, `embed`.
    Media,
    /// Elements the page hides (`hidden`, `aria-hidden="true"`, `display:none`).
    Hidden,
}

const DROPPED_KINDS: [Dropped; 6] = [
    Dropped::Scripts,
    Dropped::Styles,
    Dropped::Navigation,
    Dropped::Forms,
    Dropped::Media,
    Dropped::Hidden,
];

/// Elements nested deeper than this are read as plain text, so a hostile page cannot exhaust
/// the stack.
const MAX_DEPTH: usize = 200;

/// A character of the page's text, with where it stands in the file and how it is set.
#[derive(Debug, Clone, Copy)]
struct PageChar {
    ch: Ch,
    /// Index into the page's link addresses.
    link: Option<usize>,
    bold: bool,
}

/// A run of the page's text: a paragraph (lines split at `<br>`), a heading, a list item or a
/// table cell.
#[derive(Debug, Default, Clone)]
struct Run {
    chars: Vec<PageChar>,
}

impl Run {
    /// The run's lines, trimmed, blank ones dropped.
    fn lines(&self) -> Vec<Vec<Ch>> {
        self.chars
            .split(|page| page.ch.c == '\n')
            .map(|line| {
                let chars: Vec<Ch> = line.iter().map(|page| page.ch).collect();
                let start = chars
                    .iter()
                    .position(|ch| !ch.c.is_whitespace())
                    .unwrap_or(chars.len());
                let end = chars
                    .iter()
                    .rposition(|ch| !ch.c.is_whitespace())
                    .map_or(start, |end| end + 1);
                chars[start..end.max(start)].to_vec()
            })
            .filter(|line| !line.is_empty())
            .collect()
    }

    /// The run as one line (line breaks read as spaces).
    fn line(&self) -> Vec<Ch> {
        let lines = self.lines();
        let mut out: Vec<Ch> = Vec::new();
        for line in lines {
            if let Some(last) = out.last().copied() {
                out.push(Ch { c: ' ', ..last });
            }
            out.extend(line);
        }
        out
    }

    /// The text of each link and bold stretch, in order, with its link address (if any).
    fn styled(&self) -> Vec<(String, Option<usize>)> {
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
enum PageBlock {
    Heading(u8, Run),
    Text(Run),
    ListItem(u8, Run),
    Table {
        caption: Option<Run>,
        rows: Vec<(Vec<Run>, bool)>,
        merged: bool,
    },
}

/// Follows the text through the file, so that each character gets the line and column where
/// it stands (markup skipped).
struct Locator<'a> {
    source: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl Locator<'_> {
    /// Where `c` stands, looking a little ahead of the last character found; the last
    /// position when it is not there (a character reference, a parser's repair).
    fn find(&mut self, c: char) -> (usize, usize) {
        let (mut offset, mut line, mut column) = (self.offset, self.line, self.column);
        let mut in_tag = false;
        for (seen, found) in self.source[self.offset..].chars().enumerate() {
            if seen > 512 {
                break;
            }
            if !in_tag && found == c {
                let position = (line, column);
                self.offset = offset + found.len_utf8();
                self.line = line;
                self.column = column + 1;
                return position;
            }
            match found {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ => {}
            }
            offset += found.len_utf8();
            if found == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        (self.line, self.column.saturating_sub(1).max(1))
    }

    /// Moves to `offset` (a byte offset at a character boundary), counting lines on the way.
    fn advance_to(&mut self, offset: usize) {
        let Some(skipped) = self.source.get(self.offset..offset) else {
            return;
        };
        for c in skipped.chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
    }

    /// Where `needle` first stands from the start of the file, or line 1.
    fn position_of(&self, needle: &str) -> (usize, usize) {
        match self.source.find(needle) {
            Some(offset) => {
                let before = &self.source[..offset];
                let line = before.matches('\n').count() + 1;
                let column = before[before.rfind('\n').map_or(0, |at| at + 1)..]
                    .chars()
                    .count()
                    + 1;
                (line, column)
            }
            None => (1, 1),
        }
    }
}

/// Walks the page's elements into blocks.
struct Walker<'a> {
    locator: Locator<'a>,
    blocks: Vec<PageBlock>,
    current: Run,
    links: Vec<String>,
    link: Option<usize>,
    bold: usize,
    pre: usize,
    list_depth: usize,
    dropped: [usize; 6],
    /// Whether the page's own header and footer are dropped (the notice is in `main` or
    /// `article`).
    base: Option<String>,
}

impl Walker<'_> {
    fn drop_kind(&mut self, kind: Dropped) {
        let index = DROPPED_KINDS
            .iter()
            .position(|known| *known == kind)
            .unwrap_or(0);
        self.dropped[index] += 1;
    }

    /// Ends the run being read as a block of the given shape, if it holds any text.
    fn flush(&mut self, make: impl FnOnce(Run) -> PageBlock) {
        let run = std::mem::take(&mut self.current);
        if run.chars.iter().any(|page| !page.ch.c.is_whitespace()) {
            self.blocks.push(make(run));
        }
    }

    fn flush_text(&mut self) {
        let depth = self.list_depth;
        if depth > 0 {
            let depth = (depth - 1).min(usize::from(crate::bundle::limits::MAX_LIST_DEPTH)) as u8;
            self.flush(|run| PageBlock::ListItem(depth, run));
        } else {
            self.flush(PageBlock::Text);
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
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
            } else {
                c
            };
            let (line, column) = if c == ' ' || c == '\n' {
                (self.locator.line, self.locator.column)
            } else {
                self.locator.find(c)
            };
            self.current.chars.push(PageChar {
                ch: Ch { c, line, column },
                link: self.link,
                bold: self.bold > 0,
            });
        }
    }

    fn hidden(element: &scraper::node::Element) -> bool {
        let style = element
            .attr("style")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .replace(' ', "");
        element.attr("hidden").is_some()
            || element.attr("aria-hidden") == Some("true")
            || style.contains("display:none")
            || style.contains("visibility:hidden")
    }

    fn children(&mut self, node: NodeRef<'_, Node>, depth: usize) {
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
            _ => return,
        };
        if depth > MAX_DEPTH {
            for descendant in node.descendants() {
                if let Node::Text(text) = descendant.value() {
                    self.text(text);
                }
            }
            return;
        }
        let name = element.name();
        let dropped = match name {
            "script" | "noscript" | "template" => Some(Dropped::Scripts),
            "style" => Some(Dropped::Styles),
            "nav" | "aside" => Some(Dropped::Navigation),
            "form" | "button" | "input" | "select" | "textarea" => Some(Dropped::Forms),
            "img" | "picture" | "svg" | "video" | "audio" | "canvas" | "iframe" | "object"
            | "embed" | "map" => Some(Dropped::Media),
            "head" | "title" | "meta" | "link" | "base" => return,
            _ if Self::hidden(element) => Some(Dropped::Hidden),
            _ => None,
        };
        if let Some(kind) = dropped {
            self.drop_kind(kind);
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush_text();
                let level = name[1..].parse::<u8>().unwrap_or(6);
                self.children(node, depth);
                self.flush(|run| PageBlock::Heading(level, run));
            }
            "br" => self.text_break(),
            "ul" | "ol" => {
                self.flush_text();
                self.list_depth += 1;
                let mut number = element
                    .attr("start")
                    .and_then(|start| start.trim().parse::<i64>().ok())
                    .unwrap_or(1);
                for child in node.children() {
                    let is_item =
                        matches!(child.value(), Node::Element(item) if item.name() == "li");
                    if is_item && name == "ol" {
                        // The number a browser shows before the item (not in the file, so it
                        // takes the position of the item's text).
                        self.flush_text();
                        self.shown_text(&format!("{number}. "));
                        number += 1;
                    }
                    self.node(child, depth + 1);
                    if is_item {
                        self.flush_text();
                    }
                }
                self.flush_text();
                self.list_depth -= 1;
            }
            "table" => {
                self.flush_text();
                self.table(node, depth);
            }
            "a" => {
                let href = element.attr("href").map(|href| self.absolute(href.trim()));
                let previous = self.link;
                if let Some(href) = href.filter(|href| crate::document::opens_externally(href)) {
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
            "pre" => {
                self.flush_text();
                self.pre += 1;
                self.children(node, depth);
                self.pre -= 1;
                self.flush_text();
            }
            // The list around an item ends it (see `ul`), so a number shown before it stays.
            "li" => self.children(node, depth),
            "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "blockquote"
            | "address" | "figure" | "figcaption" | "dl" | "dt" | "dd" | "center" | "hr"
            | "details" | "summary" | "body" | "html" => {
                self.flush_text();
                self.children(node, depth);
                self.flush_text();
            }
            _ => self.children(node, depth),
        }
    }

    /// Text a browser shows that is not in the file (an ordered list's numbers): placed where
    /// the text read last stands, never searched for.
    fn shown_text(&mut self, text: &str) {
        for c in text.chars() {
            self.current.chars.push(PageChar {
                ch: Ch {
                    c,
                    line: self.locator.line,
                    column: self.locator.column,
                },
                link: None,
                bold: false,
            });
        }
    }

    fn text_break(&mut self) {
        let (line, column) = (self.locator.line, self.locator.column);
        self.current.chars.push(PageChar {
            ch: Ch {
                c: '\n',
                line,
                column,
            },
            link: None,
            bold: false,
        });
    }

    /// An address relative to the page made absolute, when the page's own address is known
    /// (`/news/2` or `2.html` against `https://example.jp/news/1.html`); others as written.
    fn absolute(&self, href: &str) -> String {
        let Some(base) = &self.base else {
            return href.to_owned();
        };
        if href.contains("://") || href.starts_with("mailto:") || href.starts_with('#') {
            return href.to_owned();
        }
        let Some((scheme, rest)) = base.split_once("://") else {
            return href.to_owned();
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if let Some(path) = href.strip_prefix("//") {
            return format!("{scheme}://{path}");
        }
        if href.starts_with('/') {
            return format!("{scheme}://{host}{href}");
        }
        let path = rest[host.len()..]
            .split(['?', '#'])
            .next()
            .unwrap_or_default();
        let directory = &path[..path.rfind('/').map_or(0, |at| at + 1)];
        let directory = if directory.is_empty() { "/" } else { directory };
        format!("{scheme}://{host}{directory}{href}")
    }

    /// Reads a table: its caption and rows of `th`/`td` cells (a row of `th` only at the top
    /// is the header); cells spanning columns are split into the cell and empty ones.
    fn table(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        let mut caption = None;
        let mut rows: Vec<(Vec<Run>, bool)> = Vec::new();
        let mut merged = false;
        let mut stack = vec![node];
        let mut found_rows = Vec::new();
        // Rows in document order, not those of a table inside a cell.
        while let Some(current) = stack.pop() {
            for child in current.children().rev() {
                let Node::Element(element) = child.value() else {
                    continue;
                };
                match element.name() {
                    "tr" => found_rows.push(child),
                    "thead" | "tbody" | "tfoot" => stack.push(child),
                    "caption" => caption = Some(child),
                    _ => {}
                }
            }
        }
        // The rows came out of a stack: put them back in the order of the page.
        found_rows.sort_by_key(|row| row.id());
        if let Some(caption) = caption {
            self.children(caption, depth);
        }
        let caption = Some(std::mem::take(&mut self.current))
            .filter(|run| run.chars.iter().any(|page| !page.ch.c.is_whitespace()));
        for row in found_rows {
            let mut cells = Vec::new();
            let mut all_header = true;
            for cell in row.children() {
                let Node::Element(element) = cell.value() else {
                    continue;
                };
                if !matches!(element.name(), "td" | "th") {
                    continue;
                }
                all_header &= element.name() == "th";
                self.children(cell, depth + 1);
                let run = std::mem::take(&mut self.current);
                cells.push(run);
                let span = element
                    .attr("colspan")
                    .and_then(|span| span.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, crate::bundle::limits::MAX_TABLE_COLUMNS + 1);
                for _ in 1..span {
                    merged = true;
                    cells.push(Run::default());
                }
                if element
                    .attr("rowspan")
                    .is_some_and(|span| span.trim() != "1")
                {
                    merged = true;
                }
            }
            if !cells.is_empty() {
                rows.push((cells, all_header));
            }
        }
        if !rows.is_empty() {
            self.blocks.push(PageBlock::Table {
                caption,
                rows,
                merged,
            });
        }
    }
}

/// What the page says about itself, for a person to confirm.
struct PageFacts {
    url: Option<(String, AddressFrom, (usize, usize))>,
    publisher: Option<String>,
    title: Option<String>,
}

fn page_facts(html: &Html, source: &str, locator: &Locator<'_>) -> PageFacts {
    let mut canonical = None;
    let mut open_graph = None;
    let mut site_name = None;
    let mut title = None;
    for node in html.tree.root().descendants() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        match element.name() {
            "link"
                if element.attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|word| word.eq_ignore_ascii_case("canonical"))
                }) =>
            {
                canonical = canonical.or(element.attr("href").map(str::trim).map(str::to_owned));
            }
            "meta" => match element.attr("property") {
                Some("og:url") => open_graph = element.attr("content").map(str::to_owned),
                Some("og:site_name") => site_name = element.attr("content").map(str::to_owned),
                _ => {}
            },
            "title" if title.is_none() => {
                let text: String = node
                    .descendants()
                    .filter_map(|child| match child.value() {
                        Node::Text(text) => Some(text.to_string()),
                        _ => None,
                    })
                    .collect();
                title = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            _ => {}
        }
    }
    let saved_from = saved_from(source);
    let url = canonical
        .filter(|url| crate::document::opens_externally(url))
        .map(|url| {
            let at = locator.position_of("canonical");
            (url, AddressFrom::Canonical, at)
        })
        .or_else(|| {
            saved_from.map(|url| {
                let at = locator.position_of("saved from url=");
                (url, AddressFrom::SavedFrom, at)
            })
        })
        .or_else(|| {
            open_graph
                .filter(|url| crate::document::opens_externally(url))
                .map(|url| {
                    let at = locator.position_of("og:url");
                    (url, AddressFrom::OpenGraph, at)
                })
        });
    PageFacts {
        url,
        publisher: site_name
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty() && !name.chars().any(char::is_control)),
        title: title.filter(|title| !title.is_empty()),
    }
}

/// The address in the comment a browser writes when it saves a page:
/// `<!-- saved from url=(0044)https://www.example.co.jp/news/2025/0603.html -->`.
fn saved_from(source: &str) -> Option<String> {
    let start = source.find("saved from url=")? + "saved from url=".len();
    let rest = &source[start..];
    let rest = rest
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .map_or(rest, |(_, rest)| rest);
    let word = rest.split_whitespace().next().unwrap_or_default();
    let url = word.strip_suffix("-->").unwrap_or(word).to_owned();
    crate::document::opens_externally(&url).then_some(url)
}

/// Reads a saved web page into one letter: the copy of a vendor's notice.
pub(super) fn read_page(
    source: &str,
    retrieved: Option<&str>,
) -> Result<(ImportedLetter, Vec<Detection>), ImportError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let html = Html::parse_document(source);
    let probe = Locator {
        source,
        offset: 0,
        line: 1,
        column: 1,
    };
    let facts = page_facts(&html, source, &probe);
    let mut detections = Vec::new();
    // The notice itself: the page's `main` or `article` if it has one (its own header and
    // footer are then the site's, dropped), else the whole body.
    let root = html.tree.root();
    let content = root
        .descendants()
        .find(|node| matches!(node.value(), Node::Element(element) if element.name() == "main"))
        .or_else(|| {
            root.descendants().find(
                |node| matches!(node.value(), Node::Element(element) if element.name() == "article"),
            )
        });
    // Text is looked for from where the body (or the notice inside it) starts, not in the
    // page's head.
    let mut start = Locator {
        source,
        offset: 0,
        line: 1,
        column: 1,
    };
    let lower = source.to_ascii_lowercase();
    let body_at = lower.find("<body").unwrap_or(0);
    let content_name = content.and_then(|node| match node.value() {
        Node::Element(element) => Some(element.name().to_owned()),
        _ => None,
    });
    let content_at = content_name
        .and_then(|name| lower[body_at..].find(&format!("<{name}")))
        .map_or(body_at, |at| body_at + at);
    start.advance_to(content_at);
    let mut walker = Walker {
        locator: start,
        blocks: Vec::new(),
        current: Run::default(),
        links: Vec::new(),
        link: None,
        bold: 0,
        pre: 0,
        list_depth: 0,
        dropped: [0; 6],
        base: facts.url.as_ref().map(|(url, _, _)| url.clone()),
    };
    match content {
        Some(content) => {
            // Everything outside is the site around the notice.
            let site = |node: &NodeRef<'_, Node>| {
                matches!(node.value(), Node::Element(element)
                    if matches!(element.name(), "header" | "footer" | "nav" | "aside"))
            };
            let outside = root
                .descendants()
                .filter(|node| {
                    site(node)
                        && !node
                            .ancestors()
                            .any(|up| up.id() == content.id() || site(&up))
                        && node.id() != content.id()
                        && !content.ancestors().any(|up| up.id() == node.id())
                })
                .count();
            walker.dropped[2] += outside;
            walker.node(content, 0);
        }
        None => {
            for node in root.descendants() {
                if let Node::Element(element) = node.value()
                    && element.name() == "body"
                {
                    walker.body(node);
                    break;
                }
            }
        }
    }
    walker.flush_text();
    // Scripts and style sheets of the page's head are dropped as well.
    for node in root.descendants() {
        if let Node::Element(element) = node.value()
            && !node
                .ancestors()
                .any(|up| matches!(up.value(), Node::Element(up) if up.name() == "body"))
        {
            match element.name() {
                "script" | "noscript" | "template" => walker.drop_kind(Dropped::Scripts),
                "style" => walker.drop_kind(Dropped::Styles),
                "link"
                    if element
                        .attr("rel")
                        .is_some_and(|rel| rel.eq_ignore_ascii_case("stylesheet")) =>
                {
                    walker.drop_kind(Dropped::Styles);
                }
                _ => {}
            }
        }
    }

    if let Some((url, from, at)) = &facts.url {
        detections.push(detection(
            *at,
            DetectionKind::Page,
            url,
            DetectionNote::PageAddress { from: *from },
        ));
    } else {
        detections.push(detection(
            (1, 1),
            DetectionKind::Page,
            "",
            DetectionNote::NoPageAddress,
        ));
    }
    detections.push(detection(
        (1, 1),
        DetectionKind::Page,
        retrieved.unwrap_or_default(),
        match retrieved {
            Some(_) => DetectionNote::Retrieved,
            None => DetectionNote::NoRetrievalDate,
        },
    ));
    for (kind, count) in DROPPED_KINDS.iter().zip(walker.dropped) {
        if count > 0 {
            detections.push(detection(
                (1, 1),
                DetectionKind::Page,
                "",
                DetectionNote::Dropped { what: *kind, count },
            ));
        }
    }

    let links = walker.links.clone();
    let blocks = walker.blocks;
    let page_text: String = blocks
        .iter()
        .map(|block| match block {
            PageBlock::Heading(_, run) | PageBlock::Text(run) | PageBlock::ListItem(_, run) => {
                string(&run.line())
            }
            PageBlock::Table { .. } => String::new(),
        })
        .collect::<Vec<_>>()
        .join("。");
    let mut reader = BodyReader {
        blocks: Vec::new(),
        detections: &mut detections,
        who: attribution(None, &page_text),
        template: false,
        heading: None,
        level_one: 0,
        level_two: 0,
        ids: Vec::new(),
    };

    // The title: the first top-level heading, else the highest heading, else the page's
    // `<title>` (which is not in the body, so nothing is lost by taking it).
    let top = blocks
        .iter()
        .filter_map(|block| match block {
            PageBlock::Heading(level, _) => Some(*level),
            _ => None,
        })
        .min();
    let title_index = blocks
        .iter()
        .position(|block| matches!(block, PageBlock::Heading(level, _) if Some(*level) == top));
    let title = match title_index.map(|index| &blocks[index]) {
        Some(PageBlock::Heading(_, run)) => {
            let chars = run.line();
            let title_text = string(&chars);
            reader.detections.push(detection(
                chars.first().map_or((1, 1), |ch| (ch.line, ch.column)),
                DetectionKind::Title,
                &title_text,
                DetectionNote::Title,
            ));
            let runs = reader.head_runs(&chars);
            styled(runs, run, &links)
        }
        _ => match &facts.title {
            Some(title) => {
                let at = probe.position_of("<title");
                let chars: Vec<Ch> = title
                    .chars()
                    .map(|c| Ch {
                        c,
                        line: at.0,
                        column: at.1,
                    })
                    .collect();
                reader.detections.push(detection(
                    at,
                    DetectionKind::Title,
                    title,
                    DetectionNote::TitleFromPageTitle,
                ));
                reader.head_runs(&chars)
            }
            None => return Err(ImportError::NoTitle { line: 1 }),
        },
    };

    // The date and addressee: a line holding only a date, and one such as お客様各位, among
    // the first blocks around the title.
    let mut date = None;
    let mut addressee = None;
    let mut used = vec![false; blocks.len()];
    if let Some(index) = title_index {
        used[index] = true;
    }
    let near = title_index.map_or(0, |index| index + 3).min(blocks.len());
    for index in 0..near {
        let PageBlock::Text(run) = &blocks[index] else {
            continue;
        };
        let block = TextBlock { lines: run.lines() };
        if block.lines.is_empty() {
            continue;
        }
        if date.is_none()
            && let Some(iso) = date_line(&block)
        {
            let text = block.text();
            reader.detections.push(detection(
                at(&block),
                DetectionKind::Letter,
                &text,
                DetectionNote::LetterStarts {
                    date: Some(iso.clone()),
                },
            ));
            date = Some(LetterDate { iso, text });
            used[index] = true;
        } else if addressee.is_none() && is_addressee(&block) {
            let text = block.text();
            reader.detections.push(detection(
                at(&block),
                DetectionKind::Addressee,
                &text,
                DetectionNote::Addressee,
            ));
            let runs = reader.head_runs(&block.joined());
            addressee = Some(styled(runs, run, &links));
            used[index] = true;
        }
    }

    // The body, in the page's order.
    let mut pending_list: Vec<(u8, Vec<Inline>)> = Vec::new();
    let mut first = true;
    for (index, block) in blocks.iter().enumerate() {
        if used[index] {
            continue;
        }
        if !matches!(block, PageBlock::ListItem(..)) {
            push_lists(&mut reader, &mut pending_list);
        }
        match block {
            PageBlock::Heading(level, run) => {
                let level = if *level <= top.unwrap_or(1) + 1 { 1 } else { 2 };
                let chars = run.line();
                reader.heading_block(&chars, level);
                if let Some(Block::Heading { content, .. }) = reader.blocks.last_mut() {
                    *content = styled(std::mem::take(content), run, &links);
                }
            }
            PageBlock::Text(run) => {
                let before = reader.blocks.len();
                let lines = run.lines();
                if lines.is_empty() {
                    continue;
                }
                reader.block(&TextBlock { lines }, first);
                first = false;
                for block in &mut reader.blocks[before..] {
                    if let Block::Paragraph { content } = block {
                        *content = styled(std::mem::take(content), run, &links);
                    }
                }
            }
            PageBlock::ListItem(depth, run) => {
                let runs = reader.head_runs(&run.line());
                pending_list.push((*depth, styled(runs, run, &links)));
            }
            PageBlock::Table {
                caption,
                rows,
                merged,
            } => {
                let position = rows
                    .iter()
                    .flat_map(|(cells, _)| cells)
                    .find_map(|cell| cell.chars.first())
                    .map_or((1, 1), |page| (page.ch.line, page.ch.column));
                let mut cell_runs = |run: &Run| {
                    let runs = reader.head_runs(&run.line());
                    styled(runs, run, &links)
                };
                let caption = caption.as_ref().map(&mut cell_runs);
                let columns = rows.iter().map(|(cells, _)| cells.len()).max().unwrap_or(0);
                let mut header = Vec::new();
                let mut body = Vec::new();
                for (row_index, (cells, all_header)) in rows.iter().enumerate() {
                    let mut row: Vec<Vec<Inline>> = cells.iter().map(&mut cell_runs).collect();
                    // Rows shorter than the table (a cell spanning rows above) get empty
                    // cells, so that the table stays rectangular.
                    row.resize(columns, Vec::new());
                    if row_index == 0 && *all_header && rows.len() > 1 {
                        header = row;
                    } else {
                        body.push(row);
                    }
                }
                let table = Table {
                    caption,
                    header,
                    rows: body,
                };
                if let Some(problem) = table.problem() {
                    return Err(ImportError::BadTable {
                        line: position.0,
                        problem,
                    });
                }
                if *merged {
                    reader.detections.push(detection(
                        position,
                        DetectionKind::Page,
                        "",
                        DetectionNote::MergedCells,
                    ));
                }
                reader.blocks.push(Block::Table(table));
            }
        }
    }
    push_lists(&mut reader, &mut pending_list);
    let body = std::mem::take(&mut reader.blocks);

    let title_text = crate::document::inline_text(&title);
    let role = if title_text.contains("報告") || title_text.to_lowercase().contains("report") {
        Role::Report
    } else {
        Role::VendorNotice
    };
    let document = Document {
        date,
        addressee,
        issuer: Vec::new(),
        title,
        source: Some(Source {
            publisher: facts.publisher,
            url: facts.url.map(|(url, _, _)| url),
            retrieved: retrieved.map(str::to_owned),
            caption: None,
        }),
        body,
        closing: None,
    };
    let base = match role {
        Role::Report => "vendor-report",
        _ => "vendor-notice",
    };
    let name = match &document.date {
        Some(date) => format!("{base}-{}", date.iso),
        None => base.to_owned(),
    };
    let path = format!("documents/{name}{}", crate::authoring::AUTHORING_EXTENSION);
    for detection in &mut detections {
        detection.document = Some(path.clone());
    }
    Ok((
        ImportedLetter {
            document,
            role,
            name,
        },
        detections,
    ))
}

impl Walker<'_> {
    /// Reads the body of a page without `main` or `article`: the page's own header and footer
    /// (direct children of the body) are the site's, dropped as navigation.
    fn body(&mut self, body: NodeRef<'_, Node>) {
        for child in body.children() {
            if let Node::Element(element) = child.value()
                && matches!(element.name(), "header" | "footer")
            {
                self.drop_kind(Dropped::Navigation);
                continue;
            }
            self.node(child, 1);
        }
    }
}

/// Pushes the list items read so far as list blocks, one per run of items at the same depth;
/// a run nested deeper than the one before it by more than one level is brought up.
fn push_lists(reader: &mut BodyReader<'_>, items: &mut Vec<(u8, Vec<Inline>)>) {
    let mut previous: Option<u8> = None;
    for (depth, _) in items.iter_mut() {
        let allowed = previous.map_or(0, |up| up + 1);
        *depth = (*depth).min(allowed);
        previous = Some(*depth);
    }
    for run in items.chunk_by(|a, b| a.0 == b.0) {
        let content: Vec<Vec<Inline>> = run
            .iter()
            .map(|(_, item)| item.clone())
            .filter(|item| !item.is_empty())
            .collect();
        if !content.is_empty() {
            reader.blocks.push(Block::List {
                items: content,
                depth: run[0].0,
            });
        }
    }
    items.clear();
}

/// Sets the links and bold stretches of `run` in the inline content read from it: each styled
/// stretch is found, in order, inside a text run and split out (a stretch that holds a mask
/// stays as read).
fn styled(content: Vec<Inline>, run: &Run, links: &[String]) -> Vec<Inline> {
    let mut out = content;
    let mut from = (0usize, 0usize);
    for (text, link) in run.styled() {
        let Some((index, offset)) = find_text(&out, &text, from) else {
            continue;
        };
        let Some(Inline::Text { text: whole }) = out.get(index).cloned() else {
            continue;
        };
        let styled_run = match link.and_then(|link| links.get(link)) {
            Some(url) => Inline::Link {
                target: LinkTarget::External { url: url.clone() },
                text: text.clone(),
            },
            None => Inline::Strong { text: text.clone() },
        };
        let before = &whole[..offset];
        let after = &whole[offset + text.len()..];
        let mut replacement = Vec::new();
        if !before.is_empty() {
            replacement.push(Inline::text(before));
        }
        replacement.push(styled_run);
        let next = (index + replacement.len(), 0);
        if !after.is_empty() {
            replacement.push(Inline::text(after));
        }
        out.splice(index..=index, replacement);
        from = next;
    }
    let mut merged = Vec::new();
    extend_inlines(&mut merged, out);
    merged
}

/// Where `text` stands inside a text run of `content`, from `(index, byte offset)` on.
fn find_text(content: &[Inline], text: &str, from: (usize, usize)) -> Option<(usize, usize)> {
    content
        .iter()
        .enumerate()
        .skip(from.0)
        .find_map(|(index, inline)| match inline {
            Inline::Text { text: whole } => {
                let start = if index == from.0 { from.1 } else { 0 };
                whole
                    .get(start..)
                    .and_then(|rest| rest.find(text))
                    .map(|offset| (index, start + offset))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_from_comment_gives_the_address() {
        let page = "<!DOCTYPE html>\n<!-- saved from url=(0040)https://www.example.co.jp/news/0603.html -->\n<html>";
        assert_eq!(
            saved_from(page).as_deref(),
            Some("https://www.example.co.jp/news/0603.html")
        );
        assert_eq!(
            saved_from("<!-- saved from url=(0011)javascript:x -->"),
            None
        );
    }
}
