//! Tables: properties / parameters, permissions, request headers and enum members.

use super::codes::{self, Reporter};
use super::scan::{Cell, Row};
use super::text::{contains_ignore_ascii_case, CiNeedle, Phrase};
use super::{type_cell, PropertyRow};
use crate::diag::quote;
use crate::model::{Header, Permissions, Source};

/// Column positions of a property-like table (Property | Type | Description [| Required]).
struct Columns {
    name: usize,
    ty: usize,
    description: Option<usize>,
    required: Option<usize>,
}

fn header_texts(rows: &[Row]) -> Vec<String> {
    rows.first()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text.to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

fn columns(header: &[String]) -> Option<Columns> {
    columns_typed_by(header, |h| {
        h == "type" || h.ends_with(" type") && !h.contains("permission")
    })
}

/// Columns of a request-body parameters table, which some pages head `Name | Value | Description`
/// with the type under `Value`.
fn parameter_columns(header: &[String]) -> Option<Columns> {
    columns(header).or_else(|| columns_typed_by(header, |h| h == "value"))
}

fn columns_typed_by(header: &[String], is_type: impl Fn(&str) -> bool) -> Option<Columns> {
    let ty = header.iter().position(|h| is_type(h))?;
    let name = header
        .iter()
        .position(|h| {
            [
                "property",
                "name",
                "parameter",
                "relationship",
                "member",
                "field",
                "key",
            ]
            .iter()
            .any(|k| h.starts_with(k))
        })
        .unwrap_or(0);
    if name == ty {
        return None;
    }
    let description = header.iter().position(|h| h.starts_with("description"));
    let required = header
        .iter()
        .position(|h| h.starts_with("required") || h.starts_with("optional"));
    Some(Columns {
        name,
        ty,
        description,
        required,
    })
}

/// Whether a table looks like Property | Type | Description.
pub fn is_property_table(rows: &[Row]) -> bool {
    columns(&header_texts(rows)).is_some()
}

/// Whether a request-body table lists parameters (a property-like table, or `Name | Value |
/// Description` with types under `Value`).
pub fn is_parameter_table(rows: &[Row]) -> bool {
    parameter_columns(&header_texts(rows)).is_some()
}

/// Reads the rows of a request-body parameters table (see [`is_parameter_table`]).
pub fn parameter_rows(rows: &[Row], r: &mut Reporter) -> Vec<PropertyRow> {
    match parameter_columns(&header_texts(rows)) {
        Some(cols) => rows_of(rows, &cols, r),
        None => Vec::new(),
    }
}

/// Reads the rows of a property-like table; rows without a readable name are skipped, type cells
/// that cannot be read are reported.
pub fn property_rows(rows: &[Row], r: &mut Reporter) -> Vec<PropertyRow> {
    match columns(&header_texts(rows)) {
        Some(cols) => rows_of(rows, &cols, r),
        None => Vec::new(),
    }
}

fn rows_of(rows: &[Row], cols: &Columns, r: &mut Reporter) -> Vec<PropertyRow> {
    let mut out = Vec::with_capacity(rows.len().saturating_sub(1));
    for row in rows.iter().skip(1) {
        let needed = cols.name.max(cols.ty) + 1;
        if row.cells.len() < needed {
            if row.cells.iter().any(|c| !c.text.is_empty()) {
                r.warn(
                    codes::SHORT_ROW,
                    row.line,
                    format!(
                        "row has {} cells; the table needs {needed}",
                        row.cells.len()
                    ),
                    "give every row a cell for each column, separated by `|`",
                );
            }
            continue;
        }
        let Some(name) = cell_name(&row.cells[cols.name]) else {
            let (name_cell, type_cell) = (&row.cells[cols.name], &row.cells[cols.ty]);
            if !name_cell.text.trim().is_empty() && !type_cell.raw.is_empty() {
                r.warn(
                    codes::PROPERTY_NAME,
                    row.line,
                    format!(
                        "`{}` is no property name; the row is skipped",
                        quote(name_cell.raw)
                    ),
                    "name the property with letters, digits and `_`, starting with a letter",
                );
            }
            continue;
        };
        let type_cell = &row.cells[cols.ty];
        let group_row = row
            .cells
            .iter()
            .enumerate()
            .all(|(i, c)| i == cols.name || c.raw.is_empty());
        if group_row {
            // A group heading row (`|**Device configuration**|`), not a property.
            continue;
        }
        let ty = type_cell::parse(type_cell.raw);
        if ty.is_none() {
            r.warn(
                codes::TYPE_CELL,
                row.line,
                format!(
                    "type `{}` of `{name}` could not be read",
                    quote(type_cell.raw)
                ),
                "write a type name, a [type](type.md) link, or `x collection`",
            );
        }
        let description = cols
            .description
            .and_then(|i| row.cells.get(i))
            .or_else(|| row.cells.get(cols.name.max(cols.ty) + 1))
            .map(|c| (c.text.to_string(), c.raw))
            .unwrap_or_default();
        let required = match cols.required.and_then(|i| row.cells.get(i)) {
            Some(cell) => yes_no(&cell.text),
            None => required_in_text(&description.0),
        };
        out.push(PropertyRow {
            name,
            type_text: type_cell.raw.to_string(),
            ty,
            possible_values: possible_values(description.1),
            description: description.0,
            required,
            source: Source::new(r.file, row.line),
        });
    }
    out
}

/// The name in a name cell: the first word, without marks and footnotes.
fn cell_name(cell: &Cell) -> Option<String> {
    let word = cell.text.split_whitespace().next()?;
    let word = word.split('[').next().unwrap_or("");
    let name = word.trim_matches(|c: char| {
        !(c.is_alphanumeric() || c == '@' || c == '$' || c == '_' || c == '-' || c == '.')
    });
    let name = name.trim_end_matches('.');
    (!name.is_empty() && name.chars().any(char::is_alphanumeric)).then(|| name.to_string())
}

fn yes_no(text: &str) -> Option<bool> {
    let t = text.trim().to_ascii_lowercase();
    if t.starts_with("yes") || t.starts_with("true") || t.starts_with("required") {
        Some(true)
    } else if t.starts_with("no") || t.starts_with("false") || t.starts_with("optional") {
        Some(false)
    } else {
        None
    }
}

/// "Required." / "Optional." in a description ("not required" reads as optional).
fn required_in_text(text: &str) -> Option<bool> {
    static REQUIRED: CiNeedle = CiNeedle::new("required");
    static OPTIONAL: CiNeedle = CiNeedle::new("optional");
    if let Some(at) = REQUIRED.find(text) {
        let before = text[..at].trim_end();
        let bytes = before.as_bytes();
        let negated = bytes.len() >= 3 && bytes[bytes.len() - 3..].eq_ignore_ascii_case(b"not");
        return Some(!negated);
    }
    OPTIONAL.find(text).is_some().then_some(false)
}

/// Members listed as "Possible values are: `a`, `b`, `c`." in a description (markdown).
pub fn possible_values(raw: &str) -> Vec<String> {
    static POSSIBLE_VALUES: CiNeedle = CiNeedle::new("possible values");
    let Some(at) = POSSIBLE_VALUES.find(raw) else {
        return Vec::new();
    };
    let rest = &raw[at + POSSIBLE_VALUES.as_str().len()..];
    let rest = match (rest.find(':'), rest.find(". ")) {
        (Some(colon), Some(end)) if colon < end => &rest[colon + 1..],
        (Some(colon), None) => &rest[colon + 1..],
        _ => rest,
    };
    let sentence = match rest.find(". ") {
        Some(end) => &rest[..end],
        None => rest,
    };
    let mut values: Vec<String> = sentence
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|v| v.trim().to_string())
        .filter(|v| is_member(v))
        .collect();
    if values.is_empty() {
        values = sentence
            .split([',', ' '])
            .map(|w| w.trim().trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| {
                is_member(w)
                    && !matches!(
                        *w,
                        "and" | "or" | "are" | "is" | "the" | "following" | "include"
                    )
            })
            .map(str::to_string)
            .collect();
    }
    values
}

fn is_member(v: &str) -> bool {
    !v.is_empty()
        && v.len() < 100
        && v.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
}

/// Which permission type a row names.
#[derive(Clone, Copy)]
enum PermissionKind {
    Work,
    Personal,
    Application,
}

fn permission_kind(text: &str) -> Option<PermissionKind> {
    let delegated = starts_with_ci(text, "delegated");
    if delegated && contains_ignore_ascii_case(text, "personal") {
        Some(PermissionKind::Personal)
    } else if delegated {
        Some(PermissionKind::Work)
    } else if starts_with_ci(text, "application") {
        Some(PermissionKind::Application)
    } else {
        None
    }
}

/// Whether a table is a permissions table (by header or by its first column), or a table with one
/// column per permission type (`Supported resource | Delegated (...) | ... | Application`).
pub fn is_permissions_table(rows: &[Row]) -> bool {
    let header = header_texts(rows);
    header
        .first()
        .is_some_and(|h| h.contains("permission type"))
        || transposed_kinds(rows).is_some()
        || rows
            .iter()
            .skip(1)
            .filter_map(|r| r.cells.first())
            .any(|c| starts_with_ci(&c.text, "delegated ("))
}

/// The permission type of each column, when the header names them.
fn transposed_kinds(rows: &[Row]) -> Option<Vec<Option<PermissionKind>>> {
    let header = rows.first()?;
    let kinds: Vec<Option<PermissionKind>> = header
        .cells
        .iter()
        .map(|c| permission_kind(&c.text))
        .collect();
    (kinds.iter().skip(1).filter(|k| k.is_some()).count() >= 2).then_some(kinds)
}

fn target(perms: &mut Permissions, kind: PermissionKind) -> &mut Vec<String> {
    match kind {
        PermissionKind::Work => &mut perms.delegated_work,
        PermissionKind::Personal => &mut perms.delegated_personal,
        PermissionKind::Application => &mut perms.application,
    }
}

fn add_unique(list: &mut Vec<String>, text: &str, reversed: bool) {
    let mut found = split_permissions(text);
    if reversed {
        found.reverse();
    }
    for p in found {
        if !list.iter().any(|known| known == p) {
            list.push(p.to_string());
        }
    }
}

/// Adds the rows of a permissions table to `perms`, least privileged first (tables headed "from
/// most to least privileged" are reversed), skipping duplicates. Indented sub-rows (`&nbsp;
/// **Policy Set**`) belong to the permission type above them.
pub fn permissions(rows: &[Row], perms: &mut Permissions, r: &mut Reporter) {
    let header = header_texts(rows);
    let reversed = header.iter().any(|h| h.contains("most to least"));
    if let Some(kinds) = transposed_kinds(rows) {
        for row in rows.iter().skip(1) {
            for (cell, kind) in row.cells.iter().zip(&kinds) {
                if let Some(kind) = *kind {
                    add_unique(target(perms, kind), &cell.text, reversed);
                }
            }
        }
        return;
    }
    let strict = header
        .first()
        .is_some_and(|h| h.contains("permission type"));
    let mut current = None;
    for row in rows.iter().skip(1) {
        let (Some(kind_cell), Some(value)) = (row.cells.first(), row.cells.get(1)) else {
            continue;
        };
        let kind = match permission_kind(&kind_cell.text) {
            Some(kind) => kind,
            None if current.is_some() && kind_cell.raw.starts_with("&nbsp;") => {
                current.unwrap_or(PermissionKind::Work)
            }
            None => {
                if strict && !kind_cell.text.is_empty() {
                    r.warn(
                        codes::PERMISSION_ROW,
                        row.line,
                        format!("unknown permission type `{}`", kind_cell.text),
                        "use Delegated (work or school account), Delegated (personal Microsoft account) or Application",
                    );
                }
                continue;
            }
        };
        current = Some(kind);
        add_unique(target(perms, kind), &value.text, reversed);
    }
}

/// `A.Read, B.ReadWrite or C*` → [A.Read, B.ReadWrite, C]; "Not supported." → [].
pub fn split_permissions(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let trimmed = text.trim();
    if starts_with_ci(text.trim_start(), "not ")
        || trimmed.eq_ignore_ascii_case("none")
        || trimmed.is_empty()
    {
        return out;
    }
    static OR: Phrase = Phrase::new(" or ");
    static AND: Phrase = Phrase::new(" and ");
    for part in split_on_either(text, b',', b';') {
        for piece in OR.split(part) {
            let piece = piece.trim();
            if AND.is_in(piece) {
                out.push(clean_permission(piece));
                continue;
            }
            out.extend(
                piece.split_whitespace().map(clean_permission).filter(|p| {
                    p.contains('.') || p.chars().next().is_some_and(char::is_uppercase)
                }),
            );
        }
    }
    out.retain(|p| !p.is_empty() && !starts_with_ci(p, "not"));
    out
}

/// Same as `text.split([a, b])` for ASCII `a` and `b`, with the bytes found by `memchr2` (a
/// `char` pattern decodes every character).
fn split_on_either(text: &str, a: u8, b: u8) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let starts = std::iter::once(0).chain(memchr::memchr2_iter(a, b, bytes).map(|at| at + 1));
    let ends = memchr::memchr2_iter(a, b, bytes).chain(std::iter::once(bytes.len()));
    starts.zip(ends).map(|(start, end)| &text[start..end])
}

/// Whether `text` starts with the lower-case ASCII `prefix`, ignoring ASCII case.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn clean_permission(p: &str) -> &str {
    p.trim()
        .trim_matches(|c: char| c == '*' || c == '.' || c == '(' || c == ')' || c.is_whitespace())
}

/// Reads a request headers table (Header | Value [| Description]).
pub fn headers(rows: &[Row], optional_section: bool) -> Vec<Header> {
    let mut out = Vec::new();
    for row in rows.iter().skip(1) {
        let Some(name) = row.cells.first().and_then(cell_name) else {
            continue;
        };
        let description = row
            .cells
            .iter()
            .skip(1)
            .map(|c| c.text.as_ref())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let required = !optional_section && required_in_text(&description) == Some(true);
        out.push(Header {
            name,
            description,
            required,
        });
    }
    out
}

/// Whether a table lists enum members (first column `Member`, or `Name`/`Value` pairs).
pub fn is_members_table(rows: &[Row]) -> bool {
    let header = header_texts(rows);
    matches!(
        header.first().map(String::as_str),
        Some("member" | "members" | "enum member" | "value" | "name")
    ) && !header.iter().any(|h| h == "type")
}

/// Reads an enum members table: (name, value, description).
pub fn members(rows: &[Row], r: &mut Reporter) -> Vec<(String, Option<i64>, String)> {
    let header = header_texts(rows);
    let value_col = header
        .iter()
        .skip(1)
        .position(|h| h == "value")
        .map(|i| i + 1);
    let description_col = header.iter().position(|h| h.starts_with("description"));
    let mut out = Vec::new();
    for row in rows.iter().skip(1) {
        let Some(name) = row.cells.first().and_then(cell_name) else {
            continue;
        };
        let value = value_col
            .and_then(|i| row.cells.get(i))
            .and_then(|c| c.text.trim().parse::<i64>().ok());
        if value.is_none()
            && value_col
                .and_then(|i| row.cells.get(i))
                .is_some_and(|c| !c.text.is_empty())
        {
            r.warn(
                codes::ENUM_MEMBERS,
                row.line,
                format!("member `{name}` has a value that is not an integer"),
                "write member values as integers",
            );
        }
        let description = description_col
            .and_then(|i| row.cells.get(i))
            .map(|c| c.text.to_string())
            .unwrap_or_default();
        out.push((name, value, description));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::scan::{scan, BlockKind};
    use crate::docs::text::LineIndex;

    fn rows(text: &'static str) -> Vec<Row<'static>> {
        let lines = Box::leak(Box::new(LineIndex::new(text)));
        match scan(text, 0, lines).into_iter().next().map(|b| b.kind) {
            Some(BlockKind::Table { rows }) => rows,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn property_table() {
        let t = rows("| Property | Type | Description |\n|-|-|-|\n| `kind` | String | What it is. Possible values are: `big`, `small`. |\n| **parts** | [part](part.md) collection | Parts. Required. |\n| odd | ??? | x |\n|**Group**|\n");
        let mut r = Reporter::new("f.md");
        let p = property_rows(&t, &mut r);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].name, "kind");
        assert_eq!(p[0].possible_values, ["big", "small"]);
        assert_eq!(
            p[0].description,
            "What it is. Possible values are: big, small."
        );
        assert_eq!(p[1].ty.as_ref().unwrap().name, "part");
        assert!(p[1].ty.as_ref().unwrap().collection);
        assert_eq!(p[1].required, Some(true));
        assert!(p[2].ty.is_none());
        assert_eq!(p[2].source.line, 5);
        assert_eq!(r.items[0].code, codes::TYPE_CELL);
    }

    #[test]
    fn rows_without_a_readable_name_are_reported() {
        let t = rows("| Property | Type | Description |\n|-|-|-|\n| __ | String | x |\n| 🦀 | Int32 | y |\n| ok | String | z |\n");
        let mut r = Reporter::new("f.md");
        let p = property_rows(&t, &mut r);
        assert_eq!(p.len(), 1);
        let lines: Vec<_> = r
            .items
            .iter()
            .filter(|d| d.code == codes::PROPERTY_NAME)
            .map(|d| d.line)
            .collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn parameter_table_with_required_column() {
        let t =
            rows("|Parameter|Type|Required|Description|\n|-|-|-|-|\n|count|Int32|Yes|How many.|\n");
        let p = property_rows(&t, &mut Reporter::new("f.md"));
        assert_eq!(p[0].required, Some(true));
        assert_eq!(p[0].description, "How many.");
    }

    #[test]
    fn permissions_table() {
        let t = rows("|Permission type|Permissions|\n|-|-|\n|Delegated (work or school account)|A.Read, B.ReadWrite*|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|C.Read or D.Read|\n|Robot|X|\n");
        assert!(is_permissions_table(&t));
        let mut perms = Permissions::default();
        let mut r = Reporter::new("f.md");
        permissions(&t, &mut perms, &mut r);
        assert_eq!(perms.delegated_work, ["A.Read", "B.ReadWrite"]);
        assert!(perms.delegated_personal.is_empty());
        assert_eq!(perms.application, ["C.Read", "D.Read"]);
        assert_eq!(r.items[0].code, codes::PERMISSION_ROW);
    }

    #[test]
    fn transposed_and_nested_permissions() {
        let t = rows("|Supported resource|Delegated (work or school account)|Delegated (personal Microsoft account)|Application|\n|-|-|-|-|\n|[a](a.md)|A.Read|A.Read|Not supported|\n|[b](b.md)|B.Read|Not supported|B.Read|\n");
        let mut perms = Permissions::default();
        permissions(&t, &mut perms, &mut Reporter::new("f.md"));
        assert_eq!(perms.delegated_work, ["A.Read", "B.Read"]);
        assert_eq!(perms.application, ["B.Read"]);
        let t = rows("|Permission type|Permissions (from most to least privileged)|\n|-|-|\n|Application||\n| &nbsp; **Apps** | X.ReadWrite, X.Read|\n");
        let mut perms = Permissions::default();
        let mut r = Reporter::new("f.md");
        permissions(&t, &mut perms, &mut r);
        assert_eq!(perms.application, ["X.Read", "X.ReadWrite"]);
        assert!(r.items.is_empty());
    }

    #[test]
    fn headers_and_members() {
        let t = rows("|Header|Value|\n|-|-|\n|Authorization|Bearer {token}. Required.|\n|Prefer|odata.maxpagesize. Optional.|\n");
        let h = headers(&t, false);
        assert!(h[0].required && !h[1].required);
        let t = rows("|Member|Value|Description|\n|-|-|-|\n|on|1|Lit.|\n|off|x|Dark.|\n");
        assert!(is_members_table(&t));
        let mut r = Reporter::new("f.md");
        let m = members(&t, &mut r);
        assert_eq!(m[0], ("on".to_string(), Some(1), "Lit.".to_string()));
        assert_eq!(m[1].1, None);
        assert_eq!(r.items.len(), 1);
    }
}
