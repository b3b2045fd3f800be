//! `DateTimeOffset`, `Date` and `TimeOfDay`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};

use super::{text_serde, ParseError};

/// An `Edm.DateTimeOffset`, held in UTC. Reads RFC 3339 with an offset or `Z`, any number of
/// fraction digits (Graph sends 7), and the offset-less form Graph also sends
/// (`2024-05-01T08:00:00.0000000`), which is read as UTC. Writes RFC 3339 in UTC with `Z`
/// and only the fraction digits needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTimeOffset(pub DateTime<Utc>);

impl DateTimeOffset {
    /// The current time.
    pub fn now() -> Self {
        DateTimeOffset(Utc::now())
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(value: DateTime<Utc>) -> Self {
        DateTimeOffset(value)
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let text = s.trim();
        if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
            return Ok(DateTimeOffset(with_offset.with_timezone(&Utc)));
        }
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
            .map(|naive| DateTimeOffset(naive.and_utc()))
            .map_err(|e| ParseError::new("DateTimeOffset", s, e.to_string()))
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

text_serde!(DateTimeOffset, "an ISO 8601 date and time");

/// An `Edm.Date` (`2024-05-01`). Leniently reads a date-time by keeping its date part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let text = s.trim();
        let date_part = text.get(..10).unwrap_or(text);
        NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
            .map(Date)
            .map_err(|e| ParseError::new("Date", s, e.to_string()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

text_serde!(Date, "a date as yyyy-mm-dd");

/// An `Edm.TimeOfDay` (`08:30:00.0000000`). Reads `hh:mm`, `hh:mm:ss` and any fraction; writes
/// `hh:mm:ss` plus a fraction only when not zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay(pub NaiveTime);

impl FromStr for TimeOfDay {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let text = s.trim();
        NaiveTime::parse_from_str(text, "%H:%M:%S%.f")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
            .map(TimeOfDay)
            .map_err(|e| ParseError::new("TimeOfDay", s, e.to_string()))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M:%S%.f"))
    }
}

text_serde!(TimeOfDay, "a time of day as hh:mm:ss");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(text: &str) -> DateTimeOffset {
        serde_json::from_value(json!(text)).unwrap()
    }

    #[test]
    fn date_time_offset_forms() {
        let z = read("2024-05-01T08:00:00Z");
        assert_eq!(read("2024-05-01T10:00:00+02:00"), z);
        assert_eq!(read("2024-05-01T08:00:00"), z);
        assert_eq!(read("2024-05-01T08:00:00.0000000"), z);
        let fraction = read("2024-05-01T08:00:00.1234567Z");
        assert_eq!(fraction.0.timestamp_subsec_nanos(), 123_456_700);
        assert_eq!(
            serde_json::to_value(z).unwrap(),
            json!("2024-05-01T08:00:00Z")
        );
        assert_eq!(fraction.to_string(), "2024-05-01T08:00:00.123456700Z");
        assert!(serde_json::from_value::<DateTimeOffset>(json!("yesterday")).is_err());
    }

    #[test]
    fn date_and_time_of_day() {
        let date: Date = serde_json::from_value(json!("2024-02-29")).unwrap();
        assert_eq!(date.to_string(), "2024-02-29");
        let lenient: Date = serde_json::from_value(json!("2024-02-29T00:00:00Z")).unwrap();
        assert_eq!(lenient, date);
        let time: TimeOfDay = serde_json::from_value(json!("08:30:00.0000000")).unwrap();
        assert_eq!(serde_json::to_value(time).unwrap(), json!("08:30:00"));
        let short: TimeOfDay = "08:30".parse().unwrap();
        assert_eq!(short, time);
    }
}
