//! Opaque page tokens (AIP-158): the position after the last item, bound to the filter it was
//! issued for so a token cannot be replayed against a different query.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use domain::SessionId;
use service::{Cursor, ServiceError};

#[derive(Serialize, Deserialize)]
struct Token {
    /// Create time of the last item, microseconds since the epoch.
    t: i128,
    /// Id of the last item.
    id: String,
    /// The filter the token belongs to.
    f: String,
}

/// A token for the position after the item created at `create_time` with `id`.
pub fn encode_position(create_time: OffsetDateTime, id: &str, filter: &str) -> String {
    let token = Token {
        t: create_time.unix_timestamp_nanos() / 1_000,
        id: id.to_owned(),
        f: filter.to_owned(),
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&token).expect("token serialises"))
}

/// The position a token names, checked against the filter it was issued for.
pub fn decode_position(text: &str, filter: &str) -> Result<(OffsetDateTime, String), ServiceError> {
    let bad = || ServiceError::invalid("page_token", "is not a token this API issued");
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
    let token: Token = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    if token.f != filter {
        return Err(ServiceError::invalid(
            "page_token",
            "was issued for a different filter; start again without a page_token",
        ));
    }
    let create_time =
        OffsetDateTime::from_unix_timestamp_nanos(token.t * 1_000).map_err(|_| bad())?;
    Ok((create_time, token.id))
}

pub fn encode(cursor: Cursor, filter: &str) -> String {
    encode_position(cursor.create_time, &cursor.id.to_string(), filter)
}

pub fn decode(text: &str, filter: &str) -> Result<Cursor, ServiceError> {
    let (create_time, id) = decode_position(text, filter)?;
    let id = SessionId::parse(&id)
        .map_err(|_| ServiceError::invalid("page_token", "is not a token this API issued"))?;
    Ok(Cursor { create_time, id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_filter_binding() {
        let cursor = Cursor {
            create_time: OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap(),
            id: SessionId::new_random(),
        };
        let token = encode(cursor, "state = ACTIVE");
        assert_eq!(decode(&token, "state = ACTIVE").unwrap(), cursor);
        assert!(decode(&token, "").is_err());
        assert!(decode("garbage!", "").is_err());
    }
}
