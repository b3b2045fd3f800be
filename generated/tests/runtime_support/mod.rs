//! Shared helpers for the runtime tests: a client pointed at a local wiremock server.

#![allow(dead_code)]

use std::time::Duration;

use msgraph::runtime::{Client, Method, Permissions, Request, RetryPolicy};
use wiremock::MockServer;

pub const TOKEN: &str = "secret-token";

pub static USER_READ: Permissions = Permissions {
    delegated_work: &["User.Read"],
    delegated_personal: &["User.Read"],
    application: &["User.Read.All"],
};

/// Retries quickly so tests stay fast.
pub fn fast_retry(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(2),
    }
}

/// A client for `{server}/v1.0` with a 5 s timeout and fast retries.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(format!("{}/v1.0", server.uri()))
        .timeout(Duration::from_secs(5))
        .retry(fast_retry(3))
        .build()
        .expect("test client builds")
}

/// A GET request, as generated code would create it.
pub fn get<T>(client: &Client, path: &str) -> Request<T> {
    Request::new(client, Method::GET, path.to_string(), &USER_READ)
}
