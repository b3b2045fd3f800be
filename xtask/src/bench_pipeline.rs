//! The full pipeline (read, resolve, emit and format, write) with a breakdown by stage, its ratio
//! to the floor, and peak memory.

use crate::measure::{self, mib, Sample, Timing};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub fn report(docs: &Path, runs: usize, floor: &Timing) -> miette::Result<()> {
    let out = crate::workspace_root().join("target/bench").join(format!(
        "pipeline-{}",
        docs.file_name()
            .map_or("docs".into(), |n| n.to_string_lossy())
    ));
    let mut stages: Vec<generator::Timings> = Vec::new();
    let mut last = None;
    let total = measure::repeat(runs, || {
        // A fresh output folder each run, so `write` writes every file.
        let _ = std::fs::remove_dir_all(&out);
        let start = Instant::now();
        let report = generate_standalone_report(docs, &out);
        let sample = Sample::new(start.elapsed());
        if let Ok(report) = report {
            stages.push(report.timings.clone());
            last = Some(report);
        }
        sample
    });
    let Some(report) = last else {
        return Err(miette::miette!("generation from {} failed", docs.display()));
    };
    println!("full pipeline: {total}");
    println!(
        "  ratio to floor (best/best): {:.2}x",
        total.ratio_to(floor)
    );
    let median = |f: fn(&generator::Timings) -> Duration| {
        let mut v: Vec<Duration> = stages.iter().map(f).collect();
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let model = median(|t| t.read + t.resolve);
    println!(
        "  read+resolve (the model): median {model:.3} s, {:.2}x the floor's median",
        model / floor.median.as_secs_f64().max(1e-9)
    );
    println!(
        "  stages (median): read {:.3} s, resolve {:.3} s, emit+format {:.3} s, write {:.3} s",
        median(|t| t.read),
        median(|t| t.resolve),
        median(|t| t.emit),
        median(|t| t.write)
    );
    let c = &report.counts;
    println!(
        "  output: {} pages → {} types, {} enums, {} operations, {} features; {} files, {} lines, {} bytes",
        c.pages, c.types, c.enums, c.operations, c.features, c.files, c.lines, c.bytes
    );
    println!(
        "  peak memory (separate `xtask gen` process): {}",
        mib(peak_of_gen(docs, &out)?)
    );
    Ok(())
}

/// Generates a standalone crate from `docs` into `out`.
pub fn generate_standalone(docs: &Path, out: &Path) -> miette::Result<()> {
    generate_standalone_report(docs, out).map(|_| ())
}

fn generate_standalone_report(docs: &Path, out: &Path) -> miette::Result<generator::Report> {
    let mut config = generator::Config::new(docs, out);
    config.standalone = true;
    generator::generate(&config).map_err(|e| miette::miette!("{e}"))
}

/// Peak RSS of one `xtask gen` run in a child process.
fn peak_of_gen(docs: &Path, out: &Path) -> miette::Result<u64> {
    let _ = std::fs::remove_dir_all(out);
    let xtask = std::env::current_exe().map_err(|e| miette::miette!("{e}"))?;
    let output = Command::new(xtask)
        .args(["peak", "--"])
        .arg(std::env::current_exe().map_err(|e| miette::miette!("{e}"))?)
        .args(["gen", "--show", "0", "--docs"])
        .arg(docs)
        .arg("--out")
        .arg(out)
        .output()
        .map_err(|e| miette::miette!("could not run xtask gen: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-bytes: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0))
}
