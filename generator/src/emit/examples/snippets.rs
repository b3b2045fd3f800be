//! One markdown file per example with the code a user writes for the call, like the docs'
//! per-language snippet files. The code is exactly the body of the example's conformance test.

use super::plan::{CasePlan, Planned};
use crate::emit::{EmitError, OutputFile, HEADER};
use quote::quote;
use std::collections::BTreeSet;

/// `snippets/<example>.md` for every example with code.
pub fn snippet_files(planned: &Planned<'_>) -> Result<Vec<OutputFile>, EmitError> {
    let mut taken = BTreeSet::new();
    let mut files = Vec::new();
    for case in &planned.cases {
        let stem = unique_stem(&case.example.name, &mut taken);
        let path = format!("snippets/{stem}.md");
        let code = snippet_code(case, &path)?;
        files.push(OutputFile {
            path,
            contents: markdown(case, &code),
        });
    }
    Ok(files)
}

/// A file stem from an example name: lower-case ASCII letters, digits and `-`, unique.
fn unique_stem(name: &str, taken: &mut BTreeSet<String>) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let mut stem: String = stem.trim_matches('-').chars().take(100).collect();
    if stem.is_empty() {
        stem.push_str("example");
    }
    let mut candidate = stem.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

/// The statements of the example, formatted: the body of an async fn with `client` in scope.
fn snippet_code(case: &CasePlan<'_>, path: &str) -> Result<String, EmitError> {
    let stmts = &case.stmts;
    let tokens = quote! {
        async fn snippet() {
            #(#stmts)*
        }
    };
    let file: syn::File = syn::parse2(tokens).map_err(|e| EmitError::Unparsable {
        path: path.to_string(),
        message: e.to_string(),
    })?;
    let text = prettyplease::unparse(&file);
    let body = text
        .trim_end()
        .strip_prefix("async fn snippet() {\n")
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(&text);
    Ok(dedent_code(body.trim_end()))
}

/// Removes one level of indentation from lines that do not start inside a string literal.
fn dedent_code(code: &str) -> String {
    let mut out = Vec::new();
    let mut state = Literal::Code;
    for line in code.lines() {
        let starts_in_code = state == Literal::Code;
        out.push(match (starts_in_code, line.strip_prefix("    ")) {
            (true, Some(rest)) => rest,
            _ => line,
        });
        state = scan_line(line, state);
    }
    out.join("\n")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Literal {
    Code,
    /// Inside `"..."`.
    Plain,
    /// Inside a raw string with this many `#`.
    Raw(usize),
}

/// The literal state after `line`, starting in `state`.
fn scan_line(line: &str, mut state: Literal) -> Literal {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match state {
            Literal::Code => {
                if chars[i] == '"' {
                    state = Literal::Plain;
                } else if chars[i] == 'r' && (i == 0 || !chars[i - 1].is_alphanumeric()) {
                    let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                    if chars.get(i + 1 + hashes) == Some(&'"') {
                        state = Literal::Raw(hashes);
                        i += 1 + hashes;
                    }
                }
            }
            Literal::Plain => match chars[i] {
                '\\' => i += 1,
                '"' => state = Literal::Code,
                _ => {}
            },
            Literal::Raw(n) => {
                if chars[i] == '"'
                    && chars[i + 1..].iter().take(n).filter(|c| **c == '#').count() == n
                {
                    state = Literal::Code;
                    i += n;
                }
            }
        }
        i += 1;
    }
    state
}

/// Docs text on one line, safe in markdown prose.
fn plain(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "'")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn markdown(case: &CasePlan<'_>, code: &str) -> String {
    let example = &*case.example;
    let source = &example.request.source;
    format!(
        "<!-- {header} -->\n\n# {name}\n\n`{method} {path}` — from `{file}`, line {line}.\n\n\
         In an async function with a `client: &msgraph::Client` and errors converted by `?`:\n\n\
         ```rust\n{code}\n```\n",
        header = HEADER.trim_start_matches("// "),
        name = plain(&example.name),
        method = example.request.method.as_str(),
        path = plain(&example.request.path),
        file = plain(&source.file),
        line = source.line,
    )
}
