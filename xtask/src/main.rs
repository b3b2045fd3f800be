//! `cargo xtask`: maintainer commands.

mod bench;
mod bench_compile;
mod bench_pipeline;
mod conformance;
mod gen;
mod ir;
mod measure;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generation allocates many small, short-lived values (token trees, syntax trees, strings) on
/// every core; mimalloc's thread-local heaps serve them much faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "xtask", about = "graph-docgen maintainer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the docs and write the resolved API model as JSON.
    Ir(ir::Args),
    /// Generate the Rust SDK crate.
    Gen(gen::Args),
    /// Run every documentation example as a test of the generated SDK against a local server.
    Conformance(conformance::Args),
    /// Measure generation speed against its floor, and the compile cost of the generated crate.
    Bench(bench::Args),
    /// Run a command and print the peak memory of its largest descendant (used by `bench`).
    #[command(hide = true)]
    Peak {
        #[arg(last = true, required = true)]
        command: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ir(args) => ir::run(args),
        Command::Gen(args) => gen::run(args),
        Command::Conformance(args) => conformance::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Peak { command } => bench_compile::peak(&command),
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the folder holding `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The Graph docs corpus: `$GRAPH_DOCS`, or `../shared/graph-docs` beside the workspace.
pub fn default_corpus() -> PathBuf {
    std::env::var_os("GRAPH_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"))
}
