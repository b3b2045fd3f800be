//! Type references: primitive spellings, the index of defined names, and resolving a type as
//! written in a page (`String`, `Edm.Int32`, `recipient`, `graph.user`, `callRecords.session`)
//! to a [`TypeUse`].

use super::codes;
use super::paths::{trim, with_lower_case};
use crate::diag::{quote, Diagnostic, Diagnostics, Severity};
use crate::docs::PropertyRow;
use crate::model::{qualified_key, Primitive, Source, TypeRef, TypeUse, DEFAULT_NAMESPACE};
use rustc_hash::FxHashMap as HashMap;

/// The primitive a spelling stands for: `String`, `Edm.String`, `int`, `bool`, `Json`, ...
pub fn primitive(name: &str) -> Option<Primitive> {
    // Lower-cased on the stack: the longest spelling, `edm.microsoft.graph.datetimeoffset`,
    // has 34 bytes.
    let name = trim(name).as_bytes();
    let mut buffer = [0u8; 40];
    let lower = buffer.get_mut(..name.len())?;
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    let bare = lower.strip_prefix("edm.").unwrap_or(lower);
    let bare = bare.strip_prefix("microsoft.graph.").unwrap_or(bare);
    use Primitive::*;
    Some(match bare {
        "string" | "str" | "text" => String,
        "boolean" | "bool" => Boolean,
        "byte" => Byte,
        "sbyte" => SByte,
        "int16" | "short" => Int16,
        "int32" | "int" | "integer" => Int32,
        "int64" | "long" | "bigint" => Int64,
        "single" | "float" => Single,
        "double" | "number" => Double,
        "decimal" => Decimal,
        "datetimeoffset" | "datetime" | "timestamp" => DateTimeOffset,
        "date" | "dateonly" => Date,
        "timeofday" | "time" | "timeonly" => TimeOfDay,
        "duration" | "timespan" => Duration,
        "binary" | "base64binary" | "byte[]" | "bytes" => Binary,
        "guid" | "uuid" => Guid,
        "stream" => Stream,
        "json" | "object" | "untyped" | "any" | "dynamic" => Json,
        _ => return None,
    })
}

/// A type as written, cleaned: `Collection(Edm.String)` → (`Edm.String`, true),
/// `` `String (identifier)` `` → (`String`, false).
pub fn clean_type_name(name: &str) -> (String, bool) {
    let (text, collection) = clean_type(name);
    (text.to_string(), collection)
}

/// [`clean_type_name`], borrowing from `name`.
fn clean_type(name: &str) -> (&str, bool) {
    let mut text = trim(trim(name).trim_matches('`'));
    let mut collection = false;
    if text.len() > 11 && text[..11].eq_ignore_ascii_case("collection(") && text.ends_with(')') {
        text = &text[11..text.len() - 1];
        collection = true;
    }
    const SUFFIX: &str = " collection";
    let suffix_at = text.len().saturating_sub(SUFFIX.len());
    if text.len() >= SUFFIX.len()
        && text.as_bytes()[suffix_at..].eq_ignore_ascii_case(SUFFIX.as_bytes())
    {
        text = trim(&text[..suffix_at]);
        collection = true;
    }
    let text = text.trim_start_matches('#');
    // The delimiters are ASCII: a byte search finds them without decoding characters.
    let end = text
        .bytes()
        .position(|b| matches!(b, b' ' | b'(' | b',' | b';'))
        .unwrap_or(text.len());
    let text = text[..end].trim_end_matches(['.', ':']);
    (text, collection)
}

/// Every defined type and enum name, for lookups by any spelling.
#[derive(Debug, Default, Clone)]
pub struct TypeIndex {
    /// Lower-cased qualified keys of types and enums.
    known: HashMap<String, NameKind>,
    /// Simple (unqualified) lower-cased name → keys, sorted.
    by_simple: HashMap<String, Vec<String>>,
    /// Lower-cased resource file stem (`callrecords-session`) → key.
    by_stem: HashMap<String, String>,
}

/// What a defined name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Struct,
    Enum,
}

impl TypeIndex {
    /// Adds a defined name; `stem` is the file stem of a page that defines it.
    pub fn insert(&mut self, key: &str, kind: NameKind, stem: Option<&str>) {
        self.known.entry(key.to_string()).or_insert(kind);
        let simple = key.rsplit('.').next().unwrap_or(key).to_string();
        let keys = self.by_simple.entry(simple).or_default();
        if let Err(at) = keys.binary_search_by(|k| k.as_str().cmp(key)) {
            keys.insert(at, key.to_string());
        }
        if let Some(stem) = stem {
            self.by_stem
                .entry(stem.to_ascii_lowercase())
                .or_insert_with(|| key.to_string());
        }
    }

    pub fn kind(&self, key: &str) -> Option<NameKind> {
        self.known.get(key).copied()
    }

    /// The index's own copy of `key` when it is a defined entity or complex type.
    pub fn struct_key(&self, key: &str) -> Option<&str> {
        let (key, kind) = self.known.get_key_value(key)?;
        (*kind == NameKind::Struct).then_some(key.as_str())
    }

    /// Whether `name` (any spelling) is a defined entity or complex type.
    pub fn is_struct(&self, name: &str) -> bool {
        self.kind(&qualified_key(name)) == Some(NameKind::Struct)
    }

    /// Finds the key of a defined name. Bare names prefer `namespace` (the referring page's),
    /// then `microsoft.graph`, then any namespace (first in sorted order).
    pub fn lookup(&self, name: &str, namespace: &str) -> Option<String> {
        let name = trim(name).trim_start_matches('#');
        if name.is_empty() {
            return None;
        }
        let md = name.len() >= 3 && name.as_bytes()[name.len() - 3..].eq_ignore_ascii_case(b".md");
        if name.contains('/') || md {
            return self.lookup_link(name);
        }
        if name.contains('.') {
            let key = qualified_key(name);
            if self.known.contains_key(&key) {
                return Some(key);
            }
        }
        let simple = name.rsplit('.').next().unwrap_or_default();
        with_lower_case(simple, |simple| self.lookup_simple(simple, namespace))
    }

    fn lookup_simple(&self, simple: &str, namespace: &str) -> Option<String> {
        // One buffer for both tries: `<namespace>.<simple>`, then `microsoft.graph.<simple>`.
        let mut key =
            String::with_capacity(namespace.len().max(DEFAULT_NAMESPACE.len()) + 1 + simple.len());
        key.push_str(namespace);
        key.make_ascii_lowercase();
        let in_default = key == DEFAULT_NAMESPACE;
        key.push('.');
        key.push_str(simple);
        if self.known.contains_key(&key) {
            return Some(key);
        }
        if !in_default {
            key.clear();
            key.push_str(DEFAULT_NAMESPACE);
            key.push('.');
            key.push_str(simple);
            if self.known.contains_key(&key) {
                return Some(key);
            }
        }
        if let Some(keys) = self.by_simple.get(simple) {
            return keys.first().cloned();
        }
        self.by_stem.get(simple).cloned()
    }

    fn lookup_link(&self, link: &str) -> Option<String> {
        let file = link.rsplit('/').next().unwrap_or(link);
        let file = file.split('#').next().unwrap_or(file);
        let stem = file
            .len()
            .checked_sub(3)
            .filter(|_| file.to_ascii_lowercase().ends_with(".md"));
        let stem = stem.map_or(file, |end| &file[..end]).to_ascii_lowercase();
        self.by_stem.get(&stem).cloned()
    }
}

/// Resolves a type name as written to a type reference; `None` when it names nothing known.
pub fn resolve_name(name: &str, namespace: &str, index: &TypeIndex) -> Option<TypeRef> {
    let (clean, _) = clean_type(name);
    if let Some(p) = primitive(clean) {
        return Some(TypeRef::Primitive(p));
    }
    index.lookup(clean, namespace).map(TypeRef::Named)
}

/// Where a reference is written, for diagnostics: the page's namespace and the source line.
pub struct RefSite<'a> {
    pub namespace: &'a str,
    pub source: &'a Source,
    /// What refers to the type, for messages.
    pub what: What<'a>,
}

/// What refers to a type, formatted only when a message needs it: ``property `topic` of `user` ``.
#[derive(Debug, Clone, Copy)]
pub struct What<'a> {
    pub kind: &'static str,
    pub name: &'a str,
    pub owner: &'a str,
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind)?;
        if !self.name.is_empty() {
            write!(f, " `{}`", self.name)?;
        }
        if !self.owner.is_empty() {
            write!(f, " of `{}`", self.owner)?;
        }
        Ok(())
    }
}

/// Resolves a type name (with its collection flag), reporting RES010 when it names nothing.
pub fn resolve_use(
    name: &str,
    collection: bool,
    site: &RefSite<'_>,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> TypeUse {
    let (clean, wrapped) = clean_type(name);
    let collection = collection || wrapped;
    let ty = match resolve_name(clean, site.namespace, index) {
        Some(ty) => ty,
        None => {
            diags.push(unresolved_diagnostic(clean, site));
            TypeRef::Unresolved(clean.to_string())
        }
    };
    TypeUse { ty, collection }
}

/// Resolves the type cell of a table row; an unreadable cell becomes `Unresolved` (RES011).
pub fn resolve_row(
    row: &PropertyRow,
    site: &RefSite<'_>,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> TypeUse {
    match &row.ty {
        Some(raw) => resolve_use(&raw.name, raw.collection, site, index, diags),
        None => {
            let text = row.type_text.trim().to_string();
            diags.push(
                Diagnostic::new(
                    codes::UNREADABLE_TYPE_CELL,
                    Severity::Warning,
                    &site.source.file,
                    site.source.line,
                    format!(
                        "type cell `{}` of {} could not be read",
                        quote(&text),
                        site.what
                    ),
                )
                .with_help("write a primitive (`String`) or a link to a resource page"),
            );
            TypeUse {
                ty: TypeRef::Unresolved(text),
                collection: false,
            }
        }
    }
}

fn unresolved_diagnostic(name: &str, site: &RefSite<'_>) -> Diagnostic {
    Diagnostic::new(
        codes::UNRESOLVED_TYPE,
        Severity::Warning,
        &site.source.file,
        site.source.line,
        format!(
            "type `{name}` of {} is not a primitive and no page defines it",
            site.what
        ),
    )
    .with_help("link the type to its resource page, or add the page; it is kept as untyped JSON")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::RawType;

    fn index() -> TypeIndex {
        let mut index = TypeIndex::default();
        index.insert(
            "microsoft.graph.recipient",
            NameKind::Struct,
            Some("recipient"),
        );
        index.insert("microsoft.graph.alert", NameKind::Struct, Some("alert"));
        index.insert(
            "microsoft.graph.security.alert",
            NameKind::Struct,
            Some("security-alert"),
        );
        index.insert(
            "microsoft.graph.callrecords.session",
            NameKind::Struct,
            Some("callrecords-session"),
        );
        index.insert("microsoft.graph.importance", NameKind::Enum, None);
        index
    }

    #[test]
    fn primitive_spellings() {
        assert_eq!(primitive("Edm.String"), Some(Primitive::String));
        assert_eq!(primitive("int"), Some(Primitive::Int32));
        assert_eq!(primitive("Int64"), Some(Primitive::Int64));
        assert_eq!(primitive("bool"), Some(Primitive::Boolean));
        assert_eq!(primitive("DateTimeOffset"), Some(Primitive::DateTimeOffset));
        assert_eq!(primitive("Edm.Untyped"), Some(Primitive::Json));
        assert_eq!(primitive("microsoft.graph.Json"), Some(Primitive::Json));
        assert_eq!(primitive("recipient"), None);
    }

    #[test]
    fn cleans_collections_and_notes() {
        assert_eq!(
            clean_type_name("Collection(Edm.String)"),
            ("Edm.String".into(), true)
        );
        assert_eq!(
            clean_type_name("String collection"),
            ("String".into(), true)
        );
        assert_eq!(
            clean_type_name("`String (identifier)`"),
            ("String".into(), false)
        );
    }

    #[test]
    fn names_resolve_in_any_spelling() {
        let index = index();
        let named = |n: &str| resolve_name(n, DEFAULT_NAMESPACE, &index);
        let key = |k: &str| Some(TypeRef::Named(k.into()));
        assert_eq!(named("Recipient"), key("microsoft.graph.recipient"));
        assert_eq!(named("graph.recipient"), key("microsoft.graph.recipient"));
        assert_eq!(
            named("microsoft.graph.Importance"),
            key("microsoft.graph.importance")
        );
        assert_eq!(
            named("callRecords.session"),
            key("microsoft.graph.callrecords.session")
        );
        assert_eq!(named("session"), key("microsoft.graph.callrecords.session"));
        assert_eq!(
            named("../resources/callrecords-session.md"),
            key("microsoft.graph.callrecords.session")
        );
        assert_eq!(named("nothing"), None);
    }

    #[test]
    fn bare_names_prefer_the_referring_namespace() {
        let index = index();
        let found = resolve_name("alert", "microsoft.graph.security", &index);
        assert_eq!(
            found,
            Some(TypeRef::Named("microsoft.graph.security.alert".into()))
        );
        let found = resolve_name("alert", "microsoft.graph", &index);
        assert_eq!(found, Some(TypeRef::Named("microsoft.graph.alert".into())));
    }

    #[test]
    fn unreadable_and_unknown_types_carry_diagnostics() {
        let index = index();
        let source = Source::new("api/x.md", 3);
        let site = RefSite {
            namespace: DEFAULT_NAMESPACE,
            source: &source,
            what: What {
                kind: "property",
                name: "a",
                owner: "",
            },
        };
        let mut diags = Diagnostics::default();
        let row = PropertyRow {
            name: "a".into(),
            type_text: "??".into(),
            ty: None,
            description: String::new(),
            required: None,
            possible_values: Vec::new(),
            source: source.clone(),
        };
        let unreadable = resolve_row(&row, &site, &index, &mut diags);
        assert_eq!(unreadable.ty, TypeRef::Unresolved("??".into()));
        let row = PropertyRow {
            ty: Some(RawType {
                name: "ghost".into(),
                collection: true,
                link: None,
            }),
            ..row
        };
        let unknown = resolve_row(&row, &site, &index, &mut diags);
        assert_eq!(
            unknown,
            TypeUse {
                ty: TypeRef::Unresolved("ghost".into()),
                collection: true
            }
        );
        let codes: Vec<_> = diags.items.iter().map(|d| d.code).collect();
        assert_eq!(codes, [codes::UNREADABLE_TYPE_CELL, codes::UNRESOLVED_TYPE]);
    }
}
