//! `cargo xtask gen`: regenerate the SDK crate.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> miette::Result<ExitCode> {
    Err(miette::miette!("xtask gen is not built yet"))
}
