//! Embeds the hand-written runtime (`generated/src/runtime/**`), the generated crate's manifest
//! (for its dependency list) and the workspace manifest (for dependency versions), so
//! `cargo xtask gen --out DIR` can write a standalone crate.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let workspace = manifest_dir
        .parent()
        .expect("generator lives in the workspace")
        .to_path_buf();
    let runtime = workspace.join("generated/src/runtime");
    let crate_manifest = workspace.join("generated/Cargo.toml");
    let workspace_manifest = workspace.join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", runtime.display());
    println!("cargo:rerun-if-changed={}", crate_manifest.display());
    println!("cargo:rerun-if-changed={}", workspace_manifest.display());

    let mut files = Vec::new();
    collect(&runtime, &mut files);
    files.sort();
    let mut out =
        String::from("/// The runtime sources: (path relative to the crate root, contents).\n");
    out.push_str("pub const RUNTIME_FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let relative = file
            .strip_prefix(workspace.join("generated"))
            .expect("under generated/");
        let relative = relative.to_string_lossy().replace('\\', "/");
        writeln!(
            out,
            "    ({relative:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    for (name, path) in [
        ("CRATE_MANIFEST", &crate_manifest),
        ("WORKSPACE_MANIFEST", &workspace_manifest),
    ] {
        if path.is_file() {
            writeln!(
                out,
                "pub const {name}: &str = include_str!({:?});",
                path.display().to_string()
            )
            .unwrap();
        } else {
            writeln!(out, "pub const {name}: &str = \"\";").unwrap();
        }
    }
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    std::fs::write(dest, out).expect("write embedded.rs");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
