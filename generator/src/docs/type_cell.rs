//! Type cells: `String`, `Edm.Int32`, `[recipient](recipient.md) collection`, `Collection(String)`,
//! `collection of x`, `**microsoft.graph.x**`, ... → [`RawType`].

use super::RawType;

/// Reads a type cell written in markdown. `None` when it names no type.
pub fn parse(raw: &str) -> Option<RawType> {
    let trimmed = raw.trim();
    // `__` is emphasis to drop, which `plain_type_text` handles.
    if let Some(ty) = bare_name(trimmed).filter(|_| !trimmed.contains("__")) {
        return Some(ty);
    }
    if let Some(element) = trimmed.strip_suffix("[]").filter(|e| !e.ends_with(']')) {
        let mut ty = parse_plain(&plain_type_text(element))?;
        ty.collection = true;
        return Some(ty);
    }
    parse_plain(&plain_type_text(trimmed))
}

/// Reads a type already stripped of markdown.
pub fn parse_plain(text: &str) -> Option<RawType> {
    if let Some(ty) = bare_name(text.trim()) {
        return Some(ty);
    }
    let mut t = strip_leading_note(text.trim());
    // Prose after the type: `string, maximum size 50`, `x collection. Holds ...`.
    t = &t[..prose_start(t)];
    t = t.trim().trim_end_matches(['.', ',', ';']).trim();
    t = strip_trailing_note(t);
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "json object" | "untyped json object" | "untyped json" | "json"
    ) {
        return Some(RawType {
            name: "Json".to_string(),
            collection: false,
            link: None,
        });
    }
    let (name, collection) = if lower.starts_with("collection(") && t.ends_with(')') {
        (&t[11..t.len() - 1], true)
    } else if let Some(rest) = lower.strip_prefix("collection of ") {
        let rest_len = rest.len();
        (&t[t.len() - rest_len..], true)
    } else {
        let mut name = t;
        let mut collection = false;
        loop {
            if let Some(s) = strip_suffix_ci(name, " collections")
                .or_else(|| strip_suffix_ci(name, " collection"))
            {
                name = s.trim_end();
                collection = true;
            } else if let Some(s) = name.strip_suffix("[]") {
                name = s;
                collection = true;
            } else if let Some(s) = [" enum", " object", " objects", " resource", " value"]
                .iter()
                .find_map(|suffix| strip_suffix_ci(name, suffix))
            {
                name = s.trim_end();
            } else {
                break;
            }
        }
        (name, collection)
    };
    let name = name.trim().trim_matches(['"', '\'']).trim();
    let (name, collection) = match crate::docs::annotation::split_collection(name) {
        (inner, true) => (inner, true),
        _ => (name, collection),
    };
    is_type_name(name).then(|| RawType {
        name: name.to_string(),
        collection,
        link: None,
    })
}

/// The common case, read without the steps below: a cell that is only a type name (`String`,
/// `microsoft.graph.entity`), which none of the steps changes, except `json`.
fn bare_name(t: &str) -> Option<RawType> {
    (is_type_name(t) && !t.eq_ignore_ascii_case("json")).then(|| RawType {
        name: t.to_string(),
        collection: false,
        link: None,
    })
}

/// Where prose after a type starts: the first `, `, `; ` or `. ` (the end when there is none).
fn prose_start(t: &str) -> usize {
    let bytes = t.as_bytes();
    bytes
        .windows(2)
        .position(|w| matches!(w[0], b',' | b';' | b'.') && w[1] == b' ')
        .unwrap_or(bytes.len())
}

/// Drops a leading parenthetical note: `(Optional) String` → `String`.
fn strip_leading_note(t: &str) -> &str {
    if t.starts_with('(') && !t[1..].contains('(') {
        if let Some(close) = t.find(')') {
            let rest = t[close + 1..].trim_start();
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    t
}

/// Drops a trailing parenthetical note: `String (identifier)` → `String`.
fn strip_trailing_note(t: &str) -> &str {
    if t.ends_with(')') {
        if let Some(open) = t.rfind(" (") {
            return t[..open].trim_end();
        }
    }
    t
}

fn strip_suffix_ci<'t>(t: &'t str, suffix: &str) -> Option<&'t str> {
    let n = suffix.len();
    (t.len() > n
        && t.is_char_boundary(t.len() - n)
        && t[t.len() - n..].eq_ignore_ascii_case(suffix))
    .then(|| &t[..t.len() - n])
}

/// A type name: letters, digits, `.` and `_`, starting with a letter.
fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && name.len() <= 200
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && !name.ends_with('.')
}

/// Turns a type cell's markdown into plain text: links become their text (or the file stem when
/// the text is empty), emphasis, code marks, escapes and HTML tags are dropped.
pub fn plain_type_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        match c {
            '[' => {
                if let Some((text, after)) = link(rest) {
                    out.push_str(&text);
                    rest = after;
                    continue;
                }
                rest = &rest[1..];
            }
            '<' => match rest.find('>') {
                Some(end) => {
                    out.push(' ');
                    rest = &rest[end + 1..];
                }
                None => rest = &rest[1..],
            },
            '*' | '`' | '\\' | ']' => rest = &rest[1..],
            '_' if rest.starts_with("__") => rest = &rest[2..],
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Reads `[text](dest)`, `[text][ref]` or `[text][]` at the start of `s`: (type text, rest).
fn link(s: &str) -> Option<(String, &str)> {
    let close = s.find(']')?;
    let text = plain_type_text(&s[1..close]);
    let after = &s[close + 1..];
    if let Some(inner) = after.strip_prefix('(') {
        // An unclosed destination ends at the first space.
        let (end, skip) = match inner.find(')') {
            Some(end) => (end, 1),
            None => (inner.find(char::is_whitespace).unwrap_or(inner.len()), 0),
        };
        let dest = &inner[..end];
        let text = if text.trim().is_empty() {
            stem(dest)
        } else {
            text
        };
        return Some((text, inner.get(end + skip..).unwrap_or("")));
    }
    if let Some(inner) = after.strip_prefix('[') {
        let end = inner.find(']')?;
        return Some((text, &inner[end + 1..]));
    }
    Some((text, after))
}

/// `../resources/recipient.md#anchor` → `recipient`.
fn stem(dest: &str) -> String {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    file.trim_end_matches(".md").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(raw: &str) -> Option<(String, bool)> {
        parse(raw).map(|r| (r.name, r.collection))
    }

    #[test]
    fn primitives() {
        assert_eq!(t("String"), Some(("String".into(), false)));
        assert_eq!(t("Edm.Int64"), Some(("Edm.Int64".into(), false)));
        assert_eq!(t("`Boolean`"), Some(("Boolean".into(), false)));
        assert_eq!(t("**Double**"), Some(("Double".into(), false)));
        assert_eq!(t("String (identifier)"), Some(("String".into(), false)));
    }

    #[test]
    fn collections() {
        assert_eq!(t("String collection"), Some(("String".into(), true)));
        assert_eq!(
            t("Collection(Edm.String)"),
            Some(("Edm.String".into(), true))
        );
        assert_eq!(t("collection of widget"), Some(("widget".into(), true)));
        assert_eq!(
            t("[gadget](gadget.md) Collection"),
            Some(("gadget".into(), true))
        );
        assert_eq!(
            t("Collection([gadget](gadget.md))"),
            Some(("gadget".into(), true))
        );
        assert_eq!(t("Int32[]"), Some(("Int32".into(), true)));
        assert_eq!(t(" JSON "), Some(("Json".into(), false)));
        assert_eq!(t("a__b__c"), Some(("abc".into(), false)));
        assert_eq!(t("a_b"), Some(("a_b".into(), false)));
    }

    #[test]
    fn links_and_names() {
        assert_eq!(
            t("[gadget](../resources/gadget.md#props)"),
            Some(("gadget".into(), false))
        );
        assert_eq!(t("[](gadget.md)"), Some(("gadget".into(), false)));
        assert_eq!(t("[gadget][]"), Some(("gadget".into(), false)));
        assert_eq!(
            t("microsoft.graph.gadget"),
            Some(("microsoft.graph.gadget".into(), false))
        );
        assert_eq!(
            t("[microsoft.graph.gadget](gadget.md)."),
            Some(("microsoft.graph.gadget".into(), false))
        );
    }

    #[test]
    fn prose_around_types() {
        assert_eq!(t("string, maximum size 50"), Some(("string".into(), false)));
        assert_eq!(t("(Optional) String"), Some(("String".into(), false)));
        assert_eq!(t("[kind](kind.md) enum"), Some(("kind".into(), false)));
        assert_eq!(t("[part][] resource"), Some(("part".into(), false)));
        assert_eq!(t("part collection collection"), Some(("part".into(), true)));
        assert_eq!(t("[part](part.md collection"), Some(("part".into(), true)));
        assert_eq!(t("Untyped JSON object"), Some(("Json".into(), false)));
        assert_eq!(
            t("[part](part.md) collection. Holds the parts"),
            Some(("part".into(), true))
        );
    }

    #[test]
    fn unreadable() {
        assert_eq!(t(""), None);
        assert_eq!(t("see below"), None);
        assert_eq!(t("[a](a.md) or [b](b.md)"), None);
        assert_eq!(t("\u{0}\u{1}"), None);
    }
}
