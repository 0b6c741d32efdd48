//! Per-request tracing: the W3C `traceparent` a caller sends is continued (a request without
//! one starts a new trace); the trace id is in `x-trace-id` on every response, in every error
//! envelope and on the request's log line with method, route, status, latency (a number, in
//! milliseconds), and the merchant and session the handler noted. Health probes log at debug
//! only. With a span sink (OTLP export), each request is a server span.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use service::trace::{SpanKind, SpanRecord, SpanSink, SpanValue, TraceContext};
use tracing::Instrument;

pub const TRACE_HEADER: &str = "x-trace-id";
pub const TRACEPARENT_HEADER: &str = "traceparent";

/// What a handler learns about its request that the log line should name.
#[derive(Default)]
struct Facts {
    merchant: Option<String>,
    /// Whether the credential is a test key (or a test session's token).
    test: bool,
    session: Option<String>,
}

tokio::task_local! {
    static FACTS: std::sync::Mutex<Facts>;
}

/// The trace id of the request this task is serving, for error envelopes.
pub fn current_trace_id() -> Option<String> {
    service::trace::current().map(|c| c.trace_hex())
}

fn note(set: impl FnOnce(&mut Facts)) {
    // Outside a traced request (a test calling a handler's helpers) there is nothing to note.
    let _ = FACTS.try_with(|facts| {
        if let Ok(mut facts) = facts.lock() {
            set(&mut facts);
        }
    });
}

/// The merchant and mode the request's credential belongs to, for its log line.
pub fn note_merchant(tenant: &domain::Tenant) {
    note(|f| {
        f.merchant = Some(tenant.merchant_id().to_owned());
        f.test = tenant.is_test();
    });
}

/// The session the request is about (created, read or changed), for its log line.
pub fn note_session(session: impl std::fmt::Display) {
    note(|f| f.session = Some(session.to_string()));
}

/// Health probes arrive every few seconds from every load balancer: not worth a line at info.
fn is_probe(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz")
}

/// Names a request path's route pattern (`/v1/sessions/{session}`), `None` for a path no route
/// takes.
pub type RouteNamer = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Wraps the routes: see the module's documentation.
#[derive(Default, Clone)]
pub struct RequestTrace {
    spans: Option<Arc<dyn SpanSink>>,
    routes: Option<RouteNamer>,
}

impl RequestTrace {
    /// Records each request as a server span in `spans`, when given.
    pub fn new(spans: Option<Arc<dyn SpanSink>>) -> Self {
        Self {
            spans,
            routes: None,
        }
    }

    /// Names spans and log lines by route pattern, so ids in paths never become span names.
    pub fn with_routes(mut self, routes: RouteNamer) -> Self {
        self.routes = Some(routes);
        self
    }
}

impl<E: Endpoint> Middleware<E> for RequestTrace {
    type Output = RequestTraceEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        RequestTraceEndpoint {
            inner: ep,
            trace: self.clone(),
        }
    }
}

pub struct RequestTraceEndpoint<E> {
    inner: E,
    trace: RequestTrace,
}

/// This request's span: a child of the caller's (`traceparent`), or the first of a new trace.
/// A malformed header is ignored, as the recommendation says, rather than refused.
fn request_span(req: &Request) -> (TraceContext, Option<u64>) {
    match req
        .header(TRACEPARENT_HEADER)
        .and_then(TraceContext::parse_traceparent)
    {
        Some(caller) => (caller.child(), Some(caller.span_id)),
        None => (TraceContext::new_root(), None),
    }
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
        let (context, caller) = request_span(&req);
        let trace_id = context.trace_hex();
        let method = req.method().clone();
        let path = req.uri().path().to_owned();
        let session = session_in_path(&path).unwrap_or("").to_owned();
        // The route template keeps log lines groupable; the id goes in its own field. A path
        // no route takes is logged as sent (a 404 worth reading) but never names a span.
        let pattern = self.trace.routes.as_ref().and_then(|name| name(&path));
        let route = match &pattern {
            Some(p) => p.clone(),
            None if session.is_empty() => path.clone(),
            None => path.replacen(&session, "{session}", 1),
        };
        let span = tracing::info_span!("request", trace_id = %trace_id);
        let started = Instant::now();
        let start_time = SystemTime::now();
        let (result, facts) = FACTS
            .scope(std::sync::Mutex::new(Facts::default()), async {
                let result = service::trace::scope(context, self.inner.call(req)).await;
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
        let test = facts.test;
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
                    test,
                    session = %session,
                    "request"
                )
            }
        });
        if let Some(spans) = self.trace.spans.as_ref().filter(|_| context.sampled) {
            let mut attributes = vec![
                ("http.request.method", SpanValue::Text(method.to_string())),
                (
                    "http.response.status_code",
                    SpanValue::Int(i64::from(status)),
                ),
            ];
            let name = match &pattern {
                Some(p) => {
                    attributes.push(("http.route", SpanValue::Text(p.clone())));
                    format!("{method} {p}")
                }
                None => method.to_string(),
            };
            if !merchant.is_empty() {
                attributes.push(("checkout.merchant.id", SpanValue::Text(merchant)));
            }
            if !session.is_empty() {
                attributes.push(("checkout.session.id", SpanValue::Text(session)));
            }
            spans.record(SpanRecord {
                context,
                parent: caller.map(|id| (id, true)),
                name,
                kind: SpanKind::Server,
                start: start_time,
                end: SystemTime::now(),
                attributes,
                // Only the service's own faults: a 4xx is the caller's, not an error of this span.
                error: (status >= 500).then(|| format!("answered {status}")),
            });
        }
        if let Ok(v) = trace_id.parse() {
            response.headers_mut().insert(TRACE_HEADER, v);
        }
        Ok(response)
    }
}
