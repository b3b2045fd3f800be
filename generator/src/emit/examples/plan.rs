//! Planning every example: the code of its call and the static data its test checks, or why it
//! gets no code.

use super::body::{body_code, http_value, Expected};
use super::calls::Chains;
use super::codes;
use super::compare::percent_decode;
use super::record::Cause;
use super::validate::{Finding, FindingKind, Validator};
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
            Some(op) => plan_case(ctx, &chains, path_plan, op, example),
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
    path_plan: &PathPlan,
    op_index: usize,
    example: &'a Example,
) -> Result<CasePlan<'a>, Skip> {
    let op = &ctx.api.operations[op_index];
    let path_index = example.path_index.unwrap_or(0);
    let chain = chains.chain(op_index, path_index, &example.path_values)?;
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
        docs_request: body.docs,
        docs_response: response.docs,
    })
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
        docs: (returns == Returns::Json && status != 204).then(|| {
            (
                Cause::ResponseMissing,
                "the example shows no response body".to_string(),
            )
        }),
    };
    let Some(response) = &example.response else {
        return missing(default_status);
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
    let value = match serde_json::from_str::<Value>(text) {
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
            };
        }
    };
    let docs = if returns == Returns::Json && (200..300).contains(&status) {
        response_findings(ctx, op, &value)
    } else {
        None
    };
    ResponsePlan {
        status,
        headers,
        body: Expected::Json(text.to_string()),
        docs,
    }
}

/// The first contradiction between a response body and the documented response type.
fn response_findings(
    ctx: &BuilderContext<'_>,
    op: &Operation,
    value: &Value,
) -> Option<(Cause, String)> {
    let ty = op.response.body.as_ref()?;
    match &ty.ty {
        TypeRef::Unresolved(name) => {
            return Some((
                Cause::UnknownType,
                format!("the response type `{name}` is not documented"),
            ))
        }
        TypeRef::Named(key)
            if !ctx.api.types.contains_key(key) && !ctx.api.enums.contains_key(key) =>
        {
            return Some((
                Cause::UnknownType,
                format!("the response type `{key}` is not documented"),
            ))
        }
        _ => {}
    }
    let validator = Validator::new(ctx.api);
    let findings: Vec<Finding> = if ty.collection {
        validator.check_collection_page(value, &ty.ty)
    } else {
        validator.check(value, ty)
    };
    findings.first().map(|f| {
        let cause = match f.kind {
            FindingKind::UnknownType(_) => Cause::UnknownType,
            FindingKind::Contradicts { .. } => Cause::ContradictsType,
        };
        (cause, f.describe())
    })
}
