//! The [`Client`]: connection pool, base URL, authentication, timeout and retries.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use http::{HeaderMap, StatusCode};

use crate::runtime::error::{BoxError, Error};
use crate::runtime::request::{Permissions, Request};
use crate::runtime::retry::{self, RetryPolicy};

/// The future a [`TokenProvider`] returns.
pub type TokenFuture<'a> = BoxFuture<'a, Result<String, BoxError>>;

/// Supplies bearer tokens. Called before every attempt, so a provider may refresh tokens.
///
/// Implemented for `String`, `&'static str` and [`StaticToken`]; implement it for a credential
/// type to plug in any OAuth flow.
pub trait TokenProvider: Send + Sync {
    /// The access token, without the `Bearer ` prefix.
    fn token(&self) -> TokenFuture<'_>;
}

impl TokenProvider for String {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { Ok(self.clone()) })
    }
}

impl TokenProvider for &'static str {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { Ok((*self).to_string()) })
    }
}

impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }
}

/// A fixed token whose `Debug` output does not reveal it.
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(<redacted>)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}

/// The Microsoft Graph deployment to talk to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cloud {
    /// `https://graph.microsoft.com`
    #[default]
    Global,
    /// US Government L4: `https://graph.microsoft.us`
    UsGovL4,
    /// US Government L5 (DOD): `https://dod-graph.microsoft.us`
    UsGovL5,
    /// China, operated by 21Vianet: `https://microsoftgraph.chinacloudapi.cn`
    China,
}

impl Cloud {
    /// The service root, without a trailing slash.
    pub fn host(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5 => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }
}

/// The Graph API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    /// `v1.0`
    #[default]
    V1,
    /// `beta`
    Beta,
}

impl ApiVersion {
    /// The path segment, `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// A Graph client. Cheap to clone (an `Arc` inside); share one per application.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    /// `base_url` parsed: the token is only sent to its origin.
    base: reqwest::Url,
    token: Arc<dyn TokenProvider>,
    timeout: Duration,
    retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// A response as received, before status checking and decoding.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Client {
    /// A client for Graph v1.0 in the global cloud with default timeout (100 s) and retries.
    ///
    /// # Panics
    /// If the TLS backend cannot be initialised (as `reqwest::Client::new` does).
    pub fn new(token: impl TokenProvider + 'static) -> Client {
        Client::builder()
            .token(token)
            .build()
            .expect("default Graph client configuration is valid")
    }

    /// A builder for cloud, version, base URL, timeout and retry policy.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The service root requests are relative to, e.g. `https://graph.microsoft.com/v1.0`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// A GET request to an absolute URL used as is, e.g. a stored `@odata.deltaLink` or
    /// `@odata.nextLink`: `client.follow::<Collection<User>>(link).delta().await`.
    pub fn follow<T>(&self, url: impl Into<String>) -> Request<T> {
        Request::new(self, http::Method::GET, url.into(), &Permissions::NONE)
    }

    /// Sends a built request with authentication, the timeout and retries; any status is `Ok`.
    ///
    /// The bearer token is only attached when the URL has the base URL's origin (scheme, host,
    /// port), so a paging link or download URL pointing elsewhere never receives it, and when the
    /// request does not set its own `Authorization` header.
    pub(crate) async fn execute(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<RawResponse, Error> {
        let (parts, body) = request.into_parts();
        let url = reqwest::Url::parse(&parts.uri.to_string())
            .map_err(|e| Error::InvalidRequest(format!("URL {}: {e}", parts.uri)))?;
        let authenticate = url.origin() == self.inner.base.origin()
            && !parts.headers.contains_key(http::header::AUTHORIZATION);
        let mut attempt = 0;
        loop {
            let mut request = self
                .inner
                .http
                .request(parts.method.clone(), url.clone())
                .headers(parts.headers.clone())
                .body(body.clone());
            if authenticate {
                let token = self.inner.token.token().await.map_err(Error::Token)?;
                request = request.bearer_auth(token);
            }
            let response = self.attempt(request).await?;
            if !RetryPolicy::is_retryable(response.status) {
                return Ok(response);
            }
            let asked = retry::retry_after(&response.headers, chrono::Utc::now());
            match self.inner.retry.delay(attempt, asked) {
                Some(delay) => tokio::time::sleep(delay).await,
                None => return Ok(response),
            }
            attempt += 1;
        }
    }

    /// One attempt, bounded by the timeout (which covers reading the body).
    async fn attempt(&self, request: reqwest::RequestBuilder) -> Result<RawResponse, Error> {
        let exchange = async {
            let response = request.send().await?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await?.to_vec();
            Ok::<_, reqwest::Error>(RawResponse {
                status,
                headers,
                body,
            })
        };
        match tokio::time::timeout(self.inner.timeout, exchange).await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(e)) if e.is_timeout() => Err(Error::Timeout(self.inner.timeout)),
            Ok(Err(e)) => Err(Error::Transport(e)),
            Err(_elapsed) => Err(Error::Timeout(self.inner.timeout)),
        }
    }
}

/// Builds a [`Client`]. A token provider is required.
#[derive(Default)]
pub struct ClientBuilder {
    token: Option<Arc<dyn TokenProvider>>,
    cloud: Cloud,
    version: ApiVersion,
    base_url: Option<String>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// The token provider (required).
    pub fn token(mut self, token: impl TokenProvider + 'static) -> Self {
        self.token = Some(Arc::new(token));
        self
    }

    /// The national cloud (default [`Cloud::Global`]).
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    /// The API version (default [`ApiVersion::V1`]).
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// Any service root, overriding cloud and version. Operation paths are appended to it as
    /// is: with `http://127.0.0.1:8080` a test server sees `/groups/g1/...`; with
    /// `http://127.0.0.1:8080/v1.0` it sees `/v1.0/groups/g1/...`. A trailing `/` is removed.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Per-attempt timeout, covering connect, send and reading the body (default 100 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// A preconfigured reqwest client (proxies, extra TLS roots, ...).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let token = self
            .token
            .ok_or_else(|| Error::Config("no token provider set".into()))?;
        let base_url = self
            .base_url
            .unwrap_or_else(|| format!("{}/{}", self.cloud.host(), self.version.as_str()));
        let base_url = base_url.trim_end_matches('/').to_string();
        let base = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL {base_url:?}: {e}")))?;
        let http = match self.http {
            Some(http) => http,
            None => default_http_client()?,
        };
        let inner = Inner {
            http,
            base_url,
            base,
            token,
            timeout: self.timeout.unwrap_or(Duration::from_secs(100)),
            retry: self.retry,
        };
        Ok(Client {
            inner: Arc::new(inner),
        })
    }
}

fn default_http_client() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .user_agent(concat!("msgraph-rust/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::Config(format!("HTTP client: {e}")))
}
