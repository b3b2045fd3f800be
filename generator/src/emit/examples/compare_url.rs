//! Request URLs compared leniently: paths and query strings, decoded, with the spellings Graph
//! treats alike as notes (see [`paths`] and [`queries`]).
//!
//! Like `compare.rs`, this file is compiled twice: in the generator and, copied verbatim, in the
//! generated conformance test. It uses only `std` and its sibling `compare` module.

use super::compare::Verdict;

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
