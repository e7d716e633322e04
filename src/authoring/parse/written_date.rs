//! Dates as Japanese letters write them (`令和5年6月29日`, `2023年6月29日`, `2023/6/29`, …),
//! read into ISO dates: the front matter's `date:`, the writer deciding whether a `date-iso:` is
//! needed, and the date line of an imported letter.

/// Reads the ISO date out of a date as a Japanese letter writes it: `2023年6月29日`,
/// `令和5年6月29日` (also 平成, 昭和, 元年), `2023-06-29`, `2023/6/29`, `2023.6.29`, with
/// full-width digits allowed and anything after the day (such as `（木）`) ignored.
/// Returns `None` when the text is not such a date or the date does not exist.
pub fn parse_written_date(text: &str) -> Option<String> {
    let text: String = text.trim().chars().map(half_width_digit).collect();
    let (base, rest) = [("令和", 2018), ("平成", 1988), ("昭和", 1925)]
        .iter()
        .find_map(|(era, base)| text.strip_prefix(era).map(|rest| (Some(*base), rest)))
        .unwrap_or((None, text.as_str()));
    let (year, rest) = match base {
        Some(base) => {
            let (year, rest) = match rest.strip_prefix('元') {
                Some(rest) => (1, rest),
                None => leading_number(rest)?,
            };
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
        assert_eq!(parse_written_date("お客様各位"), None);
    }
}
