//! The whole model on the real corpus: read + resolve v1.0 and beta, check coverage, print numbers.
//!
//! Run with `cargo test -p graph-docgen-e2e --release --test corpus_model -- --nocapture`.

use generator::diag::Diagnostics;
use generator::docs::PageKind;
use generator::model::{Api, TypeRef};
use generator::read::{read_docs, ReadResult};
use generator::resolve::{self, codes};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

#[test]
fn corpus_model() {
    let Some(root) = graph_docgen_e2e::corpus_root("corpus_model") else {
        return;
    };
    for version in ["v1.0", "beta"] {
        let dir = root.join(version);
        if dir.is_dir() {
            check_version(version, &dir);
        }
    }
}

fn check_version(version: &str, dir: &Path) {
    let start = Instant::now();
    let read = read_docs(dir);
    let read_time = start.elapsed();
    let mut diags = read.diagnostics.clone();
    let resolve_start = Instant::now();
    let api = resolve::build(&read.pages, &mut diags);
    let mut resolve_time = resolve_start.elapsed();
    for _ in 1..repeat() {
        let again = Instant::now();
        let api = resolve::build(&read.pages, &mut Diagnostics::default());
        resolve_time = resolve_time.min(again.elapsed());
        drop(api);
    }
    let total_time = read_time + resolve_time;
    let stats = resolve::stats(&api);

    let api_rate = api_page_rate(&read, &api);
    let type_rate = type_page_rate(&read, &api);
    println!("== {version}: read {read_time:.2?}, resolve {resolve_time:.2?}, read+resolve {total_time:.2?}");
    println!("files: {:?}", read.files);
    println!(
        "operations: {} ({} distinct method+path), actions: {}, functions: {}",
        stats.operations, stats.method_paths, stats.actions, stats.functions
    );
    println!(
        "types: {}, enums: {}, properties: {}, navigation properties: {}",
        stats.types, stats.enums, stats.properties, stats.navigation_properties
    );
    println!(
        "examples: {} tied, {} unmatched, {} to other hosts, tie rate {:.2}%",
        stats.examples_tied,
        stats.examples_unmatched,
        stats.examples_external,
        100.0 * stats.tie_rate()
    );
    println!(
        "unresolved property types: {}, unresolved type uses: {}",
        stats.unresolved_property_types, stats.unresolved_type_uses
    );
    println!(
        "api pages with an operation: {:.2}%, resource/enum pages with a type: {:.2}%",
        100.0 * api_rate,
        100.0 * type_rate
    );
    println!("diagnostics by code: {:?}", diags.summary());

    if std::env::var_os("CORPUS_MODEL_VERBOSE").is_some() {
        print_details(&diags);
    }
    assert_every_file_accounted(&read);
    assert_unresolved_have_diagnostics(&api, &diags);
    assert!(
        api_rate >= 0.995,
        "{version}: only {:.2}% of API pages yield an operation",
        100.0 * api_rate
    );
    assert!(
        type_rate >= 0.995,
        "{version}: only {:.2}% of resource/enum pages yield a type",
        100.0 * type_rate
    );
    assert!(
        stats.tie_rate() >= 0.97,
        "{version}: tie rate {:.2}%",
        100.0 * stats.tie_rate()
    );
}

/// seen == modelled + skipped, and every skipped file has a diagnostic naming it.
fn assert_every_file_accounted(read: &ReadResult) {
    let files = read.files;
    assert!(files.seen > 0, "no files seen");
    assert_eq!(files.seen, files.pages + files.skipped, "{files:?}");
    assert_eq!(files.pages, read.pages.len());
    let skip_codes = [
        codes::SKIPPED_NOT_MARKDOWN,
        codes::SKIPPED_OUTSIDE_PAGES,
        codes::SKIPPED_NOT_A_PAGE,
        codes::FILE_UNREADABLE,
    ];
    let skipped: BTreeSet<&str> = read
        .diagnostics
        .items
        .iter()
        .filter(|d| skip_codes.contains(&d.code))
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(
        skipped.len(),
        files.skipped,
        "every skipped file has exactly one skip diagnostic"
    );
}

/// Share of API pages that yield at least one operation with a method and a path.
fn api_page_rate(read: &ReadResult, api: &Api) -> f64 {
    let pages: Vec<&str> = read
        .pages
        .iter()
        .filter(|p| p.kind == Some(PageKind::Api))
        .map(|p| p.file.as_str())
        .collect();
    let with_ops: BTreeSet<&str> = api
        .operations
        .iter()
        .filter(|o| o.paths.iter().any(|p| !p.segments.is_empty()))
        .map(|o| o.source.file.as_str())
        .collect();
    rate(
        pages.iter().filter(|p| with_ops.contains(*p)).count(),
        pages.len(),
    )
}

/// Share of resource and enum pages that yield a type or an enum.
fn type_page_rate(read: &ReadResult, api: &Api) -> f64 {
    let pages: Vec<&str> = read
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Some(PageKind::Resource | PageKind::Enum)))
        .map(|p| p.file.as_str())
        .collect();
    let type_sources = api.types.values().flat_map(|t| &t.sources);
    let enum_sources = api.enums.values().flat_map(|e| &e.sources);
    let defined: BTreeSet<&str> = type_sources
        .chain(enum_sources)
        .map(|s| s.file.as_str())
        .collect();
    let missing: Vec<&&str> = pages.iter().filter(|p| !defined.contains(**p)).collect();
    if !missing.is_empty() {
        println!(
            "resource/enum pages without a type ({}): {:?}",
            missing.len(),
            &missing[..missing.len().min(10)]
        );
    }
    rate(pages.len() - missing.len(), pages.len())
}

fn rate(hits: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        hits as f64 / total as f64
    }
}

/// Every `Unresolved` property or navigation type has a RES010/RES011 diagnostic at its row.
fn assert_unresolved_have_diagnostics(api: &Api, diags: &Diagnostics) {
    let reported: BTreeSet<(&str, u32)> = diags
        .items
        .iter()
        .filter(|d| d.code == codes::UNRESOLVED_TYPE || d.code == codes::UNREADABLE_TYPE_CELL)
        .map(|d| (d.file.as_str(), d.line))
        .collect();
    for ty in api.types.values() {
        let props = ty.properties.iter().map(|p| (&p.ty, &p.source, &p.name));
        let navs = ty
            .navigation
            .iter()
            .map(|n| (&n.target, &n.source, &n.name));
        for (use_, source, name) in props.chain(navs) {
            if let TypeRef::Unresolved(written) = &use_.ty {
                let key = (source.file.as_str(), source.line);
                assert!(
                    reported.contains(&key),
                    "{}.{name}: `{written}` unresolved without diagnostic",
                    ty.name
                );
            }
        }
    }
}

/// With `CORPUS_MODEL_VERBOSE=1`: every unmatched example and unresolved type, one line each.
fn print_details(diags: &Diagnostics) {
    let wanted = [
        codes::UNMATCHED_EXAMPLE,
        codes::DUPLICATE_PARAMETER,
        codes::UNRESOLVED_TYPE,
        codes::UNREADABLE_TYPE_CELL,
        codes::RESOURCE_WITHOUT_TYPE,
    ];
    for d in diags.items.iter().filter(|d| wanted.contains(&d.code)) {
        println!(
            "{} {}:{} {} | {}",
            d.code,
            d.file,
            d.line,
            d.message,
            d.help.as_deref().unwrap_or("")
        );
    }
}

/// `CORPUS_MODEL_REPEAT=n` resolves n times and reports the fastest (timings on a busy machine).
fn repeat() -> usize {
    std::env::var("CORPUS_MODEL_REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}
