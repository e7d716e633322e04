//! What a page's styles do to its text, as far as Kairan can tell without a browser: text an
//! element's `style` attribute or a simple rule of the page's own `<style>` sheets hides
//! (`display:none`, `visibility:hidden`, `opacity:0`, `font-size:0`) or blacks out (its colour
//! the same as its background: a redaction bar drawn with CSS). Hidden text is dropped; blacked
//! out text becomes a mask, and its words are never carried. Rules Kairan does not read (an
//! outside style sheet, a selector it does not understand) are reported so that a person
//! compares the import with the page as shown.

use scraper::node::Element;

/// What a style does to an element's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Effect {
    /// The text is shown.
    Shown,
    /// The text is not shown at all.
    Hidden,
    /// The text is drawn in the colour of its background: a black bar.
    BlackedOut,
}

/// The simple rules of a page's `<style>` sheets: `tag`, `.class`, `#id` and `tag.class`
/// selectors with the effect of their declarations.
#[derive(Debug, Default)]
pub(super) struct Sheet {
    rules: Vec<(Selector, Effect)>,
    /// Whether the page has style it does not read: outside sheets, `@` rules, selectors
    /// with combinators or pseudo-classes.
    pub(super) unread: bool,
}

#[derive(Debug)]
struct Selector {
    tag: Option<String>,
    classes: Vec<String>,
    id: Option<String>,
}

impl Sheet {
    /// Reads the rules of one `<style>` element's text.
    pub(super) fn add(&mut self, css: &str) {
        let css = strip_comments(css);
        for rule in css.split('}') {
            let Some((selectors, declarations)) = rule.split_once('{') else {
                continue;
            };
            if selectors.contains('@') || declarations.contains('{') {
                self.unread = true;
                continue;
            }
            let effect = effect_of(declarations);
            if effect == Effect::Shown {
                continue;
            }
            for selector in selectors.split(',') {
                match parse_selector(selector.trim()) {
                    Some(selector) => self.rules.push((selector, effect)),
                    None => self.unread = true,
                }
            }
        }
    }

    /// What the page's rules and the element's own `style` attribute do to it.
    pub(super) fn effect(&self, element: &Element) -> Effect {
        let own = element.attr("style").map_or(Effect::Shown, effect_of);
        if own != Effect::Shown {
            return own;
        }
        self.rules
            .iter()
            .filter(|(selector, _)| selector.matches(element))
            .map(|(_, effect)| *effect)
            .max_by_key(|effect| match effect {
                Effect::Shown => 0,
                Effect::BlackedOut => 1,
                Effect::Hidden => 2,
            })
            .unwrap_or(Effect::Shown)
    }
}

impl Selector {
    fn matches(&self, element: &Element) -> bool {
        self.tag
            .as_deref()
            .is_none_or(|tag| tag.eq_ignore_ascii_case(element.name()))
            && self.id.as_deref().is_none_or(|id| element.id() == Some(id))
            && self.classes.iter().all(|class| {
                element
                    .attr("class")
                    .is_some_and(|classes| classes.split_ascii_whitespace().any(|c| c == class))
            })
    }
}

/// `tag`, `.class`, `#id`, `tag.class.other`; anything else (combinators, attributes,
/// pseudo-classes) is not read.
fn parse_selector(text: &str) -> Option<Selector> {
    if text.is_empty()
        || text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '>' | '+' | '~' | '[' | ':' | '*'))
    {
        return None;
    }
    let mut selector = Selector {
        tag: None,
        classes: Vec::new(),
        id: None,
    };
    let mut rest = text;
    let name_end = rest.find(['.', '#']).unwrap_or(rest.len());
    if name_end > 0 {
        selector.tag = Some(rest[..name_end].to_owned());
    }
    rest = &rest[name_end..];
    while let Some(mark) = rest.chars().next() {
        let after = &rest[1..];
        let end = after.find(['.', '#']).unwrap_or(after.len());
        let name = after[..end].to_owned();
        if name.is_empty() {
            return None;
        }
        if mark == '.' {
            selector.classes.push(name);
        } else {
            selector.id = Some(name);
        }
        rest = &after[end..];
    }
    Some(selector)
}

/// The effect of CSS declarations (`display:none; color:#000; …`).
pub(super) fn effect_of(declarations: &str) -> Effect {
    let mut color = None;
    let mut background = None;
    let mut effect = Effect::Shown;
    for declaration in declarations.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let property = property.trim().to_ascii_lowercase();
        let value: String = value
            .to_ascii_lowercase()
            .replace("!important", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match property.as_str() {
            "display" if value == "none" => effect = Effect::Hidden,
            "visibility" if value == "hidden" || value == "collapse" => effect = Effect::Hidden,
            "opacity" if value.parse::<f32>().is_ok_and(|opacity| opacity <= 0.05) => {
                effect = Effect::Hidden;
            }
            "font-size" if value.trim_end_matches(['p', 'x', 'e', 'm', 'r', '%']) == "0" => {
                effect = Effect::Hidden;
            }
            "color" => color = Some(value),
            "background" | "background-color" => background = Some(value),
            _ => {}
        }
    }
    if effect == Effect::Hidden {
        return effect;
    }
    match (color, background) {
        (Some(color), Some(background))
            if background
                .split_whitespace()
                .any(|part| same_colour(part, &color)) =>
        {
            Effect::BlackedOut
        }
        _ => Effect::Shown,
    }
}

/// Whether two CSS colour values name the same colour (`#000`, `#000000`, `black`,
/// `rgb(0,0,0)`).
fn same_colour(a: &str, b: &str) -> bool {
    match (rgb(a), rgb(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

fn rgb(value: &str) -> Option<(u8, u8, u8)> {
    let value = value.trim();
    let named = match value {
        "black" => Some((0, 0, 0)),
        "white" => Some((255, 255, 255)),
        "gray" | "grey" => Some((128, 128, 128)),
        "red" => Some((255, 0, 0)),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    if let Some(hex) = value.strip_prefix('#') {
        let digit = |at: usize, width: usize| {
            u8::from_str_radix(hex.get(at..at + width)?, 16)
                .ok()
                .map(|v| if width == 1 { v * 17 } else { v })
        };
        return match hex.len() {
            3 | 4 => Some((digit(0, 1)?, digit(1, 1)?, digit(2, 1)?)),
            6 | 8 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        };
    }
    let inner = value
        .strip_prefix("rgba(")
        .or_else(|| value.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let mut parts = inner
        .split([',', ' ', '/'])
        .filter(|part| !part.is_empty())
        .map(|part| part.parse::<u8>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_and_blacking_out_are_told_from_ordinary_styles() {
        assert_eq!(effect_of("display: none"), Effect::Hidden);
        assert_eq!(effect_of("Visibility:HIDDEN !important"), Effect::Hidden);
        assert_eq!(effect_of("opacity:0"), Effect::Hidden);
        assert_eq!(effect_of("font-size:0px"), Effect::Hidden);
        assert_eq!(effect_of("background:#000;color:#000"), Effect::BlackedOut);
        assert_eq!(
            effect_of("color:black; background-color:#000000"),
            Effect::BlackedOut
        );
        assert_eq!(
            effect_of("color:rgb(0, 0, 0);background:rgb(0,0,0)"),
            Effect::BlackedOut
        );
        assert_eq!(effect_of("color:#333;background:#fff"), Effect::Shown);
        assert_eq!(effect_of("font-size:0.9em;opacity:0.8"), Effect::Shown);
    }

    #[test]
    fn simple_rules_of_a_style_sheet_are_read_and_others_reported() {
        let mut sheet = Sheet::default();
        sheet.add("/* x */ .hid, p.secret { display:none } #bar{color:#000;background:#000} a:hover{display:none}");
        assert!(sheet.unread);
        let html = scraper::Html::parse_fragment(
            "<p class=\"hid\">a</p><p class=\"secret x\">b</p><span id=\"bar\">c</span><p>d</p>",
        );
        let effects: Vec<Effect> = html
            .tree
            .root()
            .descendants()
            .filter_map(|node| node.value().as_element())
            .filter(|element| matches!(element.name(), "p" | "span"))
            .map(|element| sheet.effect(element))
            .collect();
        assert_eq!(
            effects,
            [
                Effect::Hidden,
                Effect::Hidden,
                Effect::BlackedOut,
                Effect::Shown
            ]
        );
    }
}
