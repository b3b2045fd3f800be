//! The generated request builders against a local server: the Create thread shape
//! (`POST /groups/{id}/conversations/{id}/threads`), a list that follows `@odata.nextLink`, and a
//! throttled request retried after `Retry-After`.

use std::time::Duration;

use futures::TryStreamExt;
use msgraph::models::{
    BodyType, ConversationThread, EmailAddress, Group, ItemBody, Post, Recipient,
};
use msgraph::runtime::{Client, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "token-123";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(format!("{}/v1.0", server.uri()))
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(2),
        })
        .build()
        .expect("client builds")
}

fn new_thread() -> ConversationThread {
    ConversationThread {
        topic: Some("Plans for the offsite".into()),
        to_recipients: Some(vec![Recipient {
            email_address: Some(EmailAddress {
                address: Some("team@contoso.test".into()),
                name: Some("Team".into()),
                ..Default::default()
            }),
            ..Default::default()
        }]),
        posts: Some(vec![Post {
            body: Some(ItemBody {
                content_type: Some(BodyType::Html),
                content: Some("<p>Shall we meet on Friday?</p>".into()),
                ..Default::default()
            }),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

#[tokio::test]
async fn create_thread_posts_json_with_a_bearer_token_and_parses_201() {
    let server = MockServer::start().await;
    let expected_body = json!({
        "topic": "Plans for the offsite",
        "toRecipients": [{"emailAddress": {"address": "team@contoso.test", "name": "Team"}}],
        "posts": [{"body": {"contentType": "html", "content": "<p>Shall we meet on Friday?</p>"}}]
    });
    Mock::given(method("POST"))
        .and(path("/v1.0/groups/g1/conversations/c1/threads"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(&expected_body))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": "t1",
            "topic": "Plans for the offsite",
            "hasAttachments": false,
            "isLocked": false,
            "preview": "Shall we meet on Friday?",
            "uniqueSenders": ["Adele"]
        })))
        .expect(1)
        .mount(&server)
        .await;

    let request = client(&server)
        .groups()
        .by_id("g1")
        .conversations()
        .by_id("c1")
        .threads()
        .post(&new_thread());
    let thread: ConversationThread = request.send().await.expect("201 parses");
    assert_eq!(thread.id.as_deref(), Some("t1"));
    assert_eq!(thread.topic.as_deref(), Some("Plans for the offsite"));
    assert_eq!(thread.is_locked, Some(false));
    assert_eq!(thread.unique_senders, Some(vec!["Adele".to_string()]));
}

#[tokio::test]
async fn requests_build_without_sending_and_encode_ids() {
    let server = MockServer::start().await;
    let built = client(&server)
        .groups()
        .by_id("a/b c")
        .conversations()
        .by_id("c?1")
        .threads()
        .post(&new_thread())
        .build()
        .expect("builds");
    assert_eq!(built.method(), http::Method::POST);
    assert_eq!(
        built.uri().path(),
        "/v1.0/groups/a%2Fb%20c/conversations/c%3F1/threads"
    );
    assert_eq!(built.uri().query(), None);
    let body: serde_json::Value = serde_json::from_slice(built.body()).expect("JSON body");
    assert_eq!(body["topic"], "Plans for the offsite");

    // The documented least-privileged permission travels with the request as data.
    let list = client(&server).groups().list();
    assert_eq!(
        list.permissions().delegated_work.first(),
        Some(&"GroupMember.Read.All")
    );
    assert_eq!(list.build().expect("builds").uri().path(), "/v1.0/groups");
}

#[tokio::test]
async fn list_follows_two_next_links() {
    let server = MockServer::start().await;
    let base = server.uri();
    Mock::given(method("GET"))
        .and(path("/v1.0/groups"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "g2", "displayName": "Two"}],
            "@odata.nextLink": format!("{base}/v1.0/groups?page=3")
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups"))
        .and(query_param("page", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "g3", "displayName": "Three"}, {"id": "g4"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [{"id": "g1", "displayName": "One"}],
            "@odata.nextLink": format!("{base}/v1.0/groups?page=2")
        })))
        .expect(1)
        .mount(&server)
        .await;

    let groups: Vec<Group> = client(&server)
        .groups()
        .list()
        .top(1)
        .stream()
        .try_collect()
        .await
        .expect("three pages");
    let ids: Vec<&str> = groups.iter().filter_map(|g| g.id.as_deref()).collect();
    assert_eq!(ids, ["g1", "g2", "g3", "g4"]);
    assert_eq!(groups[0].display_name.as_deref(), Some("One"));
}

#[tokio::test]
async fn throttled_request_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g1/conversations/c1"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_json(
                    json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
                ),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g1/conversations/c1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "c1", "topic": "Offsite"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let started = std::time::Instant::now();
    let conversation = client(&server)
        .groups()
        .by_id("g1")
        .conversations()
        .by_id("c1")
        .get()
        .send()
        .await
        .expect("retried after 429");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "waited for Retry-After"
    );
    assert_eq!(conversation.id.as_deref(), Some("c1"));
    assert_eq!(conversation.topic.as_deref(), Some("Offsite"));
}

/// The README's "Using the generated crate" snippet, as written there: a client for a local base
/// URL, and a request built without sending.
#[test]
fn readme_usage_snippet_builds_the_request_it_describes() -> Result<(), msgraph::Error> {
    let client = msgraph::Client::builder()
        .token("token")
        .base_url("http://127.0.0.1:8080")
        .build()?;
    let request = client.groups().list().top(10);
    let http_request = request.build()?;
    assert_eq!(http_request.method(), http::Method::GET);
    assert_eq!(
        http_request.uri().to_string(),
        "http://127.0.0.1:8080/groups?$top=10"
    );
    Ok(())
}
