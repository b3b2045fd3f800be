//! Retries on 429/503/504 against a local server.

mod runtime_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use msgraph::runtime::{Client, Error, StatusCode, TokenFuture, TokenProvider};
use runtime_support::{client, fast_retry, get};
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Counts how often a token is asked for.
#[derive(Clone, Default)]
struct CountingToken(Arc<AtomicUsize>);

impl TokenProvider for CountingToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok("counted".to_string())
        })
    }
}

#[tokio::test]
async fn throttled_429_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let tokens = CountingToken::default();
    let c = Client::builder()
        .token(tokens.clone())
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(fast_retry(3))
        .build()
        .unwrap();
    let started = Instant::now();
    let body: Value = get(&c, "/me").send().await.unwrap();
    assert_eq!(body, json!({"ok": true}));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After not honoured"
    );
    assert_eq!(tokens.0.load(Ordering::SeqCst), 2, "a token per attempt");
}

#[tokio::test]
async fn unavailable_503_is_retried_within_bound_then_fails() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .expect(3)
        .mount(&server)
        .await;
    let c = Client::builder()
        .token("t")
        .base_url(format!("{}/v1.0", server.uri()))
        .retry(fast_retry(2))
        .build()
        .unwrap();
    let err = get::<Value>(&c, "/me").send().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    server.verify().await;
}

#[tokio::test]
async fn retry_after_beyond_max_delay_is_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = get::<Value>(&client(&server), "/me")
        .send()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(err, Error::Api { status, retry_after: Some(d), .. }
            if status == StatusCode::TOO_MANY_REQUESTS && d == Duration::from_secs(120)),
        "{err:?}"
    );
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let err = get::<Value>(&client(&server), "/me")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
}
