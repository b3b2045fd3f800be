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
    let mut samples: Vec<Duration> = (0..runs.max(1)).map(|_| f().elapsed).collect();
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
