//! Finding text in letters the way a reader means it: full-width and half-width forms, and
//! upper and lower case, count as the same (both sides are NFKC-folded), and every hit maps
//! back to the characters the reader sees.
//!
//! Plain Rust with no widgets: the viewer's Find highlights what this returns, and the library
//! of received notices ([`crate::library`]) indexes and searches text folded the same way.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;

/// Text folded for matching, remembering which original characters each folded one came from.
struct Folded {
    chars: Vec<char>,
    /// For each folded character, the range of original characters it stands for.
    origin: Vec<Range<usize>>,
}

/// `text` folded for matching (NFKC, lower case, half-width voicing marks joined to their
/// kana): what an index stores and a query is compared with, so that `ＡＷＳ` finds `aws` and
/// `ｻｰﾊﾞ` finds `サーバ`.
pub fn folded(text: &str) -> String {
    fold(text).chars.into_iter().collect()
}

fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        chars: Vec::new(),
        origin: Vec::new(),
    };
    for (index, original) in text.chars().enumerate() {
        for normal in std::iter::once(original)
            .nfkc()
            .flat_map(char::to_lowercase)
        {
            // Half-width katakana carry their voicing mark as a separate character; join it
            // to the kana before it so that ｶﾞ matches ガ.
            if let (Some(last), Some(origin)) = (folded.chars.last_mut(), folded.origin.last_mut())
                && let Some(composed) = unicode_normalization::char::compose(*last, normal)
            {
                *last = composed;
                origin.end = index + 1;
                continue;
            }
            folded.chars.push(normal);
            folded.origin.push(index..index + 1);
        }
    }
    folded
}

/// A search query, folded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    folded: Vec<char>,
}

impl Query {
    /// Folds `text`; `None` if nothing is left to look for.
    pub fn new(text: &str) -> Option<Self> {
        let folded: Vec<char> = fold(text.trim()).chars;
        (!folded.is_empty()).then_some(Query { folded })
    }

    /// The folded query, as [`folded`] gives it.
    pub fn folded(&self) -> String {
        self.folded.iter().collect()
    }

    /// Character ranges of `text` (in characters of the original) that match, in order and
    /// without overlap.
    pub fn find_in(&self, text: &str) -> Vec<Range<usize>> {
        let haystack = fold(text);
        let needle = &self.folded;
        let mut hits = Vec::new();
        let mut start = 0;
        while start + needle.len() <= haystack.chars.len() {
            if haystack.chars[start..start + needle.len()] == needle[..] {
                let end = start + needle.len() - 1;
                hits.push(haystack.origin[start].start..haystack.origin[end].end);
                start += needle.len();
            } else {
                start += 1;
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(query: &str, text: &str) -> Vec<Range<usize>> {
        Query::new(query).unwrap().find_in(text)
    }

    #[test]
    fn full_width_letters_match_half_width_queries() {
        assert_eq!(find("aws", "ＡＷＳ上の両面"), vec![0..3]);
        assert_eq!(find("ＡＷＳ", "AWS(Amazon Web Services)"), vec![0..3]);
    }

    #[test]
    fn half_width_katakana_match_full_width_queries() {
        assert_eq!(find("サーバ", "ｻｰﾊﾞの調査"), vec![0..4]);
    }

    #[test]
    fn a_folded_symbol_maps_back_to_the_one_character_shown() {
        // ㈱ folds to (株); a hit inside it covers the whole symbol.
        assert_eq!(find("(株)", "㈱エムケイ"), vec![0..1]);
        assert_eq!(find("①", "①情報"), vec![0..1]);
    }

    #[test]
    fn blank_queries_find_nothing() {
        assert_eq!(Query::new("  　"), None);
    }

    #[test]
    fn folded_text_is_what_a_folded_query_finds() {
        assert_eq!(folded("ＡＷＳのｻｰﾊﾞ"), "awsのサーバ");
        assert_eq!(Query::new(" ＡＷＳ ").unwrap().folded(), "aws");
    }

    #[test]
    fn hits_do_not_overlap() {
        assert_eq!(find("aa", "aaaa"), vec![0..2, 2..4]);
    }
}
