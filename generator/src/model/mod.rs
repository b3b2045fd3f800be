//! The intermediate API model: what the resolver builds from all pages and the emitter consumes.
//!
//! Everything here is plain data, serializable with serde, and kept in deterministic order
//! (`BTreeMap` keyed by lower-cased qualified names, `Vec`s sorted by the resolver).

mod operations;
mod types;

pub use operations::*;
pub use types::*;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where an item was read from: a path relative to the docs root, and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Source {
    pub file: String,
    pub line: u32,
}

impl Source {
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Source {
            file: file.into(),
            line,
        }
    }
}

/// The whole resolved API.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Api {
    /// Entity and complex types, keyed by lower-cased qualified name (`microsoft.graph.user`).
    pub types: BTreeMap<String, StructType>,
    /// Enums, keyed by lower-cased qualified name.
    pub enums: BTreeMap<String, EnumType>,
    /// Operations, sorted by (first path, method).
    pub operations: Vec<Operation>,
    /// The URL tree the request builders follow; operations are referenced by index.
    pub paths: PathNode,
    /// Examples whose request matched no operation (each also has a diagnostic).
    pub unmatched_examples: Vec<Example>,
    /// Example requests sent to another host than Microsoft Graph (callbacks to the app,
    /// upload and download URLs); kept, not tied to operations.
    #[serde(default)]
    pub external_examples: Vec<Example>,
}

impl Api {
    /// Looks a type up by any spelling of its name (case-insensitive, namespace optional).
    pub fn find_type(&self, name: &str) -> Option<&StructType> {
        let key = qualified_key(name);
        self.types.get(&key)
    }

    /// Looks an enum up by any spelling of its name (case-insensitive, namespace optional).
    pub fn find_enum(&self, name: &str) -> Option<&EnumType> {
        self.enums.get(&qualified_key(name))
    }
}

/// The default namespace of Graph types.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Lower-cased qualified key for a type name: `User` → `microsoft.graph.user`,
/// `microsoft.graph.callRecords.session` → `microsoft.graph.callrecords.session`.
pub fn qualified_key(name: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    let starts_with = |prefix: &str| {
        name.as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let rest = if starts_with("microsoft.graph.") {
        None
    } else if starts_with("graph.") {
        // `graph.user` is a short spelling of `microsoft.graph.user`.
        Some(&name["graph.".len()..])
    } else if name.contains('.') && !starts_with("microsoft.") {
        // A sub-namespace without the root, e.g. `callRecords.session`.
        Some(name)
    } else if name.contains('.') {
        None
    } else {
        Some(name)
    };
    match rest {
        None => name.to_ascii_lowercase(),
        Some(rest) => {
            // One allocation: the namespace, then the name lower-cased in place.
            let mut key = String::with_capacity(DEFAULT_NAMESPACE.len() + 1 + rest.len());
            key.push_str(DEFAULT_NAMESPACE);
            key.push('.');
            let start = key.len();
            key.push_str(rest);
            key[start..].make_ascii_lowercase();
            key
        }
    }
}
