//! What a page's styles do to its text, as far as Kairan can tell without a browser: the
//! element's `style` attribute and the simple rules (`p`, `.class`, `#id`, `p.class`) of the
//! page's own screen style sheets, cascaded by specificity and order, give each element its
//! `display`, `visibility`, `opacity`, text colour and background. The walk inherits colour,
//! background and visibility down the tree ([`Paint`]): text not shown (`display:none`,
//! `visibility:hidden`, `opacity:0`, a transparent colour, text the colour of its background
//! when light) is dropped; text drawn dark on a background of its own colour (a redaction bar
//! made with CSS) becomes a mask, and its words are never carried. Rules Kairan does not read
//! (an outside style sheet, a selector with combinators, `@media`) are reported so that a
//! person compares the import with the page as shown.

use scraper::node::Element;

/// An RGBA colour.
pub(super) type Colour = (u8, u8, u8, u8);

/// What the cascade gives one element.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Declared {
    /// `display:none`.
    pub(super) display_none: bool,
    /// `visibility`: `Some(false)` hidden, `Some(true)` visible again, `None` inherited.
    pub(super) visible: Option<bool>,
    /// `opacity` at (or near) zero.
    pub(super) transparent: bool,
    /// `color`.
    pub(super) color: Option<Colour>,
    /// `background` / `background-color`.
    pub(super) background: Option<Colour>,
}

/// The colours and visibility text inherits from the elements around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Paint {
    pub(super) color: Colour,
    pub(super) background: Colour,
    pub(super) visible: bool,
}

impl Default for Paint {
    fn default() -> Self {
        Paint {
            color: (0, 0, 0, 255),
            background: (255, 255, 255, 255),
            visible: true,
        }
    }
}

/// How text painted with a [`Paint`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shows {
    /// Readable.
    Text,
    /// Not at all (hidden, transparent, light on its own colour).
    Nothing,
    /// As a dark bar: dark text on a background of its own colour.
    Bar,
}

impl Paint {
    /// The paint of an element inside this one, with what the cascade gives it.
    pub(super) fn inner(self, declared: &Declared) -> Paint {
        Paint {
            color: declared.color.unwrap_or(self.color),
            background: declared
                .background
                .filter(|background| background.3 > 128)
                .unwrap_or(self.background),
            visible: declared.visible.unwrap_or(self.visible),
        }
    }

    /// How text shows in this paint.
    pub(super) fn shows(self) -> Shows {
        if !self.visible || self.color.3 < 16 {
            return Shows::Nothing;
        }
        let luminance =
            |(r, g, b, _): Colour| (u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b)) / 10;
        let (text, ground) = (luminance(self.color), luminance(self.background));
        let difference = text.abs_diff(ground);
        // Dark on dark is a redaction bar; light on light the same colour is simply unseen
        // (faint grey on white is still text).
        if text.max(ground) < 128 && difference < 56 {
            Shows::Bar
        } else if difference < 12 {
            Shows::Nothing
        } else {
            Shows::Text
        }
    }
}

/// The simple rules of a page's screen style sheets.
#[derive(Debug, Default)]
pub(super) struct Sheet {
    rules: Vec<Rule>,
    /// Whether the page has style it does not read: outside sheets, `@` rules, selectors
    /// with combinators or pseudo-classes.
    pub(super) unread: bool,
    /// Class and id names match whatever their case (a page without a doctype, read in
    /// quirks mode as browsers do).
    pub(super) any_case: bool,
}

#[derive(Debug)]
struct Rule {
    selector: Selector,
    /// Ids, classes, tag: the order in which rules win.
    specificity: (usize, usize, usize),
    declarations: Vec<(String, String)>,
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
            let declarations = declarations_of(declarations);
            if declarations.is_empty() {
                continue;
            }
            for selector in selectors.split(',') {
                match parse_selector(selector.trim()) {
                    Some(selector) => self.rules.push(Rule {
                        specificity: (
                            usize::from(selector.id.is_some()),
                            selector.classes.len(),
                            usize::from(selector.tag.is_some()),
                        ),
                        selector,
                        declarations: declarations.clone(),
                    }),
                    None => self.unread = true,
                }
            }
        }
    }

    /// What the page's rules and the element's own `style` attribute give it (the last
    /// declaration of the most specific rule winning, the attribute over every rule).
    pub(super) fn declared(&self, element: &Element) -> Declared {
        let mut matching: Vec<(usize, &Rule)> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.selector.matches(element, self.any_case))
            .collect();
        matching.sort_by_key(|(order, rule)| (rule.specificity, *order));
        let mut declared = Declared::default();
        for (_, rule) in matching {
            apply(&mut declared, &rule.declarations);
        }
        if let Some(colour) = element.attr("color").and_then(colour_of) {
            // `<font color>`, under any style.
            declared.color = Some(colour);
        }
        if let Some(style) = element.attr("style") {
            apply(&mut declared, &declarations_of(style));
        }
        declared
    }
}

/// Applies declarations in order (a later one of the same property wins).
fn apply(declared: &mut Declared, declarations: &[(String, String)]) {
    for (property, value) in declarations {
        match property.as_str() {
            "display" => declared.display_none = value == "none",
            "visibility" => declared.visible = Some(!(value == "hidden" || value == "collapse")),
            "opacity" => {
                let number = value
                    .strip_suffix('%')
                    .map_or(value.parse::<f32>().ok(), |percent| {
                        percent.parse::<f32>().ok().map(|percent| percent / 100.0)
                    });
                declared.transparent = number.is_some_and(|opacity| opacity <= 0.05);
            }
            "color" => declared.color = colour_of(value).or(declared.color),
            "background" | "background-color" => {
                if let Some(colour) = colour_in(value) {
                    declared.background = Some(colour);
                }
            }
            _ => {}
        }
    }
}

/// `property: value; …` as lower-case pairs, spaces inside values collapsed and
/// `!important` dropped.
fn declarations_of(text: &str) -> Vec<(String, String)> {
    text.split(';')
        .filter_map(|declaration| {
            let (property, value) = declaration.split_once(':')?;
            let value = value.to_ascii_lowercase().replace("!important", "");
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            Some((property.trim().to_ascii_lowercase(), value))
        })
        .filter(|(property, _)| {
            matches!(
                property.as_str(),
                "display" | "visibility" | "opacity" | "color" | "background" | "background-color"
            )
        })
        .collect()
}

impl Selector {
    fn matches(&self, element: &Element, any_case: bool) -> bool {
        let same = |a: &str, b: &str| {
            if any_case {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        self.tag
            .as_deref()
            .is_none_or(|tag| tag.eq_ignore_ascii_case(element.name()))
            && self
                .id
                .as_deref()
                .is_none_or(|id| element.attr("id").is_some_and(|own| same(own, id)))
            && self.classes.iter().all(|class| {
                element.attr("class").is_some_and(|classes| {
                    classes.split_ascii_whitespace().any(|own| same(own, class))
                })
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
    let name_end = text.find(['.', '#']).unwrap_or(text.len());
    if name_end > 0 {
        selector.tag = Some(text[..name_end].to_owned());
    }
    let mut rest = &text[name_end..];
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

/// The first colour in a `background` shorthand (`#000 url(x) no-repeat`).
fn colour_in(value: &str) -> Option<Colour> {
    let mut depth = 0;
    let mut start = 0;
    let mut words = Vec::new();
    for (at, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ' ' if depth == 0 => {
                words.push(&value[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    words.push(&value[start..]);
    words.into_iter().find_map(colour_of)
}

/// A CSS colour value (`#000`, `#000000`, `#0000` with alpha, `black`, `transparent`,
/// `rgb(0, 0, 0)`, `rgba(0 0 0 / 0)`).
fn colour_of(value: &str) -> Option<Colour> {
    let value = value.trim().to_ascii_lowercase();
    let named = match value.as_str() {
        "black" => Some((0, 0, 0, 255)),
        "white" => Some((255, 255, 255, 255)),
        "gray" | "grey" => Some((128, 128, 128, 255)),
        "red" => Some((255, 0, 0, 255)),
        "transparent" => Some((0, 0, 0, 0)),
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
            3 => Some((digit(0, 1)?, digit(1, 1)?, digit(2, 1)?, 255)),
            4 => Some((digit(0, 1)?, digit(1, 1)?, digit(2, 1)?, digit(3, 1)?)),
            6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?, 255)),
            8 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?, digit(6, 2)?)),
            _ => None,
        };
    }
    let inner = value
        .strip_prefix("rgba(")
        .or_else(|| value.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let parts: Vec<&str> = inner
        .split([',', ' ', '/'])
        .filter(|part| !part.is_empty())
        .collect();
    let channel = |part: &str| -> Option<u8> {
        match part.strip_suffix('%') {
            Some(percent) => percent
                .parse::<f32>()
                .ok()
                .map(|p| (p.clamp(0.0, 100.0) * 2.55) as u8),
            None => part.parse::<f32>().ok().map(|v| v.clamp(0.0, 255.0) as u8),
        }
    };
    let alpha = match parts.get(3) {
        Some(part) => match part.strip_suffix('%') {
            Some(percent) => (percent.parse::<f32>().ok()? * 2.55) as u8,
            None => (part.parse::<f32>().ok()?.clamp(0.0, 1.0) * 255.0) as u8,
        },
        None => 255,
    };
    Some((
        channel(parts.first()?)?,
        channel(parts.get(1)?)?,
        channel(parts.get(2)?)?,
        alpha,
    ))
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

    fn shows(style: &str) -> Shows {
        let html = scraper::Html::parse_fragment(&format!("<p style=\"{style}\">x</p>"));
        let element = html
            .tree
            .root()
            .descendants()
            .filter_map(|node| node.value().as_element())
            .find(|element| element.name() == "p")
            .unwrap();
        let declared = Sheet::default().declared(element);
        if declared.display_none || declared.transparent {
            return Shows::Nothing;
        }
        Paint::default().inner(&declared).shows()
    }

    #[test]
    fn hiding_and_blacking_out_are_told_from_ordinary_styles() {
        assert_eq!(shows("display: none"), Shows::Nothing);
        assert_eq!(shows("Visibility:HIDDEN !important"), Shows::Nothing);
        assert_eq!(shows("opacity:0%"), Shows::Nothing);
        assert_eq!(shows("color:transparent"), Shows::Nothing);
        assert_eq!(shows("color:rgba(0,0,0,0)"), Shows::Nothing);
        assert_eq!(
            shows("color:#fff"),
            Shows::Nothing,
            "white on the page's white"
        );
        assert_eq!(shows("background:#000;color:#000"), Shows::Bar);
        assert_eq!(shows("background:#000"), Shows::Bar, "default black text");
        assert_eq!(
            shows("color:rgb(0, 0, 0);background:rgb(0, 0, 0)"),
            Shows::Bar
        );
        assert_eq!(shows("background:#222 url(x.png) no-repeat"), Shows::Bar);
        assert_eq!(shows("background:#000;color:#fff"), Shows::Text);
        assert_eq!(shows("color:#333;background:#fff"), Shows::Text);
        assert_eq!(shows("display:none;display:block"), Shows::Text);
        assert_eq!(shows("font-size:0;opacity:0.8"), Shows::Text);
    }

    #[test]
    fn rules_cascade_by_specificity_and_order_and_others_are_reported() {
        let mut sheet = Sheet::default();
        sheet.add(
            "/* x */ .hid, p.secret { display:none } #bar{color:#000;background:#000} \
             a:hover{display:none} .pc{display:none} .pc{display:block} p{display:none} .shown{display:block}",
        );
        assert!(sheet.unread);
        let html = scraper::Html::parse_fragment(
            "<p class=\"hid\">a</p><p class=\"secret x\">b</p><span id=\"bar\">c</span>\
             <span class=\"pc\">d</span><p class=\"shown\">e</p>",
        );
        let declared: Vec<Declared> = html
            .tree
            .root()
            .descendants()
            .filter_map(|node| node.value().as_element())
            .filter(|element| matches!(element.name(), "p" | "span"))
            .map(|element| sheet.declared(element))
            .collect();
        let hidden: Vec<bool> = declared.iter().map(|d| d.display_none).collect();
        assert_eq!(hidden, [true, true, false, false, false]);
        assert_eq!(Paint::default().inner(&declared[2]).shows(), Shows::Bar);
    }
}
