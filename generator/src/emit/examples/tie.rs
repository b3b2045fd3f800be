//! Whether an example URL fits its operation's template exactly. The resolver ties an example
//! to the closest template; when the URL adds a cast, function arguments or segments that no
//! documented template has, the URL "matches no template" and a mismatch is the page's defect.

use super::compare_url::canonical_path;
use crate::model::{Api, PathTemplate, Segment};
use std::collections::HashMap;

/// One template segment as a pattern over canonical example segments.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    Exact(String),
    Any,
    /// A call with these argument names (lower-case, sorted).
    Call(String, Vec<String>),
}

/// Every template of the model, by canonical segment count.
pub struct Templates {
    by_len: HashMap<usize, Vec<Vec<Pattern>>>,
}

impl Templates {
    pub fn new(api: &Api) -> Self {
        let mut by_len: HashMap<usize, Vec<Vec<Pattern>>> = HashMap::new();
        for op in &api.operations {
            for path in &op.paths {
                if let Some(pattern) = pattern(path) {
                    by_len.entry(pattern.len()).or_default().push(pattern);
                }
            }
        }
        Templates { by_len }
    }

    /// Whether some documented template fits the example path exactly.
    pub fn any_fits(&self, example_path: &str) -> bool {
        let segments = canonical_path(example_path);
        self.by_len
            .get(&segments.len())
            .is_some_and(|all| all.iter().any(|p| fits(p, &segments)))
    }
}

/// Whether `template` fits the example path exactly (`None`: cannot tell, e.g. colon paths).
pub fn fits_template(template: &PathTemplate, example_path: &str) -> Option<bool> {
    let pattern = pattern(template)?;
    Some(fits(&pattern, &canonical_path(example_path)))
}

fn fits(pattern: &[Pattern], segments: &[String]) -> bool {
    pattern.len() == segments.len()
        && pattern.iter().zip(segments).all(|(p, s)| match p {
            Pattern::Exact(text) => text == s,
            Pattern::Any => true,
            Pattern::Call(name, args) => {
                call_parts(s).is_some_and(|(n, a)| n == *name && a == *args)
            }
        })
}

/// `name(a=1,b='x')` as (`name`, [`a`, `b`]).
fn call_parts(segment: &str) -> Option<(String, Vec<String>)> {
    let open = segment.find('(')?;
    let inner = segment[open + 1..].strip_suffix(')')?;
    let mut names: Vec<String> = inner
        .split(',')
        .filter_map(|arg| arg.split_once('=').map(|(n, _)| n.trim().to_string()))
        .collect();
    names.sort();
    Some((segment[..open].to_string(), names))
}

fn bare(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let lower = lower.trim_end_matches("()");
    lower
        .strip_prefix("microsoft.graph.")
        .or_else(|| lower.strip_prefix("graph."))
        .unwrap_or(lower)
        .to_string()
}

/// The canonical pattern of a template, in the form `canonical_path` gives example paths.
fn pattern(template: &PathTemplate) -> Option<Vec<Pattern>> {
    let mut out = Vec::new();
    for segment in &template.segments {
        out.push(match segment {
            Segment::Literal(name) | Segment::Cast(name) => Pattern::Exact(bare(name)),
            Segment::Key { .. } => Pattern::Any,
            Segment::ColonPath { .. } => return None,
            Segment::Call {
                name,
                args,
                parenthesized,
            } => {
                if !parenthesized || args.is_empty() {
                    Pattern::Exact(bare(name))
                } else {
                    let mut names: Vec<String> =
                        args.iter().map(|a| a.name.to_ascii_lowercase()).collect();
                    names.sort();
                    Pattern::Call(bare(name), names)
                }
            }
        });
    }
    if matches!(out.first(), Some(Pattern::Exact(first)) if first == "me") {
        out.insert(0, Pattern::Exact("users".to_string()));
    }
    Some(out)
}
