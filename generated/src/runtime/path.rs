//! Percent-encoding of path segments and query values, and OData literals for function parameters.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// Everything but RFC 3986 unreserved characters and `@` (kept so user principal names stay readable).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// Characters encoded in query names and values. Kept: OData syntax such as `$ ( ) , / : @ ! *`.
/// `'` is encoded because the HTTP stack would encode it anyway; this way `build()` shows the
/// exact bytes sent.
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'+')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes one path segment (an id, a key): `/`, `:`, `?`, `#`, `%`, spaces and non-ASCII
/// are all encoded, so a value can never add segments or a query. A value of `.` or `..` stays as
/// is, and [`Request::build`](crate::runtime::Request::build) refuses such dot segments (the HTTP
/// stack would normalise them away).
///
/// ```
/// assert_eq!(msgraph::runtime::encode_segment("a/b c"), "a%2Fb%20c");
/// ```
pub fn encode_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Percent-encodes a drive item path for `root:/{path}:` addressing: each `/`-separated part is
/// encoded with [`encode_segment`] and the `/` separators are kept.
///
/// ```
/// assert_eq!(msgraph::runtime::encode_colon_path("/Docs/a:b.txt"), "/Docs/a%3Ab.txt");
/// ```
pub fn encode_colon_path(value: &str) -> String {
    value
        .split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// Percent-encodes a query option name or value.
pub(crate) fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, QUERY).to_string()
}

/// A value written as an OData literal, for function parameters (`f(p=@p)?@p=<literal>` or
/// `f(p=<literal>)` in a path).
///
/// Strings are quoted with `'` doubled inside; numbers and booleans are bare (`NaN`, `INF`, `-INF`
/// for non-finite doubles); GUIDs, dates and times are bare in their canonical text;
/// `duration'P1D'` for durations; `binary'<base64url>'` for binary; enums made by
/// [`graph_enum!`](crate::graph_enum) are quoted member names; `None` is `null`.
pub trait ODataLiteral {
    /// The literal text (not yet percent-encoded).
    fn to_odata_literal(&self) -> String;
}

/// Quotes text as an OData string literal: `it's` becomes `'it''s'`.
pub fn quote_odata_string(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

impl ODataLiteral for str {
    fn to_odata_literal(&self) -> String {
        quote_odata_string(self)
    }
}

impl ODataLiteral for String {
    fn to_odata_literal(&self) -> String {
        quote_odata_string(self)
    }
}

impl<T: ODataLiteral + ?Sized> ODataLiteral for &T {
    fn to_odata_literal(&self) -> String {
        (**self).to_odata_literal()
    }
}

impl<T: ODataLiteral> ODataLiteral for Option<T> {
    fn to_odata_literal(&self) -> String {
        self.as_ref()
            .map_or_else(|| "null".to_string(), ODataLiteral::to_odata_literal)
    }
}

macro_rules! bare_literal {
    ($($ty:ty),*) => {$(
        impl ODataLiteral for $ty {
            fn to_odata_literal(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

bare_literal!(bool, i8, i16, i32, i64, u8, u16, u32, u64, uuid::Uuid);

impl ODataLiteral for f64 {
    fn to_odata_literal(&self) -> String {
        crate::runtime::types::Double(*self).to_text()
    }
}

impl ODataLiteral for f32 {
    fn to_odata_literal(&self) -> String {
        f64::from(*self).to_odata_literal()
    }
}

/// The argument list of a function call, `(name=value,...)`, leaving out the optional arguments
/// not given; values come encoded (`encode_segment` of their OData literal).
///
/// ```
/// let args = [("count", Some("3".to_string())), ("valuesOnly", None)];
/// assert_eq!(msgraph::runtime::call_arguments(&args), "(count=3)");
/// ```
pub fn call_arguments(args: &[(&str, Option<String>)]) -> String {
    let given: Vec<String> = args
        .iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name}={v}")))
        .collect();
    format!("({})", given.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_escape() {
        assert_eq!(encode_segment("../x?y#z"), "..%2Fx%3Fy%23z");
        assert_eq!(encode_segment("adele@contoso.com"), "adele@contoso.com");
        assert_eq!(encode_segment("é 100%"), "%C3%A9%20100%25");
        assert_eq!(encode_colon_path("a b/c:d"), "a%20b/c%3Ad");
    }

    #[test]
    fn literals() {
        assert_eq!("it's".to_odata_literal(), "'it''s'");
        assert_eq!(42i64.to_odata_literal(), "42");
        assert_eq!(true.to_odata_literal(), "true");
        assert_eq!(None::<i32>.to_odata_literal(), "null");
        assert_eq!(f64::NAN.to_odata_literal(), "NaN");
        let id = uuid::Uuid::nil();
        assert_eq!(
            id.to_odata_literal(),
            "00000000-0000-0000-0000-000000000000"
        );
    }

    #[test]
    fn query_values_keep_odata_syntax() {
        assert_eq!(
            encode_query("startswith(displayName,'a b')"),
            "startswith(displayName,%27a%20b%27)"
        );
        assert_eq!(encode_query("x&y=z+1#"), "x%26y%3Dz%2B1%23");
    }
}
