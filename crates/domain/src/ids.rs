//! Identifiers: sessions (with the spellings each surface uses for them), transport orders and
//! events.

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

/// Crockford base-32 digits, the alphabet of ULIDs.
fn is_ulid(text: &str) -> bool {
    text.len() == 26
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b.is_ascii_uppercase() && !b"ILOU".contains(&b)))
}

/// 128 bits as 26 Crockford base-32 digits, most significant first: a ULID's canonical text.
fn crockford(bits: u128) -> String {
    const DIGITS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    (0..26)
        .rev()
        .map(|i| DIGITS[((bits >> (i * 5)) & 0x1f) as usize] as char)
        .collect()
}

macro_rules! ulid_id {
    ($(#[$doc:meta])* $name:ident, $collection:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The id of a ULID the caller generated, from its 128 bits.
            pub fn from_ulid_bits(bits: u128) -> Self {
                Self(crockford(bits))
            }

            /// A bare id or the resource name (`
            #[doc = $collection]
            /// {id}`), in any case.
            ///
            /// # Errors
            /// A message quoting the text when it is not such an id.
            pub fn parse(text: &str) -> Result<Self, String> {
                let trimmed = text.trim();
                let bare = trimmed.strip_prefix($collection).unwrap_or(trimmed);
                let upper = bare.to_ascii_uppercase();
                if is_ulid(&upper) {
                    Ok(Self(upper))
                } else {
                    Err(format!(concat!("`{}` is not ", $what), text))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The AIP resource name.
            pub fn resource_name(&self) -> String {
                format!(concat!($collection, "{}"), self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

ulid_id!(
    /// A transport order's id (the `tos_id` of the legacy surfaces): a ULID, sortable by creation.
    TransportOrderId,
    "transportOrders/",
    "a transport order id"
);

ulid_id!(
    /// An event's id: a ULID, sortable by creation.
    EventId,
    "events/",
    "an event id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_event_ids_are_ulids_in_any_case_and_spelling() {
        let id = TransportOrderId::parse("01JD0000000000000000000000").unwrap();
        assert_eq!(
            TransportOrderId::parse("transportOrders/01jd0000000000000000000000").unwrap(),
            id
        );
        assert_eq!(
            id.resource_name(),
            "transportOrders/01JD0000000000000000000000"
        );
        assert!(TransportOrderId::parse("01JD00000000000000000000OO").is_err());
        assert!(TransportOrderId::parse("short").is_err());
        assert!(EventId::parse("events/01JD0000000000000000000000").is_ok());
        // The canonical text of a ULID, as the ulid crate writes it.
        assert_eq!(
            TransportOrderId::from_ulid_bits(0x0192_3cf4_a2b1_0000_0000_0000_0000_0001).as_str(),
            "01J8YF98NH0000000000000001"
        );
        assert_eq!(
            EventId::from_ulid_bits(u128::MAX).as_str(),
            "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"
        );
    }

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
