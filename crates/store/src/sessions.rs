//! `SessionRepository` on sea-orm: compare-and-swap writes on the revision column, keyset paging.

use async_trait::async_trait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use time::OffsetDateTime;

use super::classify;
use super::document::{
    order_document, order_from, session_body, session_document, session_from, session_from_row,
    SessionColumns, JSON_VERSION, SESSION_VERSION,
};
use super::entity::{idempotency_record, session, transport_order};
use super::query::{before_position, created_within};
use domain::{Session, SessionId, TransportOrder, TransportOrderId};
use ports::{
    Cursor, EtagRead, IdempotencyRecord, OrderCursor, OrderFilter, OrderWrite, SessionFilter,
    SessionRepository, StoreError,
};

pub struct SqlSessionRepository {
    db: super::Pools,
}

impl SqlSessionRepository {
    pub fn new(db: impl Into<super::Pools>) -> Self {
        Self { db: db.into() }
    }

    /// The merchant's session row, undecoded.
    async fn row(
        &self,
        merchant_id: &str,
        id: SessionId,
    ) -> Result<Option<session::Model>, StoreError> {
        session::Entity::find_by_id((merchant_id.to_owned(), id.to_string()))
            .one(&self.db.read)
            .await
            .map_err(classify)
    }
}

pub(super) fn micros(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000) as i64
}

pub(super) fn from_micros(us: i64) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1_000)
        .map_err(|e| StoreError::Corrupt(format!("timestamp {us}: {e}")))
}

fn to_session(model: session::Model) -> Result<Session, StoreError> {
    session_from_row(
        SessionColumns {
            id: model.id,
            merchant_id: model.merchant_id,
            state: model.state,
            external_id: model.external_id,
            create_time_us: model.create_time_us,
            update_time_us: model.update_time_us,
            revision: model.revision,
        },
        model.document_version,
        model.document,
        model.body.as_deref(),
    )
}

fn active_model(s: &Session) -> Result<session::ActiveModel, StoreError> {
    Ok(session::ActiveModel {
        id: Set(s.id.to_string()),
        merchant_id: Set(s.merchant_id.clone()),
        state: Set(s.state.as_str().to_owned()),
        external_id: Set(s.external_id.clone()),
        create_time_us: Set(micros(s.create_time)),
        update_time_us: Set(micros(s.update_time)),
        expire_time_us: Set(s.expire_time.map(micros)),
        revision: Set(s.revision),
        document_version: Set(SESSION_VERSION),
        document: Set(None),
        body: Set(Some(session_body(s)?)),
    })
}

fn record_model(r: &IdempotencyRecord) -> Result<idempotency_record::ActiveModel, StoreError> {
    Ok(idempotency_record::ActiveModel {
        merchant_id: Set(r.merchant_id.clone()),
        scope: Set(r.scope.clone()),
        request_id: Set(r.request_id.clone()),
        request_hash: Set(r.request_hash.clone()),
        document_version: Set(JSON_VERSION),
        response: Set(session_document(&r.response)?),
        create_time_us: Set(micros(r.create_time)),
    })
}

fn to_order(model: transport_order::Model) -> Result<TransportOrder, StoreError> {
    let mut order = order_from(&model.id, model.document_version, model.document)?;
    order.revision = model.revision;
    Ok(order)
}

/// Applies one order write inside the completion's transaction; `false` when an amended
/// order's revision moved on.
async fn write_order<C: ConnectionTrait>(conn: &C, write: &OrderWrite) -> Result<bool, StoreError> {
    use transport_order::Column as C;
    match write {
        OrderWrite::Insert(order) => {
            transport_order::Entity::insert(transport_order::ActiveModel {
                id: Set(order.id.to_string()),
                merchant_id: Set(order.merchant_id.clone()),
                session_id: Set(order.content.session_id.to_string()),
                external_id: Set(order.content.external_id.clone()),
                create_time_us: Set(micros(order.create_time)),
                update_time_us: Set(micros(order.update_time)),
                revision: Set(order.revision),
                document_version: Set(JSON_VERSION),
                document: Set(order_document(order)?),
            })
            .exec(conn)
            .await
            .map_err(classify)?;
            Ok(true)
        }
        OrderWrite::Amend {
            order,
            expected_revision,
        } => {
            let mut stored = order.clone();
            stored.revision = expected_revision + 1;
            let result = transport_order::Entity::update_many()
                .col_expr(
                    C::SessionId,
                    Expr::value(stored.content.session_id.to_string()),
                )
                .col_expr(
                    C::ExternalId,
                    Expr::value(stored.content.external_id.clone()),
                )
                .col_expr(C::UpdateTimeUs, Expr::value(micros(stored.update_time)))
                .col_expr(C::Revision, Expr::value(stored.revision))
                .col_expr(C::DocumentVersion, Expr::value(JSON_VERSION))
                .col_expr(C::Document, Expr::value(order_document(&stored)?))
                .filter(C::Id.eq(stored.id.to_string()))
                .filter(C::MerchantId.eq(stored.merchant_id.clone()))
                .filter(C::Revision.eq(*expected_revision))
                .exec(conn)
                .await
                .map_err(classify)?;
            Ok(result.rows_affected == 1)
        }
    }
}

async fn insert_record<C: ConnectionTrait>(
    conn: &C,
    record: Option<idempotency_record::ActiveModel>,
) -> Result<(), StoreError> {
    if let Some(model) = record {
        idempotency_record::Entity::insert(model)
            .exec(conn)
            .await
            .map_err(classify)?;
    }
    Ok(())
}

#[async_trait]
impl SessionRepository for SqlSessionRepository {
    async fn insert(
        &self,
        session: &Session,
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<(), StoreError> {
        // Everything encoded before the transaction: on SQLite it holds the one writer.
        let model = active_model(session)?;
        let record = idempotency.map(record_model).transpose()?;
        if record.is_none() {
            // One INSERT is atomic on its own: one round trip, no BEGIN and COMMIT around it.
            return session::Entity::insert(model)
                .exec_without_returning(&self.db.write)
                .await
                .map(|_| ())
                .map_err(classify);
        }
        let txn = super::begin(&self.db.write).await?;
        session::Entity::insert(model)
            .exec_without_returning(&txn)
            .await
            .map_err(classify)?;
        insert_record(&txn, record).await?;
        txn.commit().await.map_err(classify)
    }

    async fn get(&self, merchant_id: &str, id: SessionId) -> Result<Option<Session>, StoreError> {
        self.row(merchant_id, id).await?.map(to_session).transpose()
    }

    async fn revision(&self, merchant_id: &str, id: SessionId) -> Result<Option<i64>, StoreError> {
        session::Entity::find()
            .select_only()
            .column(session::Column::Revision)
            .filter(session::Column::MerchantId.eq(merchant_id))
            .filter(session::Column::Id.eq(id.to_string()))
            .into_tuple::<i64>()
            .one(&self.db.read)
            .await
            .map_err(classify)
    }

    async fn get_if_etag(
        &self,
        merchant_id: &str,
        id: SessionId,
        etag: &str,
    ) -> Result<Option<EtagRead>, StoreError> {
        let Some(model) = self.row(merchant_id, id).await? else {
            return Ok(None);
        };
        // The row came whole, so a write that goes ahead needs no second read; one that will
        // be refused is told so before its body is decoded.
        if Session::etag_at(id, model.revision) != etag {
            return Ok(Some(EtagRead::Stale {
                revision: model.revision,
            }));
        }
        to_session(model).map(|s| Some(EtagRead::Matches(Box::new(s))))
    }

    async fn find_all(&self, id: SessionId) -> Result<Vec<Session>, StoreError> {
        session::Entity::find()
            .filter(session::Column::Id.eq(id.to_string()))
            .order_by_asc(session::Column::MerchantId)
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(to_session)
            .collect()
    }

    async fn replace(
        &self,
        s: &Session,
        expected_revision: i64,
        orders: &[OrderWrite],
        events: &[ports::OutboxEvent],
        idempotency: Option<&IdempotencyRecord>,
    ) -> Result<bool, StoreError> {
        let next_revision = expected_revision + 1;
        // The revision lives in its column, not in the body: `s` is encoded as it is, with no
        // copy of the whole session to set it.
        let stored = s;
        // Encoded before the transaction: on SQLite it holds the one writer.
        let body = session_body(stored)?;
        let record = idempotency.map(record_model).transpose()?;
        // One conditional UPDATE: whoever commits first on this revision wins, the rest see 0 rows.
        let update = session::Entity::update_many()
            .col_expr(session::Column::State, Expr::value(stored.state.as_str()))
            .col_expr(
                session::Column::ExternalId,
                Expr::value(stored.external_id.clone()),
            )
            .col_expr(
                session::Column::UpdateTimeUs,
                Expr::value(micros(stored.update_time)),
            )
            .col_expr(
                session::Column::ExpireTimeUs,
                Expr::value(stored.expire_time.map(micros)),
            )
            .col_expr(session::Column::Revision, Expr::value(next_revision))
            .col_expr(
                session::Column::DocumentVersion,
                Expr::value(SESSION_VERSION),
            )
            .col_expr(
                session::Column::Document,
                Expr::value(Option::<serde_json::Value>::None),
            )
            .col_expr(session::Column::Body, Expr::value(body))
            .filter(session::Column::Id.eq(stored.id.to_string()))
            .filter(session::Column::MerchantId.eq(stored.merchant_id.clone()))
            .filter(session::Column::Revision.eq(expected_revision));
        if orders.is_empty() && events.is_empty() && record.is_none() {
            // The UPDATE is atomic on its own: without a transaction around it, a change is
            // one round trip instead of three (BEGIN, UPDATE, COMMIT).
            let result = update.exec(&self.db.write).await.map_err(classify)?;
            return Ok(result.rows_affected == 1);
        }
        let txn = super::begin(&self.db.write).await?;
        let result = update.exec(&txn).await.map_err(classify)?;
        if result.rows_affected != 1 {
            txn.rollback().await.map_err(classify)?;
            return Ok(false);
        }
        for write in orders {
            if !write_order(&txn, write).await? {
                txn.rollback().await.map_err(classify)?;
                return Ok(false);
            }
        }
        super::events::insert_events(&txn, events).await?;
        insert_record(&txn, record).await?;
        txn.commit().await.map_err(classify)?;
        Ok(true)
    }

    async fn list(
        &self,
        merchant_id: &str,
        filter: &SessionFilter,
        after: Option<Cursor>,
        limit: u64,
    ) -> Result<Vec<Session>, StoreError> {
        use session::Column as C;
        let mut query = session::Entity::find().filter(C::MerchantId.eq(merchant_id));
        if let Some(state) = filter.state {
            query = query.filter(C::State.eq(state.as_str()));
        }
        if let Some(state) = filter.state_not {
            query = query.filter(C::State.ne(state.as_str()));
        }
        query = query.filter(created_within(
            C::CreateTimeUs,
            filter.created_after,
            filter.created_before,
        ));
        if let Some(external_id) = &filter.external_id {
            query = query.filter(C::ExternalId.eq(external_id.clone()));
        }
        if let Some(cursor) = after {
            query = query.filter(before_position(
                C::CreateTimeUs,
                C::Id,
                cursor.create_time,
                cursor.id.to_string(),
            ));
        }
        query
            .order_by_desc(C::CreateTimeUs)
            .order_by_desc(C::Id)
            .limit(limit)
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(to_session)
            .collect()
    }

    async fn order(
        &self,
        merchant_id: &str,
        id: &TransportOrderId,
    ) -> Result<Option<TransportOrder>, StoreError> {
        transport_order::Entity::find_by_id(id.as_str().to_owned())
            .filter(transport_order::Column::MerchantId.eq(merchant_id))
            .one(&self.db.read)
            .await
            .map_err(classify)?
            .map(to_order)
            .transpose()
    }

    async fn list_orders(
        &self,
        merchant_id: &str,
        filter: &OrderFilter,
        after: Option<OrderCursor>,
        limit: u64,
    ) -> Result<Vec<TransportOrder>, StoreError> {
        use transport_order::Column as C;
        let mut query = transport_order::Entity::find().filter(C::MerchantId.eq(merchant_id));
        if let Some(session) = filter.session_id {
            query = query.filter(C::SessionId.eq(session.to_string()));
        }
        if let Some(external_id) = &filter.external_id {
            query = query.filter(C::ExternalId.eq(external_id.clone()));
        }
        query = query.filter(created_within(
            C::CreateTimeUs,
            filter.created_after,
            filter.created_before,
        ));
        if let Some(cursor) = after {
            query = query.filter(before_position(
                C::CreateTimeUs,
                C::Id,
                cursor.create_time,
                cursor.id.to_string(),
            ));
        }
        query
            .order_by_desc(C::CreateTimeUs)
            .order_by_desc(C::Id)
            .limit(limit)
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(to_order)
            .collect()
    }

    async fn idempotency(
        &self,
        merchant_id: &str,
        scope: &str,
        request_id: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        let Some(model) = idempotency_record::Entity::find_by_id((
            merchant_id.to_owned(),
            scope.to_owned(),
            request_id.to_owned(),
        ))
        .one(&self.db.read)
        .await
        .map_err(classify)?
        else {
            return Ok(None);
        };
        let response = session_from(
            &format!("in idempotency record {}", model.request_id),
            model.document_version,
            model.response,
        )?;
        Ok(Some(IdempotencyRecord {
            merchant_id: model.merchant_id,
            scope: model.scope,
            request_id: model.request_id,
            request_hash: model.request_hash,
            response,
            create_time: from_micros(model.create_time_us)?,
        }))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.db.read.ping().await.map_err(classify)
    }
}
