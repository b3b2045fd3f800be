//! Model support types through real requests: models written the way the emitter writes them.

mod runtime_support;

use msgraph::runtime::{
    AdditionalData, Collection, DateTimeOffset, Duration, Flags, Int64, Method, Nullable, Request,
};
use runtime_support::{client, get, USER_READ};
use serde::{Deserialize, Serialize};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

msgraph::graph_enum! {
    /// Importance of a message.
    pub enum Importance {
        Low = "low",
        Normal = "normal",
        High = "high",
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance: Option<Importance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Int64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_date_time: Option<DateTimeOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<Flags<Importance>>,
    #[serde(flatten)]
    pub additional_data: AdditionalData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct MessageUpdate {
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub subject: Nullable<String>,
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub importance: Nullable<Importance>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryObject {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(flatten)]
    pub additional_data: AdditionalData,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(flatten)]
    pub additional_data: AdditionalData,
}

msgraph::graph_polymorphic! {
    #[derive(Debug, Clone, PartialEq)]
    pub enum DirectoryObjectKind {
        User(User) = "#microsoft.graph.user",
        _ => Other(DirectoryObject),
    }
}

#[tokio::test]
async fn extra_properties_and_unknown_enum_members_round_trip() {
    let server = MockServer::start().await;
    let sent = json!({
        "id": "m1",
        "importance": "urgent",
        "size": "9007199254740993",
        "receivedDateTime": "2024-05-01T08:00:00.0000000",
        "reminder": "P2W",
        "days": "low,high",
        "futureProperty": {"nested": [1, 2]},
    });
    Mock::given(method("GET"))
        .and(path("/v1.0/me/messages/m1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(sent))
        .mount(&server)
        .await;
    let message: Message = get(&client(&server), "/me/messages/m1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        message.importance,
        Some(Importance::Unrecognized("urgent".into()))
    );
    assert_eq!(message.size, Some(Int64(9_007_199_254_740_993)));
    assert!(message.days.as_ref().unwrap().contains(&Importance::High));
    assert_eq!(
        message.additional_data["futureProperty"],
        json!({"nested": [1, 2]})
    );
    let written = serde_json::to_value(&message).unwrap();
    assert_eq!(
        written,
        json!({
            "id": "m1",
            "importance": "urgent",
            "size": 9_007_199_254_740_993i64,
            "receivedDateTime": "2024-05-01T08:00:00Z",
            "reminder": "P14D",
            "days": "low,high",
            "futureProperty": {"nested": [1, 2]},
        })
    );
}

#[tokio::test]
async fn patch_body_sends_only_set_and_cleared_properties() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1.0/me/messages/m1"))
        .and(body_json(json!({"subject": null, "importance": "high"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "m1", "importance": "high"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let update = MessageUpdate {
        subject: Nullable::Null,
        importance: Importance::High.into(),
    };
    let updated: Message = Request::new(
        &client(&server),
        Method::PATCH,
        "/me/messages/m1".into(),
        &USER_READ,
    )
    .json(&update)
    .send()
    .await
    .unwrap();
    assert_eq!(updated.importance, Some(Importance::High));
}

#[tokio::test]
async fn unknown_odata_type_falls_back_to_base_keeping_data() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g1/members"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [
            {"@odata.type": "#microsoft.graph.user", "id": "u1", "userPrincipalName": "a@b.c"},
            {"@odata.type": "#microsoft.graph.servicePrincipal", "id": "s1", "appId": "app"},
            {"id": "x1"},
        ]})))
        .mount(&server)
        .await;
    let page: Collection<DirectoryObjectKind> = get(&client(&server), "/groups/g1/members")
        .send()
        .await
        .unwrap();
    assert!(
        matches!(&page.value[0], DirectoryObjectKind::User(u) if u.user_principal_name.as_deref() == Some("a@b.c"))
    );
    match &page.value[1] {
        DirectoryObjectKind::Other(base) => {
            assert_eq!(base.id.as_deref(), Some("s1"));
            assert_eq!(base.additional_data["appId"], "app");
            assert_eq!(
                base.additional_data["@odata.type"],
                "#microsoft.graph.servicePrincipal"
            );
        }
        other => panic!("expected fallback, got {other:?}"),
    }
    assert!(
        matches!(&page.value[2], DirectoryObjectKind::Other(b) if b.id.as_deref() == Some("x1"))
    );
}
