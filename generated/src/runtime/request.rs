//! [`Request`]: one Graph operation, built by generated code and sent by the runtime.

use std::fmt;
use std::marker::PhantomData;

use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, Method};
use serde::Serialize;

use crate::runtime::client::Client;
use crate::runtime::decode::Decode;
use crate::runtime::error::Error;
use crate::runtime::path::{encode_query, ODataLiteral};

/// The permissions an operation documents, least privileged first. Generated code declares them
/// as `static` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: &'static [&'static str],
    /// Delegated (personal Microsoft account).
    pub delegated_personal: &'static [&'static str],
    /// Application.
    pub application: &'static [&'static str],
}

impl Permissions {
    /// No documented permissions.
    pub const NONE: Permissions = Permissions {
        delegated_work: &[],
        delegated_personal: &[],
        application: &[],
    };
}

/// Where the request goes.
#[derive(Debug, Clone)]
enum Target {
    /// A path below the client's base URL, already encoded by generated code.
    Path(String),
    /// An absolute URL used byte for byte (paging and delta links).
    Url(String),
}

#[derive(Debug, Clone)]
enum Body {
    Json(Vec<u8>),
    Raw {
        data: Vec<u8>,
        content_type: HeaderValue,
    },
}

/// One Graph operation returning `T`. Chain query options and headers, then [`send`](Self::send),
/// [`build`](Self::build), or for collections [`stream`](Self::stream) / [`delta`](Self::delta).
///
/// Problems found while chaining (an invalid header, a body that fails to serialize) are kept and
/// reported by `build`/`send` as [`Error::InvalidRequest`].
pub struct Request<T> {
    client: Client,
    method: Method,
    target: Target,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Option<Body>,
    permissions: &'static Permissions,
    problem: Option<String>,
    output: PhantomData<fn() -> T>,
}

impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Request {
            client: self.client.clone(),
            method: self.method.clone(),
            target: self.target.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            permissions: self.permissions,
            problem: self.problem.clone(),
            output: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("target", &self.target)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl<T> Request<T> {
    /// A request for `path` below the client's base URL. `path` starts with `/` and is already
    /// percent-encoded (generated code uses [`encode_segment`](crate::runtime::encode_segment));
    /// an absolute `http(s)://` URL is used as is.
    pub fn new(
        client: &Client,
        method: Method,
        path: String,
        permissions: &'static Permissions,
    ) -> Self {
        let target = if is_absolute(&path) {
            Target::Url(path)
        } else {
            Target::Path(path)
        };
        Request {
            client: client.clone(),
            method,
            target,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            permissions,
            problem: None,
            output: PhantomData,
        }
    }

    /// A JSON body (`Content-Type: application/json`), serialized now; a serialization failure is
    /// reported by `build`/`send`.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(Body::Json(bytes)),
            Err(e) => self.note_problem(format!("JSON body: {e}")),
        }
        self
    }

    /// A raw body with its content type (uploads).
    pub fn bytes(mut self, data: Vec<u8>, content_type: &str) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(content_type) => self.body = Some(Body::Raw { data, content_type }),
            Err(e) => self.note_problem(format!("content type {content_type:?}: {e}")),
        }
        self
    }

    /// A function parameter passed as a query alias: the path holds `name=@name`, and this adds
    /// `@name=<literal>` to the query.
    pub fn param(self, name: &str, value: impl ODataLiteral) -> Self {
        let literal = value.to_odata_literal();
        self.query(&format!("@{name}"), &literal)
    }

    /// `$select=a,b`: the properties to return.
    pub fn select<S: AsRef<str>>(self, fields: impl IntoIterator<Item = S>) -> Self {
        self.query("$select", &join(fields))
    }

    /// `$expand=a,b`: the relationships to expand.
    pub fn expand<S: AsRef<str>>(self, fields: impl IntoIterator<Item = S>) -> Self {
        self.query("$expand", &join(fields))
    }

    /// `$filter=<expr>`, e.g. `startswith(displayName,'a')`.
    pub fn filter(self, expr: &str) -> Self {
        self.query("$filter", expr)
    }

    /// `$orderby=a desc,b`.
    pub fn orderby<S: AsRef<str>>(self, fields: impl IntoIterator<Item = S>) -> Self {
        self.query("$orderby", &join(fields))
    }

    /// `$top=n`: the page size.
    pub fn top(self, n: u32) -> Self {
        self.query("$top", &n.to_string())
    }

    /// `$skip=n`.
    pub fn skip(self, n: u32) -> Self {
        self.query("$skip", &n.to_string())
    }

    /// `$search=...`. Text without a `"` is wrapped in double quotes, as Graph requires
    /// (`pizza` → `"pizza"`); text containing `"` (e.g. `"displayName:a" AND "mail:b"`) is sent as is.
    pub fn search(self, text: &str) -> Self {
        let value = if text.contains('"') {
            text.to_string()
        } else {
            format!("\"{text}\"")
        };
        self.query("$search", &value)
    }

    /// `$count=true|false`. Directory objects also need [`consistency_level_eventual`](Self::consistency_level_eventual).
    pub fn count(self, count: bool) -> Self {
        self.query("$count", if count { "true" } else { "false" })
    }

    /// Any query option; both name and value are percent-encoded here. Setting a name again
    /// replaces its value.
    pub fn query(mut self, name: &str, value: &str) -> Self {
        let name = encode_query(name);
        let value = encode_query(value);
        match self.query.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = value,
            None => self.query.push((name, value)),
        }
        self
    }

    /// Any header; setting a name again replaces its value.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            (Ok(name), Ok(value)) => {
                self.headers.insert(name, value);
            }
            _ => self.note_problem(format!("invalid header {name:?}")),
        }
        self
    }

    /// `ConsistencyLevel: eventual`, needed by advanced directory queries (`$count`, `$search`, ...).
    pub fn consistency_level_eventual(self) -> Self {
        self.header("ConsistencyLevel", "eventual")
    }

    /// Adds a `Prefer` preference (e.g. `return=minimal`, `outlook.timezone="UTC"`); several calls
    /// are combined with `, `.
    pub fn prefer(self, value: &str) -> Self {
        let combined = match self.headers.get("Prefer").and_then(|v| v.to_str().ok()) {
            Some(existing) => format!("{existing}, {value}"),
            None => value.to_string(),
        };
        self.header("Prefer", &combined)
    }

    /// The permissions the operation documents.
    pub fn permissions(&self) -> &'static Permissions {
        self.permissions
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The full URL this request goes to, query included.
    pub fn url(&self) -> Result<String, Error> {
        let mut url = match &self.target {
            Target::Url(url) => url.clone(),
            Target::Path(path) => join_base(self.client.base_url(), path)?,
        };
        if !self.query.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            let pairs: Vec<String> = self.query.iter().map(|(n, v)| format!("{n}={v}")).collect();
            url.push_str(&pairs.join("&"));
        }
        Ok(url)
    }

    /// Builds the HTTP request without sending it. The `Authorization` header is not included:
    /// the token is fetched when sending.
    pub fn build(&self) -> Result<http::Request<Vec<u8>>, Error> {
        if let Some(problem) = &self.problem {
            return Err(Error::InvalidRequest(problem.clone()));
        }
        let url = self.url()?;
        let uri = http::Uri::try_from(url.as_str())
            .map_err(|e| Error::InvalidRequest(format!("URL {url:?}: {e}")))?;
        let mut headers = self.headers.clone();
        let body = match &self.body {
            None => {
                mark_empty_body(&self.method, &mut headers);
                Vec::new()
            }
            Some(Body::Json(bytes)) => {
                set_default(&mut headers, HeaderValue::from_static("application/json"));
                bytes.clone()
            }
            Some(Body::Raw { data, content_type }) => {
                set_default(&mut headers, content_type.clone());
                data.clone()
            }
        };
        let mut request = http::Request::new(body);
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(request)
    }

    /// Sends the request (with authentication, timeout and retries) and decodes a success
    /// response into `T`; any other status is an [`Error::Api`].
    pub async fn send(self) -> Result<T, Error>
    where
        T: Decode,
    {
        let request = self.build()?;
        let response = self.client.execute(request).await?;
        if !response.status.is_success() {
            return Err(Error::from_response(
                response.status,
                &response.headers,
                &response.body,
            ));
        }
        T::decode(response.status, &response.headers, response.body)
    }

    /// A GET of `link` (a paging or delta link) keeping this request's client, headers and
    /// permissions but not its query or body. Relative links resolve against the base URL.
    pub(crate) fn follow_link(&self, link: &str) -> Result<Self, Error> {
        let url = if is_absolute(link) {
            link.to_string()
        } else {
            let base = reqwest::Url::parse(&format!("{}/", self.client.base_url()))
                .map_err(|e| Error::InvalidRequest(format!("base URL: {e}")))?;
            base.join(link)
                .map_err(|e| Error::InvalidRequest(format!("link {link:?}: {e}")))?
                .to_string()
        };
        let mut headers = self.headers.clone();
        headers.remove(CONTENT_TYPE);
        Ok(Request {
            client: self.client.clone(),
            method: Method::GET,
            target: Target::Url(url),
            query: Vec::new(),
            headers,
            body: None,
            permissions: self.permissions,
            problem: None,
            output: PhantomData,
        })
    }

    /// The same request for a sub-resource: `segment` (already encoded) appended to the path
    /// (before any query the path or URL carries), decoding as `U`.
    pub(crate) fn with_segment<U>(self, segment: &str) -> Request<U> {
        let append = |url: &str| match url.split_once('?') {
            Some((path, query)) => format!("{}/{segment}?{query}", path.trim_end_matches('/')),
            None => format!("{}/{segment}", url.trim_end_matches('/')),
        };
        let target = match &self.target {
            Target::Path(path) => Target::Path(append(path)),
            Target::Url(url) => Target::Url(append(url)),
        };
        Request {
            client: self.client,
            method: self.method,
            target,
            query: self.query,
            headers: self.headers,
            body: self.body,
            permissions: self.permissions,
            problem: self.problem,
            output: PhantomData,
        }
    }

    /// The same request with another HTTP method.
    pub(crate) fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Records a problem reported by `build`/`send` (the first one wins).
    pub(crate) fn fail(mut self, problem: String) -> Self {
        self.note_problem(problem);
        self
    }

    fn note_problem(&mut self, problem: String) {
        self.problem.get_or_insert(problem);
    }
}

fn is_absolute(path: &str) -> bool {
    let lower = path.get(..8).unwrap_or(path).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn join<S: AsRef<str>>(fields: impl IntoIterator<Item = S>) -> String {
    let fields: Vec<S> = fields.into_iter().collect();
    let parts: Vec<&str> = fields.iter().map(AsRef::as_ref).collect();
    parts.join(",")
}

/// `Content-Length: 0` on bodiless POST/PUT/PATCH: Graph answers 411 without it, and the HTTP
/// stack leaves it out for empty bodies.
fn mark_empty_body(method: &Method, headers: &mut HeaderMap) {
    if [Method::POST, Method::PUT, Method::PATCH].contains(method) {
        headers
            .entry(http::header::CONTENT_LENGTH)
            .or_insert(HeaderValue::from_static("0"));
    }
}

fn set_default(headers: &mut HeaderMap, content_type: HeaderValue) {
    headers.entry(CONTENT_TYPE).or_insert(content_type);
}

/// `base` + `path`, refusing paths an HTTP stack would normalise into another resource
/// (`.`/`..` segments, also percent-encoded) and paths carrying a fragment.
fn join_base(base: &str, path: &str) -> Result<String, Error> {
    let path_only = path.split('?').next().unwrap_or(path);
    let unsafe_segment = path_only.split('/').skip(1).any(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded == "." || decoded == ".."
    });
    if unsafe_segment || path.contains('#') {
        return Err(Error::InvalidRequest(format!("unsafe path {path:?}")));
    }
    if path.starts_with('/') {
        Ok(format!("{base}{path}"))
    } else {
        Ok(format!("{base}/{path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        Client::builder()
            .token("t")
            .base_url("https://example.test/v1.0/")
            .build()
            .unwrap()
    }

    #[test]
    fn dot_segments_are_refused() {
        let c = client();
        for path in ["/users/../groups", "/users/%2E%2e", "/users/./x", "/a#b"] {
            let r = Request::<()>::new(&c, Method::GET, path.into(), &Permissions::NONE);
            assert!(matches!(r.build(), Err(Error::InvalidRequest(_))), "{path}");
        }
    }

    #[test]
    fn query_options_replace_and_join() {
        let r = Request::<()>::new(&client(), Method::GET, "/me".into(), &Permissions::NONE)
            .top(5)
            .top(7)
            .select(["id", "displayName"]);
        assert_eq!(
            r.url().unwrap(),
            "https://example.test/v1.0/me?$top=7&$select=id,displayName"
        );
    }

    #[test]
    fn invalid_header_is_reported_at_build() {
        let r = Request::<()>::new(&client(), Method::GET, "/me".into(), &Permissions::NONE)
            .header("bad header", "x");
        assert!(matches!(r.build(), Err(Error::InvalidRequest(m)) if m.contains("bad header")));
    }
}
