//! Prometheus metrics at `/metrics` when `METRICS_ENABLED` is on: requests by route pattern,
//! method and status with latency histograms, and the gauges read at scrape time (the database
//! pool, the webhook outbox). The core's own counters (conflicts, quotes, webhooks, panics)
//! go through the same `metrics` facade.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use poem::http::{Method, StatusCode};
use poem::Response;

/// Latency buckets in seconds, from a cached read to a slow quote past the request timeout.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's one recorder (metrics are global: several cores in one process, as in tests,
/// share it).
pub fn recorder() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
                .expect("the buckets are not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Another recorder set first (none is, in this binary) would only leave ours empty.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// Records one request: its route's pattern (`unmatched` for a path no route takes, so a
/// scanner cannot grow the label set), method and status, and how long it took.
pub fn record(route: Option<&str>, method: &Method, status: StatusCode, took: Duration) {
    let route = route.unwrap_or("unmatched").to_owned();
    let method = method.as_str().to_owned();
    metrics::counter!(
        "checkout_http_requests_total",
        "route" => route.clone(), "method" => method.clone(), "status" => status.as_u16().to_string()
    )
    .increment(1);
    metrics::histogram!(
        "checkout_http_request_duration_seconds",
        "route" => route, "method" => method
    )
    .record(took.as_secs_f64());
}

/// The scrape: the pool's gauges and the outbox's backlog read now, then everything in
/// Prometheus's text format. A database that cannot be counted leaves the outbox gauges as they
/// were and says so in `checkout_outbox_scrape_errors_total`: the rest of the scrape still
/// answers, which is what an operator needs during an outage.
pub async fn render(
    handle: &PrometheusHandle,
    pool: &store::PoolWatch,
    outbox: &dyn ports::EventRepository,
    now: time::OffsetDateTime,
) -> Response {
    let backlog = tokio::time::timeout(Duration::from_millis(800), outbox.backlog(now)).await;
    // Gauges are process-wide: two scrapes at once (or two cores in one test process) set and
    // render one after the other, so each answer shows the values it read.
    static SCRAPE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one_at_a_time = SCRAPE.lock().await;
    let (open, idle) = pool.usage();
    metrics::gauge!("checkout_db_pool_connections", "state" => "open").set(f64::from(open));
    metrics::gauge!("checkout_db_pool_connections", "state" => "idle").set(idle as f64);
    let in_use = open.saturating_sub(u32::try_from(idle).unwrap_or(u32::MAX));
    metrics::gauge!("checkout_db_pool_connections", "state" => "in_use").set(f64::from(in_use));
    // Bounded like /readyz: a scrape must not hang on a database that does not answer.
    match backlog {
        Ok(Ok(backlog)) => {
            metrics::gauge!("checkout_outbox_deliveries", "state" => "pending")
                .set(backlog.pending as f64);
            metrics::gauge!("checkout_outbox_deliveries", "state" => "failed")
                .set(backlog.failed as f64);
            let age = backlog
                .oldest_due
                .map_or(0.0, |due| (now - due).as_seconds_f64().max(0.0));
            metrics::gauge!("checkout_outbox_oldest_due_age_seconds").set(age);
        }
        Ok(Err(e)) => {
            metrics::counter!("checkout_outbox_scrape_errors_total").increment(1);
            tracing::warn!(error = %e, "the outbox could not be counted for /metrics");
        }
        Err(_) => {
            metrics::counter!("checkout_outbox_scrape_errors_total").increment(1);
            tracing::warn!("counting the outbox for /metrics timed out");
        }
    }
    Response::builder()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(handle.render())
}
