//! `$count` and cast requests derived from a collection request, against a local server.

mod runtime_support;

use msgraph::runtime::{Collection, Count, Error};
use runtime_support::{client, get};
use serde::Deserialize;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct User {
    id: String,
    #[serde(rename = "displayName")]
    display_name: String,
}

#[tokio::test]
async fn item_count_gets_the_count_segment_with_eventual_consistency() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g1/members/$count"))
        .and(query_param("$filter", "accountEnabled eq true"))
        .and(header("consistencylevel", "eventual"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("\u{feff}893".as_bytes(), "text/plain"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let members = get::<Collection<Value>>(&client(&server), "/groups/g1/members");
    let count = members
        .filter("accountEnabled eq true")
        .item_count()
        .send()
        .await
        .unwrap();
    assert_eq!(count, Count(893));
    assert_eq!(i64::from(count), 893);
}

#[tokio::test]
async fn cast_reads_the_derived_type_and_counts_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g1/members/microsoft.graph.user"))
        .and(query_param("$select", "id,displayName"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "@odata.context": "ctx",
            "value": [{"id": "u1", "displayName": "Ada"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/groups/g1/members/microsoft.graph.user/$count"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("1", "text/plain"))
        .expect(1)
        .mount(&server)
        .await;
    let members = get::<Collection<Value>>(&client(&server), "/groups/g1/members");
    let users = members
        .clone()
        .cast::<User>("microsoft.graph.user")
        .select(["id", "displayName"])
        .send()
        .await
        .unwrap();
    assert_eq!(
        users.value,
        [User {
            id: "u1".into(),
            display_name: "Ada".into()
        }]
    );
    let count = members
        .cast::<User>("#microsoft.graph.user")
        .item_count()
        .send()
        .await
        .unwrap();
    assert_eq!(count.get(), 1);
}

#[tokio::test]
async fn a_count_that_is_not_a_number_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/$count"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("lots", "text/plain"))
        .mount(&server)
        .await;
    let err = get::<Collection<Value>>(&client(&server), "/users")
        .item_count()
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Decode { ref body, .. } if body == "lots"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_bad_cast_name_is_refused_before_sending() {
    let server = MockServer::start().await;
    let err = get::<Collection<Value>>(&client(&server), "/users")
        .cast::<Value>("../admin")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
