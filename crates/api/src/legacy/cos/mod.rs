//! The COS API (`/v1/cos/`): sessions with choices, shipping categories and options, the result
//! of the selection, pickup-location search and transport-order re-opening.
//!
//! Operation naming rule: `operation_id` is `cos` followed by the reference's method in
//! lowerCamelCase (`cosCreateSession`, `cosCompleteSessionAndPromote`). Writes apply to the
//! version they read (`Condition::AsRead`), so a concurrent change answers 409.

pub mod mapping;
pub mod model;

use poem::web::RemoteAddr;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{OpenApi, Tags};

use super::shared::model as shared_wire;
use super::shared::{invalid, parse, session_id, Backend, LegacyAuth};
use crate::common::{trace, ApiError, JsonBody};
use domain::{LocationQuery, Session, SessionId, TransportOrderId, Violations};
use model as wire;
use service::{
    Access, AddLocation, Caller, Complete, Condition, CreateFromOrder, CreateSession, Expect,
    LocationSearch, NewSession, ServiceError, ShipFrom,
};

#[derive(Tags)]
enum CosTags {
    /// COS sessions: create, update, read, complete, re-open from a transport order.
    #[oai(rename = "COS sessions")]
    Sessions,
    /// Pickup locations a customer can search for and add to a session.
    #[oai(rename = "COS locations")]
    Locations,
}

pub struct CosApi {
    backend: Backend,
}

impl CosApi {
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }

    async fn complete(
        &self,
        caller: &Caller,
        id: SessionId,
        complete: Complete,
    ) -> Result<Session, ApiError> {
        Ok(self
            .backend
            .sessions()
            .complete(caller.tenant_key(), id, Condition::AsRead, complete)
            .await?)
    }
}

fn session(s: &Session) -> wire::Session {
    trace::note_session(s.id);
    mapping::session_to_wire(s)
}

/// The completion a complete request asks for: the customer (required, with an address), the
/// merchant's reference and the warehouse to ship from.
fn completion(
    customer: Option<shared_wire::Customer>,
    customer_info: Option<shared_wire::Customer>,
    warehouse_id: Option<&str>,
    external_id: Option<&str>,
) -> Result<Complete, ApiError> {
    let mut v = Violations::new();
    if matches!(warehouse_id, Some(w) if w.trim().is_empty()) {
        v.push("warehouse_id", "must not be empty when given");
    }
    let external_id = external_id.and_then(|e| parse::external_id(e, "external_id", &mut v));
    let customer = parse::required_customer(customer, customer_info, &mut v);
    if !v.is_empty() {
        return Err(invalid(v));
    }
    Ok(Complete {
        customer,
        external_id: external_id.map(Some),
        ship_from: warehouse_id.map(|w| ShipFrom {
            warehouse: w.trim().to_owned(),
            field: "warehouse_id",
        }),
        ..Complete::default()
    })
}

/// The COS spec's constraints beyond its wire types (see `common::spec_rules`).
pub fn spec_rules(spec: &mut crate::common::spec_rules::Spec) {
    use super::shared::spec::{
        completing_customer, country_required, external_id, locales, purchase, request_cart,
        session_id, shared,
    };
    use crate::common::spec_rules::{countries, exactly, not_blank, or_blank, ULID, UUID};
    use serde_json::json;

    shared(spec);
    request_cart(spec.member("UpdateSessionRequest.cart"));
    purchase(spec, "CreateSessionRequest");
    country_required(spec.member("CreateSessionRequest.search_address"));
    country_required(spec.member("UpdateSessionRequest.search_address"));
    external_id(spec, "UpdateSessionRequest");
    for schema in [
        "UpdateSessionRequest",
        "CompleteSessionRequest",
        "CompleteSessionAndPromoteToOrderRequest",
        "CompleteSessionAndUpdateOrderRequest",
        "AddLocationToSessionRequest",
    ] {
        spec.member(&format!("{schema}.id")).with(session_id(false));
    }
    for schema in [
        "CompleteSessionRequest",
        "CompleteSessionAndPromoteToOrderRequest",
        "CompleteSessionAndUpdateOrderRequest",
    ] {
        completing_customer(spec, schema);
        external_id(spec, schema);
    }
    for schema in [
        "CompleteSessionAndPromoteToOrderRequest",
        "CompleteSessionAndUpdateOrderRequest",
    ] {
        spec.member(&format!("{schema}.warehouse_id"))
            .with(json!({ "pattern": not_blank() }));
    }
    spec.member("CompleteSessionAndUpdateOrderRequest.tos_id")
        .with(json!({ "pattern": or_blank(ULID) }));
    spec.member("CreateSessionFromOrderRequest.tos_id")
        .with(json!({ "pattern": exactly(ULID) }));
    locales(spec, "CreateSessionFromOrderRequest");
    external_id(spec, "CreateSessionFromOrderRequest");
    for member in ["shipping_method", "location_ref"] {
        spec.member(&format!("AddLocationToSessionRequest.{member}"))
            .with(json!({ "pattern": not_blank() }));
    }
    spec.required_param("cosGetSession", "id")
        .with(session_id(false));
    spec.param("cosSearchLocations", "id")
        .with(json!({ "pattern": or_blank(UUID) }));
    spec.param("cosSearchLocations", "country")
        .with(json!({ "pattern": or_blank(countries()) }));
    spec.param("cosSearchLocations", "limit")
        .with(json!({ "minimum": 1, "maximum": 100 }));
}

#[OpenApi]
impl CosApi {
    /// Create a session
    ///
    /// Creates a session from the purchase country, currency, locales and cart. Without a
    /// search address the choices come from the merchant's shipping categories and there are no
    /// shipping options yet; with a postal code the options are real, and with a street or
    /// coordinates each pickup location also has its walking and driving distance.
    #[oai(
        path = "/v1/cos/session.create",
        method = "post",
        operation_id = "cosCreateSession",
        tag = "CosTags::Sessions"
    )]
    async fn create_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CreateSessionRequest>,
    ) -> Result<Json<wire::CreateSessionResponse>, ApiError> {
        let caller = self.backend.merchant(&auth, remote).await?;
        let cart = mapping::create(body.value()?).map_err(ServiceError::invalid_all)?;
        let create = CreateSession {
            id: None,
            content: NewSession::Cart(cart),
            request: None,
        };
        let s = self
            .backend
            .sessions()
            .create(caller.tenant_key(), create)
            .await?;
        Ok(Json(wire::CreateSessionResponse {
            session: session(&s),
        }))
    }

    /// Update a session
    ///
    /// Changes the cart, the search address, the customer, the courier notes or the external
    /// id; fields left out keep their values. The options are computed again, and a
    /// `user_choice` must then be one of the session's `choices`, or the request is refused and
    /// nothing changes.
    #[oai(
        path = "/v1/cos/session.update",
        method = "post",
        operation_id = "cosUpdateSession",
        tag = "CosTags::Sessions"
    )]
    async fn update_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::UpdateSessionRequest>,
    ) -> Result<Json<wire::UpdateSessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let req = body.value()?;
        let id = session_id(&req.id, "id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let update = mapping::update(req).map_err(ServiceError::invalid_all)?;
        let s = self
            .backend
            .sessions()
            .update(caller.tenant_key(), id, Condition::AsRead, update)
            .await?;
        Ok(Json(wire::UpdateSessionResponse {
            session: session(&s),
        }))
    }

    /// Get a session
    ///
    /// Returns the session's current state, for example after the checkout page reloads. When
    /// some of its options have expired (a warehouse cutoff passed) or the rules changed, the
    /// options and choices are computed again before answering.
    #[oai(
        path = "/v1/cos/session.get",
        method = "get",
        operation_id = "cosGetSession",
        tag = "CosTags::Sessions"
    )]
    async fn get_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        /// The session id (a UUID).
        id: Query<Option<String>>,
    ) -> Result<Json<wire::GetSessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let id = session_id(id.0.as_deref().unwrap_or_default(), "id")?;
        caller.authorize(Some(id), Access::Read)?;
        let s = self
            .backend
            .sessions()
            .get_fresh(caller.tenant_key(), id)
            .await?;
        Ok(Json(wire::GetSessionResponse {
            session: session(&s),
        }))
    }

    /// Complete a session
    ///
    /// Completes the session with the customer (required, with an address): the customer's
    /// choice, else the preselected option, becomes a transport order whose id is the
    /// session's `tos_id`. The session's status becomes `COMPLETE` and it cannot change again.
    #[oai(
        path = "/v1/cos/session.complete",
        method = "post",
        operation_id = "cosCompleteSession",
        tag = "CosTags::Sessions"
    )]
    async fn complete_session(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteSessionRequest>,
    ) -> Result<Json<wire::CompleteSessionResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let req = body.value()?;
        let id = session_id(&req.id, "id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let complete = completion(
            req.customer,
            req.customer_info,
            None,
            req.external_id.as_deref(),
        )?;
        let s = self.complete(&caller, id, complete).await?;
        Ok(Json(wire::CompleteSessionResponse {
            session: session(&s),
        }))
    }

    /// Complete a session and promote it to an order
    ///
    /// Completes the session like `session.complete` and answers with the transport order's
    /// id beside the session. `warehouse_id` ships the order from that warehouse.
    #[oai(
        path = "/v1/cos/session.completeAndPromote",
        method = "post",
        operation_id = "cosCompleteSessionAndPromote",
        tag = "CosTags::Sessions"
    )]
    async fn complete_and_promote(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteAndPromoteRequest>,
    ) -> Result<Json<wire::CompleteAndPromoteResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let req = body.value()?;
        let id = session_id(&req.id, "id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let complete = completion(
            req.customer,
            req.customer_info,
            req.warehouse_id.as_deref(),
            req.external_id.as_deref(),
        )?;
        let s = self.complete(&caller, id, complete).await?;
        let wire = session(&s);
        Ok(Json(wire::CompleteAndPromoteResponse {
            tos_id: wire.tos_id.clone().unwrap_or_default(),
            session: wire,
        }))
    }

    /// Create a session from an order
    ///
    /// Opens a new session from a transport order (`tos_id`) to change what was ordered: the
    /// same purchase, cart and recipient, with the ordered option chosen while it is still
    /// offered. Complete it with `session.completeAndUpdateOrder` to amend the order.
    #[oai(
        path = "/v1/cos/session.createFromOrder",
        method = "post",
        operation_id = "cosCreateSessionFromOrder",
        tag = "CosTags::Sessions"
    )]
    async fn create_from_order(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CreateFromOrderRequest>,
    ) -> Result<Json<wire::CreateFromOrderResponse>, ApiError> {
        let caller = self.backend.merchant(&auth, remote).await?;
        let req = body.value()?;
        let mut v = Violations::new();
        let order = if req.tos_id.trim().is_empty() {
            v.push("tos_id", "is required");
            None
        } else {
            TransportOrderId::parse(&req.tos_id)
                .map_err(|e| v.push("tos_id", e))
                .ok()
        };
        let locales = parse::locales(
            req.locale.as_deref(),
            &req.locales,
            "locale",
            "locales",
            &mut v,
        );
        let external_id = req
            .external_id
            .and_then(|e| parse::external_id(&e, "external_id", &mut v));
        let Some(order) = order.filter(|_| v.is_empty()) else {
            return Err(invalid(v));
        };
        let s = self
            .backend
            .sessions()
            .create_from_order(
                caller.tenant_key(),
                CreateFromOrder {
                    order,
                    locales: Some(locales),
                    external_id,
                    request: None,
                },
            )
            .await?;
        Ok(Json(wire::CreateFromOrderResponse {
            session: session(&s),
        }))
    }

    /// Complete a session and update its order
    ///
    /// Completes a session opened with `session.createFromOrder`: instead of a new transport
    /// order, the one it re-opens is amended (its version goes up and its history keeps the
    /// earlier one). A `tos_id`, when given, must be that order.
    #[oai(
        path = "/v1/cos/session.completeAndUpdateOrder",
        method = "post",
        operation_id = "cosCompleteSessionAndUpdateOrder",
        tag = "CosTags::Sessions"
    )]
    async fn complete_and_update_order(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::CompleteAndUpdateOrderRequest>,
    ) -> Result<Json<wire::CompleteAndUpdateOrderResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let req = body.value()?;
        let id = session_id(&req.id, "id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let mut complete = completion(
            req.customer,
            req.customer_info,
            req.warehouse_id.as_deref(),
            req.external_id.as_deref(),
        )?;
        let tos_id = req
            .tos_id
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| TransportOrderId::parse(t).map_err(|e| ServiceError::invalid("tos_id", e)))
            .transpose()?;
        complete.expect = Expect::ReopenedOrder { tos_id };
        let s = self.complete(&caller, id, complete).await?;
        Ok(Json(wire::CompleteAndUpdateOrderResponse {
            session: session(&s),
        }))
    }

    /// Add a location to a session
    ///
    /// Adds a pickup location that `location.search` found to the options of the shipping
    /// method that serves it, with its distance from the search address, so the customer can
    /// choose it although it is not among the nearest.
    #[oai(
        path = "/v1/cos/session.addLocation",
        method = "post",
        operation_id = "cosAddLocationToSession",
        tag = "CosTags::Locations"
    )]
    async fn add_location(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        body: JsonBody<wire::AddLocationRequest>,
    ) -> Result<Json<wire::AddLocationResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let req = body.value()?;
        let id = session_id(&req.id, "id")?;
        caller.authorize(Some(id), Access::Merchant)?;
        let mut v = Violations::new();
        if req.shipping_method.trim().is_empty() {
            v.push("shipping_method", "is required");
        }
        if req.location_ref.trim().is_empty() {
            v.push("location_ref", "is required");
        }
        if !v.is_empty() {
            return Err(invalid(v));
        }
        let add = AddLocation {
            shipping_method: req.shipping_method.trim().to_owned(),
            location_ref: req.location_ref.trim().to_owned(),
        };
        let s = self
            .backend
            .sessions()
            .add_location(caller.tenant_key(), id, Condition::AsRead, add)
            .await?;
        Ok(Json(wire::AddLocationResponse {
            session: session(&s),
        }))
    }

    /// Search pickup locations
    ///
    /// Finds the merchant's pickup locations whose name, id, street, city or postal code
    /// contains `query`, served by one of the merchant's shipping methods. With a session `id`
    /// the search is around its search address and in its country; otherwise around
    /// `postal_code` in `country` when given. Nearest first.
    #[oai(
        path = "/v1/cos/location.search",
        method = "get",
        operation_id = "cosSearchLocations",
        tag = "CosTags::Locations"
    )]
    // poem-openapi takes each query parameter as an argument of its own.
    #[allow(clippy::too_many_arguments)]
    async fn search_locations(
        &self,
        auth: LegacyAuth,
        remote: &RemoteAddr,
        /// A session whose search address the search is around.
        id: Query<Option<String>>,
        /// Text to find in the name, id, street, city or postal code.
        query: Query<Option<String>>,
        /// Only locations of this shipping method.
        shipping_method: Query<Option<String>>,
        /// ISO 3166-1 alpha-2 country of the locations.
        country: Query<Option<String>>,
        /// Search around this postal code (with `country`).
        postal_code: Query<Option<String>>,
        /// At most this many locations (default 20, at most 100).
        limit: Query<Option<i32>>,
    ) -> Result<Json<wire::LocationSearchResponse>, ApiError> {
        let caller = self.backend.caller(&auth, remote).await?;
        let mut v = Violations::new();
        let limit = match limit.0 {
            None => 20,
            Some(n) if (1..=100).contains(&n) => n as usize,
            Some(_) => {
                v.push("limit", "must be between 1 and 100");
                0
            }
        };
        let country = country.0.filter(|c| !c.trim().is_empty());
        if let Some(c) = &country {
            parse::country(Some(c), "country", &mut v);
        }
        let around =
            id.0.filter(|i| !i.trim().is_empty())
                .and_then(|i| parse::session_id(&i, "id", &mut v));
        if !v.is_empty() {
            return Err(invalid(v));
        }
        caller.authorize(around, Access::Merchant)?;
        let search = LocationSearch {
            query: LocationQuery {
                text: query.0,
                shipping_method: shipping_method.0.filter(|m| !m.trim().is_empty()),
                country_code: country,
                near: None,
                postal_code: postal_code.0.filter(|p| !p.trim().is_empty()),
                limit,
            },
            around,
        };
        let found = self
            .backend
            .sessions()
            .search_locations(caller.tenant_key(), search)
            .await?;
        Ok(Json(wire::LocationSearchResponse {
            locations: found.iter().map(mapping::search_location).collect(),
        }))
    }
}
