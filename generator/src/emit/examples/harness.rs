//! The conformance test target: `main.rs` (one test) and `cases.rs` (one function and one
//! static `Case` per example, plus the examples without code).

use super::body::Expected;
use super::plan::{CasePlan, Planned};
use super::raw_string;
use super::record::Cause;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// `tests/conformance/main.rs`.
pub fn main_rs() -> TokenStream {
    quote! {
        //! Every documentation example run against a local server: see `runner.rs`.
        mod cases;
        mod compare;
        mod compare_url;
        mod record;
        mod runner;

        #[test]
        fn documentation_examples() {
            runner::run_all(cases::cases(), cases::SKIPPED);
        }
    }
}

/// `tests/conformance/cases.rs`.
pub fn cases_rs(planned: &Planned<'_>) -> TokenStream {
    let mut pushes = Vec::new();
    let mut items = Vec::new();
    for (n, case) in planned.cases.iter().enumerate() {
        let name = format_ident!("CASE_{}", n);
        let run = format_ident!("ex_{}", n);
        let cfg = &case.cfg;
        pushes.push(quote! {
            #cfg
            cases.push(&#name);
        });
        items.push(case_static(case, &name, &run));
        items.push(case_fn(case, &run));
    }
    let skipped = planned.skipped.iter().map(|s| {
        let source = &s.example.request.source;
        let (example, file, line) = (lit(&s.example.name), lit(&source.file), source.line);
        let (cause, detail) = (lit(s.skip.cause.slug()), lit(&s.skip.detail));
        quote! {
            Skipped { example: #example, file: #file, line: #line, cause: #cause, detail: #detail }
        }
    });
    quote! {
        //! The documentation examples: per example, the code a user writes for the call and what
        //! the docs say it sends and receives.
        #![allow(
            unused_imports,
            unused_mut,
            clippy::needless_borrow,
            clippy::needless_borrows_for_generic_args,
            clippy::unnecessary_to_owned,
            clippy::useless_conversion,
            clippy::approx_constant
        )]

        use crate::runner::{Body, Case, ObserveJson as _, ObserveRaw as _, Outcome, Probe, Skipped};
        use msgraph::Client;
        use std::future::Future;
        use std::pin::Pin;

        /// The examples whose operations this build has (by Cargo feature).
        pub fn cases() -> Vec<&'static Case> {
            let mut cases: Vec<&'static Case> = Vec::new();
            #(#pushes)*
            cases
        }

        /// The examples without code, with their cause.
        pub static SKIPPED: &[Skipped] = &[#(#skipped),*];

        #(#items)*
    }
}

fn lit(text: &str) -> Literal {
    Literal::string(text)
}

fn pairs(pairs: &[(String, String)]) -> TokenStream {
    let items = pairs.iter().map(|(n, v)| {
        let (n, v) = (lit(n), lit(v));
        quote!((#n, #v))
    });
    quote!(&[#(#items),*])
}

fn body(expected: &Expected) -> TokenStream {
    match expected {
        Expected::None => quote!(Body::None),
        Expected::Json(text) => {
            let text = raw_string(text);
            quote!(Body::Json(#text))
        }
        Expected::Text(text) => {
            let text = raw_string(text);
            quote!(Body::Text(#text))
        }
    }
}

fn hint(hint: &Option<(Cause, String)>) -> TokenStream {
    match hint {
        Some((cause, detail)) => {
            let (slug, detail) = (lit(cause.slug()), lit(detail));
            quote!(Some((#slug, #detail)))
        }
        None => quote!(None),
    }
}

fn case_static(
    case: &CasePlan<'_>,
    name: &proc_macro2::Ident,
    run: &proc_macro2::Ident,
) -> TokenStream {
    let example = &*case.example;
    let source = &example.request.source;
    let cfg = &case.cfg;
    let (example_name, file, line) = (lit(&example.name), lit(&source.file), source.line);
    let method = lit(example.request.method.as_str());
    let path = lit(&example.request.path);
    let query = pairs(&case.query);
    let headers = pairs(&case.headers);
    let request_body = body(&case.body);
    let status = case.status;
    let response_headers = pairs(&case.response_headers);
    let response = body(&case.response);
    let docs_request = hint(&case.docs_request);
    let docs_response = hint(&case.docs_response);
    let notes = case.notes.iter().map(|n| lit(n));
    quote! {
        #cfg
        static #name: Case = Case {
            example: #example_name,
            file: #file,
            line: #line,
            method: #method,
            path: #path,
            query: #query,
            headers: #headers,
            body: #request_body,
            status: #status,
            response_headers: #response_headers,
            response: #response,
            docs_request: #docs_request,
            docs_response: #docs_response,
            notes: &[#(#notes),*],
            run: #run,
        };
    }
}

fn case_fn(case: &CasePlan<'_>, run: &proc_macro2::Ident) -> TokenStream {
    let cfg = &case.cfg;
    let stmts = &case.stmts;
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let source = &case.example.request.source;
    let doc = format!(
        " `{}` ({}:{})",
        one_line(&case.example.name).replace('`', "'"),
        one_line(&source.file).replace('`', "'"),
        source.line
    );
    quote! {
        #[doc = #doc]
        #cfg
        fn #run(client: &Client) -> Pin<Box<dyn Future<Output = Outcome> + '_>> {
            Box::pin(async move {
                #(#stmts)*
                (&Probe(&response)).observe()
            })
        }
    }
}
