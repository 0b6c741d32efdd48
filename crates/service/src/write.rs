//! How every session write happens: read, check the condition, modify, compare-and-swap on the
//! revision; a lost race is retried, refused or reported as a stale etag depending on the
//! write's [`Condition`].

use std::time::Duration;

use time::OffsetDateTime;

use domain::{Session, SessionId, SessionState, TransportOrder};
use ports::{EtagRead, OrderWrite};

use crate::commands::Condition;
use crate::error::{AbortReason, ServiceError};
use crate::idempotency::RequestKey;
use crate::{not_found, SessionService};

/// How many times an unconditional write is tried when it keeps losing compare-and-swap races.
/// With the jittered backoff below this rides out dozens of simultaneous writers to one session.
const MAX_WRITE_ATTEMPTS: u32 = 32;
/// Upper bound of the pause between attempts.
const MAX_BACKOFF: Duration = Duration::from_millis(50);

/// What a write does when it finds the session completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnCompleted {
    Refuse,
    /// Answer with the session as stored (a read that refreshes what it can).
    ReturnAsIs,
}

/// One write to one session.
pub(crate) struct Write<'a> {
    pub merchant_id: &'a str,
    pub id: SessionId,
    pub condition: &'a Condition,
    /// The idempotency record to commit with the write: its scope and key.
    pub idempotency: Option<(&'a str, &'a RequestKey)>,
    pub on_completed: OnCompleted,
}

impl<'a> Write<'a> {
    /// A write under `condition` that refuses a completed session and records no request id.
    pub fn new(merchant_id: &'a str, id: SessionId, condition: &'a Condition) -> Self {
        Self {
            merchant_id,
            id,
            condition,
            idempotency: None,
            on_completed: OnCompleted::Refuse,
        }
    }
}

impl SessionService {
    /// Applies `modify` (given the session, now, and the order a re-opened session amends) and
    /// stores the result with the order writes it returns, once, on the version the condition
    /// names.
    pub(crate) async fn write<F>(&self, w: Write<'_>, modify: F) -> Result<Session, ServiceError>
    where
        F: Fn(
                &mut Session,
                OffsetDateTime,
                Option<&TransportOrder>,
            ) -> Result<Vec<OrderWrite>, ServiceError>
            + Send
            + Sync,
    {
        for attempt in 0..MAX_WRITE_ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(backoff(attempt)).await;
            }
            let current = match w.condition {
                // One read whichever way the etag compares: a stale one is refused from the
                // revision alone, before (and instead of) the document's decode, so a client
                // retrying with an old etag costs one indexed lookup.
                Condition::Etag(sent) => {
                    match self.repo.get_if_etag(w.merchant_id, w.id, sent).await? {
                        Some(EtagRead::Matches(session)) => *session,
                        Some(EtagRead::Stale { revision }) => {
                            return Err(stale(w.id, Session::etag_at(w.id, revision)))
                        }
                        None => return Err(not_found(w.id)),
                    }
                }
                Condition::Unconditional | Condition::AsRead => {
                    self.get(w.merchant_id, w.id).await?
                }
            };
            if current.state == SessionState::Completed {
                return match w.on_completed {
                    OnCompleted::ReturnAsIs => Ok(current),
                    OnCompleted::Refuse => Err(ServiceError::FailedPrecondition {
                        reason: "SESSION_COMPLETED",
                        message: format!(
                            "session `{}` is completed and can no longer change",
                            w.id.resource_name()
                        ),
                    }),
                };
            }
            // A re-opened session amends its order, read fresh on every attempt.
            let source = match &current.source_order_id {
                Some(order_id) => Some(self.order(w.merchant_id, order_id).await?),
                None => None,
            };
            let now = (self.clock)();
            // The session read is modified in place: a lost race reads it afresh anyway, so
            // only its revision and update time are kept aside, not a copy of the whole session.
            let (read_revision, read_update_time) = (current.revision, current.update_time);
            let mut next = current;
            let orders = modify(&mut next, now, source.as_ref())?;
            next.revision = read_revision + 1;
            // Keep update_time strictly increasing even if the clock steps back.
            next.update_time = now.max(read_update_time);
            // Events of this change commit with it: none is lost, none is sent for a change
            // that did not happen.
            let outbox = if next.state == SessionState::Completed {
                self.completion_events(&next, &orders, now)
            } else {
                Vec::new()
            };
            let record = w
                .idempotency
                .map(|(scope, key)| Self::record(w.merchant_id, scope, key, &next, now));
            if self
                .repo
                .replace(&next, read_revision, &orders, &outbox, record.as_ref())
                .await?
            {
                return Ok(next);
            }
            match w.condition {
                Condition::Unconditional => lost_race("retried"),
                Condition::AsRead => {
                    lost_race("aborted");
                    return Err(ServiceError::Aborted {
                        reason: AbortReason::ConcurrentModification,
                        message: "the session was changed by another request at the same \
                                  time; read it again and retry"
                            .into(),
                        current_etag: None,
                    });
                }
                Condition::Etag(sent) => {
                    // Lost to a writer of this session (the etag is stale now), or of the order
                    // a re-opened session amends (the etag still holds: try again).
                    let latest = self.etag(w.merchant_id, w.id).await?;
                    if latest != *sent {
                        lost_race("aborted");
                        return Err(stale(w.id, latest));
                    }
                    lost_race("retried");
                }
            }
        }
        lost_race("exhausted");
        Err(ServiceError::Aborted {
            reason: AbortReason::ConcurrentModification,
            message: format!(
                "session `{}` is being changed by other requests; retry",
                w.id.resource_name()
            ),
            current_etag: None,
        })
    }

    fn completion_events(
        &self,
        session: &Session,
        orders: &[OrderWrite],
        now: OffsetDateTime,
    ) -> Vec<ports::OutboxEvent> {
        let created: Vec<&TransportOrder> = orders
            .iter()
            .filter_map(|w| match w {
                OrderWrite::Insert(o) => Some(o),
                OrderWrite::Amend { .. } => None,
            })
            .collect();
        let amended: Vec<&TransportOrder> = orders
            .iter()
            .filter_map(|w| match w {
                OrderWrite::Amend { order, .. } => Some(order),
                OrderWrite::Insert(_) => None,
            })
            .collect();
        self.events.completion(session, &created, &amended, now)
    }
}

fn stale(id: SessionId, current_etag: String) -> ServiceError {
    ServiceError::Aborted {
        reason: AbortReason::EtagMismatch,
        message: format!(
            "the etag does not match the current version of session `{}`; read it again and retry",
            id.resource_name()
        ),
        current_etag: Some(current_etag),
    }
}

/// Counts a compare-and-swap this write lost, by what happened next: `retried` (read again and
/// tried once more), `aborted` (answered ABORTED) or `exhausted` (gave up after every attempt).
/// A rising rate means many writers on one session: a client retrying too eagerly, or a hot
/// session.
fn lost_race(outcome: &'static str) {
    metrics::counter!("checkout_session_write_conflicts_total", "outcome" => outcome).increment(1);
}

/// Exponential backoff with full jitter: losers of one race spread out instead of colliding again.
fn backoff(attempt: u32) -> Duration {
    let ceiling = Duration::from_millis(1 << attempt.min(6)).min(MAX_BACKOFF);
    let jitter = (uuid::Uuid::new_v4().as_u128() % 1000) as u32;
    ceiling * jitter / 1000
}
