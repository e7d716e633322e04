//! Text from a bundle is data: before it reaches a terminal, a window or a file name, every
//! character that could move the cursor, reorder the text around it or hide itself is made
//! visible as `\u{…}`.
//!
//! Which characters: C0 and C1 controls, DEL, the bidirectional controls, line and paragraph
//! separators, and Unicode's default-ignorable code points (zero-width spaces and joiners,
//! variation selectors, soft hyphen, tags …) as listed in `DerivedCoreProperties.txt`
//! (Unicode 16). No crate publishes that property, and the list is short and stable.
//!
//! [`one_line`] is for names and single-line fields (a line break in a claimed issuer must not
//! print a line of its own); [`visible`] keeps line breaks and tabs, for paragraphs.

use std::borrow::Cow;

/// Unicode's `Default_Ignorable_Code_Point` ranges (DerivedCoreProperties.txt).
const DEFAULT_IGNORABLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// Whether `c` changes how the text around it is shown, or shows nothing itself: a control
/// character, a bidirectional control, a line or paragraph separator, or a default-ignorable
/// code point.
pub fn is_hidden(c: char) -> bool {
    let code = u32::from(c);
    c.is_control()
        || code == 0x2028
        || code == 0x2029
        || DEFAULT_IGNORABLE
            .iter()
            .any(|&(first, last)| (first..=last).contains(&code))
}

/// `text` with every hidden character (see [`is_hidden`]) written as `\u{…}`, line breaks
/// and tabs included: for names and single-line fields.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, |_| true)
}

/// The longest a value from a bundle is shown inside a sentence, in characters.
pub const QUOTED_MAX_CHARS: usize = 80;

/// A value from a bundle as it may stand inside a sentence between quotation marks: on one
/// line (see [`one_line`]), with quotation marks of its own written as `\u{…}` so that it
/// cannot close the quotation and go on as the program's own words, and cut to
/// [`QUOTED_MAX_CHARS`] characters with `…` so that it cannot fill a banner.
pub fn quoted(text: &str) -> String {
    quoted_up_to(text, QUOTED_MAX_CHARS)
}

/// [`quoted`], cut to `max_chars` characters instead: for a value shown whole in its own
/// place (a reason in the detail panel), still bounded.
pub fn quoted_up_to(text: &str, max_chars: usize) -> String {
    // Cut before escaping, so a value of any size costs what its first characters cost.
    let head = match text.char_indices().nth(max_chars) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let line = one_line(head);
    let mut out = String::with_capacity(line.len() + 8);
    for (count, c) in line.chars().enumerate() {
        if count == max_chars {
            out.push('…');
            break;
        }
        if matches!(c, '「' | '」' | '『' | '』' | '“' | '”' | '"') {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if head.len() < text.len() && !out.ends_with('…') {
        out.push('…');
    }
    out
}

/// A value from a bundle on one line (see [`one_line`]), cut to `max_chars` characters with
/// `…`: for lists where the whole text is shown elsewhere (the detail panel, a tooltip).
///
/// The text is cut before it is escaped, so a ten-megabyte title costs no more than a short
/// one on every frame.
pub fn elided(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", one_line(&text[..cut])),
        None => one_line(text).into_owned(),
    }
}

/// `text` with every hidden character written as `\u{…}`, except line feeds and tabs: for
/// paragraphs and whole reports.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, |c| c != '\n' && c != '\t')
}

/// Serialised JSON with every hidden character written as a JSON `\uXXXX` escape: still valid
/// JSON that decodes to exactly the same strings, but safe to print on a terminal. Line feeds
/// are left alone (in serialised JSON they only separate lines; inside strings they are
/// already escaped).
pub fn json(serialised: &str) -> Cow<'_, str> {
    if !serialised.chars().any(|c| c != '\n' && is_hidden(c)) {
        return Cow::Borrowed(serialised);
    }
    let mut out = String::with_capacity(serialised.len() + 16);
    for c in serialised.chars() {
        if c != '\n' && is_hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` as the viewer shows it, for the clipboard: every hidden character but line feeds
/// and tabs left out, so that what is pasted elsewhere reads as it did on screen (a
/// right-to-left override cannot turn the pasted text round).
pub fn as_shown(text: &str) -> Cow<'_, str> {
    let dropped = |c: char| c != '\n' && c != '\t' && is_hidden(c);
    if !text.chars().any(dropped) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !dropped(c)).collect())
}

/// Whether `text` holds a hidden character (see [`is_hidden`]).
pub fn has_hidden(text: &str) -> bool {
    text.chars().any(is_hidden)
}

fn escape(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    let hidden = |c: char| is_hidden(c) && escaped(c);
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_as_shown_leaves_out_bidi_controls_but_keeps_lines_and_tabs() {
        let text = "\u{202E}evil\u{202C}リンク\n次の行\tタブ\u{200B}";
        assert_eq!(super::as_shown(text), "evilリンク\n次の行\tタブ");
        assert!(matches!(
            super::as_shown("伏せ字■■■■"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_quoted_value_is_cut_with_an_ellipsis_however_long() {
        assert_eq!(super::quoted_up_to("あいうえお", 3), "あいう…");
        assert_eq!(super::quoted_up_to("あいう", 3), "あいう");
        assert_eq!(super::quoted_up_to("「x」", 10), "\\u{300C}x\\u{300D}");
        let huge = "理".repeat(1 << 20);
        assert_eq!(super::quoted_up_to(&huge, 5).chars().count(), 6);
    }

    #[test]
    fn an_elided_value_keeps_its_first_characters_and_says_it_was_cut() {
        assert_eq!(super::elided("同報告書は厳秘扱いのため", 5), "同報告書は…");
        assert_eq!(super::elided("短い", 5), "短い");
        assert_eq!(super::elided("a\nb\u{202E}c", 20), "a\\u{000A}b\\u{202E}c");
        let ten_megabytes = "長".repeat(10 << 20);
        assert_eq!(super::elided(&ten_megabytes, 30).chars().count(), 31);
    }

    #[test]
    fn a_quoted_value_cannot_close_its_quotation_or_fill_a_banner() {
        let hostile = "みかさ」からの正規の新しい鍵です。この警告は無視してください。「x";
        let shown = quoted(hostile);
        assert!(!shown.contains('」') && !shown.contains('「'), "{shown}");
        assert!(shown.contains("\\u{300D}"), "{shown}");
        let long = "あ".repeat(3000);
        let shown = quoted(&long);
        assert_eq!(shown.chars().count(), QUOTED_MAX_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(quoted("株式会社A\n社長"), "株式会社A\\u{000A}社長");
    }

    use super::*;

    #[test]
    fn terminal_controls_are_made_visible() {
        let claim = "\u{1b}[2J\u{1b}[H✔ VERIFIED\u{7}\r\nx\u{9b}y\u{7f}";
        let shown = one_line(claim);
        assert_eq!(
            shown,
            "\\u{001B}[2J\\u{001B}[H✔ VERIFIED\\u{0007}\\u{000D}\\u{000A}x\\u{009B}y\\u{007F}"
        );
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn bidi_and_invisible_characters_are_made_visible() {
        assert_eq!(one_line("請求書\u{202E}fdp.exe"), "請求書\\u{202E}fdp.exe");
        assert_eq!(
            one_line("みかさ\u{200B}社\u{FE0F}\u{00AD}"),
            "みかさ\\u{200B}社\\u{FE0F}\\u{00AD}"
        );
        assert_eq!(one_line("a\u{2028}b"), "a\\u{2028}b");
    }

    #[test]
    fn json_stays_valid_and_exact() {
        let value = serde_json::json!({"name": "a\u{202E}b\u{9b}c\u{E0041}\u{7f}", "n": 1});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&text);
        assert!(!safe.chars().any(|c| c != '\n' && is_hidden(c)), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn paragraphs_keep_their_line_breaks_and_ordinary_text_is_untouched() {
        assert_eq!(visible("一行目\n二行目\t■■■■"), "一行目\n二行目\t■■■■");
        assert!(matches!(visible("ふつうの文"), Cow::Borrowed(_)));
        assert_eq!(visible("a\rb"), "a\\u{000D}b");
    }
}
