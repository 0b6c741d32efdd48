//! `/metrics`: off unless enabled; when on, requests are counted by route pattern, method and
//! status (never by raw path), with latency histograms and the database pool's gauges.

use crate::common::{core, demo_session, spawn_app_on};

#[tokio::test]
async fn metrics_are_off_by_default() {
    let app = spawn_app_on(core().await);
    let a = app.get("/metrics").await;
    assert_eq!(a.status, 404);
}

#[tokio::test]
async fn requests_are_counted_by_route_pattern_with_latency_and_the_pool() {
    let mut core = core().await;
    core.metrics = true;
    let app = spawn_app_on(core);
    let created = app.post("/v1/sessions", &demo_session()).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let name = created.body["name"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/v1/{name}")).await.status, 200);
    assert_eq!(app.get("/v1/no-such-thing-8f3a").await.status, 404);
    let resp = app.anon.get("/metrics").send().await;
    resp.assert_status_is_ok();
    resp.assert_content_type("text/plain; version=0.0.4; charset=utf-8");
    let text = resp.0.into_body().into_string().await.unwrap();
    for line in [
        r#"checkout_http_requests_total{route="/v1/sessions",method="POST",status="200"}"#,
        r#"checkout_http_requests_total{route="/v1/sessions/{session}",method="GET",status="200"}"#,
        r#"checkout_http_requests_total{route="unmatched",method="GET",status="404"}"#,
        r#"checkout_http_request_duration_seconds_bucket{route="/v1/sessions",method="POST",le="0.001"}"#,
        r#"checkout_db_pool_connections{state="open"}"#,
    ] {
        assert!(text.contains(line), "no `{line}` in\n{text}");
    }
    assert!(
        !text.contains("no-such-thing-8f3a"),
        "a raw path became a label"
    );
}
