//! Every documentation example as a test of the generated SDK, and as a Rust snippet.
//!
//! For each example whose operation the model knows, the emitter writes the code a user writes
//! for that call (typed body read from the example JSON, fluent builder chain, `.send().await`)
//! as one function of a single test target, `tests/conformance/`, with the example's request and
//! response as static data. The target's runner (`template/runner.rs`) serves each example from
//! one local wiremock server, which answers only the example's exact request (JSON compared as
//! values), and checks that the typed response re-serializes with every property of the example.
//! The same code is written to `snippets/<example>.md`.
//!
//! Examples whose code cannot be written are listed with their cause instead of being emitted
//! as broken code; defects of the docs found on the way (invalid JSON, values that contradict the
//! declared type, URLs that match no template) become `GEN06x` diagnostics (see [`codes`]).

mod body;
mod calls;
pub mod codes;
pub mod compare;
pub mod compare_url;
mod harness;
mod plan;
pub mod record;
pub mod report;
mod response;
mod snippets;
mod suffix;
mod tie;
pub mod validate;

#[cfg(test)]
mod tests;

use crate::diag::Diagnostics;
use crate::emit::builders::{BuilderContext, PathPlan};
use crate::emit::features::FeaturePlan;
use crate::emit::models::ModelPlan;
use crate::emit::names::NameTable;
use crate::emit::{format_rust, EmitError, OutputFile, HEADER};
use crate::model::Api;
use proc_macro2::{Ident, Literal, TokenStream, TokenTree};
use record::Cause;

/// Folders of the generated crate this emitter owns.
pub const OWNED: [&str; 2] = ["tests/conformance/", "snippets/"];

/// The runner and shared modules, copied verbatim into `tests/conformance/`.
const COPIED: [(&str, &str); 4] = [
    ("tests/conformance/compare.rs", include_str!("compare.rs")),
    (
        "tests/conformance/compare_url.rs",
        include_str!("compare_url.rs"),
    ),
    ("tests/conformance/record.rs", include_str!("record.rs")),
    (
        "tests/conformance/runner.rs",
        include_str!("template/runner.rs"),
    ),
];

/// Why an example gets no code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub cause: Cause,
    pub detail: String,
}

impl Skip {
    /// A defect of the docs (the cause must be a docs cause).
    pub fn docs(cause: Cause, detail: impl Into<String>) -> Self {
        Skip {
            cause,
            detail: detail.into(),
        }
    }

    /// A limit of ours.
    pub fn ours(cause: Cause, detail: impl Into<String>) -> Self {
        Skip {
            cause,
            detail: detail.into(),
        }
    }
}

/// The conformance test target and the snippets: every file, with diagnostics for the docs
/// defects found.
pub fn emit(
    ctx: &BuilderContext<'_>,
    diags: &mut Diagnostics,
) -> Result<Vec<OutputFile>, EmitError> {
    let mut scratch = Diagnostics::default();
    let path_plan = PathPlan::new(ctx, &mut scratch);
    let planned = plan::plan_all(ctx, &path_plan);
    diags.extend(planned.diagnostics());
    let mut files = vec![
        format_rust("tests/conformance/main.rs".into(), harness::main_rs())?,
        format_rust(
            "tests/conformance/cases.rs".into(),
            harness::cases_rs(&planned),
        )?,
    ];
    files.extend(COPIED.iter().map(|(path, text)| OutputFile {
        path: path.to_string(),
        contents: format!("{HEADER}\n{text}"),
    }));
    files.extend(snippets::snippet_files(&planned)?);
    Ok(files)
}

/// [`emit`] with the emitter's context built from the model, as `Emitter::emit` builds it.
pub fn emit_for_api(api: &Api, diags: &mut Diagnostics) -> Result<Vec<OutputFile>, EmitError> {
    let features = FeaturePlan::compute(api);
    let models = ModelPlan::new(api);
    let names = NameTable::new(api, models.poly_bases());
    let ctx = BuilderContext {
        api,
        names: &names,
        features: &features,
    };
    emit(&ctx, diags)
}

/// How the examples of a model fare before anything runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Census {
    /// Examples with code.
    pub cases: usize,
    /// Examples without code, by cause.
    pub skipped: std::collections::BTreeMap<Cause, usize>,
    /// Examples with code and a docs defect found statically.
    pub with_docs_defect: usize,
    /// Examples whose placeholders were replaced by valid values.
    pub repaired: usize,
}

/// Plans every example of `api` without writing anything.
pub fn census(api: &Api) -> Census {
    let features = FeaturePlan::compute(api);
    let models = ModelPlan::new(api);
    let names = NameTable::new(api, models.poly_bases());
    let ctx = BuilderContext {
        api,
        names: &names,
        features: &features,
    };
    let path_plan = PathPlan::new(&ctx, &mut Diagnostics::default());
    let planned = plan::plan_all(&ctx, &path_plan);
    let mut census = Census {
        cases: planned.cases.len(),
        ..Census::default()
    };
    for case in &planned.cases {
        if case.docs_request.is_some() || case.docs_response.is_some() {
            census.with_docs_defect += 1;
        }
        if !case.notes.is_empty() {
            census.repaired += 1;
        }
    }
    for skipped in &planned.skipped {
        *census.skipped.entry(skipped.skip.cause).or_default() += 1;
    }
    census
}

/// Tokens with the generated crate's `crate::` paths written as `msgraph::` (the test target
/// is another crate).
pub fn rebase(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(ident) if ident == "crate" => {
                TokenTree::Ident(Ident::new("msgraph", ident.span()))
            }
            TokenTree::Group(group) => {
                let mut new = proc_macro2::Group::new(group.delimiter(), rebase(group.stream()));
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other,
        })
        .collect()
}

/// A string literal for untrusted text: a raw string (`r#"…"#`, readable JSON) when the text
/// allows one, an escaped string otherwise. Carriage returns are dropped.
pub fn raw_string(text: &str) -> TokenStream {
    let text = text.replace('\r', "");
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let source = format!("r{hashes}\"{text}\"{hashes}");
    let parsed = source.parse::<Literal>().ok().filter(|lit| {
        syn::parse2::<syn::LitStr>(quote::quote!(#lit)).is_ok_and(|s| s.value() == text)
    });
    let lit = parsed.unwrap_or_else(|| Literal::string(&text));
    quote::quote!(#lit)
}
