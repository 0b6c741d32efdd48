//! What the legacy surfaces share: authentication, the session-id parameter, the error mapping
//! for callers that never send an etag, and the wire objects and mappings in `model`/`mapping`.

pub mod mapping;
pub mod model;

use std::sync::Arc;

use poem::web::RemoteAddr;
use poem_openapi::auth::Bearer;
use poem_openapi::SecurityScheme;

use crate::common::{peer_ip, ApiError};
use domain::{Session, SessionId};
use service::{AbortReason, Access, Authenticator, Caller, ServiceError, SessionService};

/// The merchant's API key (`hck_...`); a session token (`hcs_...`) may read its own session.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "API key")]
pub struct LegacyAuth(pub Bearer);

/// The services a legacy surface calls.
#[derive(Clone)]
pub struct Backend {
    pub service: Arc<SessionService>,
    pub auth: Arc<Authenticator>,
}

impl Backend {
    pub fn new(service: Arc<SessionService>, auth: Arc<Authenticator>) -> Self {
        Self { service, auth }
    }

    pub async fn caller(
        &self,
        auth: &LegacyAuth,
        remote: &RemoteAddr,
        target: Option<SessionId>,
        access: Access,
    ) -> Result<Caller, ApiError> {
        Ok(self
            .auth
            .authenticate(Some(&auth.0.token), Some(peer_ip(remote)), target, access)
            .await?)
    }

    /// The session as stored, for a write that must apply to exactly this version: these
    /// callers send no etag, so a concurrent change between this read and the write is
    /// answered with 409 instead of being silently overwritten.
    pub async fn current(&self, caller: &Caller, id: SessionId) -> Result<Session, ApiError> {
        self.service
            .get(caller.merchant_id(), id)
            .await
            .map_err(error)
    }
}

/// A session id as these surfaces take it: the UUID, or Delivery Checkout's `VM2-` form.
pub fn session_id(text: &str, field: &str) -> Result<SessionId, ApiError> {
    if text.trim().is_empty() {
        return Err(ServiceError::invalid(field, "is required").into());
    }
    SessionId::parse(text.trim()).map_err(|e| ServiceError::invalid(field, e).into())
}

/// Service errors in the words of a caller that sent no etag: a lost race is a conflict with
/// another request, to be retried.
pub fn error(e: ServiceError) -> ApiError {
    match e {
        ServiceError::Aborted { .. } => ServiceError::Aborted {
            reason: AbortReason::ConcurrentModification,
            message: "the session was changed by another request at the same time; read it \
                      again and retry"
                .into(),
            current_etag: None,
        }
        .into(),
        other => other.into(),
    }
}
