//! Runs every documentation example against one local wiremock server.
//!
//! Per example: mount a mock that answers only the example's request (method, path, query,
//! headers and JSON body compared as values), run the example's code with the real client,
//! compare the re-serialized typed response with the example response, reset the server.
//! Results go to `$CONFORMANCE_REPORT` (one JSON line per example) when it is set; otherwise any
//! failure fails the test. `$CONFORMANCE_FILTER` runs only examples whose name contains it.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::time::Duration;

use futures::FutureExt;
use msgraph::runtime::{Bytes, NoContent, RetryPolicy};
use msgraph::Client;
use serde_json::Value;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::compare::{self, Mode, Verdict};
use crate::compare_url;
use crate::record::{Cause, Record};

/// The future of one example's code.
pub type Run = for<'a> fn(&'a Client) -> Pin<Box<dyn Future<Output = Outcome> + 'a>>;

/// What an example's code returns.
pub type Outcome = Result<Observed, Failure>;

/// One example: its code and what the docs say it sends and receives.
pub struct Case {
    pub example: &'static str,
    pub file: &'static str,
    pub line: u32,
    pub method: &'static str,
    /// The path after the version segment, as written in the docs.
    pub path: &'static str,
    pub query: &'static [(&'static str, &'static str)],
    /// Request headers the call must send (not `Authorization`, `Content-Type`, ...).
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Body,
    pub status: u16,
    pub response_headers: &'static [(&'static str, &'static str)],
    pub response: Body,
    /// A defect of the docs found before running (cause slug, detail) in the request half.
    pub docs_request: Option<(&'static str, &'static str)>,
    /// The same for the response half.
    pub docs_response: Option<(&'static str, &'static str)>,
    /// Notes known before running (`placeholder-repaired`: a docs placeholder such as
    /// `"datetime-value"` was replaced by a valid value of the declared type).
    pub notes: &'static [&'static str],
    pub run: Run,
}

/// An example body.
#[derive(Clone, Copy)]
pub enum Body {
    None,
    Json(&'static str),
    Text(&'static str),
}

/// An example whose code could not be generated, with its cause.
pub struct Skipped {
    pub example: &'static str,
    pub file: &'static str,
    pub line: u32,
    pub cause: &'static str,
    pub detail: &'static str,
}

/// The response as the SDK returned it.
pub enum Observed {
    Json(Value),
    Bytes(Vec<u8>),
    Nothing,
}

/// Why an example's code stopped.
#[derive(Debug)]
pub enum Failure {
    /// Reading the example's JSON into a model type failed.
    Model(serde_json::Error),
    /// A path argument did not parse into its type.
    Argument(msgraph::runtime::ParseError),
    Send(msgraph::Error),
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Model(e)
    }
}

impl From<msgraph::runtime::ParseError> for Failure {
    fn from(e: msgraph::runtime::ParseError) -> Self {
        Failure::Argument(e)
    }
}

impl From<msgraph::Error> for Failure {
    fn from(e: msgraph::Error) -> Self {
        Failure::Send(e)
    }
}

/// Turns a typed response into [`Observed`]: `(&Probe(&response)).observe()` picks JSON for
/// `Serialize` types and the raw forms for `NoContent` and `Bytes` (autoref specialization).
pub struct Probe<'a, T>(pub &'a T);

pub trait ObserveJson {
    fn observe(&self) -> Outcome;
}

impl<T: serde::Serialize> ObserveJson for Probe<'_, T> {
    fn observe(&self) -> Outcome {
        Ok(Observed::Json(serde_json::to_value(self.0)?))
    }
}

pub trait ObserveRaw {
    fn observe(&self) -> Outcome;
}

impl ObserveRaw for &Probe<'_, NoContent> {
    fn observe(&self) -> Outcome {
        Ok(Observed::Nothing)
    }
}

impl ObserveRaw for &Probe<'_, Bytes> {
    fn observe(&self) -> Outcome {
        Ok(Observed::Bytes(self.0.data.clone()))
    }
}

/// Runs the cases and reports; fails when not writing a report and anything failed.
pub fn run_all(cases: Vec<&'static Case>, skipped: &[Skipped]) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let filter = std::env::var("CONFORMANCE_FILTER").unwrap_or_default();
    let mut records: Vec<Record> = runtime.block_on(async {
        let server = MockServer::start().await;
        let client = client(&server);
        let mut records = Vec::new();
        for case in cases.iter().filter(|c| c.example.contains(filter.as_str())) {
            records.push(run_case(&server, &client, case).await);
            server.reset().await;
        }
        records
    });
    records.extend(
        skipped
            .iter()
            .filter(|s| s.example.contains(filter.as_str()))
            .map(skipped_record),
    );
    report(&records);
}

fn client(server: &MockServer) -> Client {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client");
    Client::builder()
        .token("conformance-token")
        .base_url(format!("{}/v1.0", server.uri()))
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::none())
        .http_client(http)
        .build()
        .expect("client")
}

fn skipped_record(s: &Skipped) -> Record {
    Record {
        example: s.example.to_string(),
        file: s.file.to_string(),
        line: s.line,
        cause: Some(Cause::from_slug(s.cause).unwrap_or(Cause::NotGenerated)),
        detail: s.detail.to_string(),
        notes: Vec::new(),
    }
}

fn report(records: &[Record]) {
    let failed: Vec<&Record> = records.iter().filter(|r| !r.passed()).collect();
    let passed = records.len() - failed.len();
    match std::env::var_os("CONFORMANCE_REPORT") {
        Some(path) => {
            let lines: Vec<String> = records.iter().map(Record::to_line).collect();
            std::fs::write(&path, lines.join("\n") + "\n").expect("write the conformance report");
        }
        None => {
            for r in &failed {
                eprintln!("{}", r.to_line());
            }
        }
    }
    println!("{passed} passed, {} failed", failed.len());
    if std::env::var_os("CONFORMANCE_REPORT").is_none() {
        assert!(failed.is_empty(), "{} example(s) failed", failed.len());
    }
}

async fn run_case(server: &MockServer, client: &Client, case: &'static Case) -> Record {
    mount(server, case).await;
    let outcome = AssertUnwindSafe((case.run)(client)).catch_unwind();
    let outcome = tokio::time::timeout(Duration::from_secs(30), outcome).await;
    let received = server.received_requests().await.unwrap_or_default();
    let mut notes = request_notes(case, received.last());
    notes.extend(case.notes.iter().map(|n| n.to_string()));
    let (cause, detail) = match outcome {
        Err(_) => (Some(Cause::Timeout), "no answer within 30 s".to_string()),
        Ok(Err(panic)) => (
            Some(Cause::SendFailed),
            format!("panicked: {}", panic_text(&panic)),
        ),
        Ok(Ok(result)) => judge(case, result, &received, &mut notes),
    };
    let cause = cause.map(|c| blame_docs(case, c));
    notes.sort();
    notes.dedup();
    Record {
        example: case.example.to_string(),
        file: case.file.to_string(),
        line: case.line,
        cause,
        detail: if cause.is_some() {
            detail
        } else {
            String::new()
        },
        notes,
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// A failure our side cannot be blamed for when the docs already showed a defect on that side.
fn blame_docs(case: &Case, cause: Cause) -> Cause {
    let docs = |hint: Option<(&str, &str)>| hint.and_then(|(slug, _)| Cause::from_slug(slug));
    let request_side = matches!(cause, Cause::RequestMismatch | Cause::SendFailed);
    let hint = if request_side {
        docs(case.docs_request)
    } else {
        docs(case.docs_response).or(docs(case.docs_request))
    };
    hint.unwrap_or(cause)
}

fn judge(
    case: &Case,
    result: Outcome,
    received: &[Request],
    notes: &mut Vec<String>,
) -> (Option<Cause>, String) {
    match result {
        Err(Failure::Model(e)) => (
            Some(Cause::DecodeFailed),
            format!("example JSON into the model: {e}"),
        ),
        Err(Failure::Argument(e)) => (Some(Cause::NotGenerated), format!("path argument: {e}")),
        Err(Failure::Send(e)) => send_failure(case, e, received),
        Ok(observed) => compare_response(case, observed, notes),
    }
}

fn send_failure(
    case: &Case,
    error: msgraph::Error,
    received: &[Request],
) -> (Option<Cause>, String) {
    if let msgraph::Error::Decode { source, .. } = &error {
        return (
            Some(Cause::DecodeFailed),
            format!("response into the model: {source}"),
        );
    }
    if let Some(status) = error.status() {
        // The example documents an error or redirect status and the SDK surfaced it.
        if status.as_u16() == case.status && !(200..300).contains(&case.status) {
            return (None, String::new());
        }
    }
    let unmatched = matches!(error.status(), Some(s) if s.as_u16() == 404) && case.status != 404;
    match received.last() {
        Some(request) if unmatched => (Some(Cause::RequestMismatch), mismatch(case, request)),
        _ => (Some(Cause::SendFailed), error.to_string()),
    }
}

fn compare_response(
    case: &Case,
    observed: Observed,
    notes: &mut Vec<String>,
) -> (Option<Cause>, String) {
    // An optional result without a body (`None`, an `Accepted` without one) is no content.
    let observed = match observed {
        Observed::Json(Value::Null) => Observed::Nothing,
        other => other,
    };
    match (case.response, observed) {
        (Body::Json(text), Observed::Json(actual)) => {
            let Ok(expected) = serde_json::from_str::<Value>(text) else {
                return (
                    Some(Cause::ResponseBodyNotJson),
                    "the example response".into(),
                );
            };
            let result = compare::compare(&expected, &actual, Mode::Response);
            notes.extend(result.notes.iter().map(|(_, slug)| slug.to_string()));
            let dropped = result
                .differences
                .iter()
                .any(|d| d.kind == compare::DiffKind::Missing);
            match (result.is_match(), dropped) {
                (true, _) => (None, String::new()),
                (false, true) => (Some(Cause::PropertyDropped), result.describe(4)),
                (false, false) => (Some(Cause::ValueChanged), result.describe(4)),
            }
        }
        (Body::Json(_), Observed::Nothing) => (
            Some(Cause::PropertyDropped),
            "the SDK returns no content where the example has a JSON body".into(),
        ),
        (Body::Text(text), Observed::Bytes(bytes)) | (Body::Json(text), Observed::Bytes(bytes)) => {
            if bytes == text.as_bytes() {
                (None, String::new())
            } else {
                (Some(Cause::ValueChanged), "the raw body differs".into())
            }
        }
        _ => (None, String::new()),
    }
}

/// Mounts the mock of one example.
async fn mount(server: &MockServer, case: &'static Case) {
    let mut response = ResponseTemplate::new(case.status);
    let mut content_type = None;
    for (name, value) in case.response_headers {
        if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(*value);
        } else if !["content-length", "transfer-encoding", "connection"]
            .iter()
            .any(|h| name.eq_ignore_ascii_case(h))
        {
            response = response.insert_header(*name, *value);
        }
    }
    response = match case.response {
        Body::None => response,
        Body::Json(text) => response.set_body_raw(
            text.as_bytes().to_vec(),
            content_type.unwrap_or("application/json"),
        ),
        Body::Text(text) => response.set_body_raw(
            text.as_bytes().to_vec(),
            content_type.unwrap_or("application/octet-stream"),
        ),
    };
    Mock::given(wiremock::matchers::method(case.method))
        .and(move |request: &Request| request_verdicts(case, request).is_ok())
        .respond_with(response)
        .mount(server)
        .await;
}

/// Every aspect of a received request against the example: the notes of lenient matches, or
/// what differs.
fn request_verdicts(case: &Case, request: &Request) -> Result<Vec<String>, String> {
    let mut notes = Vec::new();
    let mut note = |what: &str, verdict: Verdict, detail: &dyn Fn() -> String| match verdict {
        Verdict::Same => Ok(()),
        Verdict::Note(slug) => {
            notes.push(slug.to_string());
            Ok(())
        }
        Verdict::Differ => Err(format!("{what}: {}", detail())),
    };
    let path = request.url.path();
    let path = path.strip_prefix("/v1.0").unwrap_or(path);
    note("path", compare_url::paths(case.path, path), &|| {
        format!("expected {}, sent {path}", case.path)
    })?;
    let expected_query: Vec<(String, String)> = case
        .query
        .iter()
        .map(|(n, v)| {
            (
                compare_url::percent_decode(n, true),
                compare_url::percent_decode(v, true),
            )
        })
        .collect();
    let sent_query = compare_url::parse_query(request.url.query().unwrap_or(""));
    note(
        "query",
        compare_url::queries(&expected_query, &sent_query),
        &|| format!("expected {expected_query:?}, sent {sent_query:?}"),
    )?;
    for (name, value) in case.headers {
        let sent = request.headers.get(*name).and_then(|v| v.to_str().ok());
        let verdict = match sent {
            Some(sent) if sent.trim() == value.trim() => Verdict::Same,
            Some(sent) if sent.trim().eq_ignore_ascii_case(value.trim()) => Verdict::Note("case"),
            _ => Verdict::Differ,
        };
        note("header", verdict, &|| {
            format!("{name}: expected {value:?}, sent {sent:?}")
        })?;
    }
    body_verdict(case, &request.body, &mut notes)?;
    Ok(notes)
}

fn body_verdict(case: &Case, sent: &[u8], notes: &mut Vec<String>) -> Result<(), String> {
    match case.body {
        Body::None => Ok(()),
        Body::Text(text) if sent == text.as_bytes() => Ok(()),
        Body::Text(_) => Err("body: the raw body differs".into()),
        Body::Json(text) => {
            let expected: Value = serde_json::from_str(text).map_err(|e| format!("body: {e}"))?;
            let actual: Value = serde_json::from_slice(sent)
                .map_err(|_| "body: the request has no JSON body".to_string())?;
            let result = compare::compare(&expected, &actual, Mode::Request);
            notes.extend(result.notes.iter().map(|(_, slug)| slug.to_string()));
            if result.is_match() {
                Ok(())
            } else {
                Err(format!("body: {}", result.describe(4)))
            }
        }
    }
}

fn request_notes(case: &Case, request: Option<&Request>) -> Vec<String> {
    request
        .and_then(|r| request_verdicts(case, r).ok())
        .unwrap_or_default()
}

fn mismatch(case: &Case, request: &Request) -> String {
    let method_ok = request.method.as_str().eq_ignore_ascii_case(case.method);
    if !method_ok {
        return format!("method: expected {}, sent {}", case.method, request.method);
    }
    request_verdicts(case, request)
        .err()
        .unwrap_or_else(|| "the request matched but the mock did not answer".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use msgraph::runtime::{Permissions, Request as GraphRequest};

    /// A thinner model than the example response: it drops `extra`.
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Thin {
        id: String,
    }

    fn post_value(client: &Client) -> Pin<Box<dyn Future<Output = Outcome> + '_>> {
        Box::pin(async move {
            let body = serde_json::json!({"topic": "a", "when": "2024-05-01T08:00:00Z"});
            let response: Value = GraphRequest::new(
                client,
                http::Method::POST,
                "/things".into(),
                &Permissions::NONE,
            )
            .json(&body)
            .send()
            .await?;
            (&Probe(&response)).observe()
        })
    }

    fn post_thin(client: &Client) -> Pin<Box<dyn Future<Output = Outcome> + '_>> {
        Box::pin(async move {
            let response: Thin = GraphRequest::new(
                client,
                http::Method::POST,
                "/things".into(),
                &Permissions::NONE,
            )
            .json(&serde_json::json!({"topic": "a", "when": "2024-05-01T08:00:00Z"}))
            .send()
            .await?;
            (&Probe(&response)).observe()
        })
    }

    const GOOD: Case = Case {
        example: "good",
        file: "v1.0/api/things.md",
        line: 1,
        method: "POST",
        path: "/things",
        query: &[],
        headers: &[],
        body: Body::Json(r#"{"when": "2024-05-01T08:00:00.0000000Z", "topic": "a"}"#),
        status: 201,
        response_headers: &[],
        response: Body::Json(r#"{"id": "1", "extra": true}"#),
        docs_request: None,
        docs_response: None,
        notes: &[],
        run: post_value,
    };

    static MATCHING: Case = GOOD;
    static OTHER_BODY: Case = Case {
        body: Body::Json(r#"{"topic": "b", "when": "2024-05-01T08:00:00Z"}"#),
        ..GOOD
    };
    static DROPPED: Case = Case {
        run: post_thin,
        ..GOOD
    };
    static DROPPED_BY_DOCS: Case = Case {
        run: post_thin,
        docs_response: Some(("contradicts-type", "a defect the page shows")),
        ..GOOD
    };

    fn run(case: &'static Case) -> Record {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async {
            let server = MockServer::start().await;
            run_case(&server, &client(&server), case).await
        })
    }

    #[test]
    fn a_matching_request_passes_with_lenient_notes() {
        let record = run(&MATCHING);
        assert!(record.passed(), "{record:?}");
        assert!(
            record.notes.contains(&"datetime-format".to_string()),
            "{record:?}"
        );
    }

    #[test]
    fn another_body_is_a_request_mismatch() {
        let record = run(&OTHER_BODY);
        assert_eq!(record.cause, Some(Cause::RequestMismatch), "{record:?}");
        assert!(record.detail.contains("/topic"), "{record:?}");
    }

    #[test]
    fn a_dropped_property_is_ours_unless_the_docs_showed_a_defect() {
        let record = run(&DROPPED);
        assert_eq!(record.cause, Some(Cause::PropertyDropped), "{record:?}");
        assert!(record.detail.contains("/extra"), "{record:?}");
        let record = run(&DROPPED_BY_DOCS);
        assert_eq!(record.cause, Some(Cause::ContradictsType), "{record:?}");
    }
}
