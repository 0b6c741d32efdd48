//! The key port: merchant API keys as stored, by their hash.

use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreError;

/// A merchant API key as stored: never the secret, only its SHA-256.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKeyRecord {
    /// The public part of the key, shown in listings and logs.
    pub id: String,
    pub merchant_id: String,
    /// Lower-case hex SHA-256 of the secret part.
    pub secret_hash: String,
    pub create_time: OffsetDateTime,
    pub revoke_time: Option<OffsetDateTime>,
}

#[async_trait]
pub trait KeyRepository: Send + Sync {
    /// # Errors
    /// `StoreError::AlreadyExists` for a duplicate id; `StoreError::Unavailable` otherwise.
    async fn insert(&self, key: &ApiKeyRecord) -> Result<(), StoreError>;

    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn find(&self, id: &str) -> Result<Option<ApiKeyRecord>, StoreError>;

    /// Every key, or one merchant's, oldest first.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn list(&self, merchant_id: Option<&str>) -> Result<Vec<ApiKeyRecord>, StoreError>;

    /// Marks the key revoked; `false` when there is no such active key.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn revoke(&self, id: &str, at: OffsetDateTime) -> Result<bool, StoreError>;
}
