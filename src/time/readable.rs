//! Times as people read them: in the reader's own time zone and in the forms of the UI
//! language (「2023年6月29日 0:00」, "29 June 2023, 00:00"), never as ISO text or in UTC.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::escape::one_line;
use crate::language::Language;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The reader's time zone (the system's; UTC when none can be found).
pub fn local_zone() -> TimeZone {
    TimeZone::system()
}

/// `at` to the minute in `zone`, written the way `language` writes times.
pub fn time_in(at: Timestamp, zone: &TimeZone, language: Language) -> String {
    let local = at.to_zoned(zone.clone());
    let date = date_in(local.date(), language);
    let (hour, minute) = (local.hour(), local.minute());
    match language {
        Language::Japanese => format!("{date} {hour}:{minute:02}"),
        Language::English => format!("{date}, {hour:02}:{minute:02}"),
    }
}

/// A calendar date written the way `language` writes dates.
pub fn date_in(date: Date, language: Language) -> String {
    match language {
        Language::Japanese => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Language::English => {
            let month = usize::try_from(date.month() - 1)
                .ok()
                .and_then(|index| MONTHS.get(index))
                .copied()
                .unwrap_or_default();
            format!("{} {month} {}", date.day(), date.year())
        }
    }
}

/// `at` in the reader's time zone, in the forms of `language`.
pub fn local_time(at: Timestamp, language: Language) -> String {
    time_in(at, &local_zone(), language)
}

/// A time a bundle states (RFC 3339, or a bare `YYYY-MM-DD` date) in the reader's time zone and
/// the forms of `language`; text that is neither is shown as written, on one line.
pub fn stated_time(text: &str, language: Language) -> String {
    stated_time_in(text, &local_zone(), language)
}

/// [`stated_time`] in `zone`. When the text states its time at another offset from UTC than
/// `zone` has then, the time as the sender wrote it follows in brackets, so that it matches
/// the date on the letter.
pub fn stated_time_in(text: &str, zone: &TimeZone, language: Language) -> String {
    if let Ok(at) = crate::time::parse_rfc3339(text) {
        let readable = time_in(at, zone, language);
        match stated_offset(text) {
            Some(offset) if offset != zone.to_offset(at) => {
                let theirs = time_in(at, &TimeZone::fixed(offset), language);
                match language {
                    Language::Japanese => format!("{readable}（差出人の記載では {theirs}）"),
                    Language::English => format!("{readable} ({theirs} as the sender wrote it)"),
                }
            }
            _ => readable,
        }
    } else if let Ok(date) = text.parse::<Date>() {
        date_in(date, language)
    } else {
        one_line(text).into_owned()
    }
}

/// The offset from UTC an RFC 3339 time is written at (`±HH:MM` at its end); none for `Z`,
/// which says the time is given in UTC, not what the sender's clock showed.
fn stated_offset(text: &str) -> Option<jiff::tz::Offset> {
    let text = text.trim();
    let tail = text.get(text.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokyo() -> TimeZone {
        TimeZone::fixed(jiff::tz::offset(9))
    }

    #[test]
    fn a_stated_time_reads_as_a_japanese_date_in_the_readers_zone() {
        assert_eq!(
            stated_time_in("2023-06-29T00:00:00+09:00", &tokyo(), Language::Japanese),
            "2023年6月29日 0:00"
        );
        // The same instant stated in UTC is still midnight in Tokyo.
        assert_eq!(
            stated_time_in("2023-06-28T15:00:00Z", &tokyo(), Language::Japanese),
            "2023年6月29日 0:00"
        );
        assert_eq!(
            stated_time_in("2026-12-01T17:40:00Z", &tokyo(), Language::Japanese),
            "2026年12月2日 2:40"
        );
    }

    #[test]
    fn a_time_stated_at_another_offset_also_reads_as_the_sender_wrote_it() {
        let utc = TimeZone::UTC;
        assert_eq!(
            stated_time_in("2024-01-10T00:00:00+09:00", &utc, Language::Japanese),
            "2024年1月9日 15:00（差出人の記載では 2024年1月10日 0:00）"
        );
        assert_eq!(
            stated_time_in("2024-01-10T00:00:00+05:30", &utc, Language::English),
            "9 January 2024, 18:30 (10 January 2024, 00:00 as the sender wrote it)"
        );
        // The same offset as the reader's: nothing to add.
        assert_eq!(
            stated_time_in("2024-01-10T00:00:00+09:00", &tokyo(), Language::Japanese),
            "2024年1月10日 0:00"
        );
    }

    #[test]
    fn english_uses_english_forms_and_never_iso_or_utc() {
        let text = stated_time_in("2023-06-29T00:00:00+09:00", &tokyo(), Language::English);
        assert_eq!(text, "29 June 2023, 00:00");
        let at: Timestamp = "2026-12-01T17:40:00Z".parse().unwrap();
        for language in [Language::Japanese, Language::English] {
            let text = time_in(at, &TimeZone::UTC, language);
            assert!(!text.contains("UTC") && !text.contains('T') && !text.contains("-"));
        }
    }

    #[test]
    fn a_bare_date_is_a_date_and_anything_else_is_shown_as_written_on_one_line() {
        assert_eq!(
            stated_time_in("2024-01-01", &tokyo(), Language::Japanese),
            "2024年1月1日"
        );
        assert_eq!(
            stated_time_in("2024-01-01", &tokyo(), Language::English),
            "1 January 2024"
        );
        assert_eq!(
            stated_time_in("来週\n月曜", &tokyo(), Language::Japanese),
            "来週\\u{000A}月曜"
        );
    }
}
