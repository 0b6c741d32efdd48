//! The audit port: who changed a merchant's delivery configuration or API keys, and when, read
//! from the records those changes wrote (a revision names its author, a key its creator and
//! revoker), so the trail cannot miss a change or disagree with it.

use async_trait::async_trait;
use time::OffsetDateTime;

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AuditAction {
    /// A configuration revision was stored; its target is the revision number.
    ConfigUpdated,
    /// A key was made; its target is the key id.
    KeyCreated,
    /// A key was revoked; its target is the key id.
    KeyRevoked,
}

impl AuditAction {
    /// The stable name a cursor and a resource id carry.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ConfigUpdated => "config",
            Self::KeyCreated => "key-created",
            Self::KeyRevoked => "key-revoked",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::ConfigUpdated, Self::KeyCreated, Self::KeyRevoked]
            .into_iter()
            .find(|a| a.as_str() == text)
    }
}

/// One change to a merchant's setup.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub action: AuditAction,
    /// The revision number or the key id the change made or revoked.
    pub target: String,
    pub time: OffsetDateTime,
    /// The API key that made the change; `file` for a revision seeded from the configuration
    /// file, `None` for a key made or revoked with the command line.
    pub actor: Option<String>,
}

/// Where a page of the trail ends: (time, action, target) of its last entry, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditCursor {
    pub time: OffsetDateTime,
    pub action: AuditAction,
    pub target: String,
}

#[async_trait]
pub trait AuditLog: Send + Sync {
    /// The merchant's changes, newest first (ties by action, then target, descending), after
    /// `after` when given, at most `limit`.
    ///
    /// # Errors
    /// `StoreError::Unavailable` when the database cannot be reached.
    async fn list(
        &self,
        merchant_id: &str,
        after: Option<&AuditCursor>,
        limit: u64,
    ) -> Result<Vec<AuditRecord>, StoreError>;
}
