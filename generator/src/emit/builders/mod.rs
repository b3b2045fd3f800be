//! Request builders that mirror the URL tree (`Api::paths`).
//!
//! One thin struct per path node holds a `Client` and the path built so far; child accessors
//! extend the path (`groups()`, `by_id(id)`, `as_user()`, `item_by_path(path)`, function calls
//! with typed arguments) and operation methods return a `runtime::Request<T>`. A call segment
//! that is a leaf with one operation becomes a method on its parent that returns the request
//! directly (`messages().delta()`).
//!
//! Output: `src/api/paths/<top-level segment>.rs`, one file per top-level segment, and
//! `src/api/paths/mod.rs` re-exporting them; action bodies in `src/api/bodies.rs`.

mod operations;
mod plan;
mod tree;

pub use plan::{NodePlan, PathPlan};

use super::features::FeaturePlan;
use super::names::NameTable;
use crate::diag::Diagnostics;
use crate::model::Api;
use proc_macro2::TokenStream;
use quote::quote;

/// What the builder emitter reads.
pub struct BuilderContext<'a> {
    pub api: &'a Api,
    pub names: &'a NameTable,
    pub features: &'a FeaturePlan,
}

/// Builder files: (path relative to the crate root, tokens).
pub fn emit(ctx: &BuilderContext<'_>, diags: &mut Diagnostics) -> Vec<(String, TokenStream)> {
    let plan = PathPlan::new(ctx, diags);
    let mut files = Vec::new();
    let mut mods = Vec::new();
    for top in plan.top_levels() {
        let module = &top.module;
        let cfg = ctx.features.cfg(&top.features);
        mods.push(quote! {
            #cfg
            mod #module;
            #cfg
            pub use #module::*;
        });
        let tokens = tree::emit_file(ctx, &plan, top.node);
        files.push((format!("src/api/paths/{module}.rs"), tokens));
    }
    let mod_rs = quote! {
        //! Request builders, one module per top-level segment of the URL tree. Start from a
        //! `Client` accessor such as `client.groups()`.
        #(#mods)*
    };
    files.push(("src/api/paths/mod.rs".to_string(), mod_rs));
    let bodies = operations::body_structs(ctx, &plan.bodies);
    files.push(("src/api/bodies.rs".to_string(), bodies));
    files
}
