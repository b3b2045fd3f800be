//! `cargo xtask gen`: regenerate the SDK crate.
//!
//! Defaults: docs from the workspace's `specs/`, output to the workspace's `generated/` (whose
//! hand-written `src/runtime/` and `tests/` are never touched). With `--out` anywhere else the
//! output is a standalone crate that includes the runtime. `--check` writes nothing and fails
//! when the output is stale.

use generator::diag::Severity;
use generator::diag_render::escape_controls;
use generator::{generate, Config, Report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Docs folder: a version folder (with api/ and resources/) or a folder of versions (v1.0 is
    /// used). Default: the workspace's specs/.
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Output crate folder. Default: the workspace's generated/; anywhere else gets a standalone
    /// crate with the runtime.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; fail (listing the files) when the output is stale.
    #[arg(long)]
    check: bool,
    /// Package name of the generated crate.
    #[arg(long, default_value = "msgraph")]
    crate_name: String,
    /// Workload features on by default (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "groups")]
    default_features: Vec<String>,
    /// Reader threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// How many diagnostics to print in full (the rest are counted).
    #[arg(long, default_value_t = 20)]
    show: usize,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub fn run(args: Args) -> miette::Result<ExitCode> {
    let workspace = workspace();
    let default_out = workspace.join("generated");
    let out = args.out.unwrap_or_else(|| default_out.clone());
    let standalone = !same_folder(&out, &default_out);
    let mut config = Config::new(args.docs.unwrap_or_else(|| workspace.join("specs")), out);
    config.standalone = standalone;
    config.check = args.check;
    config.threads = args.threads;
    config.emit.crate_name = args.crate_name;
    config.emit.default_features = args.default_features;
    let report = generate(&config).map_err(|e| miette::miette!("{e}"))?;
    print_summary(&config, &report, args.show);
    if config.check && !report.write.is_clean() {
        eprintln!(
            "\n{} is stale; run `cargo xtask gen`:",
            config.out.display()
        );
        for path in report.write.written.iter().chain(&report.write.removed) {
            eprintln!("  {path}");
        }
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether two paths name the same folder (the second one exists; the first may not).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn print_summary(config: &Config, report: &Report, show: usize) {
    let c = &report.counts;
    let t = &report.timings;
    println!(
        "docs {}: {} pages → {} types, {} enums, {} operations, {} workload features",
        report.docs.display(),
        c.pages,
        c.types,
        c.enums,
        c.operations,
        c.features
    );
    let verb = if config.check {
        "would write"
    } else {
        "written"
    };
    println!(
        "{} {}: {} files ({} lines, {} bytes); {verb} {}, unchanged {}, removed {}, kept {} not generated{}",
        if config.standalone { "standalone crate" } else { "crate" },
        config.out.display(),
        c.files,
        c.lines,
        c.bytes,
        report.write.written.len(),
        report.write.unchanged.len(),
        report.write.removed.len(),
        report.write.carried,
        if config.check { " (check: nothing written)" } else { "" }
    );
    println!(
        "time: read {:.2?}, resolve {:.2?}, emit {:.2?}, write {:.2?}",
        t.read, t.resolve, t.emit, t.write
    );
    let d = &report.diagnostics;
    println!(
        "diagnostics: {} errors, {} warnings, {} notes",
        d.count(Severity::Error),
        d.count(Severity::Warning),
        d.count(Severity::Note)
    );
    let summary: Vec<String> = d
        .summary()
        .iter()
        .map(|(code, n)| format!("{code}×{n}"))
        .collect();
    if !summary.is_empty() {
        println!("  by code: {}", summary.join(" "));
    }
    let mut shown: Vec<_> = d
        .items
        .iter()
        .filter(|x| x.severity >= Severity::Warning)
        .collect();
    shown.sort_by_key(|d| std::cmp::Reverse(d.severity));
    for item in shown.iter().take(show) {
        println!(
            "  {:?} {} {}:{}: {}",
            item.severity,
            item.code,
            escape_controls(&item.file, false),
            item.line,
            escape_controls(&item.message, false)
        );
    }
    if shown.len() > show {
        println!(
            "  … {} more (see `cargo xtask ir` for all)",
            shown.len() - show
        );
    }
}
