//! Examples: each example request is tied to the operation template it calls, preferring the
//! operation of its own page. Templates are indexed by (method, segment count, first segment),
//! so matching is linear in the number of examples.

use super::codes;
use super::example_templates;
use super::paths::{split_args, split_call, split_named, split_path, strip_url, unquote};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::docs::Page;
use crate::model::{CallArg, Example, HttpMethod, Operation, Segment};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One segment of an example URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ExampleSegment {
    /// A plain segment or key value (`groups`, `02bd9fd6`, `AAMk=` from `('AAMk=')`).
    Plain(String),
    /// A call with arguments as written (`getX(period='D7')` → `[("period", "D7")]`).
    Call {
        name: String,
        args: Vec<(String, String)>,
    },
    /// The inside of a colon path (`Documents/a.txt`).
    Colon(String),
}

/// Splits an example path (host, version and query already removed or not) into segments.
pub(crate) fn parse_example_path(path: &str) -> Vec<ExampleSegment> {
    let mut out = Vec::new();
    for piece in split_path(strip_url(path)) {
        if piece.colon {
            out.push(ExampleSegment::Colon(piece.text.to_string()));
            continue;
        }
        let Some((name, inner)) = split_call(piece.text) else {
            out.push(ExampleSegment::Plain(piece.text.to_string()));
            continue;
        };
        let args = split_args(inner);
        if name.is_empty() {
            out.push(ExampleSegment::Plain(unquote(inner).to_string()));
        } else if args.len() == 1 && split_named(args[0]).is_none() {
            out.push(ExampleSegment::Plain(name.to_string()));
            out.push(ExampleSegment::Plain(unquote(args[0]).to_string()));
        } else {
            let args = args.iter().map(|a| named_arg(a)).collect();
            out.push(ExampleSegment::Call {
                name: name.to_string(),
                args,
            });
        }
    }
    out
}

fn named_arg(arg: &str) -> (String, String) {
    match split_named(arg) {
        Some((name, value)) => (name.to_string(), unquote(value).to_string()),
        None => (String::new(), unquote(arg).to_string()),
    }
}

/// A template position: (operation index, path index).
type Slot = (usize, usize);

/// (method, segment count, lower-cased first literal; "" otherwise).
type BucketKey = (HttpMethod, usize, String);

/// Templates indexed by [`BucketKey`].
pub(crate) struct TemplateIndex<'a> {
    operations: &'a [Operation],
    buckets: HashMap<BucketKey, Vec<Slot>>,
}

impl<'a> TemplateIndex<'a> {
    pub fn new(operations: &'a [Operation]) -> Self {
        // Keys in parallel, then filled in operation order.
        let keyed: Vec<Vec<(BucketKey, Slot)>> = operations
            .par_iter()
            .enumerate()
            .map(|(op_index, op)| {
                let paths = op.paths.iter().enumerate();
                let keyed = paths.map(|(path_index, path)| {
                    let first = match path.segments.first() {
                        Some(Segment::Literal(name)) => name.to_ascii_lowercase(),
                        _ => String::new(),
                    };
                    (
                        (op.method, path.segments.len(), first),
                        (op_index, path_index),
                    )
                });
                keyed.collect()
            })
            .collect();
        let mut buckets: HashMap<BucketKey, Vec<Slot>> = HashMap::new();
        for (key, slot) in keyed.into_iter().flatten() {
            buckets.entry(key).or_default().push(slot);
        }
        TemplateIndex {
            operations,
            buckets,
        }
    }

    fn candidates(
        &self,
        method: HttpMethod,
        segments: &[ExampleSegment],
    ) -> impl Iterator<Item = Slot> + '_ {
        let first = match segments.first() {
            Some(ExampleSegment::Plain(name)) => name.to_ascii_lowercase(),
            _ => String::new(),
        };
        let exact = self.buckets.get(&(method, segments.len(), first));
        let open = self.buckets.get(&(method, segments.len(), String::new()));
        exact.into_iter().chain(open).flatten().copied()
    }

    /// The best template for an example: same page first, then most literal matches, then
    /// lowest index. When the path as written matches nothing, tries its aliases
    /// ([`ALIASES`]), up to [`MAX_ALIAS_STEPS`] applied in a row, fewest first.
    pub fn find(&self, example: &Example, page_file: &str) -> Option<Tie> {
        let method = example.request.method;
        let mut layer = vec![parse_example_path(&example.request.path)];
        // Filled once the path as written has matched nothing (most examples match at once).
        let mut seen: HashSet<Vec<ExampleSegment>> = HashSet::new();
        for step in 0..=MAX_ALIAS_STEPS {
            if let Some(tie) = layer
                .iter()
                .find_map(|segments| self.best(method, segments, page_file))
            {
                return Some(tie);
            }
            if step == MAX_ALIAS_STEPS {
                break;
            }
            if step == 0 {
                seen.extend(layer.iter().cloned());
            }
            let next = layer
                .iter()
                .flat_map(|s| ALIASES.iter().filter_map(move |alias| alias(s)));
            layer = next.filter(|s| seen.insert(s.clone())).collect();
        }
        None
    }

    fn best(
        &self,
        method: HttpMethod,
        segments: &[ExampleSegment],
        page_file: &str,
    ) -> Option<Tie> {
        // Scores first, without collecting values; the winner's values are read once at the end.
        let mut best: Option<(bool, usize, Slot)> = None;
        for (op_index, path_index) in self.candidates(method, segments) {
            let op = &self.operations[op_index];
            let template = &op.paths[path_index].segments;
            let Some(score) = match_template(template, segments, None) else {
                continue;
            };
            let same_page = op.source.file == page_file;
            let better = match &best {
                None => true,
                Some((s, sc, slot)) => {
                    (same_page, score, std::cmp::Reverse((op_index, path_index)))
                        > (*s, *sc, std::cmp::Reverse(*slot))
                }
            };
            if better {
                best = Some((same_page, score, (op_index, path_index)));
            }
        }
        let (_, _, (operation, path_index)) = best?;
        let template = &self.operations[operation].paths[path_index].segments;
        let mut values = BTreeMap::new();
        match_template(template, segments, Some(&mut values))?;
        Some(Tie {
            operation,
            path_index,
            values,
        })
    }
}

/// How many aliases may be applied to one example path in a row.
const MAX_ALIAS_STEPS: usize = 3;

type Alias = fn(&[ExampleSegment]) -> Option<Vec<ExampleSegment>>;

/// Spellings Graph treats as the same resource, tried when a path matches nothing as written.
const ALIASES: &[Alias] = &[
    me_alias,
    drive_alias,
    root_alias,
    ref_alias,
    without_count,
    without_casts,
];

fn plain_at(segments: &[ExampleSegment], i: usize) -> Option<String> {
    match segments.get(i) {
        Some(ExampleSegment::Plain(s)) => Some(s.to_ascii_lowercase()),
        _ => None,
    }
}

fn plain(text: &str) -> ExampleSegment {
    ExampleSegment::Plain(text.to_string())
}

/// `/drive/...` (the signed-in user's drive) as `/me/drive/...`.
fn drive_alias(segments: &[ExampleSegment]) -> Option<Vec<ExampleSegment>> {
    (plain_at(segments, 0)? == "drive").then(|| {
        [plain("me")]
            .into_iter()
            .chain(segments.iter().cloned())
            .collect()
    })
}

/// A drive's `root` as `items/root`.
fn root_alias(segments: &[ExampleSegment]) -> Option<Vec<ExampleSegment>> {
    let at = (1..segments.len()).find(|&i| {
        plain_at(segments, i).as_deref() == Some("root")
            && (plain_at(segments, i - 1).as_deref() == Some("drive")
                || i >= 2 && plain_at(segments, i - 2).as_deref() == Some("drives"))
    })?;
    let mut alias = segments[..at].to_vec();
    alias.extend([plain("items"), plain("root")]);
    alias.extend_from_slice(&segments[at + 1..]);
    Some(alias)
}

/// A collection count (`/members/$count`) as the collection it counts.
fn without_count(segments: &[ExampleSegment]) -> Option<Vec<ExampleSegment>> {
    let last = segments.len().checked_sub(1)?;
    (last > 0 && plain_at(segments, last)? == "$count").then(|| segments[..last].to_vec())
}

/// A reference written without its `$ref` suffix.
fn ref_alias(segments: &[ExampleSegment]) -> Option<Vec<ExampleSegment>> {
    (plain_at(segments, segments.len().checked_sub(1)?)? != "$ref")
        .then(|| segments.iter().cloned().chain([plain("$ref")]).collect())
}

/// The path without `microsoft.graph.x` cast segments (templates often leave them out).
fn without_casts(segments: &[ExampleSegment]) -> Option<Vec<ExampleSegment>> {
    let is_cast = |s: &ExampleSegment| matches!(s, ExampleSegment::Plain(p) if p.to_ascii_lowercase().starts_with("microsoft.graph."));
    let kept: Vec<ExampleSegment> = segments.iter().filter(|s| !is_cast(s)).cloned().collect();
    (kept.len() < segments.len() && !kept.is_empty()).then_some(kept)
}

/// `/me/...` as `/users/me/...`, and `/users/{x}/...` as `/me/...`.
fn me_alias(segments: &[ExampleSegment]) -> Option<Vec<ExampleSegment>> {
    match plain_at(segments, 0).as_deref() {
        Some("me") => {
            let mut alias = vec![
                ExampleSegment::Plain("users".into()),
                ExampleSegment::Plain("me".into()),
            ];
            alias.extend_from_slice(&segments[1..]);
            Some(alias)
        }
        Some("users") if segments.len() >= 2 && !plain_at(segments, 1)?.starts_with('$') => {
            let mut alias = vec![ExampleSegment::Plain("me".into())];
            alias.extend_from_slice(&segments[2..]);
            Some(alias)
        }
        _ => None,
    }
}

/// Where an example landed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tie {
    pub operation: usize,
    pub path_index: usize,
    pub values: BTreeMap<String, String>,
}

/// Matches one template against example segments of the same length; the score counts
/// literal matches (keys match any segment and score nothing). With `values`, the path
/// parameter values are put there.
fn match_template(
    template: &[Segment],
    example: &[ExampleSegment],
    mut values: Option<&mut BTreeMap<String, String>>,
) -> Option<usize> {
    use ExampleSegment as E;
    let mut score = 0;
    let mut put = |param: &String, value: &String| {
        if let Some(values) = values.as_deref_mut() {
            values.insert(param.clone(), value.clone());
        }
    };
    for (t, e) in template.iter().zip(example) {
        match (t, e) {
            (Segment::Literal(l), E::Plain(p)) if l.eq_ignore_ascii_case(p) => score += 1,
            (Segment::Literal(l), E::Call { name, .. }) if same_call(l, name) => score += 1,
            (Segment::Cast(c), E::Plain(p)) if same_call(c, p) => score += 1,
            // `$count`, `$ref`, `$value`: OData system segments, never a key value.
            (Segment::Key { param }, E::Plain(p)) if !p.starts_with('$') => put(param, p),
            (Segment::ColonPath { param }, E::Colon(p)) => put(param, p),
            (Segment::Call { name, .. }, E::Plain(p)) if same_call(name, p) => score += 1,
            (
                Segment::Call { name, args, .. },
                E::Call {
                    name: n,
                    args: given,
                },
            ) if same_call(name, n) => {
                // A template naming the example's arguments beats one without them.
                score += if same_arg_names(args, given) { 2 } else { 1 };
                for arg in args {
                    let Some(param) = &arg.param else { continue };
                    if let Some((_, value)) = given
                        .iter()
                        .find(|(g, _)| g.eq_ignore_ascii_case(&arg.name))
                    {
                        put(param, value);
                    }
                }
            }
            _ => return None,
        }
    }
    Some(score)
}

/// Whether a template call and an example call name the same arguments (any order and case).
fn same_arg_names(template: &[CallArg], given: &[(String, String)]) -> bool {
    template.len() == given.len()
        && template
            .iter()
            .all(|a| given.iter().any(|(g, _)| g.eq_ignore_ascii_case(&a.name)))
}

/// Call and cast names compare case-insensitively, with or without the `microsoft.graph.` prefix.
fn same_call(a: &str, b: &str) -> bool {
    fn bare(s: &str) -> &str {
        let lower_prefix = |p: &str| {
            s.len() > p.len() && s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        let s = s.trim_end_matches("()");
        if lower_prefix("microsoft.graph.") {
            &s[16..]
        } else if lower_prefix("graph.") {
            &s[6..]
        } else {
            s
        }
    }
    bare(a).eq_ignore_ascii_case(bare(b))
}

/// Examples that were not tied to an operation.
#[derive(Debug, Default)]
pub(crate) struct Untied {
    /// Graph requests that fit no template (each reported as RES030).
    pub unmatched: Vec<Example>,
    /// Requests to other hosts (each noted as RES031).
    pub external: Vec<Example>,
}

/// What became of one example: tied to a template, or untied with the diagnostic that says why.
enum Outcome {
    Tied(Tie),
    External(Diagnostic),
    Unmatched(Diagnostic),
}

/// The host of an absolute example URL when it is not Microsoft Graph
/// (`https://bot.contoso.com/api/calls` → `bot.contoso.com`).
pub(crate) fn external_host(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    (!host.contains("graph")).then(|| host.to_string())
}

/// Where each example of the pages goes, by its position in [`page_examples`] order: the ties
/// of each operation, and the examples left untied.
pub(crate) struct Placement {
    per_operation: Vec<Vec<(usize, Tie)>>,
    unmatched: Vec<usize>,
    external: Vec<usize>,
}

/// Every example of every API page, in page order: the order [`Placement`] counts in.
fn page_examples(pages: &[Page]) -> impl Iterator<Item = (&Page, &Example)> {
    pages
        .iter()
        .filter_map(|page| Some((page, page.api.as_ref()?)))
        .flat_map(|(page, api)| api.examples.iter().map(move |e| (page, e)))
}

/// The examples of the pages, copied, in [`page_examples`] order.
pub(crate) fn copied_examples(pages: &[Page]) -> Vec<Example> {
    page_examples(pages).map(|(_, e)| e.clone()).collect()
}

/// The examples of the pages, moved out of them, in [`page_examples`] order.
pub(crate) fn taken_examples(pages: &mut [Page]) -> Vec<Example> {
    pages
        .iter_mut()
        .filter_map(|page| page.api.as_mut())
        .flat_map(|api| std::mem::take(&mut api.examples))
        .collect()
}

/// Ties every example of every API page to an operation (examples in parallel, results in page
/// order). Templates a page shows only in its examples are added first where the rules of
/// `example_templates` allow.
pub(crate) fn tie(
    operations: &mut [Operation],
    pages: &[Page],
    diags: &mut Diagnostics,
) -> Placement {
    let jobs: Vec<(&Page, &Example)> = page_examples(pages).collect();
    let index = TemplateIndex::new(operations);
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|&(page, example)| outcome(&index, page, example))
        .collect();
    let mut placement = Placement {
        per_operation: (0..operations.len()).map(|_| Vec::new()).collect(),
        unmatched: Vec::new(),
        external: Vec::new(),
    };
    let mut unmatched = Vec::new();
    for (at, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Outcome::Tied(tie) => placement.per_operation[tie.operation].push((at, tie)),
            Outcome::External(diag) => {
                diags.push(diag);
                placement.external.push(at);
            }
            Outcome::Unmatched(diag) => unmatched.push((at, diag)),
        }
    }
    if unmatched.is_empty() {
        return placement;
    }
    // Second chance: forms a page shows only in its examples become templates.
    let known = example_templates::known_literals(operations);
    for &(at, _) in &unmatched {
        let (page, example) = jobs[at];
        if let Some(diag) = example_templates::adopt(operations, &known, &page.file, example) {
            diags.push(diag);
        }
    }
    let index = TemplateIndex::new(operations);
    for (at, diag) in unmatched {
        let (page, example) = jobs[at];
        match index.find(example, &page.file) {
            Some(tie) => placement.per_operation[tie.operation].push((at, tie)),
            None => {
                diags.push(diag);
                placement.unmatched.push(at);
            }
        }
    }
    placement
}

/// Puts the examples (in [`page_examples`] order) where `placement` says; returns the untied.
pub(crate) fn place(
    operations: &mut [Operation],
    placement: Placement,
    examples: Vec<Example>,
) -> Untied {
    let mut slots: Vec<Option<Example>> = examples.into_iter().map(Some).collect();
    let mut take = |at: usize| slots[at].take().expect("each example is placed once");
    let per_operation: Vec<Vec<Example>> = placement
        .per_operation
        .into_iter()
        .map(|ties| {
            ties.into_iter()
                .map(|(at, tie)| {
                    let mut example = take(at);
                    example.path_values = tie.values;
                    example.path_index = Some(tie.path_index);
                    example
                })
                .collect()
        })
        .collect();
    let untied = Untied {
        unmatched: placement.unmatched.into_iter().map(&mut take).collect(),
        external: placement.external.into_iter().map(&mut take).collect(),
    };
    operations
        .par_iter_mut()
        .zip(per_operation)
        .for_each(|(op, examples)| {
            op.examples.extend(examples);
            op.examples.sort_by(|a, b| a.source.cmp(&b.source));
        });
    untied
}

/// Ties one example, or says why it stays untied.
fn outcome(index: &TemplateIndex<'_>, page: &Page, example: &Example) -> Outcome {
    if let Some(host) = external_host(&example.request.url) {
        return Outcome::External(external_diagnostic(example, &host));
    }
    match index.find(example, &page.file) {
        Some(tie) => Outcome::Tied(tie),
        None => Outcome::Unmatched(unmatched_diagnostic(example, page)),
    }
}

fn external_diagnostic(example: &Example, host: &str) -> Diagnostic {
    Diagnostic::new(
        codes::EXTERNAL_EXAMPLE,
        Severity::Note,
        &example.source.file,
        example.source.line,
        format!("example request goes to `{host}`, not Microsoft Graph; it is kept but not tied to an operation"),
    )
}

fn unmatched_diagnostic(example: &Example, page: &Page) -> Diagnostic {
    let request = &example.request;
    let templates: Vec<String> = page
        .api
        .iter()
        .flat_map(|a| &a.http)
        .map(|l| format!("{} {}", l.method.as_str(), l.template))
        .collect();
    let help = match templates.is_empty() {
        true => "no page lists a template this request fits".to_string(),
        false => format!("this page's templates: {}", templates.join("; ")),
    };
    Diagnostic::new(
        codes::UNMATCHED_EXAMPLE,
        Severity::Warning,
        &example.source.file,
        example.source.line,
        format!(
            "example request `{} {}` matches no operation template",
            request.method.as_str(),
            request.path
        ),
    )
    .with_help(help)
}

#[cfg(test)]
#[path = "examples_tests.rs"]
mod tests;
