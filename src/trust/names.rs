//! When two names are "the same name" to a reader's eye: the comparison behind every
//! impersonation check (a bundle claiming a trusted name, a second key trusted under a name
//! another key holds).
//!
//! Two names collide when their [`skeleton`]s are equal: after compatibility normalisation
//! (NFKC: full-width Latin, Kangxi radicals, compatibility ideographs), the UTS #39 confusable
//! skeleton (Cyrillic `а` and Latin `a`, Greek `Μ` and Latin `M` are one letter), case folding,
//! the skeleton once more (for letters whose lower case is the look-alike), and keeping only
//! letters and digits: whitespace, punctuation and separators (`-`, `・`, `ー`, the braille
//! blank) and characters that show nothing (zero-width, bidi controls, variation selectors,
//! soft hyphen) do not tell names apart. Text under a right-to-left override is also compared
//! in the order it is displayed in.
//!
//! Not covered: old and new forms of the same kanji (會/会, 勞/労), which no confusables
//! table lists; a reader who meets them is warned by neither side.

use unicode_normalization::UnicodeNormalization as _;

use crate::escape;

/// The form under which names are compared (see the module documentation).
pub fn skeleton(name: &str) -> String {
    forms(name).swap_remove(0)
}

/// The folded forms of a name: case folded then skeleton (so `MIKASA` and `Mikasa` meet,
/// although the skeleton of a capital `I` is `l`); skeleton, case folded, skeleton again (so
/// Greek `Μ`, whose lower case `μ` looks like no Latin letter, meets Latin `M`); and the same
/// from upper case (so Cyrillic capitals meet Latin letters of either case). Two names collide
/// when any form of one equals any form of the other.
fn forms(name: &str) -> Vec<String> {
    // Only letters and digits tell names apart, and katakana reads as hiragana (ミカサ = みかさ).
    // Dashes and rules are dropped before the skeleton, which would turn ― or — into 一.
    let shown: String = name
        .nfkc()
        .filter(|c| c.is_alphanumeric() && !escape::is_hidden(*c) && !matches!(c, 'ー' | 'ｰ'))
        .map(fold_lookalike)
        .map(|c| match u32::from(c) {
            code @ 0x30A1..=0x30F6 => char::from_u32(code - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect();
    let lower = |text: &str| -> String { text.chars().flat_map(char::to_lowercase).collect() };
    let confusable =
        |text: &str| -> String { unicode_security::confusable_detection::skeleton(text).collect() };
    let letters =
        |text: String| -> String { text.chars().filter(|c| c.is_alphanumeric()).collect() };
    let upper: String = shown.chars().flat_map(char::to_uppercase).collect();
    vec![
        letters(confusable(&lower(&shown))),
        letters(confusable(&lower(&confusable(&shown)))),
        letters(confusable(&lower(&confusable(&upper)))),
    ]
}

/// Whether `a` and `b` would look like the same name to a reader. A name with no letters or
/// digits collides with nothing (and cannot be given to a key).
pub fn collide(a: &str, b: &str) -> bool {
    let theirs = skeletons(b);
    skeletons(a)
        .iter()
        .any(|ours| !ours.is_empty() && theirs.contains(ours))
}

/// Whether `line` (an issuer line or title of a letter) names `name`: equal to it, or, for a
/// name of four characters or more, holding it.
pub fn mentions(line: &str, name: &str) -> bool {
    let lines = skeletons(line);
    forms(name)
        .iter()
        .filter(|name| !name.is_empty())
        .any(|name| {
            lines.iter().any(|line| {
                line == name || (name.chars().count() >= 4 && line.contains(name.as_str()))
            })
        })
}

/// The folded forms of `name` as stored, and as displayed when it holds right-to-left
/// overrides.
fn skeletons(name: &str) -> Vec<String> {
    let mut all = forms(name);
    let displayed = displayed_order(name);
    if displayed != name {
        all.extend(forms(&displayed));
    }
    all
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

/// Look-alikes that the UTS #39 confusables data (and NFKC) leave apart but a Japanese reader
/// cannot tell apart in a name: kanji that look like katakana (力/カ, 夕/タ, 八/ハ, 口/ロ, 工/エ,
/// 二/ニ, 卜/ト, 才/オ), small kana and their full-size forms (ヵ/カ, ぁ/あ), a few kanji pairs
/// (入/人, 亊/事), and small capitals (ᴍɪᴋᴀsᴀ). A short supplement to the crate's table, kept
/// here because no maintained table covers it; each entry errs towards a collision.
fn fold_lookalike(c: char) -> char {
    match c {
        '力' => 'カ',
        '夕' => 'タ',
        '八' => 'ハ',
        '口' => 'ロ',
        '工' => 'エ',
        '二' => 'ニ',
        '卜' => 'ト',
        '才' => 'オ',
        '入' => '人',
        '亊' => '事',
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        'ぁ' | 'ァ' => 'ア',
        'ぃ' | 'ィ' => 'イ',
        'ぅ' | 'ゥ' => 'ウ',
        'ぇ' | 'ェ' => 'エ',
        'ぉ' | 'ォ' => 'オ',
        'っ' | 'ッ' => 'ツ',
        'ゃ' | 'ャ' => 'ヤ',
        'ゅ' | 'ュ' => 'ユ',
        'ょ' | 'ョ' => 'ヨ',
        'ゎ' | 'ヮ' => 'ワ',
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        other => other,
    }
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
            "みかさ・社会保険労務士法人",
            "みかさ―社会保険労務士法人",
            "ミカサ社会保険労務士法人",
            "ﾐｶｻ社会保険労務士法人",
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
            "Μikasa SR Office", // Greek capital Mu
            "Мikasa SR Office", // Cyrillic capital Em
            "МІКАЅА ЅR ОFFІСЕ", // Cyrillic capitals
            "ΜΙΚΑSΑ SR ΟFFΙCΕ", // Greek capitals
            "Mikasa\u{2800}SR Office",
            "Mikasa-SR-Office",
            "Mikasa・SR・Office",
            "Mikasa—SR—Office",
            "Mikasa―SR―Office",
            "Mikasa─SR─Office",
            "\u{202E}eciffO RS asakiM\u{202C}",
        ] {
            assert!(collide(variant, "Mikasa SR Office"), "{variant:?}");
        }
    }

    #[test]
    fn kanji_small_kana_and_small_capitals_that_look_the_same_collide() {
        for (trusted, lookalike) in [
            ("タカハシ商事", "タ力ハシ商事"),
            ("タカハシ商事", "夕カ八シ商事"),
            ("ロイヤル工業", "口イヤル工業"),
            ("タカハシ商事", "タヵハシ商事"),
            ("きって商店", "きつて商店"),
            ("人見事務所", "入見事務所"),
            ("mikasa partners", "ᴍɪᴋᴀsᴀ ᴘᴀʀᴛɴᴇʀs"),
        ] {
            assert!(collide(trusted, lookalike), "{trusted} / {lookalike}");
        }
    }

    #[test]
    fn different_names_do_not_collide() {
        assert!(!collide("みかさ社会保険労務士法人", "みかさ税理士法人"));
        assert!(!collide("Mikasa", "Mikasa SR Office"));
        assert!(!collide("Tanaka", "Nakata"));
    }

    #[test]
    fn long_vowel_marks_and_dashes_do_not_tell_names_apart() {
        assert!(collide("エムケイシステム", "エムケイシステム"));
        assert!(collide("サーバ株式会社", "サ‐バ株式会社"));
        assert!(collide("サーバ株式会社", "サ－バ株式会社"));
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
