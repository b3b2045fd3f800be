//! Examples: each example request is tied to the operation template it calls, preferring the
//! operation of its own page. Templates are indexed by (method, segment count, first segment),
//! so matching is linear in the number of examples.

use super::codes;
use super::example_templates;
use super::paths::{split_args, split_call, split_named, split_path, strip_url, unquote};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::docs::Page;
use crate::model::{Example, HttpMethod, Operation, Segment};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

#[path = "example_match.rs"]
mod matching;
use matching::{match_template, score, Fits, Mark, Pattern, Probe};

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

/// A template of the index, with its segments as [`score`] compares them.
struct Candidate {
    slot: Slot,
    patterns: Vec<Pattern>,
    /// The marks of its last two segments, where templates that share a prefix differ: a
    /// cheap test that turns most templates of a bucket down before [`score`].
    tail: [Mark; 2],
}

/// The positions of the last two segments of a path of `len` segments, last first.
fn tail_positions(len: usize) -> [Option<usize>; 2] {
    [len.checked_sub(1), len.checked_sub(2)]
}

impl Candidate {
    fn new(slot: Slot, patterns: Vec<Pattern>) -> Self {
        let tail =
            tail_positions(patterns.len()).map(|at| at.map_or(Mark::ANY, |at| patterns[at].mark()));
        Candidate {
            slot,
            patterns,
            tail,
        }
    }

    /// Whether the last two segments may match an example's, `fits` as [`tail_fits`] gives them.
    fn may_match(&self, fits: &[Fits; 2]) -> bool {
        self.tail
            .iter()
            .zip(fits)
            .all(|(mark, fits)| fits.admits(*mark))
    }
}

/// What the last two segments of an example admit.
fn tail_fits(probes: &[Probe]) -> [Fits; 2] {
    tail_positions(probes.len()).map(|at| at.map_or(Fits::ALL, |at| probes[at].fits()))
}

/// Templates by method and segment count, then by lower-cased first literal ("" when the first
/// segment is no literal).
type Buckets = HashMap<(HttpMethod, usize), HashMap<String, Vec<Candidate>>>;

/// Templates indexed by method, segment count and first literal.
pub(crate) struct TemplateIndex<'a> {
    operations: &'a [Operation],
    buckets: Buckets,
}

impl<'a> TemplateIndex<'a> {
    pub fn new(operations: &'a [Operation]) -> Self {
        Self::with_paths_from(operations, &[])
    }

    /// The index of the templates of each operation from `from[operation index]` on (from the
    /// first where `from` has no entry).
    fn with_paths_from(operations: &'a [Operation], from: &[usize]) -> Self {
        // Patterns in parallel, then filled in operation order.
        let keyed: Vec<Vec<(HttpMethod, String, Candidate)>> = operations
            .par_iter()
            .enumerate()
            .map(|(op_index, op)| {
                let skip = from.get(op_index).copied().unwrap_or(0);
                let paths = op.paths.iter().enumerate().skip(skip);
                let keyed = paths.map(|(path_index, path)| {
                    let first = match path.segments.first() {
                        Some(Segment::Literal(name)) => name.to_ascii_lowercase(),
                        _ => String::new(),
                    };
                    let patterns = path.segments.iter().map(Pattern::new).collect();
                    let slot = (op_index, path_index);
                    (op.method, first, Candidate::new(slot, patterns))
                });
                keyed.collect()
            })
            .collect();
        let mut buckets: Buckets = HashMap::default();
        for (method, first, candidate) in keyed.into_iter().flatten() {
            let by_first = buckets
                .entry((method, candidate.patterns.len()))
                .or_default();
            by_first.entry(first).or_default().push(candidate);
        }
        TemplateIndex {
            operations,
            buckets,
        }
    }

    /// The templates an example may match: those whose first literal is the example's first
    /// segment, and those that start with no literal.
    fn candidates(&self, method: HttpMethod, probes: &[Probe]) -> impl Iterator<Item = &Candidate> {
        let first = match probes.first() {
            Some(Probe::Plain(name)) => name.lower(),
            _ => "",
        };
        let by_first = self.buckets.get(&(method, probes.len()));
        let exact = by_first.and_then(|b| b.get(first));
        // An example that starts with no plain segment has only the open bucket.
        let open = by_first
            .filter(|_| !first.is_empty())
            .and_then(|b| b.get(""));
        exact.into_iter().chain(open).flatten()
    }

    /// The best template for an example: same page first, then most literal matches, then
    /// lowest index. When the path as written matches nothing, tries its aliases
    /// ([`ALIASES`]), up to [`MAX_ALIAS_STEPS`] applied in a row, fewest first.
    pub fn find(&self, example: &Example, page_file: &str) -> Option<Tie> {
        let method = example.request.method;
        let mut layer = vec![parse_example_path(&example.request.path)];
        // Filled once the path as written has matched nothing (most examples match at once).
        let mut seen: HashSet<Vec<ExampleSegment>> = HashSet::default();
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
        let probes: Vec<Probe> = segments.iter().map(Probe::new).collect();
        let mut best: Option<(bool, usize, Slot)> = None;
        let fits = tail_fits(&probes);
        let candidates = self.candidates(method, &probes);
        for candidate in candidates.filter(|c| c.may_match(&fits)) {
            let (op_index, path_index) = candidate.slot;
            let op = &self.operations[op_index];
            let template = &op.paths[path_index].segments;
            let Some(score) = score(&candidate.patterns, template, &probes, segments) else {
                continue;
            };
            let same_page = op.source.file == page_file;
            let better = match &best {
                None => true,
                Some((s, sc, slot)) => {
                    (same_page, score, std::cmp::Reverse(candidate.slot))
                        > (*s, *sc, std::cmp::Reverse(*slot))
                }
            };
            if better {
                best = Some((same_page, score, candidate.slot));
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
    let paths = unmatched
        .iter()
        .map(|&(at, _)| jobs[at].1.request.path.as_str());
    let known = example_templates::known_literals(operations, paths);
    let listed: Vec<usize> = operations.iter().map(|op| op.paths.len()).collect();
    for &(at, _) in &unmatched {
        let (page, example) = jobs[at];
        if let Some(diag) = example_templates::adopt(operations, &known, &page.file, example) {
            diags.push(diag);
        }
    }
    // The templates the examples matched nothing of stay out of the index: only the adopted
    // ones can match now, and the best of them is the best of all.
    let index = TemplateIndex::with_paths_from(operations, &listed);
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
