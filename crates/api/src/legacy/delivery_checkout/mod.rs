//! The Delivery Checkout API (`/v1/delivery_checkout/`): sessions split into delivery groups,
//! one per shipment, each with its own selection, price and transport order.
//!
//! Operation naming rule: `operation_id` is `deliveryCheckout` followed by the method in
//! UpperCamelCase (`session.create` is `deliveryCheckoutCreateSession`). Callers send no etag:
//! every write applies to the version it reads (`Condition::AsRead`), so a concurrent change
//! answers 409.

pub mod mapping;
pub mod model;

use poem::web::RemoteAddr;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{OpenApi, Tags};

use crate::common::{trace, ApiError, JsonBody};
use service::{Access, Condition, CreateSession, NewSession, ServiceError};

use super::shared::{sent, session_id, Backend, LegacyAuth};
use model as wire;

#[derive(Tags)]
enum DeliveryCheckoutTags {
    /// Sessions split into delivery groups: create, update, complete, get and pull.
    #[oai(rename = "Delivery Checkout")]
    DeliveryCheckout,
}

pub struct DeliveryCheckoutApi {
    backend: Backend,
}

impl DeliveryCheckoutApi {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }
}

/// The Delivery Checkout spec's constraints beyond its wire types (see `common::spec_rules`).
pub fn spec_rules(spec: &mut crate::common::spec_rules::Spec) {
    use super::shared::spec::{
        country_required, external_id, purchase, request_cart, session_id, shared,
    };
    use crate::common::spec_rules::not_blank;
    use serde_json::json;

    shared(spec);
    request_cart(spec.member("DeliveryCheckoutUpdateSessionRequest.cart"));
    request_cart(spec.member("DeliveryCheckoutUpdateSessionRequest.carts"));
    purchase(spec, "DeliveryCheckoutCreateSessionRequest");
    country_required(spec.member("DeliveryCheckoutCreateSessionRequest.search_address"));
    country_required(spec.member("DeliveryCheckoutUpdateSessionRequest.search_address"));
    for schema in [
        "DeliveryCheckoutUpdateSessionRequest",
        "DeliveryCheckoutCompleteSessionRequest",
    ] {
        spec.member(&format!("{schema}.checkout_session_id"))
            .with(session_id(true));
        external_id(spec, schema);
    }
    spec.member("DeliveryCheckoutCompleteSessionRequest.customer")
        .requires(&[("address", "object")]);
    for member in ["delivery_group_id", "shipping_method"] {
        spec.member(&format!("DeliveryGroupChoice.{member}"))
            .with(json!({ "pattern": not_blank() }));
    }
    for op in ["deliveryCheckoutGetSession", "deliveryCheckoutPullSession"] {
        spec.param(op, "checkout_session_id").with(session_id(true));
    }
}

#[OpenApi(tag = "DeliveryCheckoutTags::DeliveryCheckout")]
impl DeliveryCheckoutApi {
    /// Create a session
    ///
    /// Starts a session for a cart and returns it with the option each delivery group ships
    /// with, the HTML that embeds the shipping selector, and the session token the selector
    /// uses. Items are grouped by `site_external_id` and shipping date; with neither differing
    /// there is one group. A `site_external_id` that names one of the merchant's warehouses
    /// ships its group from there, and a shipping date delays the group's promises.
    #[oai(
        path = "/v1/delivery_checkout/session.create",
        method = "post",
        operation_id = "deliveryCheckoutCreateSession"
    )]
    async fn create_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CreateSessionRequest>,
    ) -> Result<Json<wire::CreateSessionResponse>, ApiError> {
        let caller = self.backend.merchant(&auth, remote).await?;
        let raw = body.raw()?;
        let request = JsonBody::<wire::CreateSessionRequest>::typed(&raw)?;
        let cart =
            mapping::create(request, sent(&raw, "cart")).map_err(ServiceError::invalid_all)?;
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
        Ok(Json(wire::CreateSessionResponse {
            session: mapping::session_to_wire(&session),
            html_snippet: crate::legacy::shared::snippet::html_snippet(
                &session,
                self.backend.public_base_url(),
            ),
            token: session.token.clone(),
        }))
    }

    /// Update a session
    ///
    /// Replaces the cart (`cart`, or the older spelling `carts`), the search address, the
    /// customer or the merchant's reference, and recomputes what each delivery group is
    /// offered; fields left out keep their values. `choices` (an addition of this service)
    /// picks an option per delivery group on the recomputed offer; an option no longer offered
    /// is answered with 400 naming the choice. A change made by another request since this one
    /// read the session answers 409: read it again and retry.
    #[oai(
        path = "/v1/delivery_checkout/session.update",
        method = "post",
        operation_id = "deliveryCheckoutUpdateSession"
    )]
    async fn update_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::UpdateSessionRequest>,
    ) -> Result<Json<wire::SessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let request = body.value()?;
        let id = session_id(&request.checkout_session_id, "checkout_session_id")?;
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
    /// Records the customer (required, with an address and its country) and the merchant's
    /// reference, completes every delivery group with its chosen option, else the preselected
    /// one, and freezes the session. Each group gets its own transport order, whose id is the
    /// group's `tos_id`. Without a search address the options are first computed for the
    /// customer's address. A completed session can no longer change (400).
    #[oai(
        path = "/v1/delivery_checkout/session.complete",
        method = "post",
        operation_id = "deliveryCheckoutCompleteSession"
    )]
    async fn complete_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteSessionRequest>,
    ) -> Result<Json<wire::CompleteSessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let raw = body.raw()?;
        let request = JsonBody::<wire::CompleteSessionRequest>::typed(&raw)?;
        let id = session_id(&request.checkout_session_id, "checkout_session_id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let complete = mapping::completion(request, sent(&raw, "customer"))
            .map_err(ServiceError::invalid_all)?;
        let session = self
            .backend
            .sessions()
            .complete(caller.tenant_key(), id, Condition::AsRead, complete)
            .await?;
        trace::note_session(session.id);
        Ok(Json(wire::CompleteSessionResponse {
            session: mapping::session_to_wire(&session),
        }))
    }

    /// Get a session
    ///
    /// Returns the session exactly as last stored, with the HTML that embeds its shipping
    /// selector. Reading never recomputes or changes it; use `session.pull` for fresh options.
    /// The session token may read its own session.
    #[oai(
        path = "/v1/delivery_checkout/session.get",
        method = "get",
        operation_id = "deliveryCheckoutGetSession"
    )]
    async fn get_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        /// The session, `VM2-` and 32 hex digits.
        checkout_session_id: Query<String>,
    ) -> Result<Json<wire::SessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let id = session_id(&checkout_session_id.0, "checkout_session_id")?;
        caller.authorize(Some(id), Access::Read)?;
        let session = self.backend.sessions().get(caller.tenant_key(), id).await?;
        trace::note_session(session.id);
        Ok(Json(mapping::session_response(
            &session,
            self.backend.public_base_url(),
        )))
    }

    /// Pull a session
    ///
    /// Recomputes an active session's options with the current configuration and time (expired
    /// time slots are replaced, choices still offered are kept) and returns it with the HTML
    /// that embeds its shipping selector. Unlike `session.get` this writes, so a change made by
    /// another request at the same time answers 409. A completed session is returned as it is.
    #[oai(
        path = "/v1/delivery_checkout/session.pull",
        method = "get",
        operation_id = "deliveryCheckoutPullSession"
    )]
    async fn pull_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        /// The session, `VM2-` and 32 hex digits.
        checkout_session_id: Query<String>,
    ) -> Result<Json<wire::SessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let id = session_id(&checkout_session_id.0, "checkout_session_id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let session = self
            .backend
            .sessions()
            .pull(caller.tenant_key(), id)
            .await?;
        trace::note_session(session.id);
        Ok(Json(mapping::session_response(
            &session,
            self.backend.public_base_url(),
        )))
    }
}
