//! Paging through `@odata.nextLink`, loop detection and delta rounds against a local server.

mod runtime_support;

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use msgraph::runtime::{Collection, Error};
use runtime_support::{client, get};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Match, Mock, MockServer, Request as Received, ResponseTemplate};

/// Matches when the raw query string is exactly the given bytes (no decoding).
struct RawQuery(&'static str);

impl Match for RawQuery {
    fn matches(&self, request: &Received) -> bool {
        request.url.query() == Some(self.0)
    }
}

fn page(items: Value, extra: Value) -> ResponseTemplate {
    let mut body = json!({"@odata.context": "ctx", "value": items});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    ResponseTemplate::new(200).set_body_json(body)
}

#[tokio::test]
async fn list_follows_two_next_links_byte_for_byte() {
    let server = MockServer::start().await;
    let base = format!("{}/v1.0", server.uri());
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(RawQuery("$top=2"))
        .respond_with(page(
            json!([{"id": "1"}, {"id": "2"}]),
            json!({"@odata.nextLink": format!("{base}/users?$skiptoken=X%2BY%3D%3D&$top=2"), "@odata.count": "5"}),
        ))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(RawQuery("$skiptoken=X%2BY%3D%3D&$top=2"))
        .and(header("consistencylevel", "eventual"))
        .respond_with(page(
            json!([{"id": "3"}, {"id": "4"}]),
            json!({"@odata.nextLink": format!("{base}/users?$skiptoken=page3")}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(RawQuery("$skiptoken=page3"))
        .respond_with(page(json!([{"id": "5"}]), json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let request = get::<Collection<Value>>(&client(&server), "/users")
        .top(2)
        .consistency_level_eventual();
    let first: Collection<Value> = request.clone().send().await.unwrap();
    assert_eq!(first.count, Some(5));
    assert_eq!(first.additional_data["@odata.context"], "ctx");
    let ids: Vec<String> = request
        .stream()
        .map_ok(|user| user["id"].as_str().unwrap().to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
}

#[tokio::test]
async fn next_link_loop_is_an_error_not_a_hang() {
    let server = MockServer::start().await;
    let first = format!("{}/v1.0/groups", server.uri());
    let second = format!("{}/v1.0/groups?$skiptoken=2", server.uri());
    Mock::given(method("GET"))
        .and(path("/v1.0/groups"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(page(json!([1]), json!({"@odata.nextLink": second})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("$skiptoken", "2"))
        .respond_with(page(json!([2]), json!({"@odata.nextLink": first})))
        .mount(&server)
        .await;
    let stream = get::<Collection<i64>>(&client(&server), "/groups").stream();
    let results: Vec<Result<i64, Error>> =
        tokio::time::timeout(Duration::from_secs(10), stream.collect())
            .await
            .expect("paging must stop");
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap(), &1);
    assert_eq!(results[1].as_ref().unwrap(), &2);
    assert!(
        matches!(&results[2], Err(Error::PagingLoop { url }) if url == &first),
        "{results:?}"
    );
}

#[tokio::test]
async fn delta_pages_until_delta_link_then_resumes_from_it() {
    let server = MockServer::start().await;
    let base = format!("{}/v1.0", server.uri());
    let delta_link = format!("{base}/users/delta?$deltatoken=d1");
    Mock::given(method("GET"))
        .and(path("/v1.0/users/delta"))
        .and(query_param_is_missing("$skiptoken"))
        .and(query_param_is_missing("$deltatoken"))
        .respond_with(page(
            json!([{"id": "1"}]),
            json!({"@odata.nextLink": format!("{base}/users/delta?$skiptoken=s2")}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("$skiptoken", "s2"))
        .respond_with(page(
            json!([{"id": "2"}]),
            json!({"@odata.deltaLink": delta_link}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("$deltatoken", "d1"))
        .respond_with(page(
            json!([{"id": "1", "@removed": {"reason": "deleted"}}]),
            json!({"@odata.deltaLink": format!("{base}/users/delta?$deltatoken=d2")}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let round = get::<Collection<Value>>(&c, "/users/delta")
        .delta()
        .await
        .unwrap();
    assert_eq!(round.items, [json!({"id": "1"}), json!({"id": "2"})]);
    assert_eq!(round.delta_link, delta_link);
    let next = c
        .follow::<Collection<Value>>(round.delta_link)
        .delta()
        .await
        .unwrap();
    assert_eq!(next.items[0]["@removed"]["reason"], "deleted");
    assert!(next.delta_link.ends_with("$deltatoken=d2"));
}

#[tokio::test]
async fn delta_without_delta_link_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(json!([{"id": "1"}]), json!({})))
        .mount(&server)
        .await;
    let err = get::<Collection<Value>>(&client(&server), "/users/delta")
        .delta()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::MissingDeltaLink { url } if url.ends_with("/v1.0/users/delta")),
        "{err:?}"
    );
}

#[tokio::test]
async fn paging_error_ends_the_stream() {
    let server = MockServer::start().await;
    let next = format!("{}/v1.0/users?$skiptoken=bad", server.uri());
    Mock::given(method("GET"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(page(json!([1]), json!({"@odata.nextLink": next})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("$skiptoken", "bad"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(
                json!({"error": {"code": "badRequest", "message": "token expired"}}),
            ),
        )
        .mount(&server)
        .await;
    let results: Vec<Result<i64, Error>> = get::<Collection<i64>>(&client(&server), "/users")
        .stream()
        .collect()
        .await;
    assert_eq!(results.len(), 2);
    assert_eq!(results[1].as_ref().unwrap_err().code(), Some("badRequest"));
}
