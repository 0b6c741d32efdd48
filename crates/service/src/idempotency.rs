//! `request_id` idempotency: a retried request answers as the first one did, and an id reused
//! with a different request is refused.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use domain::Session;
use ports::IdempotencyRecord;

use crate::error::ServiceError;
use crate::{hex, SessionService};

/// The longest `request_id`, in characters (the column holds as many).
pub const MAX_REQUEST_ID: usize = 128;

/// A `request_id` a client attached, with the fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct RequestKey {
    pub request_id: String,
    pub request_hash: String,
}

impl RequestKey {
    /// Fingerprints any serialisable request so a retry can be told from a reuse of the id.
    ///
    /// # Errors
    /// `InvalidArgument` on `request_id` when it is empty or longer than 128 characters.
    pub fn new(request_id: &str, request: &impl serde::Serialize) -> Result<Self, ServiceError> {
        if request_id.is_empty() || request_id.chars().count() > MAX_REQUEST_ID {
            return Err(ServiceError::invalid(
                "request_id",
                "must be 1 to 128 characters (a UUID is a good choice)",
            ));
        }
        let canonical = serde_json::to_vec(request)
            .map_err(|e| ServiceError::Internal(format!("request fingerprint: {e}")))?;
        Ok(Self {
            request_id: request_id.to_owned(),
            request_hash: hex(&Sha256::digest(&canonical)),
        })
    }
}

impl SessionService {
    /// The answer a request with this key already got, if any.
    ///
    /// # Errors
    /// `InvalidArgument` on `request_id` when it came with a different request.
    pub(crate) async fn replay(
        &self,
        merchant_id: &str,
        scope: &str,
        key: Option<&RequestKey>,
    ) -> Result<Option<Session>, ServiceError> {
        let Some(key) = key else { return Ok(None) };
        match self
            .repo
            .idempotency(merchant_id, scope, &key.request_id)
            .await?
        {
            Some(record) if record.request_hash == key.request_hash => Ok(Some(record.response)),
            Some(_) => Err(ServiceError::invalid(
                "request_id",
                format!(
                    "`{}` was already used with a different request",
                    key.request_id
                ),
            )),
            None => Ok(None),
        }
    }

    pub(crate) fn record(
        merchant_id: &str,
        scope: &str,
        key: &RequestKey,
        response: &Session,
        now: OffsetDateTime,
    ) -> IdempotencyRecord {
        IdempotencyRecord {
            merchant_id: merchant_id.to_owned(),
            scope: scope.to_owned(),
            request_id: key.request_id.clone(),
            request_hash: key.request_hash.clone(),
            response: response.clone(),
            create_time: now,
        }
    }
}
