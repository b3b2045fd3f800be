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

pub use operations::{is_required, takes_any_literal, ADDITIONAL_DATA};
pub use plan::{NodePlan, PathPlan, USER_DRIVE};

use super::features::FeaturePlan;
use super::names::NameTable;
use crate::model::Api;
use proc_macro2::TokenStream;
use quote::quote;

/// What the builder emitter reads.
pub struct BuilderContext<'a> {
    pub api: &'a Api,
    pub names: &'a NameTable,
    pub features: &'a FeaturePlan,
}

/// `src/api/paths/<module>.rs`: the builders under the `top`-th top-level segment.
pub fn emit_top_level(
    ctx: &BuilderContext<'_>,
    plan: &PathPlan,
    top: usize,
) -> (String, TokenStream) {
    let top = &plan.top_levels()[top];
    let tokens = tree::emit_file(ctx, plan, top.node);
    (format!("src/api/paths/{}.rs", top.module), tokens)
}

/// `src/api/paths/mod.rs`: declares and re-exports every top-level module.
pub fn emit_paths_mod(ctx: &BuilderContext<'_>, plan: &PathPlan) -> (String, TokenStream) {
    let mods = plan.top_levels().iter().map(|top| {
        let module = &top.module;
        let cfg = ctx.features.cfg(&top.features);
        quote! {
            #cfg
            mod #module;
            #cfg
            pub use #module::*;
        }
    });
    let tokens = quote! {
        //! Request builders, one module per top-level segment of the URL tree. Start from a
        //! `Client` accessor such as `client.groups()`.
        #(#mods)*
    };
    ("src/api/paths/mod.rs".to_string(), tokens)
}

/// `src/api/bodies.rs`: the request bodies of actions.
pub fn emit_bodies(ctx: &BuilderContext<'_>, plan: &PathPlan) -> (String, TokenStream) {
    let tokens = operations::body_structs(ctx, &plan.bodies);
    ("src/api/bodies.rs".to_string(), tokens)
}
