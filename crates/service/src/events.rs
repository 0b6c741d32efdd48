//! Merchant events: written to an outbox in the transaction of the change that causes them, then
//! delivered to each subscribed webhook by a dispatcher, signed, retried with backoff, in order
//! per session, at least once.

use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;

use ports::trace::{SpanKind, SpanRecord, SpanSink, SpanValue, TraceContext};
use ports::{Claimed, DeliveryTarget, EventRepository, OutboxEvent, Outcome, WebhookTransport};
pub use ports::{DeliveryRecord, DeliveryState, EventFilter, EventRecord, EventRenderer};

use super::error::ServiceError;
use super::Clock;
use domain::config::EventType;
use domain::{EventId, Session, SessionId, TransportOrder};
use engine::Catalog;

/// The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; rate-provider
/// requests are signed the same way, with the same function.
pub use ports::providers::{sign, SIGNATURE_HEADER};
pub const EVENT_ID_HEADER: &str = "X-Checkout-Event-Id";
/// W3C Trace Context: each attempt is a span in the trace of the request that caused the event.
pub const TRACEPARENT_HEADER: &str = "traceparent";

/// Builds the outbox events of a change for the merchant's subscribed endpoints.
/// Subscriptions are read from the merchant's current configuration at each event, so a
/// webhook added through the configuration API receives the next change.
pub struct EventFactory {
    catalog: Arc<Catalog>,
    renderer: Arc<dyn EventRenderer>,
}

impl EventFactory {
    pub fn new(catalog: Arc<Catalog>, renderer: Arc<dyn EventRenderer>) -> Self {
        Self { catalog, renderer }
    }

    fn event(
        &self,
        merchant_id: &str,
        event_type: EventType,
        session_id: SessionId,
        now: OffsetDateTime,
        sequence: i64,
        data: serde_json::Value,
    ) -> OutboxEvent {
        let id = EventId::from_ulid_bits(ulid::Ulid::new().0);
        let time = now
            .format(&time::format_description::well_known::Rfc3339)
            .expect("times format");
        let merchant = self
            .catalog
            .merchant(domain::tenant::merchant_of(merchant_id));
        let targets = merchant
            .iter()
            .flat_map(|m| m.config.webhooks.iter())
            .filter(|w| w.events.is_empty() || w.events.contains(&event_type))
            .map(|w| DeliveryTarget {
                endpoint_id: w.id.clone(),
                url: w.url.clone(),
            })
            .collect();
        OutboxEvent {
            body: serde_json::json!({
                "id": id,
                "type": event_type.as_str(),
                "create_time": time,
                "merchant_id": domain::tenant::merchant_of(merchant_id),
                "test": domain::tenant::is_test(merchant_id),
                "data": data,
            }),
            id,
            merchant_id: merchant_id.to_owned(),
            event_type,
            session_id,
            create_time: now,
            sequence,
            targets,
            trace: crate::trace::current(),
        }
    }

    /// `session.completed`, then one `transport_order.created` or `.updated` per order.
    pub fn completion(
        &self,
        session: &Session,
        created: &[&TransportOrder],
        updated: &[&TransportOrder],
        now: OffsetDateTime,
    ) -> Vec<OutboxEvent> {
        let base = (now.unix_timestamp_nanos() / 1_000) as i64 * 16;
        let mut events = vec![self.event(
            &session.merchant_id,
            EventType::SessionCompleted,
            session.id,
            now,
            base,
            self.renderer.session(session),
        )];
        let orders = created
            .iter()
            .map(|o| (EventType::TransportOrderCreated, o))
            .chain(
                updated
                    .iter()
                    .map(|o| (EventType::TransportOrderUpdated, o)),
            );
        for (i, (kind, order)) in orders.enumerate() {
            events.push(self.event(
                &session.merchant_id,
                kind,
                session.id,
                now,
                base + 1 + i as i64,
                self.renderer.transport_order(order),
            ));
        }
        events
    }
}

/// Delivers pending events; several may run against one PostgreSQL database.
pub struct Dispatcher {
    repo: Arc<dyn EventRepository>,
    transport: Arc<dyn WebhookTransport>,
    /// The signing secrets, read from each merchant's current configuration at each attempt.
    catalog: Arc<Catalog>,
    max_attempts: i32,
    clock: Clock,
    spans: Option<Arc<dyn SpanSink>>,
}

/// How long a claimed delivery is held before another dispatcher may take it over.
const LEASE: Duration = Duration::from_secs(60);
const BATCH: u64 = 32;

impl Dispatcher {
    pub fn new(
        repo: Arc<dyn EventRepository>,
        transport: Arc<dyn WebhookTransport>,
        catalog: Arc<Catalog>,
        max_attempts: i32,
        clock: Clock,
    ) -> Self {
        Self {
            repo,
            transport,
            catalog,
            max_attempts: max_attempts.max(1),
            clock,
            spans: None,
        }
    }

    /// Records each attempt as a client span in `spans`.
    pub fn with_spans(mut self, spans: Option<Arc<dyn SpanSink>>) -> Self {
        self.spans = spans;
        self
    }

    /// One round: claims what is due and attempts all of it at once; returns how many were
    /// attempted.
    ///
    /// The attempts run in parallel so that the whole batch ends within one transport timeout
    /// (10 s), well inside the lease: sent one after another, a batch to a slow endpoint
    /// outlived its lease, and another replica claimed and sent the rest a second time.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    pub async fn run_once(&self) -> Result<usize, ServiceError> {
        let now = (self.clock)();
        let claimed = self.repo.claim(now, LEASE, BATCH).await?;
        let count = claimed.len();
        let mut attempts = tokio::task::JoinSet::new();
        for Claimed {
            delivery,
            body,
            trace,
        } in claimed
        {
            let merchant_id = domain::tenant::merchant_of(&delivery.merchant_id);
            let secret = self.catalog.merchant(merchant_id).and_then(|m| {
                m.config
                    .webhooks
                    .iter()
                    .find(|w| w.id == delivery.endpoint_id)
                    .map(|w| w.secret.clone())
            });
            let attempt = Attempt {
                repo: self.repo.clone(),
                transport: self.transport.clone(),
                clock: self.clock.clone(),
                max_attempts: self.max_attempts,
                spans: self.spans.clone(),
            };
            attempts.spawn(async move { attempt.run(delivery, body, trace, secret).await });
        }
        let mut failed = None;
        while let Some(done) = attempts.join_next().await {
            match done {
                Ok(Ok(())) => {}
                Ok(Err(e)) => failed = Some(e),
                // The lease runs out and the delivery is claimed again.
                Err(e) => {
                    metrics::counter!("checkout_panics_total", "where" => "webhook").increment(1);
                    tracing::error!(error = %e, "a webhook attempt panicked")
                }
            }
        }
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(count),
        }
    }

    /// Runs rounds until `shutdown` resolves, pausing when there is nothing to do.
    pub async fn run(self, mut shutdown: tokio::sync::watch::Receiver<bool>, idle: Duration) {
        loop {
            let worked = match self.run_once().await {
                Ok(n) => n,
                Err(e) => {
                    metrics::counter!("checkout_webhook_dispatch_errors_total").increment(1);
                    tracing::error!(error = %e, "event dispatcher round failed");
                    0
                }
            };
            if *shutdown.borrow() {
                return;
            }
            if worked == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(idle) => {}
                    _ = shutdown.changed() => return,
                }
            }
        }
    }
}

/// One delivery attempt, with what it needs to run on its own task.
struct Attempt {
    repo: Arc<dyn EventRepository>,
    transport: Arc<dyn WebhookTransport>,
    clock: Clock,
    max_attempts: i32,
    spans: Option<Arc<dyn SpanSink>>,
}

impl Attempt {
    /// Posts `body` signed with `secret` and records the outcome (which releases the lease).
    /// The attempt is a span of its own, a child of the request that caused the event (a new
    /// trace for an event from before traces were kept), sent along in `traceparent`.
    async fn run(
        self,
        delivery: DeliveryRecord,
        body: serde_json::Value,
        cause: Option<TraceContext>,
        secret: Option<String>,
    ) -> Result<(), ports::StoreError> {
        use tracing::Instrument;
        let context = cause.map_or_else(TraceContext::new_root, |c| c.child());
        let span = tracing::info_span!("webhook", trace_id = %context.trace_hex());
        self.attempt(delivery, body, context, cause, secret)
            .instrument(span)
            .await
    }

    async fn attempt(
        self,
        delivery: DeliveryRecord,
        body: serde_json::Value,
        context: TraceContext,
        cause: Option<TraceContext>,
        secret: Option<String>,
    ) -> Result<(), ports::StoreError> {
        let attempts = delivery.attempts + 1;
        let started = std::time::SystemTime::now();
        let mut status = None;
        let outcome = match secret {
            None => Outcome::Failed {
                error: format!("webhook `{}` is no longer configured", delivery.endpoint_id),
            },
            Some(secret) => {
                let bytes = serde_json::to_vec(&body).expect("a JSON value serialises");
                let timestamp = (self.clock)().unix_timestamp();
                let headers = [
                    ("content-type", "application/json".to_owned()),
                    (SIGNATURE_HEADER, sign(&secret, timestamp, &bytes)),
                    (EVENT_ID_HEADER, delivery.event_id.to_string()),
                    (TRACEPARENT_HEADER, context.traceparent()),
                ];
                let timer = std::time::Instant::now();
                let result = self.transport.post(&delivery.url, &headers, bytes).await;
                metrics::histogram!("checkout_webhook_post_duration_seconds")
                    .record(timer.elapsed().as_secs_f64());
                let error = match result {
                    Ok(code) if (200..300).contains(&code) => {
                        status = Some(code);
                        None
                    }
                    Ok(code) => {
                        status = Some(code);
                        Some(format!("the endpoint answered {code}"))
                    }
                    Err(e) => Some(e),
                };
                match error {
                    None => Outcome::Delivered { at: (self.clock)() },
                    Some(error) if attempts >= self.max_attempts => Outcome::Failed { error },
                    Some(error) => Outcome::Retry {
                        at: (self.clock)() + retry_delay(attempts),
                        error,
                    },
                }
            }
        };
        let counted = match &outcome {
            Outcome::Delivered { .. } => "delivered",
            Outcome::Retry { .. } => "retry",
            Outcome::Failed { .. } => "failed",
        };
        metrics::counter!("checkout_webhook_attempts_total", "outcome" => counted).increment(1);
        match &outcome {
            Outcome::Delivered { .. } => {
                tracing::info!(event = %delivery.event_id, endpoint = %delivery.endpoint_id, attempts, "event delivered")
            }
            Outcome::Retry { error, .. } => {
                tracing::warn!(event = %delivery.event_id, endpoint = %delivery.endpoint_id, attempts, %error, "event delivery failed; will retry")
            }
            Outcome::Failed { error } => {
                tracing::error!(event = %delivery.event_id, endpoint = %delivery.endpoint_id, attempts, %error, "event delivery failed for good")
            }
        }
        if let Some(spans) = self.spans.as_ref().filter(|_| context.sampled) {
            spans.record(attempt_span(
                &delivery, context, cause, started, status, attempts, &outcome,
            ));
        }
        self.repo.settle(&delivery.id, attempts, &outcome).await
    }
}

/// The client span of one attempt. The endpoint's URL is not an attribute: a merchant may put
/// a token in it; its configured id names it instead.
fn attempt_span(
    delivery: &DeliveryRecord,
    context: TraceContext,
    cause: Option<TraceContext>,
    start: std::time::SystemTime,
    status: Option<u16>,
    attempts: i32,
    outcome: &Outcome,
) -> SpanRecord {
    let mut attributes = vec![
        ("http.request.method", SpanValue::Text("POST".into())),
        (
            "checkout.event.id",
            SpanValue::Text(delivery.event_id.to_string()),
        ),
        (
            "checkout.webhook.id",
            SpanValue::Text(delivery.endpoint_id.clone()),
        ),
        (
            "checkout.merchant.id",
            SpanValue::Text(domain::tenant::merchant_of(&delivery.merchant_id).to_owned()),
        ),
        (
            "checkout.webhook.attempt",
            SpanValue::Int(i64::from(attempts)),
        ),
    ];
    if let Some(code) = status {
        attributes.push(("http.response.status_code", SpanValue::Int(i64::from(code))));
    }
    SpanRecord {
        context,
        parent: cause.map(|c| (c.span_id, false)),
        name: "webhook POST".into(),
        kind: SpanKind::Client,
        start,
        end: std::time::SystemTime::now(),
        attributes,
        error: match outcome {
            Outcome::Delivered { .. } => None,
            Outcome::Retry { error, .. } | Outcome::Failed { error } => Some(error.clone()),
        },
    }
}

/// Exponential backoff with jitter: 2, 4, 8 ... seconds, at most an hour, each between half
/// and the whole of that.
pub fn retry_delay(attempts: i32) -> time::Duration {
    let ceiling = 2f64.powi(attempts.clamp(1, 12)).min(3600.0);
    let jitter = (uuid::Uuid::new_v4().as_u128() % 1000) as f64 / 1000.0;
    time::Duration::seconds_f64(ceiling * (0.5 + jitter / 2.0))
}

/// What merchants can see and do with their events.
pub struct EventLog {
    repo: Arc<dyn EventRepository>,
    clock: Clock,
}

impl EventLog {
    pub fn new(repo: Arc<dyn EventRepository>, clock: Clock) -> Self {
        Self { repo, clock }
    }

    /// A page of the merchant's events, newest first, with the next page's position.
    ///
    /// # Errors
    /// `Unavailable` when the database cannot be reached.
    pub async fn list(
        &self,
        merchant_id: &str,
        filter: &EventFilter,
        after: Option<(OffsetDateTime, EventId)>,
        page_size: u64,
    ) -> Result<(Vec<EventRecord>, Option<(OffsetDateTime, EventId)>), ServiceError> {
        let size = page_size.clamp(1, crate::MAX_PAGE_SIZE);
        let rows = self
            .repo
            .list_events(merchant_id, filter, after, size + 1)
            .await?;
        Ok(crate::paging::split_page(rows, size, |e| {
            (e.create_time, e.id.clone())
        }))
    }

    /// # Errors
    /// `NotFound` for an event that does not exist or belongs to another merchant.
    pub async fn get(&self, merchant_id: &str, id: &EventId) -> Result<EventRecord, ServiceError> {
        self.repo
            .event(merchant_id, id)
            .await?
            .ok_or_else(|| not_found(id))
    }

    /// Queues every delivery of the event again, due now.
    ///
    /// # Errors
    /// `NotFound` for an event that does not exist or belongs to another merchant.
    pub async fn redeliver(
        &self,
        merchant_id: &str,
        id: &EventId,
    ) -> Result<EventRecord, ServiceError> {
        if !self.repo.redeliver(merchant_id, id, (self.clock)()).await? {
            return Err(not_found(id));
        }
        self.get(merchant_id, id).await
    }
}

fn not_found(id: &EventId) -> ServiceError {
    ServiceError::NotFound {
        resource: "event",
        name: id.resource_name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_cover_timestamp_and_body() {
        let a = sign("0123456789abcdef", 1_790_000_000, b"{\"id\":1}");
        assert!(a.starts_with("t=1790000000,v1="));
        assert_eq!(a.len(), "t=1790000000,v1=".len() + 64);
        assert_ne!(a, sign("0123456789abcdef", 1_790_000_001, b"{\"id\":1}"));
        assert_ne!(a, sign("0123456789abcdef", 1_790_000_000, b"{\"id\":2}"));
        assert_ne!(a, sign("fedcba9876543210", 1_790_000_000, b"{\"id\":1}"));
    }

    #[test]
    fn retry_delays_grow_and_stay_bounded() {
        for attempts in 1..30 {
            let d = retry_delay(attempts).as_seconds_f64();
            let ceiling = 2f64.powi(attempts.clamp(1, 12)).min(3600.0);
            assert!(d >= ceiling / 2.0 && d <= ceiling, "{attempts}: {d}");
        }
    }
}
