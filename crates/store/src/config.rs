//! `ConfigRepository` on sea-orm: revisions appended by one conditional INSERT.

use async_trait::async_trait;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use super::entity::config_revision;
use super::{classify, from_micros, micros};
use ports::{ConfigRepository, ConfigRevisionRecord, StoreError};

pub struct SqlConfigRepository {
    db: super::Pools,
}

impl SqlConfigRepository {
    pub fn new(db: impl Into<super::Pools>) -> Self {
        Self { db: db.into() }
    }
}

fn record(m: config_revision::Model) -> Result<ConfigRevisionRecord, StoreError> {
    Ok(ConfigRevisionRecord {
        content: serde_json::from_str(&m.content).map_err(|e| {
            StoreError::Corrupt(format!(
                "config revision {} of {}: {e}",
                m.revision, m.merchant_id
            ))
        })?,
        merchant_id: m.merchant_id,
        revision: m.revision,
        create_time: from_micros(m.create_time_us)?,
        author_key_id: m.author_key_id,
    })
}

#[async_trait]
impl ConfigRepository for SqlConfigRepository {
    async fn append(&self, r: &ConfigRevisionRecord) -> Result<bool, StoreError> {
        if r.revision < 1 {
            return Err(StoreError::Refused(format!(
                "config revision {} is below 1",
                r.revision
            )));
        }
        let backend = self.db.write.get_database_backend();
        // Inserted only when the current revision is the one before, in one statement; two
        // writers that both saw it then race for the primary key, and the loser inserts nothing.
        let sql = match backend {
            DatabaseBackend::Postgres => {
                "INSERT INTO config_revisions \
                 (merchant_id, revision, content, create_time_us, author_key_id) \
                 SELECT $1, $2, $3, $4, $5 WHERE COALESCE((SELECT MAX(revision) \
                 FROM config_revisions WHERE merchant_id = $1), 0) = $6"
            }
            _ => {
                "INSERT INTO config_revisions \
                 (merchant_id, revision, content, create_time_us, author_key_id) \
                 SELECT ?1, ?2, ?3, ?4, ?5 WHERE COALESCE((SELECT MAX(revision) \
                 FROM config_revisions WHERE merchant_id = ?1), 0) = ?6"
            }
        };
        let values: Vec<sea_orm::Value> = vec![
            r.merchant_id.clone().into(),
            r.revision.into(),
            r.content.to_string().into(),
            micros(r.create_time).into(),
            r.author_key_id.clone().into(),
            (r.revision - 1).into(),
        ];
        match self
            .db
            .write
            .execute(Statement::from_sql_and_values(backend, sql, values))
            .await
            .map_err(classify)
        {
            Ok(done) => Ok(done.rows_affected() == 1),
            Err(StoreError::AlreadyExists) => Ok(false),
            Err(e) => Err(e),
        }
    }

    async fn current(&self, merchant_id: &str) -> Result<Option<ConfigRevisionRecord>, StoreError> {
        config_revision::Entity::find()
            .filter(config_revision::Column::MerchantId.eq(merchant_id))
            .order_by_desc(config_revision::Column::Revision)
            .one(&self.db.read)
            .await
            .map_err(classify)?
            .map(record)
            .transpose()
    }

    async fn get(
        &self,
        merchant_id: &str,
        revision: i64,
    ) -> Result<Option<ConfigRevisionRecord>, StoreError> {
        config_revision::Entity::find_by_id((merchant_id.to_owned(), revision))
            .one(&self.db.read)
            .await
            .map_err(classify)?
            .map(record)
            .transpose()
    }

    async fn list(
        &self,
        merchant_id: &str,
        before: Option<i64>,
        limit: u64,
    ) -> Result<Vec<ConfigRevisionRecord>, StoreError> {
        let mut query = config_revision::Entity::find()
            .filter(config_revision::Column::MerchantId.eq(merchant_id));
        if let Some(b) = before {
            query = query.filter(config_revision::Column::Revision.lt(b));
        }
        query
            .order_by_desc(config_revision::Column::Revision)
            .limit(limit)
            .all(&self.db.read)
            .await
            .map_err(classify)?
            .into_iter()
            .map(record)
            .collect()
    }

    async fn current_revisions(&self) -> Result<Vec<(String, i64)>, StoreError> {
        config_revision::Entity::find()
            .select_only()
            .column(config_revision::Column::MerchantId)
            .column_as(config_revision::Column::Revision.max(), "revision")
            .group_by(config_revision::Column::MerchantId)
            .order_by_asc(config_revision::Column::MerchantId)
            .into_tuple::<(String, i64)>()
            .all(&self.db.read)
            .await
            .map_err(classify)
    }
}
