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

/// The output of operations that return no content (204); accepts and ignores any body, and
/// serializes as `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer)?;
        Ok(NoContent)
    }
}

/// The answer to a long-running operation (`202 Accepted`): where to follow it up, and the body
/// if the service sent one. Serializes as the body (`null` without one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Accepted<T> {
    /// The `Location` header: the URL that reports the operation's progress (or, for some
    /// operations, the new resource).
    pub location: Option<String>,
    /// The body, when the answer has one: the documented operation status.
    pub body: Option<T>,
}

impl<T: DeserializeOwned> Decode for Accepted<T> {
    fn decode(status: StatusCode, headers: &HeaderMap, body: Vec<u8>) -> Result<Self, Error> {
        let location = headers
            .get(http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = Option::<T>::decode(status, headers, body)?;
        Ok(Accepted { location, body })
    }
}

impl<T: Serialize> Serialize for Accepted<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(serializer)
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
    fn optional_results_read_an_empty_body_as_none() {
        assert_eq!(decode::<Option<ODataValue<i32>>>("").unwrap(), None);
        let some = decode::<Option<ODataValue<i32>>>(r#"{"value": 3}"#).unwrap();
        assert_eq!(some.map(ODataValue::into_inner), Some(3));
    }

    #[test]
    fn accepted_keeps_the_location_and_any_body() {
        let mut headers = HeaderMap::new();
        let url = "https://graph.microsoft.com/v1.0/teams('t')/operations('o')";
        headers.insert(http::header::LOCATION, url.parse().unwrap());
        let empty = Accepted::<ODataValue<String>>::decode(StatusCode::ACCEPTED, &headers, vec![]);
        let empty = empty.unwrap();
        assert_eq!(empty.location.as_deref(), Some(url));
        assert_eq!(empty.body, None);
        assert_eq!(serde_json::to_string(&empty).unwrap(), "null");
        let body = br#"{"value": "running"}"#.to_vec();
        let full = Accepted::<ODataValue<String>>::decode(StatusCode::ACCEPTED, &headers, body);
        let full = full.unwrap();
        assert_eq!(
            full.body.map(ODataValue::into_inner).as_deref(),
            Some("running")
        );
        assert!(Accepted::<ODataValue<String>>::decode(
            StatusCode::ACCEPTED,
            &headers,
            b"[".to_vec()
        )
        .is_err());
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
