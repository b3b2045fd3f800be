//! Shared helpers for the end-to-end suites in `tests/tests/`.

use std::path::PathBuf;

/// The Graph reference corpus: `$GRAPH_DOCS`, or `../shared/graph-docs` beside the workspace.
///
/// Returns `None` (after printing `skipped: …`) when it is absent, unless `GRAPH_DOCS_REQUIRED=1`,
/// in which case a missing corpus fails the test.
pub fn corpus_root(suite: &str) -> Option<PathBuf> {
    let root = std::env::var_os("GRAPH_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/graph-docs"
            ))
        });
    if root.join("v1.0").is_dir() {
        return Some(root);
    }
    if std::env::var("GRAPH_DOCS_REQUIRED").as_deref() == Ok("1") {
        panic!(
            "corpus not found at {} (GRAPH_DOCS_REQUIRED=1)",
            root.display()
        );
    }
    announce_skip(&format!("{suite}: corpus not found at {}", root.display()));
    None
}

/// Prints `skipped: {message}` where the person running `cargo test` sees it, also when the test
/// passes: straight to the process's stderr, which libtest does not capture (it captures only the
/// `print!` and `eprint!` macros).
fn announce_skip(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {message}");
}
