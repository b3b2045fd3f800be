//! Reads every page of the real corpus: no panics, nearly every API page yields an HTTP line and
//! nearly every resource page yields properties, a resource annotation or enums.

use generator::docs::{read_page, Page, PageKind};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// Counts for one version folder.
#[derive(Default)]
struct Tally {
    kinds: BTreeMap<String, usize>,
    api_pages: usize,
    api_with_http: usize,
    resource_pages: usize,
    resource_with_content: usize,
    http_lines: usize,
    with_permissions: usize,
    with_status: usize,
    with_response_type: usize,
    with_body_info: usize,
    with_query_options: usize,
    with_title: usize,
    examples: usize,
    examples_with_response: usize,
    properties: usize,
    untyped_properties: usize,
    relationships: usize,
    enums: usize,
    diagnostics: BTreeMap<&'static str, usize>,
    /// A few sample diagnostics per code, to show what the reader struggles with.
    samples: BTreeMap<&'static str, Vec<String>>,
    api_without_http: Vec<String>,
    resource_without_content: Vec<String>,
    panics: Vec<String>,
}

impl Tally {
    fn add(&mut self, page: &Page, diags: &[generator::diag::Diagnostic]) {
        *self.kinds.entry(format!("{:?}", page.kind)).or_default() += 1;
        for d in diags {
            *self.diagnostics.entry(d.code).or_default() += 1;
            let samples = self.samples.entry(d.code).or_default();
            if samples.len() < 4 {
                samples.push(format!("{}:{}: {}", d.file, d.line, d.message));
            }
        }
        self.enums += page.enums.len();
        match page.kind {
            Some(PageKind::Api) => {
                self.api_pages += 1;
                let api = page.api.as_ref().expect("api pages carry an ApiPage");
                if api.http.iter().any(|l| !l.template.is_empty()) {
                    self.api_with_http += 1;
                } else {
                    self.api_without_http.push(page.file.clone());
                }
                self.http_lines += api.http.len();
                let perms = &api.permissions;
                let any_perms = !perms.delegated_work.is_empty()
                    || !perms.delegated_personal.is_empty()
                    || !perms.application.is_empty();
                self.with_permissions += usize::from(any_perms);
                self.with_status += usize::from(api.response.status.is_some());
                self.with_response_type += usize::from(api.response.ty.is_some());
                let body = &api.body;
                let body_info = body.none
                    || body.stream
                    || body.resource.is_some()
                    || !body.parameters.is_empty();
                self.with_body_info += usize::from(body_info);
                self.with_query_options += usize::from(!api.query_options.is_empty());
                self.with_title += usize::from(!page.title.is_empty());
                self.examples += api.examples.len();
                self.examples_with_response +=
                    api.examples.iter().filter(|e| e.response.is_some()).count();
            }
            Some(PageKind::Resource) | Some(PageKind::Enum) => {
                self.resource_pages += 1;
                let res = page.resource.as_ref();
                self.properties += res.map_or(0, |r| r.properties.len());
                self.untyped_properties += res.map_or(0, |r| {
                    r.properties.iter().filter(|p| p.ty.is_none()).count()
                });
                self.relationships += res.map_or(0, |r| r.relationships.len());
                let content = res
                    .is_some_and(|r| !r.properties.is_empty() || r.annotation.is_some())
                    || !page.enums.is_empty();
                if content {
                    self.resource_with_content += 1;
                } else {
                    self.resource_without_content.push(page.file.clone());
                }
            }
            _ => {}
        }
    }
}

fn read_version(root: &Path, version: &str) -> Tally {
    let mut files = Vec::new();
    markdown_files(&root.join(version), &mut files);
    files.sort();
    let mut tally = Tally::default();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).expect("corpus file is readable");
        let text = String::from_utf8_lossy(&bytes);
        match catch_unwind(AssertUnwindSafe(|| read_page(&rel, &text))) {
            Ok((page, diags)) => tally.add(&page, &diags),
            Err(_) => tally.panics.push(rel),
        }
    }
    tally
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn print(version: &str, t: &Tally) {
    println!("== {version}");
    println!("pages by kind: {:?}", t.kinds);
    println!(
        "api pages with an http line: {}/{} ({:.2}%)",
        t.api_with_http,
        t.api_pages,
        percent(t.api_with_http, t.api_pages)
    );
    println!(
        "resource pages with content: {}/{} ({:.2}%)",
        t.resource_with_content,
        t.resource_pages,
        percent(t.resource_with_content, t.resource_pages)
    );
    println!(
        "api pages with: permissions {}, response status {}, response type {}, body info {}, query options {}, title {}",
        t.with_permissions,
        t.with_status,
        t.with_response_type,
        t.with_body_info,
        t.with_query_options,
        t.with_title
    );
    println!(
        "http lines {}, examples {} ({} with response), properties {} ({} untyped), relationships {}, enums {}",
        t.http_lines,
        t.examples,
        t.examples_with_response,
        t.properties,
        t.untyped_properties,
        t.relationships,
        t.enums
    );
    println!("diagnostics by code: {:?}", t.diagnostics);
    for (code, samples) in &t.samples {
        for sample in samples {
            println!("  {code} {sample}");
        }
    }
    println!(
        "api pages without http (first 20): {:?}",
        &t.api_without_http[..t.api_without_http.len().min(20)]
    );
    println!(
        "resource pages without content (first 20): {:?}",
        &t.resource_without_content[..t.resource_without_content.len().min(20)]
    );
}

#[test]
fn corpus_reads_without_panics_and_yields_content() {
    let Some(root) = graph_docgen_e2e::corpus_root("corpus_read") else {
        return;
    };
    for version in ["v1.0", "beta"] {
        if !root.join(version).is_dir() {
            println!("skipped: {version} not found under {}", root.display());
            continue;
        }
        let t = read_version(&root, version);
        print(version, &t);
        assert!(
            t.panics.is_empty(),
            "{version}: read_page panicked on {:?}",
            t.panics
        );
        assert!(
            t.api_pages > 0 && t.resource_pages > 0,
            "{version}: no pages read"
        );
        assert!(
            percent(t.api_with_http, t.api_pages) >= 99.5,
            "{version}: only {}/{} api pages have an http line",
            t.api_with_http,
            t.api_pages
        );
        assert!(
            percent(t.resource_with_content, t.resource_pages) >= 99.5,
            "{version}: only {}/{} resource pages have content",
            t.resource_with_content,
            t.resource_pages
        );
    }
}
