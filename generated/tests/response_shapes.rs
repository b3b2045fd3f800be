//! What operations return beside their documented body, against a local server: an update
//! answers `204 No Content` by default and the updated resource when asked
//! (`Prefer: return=representation`); a `202 Accepted` gives the `Location` to follow.

use std::time::Duration;

use msgraph::api::bodies::ConversationthreadReplyBody;
use msgraph::models::{Group, ItemBody, Post};
use msgraph::runtime::{Client, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .token("token")
        .base_url(format!("{}/v1.0", server.uri()))
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

fn renamed() -> Group {
    Group {
        display_name: Some("Offsite planning".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_update_without_prefer_answers_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1.0/groups/g1"))
        .and(body_json(json!({"displayName": "Offsite planning"})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let updated = client.groups().by_id("g1").update(&renamed()).send().await;
    assert_eq!(updated.expect("204 is success"), None);
}

#[tokio::test]
async fn an_update_that_asks_for_the_representation_reads_it() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1.0/groups/g1"))
        .and(header("Prefer", "return=representation"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "g1",
            "displayName": "Offsite planning",
            "resourceProvisioningOptions": ["Team"]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let request = client.groups().by_id("g1").update(&renamed());
    let updated = request.prefer("return=representation").send().await;
    let group = updated.expect("200 is success").expect("the body is read");
    assert_eq!(group.id.as_deref(), Some("g1"));
    assert_eq!(group.display_name.as_deref(), Some("Offsite planning"));
    let kept = group.additional_data.get("resourceProvisioningOptions");
    assert_eq!(
        kept,
        Some(&json!(["Team"])),
        "undeclared properties are kept"
    );
}

#[tokio::test]
async fn an_accepted_reply_gives_its_location() {
    let server = MockServer::start().await;
    let location = "https://graph.microsoft.com/v1.0/groups/g1/threads/t1/posts/p9";
    Mock::given(method("POST"))
        .and(path("/v1.0/groups/g1/threads/t1/reply"))
        .respond_with(ResponseTemplate::new(202).insert_header("Location", location))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let reply = ConversationthreadReplyBody {
        post: Post {
            body: Some(ItemBody {
                content: Some("Friday works.".into()),
                ..Default::default()
            }),
            ..Default::default()
        },
        additional_data: Default::default(),
    };
    let thread = client.groups().by_id("g1").threads().by_id("t1");
    let accepted = thread.reply(&reply).send().await.expect("202 is success");
    assert_eq!(accepted.location.as_deref(), Some(location));
    assert!(accepted.body.is_none());
}
