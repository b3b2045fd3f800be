use super::*;
use crate::model::{Primitive, TypeRef};
use crate::resolve::fixtures::{enum_page, resource, row};
use crate::resolve::prose_enums::{enums_from_prose, possible_values};

fn build(
    pages: &[Page],
) -> (
    BTreeMap<String, StructType>,
    BTreeMap<String, EnumType>,
    Diagnostics,
) {
    let mut diags = Diagnostics::default();
    let mut drafts = collect(pages, &mut diags);
    let mut index = index(&drafts);
    enums_from_prose(&mut drafts, &mut index, &mut diags);
    let (types, enums) = finish(drafts, &index, &mut diags);
    (types, enums, diags)
}

#[test]
fn names_come_from_odata_type_or_title() {
    let mut page = resource("thing", None, vec![], vec![]);
    assert_eq!(
        page_type_name(&page),
        Some(("microsoft.graph".into(), "thing".into()))
    );
    page.resource.as_mut().unwrap().annotation = None;
    page.title = "otherThing resource type".into();
    page.namespace = Some("microsoft.graph.callRecords".into());
    assert_eq!(
        page_type_name(&page),
        Some(("microsoft.graph.callRecords".into(), "otherThing".into()))
    );
    page.title = "Working with things".into();
    assert_eq!(page_type_name(&page), None);
}

#[test]
fn sub_namespaces_split_at_the_stated_namespace() {
    let split = split_qualified(
        "microsoft.graph.callRecords.session",
        Some("microsoft.graph.callRecords"),
    );
    assert_eq!(
        split,
        ("microsoft.graph.callRecords".into(), "session".into())
    );
    assert_eq!(
        split_qualified("graph.user", None),
        ("microsoft.graph".into(), "user".into())
    );
    assert_eq!(
        split_qualified("security.alert", None),
        ("microsoft.graph.security".into(), "alert".into())
    );
}

#[test]
fn pages_about_one_type_merge() {
    let a = resource(
        "thing",
        None,
        vec![row("id", "String", false), row("a", "Int32", false)],
        vec![],
    );
    let mut b = resource(
        "Thing",
        None,
        vec![row("A", "String", false), row("b", "Boolean", false)],
        vec![],
    );
    b.file = "v1.0/resources/thing-more.md".into();
    let (types, _, _) = build(&[a, b]);
    let thing = &types["microsoft.graph.thing"];
    let names: Vec<_> = thing.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "a", "b"]);
    assert_eq!(
        thing.properties[1].ty.ty,
        TypeRef::Primitive(Primitive::Int32)
    );
    assert_eq!(thing.sources.len(), 2);
}

#[test]
fn entity_kind_follows_keys_ids_and_bases() {
    let entity = resource("entity", None, vec![row("id", "String", false)], vec![]);
    let user = resource(
        "user",
        Some("entity"),
        vec![row("name", "String", false)],
        vec![],
    );
    let address = resource("address", None, vec![row("city", "String", false)], vec![]);
    let (types, _, diags) = build(&[entity, user, address]);
    assert_eq!(types["microsoft.graph.user"].kind, TypeKind::Entity);
    assert_eq!(
        types["microsoft.graph.user"].base.as_deref(),
        Some("microsoft.graph.entity")
    );
    assert_eq!(types["microsoft.graph.address"].kind, TypeKind::Complex);
    assert!(diags.items.is_empty(), "{diags:?}");
}

#[test]
fn unknown_bases_and_cycles_are_reported() {
    let a = resource("a", Some("b"), vec![], vec![]);
    let b = resource("b", Some("a"), vec![], vec![]);
    let c = resource("c", Some("ghost"), vec![], vec![]);
    let (types, _, diags) = build(&[a, b, c]);
    assert_eq!(
        types["microsoft.graph.a"].base.as_deref(),
        Some("microsoft.graph.b")
    );
    assert_eq!(types["microsoft.graph.b"].base, None);
    let codes: Vec<_> = diags.items.iter().map(|d| d.code).collect();
    assert_eq!(codes, [codes::UNKNOWN_BASE_TYPE, codes::INHERITANCE_CYCLE]);
}

#[test]
fn property_types_resolve_to_types_and_enums() {
    let color = enum_page("color", &["red", "blue"], true);
    let box_page = resource(
        "box",
        None,
        vec![
            row("color", "color", false),
            row("tags", "Edm.String", true),
            row("lost", "ghost", false),
        ],
        vec![row("parts", "box", true)],
    );
    let (types, enums, diags) = build(&[color, box_page]);
    let b = &types["microsoft.graph.box"];
    assert_eq!(
        b.properties[0].ty.ty,
        TypeRef::Named("microsoft.graph.color".into())
    );
    assert!(b.properties[1].ty.collection);
    assert_eq!(b.properties[2].ty.ty, TypeRef::Unresolved("ghost".into()));
    assert_eq!(
        b.navigation[0].target.ty,
        TypeRef::Named("microsoft.graph.box".into())
    );
    assert!(enums["microsoft.graph.color"].flags);
    assert_eq!(diags.items.len(), 1);
}

#[test]
fn prose_enums_are_built_for_missing_types() {
    let mut level = row("level", "riskLevel", false);
    level.description = "The level. Possible values are: `low`, `high`, and `none`. More.".into();
    let page = resource("risk", None, vec![level], vec![]);
    let (types, enums, diags) = build(&[page]);
    let names: Vec<_> = enums["microsoft.graph.risklevel"]
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["low", "high", "none"]);
    let prop = &types["microsoft.graph.risk"].properties[0];
    assert_eq!(
        prop.ty.ty,
        TypeRef::Named("microsoft.graph.risklevel".into())
    );
    assert_eq!(diags.items[0].code, codes::ENUM_FROM_PROSE);
}

#[test]
fn possible_values_reads_lists() {
    assert_eq!(
        possible_values("Possible values are `a`, `b` or `c`."),
        ["a", "b", "c"]
    );
    assert!(possible_values("no list here").is_empty());
}

#[test]
fn chains_of_bases_deeper_than_the_limit_are_cut_evenly() {
    use crate::resolve::inheritance::MAX_INHERITANCE_DEPTH;
    // t0 <- t1 <- ... <- t99: 99 links, far deeper than any real chain.
    let names: Vec<String> = (0..100).map(|i| format!("t{i}")).collect();
    let pages: Vec<Page> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let base = i.checked_sub(1).map(|b| names[b].as_str());
            resource(name, base, vec![row("id", "String", false)], vec![])
        })
        .collect();
    let (types, _, diags) = build(&pages);
    let depth =
        |key: &str| std::iter::successors(Some(key), |k| types[*k].base.as_deref()).count() - 1;
    assert!(types.keys().all(|k| depth(k) <= MAX_INHERITANCE_DEPTH));
    let cuts = diags.with_code(codes::INHERITANCE_TOO_DEEP).count();
    assert_eq!(cuts, 99 / (MAX_INHERITANCE_DEPTH + 1), "{:?}", diags.items);
    assert_eq!(
        types["microsoft.graph.t16"].base.as_deref(),
        Some("microsoft.graph.t15")
    );
    assert_eq!(types["microsoft.graph.t17"].base, None);
}

#[test]
fn pages_that_name_different_bases_keep_the_first_with_a_warning() {
    let mut second = resource("gadget", Some("widget"), vec![], vec![]);
    second.file = "v1.0/resources/gadget-more.md".into();
    let pages = [
        resource("widget", None, vec![row("id", "String", false)], vec![]),
        resource("gadget", Some("entity"), vec![], vec![]),
        second,
        resource("entity", None, vec![row("id", "String", false)], vec![]),
    ];
    let (types, _, diags) = build(&pages);
    assert_eq!(
        types["microsoft.graph.gadget"].base.as_deref(),
        Some("microsoft.graph.entity")
    );
    let conflicts: Vec<_> = diags.with_code(codes::CONFLICTING_BASE).collect();
    assert_eq!(conflicts.len(), 1, "{:?}", diags.items);
    assert!(
        conflicts[0].message.contains("widget` here"),
        "{}",
        conflicts[0].message
    );
}
