//! A small hand-built API exercising what model emission must handle: inheritance, recursion,
//! polymorphism, keywords, collisions, hostile text, every primitive, enums and flags.

use graph_docgen::model::{
    qualified_key, Api, EnumMember, EnumType, NavigationProperty, Primitive, Property, Source,
    StructType, TypeKind, TypeRef, TypeUse,
};

fn prim(p: Primitive) -> TypeUse {
    TypeUse {
        ty: TypeRef::Primitive(p),
        collection: false,
    }
}

fn named(key: &str) -> TypeUse {
    TypeUse {
        ty: TypeRef::Named(key.to_string()),
        collection: false,
    }
}

fn many(mut ty: TypeUse) -> TypeUse {
    ty.collection = true;
    ty
}

fn prop(name: &str, ty: TypeUse, description: &str) -> Property {
    Property {
        name: name.into(),
        ty,
        description: description.into(),
        read_only: false,
        source: Source::default(),
    }
}

fn nav(name: &str, target: TypeUse) -> NavigationProperty {
    NavigationProperty {
        name: name.into(),
        target,
        description: format!("The {name}."),
        source: Source::default(),
    }
}

struct Def {
    namespace: &'static str,
    name: &'static str,
    kind: TypeKind,
    base: Option<&'static str>,
    workload: Option<&'static str>,
    properties: Vec<Property>,
    navigation: Vec<NavigationProperty>,
}

fn add(api: &mut Api, def: Def) {
    let ty = StructType {
        namespace: def.namespace.into(),
        name: def.name.into(),
        kind: def.kind,
        base: def.base.map(qualified_key),
        is_abstract: def.name == "entity",
        open_type: false,
        key_property: None,
        description: format!("A {} for tests.", def.name),
        workload: def.workload.map(Into::into),
        properties: def.properties,
        navigation: def.navigation,
        sources: vec![],
    };
    api.types.insert(qualified_key(&ty.qualified_name()), ty);
}

fn add_enum(api: &mut Api, name: &str, flags: bool, members: &[&str]) {
    let en = EnumType {
        namespace: "microsoft.graph".into(),
        name: name.into(),
        flags,
        members: members
            .iter()
            .map(|m| EnumMember {
                name: m.to_string(),
                value: None,
                description: String::new(),
            })
            .collect(),
        description: format!("The {name} values."),
        workload: Some("users".into()),
        sources: vec![],
    };
    api.enums.insert(qualified_key(name), en);
}

fn entity(name: &'static str, base: Option<&'static str>, workload: Option<&'static str>) -> Def {
    Def {
        namespace: "microsoft.graph",
        name,
        kind: TypeKind::Entity,
        base,
        workload,
        properties: vec![],
        navigation: vec![],
    }
}

fn complex(name: &'static str) -> Def {
    Def {
        kind: TypeKind::Complex,
        ..entity(name, None, Some("common-types"))
    }
}

/// The fixture API.
pub fn sample_api() -> Api {
    let mut api = Api::default();
    let mut e = entity("entity", None, None);
    e.properties
        .push(prop("id", prim(Primitive::String), "The identifier."));
    add(&mut api, e);

    let mut d = entity("directoryObject", Some("entity"), Some("directory"));
    d.properties.push(prop(
        "deletedDateTime",
        prim(Primitive::DateTimeOffset),
        "When deleted.",
    ));
    add(&mut api, d);

    let mut u = entity("user", Some("directoryObject"), Some("users"));
    u.properties = vec![
        prop(
            "displayName",
            prim(Primitive::String),
            "The name.\n\n    fn not_a_doctest() {}\n```\nx\n```",
        ),
        prop("type", prim(Primitive::String), "A keyword."),
        prop("self", prim(Primitive::Boolean), "Another keyword."),
        prop("fooBar", prim(Primitive::Int32), ""),
        prop(
            "FooBar",
            prim(Primitive::Int16),
            "Collides after case conversion.",
        ),
        prop(
            "additionalData",
            prim(Primitive::Json),
            "Collides with the reserved field.",
        ),
        prop("quota", prim(Primitive::Int64), ""),
        prop("ratio", prim(Primitive::Double), ""),
        prop("weight", prim(Primitive::Single), ""),
        prop("price", prim(Primitive::Decimal), ""),
        prop("small", prim(Primitive::Byte), ""),
        prop("signed", prim(Primitive::SByte), ""),
        prop("birthday", prim(Primitive::Date), ""),
        prop("wakeUp", prim(Primitive::TimeOfDay), ""),
        prop("timeout", prim(Primitive::Duration), ""),
        prop("photo", prim(Primitive::Binary), ""),
        prop("content", prim(Primitive::Stream), "Streams are not JSON."),
        prop("tenant", prim(Primitive::Guid), ""),
        prop("aliases", many(prim(Primitive::String)), ""),
        prop("state", named("microsoft.graph.userstate"), ""),
        prop("workDays", named("microsoft.graph.dayofweek"), ""),
        prop("home", named("microsoft.graph.treenode"), ""),
        prop(
            "mystery",
            TypeUse {
                ty: TypeRef::Unresolved("notAType".into()),
                collection: false,
            },
            "",
        ),
        prop(
            "id",
            prim(Primitive::Int32),
            "Redeclared: the base declaration wins.",
        ),
        prop(
            "\"]; pub fn evil() {} #[doc = \"",
            prim(Primitive::String),
            "\"]\n pub fn evil() {}",
        ),
        prop("🎉", prim(Primitive::String), ""),
    ];
    u.navigation = vec![
        nav("manager", named("microsoft.graph.directoryobject")),
        nav("memberOf", many(named("microsoft.graph.directoryobject"))),
        nav("mailboxSettings", named("microsoft.graph.mailboxsettings")),
    ];
    add(&mut api, u);

    let mut g = entity("group", Some("directoryObject"), Some("groups"));
    g.navigation = vec![nav(
        "members",
        many(named("microsoft.graph.directoryobject")),
    )];
    add(&mut api, g);
    add(
        &mut api,
        entity("mailboxSettings", Some("entity"), Some("mail")),
    );

    let mut t = complex("treeNode");
    t.properties = vec![
        prop(
            "parent",
            named("microsoft.graph.treenode"),
            "Recursion by value: boxed.",
        ),
        prop(
            "children",
            many(named("microsoft.graph.treenode")),
            "Recursion through Vec.",
        ),
        prop(
            "ping",
            named("microsoft.graph.pong"),
            "Mutual recursion: boxed.",
        ),
    ];
    add(&mut api, t);
    let mut p = complex("pong");
    p.properties = vec![prop("back", named("microsoft.graph.treenode"), "")];
    add(&mut api, p);
    let mut s = complex("session");
    s.namespace = "microsoft.graph.callRecords";
    s.properties = vec![prop("startDateTime", prim(Primitive::DateTimeOffset), "")];
    add(&mut api, s);
    add(&mut api, complex("callRecordsSession"));
    add(&mut api, complex("option"));

    add_enum(
        &mut api,
        "userState",
        false,
        &[
            "active",
            "inactive",
            "Unrecognized",
            "1080p",
            "active",
            "Active",
        ],
    );
    add_enum(&mut api, "dayOfWeek", true, &["monday", "tuesday"]);
    api
}
