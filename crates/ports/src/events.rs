//! The event port: the outbox of merchant events, their webhook deliveries, and the transport
//! that posts them.

use std::time::Duration;

use async_trait::async_trait;
use domain::config::EventType;
use domain::{EventId, Session, SessionId, TransportOrder};
use time::OffsetDateTime;

use crate::StoreError;

/// Where one event goes.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryTarget {
    pub endpoint_id: String,
    pub url: String,
}

/// An event as the outbox stores it, with the body every attempt sends unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    pub id: EventId,
    pub merchant_id: String,
    pub event_type: EventType,
    pub session_id: SessionId,
    pub create_time: OffsetDateTime,
    /// Orders the deliveries of one session to one endpoint.
    pub sequence: i64,
    pub body: serde_json::Value,
    pub targets: Vec<DeliveryTarget>,
    /// The span of the request that caused the event; its deliveries continue that trace.
    pub trace: Option<crate::TraceContext>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    Pending,
    Delivered,
    /// Every attempt failed; visible, and can be redelivered.
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Delivered => "DELIVERED",
            Self::Failed => "FAILED",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "PENDING" => Some(Self::Pending),
            "DELIVERED" => Some(Self::Delivered),
            "FAILED" => Some(Self::Failed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryRecord {
    pub id: String,
    pub event_id: EventId,
    pub merchant_id: String,
    pub endpoint_id: String,
    pub url: String,
    pub state: DeliveryState,
    pub attempts: i32,
    pub next_attempt_time: OffsetDateTime,
    pub last_error: Option<String>,
    pub delivered_time: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub id: EventId,
    pub merchant_id: String,
    pub event_type: EventType,
    pub session_id: SessionId,
    pub create_time: OffsetDateTime,
    pub body: serde_json::Value,
    pub deliveries: Vec<DeliveryRecord>,
}

/// A delivery a dispatcher has leased, with what its attempt sends.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub delivery: DeliveryRecord,
    pub body: serde_json::Value,
    /// The trace the event was caused in, if any.
    pub trace: Option<crate::TraceContext>,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Delivered { at: OffsetDateTime },
    Retry { at: OffsetDateTime, error: String },
    Failed { error: String },
}

/// What the outbox holds undelivered, for operators.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Backlog {
    /// Deliveries still to be sent (due now or waiting for a retry).
    pub pending: u64,
    /// Deliveries every attempt of which failed, until redelivered.
    pub failed: u64,
    /// When the longest-waiting delivery that is due now became due.
    pub oldest_due: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    pub event_type: Option<EventType>,
    pub session_id: Option<SessionId>,
    pub created_after: Option<(OffsetDateTime, bool)>,
    pub created_before: Option<(OffsetDateTime, bool)>,
}

#[async_trait]
pub trait EventRepository: Send + Sync {
    /// Leases up to `limit` deliveries that are due, not leased by another dispatcher, and the
    /// earliest pending one of their session for their endpoint; returns them with their body.
    /// On PostgreSQL the claim skips rows another dispatcher holds (`FOR UPDATE SKIP LOCKED`).
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn claim(
        &self,
        now: OffsetDateTime,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<Claimed>, StoreError>;

    /// Records an attempt's outcome and releases the lease.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn settle(
        &self,
        delivery_id: &str,
        attempts: i32,
        outcome: &Outcome,
    ) -> Result<(), StoreError>;

    /// Counts the deliveries not yet delivered, across merchants, as of `now`.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn backlog(&self, now: OffsetDateTime) -> Result<Backlog, StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn list_events(
        &self,
        merchant_id: &str,
        filter: &EventFilter,
        after: Option<(OffsetDateTime, EventId)>,
        limit: u64,
    ) -> Result<Vec<EventRecord>, StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn event(
        &self,
        merchant_id: &str,
        id: &EventId,
    ) -> Result<Option<EventRecord>, StoreError>;

    /// Makes every delivery of the event pending again, due now, with a fresh attempt count.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn redeliver(
        &self,
        merchant_id: &str,
        id: &EventId,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError>;
}

/// Renders resources as the API shows them, so a webhook body reads like a GET response.
pub trait EventRenderer: Send + Sync {
    fn session(&self, session: &Session) -> serde_json::Value;
    fn transport_order(&self, order: &TransportOrder) -> serde_json::Value;
}

/// Sends one signed POST; the status code, or why there was none.
#[async_trait]
pub trait WebhookTransport: Send + Sync {
    async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<u16, String>;
}
