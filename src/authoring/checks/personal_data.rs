//! Personal data left unmasked in a line: e-mail addresses, and runs of digits told apart by
//! shape and context — individual numbers (マイナンバー, with their check digit), basic pension
//! and employment insurance numbers, bank accounts, phone numbers — while dates, codes and
//! file names pass.
//!
//! Digits may be grouped the ways people type them: by spaces and tabs (also the full-width
//! U+3000 an IME puts in), hyphens and dashes of every width, ー, dots and ・, up to three of
//! them between two groups (`1234 - 5678`). An individual number is reported wherever twelve
//! digits of consecutive groups have a valid check digit — also inside a longer run of groups
//! (`2023-06-29 1234 5678 9018`) and when glued to letters (`No.123456789018`) — except where
//! the twelve digits are a date with a time (`2023-06-29 0004`, `202306290900`) or the run is
//! an IPv4 address: the check digit makes other false alarms unlikely, and a missed number is
//! a leak that cannot be taken back.

use super::{FindingDetail, Severity};

/// Every piece of personal data in one line of text, with its column (in characters): e-mail
/// addresses (warnings) and the numbers [`classify_number`] recognises.
pub(super) fn personal_data_in_line(line: &str) -> Vec<(usize, Severity, FindingDetail)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<(usize, Severity, FindingDetail)> = email_addresses(&chars)
        .into_iter()
        .map(|(column, address)| {
            (
                column,
                Severity::Warning,
                FindingDetail::EmailAddress { address },
            )
        })
        .collect();
    for token in number_tokens(&chars) {
        if let Some((severity, detail)) = classify_number(&token, line) {
            out.push((token.start, severity, detail));
        }
    }
    out
}

pub(super) fn email_addresses(chars: &[char]) -> Vec<(usize, String)> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let start = chars[..at]
            .iter()
            .rposition(|&c| !local(c))
            .map_or(0, |position| position + 1);
        let end = chars[at + 1..]
            .iter()
            .position(|&c| !domain(c))
            .map_or(chars.len(), |position| at + 1 + position);
        let host: String = chars[at + 1..end].iter().collect();
        let host = host.trim_end_matches('.');
        let tld_ok = host.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            let address: String = chars[start..at + 1 + host.len()].iter().collect();
            out.push((start, address));
        }
    }
    out
}

/// A run of digits and separators, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NumberToken {
    /// Column index of the first digit.
    pub(super) start: usize,
    /// The digit groups between separators.
    groups: Vec<String>,
    /// The separators between groups, as written (one fewer than the groups).
    separators: Vec<String>,
    /// Whether `+` comes right before it (an international phone number).
    plus: bool,
    /// Whether a letter, `.` or `/` touches it (an order code, a version, a file name): then
    /// only an individual number is reported.
    glued: bool,
}

fn digit(c: char) -> Option<char> {
    let c = crate::authoring::half_width_digit(c);
    c.is_ascii_digit().then_some(c)
}

/// A character that may stand between two groups of digits of one number: a dash, a dot, a
/// bracket, or any space (U+3000 and tabs included).
fn separator(c: char) -> bool {
    matches!(
        c,
        '-' | '‐'
            | '‑'
            | '–'
            | '—'
            | '―'
            | '−'
            | '－'
            | 'ー'
            | 'ｰ'
            | '.'
            | '．'
            | '・'
            | '･'
            | '('
            | ')'
            | '（'
            | '）'
    ) || c.is_whitespace()
}

/// The most separator characters that may stand between two groups of one number.
const MAX_SEPARATOR_RUN: usize = 3;

pub(super) fn number_tokens(chars: &[char]) -> Vec<NumberToken> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if digit(chars[index]).is_none() {
            index += 1;
            continue;
        }
        let start = index;
        let before = start.checked_sub(1).map(|i| chars[i]);
        // A letter or digit glued in front (e.g. an order code) makes it something else.
        let glued = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/');
        let mut groups = vec![String::new()];
        let mut separators = Vec::new();
        while index < chars.len() {
            let run = chars[index..]
                .iter()
                .take(MAX_SEPARATOR_RUN + 1)
                .take_while(|&&c| separator(c))
                .count();
            if let Some(d) = digit(chars[index]) {
                if let Some(group) = groups.last_mut() {
                    group.push(d);
                }
                index += 1;
            } else if (1..=MAX_SEPARATOR_RUN).contains(&run)
                && chars.get(index + run).copied().and_then(digit).is_some()
                && !groups.last().is_some_and(String::is_empty)
            {
                separators.push(chars[index..index + run].iter().collect());
                groups.push(String::new());
                index += run;
            } else if chars[index] == ')' || chars[index] == '）' {
                index += 1;
            } else {
                break;
            }
        }
        let after = chars.get(index).copied();
        let trailing = after.is_some_and(|c| c.is_ascii_alphanumeric());
        out.push(NumberToken {
            start,
            groups,
            separators,
            plus: before == Some('+'),
            glued: glued || trailing,
        });
    }
    out
}

/// The first twelve digits of consecutive groups of `token` that make a valid individual
/// number and are not a date with a time, as written with `-` between groups; `None` if there
/// are none, or if the token is an IPv4 address (`109.220.209.123`).
fn individual_number_in(token: &NumberToken) -> Option<String> {
    let groups = &token.groups;
    let ipv4 = groups.len() == 4
        && token.separators.iter().all(|separator| separator == ".")
        && groups
            .iter()
            .all(|group| group.len() <= 3 && group.parse::<u16>().is_ok_and(|n| n <= 255));
    if ipv4 {
        return None;
    }
    for first in 0..groups.len() {
        let mut digits = 0;
        for last in first..groups.len() {
            digits += groups[last].len();
            if digits > 12 {
                break;
            }
            if digits < 12 {
                continue;
            }
            let window = &groups[first..=last];
            let number = window.concat();
            let year_then_month = window.len() >= 2
                && window[0].len() == 4
                && window[1].len() <= 2
                && (number.starts_with("19") || number.starts_with("20"));
            if !year_then_month && !is_date_and_time(&number) && individual_number_is_valid(&number)
            {
                return Some(window.join("-"));
            }
        }
    }
    None
}

/// Whether twelve digits read as a date and a time, `YYYYMMDDhhmm` (1900–2099).
fn is_date_and_time(digits: &str) -> bool {
    let part =
        |range: std::ops::Range<usize>| digits.get(range).and_then(|text| text.parse::<i16>().ok());
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute)) = (
        part(0..4),
        part(4..6),
        part(6..8),
        part(8..10),
        part(10..12),
    ) else {
        return false;
    };
    (1900..=2099).contains(&year)
        && hour < 24
        && minute < 60
        && i8::try_from(month)
            .ok()
            .zip(i8::try_from(day).ok())
            .is_some_and(|(month, day)| jiff::civil::Date::new(year, month, day).is_ok())
}

/// Whether a 12-digit individual number (マイナンバー) has a valid check digit, by the
/// official formula: with P(n) the n-th digit counted from the right of the first eleven and
/// Q(n) = n + 1 for n ≤ 6 and n − 5 for n ≥ 7, the check digit is 0 when
/// Σ P(n)·Q(n) mod 11 ≤ 1, and 11 minus that remainder otherwise.
pub fn individual_number_is_valid(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 12 || number.chars().count() != 12 {
        return false;
    }
    let sum: u32 = (1..=11)
        .map(|n| {
            let p = digits[11 - n];
            let q = if n <= 6 { n as u32 + 1 } else { n as u32 - 5 };
            p * q
        })
        .sum();
    let remainder = sum % 11;
    let check = if remainder <= 1 { 0 } else { 11 - remainder };
    digits[11] == check
}

pub(super) fn classify_number(
    token: &NumberToken,
    line: &str,
) -> Option<(Severity, FindingDetail)> {
    let lengths: Vec<usize> = token.groups.iter().map(String::len).collect();
    let all: String = token.groups.concat();
    let shown = token.groups.join("-");
    if let Some(number) = individual_number_in(token) {
        return Some((Severity::Error, FindingDetail::IndividualNumber { number }));
    }
    if token.glued {
        return None;
    }
    if lengths == [4, 6] || (lengths == [10] && line.contains("年金")) {
        return Some((
            Severity::Error,
            FindingDetail::PensionNumber { number: shown },
        ));
    }
    if lengths == [4, 6, 1] || (lengths == [11] && line.contains("雇用保険")) {
        return Some((
            Severity::Error,
            FindingDetail::EmploymentInsuranceNumber { number: shown },
        ));
    }
    if lengths == [7] && line.contains("口座") {
        return Some((
            Severity::Error,
            FindingDetail::BankAccount { number: shown },
        ));
    }
    let phone_digits = if token.plus {
        all.strip_prefix("81").map(|rest| format!("0{rest}"))
    } else {
        Some(all.clone())
    };
    if let Some(digits) = phone_digits
        && digits.starts_with('0')
        && (digits.len() == 10 || digits.len() == 11)
        && (lengths.len() == 1
            || (lengths.len() == 3 && !token.plus && (2..=5).contains(&lengths[0]))
            || (token.plus && lengths.len() >= 3))
    {
        return Some((
            Severity::Warning,
            FindingDetail::PhoneNumber { number: shown },
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::authoring::checks::FindingCode;

    #[test]
    fn the_check_digit_of_individual_numbers_follows_the_official_formula() {
        assert!(individual_number_is_valid("123456789018"));
        assert!(!individual_number_is_valid("123456789017"));
        assert!(!individual_number_is_valid("12345678901"));
        // Remainder ≤ 1 gives check digit 0: 00000000001 → P(1)=1·2=2 → 11−2=9.
        assert!(individual_number_is_valid("000000000019"));
        // 10000000000 → P(11)=1·6 = 6 → 11 − 6 = 5.
        assert!(individual_number_is_valid("100000000005"));
        // 00000000000 → remainder 0 → check digit 0.
        assert!(individual_number_is_valid("000000000000"));
    }

    fn codes(line: &str) -> Vec<FindingCode> {
        let chars: Vec<char> = line.chars().collect();
        number_tokens(&chars)
            .iter()
            .filter_map(|token| classify_number(token, line).map(|(_, detail)| detail.code()))
            .collect()
    }

    #[test]
    fn number_shapes_are_told_apart() {
        assert_eq!(
            codes("番号 1234 5678 9018"),
            vec![FindingCode::IndividualNumber]
        );
        assert_eq!(codes("番号 123456789017"), vec![]);
        assert_eq!(
            codes("基礎年金番号 1234-567890"),
            vec![FindingCode::PensionNumber]
        );
        assert_eq!(
            codes("番号 1234-567890-1"),
            vec![FindingCode::EmploymentInsuranceNumber]
        );
        assert_eq!(codes("普通口座 1234567"), vec![FindingCode::BankAccount]);
        assert_eq!(codes("番号 1234567"), vec![]);
        for phone in [
            "03-1234-5678",
            "090-1234-5678",
            "0120-123-456",
            "03(1234)5678",
            "+81-3-1234-5678",
            "０３－１２３４－５６７８",
            "0312345678",
        ] {
            assert_eq!(
                codes(&format!("電話 {phone} まで")),
                vec![FindingCode::PhoneNumber],
                "{phone}"
            );
        }
        assert_eq!(
            codes("2023-06-29 と 2023年6月5日 と vendor-notice-2023-06-25"),
            vec![]
        );
    }

    #[test]
    fn individual_numbers_are_found_however_they_are_grouped() {
        for typed in [
            "１２３４\u{3000}５６７８\u{3000}９０１８",
            "1234ー5678ー9018",
            "１２３４ー５６７８ー９０１８",
            "1 2 3 4 5 6 7 8 9 0 1 8",
            "No.123456789018",
            "No123456789018",
            "1234.5678.9018",
            "1234・5678・9018",
            "123456 789018",
            "1234－5678－9018",
            "1234 - 5678 - 9018",
            "1234\t5678\t9018",
            "1234 \u{3000}5678 9018",
            "1 123456789018",
            "2023-06-29 123456789018",
            "〒100-0001 1234 5678 9018",
            "123456789018 2",
        ] {
            assert_eq!(
                codes(&format!("番号：{typed}です")),
                vec![FindingCode::IndividualNumber],
                "{typed}"
            );
        }
        // A wrong check digit, a date and a number (202306290004 alone has a valid check
        // digit), a version and 13 digits are not.
        for other in [
            "1234 5678 9017",
            "2023-06-29 0004",
            "2023.06.29.0004",
            "v1.2.3",
            "1234567890181",
            "109.220.209.123",
            "20230629 0900",
            "202306290900",
        ] {
            assert_eq!(codes(&format!("番号：{other}です")), vec![], "{other}");
        }
    }

    #[test]
    fn email_addresses_are_found_with_their_column() {
        let chars: Vec<char> = "連絡先：taro.yamada@example.co.jp まで".chars().collect();
        assert_eq!(
            email_addresses(&chars),
            vec![(4, "taro.yamada@example.co.jp".to_owned())]
        );
        let chars: Vec<char> = "@mention と a@b".chars().collect();
        assert!(email_addresses(&chars).is_empty());
    }
}
