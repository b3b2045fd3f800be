//! The conformance summary: pass and fail per example, failures grouped by cause, docs defects
//! counted apart from failures of ours.

use super::record::{Blame, Cause, Record};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Counts over one conformance run.
#[derive(Debug, Clone, Default)]
pub struct Summary<'a> {
    pub total: usize,
    pub passed: usize,
    /// Examples whose request body is JSON (or that have none): the pass-rate denominator.
    pub parsable: usize,
    pub by_cause: BTreeMap<Cause, Vec<&'a Record>>,
    /// How often each lenient match was needed, over passing and failing examples.
    pub notes: BTreeMap<&'a str, usize>,
}

impl<'a> Summary<'a> {
    pub fn new(records: &'a [Record]) -> Self {
        let mut summary = Summary {
            total: records.len(),
            ..Summary::default()
        };
        for record in records {
            for note in &record.notes {
                *summary.notes.entry(note.as_str()).or_default() += 1;
            }
            match record.cause {
                None => summary.passed += 1,
                Some(cause) => summary.by_cause.entry(cause).or_default().push(record),
            }
            if record.cause != Some(Cause::RequestBodyNotJson) {
                summary.parsable += 1;
            }
        }
        summary
    }

    /// Failures blamed on `blame`.
    pub fn failed(&self, blame: Blame) -> usize {
        self.by_cause
            .iter()
            .filter(|(c, _)| c.blame() == blame)
            .map(|(_, r)| r.len())
            .sum()
    }

    /// Passing share of the examples with a parsable request, in percent.
    pub fn pass_rate(&self) -> f64 {
        percent(self.passed, self.parsable)
    }

    /// Share of all examples failing for a reason of ours, in percent.
    pub fn ours_rate(&self) -> f64 {
        percent(self.failed(Blame::Ours), self.total)
    }

    /// The report: totals, then each cause with up to `per_cause` examples (file:line).
    pub fn render(&self, per_cause: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} examples: {} passed, {} failed ({} docs defects, {} ours)",
            self.total,
            self.passed,
            self.total - self.passed,
            self.failed(Blame::Docs),
            self.failed(Blame::Ours)
        );
        let _ = writeln!(
            out,
            "pass rate (examples with a parsable request): {:.2}% of {}; failures of ours: {:.2}% of all",
            self.pass_rate(),
            self.parsable,
            self.ours_rate()
        );
        for blame in [Blame::Docs, Blame::Ours] {
            let _ = writeln!(out, "\nfailures, {}:", blame.as_str());
            for (cause, records) in self.by_cause.iter().filter(|(c, _)| c.blame() == blame) {
                let _ = writeln!(out, "  {:<24} {}", cause.slug(), records.len());
                for r in records.iter().take(per_cause) {
                    let _ = writeln!(
                        out,
                        "    {}:{} {}: {}",
                        r.file,
                        r.line,
                        r.example,
                        one_line(&r.detail)
                    );
                }
                if records.len() > per_cause {
                    let _ = writeln!(out, "    … {} more", records.len() - per_cause);
                }
            }
        }
        if !self.notes.is_empty() {
            let notes: Vec<String> = self.notes.iter().map(|(n, c)| format!("{n} {c}")).collect();
            let _ = writeln!(
                out,
                "\nlenient matches (not failures): {}",
                notes.join(", ")
            );
        }
        out
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 160 {
        format!("{}…", line.chars().take(160).collect::<String>())
    } else {
        line
    }
}
