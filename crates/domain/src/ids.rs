//! Session identifiers and the spellings each surface uses for them.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A session's identity: a random UUIDv4. Headless calls it `sessions/{uuid}`, COS and SIW
/// use the bare UUID, Delivery Checkout `VM2-` followed by the 32 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(Uuid);

const COLLECTION: &str = "sessions/";
const DELIVERY_CHECKOUT_PREFIX: &str = "VM2-";

impl SessionId {
    pub fn new_random() -> Self {
        Self(Uuid::new_v4())
    }

    pub fn from_uuid(uuid: Uuid) -> Self {
        Self(uuid)
    }

    pub fn uuid(&self) -> Uuid {
        self.0
    }

    /// Parses a client-chosen or path id: a hyphenated or simple UUID, also as a resource
    /// name or with the Delivery Checkout prefix, so one session is reachable everywhere.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bare = text
            .strip_prefix(COLLECTION)
            .or_else(|| text.strip_prefix(DELIVERY_CHECKOUT_PREFIX))
            .unwrap_or(text);
        Uuid::try_parse(bare)
            .map(Self)
            .map_err(|_| format!("`{text}` is not a session id (a UUID)"))
    }

    /// The AIP resource name, `sessions/{uuid}`.
    pub fn resource_name(&self) -> String {
        format!("{COLLECTION}{}", self.0)
    }

    /// The Delivery Checkout spelling, `VM2-` and 32 lower-case hex digits.
    pub fn delivery_checkout_id(&self) -> String {
        format!("{DELIVERY_CHECKOUT_PREFIX}{}", self.0.simple())
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_names_the_same_session() {
        let id = SessionId::new_random();
        assert_eq!(SessionId::parse(&id.to_string()).unwrap(), id);
        assert_eq!(SessionId::parse(&id.resource_name()).unwrap(), id);
        assert_eq!(SessionId::parse(&id.delivery_checkout_id()).unwrap(), id);
        assert!(id.delivery_checkout_id().starts_with("VM2-"));
        assert_eq!(id.delivery_checkout_id().len(), 4 + 32);
    }

    #[test]
    fn garbage_is_refused() {
        assert!(SessionId::parse("sessions/abc").is_err());
        assert!(SessionId::parse("").is_err());
    }
}
