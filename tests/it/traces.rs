//! Traces: a caller's W3C `traceparent` is continued (a request without a valid one starts a
//! new trace), the trace id is in `x-trace-id` and in every error envelope, each request is a
//! server span, and the OTLP exporter posts those spans to a collector with the same ids.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{core, demo_session, spawn_app_on, TestApp};
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{handler, EndpointExt, Route, Server};
use ports::trace::{SpanKind, SpanRecord, SpanSink, SpanValue};
use serde_json::json;

const CALLER_TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN: &str = "00f067aa0ba902b7";

/// Keeps every span it is given.
#[derive(Default)]
pub struct Recorded(pub Mutex<Vec<SpanRecord>>);

impl SpanSink for Recorded {
    fn record(&self, span: SpanRecord) {
        self.0.lock().unwrap().push(span);
    }
}

impl Recorded {
    fn of_trace(&self, trace: &str) -> Vec<SpanRecord> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.context.trace_hex() == trace)
            .cloned()
            .collect()
    }
}

async fn traced_app() -> (TestApp, Arc<Recorded>) {
    let spans = Arc::new(Recorded::default());
    let mut core = core().await;
    core.spans = Some(spans.clone());
    (spawn_app_on(core), spans)
}

fn attribute<'a>(span: &'a SpanRecord, key: &str) -> Option<&'a SpanValue> {
    span.attributes
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// Creates a session under the caller's trace with these trace flags; the answer names it.
async fn create_in_callers_trace(app: &TestApp, flags: &str) {
    let resp = app
        .client
        .post("/v1/sessions")
        .header(
            "traceparent",
            format!("00-{CALLER_TRACE}-{CALLER_SPAN}-{flags}"),
        )
        .body_json(&demo_session())
        .send()
        .await;
    resp.assert_status_is_ok();
    resp.assert_header("x-trace-id", CALLER_TRACE);
}

#[tokio::test]
async fn a_callers_traceparent_is_continued_in_a_server_span() {
    let (app, spans) = traced_app().await;
    create_in_callers_trace(&app, "01").await;
    let recorded = spans.of_trace(CALLER_TRACE);
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    let span = &recorded[0];
    assert_eq!(span.kind, SpanKind::Server);
    assert_eq!(span.name, "POST /v1/sessions");
    assert_eq!(
        span.parent,
        Some((u64::from_str_radix(CALLER_SPAN, 16).unwrap(), true)),
        "a child of the caller's span, which lives in the caller's process"
    );
    assert_ne!(
        span.context.span_id,
        u64::from_str_radix(CALLER_SPAN, 16).unwrap()
    );
    assert_eq!(
        attribute(span, "http.route"),
        Some(&SpanValue::Text("/v1/sessions".into()))
    );
    assert_eq!(
        attribute(span, "http.response.status_code"),
        Some(&SpanValue::Int(200))
    );
    assert!(span.error.is_none());
    assert!(span.end >= span.start);
}

#[tokio::test]
async fn spans_are_named_by_route_pattern_never_by_id() {
    let (app, spans) = traced_app().await;
    let (id, _, _) = app.create().await;
    let resp = app.client.get(format!("/v1/sessions/{id}")).send().await;
    resp.assert_status_is_ok();
    let trace = resp.0.headers()["x-trace-id"].to_str().unwrap().to_owned();
    let span = &spans.of_trace(&trace)[0];
    assert_eq!(span.name, "GET /v1/sessions/{session}");
    assert_eq!(
        attribute(span, "checkout.session.id"),
        Some(&SpanValue::Text(id.clone()))
    );
    // A path no route takes names no span after itself.
    let resp = app.client.get("/v1/no-such-route-93e1").send().await;
    let trace = resp.0.headers()["x-trace-id"].to_str().unwrap().to_owned();
    let span = &spans.of_trace(&trace)[0];
    assert_eq!(span.name, "GET");
    assert_eq!(attribute(span, "http.route"), None);
}

#[tokio::test]
async fn without_a_valid_traceparent_a_new_trace_starts() {
    let (app, spans) = traced_app().await;
    for header in [
        None,
        Some("00-not-a-trace-01"),
        Some("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
    ] {
        let mut req = app.client.post("/v1/sessions").body_json(&demo_session());
        if let Some(h) = header {
            req = req.header("traceparent", h);
        }
        let resp = req.send().await;
        // A malformed header is ignored, never refused.
        resp.assert_status_is_ok();
        let trace = resp.0.headers()["x-trace-id"].to_str().unwrap().to_owned();
        assert_eq!(trace.len(), 32, "{trace}");
        assert!(trace
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(trace, CALLER_TRACE);
        let recorded = spans.of_trace(&trace);
        assert_eq!(recorded.len(), 1);
        assert_eq!(recorded[0].parent, None, "the first span of its trace");
    }
}

#[tokio::test]
async fn an_unsampled_trace_is_continued_but_not_recorded() {
    let (app, spans) = traced_app().await;
    create_in_callers_trace(&app, "00").await;
    assert!(spans.of_trace(CALLER_TRACE).is_empty());
}

#[tokio::test]
async fn every_error_envelope_names_its_trace() {
    let (app, _) = traced_app().await;
    let unknown = uuid::Uuid::new_v4();
    let mut bad = demo_session();
    bad["purchase"]["currency"] = json!("EURO");
    let cases = [
        app.get(&format!("/v1/sessions/{unknown}")).await,
        app.post("/v1/sessions", &bad).await,
        app.get("/v1/no-such-route-1c2b").await,
        crate::common::answer(app.anon.get("/v1/sessions").send().await).await,
        app.get(&format!("/v1/cos/session.get?id={unknown}")).await,
    ];
    for a in cases {
        assert!(a.status >= 400, "{}", a.body);
        let trace = a.trace_id.clone().expect("x-trace-id");
        let infos: Vec<_> = a.body["error"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["@type"] == "type.googleapis.com/google.rpc.ErrorInfo")
            .collect();
        assert_eq!(infos.len(), 1, "{}", a.body);
        assert_eq!(
            infos[0]["metadata"]["trace_id"],
            trace.as_str(),
            "{}",
            a.body
        );
    }
}

/// What a collector received: (content type, body) of every POST to `/v1/traces`.
#[derive(Clone, Default)]
struct Collector(Arc<Mutex<Vec<Post>>>);

/// The content type and body of one POST.
type Post = (String, Vec<u8>);

#[handler]
async fn collect(
    req: &poem::Request,
    body: poem::Body,
    seen: poem::web::Data<&Collector>,
) -> poem::http::StatusCode {
    let content_type = req.content_type().unwrap_or_default().to_owned();
    let bytes = body.into_vec().await.unwrap();
    seen.0 .0.lock().unwrap().push((content_type, bytes));
    poem::http::StatusCode::OK
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn the_otlp_exporter_posts_spans_with_the_logged_ids() {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = *acceptor.local_addr()[0].as_socket_addr().unwrap();
    let collector = Collector::default();
    tokio::spawn(
        Server::new_with_acceptor(acceptor).run(
            Route::new()
                .at("/v1/traces", collect)
                .data(collector.clone()),
        ),
    );
    let exporter =
        Arc::new(outbound::OtlpSpans::new(Some(&format!("http://{addr}/v1/traces"))).unwrap());
    let mut core = core().await;
    core.spans = Some(exporter.clone());
    let app = spawn_app_on(core);
    create_in_callers_trace(&app, "01").await;
    // Shutting down flushes the batch; it blocks, so off the runtime's workers.
    tokio::task::spawn_blocking(move || exporter.shutdown(Duration::from_secs(5)))
        .await
        .unwrap();
    let seen = collector.0.lock().unwrap().clone();
    assert!(!seen.is_empty(), "the collector got nothing");
    let (content_type, body) = &seen[0];
    assert_eq!(content_type, "application/x-protobuf");
    // OTLP carries ids as raw bytes, names and attribute values as strings.
    let trace: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&CALLER_TRACE[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let parent: Vec<u8> = (0..8)
        .map(|i| u8::from_str_radix(&CALLER_SPAN[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    assert!(contains(body, &trace), "the trace id");
    assert!(contains(body, &parent), "the caller's span as parent");
    assert!(contains(body, b"POST /v1/sessions"));
    assert!(contains(body, b"headless-checkout"), "the service name");
}

#[tokio::test]
async fn the_binarys_request_log_lines_carry_the_trace_id() {
    use crate::common::server::{new_dir, Server};
    let server = Server::start(new_dir("traces-log"), "info");
    let client = reqwest::Client::new();
    let unknown = uuid::Uuid::new_v4();
    let resp = client
        .get(format!("{}/v1/sessions/{unknown}", server.base))
        .bearer_auth(service::auth::DEMO_API_KEY)
        .header("traceparent", format!("00-{CALLER_TRACE}-{CALLER_SPAN}-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(resp.headers()["x-trace-id"], CALLER_TRACE);
    let fresh = client
        .post(format!("{}/v1/sessions", server.base))
        .bearer_auth(service::auth::DEMO_API_KEY)
        .json(&demo_session())
        .send()
        .await
        .unwrap();
    assert_eq!(fresh.status(), 200);
    let fresh_trace = fresh.headers()["x-trace-id"].to_str().unwrap().to_owned();
    // Lines reach the pipe a moment after the answer does.
    let traced = |logs: &str| -> Vec<String> {
        logs.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|l| l["message"] == "request")
            .map(|l| {
                l["span"]["trace_id"]
                    .as_str()
                    .unwrap_or("(none)")
                    .to_owned()
            })
            .collect()
    };
    for _ in 0..50 {
        if traced(&server.logs()).len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let logs = server.logs();
    let traces = traced(&logs);
    assert!(traces.iter().any(|t| t == CALLER_TRACE), "{logs}");
    assert!(traces.contains(&fresh_trace), "{logs}");
    assert!(traces.iter().all(|t| t.len() == 32), "{logs}");
    server.stop().await;
}
