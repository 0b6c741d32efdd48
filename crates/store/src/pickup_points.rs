//! `PickupPointRepository` on sea-orm: an import claims the set's next version first, then
//! writes its points in batches, all in one transaction.

use async_trait::async_trait;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use time::OffsetDateTime;

use super::entity::{pickup_point, pickup_point_set};
use super::{classify, from_micros, micros};
use domain::config::PickupLocationConfig;
use ports::{ImportMode, PickupPointRepository, PointSetRecord, StoreError};

/// Rows per INSERT: three values each, far below either database's limit on bound values.
const BATCH: usize = 500;

pub struct SqlPickupPointRepository {
    db: super::Pools,
}

impl SqlPickupPointRepository {
    pub fn new(db: impl Into<super::Pools>) -> Self {
        Self { db: db.into() }
    }
}

fn set_record(m: pickup_point_set::Model) -> Result<PointSetRecord, StoreError> {
    Ok(PointSetRecord {
        update_time: from_micros(m.update_time_us)?,
        merchant_id: m.merchant_id,
        version: m.version,
        count: m.point_count,
        updated_by: m.updated_by,
    })
}

fn point(m: pickup_point::Model) -> Result<PickupLocationConfig, StoreError> {
    serde_json::from_str(&m.content).map_err(|e| {
        StoreError::Corrupt(format!("pickup point {} of {}: {e}", m.id, m.merchant_id))
    })
}

#[async_trait]
impl PickupPointRepository for SqlPickupPointRepository {
    async fn import(
        &self,
        merchant_id: &str,
        points: &[PickupLocationConfig],
        mode: ImportMode,
        expected: Option<i64>,
        by: &str,
        at: OffsetDateTime,
    ) -> Result<Option<PointSetRecord>, StoreError> {
        let txn = super::begin(&self.db.write).await?;
        let current = pickup_point_set::Entity::find_by_id(merchant_id.to_owned())
            .one(&txn)
            .await
            .map_err(classify)?;
        let version = current.as_ref().map_or(0, |s| s.version);
        if expected.is_some_and(|e| e != version) {
            return Ok(None);
        }
        // Claim the next version before writing any point: the set's row is the lock, so a
        // second import that read the same version updates nothing (PostgreSQL re-checks the
        // condition once the first commits) and stores nothing.
        if current.is_some() {
            let claimed = pickup_point_set::Entity::update_many()
                .col_expr(pickup_point_set::Column::Version, Expr::value(version + 1))
                .filter(pickup_point_set::Column::MerchantId.eq(merchant_id))
                .filter(pickup_point_set::Column::Version.eq(version))
                .exec(&txn)
                .await
                .map_err(classify)?;
            if claimed.rows_affected != 1 {
                return Ok(None);
            }
        } else {
            let inserted = pickup_point_set::Entity::insert(pickup_point_set::ActiveModel {
                merchant_id: Set(merchant_id.to_owned()),
                version: Set(1),
                point_count: Set(0),
                update_time_us: Set(micros(at)),
                updated_by: Set(by.to_owned()),
            })
            .exec_without_returning(&txn)
            .await
            .map_err(classify);
            match inserted {
                Ok(_) => {}
                Err(StoreError::AlreadyExists) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        if mode == ImportMode::Replace {
            pickup_point::Entity::delete_many()
                .filter(pickup_point::Column::MerchantId.eq(merchant_id))
                .exec(&txn)
                .await
                .map_err(classify)?;
        }
        for batch in points.chunks(BATCH) {
            let rows = batch
                .iter()
                .map(|p| {
                    let content = serde_json::to_string(p)
                        .map_err(|e| StoreError::Refused(format!("pickup point {}: {e}", p.id)))?;
                    Ok(pickup_point::ActiveModel {
                        merchant_id: Set(merchant_id.to_owned()),
                        id: Set(p.id.clone()),
                        content: Set(content),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            pickup_point::Entity::insert_many(rows)
                .on_conflict(
                    OnConflict::columns([
                        pickup_point::Column::MerchantId,
                        pickup_point::Column::Id,
                    ])
                    .update_column(pickup_point::Column::Content)
                    .to_owned(),
                )
                .exec_without_returning(&txn)
                .await
                .map_err(classify)?;
        }
        let count = pickup_point::Entity::find()
            .filter(pickup_point::Column::MerchantId.eq(merchant_id))
            .count(&txn)
            .await
            .map_err(classify)? as i64;
        pickup_point_set::Entity::update_many()
            .col_expr(pickup_point_set::Column::PointCount, Expr::value(count))
            .col_expr(
                pickup_point_set::Column::UpdateTimeUs,
                Expr::value(micros(at)),
            )
            .col_expr(pickup_point_set::Column::UpdatedBy, Expr::value(by))
            .filter(pickup_point_set::Column::MerchantId.eq(merchant_id))
            .exec(&txn)
            .await
            .map_err(classify)?;
        txn.commit().await.map_err(classify)?;
        Ok(Some(PointSetRecord {
            merchant_id: merchant_id.to_owned(),
            version: version + 1,
            count,
            update_time: at,
            updated_by: by.to_owned(),
        }))
    }

    async fn set(&self, merchant_id: &str) -> Result<Option<PointSetRecord>, StoreError> {
        pickup_point_set::Entity::find_by_id(merchant_id.to_owned())
            .one(&self.db.read)
            .await
            .map_err(classify)?
            .map(set_record)
            .transpose()
    }

    async fn versions(&self) -> Result<Vec<(String, i64)>, StoreError> {
        pickup_point_set::Entity::find()
            .select_only()
            .column(pickup_point_set::Column::MerchantId)
            .column(pickup_point_set::Column::Version)
            .order_by_asc(pickup_point_set::Column::MerchantId)
            .into_tuple::<(String, i64)>()
            .all(&self.db.read)
            .await
            .map_err(classify)
    }

    async fn page(
        &self,
        merchant_id: &str,
        after: Option<&str>,
        limit: u64,
    ) -> Result<Vec<PickupLocationConfig>, StoreError> {
        let mut query =
            pickup_point::Entity::find().filter(pickup_point::Column::MerchantId.eq(merchant_id));
        if let Some(after) = after {
            query = query.filter(pickup_point::Column::Id.gt(after));
        }
        query
            .order_by_asc(pickup_point::Column::Id)
            .limit(limit)
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(point)
            .collect()
    }

    async fn get(
        &self,
        merchant_id: &str,
        id: &str,
    ) -> Result<Option<PickupLocationConfig>, StoreError> {
        pickup_point::Entity::find_by_id((merchant_id.to_owned(), id.to_owned()))
            .one(&self.db.read)
            .await
            .map_err(classify)?
            .map(point)
            .transpose()
    }

    async fn all(&self, merchant_id: &str) -> Result<(i64, Vec<PickupLocationConfig>), StoreError> {
        // The version first, then the points: an import committed in between is read with
        // the older version, so whoever builds from this sees a newer version stored and
        // builds again; the other order could label an old set new and never be corrected.
        let version = pickup_point_set::Entity::find_by_id(merchant_id.to_owned())
            .one(&self.db.read)
            .await
            .map_err(classify)?
            .map_or(0, |s| s.version);
        let points = pickup_point::Entity::find()
            .filter(pickup_point::Column::MerchantId.eq(merchant_id))
            .order_by_asc(pickup_point::Column::Id)
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(point)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((version, points))
    }
}
