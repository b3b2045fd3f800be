use super::*;
use crate::model::{EnumMember, EnumType};
use std::collections::BTreeSet;

fn api_with(members: &[&str]) -> Api {
    let mut api = Api::default();
    api.enums.insert(
        "microsoft.graph.color".into(),
        EnumType {
            namespace: "microsoft.graph".into(),
            name: "color".into(),
            flags: false,
            members: members
                .iter()
                .map(|m| EnumMember {
                    name: m.to_string(),
                    value: None,
                    description: String::new(),
                })
                .collect(),
            description: String::new(),
            workload: None,
            sources: vec![],
        },
    );
    api
}

fn emitted(members: &[&str]) -> syn::ItemMacro {
    let api = api_with(members);
    let names = NameTable::new(&api, &BTreeSet::new());
    let tokens = emit_enum(&api, &names, "microsoft.graph.color", &TokenStream::new());
    syn::parse2(tokens).expect("one macro invocation")
}

/// The `Variant = "text"` pairs of an emitted `graph_enum!` body.
fn variants(mac: &syn::ItemMacro) -> Vec<(String, String)> {
    let item: syn::ItemEnum = syn::parse2(mac.mac.tokens.clone()).expect("enum-like body");
    item.variants
        .iter()
        .map(|v| {
            let text = match &v.discriminant.as_ref().unwrap().1 {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => s.value(),
                _ => panic!("not a string literal"),
            };
            (v.ident.to_string(), text)
        })
        .collect()
}

#[test]
fn members_keep_wire_text_and_get_unique_variants() {
    let mac = emitted(&["red", "Red", "Unrecognized", "2x", "self", "red", "🎉"]);
    assert_eq!(
        variants(&mac),
        [
            ("Red2".into(), "red".into()),
            ("Red".into(), "Red".into()),
            ("Unrecognized2".into(), "Unrecognized".into()),
            ("_2x".into(), "2x".into()),
            ("Self_".into(), "self".into()),
            ("Unnamed".into(), "🎉".into()),
        ]
    );
}

#[test]
fn gate_is_put_on_the_invocation() {
    let api = api_with(&["a"]);
    let names = NameTable::new(&api, &BTreeSet::new());
    let cfg = quote!(#[cfg(feature = "x")]);
    let tokens = emit_enum(&api, &names, "microsoft.graph.color", &cfg);
    let mac: syn::ItemMacro = syn::parse2(tokens).unwrap();
    assert!(mac.attrs[0].path().is_ident("cfg"));
    assert!(emit_enum(&api, &names, "microsoft.graph.missing", &cfg).is_empty());
}
