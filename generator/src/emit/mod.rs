//! Rust emission: names, models, enums, builders, features.
pub mod names;
