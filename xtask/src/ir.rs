//! `cargo xtask ir`: the resolved model as JSON, plus a diagnostics summary.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> miette::Result<ExitCode> {
    Err(miette::miette!("xtask ir is not built yet"))
}
