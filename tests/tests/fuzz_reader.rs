//! Property tests: reading a page never panics, whatever the text.
//!
//! Pages are built from real pages (`specs/`, `tests/hostile/` and a few seeds of our own), then
//! mutated: lines spliced, deleted, repeated; hostile snippets put into annotations, table cells and
//! HTTP blocks; truncation, random bytes, unclosed fences and comments, CRLF, BOM, bare CR.
//!
//! `cargo test` runs a small number of cases with a fixed seed. The long run:
//! `FUZZ_SECONDS=600 cargo test --release -p graph-docgen-e2e --test fuzz_reader -- --nocapture`
//! (random seeds, batches until the time is up; prints executions). `FUZZ_CASES` sets the case
//! count of the short run, `FUZZ_SEED` its seed. Crashes found become cases in `regressions`.

mod robustness;

use generator::diag::Diagnostics;
use generator::docs::read_page;
use generator::emit::{EmitConfig, Emitter};
use generator::resolve;
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use robustness::fuzz::{mutated_page, mutated_set, random_text, Case};
use robustness::generated::rust_file_problems;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Reads one page and checks what must hold for any input.
fn check_page(file: &str, text: &str) -> Result<(), TestCaseError> {
    let (page, diagnostics) = read_page(file, text);
    // Lines as any reader may count them: a bare CR is a line break to YAML and to editors.
    let lines = (text.matches('\n').count() + text.matches('\r').count()) as u32 + 2;
    prop_assert_eq(
        &page.file,
        &file.to_string(),
        "page.file is the file passed in",
    )?;
    for d in &diagnostics {
        if d.file != file {
            return Err(TestCaseError::fail(format!(
                "diagnostic for another file: {d:?}"
            )));
        }
        if d.line > lines {
            return Err(TestCaseError::fail(format!(
                "diagnostic line {} past the end ({lines} lines): {d:?}",
                d.line
            )));
        }
    }
    // Reading is a pure function of the text: same text, same page and diagnostics.
    let again = read_page(file, text);
    if again.0 != page || again.1 != diagnostics {
        return Err(TestCaseError::fail(
            "read_page gave two answers for one text",
        ));
    }
    serde_json::to_string(&page)
        .map_err(|e| TestCaseError::fail(format!("page does not serialize: {e}")))?;
    Ok(())
}

/// Reads a set of pages, resolves them together and emits the crate: no panic, and every emitted
/// Rust file parses, holds no identifier from page text and no doctest.
fn check_set(pages: &[Case]) -> Result<(), TestCaseError> {
    let mut read = Vec::new();
    for case in pages {
        check_page(&case.file, &case.text)?;
        read.push(read_page(&case.file, &case.text).0);
    }
    let mut diagnostics = Diagnostics::default();
    let api = resolve::build(&read, &mut diagnostics);
    let config = EmitConfig::default();
    let emitted = Emitter::new(&api, &config)
        .emit(&mut diagnostics)
        .map_err(|e| {
            TestCaseError::fail(format!("emit refused the pages (a generator bug): {e}"))
        })?;
    for file in emitted.files.iter().filter(|f| f.path.ends_with(".rs")) {
        let problems = rust_file_problems(&file.contents);
        if !problems.is_empty() {
            return Err(TestCaseError::fail(format!("{}: {problems:?}", file.path)));
        }
    }
    Ok(())
}

fn prop_assert_eq(a: &String, b: &String, what: &str) -> Result<(), TestCaseError> {
    if a == b {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!("{what}: {a:?} != {b:?}")))
    }
}

/// How a suite runs: a short fixed-seed run, or a time-boxed run with random seeds.
enum Mode {
    Short { cases: u32, seed: u64 },
    Long { until: Instant },
}

fn mode(short_cases: u32) -> Mode {
    if let Some(seconds) = env_u64("FUZZ_SECONDS") {
        return Mode::Long {
            until: Instant::now() + Duration::from_secs(seconds),
        };
    }
    let cases = env_u64("FUZZ_CASES").map_or(short_cases, |c| c as u32);
    Mode::Short {
        cases,
        seed: env_u64("FUZZ_SEED").unwrap_or(0x6772_6170_6864_6f63),
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn config(cases: u32, seed: RngSeed) -> Config {
    Config {
        cases,
        rng_seed: seed,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

thread_local! {
    /// Set while a property runs: its expected panics are caught and shrunk, not printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Properties running now; while any does, panics on unnamed (worker pool) threads are quiet.
static RUNNING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Marks the current thread quiet until dropped (also when the test case panics).
struct Quiet;

impl Quiet {
    fn new() -> Self {
        QUIET.with(|q| q.set(true));
        RUNNING.fetch_add(1, Ordering::SeqCst);
        Quiet
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        QUIET.with(|q| q.set(false));
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Prints panics except those of a running property (proptest reports the minimal one).
fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let worker = std::thread::current().name().is_none();
            let quiet = QUIET.with(|q| q.get()) || (worker && RUNNING.load(Ordering::SeqCst) > 0);
            if !quiet {
                default(info);
            }
        }));
    });
}

/// Runs `test` over `strategy` according to the mode; prints executions and time.
fn run<S: Strategy>(
    name: &str,
    short_cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let executions = AtomicU64::new(0);
    let counted = |value: S::Value| {
        executions.fetch_add(1, Ordering::Relaxed);
        let _quiet = Quiet::new();
        test(value)
    };
    install_quiet_hook();
    let started = Instant::now();
    match mode(short_cases) {
        Mode::Short { cases, seed } => {
            let mut runner = TestRunner::new(config(cases, RngSeed::Fixed(seed)));
            report(name, runner.run(&strategy, counted));
        }
        Mode::Long { until } => {
            // Keep fuzzing after a failure: every distinct crash is worth a regression test.
            let mut failures: Vec<String> = Vec::new();
            let mut batch = 0u64;
            while Instant::now() < until {
                let seed = rand_seed(batch);
                let mut runner = TestRunner::new(config(500, RngSeed::Fixed(seed)));
                if let Err(error) = runner.run(&strategy, counted) {
                    let failure = format!("seed {seed} (FUZZ_SEED={seed} FUZZ_CASES=500): {error}");
                    eprintln!("{name}: {failure}");
                    failures.push(failure);
                }
                batch += 1;
            }
            println!(
                "{name}: {} executions in {:.1} s, {} failing batch(es)",
                executions.load(Ordering::Relaxed),
                started.elapsed().as_secs_f64(),
                failures.len()
            );
            assert!(
                failures.is_empty(),
                "{name}: {} failure(s):\n{}",
                failures.len(),
                failures.join("\n")
            );
            return;
        }
    }
    println!(
        "{name}: {} executions in {:.1} s",
        executions.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
}

fn report<T: std::fmt::Debug>(name: &str, result: Result<(), TestError<T>>) {
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
}

/// A seed per batch that differs between runs (time-based) and between batches.
fn rand_seed(batch: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos ^ batch.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[test]
fn mutated_pages_never_panic_the_reader() {
    run("mutated pages", 400, mutated_page(), |case| {
        check_page(&case.file, &case.text)
    });
}

#[test]
fn random_text_never_panics_the_reader() {
    run("random text", 300, random_text(), |case| {
        check_page(&case.file, &case.text)
    });
}

#[test]
fn mutated_page_sets_resolve_and_emit_clean_code() {
    run("mutated page sets", 40, mutated_set(), |cases| {
        check_set(&cases)
    });
}

/// Inputs that once crashed or misread; each stays as a test.
mod regressions {
    use super::check_page;
    use generator::diag::Diagnostics;
    use generator::docs::read_page;

    /// The resolved model is the IR `cargo xtask ir` writes: it must serialize for any input.
    /// (Found by the page-set property: `Segment::Literal(String)` under `#[serde(tag = "kind")]`
    /// cannot be serialized, so every model with a path failed.)
    #[test]
    fn resolved_specs_serialize_as_json() {
        let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/v1.0");
        let pages: Vec<_> = super::robustness::fuzz::pages_under(&specs)
            .iter()
            .map(|case| read_page(&case.file, &case.text).0)
            .collect();
        let api = generator::resolve::build(&pages, &mut Diagnostics::default());
        assert!(
            !api.operations.is_empty(),
            "the seed pages define operations"
        );
        let json = serde_json::to_string(&api).expect("the resolved model serializes");
        let back: generator::model::Api = serde_json::from_str(&json).expect("and reads back");
        assert_eq!(back.operations.len(), api.operations.len());
    }

    fn assert_reads(file: &str, text: &str) {
        if let Err(e) = check_page(file, text) {
            panic!("{file}: {e}");
        }
    }

    /// An API page whose HTTP block and example use `path`.
    fn api_page(path: &str) -> String {
        format!(
            "---\ntitle: t\ndoc_type: apiPageType\n---\n# t\n\n## HTTP request\n```http\nGET {path}\n```\n\n\
             ## Example\n<!-- {{ \"blockType\": \"request\", \"name\": \"e\" }} -->\n```http\nGET {path}\n```\n"
        )
    }

    /// A multi-byte character straddling byte 7 or 8 (the length of `http://` / `https://`):
    /// `rest[..scheme.len()]` slices inside it. Panicked in `docs/http.rs` `strip_host` and
    /// `resolve/paths.rs` `strip_url` (found by the page-set property).
    #[test]
    fn multibyte_char_at_the_length_of_a_url_scheme() {
        for path in [
            "/root:/🎉",
            "/abcdef🎉",
            "/abcdeé",
            "/a/é/b",
            "🎉🎉",
            "/ééééé",
            "h🎉ps://x",
        ] {
            let text = api_page(path);
            assert_reads("v1.0/api/multibyte.md", &text);
            let page = read_page("v1.0/api/multibyte.md", &text).0;
            generator::resolve::build(&[page], &mut Diagnostics::default());
        }
    }

    /// Reads, resolves and emits pages; panics (failing the test) where the generator does, and
    /// when an emitted Rust file does not parse or carries page text as code.
    fn pipeline(pages: &[(&str, &str)]) {
        let read: Vec<_> = pages
            .iter()
            .map(|(file, text)| {
                assert_reads(file, text);
                read_page(file, text).0
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        let api = generator::resolve::build(&read, &mut diagnostics);
        let config = generator::emit::EmitConfig::default();
        let emitted = match generator::emit::Emitter::new(&api, &config).emit(&mut diagnostics) {
            Ok(emitted) => emitted,
            Err(e) => panic!("emit refused: {e}"),
        };
        for file in emitted.files.iter().filter(|f| f.path.ends_with(".rs")) {
            let problems = super::rust_file_problems(&file.contents);
            assert!(problems.is_empty(), "{}: {problems:?}", file.path);
        }
    }

    /// A property description that is only a fence (```` ``` ````, `~~~`; found by the page-set
    /// property in a 10-minute run) opened a code block in the field's doc comment: a doctest.
    #[test]
    fn descriptions_that_start_with_a_fence_make_no_doctest() {
        let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/v1.0");
        let page = std::fs::read_to_string(specs.join("resources/conversation.md"))
            .expect("the specs hold conversation.md");
        let row = "|id|String| The key of the conversation. Read-only.|";
        assert!(page.contains(row), "the seed row is in the page");
        for fence in ["```", "~~~", "```rust fn main() {}", "~~~~ x"] {
            let text = page.replace(row, &format!("|id|String|{fence}|"));
            pipeline(&[("v1.0/resources/conversation.md", &text)]);
        }
    }

    /// A bare CR in `ms.prod` (the workload, named in the `//!` doc of its models file) or in the
    /// namespace of `@odata.type` reached a doc comment, which then did not lex (found by the
    /// page-set property in a 10-minute run).
    #[test]
    fn carriage_returns_in_workloads_and_namespaces_stay_out_of_doc_comments() {
        for (prod, odata_type) in [
            ("\"a\\rb\"", "microsoft.graph.widget"),
            ("¡\r \"default = [\\\"std\\\"]\"", "microsoft.graph.widget"),
            ("\"hostile\"", "mic\\rosoft.graph.widget"),
        ] {
            let text = format!(
                "---\ntitle: t\nms.prod: {prod}\ndoc_type: resourcePageType\n---\n# widget resource type\n\n\
                 Namespace: microsoft.graph\n\nA widget.\n\n## Properties\n\
                 |Property|Type|Description|\n|:-|:-|:-|\n|id|String|The key.|\n\n\
                 <!-- {{ \"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"{odata_type}\" }} -->\n\
                 ```json\n{{ \"id\": \"String\" }}\n```\n"
            );
            pipeline(&[("v1.0/resources/widget.md", &text)]);
        }
    }

    /// A bare CR (or another control character) in an HTTP template reached a `///` doc comment
    /// as is; rustc and syn reject a bare CR in a doc comment, so the emitted file did not parse
    /// (found by the page-set property: `GET /\u{e}\rwidgets/{widget-id}/…`).
    #[test]
    fn control_characters_in_http_templates_stay_out_of_doc_comments() {
        for path in [
            "/\u{e}\rwidgets/{widget-id}",
            "/widgets/a\rb",
            "/widgets/\u{b}\u{c}",
            "/widgets/\u{202e}x",
        ] {
            let text = format!(
                "---\ntitle: t\ndoc_type: apiPageType\n---\n# t\n\n## HTTP request\n```http\nGET {path}\n```\n\n\
                 ## Response\nIf successful, this method returns a `200 OK` response code.\n"
            );
            pipeline(&[("v1.0/api/control.md", &text)]);
        }
    }

    fn resource_page(namespace: &str, odata_type: &str, type_cell: &str) -> String {
        format!(
            "---\ntitle: t\ndoc_type: resourcePageType\n---\n# t resource type\n\nNamespace: {namespace}\n\n\
             ## Properties\n| Property | Type | Description |\n|:---|:---|:---|\n|p|{type_cell}|d|\n\n\
             <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"{odata_type}\" }} -->\n```json\n{{}}\n```\n"
        )
    }

    /// `Collection(` is 11 bytes: a type cell with a multi-byte character across byte 11 was sliced
    /// inside it (`docs/annotation.rs` `split_collection`, then `resolve/type_refs.rs`
    /// `clean_type_name`). Found by the random-text property: `Inherits from [x](x.md\u{202e}…`.
    #[test]
    fn multibyte_char_at_the_length_of_collection_prefix() {
        for cell in [
            "abcdefghij🎉x)",
            "Collection🎉(x)",
            "collection(é)",
            "abcdefghijé",
            "x.md\u{202e}\u{202e}title",
        ] {
            pipeline(&[(
                "v1.0/resources/t.md",
                &resource_page("microsoft.graph", "microsoft.graph.t", cell),
            )]);
        }
        let text = "GETInherits from [x](x.md\u{202e}\u{202e}title: \"x";
        pipeline(&[("resources/x.md", text)]);
    }

    /// A qualified name whose namespace-length prefix ends inside a multi-byte character was sliced
    /// inside it (`resolve/types.rs` `split_qualified`: `name[..ns.len()]`).
    #[test]
    fn multibyte_char_at_the_length_of_the_namespace() {
        for odata in [
            "microsoft.grap🎉.thing",
            "microsoft.grapé.thing",
            "🎉🎉🎉🎉.t",
        ] {
            pipeline(&[(
                "v1.0/resources/t.md",
                &resource_page("microsoft.graph", odata, "String"),
            )]);
        }
    }

    /// Call segments are compared without a `microsoft.graph.` / `graph.` prefix; a name with a
    /// multi-byte character across byte 6 or 16 was sliced inside it (`resolve/examples.rs`
    /// `same_call`).
    #[test]
    fn multibyte_char_at_the_length_of_a_call_prefix() {
        for call in [
            "graph🎉thing()",
            "microsoft.grap🎉thing()",
            "grapé.x()",
            "microsoft.graphé.x()",
        ] {
            let text = format!(
                "---\ntitle: t\ndoc_type: apiPageType\n---\n# t\n\n## HTTP request\n```http\nGET /me/{call}\nGET /me/microsoft.graph.delta()\n```\n\n\
                 ## Example\n<!-- {{ \"blockType\": \"request\", \"name\": \"e\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/me/{call}\n```\n"
            );
            pipeline(&[("v1.0/api/call.md", &text)]);
        }
    }

    #[test]
    fn empty_and_blank_pages() {
        for text in [
            "",
            "\n",
            "\r\n",
            "\u{feff}",
            "\u{feff}\r\n",
            " ",
            "\t\t\n\n\n",
            "\0",
        ] {
            assert_reads("api/x.md", text);
            assert_reads("resources/x.md", text);
        }
    }

    #[test]
    fn lone_delimiters() {
        for text in [
            "---", "---\n", "---\n---", "<!--", "<!-- {", "-->", "```", "```http", "|", "||",
            "|-|", "#", "# [", "\r", "\u{85}", "\u{2028}",
        ] {
            assert_reads("api/x.md", text);
            assert_reads("resources/x.md", text);
            assert_reads("x.md", text);
        }
    }
}
