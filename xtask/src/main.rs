//! `cargo xtask`: maintainer commands.

mod gen;
mod ir;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ir(args) => ir::run(args),
        Command::Gen(args) => gen::run(args),
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::FAILURE
        }
    }
}
