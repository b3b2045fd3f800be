//! `cargo xtask conformance [--docs DIR]`: every documentation example as a test of the SDK.
//!
//! Generates a standalone crate from the docs (with its conformance test target and snippets),
//! runs `cargo test --test conformance --features full` against a local wiremock server, and
//! prints pass and fail per example, failures grouped by cause with file and line, defects of the
//! docs counted apart from failures of ours. Fails when the pass rate or the share of our
//! failures misses its threshold, or when the test target does not build.

use generator::diag::{Diagnostics, Severity};
use generator::emit::examples::record::{Blame, Record};
use generator::emit::examples::report::Summary;
use generator::emit::examples::{self, OWNED};
use generator::write::{write_output, Ownership};
use generator::{generate_api, read, resolve, Config};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Docs folder: a version folder (with api/ and resources/) or a folder of versions (v1.0 is
    /// used). Default: the workspace's specs/.
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Where to write the generated crate. Default: `<target dir>/conformance/<docs folder name>`.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Run only examples whose name contains this text.
    #[arg(long)]
    filter: Option<String>,
    /// Examples listed per failure cause.
    #[arg(long, default_value_t = 10)]
    show: usize,
    /// Fail below this pass rate (percent of examples with a parsable request).
    #[arg(long, default_value_t = 97.0)]
    min_pass: f64,
    /// Fail above this share of failures of ours (percent of all examples).
    #[arg(long, default_value_t = 1.0)]
    max_ours: f64,
    /// Generate only; do not build or run.
    #[arg(long)]
    no_run: bool,
    /// Also write the report (one JSON line per example) here.
    #[arg(long)]
    report: Option<PathBuf>,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub fn run(args: Args) -> miette::Result<ExitCode> {
    let started = Instant::now();
    let workspace = workspace();
    let docs = version_dir(&args.docs.clone().unwrap_or_else(|| workspace.join("specs")))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    let name = docs
        .file_name()
        .map_or("docs".into(), |n| n.to_string_lossy().into_owned());
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| target.join("conformance").join(&name));

    let diags = generate_crate(&docs, &out, &workspace)?;
    let generated = started.elapsed();
    println!(
        "generated {} from {} in {generated:.1?}",
        out.display(),
        docs.display()
    );
    print_example_diagnostics(&diags);
    if args.no_run {
        return Ok(ExitCode::SUCCESS);
    }

    let report_file = out.join("conformance.jsonl");
    let _ = std::fs::remove_file(&report_file);
    let run_started = Instant::now();
    let status = cargo_test(&out, &target, &report_file, args.filter.as_deref())?;
    let ran = run_started.elapsed();
    let text = std::fs::read_to_string(&report_file).map_err(|e| {
        miette::miette!(
            "no conformance report at {} ({e}); `cargo test` exited with {status}",
            report_file.display()
        )
    })?;
    if let Some(copy) = &args.report {
        std::fs::write(copy, &text).map_err(|e| miette::miette!("{}: {e}", copy.display()))?;
    }
    let records: Vec<Record> = text.lines().filter_map(Record::from_line).collect();
    let summary = Summary::new(&records);
    println!("\n{}", summary.render(args.show));
    println!(
        "time: generate {generated:.1?}, build and run {ran:.1?}, total {:.1?}",
        started.elapsed()
    );
    let pass_ok = summary.pass_rate() >= args.min_pass;
    let ours_ok = summary.ours_rate() <= args.max_ours;
    if !pass_ok || !ours_ok || summary.total == 0 {
        eprintln!(
            "conformance below target: pass {:.2}% (min {}%), ours {:.2}% (max {}%), {} failures of ours",
            summary.pass_rate(),
            args.min_pass,
            summary.ours_rate(),
            args.max_ours,
            summary.failed(Blame::Ours)
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads and resolves the docs and writes a standalone crate with the conformance target.
fn generate_crate(docs: &Path, out: &Path, workspace: &Path) -> miette::Result<Diagnostics> {
    let mut read = read::read_docs(docs);
    let mut diags = read.diagnostics;
    let api = resolve::build_taking_examples(&mut read.pages, &mut diags);
    let mut config = Config::new(docs, out);
    config.standalone = true;
    config.emit.default_features = Vec::new();
    let report = generate_api(&api, &config).map_err(|e| miette::miette!("{e}"))?;
    diags.extend(report.diagnostics.items);
    let main_rs = "tests/conformance/main.rs".to_string();
    let emitted =
        report.write.written.contains(&main_rs) || report.write.unchanged.contains(&main_rs);
    if !emitted {
        // The crate emitter does not write the conformance target itself: add it.
        let files = examples::emit_for_api(&api, &mut diags).map_err(|e| miette::miette!("{e}"))?;
        let owned = OWNED.iter().map(|s| s.to_string()).collect();
        write_output(out, &files, &Ownership::new(owned), false)
            .map_err(|e| miette::miette!("{e}"))?;
    }
    let lock = out.join("Cargo.lock");
    if !lock.exists() {
        // Same dependency versions as the workspace: no resolution, shared build cache.
        let _ = std::fs::copy(workspace.join("Cargo.lock"), &lock);
    }
    Ok(diags)
}

/// `cargo test --test conformance --features full` in the generated crate.
fn cargo_test(
    out: &Path,
    target: &Path,
    report: &Path,
    filter: Option<&str>,
) -> miette::Result<std::process::ExitStatus> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("test")
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .args([
            "--features",
            "full",
            "--test",
            "conformance",
            "--",
            "--nocapture",
        ])
        .env("CARGO_TARGET_DIR", target)
        // The generated crate is large: no debug info keeps its build short.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_PROFILE_TEST_DEBUG", "0")
        .env("CONFORMANCE_REPORT", report);
    if let Some(filter) = filter {
        command.env("CONFORMANCE_FILTER", filter);
    }
    command
        .status()
        .map_err(|e| miette::miette!("cannot run cargo: {e}"))
}

/// The version folder to read: `docs` itself, its `v1.0`, or its only version.
fn version_dir(docs: &Path) -> miette::Result<PathBuf> {
    let dirs = read::version_dirs(docs);
    match dirs.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(miette::miette!(
            "no docs version folder under {}",
            docs.display()
        )),
        many => many
            .iter()
            .find(|d| d.file_name().is_some_and(|n| n == "v1.0"))
            .cloned()
            .ok_or_else(|| miette::miette!("{} holds several versions; pass one", docs.display())),
    }
}

/// Counts of the generator's findings about examples (GEN06x), by code.
fn print_example_diagnostics(diags: &Diagnostics) {
    let counts = diags.summary();
    let ours: Vec<String> = counts
        .iter()
        .filter(|(code, _)| code.starts_with("GEN06"))
        .map(|(code, n)| format!("{code}×{n}"))
        .collect();
    let warnings = diags
        .items
        .iter()
        .filter(|d| d.code.starts_with("GEN06") && d.severity == Severity::Warning)
        .count();
    println!(
        "example diagnostics: {} ({warnings} docs defects)",
        if ours.is_empty() {
            "none".to_string()
        } else {
            ours.join(" ")
        }
    );
}
