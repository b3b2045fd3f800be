//! Model emission from a small hand-built API: snapshots of the formatted files.

#[path = "emit_models/fixture.rs"]
mod fixture;

use graph_docgen::emit::features::FeaturePlan;
use graph_docgen::emit::models::{emit_models, ModelFile, ModelPlan};
use graph_docgen::emit::names::NameTable;

fn emit(api: &graph_docgen::model::Api) -> Vec<ModelFile> {
    let plan = ModelPlan::new(api);
    let names = NameTable::new(api, plan.poly_bases());
    let features = FeaturePlan::compute(api);
    emit_models(&plan, &names, &|key| features.type_cfg(key))
}

fn render(files: &[ModelFile]) -> String {
    let mut out = String::new();
    for file in files {
        let parsed: syn::File = syn::parse2(file.tokens.clone()).expect("valid Rust");
        out.push_str(&format!("===== {} ({:?})\n", file.path, file.workload));
        out.push_str(&prettyplease::unparse(&parsed));
    }
    out
}

#[test]
fn sample_models_snapshot() {
    let files = emit(&fixture::sample_api());
    insta::assert_snapshot!(render(&files));
}

#[test]
fn output_is_deterministic() {
    let api = fixture::sample_api();
    assert_eq!(render(&emit(&api)), render(&emit(&api)));
}

/// Every item is a struct, an enum, an impl of a generated type, a module declaration, a
/// re-export or a `graph_enum!` invocation: hostile names and descriptions add no functions.
#[test]
fn hostile_names_and_docs_do_not_become_code() {
    for file in emit(&fixture::sample_api()) {
        let parsed: syn::File = syn::parse2(file.tokens).unwrap();
        for item in parsed.items {
            match item {
                syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Impl(_) => {}
                syn::Item::Mod(_) | syn::Item::Use(_) => {}
                syn::Item::Macro(m) => {
                    assert!(m.mac.path.segments.last().unwrap().ident == "graph_enum")
                }
                other => panic!(
                    "unexpected item in {}: {}",
                    file.path,
                    quote::quote!(#other)
                ),
            }
        }
    }
    let text = render(&emit(&fixture::sample_api()));
    assert!(!text.contains("\n    fn not_a_doctest"), "{text}");
    assert!(!text.contains("\n}\npub fn evil"), "{text}");
}
