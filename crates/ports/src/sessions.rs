//! The session port: sessions, their transport orders and idempotency records, with
//! compare-and-swap writes.

use async_trait::async_trait;
use time::OffsetDateTime;

use domain::{Session, SessionId, SessionState, TransportOrder, TransportOrderId};

use crate::{OutboxEvent, StoreError};

/// A remembered result of a request that carried a `request_id`.
#[derive(Debug, Clone, PartialEq)]
pub struct IdempotencyRecord {
    pub merchant_id: String,
    /// The method and, for methods on one session, its id: `create`, `complete:{uuid}`.
    pub scope: String,
    pub request_id: String,
    /// SHA-256 of the canonical request, to tell a retry from a reuse of the id.
    pub request_hash: String,
    /// The session as the first request answered it.
    pub response: Session,
    pub create_time: OffsetDateTime,
}

/// Which sessions a list returns; every bound is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionFilter {
    pub state: Option<SessionState>,
    pub state_not: Option<SessionState>,
    pub created_after: Option<(OffsetDateTime, bool)>,
    pub created_before: Option<(OffsetDateTime, bool)>,
    pub external_id: Option<String>,
}

/// Position after the last session of a page, newest first: (create_time, id).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cursor {
    pub create_time: OffsetDateTime,
    pub id: SessionId,
}

/// Which transport orders a list returns; every bound is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderFilter {
    pub session_id: Option<SessionId>,
    pub external_id: Option<String>,
    pub created_after: Option<(OffsetDateTime, bool)>,
    pub created_before: Option<(OffsetDateTime, bool)>,
}

/// Position after the last order of a page, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderCursor {
    pub create_time: OffsetDateTime,
    pub id: TransportOrderId,
}

/// What a read for a write on an etag found.
#[derive(Debug, Clone, PartialEq)]
pub enum EtagRead {
    /// The stored session carries the etag the write was sent with: decoded, as `get` reads it.
    Matches(Box<Session>),
    /// It carries another. Only its revision was looked at; its document was not decoded.
    Stale { revision: i64 },
}

/// A transport-order change that commits together with a session's completion.
#[derive(Debug, Clone, PartialEq)]
pub enum OrderWrite {
    Insert(TransportOrder),
    /// Replace the order if its stored revision is still `expected_revision`.
    Amend {
        order: TransportOrder,
        expected_revision: i64,
    },
}

#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Stores a new session and, in the same transaction, the idempotency record of the
    /// request that created it.
    ///
    /// # Errors
    /// `StoreError::AlreadyExists` when the merchant already has a session with this id, or
    /// the idempotency key is taken;
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn insert(
        &self,
        session: &Session,
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<(), StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn get(&self, merchant_id: &str, id: SessionId) -> Result<Option<Session>, StoreError>;

    /// The session's stored revision alone, without reading its document: enough to answer a
    /// conditional read or to refuse a write on a stale etag.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn revision(&self, merchant_id: &str, id: SessionId) -> Result<Option<i64>, StoreError>;

    /// The session if its stored etag is `etag`, else its revision alone: one read serves a
    /// write on an etag whichever way the comparison goes, and a write that will be refused
    /// is decided from the revision column without the document being decoded.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn get_if_etag(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: &str,
    ) -> Result<Option<EtagRead>, StoreError>;

    /// Every session with this id, whatever its merchant (ids are unique per merchant only, so
    /// there may be one per merchant): only for checking a session token, which names its
    /// session but not its merchant.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn find_all(&self, id: SessionId) -> Result<Vec<Session>, StoreError>;

    /// Replaces the session if its stored revision is still `expected_revision`, in one
    /// statement; the new value carries `expected_revision + 1`. The order writes, the outbox
    /// events and the idempotency record commit in the same transaction. Returns `false` when another writer
    /// got there first (to the session or to an amended order), in which case nothing was
    /// written.
    ///
    /// # Errors
    /// `StoreError::AlreadyExists` when the idempotency key is taken;
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn replace(
        &self,
        session: &Session,
        expected_revision: i64,
        orders: &[OrderWrite],
        events: &[OutboxEvent],
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<bool, StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn order(
        &self,
        merchant_id: &str,
        id: &TransportOrderId,
    ) -> Result<Option<TransportOrder>, StoreError>;

    /// Up to `limit` orders of the merchant matching `filter`, newest first, after `after`.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn list_orders(
        &self,
        merchant_id: &str,
        filter: &OrderFilter,
        after: Option<OrderCursor>,
        limit: u64,
    ) -> Result<Vec<TransportOrder>, StoreError>;

    /// Up to `limit` sessions of the merchant matching `filter`, newest first, after `after`.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn list(
        &self,
        merchant_id: &str,
        filter: &SessionFilter,
        after: Option<Cursor>,
        limit: u64,
    ) -> Result<Vec<Session>, StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn idempotency(
        &self,
        merchant_id: &str,
        scope: &str,
        request_id: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn ping(&self) -> Result<(), StoreError>;
}
