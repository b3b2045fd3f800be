//! graph-docgen: reads Microsoft Graph reference pages into an API model and emits a typed Rust SDK.
//!
//! Data flow: [`read::read_docs`] (every page, in parallel, via [`docs::read_page`]) →
//! [`resolve::build`] (whole corpus) → [`model::Api`] → [`emit`] (Rust files) → [`write`]
//! (atomic swap). Diagnostics flow out of every stage into one [`diag::Diagnostics`].

pub mod diag;
pub mod docs;
pub mod emit;
pub mod model;
pub mod read;
pub mod resolve;
pub mod write;
