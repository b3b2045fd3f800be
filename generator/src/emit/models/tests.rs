use super::*;
use crate::model::{
    Api, NavigationProperty, Primitive, Property, Source, StructType, TypeKind, TypeRef, TypeUse,
};

fn named(key: &str, collection: bool) -> TypeUse {
    TypeUse {
        ty: TypeRef::Named(format!("microsoft.graph.{key}")),
        collection,
    }
}

fn prop(name: &str, ty: TypeUse) -> Property {
    Property {
        name: name.into(),
        ty,
        description: String::new(),
        read_only: false,
        source: Source::default(),
    }
}

fn add(api: &mut Api, name: &str, base: Option<&str>, properties: Vec<Property>) {
    api.types.insert(
        format!("microsoft.graph.{name}"),
        StructType {
            namespace: "microsoft.graph".into(),
            name: name.into(),
            kind: TypeKind::Complex,
            base: base.map(|b| format!("microsoft.graph.{b}")),
            is_abstract: false,
            open_type: false,
            key_property: None,
            description: String::new(),
            workload: None,
            properties,
            navigation: vec![],
            sources: vec![],
        },
    );
}

fn string() -> TypeUse {
    TypeUse {
        ty: TypeRef::Primitive(Primitive::String),
        collection: false,
    }
}

#[test]
fn flattens_the_base_chain_base_first_without_duplicates() {
    let mut api = Api::default();
    add(
        &mut api,
        "a",
        None,
        vec![prop("x", string()), prop("y", string())],
    );
    add(
        &mut api,
        "b",
        Some("a"),
        vec![prop("z", string()), prop("x", named("a", false))],
    );
    add(&mut api, "c", Some("b"), vec![prop("w", string())]);
    let plan = ModelPlan::new(&api);
    let wires: Vec<&str> = plan
        .fields("microsoft.graph.c")
        .iter()
        .map(|f| f.wire)
        .collect();
    assert_eq!(wires, ["x", "y", "z", "w"]);
    assert_eq!(
        plan.fields("microsoft.graph.c")[0].declared_in,
        "microsoft.graph.a"
    );
    assert_eq!(
        plan.descendants("microsoft.graph.a"),
        ["microsoft.graph.b", "microsoft.graph.c"]
    );
}

#[test]
fn base_cycles_terminate() {
    let mut api = Api::default();
    add(&mut api, "a", Some("b"), vec![prop("x", string())]);
    add(&mut api, "b", Some("a"), vec![prop("y", string())]);
    let plan = ModelPlan::new(&api);
    assert_eq!(plan.fields("microsoft.graph.a").len(), 2);
}

#[test]
fn boxes_recursion_by_value_only() {
    let mut api = Api::default();
    add(
        &mut api,
        "node",
        None,
        vec![
            prop("next", named("node", false)),
            prop("all", named("node", true)),
        ],
    );
    add(
        &mut api,
        "ping",
        None,
        vec![prop("pong", named("pong", false))],
    );
    add(
        &mut api,
        "pong",
        None,
        vec![
            prop("ping", named("ping", false)),
            prop("leaf", named("leaf", false)),
        ],
    );
    add(&mut api, "leaf", None, vec![prop("v", string())]);
    let plan = ModelPlan::new(&api);
    assert!(plan.is_boxed("microsoft.graph.node", "next"));
    assert!(!plan.is_boxed("microsoft.graph.node", "all"));
    assert!(plan.is_boxed("microsoft.graph.ping", "pong"));
    assert!(plan.is_boxed("microsoft.graph.pong", "ping"));
    assert!(!plan.is_boxed("microsoft.graph.pong", "leaf"));
}

#[test]
fn boxes_recursion_through_inherited_fields_and_navigation() {
    let mut api = Api::default();
    add(
        &mut api,
        "base",
        None,
        vec![prop("child", named("derived", false))],
    );
    add(&mut api, "derived", Some("base"), vec![]);
    api.types
        .get_mut("microsoft.graph.derived")
        .unwrap()
        .navigation
        .push(NavigationProperty {
            name: "owner".into(),
            target: named("other", false),
            description: String::new(),
            source: Source::default(),
        });
    add(&mut api, "other", None, vec![]);
    let plan = ModelPlan::new(&api);
    // `derived` inherits `child: derived`: a self-loop once flattened.
    assert!(plan.is_boxed("microsoft.graph.derived", "child"));
    assert!(plan.is_boxed("microsoft.graph.derived", "owner"));
    // `base.child` is polymorphic (base has a derived type and is used), so it holds the
    // `AnyBase` enum whose variants are boxed already... but `derived` itself is not a base.
    assert!(!plan.poly_bases().contains("microsoft.graph.base"));
}

#[test]
fn polymorphic_bases_are_used_bases_with_derived_types() {
    let mut api = Api::default();
    add(&mut api, "shape", None, vec![]);
    add(&mut api, "circle", Some("shape"), vec![]);
    add(&mut api, "unused", None, vec![]);
    add(&mut api, "unusedChild", Some("unused"), vec![]);
    add(
        &mut api,
        "canvas",
        None,
        vec![
            prop("shapes", named("shape", true)),
            prop("main", named("shape", false)),
        ],
    );
    let plan = ModelPlan::new(&api);
    assert_eq!(
        plan.poly_bases().iter().collect::<Vec<_>>(),
        ["microsoft.graph.shape"]
    );
    // A polymorphic field holds an enum of boxes: never boxed itself.
    assert!(!plan.is_boxed("microsoft.graph.canvas", "main"));
    let deps = plan.dependencies("microsoft.graph.circle");
    assert_eq!(
        deps.into_iter().collect::<Vec<_>>(),
        ["microsoft.graph.shape"]
    );
    let deps = plan.dependencies("microsoft.graph.canvas");
    assert_eq!(
        deps.into_iter().collect::<Vec<_>>(),
        ["microsoft.graph.shape"]
    );
}

#[test]
fn emits_one_file_per_workload_and_a_module_file() {
    let mut api = Api::default();
    add(&mut api, "shape", None, vec![prop("name", string())]);
    api.types.get_mut("microsoft.graph.shape").unwrap().workload = Some("type".into());
    add(&mut api, "circle", None, vec![]);
    let plan = ModelPlan::new(&api);
    let names = NameTable::new(&api, plan.poly_bases());
    let files = emit_models(&plan, &names, &|_| TokenStream::new());
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "src/api/models/mod.rs",
            "src/api/models/common.rs",
            "src/api/models/type.rs"
        ]
    );
    assert_eq!(files[2].workload.as_deref(), Some("type"));
    let module = files[0].tokens.to_string();
    assert!(module.contains("mod r#type"), "{module}");
}
