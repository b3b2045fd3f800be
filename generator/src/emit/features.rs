//! Cargo features per workload, and which features each type, operation and path node needs.
//!
//! Every operation belongs to one workload (its `ms.prod`, sanitized into a feature name).
//! A workload's *closure* is every type and enum it needs: the types of its own workload, the
//! bodies, responses and parameters of its operations, and, transitively, their structural
//! properties, base types and the derived types of complex types (for polymorphic values).
//! Navigation properties are not followed: a navigation field is gated by the features of its
//! target ([`FeaturePlan::type_cfg`] of the target), so one workload does not pull in the whole
//! entity graph. Derived types of entities are not followed either, for the same reason.
//!
//! A type is compiled when any workload whose closure contains it is enabled; a type that every
//! workload needs gets no gate at all. `full` enables every workload.

use crate::model::{Api, Operation, RequestBody, StructType, TypeKind, TypeRef, TypeUse};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The feature that enables every workload.
pub const FULL: &str = "full";
/// The feature of operations whose page names no workload.
pub const OTHER: &str = "other";

/// Which Cargo features gate which item.
#[derive(Debug, Clone, Default)]
pub struct FeaturePlan {
    /// Every workload feature, sorted.
    pub workloads: BTreeSet<String>,
    /// For each type or enum key, the workloads whose closure contains it.
    type_features: BTreeMap<String, BTreeSet<String>>,
    /// The workload feature of each operation, by index into `Api::operations`.
    operation_features: Vec<String>,
}

impl FeaturePlan {
    /// Computes workloads and per-workload closures for a whole API.
    pub fn compute(api: &Api) -> Self {
        let operation_features: Vec<String> = api
            .operations
            .iter()
            .map(|op| operation_feature(op).to_string())
            .collect();
        let operation_features: Vec<String> = operation_features
            .into_iter()
            .map(|w| feature_name(&w))
            .collect();
        let mut seeds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (key, ty) in &api.types {
            if let Some(w) = &ty.workload {
                seeds
                    .entry(feature_name(w))
                    .or_default()
                    .insert(key.clone());
            }
        }
        for (key, en) in &api.enums {
            if let Some(w) = &en.workload {
                seeds
                    .entry(feature_name(w))
                    .or_default()
                    .insert(key.clone());
            }
        }
        for (op, feature) in api.operations.iter().zip(&operation_features) {
            let entry = seeds.entry(feature.clone()).or_default();
            for use_ in operation_type_uses(op) {
                if let TypeRef::Named(key) = &use_.ty {
                    entry.insert(key.clone());
                }
            }
        }
        let graph = TypeGraph::new(api);
        let mut type_features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (workload, roots) in &seeds {
            for key in graph.closure(roots) {
                type_features
                    .entry(key)
                    .or_default()
                    .insert(workload.clone());
            }
        }
        FeaturePlan {
            workloads: seeds.into_keys().collect(),
            type_features,
            operation_features,
        }
    }

    /// The workloads that need a type or enum (by lower-cased qualified key).
    pub fn type_features(&self, key: &str) -> BTreeSet<String> {
        self.type_features.get(key).cloned().unwrap_or_default()
    }

    /// The `#[cfg(...)]` attribute for a type or enum, or nothing when every workload needs it.
    /// Types no workload needs are compiled only with `full`.
    pub fn type_cfg(&self, key: &str) -> TokenStream {
        match self.type_features.get(key) {
            Some(set) => self.cfg(set),
            None => self.cfg(&BTreeSet::new()),
        }
    }

    /// The workload feature of an operation (by index into `Api::operations`).
    pub fn operation_feature(&self, index: usize) -> &str {
        self.operation_features
            .get(index)
            .map(String::as_str)
            .unwrap_or(OTHER)
    }

    /// The `#[cfg(...)]` attribute for an operation.
    pub fn operation_cfg(&self, index: usize) -> TokenStream {
        let mut set = BTreeSet::new();
        set.insert(self.operation_feature(index).to_string());
        self.cfg(&set)
    }

    /// `#[cfg(any(feature = ...))]` over a set of workloads; nothing when the set is every
    /// workload; `feature = "full"` when it is empty.
    pub fn cfg(&self, features: &BTreeSet<String>) -> TokenStream {
        if !self.workloads.is_empty() && features.is_superset(&self.workloads) {
            return TokenStream::new();
        }
        let names: Vec<&str> = if features.is_empty() {
            vec![FULL]
        } else {
            features.iter().map(String::as_str).collect()
        };
        if names.len() == 1 {
            let name = names[0];
            quote!(#[cfg(feature = #name)])
        } else {
            quote!(#[cfg(any(#(feature = #names),*))])
        }
    }

    /// The gate of an item declared inside an item gated by `outer`: nothing when `outer`
    /// already implies it (every workload of `outer` is in `features`).
    pub fn cfg_inside(
        &self,
        features: &BTreeSet<String>,
        outer: Option<&BTreeSet<String>>,
    ) -> TokenStream {
        match outer {
            Some(outer) if !outer.is_empty() && outer.is_subset(features) => TokenStream::new(),
            _ => self.cfg(features),
        }
    }

    /// The workloads of an operation, as a set.
    pub fn operation_features(&self, index: usize) -> BTreeSet<String> {
        std::iter::once(self.operation_feature(index).to_string()).collect()
    }

    /// The `[features]` table of the generated Cargo.toml.
    pub fn cargo_features(&self, default: &[String]) -> String {
        let quoted = |names: &mut dyn Iterator<Item = &String>| {
            names
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let defaults: Vec<&String> = default
            .iter()
            .filter(|d| self.workloads.contains(*d))
            .collect();
        let mut out = String::from("[features]\n");
        out.push_str(&format!(
            "default = [{}]\n",
            quoted(&mut defaults.into_iter())
        ));
        out.push_str(&format!(
            "{FULL} = [{}]\n",
            quoted(&mut self.workloads.iter())
        ));
        for workload in &self.workloads {
            out.push_str(&format!("{workload} = []\n"));
        }
        out
    }
}

/// The workload name of an operation as written, or [`OTHER`].
fn operation_feature(op: &Operation) -> &str {
    op.workload
        .as_deref()
        .filter(|w| !w.trim().is_empty())
        .unwrap_or(OTHER)
}

/// Every type an operation's signature uses: request body, response, parameters.
pub fn operation_type_uses(op: &Operation) -> Vec<&TypeUse> {
    let mut uses = Vec::new();
    match &op.request_body {
        Some(RequestBody::Resource { ty }) => uses.push(ty),
        Some(RequestBody::Parameters { parameters }) => {
            uses.extend(parameters.iter().map(|p| &p.ty))
        }
        Some(RequestBody::Stream) | None => {}
    }
    uses.extend(op.parameters.iter().map(|p| &p.ty));
    uses.extend(op.response.body.iter());
    uses
}

/// A workload name as a Cargo feature name: lower-case ASCII letters, digits and `-`.
pub fn feature_name(workload: &str) -> String {
    let mut out = String::new();
    for c in workload.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        return OTHER.to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "w-");
    }
    if out == FULL || out == "default" {
        out.push_str("-workload");
    }
    out
}

/// Edges between types that a closure follows.
struct TypeGraph<'a> {
    api: &'a Api,
    /// Complex base type key → keys of the complex types derived from it.
    derived: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> TypeGraph<'a> {
    fn new(api: &'a Api) -> Self {
        let mut derived: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (key, ty) in &api.types {
            if let (Some(base), TypeKind::Complex) = (&ty.base, ty.kind) {
                derived.entry(base.as_str()).or_default().push(key.as_str());
            }
        }
        TypeGraph { api, derived }
    }

    /// Every type and enum reachable from the roots.
    fn closure(&self, roots: &BTreeSet<String>) -> BTreeSet<String> {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut stack: Vec<String> = roots.iter().cloned().collect();
        while let Some(key) = stack.pop() {
            if !seen.insert(key.clone()) {
                continue;
            }
            if let Some(ty) = self.api.types.get(&key) {
                stack.extend(self.edges(&key, ty).filter(|k| !seen.contains(k)));
            }
        }
        seen.retain(|k| self.api.types.contains_key(k) || self.api.enums.contains_key(k));
        seen
    }

    fn edges<'b>(&'b self, key: &'b str, ty: &'b StructType) -> impl Iterator<Item = String> + 'b {
        let properties = ty.properties.iter().filter_map(|p| match &p.ty.ty {
            TypeRef::Named(k) => Some(k.clone()),
            _ => None,
        });
        let derived = self
            .derived
            .get(key)
            .into_iter()
            .flatten()
            .map(|k| k.to_string());
        properties.chain(ty.base.clone()).chain(derived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_are_cargo_safe() {
        assert_eq!(
            feature_name("Microsoft Identity & Access"),
            "microsoft-identity-access"
        );
        assert_eq!(feature_name("groups"), "groups");
        assert_eq!(feature_name("365"), "w-365");
        assert_eq!(feature_name("full"), "full-workload");
        assert_eq!(feature_name("  "), "other");
    }
}
