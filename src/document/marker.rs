//! Mask markers: what a masked field shows in place of the text it hides. A marker should
//! be symbols (■■■■) or a word that says "withheld" ([REDACTED], 非公開); a marker that is
//! readable text may be the very value it claims to hide. The authoring checks refuse such a
//! marker, and the viewer says so of one that reaches it.

/// Words that say "withheld" without saying what: markers made of them (`[REDACTED]`,
/// `<REDACTED CONTENT>`, 【非公開】) are conventional and hide nothing.
/// Longer words come before the words they contain.
const MARKER_WORDS: &[&str] = &[
    "REDACTED",
    "CONTENT",
    "TEXT",
    "INFORMATION",
    "MASKED",
    "MASK",
    "WITHHELD",
    "REMOVED",
    "N/A",
    "非公開",
    "非表示",
    "非開示",
    "黒塗り",
    "墨塗り",
    "黒塗",
    "墨消し",
    "伏せ字",
    "伏字",
    "マスキング",
    "マスク",
    "秘匿",
    "秘",
];

/// Whether a mask marker holds readable text — letters, kana, kanji or digits — beyond the
/// conventional marker words (㊙ reads as 秘) and runs of X (`XXXX`) or 〇. Such a marker is
/// shown to every reader and may be the hidden value itself
/// (`{{山田太郎 | reason: 個人情報のため}}`); even a description (`[REDACTED: customer name]`)
/// belongs in `label:`, where it is shown as a description and checked like any text.
pub fn is_readable_marker(marker: &str) -> bool {
    use unicode_normalization::UnicodeNormalization as _;
    let mut rest: String = marker.nfkc().collect::<String>().to_uppercase();
    for word in MARKER_WORDS {
        rest = rest.replace(word, " ");
    }
    // 〇 (U+3007) counts as a digit, but is what the IME gives for まる: a symbol here.
    let readable: Vec<char> = rest
        .chars()
        .filter(|&c| c.is_alphanumeric() && c != '〇')
        .collect();
    let only_x = readable.len() >= 2 && readable.iter().all(|&c| c == 'X');
    !readable.is_empty() && !only_x
}

#[cfg(test)]
mod tests {
    use super::is_readable_marker;

    #[test]
    fn readable_markers_are_told_from_symbols_and_marker_words() {
        for hides in [
            "■■■■",
            "＊＊＊＊",
            "○○",
            "××",
            "[REDACTED]",
            "<REDACTED CONTENT>",
            "【非公開】",
            "非公開",
            "XXXX",
            "ｘｘｘｘ",
            "█████",
            "〇〇〇〇",
            "㊙",
            "墨消し",
            "黒塗",
            "マスキング",
            "MASK",
            "N/A",
        ] {
            assert!(!is_readable_marker(hides), "{hides}");
        }
        for shows in [
            "山田太郎",
            "やまだ",
            "ヤマダ",
            "Taro",
            "1234",
            "１２３４",
            "非公開（山田）",
            "X",
            "[REDACTED: 山田太郎]",
            "[REDACTED: customer name] 山田",
            "REDACTED:山田",
            "非公開：山田太郎",
            "【非公開：山田太郎】",
            "○○様",
        ] {
            assert!(is_readable_marker(shows), "{shows}");
        }
    }
}
