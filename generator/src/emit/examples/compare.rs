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

/// Percent-decodes text (`%7B` → `{`); with `plus_as_space`, `+` reads as a space (query strings).
pub fn percent_decode(text: &str, plus_as_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(hi), Some(lo)) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
                continue;
            }
            (None, b'+') if plus_as_space => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Compares a request path with the example's: decoded, without trailing `/`. Spellings Graph
/// treats alike are a note: ASCII case, `x('k')` for `x/k`, `/me` for `/users/me`, `f()` for `f`,
/// `microsoft.graph.` prefixes, and spaces or quote style inside a call.
pub fn paths(expected: &str, actual: &str) -> Verdict {
    let e = percent_decode(expected, false);
    let a = percent_decode(actual, false);
    let (e, a) = (e.trim_end_matches('/'), a.trim_end_matches('/'));
    if e == a {
        Verdict::Same
    } else if canonical_path(expected) == canonical_path(actual) {
        Verdict::Note("path-format")
    } else if version_typo(expected).is_some_and(|rest| paths(rest, actual) != Verdict::Differ) {
        // `/v1/me/...` for `/v1.0/me/...`: the resolver reads `v1` as the version too.
        Verdict::Note("version-repaired")
    } else {
        Verdict::Differ
    }
}

/// The rest of a path that starts with the misspelled version segment `v1`.
fn version_typo(path: &str) -> Option<&str> {
    let rest = path.strip_prefix('/').unwrap_or(path);
    let (first, rest) = rest.split_once('/')?;
    first.eq_ignore_ascii_case("v1").then_some(rest)
}

/// The comparable form of a path: lower-case segments, decoded one by one.
pub fn canonical_path(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in split_outside_quotes(path.trim_matches('/'), '/') {
        let segment = call_form(&percent_decode(raw, false)).to_ascii_lowercase();
        let segment = segment
            .strip_prefix("microsoft.graph.")
            .or_else(|| segment.strip_prefix("graph."))
            .unwrap_or(&segment)
            .to_string();
        let segment = segment.strip_suffix("()").unwrap_or(&segment).to_string();
        match key_call(&segment) {
            Some((name, key)) => {
                out.push(name.to_string());
                out.push(key.to_string());
            }
            None if !segment.is_empty() => out.push(segment),
            None => {}
        }
    }
    if matches!(out.first().map(String::as_str), Some("v1.0" | "beta")) {
        out.remove(0);
    }
    if out.first().map(String::as_str) == Some("me") {
        out.insert(0, "users".to_string());
    }
    out
}

/// `name('key')` or `name(key)` (one argument, no `=`) as (`name`, `key`).
fn key_call(segment: &str) -> Option<(&str, &str)> {
    let open = segment.find('(')?;
    let inner = segment[open + 1..].strip_suffix(')')?;
    if inner.is_empty() || split_outside_quotes(inner, ',').len() != 1 {
        return None;
    }
    let unquoted = inner.strip_prefix('\'').and_then(|i| i.strip_suffix('\''));
    if unquoted.is_none() && inner.contains('=') {
        return None;
    }
    Some((&segment[..open], unquoted.unwrap_or(inner)))
}

/// Splits at `sep` outside single quotes and parentheses.
fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quoted, mut depth, mut start) = (false, 0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            c if c == sep && !quoted && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A segment with spaces outside quotes removed and `"` read as `'`.
fn call_form(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    let mut quoted = false;
    for c in segment.chars() {
        match c {
            '\'' | '"' => {
                if !quoted {
                    drop_enum_qualifier(&mut out);
                }
                quoted = !quoted;
                out.push('\'');
            }
            c if c.is_whitespace() && !quoted => {}
            c => out.push(c),
        }
    }
    out
}

/// Drops the type before a quoted enum literal (`microsoft.graph.timeZoneStandard'Iana'` is
/// `'Iana'`): the qualified and bare forms name the same member.
fn drop_enum_qualifier(out: &mut String) {
    let start = out.rfind(['=', ',', '(']).map_or(0, |i| i + 1);
    let qualifier = &out[start..];
    let qualified = qualifier.contains('.')
        && qualifier
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if qualified {
        out.truncate(start);
    }
}

/// Splits a query string into decoded (name, value) pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((n, v)) => (percent_decode(n, true), percent_decode(v, true)),
            None => (percent_decode(pair, true), String::new()),
        })
        .collect()
}

/// Compares query options as a multiset: names without `$` and case, values decoded with runs of
/// spaces collapsed (and none after commas). Exact equality is `Same`, the rest a note.
pub fn queries(expected: &[(String, String)], actual: &[(String, String)]) -> Verdict {
    let exact = |pairs: &[(String, String)]| {
        let mut v: Vec<(String, String)> = pairs.to_vec();
        v.sort();
        v
    };
    if exact(expected) == exact(actual) {
        return Verdict::Same;
    }
    let loose = |pairs: &[(String, String)]| {
        let mut v: Vec<(String, String)> = pairs
            .iter()
            .map(|(n, v)| (query_name(n), query_value(v)))
            .collect();
        v.sort();
        v
    };
    if loose(expected) == loose(actual) {
        Verdict::Note("query-format")
    } else {
        Verdict::Differ
    }
}

fn query_name(name: &str) -> String {
    name.trim().trim_start_matches('$').to_ascii_lowercase()
}

fn query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut quoted = false;
    let mut last_space = false;
    for c in percent_decode(value, true).trim().chars() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if !last_space && !out.ends_with(',') {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        if c == ',' && out.ends_with(' ') && !quoted {
            out.pop();
        }
        if c == '"' && !quoted {
            out.push('\'');
        } else {
            out.push(c);
        }
        last_space = false;
    }
    out
}
