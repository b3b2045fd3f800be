//! Planning every example: the code of its call and the static data its test checks, or why it
//! gets no code.

use super::body::{body_code, http_value, BodyCode, Expected};
use super::calls::{is_named_placeholder, Chains};
use super::codes;
use super::compare_url::percent_decode;
use super::record::Cause;
use super::response::{response_plan, ResponsePlan};
use super::suffix::suffix_of;
use super::tie::{fits_template, Templates};
use super::validate::zero_text;
use super::Skip;
use crate::diag::{Diagnostic, Severity};
use crate::emit::builders::{BuilderContext, PathPlan};
use crate::model::{Example, Operation, Segment, TypeRef, TypeUse};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::borrow::Cow;

/// One example with code.
pub struct CasePlan<'a> {
    /// The example, with placeholder function arguments given stand-ins ([`stand_in_arguments`]).
    pub example: Cow<'a, Example>,
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
                push(&case.example, *cause, detail);
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
    let (example, arguments_repaired) = match stand_in_arguments(own, path_index, example) {
        Some(repaired) => (Cow::Owned(repaired), true),
        None => (Cow::Borrowed(example), false),
    };
    let chain = chains.chain(
        op_index,
        path_index,
        &example.path_values,
        &example.request.path,
    )?;
    // The method may be another page's for the same path: its body and response apply.
    let op_index = chain.operation;
    let op = &ctx.api.operations[op_index];
    let template = &own.paths[path_index];
    let suffix = suffix_of(ctx, op, template, &example)?;
    let suffix_calls = suffix.calls(ctx)?;
    let body = body_code(ctx, op, path_plan.bodies.get(&op_index), &example)?;
    let (options, query) = query_options(&example);
    let (header_calls, headers) = header_options(&example);
    let receiver = &chain.receiver;
    let args = chain.args.iter().chain(&body.args);
    let mut stmts = body.stmts.clone();
    stmts.push(quote! {
        let response = #receiver(#(#args),*) #suffix_calls #(#options)* #(#header_calls)* .send().await?;
    });
    let response = response_plan(ctx, op, &suffix, &example);
    let mut notes = notes(&body, &response);
    if arguments_repaired && !notes.contains(&"placeholder-repaired") {
        notes.push("placeholder-repaired");
    }
    let docs_request = match suffix.is_empty() {
        true => loose_tie(own, path_index, templates, &example),
        false => None,
    }
    .or(body.docs);
    let mut cfg = ctx.features.operation_cfg(op_index);
    if let Some(key) = &suffix.cast {
        cfg.extend(ctx.features.type_cfg(key));
    }
    Ok(CasePlan {
        example,
        cfg,
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

pub(super) fn header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The example with each `<name>` placeholder that stands for a typed function argument
/// (`startDateTime=<timestamp>`) replaced by a valid value of the argument's type, in its path
/// and its path values; `None` when there is none.
pub(super) fn stand_in_arguments(
    op: &Operation,
    path_index: usize,
    example: &Example,
) -> Option<Example> {
    let template = op.paths.get(path_index)?;
    let mut repaired = example.clone();
    for segment in &template.segments {
        let Segment::Call { args, .. } = segment else {
            continue;
        };
        for arg in args {
            let Some(param) = &arg.param else { continue };
            let declared = op
                .parameters
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&arg.name));
            let Some(value) = declared.and_then(|p| argument_stand_in(&p.ty)) else {
                continue;
            };
            let Some(text) = repaired.path_values.get(param).cloned() else {
                continue;
            };
            if !is_named_placeholder(&text) {
                continue;
            }
            repaired.request.path = repaired.request.path.replacen(&text, value, 1);
            repaired
                .path_values
                .insert(param.clone(), value.to_string());
        }
    }
    (repaired.request.path != example.request.path).then_some(repaired)
}

/// A literal of a typed function argument: the zero value of its type (none for strings,
/// whose placeholder text is itself a value, nor for binary).
fn argument_stand_in(ty: &TypeUse) -> Option<&'static str> {
    match &ty.ty {
        TypeRef::Primitive(p) if !ty.collection => zero_text(*p).filter(|t| !t.is_empty()),
        _ => None,
    }
}
