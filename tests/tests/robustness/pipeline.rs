//! Running the generator the way users do: the library's `generate`, and the `xtask` binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The workspace root (the parent of the `tests` crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The target dir cargo builds into: `$CARGO_TARGET_DIR`, or the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// Generates a standalone crate from `docs` into `out` with the library, the way
/// `cargo xtask gen --docs DOCS --out OUT` does for a folder outside the workspace.
pub fn generate(docs: &Path, out: &Path) -> Result<generator::Report, generator::Error> {
    let mut config = generator::Config::new(docs, out);
    config.standalone = true;
    generator::generate(&config)
}

/// The `xtask` binary, built once per test process (debug profile, the workspace target dir).
pub fn xtask_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            let status = Command::new(env!("CARGO"))
                .args(["build", "--quiet", "-p", "xtask"])
                .current_dir(workspace_root())
                .env("CARGO_TARGET_DIR", target_dir())
                .status()
                .expect("cargo build -p xtask runs");
            assert!(status.success(), "cargo build -p xtask failed");
            let binary = target_dir()
                .join("debug")
                .join(format!("xtask{}", std::env::consts::EXE_SUFFIX));
            assert!(binary.exists(), "no xtask binary at {}", binary.display());
            binary
        })
        .clone()
}

/// `xtask gen` with `args`, run from the workspace root; the finished process.
pub fn xtask_gen(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(xtask_binary())
        .arg("gen")
        .args(args)
        .current_dir(workspace_root())
        .output()
        .expect("xtask runs")
}

/// The bytes of every file under `dir`, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    crate::robustness::generated::files_under(dir)
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(dir.join(&file)).unwrap_or_default();
            (file, bytes)
        })
        .collect()
}

/// Names of the entries directly in `dir`, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
