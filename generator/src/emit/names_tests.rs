use super::*;
use crate::model::{EnumType, StructType, TypeKind};

fn id(s: &str) -> String {
    snake_ident(s).to_string()
}

fn cid(s: &str) -> String {
    camel_ident(s).to_string()
}

#[test]
fn converts_cases() {
    assert_eq!(id("displayName"), "display_name");
    assert_eq!(id("DisplayName"), "display_name");
    assert_eq!(cid("conversationThread"), "ConversationThread");
    assert_eq!(cid("ipv6Range"), "Ipv6Range");
}

#[test]
fn escapes_keywords() {
    assert_eq!(id("type"), "r#type");
    assert_eq!(id("Type"), "r#type");
    assert_eq!(id("async"), "r#async");
    assert_eq!(id("gen"), "r#gen");
    assert_eq!(id("self"), "self_");
    assert_eq!(id("super"), "super_");
    assert_eq!(id("crate"), "crate_");
    assert_eq!(cid("self"), "Self_");
    assert_eq!(cid("type"), "Type");
}

#[test]
fn sanitizes_punctuation_and_unicode() {
    assert_eq!(id("@odata.type"), "odata_type");
    assert_eq!(id("foo-bar baz"), "foo_bar_baz");
    assert_eq!(id("café"), "caf");
    assert_eq!(id("🎉party🎉"), "party");
    assert_eq!(id("a'b\"c;d}"), "a_b_c_d");
    assert_eq!(cid("x-ms-foo"), "XMsFoo");
    assert_eq!(cid("🎉"), CAMEL_FALLBACK);
}

#[test]
fn empty_names_fall_back() {
    assert_eq!(id(""), SNAKE_FALLBACK);
    assert_eq!(id("@@@"), SNAKE_FALLBACK);
    assert_eq!(cid("   "), CAMEL_FALLBACK);
}

#[test]
fn leading_digits_get_a_prefix() {
    assert_eq!(id("2fa"), "_2fa");
    assert_eq!(id("1080p"), "_1080p");
    assert_eq!(cid("1080p"), "_1080p");
    assert_eq!(id("@1"), "_1");
}

#[test]
fn very_long_names_are_cut() {
    let long = "a".repeat(10_000);
    let name = snake_ident(&long).to_string();
    assert_eq!(name.len(), MAX_IDENT_LEN);
    let words = "abc_".repeat(2_500);
    let name = snake_ident(&words).to_string();
    assert!(name.len() <= MAX_IDENT_LEN);
    assert!(!name.ends_with('_'));
    let camel = camel_ident(&"X".repeat(10_000)).to_string();
    assert!(camel.len() <= MAX_IDENT_LEN);
}

#[test]
fn every_output_is_a_valid_identifier() {
    let inputs = [
        "",
        "_",
        "__",
        "0",
        "self",
        "Self",
        "r#type",
        "a\u{0}b",
        "\u{202e}evil",
        "fn main(){}",
        "}; drop",
        "ß",
        "İ",
        "𝔘",
        "x\ny",
        "🎉🎉",
    ];
    for input in inputs {
        for name in [snake_ident(input), camel_ident(input)] {
            let text = name.to_string();
            assert!(
                syn::parse_str::<syn::Ident>(&text).is_ok(),
                "{input:?} -> {text}"
            );
        }
    }
}

#[test]
fn scope_resolves_collisions_in_sorted_order() {
    let mut scope = Scope::new(Case::Snake);
    let names = scope.assign(["fooBar", "FooBar", "foo_bar", "other"]);
    // Sorted wire order: "FooBar" < "fooBar" < "foo_bar" < "other".
    assert_eq!(names["FooBar"].to_string(), "foo_bar");
    assert_eq!(names["fooBar"].to_string(), "foo_bar_2");
    assert_eq!(names["foo_bar"].to_string(), "foo_bar_3");
    assert_eq!(names["other"].to_string(), "other");

    let mut again = Scope::new(Case::Snake);
    let reversed = again.assign(["other", "foo_bar", "FooBar", "fooBar"]);
    assert_eq!(names, reversed);
}

#[test]
fn scope_respects_reserved_and_suffix_clashes() {
    let mut scope = Scope::with_reserved(Case::Snake, RESERVED_FIELD_NAMES);
    assert_eq!(
        scope.unique("additionalData").to_string(),
        "additional_data_2"
    );
    assert_eq!(scope.unique("foo_2").to_string(), "foo_2");
    assert_eq!(scope.unique("foo").to_string(), "foo");
    assert_eq!(scope.unique("Foo").to_string(), "foo_3");

    let mut types = Scope::with_reserved(Case::UpperCamel, RESERVED_TYPE_NAMES);
    assert_eq!(types.unique("option").to_string(), "Option2");
    assert_eq!(types.unique("self").to_string(), "Self_");
    assert_eq!(types.unique("self_").to_string(), "Self2");
}

#[test]
fn keyword_and_escaped_forms_collide() {
    let mut scope = Scope::new(Case::Snake);
    assert_eq!(scope.unique("self").to_string(), "self_");
    assert_eq!(scope.unique("self_").to_string(), "self_2");
    assert_eq!(scope.unique("type").to_string(), "r#type");
    assert_eq!(scope.unique("Type").to_string(), "type_2");
}

fn struct_type(namespace: &str, name: &str, workload: Option<&str>) -> StructType {
    StructType {
        namespace: namespace.into(),
        name: name.into(),
        kind: TypeKind::Entity,
        base: None,
        is_abstract: false,
        open_type: false,
        key_property: None,
        description: String::new(),
        workload: workload.map(Into::into),
        properties: vec![],
        navigation: vec![],
        sources: vec![],
    }
}

fn enum_type(namespace: &str, name: &str) -> EnumType {
    EnumType {
        namespace: namespace.into(),
        name: name.into(),
        flags: false,
        members: vec![],
        description: String::new(),
        workload: None,
        sources: vec![],
    }
}

#[test]
fn name_table_names_types_uniquely() {
    let mut api = Api::default();
    for (ns, name, workload) in [
        ("microsoft.graph", "user", Some("users")),
        ("microsoft.graph", "callRecordsSession", None),
        (
            "microsoft.graph.callRecords",
            "session",
            Some("cloud-communications"),
        ),
        ("microsoft.graph", "option", None),
        ("microsoft.graph", "directoryObject", Some("directory")),
    ] {
        let ty = struct_type(ns, name, workload);
        api.types
            .insert(crate::model::qualified_key(&ty.qualified_name()), ty);
    }
    api.enums.insert(
        "microsoft.graph.userstate".into(),
        enum_type("microsoft.graph", "userState"),
    );
    api.enums.insert(
        "microsoft.graph.user".into(),
        enum_type("microsoft.graph", "User"),
    );
    let poly = BTreeSet::from(["microsoft.graph.directoryobject".to_string()]);
    let table = NameTable::new(&api, &poly);

    let name = |k: &str| table.type_ident(k).unwrap().to_string();
    assert_eq!(name("microsoft.graph.user"), "User");
    assert_eq!(
        name("microsoft.graph.callrecordssession"),
        "CallRecordsSession"
    );
    assert_eq!(
        name("microsoft.graph.callrecords.session"),
        "CallRecordsSession2"
    );
    assert_eq!(name("microsoft.graph.option"), "Option2");
    assert_eq!(name("microsoft.graph.userstate"), "UserState");
    assert_eq!(
        table.enums()["microsoft.graph.user"].ident.to_string(),
        "User2"
    );
    assert_eq!(
        table
            .poly_ident("microsoft.graph.directoryobject")
            .unwrap()
            .to_string(),
        "AnyDirectoryObject"
    );
    assert!(table.poly_ident("microsoft.graph.user").is_none());
    assert_eq!(
        table
            .module_of("microsoft.graph.callrecords.session")
            .unwrap()
            .to_string(),
        "cloud_communications"
    );
    assert_eq!(
        table
            .module_of("microsoft.graph.option")
            .unwrap()
            .to_string(),
        COMMON_WORKLOAD
    );
    assert_eq!(
        table.type_path("microsoft.graph.user").unwrap().to_string(),
        quote!(crate::api::models::User).to_string()
    );
    assert!(table.type_path("microsoft.graph.missing").is_none());
}

#[test]
fn sub_namespace_strips_the_default_namespace() {
    assert_eq!(sub_namespace("microsoft.graph"), "");
    assert_eq!(sub_namespace("Microsoft.Graph.callRecords"), "callRecords");
    assert_eq!(sub_namespace("other.ns"), "other.ns");
}
