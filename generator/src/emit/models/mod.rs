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
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

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

/// Emits every struct, enum and polymorphic enum of the plan's API.
pub fn emit_models(plan: &ModelPlan, names: &NameTable, cfg: CfgFn) -> Vec<ModelFile> {
    let api = plan.api();
    let cx = ModelContext {
        plan,
        map: TypeMap::new(names),
        cfg,
    };
    // workload wire name -> items, in key order (structs, then enums)
    let mut items: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    for (key, ty) in &api.types {
        let entry = items
            .entry(workload_wire(ty.workload.as_deref()))
            .or_default();
        entry.push(structs::emit_struct(&cx, key));
        if names.poly_ident(key).is_some() {
            entry.push(polymorphism::emit_polymorphic(&cx, key));
        }
    }
    for (key, en) in &api.enums {
        let entry = items
            .entry(workload_wire(en.workload.as_deref()))
            .or_default();
        entry.push(emit_enum(api, names, key, &cfg(key)));
    }

    let mut files = Vec::new();
    let mut modules = Vec::new();
    for (workload, tokens) in items {
        let Some(module) = names.modules().get(workload) else {
            continue;
        };
        modules.push(module.clone());
        let doc = format!(" Models of the `{workload}` workload.");
        files.push(ModelFile {
            path: format!(
                "{MODELS_DIR}/{}.rs",
                module.to_string().trim_start_matches("r#")
            ),
            workload: (workload != COMMON_WORKLOAD).then(|| workload.to_string()),
            tokens: quote! {
                #![doc = #doc]
                #(#tokens)*
            },
        });
    }
    files.insert(
        0,
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
        },
    );
    files
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
