//! Templates a page's `## HTTP request` section forgot. Some pages show a request form only in
//! their examples (`GET /sites/{siteId}/drives` beside a listed `GET /groups/{groupId}/drives`).
//! An unmatched example becomes a template of its page's operation when that is unambiguous:
//! one operation of the page has the example's method; the example's path ends in the same
//! literal or action segment as one of its templates, or is one of its templates plus a key
//! (a get page that lists only the collection); and every literal of the path is a segment some
//! template of the corpus uses (so `contosohr` or a GUID never becomes part of a template).

use super::codes;
use super::paths::{is_too_deep, parse_template, with_lower_case};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Example, Operation, PathTemplate, Segment};
use rayon::prelude::*;
use std::collections::HashSet;

/// The lower-cased literal segments of the templates `paths` (example paths) read as, that some
/// template of the corpus uses: all that [`adopt`] asks of the corpus for them.
pub(crate) fn known_literals<'p>(
    operations: &[Operation],
    paths: impl Iterator<Item = &'p str>,
) -> HashSet<String> {
    let wanted: HashSet<String> = paths
        .flat_map(|path| parse_template(path, &|_| false).segments)
        .filter_map(|s| match s {
            Segment::Literal(l) => Some(l.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    // Most literals of the corpus are told apart by their length alone.
    let lengths = wanted.iter().fold(0u64, |set, w| set | length_bit(w));
    operations
        .par_iter()
        .flat_map_iter(|op| &op.paths)
        .flat_map_iter(|p| &p.segments)
        .filter_map(|s| match s {
            Segment::Literal(l) if length_bit(l) & lengths != 0 => {
                with_lower_case(l, |lower| wanted.get(lower).cloned())
            }
            _ => None,
        })
        .collect()
}

/// A bit for the length of `text` (the lengths from 63 on share one).
fn length_bit(text: &str) -> u64 {
    1 << text.len().min(63)
}

/// Adds the example's path as a template of its page's operation when [the rules](self) allow;
/// returns the diagnostic that says so.
pub(crate) fn adopt(
    operations: &mut [Operation],
    known: &HashSet<String>,
    page_file: &str,
    example: &Example,
) -> Option<Diagnostic> {
    let method = example.request.method;
    let mut same_page = operations
        .iter_mut()
        .filter(|op| op.method == method && op.source.file == page_file);
    let op = same_page.next()?;
    if same_page.next().is_some() {
        return None;
    }
    let mut template = parse_template(&example.request.path, &|_| false);
    if is_too_deep(&template) || !adoptable(&mut template, op, known) {
        return None;
    }
    let message = format!(
        "example request `{} {}` fits none of the page's templates; it is read as one more",
        method.as_str(),
        example.request.path
    );
    op.paths.push(template);
    Some(
        Diagnostic::new(
            codes::TEMPLATE_FROM_EXAMPLE,
            Severity::Warning,
            &example.source.file,
            example.source.line,
            message,
        )
        .with_help("list the form in the page's `## HTTP request` block"),
    )
}

/// Whether `template` may join `op` (see [the rules](self)); its last segment takes the form
/// the operation's templates give it (an action call for `createUploadSession`).
fn adoptable(template: &mut PathTemplate, op: &Operation, known: &HashSet<String>) -> bool {
    let all_known = template.segments.iter().all(|s| match s {
        Segment::Literal(l) => known.contains(&l.to_ascii_lowercase()),
        Segment::Key { .. } | Segment::ColonPath { .. } => true,
        Segment::Cast(_) | Segment::Call { .. } => false,
    });
    let new = !op.paths.iter().any(|p| p.segments == template.segments);
    if !all_known || !new {
        return false;
    }
    if op
        .paths
        .iter()
        .any(|p| is_item_of(&template.segments, &p.segments))
    {
        return true;
    }
    let Some(Segment::Literal(last)) = template.segments.last() else {
        return false;
    };
    let same_end = op.paths.iter().find_map(|p| match p.segments.last()? {
        end @ Segment::Literal(l) if l.eq_ignore_ascii_case(last) => Some(end.clone()),
        end @ Segment::Call { name, args, .. }
            if args.is_empty() && name.eq_ignore_ascii_case(last) =>
        {
            Some(end.clone())
        }
        _ => None,
    });
    match same_end {
        Some(end) => {
            *template.segments.last_mut().expect("has a last segment") = end;
            true
        }
        None => false,
    }
}

/// `collection/{key}` where the page lists only `collection`: a get page whose template
/// forgot the key its examples use.
fn is_item_of(item: &[Segment], collection: &[Segment]) -> bool {
    matches!(item.last(), Some(Segment::Key { .. }))
        && item.len() == collection.len() + 1
        && matches!(collection.last(), Some(Segment::Literal(_)))
        && item.iter().zip(collection).all(|(a, b)| match (a, b) {
            (Segment::Literal(x), Segment::Literal(y)) => x.eq_ignore_ascii_case(y),
            (Segment::Key { .. }, Segment::Key { .. }) => true,
            (Segment::ColonPath { .. }, Segment::ColonPath { .. }) => true,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HttpMethod;
    use crate::resolve::fixtures::example;
    use crate::resolve::operations::tests::blank_operation;

    fn list_drives() -> Operation {
        Operation {
            paths: vec![parse_template("/groups/{groupId}/drives", &|_| false)],
            source: crate::model::Source::new("api/drive-list.md", 10),
            ..blank_operation()
        }
    }

    #[test]
    fn forms_shown_only_in_examples_become_templates() {
        let known: HashSet<String> = ["groups", "drives", "sites", "me", "items"]
            .map(String::from)
            .into();
        let corpus = [Operation {
            paths: ["/groups/x", "/sites/{x}/drives", "/me/items/{x}/contoso"]
                .map(|p| parse_template(p, &|_| false))
                .into(),
            ..blank_operation()
        }];
        let asked = [
            "/Groups/{a}/DRIVES",
            "/me/items",
            "/sites/contoso/other/x(y)",
        ];
        let from_corpus = known_literals(&corpus, asked.into_iter());
        let expected = ["groups", "drives", "me", "items", "sites", "contoso", "x"];
        assert_eq!(from_corpus, expected.map(String::from).into());
        let mut ops = [list_drives()];
        let get = |url: &str| example("api/drive-list.md", 40, HttpMethod::Get, url);
        let sites = get("/sites/{siteId}/drives");
        let diag = adopt(&mut ops, &known, "api/drive-list.md", &sites).expect("adopted");
        assert_eq!(diag.code, codes::TEMPLATE_FROM_EXAMPLE);
        assert_eq!(ops[0].paths.len(), 2);
        assert!(adopt(&mut ops, &known, "api/drive-list.md", &get("/me/drives")).is_some());
        let item = get("/groups/{groupId}/drives/{id}");
        assert!(adopt(&mut ops, &known, "api/drive-list.md", &item).is_some());
        for refused in [
            "/sites/{siteId}/drives",       // already a template
            "/sites/contoso/drives",        // `contoso` is no segment any template uses
            "/groups/{groupId}/items/{id}", // a key below no listed collection
            "/groups/{groupId}/items",      // ends unlike the page's templates
        ] {
            assert!(adopt(&mut ops, &known, "api/drive-list.md", &get(refused)).is_none());
        }
        let other_page = adopt(&mut ops, &known, "api/other.md", &get("/sites/{s}/drives"));
        assert!(other_page.is_none());
        assert_eq!(ops[0].paths.len(), 4);
    }
}
