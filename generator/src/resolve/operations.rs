//! Operations: one per (API page, HTTP method), with every template of that method as an alias,
//! the kind (CRUD, action, function), body, response, parameters and permissions.

use super::codes;
use super::function_args;
use super::paths::{has_renumbered_parameter, is_too_deep, parse_template, MAX_TEMPLATE_SEGMENTS};
use super::repeated;
use super::responses;
use super::tree::{Walked, Walker};
use super::type_refs::{resolve_name, resolve_row, resolve_use, RefSite, TypeIndex, What};
use super::types::{file_stem, page_namespace};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::docs::{ApiPage, HttpLine, Page, PropertyRow, RawType};
use crate::model::{
    HttpMethod, Operation, OperationKind, Parameter, PathTemplate, RequestBody, Response, Segment,
    Source, TypeRef, TypeUse,
};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What operation building needs to know about the whole corpus.
pub(crate) struct Context<'a> {
    pub index: &'a TypeIndex,
    pub walker: &'a Walker<'a>,
}

/// Builds the operations of every API page, pages in parallel; output is in page order.
pub(crate) fn build(pages: &[Page], ctx: &Context<'_>, diags: &mut Diagnostics) -> Vec<Operation> {
    let per_page: Vec<(Vec<Operation>, Diagnostics)> = pages
        .par_iter()
        .filter_map(|page| {
            let api = page.api.as_ref()?;
            let mut page_diags = Diagnostics::default();
            Some((page_operations(page, api, ctx, &mut page_diags), page_diags))
        })
        .collect();
    let mut operations = Vec::with_capacity(per_page.iter().map(|(ops, _)| ops.len()).sum());
    for (ops, page_diags) in per_page {
        operations.extend(ops);
        diags.extend(page_diags.items);
    }
    operations
}

fn page_operations(
    page: &Page,
    api: &ApiPage,
    ctx: &Context<'_>,
    diags: &mut Diagnostics,
) -> Vec<Operation> {
    let mut by_method: BTreeMap<HttpMethod, Vec<&HttpLine>> = BTreeMap::new();
    for line in &api.http {
        by_method.entry(line.method).or_default().push(line);
    }
    if by_method.is_empty() {
        diags.push(
            Diagnostic::new(
                codes::NO_HTTP_REQUEST,
                Severity::Error,
                &page.file,
                1,
                "API page lists no HTTP request line",
            )
            .with_help("add an `## HTTP request` block with lines like `GET /users/{id}`"),
        );
        return Vec::new();
    }
    let several = by_method.len() > 1;
    let mut out = Vec::with_capacity(by_method.len());
    for (method, lines) in by_method {
        let paths = parse_lines(&lines, ctx.index, diags);
        if paths.is_empty() {
            continue;
        }
        let id = match several {
            true => format!(
                "{}-{}",
                file_stem(&page.file),
                method.as_str().to_ascii_lowercase()
            ),
            false => file_stem(&page.file).to_string(),
        };
        out.push(operation(
            page,
            api,
            id,
            method,
            paths,
            lines[0].source.clone(),
            ctx,
            diags,
        ));
    }
    out
}

/// Parses each line's template, dropping empty and repeated ones.
fn parse_lines(
    lines: &[&HttpLine],
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> Vec<PathTemplate> {
    let mut paths: Vec<PathTemplate> = Vec::new();
    for line in lines {
        let mut template = parse_template(&line.template, &|name| index.is_struct(name));
        repeated::drop_repeated_arguments(&mut template, &line.template, &line.source, diags);
        let (file, at) = (&line.source.file, line.source.line);
        if template.segments.is_empty() {
            let message = format!("path template `{}` has no segments", line.template);
            diags.push(Diagnostic::new(
                codes::EMPTY_TEMPLATE,
                Severity::Warning,
                file,
                at,
                message,
            ));
            continue;
        }
        if is_too_deep(&template) {
            let message = format!(
                "path template has more than {MAX_TEMPLATE_SEGMENTS} segments; it is not read"
            );
            diags.push(
                Diagnostic::new(
                    codes::TEMPLATE_TOO_DEEP,
                    Severity::Warning,
                    file,
                    at,
                    message,
                )
                .with_help(
                    "check the `## HTTP request` block: real Graph paths have at most 15 segments",
                ),
            );
            continue;
        }
        if has_renumbered_parameter(&template) {
            let message = format!(
                "path `{}` repeats a parameter name; later ones are numbered",
                line.template
            );
            diags.push(Diagnostic::new(
                codes::DUPLICATE_PARAMETER,
                Severity::Note,
                file,
                at,
                message,
            ));
        }
        if !paths.iter().any(|p| p.segments == template.segments) {
            paths.push(template);
        }
    }
    paths
}

#[allow(clippy::too_many_arguments)]
fn operation(
    page: &Page,
    api: &ApiPage,
    id: String,
    method: HttpMethod,
    mut paths: Vec<PathTemplate>,
    source: Source,
    ctx: &Context<'_>,
    diags: &mut Diagnostics,
) -> Operation {
    let namespace = page_namespace(page);
    let site = |what: &'static str| (namespace.clone(), source.clone(), what);
    let addressed = ctx.walker.walk(&paths[0].segments);
    let function_rows = function_args::function_rows(api, method, &paths);
    for (i, path) in paths.iter_mut().enumerate() {
        // The first path has been walked already.
        let walked = (i == 0).then_some(addressed.as_slice());
        mark_unmarked_call(path, method, api, !function_rows.is_empty(), walked, ctx);
    }
    let kind = kind_of(&paths[0], method);
    let rows = parameter_rows(api, kind, &paths, &function_rows);
    let rows = repeated::unique_rows(rows, diags);
    if kind == OperationKind::Function {
        function_args::sample_values_as_parameters(&mut paths, &rows);
        function_args::add_parameter_aliases(&mut paths, &rows);
    }
    let target = addressed
        .last()
        .and_then(|t| t.as_ref().map(Walked::to_use));
    let parameters = parameters(&rows, kind, &site("parameter"), ctx.index, diags);
    let request_body = request_body(
        api,
        method,
        kind,
        &parameters,
        target.as_ref(),
        &site("request body"),
        ctx.index,
        diags,
    );
    let response = responses::response(
        api,
        method,
        kind,
        target.as_ref(),
        &site("response"),
        ctx.index,
        diags,
    );
    let request_body = request_body.or_else(|| updated_as_returned(api, method, kind, &response));
    Operation {
        id,
        title: first_non_empty(&page.title, page.front.title.as_deref()),
        description: first_non_empty(&page.description, page.front.description.as_deref()),
        kind,
        method,
        paths,
        parameters,
        query_options: api.query_options.clone(),
        headers: api.headers.clone(),
        request_body,
        response,
        permissions: api.permissions.clone(),
        workload: page.front.ms_prod.clone().filter(|p| !p.trim().is_empty()),
        doc_url: Some(doc_url(&page.file)),
        source,
        examples: Vec::new(),
    }
}

fn first_non_empty(text: &str, fallback: Option<&str>) -> String {
    if text.trim().is_empty() {
        fallback.unwrap_or_default().trim().to_string()
    } else {
        text.trim().to_string()
    }
}

/// `https://learn.microsoft.com/graph/api/<stem>?view=graph-rest-1.0` (or `-beta`).
pub(crate) fn doc_url(file: &str) -> String {
    let view = match file.split('/').next() {
        Some(v) if v.eq_ignore_ascii_case("beta") => "graph-rest-beta",
        _ => "graph-rest-1.0",
    };
    format!(
        "https://learn.microsoft.com/graph/api/{}?view={view}",
        file_stem(file).to_ascii_lowercase()
    )
}

/// Turns a last literal segment into a call when it is not a member of the addressed type and
/// the page reads like an action (POST without a resource body) or function (GET with
/// parameters, `delta`, or bound to a collection). `walked` is the walk of the path, if known.
fn mark_unmarked_call(
    path: &mut PathTemplate,
    method: HttpMethod,
    api: &ApiPage,
    has_function_rows: bool,
    walked: Option<&[Option<Walked<'_>>]>,
    ctx: &Context<'_>,
) {
    let Some(Segment::Literal(name)) = path.segments.last() else {
        return;
    };
    if name.starts_with('$') || path.segments.len() < 2 {
        return;
    }
    let before_last = path.segments.len() - 2;
    let before = match walked {
        // A walk is the same for a path and its prefix, step by step.
        Some(walked) => walked[before_last].clone(),
        None => ctx
            .walker
            .walk(&path.segments[..=before_last])
            .pop()
            .flatten(),
    };
    let member = match &before {
        Some(b) if !b.collection => b
            .key()
            .is_some_and(|key| ctx.walker.member(key, name).is_some()),
        _ => false,
    };
    let bound_to_collection = before.as_ref().is_some_and(|b| b.collection);
    let known_single = before.as_ref().is_some_and(|b| !b.collection);
    let call = !member
        && match method {
            HttpMethod::Post => {
                api.body.resource.is_none()
                    && (known_single || bound_to_collection || !api.body.parameters.is_empty())
            }
            HttpMethod::Get => {
                has_function_rows || bound_to_collection || name.eq_ignore_ascii_case("delta")
            }
            _ => false,
        };
    if call {
        let name = name.clone();
        *path.segments.last_mut().expect("checked non-empty") = Segment::Call {
            name,
            args: Vec::new(),
            parenthesized: false,
        };
    }
}

fn kind_of(path: &PathTemplate, method: HttpMethod) -> OperationKind {
    match (path.segments.last(), method) {
        (Some(Segment::Call { .. }), HttpMethod::Post) => OperationKind::Action,
        (Some(Segment::Call { .. }), HttpMethod::Get) => OperationKind::Function,
        _ => OperationKind::Crud,
    }
}

/// Where a type is written: the page's namespace, the source line and what refers to it.
pub(super) type Site = (String, Source, &'static str);

/// Resolves a type named in prose: by its link text, or when that names nothing, by the page
/// the link points to (`[activity](../resources/projectrome-activity.md)` → `userActivity`).
pub(super) fn resolve_raw(
    raw: &RawType,
    site: &Site,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> TypeUse {
    let by_link = raw.link.as_deref().filter(|link| {
        resolve_name(&raw.name, &site.0, index).is_none() && index.lookup(link, &site.0).is_some()
    });
    resolve_named(
        by_link.unwrap_or(&raw.name),
        raw.collection,
        site,
        index,
        diags,
    )
}

fn resolve_named(
    name: &str,
    collection: bool,
    site: &Site,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> TypeUse {
    let ref_site = RefSite {
        namespace: &site.0,
        source: &site.1,
        what: What {
            kind: site.2,
            name: "",
            owner: "",
        },
    };
    resolve_use(name, collection, &ref_site, index, diags)
}

/// The rows that document an action's or function's parameters (none for CRUD), in page
/// order, repeated names included.
fn parameter_rows<'a>(
    api: &'a ApiPage,
    kind: OperationKind,
    paths: &[PathTemplate],
    function_rows: &[&'a PropertyRow],
) -> Vec<&'a PropertyRow> {
    match kind {
        // Some action pages list their body parameters under `## Parameters` instead (rows
        // the path already carries as call arguments excepted).
        OperationKind::Action if api.body.parameters.is_empty() => function_rows
            .iter()
            .filter(|row| !paths.iter().any(|p| call_argument(p, &row.name)))
            .copied()
            .collect(),
        OperationKind::Action => api.body.parameters.iter().collect(),
        OperationKind::Function => function_rows.to_vec(),
        OperationKind::Crud => Vec::new(),
    }
}

fn parameters(
    rows: &[&PropertyRow],
    kind: OperationKind,
    site: &Site,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> Vec<Parameter> {
    rows.iter()
        .map(|row| {
            let ref_site = RefSite {
                namespace: &site.0,
                source: &row.source,
                what: What {
                    kind: "parameter",
                    name: &row.name,
                    owner: "",
                },
            };
            Parameter {
                name: row.name.clone(),
                ty: resolve_row(row, &ref_site, index, diags),
                // A function argument is part of the URL: required unless the page says
                // "Optional"; an action's body parameter only when the page says "Required".
                required: row.required.unwrap_or(kind == OperationKind::Function),
                description: row.description.clone(),
            }
        })
        .collect()
}

/// Whether a template passes `name` as an argument of a call segment.
fn call_argument(path: &PathTemplate, name: &str) -> bool {
    path.segments.iter().any(|s| match s {
        Segment::Call { args, .. } => args.iter().any(|a| a.name.eq_ignore_ascii_case(name)),
        _ => false,
    })
}

#[allow(clippy::too_many_arguments)]
fn request_body(
    api: &ApiPage,
    method: HttpMethod,
    kind: OperationKind,
    parameters: &[Parameter],
    target: Option<&TypeUse>,
    site: &Site,
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> Option<RequestBody> {
    let body = &api.body;
    if body.stream {
        return Some(RequestBody::Stream);
    }
    if let Some(raw) = &body.resource {
        return Some(RequestBody::Resource {
            ty: resolve_raw(raw, site, index, diags),
        });
    }
    let empty_object = || method == HttpMethod::Post && sends_object(api, true);
    // An action whose page lists no parameters but whose examples send some: a body struct
    // without fields, the parameters travelling in its `additional_data`.
    let any_object = || method == HttpMethod::Post && sends_object(api, false);
    if method == HttpMethod::Post
        && (!parameters.is_empty() || (kind == OperationKind::Action && any_object()))
    {
        return Some(RequestBody::Parameters {
            parameters: parameters.to_vec(),
        });
    }
    let writes = matches!(
        method,
        HttpMethod::Post | HttpMethod::Patch | HttpMethod::Put
    );
    let element = target
        .filter(|t| matches!(t.ty, TypeRef::Named(_)))
        .cloned()
        .or_else(|| updated_type(api, method, &site.1.file, index));
    match element {
        Some(t) if writes && !body.none => Some(RequestBody::Resource {
            ty: TypeUse {
                collection: false,
                ..t
            },
        }),
        // A POST to a path whose type is unknown (the resource pages miss a relationship) that
        // the examples call with `{}`: send `{}` as they do.
        None if empty_object() => Some(RequestBody::Parameters {
            parameters: Vec::new(),
        }),
        _ => None,
    }
}

/// Whether an example of the page POSTs a JSON object (`only_empty`: `{}`) while the page
/// lists no parameters. For an action without parameters the SDK then sends `{}` too, a valid
/// parameter object Graph accepts for any action.
fn sends_object(api: &ApiPage, only_empty: bool) -> bool {
    api.body.parameters.is_empty()
        && api.examples.iter().any(|e| {
            e.request.method == HttpMethod::Post
                && e.request.body.as_deref().is_some_and(|b| {
                    serde_json::from_str::<serde_json::Value>(b)
                        .is_ok_and(|v| v.as_object().is_some_and(|o| !only_empty || o.is_empty()))
                })
        })
}

/// The type an update page changes when the path does not say: a PATCH or PUT page named
/// `<type>-update.md` that sends properties ([`sends_properties`]).
fn updated_type(
    api: &ApiPage,
    method: HttpMethod,
    file: &str,
    index: &TypeIndex,
) -> Option<TypeUse> {
    if !sends_properties(api, method) {
        return None;
    }
    let stem = file_stem(file).to_ascii_lowercase();
    let name = stem.strip_suffix("-update")?;
    let key = index.lookup(name, "")?;
    let is_struct = index.kind(&key) == Some(super::type_refs::NameKind::Struct);
    is_struct.then_some(TypeUse {
        ty: TypeRef::Named(key),
        collection: false,
    })
}

/// Whether a PATCH or PUT page sends properties of a type: its body section lists them, or an
/// example sends a JSON object (pages that describe the body in prose only).
fn sends_properties(api: &ApiPage, method: HttpMethod) -> bool {
    let example_sends_object = || {
        api.examples
            .iter()
            .any(|e| e.request.method == method && e.request.sends_object())
    };
    matches!(method, HttpMethod::Patch | HttpMethod::Put)
        && !api.body.none
        && (!api.body.parameters.is_empty() || example_sends_object())
}

/// The body of an update whose path and page name say nothing of its type: the single object
/// it returns (an update answers with the updated object). Likewise a create (a POST that is no
/// action) whose prose asks for a JSON representation without linking a type, or that lists
/// properties, or whose examples send an object: it answers with the object it created.
fn updated_as_returned(
    api: &ApiPage,
    method: HttpMethod,
    kind: OperationKind,
    response: &Response,
) -> Option<RequestBody> {
    let returned = response.body.as_ref()?;
    let named = matches!(returned.ty, TypeRef::Named(_)) && !returned.collection;
    let creates = method == HttpMethod::Post
        && kind == OperationKind::Crud
        && !api.body.none
        && (api.body.unlinked_representation
            || !api.body.parameters.is_empty()
            || sends_object(api, false));
    (named && (sends_properties(api, method) || creates)).then(|| RequestBody::Resource {
        ty: returned.clone(),
    })
}

#[cfg(test)]
#[path = "operations_tests.rs"]
pub(crate) mod tests;
