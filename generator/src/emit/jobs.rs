//! Emitting the Rust files in parallel.
//!
//! Token streams and syntax trees are not `Send`, so files cannot be handed between threads.
//! Instead every worker plans the crate on its own ([`EmitState`]: model plan, names, path
//! plan; cheap next to formatting), takes file jobs from a shared counter, and builds, parses
//! and formats each file it takes. Results are put back in job order, so the output does not
//! depend on the number of threads or on scheduling.

use super::builders::{self, BuilderContext, PathPlan};
use super::crate_files;
use super::features::FeaturePlan;
use super::models::{self, ModelPlan};
use super::names::NameTable;
use super::{format_rust, EmitError, OutputFile};
use crate::diag::Diagnostics;
use crate::model::Api;
use proc_macro2::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One Rust file of the crate, named by what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileJob {
    ModelsMod,
    /// The models of one workload (wire name).
    Models(String),
    /// The builders under the n-th top-level segment.
    Paths(usize),
    PathsMod,
    Bodies,
    ApiMod,
    LibRs,
}

/// Everything one thread needs to emit any file.
struct EmitState<'a> {
    api: &'a Api,
    features: &'a FeaturePlan,
    models: ModelPlan<'a>,
    names: NameTable,
    paths: PathPlan,
    /// Workloads (wire names) with a models file, in file order.
    workloads: Vec<&'a str>,
}

impl<'a> EmitState<'a> {
    fn new(api: &'a Api, features: &'a FeaturePlan, diags: &mut Diagnostics) -> Self {
        let models = ModelPlan::new(api);
        let names = NameTable::new(api, models.poly_bases());
        let paths = PathPlan::new(&builder_context(api, &names, features), diags);
        let workloads = models::model_workloads(api, &names);
        EmitState {
            api,
            features,
            models,
            names,
            paths,
            workloads,
        }
    }

    /// Every file, in output order.
    fn jobs(&self) -> Vec<FileJob> {
        let mut jobs = vec![FileJob::ModelsMod];
        jobs.extend(
            self.workloads
                .iter()
                .map(|w| FileJob::Models(w.to_string())),
        );
        jobs.extend((0..self.paths.top_levels().len()).map(FileJob::Paths));
        jobs.extend([
            FileJob::PathsMod,
            FileJob::Bodies,
            FileJob::ApiMod,
            FileJob::LibRs,
        ]);
        jobs
    }

    /// The path and tokens of one file.
    fn tokens(&self, job: &FileJob) -> (String, TokenStream) {
        let ctx = builder_context(self.api, &self.names, self.features);
        let cfg = |key: &str| self.features.type_cfg(key);
        match job {
            FileJob::ModelsMod => {
                let file = models::emit_models_mod(&self.names, &self.workloads);
                (file.path, file.tokens)
            }
            FileJob::Models(workload) => {
                let file = models::emit_model_file(&self.models, &self.names, &cfg, workload);
                (file.path, file.tokens)
            }
            FileJob::Paths(top) => builders::emit_top_level(&ctx, &self.paths, *top),
            FileJob::PathsMod => builders::emit_paths_mod(&ctx, &self.paths),
            FileJob::Bodies => builders::emit_bodies(&ctx, &self.paths),
            FileJob::ApiMod => crate_files::api_mod(),
            FileJob::LibRs => crate_files::lib_rs(),
        }
    }
}

fn builder_context<'b>(
    api: &'b Api,
    names: &'b NameTable,
    features: &'b FeaturePlan,
) -> BuilderContext<'b> {
    BuilderContext {
        api,
        names,
        features,
    }
}

/// Builds and formats every Rust file of the crate on `threads` threads (the calling thread
/// included). Diagnostics come from the calling thread's plan only, so they are reported once.
pub fn emit_rust_files(
    api: &Api,
    features: &FeaturePlan,
    threads: usize,
    diags: &mut Diagnostics,
) -> Result<Vec<OutputFile>, EmitError> {
    let state = EmitState::new(api, features, diags);
    let jobs = state.jobs();
    let next = AtomicUsize::new(0);
    let work = |state: &EmitState| {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else {
                return done;
            };
            let (path, tokens) = state.tokens(job);
            done.push((index, format_rust(path, tokens)));
        }
    };
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    if next.load(Ordering::Relaxed) >= jobs.len() {
                        return Vec::new();
                    }
                    let mut ignored = Diagnostics::default();
                    work(&EmitState::new(api, features, &mut ignored))
                })
            })
            .collect();
        let mut done = work(&state);
        for helper in helpers {
            match helper.join() {
                Ok(files) => done.extend(files),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, file)| file).collect()
}
