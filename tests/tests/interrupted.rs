//! Nothing is lost: a generation killed with SIGKILL at any moment (while reading, emitting,
//! staging or swapping) leaves the previous output byte-identical, or the new output complete;
//! files the user added to the output survive; nothing is written outside the output folder
//! except the writer's own staging folders beside it, which the next run removes.

mod robustness;

use robustness::generated::files_under;
use robustness::pipeline::{entries, snapshot, workspace_root, xtask_binary, xtask_gen};
use robustness::synthetic::synthetic_docs;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// Files a user keeps in the generated crate: outside what the generator owns.
const USER_FILES: &[(&str, &str)] = &[
    ("README.md", "# My notes about the generated client\n"),
    ("notes/todo.txt", "check the retry policy\n"),
    ("src/extra.rs", "// a module the user wrote\n"),
    ("tests/smoke.rs", "#[test]\nfn smoke() {}\n"),
];

fn gen_ok(docs: &Path, out: &Path) {
    let output = xtask_gen(&[
        OsStr::new("--docs"),
        docs.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "generation failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn add_user_files(out: &Path) {
    for (path, text) in USER_FILES {
        let target = out.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for file in files_under(from) {
        let target = to.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&file), target).unwrap();
    }
}

/// When to kill a run: after a fixed time, once the writer's staging folder appears (the write
/// phase) plus an offset, or once the backup of the old output appears (the swap).
#[derive(Debug, Clone, Copy)]
enum KillAt {
    After(Duration),
    StagingPlus(Duration),
    /// As soon as the old output has been renamed to the backup (mid-swap).
    Backup,
}

/// Starts `xtask gen`, kills it (SIGKILL) at `when`; returns whether it had already finished.
fn run_and_kill(docs: &Path, out: &Path, when: KillAt) -> bool {
    let parent = out.parent().unwrap();
    let stage_prefix = format!(".{}.gen-stage", out.file_name().unwrap().to_string_lossy());
    let mut child = Command::new(xtask_binary())
        .args([
            OsStr::new("gen"),
            OsStr::new("--docs"),
            docs.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ])
        .current_dir(workspace_root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("xtask starts");
    let started = Instant::now();
    let deadline = started + Duration::from_secs(120);
    let kill_at = loop {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        match when {
            KillAt::After(delay) if started.elapsed() >= delay => break Instant::now(),
            KillAt::StagingPlus(offset)
                if entries(parent).iter().any(|e| e.starts_with(&stage_prefix)) =>
            {
                break Instant::now() + offset;
            }
            KillAt::Backup if entries(parent).iter().any(|e| e.ends_with(".gen-backup")) => {
                break Instant::now();
            }
            _ => {}
        }
        assert!(
            Instant::now() < deadline,
            "the run neither reached {when:?} nor finished"
        );
        if !matches!(when, KillAt::Backup) {
            std::thread::sleep(Duration::from_micros(500));
        }
    };
    while Instant::now() < kill_at {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let status = child.wait().expect("wait for the killed run");
    status.success()
}

/// The entries beside the output may only be the output and the writer's own temporary folders.
fn strays(parent: &Path) -> Vec<String> {
    entries(parent)
        .into_iter()
        .filter(|e| e != "out" && !e.starts_with(".out.gen-stage") && e != ".out.gen-backup")
        .collect()
}

#[test]
fn a_killed_generation_leaves_the_previous_output_or_the_complete_new_one() {
    let work = tempfile::tempdir().unwrap();
    let small = workspace_root().join("specs");
    let big = synthetic_docs(&work.path().join("big"), 300);
    let docs_before = snapshot(&big);

    // The previous output, with the user's own files in it.
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    gen_ok(&small, &out);
    add_user_files(&out);
    let before: Snapshot = snapshot(&out);

    // What a complete run over the big docs gives from that state.
    let reference_parent = tempfile::tempdir().unwrap();
    let reference = reference_parent.path().join("out");
    copy_tree(&out, &reference);
    gen_ok(&big, &reference);
    let after: Snapshot = snapshot(&reference);
    assert_ne!(before, after, "the big docs must change the output");
    for (path, text) in USER_FILES {
        assert_eq!(
            after.get(Path::new(path)).map(Vec::as_slice),
            Some(text.as_bytes()),
            "{path} survives a run"
        );
    }

    let schedule = [
        KillAt::After(Duration::from_millis(30)),
        KillAt::After(Duration::from_millis(400)),
        KillAt::After(Duration::from_millis(1500)),
        KillAt::StagingPlus(Duration::ZERO),
        KillAt::StagingPlus(Duration::from_millis(2)),
        KillAt::StagingPlus(Duration::from_millis(10)),
        KillAt::StagingPlus(Duration::from_millis(30)),
        KillAt::StagingPlus(Duration::from_millis(80)),
        KillAt::StagingPlus(Duration::from_millis(200)),
        KillAt::StagingPlus(Duration::from_millis(500)),
        KillAt::StagingPlus(Duration::from_millis(1000)),
        KillAt::Backup,
        KillAt::Backup,
        KillAt::StagingPlus(Duration::from_secs(60)),
    ];
    let (mut interrupted, mut completed) = (0, 0);
    for when in schedule {
        let finished = run_and_kill(&big, &out, when);
        let now = snapshot(&out);
        if now == before {
            interrupted += 1;
        } else if now == after {
            completed += 1;
            // Back to the previous state for the next kill: regenerating the small docs over it.
            gen_ok(&small, &out);
            assert_eq!(
                snapshot(&out),
                before,
                "regenerating gives the previous output again"
            );
        } else {
            let changed: Vec<_> = now
                .keys()
                .filter(|k| before.get(*k) != now.get(*k))
                .take(10)
                .collect();
            panic!(
                "{when:?} (finished: {finished}): the output is neither the previous nor the new one; \
                 out exists: {}, {} files, first differences: {changed:?}, beside it: {:?}",
                out.exists(),
                now.len(),
                entries(parent.path())
            );
        }
        let stray = strays(parent.path());
        assert!(
            stray.is_empty(),
            "{when:?}: files written beside the output: {stray:?}"
        );
    }
    println!("{interrupted} runs killed before the swap, {completed} finished first");
    assert!(
        interrupted >= 3,
        "the kills should interrupt runs ({interrupted} did)"
    );

    // The next complete run cleans up whatever a killed run left beside the output.
    gen_ok(&small, &out);
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        entries(parent.path()),
        ["out"],
        "leftovers of killed runs are removed"
    );
    assert_eq!(
        snapshot(&big),
        docs_before,
        "the docs folder is never written"
    );
}

#[test]
fn a_run_killed_before_any_output_existed_leaves_nothing_or_everything() {
    let work = tempfile::tempdir().unwrap();
    let big = synthetic_docs(&work.path().join("big"), 150);
    let reference = work.path().join("reference");
    gen_ok(&big, &reference);
    let complete = snapshot(&reference);
    for when in [
        KillAt::After(Duration::from_millis(200)),
        KillAt::StagingPlus(Duration::ZERO),
        KillAt::StagingPlus(Duration::from_millis(20)),
    ] {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("out");
        run_and_kill(&big, &out, when);
        assert!(
            !out.exists() || snapshot(&out) == complete,
            "{when:?}: a half-written output folder exists ({} files)",
            snapshot(&out).len()
        );
        let stray = strays(parent.path());
        assert!(
            stray.is_empty(),
            "{when:?}: files written beside the output: {stray:?}"
        );
        gen_ok(&big, &out);
        assert_eq!(snapshot(&out), complete);
        assert_eq!(entries(parent.path()), ["out"]);
    }
}
