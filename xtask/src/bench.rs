//! `cargo xtask bench`: generation speed against its floor, and the compile cost of the
//! generated crate. Numbers are measured on the real corpus (`--docs`, default `$GRAPH_DOCS` or
//! `../shared/graph-docs`).

use crate::measure::{self, Sample};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The corpus root holding `v1.0/` and `beta/`.
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Timed repetitions of each in-process measurement (the best and median are reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Skip the `cargo check` measurements of the generated v1.0 crate.
    #[arg(long)]
    no_compile: bool,
}

pub fn run(args: Args) -> miette::Result<ExitCode> {
    if cfg!(debug_assertions) {
        return rerun_in_release();
    }
    let root = args.docs.clone().unwrap_or_else(crate::default_corpus);
    if !root.join("v1.0").is_dir() {
        return Err(miette::miette!(
            help = "pass --docs DIR or set GRAPH_DOCS to the folder holding v1.0/ and beta/",
            "no Graph docs corpus at {}",
            root.display()
        ));
    }
    println!(
        "machine: {} cores (rayon threads: {})",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        rayon::current_num_threads()
    );
    for version in ["v1.0", "beta"] {
        let docs = root.join(version);
        let files = markdown_files(&docs);
        println!("\n## {version}: {} markdown files", files.len());
        // Alternating runs: the ratio is of runs made side by side.
        let (floor, model, ratio) =
            measure::repeat_paired(args.runs, || floor_pass(&files), || model_pass(&docs));
        println!("floor (read + one pulldown-cmark pass): {floor}");
        println!(
            "model (read + resolve): {model}\n  ratio to floor: {ratio:.2}x (median of paired runs; \
             {:.2}x median/median)",
            model.median.as_secs_f64() / floor.median.as_secs_f64().max(1e-9)
        );
        crate::bench_pipeline::report(&docs, args.runs, &floor)?;
    }
    if !args.no_compile {
        crate::bench_compile::report(&root.join("v1.0"))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Timings of a debug build say nothing: `cargo xtask` builds xtask in the dev profile, so the
/// bench runs itself again from an optimized build, with the same arguments.
fn rerun_in_release() -> miette::Result<ExitCode> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--release", "--quiet", "--package", "xtask", "--"])
        .args(std::env::args_os().skip(1))
        .current_dir(crate::workspace_root())
        .status()
        .map_err(|e| miette::miette!("cannot start the release build of xtask: {e}"))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Every `.md` file below `dir`, sorted.
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    files_with_extension(dir, "md")
}

/// Every `.rs` file below `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    files_with_extension(dir, "rs")
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The model on its own: read every page and resolve them into the API model, as `generate`
/// does before emitting. The model is kept (dropped after the clock stops), as `generate` keeps
/// it for emission.
fn model_pass(docs: &Path) -> Sample {
    let start = Instant::now();
    let mut read = generator::read::read_docs(docs);
    let mut diags = read.diagnostics;
    let api = generator::resolve::build_taking_examples(&mut read.pages, &mut diags);
    let sample = Sample::new(start.elapsed());
    std::hint::black_box((&api, &diags));
    sample
}

/// The floor: read every file and run one pulldown-cmark pass over it, in parallel.
fn floor_pass(files: &[PathBuf]) -> Sample {
    let start = Instant::now();
    let events: usize = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            let options = pulldown_cmark::Options::ENABLE_TABLES;
            pulldown_cmark::Parser::new_ext(&text, options)
                .into_offset_iter()
                .count()
        })
        .sum();
    std::hint::black_box(events);
    Sample::new(start.elapsed())
}
