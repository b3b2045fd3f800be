//! Requests derived from a collection request by an OData path suffix: the `/$count` segment
//! and a cast to a derived type (`/microsoft.graph.user`). They apply to every collection, so
//! they live here, generic, instead of one generated method per collection and derived type.

use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;

use crate::runtime::decode::Decode;
use crate::runtime::error::Error;
use crate::runtime::paging::Collection;
use crate::runtime::request::Request;

/// The answer of a `/$count` request: the number of items in a collection (after `$filter` or
/// `$search`, when given). Serializes as the bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct Count(pub i64);

impl Count {
    /// The number of items.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl From<Count> for i64 {
    fn from(count: Count) -> i64 {
        count.0
    }
}

/// Graph answers `/$count` as `text/plain` (sometimes with a byte order mark); a JSON number
/// reads the same way.
impl Decode for Count {
    fn decode(_status: StatusCode, _headers: &HeaderMap, body: Vec<u8>) -> Result<Self, Error> {
        let text = String::from_utf8_lossy(&body);
        let digits = text.trim_start_matches('\u{feff}').trim();
        digits.parse::<i64>().map(Count).map_err(|e| Error::Decode {
            source: Box::new(e),
            body: text.into_owned(),
        })
    }
}

impl<I> Request<Collection<I>> {
    /// `GET <collection>/$count`: only the number of items, honouring `$filter` and `$search`.
    /// Sends `ConsistencyLevel: eventual`, which Graph requires for counting directory objects
    /// (users, groups, members, ...) and ignores elsewhere.
    pub fn item_count(self) -> Request<Count> {
        self.with_segment::<Count>("$count")
            .with_method(Method::GET)
            .consistency_level_eventual()
    }

    /// `<collection>/<type_name>`: only the items of the derived type `type_name` (for example
    /// `microsoft.graph.user` below a group's `members`), read as `D`. A name that is not a
    /// qualified OData type name (letters, digits, `_` and inner `.`) is reported by
    /// `build`/`send` as [`Error::InvalidRequest`].
    pub fn cast<D>(self, type_name: &str) -> Request<Collection<D>> {
        let type_name = type_name.trim_start_matches('#');
        if !is_qualified_name(type_name) {
            return self
                .fail(format!("cast to {type_name:?}: not a qualified type name"))
                .with_segment(type_name);
        }
        self.with_segment(type_name)
    }
}

/// `namespace.Name`: dot-separated identifiers, at least two.
fn is_qualified_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::client::Client;
    use crate::runtime::request::Permissions;

    fn users() -> Request<Collection<serde_json::Value>> {
        let client = Client::builder()
            .token("t")
            .base_url("https://example.test/v1.0")
            .build()
            .unwrap();
        Request::new(
            &client,
            Method::GET,
            "/groups/g1/members".into(),
            &Permissions::NONE,
        )
    }

    #[test]
    fn count_decodes_text_with_bom_and_json() {
        let decode = |body: &str| Count::decode(StatusCode::OK, &HeaderMap::new(), body.into());
        assert_eq!(decode("\u{feff}893").unwrap(), Count(893));
        assert_eq!(decode(" 12\n").unwrap().get(), 12);
        assert!(matches!(decode("many"), Err(Error::Decode { body, .. }) if body == "many"));
    }

    #[test]
    fn cast_then_count_appends_both_segments_before_the_query() {
        let r = users()
            .filter("startswith(displayName,'a')")
            .cast::<serde_json::Value>("microsoft.graph.user")
            .item_count();
        assert_eq!(
            r.url().unwrap(),
            "https://example.test/v1.0/groups/g1/members/microsoft.graph.user/$count?$filter=startswith(displayName,%27a%27)"
        );
        let built = r.build().unwrap();
        assert_eq!(built.headers()["consistencylevel"], "eventual");
    }

    #[test]
    fn cast_refuses_names_that_are_not_type_names() {
        for name in [
            "user",
            "microsoft.graph.user/../x",
            "a..b",
            "microsoft.graph.1x",
        ] {
            let r = users().cast::<serde_json::Value>(name);
            assert!(matches!(r.build(), Err(Error::InvalidRequest(_))), "{name}");
        }
    }
}
