//! Model emission: structs, enums and polymorphic enums, grouped into one file per workload.
//!
//! Use:
//! ```ignore
//! let plan = ModelPlan::new(&api);                         // fields, boxing, polymorphism
//! let names = NameTable::new(&api, plan.poly_bases());     // every type's Rust name
//! let files = emit_models(&plan, &names, &|key| features.type_cfg(key));
//! ```
//! The output is `src/api/models/mod.rs` (declares the workload modules and re-exports all their
//! items, so every model is `crate::api::models::<Type>`) and `src/api/models/<workload>.rs` per
//! workload. The `cfg` callback gives the `#[cfg(...)]` attribute of a struct or enum key (empty
//! when ungated); it gates each type, each navigation field (by its target's gate) and each
//! derived variant of a polymorphic enum (by the variant type's gate).

pub mod docs;
pub mod plan;
mod polymorphism;
mod scc;
mod structs;

pub use plan::{Field, ModelPlan};

use crate::emit::enums::emit_enum;
use crate::emit::names::{workload_wire, NameTable, COMMON_WORKLOAD};
use crate::emit::type_map::TypeMap;
use crate::model::Api;
use docs::doc_code;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The gate of a type by key: a `#[cfg(...)]` attribute, or empty for none.
pub type CfgFn<'a> = &'a dyn Fn(&str) -> TokenStream;

/// What every model emitter needs.
pub struct ModelContext<'a> {
    pub plan: &'a ModelPlan<'a>,
    pub map: TypeMap<'a>,
    pub cfg: CfgFn<'a>,
}

/// One generated file of models.
#[derive(Debug, Clone)]
pub struct ModelFile {
    /// Path relative to the generated crate root, e.g. `src/api/models/users.rs`.
    pub path: String,
    /// The workload of the file's types (`None` for `mod.rs` and types without a workload).
    pub workload: Option<String>,
    pub tokens: TokenStream,
}

/// Where the models module lives in the generated crate.
pub const MODELS_DIR: &str = "src/api/models";

/// Emits every struct, enum and polymorphic enum of the plan's API: `mod.rs` first, then one
/// file per workload (the order of [`model_workloads`]).
pub fn emit_models(plan: &ModelPlan, names: &NameTable, cfg: CfgFn) -> Vec<ModelFile> {
    let workloads = model_workloads(plan.api(), names);
    let mut files = vec![emit_models_mod(names, &workloads)];
    files.extend(
        workloads
            .iter()
            .map(|workload| emit_model_file(plan, names, cfg, workload)),
    );
    files
}

/// The workloads (wire names) that get a model file, sorted: those of every type and enum that
/// have a module.
pub fn model_workloads<'a>(api: &'a Api, names: &NameTable) -> Vec<&'a str> {
    let types = api.types.values().map(|ty| ty.workload.as_deref());
    let enums = api.enums.values().map(|en| en.workload.as_deref());
    let workloads: BTreeSet<&str> = types.chain(enums).map(workload_wire).collect();
    workloads
        .into_iter()
        .filter(|w| names.modules().contains_key(*w))
        .collect()
}

/// `src/api/models/mod.rs`: declares the workload modules and re-exports their items.
pub fn emit_models_mod(names: &NameTable, workloads: &[&str]) -> ModelFile {
    let modules = workloads.iter().filter_map(|w| names.modules().get(*w));
    ModelFile {
        path: format!("{MODELS_DIR}/mod.rs"),
        workload: None,
        tokens: quote! {
            //! Entity and complex types, enums and polymorphic enums, one module per workload.
            #(
                mod #modules;
                #[allow(unused_imports)]
                pub use #modules::*;
            )*
        },
    }
}

/// The model file of one workload: its structs (each followed by its polymorphic enum, if
/// any), then its enums, in key order.
pub fn emit_model_file(
    plan: &ModelPlan,
    names: &NameTable,
    cfg: CfgFn,
    workload: &str,
) -> ModelFile {
    let api = plan.api();
    let cx = ModelContext {
        plan,
        map: TypeMap::new(names),
        cfg,
    };
    let in_workload = |w: Option<&String>| workload_wire(w.map(String::as_str)) == workload;
    let mut items = Vec::new();
    for (key, ty) in &api.types {
        if !in_workload(ty.workload.as_ref()) {
            continue;
        }
        items.push(structs::emit_struct(&cx, key));
        if names.poly_ident(key).is_some() {
            items.push(polymorphism::emit_polymorphic(&cx, key));
        }
    }
    for (key, en) in &api.enums {
        if in_workload(en.workload.as_ref()) {
            items.push(emit_enum(api, names, key, &cfg(key)));
        }
    }
    let module = names
        .modules()
        .get(workload)
        .map_or_else(|| workload.to_string(), ToString::to_string);
    let doc = format!(" Models of the `{}` workload.", doc_code(workload));
    ModelFile {
        path: format!("{MODELS_DIR}/{}.rs", module.trim_start_matches("r#")),
        workload: (workload != COMMON_WORKLOAD).then(|| workload.to_string()),
        tokens: quote! {
            #![doc = #doc]
            #(#items)*
        },
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
