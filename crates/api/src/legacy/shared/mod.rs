//! What the legacy surfaces share: authentication, the session-id parameter, and the wire
//! objects ([`model`]) with their reading ([`parse`]), writing ([`render`]), choices
//! ([`choice`]) and the selector snippet ([`snippet`]). Session rules are not here: the
//! surfaces send commands to the session service.

pub mod choice;
pub mod model;
pub mod parse;
pub mod render;
pub mod snippet;
pub mod spec;

use std::sync::Arc;

use poem::web::RemoteAddr;
use poem_openapi::auth::Bearer;
use poem_openapi::SecurityScheme;

use crate::common::{peer_ip, trace, ApiError};
use domain::{SessionId, Violations};
use service::{Access, Authenticator, Caller, ServiceError, SessionService};

/// The merchant's API key (`hck_...` for live data, `hck_test_...` for test data); a session
/// token (`hcs_...`) may read its own session.
///
/// Trying the API out: the demo merchant's test key is
/// `hck_test_demo_Jm9yLWRlbW9zLW9ubHktbmV2ZXItaW4tcHJvZHVjdGlvbg` while the server runs with
/// the demo key enabled (the default; `DEMO_KEY_ENABLED=false` turns it off).
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "API key")]
pub struct LegacyAuth(pub Bearer);

/// The services a legacy surface calls.
#[derive(Clone)]
pub struct Backend {
    sessions: Arc<SessionService>,
    auth: Arc<Authenticator>,
    public_base_url: Arc<str>,
}

impl Backend {
    /// `public_base_url` is where browsers reach the service, for the snippets' script.
    pub fn new(
        sessions: Arc<SessionService>,
        auth: Arc<Authenticator>,
        public_base_url: &str,
    ) -> Self {
        Self {
            sessions,
            auth,
            public_base_url: public_base_url.into(),
        }
    }

    pub fn sessions(&self) -> &SessionService {
        &self.sessions
    }

    pub fn public_base_url(&self) -> &str {
        &self.public_base_url
    }

    /// Who calls, known before anything of the request is read.
    pub async fn caller(&self, auth: &LegacyAuth, remote: &RemoteAddr) -> Result<Caller, ApiError> {
        let caller = self
            .auth
            .authenticate(Some(&auth.0.token), Some(peer_ip(remote)))
            .await?;
        trace::note_merchant(caller.tenant());
        Ok(caller)
    }

    /// A caller holding the merchant's key.
    pub async fn merchant(
        &self,
        auth: &LegacyAuth,
        remote: &RemoteAddr,
    ) -> Result<Caller, ApiError> {
        let caller = self.caller(auth, remote).await?;
        caller.authorize(None, Access::Merchant)?;
        Ok(caller)
    }
}

/// A session id as these surfaces take it: the UUID, or Delivery Checkout's `VM2-` form.
pub fn session_id(text: &str, field: &str) -> Result<SessionId, ApiError> {
    let mut v = Violations::new();
    let id = parse::session_id(text, field, &mut v).ok_or_else(|| invalid(v))?;
    trace::note_session(id);
    Ok(id)
}

/// Every violation recorded, as one INVALID_ARGUMENT answer.
pub fn invalid(v: Violations) -> ApiError {
    ServiceError::invalid_all(v.into_vec()).into()
}

/// Whether the request body carries `field` (with a value other than `null`).
pub fn sent(raw: &serde_json::Value, field: &str) -> bool {
    raw.get(field).is_some_and(|v| !v.is_null())
}
