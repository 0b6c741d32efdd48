//! Per-request tracing: a trace id in `x-trace-id` on every response, and one log line per
//! request with method, route, status, latency (a number, in milliseconds), and the merchant
//! and session the handler noted. Health probes log at debug only.

use std::time::Instant;

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use tracing::Instrument;

pub const TRACE_HEADER: &str = "x-trace-id";

/// What a handler learns about its request that the log line should name.
#[derive(Default)]
struct Facts {
    merchant: Option<String>,
    session: Option<String>,
}

tokio::task_local! {
    static TRACE_ID: String;
    static FACTS: std::sync::Mutex<Facts>;
}

/// The trace id of the request this task is serving, for error envelopes.
pub fn current_trace_id() -> Option<String> {
    TRACE_ID.try_with(Clone::clone).ok()
}

fn note(set: impl FnOnce(&mut Facts)) {
    // Outside a traced request (a test calling a handler's helpers) there is nothing to note.
    let _ = FACTS.try_with(|facts| {
        if let Ok(mut facts) = facts.lock() {
            set(&mut facts);
        }
    });
}

/// The merchant the request's credential belongs to, for its log line.
pub fn note_merchant(merchant_id: &str) {
    note(|f| f.merchant = Some(merchant_id.to_owned()));
}

/// The session the request is about (created, read or changed), for its log line.
pub fn note_session(session: impl std::fmt::Display) {
    note(|f| f.session = Some(session.to_string()));
}

/// Health probes arrive every few seconds from every load balancer: not worth a line at info.
fn is_probe(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz")
}

/// `S`, the UTC time to the second, and 16 random Crockford base-32 digits: sortable by time,
/// readable in a support ticket.
pub fn new_trace_id() -> String {
    let now = time::OffsetDateTime::now_utc();
    let random = ulid::Ulid::new().to_string();
    format!(
        "S{:04}{:02}{:02}{:02}{:02}{:02}{}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        &random[10..]
    )
}

pub struct RequestTrace;

impl<E: Endpoint> Middleware<E> for RequestTrace {
    type Output = RequestTraceEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        RequestTraceEndpoint { inner: ep }
    }
}

pub struct RequestTraceEndpoint<E> {
    inner: E,
}

/// The session uuid in `/v1/sessions/{uuid}...`, for the log line.
fn session_in_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/v1/sessions/")?;
    let end = rest.find([':', '/', '?']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

impl<E: Endpoint> Endpoint for RequestTraceEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let trace_id = new_trace_id();
        let method = req.method().clone();
        let path = req.uri().path().to_owned();
        let session = session_in_path(&path).unwrap_or("").to_owned();
        // The route template keeps log lines groupable; the id goes in its own field.
        let route = if session.is_empty() {
            path.clone()
        } else {
            path.replacen(&session, "{session}", 1)
        };
        let span = tracing::info_span!("request", trace_id = %trace_id);
        let started = Instant::now();
        let (result, facts) = FACTS
            .scope(std::sync::Mutex::new(Facts::default()), async {
                let result = TRACE_ID.scope(trace_id.clone(), self.inner.call(req)).await;
                let facts = FACTS
                    .with(|f| std::mem::take(&mut *f.lock().unwrap_or_else(|p| p.into_inner())));
                (result, facts)
            })
            .instrument(span.clone())
            .await;
        let mut response = match result {
            Ok(r) => r.into_response(),
            Err(e) => e.into_response(),
        };
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let status = response.status().as_u16();
        let latency_ms = (latency_ms * 100.0).round() / 100.0;
        let session = facts.session.unwrap_or(session);
        let merchant = facts.merchant.unwrap_or_default();
        span.in_scope(|| {
            if is_probe(&path) {
                tracing::debug!(%method, route = %route, status, latency_ms, "request");
            } else {
                tracing::info!(
                    %method,
                    route = %route,
                    status,
                    latency_ms,
                    merchant = %merchant,
                    session = %session,
                    "request"
                )
            }
        });
        if let Ok(v) = trace_id.parse() {
            response.headers_mut().insert(TRACE_HEADER, v);
        }
        Ok(response)
    }
}
