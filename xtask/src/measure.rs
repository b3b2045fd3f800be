//! Small timing and memory helpers for `cargo xtask bench`.

use std::fmt;
use std::time::Duration;

/// One timed run.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub elapsed: Duration,
}

impl Sample {
    pub fn new(elapsed: Duration) -> Self {
        Sample { elapsed }
    }
}

/// Best and median of repeated runs.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub best: Duration,
    pub median: Duration,
    pub runs: usize,
}

impl Timing {
    pub fn ratio_to(&self, floor: &Timing) -> f64 {
        self.best.as_secs_f64() / floor.best.as_secs_f64().max(1e-9)
    }
}

impl fmt::Display for Timing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "best {:.3} s, median {:.3} s over {} runs",
            self.best.as_secs_f64(),
            self.median.as_secs_f64(),
            self.runs
        )
    }
}

/// Runs `f` once to warm caches, then `runs` times, and summarises.
pub fn repeat(runs: usize, mut f: impl FnMut() -> Sample) -> Timing {
    f();
    summarise((0..runs.max(1)).map(|_| f().elapsed).collect())
}

/// Runs `a` and `b` alternately (after one warm-up each), `runs` times each, so that drift on a
/// shared machine (other load, clock changes) falls on both alike; summarises each and the
/// median of the per-pair ratios `b / a`.
pub fn repeat_paired(
    runs: usize,
    mut a: impl FnMut() -> Sample,
    mut b: impl FnMut() -> Sample,
) -> (Timing, Timing, f64) {
    a();
    b();
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        first.push(a().elapsed);
        second.push(b().elapsed);
    }
    let mut ratios: Vec<f64> = first
        .iter()
        .zip(&second)
        .map(|(a, b)| b.as_secs_f64() / a.as_secs_f64().max(1e-9))
        .collect();
    ratios.sort_by(f64::total_cmp);
    let ratio = ratios[ratios.len() / 2];
    (summarise(first), summarise(second), ratio)
}

fn summarise(mut samples: Vec<Duration>) -> Timing {
    samples.sort();
    Timing {
        best: samples[0],
        median: samples[samples.len() / 2],
        runs: samples.len(),
    }
}

/// Peak resident memory of the largest waited-for descendant, in bytes.
pub fn peak_rss_children() -> u64 {
    max_rss(libc::RUSAGE_CHILDREN)
}

fn max_rss(who: libc::c_int) -> u64 {
    // SAFETY: getrusage only writes into the zeroed struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(who, &mut usage) };
    if rc == 0 {
        (usage.ru_maxrss as u64) * 1024
    } else {
        0
    }
}

/// Bytes as MiB with one decimal.
pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}
