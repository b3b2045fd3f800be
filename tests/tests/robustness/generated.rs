//! Inspecting a generated crate: every file parses, no page text escaped into code, no doc comment
//! holds a doctest, file names are plain, `Cargo.toml` declares only the runtime's dependencies.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The marker the hostile pages try to smuggle in as code.
pub const MARKER: &str = "INJECTED";

/// Dependencies a generated crate may declare (the runtime's).
pub const ALLOWED_DEPENDENCIES: &[&str] = &[
    "serde",
    "serde_json",
    "reqwest",
    "tokio",
    "futures",
    "http",
    "percent-encoding",
    "base64",
    "chrono",
    "uuid",
    "thiserror",
    "bytes",
    "url",
    "wiremock",
    "async-stream",
    "pin-project-lite",
    "tracing",
    "rand",
    "msgraph",
];

/// Every file under `dir`, sorted, as paths relative to it.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
        }
    }
}

/// What is wrong with a generated crate; empty when nothing is.
pub fn problems(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let files = files_under(out);
    if !files.iter().any(|f| f == Path::new("Cargo.toml")) {
        problems.push("no Cargo.toml".to_string());
    }
    for file in &files {
        if file.starts_with("target") {
            continue;
        }
        let shown = file.display().to_string();
        if !file
            .components()
            .all(|c| is_plain_name(&c.as_os_str().to_string_lossy()))
        {
            problems.push(format!("{shown}: file name is not plain ASCII"));
        }
        if file.extension().is_some_and(|e| e == "rs") {
            match std::fs::read_to_string(out.join(file)) {
                Ok(text) => problems.extend(
                    rust_file_problems(&text)
                        .into_iter()
                        .map(|p| format!("{shown}: {p}")),
                ),
                Err(e) => problems.push(format!("{shown}: not readable as UTF-8: {e}")),
            }
        }
        if file.file_name().is_some_and(|n| n == "build.rs") {
            problems.push(format!("{shown}: a build script runs code at build time"));
        }
    }
    problems.extend(manifest_problems(out));
    problems
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && name != ".."
}

/// Problems of one Rust source file.
pub fn rust_file_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if let Err(e) = syn::parse_file(text) {
        problems.push(format!("does not parse as Rust: {e}"));
        return problems;
    }
    let tokens: TokenStream = match text.parse() {
        Ok(tokens) => tokens,
        Err(e) => return vec![format!("does not lex: {e}")],
    };
    // Hand-written files (the runtime) may hold doctests on purpose; generated ones may not.
    let generated = text
        .lines()
        .next()
        .is_some_and(|l| l.contains("@generated"));
    scan_tokens(tokens, generated, &mut problems);
    problems
}

/// Walks a token stream: identifiers holding the marker, and doc blocks that hold doctests.
fn scan_tokens(tokens: TokenStream, doctests: bool, problems: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut doc_block: Vec<String> = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        if let Some((doc, used)) = doc_attribute(&trees[i..]) {
            doc_block.push(doc);
            i += used;
            continue;
        }
        flush_docs(&mut doc_block, doctests, problems);
        match &trees[i] {
            TokenTree::Ident(ident) if ident.to_string().contains(MARKER) => {
                problems.push(format!("identifier `{ident}` came from page text"));
            }
            TokenTree::Group(group) => scan_tokens(group.stream(), doctests, problems),
            _ => {}
        }
        i += 1;
    }
    flush_docs(&mut doc_block, doctests, problems);
}

/// `#[doc = "…"]` or `#![doc = "…"]` at the start of `trees`: its text and how many trees it took.
fn doc_attribute(trees: &[TokenTree]) -> Option<(String, usize)> {
    let TokenTree::Punct(hash) = trees.first()? else {
        return None;
    };
    if hash.as_char() != '#' {
        return None;
    }
    let (group, used) = match trees.get(1)? {
        TokenTree::Punct(bang) if bang.as_char() == '!' => (trees.get(2)?, 3),
        other => (other, 2),
    };
    let TokenTree::Group(group) = group else {
        return None;
    };
    if group.delimiter() != Delimiter::Bracket {
        return None;
    }
    let inner: Vec<TokenTree> = group.stream().into_iter().collect();
    match inner.as_slice() {
        [TokenTree::Ident(name), TokenTree::Punct(eq), TokenTree::Literal(lit)]
            if name == "doc" && eq.as_char() == '=' =>
        {
            let lit: syn::LitStr = syn::parse2(TokenTree::Literal(lit.clone()).into()).ok()?;
            Some((lit.value(), used))
        }
        _ => None,
    }
}

fn flush_docs(block: &mut Vec<String>, doctests: bool, problems: &mut Vec<String>) {
    if block.is_empty() {
        return;
    }
    let text = unindent(&block.join("\n"));
    block.clear();
    if !doctests {
        return;
    }
    if let Some(code) = doctest_in(&text) {
        problems.push(format!(
            "doc comment holds a doctest that rustdoc would compile: {code:?}"
        ));
    }
}

/// Removes the common leading whitespace of non-blank lines, as rustdoc does.
fn unindent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first code block rustdoc would compile as a doctest, if any.
pub fn doctest_in(markdown: &str) -> Option<String> {
    let mut in_test = false;
    let mut code = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_test = match kind {
                    CodeBlockKind::Indented => true,
                    CodeBlockKind::Fenced(info) => is_rust_info(&info),
                };
            }
            Event::Text(text) if in_test => code.push_str(&text),
            Event::End(pulldown_cmark::TagEnd::CodeBlock) if in_test => return Some(code),
            _ => {}
        }
    }
    in_test.then_some(code)
}

/// Whether rustdoc treats a fence info string as Rust to be tested.
fn is_rust_info(info: &str) -> bool {
    let tokens: Vec<&str> = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.contains(&"ignore") {
        return false;
    }
    tokens.iter().all(|t| {
        matches!(
            *t,
            "rust"
                | "should_panic"
                | "no_run"
                | "compile_fail"
                | "test_harness"
                | "standalone_crate"
        ) || t.starts_with("edition")
    })
}

/// Dependencies of the generated manifest, read by `cargo metadata` (so TOML injection shows).
fn manifest_problems(out: &Path) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(out.join("Cargo.toml"))
        .output();
    let output = match output {
        Ok(output) => output,
        Err(e) => return vec![format!("cargo metadata did not run: {e}")],
    };
    if !output.status.success() {
        return vec![format!(
            "Cargo.toml is not a valid manifest: {}",
            String::from_utf8_lossy(&output.stderr)
        )];
    }
    let meta: serde_json::Value = match serde_json::from_slice(&output.stdout) {
        Ok(meta) => meta,
        Err(e) => return vec![format!("cargo metadata output: {e}")],
    };
    let mut problems = Vec::new();
    for package in meta["packages"].as_array().into_iter().flatten() {
        for dep in package["dependencies"].as_array().into_iter().flatten() {
            let name = dep["name"].as_str().unwrap_or_default();
            if !ALLOWED_DEPENDENCIES.contains(&name) {
                problems.push(format!(
                    "Cargo.toml declares an unexpected dependency `{name}`"
                ));
            }
        }
        for (feature, enables) in package["features"].as_object().into_iter().flatten() {
            if feature.contains(MARKER) || feature.contains('"') || feature.contains('\n') {
                problems.push(format!(
                    "Cargo.toml feature name from page text: {feature:?}"
                ));
            }
            for item in enables.as_array().into_iter().flatten() {
                let item = item.as_str().unwrap_or_default();
                if item.starts_with("dep:") && !ALLOWED_DEPENDENCIES.contains(&&item[4..]) {
                    problems.push(format!("feature `{feature}` enables `{item}`"));
                }
            }
        }
    }
    problems
}

/// Runs `cargo check` on a generated crate with the workspace's target dir and lock file.
/// Returns the compiler's output on failure.
pub fn cargo_check(out: &Path) -> Result<(), String> {
    let root = crate::robustness::pipeline::workspace_root();
    if !out.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
    }
    let output = Command::new(env!("CARGO"))
        .args([
            "check",
            "--offline",
            "--quiet",
            "--all-features",
            "--message-format",
            "short",
            "--manifest-path",
        ])
        .arg(out.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            crate::robustness::pipeline::target_dir(),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cargo check did not run: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
