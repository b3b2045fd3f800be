//! The `specs/` pages through the whole pipeline, snapshotted: the resolved model as JSON and
//! every emitted file of the crate, whole (progenitor-style: one snapshot per output file).
//! `cargo insta review` shows what a change did to them.

use graph_docgen::diag::{Diagnostics, Severity};
use graph_docgen::emit::{EmitConfig, Emitter, OutputFile};
use graph_docgen::model::Api;
use graph_docgen::{read, resolve};
use std::path::Path;

fn specs_api() -> (Api, Diagnostics) {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/v1.0");
    let read = read::read_docs(&specs);
    let mut diags = read.diagnostics;
    let api = resolve::build(&read.pages, &mut diags);
    (api, diags)
}

fn emit(api: &Api) -> Vec<OutputFile> {
    let mut diags = Diagnostics::default();
    Emitter::new(api, &EmitConfig::default())
        .emit(&mut diags)
        .expect("the specs crate emits")
        .files
}

#[test]
fn specs_model_snapshot() {
    let (api, diags) = specs_api();
    assert_eq!(diags.count(Severity::Error), 0, "{diags:?}");
    let json = serde_json::to_string_pretty(&api).expect("the model serializes");
    insta::assert_snapshot!("specs_model", json);
}

#[test]
fn specs_diagnostics_snapshot() {
    let (_, diags) = specs_api();
    let lines: Vec<String> = diags
        .items
        .iter()
        .map(|d| {
            format!(
                "{:?} {} {}:{}: {}",
                d.severity, d.code, d.file, d.line, d.message
            )
        })
        .collect();
    insta::assert_snapshot!("specs_diagnostics", lines.join("\n"));
}

#[test]
fn specs_emitted_files_snapshot() {
    let (api, _) = specs_api();
    let files = emit(&api);
    assert!(
        files.iter().any(|f| f.path == "src/api/paths/groups.rs"),
        "the Create thread builders are emitted"
    );
    for file in &files {
        let name = format!("emitted__{}", file.path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn specs_emission_is_byte_identical_across_runs() {
    let (api, _) = specs_api();
    let first = emit(&api);
    let second = emit(&specs_api().0);
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.path, b.path);
        assert!(a.contents == b.contents, "{} differs between runs", a.path);
    }
}
