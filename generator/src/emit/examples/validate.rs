//! Static checks of an example's JSON against the declared type: values the typed model cannot
//! hold are defects of the docs ("the example contradicts the properties table"), found before
//! anything is compiled so that a failing test can be blamed on the page.
//!
//! The rules mirror what the runtime's model types accept (`generated/src/runtime/types`):
//! `Int64` from a number or a numeric string, `Double` from a number, a numeric string or
//! `NaN`/`INF`/`-INF`, RFC 3339 date-times (offset optional), `yyyy-mm-dd` dates, `hh:mm[:ss[.f]]`
//! times, ISO 8601 durations, GUIDs and base64. Enums take any string (unknown members are kept);
//! properties the type does not declare are kept in `additional_data`, so they are no defect.

use crate::model::{qualified_key, Api, Primitive, StructType, TypeRef, TypeUse};
use serde_json::Value;

/// One value that contradicts its declared type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// JSON pointer (`/posts/0/createdDateTime`).
    pub path: String,
    pub kind: FindingKind,
    /// For a placeholder of the right JSON kind (`"datetime-value"` where a date-time goes): a
    /// valid value of the type that can stand in for it, so the example still tests its shape.
    pub repair: Option<Value>,
}

/// What is wrong with the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingKind {
    /// The value's JSON kind or text does not fit the declared type.
    Contradicts { expected: String, found: String },
    /// `@odata.type` names a type the docs do not define.
    UnknownType(String),
}

impl Finding {
    pub fn describe(&self) -> String {
        match &self.kind {
            FindingKind::Contradicts { expected, found } => {
                format!(
                    "{}: {found} where the type says {expected}",
                    self.path_or_root()
                )
            }
            FindingKind::UnknownType(name) => {
                format!(
                    "{}: @odata.type `{name}` is not a documented type",
                    self.path_or_root()
                )
            }
        }
    }

    fn path_or_root(&self) -> &str {
        if self.path.is_empty() {
            "/"
        } else {
            &self.path
        }
    }
}

/// Checks example JSON against model types.
pub struct Validator<'a> {
    api: &'a Api,
}

impl<'a> Validator<'a> {
    pub fn new(api: &'a Api) -> Self {
        Validator { api }
    }

    /// Every contradiction in `value` read as `ty`.
    pub fn check(&self, value: &Value, ty: &TypeUse) -> Vec<Finding> {
        let mut out = Vec::new();
        self.use_(value, ty, &mut String::new(), &mut out);
        out
    }

    /// Every contradiction in a collection response (`{"value": [...]}`) of `item`.
    pub fn check_collection_page(&self, value: &Value, item: &TypeRef) -> Vec<Finding> {
        let mut out = Vec::new();
        match value.get("value") {
            Some(items) => {
                let ty = TypeUse {
                    ty: item.clone(),
                    collection: true,
                };
                self.use_(items, &ty, &mut "/value".to_string(), &mut out);
            }
            None if value.is_object() => {}
            None => out.push(contradiction("", "a collection page object", value)),
        }
        out
    }

    fn use_(&self, value: &Value, ty: &TypeUse, path: &mut String, out: &mut Vec<Finding>) {
        if value.is_null() {
            return;
        }
        if !ty.collection {
            return self.item(value, &ty.ty, path, out);
        }
        let Value::Array(items) = value else {
            return out.push(contradiction(path, "a collection (JSON array)", value));
        };
        for (i, item) in items.iter().enumerate() {
            let len = path.len();
            path.push_str(&format!("/{i}"));
            self.item(item, &ty.ty, path, out);
            path.truncate(len);
        }
    }

    fn item(&self, value: &Value, ty: &TypeRef, path: &mut String, out: &mut Vec<Finding>) {
        if value.is_null() {
            return;
        }
        match ty {
            TypeRef::Primitive(p) => {
                if let Some(expected) = primitive_mismatch(*p, value) {
                    let mut finding = contradiction(path, expected, value);
                    finding.repair = stand_in(*p, value);
                    out.push(finding);
                }
            }
            TypeRef::Unresolved(_) => {}
            TypeRef::Named(key) => {
                if self.api.enums.contains_key(key) {
                    if !value.is_string() {
                        out.push(contradiction(path, "an enum member (JSON string)", value));
                    }
                } else if let Some(declared) = self.api.types.get(key) {
                    self.object(value, declared, path, out);
                }
            }
        }
    }

    fn object(
        &self,
        value: &Value,
        declared: &StructType,
        path: &mut String,
        out: &mut Vec<Finding>,
    ) {
        let Value::Object(map) = value else {
            let expected = format!("a {} object", declared.name);
            return out.push(contradiction(path, &expected, value));
        };
        let mut ty = declared;
        if let Some(Value::String(name)) = map.get("@odata.type") {
            match self.api.types.get(&qualified_key(name)) {
                Some(derived) => ty = derived,
                None if self.api.enums.contains_key(&qualified_key(name)) => {}
                None => out.push(Finding {
                    path: path.clone(),
                    kind: FindingKind::UnknownType(name.clone()),
                    repair: None,
                }),
            }
        }
        for (name, item) in map {
            if name.contains('@') {
                continue;
            }
            let Some(prop_ty) = self.property_type(ty, name) else {
                continue;
            };
            let len = path.len();
            path.push('/');
            path.push_str(&name.replace('~', "~0").replace('/', "~1"));
            self.use_(item, &prop_ty, path, out);
            path.truncate(len);
        }
    }

    /// The declared type of a property (structural or navigation), searching base types.
    fn property_type(&self, ty: &StructType, name: &str) -> Option<TypeUse> {
        let mut current = Some(ty);
        let mut depth = 0;
        while let Some(t) = current {
            if let Some(p) = t.properties.iter().find(|p| p.name == name) {
                return Some(p.ty.clone());
            }
            if let Some(n) = t.navigation.iter().find(|n| n.name == name) {
                return Some(n.target.clone());
            }
            depth += 1;
            current = match (&t.base, depth < 32) {
                (Some(base), true) => self.api.types.get(base),
                _ => None,
            };
        }
        None
    }
}

fn contradiction(path: &str, expected: &str, found: &Value) -> Finding {
    Finding {
        path: path.to_string(),
        kind: FindingKind::Contradicts {
            expected: expected.to_string(),
            found: describe_value(found),
        },
        repair: None,
    }
}

/// A valid value standing in for a placeholder: for a text-based type, the date part of a
/// date-time given for a date, midnight UTC for a date given as a date-time, else the type's
/// zero value; for a boolean, the literal a quoted `"true"` spells, or `false` for the type's
/// own name written as the value (`"Boolean"`). Other values of the wrong JSON kind get none.
fn stand_in(p: Primitive, value: &Value) -> Option<Value> {
    let text = value.as_str()?.trim();
    let replacement = match p {
        Primitive::DateTimeOffset if is_date(text) => format!("{text}T00:00:00Z"),
        Primitive::Date if text.get(..10).is_some_and(is_date) => text[..10].to_string(),
        Primitive::DateTimeOffset
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Guid
        | Primitive::Binary => zero_text(p)?.to_string(),
        _ => return literal_stand_in(p, text),
    };
    Some(Value::String(replacement))
}

/// The zero value of a primitive, written as its text (OData literal) form: what stands in
/// for a placeholder of that type.
pub fn zero_text(p: Primitive) -> Option<&'static str> {
    Some(match p {
        Primitive::DateTimeOffset => "0001-01-01T00:00:00Z",
        Primitive::Date => "0001-01-01",
        Primitive::TimeOfDay => "00:00:00",
        Primitive::Duration => "PT0S",
        Primitive::Guid => "00000000-0000-0000-0000-000000000000",
        Primitive::Binary => "",
        Primitive::Boolean => "false",
        _ if p.is_number() => "0",
        _ => return None,
    })
}

/// A quoted literal (`"true"`) or the type's own name (`"Boolean"`) where a boolean goes.
fn literal_stand_in(p: Primitive, text: &str) -> Option<Value> {
    match (p, text) {
        (Primitive::Boolean, "true" | "false") => Some(Value::Bool(text == "true")),
        (Primitive::Boolean, _) if text.eq_ignore_ascii_case("boolean") => Some(Value::Bool(false)),
        _ => None,
    }
}

/// Applies the repairs of `findings` to `value`; returns how many were applied.
pub fn apply_repairs(value: &mut Value, findings: &[Finding]) -> usize {
    let mut applied = 0;
    for finding in findings {
        let (Some(repair), Some(slot)) = (&finding.repair, value.pointer_mut(&finding.path)) else {
            continue;
        };
        *slot = repair.clone();
        applied += 1;
    }
    applied
}

/// A value, shortened, for a message.
fn describe_value(value: &Value) -> String {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
            let text = value.to_string();
            let text: String = text.chars().take(48).collect();
            format!("{kind} {text}")
        }
        _ => kind.to_string(),
    }
}

/// What a primitive needs, when `value` is not it.
fn primitive_mismatch(p: Primitive, value: &Value) -> Option<&'static str> {
    let ok = match p {
        Primitive::Json | Primitive::Stream => true,
        Primitive::String => value.is_string(),
        Primitive::Boolean => value.is_boolean(),
        Primitive::Byte => fits_int(value, 0, u8::MAX as i64),
        Primitive::SByte => fits_int(value, i8::MIN as i64, i8::MAX as i64),
        Primitive::Int16 => fits_int(value, i16::MIN as i64, i16::MAX as i64),
        Primitive::Int32 => fits_int(value, i32::MIN as i64, i32::MAX as i64),
        Primitive::Int64 => is_int64(value),
        Primitive::Single | Primitive::Double | Primitive::Decimal => is_double(value),
        Primitive::DateTimeOffset => text_is(value, is_date_time),
        Primitive::Date => text_is(value, is_date),
        Primitive::TimeOfDay => text_is(value, is_time_of_day),
        Primitive::Duration => text_is(value, is_duration),
        Primitive::Guid => text_is(value, is_guid),
        Primitive::Binary => text_is(value, is_base64),
    };
    (!ok).then(|| expected_text(p))
}

fn expected_text(p: Primitive) -> &'static str {
    match p {
        Primitive::String => "a string",
        Primitive::Boolean => "a boolean",
        Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => {
            "an integer in range"
        }
        Primitive::Int64 => "a 64-bit integer",
        Primitive::Single | Primitive::Double | Primitive::Decimal => "a number",
        Primitive::DateTimeOffset => "an ISO 8601 date-time",
        Primitive::Date => "a yyyy-mm-dd date",
        Primitive::TimeOfDay => "an hh:mm:ss time",
        Primitive::Duration => "an ISO 8601 duration",
        Primitive::Guid => "a GUID",
        Primitive::Binary => "base64 text",
        Primitive::Json | Primitive::Stream => "anything",
    }
}

fn fits_int(value: &Value, min: i64, max: i64) -> bool {
    value.as_i64().is_some_and(|v| (min..=max).contains(&v))
}

fn is_int64(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.as_i64().is_some() || n.as_f64().is_some_and(|f| f.fract() == 0.0),
        Value::String(s) => s.trim().parse::<i64>().is_ok(),
        _ => false,
    }
}

fn is_double(value: &Value) -> bool {
    match value {
        Value::Number(_) => true,
        Value::String(s) => {
            let s = s.trim();
            matches!(s, "NaN" | "INF" | "-INF" | "Infinity" | "-Infinity")
                || s.parse::<f64>().is_ok()
        }
        _ => false,
    }
}

fn text_is(value: &Value, check: impl Fn(&str) -> bool) -> bool {
    value.as_str().is_some_and(|s| check(s.trim()))
}

fn digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3
        && digits(parts[0], 4)
        && digits(parts[1], 2)
        && digits(parts[2], 2)
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0))
}

fn is_time_of_day(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    let hm = |p: &[&str]| {
        digits(p[0], 2)
            && digits(p[1], 2)
            && p[0].parse::<u32>().unwrap_or(99) < 24
            && p[1].parse::<u32>().unwrap_or(99) < 60
    };
    match parts.len() {
        2 => hm(&parts),
        3 => {
            let (whole, fraction) = parts[2].split_once('.').unwrap_or((parts[2], "0"));
            hm(&parts)
                && digits(whole, 2)
                && whole.parse::<u32>().unwrap_or(99) < 61
                && !fraction.is_empty()
                && fraction.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

fn is_date_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't']) else {
        return false;
    };
    if !is_date(date) {
        return false;
    }
    let time = time.strip_suffix(['Z', 'z']).unwrap_or(time);
    let time = match time.rfind(['+', '-']) {
        Some(i) => {
            let zone = &time[i + 1..];
            let ok = digits(zone.get(..2).unwrap_or(""), 2)
                && zone.get(2..3) == Some(":")
                && digits(zone.get(3..).unwrap_or(""), 2);
            if !ok {
                return false;
            }
            &time[..i]
        }
        None => time,
    };
    is_time_of_day(time)
}

fn is_duration(text: &str) -> bool {
    crate::emit::examples::compare::temporal(text)
        .is_some_and(|t| matches!(t, crate::emit::examples::compare::Temporal::Duration(_)))
}

fn is_guid(text: &str) -> bool {
    let text = text.trim_start_matches("urn:uuid:");
    let text = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(text);
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    let groups: Vec<usize> = text.split('-').map(str::len).collect();
    hex.len() == 32
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && (groups == [32] || groups == [8, 4, 4, 4, 12])
}

/// Canonical base64 (standard or URL alphabet, padding optional): text that decodes and encodes
/// back the same. The runtime reads more leniently (trailing bits), but then writes other text.
fn is_base64(text: &str) -> bool {
    let body: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let unpadded = match body.iter().position(|b| *b == b'=') {
        Some(i) if body[i..].iter().all(|b| *b == b'=') && body.len() & 3 == 0 => &body[..i],
        Some(_) => return false,
        None => &body[..],
    };
    let Some(values) = unpadded
        .iter()
        .map(|b| base64_value(*b))
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    // The last character's unused low bits must be zero.
    match (values.len() % 4, values.last()) {
        (1, _) => false,
        (2, Some(last)) => last & 0b1111 == 0,
        (3, Some(last)) => last & 0b11 == 0,
        _ => true,
    }
}

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

/// Example JSON with the common slips of hand-written docs removed: commas before `}` or `]`
/// and `//` line comments, both outside strings, and raw control characters (a line wrapped
/// inside a string) escaped, which keeps the text as written. `None` when nothing changed.
pub fn repair_json(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped, mut changed) = (false, false, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            if c < ' ' {
                out.push_str(&format!("\\u{:04x}", c as u32));
                changed = true;
                escaped = false;
                i += 1;
                continue;
            }
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                changed = true;
                continue;
            }
            ',' => {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if matches!(next, Some('}') | Some(']')) {
                    changed = true;
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    changed.then_some(out)
}
