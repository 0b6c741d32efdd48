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

/// The sum of every sample of `series` whose labels contain each of `labels`.
pub(crate) fn sample(text: &str, series: &str, labels: &[&str]) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (key, value) = l.rsplit_once(' ')?;
            let name = key.split('{').next()?;
            (name == series && labels.iter().all(|want| key.contains(want)))
                .then(|| value.parse::<f64>().ok())
                .flatten()
        })
        .sum()
}

/// The process's recorder rendered now (counters are process-wide: other tests add to them,
/// so each assertion below is about an increase this test caused, never an exact total).
fn scrape() -> String {
    headless_checkout::metrics::recorder().render()
}

#[tokio::test]
async fn lost_races_quotes_and_transactions_are_counted() {
    let before = scrape();
    let (app, gate) = crate::common::race::spawn_gated_app().await;
    let created = app.post("/v1/sessions", &demo_session()).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let name = created.body["name"].as_str().unwrap().to_owned();
    let etag = created.body["etag"].as_str().unwrap().to_owned();
    let patch = |external: &str| serde_json::json!({"etag": etag, "external_id": external});
    let path = format!("/v1/{name}?update_mask=external_id");
    let (first, second) = (patch("first"), patch("second"));
    gate.arm(2);
    let (a, b) = tokio::join!(app.patch(&path, &first), app.patch(&path, &second));
    let mut statuses = [a.status, b.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let after = scrape();
    let grew = |series: &str, labels: &[&str]| {
        sample(&after, series, labels) - sample(&before, series, labels)
    };
    // Both writers read the same revision; the loser found the etag stale on its re-read.
    assert!(
        grew(
            "checkout_session_write_conflicts_total",
            &[r#"outcome="aborted""#]
        ) >= 1.0,
        "{after}"
    );
    // Create quotes once and the winning PATCH once more.
    assert!(
        grew("checkout_quote_duration_seconds_count", &[]) >= 2.0,
        "{after}"
    );
    assert!(
        grew("checkout_db_begin_duration_seconds_count", &[]) >= 2.0,
        "{after}"
    );
}
