//! graph-docgen: reads Microsoft Graph reference pages into an API model and emits a typed Rust SDK.
//!
//! Data flow: `docs::read_page` (one page) → `resolve::build` (whole corpus) → [`model::Api`]
//! → `emit` (Rust files) → `write` (atomic swap). Diagnostics flow out of every stage.

pub mod diag;
pub mod docs;
pub mod model;
