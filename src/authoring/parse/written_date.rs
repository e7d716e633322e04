//! Dates as letters write them — Japanese (`令和5年6月29日`, `2023年6月29日`, `2023/6/29`, …)
//! and English (`June 3, 2025`, `3 June 2025`, `Tuesday, June 3, 2025`) — read into ISO dates:
//! the front matter's `date:`, the writer deciding whether a `date-iso:` is needed, and the date
//! line of an imported letter.

/// Reads the ISO date out of a date as a Japanese letter writes it: `2023年6月29日`,
/// `令和5年6月29日` (also 平成, 昭和, 元年), `2023-06-29`, `2023/6/29`, `2023.6.29`, with
/// full-width digits allowed and anything after the day (such as `（木）`) ignored.
/// English dates are read too (`June 3, 2025`, `3 June 2025`, `Tuesday, June 3, 2025`).
/// Returns `None` when the text is not such a date or the date does not exist.
pub fn parse_written_date(text: &str) -> Option<String> {
    japanese_date(text).or_else(|| parse_english_date(text))
}

/// A day of the civil calendar: year, month, day.
type Day = (i16, i8, i8);

/// An era a date may be written in.
struct Era {
    name: &'static str,
    /// The year before its first year (令和 1 = 2019, so 2018).
    base: i16,
    first_day: Day,
    /// `None` while it is still running.
    last_day: Option<Day>,
}

const ERAS: [Era; 3] = [
    Era {
        name: "令和",
        base: 2018,
        first_day: (2019, 5, 1),
        last_day: None,
    },
    Era {
        name: "平成",
        base: 1988,
        first_day: (1989, 1, 8),
        last_day: Some((2019, 4, 30)),
    },
    Era {
        name: "昭和",
        base: 1925,
        first_day: (1926, 12, 25),
        last_day: Some((1989, 1, 7)),
    },
];

fn japanese_date(text: &str) -> Option<String> {
    // Spaces between the parts (`2025年 6月 3日`) are a typing habit, not part of the date.
    let text: String = text
        .trim()
        .chars()
        .map(half_width_digit)
        .filter(|c| !matches!(c, ' ' | '\u{3000}'))
        .collect();
    let era = ERAS
        .iter()
        .find_map(|era| text.strip_prefix(era.name).map(|rest| (era, rest)));
    let (base, rest) = match era {
        Some((era, rest)) => (Some(u32::try_from(era.base).ok()?), rest),
        None => (None, text.as_str()),
    };
    let (year, rest) = match base {
        Some(base) => {
            let (year, rest) = match rest.strip_prefix('元') {
                Some(rest) => (1, rest),
                None => leading_number(rest)?,
            };
            if year == 0 {
                return None;
            }
            (base + year, rest.strip_prefix('年')?)
        }
        None => {
            let (year, rest) = leading_number(rest)?;
            if !(1000..=9999).contains(&year) {
                return None;
            }
            let rest = rest
                .strip_prefix('年')
                .or_else(|| rest.strip_prefix('-'))
                .or_else(|| rest.strip_prefix('/'))
                .or_else(|| rest.strip_prefix('.'))?;
            (year, rest)
        }
    };
    let (month, rest) = leading_number(rest)?;
    let rest = rest
        .strip_prefix('月')
        .or_else(|| rest.strip_prefix('-'))
        .or_else(|| rest.strip_prefix('/'))
        .or_else(|| rest.strip_prefix('.'))?;
    let (day, rest) = leading_number(rest)?;
    let rest = rest.strip_prefix('日').unwrap_or(rest);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let date = jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    // An era year must fall inside its era: 平成31年5月1日 and 昭和99年 never existed.
    if let Some((era, _)) = era {
        let civil = |(year, month, day): Day| jiff::civil::Date::new(year, month, day).ok();
        if civil(era.first_day).is_some_and(|first| date < first)
            || era.last_day.and_then(civil).is_some_and(|last| date > last)
        {
            return None;
        }
    }
    Some(date.strftime("%Y-%m-%d").to_string())
}

/// The English month names and their usual abbreviations.
const MONTHS: [(&str, &str); 12] = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may", "may"),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Reads an English date that is the whole of `text`: `June 3, 2025`, `Jun. 3, 2025`,
/// `June 3rd, 2025`, `3 June 2025`, `3rd of June, 2025`, each perhaps after a weekday
/// (`Tuesday, June 3, 2025`). Returns `None` for anything else or a day that does not exist.
pub fn parse_english_date(text: &str) -> Option<String> {
    let lower = text.trim().trim_end_matches('.').to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    if words.first().is_some_and(|first| {
        WEEKDAYS
            .iter()
            .any(|day| day.starts_with(first.trim_end_matches('.')) && first.len() >= 3)
    }) {
        words.remove(0);
    }
    words.retain(|word| *word != "of");
    let [first, second, year] = words.as_slice() else {
        return None;
    };
    let month = |word: &str| {
        let word = word.trim_end_matches('.');
        MONTHS
            .iter()
            .position(|(name, short)| {
                word == *name || word == *short || (word == "sept" && *short == "sep")
            })
            .map(|index| index + 1)
    };
    let day = |word: &str| {
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &word[digits.len()..];
        let ordinal = matches!(suffix, "" | "st" | "nd" | "rd" | "th");
        (ordinal
            && !digits.is_empty()
            && digits.len() <= 2
            && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse::<u32>().ok())
        .flatten()
    };
    let (month, day) = match (month(first), day(second), day(first), month(second)) {
        (Some(month), Some(day), _, _) | (_, _, Some(day), Some(month)) => (month, day),
        _ => return None,
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = jiff::civil::Date::new(
        year.parse().ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    Some(date.strftime("%Y-%m-%d").to_string())
}

fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// Maps full-width digits to ASCII, leaving everything else alone.
pub(crate) fn half_width_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_are_read_in_each_supported_form() {
        assert_eq!(
            parse_written_date("2023年6月29日").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(
            parse_written_date("令和5年6月29日（木）").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(
            parse_written_date("令和元年5月1日").as_deref(),
            Some("2019-05-01")
        );
        assert_eq!(
            parse_written_date("２０２３年６月２９日").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(
            parse_written_date("2023/6/29").as_deref(),
            Some("2023-06-29")
        );
        assert_eq!(parse_written_date("2023年2月30日"), None);
        assert_eq!(
            parse_written_date("2025年 6月 3日").as_deref(),
            Some("2025-06-03")
        );
        assert_eq!(
            parse_written_date("平成31年4月30日").as_deref(),
            Some("2019-04-30")
        );
        assert_eq!(
            parse_written_date("昭和64年1月7日").as_deref(),
            Some("1989-01-07")
        );
        for never in [
            "平成31年5月1日",
            "令和元年4月30日",
            "令和0年6月3日",
            "昭和99年6月3日",
            "昭和64年1月8日",
        ] {
            assert_eq!(parse_written_date(never), None, "{never}");
        }
        for english in [
            "June 3, 2025",
            "Jun. 3, 2025",
            "June 3rd, 2025",
            "3 June 2025",
            "3rd of June, 2025",
            "Tuesday, June 3, 2025",
            "2025-06-03",
            "JUNE 3, 2025",
        ] {
            assert_eq!(
                parse_written_date(english).as_deref(),
                Some("2025-06-03"),
                "{english}"
            );
        }
        for not_a_date in [
            "June 31, 2025",
            "June 3",
            "3 Junes 2025",
            "June 3x, 2025",
            "in June 3, 2025",
            "May 2025",
        ] {
            assert_eq!(parse_written_date(not_a_date), None, "{not_a_date}");
        }
        assert_eq!(parse_written_date("お客様各位"), None);
    }
}
