use super::*;
use crate::docs::{BodySection, PropertyRow, RawType, ResponseSection};
use crate::model::HttpMethod::{Delete, Get, Patch, Post};
use crate::model::{Permissions, Primitive};
use crate::resolve::fixtures::{api, example, resource, response, row};
use crate::resolve::{tree::Walker, types};

/// An operation with every field empty, for tests that only need paths.
pub(crate) fn blank_operation() -> Operation {
    Operation {
        id: String::new(),
        title: String::new(),
        description: String::new(),
        kind: OperationKind::Crud,
        method: HttpMethod::Get,
        paths: Vec::new(),
        parameters: Vec::new(),
        query_options: Vec::new(),
        headers: Vec::new(),
        request_body: None,
        response: Response {
            status: 200,
            body: None,
        },
        permissions: Permissions::default(),
        workload: None,
        doc_url: None,
        source: Source::default(),
        examples: Vec::new(),
    }
}

fn type_pages() -> Vec<Page> {
    vec![
        resource(
            "user",
            None,
            vec![row("id", "String", false)],
            vec![row("events", "event", true)],
        ),
        resource("event", None, vec![row("id", "String", false)], vec![]),
    ]
}

fn operations_of(api_pages: Vec<Page>) -> (Vec<Operation>, Diagnostics) {
    let mut pages = type_pages();
    pages.extend(api_pages);
    let mut diags = Diagnostics::default();
    let drafts = types::collect(&pages, &mut diags);
    let index = types::index(&drafts);
    let (types, _) = types::finish(drafts, &index, &mut diags);
    let walker = Walker::new(&types, &index);
    let ops = build(
        &pages,
        &Context {
            index: &index,
            walker: &walker,
        },
        &mut diags,
    );
    (ops, diags)
}

fn param_row(name: &str) -> PropertyRow {
    PropertyRow {
        required: Some(true),
        ..row(name, "String", false)
    }
}

#[test]
fn one_operation_per_method_with_aliases() {
    let page = api(
        "user-get",
        &[(Get, "/me"), (Get, "/users/{id}"), (Patch, "/users/{id}")],
        &[],
    );
    let (ops, _) = operations_of(vec![page]);
    assert_eq!(ops.len(), 2);
    assert_eq!(ops[0].id, "user-get-get");
    assert_eq!(ops[0].paths.len(), 2);
    assert_eq!(
        ops[0].doc_url.as_deref(),
        Some("https://learn.microsoft.com/graph/api/user-get?view=graph-rest-1.0")
    );
    assert_eq!(ops[1].response.status, 204);
    assert_eq!(
        ops[1].request_body,
        Some(RequestBody::Resource {
            ty: named("microsoft.graph.user")
        })
    );
}

#[test]
fn templates_deeper_than_any_real_path_are_dropped_with_a_warning() {
    let deep: String = (0..5000).map(|i| format!("/s{i}")).collect();
    let page = api("widget-deep", &[(Get, &deep), (Get, "/users/{id}")], &[]);
    let (ops, diags) = operations_of(vec![page]);
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].paths.len(), 1, "only the real path is kept");
    let deep_warnings: Vec<_> = diags.with_code(codes::TEMPLATE_TOO_DEEP).collect();
    assert_eq!(deep_warnings.len(), 1, "{:?}", diags.items);
    assert!(deep_warnings[0].message.contains("more than 64 segments"));
}

fn named(key: &str) -> TypeUse {
    TypeUse {
        ty: TypeRef::Named(key.into()),
        collection: false,
    }
}

#[test]
fn unmarked_actions_are_recognised() {
    let mut page = api("user-sendmail", &[(Post, "/users/{id}/sendMail")], &[]);
    page.api.as_mut().unwrap().body.parameters = vec![param_row("message")];
    let (ops, _) = operations_of(vec![page]);
    assert_eq!(ops[0].kind, OperationKind::Action);
    assert!(matches!(
        ops[0].paths[0].segments[2],
        Segment::Call {
            parenthesized: false,
            ..
        }
    ));
    assert_eq!(ops[0].parameters.len(), 1);
    assert!(matches!(
        ops[0].request_body,
        Some(RequestBody::Parameters { .. })
    ));
    assert_eq!(ops[0].response.status, 204);
}

#[test]
fn navigation_posts_stay_crud_and_default_to_the_element_type() {
    let page = api("user-post-events", &[(Post, "/users/{id}/events")], &[]);
    let (ops, _) = operations_of(vec![page]);
    assert_eq!(ops[0].kind, OperationKind::Crud);
    assert_eq!(
        ops[0].response,
        Response {
            status: 201,
            body: Some(named("microsoft.graph.event"))
        }
    );
}

#[test]
fn functions_from_parentheses_and_parameters() {
    let marked = api("event-delta", &[(Get, "/users/{id}/events/delta()")], &[]);
    let mut unmarked = api("user-reminders", &[(Get, "/users/{id}/reminderView")], &[]);
    unmarked.api.as_mut().unwrap().function_parameters = vec![param_row("startDateTime")];
    let (ops, _) = operations_of(vec![marked, unmarked]);
    assert!(ops.iter().all(|o| o.kind == OperationKind::Function));
    assert_eq!(
        ops[1].parameters[0].ty.ty,
        TypeRef::Primitive(Primitive::String)
    );
}

fn templates(op: &Operation) -> Vec<String> {
    op.paths.iter().map(|p| p.normalized()).collect()
}

#[test]
fn documented_function_parameters_the_template_omits_get_an_alias_carrying_them() {
    let mut table = api("user-used", &[(Get, "/users/{id}/usedRange")], &[]);
    table.api.as_mut().unwrap().function_parameters = vec![param_row("valuesOnly")];
    // Parameters documented under "Path parameters" that no template carries (`id` does).
    let mut path_table = api("user-cell", &[(Get, "/users/{id}/cell")], &[]);
    path_table.api.as_mut().unwrap().path_parameters =
        vec![param_row("id"), param_row("row"), param_row("column")];
    // A GET's request body table lists the function's parameters.
    let mut body_table = api("user-types", &[(Get, "/users/{id}/activityTypes")], &[]);
    body_table.api.as_mut().unwrap().body.parameters = vec![param_row("category")];
    // A template that already carries its arguments is left as written.
    let mut written = api(
        "user-delta",
        &[(Get, "/users/{id}/events/delta(token='{t}')")],
        &[],
    );
    written.api.as_mut().unwrap().function_parameters = vec![param_row("token")];
    let (ops, _) = operations_of(vec![table, path_table, body_table, written]);
    let op = |id: &str| ops.iter().find(|o| o.id == id).unwrap();
    assert_eq!(
        templates(op("user-used")),
        [
            "/users/{user-id}/usedRange",
            "/users/{user-id}/usedRange(valuesOnly={values-only})"
        ]
    );
    assert_eq!(
        templates(op("user-cell")),
        [
            "/users/{user-id}/cell",
            "/users/{user-id}/cell(row={row},column={column})"
        ]
    );
    assert_eq!(op("user-cell").kind, OperationKind::Function);
    let names: Vec<&str> = op("user-cell")
        .parameters
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["row", "column"]);
    assert_eq!(
        templates(op("user-types"))[1],
        "/users/{user-id}/activityTypes(category={category})"
    );
    assert_eq!(op("user-delta").paths.len(), 1);
}

#[test]
fn parameters_named_twice_keep_the_first_with_a_warning() {
    let second = |name: &str, ty: &str| PropertyRow {
        source: Source::new("v1.0/api/x.md", 31),
        ..row(name, ty, false)
    };
    let mut action = api("user-act", &[(Post, "/users/{id}/act")], &[]);
    action.api.as_mut().unwrap().body.parameters =
        vec![row("x", "String", false), second("X", "Int32")];
    let mut function = api("user-fn", &[(Get, "/users/{id}/fn")], &[]);
    function.api.as_mut().unwrap().function_parameters = vec![param_row("y"), second("y", "Int32")];
    let call = api("user-call", &[(Get, "/users/{id}/call(z={z},z={z})")], &[]);
    let (ops, diags) = operations_of(vec![action, function, call]);
    let op = |id: &str| ops.iter().find(|o| o.id == id).unwrap();
    let names =
        |id: &str| -> Vec<String> { op(id).parameters.iter().map(|p| p.name.clone()).collect() };
    assert_eq!(names("user-act"), ["x"]);
    let Some(RequestBody::Parameters { parameters }) = &op("user-act").request_body else {
        panic!("an action sends its parameters");
    };
    assert_eq!(parameters[0].ty.ty, TypeRef::Primitive(Primitive::String));
    assert_eq!(parameters.len(), 1);
    assert_eq!(names("user-fn"), ["y"]);
    assert_eq!(templates(op("user-fn"))[1], "/users/{user-id}/fn(y={y})");
    assert_eq!(templates(op("user-call")), ["/users/{user-id}/call(z={z})"]);
    let repeated: Vec<_> = diags
        .with_code(codes::REPEATED_PARAMETER)
        .map(|d| (d.file.as_str(), d.line, d.severity))
        .collect();
    assert_eq!(
        repeated,
        [
            ("v1.0/api/x.md", 31, Severity::Warning),
            ("v1.0/api/x.md", 31, Severity::Warning),
            ("v1.0/api/user-call.md", 10, Severity::Warning)
        ]
    );
    assert!(!diags
        .items
        .iter()
        .any(|d| d.code == codes::DUPLICATE_PARAMETER));
}

#[test]
fn sample_values_of_documented_parameters_are_placeholders() {
    let template = "/users/{id}/activities(start='2017-01-01',interval='day',format='x')";
    let mut page = api("user-activities", &[(Get, template)], &[]);
    page.api.as_mut().unwrap().function_parameters =
        vec![param_row("start"), param_row("interval")];
    let (ops, _) = operations_of(vec![page]);
    // `format` is not documented: its value stays as written.
    assert_eq!(
        templates(&ops[0]),
        ["/users/{user-id}/activities(start={start},interval={interval},format='x')"]
    );
}

#[test]
fn actions_without_listed_parameters_send_an_object_when_the_page_does() {
    let with_body = |body: Option<&str>| sent(Post, "/users/{id}/closeSession", body);
    let empty = Some(RequestBody::Parameters {
        parameters: Vec::new(),
    });
    assert_eq!(
        with_body(Some("{\n\n}")),
        (OperationKind::Action, empty.clone())
    );
    assert_eq!(with_body(None), (OperationKind::Action, None));
    // Parameters the page does not list travel in the body struct's `additional_data`.
    assert_eq!(with_body(Some("{\"a\": 1}")).1, empty.clone());
    // The resource pages do not say what `/things/{id}` is: not known as an action, same body.
    let unknown = sent(Post, "/things/{id}/publish", Some("{}"));
    assert_eq!(unknown, (OperationKind::Crud, empty));
    // A create in a known collection keeps its typed body.
    let create = sent(Post, "/users/{id}/events", Some("{}")).1;
    assert!(matches!(create, Some(RequestBody::Resource { .. })));
}

/// The kind and body of a one-example page of `method` on `template`.
fn sent(
    method: HttpMethod,
    template: &str,
    body: Option<&str>,
) -> (OperationKind, Option<RequestBody>) {
    let mut page = api("page", &[(method, template)], &[]);
    let mut call = example("page.md", 40, method, &template.replace("{id}", "1"));
    call.request.body = body.map(str::to_string);
    page.api.as_mut().unwrap().examples = vec![call];
    let (ops, _) = operations_of(vec![page]);
    (ops[0].kind, ops[0].request_body.clone())
}

#[test]
fn a_create_without_a_linked_body_type_sends_what_it_returns() {
    let page = |template: &str, unlinked: bool| {
        let mut page = api("thing-create", &[(Post, template)], &[]);
        let section = page.api.as_mut().unwrap();
        section.body.unlinked_representation = unlinked;
        section.response = ResponseSection {
            status: Some(201),
            ty: Some(RawType {
                name: "event".into(),
                collection: false,
                link: None,
            }),
        };
        let (ops, _) = operations_of(vec![page]);
        ops[0].request_body.clone()
    };
    let event = Some(RequestBody::Resource {
        ty: named("microsoft.graph.event"),
    });
    assert_eq!(page("/things/{id}/events", true), event);
    assert_eq!(page("/things/{id}/events", false), None);
}

#[test]
fn bodies_and_responses_come_from_the_page() {
    let mut page = api("user-upload", &[(Post, "/users/{id}/events")], &[]);
    let section = page.api.as_mut().unwrap();
    section.body = BodySection {
        stream: true,
        ..BodySection::default()
    };
    section.response = ResponseSection {
        status: Some(200),
        ty: Some(RawType {
            name: "event".into(),
            collection: true,
            link: None,
        }),
    };
    let mut listed = api(
        "user-list-events",
        &[(Get, "/users/{id}/events")],
        &[(Get, "/users/1/events")],
    );
    listed.api.as_mut().unwrap().examples[0].response =
        Some(response("microsoft.graph.event", true));
    let (ops, _) = operations_of(vec![page, listed]);
    assert_eq!(ops[0].request_body, Some(RequestBody::Stream));
    assert_eq!(
        ops[0].response.body,
        Some(TypeUse {
            collection: true,
            ..named("microsoft.graph.event")
        })
    );
    assert_eq!(
        ops[1].response.body,
        Some(TypeUse {
            collection: true,
            ..named("microsoft.graph.event")
        })
    );
}

#[test]
fn pages_without_http_lines_are_reported() {
    let (ops, diags) = operations_of(vec![
        api("nothing", &[], &[]),
        api("del", &[(Delete, "/users/{id}")], &[]),
    ]);
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].response.status, 204);
    assert_eq!(diags.items[0].code, codes::NO_HTTP_REQUEST);
}

#[test]
fn beta_pages_link_to_the_beta_view() {
    assert!(doc_url("beta/api/x-get.md").ends_with("x-get?view=graph-rest-beta"));
}

#[test]
fn an_update_page_with_a_prose_body_sends_its_type_when_an_example_sends_an_object() {
    let prose = api("event-update", &[(Patch, "/unlisted/{id}")], &[]);
    let mut shown = api(
        "event-update",
        &[(Patch, "/unlisted/{id}")],
        &[(Patch, "/unlisted/1")],
    );
    shown.api.as_mut().unwrap().examples[0].request.body = Some("{ \"subject\": \"s\" }".into());
    let (ops, _) = operations_of(vec![prose]);
    assert_eq!(ops[0].request_body, None);
    let (ops, _) = operations_of(vec![shown]);
    assert_eq!(
        ops[0].request_body,
        Some(RequestBody::Resource {
            ty: named("microsoft.graph.event")
        })
    );
}

#[test]
fn an_update_of_an_unnamed_target_sends_the_type_it_returns() {
    let mut page = api("fmt-update", &[(Patch, "/unlisted/format")], &[]);
    let section = &mut page.api.as_mut().unwrap();
    section.body.parameters = vec![param_row("subject")];
    section.response = ResponseSection {
        status: Some(200),
        ty: Some(RawType {
            name: "event".into(),
            collection: false,
            link: None,
        }),
    };
    let (ops, _) = operations_of(vec![page]);
    assert_eq!(
        ops[0].request_body,
        Some(RequestBody::Resource {
            ty: named("microsoft.graph.event")
        })
    );
}

#[test]
fn response_shapes_follow_what_graph_answers() {
    let group = TypeUse {
        ty: TypeRef::Named("microsoft.graph.group".into()),
        collection: false,
    };
    let op = |method, status, body: Option<&TypeUse>, sent: Option<&TypeUse>| Operation {
        method,
        response: Response {
            status,
            body: body.cloned(),
        },
        request_body: sent.map(|ty| RequestBody::Resource { ty: ty.clone() }),
        ..blank_operation()
    };
    use crate::model::ResponseShape as Shape;
    let update = op(HttpMethod::Patch, 204, None, Some(&group));
    assert_eq!(update.response_shape(), Shape::Optional(group.clone()));
    let documented = op(HttpMethod::Patch, 200, Some(&group), Some(&group));
    assert_eq!(documented.response_shape(), Shape::Optional(group.clone()));
    let replace = op(HttpMethod::Put, 204, None, Some(&group));
    assert_eq!(replace.response_shape(), Shape::Optional(group.clone()));
    let upload = op(HttpMethod::Put, 201, Some(&group), None);
    assert_eq!(upload.response_shape(), Shape::Body(group.clone()));
    let accepted = op(HttpMethod::Post, 202, None, None);
    assert_eq!(accepted.response_shape(), Shape::Accepted(None));
    let delete = op(HttpMethod::Delete, 204, None, None);
    assert_eq!(delete.response_shape(), Shape::Nothing);
    assert_eq!(
        op(HttpMethod::Get, 200, Some(&group), None).response_shape(),
        Shape::Body(group)
    );
}

#[test]
fn a_body_linked_under_another_name_resolves_through_its_page() {
    let sent = |name: &str, link: Option<&str>| {
        let mut page = api("event-replace", &[(HttpMethod::Put, "/things/{id}")], &[]);
        page.api.as_mut().unwrap().body.resource = Some(RawType {
            name: name.into(),
            collection: false,
            link: link.map(str::to_string),
        });
        let (ops, _) = operations_of(vec![page]);
        ops[0].request_body.clone()
    };
    let event = Some(RequestBody::Resource {
        ty: named("microsoft.graph.event"),
    });
    assert_eq!(sent("happening", Some("../resources/event.md")), event);
    assert_eq!(sent("event", Some("../resources/nothing.md")), event);
    let ghost = sent("happening", Some("../resources/nothing.md"));
    assert!(matches!(
        ghost,
        Some(RequestBody::Resource { ty }) if ty.ty == TypeRef::Unresolved("happening".into())
    ));
}
