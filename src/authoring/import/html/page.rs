//! What a saved page says about itself: its address (canonical link, the browser's "saved
//! from" comment, `og:url`), the base its relative links resolve against, its publisher
//! (`og:site_name`), its `<title>`, and its own style sheets.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::AddressFrom;
use super::locate::Locator;
use super::style;

/// What the page says about itself, for a person to confirm.
pub(super) struct PageFacts {
    pub(super) url: Option<(String, AddressFrom, (usize, usize))>,
    pub(super) base: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) title: Option<String>,
}

pub(super) fn element_named<'a>(root: NodeRef<'a, Node>, name: &str) -> Option<NodeRef<'a, Node>> {
    root.descendants()
        .find(|node| matches!(node.value(), Node::Element(element) if element.name() == name))
}

pub(super) fn page_facts(html: &Html, source: &str) -> PageFacts {
    let mut canonical = None;
    let mut open_graph = None;
    let mut site_name = None;
    let mut title = None;
    let mut base = None;
    let mut saved = None;
    let root = html.tree.root();
    // The browser writes its comment before the page itself, never inside it.
    for node in root.children() {
        if let Node::Comment(comment) = node.value()
            && saved.is_none()
        {
            saved = saved_from(comment);
        }
    }
    for node in root.descendants() {
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
            "base" => base = base.or(element.attr("href").map(str::trim).map(str::to_owned)),
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
                // Invisible and control characters dropped, as in the body.
                let text: String = text
                    .chars()
                    .filter(|c| c.is_whitespace() || !crate::escape::is_hidden(*c))
                    .collect();
                title = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            _ => {}
        }
    }
    let usable = |url: &String| crate::document::opens_externally(url);
    let url = canonical
        .filter(usable)
        .map(|url| {
            let at = Locator::position_of(source, "canonical");
            (url, AddressFrom::Canonical, at)
        })
        .or_else(|| {
            saved.map(|url| {
                let at = Locator::position_of(source, "saved from url=");
                (url, AddressFrom::SavedFrom, at)
            })
        })
        .or_else(|| {
            open_graph.filter(usable).map(|url| {
                let at = Locator::position_of(source, "og:url");
                (url, AddressFrom::OpenGraph, at)
            })
        });
    let base = base
        .filter(usable)
        .or_else(|| url.as_ref().map(|(url, _, _)| url.clone()));
    PageFacts {
        url,
        base,
        publisher: site_name.map(|name| name.trim().to_owned()).filter(|name| {
            !name.is_empty()
                && !name
                    .chars()
                    .any(|c| c.is_control() || crate::escape::is_hidden(c))
        }),
        title: title.filter(|title| !title.is_empty()),
    }
}

/// The address in the comment a browser writes when it saves a page:
/// ` saved from url=(0044)https://www.example.co.jp/news/2025/0603.html `.
fn saved_from(comment: &str) -> Option<String> {
    let rest = comment.trim_start().strip_prefix("saved from url=")?;
    let rest = rest
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .map_or(rest, |(_, rest)| rest);
    let url = rest
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    crate::document::opens_externally(&url).then_some(url)
}

/// The page's own style sheets, as far as they are read.
pub(super) fn style_sheet(root: NodeRef<'_, Node>) -> style::Sheet {
    let mut sheet = style::Sheet::default();
    for node in root.descendants() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        match element.name() {
            // Only sheets for the screen: a print sheet does not change what the page shows.
            "style"
                if element.attr("media").is_some_and(|media| {
                    let media = media.to_ascii_lowercase();
                    !media.contains("screen") && !media.contains("all")
                }) => {}
            "style" => {
                let css: String = node
                    .children()
                    .filter_map(|child| match child.value() {
                        Node::Text(text) => Some(text.to_string()),
                        _ => None,
                    })
                    .collect();
                sheet.add(&css);
            }
            "link"
                if element
                    .attr("rel")
                    .is_some_and(|rel| rel.to_ascii_lowercase().contains("stylesheet")) =>
            {
                sheet.unread = true;
            }
            _ => {}
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_from_comment_gives_the_address() {
        assert_eq!(
            saved_from(" saved from url=(0040)https://www.example.co.jp/news/0603.html ")
                .as_deref(),
            Some("https://www.example.co.jp/news/0603.html")
        );
        assert_eq!(saved_from(" saved from url=(0011)javascript:x "), None);
        assert_eq!(saved_from(" a comment "), None);
    }
}
