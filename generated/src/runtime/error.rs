//! The one error type of the runtime, and parsing of Graph error bodies.

use std::time::Duration;

use http::{HeaderMap, StatusCode};
use serde_json::Value;

/// A boxed error from outside the runtime (token providers, custom decoders).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong when building, sending or decoding a Graph request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with a non-success status. Parsed leniently from
    /// `{"error":{"code","message","innerError":{...}}}`; when the body is not that shape,
    /// `code` is `None` and `message` is the body text (or the status reason if the body is empty).
    #[error("Graph API error {status} ({}): {message}", .code.as_deref().unwrap_or("no code"))]
    Api {
        /// HTTP status of the final attempt.
        status: StatusCode,
        /// `error.code`, e.g. `Request_ResourceNotFound`.
        code: Option<String>,
        /// `error.message`, or the raw body text.
        message: String,
        /// `error.innerError` (`request-id`, `client-request-id`, `date`, ...), as sent.
        inner_error: Option<Value>,
        /// The `Retry-After` delay the server asked for, if any.
        retry_after: Option<Duration>,
    },
    /// Connecting, sending or reading the body failed.
    #[error("HTTP transport failed: {0}")]
    Transport(#[source] reqwest::Error),
    /// One attempt took longer than the client's timeout.
    #[error("request timed out after {0:?}")]
    Timeout(Duration),
    /// A success response whose body could not be decoded into the expected type.
    #[error("could not decode the response body: {source}")]
    Decode {
        /// The underlying parse error.
        #[source]
        source: BoxError,
        /// The body text (lossy UTF-8), for diagnosis.
        body: String,
    },
    /// The request could not be built (bad header, unserializable body, unsafe path, bad URL).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client could not be built.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The token provider failed.
    #[error("token provider failed: {0}")]
    Token(#[source] BoxError),
    /// An `@odata.nextLink` pointed back to a page that was already fetched.
    #[error("paging loop: @odata.nextLink points back to the already visited page {url}")]
    PagingLoop {
        /// The repeated URL.
        url: String,
    },
    /// Delta paging ended on a page with neither `@odata.nextLink` nor `@odata.deltaLink`.
    #[error("delta paging ended without an @odata.deltaLink (last page {url})")]
    MissingDeltaLink {
        /// URL of the last page fetched.
        url: String,
    },
}

impl Error {
    /// The HTTP status, for [`Error::Api`].
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The Graph error code, for [`Error::Api`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Api { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// `innerError.request-id`, the id to quote to Microsoft support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api {
                inner_error: Some(inner),
                ..
            } => inner.get("request-id").and_then(Value::as_str),
            _ => None,
        }
    }

    /// Whether this is a [`Error::Timeout`].
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// Builds the error for a non-success response (never fails, whatever the body).
    pub(crate) fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
        let retry_after = crate::runtime::retry::retry_after(headers, chrono::Utc::now());
        let text = String::from_utf8_lossy(body);
        let parsed: Option<Value> = serde_json::from_slice(body).ok();
        let (code, message, inner_error) = match parsed.as_ref().and_then(|v| v.get("error")) {
            Some(Value::Object(error)) => parse_error_object(error, &text),
            // OAuth style: {"error": "invalid_token", "error_description": "..."}
            Some(Value::String(code)) => {
                let description = parsed.as_ref().and_then(|v| v.get("error_description"));
                let message = description.map_or_else(|| text.to_string(), value_text);
                (Some(code.clone()), message, None)
            }
            _ => (None, fallback_message(status, &text), None),
        };
        Error::Api {
            status,
            code,
            message,
            inner_error,
            retry_after,
        }
    }
}

type ParsedError = (Option<String>, String, Option<Value>);

fn parse_error_object(error: &serde_json::Map<String, Value>, text: &str) -> ParsedError {
    let code = error.get("code").map(value_text);
    let message = error
        .get("message")
        .map_or_else(|| text.to_string(), value_text);
    let inner = error
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("innerError"))
        .map(|(_, value)| value.clone());
    (code, message, inner)
}

/// A JSON value as text: strings unquoted, anything else as compact JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn fallback_message(status: StatusCode, text: &str) -> String {
    if text.trim().is_empty() {
        status.canonical_reason().unwrap_or("no reason").to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> Error {
        Error::from_response(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        )
    }

    #[test]
    fn graph_error_body_is_parsed() {
        let err = parse(
            404,
            r#"{"error":{"code":"itemNotFound","message":"gone","innerError":{"request-id":"r1"}}}"#,
        );
        assert_eq!(err.code(), Some("itemNotFound"));
        assert_eq!(err.request_id(), Some("r1"));
        assert!(err.to_string().contains("gone"));
    }

    #[test]
    fn oauth_error_body_is_parsed() {
        let err = parse(
            401,
            r#"{"error":"invalid_token","error_description":"expired"}"#,
        );
        assert_eq!(err.code(), Some("invalid_token"));
        assert!(matches!(err, Error::Api { ref message, .. } if message == "expired"));
    }

    #[test]
    fn empty_body_uses_status_reason() {
        let err = parse(502, "");
        assert!(
            matches!(err, Error::Api { code: None, ref message, .. } if message == "Bad Gateway")
        );
    }
}
