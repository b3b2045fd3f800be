//! What the model emitter decides before emitting: each struct's flattened fields, which fields
//! are boxed, which base types get a polymorphic enum, and which types each type needs.

use super::scc::strongly_connected;
use crate::emit::features::operation_type_uses;
use crate::model::{Api, Primitive, TypeRef, TypeUse};
use std::collections::{BTreeMap, BTreeSet};

/// One field of a generated struct: a property or navigation property, declared on the struct's
/// type or inherited from a base type.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Wire name, as written.
    pub wire: &'a str,
    pub ty: &'a TypeUse,
    pub description: &'a str,
    /// A navigation property (expanded data).
    pub navigation: bool,
    /// The key of the type that declares it.
    pub declared_in: &'a str,
}

impl<'a> Field<'a> {
    /// The struct or enum key this field's values name, if any.
    pub fn named(&self) -> Option<&'a str> {
        match &self.ty.ty {
            TypeRef::Named(key) => Some(key),
            _ => None,
        }
    }

    /// Stream properties are not part of JSON bodies: they are not emitted as fields (a stray
    /// value lands in `additional_data`).
    pub fn is_stream(&self) -> bool {
        matches!(self.ty.ty, TypeRef::Primitive(Primitive::Stream))
    }
}

/// Decisions about every struct of an [`Api`].
#[derive(Debug, Clone)]
pub struct ModelPlan<'a> {
    api: &'a Api,
    fields: BTreeMap<&'a str, Vec<Field<'a>>>,
    /// (struct key, field wire name) of fields that hold a `Box`.
    boxed: BTreeSet<(&'a str, &'a str)>,
    /// Base key → every type derived from it, directly or not, sorted by key.
    descendants: BTreeMap<&'a str, Vec<&'a str>>,
    poly_bases: BTreeSet<String>,
}

impl<'a> ModelPlan<'a> {
    /// Plans every struct of `api`.
    pub fn new(api: &'a Api) -> Self {
        let fields: BTreeMap<&str, Vec<Field>> = api
            .types
            .keys()
            .map(|key| (key.as_str(), flatten_fields(api, key)))
            .collect();
        let descendants = descendants(api);
        let poly_bases = poly_bases(api, &fields, &descendants);
        let boxed = boxed_fields(api, &fields, &poly_bases);
        ModelPlan {
            api,
            fields,
            boxed,
            descendants,
            poly_bases,
        }
    }

    pub fn api(&self) -> &'a Api {
        self.api
    }

    /// The fields of struct `key`: the base chain's first, then its own; one per wire name.
    pub fn fields(&self, key: &str) -> &[Field<'a>] {
        self.fields.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether a non-collection struct-typed field is boxed (it recurses by value, or it is a
    /// navigation property).
    pub fn is_boxed(&self, key: &str, wire: &str) -> bool {
        self.boxed.contains(&(key, wire))
    }

    /// Base types that get an `Any<Base>` polymorphic enum.
    pub fn poly_bases(&self) -> &BTreeSet<String> {
        &self.poly_bases
    }

    /// Every type derived from `key`, directly or not, sorted by key.
    pub fn descendants(&self, key: &str) -> &[&'a str] {
        self.descendants.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The types and enums struct `key` needs to compile: its base type and the named types of
    /// its fields (a polymorphic field needs its base; the variants are gated one by one).
    /// Navigation targets are included; callers that gate navigation fields may skip them.
    pub fn dependencies(&self, key: &str) -> BTreeSet<&'a str> {
        let mut deps = BTreeSet::new();
        if let Some(base) = self.api.types.get(key).and_then(|t| t.base.as_deref()) {
            deps.insert(base);
        }
        for field in self.fields(key) {
            if let Some(named) = field.named() {
                deps.insert(named);
            }
        }
        deps.retain(|k| *k != key);
        deps
    }
}

/// The base chain of `key`, root first, `key` last; stops at a missing base or a cycle.
pub fn base_chain<'a>(api: &'a Api, key: &'a str) -> Vec<&'a str> {
    let mut chain = vec![key];
    let mut current = key;
    while let Some(base) = api.types.get(current).and_then(|t| t.base.as_deref()) {
        if chain.contains(&base) || !api.types.contains_key(base) {
            break;
        }
        chain.push(base);
        current = base;
    }
    chain.reverse();
    chain
}

/// Properties then navigation properties of every type in the base chain, base first; the
/// first declaration of a wire name wins.
fn flatten_fields<'a>(api: &'a Api, key: &'a str) -> Vec<Field<'a>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for link in base_chain(api, key) {
        let ty = &api.types[link];
        let props = ty.properties.iter().map(|p| Field {
            wire: p.name.as_str(),
            ty: &p.ty,
            description: p.description.as_str(),
            navigation: false,
            declared_in: link,
        });
        let navs = ty.navigation.iter().map(|n| Field {
            wire: n.name.as_str(),
            ty: &n.target,
            description: n.description.as_str(),
            navigation: true,
            declared_in: link,
        });
        for field in props.chain(navs) {
            if seen.insert(field.wire) && !field.is_stream() {
                out.push(field);
            }
        }
    }
    out
}

/// Base key → all transitive descendants, sorted by key.
fn descendants(api: &Api) -> BTreeMap<&str, Vec<&str>> {
    let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for key in api.types.keys() {
        let chain = base_chain(api, key);
        for ancestor in &chain[..chain.len() - 1] {
            out.entry(ancestor).or_default().push(key);
        }
    }
    out
}

/// Base types with derived types that are used as a field type or in an operation signature.
fn poly_bases(
    api: &Api,
    fields: &BTreeMap<&str, Vec<Field>>,
    descendants: &BTreeMap<&str, Vec<&str>>,
) -> BTreeSet<String> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for field in fields.values().flatten() {
        used.extend(field.named());
    }
    for op in &api.operations {
        for use_ in operation_type_uses(op) {
            if let TypeRef::Named(key) = &use_.ty {
                used.insert(key);
            }
        }
    }
    used.into_iter()
        .filter(|k| descendants.contains_key(k))
        .map(str::to_string)
        .collect()
}

/// Fields that must be boxed: single navigation properties, and single struct-typed fields
/// whose target is in the same strongly connected component of the by-value field graph as
/// the struct that holds them.
fn boxed_fields<'a>(
    api: &'a Api,
    fields: &BTreeMap<&'a str, Vec<Field<'a>>>,
    poly_bases: &BTreeSet<String>,
) -> BTreeSet<(&'a str, &'a str)> {
    let by_value = |f: &Field<'a>| -> Option<&'a str> {
        let target = match &f.ty.ty {
            TypeRef::Named(k) => k.as_str(),
            _ => return None,
        };
        let is_struct = api.types.contains_key(target) && !poly_bases.contains(target);
        (!f.ty.collection && !f.navigation && is_struct).then_some(target)
    };
    let nodes: Vec<&str> = fields.keys().copied().collect();
    let index: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|k| {
            fields[k]
                .iter()
                .filter_map(by_value)
                .map(|t| index[t])
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);

    let mut boxed = BTreeSet::new();
    for (key, list) in fields {
        for field in list {
            let single_struct = !field.ty.collection
                && field.named().is_some_and(|t| api.types.contains_key(t))
                && !field.named().is_some_and(|t| poly_bases.contains(t));
            if !single_struct {
                continue;
            }
            let recursive =
                by_value(field).is_some_and(|t| component[index[key]] == component[index[t]]);
            if field.navigation || recursive {
                boxed.insert((*key, field.wire));
            }
        }
    }
    boxed
}
