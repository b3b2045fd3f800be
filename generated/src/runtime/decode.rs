//! Turning a success response body into the operation's output type.

use http::{HeaderMap, StatusCode};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize};

use crate::runtime::error::Error;

/// Decodes a success response. Implemented for every `DeserializeOwned` type (JSON; an empty or
/// blank body reads as JSON `null`), for [`Bytes`] (raw body) and, through `Deserialize`, for
/// [`NoContent`].
pub trait Decode: Sized {
    /// Decodes the body of a response with a success status.
    fn decode(status: StatusCode, headers: &HeaderMap, body: Vec<u8>) -> Result<Self, Error>;
}

impl<T: DeserializeOwned> Decode for T {
    fn decode(_status: StatusCode, _headers: &HeaderMap, body: Vec<u8>) -> Result<Self, Error> {
        let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &body
        };
        serde_json::from_slice(json).map_err(|e| Error::Decode {
            source: Box::new(e),
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }
}

/// A raw response body (file content, photos, reports) with its content type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bytes {
    /// The body as received.
    pub data: Vec<u8>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
}

impl Bytes {
    /// The body, consuming `self`.
    pub fn into_vec(self) -> Vec<u8> {
        self.data
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.data
    }
}

impl Decode for Bytes {
    fn decode(_status: StatusCode, headers: &HeaderMap, body: Vec<u8>) -> Result<Self, Error> {
        let content_type = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok(Bytes {
            data: body,
            content_type,
        })
    }
}

/// The output of operations that return no content (204); accepts and ignores any body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(NoContent)
    }
}

/// The result of a function or action that returns one primitive value (a string, a number, a
/// boolean, a date): OData answers it wrapped, `{"@odata.context": "…", "value": 2}`.
/// Annotations are ignored; serializes back as `{"value": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ODataValue<T> {
    /// The returned value.
    pub value: T,
}

impl<T> ODataValue<T> {
    /// The returned value, consuming the envelope.
    pub fn into_inner(self) -> T {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode<T: Decode>(body: &str) -> Result<T, Error> {
        T::decode(StatusCode::OK, &HeaderMap::new(), body.as_bytes().to_vec())
    }

    #[test]
    fn empty_body_is_null() {
        assert_eq!(decode::<Option<i32>>("").unwrap(), None);
        assert_eq!(decode::<NoContent>("").unwrap(), NoContent);
        assert_eq!(decode::<NoContent>("{\"a\":1}").unwrap(), NoContent);
    }

    #[test]
    fn primitive_results_are_read_from_their_envelope() {
        let body = r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Edm.Int32", "value": 2}"#;
        let decoded = decode::<ODataValue<i32>>(body).unwrap();
        assert_eq!(decoded.into_inner(), 2);
        let text = decode::<ODataValue<String>>(r#"{"value": "x"}"#).unwrap();
        assert_eq!(serde_json::to_string(&text).unwrap(), r#"{"value":"x"}"#);
        assert!(decode::<ODataValue<bool>>("true").is_err());
    }

    #[test]
    fn bad_json_keeps_body_text() {
        let err = decode::<Vec<i32>>("[1, 2").unwrap_err();
        assert!(matches!(err, Error::Decode { ref body, .. } if body == "[1, 2"));
    }

    #[test]
    fn bytes_keep_content_type() {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, "image/png".parse().unwrap());
        let bytes = Bytes::decode(StatusCode::OK, &headers, vec![1, 2]).unwrap();
        assert_eq!(bytes.content_type.as_deref(), Some("image/png"));
        assert_eq!(bytes.into_vec(), vec![1, 2]);
    }
}
