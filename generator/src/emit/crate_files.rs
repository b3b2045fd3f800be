//! The crate-level files: `Cargo.toml`, `src/lib.rs`, `src/api/mod.rs` and, for a standalone
//! crate, the embedded runtime sources.
//!
//! The dependency list of the generated crate belongs to the runtime: it is read from
//! `generated/Cargo.toml` at build time (see `build.rs`) and written back unchanged. A standalone
//! crate gets the workspace's versions in place of `workspace = true` and an empty `[workspace]`.

use super::features::FeaturePlan;
use super::{EmitConfig, EmitError, OutputFile, HEADER};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// What the generator owns in the output folder; everything else there is carried over.
pub fn owned_paths(standalone: bool) -> Vec<String> {
    let mut owned = vec![
        "Cargo.toml".to_string(),
        "src/lib.rs".to_string(),
        "src/api/".to_string(),
    ];
    if standalone {
        owned.push("src/runtime/".to_string());
    }
    owned
}

/// `src/lib.rs`.
pub fn lib_rs() -> (String, TokenStream) {
    let tokens = quote! {
        //! Typed Microsoft Graph client, generated from the Microsoft Graph reference docs.
        //!
        //! Start from a [`Client`] and follow the URL: `client.groups().list()`
        //! returns a [`runtime::Request`]; `.send().await` runs it. Models are in [`models`].
        //! Workloads are Cargo features (`full` enables all of them).
        // The generated files are formatted by the generator (prettyplease); `cargo fmt`
        // leaves them alone, so `cargo xtask gen --check` and `cargo fmt --check` agree.
        #[rustfmt::skip]
        pub mod api;
        pub mod runtime;
        pub use api::models;
        pub use runtime::{Client, Error};
    };
    ("src/lib.rs".to_string(), tokens)
}

/// `src/api/mod.rs`: the generated modules, with the lints generated code may trip.
pub fn api_mod() -> (String, TokenStream) {
    let tokens = quote! {
        //! Everything generated from the docs: models, request builders and action bodies.
        #![allow(
            clippy::too_many_arguments,
            clippy::large_enum_variant,
            clippy::should_implement_trait,
            clippy::wrong_self_convention,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::empty_docs,
            clippy::module_inception,
            clippy::enum_variant_names,
            clippy::upper_case_acronyms,
            non_camel_case_types,
            rustdoc::all
        )]
        pub mod bodies;
        pub mod models;
        pub mod paths;
    };
    ("src/api/mod.rs".to_string(), tokens)
}

/// The runtime sources, for a standalone crate.
pub fn runtime_files() -> Vec<OutputFile> {
    embedded::RUNTIME_FILES
        .iter()
        .map(|(path, contents)| OutputFile {
            path: path.to_string(),
            contents: contents.to_string(),
        })
        .collect()
}

/// `Cargo.toml`: package, the runtime's dependencies, features per workload.
pub fn cargo_toml(config: &EmitConfig, features: &FeaturePlan) -> Result<OutputFile, EmitError> {
    let template = Manifest::parse(embedded::CRATE_MANIFEST);
    let mut out = format!("{}\n", HEADER.replacen("//", "#", 1));
    out.push_str("[package]\n");
    out.push_str(&format!("name = \"{}\"\n", toml_escape(&config.crate_name)));
    out.push_str(
        "description = \"Typed Microsoft Graph client generated from the reference docs by graph-docgen.\"\n",
    );
    if config.standalone {
        out.push_str("version = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n");
    } else {
        out.push_str(
            "version.workspace = true\nedition.workspace = true\nlicense.workspace = true\n",
        );
    }
    let versions = Manifest::parse(embedded::WORKSPACE_MANIFEST)
        .section("workspace.dependencies")
        .map(parse_entries)
        .unwrap_or_default();
    for name in ["dependencies", "dev-dependencies"] {
        let Some(body) = template.section(name) else {
            continue;
        };
        out.push_str(&format!("\n[{name}]\n"));
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let line = if config.standalone {
                standalone_dependency(line, &versions)?
            } else {
                line.to_string()
            };
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&features.cargo_features(&config.default_features));
    if config.standalone {
        out.push_str("\n[workspace]\n");
    }
    Ok(OutputFile {
        path: "Cargo.toml".to_string(),
        contents: out,
    })
}

fn toml_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A TOML file split into `[section]` bodies (enough for the two manifests we read).
struct Manifest<'a> {
    sections: Vec<(&'a str, String)>,
}

impl<'a> Manifest<'a> {
    fn parse(text: &'a str) -> Self {
        let mut sections: Vec<(&str, String)> = vec![("", String::new())];
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with('[') && trimmed.ends_with(']') && !trimmed.starts_with("[[") {
                sections.push((trimmed.trim_matches(['[', ']']).trim(), String::new()));
            } else if !trimmed.starts_with('#') {
                let last = sections.last_mut().expect("starts with one section");
                last.1.push_str(line);
                last.1.push('\n');
            }
        }
        Manifest { sections }
    }

    fn section(&self, name: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, body)| body.as_str())
    }
}

/// `name = spec` lines of a section, by name.
fn parse_entries(body: &str) -> BTreeMap<String, String> {
    body.lines()
        .filter_map(|line| line.split_once('='))
        .map(|(name, spec)| (name.trim().to_string(), spec.trim().to_string()))
        .collect()
}

/// Rewrites a `workspace = true` dependency with the workspace's spec.
fn standalone_dependency(
    line: &str,
    versions: &BTreeMap<String, String>,
) -> Result<String, EmitError> {
    let Some((key, value)) = line.split_once('=') else {
        return Ok(line.to_string());
    };
    let key = key.trim();
    let value = value.trim();
    let (name, extra) = if let Some(name) = key.strip_suffix(".workspace") {
        (name.trim(), None)
    } else if value.starts_with('{') && value.contains("workspace") {
        let inner = value.trim_matches(['{', '}']);
        let rest: Vec<&str> = split_table(inner)
            .into_iter()
            .filter(|part| !part.trim().starts_with("workspace"))
            .collect();
        (key, Some(rest))
    } else {
        return Ok(line.to_string());
    };
    let spec = versions
        .get(name)
        .ok_or_else(|| EmitError::Template(format!("`{name}` is not a workspace dependency")))?;
    let mut parts: Vec<String> = if spec.starts_with('{') {
        split_table(spec.trim_matches(['{', '}']))
            .into_iter()
            .map(|p| p.trim().to_string())
            .collect()
    } else {
        vec![format!("version = {spec}")]
    };
    for part in extra.unwrap_or_default() {
        let part = part.trim();
        if let Some(features) = part.strip_prefix("features") {
            let added = features
                .trim_start_matches([' ', '='])
                .trim_matches(['[', ']']);
            merge_features(&mut parts, added);
        } else if !part.is_empty() {
            parts.push(part.to_string());
        }
    }
    Ok(format!("{name} = {{ {} }}", parts.join(", ")))
}

/// Adds comma-separated feature names to a `features = [...]` part (or creates it).
fn merge_features(parts: &mut Vec<String>, added: &str) {
    let added: Vec<&str> = added
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if let Some(existing) = parts.iter_mut().find(|p| p.starts_with("features")) {
        let current = existing
            .trim_start_matches("features")
            .trim_start_matches([' ', '='])
            .trim_matches(['[', ']'])
            .to_string();
        let mut all: Vec<&str> = current
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        all.extend(added);
        all.dedup();
        *existing = format!("features = [{}]", all.join(", "));
    } else {
        parts.push(format!("features = [{}]", added.join(", ")));
    }
}

/// Splits an inline table body at top-level commas (not inside `[...]`).
fn split_table(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions() -> BTreeMap<String, String> {
        parse_entries(
            "serde = { version = \"1\", features = [\"derive\"] }\nhttp = \"1\"\ntokio = { version = \"1\", features = [\"macros\"] }\n",
        )
    }

    #[test]
    fn workspace_dependencies_get_concrete_specs() {
        let v = versions();
        assert_eq!(
            standalone_dependency("http.workspace = true", &v).unwrap(),
            "http = { version = \"1\" }"
        );
        assert_eq!(
            standalone_dependency("serde.workspace = true", &v).unwrap(),
            "serde = { version = \"1\", features = [\"derive\"] }"
        );
        assert_eq!(
            standalone_dependency("tokio = { workspace = true, features = [\"time\"] }", &v)
                .unwrap(),
            "tokio = { version = \"1\", features = [\"macros\", \"time\"] }"
        );
        assert_eq!(standalone_dependency("x = \"2\"", &v).unwrap(), "x = \"2\"");
        assert!(standalone_dependency("nope.workspace = true", &v).is_err());
    }

    #[test]
    fn manifest_sections_are_split() {
        let m = Manifest::parse("[package]\nname = \"a\"\n[dependencies]\nhttp = \"1\"\n");
        assert_eq!(m.section("dependencies"), Some("http = \"1\"\n"));
        assert!(m.section("features").is_none());
    }
}
