//! `cargo xtask ir`: the resolved model as JSON, plus a diagnostics summary.
//!
//! Reads one docs version (`--docs` is a version folder, or a folder of versions from which
//! `--version` picks one, `v1.0` by default), resolves it, writes the model as pretty JSON in
//! deterministic order, and prints the worst diagnostics with their source line and a summary by
//! code. Fails only when nothing usable could be read.

use generator::diag::Severity;
use generator::diag_render::{render_all, summary, SourceLoader};
use generator::read::{read_docs, version_dirs};
use generator::resolve;
use miette::{miette, IntoDiagnostic, WrapErr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Docs folder: a version folder (holding api/ and resources/) or a folder of versions
    /// [default: specs/ in the workspace root]
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Version to read when --docs holds several [default: v1.0, else the first]
    #[arg(long)]
    version: Option<String>,
    /// Where to write the model JSON [default: standard output]
    #[arg(long)]
    out: Option<PathBuf>,
    /// How many errors and warnings to show with their source line
    #[arg(long, default_value_t = 20)]
    show: usize,
}

pub fn run(args: Args) -> miette::Result<ExitCode> {
    let docs = args
        .docs
        .unwrap_or_else(|| crate::workspace_root().join("specs"));
    let dir = pick_version(&docs, args.version.as_deref())?;
    let start = Instant::now();
    let mut read = read_docs(&dir);
    if read.pages.is_empty() {
        return Err(miette!(
            help = "pass --docs with a folder holding api/ and resources/ (or version folders like v1.0/)",
            "no API, resource or enum pages found under {} ({} files seen)",
            dir.display(),
            read.files.seen
        ));
    }
    let mut diags = std::mem::take(&mut read.diagnostics);
    let api = resolve::build_taking_examples(&mut read.pages, &mut diags);
    let elapsed = start.elapsed();
    diags.sort();

    let json = serde_json::to_string_pretty(&api).into_diagnostic()?;
    write_output(args.out.as_deref(), &json)?;

    let mut loader = SourceLoader::new(read.base.as_deref());
    eprint!(
        "{}",
        render_all(&diags, Severity::Warning, args.show, &mut loader)
    );
    eprint!("{}", summary(&diags));
    let stats = resolve::stats(&api);
    eprintln!(
        "{}: {} files ({} pages, {} skipped); {} operations, {} types, {} enums; examples tied {:.1}% ({} unmatched); {} unresolved type uses; {:.0?}",
        dir.display(),
        read.files.seen,
        read.files.pages,
        read.files.skipped,
        stats.operations,
        stats.types,
        stats.enums,
        100.0 * stats.tie_rate(),
        stats.examples_unmatched,
        stats.unresolved_type_uses,
        elapsed,
    );
    Ok(ExitCode::SUCCESS)
}

/// The version folder to read: `docs` itself, or the requested (or default) version in it.
fn pick_version(docs: &Path, wanted: Option<&str>) -> miette::Result<PathBuf> {
    if !docs.is_dir() {
        return Err(miette!(
            help = "pass --docs with the folder holding api/ and resources/, or version folders like v1.0/",
            "docs folder {} does not exist",
            docs.display()
        ));
    }
    let versions = version_dirs(docs);
    let name = |p: &PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let found = match wanted {
        Some(w) => versions.iter().find(|p| name(p) == w),
        None => versions
            .iter()
            .find(|p| name(p) == "v1.0")
            .or(versions.first()),
    };
    found.cloned().ok_or_else(|| {
        let names: Vec<String> = versions.iter().map(name).collect();
        miette!(
            help = "a docs folder holds api/ and resources/, or version folders that do",
            "no docs version {} under {} (found: {})",
            wanted.unwrap_or("folder"),
            docs.display(),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        )
    })
}

fn write_output(out: Option<&Path>, json: &str) -> miette::Result<()> {
    match out {
        Some(path) => std::fs::write(path, format!("{json}\n"))
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display())),
        None => {
            println!("{json}");
            Ok(())
        }
    }
}
