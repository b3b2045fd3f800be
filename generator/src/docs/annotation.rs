//! JSON annotations in HTML comments (`<!-- { "blockType": "request", ... } -->`), with repair of
//! the unambiguous mistakes (trailing commas, smart quotes, text after the object, booleans as
//! strings).

use super::codes::{self, Reporter};
use super::PageAnnotation;
use serde_json::{Map, Value};

/// The `blockType` of an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockType {
    Request,
    Response,
    Resource,
    Ignored,
    /// A payload example that is not a request or response (notifications).
    Example,
    /// Sample request lines in an HTTP request section.
    Samples,
    /// The `#page.annotation` at the end of a page.
    Page,
    /// Missing or unknown (reported).
    Unknown,
}

/// One annotation, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub line: u32,
    pub block_type: BlockType,
    /// `name`, a string or an array of strings.
    pub names: Vec<String>,
    /// `@odata.type` or `@type`, without `Collection(...)`.
    pub odata_type: Option<String>,
    /// `@odata.type` was written `Collection(x)`.
    pub odata_collection: bool,
    pub truncated: bool,
    pub is_collection: bool,
    pub is_empty: bool,
    pub key_property: Option<String>,
    pub base_type: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub optional_properties: Vec<String>,
    pub is_composable: bool,
    pub sample_keys: Vec<String>,
    pub scopes: Option<String>,
    pub target: Option<String>,
    pub page: Option<PageAnnotation>,
}

impl Annotation {
    /// An annotation the page did not write, for an unannotated example block.
    pub fn implied(block_type: BlockType, line: u32) -> Self {
        Annotation {
            block_type,
            ..Annotation::empty(line)
        }
    }

    fn empty(line: u32) -> Self {
        Annotation {
            line,
            block_type: BlockType::Unknown,
            names: Vec::new(),
            odata_type: None,
            odata_collection: false,
            truncated: false,
            is_collection: false,
            is_empty: false,
            key_property: None,
            base_type: None,
            is_abstract: false,
            open_type: false,
            optional_properties: Vec::new(),
            is_composable: false,
            sample_keys: Vec::new(),
            scopes: None,
            target: None,
            page: None,
        }
    }
}

/// Reads a comment body. Returns `None` when the comment is not an annotation (does not start
/// with `{`, e.g. `<!-- uuid: ... -->`) or cannot be read (reported).
pub fn parse(body: &str, line: u32, r: &mut Reporter) -> Option<Annotation> {
    let trimmed = body.trim();
    if !trimmed.starts_with('{') {
        return None;
    }
    let object = match serde_json::from_str::<Value>(trimmed) {
        Ok(v) => v,
        Err(first) => match repair(trimmed).and_then(|(text, fixes)| {
            serde_json::from_str::<Value>(&text)
                .ok()
                .map(|v| (v, fixes))
        }) {
            Some((v, fixes)) => {
                r.warn(
                    codes::ANNOTATION_REPAIRED,
                    line,
                    format!("annotation is not valid JSON ({first}); repaired: {fixes}"),
                    "write the annotation as strict JSON: straight quotes, no trailing commas",
                );
                v
            }
            None => {
                r.error(
                    codes::ANNOTATION_INVALID,
                    line + first.line().saturating_sub(1) as u32,
                    format!("annotation is not valid JSON: {first}"),
                    "fix the JSON in the `<!-- { ... } -->` comment",
                );
                return None;
            }
        },
    };
    let Value::Object(map) = object else {
        r.error(
            codes::ANNOTATION_INVALID,
            line,
            "annotation is not a JSON object",
            "write the annotation as a JSON object `{ \"blockType\": ... }`",
        );
        return None;
    };
    Some(read_object(&map, line, r))
}

/// Fixes smart quotes, trailing commas and text after the closing brace. Returns the fixed text
/// and what was fixed, or `None` if nothing could be fixed.
fn repair(text: &str) -> Option<(String, String)> {
    let mut fixes = Vec::new();
    let mut s: String = text
        .chars()
        .map(|c| match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
            other => other,
        })
        .collect();
    if s != text {
        fixes.push("smart quotes");
    }
    let (tokens, token_fixes) = repair_tokens(&s);
    if !token_fixes.is_empty() {
        fixes.extend(token_fixes);
        s = tokens;
    }
    if let Some(end) = s.rfind('}') {
        if !s[end + 1..].trim().is_empty() {
            s.truncate(end + 1);
            fixes.push("text after the object");
        }
    }
    (!fixes.is_empty()).then(|| (s, fixes.join(", ")))
}

/// Outside strings: drops commas before `}` or `]` and quotes bare keys (`isCollection: true`).
/// Inside strings: escapes raw line breaks and tabs.
fn repair_tokens(text: &str) -> (String, Vec<&'static str>) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fixes = Vec::new();
    fn note(fix: &'static str, fixes: &mut Vec<&'static str>) {
        if !fixes.contains(&fix) {
            fixes.push(fix);
        }
    }
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' | '\r' | '\t' => {
                    note("line breaks in strings", &mut fixes);
                    out.push_str(if c == '\t' {
                        "\\t"
                    } else if c == '\n' {
                        "\\n"
                    } else {
                        ""
                    });
                    continue;
                }
                _ => {}
            }
            out.push(c);
            continue;
        }
        match c {
            '"' => in_string = true,
            ',' => {
                let next = text[i + 1..].trim_start().chars().next();
                if matches!(next, Some('}') | Some(']')) {
                    note("trailing commas", &mut fixes);
                    continue;
                }
            }
            c if c.is_ascii_alphabetic() || c == '@' || c == '_' => {
                let before = out.trim_end().chars().last();
                let len = text[i..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || "@._".contains(ch)))
                    .unwrap_or(text.len() - i);
                let after = text[i + len..].trim_start();
                if matches!(before, Some('{') | Some(',')) && after.starts_with(':') {
                    note("unquoted keys", &mut fixes);
                    out.push('"');
                    out.push_str(&text[i..i + len]);
                    out.push('"');
                    for _ in 1..text[i..i + len].chars().count() {
                        chars.next();
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
    }
    (out, fixes)
}

fn read_object(map: &Map<String, Value>, line: u32, r: &mut Reporter) -> Annotation {
    let mut a = Annotation::empty(line);
    let is_page = map
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.trim() == "#page.annotation")
        || (!map.contains_key("blockType")
            && (map.contains_key("tocPath") || map.contains_key("section")));
    let mut page = PageAnnotation::default();
    for (key, value) in map {
        match key.as_str() {
            "blockType" => a.block_type = block_type(value, line, r),
            "name" => a.names = strings(value),
            "@odata.type" | "@type" => {
                if let Some(t) = value.as_str() {
                    let (name, collection) = split_collection(t);
                    a.odata_type = Some(name.to_string());
                    a.odata_collection = collection;
                } else {
                    wrong_type(key, "a string", line, r);
                }
            }
            "truncated" => a.truncated = boolean(key, value, line, r),
            "isCollection" => a.is_collection = boolean(key, value, line, r),
            "isEmpty" => a.is_empty = boolean(key, value, line, r),
            "abstract" | "isAbstract" => a.is_abstract = boolean(key, value, line, r),
            "openType" => a.open_type = boolean(key, value, line, r),
            "isComposable" => a.is_composable = boolean(key, value, line, r),
            "keyProperty" => a.key_property = value.as_str().map(str::to_string),
            "baseType" => a.base_type = value.as_str().map(str::to_string),
            "optionalProperties" => a.optional_properties = strings(value),
            "sampleKeys" => a.sample_keys = strings(value),
            "scopes" | "scope" => a.scopes = Some(strings(value).join(" ")),
            "target" => a.target = value.as_str().map(str::to_string),
            "type" if is_page => a.block_type = BlockType::Page,
            "description" if is_page => page.description = value.as_str().map(str::to_string),
            "keywords" if is_page => page.keywords = Some(strings(value).join(", ")),
            "section" if is_page => page.section = value.as_str().map(str::to_string),
            "tocPath" if is_page => page.toc_path = value.as_str().map(str::to_string),
            "suppressions" if is_page => page.suppressions = strings(value),
            // Known to the docs tooling, not needed here.
            "@odata.annotations" | "tocBookmarks" | "tocbookmarks" | "expect" | "tags"
            | "@type.aka" | "@property.aka" | "idempotent" | "opaqueUrl" | "namespace"
            | "isMediaEntity" | "tocIndex" | "expectError" | "sampleIds" => {}
            _ => r.warn(
                codes::ANNOTATION_UNKNOWN_KEY,
                line,
                format!("unknown annotation key `{key}` ignored"),
                "remove the key or spell it as documented (name, @odata.type, truncated, ...)",
            ),
        }
    }
    if is_page {
        a.block_type = BlockType::Page;
        a.page = Some(page);
    } else if !map.contains_key("blockType") {
        r.warn(
            codes::ANNOTATION_BLOCK_TYPE,
            line,
            "annotation has no blockType",
            "add \"blockType\": \"request\" (or response, resource, ignored)",
        );
    }
    a
}

/// `Collection(x)` → (`x`, true); anything else → (trimmed, false).
pub fn split_collection(text: &str) -> (&str, bool) {
    let t = text.trim();
    let prefix = t.as_bytes().get(..11);
    if t.len() > 11
        && prefix.is_some_and(|p| p.eq_ignore_ascii_case(b"collection("))
        && t.ends_with(')')
    {
        (t[11..t.len() - 1].trim(), true)
    } else {
        (t, false)
    }
}

fn block_type(value: &Value, line: u32, r: &mut Reporter) -> BlockType {
    let text = value.as_str().unwrap_or("").trim();
    match text.to_ascii_lowercase().as_str() {
        "request" => BlockType::Request,
        "response" => BlockType::Response,
        "resource" => BlockType::Resource,
        "ignored" => BlockType::Ignored,
        "example" => BlockType::Example,
        "samples" => BlockType::Samples,
        _ => {
            r.warn(
                codes::ANNOTATION_BLOCK_TYPE,
                line,
                format!("unknown blockType `{value}`"),
                "use request, response, resource, ignored, example or samples",
            );
            BlockType::Unknown
        }
    }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn boolean(key: &str, value: &Value, line: u32, r: &mut Reporter) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => {
            string_bool(key, line, r);
            true
        }
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => {
            string_bool(key, line, r);
            false
        }
        _ => {
            wrong_type(key, "true or false", line, r);
            false
        }
    }
}

fn string_bool(key: &str, line: u32, r: &mut Reporter) {
    r.warn(
        codes::ANNOTATION_REPAIRED,
        line,
        format!("`{key}` is a string; read as a boolean"),
        "write true or false without quotes",
    );
}

fn wrong_type(key: &str, expected: &str, line: u32, r: &mut Reporter) {
    r.warn(
        codes::ANNOTATION_VALUE,
        line,
        format!("annotation key `{key}` should be {expected}; ignored"),
        "fix the value's JSON type",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> (Option<Annotation>, Vec<&'static str>) {
        let mut r = Reporter::new("f.md");
        let a = parse(body, 10, &mut r);
        (a, r.items.iter().map(|d| d.code).collect())
    }

    #[test]
    fn not_an_annotation() {
        assert_eq!(read(" uuid: 1234\n2015 ").0, None);
    }

    #[test]
    fn request_with_name_array() {
        let (a, codes) =
            read(r#" { "blockType": "request", "name": ["a", "b"], "sampleKeys": ["k"] } "#);
        let a = a.unwrap();
        assert_eq!(a.block_type, BlockType::Request);
        assert_eq!(a.names, ["a", "b"]);
        assert_eq!(a.sample_keys, ["k"]);
        assert!(codes.is_empty());
    }

    #[test]
    fn response_collection_type() {
        let (a, _) = read(
            r#"{"blockType":"response","@odata.type":"Collection(microsoft.graph.user)","truncated":true}"#,
        );
        let a = a.unwrap();
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.user"));
        assert!(a.odata_collection && a.truncated);
    }

    #[test]
    fn repairs_trailing_commas_smart_quotes_and_string_bools() {
        let (a, codes) =
            read("{ \u{201C}blockType\u{201D}: \"response\", \"isCollection\": \"true\", }");
        let a = a.unwrap();
        assert!(a.is_collection);
        assert_eq!(
            codes,
            [codes::ANNOTATION_REPAIRED, codes::ANNOTATION_REPAIRED]
        );
    }

    #[test]
    fn repairs_bare_keys_and_line_breaks() {
        let (a, codes) = read(
            "{\n  \"blockType\": \"response\",\n  isCollection: true,\n  \"name\": \"a\n b\"\n}",
        );
        let a = a.unwrap();
        assert!(a.is_collection);
        assert_eq!(a.names, ["a\n b"]);
        assert_eq!(codes, [codes::ANNOTATION_REPAIRED]);
    }

    #[test]
    fn invalid_json_is_skipped_with_error() {
        let (a, codes) = read("{ \"blockType\": request ");
        assert!(a.is_none());
        assert_eq!(codes, [codes::ANNOTATION_INVALID]);
    }

    #[test]
    fn page_annotation_and_unknown_keys() {
        let (a, codes) =
            read(r##"{"type":"#page.annotation","description":"d","suppressions":["x"],"zzz":1}"##);
        let a = a.unwrap();
        assert_eq!(a.block_type, BlockType::Page);
        let page = a.page.unwrap();
        assert_eq!(page.description.as_deref(), Some("d"));
        assert_eq!(page.suppressions, ["x"]);
        assert_eq!(codes, [codes::ANNOTATION_UNKNOWN_KEY]);
    }

    #[test]
    fn collection_prefix_with_multibyte_text() {
        assert_eq!(
            split_collection("collectionü(x)"),
            ("collectionü(x)", false)
        );
        assert_eq!(split_collection("Collection(x)"), ("x", true));
    }

    #[test]
    fn resource_keys() {
        let (a, _) = read(
            r#"{"blockType":"resource","keyProperty":"id","baseType":"microsoft.graph.entity","openType":true,"abstract":true,"optionalProperties":["p"]}"#,
        );
        let a = a.unwrap();
        assert_eq!(a.key_property.as_deref(), Some("id"));
        assert!(a.open_type && a.is_abstract);
        assert_eq!(a.optional_properties, ["p"]);
    }
}
