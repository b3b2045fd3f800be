//! Diagnostics: what every stage reports about the pages it reads.
//!
//! Each diagnostic has a stable code (`DOC…` for reading a page, `RES…` for resolving the
//! corpus, `GEN…` for emitting and writing), a severity, a file and line, a message and, where
//! possible, how to fix the page. Stages push into a [`Diagnostics`] sink; rendering happens at
//! the command-line edge.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How many characters of a page's text a message quotes ([`quote`]).
pub const QUOTE_LIMIT: usize = 200;

/// Page text to quote in a message, cut after [`QUOTE_LIMIT`] characters with a note of the
/// full length, so a 50 KB cell makes a short message.
pub fn quote(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(QUOTE_LIMIT) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}… ({} bytes)", &text[..end], text.len())),
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: something was skipped on purpose.
    Note,
    /// Input was repaired or partly ignored; output is still produced.
    Warning,
    /// Input could not be used; the item is missing from the output.
    Error,
}

/// One finding about the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `DOC003`.
    pub code: &'static str,
    pub severity: Severity,
    /// Path relative to the docs root.
    pub file: String,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: u32,
    pub message: String,
    /// How to fix the page, when we can say.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        severity: Severity,
        file: impl Into<String>,
        line: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file: file.into(),
            line,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A sink of diagnostics, filled by every stage.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Sorts by file, line and code so output is deterministic.
    pub fn sort(&mut self) {
        self.items.sort();
    }

    /// The diagnostics with `code`, in order.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.items.iter().filter(move |d| d.code == code)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Counts by code, for the end-of-run summary.
    pub fn summary(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for d in &self.items {
            *counts.entry(d.code).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_short_ones_kept() {
        assert_eq!(quote("String"), "String");
        let long = "é".repeat(QUOTE_LIMIT + 1);
        let cut = quote(&long);
        assert!(cut.starts_with(&"é".repeat(QUOTE_LIMIT)), "{cut}");
        assert!(cut.ends_with(&format!("… ({} bytes)", long.len())), "{cut}");
        assert_eq!(quote(&long[..2 * QUOTE_LIMIT]), long[..2 * QUOTE_LIMIT]);
    }
}
