//! The specs/ examples as conformance cases: every example gets code, none shows a docs
//! defect, and the emitted test target and snippets are well formed. (The cases themselves run
//! in the generated crate's `tests/conformance` target, part of `cargo test --workspace`.)

use generator::diag::Diagnostics;
use generator::emit::examples;
use generator::{read, resolve};
use std::path::PathBuf;

fn specs() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs"))
}

#[test]
fn every_specs_example_becomes_a_case_without_docs_defects() {
    let read = read::read_docs(&specs());
    let mut diags = read.diagnostics;
    let api = resolve::build(&read.pages, &mut diags);
    let tied: usize = api.operations.iter().map(|op| op.examples.len()).sum();
    assert!(tied > 10, "specs have examples tied to operations ({tied})");
    assert!(
        api.unmatched_examples.is_empty(),
        "every specs example URL fits a template"
    );

    let census = examples::census(&api);
    assert_eq!(census.cases, tied, "every example has code: {census:?}");
    assert!(census.skipped.is_empty(), "{census:?}");

    let mut found = Diagnostics::default();
    let files = examples::emit_for_api(&api, &mut found).expect("the target emits");
    // A request shown without its response (GEN064) is allowed: the request half is checked
    // and the server answers an empty object. Anything else would be a defect of our pages.
    let codes: Vec<&str> = found
        .items
        .iter()
        .map(|d| d.code)
        .filter(|code| *code != "GEN064")
        .collect();
    assert!(
        codes.is_empty(),
        "no example diagnostics on specs: {codes:?}"
    );
    let snippets = files
        .iter()
        .filter(|f| f.path.starts_with("snippets/"))
        .count();
    assert_eq!(snippets, tied, "one snippet per example");
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
    }
    let cases = files
        .iter()
        .find(|f| f.path == "tests/conformance/cases.rs")
        .expect("cases.rs");
    assert_eq!(cases.contents.matches("static CASE_").count(), tied);
}

#[test]
fn snippets_hold_the_call_of_their_example() {
    let read = read::read_docs(&specs());
    let mut diags = read.diagnostics;
    let api = resolve::build(&read.pages, &mut diags);
    let files = examples::emit_for_api(&api, &mut Diagnostics::default()).expect("emits");
    for file in files.iter().filter(|f| f.path.starts_with("snippets/")) {
        let code = file
            .contents
            .split("```rust\n")
            .nth(1)
            .and_then(|rest| rest.split("\n```").next())
            .unwrap_or_else(|| panic!("{}: no rust block", file.path));
        assert!(
            code.contains("client"),
            "{}: starts from the client",
            file.path
        );
        assert!(code.contains(".send()"), "{}: sends the request", file.path);
        let wrapped = format!("async fn f() {{ {code} }}");
        syn::parse_file(&wrapped).unwrap_or_else(|e| panic!("{}: {e}", file.path));
    }
}
