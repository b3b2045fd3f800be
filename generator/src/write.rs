//! Atomic, only-changed output.
//!
//! The new output tree is staged in a folder beside the output (same file system): unchanged
//! files are hard-linked from the old tree (or copied with their modification time), changed
//! files written, files the generator does not own carried over, stale generated files
//! dropped. Then the staged folder is swapped in with two renames (old → backup, staged → out)
//! and the backup removed. A leftover backup from an interrupted run is recovered first. When
//! anything fails before the swap, the previous output is untouched.
//!
//! Nothing is written outside the output folder and its two siblings: every output path is
//! checked to be a plain relative path.

use crate::emit::OutputFile;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Writing the output failed; the previous output is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("GEN010: {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// An output path that is not a plain relative path (a generator bug, refused).
    #[error("GEN011: refusing to write `{0}`: not a plain relative path inside the output")]
    UnsafePath(String),
    /// The output folder has no parent to stage in.
    #[error("GEN012: `{0}` has no parent folder to stage the output in")]
    NoParent(PathBuf),
    /// The output path exists and is not a folder (a user's file): it is left alone.
    #[error(
        "GEN013: output `{0}` exists and is not a folder; nothing is written (pass another --out)"
    )]
    NotAFolder(PathBuf),
}

/// What the generator owns in the output folder.
#[derive(Debug, Clone, Default)]
pub struct Ownership {
    /// Exact files (`Cargo.toml`) or folders ending in `/` (`src/api/`).
    pub owned: Vec<String>,
}

impl Ownership {
    pub fn new(owned: Vec<String>) -> Self {
        Ownership { owned }
    }

    /// Whether the generator owns a relative path.
    pub fn owns(&self, relative: &str) -> bool {
        self.owned.iter().any(|o| {
            if o.ends_with('/') {
                relative.starts_with(o.as_str())
            } else {
                relative == o
            }
        })
    }
}

/// What a write did (or, with `check`, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// New or changed files.
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    /// Generated files of the old output that are no longer generated.
    pub removed: Vec<String>,
    /// Files not owned by the generator, carried over untouched.
    pub carried: usize,
}

impl WriteReport {
    /// Whether the output already matched.
    pub fn is_clean(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Writes `files` into `out` atomically; with `check`, only compares and writes nothing.
pub fn write_output(
    out: &Path,
    files: &[OutputFile],
    ownership: &Ownership,
    check: bool,
) -> Result<WriteReport, WriteError> {
    for file in files {
        validate(&file.path)?;
    }
    if out.exists() && !out.is_dir() {
        return Err(WriteError::NotAFolder(out.to_path_buf()));
    }
    let parent = parent_of(out)?;
    let name = out
        .file_name()
        .ok_or_else(|| WriteError::NoParent(out.to_path_buf()))?
        .to_string_lossy()
        .into_owned();
    let backup = parent.join(format!(".{name}.gen-backup"));
    if !check {
        recover(out, &backup, &parent, &name)?;
    }
    let old = list_files(out)?;
    let report = compare(out, files, ownership, &old)?;
    if check || report.is_clean() {
        return Ok(report);
    }
    fs::create_dir_all(&parent).map_err(io_at(&parent))?;
    let stage = tempfile::Builder::new()
        .prefix(&format!(".{name}.gen-stage"))
        .tempdir_in(&parent)
        .map_err(io_at(&parent))?;
    let stage_root = stage.path().join("out");
    fs::create_dir(&stage_root).map_err(io_at(&stage_root))?;
    copy_permissions(out, &stage_root);
    carry_over(out, &stage_root, &old, ownership)?;
    let unchanged: BTreeSet<&str> = report.unchanged.iter().map(String::as_str).collect();
    for file in files {
        let target = stage_root.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_at(dir))?;
        }
        if unchanged.contains(file.path.as_str()) {
            link_or_copy(&out.join(&file.path), &target)?;
        } else {
            fs::write(&target, &file.contents).map_err(io_at(&target))?;
        }
    }
    swap(out, &stage_root, &backup)?;
    Ok(report)
}

/// Compares the new files with the old tree.
fn compare(
    out: &Path,
    files: &[OutputFile],
    ownership: &Ownership,
    old: &BTreeMap<String, FileKind>,
) -> Result<WriteReport, WriteError> {
    let mut report = WriteReport::default();
    let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for file in files {
        let path = out.join(&file.path);
        let same = match old.get(&file.path) {
            Some(FileKind::File) => {
                fs::read(&path).map_err(io_at(&path))? == file.contents.as_bytes()
            }
            _ => false,
        };
        if same {
            report.unchanged.push(file.path.clone());
        } else {
            report.written.push(file.path.clone());
        }
    }
    for relative in old.keys() {
        if new.contains(relative.as_str()) {
            continue;
        }
        if ownership.owns(relative) {
            report.removed.push(relative.clone());
        } else {
            report.carried += 1;
        }
    }
    Ok(report)
}

/// A leftover backup means a run stopped mid-swap: restore it if the output is missing,
/// otherwise the swap had finished and the backup is dropped. Leftover staging folders go too.
fn recover(out: &Path, backup: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if backup.exists() {
        if out.exists() {
            fs::remove_dir_all(backup).map_err(io_at(backup))?;
        } else {
            fs::rename(backup, out).map_err(io_at(backup))?;
        }
    }
    let stage_prefix = format!(".{name}.gen-stage");
    if let Ok(entries) = fs::read_dir(parent) {
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with(&stage_prefix)
            {
                let path = entry.path();
                fs::remove_dir_all(&path).map_err(io_at(&path))?;
            }
        }
    }
    Ok(())
}

/// old → backup, staged → out, remove backup. If the second rename fails, the old output is
/// put back.
fn swap(out: &Path, staged: &Path, backup: &Path) -> Result<(), WriteError> {
    let had_old = out.exists();
    if had_old {
        fs::rename(out, backup).map_err(io_at(out))?;
    }
    if let Err(e) = fs::rename(staged, out) {
        if had_old {
            let _ = fs::rename(backup, out);
        }
        return Err(WriteError::Io {
            path: out.to_path_buf(),
            source: e,
        });
    }
    if had_old {
        fs::remove_dir_all(backup).map_err(io_at(backup))?;
    }
    Ok(())
}

/// Links (or copies) every file of the old tree the generator does not own into the stage.
fn carry_over(
    out: &Path,
    stage: &Path,
    old: &BTreeMap<String, FileKind>,
    ownership: &Ownership,
) -> Result<(), WriteError> {
    for (relative, kind) in old {
        if ownership.owns(relative) {
            continue;
        }
        let source = out.join(relative);
        let target = stage.join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_at(dir))?;
        }
        match kind {
            FileKind::File => link_or_copy(&source, &target)?,
            FileKind::Symlink => copy_symlink(&source, &target)?,
            FileKind::EmptyDir => fs::create_dir_all(&target).map_err(io_at(&target))?,
        }
    }
    Ok(())
}

fn link_or_copy(source: &Path, target: &Path) -> Result<(), WriteError> {
    if fs::hard_link(source, target).is_ok() {
        return Ok(());
    }
    fs::copy(source, target).map_err(io_at(source))?;
    if let Ok(modified) = fs::metadata(source).and_then(|m| m.modified()) {
        if let Ok(file) = fs::File::options().write(true).open(target) {
            let _ = file.set_modified(modified);
        }
    }
    Ok(())
}

#[cfg(unix)]
fn copy_symlink(source: &Path, target: &Path) -> Result<(), WriteError> {
    let link = fs::read_link(source).map_err(io_at(source))?;
    std::os::unix::fs::symlink(link, target).map_err(io_at(target))
}

#[cfg(not(unix))]
fn copy_symlink(source: &Path, target: &Path) -> Result<(), WriteError> {
    link_or_copy(source, target)
}

fn copy_permissions(from: &Path, to: &Path) {
    let permissions = fs::metadata(from).map(|m| m.permissions()).ok();
    #[cfg(unix)]
    let permissions = permissions.or_else(|| {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o755))
    });
    if let Some(p) = permissions {
        let _ = fs::set_permissions(to, p);
    }
}

/// What an entry of the old tree is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    File,
    Symlink,
    /// A folder with nothing in it (kept so carried-over layout stays the same).
    EmptyDir,
}

/// Every file of a tree, by `/`-separated relative path; empty when it does not exist.
fn list_files(root: &Path) -> Result<BTreeMap<String, FileKind>, WriteError> {
    let mut files = BTreeMap::new();
    if root.is_dir() {
        walk(root, "", &mut files)?;
    }
    Ok(files)
}

fn walk(
    dir: &Path,
    prefix: &str,
    files: &mut BTreeMap<String, FileKind>,
) -> Result<(), WriteError> {
    let mut empty = true;
    for entry in fs::read_dir(dir).map_err(io_at(dir))? {
        let entry = entry.map_err(io_at(dir))?;
        empty = false;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        let kind = entry.file_type().map_err(io_at(&entry.path()))?;
        if kind.is_symlink() {
            files.insert(relative, FileKind::Symlink);
        } else if kind.is_dir() {
            walk(&entry.path(), &format!("{relative}/"), files)?;
        } else {
            files.insert(relative, FileKind::File);
        }
    }
    if empty && !prefix.is_empty() {
        files.insert(prefix.trim_end_matches('/').to_string(), FileKind::EmptyDir);
    }
    Ok(())
}

/// A relative path of plain components: no root, no `..`, no `.`, no backslashes.
fn validate(relative: &str) -> Result<(), WriteError> {
    let path = Path::new(relative);
    let plain = !relative.is_empty()
        && !relative.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(())
    } else {
        Err(WriteError::UnsafePath(relative.to_string()))
    }
}

fn parent_of(out: &Path) -> Result<PathBuf, WriteError> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir().map_err(io_at(out))?.join(out)
    };
    absolute
        .parent()
        .map(Path::to_path_buf)
        .ok_or(WriteError::NoParent(absolute.clone()))
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
