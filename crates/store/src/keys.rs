//! `KeyRepository` on sea-orm.

use async_trait::async_trait;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::api_key;
use super::{classify, from_micros, micros};
use ports::{ApiKeyRecord, KeyRepository, KeyScope, StoreError};

pub struct SqlKeyRepository {
    db: super::Pools,
}

impl SqlKeyRepository {
    pub fn new(db: impl Into<super::Pools>) -> Self {
        Self { db: db.into() }
    }
}

fn record(m: api_key::Model) -> Result<ApiKeyRecord, StoreError> {
    let scopes = m
        .scopes
        .split_whitespace()
        .map(|s| {
            KeyScope::parse(s)
                .ok_or_else(|| StoreError::Corrupt(format!("api key {}: scope `{s}`", m.id)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ApiKeyRecord {
        id: m.id,
        merchant_id: m.merchant_id,
        secret_hash: m.secret_hash,
        create_time: from_micros(m.create_time_us)?,
        revoke_time: m.revoke_time_us.map(from_micros).transpose()?,
        scopes,
        created_by: m.created_by,
        revoked_by: m.revoked_by,
        test: m.test,
    })
}

fn scopes_text(scopes: &[KeyScope]) -> String {
    let mut names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(" ")
}

#[async_trait]
impl KeyRepository for SqlKeyRepository {
    async fn insert(&self, key: &ApiKeyRecord) -> Result<(), StoreError> {
        api_key::Entity::insert(api_key::ActiveModel {
            id: Set(key.id.clone()),
            merchant_id: Set(key.merchant_id.clone()),
            secret_hash: Set(key.secret_hash.clone()),
            create_time_us: Set(micros(key.create_time)),
            revoke_time_us: Set(key.revoke_time.map(micros)),
            scopes: Set(scopes_text(&key.scopes)),
            created_by: Set(key.created_by.clone()),
            revoked_by: Set(key.revoked_by.clone()),
            test: Set(key.test),
        })
        .exec(&self.db.write)
        .await
        .map_err(classify)?;
        Ok(())
    }

    async fn find(&self, id: &str) -> Result<Option<ApiKeyRecord>, StoreError> {
        api_key::Entity::find_by_id(id.to_owned())
            .one(&self.db.read)
            .await
            .map_err(classify)?
            .map(record)
            .transpose()
    }

    async fn list(&self, merchant_id: Option<&str>) -> Result<Vec<ApiKeyRecord>, StoreError> {
        let mut query = api_key::Entity::find();
        if let Some(m) = merchant_id {
            query = query.filter(api_key::Column::MerchantId.eq(m));
        }
        query
            .order_by_asc(api_key::Column::CreateTimeUs)
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(record)
            .collect()
    }

    async fn revoke(
        &self,
        id: &str,
        at: time::OffsetDateTime,
        by: Option<&str>,
    ) -> Result<bool, StoreError> {
        let result = api_key::Entity::update_many()
            .col_expr(api_key::Column::RevokeTimeUs, Expr::value(micros(at)))
            .col_expr(
                api_key::Column::RevokedBy,
                Expr::value(by.map(str::to_owned)),
            )
            .filter(api_key::Column::Id.eq(id))
            .filter(api_key::Column::RevokeTimeUs.is_null())
            .exec(&self.db.write)
            .await
            .map_err(classify)?;
        Ok(result.rows_affected == 1)
    }
}
