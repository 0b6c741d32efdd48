//! Per-request tracing: a trace id in `x-trace-id` on every response, and one log line per
//! request with method, route, status, latency and the session id when the path has one.

use std::time::Instant;

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use tracing::Instrument;

pub const TRACE_HEADER: &str = "x-trace-id";

tokio::task_local! {
    static TRACE_ID: String;
}

/// The trace id of the request this task is serving, for error envelopes.
pub fn current_trace_id() -> Option<String> {
    TRACE_ID.try_with(Clone::clone).ok()
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
        let result = TRACE_ID
            .scope(trace_id.clone(), self.inner.call(req))
            .instrument(span.clone())
            .await;
        let mut response = match result {
            Ok(r) => r.into_response(),
            Err(e) => e.into_response(),
        };
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let status = response.status().as_u16();
        span.in_scope(|| {
            tracing::info!(
                %method,
                route = %route,
                status,
                latency_ms = (latency_ms * 100.0).round() / 100.0,
                session = %session,
                "request"
            )
        });
        if let Ok(v) = trace_id.parse() {
            response.headers_mut().insert(TRACE_HEADER, v);
        }
        Ok(response)
    }
}
