//! The client against a server that misbehaves in ways the runtime tests do not already cover:
//! odd `Retry-After` values, endless throttling, error and success bodies of every wrong shape,
//! a connection that closes mid-body or goes silent, a non-HTTP reply, a redirect loop, and paging
//! links that are self-referencing, unreadable or on another host. Each ends in a typed value or a
//! typed error within a bound: never a panic, never a hang.
//!
//! Raw-socket faults use a `std::net` listener on 127.0.0.1 in a thread (no extra tokio features).

mod runtime_support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use futures::StreamExt;
use msgraph::runtime::{Client, Collection, Error, StatusCode};
use runtime_support::{client, fast_retry, get};
use serde::Deserialize;
use serde_json::{json, Value};
use wiremock::matchers::{header_exists, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every test must finish well within this, whatever the server does.
const BOUND: Duration = Duration::from_secs(20);

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    id: String,
    size: i64,
}

async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(BOUND, future)
        .await
        .expect("the client must not hang")
}

fn client_with_timeout(base: &str, timeout: Duration) -> Client {
    Client::builder()
        .token("t")
        .base_url(format!("{base}/v1.0"))
        .timeout(timeout)
        .retry(fast_retry(2))
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn service_unavailable_with_retry_after_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "a", "size": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let item: Item = bounded(get(&client(&server), "/items/a").send())
        .await
        .unwrap();
    assert_eq!(item.id, "a");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 not honoured"
    );
}

#[tokio::test]
async fn odd_retry_after_values_end_within_the_bound() {
    for value in [
        "soon",
        "-5",
        "1.5",
        "",
        "NaN",
        "inf",
        "18446744073709551615",
        "99999999999999999999999",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT",
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", value))
            .mount(&server)
            .await;
        let started = Instant::now();
        let err = bounded(get::<Value>(&client(&server), "/me").send())
            .await
            .unwrap_err();
        assert_eq!(
            err.status(),
            Some(StatusCode::TOO_MANY_REQUESTS),
            "{value:?}: {err:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{value:?} waited {:?}",
            started.elapsed()
        );
        let attempts = server.received_requests().await.unwrap().len();
        assert!(
            (1..=4).contains(&attempts),
            "{value:?}: {attempts} attempts"
        );
    }
}

#[tokio::test]
async fn endless_throttling_gives_up_after_the_retry_budget() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .expect(4) // the first attempt and fast_retry(3)
        .mount(&server)
        .await;
    let err = bounded(get::<Value>(&client(&server), "/me").send())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Api { status, retry_after: Some(d), .. } if status == StatusCode::TOO_MANY_REQUESTS && d.is_zero()),
        "{err:?}"
    );
}

#[tokio::test]
async fn error_bodies_of_any_shape_give_api_errors() {
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("graph error", br#"{"error":{"code":"Request_BadRequest","message":"bad","innerError":{"request-id":"r9"}}}"#.to_vec()),
        ("object of another shape", br#"{"foo":1}"#.to_vec()),
        ("error code of the wrong type", br#"{"error":{"code":5,"message":["a",{"b":null}]}}"#.to_vec()),
        ("error null", br#"{"error":null}"#.to_vec()),
        ("array", b"[1,2,3]".to_vec()),
        ("html", b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec()),
        ("truncated json", br#"{"error":{"code":"x","mess"#.to_vec()),
        ("invalid utf-8", vec![0xff, 0xfe, b'{', 0xc3, 0x28]),
        ("empty", Vec::new()),
        ("one megabyte", vec![b'x'; 1 << 20]),
    ];
    let server = MockServer::start().await;
    for (i, (_, body)) in bodies.iter().enumerate() {
        Mock::given(method("GET"))
            .and(path(format!("/v1.0/e/{i}")))
            .respond_with(ResponseTemplate::new(500).set_body_raw(body.clone(), "application/json"))
            .mount(&server)
            .await;
    }
    let c = client(&server);
    for (i, (what, _)) in bodies.iter().enumerate() {
        let err = bounded(get::<Value>(&c, &format!("/e/{i}")).send())
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Api { status, .. } if status == StatusCode::INTERNAL_SERVER_ERROR),
            "{what}: {err:?}"
        );
        let _ = err.to_string();
        if i == 0 {
            assert_eq!(err.code(), Some("Request_BadRequest"));
            assert_eq!(err.request_id(), Some("r9"));
        }
    }
}

#[tokio::test]
async fn success_bodies_that_do_not_fit_are_decode_errors() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("not json", b"hello".to_vec()),
        ("truncated", br#"{"id":"a","si"#.to_vec()),
        (
            "invalid utf-8",
            vec![b'{', b'"', b'i', b'd', b'"', b':', b'"', 0xff, b'"', b'}'],
        ),
        ("empty body for a struct", Vec::new()),
        ("null for a struct", b"null".to_vec()),
        ("wrong types", br#"{"id":7,"size":"big"}"#.to_vec()),
        (
            "int64 overflow",
            br#"{"id":"a","size":99999999999999999999999}"#.to_vec(),
        ),
        ("nested 100,000 deep", deep.into_bytes()),
    ];
    let server = MockServer::start().await;
    for (i, (_, body)) in bodies.iter().enumerate() {
        Mock::given(method("GET"))
            .and(path(format!("/v1.0/d/{i}")))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
            .mount(&server)
            .await;
    }
    let c = client(&server);
    for (i, (what, _)) in bodies.iter().enumerate() {
        let err = bounded(get::<Item>(&c, &format!("/d/{i}")).send())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{what}: {err:?}");
        // Untyped JSON too: deep nesting must be a decode error, not a stack overflow.
        let untyped = bounded(get::<Value>(&c, &format!("/d/{i}")).send()).await;
        assert!(
            untyped.is_ok() || matches!(untyped, Err(Error::Decode { .. })),
            "{what}: {untyped:?}"
        );
    }
}

/// A one-shot raw TCP server: reads the request head, then runs `reply` on the socket.
fn raw_server(reply: impl FnOnce(&mut std::net::TcpStream) + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((mut socket, _)) = listener.accept() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && socket.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            reply(&mut socket);
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn connection_closed_mid_body_is_a_transport_error() {
    let base = raw_server(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":");
    });
    let err =
        bounded(get::<Value>(&client_with_timeout(&base, Duration::from_secs(5)), "/me").send())
            .await
            .unwrap_err();
    assert!(
        matches!(err, Error::Transport(_) | Error::Decode { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn headers_then_silence_times_out() {
    let base = raw_server(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":");
        std::thread::sleep(Duration::from_secs(8));
    });
    let started = Instant::now();
    let err =
        bounded(get::<Value>(&client_with_timeout(&base, Duration::from_secs(1)), "/me").send())
            .await
            .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let base = raw_server(|_| std::thread::sleep(Duration::from_secs(8)));
    let started = Instant::now();
    let err =
        bounded(get::<Value>(&client_with_timeout(&base, Duration::from_secs(1)), "/me").send())
            .await
            .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_reply_that_is_not_http_is_a_transport_error() {
    let base = raw_server(|s| {
        let _ = s.write_all(b"SSH-2.0-OpenSSH_9.0\r\n\r\n");
    });
    let err =
        bounded(get::<Value>(&client_with_timeout(&base, Duration::from_secs(5)), "/me").send())
            .await
            .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_redirect_loop_is_an_error() {
    let server = MockServer::start().await;
    let me = format!("{}/v1.0/me", server.uri());
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", me.as_str()))
        .mount(&server)
        .await;
    let result = bounded(get::<Value>(&client(&server), "/me").send()).await;
    assert!(result.is_err(), "{result:?}");
}

fn page(items: Value, next: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"value": items, "@odata.nextLink": next}))
}

#[tokio::test]
async fn a_next_link_to_the_same_page_is_a_paging_loop() {
    let server = MockServer::start().await;
    let me = format!("{}/v1.0/items", server.uri());
    Mock::given(method("GET"))
        .respond_with(page(json!([1]), json!(me)))
        .mount(&server)
        .await;
    let results: Vec<Result<i64, Error>> = bounded(
        get::<Collection<i64>>(&client(&server), "/items")
            .stream()
            .collect(),
    )
    .await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(
        matches!(&results[1], Err(Error::PagingLoop { .. })),
        "{results:?}"
    );
}

#[tokio::test]
async fn unreadable_next_links_end_the_stream_with_an_error() {
    for next in [
        json!("::not a url::"),
        json!(5),
        json!({"href": "x"}),
        json!("http://[::1"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(query_param_is_missing("p"))
            .respond_with(page(json!([1]), next.clone()))
            .mount(&server)
            .await;
        let results: Vec<Result<i64, Error>> = bounded(
            get::<Collection<i64>>(&client(&server), "/items")
                .stream()
                .collect(),
        )
        .await;
        // A link that reads as a relative path is followed once (and then loops back).
        assert!(results.len() <= 3, "{next}: {results:?}");
        assert!(
            results.last().is_some_and(Result::is_err),
            "{next}: {results:?}"
        );
    }
}

#[tokio::test]
async fn a_value_that_is_not_an_array_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": {"id": "a"}})))
        .mount(&server)
        .await;
    let err = bounded(get::<Collection<Value>>(&client(&server), "/items").send())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn a_next_link_to_another_host_never_gets_the_token() {
    let graph = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(
            json!([1]),
            json!(format!("{}/v1.0/items?p=2", elsewhere.uri())),
        ))
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [666]})))
        .mount(&elsewhere)
        .await;
    Mock::given(method("GET"))
        .and(query_param("p", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [2]})))
        .mount(&elsewhere)
        .await;
    let results: Vec<Result<i64, Error>> = bounded(
        get::<Collection<i64>>(&client(&graph), "/items")
            .stream()
            .collect(),
    )
    .await;
    let items: Vec<i64> = results.into_iter().filter_map(Result::ok).collect();
    assert!(
        !items.contains(&666),
        "the bearer token was sent to another host"
    );
    for request in elsewhere.received_requests().await.unwrap() {
        assert!(
            !request.headers.contains_key("authorization"),
            "token leaked to {}",
            request.url
        );
    }
}

#[tokio::test]
async fn throttling_in_the_middle_of_paging_is_retried() {
    let server = MockServer::start().await;
    let second = format!("{}/v1.0/items?p=2", server.uri());
    Mock::given(method("GET"))
        .and(query_param_is_missing("p"))
        .respond_with(page(json!([1]), json!(second)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("p", "2"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("p", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [2]})))
        .mount(&server)
        .await;
    let results: Vec<Result<i64, Error>> = bounded(
        get::<Collection<i64>>(&client(&server), "/items")
            .stream()
            .collect(),
    )
    .await;
    let items: Vec<i64> = results.into_iter().collect::<Result<_, _>>().unwrap();
    assert_eq!(items, [1, 2]);
}
