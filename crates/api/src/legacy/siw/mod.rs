//! The SIW API (`/v1/siw/`): sessions with the selected shipping option, its price and the
//! result of the selection, and the HTML snippet that embeds the shipping selector.
//!
//! Operation naming rule: `siw` + the method in lowerCamelCase with its object
//! (`siwCreateSession`). Handlers authenticate, validate the whole request (every bad field in
//! one answer), call the session service and map the result. These callers send no etag, so a
//! write applies to the version it read: a concurrent change answers 409.

pub mod mapping;
pub mod model;

use poem::web::RemoteAddr;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{OpenApi, Tags};

use crate::common::{trace, ApiError, JsonBody};
use service::{Access, Condition, CreateSession, NewSession, ServiceError};

use super::shared::{self, Backend, LegacyAuth};
use model as wire;

#[derive(Tags)]
enum SiwTags {
    /// Sessions of the shipping selector widget: create, update, complete and read.
    #[oai(rename = "SIW")]
    Siw,
}

pub struct SiwApi {
    backend: Backend,
}

impl SiwApi {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }
}

/// The SIW spec's constraints beyond its wire types (see `common::spec_rules`). A search
/// address may leave out its country: the purchase country stands in.
pub fn spec_rules(spec: &mut crate::common::spec_rules::Spec) {
    use super::shared::spec::{
        completing_customer, external_id, purchase, request_cart, session_id, shared,
    };

    shared(spec);
    request_cart(spec.member("SiwUpdateSessionRequest.cart"));
    purchase(spec, "SiwCreateSessionRequest");
    for schema in ["SiwUpdateSessionRequest", "SiwCompleteSessionRequest"] {
        spec.member(&format!("{schema}.id")).with(session_id(false));
        external_id(spec, schema);
    }
    completing_customer(spec, "SiwCompleteSessionRequest");
    spec.required_param("siwGetSession", "id")
        .with(session_id(false));
}

#[OpenApi(tag = "SiwTags::Siw")]
impl SiwApi {
    /// Create a session
    ///
    /// Starts a session for a checkout page from the purchase country and currency, the
    /// shopper's languages and the cart, and returns it with the shipping option selected for
    /// now and the HTML snippet that shows the shipping selector. A `search_address` places the
    /// options near the shopper; without one they are estimates until an address is known.
    #[oai(
        path = "/v1/siw/session.create",
        method = "post",
        operation_id = "siwCreateSession"
    )]
    async fn create_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CreateSessionRequest>,
    ) -> Result<Json<wire::SessionResponse>, ApiError> {
        let caller = self.backend.merchant(&auth, remote).await?;
        let raw = body.raw()?;
        let request = JsonBody::<wire::CreateSessionRequest>::typed(&raw)?;
        let cart = mapping::create(request, shared::sent(&raw, "cart"))
            .map_err(ServiceError::invalid_all)?;
        let create = CreateSession {
            id: None,
            content: NewSession::Cart(cart),
            request: None,
        };
        let session = self
            .backend
            .sessions()
            .create(caller.tenant_key(), create)
            .await?;
        trace::note_session(session.id);
        Ok(Json(mapping::session_response(
            &session,
            self.backend.public_base_url(),
        )))
    }

    /// Update a session
    ///
    /// Changes the cart, the customer, the search address or the merchant reference of an
    /// active session and computes its options again; what the request leaves out stays as it
    /// is. `user_choice` selects the shipping option the shopper picked, among those the
    /// session offers after this update. A concurrent change to the same session answers 409:
    /// read it again and retry. A completed session cannot change (400 FAILED_PRECONDITION).
    #[oai(
        path = "/v1/siw/session.update",
        method = "post",
        operation_id = "siwUpdateSession"
    )]
    async fn update_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::UpdateSessionRequest>,
    ) -> Result<Json<wire::SessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let request = body.value()?;
        let id = shared::session_id(&request.id, "id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let update = mapping::update(request).map_err(ServiceError::invalid_all)?;
        let session = self
            .backend
            .sessions()
            .update(caller.tenant_key(), id, Condition::AsRead, update)
            .await?;
        trace::note_session(session.id);
        Ok(Json(mapping::session_response(
            &session,
            self.backend.public_base_url(),
        )))
    }

    /// Complete a session
    ///
    /// Completes the session when the shopper places the order: the customer becomes the
    /// parcel's recipient, the selected option (the shopper's choice, else the preselected one)
    /// is ordered, and the answer carries the transport order id `tos_id`. Without a search
    /// address the options are first computed for the customer's address. The session is frozen
    /// afterwards; a concurrent change answers 409.
    #[oai(
        path = "/v1/siw/session.complete",
        method = "post",
        operation_id = "siwCompleteSession"
    )]
    async fn complete_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteSessionRequest>,
    ) -> Result<Json<wire::CompleteSessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let (id, complete) =
            mapping::completion(body.value()?).map_err(ServiceError::invalid_all)?;
        caller.authorize(Some(id), Access::Merchant)?;
        let session = self
            .backend
            .sessions()
            .complete(caller.tenant_key(), id, Condition::AsRead, complete)
            .await?;
        trace::note_session(session.id);
        let response = mapping::session_to_wire(&session);
        let tos_id = response.tos_id.clone().ok_or_else(|| {
            ApiError::from(ServiceError::Internal(
                "a completed session has a transport order".into(),
            ))
        })?;
        Ok(Json(wire::CompleteSessionResponse {
            session: response,
            tos_id,
        }))
    }

    /// Get a session
    ///
    /// Returns the session as it was last computed, with the HTML snippet, for example to read
    /// the shipping price after the shopper changed the option in the widget. Reading never
    /// changes the session. A session token may read its own session.
    #[oai(
        path = "/v1/siw/session.get",
        method = "get",
        operation_id = "siwGetSession"
    )]
    async fn get_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        /// The session id (a UUID).
        id: Query<Option<String>>,
    ) -> Result<Json<wire::SessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let id = shared::session_id(id.0.as_deref().unwrap_or_default(), "id")?;
        caller.authorize(Some(id), Access::Read)?;
        let session = self.backend.sessions().get(caller.tenant_key(), id).await?;
        trace::note_session(session.id);
        Ok(Json(mapping::session_response(
            &session,
            self.backend.public_base_url(),
        )))
    }
}
