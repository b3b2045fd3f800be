//! Function parameters a page documents but its HTTP templates leave out.
//!
//! Many pages list `GET …/usedRange` and document `valuesOnly` in a parameters table, while the
//! examples call `usedRange(valuesOnly=true)`. The documented parameters belong in the call
//! segment, so each template ending in a call without arguments gets an alias that carries them
//! all (`usedRange(valuesOnly={values-only})`); the template without arguments stays, since
//! such parameters are usually optional.

use crate::docs::{ApiPage, PropertyRow};
use crate::model::{CallArg, HttpMethod, PathTemplate, Segment};
use heck::ToKebabCase;
use std::collections::BTreeSet;

/// The rows that document a GET function's parameters: the function parameters table; else a
/// parameters table in the request body section (a GET sends no body, so its rows are the
/// function's); else the path parameters that no template carries.
pub(crate) fn function_rows<'a>(
    api: &'a ApiPage,
    method: HttpMethod,
    paths: &[PathTemplate],
) -> Vec<&'a PropertyRow> {
    if !api.function_parameters.is_empty() {
        return api.function_parameters.iter().collect();
    }
    if method != HttpMethod::Get {
        return Vec::new();
    }
    if !api.body.parameters.is_empty() {
        return api.body.parameters.iter().collect();
    }
    if api.path_parameters.is_empty() {
        return Vec::new();
    }
    let carried: BTreeSet<String> = paths
        .iter()
        .flat_map(|p| {
            let mut names: Vec<String> = p.parameter_names().into_iter().map(squash).collect();
            names.extend(written_placeholders(&p.raw).map(squash));
            names
        })
        .collect();
    api.path_parameters
        .iter()
        .filter(|row| !carried.contains(&squash(&row.name)))
        .collect()
}

/// The placeholder names as the page writes them: `{id}`, `{id|name}` (both), `{item-path}`.
fn written_placeholders(raw: &str) -> impl Iterator<Item = &str> {
    raw.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .flat_map(|name| name.split('|'))
}

/// Lower-case with separators dropped, to compare `item-path` with `itemPath`.
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Appends, for each template that ends in a call without arguments, an alias whose call carries
/// every documented parameter as a placeholder. Nothing is added when a name is not a plain
/// identifier, when a placeholder would clash with one of the template's, or when the alias is
/// already listed.
pub(crate) fn add_parameter_aliases(paths: &mut Vec<PathTemplate>, rows: &[&PropertyRow]) {
    if rows.is_empty() || !rows.iter().all(|r| is_identifier(&r.name)) {
        return;
    }
    let mut aliases = Vec::new();
    for path in paths.iter() {
        let Some(Segment::Call { name, args, .. }) = path.segments.last() else {
            continue;
        };
        if !args.is_empty() {
            continue;
        }
        let taken: BTreeSet<String> = path.parameter_names().into_iter().map(squash).collect();
        if rows.iter().any(|r| taken.contains(&squash(&r.name))) {
            continue;
        }
        let args = rows
            .iter()
            .map(|row| CallArg {
                name: row.name.clone(),
                param: Some(row.name.to_kebab_case()),
                literal: None,
            })
            .collect();
        let mut segments = path.segments.clone();
        *segments.last_mut().expect("has a last segment") = Segment::Call {
            name: name.clone(),
            args,
            parenthesized: true,
        };
        let mut alias = PathTemplate {
            raw: String::new(),
            segments,
        };
        alias.raw = alias.normalized();
        aliases.push(alias);
    }
    for alias in aliases {
        if !paths.iter().any(|p| p.segments == alias.segments) {
            paths.push(alias);
        }
    }
}

/// Turns sample values a template writes for documented parameters into placeholders:
/// `getActivitiesByInterval(startDateTime='2017-01-01',…)` takes any start, not that one.
/// Only the last segment's call is the documented function.
pub(crate) fn sample_values_as_parameters(paths: &mut [PathTemplate], rows: &[&PropertyRow]) {
    for path in paths.iter_mut() {
        let mut taken: BTreeSet<String> = path.parameter_names().into_iter().map(squash).collect();
        let Some(Segment::Call { args, .. }) = path.segments.last_mut() else {
            continue;
        };
        for arg in args.iter_mut() {
            let documented = rows.iter().any(|r| squash(&r.name) == squash(&arg.name));
            let param = arg.name.to_kebab_case();
            if arg.literal.is_some() && documented && taken.insert(squash(&param)) {
                arg.literal = None;
                arg.param = Some(param);
            }
        }
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
