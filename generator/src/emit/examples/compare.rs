//! JSON compared as values, leniently where the wire format allows more than one spelling.
//!
//! This file is compiled twice: as a module of the generator (unit tests, report parsing) and,
//! copied verbatim, as a module of the generated conformance test. It uses only `std` and
//! `serde_json`.
//!
//! Lenience (a *note*, never a failure): numbers equal as numbers (`1` and `1.0`), a number and a
//! string holding it (`Int64`/`Double` written as text), date/time/duration spellings of the same
//! instant or length (`2020-01-01T00:00:00.0000000Z` and `2020-01-01T00:00:00Z`), strings equal
//! but for ASCII case (enum members, GUIDs), flag sets equal but for spaces, and `null` versus an
//! absent property. Anything else that differs is a difference.
#![allow(dead_code)]

use serde_json::Value;

/// How two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Same,
    /// Equal as values, spelled differently; the slug says how.
    Note(&'static str),
    Differ,
}

/// Which side may carry more than the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The body we sent: every expected property present, nothing else (an extra `null` would
    /// clear a property on PATCH).
    Request,
    /// The response after a round trip through the typed model: every expected property kept;
    /// extra properties (defaults the model writes) are allowed.
    Response,
}

/// One place where the actual JSON departs from the expected JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// JSON pointer-like path (`/posts/0/body`).
    pub path: String,
    pub kind: DiffKind,
}

/// What kind of departure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffKind {
    /// An expected property is absent (dropped).
    Missing,
    /// A property that was not expected is present.
    Extra,
    /// A value differs.
    Changed { expected: String, actual: String },
}

/// The outcome of comparing two JSON documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    pub differences: Vec<Difference>,
    /// Lenient matches, as (path, slug).
    pub notes: Vec<(String, &'static str)>,
}

impl Comparison {
    pub fn is_match(&self) -> bool {
        self.differences.is_empty()
    }

    /// The first differences, one per line, for a report.
    pub fn describe(&self, limit: usize) -> String {
        let mut lines: Vec<String> = self
            .differences
            .iter()
            .take(limit)
            .map(|d| match &d.kind {
                DiffKind::Missing => format!("{}: missing", d.path),
                DiffKind::Extra => format!("{}: unexpected", d.path),
                DiffKind::Changed { expected, actual } => {
                    format!("{}: expected {expected}, got {actual}", d.path)
                }
            })
            .collect();
        if self.differences.len() > limit {
            lines.push(format!("… {} more", self.differences.len() - limit));
        }
        lines.join("; ")
    }
}

/// Compares `actual` against `expected` as values.
pub fn compare(expected: &Value, actual: &Value, mode: Mode) -> Comparison {
    let mut out = Comparison::default();
    walk(expected, actual, mode, &mut String::new(), &mut out);
    out
}

fn walk(expected: &Value, actual: &Value, mode: Mode, path: &mut String, out: &mut Comparison) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, e_value) in e {
                let len = path.len();
                push_key(path, key);
                match a.get(key) {
                    Some(a_value) => walk(e_value, a_value, mode, path, out),
                    None if e_value.is_null() => out.notes.push((path.clone(), "null-omitted")),
                    None => out.differences.push(Difference {
                        path: path.clone(),
                        kind: DiffKind::Missing,
                    }),
                }
                path.truncate(len);
            }
            if mode == Mode::Request {
                for key in a.keys() {
                    if e.contains_key(key) {
                        continue;
                    }
                    let len = path.len();
                    push_key(path, key);
                    out.differences.push(Difference {
                        path: path.clone(),
                        kind: DiffKind::Extra,
                    });
                    path.truncate(len);
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.differences.push(changed(
                    path,
                    format!("{} items", e.len()),
                    format!("{} items", a.len()),
                ));
                return;
            }
            for (i, (e_item, a_item)) in e.iter().zip(a).enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                walk(e_item, a_item, mode, path, out);
                path.truncate(len);
            }
        }
        _ => match scalars(expected, actual) {
            Verdict::Same => {}
            Verdict::Note(slug) => out.notes.push((path.clone(), slug)),
            Verdict::Differ => out
                .differences
                .push(changed(path, short(expected), short(actual))),
        },
    }
}

fn push_key(path: &mut String, key: &str) {
    path.push('/');
    path.push_str(&key.replace('~', "~0").replace('/', "~1"));
}

fn changed(path: &str, expected: String, actual: String) -> Difference {
    Difference {
        path: if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
        kind: DiffKind::Changed { expected, actual },
    }
}

/// A value shortened for a report line.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// Compares two values that are not both objects or both arrays.
pub fn scalars(expected: &Value, actual: &Value) -> Verdict {
    if expected == actual {
        return Verdict::Same;
    }
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => match (e.as_f64(), a.as_f64()) {
            (Some(x), Some(y)) if x == y => Verdict::Same,
            _ => Verdict::Differ,
        },
        (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n)) => {
            match (n.as_f64(), s.trim().parse::<f64>()) {
                (Some(x), Ok(y)) if x == y => Verdict::Note("number-format"),
                _ => Verdict::Differ,
            }
        }
        (Value::String(e), Value::String(a)) => strings(e, a),
        _ => Verdict::Differ,
    }
}

fn strings(expected: &str, actual: &str) -> Verdict {
    if expected.eq_ignore_ascii_case(actual) {
        return Verdict::Note("case");
    }
    match (temporal(expected), temporal(actual)) {
        (Some(e), Some(a)) if e == a => return Verdict::Note("datetime-format"),
        _ => {}
    }
    if flags(expected) == flags(actual) {
        return Verdict::Note("flags-format");
    }
    Verdict::Differ
}

/// A flag set (`a, b,c`) as sorted lower-case members.
fn flags(text: &str) -> Vec<String> {
    let mut members: Vec<String> = text
        .split(',')
        .map(|m| m.trim().to_ascii_lowercase())
        .collect();
    members.sort();
    members
}

/// A date, time, date-time or duration, reduced to comparable numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temporal {
    /// Nanoseconds since 1970-01-01T00:00:00Z (no offset reads as UTC).
    Instant(i128),
    /// Nanoseconds since midnight.
    TimeOfDay(i128),
    /// Nanoseconds (a month is 30 days, a year 365).
    Duration(i128),
}

/// Reads an ISO 8601 date, date-time, time of day or duration.
pub fn temporal(text: &str) -> Option<Temporal> {
    let text = text.trim();
    if let Some(d) = duration(text) {
        return Some(Temporal::Duration(d));
    }
    if let Some(t) = time_of_day(text) {
        return Some(Temporal::TimeOfDay(t));
    }
    instant(text).map(Temporal::Instant)
}

const NANOS_PER_SEC: i128 = 1_000_000_000;
const SECS_PER_DAY: i128 = 86_400;

fn instant(text: &str) -> Option<i128> {
    let (date, rest) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let days = civil_days(date)?;
    let mut nanos = days * SECS_PER_DAY * NANOS_PER_SEC;
    if let Some(rest) = rest {
        let (time, offset) = split_offset(rest)?;
        nanos += time_of_day(time)?;
        nanos -= offset * 60 * NANOS_PER_SEC;
    }
    Some(nanos)
}

/// Splits `10:00:00.5+02:00` into the time and the offset in minutes (`Z` or none is 0).
fn split_offset(text: &str) -> Option<(&str, i128)> {
    if let Some(time) = text.strip_suffix(['Z', 'z']) {
        return Some((time, 0));
    }
    match text.rfind(['+', '-']) {
        Some(i) => {
            let (time, zone) = (&text[..i], &text[i + 1..]);
            let sign = if text.as_bytes()[i] == b'-' { -1 } else { 1 };
            let digits: String = zone.chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hours: i128 = digits[..2].parse().ok()?;
            let minutes: i128 = digits[2..].parse().ok()?;
            Some((time, sign * (hours * 60 + minutes)))
        }
        None => Some((text, 0)),
    }
}

/// `YYYY-MM-DD` as days since 1970-01-01.
fn civil_days(text: &str) -> Option<i128> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i128, i128, i128) = (number(y)?, number(m)?, number(d)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (proleptic Gregorian), after H. Hinnant.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `HH:MM[:SS[.fraction]]` as nanoseconds since midnight.
fn time_of_day(text: &str) -> Option<i128> {
    let mut parts = text.split(':');
    let (h, m) = (parts.next()?, parts.next()?);
    let s = parts.next();
    if parts.next().is_some() || h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i128, i128) = (number(h)?, number(m)?);
    if h > 24 || m > 59 {
        return None;
    }
    let mut nanos = (h * 3600 + m * 60) * NANOS_PER_SEC;
    if let Some(s) = s {
        nanos += seconds(s)?;
    }
    Some(nanos)
}

/// `SS[.fraction]` as nanoseconds.
fn seconds(text: &str) -> Option<i128> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty() || whole.len() > 2 && !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i128 = number(whole)?;
    let mut nanos = whole * NANOS_PER_SEC;
    if !fraction.is_empty() {
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits: String = fraction
            .chars()
            .chain("000000000".chars())
            .take(9)
            .collect();
        nanos += number::<i128>(&digits)?;
    }
    Some(nanos)
}

/// An ISO 8601 duration (`P1DT2H`, `-PT30M`, `PT0.5S`) as nanoseconds.
fn duration(text: &str) -> Option<i128> {
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    let body = text.strip_prefix(['P', 'p'])?;
    if body.is_empty() {
        return None;
    }
    let mut total: i128 = 0;
    let mut in_time = false;
    let mut digits = String::new();
    for c in body.chars() {
        match c {
            '0'..='9' | '.' => digits.push(c),
            'T' | 't' if digits.is_empty() => in_time = true,
            _ => {
                let unit = match (c.to_ascii_uppercase(), in_time) {
                    ('Y', false) => 365 * SECS_PER_DAY,
                    ('M', false) => 30 * SECS_PER_DAY,
                    ('W', false) => 7 * SECS_PER_DAY,
                    ('D', false) => SECS_PER_DAY,
                    ('H', true) => 3600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                total += seconds(&digits)? * unit;
                digits.clear();
            }
        }
    }
    digits.is_empty().then_some(sign * total)
}

fn number<T: std::str::FromStr>(digits: &str) -> Option<T> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
