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
