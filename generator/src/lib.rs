//! graph-docgen: reads Microsoft Graph reference pages into an API model and emits a typed Rust SDK.
//!
//! Data flow: [`read::read_docs`] (every page, in parallel, via [`docs::read_page`]) →
//! [`resolve::build`] (whole corpus) → [`model::Api`] → [`emit`] (Rust files) → [`write`]
//! (atomic swap). Diagnostics flow out of every stage into one [`diag::Diagnostics`].
//!
//! [`generate`] runs the whole pipeline for one [`Config`]:
//!
//! ```no_run
//! let config = graph_docgen::Config::new("specs", "generated");
//! let report = graph_docgen::generate(&config)?;
//! println!("{} written, {} unchanged", report.write.written.len(), report.write.unchanged.len());
//! # Ok::<(), graph_docgen::Error>(())
//! ```

pub mod diag;
pub mod diag_render;
pub mod docs;
pub mod emit;
pub mod model;
pub mod read;
pub mod resolve;
pub mod write;

use diag::{Diagnostics, Severity};
use emit::{EmitConfig, Emitted, Emitter};
use model::Api;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use write::{Ownership, WriteReport};

/// What to generate, from where, to where.
#[derive(Debug, Clone)]
pub struct Config {
    /// A docs version folder (with `api/` and `resources/`), or a folder of versions, of which
    /// `v1.0` (or the only one) is used.
    pub docs: PathBuf,
    /// The crate folder to write.
    pub out: PathBuf,
    /// Write a crate that builds on its own (runtime included, no workspace inheritance).
    pub standalone: bool,
    /// Compare only: report stale files and write nothing.
    pub check: bool,
    /// Worker threads for every stage (`None`: one per core).
    pub threads: Option<usize>,
    /// Package name and default features of the generated crate.
    pub emit: EmitConfig,
}

impl Config {
    /// Generates `out` from `docs` as the in-workspace crate.
    pub fn new(docs: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Config {
            docs: docs.into(),
            out: out.into(),
            standalone: false,
            check: false,
            threads: None,
            emit: EmitConfig::default(),
        }
    }
}

/// Generation failed; the previous output is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no docs version folder (with api/ or resources/) under {0}")]
    NoDocs(PathBuf),
    #[error("{0} holds several versions ({1}); pass one of them")]
    AmbiguousVersion(PathBuf, String),
    #[error(transparent)]
    Emit(#[from] emit::EmitError),
    #[error(transparent)]
    Write(#[from] write::WriteError),
    /// Nothing usable: the folder holds no API, resource or enum page.
    #[error("no API, resource or enum page under {0} ({1} files seen); nothing is written")]
    NoPages(PathBuf, usize),
    #[error("cannot start the worker threads: {0}")]
    Threads(String),
}

/// Counts of what a run produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub pages: usize,
    pub types: usize,
    pub enums: usize,
    pub operations: usize,
    pub features: usize,
    pub files: usize,
    pub lines: usize,
    pub bytes: usize,
}

/// How long each stage took.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub read: Duration,
    pub resolve: Duration,
    pub emit: Duration,
    pub write: Duration,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The version folder that was read.
    pub docs: PathBuf,
    pub diagnostics: Diagnostics,
    pub counts: Counts,
    pub write: WriteReport,
    pub timings: Timings,
}

impl Report {
    /// Errors among the diagnostics.
    pub fn errors(&self) -> usize {
        self.diagnostics.count(Severity::Error)
    }
}

/// Runs read → resolve → emit → write, every stage on `config.threads` worker threads.
pub fn generate(config: &Config) -> Result<Report, Error> {
    if config.out.exists() && !config.out.is_dir() {
        return Err(write::WriteError::NotAFolder(config.out.clone()).into());
    }
    let docs = version_dir(&config.docs)?;
    match config.threads {
        Some(threads) => rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Threads(e.to_string()))?
            .install(|| run_pipeline(config, docs)),
        None => run_pipeline(config, docs),
    }
}

/// The stages of [`generate`], on the current rayon pool.
fn run_pipeline(config: &Config, docs: PathBuf) -> Result<Report, Error> {
    let mut report = Report {
        docs: docs.clone(),
        ..Report::default()
    };
    let start = Instant::now();
    let mut read = read::read_docs(&docs);
    report.timings.read = start.elapsed();
    if read.pages.is_empty() {
        return Err(Error::NoPages(docs, read.files.seen));
    }
    report.counts.pages = read.pages.len();
    let mut diags = read.diagnostics;

    let start = Instant::now();
    let api = resolve::build_taking_examples(&mut read.pages, &mut diags);
    report.timings.resolve = start.elapsed();

    let (emitted, write) = emit_and_write(&api, config, &mut diags, &mut report.timings)?;
    diags.sort();
    report.diagnostics = diags;
    report.counts = Counts {
        pages: report.counts.pages,
        ..counts(&api, &emitted)
    };
    report.write = write;
    Ok(report)
}

/// Emits an already resolved [`Api`] and writes it (the second half of [`generate`]).
pub fn generate_api(api: &Api, config: &Config) -> Result<Report, Error> {
    let mut report = Report {
        docs: config.docs.clone(),
        ..Report::default()
    };
    let mut diags = Diagnostics::default();
    let (emitted, write) = emit_and_write(api, config, &mut diags, &mut report.timings)?;
    diags.sort();
    report.diagnostics = diags;
    report.counts = counts(api, &emitted);
    report.write = write;
    Ok(report)
}

fn emit_and_write(
    api: &Api,
    config: &Config,
    diags: &mut Diagnostics,
    timings: &mut Timings,
) -> Result<(Emitted, WriteReport), Error> {
    let mut emit_config = config.emit.clone();
    emit_config.standalone = config.standalone;
    let start = Instant::now();
    let emitted = Emitter::new(api, &emit_config).emit(diags)?;
    timings.emit = start.elapsed();
    let start = Instant::now();
    let ownership = Ownership::new(emitted.owned.clone());
    let write = write::write_output(&config.out, &emitted.files, &ownership, config.check)?;
    timings.write = start.elapsed();
    Ok((emitted, write))
}

fn counts(api: &Api, emitted: &Emitted) -> Counts {
    Counts {
        pages: 0,
        types: api.types.len(),
        enums: api.enums.len(),
        operations: api.operations.len(),
        features: emitted.features.len(),
        files: emitted.files.len(),
        lines: emitted
            .files
            .iter()
            .map(|f| f.contents.lines().count())
            .sum(),
        bytes: emitted.files.iter().map(|f| f.contents.len()).sum(),
    }
}

/// The version folder to read: `docs` itself, its `v1.0`, or its only version.
fn version_dir(docs: &Path) -> Result<PathBuf, Error> {
    let dirs = read::version_dirs(docs);
    match dirs.as_slice() {
        [] => Err(Error::NoDocs(docs.to_path_buf())),
        [one] => Ok(one.clone()),
        many => many
            .iter()
            .find(|d| d.file_name().is_some_and(|n| n == "v1.0"))
            .cloned()
            .ok_or_else(|| {
                let names: Vec<String> = many
                    .iter()
                    .filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .collect();
                Error::AmbiguousVersion(docs.to_path_buf(), names.join(", "))
            }),
    }
}
