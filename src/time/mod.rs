//! Times as Kairan's files state them: RFC 3339 with an explicit offset
//! (`2023-06-29T09:00:00+09:00` or `…Z`), parsed once, by [`parse_rfc3339`], into the instant they
//! mean. A [`StatedTime`] keeps the text exactly as written (a manifest's times are signed, so
//! they are written back byte for byte) beside its instant, so no caller parses it again or falls
//! back to a made-up time.

pub mod readable;

use std::str::FromStr;

/// Text that is not an RFC 3339 time with an offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an RFC 3339 time such as 2023-06-29T09:00:00+09:00")]
pub struct NotATime(pub String);

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]` followed by `Z` or `±HH:MM`: the one time parser of
/// Kairan's files (manifests, rollover statements, the trust store and the series history).
///
/// Fails on anything else, including times without an offset and dates alone.
pub fn parse_rfc3339(text: &str) -> Result<jiff::Timestamp, NotATime> {
    let bytes = text.as_bytes();
    let offset_ok = text.ends_with('Z')
        || (bytes.len() >= 6
            && matches!(bytes[bytes.len() - 6], b'+' | b'-')
            && bytes[bytes.len() - 3] == b':');
    let shape_ok = bytes.len() >= 20 && bytes.get(10) == Some(&b'T') && offset_ok;
    if !shape_ok {
        return Err(NotATime(text.to_owned()));
    }
    text.parse::<jiff::Timestamp>()
        .map_err(|_| NotATime(text.to_owned()))
}

/// A time as a file states it: the text as written and the instant it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedTime {
    text: String,
    at: jiff::Timestamp,
}

impl StatedTime {
    /// Parses `text` (see [`parse_rfc3339`]).
    ///
    /// Fails on text that is not an RFC 3339 time with an offset.
    pub fn parse(text: &str) -> Result<Self, NotATime> {
        Ok(StatedTime {
            at: parse_rfc3339(text)?,
            text: text.to_owned(),
        })
    }

    /// The instant it means.
    pub fn at(&self) -> jiff::Timestamp {
        self.at
    }

    /// The text exactly as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for StatedTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for StatedTime {
    type Err = NotATime;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        StatedTime::parse(text)
    }
}

impl serde::Serialize for StatedTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for StatedTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        StatedTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_times_with_an_offset_are_read() {
        for good in [
            "2023-06-29T09:00:00+09:00",
            "2023-06-29T00:00:00Z",
            "2023-06-29T09:00:00.5-05:30",
        ] {
            let time = StatedTime::parse(good).unwrap();
            assert_eq!(time.as_str(), good);
        }
        assert_eq!(
            StatedTime::parse("2023-06-29T09:00:00+09:00").unwrap().at(),
            StatedTime::parse("2023-06-29T00:00:00Z").unwrap().at()
        );
        for bad in [
            "",
            "2023-06-29",
            "2023-06-29T09:00:00",
            "2023-06-29 09:00:00+09:00",
            "2023-06-29T09:00:00+0900",
            "2023-02-30T09:00:00+09:00",
            "yesterday",
        ] {
            assert_eq!(parse_rfc3339(bad), Err(NotATime(bad.to_owned())), "{bad}");
        }
    }

    #[test]
    fn a_stated_time_is_written_back_as_it_was_read() {
        let json = "\"2023-06-29T09:00:00.000+09:00\"";
        let time: StatedTime = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&time).unwrap(), json);
        assert!(serde_json::from_str::<StatedTime>("\"2023-06-29\"").is_err());
    }
}
