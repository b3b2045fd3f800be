//! Reading a docs tree: every file accounted for, pages read in parallel.
//!
//! # Which folder is the docs root
//! * A **version folder** directly contains `api/` and/or `resources/` (e.g. `graph-docs/v1.0`).
//!   Its own name becomes the version prefix of every file name: `v1.0/api/user-get.md`.
//! * Otherwise the root is a **folder of versions** (e.g. `graph-docs/` with `v1.0/` and
//!   `beta/`): every file under it is read, and file names are relative to it
//!   (`beta/api/user-get.md`). Resolve each version separately ([`version_dirs`]).
//!
//! Every file under the root is counted. Pages are `.md` files under `<version>/api/` or
//! `<version>/resources/` that the reader recognises as API, resource or enum pages; every other
//! file is skipped with a Note saying why. Files are visited in sorted order and the result does
//! not depend on thread scheduling.

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::docs::{read_page, Page, PageKind};
use crate::resolve::codes;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many files were seen, modelled and skipped: `seen == pages + skipped`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FileCounts {
    pub seen: usize,
    pub pages: usize,
    pub skipped: usize,
}

/// Pages read from a docs tree, with what reading reported.
#[derive(Debug, Default)]
pub struct ReadResult {
    /// API, resource and enum pages, sorted by file name.
    pub pages: Vec<Page>,
    pub diagnostics: Diagnostics,
    pub files: FileCounts,
    /// The folder that page file names are relative to (`None` for in-memory input).
    pub base: Option<PathBuf>,
}

/// The folders of a folder of versions that hold pages (`v1.0`, `beta`), sorted; a version
/// folder itself yields just itself.
pub fn version_dirs(root: &Path) -> Vec<PathBuf> {
    if is_version_dir(root) {
        return vec![root.to_path_buf()];
    }
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_version_dir(p))
        .collect();
    dirs.sort();
    dirs
}

fn is_version_dir(dir: &Path) -> bool {
    dir.join("api").is_dir() || dir.join("resources").is_dir()
}

/// Reads every page under `root` (see the module docs for the folder rule). A missing or
/// unreadable root gives an empty result with an RES001 error.
pub fn read_docs(root: &Path) -> ReadResult {
    let (base, start) = if is_version_dir(root) {
        let base = root.parent().map(Path::to_path_buf).unwrap_or_default();
        (base, root.to_path_buf())
    } else {
        (root.to_path_buf(), root.to_path_buf())
    };
    let mut result = ReadResult {
        base: Some(base.clone()),
        ..ReadResult::default()
    };
    let files = match list_files(&start, &relative_name(&base, &start)) {
        Ok(files) => files,
        Err(error) => {
            let message = format!("cannot read docs folder {}: {error}", root.display());
            result.diagnostics.push(
                Diagnostic::new(
                    codes::DOCS_FOLDER_UNREADABLE,
                    Severity::Error,
                    root.display().to_string(),
                    0,
                    message,
                )
                .with_help(
                    "pass a folder that contains api/ and resources/, or version folders like v1.0/",
                ),
            );
            return result;
        }
    };
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|(path, name, kind)| read_file(path, name, *kind))
        .collect();
    collect(&mut result, outcomes);
    result
}

/// Reads pages from memory: `(file name relative to a docs root, text)`, same rules as
/// [`read_docs`] (names like `v1.0/api/x.md` or `api/x.md`).
pub fn read_texts(files: &[(String, String)]) -> ReadResult {
    let mut sorted: Vec<&(String, String)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let outcomes = sorted
        .par_iter()
        .map(|(name, text)| match skip_reason(name) {
            Some(reason) => Outcome::Skipped(reason),
            None => read_text(name, text),
        })
        .collect();
    let mut result = ReadResult::default();
    collect(&mut result, outcomes);
    result
}

/// A file below the docs root: its path, its name relative to the base (`/`-separated) and what
/// the folder listing says it is.
type Listed = (PathBuf, String, FileKind);

/// What a folder entry is, as the listing tells it (no extra system call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Regular,
    /// A symbolic link: what it points to is looked up before it is opened.
    Link,
    /// A FIFO, socket or device: never opened (opening a FIFO waits for a writer).
    Special,
}

impl FileKind {
    fn of(file_type: std::fs::FileType) -> Self {
        if file_type.is_file() {
            FileKind::Regular
        } else if file_type.is_symlink() {
            FileKind::Link
        } else {
            FileKind::Special
        }
    }
}

/// Pages larger than this are not read: the largest page of the Graph docs is about 120 KB, and
/// a file of gigabytes (or a link to `/dev/zero`) must not exhaust memory.
pub const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

/// Lists every file below `dir` (whose name relative to the base is `name`, empty for the base
/// itself) in path order: each folder's entries sorted by name and visited depth first, which is
/// the order of sorting the paths (`Path`'s `Ord` compares component by component) without
/// comparing whole paths. Subfolders are listed in parallel.
fn list_files(dir: &Path, name: &str) -> std::io::Result<Vec<Listed>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let file_type = entry.file_type()?;
        entries.push((
            entry.file_name(),
            file_type.is_dir(),
            FileKind::of(file_type),
        ));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let child_name = |file_name: &std::ffi::OsStr| match name {
        "" => file_name.to_string_lossy().into_owned(),
        _ => format!("{name}/{}", file_name.to_string_lossy()),
    };
    let subfolders: Vec<Option<std::io::Result<Vec<Listed>>>> = entries
        .par_iter()
        .map(|(file_name, is_dir, _)| {
            is_dir.then(|| list_files(&dir.join(file_name), &child_name(file_name)))
        })
        .collect();
    let mut out = Vec::with_capacity(entries.len());
    for ((file_name, _, kind), listed) in entries.iter().zip(subfolders) {
        match listed {
            Some(listed) => out.extend(listed?),
            None => out.push((dir.join(file_name), child_name(file_name), *kind)),
        }
    }
    Ok(out)
}

fn relative_name(base: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(base).unwrap_or(file);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// What happened to one file.
enum Outcome {
    Page(Box<Page>, Vec<Diagnostic>),
    Skipped(Diagnostic),
    /// Read but not a page: the reader's diagnostics plus the skip note.
    NotAPage(Vec<Diagnostic>),
}

fn collect(result: &mut ReadResult, outcomes: Vec<Outcome>) {
    let mut pages: Vec<Box<Page>> = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        result.files.seen += 1;
        match outcome {
            Outcome::Page(page, diags) => {
                result.files.pages += 1;
                pages.push(page);
                result.diagnostics.extend(diags);
            }
            Outcome::Skipped(diag) => {
                result.files.skipped += 1;
                result.diagnostics.push(diag);
            }
            Outcome::NotAPage(diags) => {
                result.files.skipped += 1;
                result.diagnostics.extend(diags);
            }
        }
    }
    // Pages are large: they are moved out of their boxes into place by the pool, in order.
    result
        .pages
        .par_extend(pages.into_par_iter().map(|page| *page));
}

/// Why a file name is not a page, if it is not.
fn skip_reason(name: &str) -> Option<Diagnostic> {
    let note = |code, message: &str| Some(Diagnostic::new(code, Severity::Note, name, 0, message));
    if !name.to_ascii_lowercase().ends_with(".md") {
        return note(
            codes::SKIPPED_NOT_MARKDOWN,
            "skipped: not a markdown (.md) file",
        );
    }
    let parts: Vec<&str> = name.split('/').collect();
    let in_area = |i: usize| parts.len() > i + 1 && matches!(parts[i], "api" | "resources");
    if !(in_area(0) || in_area(1)) {
        return note(
            codes::SKIPPED_OUTSIDE_PAGES,
            "skipped: not under an api/ or resources/ folder",
        );
    }
    None
}

fn read_file(path: &Path, name: &str, kind: FileKind) -> Outcome {
    if let Some(reason) = skip_reason(name) {
        return Outcome::Skipped(reason);
    }
    let bytes = match read_bytes(path, kind) {
        Ok(bytes) => bytes,
        Err(skipped) => return Outcome::Skipped(skipped.diagnostic(name)),
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => read_text(name, text),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes);
            let mut outcome = read_text(name, &text);
            let diag = Diagnostic::new(
                codes::NOT_UTF8,
                Severity::Warning,
                name,
                line_of(bytes, error.valid_up_to()),
                "file is not valid UTF-8; invalid bytes were replaced",
            )
            .with_help("save the page as UTF-8");
            match &mut outcome {
                Outcome::Page(_, diags) | Outcome::NotAPage(diags) => diags.insert(0, diag),
                Outcome::Skipped(_) => {}
            }
            outcome
        }
    }
}

/// Why a file's bytes were not read.
enum NotRead {
    NotRegular,
    TooLarge(u64),
    Failed(std::io::Error),
}

impl NotRead {
    fn diagnostic(&self, name: &str) -> Diagnostic {
        let (code, severity, message, help) = match self {
            NotRead::NotRegular => (
                codes::SKIPPED_NOT_REGULAR,
                Severity::Warning,
                "skipped: not a regular file (a FIFO, device or socket, or a link to one)"
                    .to_string(),
                "replace it with the page's markdown file, or remove it",
            ),
            NotRead::TooLarge(len) => (
                codes::SKIPPED_TOO_LARGE,
                Severity::Warning,
                format!("skipped: {len} bytes is more than a page can be ({MAX_PAGE_BYTES} bytes)"),
                "split the page, or check that the file is the page meant",
            ),
            NotRead::Failed(error) => (
                codes::FILE_UNREADABLE,
                Severity::Error,
                format!("cannot read file: {error}"),
                "check the file's permissions",
            ),
        };
        Diagnostic::new(code, severity, name, 0, message).with_help(help)
    }
}

/// Reads a listed file: regular files (and links to them) of at most [`MAX_PAGE_BYTES`]. The
/// size comes from the open file, as `std::fs::read` would take it: no extra system call.
fn read_bytes(path: &Path, kind: FileKind) -> Result<Vec<u8>, NotRead> {
    use std::io::Read;
    let regular = match kind {
        FileKind::Regular => true,
        FileKind::Link => std::fs::metadata(path).is_ok_and(|m| m.is_file()),
        FileKind::Special => false,
    };
    if !regular {
        return Err(NotRead::NotRegular);
    }
    let mut file = std::fs::File::open(path).map_err(NotRead::Failed)?;
    let len = file.metadata().map_err(NotRead::Failed)?.len();
    if len > MAX_PAGE_BYTES {
        return Err(NotRead::TooLarge(len));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // `take` bounds a file that grows while it is read.
    (&mut file)
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(NotRead::Failed)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(NotRead::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The bytes of `path` when it is a regular file (or a link to one) of at most
/// [`MAX_PAGE_BYTES`]; `None` otherwise. For reading pages again after the run (to show a
/// diagnostic's source line): a FIFO is never opened, a device never read.
pub(crate) fn read_regular_file(path: &Path) -> Option<Vec<u8>> {
    read_bytes(path, FileKind::Link).ok()
}

fn line_of(bytes: &[u8], offset: usize) -> u32 {
    1 + bytes[..offset].iter().filter(|b| **b == b'\n').count() as u32
}

fn read_text(name: &str, text: &str) -> Outcome {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (page, mut diags) = read_page(name, text);
    if is_model_page(&page) {
        return Outcome::Page(Box::new(page), diags);
    }
    let doc_type = page.front.doc_type.as_deref().unwrap_or("none");
    let message = format!("skipped: not an API, resource or enum page (doc_type: {doc_type})");
    diags.push(Diagnostic::new(
        codes::SKIPPED_NOT_A_PAGE,
        Severity::Note,
        name,
        0,
        message,
    ));
    Outcome::NotAPage(diags)
}

/// Pages that feed the model: API, resource and enum pages (or unclassified pages that still
/// carry API, resource or enum content).
fn is_model_page(page: &Page) -> bool {
    match page.kind {
        Some(PageKind::Api | PageKind::Resource | PageKind::Enum) => true,
        Some(PageKind::Other) => false,
        None => page.api.is_some() || page.resource.is_some() || !page.enums.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_reasons_by_name() {
        assert_eq!(
            skip_reason("LICENSE").unwrap().code,
            codes::SKIPPED_NOT_MARKDOWN
        );
        assert_eq!(
            skip_reason("beta/resources/a.md.txt").unwrap().code,
            codes::SKIPPED_NOT_MARKDOWN
        );
        assert_eq!(
            skip_reason("v1.0/README.md").unwrap().code,
            codes::SKIPPED_OUTSIDE_PAGES
        );
        assert!(skip_reason("v1.0/api/user-get.md").is_none());
        assert!(skip_reason("api/user-get.md").is_none());
    }

    #[test]
    fn files_are_listed_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "a/b/c.md",
            "a/b-x.md",
            "a/b.md",
            "a/ab/z.md",
            "a.md",
            "a-b/c.md",
            "B.md",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let listed = list_files(dir.path(), "docs").unwrap();
        let files: Vec<PathBuf> = listed.iter().map(|(path, _, _)| path.clone()).collect();
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files.len(), 7);
        assert_eq!(files, sorted);
        for (path, name, _) in &listed {
            let relative = relative_name(dir.path(), path);
            assert_eq!(name, &format!("docs/{relative}"));
        }
    }

    #[test]
    fn every_file_is_accounted_for() {
        let dir = tempfile::tempdir().unwrap();
        let version = dir.path().join("v1.0");
        std::fs::create_dir_all(version.join("api")).unwrap();
        std::fs::create_dir_all(version.join("resources")).unwrap();
        std::fs::write(dir.path().join("LICENSE"), "x").unwrap();
        std::fs::write(version.join("api/notes.txt"), "x").unwrap();
        std::fs::write(version.join("api/bad.md"), b"\xEF\xBB\xBF# a\n\xFF\xFE\n").unwrap();
        std::fs::write(version.join("resources/r.md"), "# r resource type\n").unwrap();
        for root in [dir.path().to_path_buf(), version.clone()] {
            let result = read_docs(&root);
            let files = result.files;
            assert_eq!(files.seen, files.pages + files.skipped, "{root:?}");
            let counted = result
                .diagnostics
                .items
                .iter()
                .filter(|d| d.line == 0)
                .count();
            assert!(counted >= files.skipped);
            assert!(result
                .diagnostics
                .items
                .iter()
                .any(|d| d.code == codes::NOT_UTF8 && d.line == 2));
            let names: Vec<_> = result
                .diagnostics
                .items
                .iter()
                .map(|d| d.file.as_str())
                .collect();
            assert!(names.contains(&"v1.0/api/notes.txt"), "{names:?}");
        }
        assert_eq!(read_docs(dir.path()).files.seen, 4);
        assert_eq!(version_dirs(dir.path()), [version]);
    }

    #[test]
    fn a_missing_root_is_one_error() {
        let result = read_docs(Path::new("/nonexistent/graph-docs"));
        assert_eq!(result.files, FileCounts::default());
        assert_eq!(
            result.diagnostics.items[0].code,
            codes::DOCS_FOLDER_UNREADABLE
        );
    }

    #[test]
    fn in_memory_pages_follow_the_same_rules() {
        let files = vec![
            ("api/b.md".to_string(), "# b\n".to_string()),
            ("x.json".to_string(), "{}".to_string()),
        ];
        let result = read_texts(&files);
        assert_eq!(result.files.seen, 2);
        assert_eq!(result.files.seen, result.files.pages + result.files.skipped);
    }
}
