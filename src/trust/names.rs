//! When two names are "the same name" to a reader's eye: the comparison behind every
//! impersonation check (a bundle claiming a trusted name, a second key trusted under a name
//! another key holds).
//!
//! Two names collide when their [`skeleton`]s are equal: after compatibility normalisation
//! (NFKC: full-width Latin, Kangxi radicals, compatibility ideographs), case folding, removal
//! of whitespace and of characters that show nothing (zero-width, bidi controls, variation
//! selectors, soft hyphen), and the UTS #39 confusable skeleton (Cyrillic `а` and Latin `a`
//! are one letter). Text under a right-to-left override is also compared in the order it is
//! displayed in.

use unicode_normalization::UnicodeNormalization as _;

use crate::escape;

/// The form under which names are compared (see the module documentation).
pub fn skeleton(name: &str) -> String {
    let folded: String = name
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !escape::is_hidden(*c))
        .collect();
    unicode_security::confusable_detection::skeleton(&folded).collect()
}

/// Whether `a` and `b` would look like the same name to a reader.
pub fn collide(a: &str, b: &str) -> bool {
    let theirs = skeletons(b);
    skeletons(a).iter().any(|ours| theirs.contains(ours))
}

/// Whether `line` (an issuer line or title of a letter) names `name`: equal to it, or, for a
/// name of four characters or more, holding it.
pub fn mentions(line: &str, name: &str) -> bool {
    let name = skeleton(name);
    if name.is_empty() {
        return false;
    }
    skeletons(line)
        .iter()
        .any(|line| *line == name || (name.chars().count() >= 4 && line.contains(name.as_str())))
}

/// The skeleton of `name` as stored, and as displayed when it holds right-to-left overrides.
fn skeletons(name: &str) -> Vec<String> {
    let mut forms = vec![skeleton(name)];
    let displayed = displayed_order(name);
    if displayed != name {
        forms.push(skeleton(&displayed));
    }
    forms
}

/// `text` in the order a display shows it, as far as explicit right-to-left overrides and
/// isolates go (U+202E, U+2067 … U+202C, U+2069): each such run is reversed.
fn displayed_order(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<String> = None;
    for c in text.chars() {
        match (c, &mut run) {
            ('\u{202E}' | '\u{2067}' | '\u{202B}', None) => run = Some(String::new()),
            ('\u{202C}' | '\u{2069}', Some(reversed)) => {
                out.extend(reversed.chars().rev());
                run = None;
            }
            (c, Some(reversed)) => reversed.push(c),
            (c, None) => out.push(c),
        }
    }
    if let Some(reversed) = run {
        out.extend(reversed.chars().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRM: &str = "みかさ社会保険労務士法人";

    #[test]
    fn look_alikes_of_a_japanese_name_collide() {
        for variant in [
            "みかさ社会保険労務士法人 ",
            " みかさ社会保険労務士法人",
            "みかさ\u{200B}社会保険労務士法人",
            "みかさ\u{2060}社会保険労務士法人",
            "みかさ\u{200D}社会保険労務士法人",
            "みかさ社会保険労務士法人\u{FE0F}",
            "みかさ社会保険\u{00AD}労務士法人",
            "みかさ社会保険労務士法\u{2F08}", // KANGXI RADICAL MAN for 人
            "みかさ社会保険労務士法人\u{3000}",
            "みかさ社会保険労務士\u{00A0}法人",
            "みかさ  社会保険労務士法人",
        ] {
            assert!(collide(variant, FIRM), "{variant:?} should collide");
        }
    }

    #[test]
    fn look_alikes_of_a_latin_name_collide() {
        for variant in [
            "Mikasa SR Office",
            "mikasa sr office",
            "ＭＩＫＡＳＡ ＳＲ Ｏｆｆｉｃｅ",
            "Mikаsa SR Office", // Cyrillic а
            "Mikasa SR Οffice", // Greek Ο
            "\u{202E}eciffO RS asakiM\u{202C}",
        ] {
            assert!(collide(variant, "Mikasa SR Office"), "{variant:?}");
        }
    }

    #[test]
    fn different_names_do_not_collide() {
        assert!(!collide("みかさ社会保険労務士法人", "みかさ税理士法人"));
        assert!(!collide("Mikasa", "Mikasa SR Office"));
    }

    #[test]
    fn an_issuer_line_that_holds_a_name_mentions_it() {
        assert!(mentions(
            "社会保険労務士法人　みかさ社会保険労務士法人",
            FIRM
        ));
        assert!(mentions("みかさ社会保険労務士法人 代表社員", FIRM));
        assert!(!mentions("株式会社エムケイシステム", FIRM));
        // Short names must match a whole line.
        assert!(!mentions("ABC Holdings", "ABC"));
        assert!(mentions("abc", "ABC"));
    }
}
