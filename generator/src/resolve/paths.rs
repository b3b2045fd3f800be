//! Path templates: splitting a URL path into pieces, reading placeholders, function segments and
//! colon paths, and naming path parameters.
//!
//! The same splitter reads templates (`/groups/{id}/threads`) and example URLs
//! (`/groups/02bd9fd6/threads`), so both sides of example matching agree on segment boundaries.

use super::words::{kebab, kebab_or, singular};
use crate::model::{CallArg, PathTemplate, Segment};

/// One piece of a path: text between `/` (outside parentheses), or the inside of a colon path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece<'a> {
    pub text: &'a str,
    /// The inside of `:/…:` (the item path of `root:/{item-path}:`).
    pub colon: bool,
}

/// `text.trim()`, settled at once for the usual text that starts and ends in a visible ASCII
/// character (`str::trim` decodes characters from both ends to test them for white space).
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Calls `f` with `name` lower-cased (ASCII), on the stack when it is short.
pub(crate) fn with_lower_case<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 64];
    match buffer.get_mut(..name.len()) {
        Some(lower) => {
            lower.copy_from_slice(name.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).expect("ASCII lower-casing keeps UTF-8"))
        }
        None => f(&name.to_ascii_lowercase()),
    }
}

/// Removes scheme and host, the version segment, the query string and surrounding slashes:
/// `https://graph.microsoft.com/v1.0/me/events?$top=1` → `me/events`.
pub(crate) fn strip_url(path: &str) -> &str {
    let mut rest = trim(path);
    if let Some(q) = query_start(rest) {
        rest = &rest[..q];
    }
    for scheme in ["https://", "http://"] {
        if starts_with_ignore_case(rest, scheme) {
            rest = &rest[scheme.len()..];
            rest = rest.find('/').map_or("", |i| &rest[i..]);
        }
    }
    rest = rest.trim_start_matches('~').trim_matches('/');
    let first = first_segment(rest);
    let second = first_segment(rest.get(first.len() + 1..).unwrap_or_default());
    if first.contains('.') && is_version(second) {
        // A host written without its scheme: `graph.microsoft.com/v1.0/me`.
        rest = rest[first.len()..].trim_start_matches('/');
    }
    let first = first_segment(rest);
    if is_version(first) {
        rest = rest[first.len()..].trim_start_matches('/');
    }
    rest.trim_end_matches('/')
}

/// The text before the first `/` (all of `path` when it has none).
fn first_segment(path: &str) -> &str {
    path.bytes()
        .position(|b| b == b'/')
        .map_or(path, |end| &path[..end])
}

/// A version segment: `v1.0`, `beta` or `v1`, in any case.
fn is_version(segment: &str) -> bool {
    ["v1.0", "beta", "v1"]
        .iter()
        .any(|v| segment.eq_ignore_ascii_case(v))
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `text` ends with `suffix`, ignoring ASCII case.
pub(crate) fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Position of the `?` that starts the query string (outside parentheses).
fn query_start(path: &str) -> Option<usize> {
    // Most paths have no `?` at all: one quick search settles them.
    path.find('?')?;
    let mut depth = 0usize;
    for (i, b) in path.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'?' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Splits a stripped path into pieces: `/` separates outside parentheses and quotes; `:/` opens a
/// colon path that runs to the next `:` (or the end). The pieces borrow from `path`.
pub(crate) fn split_path(path: &str) -> Vec<Piece<'_>> {
    let bytes = path.as_bytes();
    let mut pieces = Vec::with_capacity(8);
    if !bytes
        .iter()
        .any(|b| matches!(b, b'\'' | b'(' | b')' | b':'))
    {
        // No parentheses, quotes or colons: every `/` separates.
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'/' {
                push_piece(&mut pieces, &path[start..i]);
                start = i + 1;
            }
        }
        push_piece(&mut pieces, &path[start..]);
        return pieces;
    }
    let (mut depth, mut quoted) = (0usize, false);
    // `start` begins the piece being read; every delimiter is ASCII, so bytes suffice.
    let (mut start, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\'' if depth > 0 => quoted = !quoted,
            b'(' if !quoted => depth += 1,
            b')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
        let outside = depth == 0 && !quoted;
        if outside && c == b'/' {
            push_piece(&mut pieces, &path[start..i]);
            start = i + 1;
        } else if outside && c == b':' && bytes.get(i + 1) == Some(&b'/') {
            push_piece(&mut pieces, &path[start..i]);
            let inner_start = i + 2;
            let inner_end = path[inner_start..]
                .find(':')
                .map_or(path.len(), |n| inner_start + n);
            pieces.push(Piece {
                text: path[inner_start..inner_end].trim_matches('/'),
                colon: true,
            });
            // Past the closing `:`.
            i = inner_end + 1;
            start = i.min(path.len());
            continue;
        }
        i += 1;
    }
    push_piece(&mut pieces, &path[start..]);
    pieces
}

fn push_piece<'a>(pieces: &mut Vec<Piece<'a>>, text: &'a str) {
    let text = trim(text);
    if !text.is_empty() {
        pieces.push(Piece { text, colon: false });
    }
}

/// If `text` is entirely a placeholder (`{id}`, `<id>`, `(team-id)`, `'{id}'`,
/// `{id | userPrincipalName}`), returns its first name (possibly empty).
pub(crate) fn placeholder_name(text: &str) -> Option<&str> {
    let mut inner = trim(text);
    if !inner.starts_with(['{', '<', '(', '\'', '"']) {
        return None;
    }
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
            Some(next) if !has_any(next, b"{}()/") || next.starts_with('{') => {
                inner = trim(next);
                found = true;
            }
            _ => break,
        }
    }
    if !found {
        return None;
    }
    let end = inner.bytes().position(|b| b == b'|' || b == b',');
    Some(trim(&inner[..end.unwrap_or(inner.len())]))
}

/// Whether `text` contains any of the ASCII `bytes`.
fn has_any(text: &str, bytes: &[u8]) -> bool {
    text.bytes().any(|b| bytes.contains(&b))
}

/// Removes one pair of surrounding single or double quotes.
pub(crate) fn unquote(text: &str) -> &str {
    let t = trim(text);
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
    Some((trim(&text[..open]), trim(&text[open + 1..close])))
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
                args.push(trim(&inner[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(trim(&inner[start..]));
    args.retain(|a| !a.is_empty());
    args
}

/// Splits `name=value` at the first `=` outside quotes; an unnamed argument gives `None`.
pub(crate) fn split_named(arg: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in arg.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '=' if !quoted => return Some((trim(&arg[..i]), trim(&arg[i + 1..]))),
            _ => {}
        }
    }
    None
}

/// A template segment before parameters are named; the text borrows from the template.
#[derive(Debug, Clone, PartialEq)]
enum Draft<'a> {
    Literal(&'a str),
    Key(&'a str),
    Cast(&'a str),
    Call {
        name: &'a str,
        args: Vec<(&'a str, DraftArg<'a>)>,
        parenthesized: bool,
    },
    Colon(&'a str),
}

#[derive(Debug, Clone, PartialEq)]
enum DraftArg<'a> {
    Param,
    Literal(&'a str),
}

/// The most segments a template may have. Real Graph paths have at most 15; a longer one is a
/// broken page, and reading it would only build a tree (and builders) as deep as the page says.
pub const MAX_TEMPLATE_SEGMENTS: usize = 64;

/// Parses a template as written in an `## HTTP request` block. `is_type` says whether a dotted
/// segment names a defined type (a cast) rather than a bound operation. Reading stops past
/// [`MAX_TEMPLATE_SEGMENTS`]: callers drop a template that [`is_too_deep`].
pub fn parse_template(raw: &str, is_type: &dyn Fn(&str) -> bool) -> PathTemplate {
    let stripped = strip_url(raw);
    let mut drafts = Vec::with_capacity(8);
    for piece in split_path(stripped).iter().take(MAX_TEMPLATE_SEGMENTS + 1) {
        draft_piece(piece, is_type, &mut drafts);
    }
    PathTemplate {
        raw: trim(raw).to_string(),
        segments: name_parameters(drafts),
    }
}

/// Whether a template has more segments than [`MAX_TEMPLATE_SEGMENTS`] (it may be cut short).
pub fn is_too_deep(template: &PathTemplate) -> bool {
    template.segments.len() > MAX_TEMPLATE_SEGMENTS
}

/// Appends the drafts of one piece (two for `name(key)`).
fn draft_piece<'a>(piece: &Piece<'a>, is_type: &dyn Fn(&str) -> bool, out: &mut Vec<Draft<'a>>) {
    let text = piece.text;
    if piece.colon {
        out.push(Draft::Colon(placeholder_name(text).unwrap_or("path")));
        return;
    }
    if let Some(name) = placeholder_name(text) {
        out.push(Draft::Key(name));
        return;
    }
    if let Some((name, inner)) = split_call(text) {
        let args = split_args(inner);
        if args.len() == 1 && split_named(args[0]).is_none() {
            let key = placeholder_name(args[0]).unwrap_or_default();
            out.extend([Draft::Literal(name), Draft::Key(key)]);
            return;
        }
        let args = args.into_iter().map(draft_arg).collect();
        out.push(Draft::Call {
            name,
            args,
            parenthesized: true,
        });
        return;
    }
    out.push(dotted_or_literal(text, is_type));
}

/// The draft of a piece that is no placeholder and no call.
fn dotted_or_literal<'a>(text: &'a str, is_type: &dyn Fn(&str) -> bool) -> Draft<'a> {
    if text.contains('.') && !text.starts_with('$') {
        return if is_type(text) {
            Draft::Cast(text)
        } else if starts_with_ignore_case(text, "microsoft.")
            || starts_with_ignore_case(text, "graph.")
        {
            Draft::Call {
                name: text,
                args: Vec::new(),
                parenthesized: false,
            }
        } else {
            // A host name or e-mail written where a key goes: `/domains/contoso.com`.
            Draft::Key("")
        };
    }
    if looks_like_value(text) {
        return Draft::Key("");
    }
    Draft::Literal(text)
}

/// Whether a template segment is a sample value rather than a name: digits, a GUID, an
/// e-mail, base64 padding, or a long token mixing digits and letters.
pub(crate) fn looks_like_value(text: &str) -> bool {
    // Bytes, not characters: ASCII digits, `@` and `=` are single bytes, and no other
    // character's bytes look like them.
    let bytes = text.as_bytes();
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    let all_digits = digits == text.len() && !text.is_empty();
    let long_token = text.len() >= 24 && digits >= 4;
    all_digits || long_token || has_any(text, b"@=") || contains_guid(text)
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

fn draft_arg(arg: &str) -> (&str, DraftArg<'_>) {
    let Some((name, value)) = split_named(arg) else {
        return ("", DraftArg::Literal(arg));
    };
    if is_placeholder_value(value) {
        (name, DraftArg::Param)
    } else {
        (name, DraftArg::Literal(value))
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
        && !["true", "false", "null"]
            .iter()
            .any(|word| bare.eq_ignore_ascii_case(word))
}

/// Turns drafts into segments, naming every parameter and numbering duplicates.
fn name_parameters(drafts: Vec<Draft<'_>>) -> Vec<Segment> {
    let mut names = NameSet::default();
    let mut segments = Vec::with_capacity(drafts.len());
    let mut previous: Option<&str> = None;
    for draft in drafts {
        let segment = match draft {
            Draft::Literal(text) => {
                previous = Some(text);
                segments.push(Segment::Literal(text.to_string()));
                continue;
            }
            Draft::Key(name) => Segment::Key {
                param: names.add(key_name(name, previous)),
            },
            Draft::Colon(name) => Segment::ColonPath {
                param: names.add(kebab_or(name, "path")),
            },
            Draft::Cast(name) => Segment::Cast(name.to_string()),
            Draft::Call {
                name,
                args,
                parenthesized,
            } => {
                let args = args
                    .into_iter()
                    .map(|(arg, value)| call_arg(arg, value, &mut names));
                Segment::Call {
                    name: name.to_string(),
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

fn call_arg(name: &str, value: DraftArg<'_>, names: &mut NameSet) -> CallArg {
    match value {
        DraftArg::Param => CallArg {
            name: name.to_string(),
            param: Some(names.add(kebab_or(name, "value"))),
            literal: None,
        },
        DraftArg::Literal(literal) => CallArg {
            name: name.to_string(),
            param: None,
            literal: Some(literal.to_string()),
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
        Some(mut stem) => {
            stem.push_str("-id");
            stem
        }
        None => "id".to_string(),
    }
}

/// Parameter names of one path; a repeated name gets `-2`, `-3`, ... in order.
#[derive(Default)]
struct NameSet {
    /// A path has a handful of parameters: a list is quicker than a set.
    seen: Vec<String>,
}

impl NameSet {
    fn add(&mut self, name: String) -> String {
        let taken = |seen: &[String], candidate: &str| seen.iter().any(|s| s == candidate);
        if !taken(&self.seen, &name) {
            self.seen.push(name.clone());
            return name;
        }
        let mut candidate = name.clone();
        let mut n = 2;
        while taken(&self.seen, &candidate) {
            candidate = format!("{name}-{n}");
            n += 1;
        }
        self.seen.push(candidate.clone());
        candidate
    }
}

/// Whether any parameter of the template had to be renumbered.
pub fn has_renumbered_parameter(template: &PathTemplate) -> bool {
    let names = template.parameter_names();
    if names.len() < 2 {
        return false;
    }
    names.iter().any(|n| {
        n.rsplit_once('-').is_some_and(|(base, num)| {
            num.parse::<u32>().is_ok_and(|k| k >= 2) && names.contains(&base)
        })
    })
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;
