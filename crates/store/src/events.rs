//! `EventRepository` on sea-orm: the outbox, claimed by dispatchers with a lease (and
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two replicas never take the same attempt).

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use time::OffsetDateTime;

use super::entity::{event, event_delivery};
use super::query::{before_position, created_within};
use super::{classify, from_micros, micros};
use domain::config::EventType;
use domain::{EventId, SessionId};
use ports::StoreError;
use ports::{
    DeliveryRecord, DeliveryState, EventFilter, EventRecord, EventRepository, OutboxEvent, Outcome,
};

pub struct SqlEventRepository {
    db: super::Pools,
}

impl SqlEventRepository {
    pub fn new(db: impl Into<super::Pools>) -> Self {
        Self { db: db.into() }
    }
}

/// Writes events and their deliveries inside the caller's transaction.
pub(super) async fn insert_events<C: ConnectionTrait>(
    conn: &C,
    events: &[OutboxEvent],
) -> Result<(), StoreError> {
    for e in events {
        event::Entity::insert(event::ActiveModel {
            id: Set(e.id.to_string()),
            merchant_id: Set(e.merchant_id.clone()),
            event_type: Set(e.event_type.as_str().to_owned()),
            session_id: Set(e.session_id.to_string()),
            create_time_us: Set(micros(e.create_time)),
            document: Set(e.body.clone()),
            traceparent: Set(e.trace.map(|t| t.traceparent())),
        })
        .exec(conn)
        .await
        .map_err(classify)?;
        for t in &e.targets {
            event_delivery::Entity::insert(event_delivery::ActiveModel {
                id: Set(format!("{}:{}", e.id, t.endpoint_id)),
                event_id: Set(e.id.to_string()),
                merchant_id: Set(e.merchant_id.clone()),
                endpoint_id: Set(t.endpoint_id.clone()),
                url: Set(t.url.clone()),
                session_id: Set(e.session_id.to_string()),
                sequence: Set(e.sequence),
                state: Set(DeliveryState::Pending.as_str().to_owned()),
                attempts: Set(0),
                next_attempt_us: Set(micros(e.create_time)),
                lease_until_us: Set(None),
                last_error: Set(None),
                delivered_time_us: Set(None),
            })
            .exec(conn)
            .await
            .map_err(classify)?;
        }
    }
    Ok(())
}

fn delivery(m: event_delivery::Model) -> Result<DeliveryRecord, StoreError> {
    Ok(DeliveryRecord {
        id: m.id,
        event_id: EventId::parse(&m.event_id).map_err(StoreError::Corrupt)?,
        merchant_id: m.merchant_id,
        endpoint_id: m.endpoint_id,
        url: m.url,
        state: DeliveryState::parse(&m.state)
            .ok_or_else(|| StoreError::Corrupt(format!("delivery state `{}`", m.state)))?,
        attempts: m.attempts,
        next_attempt_time: from_micros(m.next_attempt_us)?,
        last_error: m.last_error,
        delivered_time: m.delivered_time_us.map(from_micros).transpose()?,
    })
}

fn record(m: event::Model, deliveries: Vec<DeliveryRecord>) -> Result<EventRecord, StoreError> {
    Ok(EventRecord {
        event_type: EventType::parse(&m.event_type)
            .ok_or_else(|| StoreError::Corrupt(format!("event type `{}`", m.event_type)))?,
        session_id: SessionId::parse(&m.session_id).map_err(StoreError::Corrupt)?,
        create_time: from_micros(m.create_time_us)?,
        id: EventId::parse(&m.id).map_err(StoreError::Corrupt)?,
        merchant_id: m.merchant_id,
        body: m.document,
        deliveries,
    })
}

impl SqlEventRepository {
    async fn with_deliveries(
        &self,
        events: Vec<event::Model>,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
        let mut by_event: HashMap<String, Vec<DeliveryRecord>> = HashMap::new();
        if !ids.is_empty() {
            for d in event_delivery::Entity::find()
                .filter(event_delivery::Column::EventId.is_in(ids))
                .order_by_asc(event_delivery::Column::EndpointId)
                .all(&self.db.read)
                .await
                .map_err(classify)?
            {
                by_event
                    .entry(d.event_id.clone())
                    .or_default()
                    .push(delivery(d)?);
            }
        }
        events
            .into_iter()
            .map(|e| {
                let deliveries = by_event.remove(&e.id).unwrap_or_default();
                record(e, deliveries)
            })
            .collect()
    }
}

#[async_trait]
impl EventRepository for SqlEventRepository {
    async fn claim(
        &self,
        now: OffsetDateTime,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<ports::Claimed>, StoreError> {
        let backend = self.db.write.get_database_backend();
        let now_us = micros(now);
        let until = now_us + lease.as_micros() as i64;
        // Due, not held by another dispatcher, and the first pending delivery of its session to
        // its endpoint, so a session's events arrive in the order they happened.
        let (sql, lock) = match backend {
            DatabaseBackend::Postgres => (
                "UPDATE event_deliveries SET lease_until_us = $1 WHERE id IN (\
                 SELECT d.id FROM event_deliveries d WHERE d.state = 'PENDING' \
                 AND d.next_attempt_us <= $2 AND (d.lease_until_us IS NULL OR d.lease_until_us < $2) \
                 AND NOT EXISTS (SELECT 1 FROM event_deliveries e WHERE e.merchant_id = d.merchant_id \
                 AND e.endpoint_id = d.endpoint_id AND e.session_id = d.session_id \
                 AND e.state = 'PENDING' AND e.sequence < d.sequence) \
                 ORDER BY d.sequence LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id",
                true,
            ),
            _ => (
                "UPDATE event_deliveries SET lease_until_us = ? WHERE id IN (\
                 SELECT d.id FROM event_deliveries d WHERE d.state = 'PENDING' \
                 AND d.next_attempt_us <= ? AND (d.lease_until_us IS NULL OR d.lease_until_us < ?) \
                 AND NOT EXISTS (SELECT 1 FROM event_deliveries e WHERE e.merchant_id = d.merchant_id \
                 AND e.endpoint_id = d.endpoint_id AND e.session_id = d.session_id \
                 AND e.state = 'PENDING' AND e.sequence < d.sequence) \
                 ORDER BY d.sequence LIMIT ?) RETURNING id",
                false,
            ),
        };
        let values: Vec<sea_orm::Value> = if lock {
            vec![until.into(), now_us.into(), (limit as i64).into()]
        } else {
            vec![
                until.into(),
                now_us.into(),
                now_us.into(),
                (limit as i64).into(),
            ]
        };
        // The claim writes (the lease): the writer's connection.
        let rows = self
            .db
            .write
            .query_all(Statement::from_sql_and_values(backend, sql, values))
            .await
            .map_err(classify)?;
        let ids: Vec<String> = rows
            .iter()
            .map(|r| r.try_get::<String>("", "id").map_err(classify))
            .collect::<Result<_, _>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let deliveries = event_delivery::Entity::find()
            .filter(event_delivery::Column::Id.is_in(ids))
            .order_by_asc(event_delivery::Column::Sequence)
            .all(&self.db.read)
            .await
            .map_err(classify)?;
        let event_ids: Vec<String> = deliveries.iter().map(|d| d.event_id.clone()).collect();
        let events: HashMap<String, event::Model> = event::Entity::find()
            .filter(event::Column::Id.is_in(event_ids))
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(|e| (e.id.clone(), e))
            .collect();
        deliveries
            .into_iter()
            .map(|d| {
                let event = events.get(&d.event_id).ok_or_else(|| {
                    StoreError::Corrupt(format!("event {} is missing", d.event_id))
                })?;
                Ok(ports::Claimed {
                    body: event.document.clone(),
                    // A value that does not parse (written by hand) only loses the link.
                    trace: event
                        .traceparent
                        .as_deref()
                        .and_then(ports::TraceContext::parse_traceparent),
                    delivery: delivery(d)?,
                })
            })
            .collect()
    }

    async fn backlog(&self, now: OffsetDateTime) -> Result<ports::Backlog, StoreError> {
        let backend = self.db.write.get_database_backend();
        let sql = match backend {
            DatabaseBackend::Postgres => {
                "SELECT COUNT(*) FILTER (WHERE state = 'PENDING') AS pending, \
                 COUNT(*) FILTER (WHERE state = 'FAILED') AS failed, \
                 MIN(next_attempt_us) FILTER (WHERE state = 'PENDING' AND next_attempt_us <= $1) \
                 AS oldest FROM event_deliveries WHERE state <> 'DELIVERED'"
            }
            _ => {
                "SELECT SUM(state = 'PENDING') AS pending, SUM(state = 'FAILED') AS failed, \
                 MIN(CASE WHEN state = 'PENDING' AND next_attempt_us <= ? THEN next_attempt_us END) \
                 AS oldest FROM event_deliveries WHERE state <> 'DELIVERED'"
            }
        };
        let row = self
            .db
            .read
            .query_one(Statement::from_sql_and_values(
                backend,
                sql,
                [micros(now).into()],
            ))
            .await
            .map_err(classify)?;
        let Some(row) = row else {
            return Ok(ports::Backlog::default());
        };
        // SQLite's SUM over no rows is NULL; PostgreSQL's COUNT is never negative.
        let count = |name: &str| -> Result<u64, StoreError> {
            let n: Option<i64> = row.try_get("", name).map_err(classify)?;
            Ok(n.unwrap_or(0).max(0) as u64)
        };
        let oldest: Option<i64> = row.try_get("", "oldest").map_err(classify)?;
        Ok(ports::Backlog {
            pending: count("pending")?,
            failed: count("failed")?,
            oldest_due: oldest.map(from_micros).transpose()?,
        })
    }

    async fn settle(
        &self,
        delivery_id: &str,
        attempts: i32,
        outcome: &Outcome,
    ) -> Result<(), StoreError> {
        use event_delivery::Column as C;
        let mut update = event_delivery::Entity::update_many()
            .col_expr(C::Attempts, Expr::value(attempts))
            .col_expr(C::LeaseUntilUs, Expr::value(Option::<i64>::None));
        update = match outcome {
            Outcome::Delivered { at } => update
                .col_expr(C::State, Expr::value(DeliveryState::Delivered.as_str()))
                .col_expr(C::DeliveredTimeUs, Expr::value(micros(*at)))
                .col_expr(C::LastError, Expr::value(Option::<String>::None)),
            Outcome::Retry { at, error } => update
                .col_expr(C::NextAttemptUs, Expr::value(micros(*at)))
                .col_expr(C::LastError, Expr::value(truncate(error))),
            Outcome::Failed { error } => update
                .col_expr(C::State, Expr::value(DeliveryState::Failed.as_str()))
                .col_expr(C::LastError, Expr::value(truncate(error))),
        };
        update
            .filter(C::Id.eq(delivery_id))
            .exec(&self.db.write)
            .await
            .map_err(classify)?;
        Ok(())
    }

    async fn list_events(
        &self,
        merchant_id: &str,
        filter: &EventFilter,
        after: Option<(OffsetDateTime, EventId)>,
        limit: u64,
    ) -> Result<Vec<EventRecord>, StoreError> {
        use event::Column as C;
        let mut query = event::Entity::find().filter(C::MerchantId.eq(merchant_id));
        if let Some(t) = filter.event_type {
            query = query.filter(C::EventType.eq(t.as_str()));
        }
        if let Some(s) = filter.session_id {
            query = query.filter(C::SessionId.eq(s.to_string()));
        }
        query = query.filter(created_within(
            C::CreateTimeUs,
            filter.created_after,
            filter.created_before,
        ));
        if let Some((t, id)) = after {
            query = query.filter(before_position(C::CreateTimeUs, C::Id, t, id.to_string()));
        }
        let events = query
            .order_by_desc(C::CreateTimeUs)
            .order_by_desc(C::Id)
            .limit(limit)
            .all(&self.db.read)
            .await
            .map_err(classify)?;
        self.with_deliveries(events).await
    }

    async fn event(
        &self,
        merchant_id: &str,
        id: &EventId,
    ) -> Result<Option<EventRecord>, StoreError> {
        let found = event::Entity::find_by_id(id.to_string())
            .filter(event::Column::MerchantId.eq(merchant_id))
            .one(&self.db.read)
            .await
            .map_err(classify)?;
        Ok(self
            .with_deliveries(found.into_iter().collect())
            .await?
            .pop())
    }

    async fn redeliver(
        &self,
        merchant_id: &str,
        id: &EventId,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        if self.event(merchant_id, id).await?.is_none() {
            return Ok(false);
        }
        use event_delivery::Column as C;
        event_delivery::Entity::update_many()
            .col_expr(C::State, Expr::value(DeliveryState::Pending.as_str()))
            .col_expr(C::Attempts, Expr::value(0))
            .col_expr(C::NextAttemptUs, Expr::value(micros(now)))
            .col_expr(C::LeaseUntilUs, Expr::value(Option::<i64>::None))
            .filter(C::EventId.eq(id.to_string()))
            .filter(C::MerchantId.eq(merchant_id))
            .exec(&self.db.write)
            .await
            .map_err(classify)?;
        Ok(true)
    }
}

fn truncate(error: &str) -> String {
    error.chars().take(1000).collect()
}
