//! Client and request behaviour against a local HTTP server: auth, bodies, query options,
//! status handling, errors and timeouts.

mod runtime_support;

use std::time::{Duration, Instant};

use msgraph::runtime::{Bytes, Client, Error, Method, NoContent, Request, StatusCode};
use runtime_support::{client, get, TOKEN, USER_READ};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wiremock::matchers::{
    body_bytes, body_json, header, header_exists, headers, method, path, query_param,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct User {
    id: String,
    #[serde(rename = "displayName")]
    display_name: String,
}

#[derive(Debug, Serialize)]
struct NewGroup<'a> {
    #[serde(rename = "displayName")]
    display_name: &'a str,
    #[serde(rename = "mailEnabled")]
    mail_enabled: bool,
}

#[derive(Debug, Deserialize)]
struct Group {
    id: String,
}

#[tokio::test]
async fn bearer_token_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "1", "displayName": "Adele"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let user: User = get(&client(&server), "/me").send().await.unwrap();
    assert_eq!(
        user,
        User {
            id: "1".into(),
            display_name: "Adele".into()
        }
    );
}

#[tokio::test]
async fn json_post_created_is_parsed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/groups"))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"displayName": "Library", "mailEnabled": false}),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "g1"})))
        .expect(1)
        .mount(&server)
        .await;
    let body = NewGroup {
        display_name: "Library",
        mail_enabled: false,
    };
    let created: Group = Request::new(&client(&server), Method::POST, "/groups".into(), &USER_READ)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(created.id, "g1");
}

#[tokio::test]
async fn no_content_and_raw_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1.0/groups/g1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me/photo/$value"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![0x89, 0x50, 0x4e], "image/png"))
        .mount(&server)
        .await;
    let c = client(&server);
    let deleted: NoContent = Request::new(&c, Method::DELETE, "/groups/g1".into(), &USER_READ)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted, NoContent);
    let photo: Bytes = get(&c, "/me/photo/$value").send().await.unwrap();
    assert_eq!(photo.data, vec![0x89, 0x50, 0x4e]);
    assert_eq!(photo.content_type.as_deref(), Some("image/png"));
}

#[test]
fn build_does_not_send() {
    let c = Client::builder()
        .token(TOKEN)
        .base_url("http://127.0.0.1:9/v1.0")
        .build()
        .unwrap();
    let request = Request::<Value>::new(&c, Method::PATCH, "/users/a%2Fb".into(), &USER_READ)
        .json(&json!({"city": "Oslo"}))
        .header("If-Match", "W/\"1\"")
        .build()
        .unwrap();
    assert_eq!(request.method(), Method::PATCH);
    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:9/v1.0/users/a%2Fb"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.headers()["if-match"], "W/\"1\"");
    assert!(request.headers().get("authorization").is_none());
    assert_eq!(request.body(), br#"{"city":"Oslo"}"#);
    let function = Request::<Value>::new(
        &c,
        Method::GET,
        "/reports/getMailboxUsage(period=@p)".into(),
        &USER_READ,
    )
    .param("p", "D7");
    assert_eq!(
        function.url().unwrap(),
        "http://127.0.0.1:9/v1.0/reports/getMailboxUsage(period=@p)?@p=%27D7%27"
    );
    assert_eq!(function.permissions().application, ["User.Read.All"]);
}

#[tokio::test]
async fn query_options_are_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$select", "id,displayName"))
        .and(query_param("$filter", "startswith(displayName,'A b')"))
        .and(query_param("$orderby", "displayName desc"))
        .and(query_param("$top", "5"))
        .and(query_param("$count", "true"))
        .and(query_param("$search", "\"displayName:a&b\""))
        .and(header("consistencylevel", "eventual"))
        .and(headers(
            "prefer",
            vec!["return=minimal", "odata.maxpagesize=5"],
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
        .expect(1)
        .mount(&server)
        .await;
    let request = get::<Value>(&client(&server), "/users")
        .select(["id", "displayName"])
        .filter("startswith(displayName,'A b')")
        .orderby(["displayName desc"])
        .top(5)
        .count(true)
        .search("displayName:a&b")
        .consistency_level_eventual()
        .prefer("return=minimal")
        .prefer("odata.maxpagesize=5");
    let url = request.url().unwrap();
    assert!(url.ends_with(concat!(
        "/v1.0/users?$select=id,displayName&$filter=startswith(displayName,%27A%20b%27)",
        "&$orderby=displayName%20desc&$top=5&$count=true&$search=%22displayName:a%26b%22"
    )));
    let page = request.send().await.unwrap();
    assert_eq!(page, json!({"value": []}));
}

#[tokio::test]
async fn graph_error_body_gives_typed_error() {
    let server = MockServer::start().await;
    let body = json!({"error": {
        "code": "Request_ResourceNotFound",
        "message": "Resource 'x' does not exist.",
        "innerError": {"request-id": "req-1", "date": "2024-01-01T00:00:00"}
    }});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let err = get::<Value>(&client(&server), "/users/x")
        .send()
        .await
        .unwrap_err();
    match &err {
        Error::Api {
            status,
            code,
            message,
            ..
        } => {
            assert_eq!(*status, StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(code.as_deref(), Some("Request_ResourceNotFound"));
            assert_eq!(message, "Resource 'x' does not exist.");
        }
        other => panic!("expected Api error, got {other:?}"),
    }
    assert_eq!(err.request_id(), Some("req-1"));
}

#[tokio::test]
async fn non_json_error_body_is_kept_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>upstream down</html>"))
        .mount(&server)
        .await;
    let err = get::<Value>(&client(&server), "/me")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Api { status, code: None, ref message, .. }
            if status == StatusCode::BAD_GATEWAY && message == "<html>upstream down</html>"),
        "{err:?}"
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": "1", "displayN"#))
        .mount(&server)
        .await;
    let err = get::<User>(&client(&server), "/me")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Decode { ref body, .. } if body == r#"{"id": "1", "displayN"#),
        "{err:?}"
    );
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let c = Client::builder()
        .token(TOKEN)
        .base_url(format!("{}/v1.0", server.uri()))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = get::<Value>(&c, "/me").send().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn invalid_request_is_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let err = get::<Value>(&client(&server), "/users/../groups")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
}

#[test]
fn builder_requires_a_token_and_knows_clouds() {
    use msgraph::runtime::{ApiVersion, Cloud};
    assert!(matches!(Client::builder().build(), Err(Error::Config(_))));
    let beta = Client::builder()
        .token("t")
        .cloud(Cloud::UsGovL4)
        .version(ApiVersion::Beta)
        .build()
        .unwrap();
    assert_eq!(beta.base_url(), "https://graph.microsoft.us/beta");
    assert_eq!(
        Client::new("t").base_url(),
        "https://graph.microsoft.com/v1.0"
    );
}

#[tokio::test]
async fn empty_post_sends_content_length_zero_and_uploads_send_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1.0/me/messages/m1/send"))
        .and(header("content-length", "0"))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/v1.0/me/drive/root:/a%20b.txt:/content"))
        .and(header("content-type", "text/plain"))
        .and(body_bytes(b"hello".to_vec()))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "f1"})))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let sent: NoContent = Request::new(&c, Method::POST, "/me/messages/m1/send".into(), &USER_READ)
        .send()
        .await
        .unwrap();
    assert_eq!(sent, NoContent);
    let upload_path = format!(
        "/me/drive/root:{}:/content",
        msgraph::runtime::encode_colon_path("/a b.txt")
    );
    let item: Group = Request::new(&c, Method::PUT, upload_path, &USER_READ)
        .bytes(b"hello".to_vec(), "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(item.id, "f1");
}

#[tokio::test]
async fn token_is_not_sent_to_another_origin() {
    let graph = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&elsewhere)
        .await;
    Mock::given(method("GET"))
        .and(path("/download"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"data".to_vec(), "application/octet-stream"),
        )
        .expect(1)
        .mount(&elsewhere)
        .await;
    let c = client(&graph);
    let file: Bytes = c
        .follow(format!("{}/download", elsewhere.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(file.data, b"data");
}

#[tokio::test]
async fn explicit_authorization_header_wins() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(headers("authorization", vec!["Bearer other"]))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(1)))
        .expect(1)
        .mount(&server)
        .await;
    let one: i32 = get(&client(&server), "/me")
        .header("Authorization", "Bearer other")
        .send()
        .await
        .unwrap();
    assert_eq!(one, 1);
}

#[test]
fn client_requests_and_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    let c = Client::new("t");
    assert_send_sync(&c);
    let request = get::<Value>(&c, "/me");
    assert_send_sync(&request);
    let send = request.clone().send();
    assert_send(&send);
    let stream = get::<msgraph::runtime::Collection<Value>>(&c, "/users").stream();
    assert_send(&stream);
    let err = Error::InvalidRequest("x".into());
    assert_send_sync(&err);
    assert_eq!(err.to_string(), "invalid request: x");
}
