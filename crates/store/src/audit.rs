//! `AuditLog` on sea-orm: the trail is read from the configuration revisions and the API keys
//! themselves (one UNION, keyset-paged), so every change that was stored is in it.

use async_trait::async_trait;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use super::{classify, from_micros, micros};
use ports::{AuditAction, AuditCursor, AuditLog, AuditRecord, StoreError};

pub struct SqlAuditLog {
    db: super::Pools,
}

impl SqlAuditLog {
    pub fn new(db: impl Into<super::Pools>) -> Self {
        Self { db: db.into() }
    }
}

/// The merchant's changes as rows of (action, target, time_us, actor); `$1` is the merchant.
const TRAIL: &str = "SELECT action, target, time_us, actor FROM (\
     SELECT 'config' AS action, CAST(revision AS TEXT) AS target, create_time_us AS time_us, \
     author_key_id AS actor FROM config_revisions WHERE merchant_id = $1 \
     UNION ALL SELECT 'key-created', id, create_time_us, created_by \
     FROM api_keys WHERE merchant_id = $1 \
     UNION ALL SELECT 'key-revoked', id, revoke_time_us, revoked_by \
     FROM api_keys WHERE merchant_id = $1 AND revoke_time_us IS NOT NULL) AS trail";

#[async_trait]
impl AuditLog for SqlAuditLog {
    async fn list(
        &self,
        merchant_id: &str,
        after: Option<&AuditCursor>,
        limit: u64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let backend = self.db.read.get_database_backend();
        let mut values: Vec<sea_orm::Value> = vec![merchant_id.to_owned().into()];
        let mut sql = TRAIL.to_owned();
        if let Some(c) = after {
            sql.push_str(" WHERE (time_us, action, target) < ($2, $3, $4)");
            values.push(micros(c.time).into());
            values.push(c.action.as_str().to_owned().into());
            values.push(c.target.clone().into());
        }
        sql.push_str(&format!(
            " ORDER BY time_us DESC, action DESC, target DESC LIMIT ${}",
            values.len() + 1
        ));
        values.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
        if backend != DatabaseBackend::Postgres {
            // SQLite numbers its parameters `?1`, `?2`, … (each may be used more than once).
            sql = sql.replace('$', "?");
        }
        let rows = self
            .db
            .read
            .query_all(Statement::from_sql_and_values(backend, sql, values))
            .await
            .map_err(classify)?;
        rows.into_iter()
            .map(|row| {
                let read = |e: sea_orm::DbErr| StoreError::Corrupt(format!("audit trail: {e}"));
                let action: String = row.try_get("", "action").map_err(read)?;
                Ok(AuditRecord {
                    action: AuditAction::parse(&action).ok_or_else(|| {
                        StoreError::Corrupt(format!("audit trail: action `{action}`"))
                    })?,
                    target: row.try_get("", "target").map_err(read)?,
                    time: from_micros(row.try_get("", "time_us").map_err(read)?)?,
                    actor: row.try_get("", "actor").map_err(read)?,
                })
            })
            .collect()
    }
}
