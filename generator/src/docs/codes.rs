//! Diagnostic codes of page reading (`DOC0xx`), each with a one-line meaning, and the
//! [`Reporter`] the readers push them into.

use crate::diag::{Diagnostic, Severity};

/// Front matter is not valid YAML; fields were read line by line where possible.
pub const FRONT_MATTER_YAML: &str = "DOC001";
/// `doc_type` is missing, quoted oddly or misspelled; the kind was guessed.
pub const DOC_TYPE_GUESSED: &str = "DOC002";
/// `doc_type` contradicts the folder; the folder wins.
pub const DOC_TYPE_FOLDER: &str = "DOC003";
/// An annotation comment was not valid JSON but could be repaired.
pub const ANNOTATION_REPAIRED: &str = "DOC004";
/// An annotation comment is not valid JSON and was skipped.
pub const ANNOTATION_INVALID: &str = "DOC005";
/// An annotation has a key this reader does not know; it was ignored.
pub const ANNOTATION_UNKNOWN_KEY: &str = "DOC006";
/// An annotation has no or an unknown `blockType`.
pub const ANNOTATION_BLOCK_TYPE: &str = "DOC007";
/// The page has no H1 title.
pub const NO_TITLE: &str = "DOC008";
/// An API page has no readable HTTP request line.
pub const NO_HTTP: &str = "DOC009";
/// A line of an HTTP request block could not be read.
pub const HTTP_LINE: &str = "DOC010";
/// The permissions are not given as a table (missing, or an `[!INCLUDE]`).
pub const NO_PERMISSIONS: &str = "DOC011";
/// A permissions table row names an unknown permission type.
pub const PERMISSION_ROW: &str = "DOC012";
/// A type cell could not be read.
pub const TYPE_CELL: &str = "DOC013";
/// A table row has fewer cells than the table needs.
pub const SHORT_ROW: &str = "DOC014";
/// An example annotation is not followed by a code block.
pub const EXAMPLE_NO_CODE: &str = "DOC015";
/// An example request's first line is not `METHOD url`.
pub const EXAMPLE_REQUEST_LINE: &str = "DOC016";
/// A response example matches no request example.
pub const UNPAIRED_RESPONSE: &str = "DOC017";
/// A code fence is never closed; it runs to the end of the page.
pub const UNCLOSED_FENCE: &str = "DOC018";
/// A response status line could not be read.
pub const RESPONSE_STATUS: &str = "DOC019";
/// A resource page has no properties, resource annotation or enum members.
pub const EMPTY_RESOURCE: &str = "DOC020";
/// An enum members table or section could not be read.
pub const ENUM_MEMBERS: &str = "DOC021";
/// A conceptual or unknown page was skipped.
pub const SKIPPED_PAGE: &str = "DOC022";
/// An HTML comment is never closed.
pub const UNCLOSED_COMMENT: &str = "DOC023";
/// The page is empty or not text.
pub const EMPTY_PAGE: &str = "DOC024";
/// An annotation key has a value of the wrong JSON type; it was ignored.
pub const ANNOTATION_VALUE: &str = "DOC025";
/// A table row has a name cell and a type cell, but no readable name; the row was skipped.
pub const PROPERTY_NAME: &str = "DOC026";

/// Every code with its one-line meaning, in order.
pub const ALL: &[(&str, &str)] = &[
    (FRONT_MATTER_YAML, "front matter is not valid YAML"),
    (
        DOC_TYPE_GUESSED,
        "doc_type missing or misspelled; kind guessed",
    ),
    (
        DOC_TYPE_FOLDER,
        "doc_type contradicts the folder; folder wins",
    ),
    (ANNOTATION_REPAIRED, "annotation JSON repaired"),
    (ANNOTATION_INVALID, "annotation JSON invalid; skipped"),
    (ANNOTATION_UNKNOWN_KEY, "unknown annotation key ignored"),
    (
        ANNOTATION_BLOCK_TYPE,
        "annotation blockType missing or unknown",
    ),
    (NO_TITLE, "page has no H1 title"),
    (NO_HTTP, "API page has no HTTP request line"),
    (HTTP_LINE, "HTTP request line unreadable"),
    (NO_PERMISSIONS, "permissions not given as a table"),
    (PERMISSION_ROW, "unknown permission type row"),
    (TYPE_CELL, "type cell unreadable"),
    (SHORT_ROW, "table row has too few cells"),
    (EXAMPLE_NO_CODE, "example annotation without code block"),
    (EXAMPLE_REQUEST_LINE, "example request line unreadable"),
    (UNPAIRED_RESPONSE, "response example matches no request"),
    (UNCLOSED_FENCE, "code fence never closed"),
    (RESPONSE_STATUS, "response status unreadable"),
    (EMPTY_RESOURCE, "resource page describes nothing"),
    (ENUM_MEMBERS, "enum members unreadable"),
    (SKIPPED_PAGE, "conceptual or unknown page skipped"),
    (UNCLOSED_COMMENT, "HTML comment never closed"),
    (EMPTY_PAGE, "page is empty"),
    (ANNOTATION_VALUE, "annotation value has the wrong type"),
    (PROPERTY_NAME, "property name unreadable; row skipped"),
];

/// Collects the diagnostics of one page.
pub struct Reporter<'f> {
    pub file: &'f str,
    pub items: Vec<Diagnostic>,
}

impl<'f> Reporter<'f> {
    pub fn new(file: &'f str) -> Self {
        Reporter {
            file,
            items: Vec::new(),
        }
    }

    /// Reports a finding with help on how to fix the page.
    pub fn report(
        &mut self,
        code: &'static str,
        severity: Severity,
        line: u32,
        message: impl Into<String>,
        help: &str,
    ) {
        self.items
            .push(Diagnostic::new(code, severity, self.file, line, message).with_help(help));
    }

    pub fn warn(&mut self, code: &'static str, line: u32, message: impl Into<String>, help: &str) {
        self.report(code, Severity::Warning, line, message, help);
    }

    pub fn note(&mut self, code: &'static str, line: u32, message: impl Into<String>, help: &str) {
        self.report(code, Severity::Note, line, message, help);
    }

    pub fn error(&mut self, code: &'static str, line: u32, message: impl Into<String>, help: &str) {
        self.report(code, Severity::Error, line, message, help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_ordered() {
        for pair in ALL.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        assert_eq!(ALL.len(), 26);
    }

    #[test]
    fn reporter_fills_file_and_help() {
        let mut r = Reporter::new("v1.0/api/x.md");
        r.warn(HTTP_LINE, 3, "bad line", "write METHOD /path");
        assert_eq!(r.items[0].file, "v1.0/api/x.md");
        assert_eq!(r.items[0].help.as_deref(), Some("write METHOD /path"));
        assert_eq!(r.items[0].severity, Severity::Warning);
    }
}
