//! One line of the conformance report: the result of one example, as a JSON object per line.
//!
//! Like `compare.rs`, this file is compiled in the generator (the xtask parses the report with
//! it) and copied into the generated conformance test (which writes the report with it). It uses
//! only `std` and `serde_json`.
#![allow(dead_code)]

use serde_json::{json, Value};

/// Whether a failure is a defect of the docs or of ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Blame {
    Docs,
    Ours,
}

impl Blame {
    pub fn as_str(self) -> &'static str {
        match self {
            Blame::Docs => "docs",
            Blame::Ours => "ours",
        }
    }
}

/// Why an example failed: a stable slug, and who is to blame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// The example's request body is not valid JSON.
    RequestBodyNotJson,
    /// The example's response body is not valid JSON.
    ResponseBodyNotJson,
    /// A property of the example has a value the declared type cannot hold.
    ContradictsType,
    /// The example or its operation names a type the docs do not define.
    UnknownType,
    /// The example's URL matches no documented path template.
    NoTemplate,
    /// The operation returns a body but the example shows none, or only a truncated one.
    ResponseMissing,
    /// We could not generate code for the example.
    NotGenerated,
    /// The request we sent differs from the example (method, path, query, headers or body).
    RequestMismatch,
    /// Sending failed (transport, status, invalid request).
    SendFailed,
    /// The response did not deserialize into the documented type.
    DecodeFailed,
    /// Re-serializing the typed response lost a property of the example.
    PropertyDropped,
    /// Re-serializing the typed response changed a value of the example.
    ValueChanged,
    /// The example took too long.
    Timeout,
}

impl Cause {
    pub const ALL: [Cause; 13] = [
        Cause::RequestBodyNotJson,
        Cause::ResponseBodyNotJson,
        Cause::ContradictsType,
        Cause::UnknownType,
        Cause::NoTemplate,
        Cause::ResponseMissing,
        Cause::NotGenerated,
        Cause::RequestMismatch,
        Cause::SendFailed,
        Cause::DecodeFailed,
        Cause::PropertyDropped,
        Cause::ValueChanged,
        Cause::Timeout,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Cause::RequestBodyNotJson => "request-body-not-json",
            Cause::ResponseBodyNotJson => "response-body-not-json",
            Cause::ContradictsType => "contradicts-type",
            Cause::UnknownType => "unknown-type",
            Cause::NoTemplate => "no-template",
            Cause::ResponseMissing => "response-missing",
            Cause::NotGenerated => "not-generated",
            Cause::RequestMismatch => "request-mismatch",
            Cause::SendFailed => "send-failed",
            Cause::DecodeFailed => "decode-failed",
            Cause::PropertyDropped => "property-dropped",
            Cause::ValueChanged => "value-changed",
            Cause::Timeout => "timeout",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.slug() == slug)
    }

    pub fn blame(self) -> Blame {
        match self {
            Cause::RequestBodyNotJson
            | Cause::ResponseBodyNotJson
            | Cause::ContradictsType
            | Cause::UnknownType
            | Cause::NoTemplate
            | Cause::ResponseMissing => Blame::Docs,
            _ => Blame::Ours,
        }
    }
}

/// The result of one example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The example's name (its request annotation).
    pub example: String,
    /// Page, relative to the docs root, and 1-based line of the request block.
    pub file: String,
    pub line: u32,
    /// `None` when the example passed.
    pub cause: Option<Cause>,
    /// What went wrong, for a failure.
    pub detail: String,
    /// Lenient matches (`datetime-format`, `case`, ...), sorted, unique.
    pub notes: Vec<String>,
}

impl Record {
    pub fn passed(&self) -> bool {
        self.cause.is_none()
    }

    /// The report line (one JSON object, no newline).
    pub fn to_line(&self) -> String {
        json!({
            "example": self.example,
            "file": self.file,
            "line": self.line,
            "status": if self.passed() { "pass" } else { "fail" },
            "cause": self.cause.map(Cause::slug),
            "blame": self.cause.map(|c| c.blame().as_str()),
            "detail": self.detail,
            "notes": self.notes,
        })
        .to_string()
    }

    /// Reads a report line; `None` for lines that are not records (other test output).
    pub fn from_line(line: &str) -> Option<Record> {
        let value: Value = serde_json::from_str(line.trim()).ok()?;
        let text = |key: &str| value.get(key).and_then(Value::as_str);
        let cause = match text("cause") {
            Some(slug) => Some(Cause::from_slug(slug)?),
            None => None,
        };
        let notes = value
            .get("notes")
            .and_then(Value::as_array)
            .map(|notes| {
                notes
                    .iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        Some(Record {
            example: text("example")?.to_string(),
            file: text("file")?.to_string(),
            line: value.get("line")?.as_u64()?.try_into().ok()?,
            cause,
            detail: text("detail").unwrap_or_default().to_string(),
            notes,
        })
    }
}
