//! Inheritance along base-type chains: cycles broken, entity-ness passed down from bases.

use super::codes;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::{StructType, TypeKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Drops the base link that closes a cycle, visiting types in key order.
pub(crate) fn break_cycles(types: &mut BTreeMap<String, StructType>, diags: &mut Diagnostics) {
    if !types.par_iter().any(|(key, _)| in_cycle(key, types)) {
        return;
    }
    let keys: Vec<String> = types.keys().cloned().collect();
    for start in keys {
        let mut seen = BTreeSet::from([start.clone()]);
        let mut current = start.clone();
        while let Some(base) = types.get(&current).and_then(|t| t.base.clone()) {
            if !seen.insert(base.clone()) {
                let ty = types.get_mut(&current).expect("current type exists");
                let source = ty.sources.first().cloned().unwrap_or_default();
                diags.push(Diagnostic::new(
                    codes::INHERITANCE_CYCLE,
                    Severity::Warning,
                    &source.file,
                    source.line,
                    format!("base type `{base}` of `{}` closes an inheritance cycle; the link is dropped", ty.name),
                ));
                ty.base = None;
                break;
            }
            current = base;
        }
    }
}

/// The most base links a chain may have. The Graph docs go four deep; inherited properties are
/// copied into every type, so a chain of thousands would make output of millions of fields.
pub(crate) const MAX_INHERITANCE_DEPTH: usize = 16;

/// Cuts chains of bases longer than [`MAX_INHERITANCE_DEPTH`] (cycles were broken before): a
/// type whose number of bases above it is a multiple of `MAX_INHERITANCE_DEPTH + 1` loses its
/// base link, so that every chain left is short enough, with as few cuts as a chain allows.
pub(crate) fn limit_depth(types: &mut BTreeMap<String, StructType>, diags: &mut Diagnostics) {
    let depths = base_counts(types);
    let cuts: Vec<String> = types
        .keys()
        .zip(&depths)
        .filter(|(_, depth)| **depth > 0 && **depth % (MAX_INHERITANCE_DEPTH + 1) == 0)
        .map(|(key, _)| key.clone())
        .collect();
    for key in cuts {
        let ty = types.get_mut(&key).expect("a listed type exists");
        let source = ty.sources.first().cloned().unwrap_or_default();
        let base = ty.base.take().unwrap_or_default();
        diags.push(
            Diagnostic::new(
                codes::INHERITANCE_TOO_DEEP,
                Severity::Warning,
                &source.file,
                source.line,
                format!(
                    "`{}` has more than {MAX_INHERITANCE_DEPTH} base types above it; its base \
                     `{base}` is dropped",
                    ty.name
                ),
            )
            .with_help("check the pages' baseType annotations and \"Inherits from\" links"),
        );
    }
}

/// How many bases are above each type, in key order (bases not defined end a chain).
fn base_counts(types: &BTreeMap<String, StructType>) -> Vec<usize> {
    let position: BTreeMap<&str, usize> = types
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let base_of: Vec<Option<usize>> = types
        .values()
        .map(|t| t.base.as_deref().and_then(|b| position.get(b).copied()))
        .collect();
    let mut depth: Vec<Option<usize>> = vec![None; types.len()];
    for start in 0..types.len() {
        // Up to the first type whose count is known (or a root), then back down.
        let mut chain = Vec::new();
        let mut current = Some(start);
        let mut known = 0;
        while let Some(at) = current {
            if let Some(d) = depth[at] {
                known = d + 1;
                break;
            }
            chain.push(at);
            current = base_of[at];
        }
        for (offset, at) in chain.into_iter().rev().enumerate() {
            depth[at] = Some(known + offset);
        }
    }
    depth.into_iter().map(Option::unwrap_or_default).collect()
}

/// Whether the chain of bases from `key` never ends (it runs longer than there are types).
fn in_cycle(key: &str, types: &BTreeMap<String, StructType>) -> bool {
    let bases = std::iter::successors(Some(key), |k| types.get(*k)?.base.as_deref());
    bases.take(types.len() + 2).count() > types.len() + 1
}

/// A type is an entity when it has a key property or an `id`, or inherits from an entity.
pub(crate) fn mark_entities(types: &mut BTreeMap<String, StructType>) {
    let entity: Vec<bool> = types
        .par_iter()
        .map(|(key, _)| is_entity(key, types))
        .collect();
    for (ty, entity) in types.values_mut().zip(entity) {
        if entity {
            ty.kind = TypeKind::Entity;
        }
    }
}

/// Whether the type or one of its bases has a key (cycles were broken before).
fn is_entity(key: &str, types: &BTreeMap<String, StructType>) -> bool {
    let has_key = |key: &str, ty: &StructType| {
        let has_id = ty
            .properties
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case("id"));
        ty.key_property.is_some() || has_id || key == "microsoft.graph.entity"
    };
    let mut current = Some(key);
    for _ in 0..=types.len() {
        let Some((key, ty)) = current.and_then(|k| types.get_key_value(k)) else {
            return false;
        };
        if has_key(key, ty) {
            return true;
        }
        current = ty.base.as_deref();
    }
    false
}
