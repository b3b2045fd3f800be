//! Unit tests of the example emitter on small hand-written values.

use super::compare::{self, compare, DiffKind, Mode, Verdict};
use super::compare_url;
use super::record::{Cause, Record};
use super::validate::{FindingKind, Validator};
use super::{raw_string, rebase};
use crate::model::{Api, Primitive, Property, Source, StructType, TypeKind, TypeRef, TypeUse};
use quote::quote;
use serde_json::json;

#[test]
fn json_compares_as_values_with_lenient_spellings() {
    let expected =
        json!({"a": 1, "when": "2024-05-01T08:00:00.0000000Z", "kind": "HTML", "gone": null});
    let actual = json!({"when": "2024-05-01T08:00:00Z", "a": 1.0, "kind": "html", "extra": false});
    let result = compare(&expected, &actual, Mode::Response);
    assert!(result.is_match(), "{result:?}");
    let mut notes: Vec<&str> = result.notes.iter().map(|(_, s)| *s).collect();
    notes.sort();
    assert_eq!(notes, ["case", "datetime-format", "null-omitted"]);
}

#[test]
fn dropped_and_changed_properties_are_differences() {
    let expected = json!({"topic": "x", "posts": [{"id": "1"}, {"id": "2"}]});
    let actual = json!({"posts": [{"id": "1"}, {"id": "3"}]});
    let result = compare(&expected, &actual, Mode::Response);
    assert_eq!(result.differences.len(), 2);
    let find = |path: &str| {
        result
            .differences
            .iter()
            .find(|d| d.path == path)
            .map(|d| &d.kind)
    };
    assert_eq!(find("/topic"), Some(&DiffKind::Missing));
    assert!(matches!(
        find("/posts/1/id"),
        Some(DiffKind::Changed { .. })
    ));
}

#[test]
fn request_bodies_may_not_carry_extra_properties() {
    let expected = json!({"topic": "x"});
    let actual = json!({"topic": "x", "isLocked": null});
    assert!(compare(&expected, &actual, Mode::Response).is_match());
    let request = compare(&expected, &actual, Mode::Request);
    assert_eq!(request.differences[0].kind, DiffKind::Extra);
    assert_eq!(request.describe(3), "/isLocked: unexpected");
}

#[test]
fn scalars_numbers_and_temporal_spellings() {
    assert_eq!(
        compare::scalars(&json!(5), &json!("5")),
        Verdict::Note("number-format")
    );
    assert_eq!(compare::scalars(&json!(5), &json!(6)), Verdict::Differ);
    assert_eq!(
        compare::scalars(
            &json!("2024-05-01T10:00:00+02:00"),
            &json!("2024-05-01T08:00:00Z")
        ),
        Verdict::Note("datetime-format")
    );
    assert_eq!(
        compare::scalars(&json!("PT1H"), &json!("PT60M")),
        Verdict::Note("datetime-format")
    );
    assert_eq!(
        compare::scalars(&json!("08:30:00.0000000"), &json!("08:30:00")),
        Verdict::Note("datetime-format")
    );
    assert_eq!(
        compare::scalars(&json!("a, b"), &json!("b,a")),
        Verdict::Note("flags-format")
    );
    assert_eq!(
        compare::scalars(&json!("datetime-value"), &json!("x")),
        Verdict::Differ
    );
}

#[test]
fn paths_compare_decoded_and_by_graph_spelling() {
    assert_eq!(
        compare_url::paths("/groups/{id}/threads", "/groups/%7Bid%7D/threads"),
        Verdict::Same
    );
    assert_eq!(
        compare_url::paths("/me/mailFolders/", "/users/me/mailfolders"),
        Verdict::Note("path-format")
    );
    assert_eq!(
        compare_url::paths("/users('a@b.com')", "/users/a@b.com"),
        Verdict::Note("path-format")
    );
    assert_eq!(
        compare_url::paths("/x/f(on = \"reviewer\")", "/x/f(on=%27reviewer%27)"),
        Verdict::Note("path-format")
    );
    assert_eq!(
        compare_url::paths("/me/microsoft.graph.delta()", "/me/delta"),
        Verdict::Note("path-format")
    );
    assert_eq!(
        compare_url::paths("/groups/1", "/groups/2"),
        Verdict::Differ
    );
    assert_eq!(
        compare_url::paths("/v1/me/onlineMeetings", "/me/onlineMeetings"),
        Verdict::Note("version-repaired")
    );
    assert_eq!(compare_url::paths("/v1/me/x", "/me/y"), Verdict::Differ);
    assert_eq!(
        compare_url::paths(
            "/me/outlook/supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'Iana')",
            "/me/outlook/supportedTimeZones(TimeZoneStandard=%27iana%27)"
        ),
        Verdict::Note("path-format")
    );
}

#[test]
fn queries_compare_as_multisets() {
    let pairs = |q: &str| compare_url::parse_query(q);
    assert_eq!(
        compare_url::queries(&pairs("$top=5&$select=a,b"), &pairs("$select=a,b&$top=5")),
        Verdict::Same
    );
    assert_eq!(
        compare_url::queries(
            &pairs("$select=a, b&$filter=x eq 'a  b'"),
            &pairs("%24select=a%2Cb&$filter=x%20eq%20%27a  b%27")
        ),
        Verdict::Note("query-format")
    );
    assert_eq!(
        compare_url::queries(&pairs("$top=5"), &pairs("$top=6")),
        Verdict::Differ
    );
    assert_eq!(
        compare_url::queries(&pairs("$top=5"), &pairs("")),
        Verdict::Differ
    );
}

#[test]
fn percent_decoding_keeps_broken_escapes() {
    assert_eq!(compare_url::percent_decode("a%20b%2", false), "a b%2");
    assert_eq!(compare_url::percent_decode("a+b", true), "a b");
    assert_eq!(compare_url::percent_decode("a+b%zz", false), "a+b%zz");
}

#[test]
fn records_round_trip_through_report_lines() {
    let record = Record {
        example: "get \"x\"".into(),
        file: "v1.0/api/a.md".into(),
        line: 12,
        cause: Some(Cause::PropertyDropped),
        detail: "/a: missing".into(),
        notes: vec!["case".into()],
    };
    let line = record.to_line();
    assert!(!line.contains('\n'));
    assert_eq!(Record::from_line(&line), Some(record));
    assert_eq!(Record::from_line("running 1 test"), None);
    for cause in Cause::ALL {
        assert_eq!(Cause::from_slug(cause.slug()), Some(cause));
    }
}

fn prop(name: &str, ty: TypeRef, collection: bool) -> Property {
    Property {
        name: name.into(),
        ty: TypeUse { ty, collection },
        description: String::new(),
        read_only: false,
        source: Source::default(),
    }
}

fn tiny_api() -> Api {
    let mut api = Api::default();
    let thread = StructType {
        namespace: "microsoft.graph".into(),
        name: "thread".into(),
        kind: TypeKind::Entity,
        base: None,
        is_abstract: false,
        open_type: false,
        key_property: Some("id".into()),
        description: String::new(),
        workload: None,
        properties: vec![
            prop("topic", TypeRef::Primitive(Primitive::String), false),
            prop("count", TypeRef::Primitive(Primitive::Int32), false),
            prop("size", TypeRef::Primitive(Primitive::Int64), false),
            prop("when", TypeRef::Primitive(Primitive::DateTimeOffset), false),
            prop("tags", TypeRef::Primitive(Primitive::String), true),
            prop("id", TypeRef::Primitive(Primitive::Guid), false),
        ],
        navigation: Vec::new(),
        sources: Vec::new(),
    };
    api.types.insert("microsoft.graph.thread".into(), thread);
    api
}

#[test]
fn validator_finds_values_the_type_cannot_hold() {
    let api = tiny_api();
    let ty = TypeUse {
        ty: TypeRef::Named("microsoft.graph.thread".into()),
        collection: false,
    };
    let ok = json!({
        "topic": "t", "count": 3, "size": "12", "when": "2024-05-01T08:00:00.0000000",
        "tags": ["a"], "id": "5d2b3c4e-1111-2222-3333-444455556666", "unknown": {"x": 1},
        "@odata.context": "x"
    });
    assert_eq!(Validator::new(&api).check(&ok, &ty), Vec::new());
    let bad = json!({
        "topic": 5, "count": "3", "when": "datetime-value", "tags": "a", "id": "id-value",
        "@odata.type": "#microsoft.graph.nope"
    });
    let findings = Validator::new(&api).check(&bad, &ty);
    let paths: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["", "/count", "/id", "/tags", "/topic", "/when"]);
    assert!(matches!(findings[0].kind, FindingKind::UnknownType(_)));
    assert!(
        findings[5].describe().contains("ISO 8601"),
        "{}",
        findings[5].describe()
    );
}

#[test]
fn collection_pages_are_checked_item_by_item() {
    let api = tiny_api();
    let item = TypeRef::Named("microsoft.graph.thread".into());
    let page = json!({"@odata.context": "c", "value": [{"count": 1}, {"count": 1.5}]});
    let findings = Validator::new(&api).check_collection_page(&page, &item);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].path, "/value/1/count");
}

#[test]
fn untrusted_text_stays_inside_string_literals() {
    for text in [
        "plain",
        "a \"# b",
        "\"## \"#",
        "line\r\nbreak",
        "}); panic!(\"x\"); (\"",
        "\u{0}",
    ] {
        let tokens = raw_string(text);
        let lit: syn::LitStr = syn::parse2(tokens).expect("one string literal");
        assert_eq!(lit.value(), text.replace('\r', ""));
    }
    assert!(raw_string("{\"a\": 1}").to_string().starts_with("r#\""));
}

#[test]
fn crate_paths_are_rebased_on_the_sdk() {
    let tokens = rebase(quote!(crate::api::models::User<crate::runtime::Int64>));
    assert_eq!(
        tokens.to_string(),
        quote!(msgraph::api::models::User<msgraph::runtime::Int64>).to_string()
    );
}

#[test]
fn json_slips_are_repaired_outside_strings_only() {
    use super::validate::repair_json;
    let fixed = repair_json("{\"a\": [1, 2,], // note\n \"b\": \"x,}\",\n}").expect("changed");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&fixed).unwrap(),
        json!({"a": [1, 2], "b": "x,}"})
    );
    assert_eq!(repair_json("{\"url\": \"https://x\"}"), None);
    let wrapped = repair_json("{\"id\": \"users('a')/\nmessages\tx\"}").expect("changed");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&wrapped).unwrap(),
        json!({"id": "users('a')/\nmessages\tx"})
    );
}

#[test]
fn quoted_booleans_and_type_names_stand_in_for_booleans() {
    use super::validate::apply_repairs;
    let mut api = tiny_api();
    let thread = api.types.get_mut("microsoft.graph.thread").unwrap();
    thread
        .properties
        .push(prop("open", TypeRef::Primitive(Primitive::Boolean), false));
    thread
        .properties
        .push(prop("seen", TypeRef::Primitive(Primitive::Boolean), false));
    thread
        .properties
        .push(prop("done", TypeRef::Primitive(Primitive::Boolean), false));
    let ty = TypeUse {
        ty: TypeRef::Named("microsoft.graph.thread".into()),
        collection: false,
    };
    let mut value = json!({"open": "true", "seen": "Boolean", "done": "yes"});
    let findings = Validator::new(&api).check(&value, &ty);
    assert_eq!(findings.len(), 3);
    assert_eq!(
        apply_repairs(&mut value, &findings),
        2,
        "`yes` is no boolean"
    );
    assert_eq!(value, json!({"open": true, "seen": false, "done": "yes"}));
}

#[test]
fn placeholders_of_the_right_kind_get_stand_ins() {
    use super::validate::apply_repairs;
    let api = tiny_api();
    let ty = TypeUse {
        ty: TypeRef::Named("microsoft.graph.thread".into()),
        collection: false,
    };
    let mut value = json!({"when": "datetime-value", "id": "Guid", "count": "3", "topic": "t"});
    let findings = Validator::new(&api).check(&value, &ty);
    assert_eq!(findings.len(), 3);
    assert_eq!(
        apply_repairs(&mut value, &findings),
        2,
        "the string for an Int32 is not repaired"
    );
    assert_eq!(value["when"], json!("0001-01-01T00:00:00Z"));
    assert_eq!(value["id"], json!("00000000-0000-0000-0000-000000000000"));
    assert_eq!(value["count"], json!("3"));
    let mut date = json!({"when": "1974-07-22"});
    let findings = Validator::new(&api).check(&date, &ty);
    apply_repairs(&mut date, &findings);
    assert_eq!(date["when"], json!("1974-07-22T00:00:00Z"));
}

#[test]
fn placeholder_function_arguments_get_stand_ins_of_their_type() {
    use crate::model::{HttpMethod, Parameter};
    use crate::resolve::fixtures::example;
    use crate::resolve::operations::tests::blank_operation;
    use crate::resolve::paths::parse_template;
    let param = |name: &str, p: Primitive| Parameter {
        name: name.into(),
        ty: TypeUse {
            ty: TypeRef::Primitive(p),
            collection: false,
        },
        required: true,
        description: String::new(),
    };
    let op = crate::model::Operation {
        paths: vec![parse_template(
            "/reports/getJobs(from={from},to={to},tag={tag})",
            &|_| false,
        )],
        parameters: vec![
            param("from", Primitive::DateTimeOffset),
            param("to", Primitive::DateTimeOffset),
            param("tag", Primitive::String),
        ],
        ..blank_operation()
    };
    let url = "/reports/getJobs(from=<timestamp>,to=<timestamp>,tag=<tag>)";
    let mut sample = example("api/x.md", 9, HttpMethod::Get, url);
    for (name, value) in [
        ("from", "<timestamp>"),
        ("to", "<timestamp>"),
        ("tag", "<tag>"),
    ] {
        sample.path_values.insert(name.into(), value.into());
    }
    let repaired = super::plan::stand_in_arguments(&op, 0, &sample).expect("repaired");
    assert_eq!(
        repaired.request.path,
        "/reports/getJobs(from=0001-01-01T00:00:00Z,to=0001-01-01T00:00:00Z,tag=<tag>)",
        "a string argument keeps its text"
    );
    assert_eq!(repaired.path_values["to"], "0001-01-01T00:00:00Z");
    sample.request.path = "/reports/getJobs(from=2020-01-01T00:00:00Z)".into();
    sample.path_values.clear();
    assert!(super::plan::stand_in_arguments(&op, 0, &sample).is_none());
}
