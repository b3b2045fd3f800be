//! Matching example segments against template segments.
//!
//! [`match_template`] is the rule. Scoring every candidate template of an example with it would
//! lower-case and strip the same names again for each candidate, so the index keeps each
//! template as [`Pattern`]s and each example is read once into [`Probe`]s: names lower-cased,
//! call names without their prefix. [`score`] then compares them with plain equality and gives
//! what [`match_template`] gives.

use super::ExampleSegment;
use crate::model::{CallArg, Segment};
use crate::resolve::paths::starts_with_ignore_case;
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::ops::Range;

/// Matches one template against example segments of the same length; the score counts
/// literal matches (keys match any segment and score nothing). With `values`, the path
/// parameter values are put there.
pub(super) fn match_template(
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
                score += call_score(args, given);
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

/// A template naming the example's arguments beats one without them.
fn call_score(template: &[CallArg], given: &[(String, String)]) -> usize {
    if same_arg_names(template, given) {
        2
    } else {
        1
    }
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
    a[bare(a)].eq_ignore_ascii_case(&b[bare(b)])
}

/// The part of a call or cast name [`same_call`] compares: without trailing `()` and without a
/// `microsoft.graph.` or `graph.` prefix.
fn bare(name: &str) -> Range<usize> {
    let has_prefix = |p: &str| name.len() > p.len() && starts_with_ignore_case(name, p);
    let mut end = name.len();
    // `trim_end_matches("()")`, without setting up a substring search for two bytes.
    while name[..end].ends_with("()") {
        end -= 2;
    }
    let start = if has_prefix("microsoft.graph.") {
        16
    } else if has_prefix("graph.") {
        6
    } else {
        0
    };
    start..end
}

/// A name lower-cased, with its [`bare`] part.
#[derive(Debug)]
pub(super) struct Folded {
    lower: String,
    bare: Range<usize>,
}

impl Folded {
    fn new(name: &str) -> Self {
        let lower = name.to_ascii_lowercase();
        let bare = bare(&lower);
        Folded { lower, bare }
    }

    fn bare(&self) -> &str {
        &self.lower[self.bare.clone()]
    }

    /// The lower-cased name.
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// A template segment as [`score`] compares it.
#[derive(Debug)]
pub(super) enum Pattern {
    Literal(Folded),
    Key,
    Cast(Folded),
    Call(Folded),
    ColonPath,
}

impl Pattern {
    pub fn new(segment: &Segment) -> Self {
        match segment {
            Segment::Literal(l) => Pattern::Literal(Folded::new(l)),
            Segment::Key { .. } => Pattern::Key,
            Segment::Cast(c) => Pattern::Cast(Folded::new(c)),
            Segment::Call { name, .. } => Pattern::Call(Folded::new(name)),
            Segment::ColonPath { .. } => Pattern::ColonPath,
        }
    }
}

/// A fingerprint of what a template segment needs of the example segment at its position: a
/// name (a hash of its lower-cased [`bare`] part), a key value, or a colon path. An example
/// segment [`score`] accepts always [fits](Fits::admits) the mark; a hash collision only lets
/// a template through that [`score`] then turns down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark(u64);

impl Mark {
    const KEY: Mark = Mark(0);
    const COLON: Mark = Mark(1);
    /// No segment at that position: any example fits.
    pub const ANY: Mark = Mark(2);

    fn named(bare: &str) -> Mark {
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(bare.as_bytes());
        Mark(hasher.finish())
    }
}

impl Pattern {
    /// The [`Mark`] of this pattern.
    pub fn mark(&self) -> Mark {
        match self {
            // Equal lower-cased names have equal bare parts.
            Pattern::Literal(name) | Pattern::Cast(name) | Pattern::Call(name) => {
                Mark::named(name.bare())
            }
            Pattern::Key => Mark::KEY,
            Pattern::ColonPath => Mark::COLON,
        }
    }
}

/// The [`Mark`]s of the patterns an example segment may match.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fits {
    named: Option<Mark>,
    key: bool,
    colon: bool,
}

impl Fits {
    /// Every mark fits: the example has no segment at that position.
    pub const ALL: Fits = Fits {
        named: None,
        key: true,
        colon: true,
    };

    /// Whether a pattern of this mark may accept the segment.
    pub fn admits(&self, mark: Mark) -> bool {
        self.named == Some(mark)
            || mark == Mark::ANY
            || (mark == Mark::KEY && self.key)
            || (mark == Mark::COLON && self.colon)
    }
}

/// An example segment as [`score`] compares it.
#[derive(Debug)]
pub(super) enum Probe {
    Plain(Folded),
    Call(Folded),
    Colon,
}

impl Probe {
    pub fn new(segment: &ExampleSegment) -> Self {
        match segment {
            ExampleSegment::Plain(p) => Probe::Plain(Folded::new(p)),
            ExampleSegment::Call { name, .. } => Probe::Call(Folded::new(name)),
            ExampleSegment::Colon(_) => Probe::Colon,
        }
    }

    /// The [`Mark`]s of the patterns [`score`] may accept for this segment.
    pub fn fits(&self) -> Fits {
        match self {
            Probe::Plain(p) => Fits {
                named: Some(Mark::named(p.bare())),
                key: !p.lower.starts_with('$'),
                colon: false,
            },
            Probe::Call(n) => Fits {
                named: Some(Mark::named(n.bare())),
                key: false,
                colon: false,
            },
            Probe::Colon => Fits {
                named: None,
                key: false,
                colon: true,
            },
        }
    }
}

/// [`match_template`] without values, on the template's patterns and the example's probes
/// (`template` and `example` are read only for call arguments). All four have one length.
/// Segments are compared from the end, where templates that share a prefix differ.
pub(super) fn score(
    patterns: &[Pattern],
    template: &[Segment],
    probes: &[Probe],
    example: &[ExampleSegment],
) -> Option<usize> {
    let mut score = 0;
    for i in (0..patterns.len().min(probes.len())).rev() {
        score += match (&patterns[i], &probes[i]) {
            (Pattern::Literal(l), Probe::Plain(p)) if l.lower == p.lower => 1,
            (Pattern::Literal(l), Probe::Call(n)) if l.bare() == n.bare() => 1,
            (Pattern::Cast(c), Probe::Plain(p)) if c.bare() == p.bare() => 1,
            (Pattern::Key, Probe::Plain(p)) if !p.lower.starts_with('$') => 0,
            (Pattern::ColonPath, Probe::Colon) => 0,
            (Pattern::Call(c), Probe::Plain(p)) if c.bare() == p.bare() => 1,
            (Pattern::Call(c), Probe::Call(n)) if c.bare() == n.bare() => {
                match (&template[i], &example[i]) {
                    (Segment::Call { args, .. }, ExampleSegment::Call { args: given, .. }) => {
                        call_score(args, given)
                    }
                    _ => unreachable!("patterns and probes follow their segments"),
                }
            }
            _ => return None,
        };
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::examples::parse_example_path;
    use crate::resolve::paths::parse_template;

    #[test]
    fn score_agrees_with_match_template() {
        let is_type = |s: &str| s.eq_ignore_ascii_case("microsoft.graph.user");
        let templates = [
            "/users/{id}/Events/{id}",
            "/users/{id}/microsoft.graph.user",
            "/me/drive/root:/{item-path}:/content",
            "/reports/getX(period='{period}')",
            "/reports/microsoft.graph.getX(period='{period}',kind='{kind}')",
            "/me/messages/delta()",
            "/groups/{id}/$count",
        ];
        let examples = [
            "/users/u1/events/E2",
            "/users/u1/events/$ref",
            "/USERS/x/microsoft.graph.User",
            "/users/x/User",
            "/me/drive/root:/a/b.txt:/content",
            "/reports/getx(period='D7')",
            "/reports/GetX(kind='a',period='D7')",
            "/reports/getX",
            "/me/messages/delta",
            "/me/messages/microsoft.graph.delta()",
            "/groups/g/$count",
            "/groups/$count/$count",
        ];
        for raw in templates {
            let template = parse_template(raw, &is_type).segments;
            let patterns: Vec<Pattern> = template.iter().map(Pattern::new).collect();
            for url in examples {
                let example = parse_example_path(url);
                if example.len() != template.len() {
                    continue;
                }
                let probes: Vec<Probe> = example.iter().map(Probe::new).collect();
                assert_eq!(
                    score(&patterns, &template, &probes, &example),
                    match_template(&template, &example, None),
                    "{raw} ~ {url}"
                );
            }
        }
    }
}
