//! Hostile pages (`tests/hostile/`, written by `tests/hostile/make_pages.py`): untrusted text must
//! neither break the generated crate nor inject code into it, and nothing may be written outside
//! the output folder.
//!
//! One crate is generated from all hostile pages together and checked with a real `cargo check`
//! (sharing the workspace target dir); each scenario is also generated on its own (with the two
//! support pages) and every file inspected, so one page cannot hide behind another.

mod robustness;

use generator::diag::{Diagnostic, Severity};
use robustness::generated::{cargo_check, files_under, problems, MARKER};
use robustness::pipeline::{entries, generate};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Pages every scenario is generated with: a base type and a type the API pages return.
const SUPPORT: &[&str] = &["resources/entity.md", "resources/widget.md"];

/// One attack: its pages (relative to `tests/hostile/v1.0`), what it covers, and the diagnostic
/// codes it must produce (beyond "the crate compiles and is clean", which all must meet).
struct Scenario {
    name: &'static str,
    pages: &'static [&'static str],
    must_report: &'static [&'static str],
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "quotes in names and descriptions",
        pages: &["resources/quotes.md"],
        must_report: &[],
    },
    Scenario {
        name: "comment terminators */ and doc markers",
        pages: &["resources/comments.md"],
        must_report: &[],
    },
    Scenario {
        name: "attributes #[ #![ in text and names",
        pages: &["resources/attributes.md"],
        must_report: &[],
    },
    Scenario {
        name: "braces and semicolons",
        pages: &["resources/braces.md"],
        must_report: &[],
    },
    Scenario {
        name: "newlines, CR and entities in text",
        pages: &["resources/newlines.md"],
        must_report: &[],
    },
    Scenario {
        name: "backticks and code fences (doctests)",
        pages: &["resources/backticks.md"],
        must_report: &[],
    },
    Scenario {
        name: "Rust keywords as property names",
        pages: &["resources/keywords.md"],
        must_report: &[],
    },
    Scenario {
        name: "types named after keywords and prelude items",
        pages: &[
            "resources/kw-self.md",
            "resources/kw-type.md",
            "resources/kw-string.md",
            "resources/kw-option.md",
            "resources/kw-result.md",
            "resources/kw-vec.md",
            "resources/kw-box.md",
            "resources/kw-default.md",
            "resources/kw-serialize.md",
            "resources/kw-crate.md",
        ],
        must_report: &[],
    },
    Scenario {
        name: "unicode, emoji, bidi and zero-width",
        pages: &["resources/unicode.md"],
        must_report: &[],
    },
    Scenario {
        name: "10,000-character strings",
        pages: &["resources/long-strings.md"],
        must_report: &[],
    },
    Scenario {
        name: "duplicate property names",
        pages: &["resources/duplicate-props.md"],
        must_report: &[],
    },
    Scenario {
        name: "one type on two pages, conflicting",
        pages: &["resources/twice-a.md", "resources/twice-b.md"],
        must_report: &["RES015"],
    },
    Scenario {
        name: "property names colliding after case conversion",
        pages: &["resources/case-props.md"],
        must_report: &[],
    },
    Scenario {
        name: "type names colliding after case conversion",
        pages: &[
            "resources/case-type-0.md",
            "resources/case-type-1.md",
            "resources/case-type-2.md",
        ],
        must_report: &[],
    },
    Scenario {
        name: "a type that contains itself",
        pages: &["resources/self-contain.md"],
        must_report: &[],
    },
    Scenario {
        name: "two types that contain each other",
        pages: &["resources/mutual-a.md", "resources/mutual-b.md"],
        must_report: &[],
    },
    Scenario {
        name: "a type that inherits from itself",
        pages: &["resources/self-inherit.md"],
        must_report: &["RES014"],
    },
    Scenario {
        name: "an inheritance loop of three types",
        pages: &[
            "resources/loopa.md",
            "resources/loopb.md",
            "resources/loopc.md",
        ],
        must_report: &["RES014"],
    },
    Scenario {
        name: "hostile enum members",
        pages: &["resources/hostile-enums.md"],
        must_report: &[],
    },
    Scenario {
        name: "type cells that are not types",
        pages: &["resources/type-cells.md"],
        must_report: &[],
    },
    Scenario {
        name: "empty, numeric and punctuation names",
        pages: &["resources/odd-names.md"],
        must_report: &[],
    },
    Scenario {
        name: "namespaces that look like paths or crate modules",
        pages: &[
            "resources/namespace-0.md",
            "resources/namespace-1.md",
            "resources/namespace-2.md",
            "resources/namespace-3.md",
            "resources/namespace-4.md",
            "resources/namespace-5.md",
        ],
        must_report: &[],
    },
    Scenario {
        name: "a type name that walks out of the output",
        pages: &["resources/path-name.md"],
        must_report: &[],
    },
    Scenario {
        name: "Cargo feature (ms.prod) TOML injection",
        pages: &["resources/toml-inject.md", "resources/toml-inject-2.md"],
        must_report: &[],
    },
    Scenario {
        name: "injection in HTTP paths, permissions and examples",
        pages: &["api/widget-get-hostile.md"],
        must_report: &["DOC010"],
    },
    Scenario {
        name: "keyword action and parameter names",
        pages: &["api/widget-keywords.md"],
        must_report: &[],
    },
    Scenario {
        name: "two pages for one method and path",
        pages: &["api/widget-dup-1.md", "api/widget-dup-2.md"],
        must_report: &[],
    },
    Scenario {
        name: "function arguments with quotes and braces",
        pages: &["api/widget-function.md"],
        must_report: &[],
    },
    Scenario {
        name: "page stem that is a keyword",
        pages: &["api/fn.md"],
        must_report: &[],
    },
    Scenario {
        name: "unicode and emoji path segments",
        pages: &["api/widget-unicode-path.md"],
        must_report: &[],
    },
    Scenario {
        name: "a 10,000-character path segment",
        pages: &["api/widget-long-path.md"],
        must_report: &[],
    },
    Scenario {
        name: "control characters (CR, VT, FF, bidi) in paths",
        pages: &["api/widget-control-chars.md"],
        must_report: &[],
    },
];

fn hostile_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("hostile/v1.0")
}

/// Paths that hostile pages try to write to; none may exist after generation.
const ESCAPES: &[&str] = &[
    "/tmp/PATH_ESCAPE",
    "/tmp/PATH_ESCAPE.rs",
    "/tmp/abs",
    "/tmp/escaped",
    "/tmp/escaped.rs",
];

fn codes(diagnostics: &[Diagnostic]) -> BTreeSet<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

/// Generates `docs` into a fresh folder; returns the folder's parent (to check for strays) and
/// the report. Panics with the error when nothing could be generated.
fn generate_into(docs: &Path) -> (tempfile::TempDir, PathBuf, generator::Report) {
    let parent = tempfile::tempdir().expect("temp dir");
    let out = parent.path().join("out");
    let report = match generate(docs, &out) {
        Ok(report) => report,
        Err(e) => panic!("generation from {} failed: {e}", docs.display()),
    };
    (parent, out, report)
}

/// Problems shared by both tests: the crate's files, and anything written beside it.
fn output_problems(parent: &Path, out: &Path) -> Vec<String> {
    let mut found = problems(out);
    let beside = entries(parent);
    if beside != ["out"] {
        found.push(format!("files written beside the output: {beside:?}"));
    }
    for escape in ESCAPES {
        if Path::new(escape).exists() {
            found.push(format!("{escape} exists: a page wrote outside the output"));
        }
    }
    found
}

#[test]
fn every_scenario_alone_gives_clean_code_and_its_diagnostics() {
    assert!(
        SCENARIOS.len() >= 20,
        "the issue asks for at least 20 hostile pages"
    );
    let mut failures = Vec::new();
    let mut covered: BTreeSet<&str> = SUPPORT.iter().copied().collect();
    for scenario in SCENARIOS {
        let docs = tempfile::tempdir().expect("temp dir");
        for page in SUPPORT.iter().chain(scenario.pages) {
            covered.insert(page);
            let target = docs.path().join(page);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(hostile_root().join(page), &target)
                .unwrap_or_else(|e| panic!("{page}: {e}"));
        }
        let parent = tempfile::tempdir().expect("temp dir");
        let out = parent.path().join("out");
        let report = match generate(docs.path(), &out) {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{}: generation failed: {e}", scenario.name));
                continue;
            }
        };
        let reported = codes(&report.diagnostics.items);
        for code in scenario.must_report {
            if !reported.contains(code) {
                failures.push(format!(
                    "{}: no {code} diagnostic (got {reported:?})",
                    scenario.name
                ));
            }
        }
        failures.extend(
            output_problems(parent.path(), &out)
                .into_iter()
                .map(|p| format!("{}: {p}", scenario.name)),
        );
    }
    let all: BTreeSet<String> = files_under(&hostile_root())
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let uncovered: Vec<&String> = all
        .iter()
        .filter(|p| !covered.contains(p.as_str()))
        .collect();
    assert!(
        uncovered.is_empty(),
        "hostile pages in no scenario: {uncovered:?}"
    );
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn all_hostile_pages_together_give_a_crate_that_compiles() {
    let (parent, out, report) = generate_into(&hostile_root());
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    println!(
        "{} diagnostics, {} errors, codes {:?}",
        report.diagnostics.items.len(),
        errors.len(),
        report.diagnostics.summary()
    );
    assert!(
        report.counts.types > 40,
        "the hostile types were generated: {:?}",
        report.counts
    );
    assert!(
        report.counts.operations > 5,
        "the hostile operations were generated: {:?}",
        report.counts
    );
    // Static problems and the compiler's verdict are reported together.
    let mut found = output_problems(parent.path(), &out);
    if let Err(output) = cargo_check(&out) {
        found.push(format!("the crate does not compile:\n{output}"));
    }
    assert!(
        found.is_empty(),
        "{} problem(s):\n{}",
        found.len(),
        found.join("\n")
    );
    // Text reached the crate as text: the marker is in string literals or docs, never code.
    let generated_text: String = files_under(&out)
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| std::fs::read_to_string(out.join(f)).unwrap_or_default())
        .collect();
    assert!(
        generated_text.contains(MARKER),
        "the hostile text should survive as docs or literals"
    );
}

/// The inspection itself: it must flag what it is there to flag, and pass text kept as text.
#[test]
fn the_inspection_flags_injected_code_and_doctests() {
    let header = "// @generated by a test\n";
    let flagged = [
        "pub fn INJECTED_FN() {}",
        "pub struct A { pub INJECTED_FIELD: u8 }",
        "/// ```\n/// INJECTED();\n/// ```\npub fn a() {}",
        "/// ```rust,no_run\n/// x();\n/// ```\npub fn a() {}",
        "/// text\n///\n///     indented_code();\npub fn a() {}",
        "pub fn a() { } }",
    ];
    for code in flagged {
        let problems = robustness::generated::rust_file_problems(&format!("{header}{code}"));
        assert!(!problems.is_empty(), "not flagged: {code}");
    }
    let clean = [
        "#[doc = \"*/ fn INJECTED_FN() {} /*\"]\npub fn a() {}",
        "/// ```text\n/// fn INJECTED_FN() {}\n/// ```\npub fn a() {}",
        "/// ```json\n/// {\"a\": 1}\n/// ```\npub fn a() {}",
        "pub const A: &str = \"\\\"); fn INJECTED_FN() { (\\\"\";",
        "#[serde(rename = \"INJECTED\")]\npub struct A;",
    ];
    for code in clean {
        let problems = robustness::generated::rust_file_problems(&format!("{header}{code}"));
        assert!(problems.is_empty(), "flagged: {code}: {problems:?}");
    }
    // Hand-written files (no @generated header) may hold doctests.
    assert!(
        robustness::generated::rust_file_problems("/// ```\n/// a();\n/// ```\npub fn a() {}")
            .is_empty()
    );
}
