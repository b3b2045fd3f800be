//! Typed Microsoft Graph client.
pub mod runtime;
pub use runtime::{Client, Error};
