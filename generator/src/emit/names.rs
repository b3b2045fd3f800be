//! The one place Rust names are derived from wire names.
//!
//! Every identifier in the generated crate goes through here:
//! - [`snake_name`] / [`camel_name`] turn a wire name into a sanitized, case-converted string
//!   (ASCII letters, digits and `_` only; a leading digit gets a `_` prefix; empty input becomes a
//!   fallback; very long names are cut to [`MAX_IDENT_LEN`] characters).
//! - [`ident`] turns such a string into a [`syn::Ident`], escaping keywords as raw identifiers
//!   (`r#type`) and renaming the few that cannot be raw (`self` → `self_`, `Self` → `Self_`).
//! - [`Scope`] hands out unique names within one scope (fields of a struct, variants of an enum,
//!   methods of a builder): a second wire name that converts to an already-taken name gets a
//!   numeric suffix (`foo_bar_2`, `FooBar2`).
//! - [`NameTable`] names every struct and enum of an [`Api`] once, uniquely across the crate, and
//!   says where each lives (`crate::api::models::User`, declared in the workload file
//!   `src/api/models/<workload>.rs` and re-exported from `crate::api::models`).
//!
//! Names never come from parsing text as tokens: identifiers are built with `syn::Ident` after
//! sanitizing, so a page cannot inject code through a name.
//!
//! Type naming: a type in the default namespace `microsoft.graph` is named by its own name
//! (`conversationThread` → `ConversationThread`); a type in a sub-namespace is prefixed with the
//! sub-namespace (`microsoft.graph.callRecords.session` → `CallRecordsSession`). All models live in
//! one flat Rust namespace, `crate::api::models`. Base types with derived types that are used as
//! property or response types also get a polymorphic enum named `Any<Base>` (see
//! [`NameTable::poly_ident`]).

use crate::model::{Api, DEFAULT_NAMESPACE};
use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};
use syn::Ident;

/// Identifiers longer than this are cut (before a collision suffix is added).
pub const MAX_IDENT_LEN: usize = 80;

/// Fallback for a snake_case name that sanitizes to nothing.
pub const SNAKE_FALLBACK: &str = "field";
/// Fallback for an UpperCamelCase name that sanitizes to nothing.
pub const CAMEL_FALLBACK: &str = "Unnamed";

/// The workload module of types without a workload.
pub const COMMON_WORKLOAD: &str = "common";

/// Rust keywords (strict and reserved, all editions) that need `r#` or a rename.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_` instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names the models module must not declare, because generated code uses them unqualified
/// (prelude types and traits) or because they would shadow derive helpers.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Deserialize",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Serialize",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "Unpin",
    "Vec",
];

/// Field names every generated struct reserves for itself.
pub const RESERVED_FIELD_NAMES: &[&str] = &["additional_data"];

/// The case a [`Scope`] converts names to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, methods, modules, parameters.
    Snake,
    /// `UpperCamelCase`: types and enum variants.
    UpperCamel,
}

impl Case {
    /// Converts and sanitizes `wire` into this case.
    pub fn convert(self, wire: &str) -> String {
        match self {
            Case::Snake => snake_name(wire),
            Case::UpperCamel => camel_name(wire),
        }
    }

    fn with_suffix(self, base: &str, n: usize) -> String {
        match self {
            Case::Snake => format!("{base}_{n}"),
            Case::UpperCamel => format!("{base}{n}"),
        }
    }
}

/// Replaces everything that is not an ASCII letter or digit with a word break, so `@odata.type`,
/// `foo-bar`, `a b` and emoji all become plain words for heck.
fn words_only(wire: &str) -> String {
    wire.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Applies the fallback for empty names, the prefix for a leading digit and the length cap.
fn finish(converted: String, fallback: &str) -> String {
    let mut name = converted;
    if name.is_empty() {
        return fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if name.len() > MAX_IDENT_LEN {
        // All characters are ASCII, so byte truncation is a char boundary.
        name.truncate(MAX_IDENT_LEN);
        while name.ends_with('_') && name.len() > 1 {
            name.pop();
        }
    }
    name
}

/// `snake_case` of a wire name, sanitized (see the module docs). Not yet keyword-escaped.
pub fn snake_name(wire: &str) -> String {
    finish(words_only(wire).to_snake_case(), SNAKE_FALLBACK)
}

/// `UpperCamelCase` of a wire name, sanitized (see the module docs). Not yet keyword-escaped.
pub fn camel_name(wire: &str) -> String {
    finish(words_only(wire).to_upper_camel_case(), CAMEL_FALLBACK)
}

/// Makes an identifier from an already sanitized name: keywords become raw identifiers
/// (`r#type`), names that cannot be raw get a trailing `_` (`self_`).
///
/// # Panics
/// Only if `name` was not produced by [`snake_name`]/[`camel_name`] (or is otherwise not a valid
/// identifier); callers pass sanitized names only.
pub fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// `snake_case` identifier of a wire name (no scope: the caller guarantees uniqueness).
pub fn snake_ident(wire: &str) -> Ident {
    ident(&snake_name(wire))
}

/// `UpperCamelCase` identifier of a wire name (no scope: the caller guarantees uniqueness).
pub fn camel_ident(wire: &str) -> Ident {
    ident(&camel_name(wire))
}

/// Hands out unique names within one scope (one struct's fields, one enum's variants, one
/// builder's methods, the models module's types).
///
/// Names are compared after keyword handling, so `self` and a literal `self_` collide too.
/// Use [`Scope::assign`] to name a whole set at once in sorted wire-name order (the result is
/// independent of input order), or [`Scope::unique`] to add names one by one (first come keeps the
/// plain name).
#[derive(Debug, Clone)]
pub struct Scope {
    case: Case,
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope converting names to `case`.
    pub fn new(case: Case) -> Self {
        Scope {
            case,
            taken: BTreeSet::new(),
        }
    }

    /// A scope with `reserved` names already taken (they are never handed out).
    pub fn with_reserved(case: Case, reserved: &[&str]) -> Self {
        let mut scope = Scope::new(case);
        for name in reserved {
            scope.taken.insert(ident(name).to_string());
        }
        scope
    }

    /// Marks a sanitized name as taken.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(ident(name).to_string());
    }

    /// Whether a sanitized name is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&ident(name).to_string())
    }

    /// A unique identifier for `wire`: its converted name, or with the first free numeric suffix
    /// starting at 2.
    pub fn unique(&mut self, wire: &str) -> Ident {
        let base = self.case.convert(wire);
        self.unique_name(base)
    }

    /// A unique identifier for an already converted, sanitized name.
    pub fn unique_name(&mut self, base: String) -> Ident {
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&ident(&candidate).to_string()) {
            candidate = self.case.with_suffix(&base, n);
            n += 1;
        }
        let id = ident(&candidate);
        self.taken.insert(id.to_string());
        id
    }

    /// Names every wire name of a set, visiting them in sorted order, so the result does not
    /// depend on the order of `wires`. Duplicate wire names share one identifier.
    pub fn assign<'a>(
        &mut self,
        wires: impl IntoIterator<Item = &'a str>,
    ) -> BTreeMap<String, Ident> {
        let sorted: BTreeSet<&str> = wires.into_iter().collect();
        sorted
            .into_iter()
            .map(|wire| (wire.to_string(), self.unique(wire)))
            .collect()
    }
}

/// Where a struct or enum lives in the generated crate.
#[derive(Debug, Clone)]
pub struct TypeName {
    /// The type's identifier, unique across `crate::api::models`.
    pub ident: Ident,
    /// The workload module (and file) that declares it.
    pub module: Ident,
}

/// Names of every struct, enum and polymorphic enum of an [`Api`], built once.
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    structs: BTreeMap<String, TypeName>,
    enums: BTreeMap<String, TypeName>,
    poly: BTreeMap<String, Ident>,
    modules: BTreeMap<String, Ident>,
    flags: BTreeSet<String>,
}

/// The sub-namespace part of a namespace: `microsoft.graph.callRecords` → `callRecords`,
/// `microsoft.graph` → ``.
pub fn sub_namespace(namespace: &str) -> &str {
    let trimmed = namespace.trim();
    if trimmed.eq_ignore_ascii_case(DEFAULT_NAMESPACE) {
        return "";
    }
    let prefix_len = DEFAULT_NAMESPACE.len() + 1;
    if trimmed.len() > prefix_len
        && trimmed.is_char_boundary(prefix_len)
        && trimmed[..prefix_len].eq_ignore_ascii_case("microsoft.graph.")
    {
        &trimmed[prefix_len..]
    } else {
        trimmed
    }
}

/// The wire text a type name is derived from: `callRecords session` for a sub-namespace type.
fn type_wire_name(namespace: &str, name: &str) -> String {
    let sub = sub_namespace(namespace);
    if sub.is_empty() {
        name.to_string()
    } else {
        format!("{sub} {name}")
    }
}

/// The module name of a workload (`None` → [`COMMON_WORKLOAD`]).
pub fn workload_wire(workload: Option<&str>) -> &str {
    match workload {
        Some(w) if !w.trim().is_empty() => w.trim(),
        _ => COMMON_WORKLOAD,
    }
}

impl NameTable {
    /// Names every type of `api`. `poly_bases` are the keys of base types that get a
    /// polymorphic `Any<Base>` enum (see `emit::models::polymorphic_bases`).
    ///
    /// Order: default-namespace types first, then sub-namespace types, each sorted by key, so a
    /// default-namespace type keeps the plain name when a prefixed name collides with it.
    pub fn new(api: &Api, poly_bases: &BTreeSet<String>) -> Self {
        let mut entries: Vec<(bool, &str, bool, String, Option<&str>)> = Vec::new();
        for (key, ty) in &api.types {
            let wire = type_wire_name(&ty.namespace, &ty.name);
            let sub = !sub_namespace(&ty.namespace).is_empty();
            entries.push((sub, key, true, wire, ty.workload.as_deref()));
        }
        for (key, en) in &api.enums {
            let wire = type_wire_name(&en.namespace, &en.name);
            let sub = !sub_namespace(&en.namespace).is_empty();
            entries.push((sub, key, false, wire, en.workload.as_deref()));
        }
        // Structs before enums of the same key.
        entries.sort_by(|a, b| (a.0, a.1, !a.2).cmp(&(b.0, b.1, !b.2)));

        let mut table = NameTable::default();
        let workloads: BTreeSet<&str> = entries.iter().map(|e| workload_wire(e.4)).collect();
        let mut module_scope = Scope::with_reserved(Case::Snake, &["mod", "tests"]);
        for workload in workloads {
            let module = module_scope.unique(workload);
            table.modules.insert(workload.to_string(), module);
        }

        let mut scope = Scope::with_reserved(Case::UpperCamel, RESERVED_TYPE_NAMES);
        for (_, key, is_struct, wire, workload) in &entries {
            let ident = scope.unique(wire);
            let module = table.modules[workload_wire(*workload)].clone();
            let name = TypeName { ident, module };
            if *is_struct {
                table.structs.insert(key.to_string(), name);
            } else {
                table.enums.insert(key.to_string(), name);
            }
        }
        table.flags = api
            .enums
            .iter()
            .filter(|(_, e)| e.flags)
            .map(|(k, _)| k.clone())
            .collect();
        for base in poly_bases {
            if let Some(name) = table.structs.get(base) {
                let poly = scope.unique_name(format!("Any{}", name.ident));
                table.poly.insert(base.clone(), poly);
            }
        }
        table
    }

    /// The struct or enum named by `key` (struct first).
    pub fn get(&self, key: &str) -> Option<&TypeName> {
        self.structs.get(key).or_else(|| self.enums.get(key))
    }

    /// The identifier of the struct or enum `key`.
    pub fn type_ident(&self, key: &str) -> Option<&Ident> {
        self.get(key).map(|n| &n.ident)
    }

    /// The workload module that declares `key`.
    pub fn module_of(&self, key: &str) -> Option<&Ident> {
        self.get(key).map(|n| &n.module)
    }

    /// A path to `key` usable anywhere in the crate: `crate::api::models::User`.
    pub fn type_path(&self, key: &str) -> Option<TokenStream> {
        self.type_ident(key)
            .map(|id| quote!(crate::api::models::#id))
    }

    /// Whether `key` names a struct (entity or complex type).
    pub fn is_struct(&self, key: &str) -> bool {
        self.structs.contains_key(key)
    }

    /// Whether `key` names an enum.
    pub fn is_enum(&self, key: &str) -> bool {
        !self.structs.contains_key(key) && self.enums.contains_key(key)
    }

    /// Whether `key` names a flags enum (a set written as one comma-separated string).
    pub fn is_flags(&self, key: &str) -> bool {
        self.is_enum(key) && self.flags.contains(key)
    }

    /// The `Any<Base>` polymorphic enum of base type `key`, when one is emitted.
    pub fn poly_ident(&self, key: &str) -> Option<&Ident> {
        self.poly.get(key)
    }

    /// A crate path to the polymorphic enum of `key`, when one is emitted.
    pub fn poly_path(&self, key: &str) -> Option<TokenStream> {
        self.poly_ident(key)
            .map(|id| quote!(crate::api::models::#id))
    }

    /// Workload modules: wire workload (or [`COMMON_WORKLOAD`]) → module identifier.
    pub fn modules(&self) -> &BTreeMap<String, Ident> {
        &self.modules
    }

    /// Every struct, by key.
    pub fn structs(&self) -> &BTreeMap<String, TypeName> {
        &self.structs
    }

    /// Every enum, by key.
    pub fn enums(&self) -> &BTreeMap<String, TypeName> {
        &self.enums
    }
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
