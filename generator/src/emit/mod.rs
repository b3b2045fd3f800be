//! Rust emission: names, models, enums, builders, features.
