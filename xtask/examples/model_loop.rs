//! A loop for profilers (perf, callgrind): builds the model (read + resolve) of a docs version
//! several times, or only reads it, or runs the bench's floor, and prints each run's time.
//!
//! ```text
//! cargo build --release -p xtask --example model_loop
//! RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/release/examples/model_loop ../shared/graph-docs/beta 1
//! ```
//!
//! Arguments: the docs version folder, the number of runs (default 20), and a stage: `model`
//! (default), `read` or `floor`. Instruction counts (callgrind) are the steady measure on a
//! busy machine; the times printed here are not.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(docs) = args.next().map(PathBuf::from) else {
        eprintln!("usage: model_loop DOCS_VERSION_DIR [RUNS] [model|read|floor]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let stage = args.next().unwrap_or_else(|| "model".into());
    for _ in 0..runs {
        let start = Instant::now();
        match stage.as_str() {
            "floor" => {
                std::hint::black_box(floor(&docs));
            }
            "read" => {
                std::hint::black_box(generator::read::read_docs(&docs));
            }
            _ => {
                let mut read = generator::read::read_docs(&docs);
                let api = generator::resolve::build_taking_examples(
                    &mut read.pages,
                    &mut read.diagnostics,
                );
                std::hint::black_box((&api, &read));
            }
        }
        eprintln!("{stage}: {:.3} s", start.elapsed().as_secs_f64());
    }
}

/// The bench's floor, on one thread: read every page and run one pulldown-cmark pass over it.
fn floor(docs: &Path) -> usize {
    let mut files = Vec::new();
    let mut stack = vec![docs.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            pulldown_cmark::Parser::new_ext(&text, options)
                .into_offset_iter()
                .count()
        })
        .sum()
}
