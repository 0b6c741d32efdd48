//! The pickup point port: each merchant's own pickup points, a bulk data set beside its
//! configuration, versioned as a whole so that every replica can tell when to rebuild its index.

use async_trait::async_trait;
use time::OffsetDateTime;

use domain::config::PickupLocationConfig;

use crate::StoreError;

/// A merchant's set of pickup points as a whole: which version, how many, changed when and by
/// whom.
#[derive(Debug, Clone, PartialEq)]
pub struct PointSetRecord {
    pub merchant_id: String,
    /// 1 for the first import, one more for each after it.
    pub version: i64,
    pub count: i64,
    pub update_time: OffsetDateTime,
    /// The API key that imported it, or `file` for the points the configuration file seeded.
    pub updated_by: String,
}

/// What an import does with the points already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// The imported points are the whole set: every other point is removed.
    Replace,
    /// The imported points are added, replacing stored points of the same id.
    Upsert,
}

#[async_trait]
pub trait PickupPointRepository: Send + Sync {
    /// Writes `points` into the merchant's set in one transaction, as the version after
    /// `expected` (0: no set yet) when it is given, else after whichever is stored. `None`,
    /// storing nothing, when the set is not at `expected` or another import took that version
    /// first.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn import(
        &self,
        merchant_id: &str,
        points: &[PickupLocationConfig],
        mode: ImportMode,
        expected: Option<i64>,
        by: &str,
        at: OffsetDateTime,
    ) -> Result<Option<PointSetRecord>, StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn set(&self, merchant_id: &str) -> Result<Option<PointSetRecord>, StoreError>;

    /// Every merchant with a set, and its version: what a replica polls.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn versions(&self) -> Result<Vec<(String, i64)>, StoreError>;

    /// Up to `limit` points by id, after `after`.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn page(
        &self,
        merchant_id: &str,
        after: Option<&str>,
        limit: u64,
    ) -> Result<Vec<PickupLocationConfig>, StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn get(
        &self,
        merchant_id: &str,
        id: &str,
    ) -> Result<Option<PickupLocationConfig>, StoreError>;

    /// The whole set with its version, read together, for building an index.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn all(&self, merchant_id: &str) -> Result<(i64, Vec<PickupLocationConfig>), StoreError>;
}
