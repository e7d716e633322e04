//! Import of a saved web page (`.html` as a browser saves it): the page is parsed by a real HTML
//! parser (html5ever, through `scraper`), its headings, paragraphs, lists (nested ones
//! included) and tables become the document's blocks, and its running text goes through the
//! same reading of masks and omissions as a plain-text letter.
//!
//! The page's address comes from its canonical link, the browser's `saved from url=` comment or
//! its `og:url`, in that order, and the retrieval date from the caller (the file's modification
//! date); both are reported for a person to confirm. The site around the notice (navigation,
//! and with a `main` or `article` on the page, its header, footer and sidebars), scripts,
//! styles, forms, media and whatever the page hides are dropped, each kind reported with a
//! count and where the first stands; text the page blacks out with its style becomes a mask
//! ([`style`]). Positions point into the HTML file: each character of the page's text is
//! matched to where it stands in the markup ([`walk`]).

mod locate;
mod page;
mod style;
mod table;
mod walk;

use scraper::{Html, Node};

use super::attribution::attribution;
use super::blocks::{BodyReader, extend_inlines};
use super::letters::{date_line, is_addressee};
use super::text::{Ch, TextBlock, at, string};
use super::{Detection, DetectionKind, DetectionNote, ImportError, ImportedLetter, detection};
use crate::bundle::Role;
use crate::document::{Block, Document, Inline, LetterDate, LinkTarget, Source, Table};
use locate::Locator;
use page::{PageFacts, element_named, page_facts, style_sheet};
use walk::{PageBlock, Run, Walker};

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
    /// `style`, and style sheets linked from the head.
    Styles,
    /// `nav`, and the site's header, footer and sidebars around the notice.
    Navigation,
    /// `form`, `button`, `input`, `select`, `textarea`.
    Forms,
    /// `img`, `picture`, `svg`, `video`, `audio`, `canvas`, `iframe`, `object`, `embed`.
    Media,
    /// Elements the page hides (`hidden`, `aria-hidden="true"`, a closed `dialog`, or a style
    /// that does not show them).
    Hidden,
}

/// What the walk over the page found for a person to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageNote {
    Dropped(Dropped, usize),
    Invisible(usize),
    BlackedOut,
    StruckText,
}

/// The deepest nesting a page may have; real pages stay under a hundred.
const MAX_NESTING: usize = 512;

/// How deeply the page's elements nest, as far as its tags say: start tags open (except void
/// elements and those whose end tag is optional), end tags close; comments and the contents
/// of scripts and styles skipped. An estimate that never needs the parser.
fn nesting_depth(source: &str) -> usize {
    const NOT_NESTING: [&str; 22] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
    ];
    let bytes = source.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(found) = source[at..].find('<') {
        at += found + 1;
        if source[at..].starts_with("!--") {
            at = source[at..]
                .find("-->")
                .map_or(source.len(), |end| at + end + 3);
            continue;
        }
        let closing = bytes.get(at) == Some(&b'/');
        let start = at + usize::from(closing);
        let name_end = source[start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(source.len(), |end| start + end);
        let name = source[start..name_end].to_ascii_lowercase();
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        let tag_end = source[name_end..]
            .find('>')
            .map_or(source.len(), |end| name_end + end);
        if closing {
            depth = depth.saturating_sub(1);
        } else if !source[..tag_end].ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                at = bytes[tag_end..]
                    .windows(close.len())
                    .position(|window| window.eq_ignore_ascii_case(close.as_bytes()))
                    .map_or(source.len(), |end| tag_end + end);
                continue;
            }
        }
        at = tag_end.min(source.len());
    }
    deepest
}

/// Reads a saved web page into one letter: the copy of a vendor's notice.
pub(super) fn read_page(
    source: &str,
    retrieved: Option<&str>,
) -> Result<(ImportedLetter, Vec<Detection>), ImportError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // The HTML parser takes time in the square of the nesting; no real page nests this deep.
    let depth = nesting_depth(source);
    if depth > MAX_NESTING {
        return Err(ImportError::PageTooDeep { depth });
    }
    let html = Html::parse_document(source);
    let root = html.tree.root();
    let facts = page_facts(&html, source);
    let mut sheet = style_sheet(root);
    // Without a doctype browsers read the page in quirks mode, where class names match
    // whatever their case.
    sheet.any_case = !source
        .get(..source.len().min(1024))
        .unwrap_or(source)
        .to_ascii_lowercase()
        .contains("<!doctype");
    let unread_style = sheet.unread;
    let mut detections = Vec::new();

    // Text is looked for from where the body starts, not in the page's head.
    let mut locator = Locator::new(source);
    if let Some(body_at) = source.to_ascii_lowercase().find("<body") {
        locator.advance_to(body_at);
    }
    let mut walker = Walker::new(locator, sheet, facts.base.clone());
    walker.has_content = root.descendants().any(|node| {
        matches!(node.value(), Node::Element(element) if matches!(element.name(), "main" | "article"))
    });
    // Scripts and style sheets of the page's head are dropped as well.
    if let Some(head) = element_named(root, "head") {
        let mut head_locator = Locator::new(source);
        for node in head.descendants() {
            let Node::Element(element) = node.value() else {
                continue;
            };
            let name = element.name();
            let kind = match name {
                "script" | "noscript" | "template" => Dropped::Scripts,
                "style" => Dropped::Styles,
                "link"
                    if element
                        .attr("rel")
                        .is_some_and(|rel| rel.to_ascii_lowercase().contains("stylesheet")) =>
                {
                    Dropped::Styles
                }
                _ => continue,
            };
            walker.drop_at(kind, head_locator.next_tag(name));
        }
    }
    let body = element_named(root, "body").unwrap_or(root);
    walker.read(body);

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
    if unread_style {
        detections.push(detection(
            Locator::position_of(source, "stylesheet"),
            DetectionKind::Page,
            "",
            DetectionNote::UnreadStyle,
        ));
    }
    for (at, note) in std::mem::take(&mut walker.notes) {
        let (kind, note) = match note {
            PageNote::Dropped(what, count) => {
                (DetectionKind::Page, DetectionNote::Dropped { what, count })
            }
            PageNote::Invisible(count) => (
                DetectionKind::Page,
                DetectionNote::InvisibleCharacters { count },
            ),
            PageNote::BlackedOut => (DetectionKind::Mask, DetectionNote::BlackedOut),
            PageNote::StruckText => (DetectionKind::Page, DetectionNote::StruckText),
        };
        detections.push(detection(at, kind, "", note));
    }
    detections.sort_by_key(|found| found.kind != DetectionKind::Page);

    let links = walker.links.clone();
    let blocks = std::mem::take(&mut walker.blocks);
    letter_of(&blocks, &links, facts, retrieved, detections)
}

/// The page's blocks read into a letter: its title, date and addressee, then its body.
fn letter_of(
    blocks: &[PageBlock],
    links: &[String],
    facts: PageFacts,
    retrieved: Option<&str>,
    mut detections: Vec<Detection>,
) -> Result<(ImportedLetter, Vec<Detection>), ImportError> {
    let page_text: String = blocks
        .iter()
        .map(|block| match block {
            PageBlock::Heading(_, run, _)
            | PageBlock::Text(run)
            | PageBlock::ListItem(_, _, run) => string(&run.line()),
            PageBlock::Table { .. } => String::new(),
        })
        .collect::<Vec<_>>()
        .join("。");
    let mut reader = BodyReader {
        blocks: Vec::new(),
        detections: &mut detections,
        who: attribution(None, &page_text),
        template: false,
        join_paragraphs: false,
        heading: None,
        level_one: 0,
        level_two: 0,
        ids: Vec::new(),
    };

    // The title: the first top-level heading (the highest level used) of the notice (its
    // `main` or `article`, if it has one: a site's logo may be an <h1> too), else the page's
    // `<title>` (which is not in the body, so nothing is lost by taking it).
    let in_content = blocks
        .iter()
        .any(|block| matches!(block, PageBlock::Heading(_, _, true)));
    let candidate = |block: &PageBlock| match block {
        PageBlock::Heading(level, _, inside) if *inside || !in_content => Some(*level),
        _ => None,
    };
    let top = blocks.iter().filter_map(candidate).min();
    let title_index = blocks
        .iter()
        .position(|block| top.is_some() && candidate(block) == top);
    let title = match title_index.map(|index| &blocks[index]) {
        Some(PageBlock::Heading(_, run, _)) => {
            if run.line().len() > crate::bundle::limits::MAX_HEAD_LINE_CHARS {
                let chars = run.line().len();
                let line = run.chars.first().map_or(1, |page| page.ch.line);
                return Err(ImportError::TitleTooLong { line, chars });
            }
            let chars = run.line();
            let title_text = string(&chars);
            reader.detections.push(detection(
                chars.first().map_or((1, 1), |ch| (ch.line, ch.column)),
                DetectionKind::Title,
                &title_text,
                DetectionNote::Title,
            ));
            let runs = reader.head_runs(&chars);
            styled(runs, run, links)
        }
        _ => match &facts.title {
            Some(title) => {
                let chars: Vec<Ch> = title
                    .chars()
                    .map(|c| Ch {
                        c,
                        line: 1,
                        column: 1,
                    })
                    .collect();
                reader.detections.push(detection(
                    (1, 1),
                    DetectionKind::Title,
                    title,
                    DetectionNote::TitleFromPageTitle,
                ));
                reader.head_runs(&chars)
            }
            None => return Err(ImportError::NoPageTitle),
        },
    };

    // The date and addressee: a paragraph holding only a date, and one such as お客様各位,
    // among the first blocks around the title.
    let mut date = None;
    let mut addressee = None;
    let mut used = vec![false; blocks.len()];
    if let Some(index) = title_index {
        used[index] = true;
    }
    let near = title_index.map_or(3, |index| index + 3).min(blocks.len());
    for (index, block) in blocks.iter().enumerate().take(near) {
        let PageBlock::Text(run) = block else {
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
            addressee = Some(styled(runs, run, links));
            used[index] = true;
        }
    }

    // The body, in the page's order.
    let mut pending_list: Vec<(u8, Vec<Inline>)> = Vec::new();
    let mut list_of_pending = None;
    let mut first = true;
    for (index, block) in blocks.iter().enumerate() {
        if used[index] {
            continue;
        }
        let this_list = match block {
            PageBlock::ListItem(list, _, _) => Some(*list),
            _ => None,
        };
        if this_list != list_of_pending {
            push_lists(&mut reader, &mut pending_list);
            list_of_pending = this_list;
        }
        match block {
            PageBlock::Heading(level, run, _) => {
                let level = if *level <= top.unwrap_or(1) + 1 { 1 } else { 2 };
                let chars = run.line();
                reader.heading_block(&chars, level);
                if let Some(Block::Heading { content, .. }) = reader.blocks.last_mut() {
                    *content = styled(std::mem::take(content), run, links);
                }
            }
            PageBlock::Text(run) => {
                let before = reader.blocks.len();
                let lines = run.lines();
                if lines.is_empty() {
                    continue;
                }
                // Lines after a <br> that start with a bullet (・氏名<br>・住所) are items,
                // each a block of its own; other lines join as a paragraph's do.
                let bulleted = lines.iter().skip(1).any(|line| {
                    line.first().is_some_and(|ch| {
                        matches!(
                            ch.c,
                            '・' | '•' | '●' | '■' | '◆' | '○' | '-' | '－' | '①'..='⑳'
                        )
                    })
                });
                if bulleted {
                    for line in lines {
                        reader.block(&TextBlock { lines: vec![line] }, first);
                        first = false;
                    }
                } else {
                    reader.block(&TextBlock { lines }, first);
                    first = false;
                }
                for block in &mut reader.blocks[before..] {
                    if let Block::Paragraph { content } = block {
                        *content = styled(std::mem::take(content), run, links);
                    }
                }
            }
            PageBlock::ListItem(_, depth, run) => {
                let runs = reader.head_runs(&run.line());
                pending_list.push((*depth, styled(runs, run, links)));
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
                    styled(runs, run, links)
                };
                let caption = caption.as_ref().map(&mut cell_runs);
                let columns = rows.iter().map(|(cells, _)| cells.len()).max().unwrap_or(0);
                let mut header = Vec::new();
                let mut body = Vec::new();
                for (row_index, (cells, all_header)) in rows.iter().enumerate() {
                    let mut row: Vec<Vec<Inline>> = cells.iter().map(&mut cell_runs).collect();
                    // Rows shorter than the table get empty cells, so that it stays
                    // rectangular.
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
    if date.is_none() {
        reader.detections.push(detection(
            (1, 1),
            DetectionKind::Page,
            "",
            DetectionNote::NoPageDate,
        ));
    }

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
    // A document larger than a bundle may carry is refused now, not when signing.
    let stored = document.to_json().len() as u64;
    if stored > crate::bundle::limits::MAX_DOCUMENT_BYTES {
        return Err(ImportError::DocumentTooLarge { bytes: stored });
    }
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
        // Bold with no letter or digit in it (`<.`) is not bold in a source: kept as text.
        if link.is_none() && !text.chars().any(char::is_alphanumeric) {
            continue;
        }
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
