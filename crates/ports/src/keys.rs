//! The key port: merchant API keys as stored, by their hash.

use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreError;

/// What a key may do: `checkout` the session surfaces (sessions, transport orders, events, and
/// the legacy APIs), `admin` the merchant's configuration and keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyScope {
    Checkout,
    Admin,
}

impl KeyScope {
    pub const ALL: [KeyScope; 2] = [KeyScope::Checkout, KeyScope::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checkout => "checkout",
            Self::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

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
    /// Sorted, without repeats; never empty.
    pub scopes: Vec<KeyScope>,
    /// The key that created this one through the API; `None` for one made with the CLI.
    pub created_by: Option<String>,
    /// The key that revoked this one through the API; `None` for the CLI, or while active.
    pub revoked_by: Option<String>,
    /// A test key (`hck_test_…`) works on the merchant's test data only, a live key on its live
    /// data only.
    pub test: bool,
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

    /// Marks the key revoked, by `by` (a key id) when given; `false` when there is no such
    /// active key.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn revoke(
        &self,
        id: &str,
        at: OffsetDateTime,
        by: Option<&str>,
    ) -> Result<bool, StoreError>;
}
