//! Planning every example: the code of its call and the static data its test checks, or why it
//! gets no code.

use super::body::pretty;
use super::body::{body_code, http_value, usable_json, BodyCode, Expected};
use super::calls::Chains;
use super::codes;
use super::compare::percent_decode;
use super::record::Cause;
use super::tie::{fits_template, Templates};
use super::validate::{apply_repairs, Finding, FindingKind, Validator};
use super::Skip;
use crate::diag::{Diagnostic, Severity};
use crate::emit::builders::{BuilderContext, PathPlan};
use crate::model::{Example, Operation, Primitive, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// One example with code.
pub struct CasePlan<'a> {
    pub example: &'a Example,
    /// `#[cfg(feature = ...)]` of the operation.
    pub cfg: TokenStream,
    /// The snippet: `let body = ...; let response = client....send().await?;`
    pub stmts: Vec<TokenStream>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Expected,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response: Expected,
    pub docs_request: Option<(Cause, String)>,
    pub docs_response: Option<(Cause, String)>,
    /// Notes known before running (`placeholder-repaired`).
    pub notes: Vec<&'static str>,
}

/// One example without code.
pub struct SkipPlan<'a> {
    pub example: &'a Example,
    pub skip: Skip,
}

/// Every example, sorted by source.
pub struct Planned<'a> {
    pub cases: Vec<CasePlan<'a>>,
    pub skipped: Vec<SkipPlan<'a>>,
}

impl Planned<'_> {
    /// A diagnostic per docs defect found and per example we could not write.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut push = |example: &Example, cause: Cause, detail: &str| {
            let Some(code) = codes::code_of(cause) else {
                return;
            };
            let severity = match cause.blame() {
                super::record::Blame::Docs => Severity::Warning,
                super::record::Blame::Ours => Severity::Note,
            };
            let source = &example.request.source;
            out.push(
                Diagnostic::new(
                    code,
                    severity,
                    &source.file,
                    source.line,
                    format!("example `{}`: {detail}", example.name),
                )
                .with_help(help(cause)),
            );
        };
        for case in &self.cases {
            for (cause, detail) in case.docs_request.iter().chain(&case.docs_response) {
                push(case.example, *cause, detail);
            }
        }
        for s in &self.skipped {
            push(s.example, s.skip.cause, &s.skip.detail);
        }
        out
    }
}

fn help(cause: Cause) -> &'static str {
    match cause {
        Cause::RequestBodyNotJson | Cause::ResponseBodyNotJson => {
            "fix the JSON of the example (trailing commas, comments, `...` elisions)"
        }
        Cause::ContradictsType => "make the example agree with the properties or parameters table",
        Cause::UnknownType => "document the type, or fix its name",
        Cause::ResponseMissing => "show the response body of the example",
        _ => "the example is listed as not generated in the conformance report",
    }
}

/// Plans every example of the model.
pub fn plan_all<'a>(ctx: &'a BuilderContext<'a>, path_plan: &'a PathPlan) -> Planned<'a> {
    let chains = Chains::new(ctx, path_plan);
    let templates = Templates::new(ctx.api);
    let mut examples: Vec<(Option<usize>, &Example)> = Vec::new();
    for (index, op) in ctx.api.operations.iter().enumerate() {
        examples.extend(op.examples.iter().map(|e| (Some(index), e)));
    }
    examples.extend(ctx.api.unmatched_examples.iter().map(|e| (None, e)));
    examples
        .sort_by(|a, b| (&a.1.request.source, &a.1.name).cmp(&(&b.1.request.source, &b.1.name)));
    let mut planned = Planned {
        cases: Vec::new(),
        skipped: Vec::new(),
    };
    for (op, example) in examples {
        let result = match op {
            Some(op) => plan_case(ctx, &chains, &templates, path_plan, op, example),
            None => Err(Skip::docs(
                Cause::NoTemplate,
                "the URL matches no path template",
            )),
        };
        match result {
            Ok(case) => planned.cases.push(case),
            Err(skip) => planned.skipped.push(SkipPlan { example, skip }),
        }
    }
    planned
}

fn plan_case<'a>(
    ctx: &BuilderContext<'_>,
    chains: &Chains<'_>,
    templates: &Templates,
    path_plan: &PathPlan,
    op_index: usize,
    example: &'a Example,
) -> Result<CasePlan<'a>, Skip> {
    let own = &ctx.api.operations[op_index];
    let path_index = example.path_index.unwrap_or(0);
    let chain = chains.chain(op_index, path_index, &example.path_values)?;
    // The method may be another page's for the same path: its body and response apply.
    let op_index = chain.operation;
    let op = &ctx.api.operations[op_index];
    let body = body_code(ctx, op, path_plan.bodies.get(&op_index), example)?;
    let (options, query) = query_options(example);
    let (header_calls, headers) = header_options(example);
    let receiver = &chain.receiver;
    let args = chain.args.iter().chain(&body.args);
    let mut stmts = body.stmts.clone();
    stmts.push(quote! {
        let response = #receiver(#(#args),*) #(#options)* #(#header_calls)* .send().await?;
    });
    let response = response_plan(ctx, op, example);
    let notes = notes(&body, &response);
    let docs_request = loose_tie(own, path_index, templates, example).or(body.docs);
    Ok(CasePlan {
        example,
        cfg: ctx.features.operation_cfg(op_index),
        stmts,
        query,
        headers,
        body: body.expected,
        status: response.status,
        response_headers: response.headers,
        response: response.body,
        docs_request,
        docs_response: response.docs,
        notes,
    })
}

/// Notes known before running: placeholders and JSON slips repaired.
fn notes(body: &BodyCode, response: &ResponsePlan) -> Vec<&'static str> {
    let mut notes = Vec::new();
    if body.repaired + response.repaired > 0 {
        notes.push("placeholder-repaired");
    }
    if body.json_repaired || response.json_repaired {
        notes.push("json-repaired");
    }
    if response.not_shown {
        notes.push("response-not-shown");
    }
    notes
}

/// A URL that fits its template only loosely (an extra cast, arguments the template lacks)
/// and no other documented template either: the call cannot be written as the page shows it.
fn loose_tie(
    op: &Operation,
    path_index: usize,
    templates: &Templates,
    example: &Example,
) -> Option<(Cause, String)> {
    let template = op.paths.get(path_index)?;
    let path = &example.request.path;
    if fits_template(template, path) != Some(false) || templates.any_fits(path) {
        return None;
    }
    Some((
        Cause::NoTemplate,
        format!(
            "the URL fits no documented template exactly (closest: `{}`)",
            template.normalized()
        ),
    ))
}

/// Query options as builder calls, and the pairs the server expects (as written).
fn query_options(example: &Example) -> (Vec<TokenStream>, Vec<(String, String)>) {
    let mut calls = Vec::new();
    for (name, value) in &example.request.query {
        let value = percent_decode(value, false);
        let lit = Literal::string(&value);
        let call = match name.to_ascii_lowercase().as_str() {
            "$select" | "$expand" | "$orderby" => {
                let method = quote::format_ident!("{}", &name[1..].to_ascii_lowercase());
                let items = split_top_level(&value);
                let items = items.iter().map(|i| Literal::string(i.trim()));
                quote!(.#method([#(#items),*]))
            }
            "$filter" => quote!(.filter(#lit)),
            "$top" | "$skip" if value.trim().parse::<u32>().is_ok() => {
                let method = quote::format_ident!("{}", &name[1..].to_ascii_lowercase());
                let n = Literal::u32_unsuffixed(value.trim().parse::<u32>().unwrap_or_default());
                quote!(.#method(#n))
            }
            "$search" if value.contains('"') => quote!(.search(#lit)),
            "$count" if value == "true" || value == "false" => {
                let flag = value == "true";
                quote!(.count(#flag))
            }
            _ => {
                let n = Literal::string(&percent_decode(name, false));
                quote!(.query(#n, #lit))
            }
        };
        calls.push(call);
    }
    (calls, example.request.query.clone())
}

/// Splits at commas outside parentheses and quotes (`$expand=a($select=b,c),d`).
fn split_top_level(text: &str) -> Vec<String> {
    let (mut parts, mut current, mut depth, mut quoted) =
        (Vec::new(), String::new(), 0usize, false);
    for c in text.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if depth == 0 && !quoted => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
}

/// Request headers the runtime does not set itself.
const IMPLICIT_HEADERS: [&str; 7] = [
    "authorization",
    "content-type",
    "content-length",
    "host",
    "accept-encoding",
    "user-agent",
    "connection",
];

/// Header calls, and the headers the server expects.
fn header_options(example: &Example) -> (Vec<TokenStream>, Vec<(String, String)>) {
    let mut calls = Vec::new();
    let mut expected = Vec::new();
    for (name, value) in &example.request.headers {
        let (name, value) = (name.trim(), value.trim());
        let lower = name.to_ascii_lowercase();
        if IMPLICIT_HEADERS.contains(&lower.as_str()) || !header_name(name) || !http_value(value) {
            continue;
        }
        let call = match lower.as_str() {
            "consistencylevel" if value.eq_ignore_ascii_case("eventual") => {
                quote!(.consistency_level_eventual())
            }
            "prefer" => {
                let v = Literal::string(value);
                quote!(.prefer(#v))
            }
            _ => {
                let (n, v) = (Literal::string(name), Literal::string(value));
                quote!(.header(#n, #v))
            }
        };
        calls.push(call);
        expected.push((name.to_string(), value.to_string()));
    }
    (calls, expected)
}

fn header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// What the SDK returns for an operation (mirrors `builders::operations::response_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Returns {
    Nothing,
    Bytes,
    Json,
}

fn returns(op: &Operation) -> Returns {
    match &op.response.body {
        Some(body) if op.response.status != 204 => {
            if body.ty == TypeRef::Primitive(Primitive::Stream) {
                Returns::Bytes
            } else {
                Returns::Json
            }
        }
        _ => Returns::Nothing,
    }
}

struct ResponsePlan {
    status: u16,
    headers: Vec<(String, String)>,
    body: Expected,
    docs: Option<(Cause, String)>,
    repaired: usize,
    json_repaired: bool,
    /// The example shows no response; an empty object was served.
    not_shown: bool,
}

fn response_plan(ctx: &BuilderContext<'_>, op: &Operation, example: &Example) -> ResponsePlan {
    let returns = returns(op);
    let default_status = if (200..600).contains(&op.response.status) {
        op.response.status
    } else {
        200
    };
    let missing = |status| ResponsePlan {
        status,
        headers: Vec::new(),
        body: Expected::None,
        docs: (returns == Returns::Json).then(|| match status {
            204 => (
                Cause::ContradictsType,
                "the example answers 204 No Content; the response section documents a body"
                    .to_string(),
            ),
            _ => (
                Cause::ResponseMissing,
                "the example shows no response body".to_string(),
            ),
        }),
        repaired: 0,
        json_repaired: false,
        not_shown: false,
    };
    let Some(response) = &example.response else {
        // No response block at all: the request half is still checked; the server answers an
        // empty object, which the documented type must read.
        let mut plan = missing(default_status);
        if returns == Returns::Json && default_status != 204 {
            plan.body = Expected::Json("{}".to_string());
            plan.not_shown = true;
        }
        return plan;
    };
    let status = if (200..600).contains(&response.status) {
        response.status
    } else {
        default_status
    };
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .filter(|(n, v)| header_name(n.trim()) && http_value(v.trim()))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let Some(text) = response
        .body
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return ResponsePlan {
            headers,
            ..missing(status)
        };
    };
    let (text, json_repair) = if returns == Returns::Bytes {
        (text.to_string(), None)
    } else {
        usable_json(text)
    };
    let json_repaired = json_repair.is_some();
    let text = text.as_str();
    let mut value = match serde_json::from_str::<Value>(text) {
        Ok(value) => value,
        Err(e) => {
            let docs = (returns != Returns::Bytes).then(|| {
                (
                    Cause::ResponseBodyNotJson,
                    format!("the response body is not JSON: {e}"),
                )
            });
            return ResponsePlan {
                status,
                headers,
                body: Expected::Text(text.to_string()),
                docs,
                repaired: 0,
                json_repaired: false,
                not_shown: false,
            };
        }
    };
    let success = (200..300).contains(&status);
    let mut repaired = 0;
    let docs = match returns {
        Returns::Json if success => {
            let (docs, findings) = response_findings(ctx, op, &value);
            repaired = apply_repairs(&mut value, &findings);
            docs
        }
        Returns::Nothing if success && !value.is_null() => Some((
            Cause::ContradictsType,
            "the response section documents no body, but the example shows one".to_string(),
        )),
        _ => None,
    };
    let body = if repaired > 0 {
        pretty(&value)
    } else {
        text.to_string()
    };
    let docs = docs.or(json_repair.map(|(_, detail)| {
        (
            Cause::ResponseBodyNotJson,
            detail.replace("request", "response"),
        )
    }));
    ResponsePlan {
        status,
        headers,
        body: Expected::Json(body),
        docs,
        repaired,
        json_repaired,
        not_shown: false,
    }
}

/// The first contradiction between a response body and the documented response type, and
/// every finding (for repairs).
fn response_findings(
    ctx: &BuilderContext<'_>,
    op: &Operation,
    value: &Value,
) -> (Option<(Cause, String)>, Vec<Finding>) {
    let Some(ty) = op.response.body.as_ref() else {
        return (None, Vec::new());
    };
    let unknown = match &ty.ty {
        TypeRef::Unresolved(name) => Some(name.as_str()),
        TypeRef::Named(key)
            if !ctx.api.types.contains_key(key) && !ctx.api.enums.contains_key(key) =>
        {
            Some(key.as_str())
        }
        _ => None,
    };
    if let Some(name) = unknown {
        let detail = format!("the response type `{name}` is not documented");
        return (Some((Cause::UnknownType, detail)), Vec::new());
    }
    let validator = Validator::new(ctx.api);
    let findings: Vec<Finding> = if ty.collection {
        validator.check_collection_page(value, &ty.ty)
    } else {
        validator.check(value, ty)
    };
    let first = findings.first().map(|f| {
        let cause = match f.kind {
            FindingKind::UnknownType(_) => Cause::UnknownType,
            FindingKind::Contradicts { .. } => Cause::ContradictsType,
        };
        (cause, f.describe())
    });
    (first, findings)
}
