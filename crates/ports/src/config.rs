//! The configuration port: a merchant's delivery configuration as a numbered history of
//! revisions, appended by compare-and-swap so that concurrent updaters never lose a change.

use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreError;

/// One accepted version of a merchant's delivery configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigRevisionRecord {
    pub merchant_id: String,
    /// 1 for the first stored version, then one more for each accepted change.
    pub revision: i64,
    /// The merchant's configuration as JSON (the file's `MerchantConfig` shape).
    pub content: serde_json::Value,
    pub create_time: OffsetDateTime,
    /// The id of the API key that made the change, or `file` for a version seeded from the
    /// configuration file at start-up.
    pub author_key_id: String,
}

#[async_trait]
pub trait ConfigRepository: Send + Sync {
    /// Appends `record` as the merchant's next revision, only if the current one is
    /// `record.revision - 1` (0: the merchant has none yet). `false`, storing nothing, when
    /// another writer got there first.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn append(&self, record: &ConfigRevisionRecord) -> Result<bool, StoreError>;

    /// The merchant's current (highest) revision, if any.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn current(&self, merchant_id: &str) -> Result<Option<ConfigRevisionRecord>, StoreError>;

    /// One revision of the merchant's.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn get(
        &self,
        merchant_id: &str,
        revision: i64,
    ) -> Result<Option<ConfigRevisionRecord>, StoreError>;

    /// The merchant's revisions, newest first, below `before` when given (keyset paging), at
    /// most `limit`.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn list(
        &self,
        merchant_id: &str,
        before: Option<i64>,
        limit: u64,
    ) -> Result<Vec<ConfigRevisionRecord>, StoreError>;

    /// Every merchant's current revision number, for a replica to learn cheaply whether any
    /// configuration changed since it last looked.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn current_revisions(&self) -> Result<Vec<(String, i64)>, StoreError>;
}
