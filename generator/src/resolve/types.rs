//! Types: resource pages become entity and complex types, enum tables become enums. What several
//! pages say about one type is merged; base types, entity-ness and property types are resolved
//! once every name is known.

use super::type_refs::{resolve_row, NameKind, RefSite, TypeIndex, What};
use super::{codes, inheritance};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::docs::{EnumDef, Page, PageKind, PropertyRow};
use crate::model::{
    qualified_key, EnumMember, EnumType, NavigationProperty, Property, Source, StructType,
    TypeKind, DEFAULT_NAMESPACE,
};
use rayon::prelude::*;
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

/// A type while pages are being merged: the model type plus the rows still to resolve.
#[derive(Debug)]
pub(crate) struct TypeDraft<'a> {
    pub ty: StructType,
    pub base: Option<(String, Source)>,
    pub rows: Vec<&'a PropertyRow>,
    pub relationships: Vec<&'a PropertyRow>,
}

/// Everything the pages define, before references are resolved.
#[derive(Debug, Default)]
pub(crate) struct Drafts<'a> {
    pub types: BTreeMap<String, TypeDraft<'a>>,
    pub enums: BTreeMap<String, EnumType>,
    /// Resource file stem of each defining page, by key (for link lookups).
    pub stems: BTreeMap<String, String>,
}

/// The namespace and name of the type a resource page describes: from `@odata.type`, else from a
/// title like "conversationThread resource type".
pub(crate) fn page_type_name(page: &Page) -> Option<(String, String)> {
    let odata = page.resource.as_ref().and_then(|r| r.annotation.as_ref());
    let odata = odata
        .and_then(|a| a.odata_type.as_deref())
        .map(|t| t.trim().trim_start_matches('#'));
    if let Some(qualified) = odata.filter(|t| !t.is_empty()) {
        return Some(split_qualified(qualified, page.namespace.as_deref()));
    }
    let title = title_type_name(&page.title)?;
    Some(split_qualified(title, page.namespace.as_deref()))
}

/// `x resource type` → `x`; `x complex type` → `x`; titles with several words give `None`.
fn title_type_name(title: &str) -> Option<&str> {
    let title = title.trim().trim_matches('`');
    let lower = title.to_ascii_lowercase();
    let suffixes = [
        " resource type",
        " complex type",
        " entity type",
        " enum type",
        " type",
    ];
    let cut = suffixes
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .map_or(title.len(), str::len);
    let name = title[..cut].trim().trim_matches('`');
    let identifier = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    (identifier && !name.is_empty()).then_some(name)
}

/// Splits a (possibly) qualified name, preferring the page's stated namespace as the prefix.
pub(crate) fn split_qualified(name: &str, namespace: Option<&str>) -> (String, String) {
    if let Some(ns) = namespace.map(str::trim).filter(|ns| !ns.is_empty()) {
        let prefix_len = ns.len() + 1;
        if name.len() > prefix_len
            && name
                .get(..ns.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(ns))
            && name.as_bytes()[ns.len()] == b'.'
        {
            return (name[..ns.len()].to_string(), name[prefix_len..].to_string());
        }
        if !name.contains('.') {
            return (ns.to_string(), name.to_string());
        }
    }
    match name.rsplit_once('.') {
        Some((ns, simple)) if ns.eq_ignore_ascii_case("graph") => {
            (DEFAULT_NAMESPACE.into(), simple.into())
        }
        Some((ns, simple)) if !ns.to_ascii_lowercase().starts_with("microsoft.") => {
            (format!("{DEFAULT_NAMESPACE}.{ns}"), simple.to_string())
        }
        Some((ns, simple)) => (ns.to_string(), simple.to_string()),
        None => (DEFAULT_NAMESPACE.to_string(), name.to_string()),
    }
}

/// The namespace used to resolve bare names written on a page.
pub(crate) fn page_namespace(page: &Page) -> String {
    match page
        .namespace
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(ns) => ns.to_string(),
        None => DEFAULT_NAMESPACE.to_string(),
    }
}

/// The workload of a type: `ms.prod`, else the sub-namespace (`callRecords`).
fn workload(page: &Page, namespace: &str) -> Option<String> {
    if let Some(prod) = page
        .front
        .ms_prod
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        return Some(prod.to_string());
    }
    let lower = namespace.to_ascii_lowercase();
    lower.strip_prefix("microsoft.graph.").map(str::to_string)
}

/// The file stem of a page (`v1.0/resources/user.md` → `user`).
pub(crate) fn file_stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Collects types from resource pages and enums from every page, merging by qualified key.
/// What each page defines is worked out in parallel; the merge follows page order.
pub(crate) fn collect<'a>(pages: &'a [Page], diags: &mut Diagnostics) -> Drafts<'a> {
    let defined: Vec<PageDefinitions<'a>> = pages.par_iter().map(page_definitions).collect();
    let mut drafts = Drafts::default();
    for page in defined {
        match page.resource {
            Some(Ok(resource)) => add_resource(&mut drafts, resource, diags),
            Some(Err(missing_name)) => diags.push(missing_name),
            None => {}
        }
        for en in page.enums {
            add_enum(&mut drafts, en);
        }
    }
    drafts
}

/// What one page defines, before it is merged with what other pages say.
struct PageDefinitions<'a> {
    /// The type of a resource page, or why it has none (a page that needs one).
    resource: Option<Result<ResourceDefinition<'a>, Diagnostic>>,
    enums: Vec<(String, EnumType)>,
}

/// The type one resource page describes.
struct ResourceDefinition<'a> {
    key: String,
    stem: &'a str,
    /// The page's own view of the type (sources, flags, description; no properties yet).
    ty: StructType,
    base: Option<(String, Source)>,
    resource: &'a crate::docs::ResourcePage,
}

fn page_definitions(page: &Page) -> PageDefinitions<'_> {
    let resource = page
        .resource
        .as_ref()
        .and_then(|resource| resource_definition(page, resource).transpose());
    PageDefinitions {
        resource,
        enums: page.enums.iter().map(|def| page_enum(page, def)).collect(),
    }
}

fn resource_definition<'a>(
    page: &'a Page,
    resource: &'a crate::docs::ResourcePage,
) -> Result<Option<ResourceDefinition<'a>>, Diagnostic> {
    let Some((namespace, name)) = page_type_name(page) else {
        if page.kind == Some(PageKind::Resource) && page.enums.is_empty() {
            return Err(
                Diagnostic::new(codes::RESOURCE_WITHOUT_TYPE, Severity::Error, &page.file, 1, "resource page names no type")
                    .with_help("add `\"@odata.type\"` to the resource annotation or title the page `<name> resource type`"),
            );
        }
        return Ok(None);
    };
    let key = qualified_key(&format!("{namespace}.{name}"));
    let annotation = resource.annotation.as_ref();
    let line = annotation.map_or(0, |a| a.source.line);
    let source = Source::new(&page.file, line.max(1));
    let base = annotation
        .and_then(|a| a.base_type.clone())
        .or_else(|| resource.inherits_from.clone())
        .filter(|b| !b.trim().is_empty())
        .map(|b| (b, source.clone()));
    let ty = StructType {
        workload: workload(page, &namespace),
        namespace,
        name,
        kind: TypeKind::Complex,
        base: None,
        is_abstract: annotation.is_some_and(|a| a.is_abstract),
        open_type: annotation.is_some_and(|a| a.open_type),
        key_property: annotation
            .and_then(|a| a.key_property.clone())
            .filter(|k| !k.trim().is_empty()),
        description: page.description.clone(),
        properties: Vec::new(),
        navigation: Vec::new(),
        sources: vec![source],
    };
    Ok(Some(ResourceDefinition {
        key,
        stem: file_stem(&page.file),
        ty,
        base,
        resource,
    }))
}

/// Merges one page's type into the drafts: the first page to name a type creates it; later
/// pages add sources, flags, a missing key, description or base, and properties not yet listed.
fn add_resource<'a>(
    drafts: &mut Drafts<'a>,
    page: ResourceDefinition<'a>,
    diags: &mut Diagnostics,
) {
    let ResourceDefinition {
        key,
        stem,
        ty: page_ty,
        base,
        resource,
    } = page;
    drafts
        .stems
        .entry(key.clone())
        .or_insert_with(|| stem.to_string());
    let draft = match drafts.types.entry(key) {
        Entry::Vacant(slot) => slot.insert(TypeDraft {
            ty: page_ty,
            base,
            rows: Vec::new(),
            relationships: Vec::new(),
        }),
        Entry::Occupied(slot) => {
            let draft = slot.into_mut();
            let ty = &mut draft.ty;
            ty.sources.extend(page_ty.sources);
            ty.is_abstract |= page_ty.is_abstract;
            ty.open_type |= page_ty.open_type;
            if ty.key_property.is_none() {
                ty.key_property = page_ty.key_property;
            }
            if ty.description.is_empty() {
                ty.description = page_ty.description;
            }
            match (&draft.base, base) {
                (None, base) => draft.base = base,
                (Some(kept), Some(other)) => conflicting_base(&draft.ty.name, kept, &other, diags),
                (Some(_), None) => {}
            }
            draft
        }
    };
    let owner = draft.ty.name.clone();
    merge_rows(&mut draft.rows, &resource.properties, &owner, diags);
    merge_rows(
        &mut draft.relationships,
        &resource.relationships,
        &owner,
        diags,
    );
}

/// Reports a second page that names another base for a type (RES019); the first is kept.
fn conflicting_base(
    owner: &str,
    kept: &(String, Source),
    other: &(String, Source),
    diags: &mut Diagnostics,
) {
    if qualified_key(&kept.0) == qualified_key(&other.0) {
        return;
    }
    diags.push(
        Diagnostic::new(
            codes::CONFLICTING_BASE,
            Severity::Warning,
            &other.1.file,
            other.1.line,
            format!(
                "`{owner}` derives from `{}` here but from `{}` in {}:{}; the first is kept",
                other.0, kept.0, kept.1.file, kept.1.line
            ),
        )
        .with_help("make the pages that describe this type name the same base type"),
    );
}

/// Adds rows whose names are not yet present (case-insensitive); a row that another page
/// already gave a different type keeps the first page's type and gets a RES015 warning.
fn merge_rows<'a>(
    into: &mut Vec<&'a PropertyRow>,
    rows: &'a [PropertyRow],
    owner: &str,
    diags: &mut Diagnostics,
) {
    for row in rows {
        match into.iter().find(|r| r.name.eq_ignore_ascii_case(&row.name)) {
            None => into.push(row),
            Some(kept) if !same_type(kept, row) && kept.source.file != row.source.file => {
                diags.push(
                    Diagnostic::new(
                        codes::CONFLICTING_PROPERTY,
                        Severity::Warning,
                        &row.source.file,
                        row.source.line,
                        format!(
                            "`{owner}.{}` is `{}` here but `{}` in {}:{}; the first is kept",
                            row.name,
                            row.type_text.trim(),
                            kept.type_text.trim(),
                            kept.source.file,
                            kept.source.line
                        ),
                    )
                    .with_help("give the property the same type on every page that describes it"),
                );
            }
            Some(_) => {}
        }
    }
}

/// Whether two rows name the same type (case-insensitive, with or without the namespace);
/// rows whose type cell could not be read never conflict (they have their own diagnostic).
fn same_type(a: &PropertyRow, b: &PropertyRow) -> bool {
    let (Some(x), Some(y)) = (&a.ty, &b.ty) else {
        return true;
    };
    let bare = |n: &str| {
        let n = n.trim();
        let lower = n.to_ascii_lowercase();
        for prefix in ["microsoft.graph.", "graph.", "edm."] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                return rest.to_string();
            }
        }
        lower
    };
    x.collection == y.collection && bare(&x.name) == bare(&y.name)
}

/// One enum as a page defines it, with its key.
fn page_enum(page: &Page, def: &EnumDef) -> (String, EnumType) {
    let (namespace, name) = split_qualified(def.name.trim(), page.namespace.as_deref());
    let key = qualified_key(&format!("{namespace}.{name}"));
    let members = def
        .members
        .iter()
        .map(|(name, value, description)| EnumMember {
            name: name.clone(),
            value: *value,
            description: description.clone(),
        });
    let en = EnumType {
        workload: workload(page, &namespace),
        namespace,
        name,
        flags: def.flags,
        members: members.collect(),
        description: def.description.clone(),
        sources: vec![def.source.clone()],
    };
    (key, en)
}

/// Merges one page's enum: the first page to name it creates it; later pages add sources and
/// the flags mark. Members not yet listed (case-insensitive) are added in page order.
fn add_enum(drafts: &mut Drafts<'_>, (key, mut page_enum): (String, EnumType)) {
    let members = std::mem::take(&mut page_enum.members);
    let en = match drafts.enums.entry(key) {
        Entry::Vacant(slot) => slot.insert(page_enum),
        Entry::Occupied(slot) => {
            let en = slot.into_mut();
            en.flags |= page_enum.flags;
            en.sources.extend(page_enum.sources);
            en
        }
    };
    for member in members {
        let listed = en
            .members
            .iter()
            .any(|m| m.name.eq_ignore_ascii_case(&member.name));
        if !listed {
            en.members.push(member);
        }
    }
}

/// The index of every defined name.
pub(crate) fn index(drafts: &Drafts<'_>) -> TypeIndex {
    let mut index = TypeIndex::default();
    for key in drafts.types.keys() {
        index.insert(
            key,
            NameKind::Struct,
            drafts.stems.get(key).map(String::as_str),
        );
    }
    for key in drafts.enums.keys() {
        index.insert(key, NameKind::Enum, None);
    }
    index
}

/// Resolves bases, kinds and property types; returns the final types and enums.
pub(crate) fn finish(
    drafts: Drafts<'_>,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> (BTreeMap<String, StructType>, BTreeMap<String, EnumType>) {
    // Each type on its own, in parallel; diagnostics are kept in key order.
    let drafts_by_key: Vec<(String, TypeDraft<'_>)> = drafts.types.into_iter().collect();
    let (finished, type_diags): (Vec<(String, StructType)>, Vec<Diagnostics>) = drafts_by_key
        .into_par_iter()
        .map(|(key, draft)| {
            let mut own = Diagnostics::default();
            let ty = finish_type(&key, draft, index, &mut own);
            ((key, ty), own)
        })
        .unzip();
    diags.extend(type_diags.into_iter().flat_map(|d| d.items));
    let mut types: BTreeMap<String, StructType> = finished.into_iter().collect();
    inheritance::break_cycles(&mut types, diags);
    inheritance::limit_depth(&mut types, diags);
    inheritance::mark_entities(&mut types);
    let mut enums = drafts.enums;
    for en in enums.values_mut() {
        en.sources.sort();
        en.sources.dedup();
    }
    drop_enums_named_like_types(&types, &mut enums, diags);
    (types, enums)
}

/// One type with its base and property types resolved.
fn finish_type(
    key: &str,
    draft: TypeDraft<'_>,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> StructType {
    let mut ty = draft.ty;
    ty.base = draft
        .base
        .as_ref()
        .and_then(|(name, source)| resolve_base(key, name, source, &ty, index, diags));
    resolve_properties(&mut ty, &draft.rows, &draft.relationships, index, diags);
    ty.sources.sort();
    ty.sources.dedup();
    ty
}

/// A name that is both a type and an enum cannot be told apart where it is used: the type is
/// kept and the enum dropped (RES017).
fn drop_enums_named_like_types(
    types: &BTreeMap<String, StructType>,
    enums: &mut BTreeMap<String, EnumType>,
    diags: &mut Diagnostics,
) {
    enums.retain(|key, en| {
        let Some(ty) = types.get(key) else {
            return true;
        };
        let source = en.sources.first().cloned().unwrap_or_default();
        let kept = ty.sources.first().cloned().unwrap_or_default();
        diags.push(
            Diagnostic::new(
                codes::ENUM_NAMED_LIKE_TYPE,
                Severity::Warning,
                &source.file,
                source.line,
                format!(
                    "enum `{}` has the name of the type defined at {}:{}; the enum is dropped",
                    en.name, kept.file, kept.line
                ),
            )
            .with_help("rename the enum or the type; one name cannot mean both"),
        );
        false
    });
}

fn resolve_base(
    key: &str,
    name: &str,
    source: &Source,
    ty: &StructType,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> Option<String> {
    match index.lookup(name, &ty.namespace) {
        Some(base) if base != key && index.kind(&base) == Some(NameKind::Struct) => Some(base),
        Some(base) if base == key => {
            diags.push(
                Diagnostic::new(
                    codes::INHERITANCE_CYCLE,
                    Severity::Warning,
                    &source.file,
                    source.line,
                    format!(
                        "`{}` names itself as its base type; the link is dropped",
                        ty.name
                    ),
                )
                .with_help("name the type this one derives from, or drop the base type"),
            );
            None
        }
        _ => {
            diags.push(
                Diagnostic::new(
                    codes::UNKNOWN_BASE_TYPE,
                    Severity::Warning,
                    &source.file,
                    source.line,
                    format!("base type `{name}` of `{}` is not defined", ty.name),
                )
                .with_help("link the base type's resource page; the type is modelled without it"),
            );
            None
        }
    }
}

fn resolve_properties(
    ty: &mut StructType,
    rows: &[&PropertyRow],
    relationships: &[&PropertyRow],
    index: &TypeIndex,
    diags: &mut Diagnostics,
) {
    for row in rows {
        let site = RefSite {
            namespace: &ty.namespace,
            source: &row.source,
            what: What {
                kind: "property",
                name: &row.name,
                owner: &ty.name,
            },
        };
        let read_only = row.description.to_ascii_lowercase().contains("read-only");
        ty.properties.push(Property {
            name: row.name.clone(),
            ty: resolve_row(row, &site, index, diags),
            description: row.description.clone(),
            read_only,
            source: row.source.clone(),
        });
    }
    for row in relationships {
        let site = RefSite {
            namespace: &ty.namespace,
            source: &row.source,
            what: What {
                kind: "relationship",
                name: &row.name,
                owner: &ty.name,
            },
        };
        ty.navigation.push(NavigationProperty {
            name: row.name.clone(),
            target: resolve_row(row, &site, index, diags),
            description: row.description.clone(),
            source: row.source.clone(),
        });
    }
}

#[cfg(test)]
#[path = "types_tests.rs"]
mod tests;
