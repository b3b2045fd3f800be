//! The usual front matter without the YAML parser: one `key: value` per line, each value a
//! single-line plain or quoted scalar. Anything else is left to the parser, which then decides,
//! reports and reads it exactly as before.

use super::FrontMatter;

/// The fields of `yaml` when every line is blank, a comment or a one-line `key: value` that the
/// YAML parser would read as the same text; `None` when any line needs the parser.
pub fn read(yaml: &str) -> Option<FrontMatter> {
    let mut front = FrontMatter::default();
    let mut keys: Vec<&str> = Vec::with_capacity(12);
    for line in yaml.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.chars().all(printable) {
            return None;
        }
        if line.bytes().all(|b| b == b' ') || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !is_plain_key(key) || keys.contains(&key) {
            return None;
        }
        keys.push(key);
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let value = rest.trim_matches(' ');
        let field = match key {
            "title" => &mut front.title,
            "description" => &mut front.description,
            "ms.prod" => &mut front.ms_prod,
            "doc_type" => &mut front.doc_type,
            _ => {
                scalar(value, false)?;
                continue;
            }
        };
        *field = scalar(value, true)?.map(|text| text.trim().to_string());
    }
    (!keys.is_empty()).then_some(front)
}

/// What a one-line value reads as: `Some(None)` for no value, `Some(Some(text))` for a string
/// scalar, `None` when the parser must decide (escapes, multi-line, other types, comments). With
/// `typed`, plain values YAML could read as a number, boolean or null are left to the parser too.
fn scalar(value: &str, typed: bool) -> Option<Option<&str>> {
    let Some(first) = value.chars().next() else {
        return Some(None);
    };
    if first == '"' || first == '\'' {
        let inner = &value[1..];
        let end = inner.find(first)?;
        let text = &inner[..end];
        let closed = end + 1 == inner.len();
        return (closed && !(first == '"' && text.contains('\\'))).then_some(Some(text));
    }
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let open_ended = value.ends_with(':') || value.contains(": ") || value.contains(" #");
    if indicator || open_ended {
        return None;
    }
    if typed && (!first.is_alphabetic() || is_yaml_word(value)) {
        return None;
    }
    Some(Some(value))
}

/// A key the parser reads as a plain string: `title`, `ms.prod`, `doc_type`.
fn is_plain_key(key: &str) -> bool {
    key.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        && !is_yaml_word(key)
}

/// Words that YAML (1.1 or 1.2) may read as booleans or null.
fn is_yaml_word(text: &str) -> bool {
    ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|w| text.eq_ignore_ascii_case(w))
}

/// Characters a one-line YAML scalar may hold as they are (no tabs, controls or line breaks).
fn printable(c: char) -> bool {
    matches!(c, ' '..='~')
        || (c >= '\u{a0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::codes::Reporter;
    use crate::docs::front_matter;

    /// What the YAML path gives (fields, and whether it warned).
    fn by_parser(yaml: &str) -> (FrontMatter, bool) {
        let mut r = Reporter::new("f.md");
        let front = front_matter::parse_with_yaml(yaml, 2, &mut r);
        (front, !r.items.is_empty())
    }

    #[test]
    fn agrees_with_the_parser_wherever_it_answers() {
        let cases = [
            "title: Get user\ndescription: \"Read a user.\"\nms.prod: 'users'\ndoc_type: apiPageType\n",
            "title: \"  padded  \"\r\nauthor: someone\r\nms.date: 09/10/2017\r\n",
            "# a comment\n\ntitle: C# and F#\ndescription: https://example.com/a:b\n",
            "title: 'it''s'\n",
            "title: \"a \\\" b\"\n",
            "title: a: b\n",
            "title: x # comment\n",
            "title: 12\n",
            "title: true\n",
            "title: null\n",
            "title: ~\n",
            "title:\n",
            "title:\n  folded\n  text\n",
            "title: >\n  folded\n",
            "title: [a, b]\n",
            "title: a\ntitle: b\n",
            "other: a\nother: b\n",
            "title: \"open\n",
            "title:x\n",
            "title: a\n- b\n",
            "just text\n",
            "",
            "\n\n",
            "title: a\tb\n",
            "title: \u{2028}\n",
            "description: Get the \"x\" property; it's a 'y'.\n",
            "keywords:\n- a\n- b\ntitle: T\n",
            "ms.custom: {a: 1}\ntitle: T\n",
            "title: caf\u{e9} \u{a0}\n",
            "yes: 1\ntitle: T\n",
            "title: 'a' b\n",
            "title: \"a\" # c\n",
            "doc_type: \"apiPageType\"\n",
            "doc_type: apiPageType_\n",
        ];
        let mut answered = Vec::new();
        for (i, yaml) in cases.iter().enumerate() {
            if let Some(front) = read(yaml) {
                assert_eq!((front, false), by_parser(yaml), "{yaml:?}");
                answered.push(i);
            }
        }
        // Everything else (escapes, comments, numbers, booleans, null, multi-line and flow
        // values, duplicates, tabs, broken lines) is the parser's.
        assert_eq!(answered, [0, 1, 2, 11, 25, 28, 32, 33]);
    }
}
