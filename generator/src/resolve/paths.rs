//! Path templates: splitting a URL path into pieces, reading placeholders, function segments and
//! colon paths, and naming path parameters.
//!
//! The same splitter reads templates (`/groups/{id}/threads`) and example URLs
//! (`/groups/02bd9fd6/threads`), so both sides of example matching agree on segment boundaries.

use crate::model::{CallArg, PathTemplate, Segment};
use heck::ToKebabCase;
use std::collections::BTreeSet;

/// One piece of a path: text between `/` (outside parentheses), or the inside of a colon path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub text: String,
    /// The inside of `:/…:` (the item path of `root:/{item-path}:`).
    pub colon: bool,
}

/// Removes scheme and host, the version segment, the query string and surrounding slashes:
/// `https://graph.microsoft.com/v1.0/me/events?$top=1` → `me/events`.
pub(crate) fn strip_url(path: &str) -> &str {
    let mut rest = path.trim();
    if let Some(q) = query_start(rest) {
        rest = &rest[..q];
    }
    for scheme in ["https://", "http://"] {
        if rest
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        {
            rest = &rest[scheme.len()..];
            rest = rest.find('/').map_or("", |i| &rest[i..]);
        }
    }
    rest = rest.trim_start_matches('~').trim_matches('/');
    let is_version = |s: &str| {
        ["v1.0", "beta", "v1"]
            .iter()
            .any(|v| s.eq_ignore_ascii_case(v))
    };
    let mut parts = rest.splitn(3, '/');
    let (first, second) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if first.contains('.') && is_version(second) {
        // A host written without its scheme: `graph.microsoft.com/v1.0/me`.
        rest = rest[first.len()..].trim_start_matches('/');
    }
    let first = rest.split('/').next().unwrap_or_default();
    if is_version(first) {
        rest = rest[first.len()..].trim_start_matches('/');
    }
    rest.trim_end_matches('/')
}

/// Position of the `?` that starts the query string (outside parentheses and quotes).
fn query_start(path: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in path.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '?' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Splits a stripped path into pieces: `/` separates outside parentheses and quotes; `:/` opens a
/// colon path that runs to the next `:` (or the end).
pub(crate) fn split_path(path: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut chars = path.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' if depth > 0 => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
        let outside = depth == 0 && !quoted;
        if outside && c == '/' {
            push_piece(&mut pieces, &mut current, false);
        } else if outside && c == ':' && path[i + 1..].starts_with('/') {
            push_piece(&mut pieces, &mut current, false);
            let inner_start = i + 2;
            let inner_len = path[inner_start..]
                .find(':')
                .unwrap_or(path.len() - inner_start);
            let inner = &path[inner_start..inner_start + inner_len];
            pieces.push(Piece {
                text: inner.trim_matches('/').to_string(),
                colon: true,
            });
            let skip_to = inner_start + inner_len + 1;
            while chars.peek().is_some_and(|(j, _)| *j < skip_to) {
                chars.next();
            }
        } else {
            current.push(c);
        }
    }
    push_piece(&mut pieces, &mut current, false);
    pieces
}

fn push_piece(pieces: &mut Vec<Piece>, current: &mut String, colon: bool) {
    let text = current.trim();
    if !text.is_empty() {
        pieces.push(Piece {
            text: text.to_string(),
            colon,
        });
    }
    current.clear();
}

/// If `text` is entirely a placeholder (`{id}`, `<id>`, `(team-id)`, `'{id}'`,
/// `{id | userPrincipalName}`), returns its first name (possibly empty).
pub(crate) fn placeholder_name(text: &str) -> Option<String> {
    let mut inner = text.trim();
    let mut found = false;
    loop {
        let stripped = unquote(inner);
        let unwrapped = [('{', '}'), ('<', '>'), ('(', ')')]
            .iter()
            .find_map(|(open, close)| {
                stripped
                    .strip_prefix(*open)
                    .and_then(|s| s.strip_suffix(*close))
            });
        match unwrapped {
            Some(next) if !next.contains(['{', '}', '(', ')', '/']) || next.starts_with('{') => {
                inner = next.trim();
                found = true;
            }
            _ => break,
        }
    }
    if !found {
        return None;
    }
    let first = inner.split(['|', ',']).next().unwrap_or_default();
    Some(first.trim().to_string())
}

/// Removes one pair of surrounding single or double quotes.
pub(crate) fn unquote(text: &str) -> &str {
    let t = text.trim();
    for q in ['\'', '"'] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return &t[1..t.len() - 1];
        }
    }
    t
}

/// A piece split into `name` and the text inside its parentheses, if it has any.
pub(crate) fn split_call(text: &str) -> Option<(&str, &str)> {
    let open = text.find('(')?;
    let close = text.rfind(')').filter(|c| *c > open).unwrap_or(text.len());
    Some((text[..open].trim(), text[open + 1..close].trim()))
}

/// Splits call arguments at commas outside quotes and parentheses.
pub(crate) fn split_args(inner: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let (mut depth, mut quoted, mut start) = (0usize, false, 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    args.retain(|a| !a.is_empty());
    args
}

/// Splits `name=value` at the first `=` outside quotes; an unnamed argument gives `None`.
pub(crate) fn split_named(arg: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in arg.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '=' if !quoted => return Some((arg[..i].trim(), arg[i + 1..].trim())),
            _ => {}
        }
    }
    None
}

/// A template segment before parameters are named.
#[derive(Debug, Clone, PartialEq)]
enum Draft {
    Literal(String),
    Key(String),
    Cast(String),
    Call {
        name: String,
        args: Vec<(String, DraftArg)>,
        parenthesized: bool,
    },
    Colon(String),
}

#[derive(Debug, Clone, PartialEq)]
enum DraftArg {
    Param(String),
    Literal(String),
}

/// Parses a template as written in an `## HTTP request` block. `is_type` says whether a dotted
/// segment names a defined type (a cast) rather than a bound operation.
pub fn parse_template(raw: &str, is_type: &dyn Fn(&str) -> bool) -> PathTemplate {
    let stripped = strip_url(raw);
    let mut drafts = Vec::new();
    for piece in split_path(stripped) {
        drafts.extend(draft_piece(&piece, is_type));
    }
    PathTemplate {
        raw: raw.trim().to_string(),
        segments: name_parameters(drafts),
    }
}

fn draft_piece(piece: &Piece, is_type: &dyn Fn(&str) -> bool) -> Vec<Draft> {
    let text = piece.text.as_str();
    if piece.colon {
        return vec![Draft::Colon(
            placeholder_name(text).unwrap_or_else(|| "path".into()),
        )];
    }
    if let Some(name) = placeholder_name(text) {
        return vec![Draft::Key(name)];
    }
    if let Some((name, inner)) = split_call(text) {
        let args = split_args(inner);
        if args.len() == 1 && split_named(args[0]).is_none() {
            let key = placeholder_name(args[0]).unwrap_or_default();
            return vec![Draft::Literal(name.to_string()), Draft::Key(key)];
        }
        let args = args.into_iter().map(draft_arg).collect();
        return vec![Draft::Call {
            name: name.to_string(),
            args,
            parenthesized: true,
        }];
    }
    if text.contains('.') && !text.starts_with('$') {
        let lower = text.to_ascii_lowercase();
        return vec![if is_type(text) {
            Draft::Cast(text.to_string())
        } else if lower.starts_with("microsoft.") || lower.starts_with("graph.") {
            Draft::Call {
                name: text.to_string(),
                args: Vec::new(),
                parenthesized: false,
            }
        } else {
            // A host name or e-mail written where a key goes: `/domains/contoso.com`.
            Draft::Key(String::new())
        }];
    }
    if looks_like_value(text) {
        return vec![Draft::Key(String::new())];
    }
    vec![Draft::Literal(text.to_string())]
}

/// Whether a template segment is a sample value rather than a name: digits, a GUID, an
/// e-mail, base64 padding, or a long token mixing digits and letters.
pub(crate) fn looks_like_value(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let all_digits = digits == text.len() && !text.is_empty();
    let long_token = text.len() >= 24 && digits >= 4;
    all_digits || long_token || text.contains(['@', '=']) || contains_guid(text)
}

/// Whether `text` contains `8-4-4-4-12` hex digits.
fn contains_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(36).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
    })
}

fn draft_arg(arg: &str) -> (String, DraftArg) {
    let Some((name, value)) = split_named(arg) else {
        return (String::new(), DraftArg::Literal(arg.to_string()));
    };
    let name = name.to_string();
    if is_placeholder_value(value) {
        (name, DraftArg::Param(String::new()))
    } else {
        (name, DraftArg::Literal(value.to_string()))
    }
}

/// A function argument value that stands for a parameter: `{x}`, `'{x}'`, `<x>`,
/// `enumType'{x}'`, `x-value`, `'parameterValue'`, or a bare word like `n`.
fn is_placeholder_value(value: &str) -> bool {
    let bare = unquote(value);
    if value.contains(['{', '<'])
        || bare.ends_with("-value")
        || bare.eq_ignore_ascii_case("parameterValue")
    {
        return true;
    }
    let is_word = !value.starts_with('\'') && bare.chars().all(|c| c.is_ascii_alphabetic());
    is_word
        && !matches!(
            bare.to_ascii_lowercase().as_str(),
            "true" | "false" | "null"
        )
}

/// Turns drafts into segments, naming every parameter and numbering duplicates.
fn name_parameters(drafts: Vec<Draft>) -> Vec<Segment> {
    let mut names = NameSet::default();
    let mut segments = Vec::with_capacity(drafts.len());
    let mut previous: Option<String> = None;
    for draft in drafts {
        let segment = match draft {
            Draft::Literal(text) => {
                previous = Some(text.clone());
                segments.push(Segment::Literal(text));
                continue;
            }
            Draft::Key(name) => Segment::Key {
                param: names.add(key_name(&name, previous.as_deref())),
            },
            Draft::Colon(name) => Segment::ColonPath {
                param: names.add(kebab_or(&name, "path")),
            },
            Draft::Cast(name) => Segment::Cast(name),
            Draft::Call {
                name,
                args,
                parenthesized,
            } => {
                let args = args
                    .into_iter()
                    .map(|(arg, value)| call_arg(arg, value, &mut names));
                Segment::Call {
                    name,
                    args: args.collect(),
                    parenthesized,
                }
            }
        };
        previous = None;
        segments.push(segment);
    }
    segments
}

fn call_arg(name: String, value: DraftArg, names: &mut NameSet) -> CallArg {
    match value {
        DraftArg::Param(_) => {
            let param = names.add(kebab_or(&name, "value"));
            CallArg {
                name,
                param: Some(param),
                literal: None,
            }
        }
        DraftArg::Literal(literal) => CallArg {
            name,
            param: None,
            literal: Some(literal),
        },
    }
}

/// The name of a key parameter: explicit names kebab-cased; a bare `id` named after the
/// collection before it (`groups` → `group-id`).
fn key_name(explicit: &str, previous: Option<&str>) -> String {
    let name = kebab(explicit);
    if !name.is_empty() && name != "id" {
        return name;
    }
    match previous
        .map(|p| kebab(&singular(p)))
        .filter(|p| !p.is_empty())
    {
        Some(stem) => format!("{stem}-id"),
        None => "id".to_string(),
    }
}

/// kebab-case, skipping the conversion for names that already are (`user-id`).
fn kebab(name: &str) -> String {
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if plain && !name.starts_with('-') && !name.ends_with('-') && !name.contains("--") {
        name.to_string()
    } else {
        name.to_kebab_case()
    }
}

fn kebab_or(name: &str, fallback: &str) -> String {
    let kebab = kebab(name);
    if kebab.is_empty() {
        fallback.to_string()
    } else {
        kebab
    }
}

/// Parameter names of one path; a repeated name gets `-2`, `-3`, ... in order.
#[derive(Default)]
struct NameSet {
    seen: BTreeSet<String>,
}

impl NameSet {
    fn add(&mut self, name: String) -> String {
        let mut candidate = name.clone();
        let mut n = 2;
        while self.seen.contains(&candidate) {
            candidate = format!("{name}-{n}");
            n += 1;
        }
        self.seen.insert(candidate.clone());
        candidate
    }
}

/// Whether any parameter of the template had to be renumbered.
pub fn has_renumbered_parameter(template: &PathTemplate) -> bool {
    let names = template.parameter_names();
    names.iter().any(|n| {
        n.rsplit_once('-').is_some_and(|(base, num)| {
            num.parse::<u32>().is_ok_and(|k| k >= 2) && names.contains(&base)
        })
    })
}

/// English singular of a collection name, by a small rule set: `policies` → `policy`,
/// `addresses` → `address`, `statuses` → `status`, `boxes` → `box`, `users` → `user`.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    const IRREGULAR: &[(&str, &str)] = &[("people", "person"), ("children", "child")];
    for (plural, single) in IRREGULAR {
        if lower.ends_with(plural) {
            let stem = &word[..word.len() - plural.len()];
            let head = &word[word.len() - plural.len()..][..1];
            let single = if head.chars().all(|c| c.is_ascii_uppercase()) {
                let mut s = single.to_string();
                s[..1].make_ascii_uppercase();
                s
            } else {
                single.to_string()
            };
            return format!("{stem}{single}");
        }
    }
    const RULES: &[(&str, &str)] = &[
        ("ies", "y"),
        ("sses", "ss"),
        ("uses", "us"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("ss", "ss"),
        ("us", "us"),
        ("is", "is"),
        ("s", ""),
    ];
    for (suffix, replacement) in RULES {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            return format!("{}{replacement}", &word[..word.len() - suffix.len()]);
        }
    }
    word.to_string()
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;
