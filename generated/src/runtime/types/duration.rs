//! `Duration`: ISO 8601 durations such as `PT1H30M` or `P14D`.

use std::fmt;
use std::str::FromStr;

use chrono::TimeDelta;

use super::{text_serde, ParseError};

const KIND: &str = "Duration";

/// An `Edm.Duration`. Reads `[-]P[nW][nD][T[nH][nM][n.nS]]`; years and months are accepted only
/// when zero (they have no fixed length). Writes days, hours, minutes and seconds, never weeks:
/// two weeks are `P14D`; zero is `PT0S`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Duration(pub TimeDelta);

impl From<TimeDelta> for Duration {
    fn from(value: TimeDelta) -> Self {
        Duration(value)
    }
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        parse(s.trim()).map_err(|reason| ParseError::new(KIND, s, reason))
    }
}

fn parse(text: &str) -> Result<Duration, String> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix(['P', 'p']).ok_or("missing 'P'")?;
    let (date_part, time_part) = match rest.split_once(['T', 't']) {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let mut total = date_components(date_part)?;
    if let Some(time) = time_part {
        if time.is_empty() {
            return Err("empty time part after 'T'".into());
        }
        total = add(total, time_components(time)?)?;
    }
    if date_part.is_empty() && time_part.is_none() {
        return Err("no components".into());
    }
    Ok(Duration(if negative { -total } else { total }))
}

fn date_components(part: &str) -> Result<TimeDelta, String> {
    let mut total = TimeDelta::zero();
    for (number, unit) in components(part)? {
        let value = whole(&number)?;
        let delta = match unit {
            'Y' | 'M' if value == 0 => TimeDelta::zero(),
            'Y' | 'M' => return Err("years and months have no fixed length".into()),
            'W' => TimeDelta::try_weeks(value).ok_or("too many weeks")?,
            'D' => TimeDelta::try_days(value).ok_or("too many days")?,
            other => return Err(format!("unexpected unit '{other}' in date part")),
        };
        total = add(total, delta)?;
    }
    Ok(total)
}

fn time_components(part: &str) -> Result<TimeDelta, String> {
    let mut total = TimeDelta::zero();
    for (number, unit) in components(part)? {
        let delta = match unit {
            'H' => TimeDelta::try_hours(whole(&number)?).ok_or("too many hours")?,
            'M' => TimeDelta::try_minutes(whole(&number)?).ok_or("too many minutes")?,
            'S' => seconds(&number)?,
            other => return Err(format!("unexpected unit '{other}' in time part")),
        };
        total = add(total, delta)?;
    }
    Ok(total)
}

/// Splits `1D2H` into `[("1", 'D'), ("2", 'H')]`, units upper-cased.
fn components(part: &str) -> Result<Vec<(String, char)>, String> {
    let mut out = Vec::new();
    let mut number = String::new();
    for c in part.chars() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            number.push(if c == ',' { '.' } else { c });
        } else if number.is_empty() {
            return Err(format!("unit '{c}' without a number"));
        } else {
            out.push((std::mem::take(&mut number), c.to_ascii_uppercase()));
        }
    }
    if !number.is_empty() {
        return Err(format!("number {number} without a unit"));
    }
    Ok(out)
}

fn whole(number: &str) -> Result<i64, String> {
    number
        .parse()
        .map_err(|_| format!("{number} is not a whole number"))
}

/// Seconds with up to 9 fraction digits (more are truncated).
fn seconds(number: &str) -> Result<TimeDelta, String> {
    let (whole_part, fraction) = number.split_once('.').unwrap_or((number, ""));
    let secs = if whole_part.is_empty() {
        0
    } else {
        whole(whole_part)?
    };
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{number} is not a number of seconds"));
    }
    let digits: String = fraction
        .chars()
        .chain("000000000".chars())
        .take(9)
        .collect();
    let nanos: i64 = digits.parse().map_err(|_| "bad fraction".to_string())?;
    let delta = TimeDelta::try_seconds(secs).ok_or("too many seconds")?;
    add(delta, TimeDelta::nanoseconds(nanos))
}

fn add(a: TimeDelta, b: TimeDelta) -> Result<TimeDelta, String> {
    a.checked_add(&b).ok_or_else(|| "duration overflows".into())
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.0.abs();
        if self.0 < TimeDelta::zero() {
            f.write_str("-")?;
        }
        let total = magnitude.num_seconds();
        let nanos = magnitude.subsec_nanos();
        let (days, hours) = (total / 86_400, total % 86_400 / 3_600);
        let (minutes, secs) = (total % 3_600 / 60, total % 60);
        f.write_str("P")?;
        if days > 0 {
            write!(f, "{days}D")?;
        }
        if hours == 0 && minutes == 0 && secs == 0 && nanos == 0 {
            return if days == 0 {
                f.write_str("T0S")
            } else {
                Ok(())
            };
        }
        f.write_str("T")?;
        if hours > 0 {
            write!(f, "{hours}H")?;
        }
        if minutes > 0 {
            write!(f, "{minutes}M")?;
        }
        if secs > 0 || nanos > 0 {
            write_seconds(f, secs, nanos)?;
        }
        Ok(())
    }
}

fn write_seconds(f: &mut fmt::Formatter<'_>, secs: i64, nanos: i32) -> fmt::Result {
    if nanos == 0 {
        return write!(f, "{secs}S");
    }
    let fraction = format!("{nanos:09}");
    write!(f, "{secs}.{}S", fraction.trim_end_matches('0'))
}

impl Duration {
    fn odata_text(&self) -> String {
        self.to_string()
    }
}

text_serde!(Duration, "an ISO 8601 duration such as PT1H", "duration");

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        text.parse::<Duration>().unwrap().to_string()
    }

    #[test]
    fn reads_and_writes_iso_8601() {
        assert_eq!(round_trip("PT1H30M"), "PT1H30M");
        assert_eq!(round_trip("P2W"), "P14D");
        assert_eq!(round_trip("P1DT2H"), "P1DT2H");
        assert_eq!(round_trip("PT36H"), "P1DT12H");
        assert_eq!(round_trip("PT0S"), "PT0S");
        assert_eq!(round_trip("P0D"), "PT0S");
        assert_eq!(round_trip("PT1.5S"), "PT1.5S");
        assert_eq!(round_trip("-PT15M"), "-PT15M");
        assert_eq!(round_trip("P0Y0M3D"), "P3D");
        let d: Duration = "PT0.0000001S".parse().unwrap();
        assert_eq!(d.0, TimeDelta::nanoseconds(100));
    }

    #[test]
    fn refuses_bad_input() {
        for bad in ["", "P", "1H", "PT", "P1M", "PTxS", "PT1", "P1H"] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_uses_text() {
        let d: Duration = serde_json::from_str("\"P14D\"").unwrap();
        assert_eq!(d.0, TimeDelta::days(14));
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"P14D\"");
        use crate::runtime::ODataLiteral;
        assert_eq!(d.to_odata_literal(), "duration'P14D'");
    }
}
