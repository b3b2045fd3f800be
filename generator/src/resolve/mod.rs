//! Whole-corpus linking: pages of one docs version → [`Api`].
//!
//! Steps, each in its own module: [`types`] (resource and enum pages → types, merged; bases,
//! entity-ness), [`type_refs`] (every written type → primitive, defined type or `Unresolved`),
//! [`paths`] (template parsing, parameter naming), [`operations`] (one per page and method),
//! [`examples`] (example requests tied to templates), `update_bodies` (update bodies from the
//! `GET` of the same path), [`tree`] (the URL tree). Codes are listed in
//! [`codes`].

pub mod codes;
mod example_templates;
pub mod examples;
mod function_args;
mod inheritance;
pub mod operations;
pub mod paths;
mod prose_enums;
mod repeated;
mod responses;
pub mod tree;
pub mod type_refs;
pub mod types;
mod update_bodies;
mod words;

#[cfg(test)]
pub(crate) mod fixtures;

use crate::diag::Diagnostics;
use crate::docs::Page;
use crate::model::{Api, OperationKind, TypeRef, TypeUse};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// Resolves the pages of one docs version into the API model. Pages of several versions should
/// be resolved separately: types are merged by name. The examples are copied into the model;
/// [`build_taking_examples`] moves them instead.
pub fn build(pages: &[Page], diags: &mut Diagnostics) -> Api {
    build_from(Pages::Borrowed(pages), diags)
}

/// [`build`], moving the examples out of the pages into the model instead of copying them; the
/// pages are left without examples.
pub fn build_taking_examples(pages: &mut [Page], diags: &mut Diagnostics) -> Api {
    build_from(Pages::Taking(pages), diags)
}

/// The pages to resolve, and whether their examples may be moved out of them.
enum Pages<'a> {
    Borrowed(&'a [Page]),
    Taking(&'a mut [Page]),
}

impl std::ops::Deref for Pages<'_> {
    type Target = [Page];
    fn deref(&self) -> &[Page] {
        match self {
            Pages::Borrowed(pages) => pages,
            Pages::Taking(pages) => pages,
        }
    }
}

fn build_from(pages: Pages<'_>, diags: &mut Diagnostics) -> Api {
    let mut drafts = types::collect(&pages, diags);
    let mut index = types::index(&drafts);
    prose_enums::enums_from_prose(&mut drafts, &mut index, diags);
    let (types, enums) = types::finish(drafts, &index, diags);
    let walker = tree::Walker::new(&types, &index);
    let ctx = operations::Context {
        index: &index,
        walker: &walker,
    };
    let mut operations = operations::build(&pages, &ctx, diags);
    // Keys in parallel; equal keys cannot occur with the index `par_sort_by_cached_key` adds, so
    // the order is that of `sort_by_cached_key`.
    operations.par_sort_by_cached_key(|o| (o.paths[0].normalized(), o.method, o.id.clone()));
    let placement = examples::tie(&mut operations, &pages, diags);
    let examples = match pages {
        Pages::Borrowed(pages) => examples::copied_examples(pages),
        Pages::Taking(pages) => examples::taken_examples(pages),
    };
    let untied = examples::place(&mut operations, placement, examples);
    update_bodies::from_reads(&mut operations);
    let paths = tree::build(&operations, &walker);
    Api {
        types,
        enums,
        operations,
        paths,
        unmatched_examples: untied.unmatched,
        external_examples: untied.external,
    }
}

/// Counts that describe a resolved model, for reports and corpus tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub operations: usize,
    /// Distinct (method, normalised path) pairs over all aliases.
    pub method_paths: usize,
    pub types: usize,
    pub enums: usize,
    pub properties: usize,
    pub navigation_properties: usize,
    pub actions: usize,
    pub functions: usize,
    pub examples_tied: usize,
    pub examples_unmatched: usize,
    /// Example requests to other hosts (not counted in the tie rate).
    pub examples_external: usize,
    /// Property and navigation types that stayed `Unresolved`.
    pub unresolved_property_types: usize,
    /// Every `Unresolved` type use in the model (properties, parameters, bodies, responses).
    pub unresolved_type_uses: usize,
}

impl Stats {
    /// Share of example requests tied to an operation (1.0 when there are none).
    pub fn tie_rate(&self) -> f64 {
        let total = self.examples_tied + self.examples_unmatched;
        if total == 0 {
            1.0
        } else {
            self.examples_tied as f64 / total as f64
        }
    }
}

/// Computes [`Stats`] for a model.
pub fn stats(api: &Api) -> Stats {
    let mut stats = Stats {
        operations: api.operations.len(),
        types: api.types.len(),
        enums: api.enums.len(),
        examples_unmatched: api.unmatched_examples.len(),
        examples_external: api.external_examples.len(),
        ..Stats::default()
    };
    let mut method_paths = BTreeSet::new();
    for op in &api.operations {
        for path in &op.paths {
            method_paths.insert((op.method, path.normalized()));
        }
        match op.kind {
            OperationKind::Action => stats.actions += 1,
            OperationKind::Function => stats.functions += 1,
            OperationKind::Crud => {}
        }
        stats.examples_tied += op.examples.len();
        let uses = op
            .parameters
            .iter()
            .map(|p| &p.ty)
            .chain(op.response.body.as_ref());
        stats.unresolved_type_uses += uses.filter(|u| is_unresolved(u)).count();
        if let Some(crate::model::RequestBody::Resource { ty }) = &op.request_body {
            stats.unresolved_type_uses += usize::from(is_unresolved(ty));
        }
    }
    stats.method_paths = method_paths.len();
    for ty in api.types.values() {
        stats.properties += ty.properties.len();
        stats.navigation_properties += ty.navigation.len();
        let uses = ty
            .properties
            .iter()
            .map(|p| &p.ty)
            .chain(ty.navigation.iter().map(|n| &n.target));
        stats.unresolved_property_types += uses.filter(|u| is_unresolved(u)).count();
    }
    stats.unresolved_type_uses += stats.unresolved_property_types;
    stats
}

fn is_unresolved(ty: &TypeUse) -> bool {
    matches!(ty.ty, TypeRef::Unresolved(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HttpMethod::{Get, Post};
    use crate::resolve::fixtures::{api, resource, row};

    #[test]
    fn builds_a_small_api_end_to_end() {
        let pages = [
            resource(
                "group",
                None,
                vec![row("id", "String", false)],
                vec![row("threads", "conversationThread", true)],
            ),
            resource(
                "conversationThread",
                None,
                vec![row("id", "String", false), row("x", "ghost", false)],
                vec![],
            ),
            api(
                "group-post-threads",
                &[(Post, "/groups/{id}/threads")],
                &[(Post, "https://graph.microsoft.com/v1.0/groups/g1/threads")],
            ),
            api(
                "group-list-threads",
                &[(Get, "/groups/{id}/threads")],
                &[(Get, "/groups/{id}/threads/x/y")],
            ),
        ];
        let mut diags = Diagnostics::default();
        let api = build(&pages, &mut diags);
        let stats = stats(&api);
        assert_eq!(
            (stats.operations, stats.method_paths, stats.types),
            (2, 2, 2)
        );
        assert_eq!((stats.examples_tied, stats.examples_unmatched), (1, 1));
        assert_eq!(stats.unresolved_property_types, 1);
        assert_eq!(stats.tie_rate(), 0.5);
        let post = api.operations.iter().find(|o| o.method == Post).unwrap();
        assert_eq!(post.examples[0].path_values["group-id"], "g1");
        assert_eq!(post.response.status, 201);
        let threads = &api.paths.children["groups"].children["{id}"].children["threads"];
        assert_eq!(threads.operations.len(), 2);
        let codes: BTreeSet<_> = diags.items.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            BTreeSet::from([codes::UNRESOLVED_TYPE, codes::UNMATCHED_EXAMPLE])
        );
    }
}
