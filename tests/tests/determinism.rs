//! Determinism: two runs, and runs on 1 and on 2 threads, give byte-identical output and the same
//! diagnostics in the same order. In-process (`Config::threads`) and as separate processes
//! (`RAYON_NUM_THREADS`, `--threads`), over specs/, the hostile pages, a synthetic tree and, when
//! present, the real corpus.

mod robustness;

use graph_docgen_e2e::corpus_root;
use robustness::pipeline::{snapshot, workspace_root, xtask_binary};
use robustness::synthetic::synthetic_docs;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// Generates `docs` with the library on `threads` reader threads; the files and diagnostics.
fn run_library(
    docs: &Path,
    threads: Option<usize>,
) -> (Snapshot, Vec<generator::diag::Diagnostic>) {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let mut config = generator::Config::new(docs, &out);
    config.standalone = true;
    config.threads = threads;
    let report = generator::generate(&config).unwrap_or_else(|e| panic!("{}: {e}", docs.display()));
    (snapshot(&out), report.diagnostics.items)
}

/// Generates `docs` with the xtask binary in a process with `RAYON_NUM_THREADS=threads`.
fn run_process(docs: &Path, threads: usize) -> (Snapshot, String) {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let output = Command::new(xtask_binary())
        .arg("gen")
        .arg("--docs")
        .arg(docs)
        .arg("--out")
        .arg(&out)
        .arg("--threads")
        .arg(threads.to_string())
        .env("RAYON_NUM_THREADS", threads.to_string())
        .current_dir(workspace_root())
        .output()
        .expect("xtask runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The report on stdout/stderr includes timings; compare the diagnostic lines only.
    let text = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    let out_name = out.display().to_string();
    let diagnostics = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("time:"))
        .map(|l| l.replace(&out_name, "<out>"))
        .collect::<Vec<_>>()
        .join("\n");
    (snapshot(&out), diagnostics)
}

fn assert_same(what: &str, a: &Snapshot, b: &Snapshot) {
    if a == b {
        return;
    }
    let differing: Vec<&PathBuf> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .take(10)
        .collect();
    panic!(
        "{what}: outputs differ ({} vs {} files), first differing files: {differing:?}",
        a.len(),
        b.len()
    );
}

fn hostile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("hostile/v1.0")
}

#[test]
fn two_runs_give_byte_identical_output() {
    for docs in [workspace_root().join("specs"), hostile()] {
        let (first, first_diags) = run_library(&docs, None);
        let (second, second_diags) = run_library(&docs, None);
        assert!(!first.is_empty());
        assert_same(&format!("{} run twice", docs.display()), &first, &second);
        assert_eq!(
            first_diags,
            second_diags,
            "{}: diagnostics differ between runs",
            docs.display()
        );
    }
}

#[test]
fn one_and_two_threads_give_byte_identical_output_in_process() {
    let work = tempfile::tempdir().unwrap();
    let synthetic = synthetic_docs(work.path(), 120);
    for docs in [workspace_root().join("specs"), hostile(), synthetic] {
        let (one, one_diags) = run_library(&docs, Some(1));
        let (two, two_diags) = run_library(&docs, Some(2));
        assert_same(&format!("{} on 1 vs 2 threads", docs.display()), &one, &two);
        assert_eq!(
            one_diags,
            two_diags,
            "{}: diagnostics differ between 1 and 2 threads",
            docs.display()
        );
    }
}

#[test]
fn one_and_two_threads_give_byte_identical_output_as_processes() {
    let mut inputs = vec![hostile()];
    if let Some(corpus) = corpus_root("determinism") {
        inputs.push(corpus.join("v1.0"));
    }
    for docs in inputs {
        let (one, one_text) = run_process(&docs, 1);
        let (two, two_text) = run_process(&docs, 2);
        assert_same(
            &format!("{} with RAYON_NUM_THREADS 1 vs 2", docs.display()),
            &one,
            &two,
        );
        assert_eq!(
            one_text,
            two_text,
            "{}: reports differ between 1 and 2 threads",
            docs.display()
        );
    }
}
