//! The compile cost of the generated v1.0 crate: `cargo check` wall time and peak memory with all
//! features, with the default features and with one workload feature, plus the generated size.

use crate::measure::mib;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The workload feature measured on its own.
const ONE_WORKLOAD: &str = "groups";

pub fn report(docs: &Path) -> miette::Result<()> {
    let out = crate::workspace_root().join("target/bench/msgraph-v1.0");
    println!(
        "\n## compile cost of the generated v1.0 crate ({})",
        out.display()
    );
    crate::bench_pipeline::generate_standalone(docs, &out)?;
    let size = source_size(&out.join("src"));
    println!(
        "generated source: {} files, {} lines, {} bytes",
        size.files, size.lines, size.bytes
    );
    let target = crate::workspace_root().join("target/bench/check-target");
    // Build the dependencies once so the measurements below are of the generated crate alone.
    let warm = cargo_check(&out, &target, &["--no-default-features"])?;
    println!("warm-up (dependencies): {:.1} s", warm.seconds);
    for (label, flags) in [
        ("all features", vec!["--all-features"]),
        ("default features", vec![]),
        (
            "one workload (groups)",
            vec!["--no-default-features", "--features", ONE_WORKLOAD],
        ),
    ] {
        touch(&out.join("src/lib.rs"))?;
        let run = cargo_check(&out, &target, &flags)?;
        println!(
            "cargo check, {label}: {:.1} s, peak {}",
            run.seconds,
            mib(run.peak_rss)
        );
    }
    Ok(())
}

/// Size of a source tree.
#[derive(Debug, Default)]
pub struct SourceSize {
    pub files: usize,
    pub lines: usize,
    pub bytes: u64,
}

fn source_size(dir: &Path) -> SourceSize {
    let mut size = SourceSize::default();
    for path in crate::bench::rust_files(dir) {
        if let Ok(text) = std::fs::read_to_string(&path) {
            size.files += 1;
            size.lines += text.lines().count();
            size.bytes += text.len() as u64;
        }
    }
    size
}

struct CheckRun {
    seconds: f64,
    peak_rss: u64,
}

/// Runs `cargo check` under `xtask peak`, which reports the peak memory of its descendants.
fn cargo_check(krate: &Path, target: &PathBuf, flags: &[&str]) -> miette::Result<CheckRun> {
    let xtask = std::env::current_exe().map_err(|e| miette::miette!("{e}"))?;
    let start = Instant::now();
    let output = Command::new(xtask)
        .args(["peak", "--", "cargo", "check", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .args(flags)
        .env("CARGO_TARGET_DIR", target)
        // Incremental state left by earlier runs changes rustc's memory from run to run; a
        // non-incremental check measures the crate alone, as a first build does.
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .map_err(|e| miette::miette!("could not run cargo check: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(miette::miette!(
            "cargo check {} failed:\n{}",
            flags.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let peak_rss = stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-bytes: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    Ok(CheckRun { seconds, peak_rss })
}

fn touch(path: &Path) -> miette::Result<()> {
    let text = std::fs::read(path).map_err(|e| miette::miette!("{}: {e}", path.display()))?;
    std::fs::write(path, text).map_err(|e| miette::miette!("{}: {e}", path.display()))
}

/// `xtask peak -- CMD ARGS`: runs a command and prints the peak RSS of its largest descendant.
pub fn peak(command: &[String]) -> miette::Result<std::process::ExitCode> {
    let Some((program, args)) = command.split_first() else {
        return Err(miette::miette!("usage: xtask peak -- CMD [ARGS]"));
    };
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| miette::miette!("could not run {program}: {e}"))?;
    println!("peak-rss-bytes: {}", crate::measure::peak_rss_children());
    Ok(if status.success() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}
